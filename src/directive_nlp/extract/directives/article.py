"""Articles (news reports): the instructions given in each sentence, with their speaker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import regex

from directive_nlp.extract.directives.addressees import find_coordinators, own_assignees
from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline
from directive_nlp.extract.directives.labels import (
    LABEL,
    text_lines,
    trim_end,
    trim_start,
)
from directive_nlp.extract.directives.lexicon import Lex, load_lex
from directive_nlp.extract.directives.model import Directive
from directive_nlp.extract.directives.notice import make_directive
from directive_nlp.extract.directives.nounphrase import (
    is_starter,
    is_subject_start,
    noun_phrase,
    phrase_text,
)
from directive_nlp.extract.directives.speakers import Speakers, trailing_name
from directive_nlp.extract.directives.tokens import clean, folds, tokens_in
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

_MAX_HITS = 40  # triggers read in one sentence
_WINDOW = 400  # characters looked at before a trigger for its speaker


_SENT_END = regex.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[\p{Lu}\d])|\n")


def _sentences(text: str, a: int, b: int, lex: Lex) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = a
    for m in rx.finditer(_SENT_END, text, a, b):
        if m.group() != "\n" and m.group().startswith("."):
            # "TP. Hà Nội", "ThS. Nguyễn": an abbreviation, not an end
            w = regex.search(r"([\p{L}/]+)$", text[max(a, m.start() - 6) : m.start()])
            if w and fold(w.group(1)) in lex.sentence_abbrevs:
                continue
            # "1. Tập trung …": a list label, not an end
            line_start = text.rfind("\n", a, m.start()) + 1
            if regex.fullmatch(r"[ \t*]*(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]{1,5}|[a-zđ])", text[max(a, line_start) : m.start()]):
                continue
        e = m.end()
        if clean(text[s:e]):
            out.append((s, e))
        s = e
    if clean(text[s:b]):
        out.append((s, b))
    return [(trim_start(text, x, y), trim_end(text, x, y)) for x, y in out if trim_end(text, x, y) > trim_start(text, x, y)]


@dataclass
class _Hit:
    subj_start: int  # where the speaker phrase (or the trigger) starts
    v_start: int
    v_end: int
    verb: str
    speaker: str | None
    passive: list[str] | None = None
    name: str | None = None  # a name written before the speaker's title ("X, Chủ tịch … yêu cầu")


def _clause_start(text: str, s0: int, pos: int) -> tuple[int, str]:
    """Start of the clause ending at ``pos`` and the mark that opened it ("", ",", ";", ":")."""
    best, mark = s0, ""
    for m in rx.finditer(regex.compile(r"[,;:]"), text, s0, pos):
        best, mark = m.end(), m.group()
    return best, mark


def _valid_speaker(phrase: str, lex: Lex) -> bool:
    words = phrase.split()
    if not words or len(words) > 16:
        return False
    f = [w.casefold() for w in words]
    if any(w in ("đã", "đang", "sẽ", "được", "chưa", "không") for w in f):
        return False
    if any(lex.starters.match(f, j) or lex.modals.match(f, j) for j in range(1, len(f)) if words[j][:1].islower() and not lex.person_heads.match(f, j)):
        return False
    if lex.pronouns.match(f, 0) and (len(f) <= 2 or lex.person_heads.match(f, lex.pronouns.match(f, 0)) or trailing_name(phrase, lex)):
        return True
    if trailing_name(phrase, lex):
        return True
    if not words[0][:1].isupper() and not lex.pronouns.match(f, 0) and f[0] not in ("huyện", "tỉnh", "thành", "xã", "người"):
        return False
    if lex.person_heads.match(f, 0):
        return True
    if lex.subject_heads.match(f, 0):
        # a particular body ("Sở Y tế", "UBND tỉnh", "Huyện ủy"), not "Người dân", "Doanh nghiệp"
        return (
            any(w[:1].isupper() for w in words[1:])
            or any(w.isupper() and len(w) >= 2 for w in words)
            or bool(lex.standalone_bodies.match(f, 0))
        )
    return False


def _article_hits(text: str, s0: int, s1: int, lex: Lex) -> list[_Hit]:
    """Directive triggers of one sentence, with their speaker phrase."""
    hits: list[_Hit] = []
    for m in rx.finditer(lex.triggers, text, s0, s1)[:_MAX_HITS]:
        v = fold(m.group())
        w0 = max(s0, m.start() - _WINDOW)  # a clause longer than this is not a speaker's
        toks_before = tokens_in(text, max(s0, m.start() - 60), m.start())
        fb = folds(toks_before)
        toks_after = tokens_in(text, m.end(), min(s1, m.end() + 40))
        fa = folds(toks_after)
        if fa and any(p.match(fa, 0) for k, p in lex.not_after.items() if k in ("*", v)):
            continue
        if not fa or toks_after[0].t in (".", "!", "?"):
            continue
        at_start = m.start() - s0 < _WINDOW and not clean(text[s0 : m.start()]).strip("-–•*# ")
        if at_start:
            if v in lex.initial_triggers and m.group()[:1].isupper():
                hits.append(_Hit(m.start(), m.start(), m.end(), v, None))
            continue
        if not m.group()[:1].islower():
            continue
        # "… giao A và yêu cầu B": the same speaker goes on
        if hits and fb and fb[-1] == "và":
            hits.append(_Hit(m.start(), m.start(), m.end(), v, hits[-1].speaker))
            continue
        cs, mark = _clause_start(text, w0, m.start())
        subj = clean(text[cs : m.start()])
        # "UBND tỉnh vừa có văn bản (số …) yêu cầu …": the body that wrote it
        da = rx.search(lex.doc_act, subj)
        if da is not None and da.start() > 0 and v not in lex.modal_triggers:
            spk = subj[: da.start()].strip(" ,")
            if _valid_speaker(spk, lex):
                ss = text.find(spk.split()[0], cs, m.start())
                hits.append(_Hit(ss if ss >= 0 else cs, m.start(), m.end(), v, spk))
                continue
        if fb and (lex.not_before.ends(fb, len(fb)) or (len(fb) > 1 and fb[-1] == "," and fb[-2] in ("lãnh", "đạo"))):
            continue
        # passive: "X được yêu cầu …"
        if subj.casefold().endswith(" được") or subj.casefold() == "được":
            if not fa or not toks_after[0].word:
                continue
            whole = clean(text[w0 : m.start()])[: -len("được")].strip(" ,")
            np_text = whole if _is_np_phrase(whole, lex) else subj[: -len("được")].strip(" ,")
            if np_text and _is_np_phrase(np_text, lex):
                hits.append(_Hit(cs, m.start(), m.end(), v, None, split_assignees(np_text, lex)))
            continue
        # connectives before and adverbs after the speaker ("Đồng thời ông Minh cũng …")
        sw = subj.split()
        while sw:
            f2 = [w.casefold() for w in sw]
            n = lex.connectives.match(f2, 0)
            if not n or n >= len(sw):
                break
            sw = sw[n:]
        while sw:
            f2 = [w.casefold() for w in sw]
            n = lex.speaker_adverbs.ends(f2, len(f2))
            if not n:
                break
            sw = sw[:-n]
        subj = " ".join(sw)
        prefix = text[w0 : m.start()]
        if not subj:
            # clause-initial: after ";" in a sentence that goes on from the last speaker
            if v in lex.modal_triggers or mark != ";":
                continue
            if rx.search(lex.past, prefix) or rx.search(lex.report, prefix):
                continue
            if hits or (cs - s0 < _WINDOW and _continuation_sentence(text, s0, cs, lex)):
                hits.append(_Hit(m.start(), m.start(), m.end(), v, hits[-1].speaker if hits else None))
            continue
        if not _valid_speaker(subj, lex):
            # a heading glued before the speaker ("Toàn cảnh hội nghị … Chủ tịch UBND TP X giao")
            f2 = [w.casefold() for w in sw]
            cut = next(
                (i for i in range(1, len(sw)) if sw[i][:1].isupper() and lex.person_heads.match(f2, i)
                 and trailing_name(" ".join(sw[i:]), lex) and _valid_speaker(" ".join(sw[i:]), lex)),
                None,
            )
            if cut is None:
                continue
            sw = sw[cut:]
            subj = " ".join(sw)
        ss = text.find(sw[0], cs, m.start()) if sw else cs
        name = None
        if mark == "," and not trailing_name(subj, lex):
            before = clean(text[max(w0, cs - 100) : cs - 1])
            name = trailing_name(before, lex)
            if name is not None:
                ss = text.rfind(name.split()[0], w0, cs)
        hits.append(_Hit(ss if ss >= 0 else cs, m.start(), m.end(), v, subj, None, name))
    return hits


def _title_end(text: str, a: int, b: int) -> int:
    """End of a headline line at the start of an article (no final punctuation), else ``a``."""
    for ln in text_lines(text, a, b):
        c = clean(ln.raw)
        if not c:
            continue
        if c[-1:] not in ".!?…:”\"" and len(c.split()) <= 30:
            return ln.end
        return a
    return a


def _continuation_sentence(text: str, s0: int, cs: int, lex: Lex) -> bool:
    """A sentence with no subject of its own ("Đồng thời, gợi mở …; đề nghị …")."""
    toks = tokens_in(text, s0, cs)
    f = folds(toks)
    k = 0
    while k < len(toks):
        n = lex.connectives.match(f, k)
        if n:
            k += n
            while k < len(toks) and toks[k].t == ",":
                k += 1
            continue
        break
    return k < len(toks) and toks[k].word and toks[k].lower


def _is_np_phrase(s: str, lex: Lex) -> bool:
    toks = tokens_in(s, 0, len(s))
    if not toks or not is_subject_start(toks, 0, lex):
        return False
    f = folds(toks)
    return not any(
        t.word and t.lower and (lex.hard_stops.match(f, j) or is_starter(toks, j, lex))
        for j, t in enumerate(toks)
        if j > 0
    )


def read_article(
    text: str,
    main: Sequence[tuple[int, int]],
    doc_year: int | None,
    resolve: Callable[[str], str | None] | None,
    refs: Sequence[tuple[int, int]],
) -> list[Directive]:
    lex = load_lex()
    spans = list(main) if main else [(0, len(text))]
    speakers = Speakers(text, resolve)
    drafts: list[tuple[int, int, str | None, str, list[str], list[str], tuple[str, str] | None]] = []
    quoted: list[tuple[int, int, str, str]] = []
    for a, b in spans:
        # quotes closed by "…”, <speaker> nhấn mạnh"
        for m in rx.finditer(
            regex.compile(r"“([^”\n]{3,1200})”\s*,?\s*([^,.;\n]{2,80}?)\s+(nhấn\s+mạnh|yêu\s+cầu|chỉ\s+đạo|lưu\s+ý|đề\s+nghị)\s*[.!]"),
            text, a, b,
        ):
            speaker = clean(m.group(2))
            if not _valid_speaker(speaker, lex):
                continue
            v = fold(m.group(3))
            if v in lex.modal_triggers and not rx.search(lex.modal_re, m.group(1)):
                continue
            quoted.append((m.start(1), m.end(1), speaker, v))
        skip_to = _title_end(text, a, b) if (a, b) == spans[0] else a
        pending: tuple[str | None, str, list[str]] | None = None  # "… yêu cầu:" then a list
        for s0, s1 in _sentences(text, a, b, lex):
            if s0 < skip_to or clean(text[s0:s1]).startswith("#"):
                continue
            lm = rx.match(LABEL, text, s0, s1) if pending is not None else None
            if pending is not None and lm is not None and clean(text[lm.end() : s1]):
                ls = trim_start(text, lm.end(), s1)
                le = trim_end(text, ls, s1)
                own, _ = own_assignees(text, ls, le, lex)
                drafts.append(
                    (ls, le, pending[0], pending[1], own or list(pending[2]),
                     find_coordinators(text, ls, le, lex), find_deadline(text, ls, le, doc_year))
                )
                continue
            pending = None
            speakers.note(text[s0:s1])
            hits = _article_hits(text, s0, s1, lex)
            for h_i, h in enumerate(hits):
                end = hits[h_i + 1].subj_start if h_i + 1 < len(hits) else s1
                end = trim_end(text, h.v_end, end)
                while end > h.v_end:
                    tail = regex.search(r"(?:[\s.,;:…]+|(?<![\p{L}])(?:và|đồng thời))$", text[h.v_end:end])
                    if tail is None or tail.end() == tail.start():
                        break
                    end = trim_end(text, h.v_end, h.v_end + tail.start())
                cstart = h.v_end
                toks = tokens_in(text, cstart, min(end, cstart + 1500))
                k = 0
                while k < len(toks) and toks[k].t in (",", ":"):
                    k += 1
                assignees: list[str] = list(h.passive or [])
                if toks and h.verb not in lex.modal_triggers and h.passive is None:
                    if is_subject_start(toks, k, lex):
                        got = noun_phrase(toks, k, lex)
                        if got is not None:
                            assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)
                            k = got[2]
                elif toks and h.verb in lex.modal_triggers:
                    content = text[cstart:end]
                    if not rx.search(lex.modal_re, content):
                        continue
                    if is_subject_start(toks, k, lex):
                        got = noun_phrase(toks, k, lex)
                        if got is not None and lex.modals.match(folds(toks), got[2]):
                            assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)
                if h.speaker is None and h.passive is None and h.subj_start == h.v_start:
                    issuer = speakers.issuer(None)
                elif h.passive is not None:
                    issuer = speakers.issuer(None)
                elif h.name:
                    issuer = speakers.issuer(h.name)
                else:
                    issuer = speakers.issuer(h.speaker)
                if h_i + 1 == len(hits) and text[h.v_end : s1].rstrip(" *").endswith(":"):
                    # "Chủ tịch UBND tỉnh yêu cầu (X):" and a list of instructions below
                    if not assignees and toks and is_subject_start(toks, k, lex):
                        got = noun_phrase(toks, k, lex, need_starter=False)
                        if got is not None:
                            assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)
                    pending = (issuer, h.verb, assignees)
                    continue
                if k >= len(toks):
                    continue
                cs = toks[k].s
                cs = trim_start(text, cs, end)
                if end <= cs or not clean(text[cs:end]):
                    continue
                coords = find_coordinators(text, cs, end, lex)
                dl = find_deadline(text, cs, end, doc_year)
                drafts.append((cs, end, issuer, h.verb, assignees, coords, dl))
            # a quote closed in this sentence ("…”, Bí thư Thành ủy nhấn mạnh.")
            for qs, qe, speaker, v in quoted:
                if not s0 <= qe < s1:
                    continue
                if any(ds <= qs < de or qs <= ds < qe for ds, de, *_ in drafts):
                    continue
                qs2 = trim_start(text, qs, qe)
                qe2 = trim_end(text, qs2, qe)
                if qe2 > qs2:
                    issuer = speakers.issuer(speaker)
                    drafts.append((qs2, qe2, issuer, v, [], [], find_deadline(text, qs2, qe2, doc_year)))
    drafts.sort(key=lambda d: d[0])
    drafts = _dedupe(text, drafts)
    out: list[Directive] = []
    for n, (s, e, issuer, verb, ass, coords, dl) in enumerate(drafts, 1):
        out.append(make_directive(text, str(n), None, None, None, issuer, verb, ass, coords, s, e, dl, refs, "task"))
    return out


def _dedupe(text: str, drafts: list[Any]) -> list[Any]:
    """The same instruction written twice (a lead or a photo caption repeating the body):
    keep the one with a deadline, else the longer, else the later."""
    keep: list[Any] = []
    index: dict[tuple[str, Any], int] = {}
    for d in drafts:
        key = (" ".join(fold(clean(text[d[0] : min(d[1], d[0] + 300)])).split()[:7]), d[2])
        dup = index.get(key)
        if dup is None:
            index[key] = len(keep)
            keep.append(d)
            continue
        old = keep[dup]
        better = (d[6] is not None, d[1] - d[0]) >= (old[6] is not None, old[1] - old[0])
        if better:
            keep[dup] = d
    keep.sort(key=lambda d: d[0])
    return keep


# --------------------------------------------------------------------------- API

