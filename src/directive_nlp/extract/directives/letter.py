"""A letter in paragraphs (a Công văn without numbered items) that conveys a leader's opinion:
"Xét đề nghị của …, Phó Thủ tướng Chính phủ X có ý kiến (chỉ đạo) như sau:" and then
paragraphs whose subject is the body that must act ("Bộ Y tế chủ trì, phối hợp với … nghiên
cứu …"). Each such sentence is a directive of the leader, up to the closing ("Văn phòng Chính
phủ thông báo để … biết, thực hiện"). A sentence that lists its tasks inline ("…, cụ thể: (i)
Đánh giá …; (ii) Rà soát …") gives one directive per task, under the sentence, inheriting its
assignees. Phases: the lead (:func:`opinion_lead`) → the sentences after it → the inline tasks.
"""

from __future__ import annotations

from typing import Sequence

import regex

from directive_nlp.extract.directives.addressees import find_coordinators, in_text_assignees, own_assignees
from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline, find_recurrence
from directive_nlp.extract.directives.labels import lead_in, trim_end, trim_start
from directive_nlp.extract.directives.lexicon import Lex
from directive_nlp.extract.directives.model import Draft
from directive_nlp.extract.directives.nounphrase import is_subject_start, noun_phrase, phrase_text
from directive_nlp.extract.directives.tokens import clean, folds, tokens_in
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["opinion_drafts", "clause_requests", "merge_letter"]

# "… như sau:" closes the lead of the opinion
_AS_FOLLOWS = regex.compile(r"(?i)(?<![\p{L}])như\s+sau\s*[*_]*:")
# an inline task label: "(i)", "(ii)", "(1)", "(a)" after a clause mark or the start
_INLINE = regex.compile(r"(?:(?<=[:;,.]\s*)|(?<=^))\((?P<l>[ivx]{1,4}|\d{1,2}|[a-zđ])\)\s+")
# ", đề nghị X …" / ", yêu cầu X …" opening the main clause after a topic clause
_CLAUSE_REQUEST = regex.compile(r",\s+(đề\s+nghị|yêu\s+cầu)\s+")
_SENT_END = regex.compile(r"[.!?](?=\s+[\p{Lu}\d])|\n[ \t]*\n")
_SENTENCE_OR_PARAGRAPH_END = regex.compile(r"[.!?]\s|\n[ \t]*\n")


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out, s = [], a
    for m in rx.finditer(_SENT_END, text, a, b):
        out.append((s, m.end()))
        s = m.end()
    out.append((s, b))
    spans = [(trim_start(text, x, y), trim_end(text, x, y)) for x, y in out]
    return [(x, y) for x, y in spans if y > x]


def _is_closing(sentence: str, lex: Lex) -> bool:
    f = fold(clean(sentence))
    return any(rx.search(p, f) for p in lex.closings) or any(rx.search(p, f) for p in lex.closing_self)


def opinion_lead(text: str, a: int, b: int, lex: Lex) -> tuple[int, str] | None:
    """Where the opinion starts (after "… như sau:") and whose it is (the subject of the lead
    verb before it). Only an order ("có ý kiến chỉ đạo", "kết luận" is not one) or a leader's
    opinion ("Phó Thủ tướng X có ý kiến như sau:") — a body's own "ý kiến" answering a query
    ("Cục Thuế có ý kiến như sau:") explains the law, it assigns nothing."""
    m = rx.search(_AS_FOLLOWS, text, a, b)
    if m is None:
        return None
    sentence_start = a
    for mm in rx.finditer(_SENTENCE_OR_PARAGRAPH_END, text, a, m.start()):
        sentence_start = mm.end()
    lead = lead_in(text, sentence_start, m.end(), lex)
    if lead is None:
        return None
    leader = lex.person_heads.match(fold(lead.issuer).split(), 0)
    if lead.verb not in lex.directive_lead_verbs and not leader:
        return None
    return m.end(), lead.issuer


def _who(text: str, s: int, e: int, lex: Lex) -> tuple[list[str], str | None]:
    """Who must act in one sentence of the opinion: its subject ("Bộ Y tế chủ trì …"), or the
    addressee of a directive verb after the writer's name ("Bộ Nội vụ đề nghị X …")."""
    own, verb = own_assignees(text, s, e, lex)
    if own and any(lex.item_verbs.match(fold(x).split(), j) for x in own for j in range(1, len(x.split()))):
        got, v2 = in_text_assignees(text, s, e, lex)
        if got:
            return got, v2
    return own, verb


