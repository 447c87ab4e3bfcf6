"""The item tree: descendants, inheritance, omitted nodes, task-table fields."""

from __future__ import annotations

from collections import deque
from typing import Any, Sequence

import regex

from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline
from directive_nlp.extract.directives.labels import (
    LABEL,
    PREV_OK,
    Node,
    TextLine,
    is_caps_line,
    label_key,
    label_type,
    trim_end,
    trim_start,
)
from directive_nlp.extract.directives.lexicon import Lex
from directive_nlp.extract.directives.tokens import clean
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

# where a field's value ends: the next bullet or "a)"/"(" line, a blank line, a full stop or ";"
_FIELD_END = regex.compile(r"\n\s*(?:\*\*)?\s*(?:[-–+•]|[a-zđ]\)|\()|\n\s*\n|[.;](?:\s|$)")
_PARAGRAPH_OR_BULLET = regex.compile(r"\n\s*\n|\n\s*[-–+•]")

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
    todo = deque(nodes[k].children or [])
    while todo:
        x = todo.popleft()
        out.append(x)
        todo.extend(nodes[x].children or [])
    return out


def inherited_delegates(nodes: list[Node], k: int) -> tuple[str, ...]:
    """The delegates handed down by the nearest ancestor ("UBND tỉnh chỉ đạo các sở:")."""
    p = nodes[k].parent
    while p is not None:
        if nodes[p].delegates_down:
            return nodes[p].delegates_down
        p = nodes[p].parent
    return ()


def inherited_assignees(nodes: list[Node], k: int) -> tuple[str, ...]:
    """The assignees of the nearest ancestor that names them (or hands them down)."""
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
        stop = rx.search(_FIELD_END, text, e, b)
        ve = stop.start() if stop else b
        vals = split_assignees(text[e:ve], lex)
        if vals:
            out[key] = vals
    m = rx.search(lex.field_deadline, text, a, b)
    if m is not None:
        stop = rx.search(_PARAGRAPH_OR_BULLET, text, m.end(), b)
        got = find_deadline(text, m.end(), stop.start() if stop else b, doc_year, any_date=True)
        if got:
            out["deadline"] = got
    return out



# --------------------------------------------------------------------------- building the tree


def find_nodes(text: str, body_lines: Sequence[TextLine], b: int) -> list[Node]:
    """The labelled items of a body, each running from its label to the next label (or ``b``).

    A label counts where a new item may begin: after a blank line, a line that ends a sentence
    or clause, an upper-case line, or another label line."""
    nodes: list[Node] = []
    prev_raw = pc = ""  # the last line with text, cleaned
    prev_blank = True
    prev_heading = False
    for ln in body_lines:
        raw = ln.raw
        c = clean(raw)
        m = rx.match(LABEL, raw)
        ok_prev = prev_blank or not pc or prev_raw.rstrip()[-1:] in PREV_OK or is_caps_line(pc) or prev_heading
        if m and ok_prev and m.end() < len(raw.rstrip()) + 1:
            label = m.group("label").strip()
            if label.startswith("Điều"):
                label = label.rstrip(" .:")
            nodes.append(Node(label, label_type(label), ln.start, ln.start + m.end(), ln.end))
        if c:
            prev_raw, pc = raw, c
            prev_heading = bool(m) and ok_prev and len(c.split()) <= 16
        prev_blank = not c
    for k, nd in enumerate(nodes):
        nd.end = nodes[k + 1].line_start if k + 1 < len(nodes) else b
        nd.end = trim_end(text, nd.start, nd.end)
        nd.start = trim_start(text, nd.start, nd.end)
    return nodes


def link_tree(nodes: list[Node]) -> None:
    """Parents and children: a label of a new type opens a level, a type seen above closes the
    levels below it."""
    stack: list[int] = []
    for k, nd in enumerate(nodes):
        while stack and nodes[stack[-1]].ltype != nd.ltype and nd.ltype in [nodes[x].ltype for x in stack]:
            stack.pop()
        if stack and nodes[stack[-1]].ltype == nd.ltype:
            stack.pop()
        nd.parent = stack[-1] if stack else None
        stack.append(k)
    for nd in nodes:
        nd.children = []
    for k, nd in enumerate(nodes):
        if nd.parent is not None:
            nodes[nd.parent].children.append(k)  # type: ignore[union-attr]


def assign_ids(nodes: list[Node]) -> None:
    """Ids unique in the document ("2.1"; "2_2" for a second "2." under the same parent) and
    label paths ("II. 1. a)")."""
    used: dict[tuple[int | None, str], int] = {}
    counters: dict[int | None, int] = {}
    for nd in nodes:
        counters[nd.parent] = counters.get(nd.parent, 0) + 1
        key = str(counters[nd.parent]) if nd.ltype in ("dash", "plus", "dot") else label_key(nd.label)
        key = key or str(counters[nd.parent])
        n_used = used.get((nd.parent, key), 0) + 1
        used[(nd.parent, key)] = n_used
        if n_used > 1:
            key = f"{key}_{n_used}"
        par = nodes[nd.parent] if nd.parent is not None else None
        nd.id = f"{par.id}.{key}" if par is not None else key
        nd.path = f"{par.path} {nd.label}" if par is not None else nd.label


# --------------------------------------------------------------------------- task-table fields


def _is_field_node(text: str, nd: Node, lex: Lex) -> bool:
    c = clean(text[nd.start : nd.end])
    return any(rx.match(p, c) for p in (lex.field_group, lex.field_assignee, lex.field_coordinator, lex.field_deadline))


def apply_fields(text: str, nodes: list[Node], doc_year: int | None, lex: Lex) -> None:
    """Task tables ("Đơn vị chủ trì: X", "Thời gian thực hiện: …"): field items become
    "general" and give their values to the task they describe (their siblings) and below."""
    for k, nd in enumerate(nodes):
        if _is_field_node(text, nd, lex):
            nd.kind = "general"
            desc = descendants(nodes, k)
            span_end = max([nodes[x].end for x in desc] + [nd.end])
            nd.fields = read_fields(text, nd.start, span_end, doc_year, lex)
    by_parent: dict[int | None, dict[str, Any]] = {}  # the fields the siblings under a parent give
    for k, nd in enumerate(nodes):
        if nd.fields is not None:
            continue
        if nd.parent not in by_parent:
            by_parent[nd.parent] = _sibling_fields(nodes, nd)
        values = dict(by_parent[nd.parent])
        values.update(read_fields(text, nd.start, nd.end, doc_year, lex))
        if values:
            for x in [k] + descendants(nodes, k):
                _take_fields(nodes[x], values)


def _sibling_fields(nodes: list[Node], nd: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    siblings = nodes[nd.parent].children if nd.parent is not None else [x for x, n in enumerate(nodes) if n.parent is None]
    for x in siblings or []:
        for key, v in (nodes[x].fields or {}).items():
            out.setdefault(key, v)
    return out


def _take_fields(tgt: Node, values: dict[str, Any]) -> None:
    if tgt.fields is not None:
        return
    if "assignees" in values:
        tgt.assignees = tuple(values["assignees"])
        tgt.pass_down = tuple(values["assignees"])
    if "coordinators" in values:
        tgt.coordinators = tuple(values["coordinators"])
    if "deadline" in values and tgt.deadline is None:
        tgt.deadline = values["deadline"]
    if tgt.kind == "task":
        tgt.kind = "task_fields"
