"""HTTP service: the extraction as a FastAPI application (``create_app(settings)``).

Endpoints (all errors are JSON ``{"error": {"code", "message"}}``, never a traceback):

* ``POST /v1/extract``: one document, as JSON ``{text, filename?, published_at?, tokens?}`` or as a
  ``multipart/form-data`` upload (part ``file``; optional fields ``published_at``, ``tokens``).
  The answer is the JSON that ``directive-nlp extract`` prints for the same input.
* ``POST /v1/extract/batch``: JSON ``{documents: [...]}`` (at most ``Settings.max_batch``) →
  ``{results: [...]}`` in input order; a document that fails has ``{error: {code, message}}`` in
  its place.
* ``GET /v1/schema`` (the output JSON Schema), ``GET /healthz``, ``GET /openapi.json``.

The pipeline is loaded once per process, in the application's lifespan. Extractions run in a
small thread pool so the event loop stays free; a request whose extraction is not done within
``Settings.timeout`` gets 504 at that moment (the thread finishes its document in the background:
Python threads cannot be killed).
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import importlib
import importlib.util
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields, replace
from functools import cache
from http import HTTPStatus
from typing import Any, AsyncIterator, Callable, Mapping

import regex
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from directive_nlp import SCHEMA_VERSION, __version__
from directive_nlp.errors import (
    BinaryInputError,
    DecodeError,
    DirectiveNLPError,
    EmptyInputError,
    TooLargeError,
)
from directive_nlp.io.reading import Source, decode_bytes
from directive_nlp.schema import load_schema

__all__ = ["Settings", "create_app", "ENV_PREFIX"]

log = logging.getLogger(__name__)

ENV_PREFIX = "DIRECTIVE_NLP_"
_MB = 1_000_000


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class Settings:
    """Service limits. ``from_env()`` reads ``DIRECTIVE_NLP_<FIELD>`` (upper case) variables.

    ``model`` is the folder of a saved pipeline (default: ``directive_nlp.nlp.pipeline.models_dir()``);
    ``threads`` is the number of extraction threads per worker process.
    """

    max_bytes: int = 5 * _MB
    timeout: float = 30.0
    batch_timeout: float = 300.0
    max_batch: int = 100
    threads: int = 2
    model: str | None = None
    log_level: str | None = None

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_batch", "threads"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer (got {value!r})")
        for name in ("timeout", "batch_timeout"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < 1e6:
                raise ValueError(f"{name} must be a positive number of seconds (got {value!r})")
        if self.log_level is not None and self.log_level.upper() not in logging.getLevelNamesMapping():
            raise ValueError(f"log_level must be a logging level name (got {self.log_level!r})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``DIRECTIVE_NLP_MAX_BYTES``, ``..._TIMEOUT`` etc.; defaults for the rest."""
        env = os.environ if environ is None else environ
        kinds: dict[str, Callable[[str], Any]] = {
            "max_bytes": int, "timeout": float, "batch_timeout": float, "max_batch": int, "threads": int,
            "model": str, "log_level": str,
        }
        values: dict[str, Any] = {}
        for f in fields(cls):
            var = ENV_PREFIX + f.name.upper()
            raw = env.get(var)
            if raw is None or raw.strip() == "":
                continue
            kind = kinds[f.name]
            try:
                values[f.name] = kind(raw.strip())
            except ValueError:
                raise ValueError(f"{var}={raw!r}: not {'an integer' if kind is int else 'a number'}") from None
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The environment variables that make ``from_env()`` return these settings."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[ENV_PREFIX + f.name.upper()] = str(value)
        return out


# --------------------------------------------------------------------------- errors


