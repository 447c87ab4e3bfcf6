"""A page a person can check: the document's text with every extracted item marked, a header
summary and the task table (``directive-nlp show``, and the service's ``GET /``).

:func:`render_page` turns one result JSON (offsets into ``result_text``) into one self-contained
HTML page (inline CSS and a few lines of script, nothing fetched). Every marked item is an element
with ``class="mark <kind>"``, ``data-kind`` (official, doc_ref, date, directive) and ``data-item``
(its id, the same on the pieces of one item), so the marks can be counted against the JSON; a
directive's element has ``id="task-<id>"`` and its row in the task table links to it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

__all__ = ["render_page", "Mark", "marks_of", "KINDS"]

KINDS = ("directive", "official", "doc_ref", "date")


@dataclass(frozen=True, slots=True)
class Mark:
    """One marked stretch of text: ``kind``, ``item`` (id shared by an item's pieces), a tooltip."""

    start: int
    end: int
    kind: str
    item: str
    title: str


def _official_marks(result: Mapping[str, Any]) -> Iterable[Mark]:
    for k, o in enumerate(result.get("officials") or []):
        titles = "; ".join(o.get("titles") or [])
        for m in o.get("mentions") or [{"start": o.get("start"), "end": o.get("end")}]:
            if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
                yield Mark(m["start"], m["end"], "official", f"o{k}", f"{o.get('name')} — {titles}")


def marks_of(result: Mapping[str, Any]) -> list[Mark]:
    """Every item of a result as marks, directives first (they hold the others)."""
    out: list[Mark] = []
    for d in result.get("directives") or []:
        who = ", ".join(d.get("assignees") or []) or "—"
        out.append(Mark(d["start"], d["end"], "directive", f"d-{d.get('id')}", f"{d.get('label') or ''} → {who}"))
    out.extend(_official_marks(result))
    for k, r in enumerate(result.get("doc_refs") or []):
        out.append(Mark(r["start"], r["end"], "doc_ref", f"r{k}", " ".join(filter(None, [r.get("type"), r.get("number"), r.get("issued_on")]))))
    for k, d in enumerate(result.get("dates") or []):
        out.append(Mark(d["start"], d["end"], "date", f"t{k}", str(d.get("value"))))
    return [m for m in out if 0 <= m.start < m.end]


def _open(m: Mark, first: bool) -> str:
    attrs = f'class="mark {m.kind}" data-kind="{m.kind}" data-item="{html.escape(m.item)}" title="{html.escape(m.title)}"'
    if m.kind == "directive" and first:
        attrs += f' id="task-{html.escape(m.item[2:])}"'
    return f"<span {attrs}>"


def _marked_text(text: str, marks: Sequence[Mark]) -> str:
    """HTML of ``text`` with the marks as nested spans, one sweep over the cut points. Each stretch
    between two cuts is wrapped in the marks that cover it (outermost kind first), so marks that
    cross each other simply become several pieces sharing ``data-item``; only a directive's first
    piece carries its ``id``."""
    order = {kind: k for k, kind in enumerate(KINDS)}
    by_start = sorted(marks, key=lambda m: m.start)
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {min(m.end, len(text)) for m in marks})
    active: list[Mark] = []
    seen: set[str] = set()
    parts: list[str] = []
    k = 0
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a]
        while k < len(by_start) and by_start[k].start <= a:
            if by_start[k].end > a:
                active.append(by_start[k])
            k += 1
        active.sort(key=lambda m: (order[m.kind], m.start))
        piece = html.escape(text[a:b])
        for m in reversed(active):
            piece = _open(m, m.item not in seen) + piece + "</span>"
        seen.update(m.item for m in active)
        parts.append(piece)
    return "".join(parts)


@cache
def _template() -> Any:
    import jinja2

    source = resources.files("directive_nlp.apps").joinpath("templates", "show.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source)


def _header_rows(result: Mapping[str, Any]) -> list[tuple[str, str]]:
    doc = result.get("document") or {}
    signer = doc.get("signer") or {}
    rows = [
        ("kind", result.get("kind")),
        ("type", doc.get("type")),
        ("number", doc.get("number")),
        ("issuer", doc.get("issuer")),
        ("issued on", doc.get("issued_on")),
        ("place", doc.get("place")),
        ("published", doc.get("published_at")),
        ("title", doc.get("title")),
        ("signer", " — ".join(filter(None, [signer.get("authority"), signer.get("title"), signer.get("name")]))),
        ("addressees", "; ".join(doc.get("addressees") or [])),
        ("recipients", "; ".join(doc.get("recipients") or [])),
    ]
    return [(k, str(v)) for k, v in rows if v]


def render_page(result: Mapping[str, Any], text: str, *, name: str | None = None) -> str:
    """One self-contained HTML page for one result (see module doc)."""
    marks = marks_of(result)
    counts = {kind: len({m.item for m in marks if m.kind == kind}) for kind in KINDS}
    tasks = [
        {
            "anchor": f"task-{d.get('id')}",
            "label": d.get("label") or "",
            "issuer": d.get("issuer") or "",
            "assignees": "; ".join(d.get("assignees") or []),
            "deadline": d.get("deadline") or "",
            "text": (d.get("text") or "")[:160],
        }
        for d in result.get("directives") or []
    ]
    return str(
        _template().render(
            name=name or (result.get("source") or {}).get("path") or "document",
            header=_header_rows(result),
            counts=counts,
            tasks=tasks,
            body=_marked_text(text, marks),
            warnings=[f"{w.get('code')}: {w.get('message')}" for w in result.get("warnings") or []],
            schema_version=result.get("schema_version"),
        )
    )
