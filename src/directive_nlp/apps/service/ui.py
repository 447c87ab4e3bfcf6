"""The service's pages for people: ``GET /`` a form (paste a text or upload a file), ``POST /view``
the page of ``directive-nlp show`` for it, made in an extraction process with the same limits
(size, time) as ``POST /v1/extract``. The JSON API is unchanged."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from directive_nlp import __version__
from directive_nlp.apps.service.errors import ApiError
from directive_nlp.apps.service.routes import extract_one
from directive_nlp.apps.web import VIEW_PATH, form_page
from directive_nlp.extras import missing

__all__ = ["add_ui_routes"]


def _form(error: str | None = None, status: int = 200) -> HTMLResponse:
    return HTMLResponse(form_page(version=__version__, formats=not missing("formats"), error=error), status_code=status)


async def form_endpoint() -> Response:
    return _form()


async def _submission(request: Request) -> tuple[bytes, str | None, str | None, str | None, bool]:
    """(data, filename, content type, published_at, is_upload) of the form; ApiError when empty."""
    async with request.form(max_files=1, max_fields=8) as form:
        upload: Any = form.get("file")
        published = str(form.get("published_at") or "").strip() or None
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read()
            if data:
                return data, upload.filename, upload.content_type, published, True
        text = str(form.get("text") or "")
        if text.strip():
            return text.encode("utf-8", errors="surrogatepass"), None, None, published, False
    raise ApiError(422, "invalid_request", "paste a text or choose a file")


async def view_endpoint(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        data, filename, content_type, published, upload = await _submission(request)
        page = await extract_one(request, data, filename, published, False, settings.timeout,
                                 content_type=content_type, upload=upload, view=True)
    except ApiError as exc:
        return _form(error=exc.message, status=exc.status)
    return HTMLResponse(page)


def add_ui_routes(app: FastAPI) -> None:
    """``GET /`` and ``POST /view`` (not part of the JSON API's OpenAPI document)."""
    app.add_api_route("/", form_endpoint, methods=["GET"], include_in_schema=False)
    app.add_api_route(VIEW_PATH, view_endpoint, methods=["POST"], include_in_schema=False)