class ApiError(Exception):
    """An error answer: HTTP status, stable code, one-line message."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


class _BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` when the streamed body passes the limit (handled as 413)."""


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _error_data(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return Response(_dumps(_error_data(code, message)), status_code=status, media_type="application/json",
                    headers=dict(headers or {}))


def _mb(n: int) -> str:
    s = f"{n / _MB:.6f}".rstrip("0").rstrip(".")
    return s or "0"


def _input_error(exc: DirectiveNLPError) -> ApiError:
    """An input error of the reader as an API error (message = the CLI's "path: reason [code]")."""
    if isinstance(exc, TooLargeError):
        return ApiError(413, "payload_too_large", str(exc))
    if isinstance(exc, EmptyInputError):
        return ApiError(422, "empty_input", str(exc))
    if isinstance(exc, BinaryInputError):
        return ApiError(422, "binary_input", str(exc))
    if isinstance(exc, DecodeError):
        return ApiError(422, "undecodable", str(exc))
    # the format readers' errors: MalformedDocumentError -> "malformed_document", ...
    name = type(exc).__name__.removesuffix("Error")
    code = regex.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower() if name else ""
    return ApiError(422, code or "invalid_input", str(exc))


def _validation_message(err: ValidationError, where: str = "") -> str:
    items = err.errors(include_url=False, include_input=False, include_context=False)
    parts = []
    for e in items[:5]:
        loc = ".".join(str(x) for x in (where, *e["loc"]) if x != "")
        msg = str(e["msg"]).removeprefix("Value error, ")
        parts.append(f"{loc or 'request body'}: {msg}")
    if len(items) > 5:
        parts.append(f"and {len(items) - 5} more")
    return "; ".join(parts) or "invalid request"


# --------------------------------------------------------------------------- request models


@cache
def _iso_pattern() -> str:
    pattern: str = load_schema()["$defs"]["iso_value"]["pattern"]
    return pattern


def _check_published_at(value: str | None) -> str | None:
    """The value when it is an ISO 8601 date/date-time as the output schema allows."""
    if value is not None and not regex.fullmatch(_iso_pattern(), value, flags=regex.ASCII, timeout=1.0):
        raise ValueError("not an ISO 8601 date or date-time without time zone (e.g. 2021-05-28, 2021-05-28T14:30)")
    return value


def _iso_string(schema: dict[str, Any]) -> None:
    """Document the ISO pattern on the string branch of ``str | None``."""
    for alt in schema.get("anyOf", []):
        if alt.get("type") == "string":
            alt["pattern"] = _iso_pattern()


class ExtractRequest(BaseModel):
    """One document as JSON."""

    model_config = ConfigDict(extra="forbid", title="ExtractRequest")

    text: str = Field(min_length=1, description="the document text (as in a UTF-8 file)")
    filename: str | None = Field(None, max_length=1024, description="reported as source.path")
    published_at: str | None = Field(
        None,
        description="publication date/time when known (ISO 8601, e.g. 2021-05-28 or 2021-05-28T14:30)",
        json_schema_extra=_iso_string,
    )
    tokens: bool = Field(False, description="include sentences with their tokens and POS tags")

    _published = field_validator("published_at")(_check_published_at)


class _UploadFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    published_at: str | None = Field(
        None,
        description="publication date/time when known (ISO 8601)",
        json_schema_extra=_iso_string,
    )
    tokens: bool = Field(False, description="include sentences with their tokens and POS tags")

    _published = field_validator("published_at")(_check_published_at)


class _BatchEnvelope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[Any]


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
) -> bytes:
    """Decode and extract one document; the JSON answer as bytes (runs in a worker thread)."""
    from directive_nlp.nlp.pipeline import extract

    if upload:
        source, hints = _source_from_upload(data, filename, content_type, max_bytes)
    else:
        text, encoding = decode_bytes(data, filename)
        source, hints = Source(filename, text, encoding, hashlib.sha256(data).hexdigest(), len(data)), {}
    published = published_at or hints.get("published_at")
    return _dumps(extract(source, nlp=nlp, published_at=published, tokens=tokens))


