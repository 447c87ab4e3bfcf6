"""Listing what an output folder holds: the manifest, or the JSON files."""
from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from directive_nlp.errors import (
    IndexSourceError,
)

if TYPE_CHECKING:  # pragma: no cover
    pass

from directive_nlp.apps.index.columns import _DOCS, _MANIFEST

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- listing


@dataclass(frozen=True, slots=True)
class _Entry:
    json_path: Path
    sha256: str | None
    fingerprint: str


def _list_manifest(out: Path) -> dict[str, _Entry]:
    uri = out.joinpath(_MANIFEST).resolve().as_uri() + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=30.0)
        try:
            rows = db.execute("SELECT key, sha256, version FROM files WHERE status = 'ok'").fetchall()
        finally:
            db.close()
    except sqlite3.Error as err:
        raise IndexSourceError(str(out / _MANIFEST), f"cannot read the batch manifest ({err})") from None
    docs = out / _DOCS
    return {str(k): _Entry(docs / f"{k}.json", sha, str(v)) for k, sha, v in rows}


def _list_files(base: Path) -> dict[str, _Entry]:
    found: dict[str, _Entry] = {}
    stack = [(base, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as err:
            log.warning("%s: cannot list (%s)", folder, err.strerror or err)
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            rel = f"{prefix}{e.name}"
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append((Path(e.path), rel + "/"))
                elif e.name.endswith(".json") and e.is_file():
                    st = e.stat()
                    found[rel[: -len(".json")]] = _Entry(Path(e.path), None, f"{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                continue
    return found


def _listing(out: Path) -> tuple[dict[str, _Entry], str]:
    if not out.exists():
        raise IndexSourceError(str(out), "no such folder")
    if not out.is_dir():
        raise IndexSourceError(str(out), "not a folder (give the batch output folder)")
    if (out / _MANIFEST).is_file():
        return _list_manifest(out), "manifest"
    base = out / _DOCS if (out / _DOCS).is_dir() else out
    entries = _list_files(base)
    if not entries:
        raise IndexSourceError(str(out), "no results here (not a 'directive-nlp batch' output folder)")
    return entries, "files"


