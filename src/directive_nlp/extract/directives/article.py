"""Articles (news reports): the instructions given in each sentence, with their speaker."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Callable, Sequence

import regex

from directive_nlp.extract.directives.addressees import directed, find_coordinators, own_assignees
from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.deadlines import find_deadline, find_recurrence
from directive_nlp.extract.directives.labels import (
    LABEL,
    content_end,
    soft_breaks,
    trim_end,
    trim_start,
)
from directive_nlp.extract.directives.lexicon import Lex, load_lex
from directive_nlp.extract.directives.model import Directive, Draft, build_directive
from directive_nlp.extract.directives.nounphrase import (
    is_starter,
    is_subject_start,
    noun_phrase,
    phrase_text,
)
from directive_nlp.extract.directives.speakers import Speakers, trailing_name
from directive_nlp.extract.directives.tokens import (
    DocText,
    Tok,
    clean,
    folds,
    has_text,
    tokens_in,
)
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold
from directive_nlp.text.words import wrap_breaks

_MAX_HITS = 40  # triggers read in one sentence
_WINDOW = 400  # characters looked at before a trigger for its speaker


_SENT_END = regex.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[\p{Lu}\d])|\n")
_LAST_WORD = regex.compile(r"([\p{L}/]+)$")  # the word before a full stop ("TP", "ThS")
_LIST_NUMBER = regex.compile(r"[ \t*]*(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]{1,5}|[a-zđ])")  # a line's "1", "1.2", "IV", "a"
_CLAUSE_MARK = regex.compile(r"[,;:]")
_SEMICOLON = regex.compile(r";")
_LOWER_AFTER_BREAK = regex.compile(r"[ \t]*\p{Ll}")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
_ALL_OF = regex.compile(r"(?:tất\s+)?cả\s+")
_TOGETHER_WITH = regex.compile(r"\s+cùng(?:\s+với)?\s+(?=các\s|những\s|lãnh\s+đạo\s|\p{Lu})")


def _sentences(text: str, a: int, b: int, lex: Lex) -> list[tuple[int, int]]:
    """Sentences of text[a:b]: ended by final punctuation before a capital (not after "TP.",
    "ThS." or a list number) or by a line break that is not a soft wrap."""
    out: list[tuple[int, int]] = []
    s = a
    soft = soft_breaks(text, a, b)
    for m in rx.finditer(_SENT_END, text, a, b):
        if m.group() == "\n" and m.start() in soft:
            continue
        if m.group() != "\n" and m.group().startswith("."):
            # "TP. Hà Nội", "ThS. Nguyễn": an abbreviation, not an end
            w = _LAST_WORD.search(text[max(a, m.start() - 6) : m.start()])
            if w and fold(w.group(1)) in lex.sentence_abbrevs:
                continue
            # "1. Tập trung …": a list label, not an end
            line_start = text.rfind("\n", a, m.start()) + 1
            if _LIST_NUMBER.fullmatch(text[max(a, line_start) : m.start()]):
                continue
        e = m.end()
        if has_text(text, s, e):
            out.append((s, e))
        s = e
    if has_text(text, s, b):
        out.append((s, b))
    trimmed = [(trim_start(text, x, y), trim_end(text, x, y)) for x, y in out]
    return [(x, y) for x, y in trimmed if y > x]


@dataclass
class _Hit:
    subj_start: int  # where the speaker phrase (or the trigger) starts
    v_start: int
    v_end: int
    verb: str
    speaker: str | None
    passive: list[str] | None = None
    name: str | None = None  # a name written before the speaker's title ("X, Chủ tịch … yêu cầu")
    recipients: list[str] | None = None  # "X có văn bản gửi Y, đề nghị …": Y, when no one is named


def _clause_start(text: str, s0: int, pos: int) -> tuple[int, str]:
    """Start of the clause ending at ``pos`` and the mark that opened it ("", ",", ";", ":")."""
    best, mark = s0, ""
    for m in rx.finditer(_CLAUSE_MARK, text, s0, pos):
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


def _article_hits(text: str, s0: int, s1: int, toks: list[Tok], lex: Lex) -> list[_Hit]:
    """Directive triggers of one sentence (its tokens ``toks``), with their speaker phrase."""
    hits: list[_Hit] = []
    for m in _triggers(text, toks, lex)[:_MAX_HITS]:
        if hits and _directed_by_addressee(text, hits[-1], m, lex):
            continue
        hit = _hit_at(text, m, s0, s1, hits, lex)
        if hit is not None:
            hits.append(hit)
    return hits


def _directed_by_addressee(text: str, prev: _Hit, m: Trigger, lex: Lex) -> bool:
    """"yêu cầu Bộ GTVT (tiếp tục) chỉ đạo Cục Đường sắt …": a verb of directing whose subject is the
    addressee of the instruction before it is that instruction's task (the addressee must direct
    others), not a new instruction."""
    if not lex.directs.match(folds(tokens_in(text, m.start, m.end)), 0):
        return False
    toks = tokens_in(text, prev.v_end, m.end)
    k = 0
    while k < len(toks) and (toks[k].t in (",", ":") or (k == 0 and toks[k].f == "cho")):
        k += 1
    if k >= len(toks) or not _addressee_start(toks, k, lex):
        return False
    got = noun_phrase(toks, k, lex)
    if got is None:
        return False
    j = got[2]
    f = folds(toks)
    while j < len(toks) and toks[j].s < m.start and lex.speaker_adverbs.match(f, j):
        j += lex.speaker_adverbs.match(f, j)  # "yêu cầu UBND tỉnh tiếp tục chỉ đạo …"
    return j < len(toks) and toks[j].s == m.start


@dataclass(frozen=True, slots=True)
class Trigger:
    """A directive verb of the article role, as a word or words of the analysis."""

    start: int
    end: int
    text: str


def _triggers(text: str, toks: list[Tok], lex: Lex) -> list[Trigger]:
    """The directive verbs among the tokens of a sentence: whole words ("giao", not the word
    "giao thông")."""
    f = folds(toks)
    out: list[Trigger] = []
    starts = lex.triggers.starts
    j = 0
    while j < len(toks):
        n = lex.triggers.match(f, j) if starts[f[j]] else 0
        if n:
            a, b = toks[j].s, toks[j + n - 1].e
            out.append(Trigger(a, b, text[a:b]))
            j += n
        else:
            j += 1
    return out


def _hit_at(text: str, m: Trigger, s0: int, s1: int, hits: list[_Hit], lex: Lex) -> _Hit | None:
    """The instruction given by the trigger ``m``, or None when it gives none."""
    v = fold(m.text)
    toks_after = tokens_in(text, m.end, min(s1, m.end + 40))
    fa = folds(toks_after)
    if not fa or toks_after[0].t in (".", "!", "?"):
        return None
    if any(p is not None and p.match(fa, 0) for p in (lex.not_after.get("*"), lex.not_after.get(v))):
        return None
    if m.start - s0 < _WINDOW and not has_text(text, s0, m.start, bullets=True):
        # the sentence opens with the verb: "Đề nghị …", "Giao …" (the last speaker's)
        if v in lex.initial_triggers and m.text[:1].isupper():
            return _Hit(m.start, m.start, m.end, v, None)
        return None
    if not m.text[:1].islower():
        return None
    fb = folds(tokens_in(text, max(s0, m.start - 60), m.start))
    if hits and fb and fb[-1] == "và":  # "… giao A và yêu cầu B": the same speaker goes on
        return _Hit(m.start, m.start, m.end, v, hits[-1].speaker)
    w0 = max(s0, m.start - _WINDOW)  # a clause longer than this is not a speaker's
    cs, mark = _clause_start(text, w0, m.start)
    subj = clean(text[cs : m.start])
    written = _document_act_hit(text, m, cs, subj, v, lex)
    if written is not None:
        return written
    said = len(fb) > 1 and fb[-1] == "và" and lex.speech.ends(fb, len(fb) - 1) > 0
    if not said and fb and (lex.not_before.ends(fb, len(fb)) or (len(fb) > 1 and fb[-1] == "," and fb[-2] == "lãnh đạo")):
        # ("… nói và yêu cầu …": two verbs of one speaker, not the noun "yêu cầu")
        return None
    if subj.casefold().endswith(" được") or subj.casefold() == "được":
        return _passive_hit(text, m, w0, cs, subj, v, toks_after, lex)
    sw = _speaker_words(subj, lex)
    if not sw:
        return _clause_initial_hit(text, m, s0, w0, cs, mark, v, hits, lex)
    if "đã" in [w.casefold() for w in subj.split()[len(sw) :]] and not _a_person(_after_saying(sw, lex), lex):
        # "UBND tỉnh đã giao …", "Phòng giáo dục quận đã chỉ đạo …": what a body did is a
        # reported fact, and so is what a report tells of one ("… cho biết đơn vị đã giao …");
        # what an official "đã yêu cầu" is an instruction given ("… cho biết, ông đã yêu cầu …")
        return None
    return _speaker_hit(text, m, w0, cs, mark, v, sw, lex)


def _document_act_hit(text: str, m: Trigger, cs: int, subj: str, v: str, lex: Lex) -> _Hit | None:
    """"UBND tỉnh vừa có văn bản (số …) yêu cầu …": the body that wrote it."""
    da = rx.search(lex.doc_act, subj)
    if da is None or da.start() == 0 or v in lex.modal_triggers:
        return None
    spk = subj[: da.start()].strip(" ,")
    if not _valid_speaker(spk, lex):
        return None
    ss = text.find(spk.split()[0], cs, m.start)
    return _Hit(ss if ss >= 0 else cs, m.start, m.end, v, spk)


def _passive_hit(
    text: str, m: Trigger, w0: int, cs: int, subj: str, v: str, toks_after: list[Tok], lex: Lex
) -> _Hit | None:
    """"X được yêu cầu …": X must act, the speaker is the last one."""
    if not toks_after[0].word:
        return None
    whole = clean(text[w0 : m.start])[: -len("được")].strip(" ,")
    np_text = whole if _is_np_phrase(whole, lex) else subj[: -len("được")].strip(" ,")
    if not np_text or not _is_np_phrase(np_text, lex):
        return None
    return _Hit(cs, m.start, m.end, v, None, split_assignees(np_text, lex))


def _speaker_words(subj: str, lex: Lex) -> list[str]:
    """The speaker phrase without connectives before it and adverbs after it ("Đồng thời ông
    Minh cũng …" → "ông Minh")."""
    sw = subj.split()
    while sw:
        n = lex.connectives.match([w.casefold() for w in sw], 0)
        if not n or n >= len(sw):
            break
        sw = sw[n:]
    while sw:
        f2 = [w.casefold() for w in sw]
        # adverbs ("cũng", "đồng thời"), a directive verb that leads into this one ("có ý
        # kiến chỉ đạo giao cho …") and a verb of saying before it ("ông Chung nói (và) yêu cầu")
        n = (
            lex.speaker_adverbs.ends(f2, len(f2))
            or lex.lead_verb_words.ends(f2, len(f2))
            or (f2[-1] == "và" and _said(sw[:-1], lex) and 1)
            or (f2[-1] == "đã" and 1)
            or _said(sw, lex)
        )
        if not n or n >= len(sw):
            break
        sw = sw[:-n]
    return sw


def _after_saying(words: list[str], lex: Lex) -> list[str]:
    """The words after the last verb of saying ("Giám đốc Sở cho biết đơn vị" → "đơn vị")."""
    for j in range(len(words) - 1, 0, -1):
        if _said(words[:j], lex):
            return words[j:]
    return words


def _a_person(words: list[str], lex: Lex) -> bool:
    """The speaker words name a person: a title, an honorific or a name."""
    f = [w.casefold() for w in words]
    k = next((i for i in range(len(words)) if words[i][:1].isupper() or lex.pronouns.match(f, i)), 0)
    return bool(lex.person_heads.match(f, k) or lex.pronouns.match(f, k) or trailing_name(" ".join(words), lex))


def _said(words: list[str], lex: Lex) -> int:
    """Length of a verb of saying that ends ``words``, written lower-case (not "Ban Chỉ đạo")."""
    n = lex.speech.ends([w.casefold() for w in words], len(words))
    return n if n and words[-n][:1].islower() else 0


def _clause_initial_hit(
    text: str, m: Trigger, s0: int, w0: int, cs: int, mark: str, v: str, hits: list[_Hit], lex: Lex
) -> _Hit | None:
    """A verb that opens a clause: after "," it shares the subject of the clause before
    ("Bí thư Tỉnh ủy Nguyễn Văn Thắng chủ trì cuộc họp, yêu cầu …"); after ";" it goes on from
    the last speaker."""
    if v in lex.modal_triggers:
        return None
    if mark == ",":
        hit = _shared_subject_hit(text, m, s0, cs, v, lex)
        if hit is None and _after_adverbial(text, s0, m.start, lex):
            # "Nếu trường hợp đúng như nội dung phản ánh, đề nghị hai tỉnh …": the main clause
            # after an adverbial one has no subject of its own: the last speaker's
            return _Hit(m.start, m.start, m.end, v, hits[-1].speaker if hits else None)
        return hit
    if mark != ";":
        return None
    prefix = text[w0 : m.start]
    if rx.search(lex.past, prefix) or rx.search(lex.report, prefix):
        return None
    if hits or (cs - s0 < _WINDOW and _continuation_sentence(text, s0, cs, lex)):
        return _Hit(m.start, m.start, m.end, v, hits[-1].speaker if hits else None)
    return None


def _after_adverbial(text: str, s0: int, v_start: int, lex: Lex) -> bool:
    """The sentence opens with an adverbial clause or phrase ("Nếu …", "Khi …", "Để …", "Đồng
    thời", "Trước mắt") and nothing before the verb is reported as done."""
    toks = tokens_in(text, s0, v_start)
    f = folds(toks)
    if not toks or not (lex.openers.match(f, 0) or lex.topic_leads.match(f, 0) or lex.connectives.match(f, 0)):
        return False
    return not (rx.search(lex.past, text, s0, v_start) or rx.search(lex.report, text, s0, v_start))


def _shared_subject_hit(text: str, m: Trigger, s0: int, cs: int, v: str, lex: Lex) -> _Hit | None:
    """"<speaker> <verb> …, yêu cầu …": the speaker is the subject of the sentence, the words
    before its first verb, read from the sentence start or after a leading time or place phrase
    ("Ngày 28/5/2021, …")."""
    toks = tokens_in(text, s0, cs)
    f = folds(toks)
    starts = [0] + [j + 1 for j, t in enumerate(toks) if t.t == ","]
    for k in starts:
        end = k
        while end < len(toks) and toks[end].word and not (
            toks[end].lower and (is_starter(toks, end, lex) or lex.speech.match(f, end))
            and not lex.person_heads.match(f, end)
        ):
            end += 1
        if end == k or end >= len(toks) or not toks[end].word or f[end] in ("và", "cũng"):
            continue
        if lex.past.match(toks[end].t) or rx.search(lex.past, text, toks[end].s, cs):
            return None
        if "việc" in f[end:]:
            return None  # "… ý kiến … về việc tăng cường …, chỉ đạo …": a clause inside a noun's complement
        phrase = clean(text[toks[k].s : toks[end - 1].e])
        phrase, recipients = _written_to(text, toks, phrase, end, lex)
        if _valid_speaker(phrase, lex):
            return _Hit(toks[k].s, m.start, m.end, v, phrase, recipients=recipients)
    return None


def _written_to(text: str, toks: list[Tok], phrase: str, end: int, lex: Lex) -> tuple[str, list[str] | None]:
    """"Ủy ban … có văn bản gửi Chủ tịch UBND tỉnh X, đề nghị …": the body that wrote (the
    document act is no part of the speaker) and the recipients after "gửi"."""
    da = rx.search(lex.doc_act, phrase)
    if da is None or da.start() == 0:
        return phrase, None
    spk = phrase[: da.start()].strip(" ,")
    if toks[end].f != "gửi":
        return spk, None
    b = len(toks)
    while b > end + 1 and not toks[b - 1].word:
        b -= 1
    got = phrase_text(text, toks, end + 1, b)
    return spk, (split_assignees(got, lex) if got else None)


def _speaker_hit(
    text: str, m: Trigger, w0: int, cs: int, mark: str, v: str, sw: list[str], lex: Lex
) -> _Hit | None:
    """"<speaker> yêu cầu …", the speaker possibly after a heading glued before it, or named
    before the clause ("Nguyễn Văn A, Chủ tịch UBND tỉnh, yêu cầu …")."""
    subj = " ".join(sw)
    if not _valid_speaker(subj, lex):
        f2 = [w.casefold() for w in sw]
        # the speaker after words glued before it (a caption, a headline): a capitalised title
        # with a name, else a capitalised title alone ("… học sinh Chủ tịch UBND TP Hà Nội")
        heads = [i for i in range(1, len(sw)) if sw[i][:1].isupper() and lex.person_heads.match(f2, i)
                 and _valid_speaker(" ".join(sw[i:]), lex)]
        # (a title after "được", "do", "của" or a verb is an agent or an object, not the subject:
        # "Bộ Tài chính trình Thủ tướng giao …")
        bare = [i for i in heads if not (lex.hard_stops.ends(f2, i) or f2[i - 1] in ("của", "việc") or lex.starters.ends(f2, i)
                                         or lex.speech.ends(f2, i) or lex.triggers.ends(f2, i))]
        cut = next((i for i in heads if trailing_name(" ".join(sw[i:]), lex)), bare[0] if bare else None)
        if cut is None:
            sw = _speaker_on_own_line(text, cs, m.start, lex)
            if not sw:
                return None
        else:
            sw = sw[cut:]
        subj = " ".join(sw)
    ss = text.find(sw[0], cs, m.start)
    name = None
    if mark == "," and not trailing_name(subj, lex):
        name = trailing_name(clean(text[max(w0, cs - 100) : cs - 1]), lex)
        if name is not None:
            ss = text.rfind(name.split()[0], w0, cs)
    return _Hit(ss if ss >= 0 else cs, m.start, m.end, v, subj, None, name)


def _speaker_on_own_line(text: str, cs: int, v_start: int, lex: Lex) -> list[str]:
    """A speaker that starts a line after text that is no part of it (a photo caption the
    analysis read as one sentence with the paragraph below: "… Ảnh: T.SỸ\nNgười đứng đầu
    chính quyền tỉnh cũng yêu cầu …")."""
    nl = text.find("\n", cs, v_start)
    while nl >= 0:
        before = folds(tokens_in(text, cs, nl))
        if any(lex.triggers.match(before, j) for j in range(len(before))):
            return []  # "Đề nghị\nUBND tỉnh chỉ đạo …": the clause is the addressee of that verb
        if _agent_goes_on(tokens_in(text, cs, nl)):
            return []  # "… đã được Thủ tướng\nChính phủ giao": a passive's agent, wrapped
        sw = _speaker_words(clean(text[nl + 1 : v_start]), lex)
        if sw and sw[0][:1].isupper() and _valid_speaker(" ".join(sw), lex):
            return sw
        nl = text.find("\n", nl + 1, v_start)
    return []


def _agent_goes_on(toks: list[Tok]) -> bool:
    """The words end in a passive's marker or its agent ("được", "được Thủ tướng", "do UBND"):
    the agent goes on after a line break there, it starts no clause of its own."""
    k = len(toks)
    while k > 0 and toks[k - 1].word and toks[k - 1].cap:
        k -= 1
    return k > 0 and toks[k - 1].f in ("được", "do", "bởi")


_TITLE_WINDOW = 2000  # characters whose line breaks are first tested for a wrapped headline


def _title_end(text: str, a: int, b: int) -> int:
    """End of a headline at the start of an article (no final punctuation), else ``a``. The
    headline goes on over a wrapped line break before a lower-case word ("… chỉ đạo\ncông tác
    tại …"), after a colon or comma ("… Nguyễn Đức Chung:\nChấn chỉnh …") or inside a word of
    the analysis ("Nguyễn Đức\nChung"); elsewhere a capital after it opens the body ("… Sóc
    Trăng\nTiếp tục chuyến công tác …")."""
    s = trim_start(text, a, b)
    e = text.find("\n", s, b)
    wraps, upto, window = set(), a, _TITLE_WINDOW
    while e >= 0:
        while e >= upto:  # the wraps of the first lines only (a headline is short), read on as needed
            wraps |= wrap_breaks(text, upto, min(b, a + window))
            upto, window = min(b, a + window), window * 4
        if not (e in wraps and (
            _LOWER_AFTER_BREAK.match(text, e + 1, b)
            or text[s:e].rstrip(" *_").endswith((":", ","))
            or _inside_word(text, e)
        )):
            break
        e = text.find("\n", e + 1, b)
    e = b if e < 0 else e
    c = clean(text[s:e])
    if c and c[-1:] not in ".!?…:”\"" and len(c.split()) <= 30:
        return e
    return a


def _inside_word(text: str, pos: int) -> bool:
    """``pos`` lies inside one word of the analysis (a name or compound cut by a line break)."""
    analysis = getattr(text, "analysis", None)
    if analysis is None:
        return False
    k = analysis.word_index(pos)
    return k < len(analysis.words) and analysis.words[k].start < pos < analysis.words[k].end


def _after_connectives(toks: list[Tok], lex: Lex) -> int:
    """The first token after the connectives a sentence opens with ("Đồng thời, …")."""
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
    return k


def _continuation_sentence(text: str, s0: int, cs: int, lex: Lex) -> bool:
    """A sentence with no subject of its own ("Đồng thời, gợi mở …; đề nghị …")."""
    toks = tokens_in(text, s0, cs)
    k = _after_connectives(toks, lex)
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


# a quote and the speaker after it, in one paragraph (a line break inside, no blank line)
_QUOTE = regex.compile(
    r"“((?:[^”\n]|\n(?![ \t]*\n)){3,1200})”\s*,?\s*((?:[^,.;\n]|\n(?![ \t]*\n)){2,80}?)\s+"
    r"(nhấn\s+mạnh|yêu\s+cầu|chỉ\s+đạo|lưu\s+ý|đề\s+nghị)\s*[.!]"
)


@dataclass
class _Reader:
    """The state of one article's reading: its drafts, speakers and quotes."""

    text: str
    doc_year: int | None
    speakers: Speakers
    lex: Lex
    drafts: list[Draft] = field(default_factory=list)
    quoted: list[tuple[int, int, str, str]] = field(default_factory=list)
    pending: Draft | None = None  # "… yêu cầu:" and a list of instructions below
    quiet: int = 99  # sentences read since the last one that gave an instruction
    addressees: tuple[str, ...] = ()  # a letter's "Kính gửi": who a request naming no one is for
    quote_ends: list[int] = field(default_factory=list)  # where each quote of ``quoted`` ends
    quotes_in_order: bool = True  # the quotes' ends increase (they are searched by bisection)
    reach: list[int] = field(default_factory=list)  # the furthest offset of drafts[: k + 1]

    def quotes_ending_in(self, s0: int, s1: int) -> list[tuple[int, int, str, str]]:
        """The quotes that close inside text[s0:s1], in the order they were found."""
        for q in self.quoted[len(self.quote_ends) :]:
            if self.quote_ends and q[1] <= self.quote_ends[-1]:
                self.quotes_in_order = False
            self.quote_ends.append(q[1])
        if not self.quotes_in_order:
            return [q for q in self.quoted if s0 <= q[1] < s1]
        return self.quoted[bisect_left(self.quote_ends, s0) : bisect_left(self.quote_ends, s1)]

    def overlaps_draft(self, qs: int, qe: int) -> bool:
        """A draft read already overlaps text[qs:qe]. Drafts are read sentence by sentence: only
        the last ones can reach as far as ``qs`` (the others are not looked at)."""
        for d in self.drafts[len(self.reach) :]:
            self.reach.append(max(self.reach[-1] if self.reach else -1, d.start, d.end))
        k = len(self.drafts) - 1
        while k >= 0 and self.reach[k] >= qs:
            d = self.drafts[k]
            if d.start <= qs < d.end or qs <= d.start < qe:
                return True
            k -= 1
        return False


def read_article(
    text: str,
    main: Sequence[tuple[int, int]],
    doc_year: int | None,
    resolve: Callable[[str], str | None] | None,
    refs: Sequence[tuple[int, int]],
    *,
    issuer: str | None = None,
    addressees: Sequence[str] = (),
    headline: bool = True,
) -> list[Directive]:
    """The instructions of a news report, in text order (module doc); also the body of a letter
    without numbered items, with its ``issuer`` as the speaker of requests that name none, its
    ``addressees`` ("Kính gửi") as the assignees of requests that name no one, and no
    ``headline``."""
    lex = load_lex()
    spans = list(main) if main else [(0, len(text))]
    speakers = Speakers(text, resolve)
    speakers.last = issuer
    r = _Reader(text, doc_year, speakers, lex, addressees=tuple(addressees))
    for a, b in spans:
        r.quoted.extend(_quotes(text, a, b, lex))
        # the headline (a first line without final punctuation) is no sentence of the body
        body_a = _title_end(text, a, b) if headline and (a, b) == spans[0] else a
        r.pending = None
        for s0, s1 in _sentences(text, body_a, b, lex):
            _read_sentence(r, s0, s1)
    drafts = _dedupe(text, sorted(r.drafts, key=lambda d: d.start))
    for n, d in enumerate(drafts, 1):
        d.id = str(n)
    return [build_directive(text, d, refs) for d in drafts]


def _quotes(text: str, a: int, b: int, lex: Lex) -> list[tuple[int, int, str, str]]:
    """Quotes closed by "…”, <speaker> nhấn mạnh.": (start, end, speaker, verb)."""
    out = []
    for m in rx.finditer(_QUOTE, text, a, b):
        speaker = clean(m.group(2))
        if not _valid_speaker(speaker, lex):
            continue
        v = fold(m.group(3))
        if v in lex.modal_triggers and not rx.search(lex.modal_re, m.group(1)):
            continue
        out.append((m.start(1), m.end(1), speaker, v))
    return out


def _read_sentence(r: _Reader, s0: int, s1: int) -> None:
    text, lex = r.text, r.lex
    lm = rx.match(LABEL, text, s0, s1) if r.pending is not None else None
    if r.pending is not None and lm is not None and has_text(text, lm.end(), s1):
        # an item of the list after "… yêu cầu:"
        ls = trim_start(text, lm.end(), s1)
        le = trim_end(text, ls, s1)
        own, _ = own_assignees(text, ls, le, lex)
        r.drafts.append(_content(r, ls, le, r.pending.issuer, r.pending.verb, own or list(r.pending.assignees)))
        return
    r.pending = None
    toks = tokens_in(text, s0, s1)
    r.speakers.note(s0, s1, toks)
    hits = _article_hits(text, s0, s1, toks, lex)
    before = len(r.drafts)
    for h_i, h in enumerate(hits):
        end = hits[h_i + 1].subj_start if h_i + 1 < len(hits) else s1
        _read_hit(r, h, content_end(text, h.v_end, end), last=h_i + 1 == len(hits), s1=s1)
    _read_quotes_closed_in(r, s0, s1)
    if len(r.drafts) > before:
        r.quiet = 0
        return
    _follow_up_deadline(r, s0, s1)
    r.quiet += 1


def _follow_up_deadline(r: _Reader, s0: int, s1: int) -> None:
    """A sentence with no subject that only says by when ("Hoàn thành báo cáo và gửi về Bộ …
    chậm nhất ngày 4/2/2017.") holds the deadline of the instruction given just before it
    (at most two sentences back, in the same paragraph) when that one states none."""
    if not r.drafts or r.quiet > 1 or r.drafts[-1].deadline is not None:
        return
    last = r.drafts[-1]
    if _BLANK_LINE.search(r.text[last.end : s0]):
        return
    toks = tokens_in(r.text, s0, s1)
    k = _after_connectives(toks, r.lex)
    if k >= len(toks) or not is_starter(toks, k, r.lex, first=True):
        return
    dl = find_deadline(r.text, s0, s1, r.doc_year)
    if dl is not None:
        last.deadline = dl


def _read_hit(r: _Reader, h: _Hit, end: int, *, last: bool, s1: int) -> None:
    """The addressee and task after the trigger ``h``; a draft, or the pending lead-in of a list."""
    text, lex = r.text, r.lex
    toks = tokens_in(text, h.v_end, min(end, h.v_end + 1500))
    k = 0
    while k < len(toks) and (toks[k].t in (",", ":") or (k == 0 and toks[k].f == "cho")):
        k += 1  # "giao cho X", "yêu cầu: X"
    assignees: list[str] = list(h.passive or [])
    if toks and h.verb in lex.modal_triggers:
        if not rx.search(lex.modal_re, text[h.v_end : end]):
            return
        got = noun_phrase(toks, k, lex) if is_subject_start(toks, k, lex) else None
        if got is not None and lex.modals.match(folds(toks), got[2]):
            assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)
    elif toks and h.passive is None and _addressee_start(toks, k, lex):
        got = noun_phrase(toks, k, lex, read_pos=True) or _before_quote(toks, k, lex)
        if got is not None:
            assignees = _addressees(phrase_text(text, toks, got[0], got[1]), lex)
            k = got[2]
    if not assignees and h.recipients:
        assignees = list(h.recipients)
    issuer = _issuer_of(r.speakers, h)
    if last and text[h.v_end : s1].rstrip(" *").endswith(":"):
        # "Chủ tịch UBND tỉnh yêu cầu (X):" and a list of instructions below
        if not assignees and toks and is_subject_start(toks, k, lex):
            got = noun_phrase(toks, k, lex, need_starter=False)
            if got is not None:
                assignees = split_assignees(phrase_text(text, toks, got[0], got[1]), lex)
        r.pending = Draft(h.v_end, end, issuer=issuer, verb=h.verb, assignees=assignees)
        return
    if k >= len(toks):
        return
    cs = trim_start(text, toks[k].s, end)
    for a, b, own in _new_bodies(text, cs, end, lex):
        if b > a and has_text(text, a, b):
            r.drafts.append(_content(r, a, b, issuer, h.verb, own if own is not None else assignees))


