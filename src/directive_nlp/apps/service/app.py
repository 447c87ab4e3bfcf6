"""The FastAPI application: lifespan (the extraction processes), error handlers, routes."""

from __future__ import annotations

import logging
import sys
import threading
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from directive_nlp import SCHEMA_VERSION, __version__
from directive_nlp.apps.service.errors import ApiError, _error_response
from directive_nlp.apps.service.limits import _BodyLimit
from directive_nlp.apps.service.openapi import _install_openapi
from directive_nlp.apps.service.routes import add_routes
from directive_nlp.apps.service.ui import add_ui_routes
from directive_nlp.apps.service.runtime import JobFn, runtime_of
from directive_nlp.apps.service.settings import Settings

__all__ = ["create_app", "setup_logging"]

log = logging.getLogger("directive_nlp.apps.service")


def setup_logging(level: str | None) -> None:
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


# --------------------------------------------------------------------------- error handlers


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = "error"
    code = {413: "payload_too_large"}.get(exc.status_code, phrase.lower().replace(" ", "_").replace("-", "_"))
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else phrase
    return _error_response(exc.status_code, code, message, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()[:5]]
    return _error_response(422, "invalid_request", "; ".join(parts) or "invalid request")


async def _client_gone(request: Request, exc: Exception) -> Response:
    """The client went away before its request was read: one info line, no traceback."""
    log.info("%s %s: the client disconnected", request.method, request.url.path)
    return _error_response(400, "client_disconnected", "the client disconnected")


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error_response(500, "internal", "internal error")


# --------------------------------------------------------------------------- the application


def create_app(settings: Settings | None = None, *, job: JobFn | None = None) -> FastAPI:
    """The FastAPI application. ``settings=None`` reads them from the environment (``from_env``).

    Works as a uvicorn factory: ``uvicorn --factory directive_nlp.apps.service:create_app``.
    ``job`` replaces the function the extraction processes run (a module-level function of a
    task dict; for tests).
    """
    settings = settings or Settings.from_env()
    setup_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime_of(app)
        try:
            yield
        finally:
            runtime = app.state.runtime
            app.state.runtime = None
            if runtime is not None:
                runtime.close()

    app = FastAPI(
        title="directive-nlp",
        version=__version__,
        description=(
            "Structured extraction (header, document numbers, dates, officials, directives) from "
            f"Vietnamese government bulletins. Output schema version {SCHEMA_VERSION}."
        ),
        lifespan=lifespan,
        exception_handlers={
            ApiError: _api_error,
            StarletteHTTPException: _http_error,
            RequestValidationError: _validation_error,
            ClientDisconnect: _client_gone,
            Exception: _internal_error,
        },
    )
    app.add_middleware(_BodyLimit, max_bytes=settings.max_bytes)
    app.state.settings = settings
    app.state.runtime = None
    app.state.runtime_lock = threading.Lock()
    app.state.job = job
    add_routes(app, settings)
    add_ui_routes(app)
    _install_openapi(app, settings)
    return app
