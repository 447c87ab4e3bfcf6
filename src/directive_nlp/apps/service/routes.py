"""The endpoints: one document, a batch, the output schema, health."""

from __future__ import annotations

import asyncio
import logging
from functools import cache
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from directive_nlp import SCHEMA_VERSION, __version__
from directive_nlp.apps.service.errors import (
    ApiError,
    _BodyTooLarge,
    _dumps,
    _error_data,
    _input_error,
    _is_json,
    _media_type,
    _unsupported,
    _validation_message,
)
from directive_nlp.apps.service.models import ExtractRequest, _BatchEnvelope, _UploadFields
from directive_nlp.apps.service.openapi import _error_responses, _ref
from directive_nlp.apps.service.runtime import Runtime, runtime_of
from directive_nlp.apps.service.settings import Settings
from directive_nlp.errors import DirectiveNLPError
from directive_nlp.schema import load_schema

__all__ = ["add_routes"]

log = logging.getLogger("directive_nlp.apps.service")


@cache
def _schema_bytes() -> bytes:
    return _dumps(load_schema())


# --------------------------------------------------------------------------- reading requests


async def extract_one(request: Request, data: bytes, filename: str | None, published_at: str | None,
                      tokens: bool, timeout: float, content_type: str | None = None, upload: bool = False,
                      view: bool = False) -> bytes:
    """One document extracted in a worker process: its JSON answer (or with ``view`` the HTML
    page of ``directive-nlp show``), or ApiError."""
    settings: Settings = request.app.state.settings
    runtime = await runtime_of(request.app)
    what = filename or "document"
    task = {"data": data, "filename": filename, "published_at": published_at, "tokens": tokens,
            "max_bytes": settings.max_bytes, "content_type": content_type, "upload": upload}
    if view:
        task["view"] = True
    try:
        return await runtime.run(task, timeout, what)
    except ApiError:
        raise
    except DirectiveNLPError as exc:
        raise _input_error(exc) from None
    except Exception:
        log.exception("%s: extraction failed", what)
        raise ApiError(500, "internal", "internal error") from None


async def read_json(request: Request) -> bytes:
    media = _media_type(request)
    if not _is_json(media):
        raise _unsupported(media, "application/json")
    return await request.body()


def _upload_parts(form: Any) -> tuple[UploadFile, _UploadFields]:
    """The 'file' part and the validated text fields of a multipart form."""
    upload = form.get("file")
    if upload is None:
        raise ApiError(422, "invalid_request", "multipart body needs a 'file' part (the document)")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "invalid_request", "'file' must be a file part (with a filename)")
    others = [(k, v) for k, v in form.multi_items() if k != "file"]
    if (
        len(form.getlist("file")) > 1
        or len({k for k, _ in others}) != len(others)
        or any(not isinstance(v, str) for _, v in others)
    ):
        raise ApiError(422, "invalid_request", "one 'file' part and single text fields are accepted")
    try:
        opts = _UploadFields.model_validate(dict(others))
    except ValidationError as err:
        raise ApiError(422, "invalid_request", _validation_message(err)) from None
    if upload.filename is not None and len(upload.filename) > 1024:
        raise ApiError(422, "invalid_request", "filename: longer than 1024 characters")
    return upload, opts


async def read_upload(request: Request) -> tuple[bytes, str | None, str | None, _UploadFields]:
    try:
        form = await request.form(max_files=1, max_fields=16, max_part_size=64 * 1024)
    except _BodyTooLarge:
        raise
    except StarletteHTTPException as exc:
        raise ApiError(422, "invalid_request", f"malformed multipart body: {exc.detail}") from None
    try:
        upload, opts = _upload_parts(form)
        data = await upload.read()
        return data, upload.filename or None, upload.content_type, opts
    finally:
        await form.close()


# --------------------------------------------------------------------------- endpoints


async def extract_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    media = _media_type(request)
    if media == "multipart/form-data":
        data, filename, content_type, opts = await read_upload(request)
        out = await extract_one(request, data, filename, opts.published_at, opts.tokens, settings.timeout,
                                content_type=content_type, upload=True)
    elif _is_json(media):
        body = await request.body()
        try:
            req = ExtractRequest.model_validate_json(body)
        except ValidationError as err:
            raise ApiError(422, "invalid_request", _validation_message(err)) from None
        data = req.text.encode("utf-8", errors="surrogatepass")
        out = await extract_one(request, data, req.filename, req.published_at, req.tokens, settings.timeout)
    else:
        raise _unsupported(media, "application/json or multipart/form-data")
    return Response(out, media_type="application/json")


