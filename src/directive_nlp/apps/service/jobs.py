"""Extraction jobs: reading an upload as the CLI reads the same file, extracting it."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import os
from dataclasses import replace
from functools import cache
from typing import Any


from directive_nlp.errors import (
    DirectiveNLPError,
)
from directive_nlp.io.reading import Source, decode_bytes

from directive_nlp.apps.service.errors import _dumps

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- extraction jobs


@cache
def _formats() -> Any | None:
    """The ``directive_nlp.io.formats`` module (HTML/DOCX/PDF readers) when installed, else None."""
    if importlib.util.find_spec("directive_nlp.io.formats") is None:
        return None
    return importlib.import_module("directive_nlp.io.formats")


#: Upload content types that name a format when the filename does not.
_FORMAT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def _upload_suffix(data: bytes, filename: str | None, content_type: str | None, formats: Any) -> str | None:
    """The format suffix of an upload: from its filename, else its content type, else its bytes.

    None means plain text (read as ``read_source`` reads a .txt file).
    """
    if filename and formats.format_of(filename) is not None:
        suffix = os.path.splitext(filename)[1].lower()
        return None if formats.format_of(filename) == "text" else suffix
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in _FORMAT_TYPES:
        return _FORMAT_TYPES[media]
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return ".docx"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return None


def _source_from_upload(
    data: bytes, filename: str | None, content_type: str | None, max_bytes: int
) -> tuple[Source, dict[str, Any]]:
    """Read uploaded bytes as the CLI reads the same file: (source, hints).

    Text is decoded by ``decode_bytes`` (the encodings and errors of ``read_source``); HTML, DOCX
    and PDF go through ``directive_nlp.io.formats.read_any`` when that module is installed (otherwise
    they are read as text, and a PDF/DOCX is refused as binary like the CLI's ``extract``).
    """
    formats = _formats()
    suffix = _upload_suffix(data, filename, content_type, formats) if formats is not None else None
    if suffix is None:
        text, encoding = decode_bytes(data, filename)
        return Source(filename, text, encoding, hashlib.sha256(data).hexdigest(), len(data)), {}
    name = filename if filename and filename.lower().endswith(suffix) else f"{filename or 'upload'}{suffix}"
    try:
        source, hints = formats.read_any(name, max_bytes=max_bytes, data=data)
    except DirectiveNLPError as exc:
        exc.path = filename  # name the upload as the client did
        raise
    return replace(source, path=filename), dict(hints or {})


def _extract_job(
    nlp: Any,
    data: bytes,
    filename: str | None,
    published_at: str | None,
    tokens: bool,
    max_bytes: int,
    content_type: str | None = None,
    upload: bool = False,
    view: bool = False,
) -> bytes:
    """Decode and extract one document; the JSON answer as bytes (runs in a worker process), or
    with ``view`` the page of ``directive-nlp show`` for it."""
    from directive_nlp.nlp.pipeline import extract

    if upload:
        source, hints = _source_from_upload(data, filename, content_type, max_bytes)
    else:
        text, encoding = decode_bytes(data, filename)
        source, hints = Source(filename, text, encoding, hashlib.sha256(data).hexdigest(), len(data)), {}
    published = published_at or hints.get("published_at")
    result = extract(source, nlp=nlp, published_at=published, tokens=tokens)
    if view:
        from directive_nlp.apps.web import view_page

        return view_page(result, source.text, filename).encode("utf-8")
    return _dumps(result)



# --------------------------------------------------------------------------- in the worker process

_LOADED: dict[str, Any] = {}


def init_worker(model: str | None, log_level: str | None) -> None:
    """Start an extraction process: its logging, then the pipeline (and its CRF models)."""
    from directive_nlp.nlp.pipeline import extract, load

    if log_level:
        from directive_nlp.apps.service.app import setup_logging

        setup_logging(log_level)
    _LOADED["nlp"] = load(model)
    extract("Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021.", nlp=_LOADED["nlp"])  # loads the CRF models


def extract_task(task: dict[str, Any]) -> bytes:
    """The worker's function: ``task`` holds the arguments of :func:`_extract_job` but the pipeline."""
    return _extract_job(_LOADED["nlp"], **task)
