"""Reading a result's ``warnings`` (no spaCy import: the apps use it on results they receive)."""

from __future__ import annotations

from typing import Any, Iterable

from directive_nlp.errors import StageFailedError

__all__ = ["stage_failures"]


def stage_failures(warnings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The warnings that say a stage failed (code E320), from a document's ``warnings``."""
    return [w for w in warnings if isinstance(w, dict) and w.get("code") == StageFailedError.code]
