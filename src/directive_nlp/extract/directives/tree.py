"""The item tree: descendants, inheritance, omitted nodes, task-table fields."""

from __future__ import annotations

from typing import Any

import regex

from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline
from directive_nlp.extract.directives.labels import Node, is_caps_line
from directive_nlp.extract.directives.lexicon import Lex
from directive_nlp.extract.directives.tokens import clean
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold


def omitted(text: str, nd: Node, lex: Lex) -> bool:
    """Section titles ("II. NHIỆM VỤ", "2. Yêu cầu") and task-table fields ("b) Cơ quan thực
    hiện:", "- Đơn vị chủ trì: X") are part of the tree but are not directives."""
    if nd.fields is not None:
        return True
    c = clean(text[nd.start : nd.end])
    if not c or is_caps_line(c):
        return True
    f = fold(c).rstrip(" :.").split()
    return bool(lex.heading_words.match(f, 0)) and len(f) <= 3


def descendants(nodes: list[Node], k: int) -> list[int]:
    out: list[int] = []
    todo = list(nodes[k].children or [])
    while todo:
        x = todo.pop(0)
        out.append(x)
        todo.extend(nodes[x].children or [])
    return out


def inherited_assignees(nodes: list[Node], k: int) -> tuple[str, ...]:
    p = nodes[k].parent
    while p is not None:
        par = nodes[p]
        if par.pass_down:
            return par.pass_down
        if par.assignees:
            return par.assignees
        p = par.parent
    return ()


def read_fields(text: str, a: int, b: int, doc_year: int | None, lex: Lex) -> dict[str, Any]:
    """Task-table fields inside text[a:b]: assignees, coordinators, deadline."""
    out: dict[str, Any] = {}
    for key, pat in (("assignees", lex.field_assignee), ("coordinators", lex.field_coordinator)):
        m = rx.search(pat, text, a, b)
        if m is None:
            continue
        e = m.end()
        stop = rx.search(regex.compile(r"\n\s*(?:\*\*)?\s*(?:[-–+•]|[a-zđ]\)|\()|\n\s*\n|[.;](?:\s|$)"), text, e, b)
        ve = stop.start() if stop else b
        vals = split_assignees(text[e:ve], lex)
        if vals:
            out[key] = vals
    m = rx.search(lex.field_deadline, text, a, b)
    if m is not None:
        stop = rx.search(regex.compile(r"\n\s*\n|\n\s*[-–+•]"), text, m.end(), b)
        got = find_deadline(text, m.end(), stop.start() if stop else b, doc_year, any_date=True)
        if got:
            out["deadline"] = got
    return out

