"""Notices (administrative documents): the item tree of the body, each item a directive."""

from __future__ import annotations

from typing import Any, Sequence

import regex

from directive_nlp.extract.directives.addressees import (
    find_coordinators,
    in_text_assignees,
    np_only,
    own_assignees,
    pass_down_of,
)
from directive_nlp.extract.directives.assignees import norm_assignee, split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline
from directive_nlp.extract.directives.labels import (
    LABEL,
    PREV_OK,
    Node,
    blankish,
    body_head,
    body_region,
    in_spans,
    is_caps_line,
    label_key,
    label_type,
    lead_in,
    skip_preamble,
    text_lines,
    trim_end,
    trim_start,
)
from directive_nlp.extract.directives.lexicon import Lex, load_lex
from directive_nlp.extract.directives.model import Directive
from directive_nlp.extract.directives.nounphrase import (
    is_starter,
    is_subject_start,
    noun_phrase,
    phrase_text,
)
from directive_nlp.extract.directives.tokens import clean, folds, tokens_in
from directive_nlp.extract.directives.tree import (
    descendants,
    inherited_assignees,
    omitted,
    read_fields,
)
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold


def _is_heading(text: str, a: int, b: int, has_children: bool, lex: Lex) -> bool:
    c = clean(text[a:b])
    if not c:
        return True
    if is_caps_line(c):
        return True
    f = fold(c).split()
    if lex.heading_words.match(f, 0) and (len(f) <= 8 or c.rstrip().endswith(":")):
        return True
    if has_children and len(f) <= 12 and c.rstrip()[-1:] not in ".:;!?" and not lex.item_verbs.match(f, 0):
        return True
    if has_children and len(f) <= 20 and "." not in c.rstrip(". ")[:-1] and not rx.search(lex.modal_re, c):
        toks = tokens_in(c, 0, len(c))
        fw = folds(toks)
        if not any(is_starter(toks, j, lex) or (toks[j].lower and lex.item_verbs.match(fw, j)) for j in range(1, len(toks))):
            return True
    return False