def _new_bodies(text: str, cs: int, end: int, lex: Lex) -> list[tuple[int, int, list[str] | None]]:
    """The content text[cs:end] cut where a clause after ";" names a body of its own and its
    action ("giao cho Ban Quản lý dự án … kiểm điểm; Văn phòng UBND TP rà soát …"): each body's
    part with its body (None: the instruction's addressee)."""
    out: list[tuple[int, int, list[str] | None]] = []
    a, own = cs, None
    for m in rx.finditer(_SEMICOLON, text, cs, end):
        toks = tokens_in(text, m.end(), min(end, m.end() + 400))
        if not toks or not toks[0].cap or not is_subject_start(toks, 0, lex):
            continue
        got = noun_phrase(toks, 0, lex)
        if got is None or got[2] >= len(toks):
            continue
        out.append((a, content_end(text, a, m.start()), own))
        a, own = toks[got[2]].s, _addressees(phrase_text(text, toks, got[0], got[1]), lex)
    out.append((a, end, own))
    return out


def _addressee_start(toks: list[Tok], k: int, lex: Lex) -> bool:
    """An addressee may begin after the directive verb: a body or person head, an acronym, or
    any capitalised word (a name: "đề nghị Thuế tỉnh Quảng Ninh …", "đề nghị Công ty …")."""
    if is_subject_start(toks, k, lex):
        return True
    n = lex.plural.match(folds(toks), k) if k < len(toks) and toks[k].lower else 0
    if n and k + n < len(toks) and toks[k + n].word and toks[k + n].lower:
        # a group named by a common noun after a directive verb ("yêu cầu các chuyên gia đầu
        # ngành thành lập …", "đề nghị cả hệ thống chính trị …"): the action that must follow
        # ends it
        return not (is_starter(toks, k + n, lex) or lex.hard_stops.match(folds(toks), k + n))
    # a capitalised verb after a colon is the task itself ("chỉ đạo: Tiếp tục hỗ trợ …")
    return k < len(toks) and toks[k].word and toks[k].cap and not is_starter(toks, k, lex, first=True)


