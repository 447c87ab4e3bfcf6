"""The output of the directives extractor: one :class:`Directive` per instruction, built from a
:class:`Draft` (what a reading found) by :func:`build_directive`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from directive_nlp.extract.directives.assignees import norm_assignee
from directive_nlp.extract.directives.deadlines import Deadline
from directive_nlp.extract.directives.lexicon import load_lex
from directive_nlp.extract.directives.tokens import clean


@dataclass(frozen=True, slots=True)
class Directive:
    """One instruction. ``id`` is unique in the document ("2.1", "2_2" for a repeated "2.");
    ``label`` as written ("1.", "a)", "-", "Điều 2") or None for an article instruction;
    ``parent`` is the parent's id and ``parent_label`` its label path ("II. 1. 1.2. a)");
    ``kind`` is "task", or "general" for lead-ins, closings, headings and table fields.
    ``assignees`` must act (they lead: "chủ trì"), ``coordinators`` take part ("phối hợp"),
    ``delegates`` are the bodies an assignee must in turn order ("Giao X chỉ đạo Y …": Y).
    ``deadline`` is the last day of the stated day or period, ``deadline_precision`` says which
    ("day", "month", "quarter", "half", "year"); ``recurrence`` a repeated time ("hằng tháng")."""

    id: str
    label: str | None
    parent: str | None
    parent_label: str | None
    issuer: str | None
    verb: str | None
    assignees: tuple[str, ...]
    assignees_norm: tuple[str, ...]
    coordinators: tuple[str, ...]
    delegates: tuple[str, ...]
    text: str
    deadline: str | None
    deadline_precision: str | None
    deadline_text: str | None
    recurrence: str | None
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
            "delegates": list(self.delegates),
            "text": self.text,
            "deadline": self.deadline,
            "deadline_precision": self.deadline_precision,
            "deadline_text": self.deadline_text,
            "recurrence": self.recurrence,
            "refs": list(self.refs),
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Draft:
    """What a reading found for one instruction, before it becomes a :class:`Directive`."""

    start: int
    end: int
    issuer: str | None = None
    verb: str | None = None
    assignees: Sequence[str] = ()
    coordinators: Sequence[str] = ()
    delegates: Sequence[str] = ()
    deadline: Deadline | None = None
    recurrence: str | None = None
    id: str = ""
    label: str | None = None
    parent: str | None = None
    parent_label: str | None = None
    kind: str = "task"


def _unique(items: Sequence[str], skip: Sequence[str] = ()) -> tuple[str, ...]:
    out: list[str] = []
    for x in items:
        if x and x not in out and x not in skip:
            out.append(x)
    return tuple(out)


def build_directive(text: str, d: Draft, refs: Sequence[tuple[int, int]]) -> Directive:
    """The directive of a draft; ``refs`` are the spans of document numbers in the text."""
    lex = load_lex()
    ass = _unique(d.assignees)
    dl = d.deadline
    return Directive(
        id=d.id,
        label=d.label,
        parent=d.parent,
        parent_label=d.parent_label,
        issuer=d.issuer,
        verb=d.verb,
        assignees=ass,
        assignees_norm=tuple(norm_assignee(x, lex) for x in ass),
        coordinators=_unique(d.coordinators, ass),
        delegates=_unique(d.delegates, ass),
        text=text[d.start : d.end],
        deadline=dl.date if dl else None,
        deadline_precision=dl.precision if dl else None,
        deadline_text=dl.text if dl else None,
        recurrence=d.recurrence,
        refs=tuple(clean(text[s:e]) for s, e in refs if d.start <= s and e <= d.end),
        kind=d.kind,
        start=d.start,
        end=d.end,
    )
