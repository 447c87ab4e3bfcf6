"""The OpenAPI document: the output schema as components, errors, requests."""

from __future__ import annotations

import copy
import logging
from typing import Any, Mapping

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from directive_nlp.schema import load_schema

from directive_nlp.apps.service.models import ExtractRequest
from directive_nlp.apps.service.settings import Settings
from directive_nlp.apps.service.models import _UploadFields

log = logging.getLogger(__name__)

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