def _inline_tasks(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """The inline tasks "(i) …; (ii) …" of text[a:b]: (label, start, end); the last one ends at
    the first ";" after it (what follows is the sentence's own tail: "…; báo cáo …")."""
    found = [(m.group("l"), m.start(), m.end()) for m in rx.finditer(_INLINE, text, a, b)]
    if len(found) < 2:
        return []
    out = []
    for k, (label, ls, le) in enumerate(found):
        end = found[k + 1][1] if k + 1 < len(found) else b
        if k + 1 == len(found):
            semi = text.find(";", le, b)
            end = semi if semi > 0 else end
        s = trim_start(text, le, end)
        e = trim_end(text, s, end)
        while e > s and text[e - 1] in ";,.":
            e = trim_end(text, s, e - 1)
        if e > s:
            out.append((f"({label})", s, e))
    return out


def opinion_drafts(text: str, a: int, b: int, doc_year: int | None, lex: Lex) -> list[Draft]:
    """The directives of a letter that conveys an opinion (module doc), in text order."""
    lead = opinion_lead(text, a, b, lex)
    if lead is None:
        return []
    start, speaker = lead
    drafts: list[Draft] = []
    for s, e in _sentences(text, start, b):
        if _is_closing(text[s:e], lex):
            break
        assignees, verb = _who(text, s, e, lex)
        if not assignees:
            continue
        tasks = _inline_tasks(text, s, e)
        head_end = trim_end(text, s, tasks[0][1] - 1) if tasks else e
        head_end = trim_end(text, s, head_end - 1) if text[head_end - 1 : head_end] == ":" else head_end
        n = len(drafts) + 1
        drafts.append(Draft(
            s, head_end, issuer=speaker, verb=verb, assignees=assignees,
            coordinators=find_coordinators(text, s, e, lex), deadline=find_deadline(text, s, e, doc_year),
            recurrence=find_recurrence(text, s, e), id=str(n),
        ))
        for label, ts, te in tasks:
            drafts.append(Draft(
                ts, te, issuer=speaker, assignees=assignees, deadline=find_deadline(text, ts, te, doc_year),
                recurrence=find_recurrence(text, ts, te), id=f"{n}.{label.strip('()')}", label=label,
                parent=str(n), parent_label=None,
            ))
    return drafts


def _name_run(toks: Sequence, lex: Lex) -> tuple[int, int, int] | None:
    """A body's proper name before its action where the action is no listed starter ("Thuế
    tỉnh Quảng Trị trao đổi với …"): capitalised words and administrative units, ending with a
    capitalised word and followed by a lower-case word. (first, end, action) as noun_phrase."""
    f = folds(toks)
    j = 0
    while j < len(toks) and toks[j].word and (toks[j].cap or (j > 0 and lex.place_units.match(f, j))):
        j += 1
    while j > 0 and not toks[j - 1].cap:
        j -= 1
    if j == 0 or j >= len(toks) or not toks[j].word or not toks[j].lower or lex.hard_stops.match(f, j):
        return None
    return 0, j, j


def clause_requests(text: str, a: int, b: int, writer: str | None, addressees: Sequence[str],
                    doc_year: int | None, lex: Lex) -> list[Draft]:
    """The writer's requests after a topic, purpose or basis clause: "Về việc X, đề nghị Thuế
    tỉnh Y trao đổi với …", "Để …, trên cơ sở …, đề nghị bộ, ngành, địa phương khẩn trương …".
    The clause before the verb names no one, so the request is the letter's own; the body after
    the verb must act (else the "Kính gửi" addressees). Text: the task after the body."""
    drafts: list[Draft] = []
    for s, e in _sentences(text, a, b):
        head = tokens_in(text, s, min(e, s + 80))
        if not head or not lex.topic_leads.match(folds(head), 0):
            continue
        m = rx.search(_CLAUSE_REQUEST, text, s, e)
        if m is None:
            continue
        after = tokens_in(text, m.end(), e)
        if not after or not (is_subject_start(after, 0, lex) or (after[0].word and after[0].cap)):
            continue
        np = noun_phrase(after, 0, lex) or _name_run(after, lex)
        if np is None or np[2] >= len(after):
            continue
        cs, ce = trim_start(text, after[np[2]].s, e), trim_end(text, s, e)
        while ce > cs and text[ce - 1] in ".;/":
            ce = trim_end(text, cs, ce - 1)
        if ce <= cs:
            continue
        assignees = split_assignees(phrase_text(text, after, np[0], np[1]), lex) or list(addressees)
        drafts.append(Draft(
            cs, ce, issuer=writer, verb=fold(m.group(1)), assignees=assignees,
            coordinators=find_coordinators(text, cs, ce, lex), deadline=find_deadline(text, cs, ce, doc_year),
            recurrence=find_recurrence(text, cs, ce), id=f"r{len(drafts) + 1}",
        ))
    return drafts


def merge_letter(base: Sequence, extra: Sequence) -> list:
    """The opinion directives with the sentence reading's others (those they do not overlap),
    in text order, ids renumbered where the sentence reading gave them."""
    from dataclasses import replace

    if not extra:
        return list(base)
    kept = [d for d in base if not any(x.start < d.end and d.start < x.end for x in extra)]
    out = sorted([*kept, *extra], key=lambda d: d.start)
    n = 0
    result = []
    for d in out:
        if d in kept:
            n += 1
            d = replace(d, id=f"s{n}")
        result.append(d)
    return result
