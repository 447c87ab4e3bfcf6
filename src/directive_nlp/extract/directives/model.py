"""The output of the directives extractor: one :class:`Directive` per instruction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Directive:
    """One instruction. ``id`` is unique in the document ("2.1", "2_2" for a repeated "2.");
    ``label`` as written ("1.", "a)", "-", "Điều 2") or None for an article instruction;
    ``parent`` is the parent's id and ``parent_label`` its label path ("II. 1. 1.2. a)");
    ``kind`` is "task", or "general" for lead-ins, closings, headings and table fields."""

    id: str
    label: str | None
    parent: str | None
    parent_label: str | None
    issuer: str | None
    verb: str | None
    assignees: tuple[str, ...]
    assignees_norm: tuple[str, ...]
    coordinators: tuple[str, ...]
    text: str
    deadline: str | None
    deadline_text: str | None
    refs: tuple[str, ...]
    kind: str
    start: int
    end: int

    def dump(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "parent": self.parent,
            "parent_label": self.parent_label,
            "issuer": self.issuer,
            "verb": self.verb,
            "assignees": list(self.assignees),
            "assignees_norm": list(self.assignees_norm),
            "coordinators": list(self.coordinators),
            "text": self.text,
            "deadline": self.deadline,
            "deadline_text": self.deadline_text,
            "refs": list(self.refs),
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }


# --------------------------------------------------------------------------- lexicon
