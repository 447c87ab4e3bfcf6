"""The request body size limit (ASGI middleware)."""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send


from directive_nlp.apps.service.errors import _BodyTooLarge
from directive_nlp.apps.service.errors import _error_response
from directive_nlp.apps.service.errors import _mb

log = logging.getLogger(__name__)

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