class _Runtime:
    """The loaded pipeline and the extraction threads of one worker process."""

    def __init__(self, settings: Settings) -> None:
        from directive_nlp.nlp.pipeline import extract, load

        t0 = time.perf_counter()
        self.settings = settings
        self.nlp = load(settings.model)
        extract("Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021.", nlp=self.nlp)  # loads the CRF models
        self.executor = ThreadPoolExecutor(settings.threads, thread_name_prefix="directive-nlp-extract")
        self._lock = threading.Lock()
        self.running = 0
        self.overdue = 0
        self.done = 0
        log.info("pipeline loaded in %.2f s (pid %d)", time.perf_counter() - t0, os.getpid())

    def _tracked(self, job: Callable[[], bytes], state: dict[str, bool]) -> Callable[[], bytes]:
        def run() -> bytes:
            with self._lock:
                self.running += 1
            try:
                return job()
            finally:
                with self._lock:
                    self.running -= 1
                    self.done += 1
                    state["finished"] = True
                    if state.get("overdue"):
                        self.overdue -= 1

        return run

    async def run(self, job: Callable[[], bytes], timeout: float, what: str) -> bytes:
        """Run ``job`` in a thread; ApiError 504 when it is not done within ``timeout`` seconds."""
        state: dict[str, bool] = {}
        future = self.executor.submit(self._tracked(job, state))
        wrapped = asyncio.wrap_future(future)
        # a job that fails after its request gave up must not log "exception never retrieved"
        wrapped.add_done_callback(lambda f: f.cancelled() or f.exception())
        try:
            finished, _ = await asyncio.wait({wrapped}, timeout=timeout)
        except BaseException:  # the request was cancelled (client gone, shutdown)
            future.cancel()
            raise
        if not finished:
            if not future.cancel():  # already running: it finishes in the background
                with self._lock:
                    if not state.get("finished"):
                        state["overdue"] = True
                        self.overdue += 1
            log.warning("%s: extraction over the %g s time limit (answered 504)", what, timeout)
            raise ApiError(504, "timeout", f"{what}: extraction took longer than the {timeout:g} s time limit")
        return wrapped.result()

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"threads": self.settings.threads, "running": self.running, "overdue": self.overdue,
                    "done": self.done}

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- body size limit


