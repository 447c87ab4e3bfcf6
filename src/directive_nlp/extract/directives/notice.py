"""Notices (administrative documents): the item tree of the body, each item a directive.

Phases: the body (region, preamble, upper-case head line) → the labelled items and their tree
(:mod:`.tree`) → the closing paragraphs → the lead-in (issuer, verb, addressees) → task-table
fields → who must act in each item (:mod:`.addressees`) → deadlines → drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Sequence

import regex

from directive_nlp.extract.directives.addressees import (
    directed,
    find_coordinators,
    in_text_assignees,
    np_only,
    opens_with_action,
    own_assignees,
    pass_down_of,
)
from directive_nlp.extract.directives.article import read_article
from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline, find_recurrence
from directive_nlp.extract.directives.labels import (
    LeadIn,
    Node,
    blankish,
    body_head,
    body_region,
    in_spans,
    is_caps_line,
    lead_in,
    skip_preamble,
    soft_breaks,
    text_lines,
    trim_end,
    trim_start,
)
from directive_nlp.extract.directives.letter import clause_requests, merge_letter, opinion_drafts
from directive_nlp.extract.directives.lexicon import Lex, load_lex
from directive_nlp.extract.directives.model import Directive, Draft, build_directive
from directive_nlp.extract.directives.nounphrase import (
    is_starter,
    is_subject_start,
    noun_phrase,
    phrase_text,
)
from directive_nlp.extract.directives.speakers import trailing_name
from directive_nlp.extract.directives.tokens import Tok, clean, folds, tokens_in
from directive_nlp.extract.directives.tree import (
    apply_fields,
    assign_ids,
    find_nodes,
    inherited_assignees,
    inherited_delegates,
    link_tree,
    omitted,
)
from directive_nlp.resources import lexicon
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold
from directive_nlp.text.phrases import PhraseMatcher

_TASK_FIELD = regex.compile(r"(?i)(?:nhiệm\s+vụ|nội\s+dung(?:\s+thực\s+hiện)?)\s*:\s*")
# a sentence starts with a capital after final punctuation, a colon ending its line, or a blank line
_SENTENCE_START = regex.compile(r"(?:[.!?][\"”’)*_]*[\s*_|]+|:[ \t*_]*\n[\s*_|]*|\n[ \t]*\n[\s*_|]*)(?=\p{Lu})")
_SENTENCE_END = regex.compile(r"[.!?](?=\s)|\n[ \t]*\n")
# the act's own entry into force: "Quyết định này có hiệu lực (thi hành) …"
_IN_FORCE = regex.compile(r"^(?:\p{L}+ ){1,2}này có hiệu lực\b")
_CLOSING_VERB = regex.compile(r"(?<![\p{L}])(yêu cầu|đề nghị|giao|chỉ đạo)(?![\p{L}])")


@dataclass
class _Body:
    """What the phases of one notice share."""

    text: str
    nodes: list[Node]
    issuer: str | None = None
    lead: LeadIn | None = None
    lead_assignees: list[str] = field(default_factory=list)
    addressees: tuple[str, ...] = ()  # "Kính gửi": who a request that names no one is for
    closing: tuple[int, int] | None = None


def read_notice(
    text: str,
    main: Sequence[tuple[int, int]],
    issuer: str | None,
    doc_year: int | None,
    body_start: int | None,
    refs: Sequence[tuple[int, int]],
) -> list[Directive]:
    """The directives of a notice body: its items, the lead-in and the closing (module doc)."""
    lex = load_lex()
    a, b = body_region(text, main, body_start)
    if b <= a:
        return []
    lines = [ln for ln in text_lines(text, a, b) if not main or in_spans(ln.start, main) or blankish(ln.raw)]
    first = skip_preamble(text, lines, lex)
    if first >= len(lines):
        return []
    nodes = find_nodes(text, lines[first:], b)
    head = body_head(text, lines[: first + 3], lex)
    if not nodes:
        # a letter in paragraphs: its requests are read sentence by sentence
        spans = [(max(s, lines[first].start), min(e, b)) for s, e in (main or [(a, b)]) if e > lines[first].start]
        writer = head or (clean(issuer) if issuer else None)
        sentences = read_article(text, [(s, e) for s, e in spans if e > s], doc_year, None, refs, issuer=writer,
                                 addressees=addressees_of(text), headline=False)
        opinion = opinion_drafts(text, lines[first].start, b, doc_year, lex)
        requests = clause_requests(text, lines[first].start, b, writer, addressees_of(text), doc_year, lex)
        requests = [r for r in requests if not any(o.start < r.end and r.start < o.end for o in opinion)]
        return merge_letter(sentences, [build_directive(text, d, refs) for d in sorted(opinion + requests, key=lambda d: d.start)])
    body = _Body(text, nodes, addressees=addressees_of(text))
    # an act in articles ("Điều 1.") ends with its implementing article ("… chịu trách nhiệm thi
    # hành Quyết định này."); only its entry into force may follow it
    is_act = any(nd.ltype == "dieu" for nd in nodes) or _ENACTED.search(text, a, nodes[0].start) is not None
    body.closing = _split_closing(text, nodes[-1], lex, act=is_act)
    link_tree(nodes)
    assign_ids(nodes)
    _read_lead_in(body, lines[first].start, lex)
    if is_act and head is not None:
        # an act speaks through its enacting formula ("CHỦ TỊCH … QUYẾT ĐỊNH:"); a lead-in verb in
        # its preamble belongs to a cited act ("Căn cứ Thông tư … của Bộ trưởng, Chủ nhiệm Văn
        # phòng Chính phủ hướng dẫn …")
        body.issuer = head
    else:
        body.issuer = body.lead.issuer if body.lead else (head or (clean(issuer) if issuer else None))
    apply_fields(text, nodes, doc_year, lex)
    _task_text_starts(text, nodes)
    _after_entry_into_force(text, nodes)
    for k in range(len(nodes)):
        _who_and_when(body, k, doc_year, lex)
    items = [nd for k, nd in enumerate(nodes) if not omitted(text, nd, lex) and _gives_work(body, k, lex)]
    drafts = _lead_draft(body, lex) + [_draft(body, nd, lex) for nd in items]
    drafts += _closing_draft(body, lex)
    return [build_directive(text, d, refs) for d in drafts]


def addressees_of(text: str) -> tuple[str, ...]:
    """The "Kính gửi" addressees the header stage found (``Header.addressees``; none before it
    reads them)."""
    analysis = getattr(text, "analysis", None)
    header = analysis.results.get("header") if analysis is not None else None
    out = []
    for a in getattr(header, "addressees", None) or ():
        name = a if isinstance(a, str) else getattr(a, "value", None) or getattr(a, "text", None)
        if isinstance(name, str) and name.strip():
            out.append(clean(name).strip(" ,;.:"))
    return tuple(out)


def _split_closing(text: str, last: Node, lex: Lex, *, act: bool = False) -> tuple[int, int] | None:
    """The closing paragraphs after the last item ("Trong quá trình thực hiện…", "Đề nghị các
    …", "Thông báo này…"): the first sentence of the last item, after its first one, that is a
    closing; cut from the last item and returned as a span. Sentences, not lines: the same
    closing is found however the text is wrapped."""
    soft = soft_breaks(text, last.start, last.end)
    for m in rx.finditer(_SENTENCE_START, text, last.start, last.end):
        if m.group().startswith(":") and text.find("\n", m.start(), m.end()) in soft:
            continue  # "Giám đốc các Sở:\nTư pháp, …": a colon and a wrap inside a sentence
        start = m.end()
        stop = rx.search(_SENTENCE_END, text, start, last.end)
        sentence = fold(clean(text[start : stop.end() if stop else last.end]))
        if act and not rx.match(_IN_FORCE, sentence):
            continue
        if any(rx.search(p, sentence) for p in lex.closings) or any(rx.search(p, sentence) for p in lex.closing_self):
            span = (start, last.end)
            last.end = trim_end(text, last.start, start)
            return span
    return None


# the enacting formula of an act on a line of its own ("**QUYẾT ĐỊNH:**", "QUYẾT NGHỊ:")
_ENACTED = regex.compile(r"(?m)^[ \t*_|]*(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ)[ \t*_]*:[ \t*_|]*$")


def _read_lead_in(body: _Body, body_a: int, lex: Lex) -> None:
    """The lead-in before the first item, and the bodies it addresses ("… yêu cầu các sở:")."""
    text, first = body.text, body.nodes[0]
    body.lead = lead_in(text, body_a, first.line_start, lex)
    if body.lead is None:
        return
    named = _named_earlier(text, body_a, body.lead.subject_start, body.lead.issuer, lex)
    if named is not None:
        body.lead = replace(body.lead, issuer=named)
    toks = tokens_in(text, body.lead.verb_end, first.line_start)
    k = 0
    while k < len(toks) and toks[k].t in (",", ":"):
        k += 1
    if toks and is_subject_start(toks, k, lex):
        got = noun_phrase(toks, k, lex)
        if got is not None:
            body.lead_assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)


def _named_earlier(text: str, a: int, b: int, issuer: str, lex: Lex) -> str | None:
    """A leader's title as the lead-in's subject ("…, Phó Thủ tướng Chính phủ kết luận như sau:")
    with the name it was written with earlier in the body ("Phó Thủ tướng Chính phủ Lê Thành
    Long đã dự …"): "<title> <Name>"; None when the subject is no bare title or no name is written."""
    f = fold(issuer).split()
    if not lex.person_heads.match(f, 0) or lex.pronouns.match(f, 0) or trailing_name(issuer, lex):
        return None
    title = r"\s+".join(regex.escape(w) for w in issuer.split())
    names = []
    for m in rx.finditer(regex.compile(rf"(?<![\p{{L}}]){title}((?:\s+\p{{Lu}}[\p{{L}}\p{{M}}]*){{2,4}})"), text, a, b):
        name = trailing_name(clean(m.group(1)), lex)
        if name is not None and clean(m.group(1)).startswith(name.split()[0]):
            names.append(name)
    return f"{issuer} {names[-1]}" if names and len(set(names)) == 1 else None


def _task_text_starts(text: str, nodes: list[Node]) -> None:
    """The task text of "a) Nhiệm vụ: …" starts after "Nhiệm vụ:" (an empty one is a title)."""
    for nd in nodes:
        m = rx.match(_TASK_FIELD, text, nd.start, nd.end)
        if m is not None:
            if clean(text[m.end() : nd.end]):
                nd.start = trim_start(text, m.end(), nd.end)
            else:
                nd.kind = "general"


def _after_entry_into_force(text: str, nodes: list[Node]) -> None:
    """An article that opens with the act's entry into force and goes on with a task ("Điều 2.
    Quyết định này có hiệu lực thi hành kể từ ngày ký. Giao Sở X chủ trì …"): the task starts
    at the next sentence (the entry into force alone is no directive)."""
    for nd in nodes:
        if nd.children or not rx.match(_IN_FORCE, fold(clean(text[nd.start : min(nd.end, nd.start + 120)]))):
            continue
        for m in rx.finditer(_SENTENCE_START, text, nd.start, nd.end):
            if clean(text[m.end() : nd.end]):
                nd.start = trim_start(text, m.end(), nd.end)
            break


def _who_and_when(body: _Body, k: int, doc_year: int | None, lex: Lex) -> None:
    """Assignees, coordinators, verb and deadline of item ``k``; titles become "general"."""
    text, nodes = body.text, body.nodes
    nd = nodes[k]
    if nd.fields is not None:
        return
    if nd.kind == "task_fields":
        nd.kind = "task"
        if not nd.coordinators:
            nd.coordinators = tuple(find_coordinators(text, nd.start, nd.end, lex))
    else:
        _own_or_inherited(body, k, lex)
        nd.coordinators = tuple(find_coordinators(text, nd.start, nd.end, lex))
    if nd.deadline is None:
        nd.deadline = find_deadline(text, nd.start, nd.end, doc_year)
    if nd.kind == "task" and _is_heading(text, nd.start, nd.end, bool(nd.children), lex):
        nd.kind = "general"


def _own_or_inherited(body: _Body, k: int, lex: Lex) -> None:
    """Assignees written in the item, else the parent's (or the lead-in's), else the first
    "giao/yêu cầu X" inside the item; the bodies the assignee must direct (delegates); what the
    item hands to its children."""
    text, nodes = body.text, body.nodes
    nd = nodes[k]
    own, verb = own_assignees(text, nd.start, nd.end, lex)
    only = np_only(text, nd.start, nd.end, lex) if not own else []
    if only:
        own = only
        starts_with_verb = lex.item_verbs.match(folds(tokens_in(text, nd.start, min(nd.end, nd.start + 40))), 0)
        if nd.children and not starts_with_verb:
            nd.kind = "general"
    nd.verb = verb
    inherited = inherited_assignees(nodes, k)
    if own and verb and lex.directs.match([verb], 0) and inherited:
        # "- Chỉ đạo các sở …" under a parent that names who acts: the sở are directed
        nd.assignees, nd.delegates = inherited, tuple(own)
    elif own:
        nd.assignees = tuple(own)
        nd.delegates = tuple(directed(text, nd.start, nd.end, lex))
    elif inherited:
        nd.assignees = inherited
    elif nd.parent is None and body.lead_assignees:
        nd.assignees = tuple(body.lead_assignees)
    else:
        got, v2 = in_text_assignees(text, nd.start, nd.end, lex)
        # a request that names no one is for the "Kính gửi" addressees; an item that opens like a
        # body's lead-in ("Căn cứ Nghị định …", "Thực hiện …") cites or reports, it asks nothing
        nd.assignees = tuple(got) or (() if _opens_with_lead(text, nd.start, nd.end) else body.addressees)
        nd.verb = nd.verb or v2
    if not nd.delegates:
        nd.delegates = inherited_delegates(nodes, k)
    down, delegates = pass_down_of(text, nd.start, nd.end, lex)
    nd.pass_down = tuple(down) if down else None
    nd.delegates_down = tuple(delegates)


def _gives_work(body: _Body, k: int, lex: Lex) -> bool:
    """Is task item ``k`` an instruction? Not in a section that assigns no work ("Mục đích",
    "Đối tượng áp dụng"), nor the document's own entry into force ("Quyết định này có hiệu lực
    …"). Otherwise it names who acts (its own, inherited or the lead-in's), or carries a
    directive verb or a modal (phải, cần), or lies under a lead-in that gives the order or in a
    section that assigns work ("Nhiệm vụ", "Tổ chức thực hiện"), or opens with the action ("Rà
    soát, đánh giá …") — in an article of a normative act ("Điều 1. Sửa đổi, bổ sung …") that
    is the act itself, not a task. Citations ("Căn cứ …", "Tại Điều …") are none of these."""
    text, nd = body.text, body.nodes[k]
    if nd.kind != "task":
        # a title is returned over work only ("Điều 2. Hiệu lực thi hành" over "1. Quyết định
        # này có hiệu lực …" is not); an article's title that names no one and no task section
        # ("Điều 2. Điều khoản thi hành", not "Điều 2. Nhiệm vụ của Tổ công tác:") is the act's
        # structure, its clauses are the items
        if nd.kind == "general" and nd.children:
            if nd.ltype == "dieu" and not nd.assignees and not _names_task_section(body, k, lex):
                return False
            return _work_below(body, k, lex)
        return True
    section = _section(body, k, lex)
    if section == "no":
        return False
    head = fold(clean(text[nd.start : min(nd.end, nd.start + 120)]))
    if any(rx.match(p, head) for p in lex.closing_self):
        return False
    if nd.assignees or nd.delegates or nd.coordinators:
        return True
    if section == "yes" or (body.lead is not None and body.lead.verb in lex.directive_lead_verbs):
        return True
    in_article = _in_article(body, k)
    # an article's quoted text is the wording it enacts ("Sửa đổi khoản 1 như sau: “…”"), not its own
    quote = text.find("“", nd.start, nd.end) if in_article else -1
    end = quote if quote >= 0 else nd.end
    toks = tokens_in(text, nd.start, end)
    f = folds(toks)
    if any(lex.item_verbs.match(f, j) for j in range(len(toks))) or rx.search(lex.modal_re, text, nd.start, end):
        return True
    if opens_with_action(toks, lex) and not in_article and not _assesses(toks, lex):
        return True
    # the title of a group of tasks ("1. Bản tin thường kỳ, tập trung vào các nội dung:")
    return any(_gives_work(body, c, lex) for c in nd.children or ())


def _work_below(body: _Body, k: int, lex: Lex) -> bool:
    """Some item below ``k`` gives work (below the table fields and titles that are omitted)."""
    for c in body.nodes[k].children or ():
        if omitted(body.text, body.nodes[c], lex):
            if _work_below(body, c, lex):
                return True
        elif _gives_work(body, c, lex):
            return True
    return False


def _names_task_section(body: _Body, k: int, lex: Lex) -> bool:
    """The title of item ``k`` names a section that assigns work ("Nhiệm vụ", "Tổ chức thực hiện")."""
    nd = body.nodes[k]
    f = folds(tokens_in(body.text, nd.start, min(nd.end, nd.start + 200)))
    return any(lex.task_sections.match(f, j) for j in range(len(f)))


def _assesses(toks: list[Tok], lex: Lex) -> bool:
    """The item opens with an assessment ("Đánh giá cao …", "Cơ bản thống nhất với …")."""
    f = folds(toks)
    k = 0
    while k < len(toks) and not toks[k].word:
        k += 1
    return bool(lex.assessment_verbs.match(f, k))


def _in_article(body: _Body, k: int) -> bool:
    """Item ``k`` is an article ("Điều 2") of a normative act or lies inside one."""
    p: int | None = k
    while p is not None:
        if body.nodes[p].ltype == "dieu":
            return True
        p = body.nodes[p].parent
    return False


def _section(body: _Body, k: int, lex: Lex) -> str | None:
    """"yes" or "no": does the nearest section title above item ``k`` that says so assign work
    (lexicon ``task_sections``)? None when no title says."""
    p = body.nodes[k].parent
    while p is not None:
        par = body.nodes[p]
        f = folds(tokens_in(body.text, par.start, min(par.end, par.start + 200)))
        for j in range(len(f)):
            if lex.task_sections.match(f, j):
                return "yes"
            if lex.no_task_sections.match(f, j):
                return "no"
        p = par.parent
    return None


def _is_heading(text: str, a: int, b: int, has_children: bool, lex: Lex) -> bool:
    """A section title ("II. NHIỆM VỤ", "1. Về công tác cán bộ") rather than a task."""
    c = clean(text[a:b])
    if not c or is_caps_line(c):
        return True
    f = fold(c).split()
    if lex.heading_words.match(f, 0) and (len(f) <= 8 or c.rstrip().endswith(":")):
        return True
    if has_children and len(f) <= 12 and c.rstrip()[-1:] not in ".:;!?" and not lex.item_verbs.match(f, 0):
        return True
    if has_children and len(f) <= 20 and "." not in c.rstrip(". ")[:-1] and not rx.search(lex.modal_re, c):
        toks = tokens_in(text, a, b)
        fw = folds(toks)
        if not any(is_starter(toks, j, lex) or (toks[j].lower and lex.item_verbs.match(fw, j)) for j in range(1, len(toks))):
            return True
    return False


def _draft(body: _Body, nd: Node, lex: Lex) -> Draft:
    par = body.nodes[nd.parent] if nd.parent is not None else None
    lead_verb = body.lead.verb if body.lead else None
    verb = nd.verb or (lead_verb if lead_verb in lex.directive_lead_verbs else None)
    verb = verb or _modal_in(body.text, nd.start, nd.end, lex)
    return Draft(
        nd.start, nd.end, issuer=body.issuer, verb=verb, assignees=nd.assignees, coordinators=nd.coordinators,
        delegates=nd.delegates, deadline=nd.deadline, recurrence=find_recurrence(body.text, nd.start, nd.end),
        id=nd.id, label=nd.label, parent=par.id if par else None, parent_label=par.path if par else None,
        kind=nd.kind if nd.kind in ("task", "general") else "task",
    )


def _modal_in(text: str, a: int, b: int, lex: Lex) -> str | None:
    m = rx.search(lex.modal_re, text, a, min(b, a + 400))
    return fold(m.group()) if m else None


def _lead_draft(body: _Body, lex: Lex) -> list[Draft]:
    """The lead-in, as a "general" directive when its verb gives the order."""
    lead = body.lead
    if lead is None or lead.verb not in lex.directive_lead_verbs:
        return []
    s = lead.sentence_start
    e = trim_end(body.text, s, body.nodes[0].line_start)
    if e <= s:
        return []
    return [Draft(s, e, issuer=body.issuer, verb=lead.verb, assignees=body.lead_assignees, id="lead", kind="general")]


def _closing_draft(body: _Body, lex: Lex) -> list[Draft]:
    """The closing, as a "general" directive when it carries a directive verb."""
    if body.closing is None:
        return []
    text = body.text
    s = trim_start(text, body.closing[0], body.closing[1])
    e = trim_end(text, s, body.closing[1])
    vm = rx.search(_CLOSING_VERB, fold(text[s:e]))
    if e <= s or vm is None:
        return []
    got, _ = in_text_assignees(text, s, e, lex)
    return [Draft(s, e, issuer=body.issuer, verb=vm.group(1), assignees=got or body.addressees, id="closing", kind="general")]


@cache
def _body_leads() -> PhraseMatcher:
    return PhraseMatcher(lexicon("body_leads").where(kind="lead"))


def _opens_with_lead(text: str, start: int, end: int) -> bool:
    """The item opens with a lead-in of a body paragraph (lexicon ``body_leads``, kind lead)."""
    return _body_leads().prefix(text[start:min(end, start + 60)].lstrip(" *_-+•–")) is not None