async def batch_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    body = await read_json(request)
    try:
        envelope = _BatchEnvelope.model_validate_json(body)
    except ValidationError as err:
        raise ApiError(422, "invalid_request", _validation_message(err)) from None
    docs = envelope.documents
    if len(docs) > settings.max_batch:
        raise ApiError(422, "invalid_request", f"documents: at most {settings.max_batch} per batch (got {len(docs)})")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.batch_timeout
    parts: list[bytes] = []
    for i, item in enumerate(docs):
        try:
            req = ExtractRequest.model_validate(item)
        except ValidationError as err:
            parts.append(_dumps(_error_data("invalid_request", _validation_message(err, f"documents.{i}"))))
            continue
        remaining = deadline - loop.time()
        if remaining <= 0:
            parts.append(_dumps(_error_data(
                "timeout", f"documents.{i}: the batch's {settings.batch_timeout:g} s time limit was reached"
            )))
            continue
        try:
            data = req.text.encode("utf-8", errors="surrogatepass")
            parts.append(await extract_one(request, data, req.filename, req.published_at, req.tokens,
                                           min(settings.timeout, remaining)))
        except ApiError as exc:
            parts.append(_dumps(_error_data(exc.code, exc.message)))
    return Response(b'{"results":[' + b",".join(parts) + b"]}", media_type="application/json")


async def schema_endpoint() -> Response:
    return Response(_schema_bytes(), media_type="application/json")


async def health_endpoint(request: Request) -> Response:
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    data: dict[str, Any] = {"status": "ok" if runtime else "starting", "version": __version__,
                            "schema_version": SCHEMA_VERSION}
    if runtime is not None:
        data["extraction"] = runtime.stats()
    return Response(_dumps(data), status_code=200 if runtime else 503, media_type="application/json")


# --------------------------------------------------------------------------- registration


def add_routes(app: FastAPI, settings: Settings) -> None:
    """Register the endpoints with their OpenAPI descriptions (which name the limits)."""
    extraction_200 = {
        "description": "The extraction (the JSON of `directive-nlp extract`)",
        "content": {"application/json": {"schema": _ref("Extraction")}},
    }
    app.add_api_route(
        "/v1/extract", extract_endpoint, methods=["POST"], summary="Extract one document",
        description=("Send the document as JSON (`text`) or as a multipart upload (`file`). The answer is the "
                     "JSON that `directive-nlp extract` prints for the same input."),
        responses={200: extraction_200, **_error_responses(413, 415, 422, 500, 504)},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("ExtractRequest")},
            "multipart/form-data": {"schema": _ref("ExtractUpload")},
        }}},
    )
    app.add_api_route(
        "/v1/extract/batch", batch_endpoint, methods=["POST"], summary="Extract several documents",
        description=(
            f"Up to {settings.max_batch} documents. `results[i]` answers `documents[i]`: its extraction, "
            "or `{error: {code, message}}` when that document failed (never dropped). Each document "
            f"has the {settings.timeout:g} s time limit; the whole batch {settings.batch_timeout:g} s."
        ),
        responses={200: {"description": "One result per document",
                         "content": {"application/json": {"schema": _ref("BatchResponse")}}},
                   **_error_responses(413, 415, 422, 500)},
        openapi_extra={"requestBody": {"required": True,
                                       "content": {"application/json": {"schema": _ref("BatchRequest")}}}},
    )
    app.add_api_route(
        "/v1/schema", schema_endpoint, methods=["GET"], summary="The output JSON Schema",
        responses={200: {"description": "JSON Schema (draft 2020-12) of every extraction",
                         "content": {"application/json": {"schema": {"type": "object"}}}}},
    )
    app.add_api_route(
        "/healthz", health_endpoint, methods=["GET"], summary="Liveness and readiness",
        responses={
            200: {"description": "Serving", "content": {"application/json": {"schema": _ref("Health")}}},
            503: {"description": "Pipeline not loaded yet", "content": {"application/json": {"schema": _ref("Health")}}},
        },
    )