class _BodyLimit:
    """ASGI middleware: 413 for a declared Content-Length or a streamed body over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return f"request body is over the {_mb(self.max_bytes)} MB limit"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for key, value in scope.get("headers", ()):
            if key == b"content-length":
                declared = value
                break
        if declared is not None:
            try:
                n = int(declared)
            except ValueError:
                n = -1
            if n < 0:
                response = _error_response(400, "bad_request", "invalid Content-Length header")
                await response(scope, receive, send)
                return
            if n > self.max_bytes:
                response = _error_response(413, "payload_too_large", self._message(),
                                           {"Connection": "close"})
                await response(scope, receive, send)
                return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(413, self._message())
            return message

        await self.app(scope, limited, send)


# --------------------------------------------------------------------------- OpenAPI


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _output_components(schema: Mapping[str, Any], root: str = "Extraction") -> dict[str, dict[str, Any]]:
    """The output JSON Schema as OpenAPI 3.1 components: ``root`` and ``root + Camel(def)``."""
    data = copy.deepcopy(dict(schema))
    defs: dict[str, Any] = data.pop("$defs", {})
    data.pop("$schema", None)
    data.pop("$id", None)
    names = {k: root + _camel(k) for k in defs}

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                    out[k] = "#/components/schemas/" + names[v[len("#/$defs/"):]]
                else:
                    out[k] = rewrite(v)
            return out
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    out = {root: rewrite(data)}
    for k, v in defs.items():
        out[names[k]] = rewrite(v)
    return out


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "description": "stable machine-readable code"},
                "message": {"type": "string", "description": "one line for humans"},
            },
        }
    },
}


def _error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    text = {
        413: "Request body over the size limit",
        415: "Content-Type is not accepted",
        422: "Invalid JSON, invalid fields, or a document that cannot be decoded",
        500: "Internal error (logged by the server)",
        504: "Extraction over its time limit",
    }
    return {s: {"description": text[s], "content": {"application/json": {"schema": _ref("Error")}}}
            for s in statuses}


def _component_schemas(settings: Settings) -> dict[str, dict[str, Any]]:
    comps = _output_components(load_schema())
    comps["Error"] = _ERROR_SCHEMA
    req = ExtractRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    comps["ExtractRequest"] = req
    upload_fields = _UploadFields.model_json_schema()["properties"]
    comps["ExtractUpload"] = {
        "title": "ExtractUpload",
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "the document: text in any encoding the CLI reads, or HTML, DOCX, PDF"},
            **upload_fields,
        },
    }
    comps["BatchRequest"] = {
        "title": "BatchRequest",
        "type": "object",
        "required": ["documents"],
        "additionalProperties": False,
        "properties": {
            "documents": {"type": "array", "maxItems": settings.max_batch, "items": _ref("ExtractRequest")}
        },
    }
    comps["BatchResponse"] = {
        "title": "BatchResponse",
        "type": "object",
        "required": ["results"],
        "additionalProperties": False,
        "properties": {
            "results": {
                "type": "array",
                "description": "one entry per input document, in order: its extraction or an error",
                "items": {"anyOf": [_ref("Extraction"), _ref("Error")]},
            }
        },
    }
    comps["Health"] = {
        "title": "Health",
        "type": "object",
        "required": ["status", "version", "schema_version"],
        "properties": {
            "status": {"type": "string"},
            "version": {"type": "string"},
            "schema_version": {"type": "string"},
            "extraction": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    }
    return comps


def _install_openapi(app: FastAPI, settings: Settings) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description,
                               routes=app.routes)
            spec.setdefault("components", {}).setdefault("schemas", {}).update(_component_schemas(settings))
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# --------------------------------------------------------------------------- application


def _setup_logging(level: str | None) -> None:
    if not level:
        return
    pkg = logging.getLogger("directive_nlp")
    if not any(not isinstance(h, logging.NullHandler) for h in pkg.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        pkg.addHandler(handler)
    pkg.setLevel(level.upper())
    # underthesea configures the root logger when its models load: keep our lines single
    pkg.propagate = False


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _unsupported(media: str, accepted: str) -> ApiError:
    got = f"got {media}" if media else "no Content-Type"
    return ApiError(415, "unsupported_media_type", f"Content-Type must be {accepted} ({got})")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI application. ``settings=None`` reads them from the environment (``from_env``).

    Works as a uvicorn factory: ``uvicorn --factory directive_nlp.apps.service:create_app``.
    """
    settings = settings or Settings.from_env()
    _setup_logging(settings.log_level)
    runtime_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = await asyncio.to_thread(_Runtime, settings)
        try:
            yield
        finally:
            app.state.runtime.close()
            app.state.runtime = None

    async def runtime_of(request: Request) -> _Runtime:
        runtime: _Runtime | None = getattr(request.app.state, "runtime", None)
        if runtime is not None:
            return runtime

        def ensure() -> _Runtime:  # served without lifespan (e.g. a bare TestClient): load on first use
            with runtime_lock:
                if getattr(request.app.state, "runtime", None) is None:
                    request.app.state.runtime = _Runtime(settings)
                loaded: _Runtime = request.app.state.runtime
                return loaded

        return await asyncio.to_thread(ensure)

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(exc.status, exc.code, exc.message, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        try:
            phrase = HTTPStatus(exc.status_code).phrase
        except ValueError:
            phrase = "error"
        code = {413: "payload_too_large"}.get(exc.status_code, phrase.lower().replace(" ", "_").replace("-", "_"))
        message = exc.detail if isinstance(exc.detail, str) and exc.detail else phrase
        return _error_response(exc.status_code, code, message, exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()[:5]]
        return _error_response(422, "invalid_request", "; ".join(parts) or "invalid request")

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error_response(500, "internal", "internal error")

    app = FastAPI(
        title="directive-nlp",
        version=__version__,
        description=(
            "Structured extraction (header, document numbers, dates, officials, directives) from "
            f"Vietnamese government bulletins. Output schema version {SCHEMA_VERSION}."
        ),
        lifespan=lifespan,
        exception_handlers={
            ApiError: api_error,
            StarletteHTTPException: http_error,
            RequestValidationError: validation_error,
            Exception: internal_error,
        },
    )
    app.add_middleware(_BodyLimit, max_bytes=settings.max_bytes)
    app.state.settings = settings
    app.state.runtime = None

    async def extract_one(request: Request, data: bytes, filename: str | None, published_at: str | None,
                          tokens: bool, timeout: float, content_type: str | None = None,
                          upload: bool = False) -> bytes:
        runtime = await runtime_of(request)
        what = filename or "document"

        def job() -> bytes:
            return _extract_job(runtime.nlp, data, filename, published_at, tokens, settings.max_bytes,
                                content_type=content_type, upload=upload)

        try:
            return await runtime.run(job, timeout, what)
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

    async def read_upload(request: Request) -> tuple[bytes, str | None, str | None, _UploadFields]:
        try:
            form = await request.form(max_files=1, max_fields=16, max_part_size=64 * 1024)
        except _BodyTooLarge:
            raise
        except StarletteHTTPException as exc:
            raise ApiError(422, "invalid_request", f"malformed multipart body: {exc.detail}") from None
        try:
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
            filename = upload.filename or None
            if filename is not None and len(filename) > 1024:
                raise ApiError(422, "invalid_request", "filename: longer than 1024 characters")
            data = await upload.read()
            content_type = upload.content_type
        finally:
            await form.close()
        return data, filename, content_type, opts

    extraction_200 = {
        "description": "The extraction (the JSON of `directive-nlp extract`)",
        "content": {"application/json": {"schema": _ref("Extraction")}},
    }

    @app.post(
        "/v1/extract",
        summary="Extract one document",
        description=(
            "Send the document as JSON (`text`) or as a multipart upload (`file`). The answer is the "
            "JSON that `directive-nlp extract` prints for the same input."
        ),
        responses={200: extraction_200, **_error_responses(413, 415, 422, 500, 504)},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": _ref("ExtractRequest")},
                    "multipart/form-data": {"schema": _ref("ExtractUpload")},
                },
            }
        },
    )
    async def extract_endpoint(request: Request) -> Response:
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

    @app.post(
        "/v1/extract/batch",
        summary="Extract several documents",
        description=(
            f"Up to {settings.max_batch} documents. `results[i]` answers `documents[i]`: its extraction, "
            "or `{error: {code, message}}` when that document failed (never dropped). Each document "
            f"has the {settings.timeout:g} s time limit; the whole batch {settings.batch_timeout:g} s."
        ),
        responses={
            200: {"description": "One result per document",
                  "content": {"application/json": {"schema": _ref("BatchResponse")}}},
            **_error_responses(413, 415, 422, 500),
        },
        openapi_extra={
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("BatchRequest")}}}
        },
    )
    async def batch_endpoint(request: Request) -> Response:
        body = await read_json(request)
        try:
            envelope = _BatchEnvelope.model_validate_json(body)
        except ValidationError as err:
            raise ApiError(422, "invalid_request", _validation_message(err)) from None
        docs = envelope.documents
        if len(docs) > settings.max_batch:
            raise ApiError(422, "invalid_request",
                           f"documents: at most {settings.max_batch} per batch (got {len(docs)})")
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

    @app.get(
        "/v1/schema",
        summary="The output JSON Schema",
        responses={200: {"description": "JSON Schema (draft 2020-12) of every extraction",
                         "content": {"application/json": {"schema": {"type": "object"}}}}},
    )
    async def schema_endpoint() -> Response:
        return Response(_schema_bytes(), media_type="application/json")

    @app.get(
        "/healthz",
        summary="Liveness and readiness",
        responses={
            200: {"description": "Serving", "content": {"application/json": {"schema": _ref("Health")}}},
            503: {"description": "Pipeline not loaded yet",
                  "content": {"application/json": {"schema": _ref("Health")}}},
        },
    )
    async def health_endpoint(request: Request) -> Response:
        runtime: _Runtime | None = getattr(request.app.state, "runtime", None)
        data: dict[str, Any] = {"status": "ok" if runtime else "starting", "version": __version__,
                                "schema_version": SCHEMA_VERSION}
        if runtime is not None:
            data["extraction"] = runtime.stats()
        return Response(_dumps(data), status_code=200 if runtime else 503, media_type="application/json")

    _install_openapi(app, settings)
    return app


@cache
def _schema_bytes() -> bytes:
    return _dumps(load_schema())