def _before_quote(toks: list[Tok], k: int, lex: Lex) -> tuple[int, int, int] | None:
    """An addressee whose task is quoted: "yêu cầu Giám đốc Sở Giáo dục “ngay hôm nay xuống
    trường …”"."""
    got = noun_phrase(toks, k, lex, need_starter=False)
    if got is None or got[2] >= len(toks) or toks[got[2]].t not in ("“", '"'):
        return None
    return got[0], got[1], got[2] + 1


def _joint(phrase: str) -> str:
    """Bodies named as a whole ("cả hệ thống chính trị …") are the bodies themselves."""
    m = _ALL_OF.match(phrase)
    return phrase[m.end() :] if m else phrase


def _addressees(phrase: str, lex: Lex) -> list[str]:
    """The bodies of an addressee phrase; "A cùng B" (A together with B) names both."""
    parts = _TOGETHER_WITH.split(_joint(phrase))
    return [x for p in parts for x in split_assignees(p, lex)]


def _issuer_of(speakers: Speakers, h: _Hit) -> str | None:
    if h.passive is not None or (h.speaker is None and h.subj_start == h.v_start):
        return speakers.issuer(None)
    return speakers.issuer(h.name or h.speaker)


def _content(r: _Reader, s: int, e: int, issuer: str | None, verb: str | None, assignees: Sequence[str]) -> Draft:
    """The draft of one instruction's content text[s:e]."""
    if not assignees and verb in r.lex.initial_triggers:
        assignees = r.addressees
    return Draft(
        s, e, issuer=issuer, verb=verb, assignees=assignees, coordinators=find_coordinators(r.text, s, e, r.lex),
        delegates=directed(r.text, s, e, r.lex) if assignees else (),
        deadline=find_deadline(r.text, s, e, r.doc_year), recurrence=find_recurrence(r.text, s, e),
    )


