"""The JSON Schema of the output (draft 2020-12): the versioned contract with other services."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from directive_nlp import SCHEMA_VERSION

__all__ = ["load_schema", "validator", "validate", "validation_errors"]


@cache
def load_schema() -> dict[str, Any]:
    """The schema shipped in the package (``data/output.schema.json``)."""
    ref = resources.files("directive_nlp").joinpath("data", "output.schema.json")
    schema: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION, "schema/version drift"
    return schema


@cache
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validation_errors(data: Any) -> list[str]:
    """Every way ``data`` breaks the schema, as 'path: message' lines (empty when valid)."""
    out = []
    for err in sorted(validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        out.append(f"{where}: {err.message}")
    return out


def validate(data: Any) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid output."""
    validator().validate(data)