def read_notice(
    text: str,
    main: Sequence[tuple[int, int]],
    issuer: str | None,
    doc_year: int | None,
    body_start: int | None,
    refs: Sequence[tuple[int, int]],
) -> list[Directive]:
    lex = load_lex()
    a, b = body_region(text, main, body_start)
    if b <= a:
        return []
    lines = [ln for ln in text_lines(text, a, b) if not main or in_spans(ln.start, main) or blankish(ln.raw)]
    first = skip_preamble(text, lines, lex)
    body_lines = lines[first:]
    if not body_lines:
        return []
    head = body_head(text, lines[: first + 3], lex)

    # labels
    nodes: list[Node] = []
    prev_raw = ""
    prev_blank = True
    prev_heading = False
    for ln in body_lines:
        raw = ln.raw
        m = rx.match(LABEL, raw)
        pc = clean(prev_raw)
        ok_prev = prev_blank or not pc or prev_raw.rstrip()[-1:] in PREV_OK or is_caps_line(pc) or prev_heading
        if m and ok_prev and m.end() < len(raw.rstrip()) + 1:
            label = m.group("label").strip()
            if label.startswith("Điều"):
                label = label.rstrip(" .:")
            s = ln.start + m.end()
            if clean(text[s : ln.end]) or True:
                nodes.append(Node(label, label_type(label), ln.start, s, ln.end))
        if clean(raw):
            prev_raw = raw
            prev_heading = bool(m) and ok_prev and len(clean(raw).split()) <= 16
        prev_blank = not clean(raw)
    body_a = body_lines[0].start
    out: list[Directive] = []
    if not nodes:
        return out
    for k, nd in enumerate(nodes):
        nd.end = nodes[k + 1].line_start if k + 1 < len(nodes) else b
        nd.end = trim_end(text, nd.start, nd.end)
        nd.start = trim_start(text, nd.start, nd.end)

    # the closing paragraphs after the last item
    closing: tuple[int, int] | None = None
    last = nodes[-1]
    for ln in text_lines(text, last.start, last.end):
        if ln.start == last.line_start or ln.start <= last.start:
            continue
        c = clean(ln.raw)
        if not c:
            continue
        prev_text = text[last.start : ln.start].rstrip(" *|\t\n")
        para_start = prev_text[-1:] in ".:;!?" or regex.search(r"\n\s*\n\s*$", text[last.start : ln.start]) is not None
        if not para_start or not c[:1].isupper():
            continue
        fc = fold(c)
        para = fold(clean(text[ln.start : last.end]))
        if any(rx.search(p, fc) for p in lex.closings) or any(rx.search(p, para[:400]) for p in lex.closings[1:2]):
            closing = (ln.start, last.end)
            last.end = trim_end(text, last.start, ln.start)
            break

    # tree
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
            children = nodes[nd.parent].children
            if children is not None:
                children.append(k)

    # ids
    used: dict[tuple[int | None, str], int] = {}
    counters: dict[int | None, int] = {}
    for k, nd in enumerate(nodes):
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

    # issuer and lead-in
    lead = lead_in(text, body_a, nodes[0].line_start, lex)
    doc_issuer = lead[0] if lead else (head or (clean(issuer) if issuer else None))
    lead_verb = lead[1] if lead else None
    lead_assignees: list[str] = []
    if lead is not None:
        toks = tokens_in(text, lead[3], nodes[0].line_start)
        k = 0
        while k < len(toks) and toks[k].t in (",", ":"):
            k += 1
        if toks and is_subject_start(toks, k, lex):
            got = noun_phrase(toks, k, lex)
            if got is not None:
                lead_assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)

    # table fields ("Đơn vị chủ trì: X", "Thời gian thực hiện: …")
    for nd in nodes:
        c = clean(text[nd.start : nd.end])
        if rx.match(lex.field_group, c) or rx.match(lex.field_assignee, c) or rx.match(lex.field_coordinator, c) or rx.match(lex.field_deadline, c):
            nd.kind = "general"
            nd.fields = {}
    for k, nd in enumerate(nodes):
        if nd.fields is None:
            continue
        span_end = nd.end
        desc = descendants(nodes, k)
        if desc:
            span_end = max(nodes[x].end for x in desc)
        fields = read_fields(text, nd.start, span_end, doc_year, lex)
        nd.fields = fields
    for k, nd in enumerate(nodes):
        if nd.fields is not None:
            continue
        sib_fields: dict[str, Any] = {}
        siblings = nodes[nd.parent].children if nd.parent is not None else [x for x, n in enumerate(nodes) if n.parent is None]
        for x in siblings or []:
            fx = nodes[x].fields
            if fx:
                for key, v in fx.items():
                    sib_fields.setdefault(key, v)
        own = read_fields(text, nd.start, nd.end, doc_year, lex)
        for key, v in own.items():
            sib_fields[key] = v
        if sib_fields:
            for x in [k] + descendants(nodes, k):
                tgt = nodes[x]
                if tgt.fields is not None:
                    continue
                if "assignees" in sib_fields:
                    tgt.assignees = tuple(sib_fields["assignees"])
                    tgt.pass_down = tuple(sib_fields["assignees"])
                if "coordinators" in sib_fields:
                    tgt.coordinators = tuple(sib_fields["coordinators"])
                if "deadline" in sib_fields and tgt.deadline is None:
                    tgt.deadline = sib_fields["deadline"]
                if tgt.kind == "task":
                    tgt.kind = "task_fields"

    # the task text of "a) Nhiệm vụ: …" starts after "Nhiệm vụ:"
    for nd in nodes:
        m = rx.match(regex.compile(r"(?i)(?:nhiệm\s+vụ|nội\s+dung(?:\s+thực\s+hiện)?)\s*:\s*"), text, nd.start, nd.end)
        if m is not None:
            if clean(text[m.end() : nd.end]):
                nd.start = trim_start(text, m.end(), nd.end)
            else:
                nd.kind = "general"

    # assignees, in order
    for k, nd in enumerate(nodes):
        if nd.fields is not None:
            continue
        if nd.kind == "task_fields":
            nd.kind = "task"
            if not nd.coordinators:
                nd.coordinators = tuple(find_coordinators(text, nd.start, nd.end, lex))
        else:
            own, verb = own_assignees(text, nd.start, nd.end, lex)
            only = np_only(text, nd.start, nd.end, lex) if not own else []
            if only:
                own = only
                starts_with_verb = lex.item_verbs.match(folds(tokens_in(text, nd.start, min(nd.end, nd.start + 40))), 0)
                if nd.children and not starts_with_verb:
                    nd.kind = "general"
            pd = pass_down_of(text, nd.start, nd.end, lex)
            nd.verb = verb
            if own:
                nd.assignees = tuple(own)
            else:
                inherited = inherited_assignees(nodes, k)
                if inherited:
                    nd.assignees = inherited
                elif nd.parent is None and lead_assignees:
                    nd.assignees = tuple(lead_assignees)
                else:
                    got, v2 = in_text_assignees(text, nd.start, nd.end, lex)
                    nd.assignees = tuple(got)
                    nd.verb = nd.verb or v2
            nd.pass_down = tuple(pd) if pd else None
            nd.coordinators = tuple(find_coordinators(text, nd.start, nd.end, lex))
        if nd.deadline is None:
            nd.deadline = find_deadline(text, nd.start, nd.end, doc_year)
        if nd.kind == "task" and _is_heading(text, nd.start, nd.end, bool(nd.children), lex):
            nd.kind = "general"

    for k, nd in enumerate(nodes):
        if omitted(text, nd, lex):
            continue
        par = nodes[nd.parent] if nd.parent is not None else None
        verb = nd.verb or (lead_verb if lead_verb in lex.directive_lead_verbs else None)
        verb = verb or _modal_in(text, nd.start, nd.end, lex) or lead_verb
        out.append(
            make_directive(
                text, nd.id, nd.label, par.id if par else None, par.path if par else None, doc_issuer, verb,
                nd.assignees, nd.coordinators, nd.start, nd.end, nd.deadline, refs, nd.kind if nd.kind in ("task", "general") else "task",
            )
        )

    # lead-in and closing that carry a directive verb
    if lead is not None and lead[1] in lex.directive_lead_verbs:
        s = lead[4]
        e = trim_end(text, s, nodes[0].line_start)
        if e > s:
            out.insert(0, make_directive(text, "lead", None, None, None, doc_issuer, lead[1], tuple(lead_assignees), (), s, e, None, refs, "general"))
    if closing is not None:
        s = trim_start(text, closing[0], closing[1])
        e = trim_end(text, s, closing[1])
        c = fold(text[s:e])
        vm = rx.search(regex.compile(r"(?<![\p{L}])(yêu cầu|đề nghị|giao|chỉ đạo)(?![\p{L}])"), c)
        if e > s and vm is not None:
            got, _ = in_text_assignees(text, s, e, lex)
            out.append(make_directive(text, "closing", None, None, None, doc_issuer, vm.group(1), tuple(got), (), s, e, None, refs, "general"))
    return out


