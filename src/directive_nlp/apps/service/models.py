"""Request models: one document as JSON, upload fields, the batch envelope."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from directive_nlp.schema import load_schema

log = logging.getLogger(__name__)

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

