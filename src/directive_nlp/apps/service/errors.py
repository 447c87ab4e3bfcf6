"""Error answers: JSON {error: {code, message}}, never a traceback."""

from __future__ import annotations

import json
import logging
from typing import Any, Mapping

import regex
from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from directive_nlp.errors import (
    BinaryInputError,
    DecodeError,
    DirectiveNLPError,
    EmptyInputError,
    TooLargeError,
)

from directive_nlp.apps.service.settings import _MB

log = logging.getLogger(__name__)

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

def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _unsupported(media: str, accepted: str) -> ApiError:
    got = f"got {media}" if media else "no Content-Type"
    return ApiError(415, "unsupported_media_type", f"Content-Type must be {accepted} ({got})")