def _modal_in(text: str, a: int, b: int, lex: Lex) -> str | None:
    m = rx.search(lex.modal_re, text, a, min(b, a + 400))
    return fold(m.group()) if m else None


def make_directive(
    text: str,
    id_: str,
    label: str | None,
    parent: str | None,
    parent_label: str | None,
    issuer: str | None,
    verb: str | None,
    assignees: Sequence[str],
    coordinators: Sequence[str],
    start: int,
    end: int,
    deadline: tuple[str, str] | None,
    refs: Sequence[tuple[int, int]],
    kind: str,
) -> Directive:
    lex = load_lex()
    ass = tuple(a for a in assignees if a)
    return Directive(
        id=id_,
        label=label,
        parent=parent,
        parent_label=parent_label,
        issuer=issuer,
        verb=verb,
        assignees=ass,
        assignees_norm=tuple(norm_assignee(x, lex) for x in ass),
        coordinators=tuple(c for c in coordinators if c),
        text=text[start:end],
        deadline=deadline[0] if deadline else None,
        deadline_text=deadline[1] if deadline else None,
        refs=tuple(clean(text[s:e]) for s, e in refs if start <= s and e <= end),
        kind=kind,
        start=start,
        end=end,
    )


# --------------------------------------------------------------------------- articles
