"""HTTP service: the extraction as a FastAPI application (``create_app(settings)``).

Endpoints (all errors are JSON ``{"error": {"code", "message"}}``, never a traceback):

* ``POST /v1/extract``: one document, as JSON ``{text, filename?, published_at?, tokens?}`` or as a
  ``multipart/form-data`` upload (part ``file``; optional fields ``published_at``, ``tokens``).
  The answer is the JSON that ``directive-nlp extract`` prints for the same input.
* ``POST /v1/extract/batch``: JSON ``{documents: [...]}`` (at most ``Settings.max_batch``) →
  ``{results: [...]}`` in input order; a document that fails has ``{error: {code, message}}`` in
  its place.
* ``GET /v1/schema`` (the output JSON Schema), ``GET /healthz``, ``GET /openapi.json``.

Extractions run in ``Settings.threads`` worker processes per server process, each loading the
pipeline once (the app's lifespan waits for them). A request whose extraction is not done within
``Settings.timeout`` gets 504 at that moment and its worker process is killed and replaced, so
slow documents never hold capacity: the event loop and ``/healthz`` stay free, and the next
document is served as soon as a worker is.

The package by concern: ``settings``, ``errors``, ``models`` (requests), ``jobs`` (reading and
extracting one document, in a worker), ``runtime`` (the worker processes), ``limits`` (body
size), ``openapi``, ``routes`` (the endpoints), ``app`` (:func:`create_app`).
"""

from __future__ import annotations

from directive_nlp.apps.service.app import create_app
from directive_nlp.apps.service.settings import ENV_PREFIX, Settings

__all__ = ["Settings", "create_app", "ENV_PREFIX"]