def _read_quotes_closed_in(r: _Reader, s0: int, s1: int) -> None:
    """A quote closed in this sentence ("…”, Bí thư Thành ủy nhấn mạnh.") not read already."""
    text = r.text
    for qs, qe, speaker, v in r.quotes_ending_in(s0, s1):
        if r.overlaps_draft(qs, qe):
            continue
        qs2 = trim_start(text, qs, qe)
        qe2 = trim_end(text, qs2, qe)
        if qe2 > qs2:
            issuer = r.speakers.issuer(speaker)
            r.drafts.append(Draft(qs2, qe2, issuer=issuer, verb=v, deadline=find_deadline(text, qs2, qe2, r.doc_year),
                                  recurrence=find_recurrence(text, qs2, qe2)))


def _dedupe(text: str, drafts: list[Draft]) -> list[Draft]:
    """The same instruction written twice (a lead or a photo caption repeating the body):
    keep the one with a deadline, else the longer, else the later."""
    keep: list[Draft] = []
    index: dict[tuple[str, str | None], int] = {}
    for d in drafts:
        key = (" ".join(fold(clean(text[d.start : min(d.end, d.start + 300)])).split()[:7]), d.issuer)
        dup = index.get(key)
        if dup is None:
            index[key] = len(keep)
            keep.append(d)
            continue
        old = keep[dup]
        if (d.deadline is not None, d.end - d.start) >= (old.deadline is not None, old.end - old.start):
            keep[dup] = d
    keep.sort(key=lambda d: d.start)
    return keep
