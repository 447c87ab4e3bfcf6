"""Directives: the instructions a document gives, who gives them, who must act, and by when.

Two readings, chosen by ``kind``:

* ``"notice"`` (an administrative document): every numbered item and bullet of the body —
  "1.", "2.", "a)", "(1)", "-", "+", "I.", "1.1.", "Điều 2", markdown "**1.**" — as a tree.
  An item runs from its label to the next label, so unnumbered paragraphs and a page break
  ("…trọng điểm về\\n\\nkinh tế, …") stay inside it. The issuer is the subject of the lead-in
  ("Ban Thường vụ Tỉnh ủy yêu cầu …:"), else the upper-case head line of the body ("CHỦ TỊCH ỦY
  BAN NHÂN DÂN TỈNH …"), else the ``issuer`` given; sub-items inherit it. Assignees come from the
  item's start ("Sở X chủ động…", "Giao X…", "Đề nghị X…"), from the task table of a plan
  ("Đơn vị chủ trì: X"), from the parent ("… lãnh đạo UBND tỉnh chỉ đạo:" passes "UBND tỉnh"
  down), or from a "giao/yêu cầu X" inside the item. The lead-in and closing paragraphs that
  carry a directive verb are returned with ``kind="general"``.
* ``"article"`` (a news report): each sentence where an official or a body gives an
  instruction — "<speaker> yêu cầu/đề nghị/chỉ đạo/giao <addressee> <content>", "<speaker>
  nhấn mạnh/lưu ý … phải/cần …", "<X> được yêu cầu …", a sentence opening with "Đề nghị/Giao
  …" (the last speaker's), and quotes closed by "…”, <speaker> nhấn mạnh". The issuer is the
  speaker's name (written in the phrase, from ``resolve_speaker``, from "<title> <Name>"
  elsewhere in the text, or the last named speaker) or the body. Reported facts ("đã …",
  "thời gian qua …", "theo chỉ đạo của …", "báo cáo …; chỉ đạo …") are not directives.

Every ``Directive`` satisfies ``text[d.start:d.end] == d.text``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

import regex

from directive_nlp.text import rx

from directive_nlp import resources as tables
from directive_nlp.extract.dates import find_dates, find_months
from directive_nlp.text.normalize import fold
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["Directive", "find_directives", "directive_warnings"]

log = logging.getLogger(__name__)

_MAX_TEXT = 2_000_000
_NP_LIMIT = 60  # words in an assignee / subject noun phrase
_WINDOW = 400  # characters looked at before a trigger for its speaker
_MAX_HITS = 40  # triggers read in one sentence


# --------------------------------------------------------------------------- data class


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


def _phrase(s: str) -> tuple[str, ...]:
    return tuple(fold(s).split())


class _Phrases:
    """Multi-word phrase lookup on folded word lists (longest match first)."""

    def __init__(self, items: Sequence[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for it in items:
            p = _phrase(it)
            if p:
                self.by_first.setdefault(p[0], []).append(p)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)

    def match(self, words: Sequence[str], i: int) -> int:
        """Length (in words) of the longest phrase starting at ``words[i]``, else 0."""
        if i >= len(words):
            return 0
        for p in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(p)]) == p:
                return len(p)
        return 0

    def ends(self, words: Sequence[str], j: int) -> int:
        """Length of the longest phrase ending just before ``words[j]``, else 0."""
        best = 0
        for n in range(1, 5):
            a = j - n
            if a < 0:
                break
            if self.match(words, a) == n:
                best = n
        return best


@dataclass(frozen=True, slots=True)
class _Lex:
    triggers: regex.Pattern[str]
    modal_triggers: frozenset[str]
    initial_triggers: frozenset[str]
    modals: _Phrases
    modal_re: regex.Pattern[str]
    item_verbs: _Phrases
    lead_verbs: regex.Pattern[str]
    directive_lead_verbs: frozenset[str]
    pass_down_verbs: _Phrases
    not_before: _Phrases
    not_after: dict[str, _Phrases]
    past: regex.Pattern[str]
    report: regex.Pattern[str]
    speech: _Phrases
    connectives: _Phrases
    speaker_adverbs: _Phrases
    pronouns: _Phrases
    person_heads: _Phrases
    subject_heads: _Phrases
    starters: _Phrases
    noun_ambiguous: frozenset[tuple[str, ...]]
    starter_not_after: dict[tuple[str, ...], _Phrases]
    hard_stops: _Phrases
    soft_stops: _Phrases
    allowed_after_co: _Phrases
    topic_leads: _Phrases
    place_units: _Phrases
    catch_all: regex.Pattern[str]
    heading_words: _Phrases
    field_assignee: regex.Pattern[str]
    field_coordinator: regex.Pattern[str]
    field_deadline: regex.Pattern[str]
    field_group: regex.Pattern[str]
    deadline_cue: regex.Pattern[str]
    closings: tuple[regex.Pattern[str], ...]
    addressee: regex.Pattern[str]
    end_marker: regex.Pattern[str]
    body_heads: _Phrases
    abbrev: dict[str, str]
    sentence_abbrevs: frozenset[str]
    surnames: frozenset[str]
    doc_act: regex.Pattern[str]
    deadline_start: regex.Pattern[str]
    standalone_bodies: _Phrases


def _alt(items: Sequence[str]) -> str:
    parts = sorted({i for i in items if i}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in parts)


def _field_re(items: Sequence[str]) -> regex.Pattern[str]:
    return regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{_alt(items)})\s*:\s*")


def _verbs(role: str) -> list[str]:
    """Directive verbs with a role (lexicon ``directive_verbs``, column ``roles``)."""
    return [r.phrase for r in tables.lexicon("directive_verbs").table.rows if role in r.roles.split()]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d: dict[str, Any] = tables.load_json("directives")
    surnames = {s.strip() for s in tables.load_table("surnames").column("surname") if s.strip() and " " not in s.strip()}
    word_b = r"(?<![\p{L}\p{M}\d])"
    word_e = r"(?![\p{L}\p{M}\d])"
    return _Lex(
        triggers=regex.compile(rf"(?i){word_b}(?:{_alt(_verbs('article'))}){word_e}"),
        modal_triggers=frozenset(fold(x) for x in _verbs("modal")),
        initial_triggers=frozenset(fold(x) for x in _verbs("sentence_initial")),
        modals=_Phrases(d["modals"]),
        modal_re=regex.compile(rf"(?i){word_b}(?:{_alt(d['modals'])}){word_e}"),
        item_verbs=_Phrases(_verbs("item")),
        lead_verbs=regex.compile(rf"{word_b}(?:{_alt(_verbs('lead_in'))}){word_e}"),
        directive_lead_verbs=frozenset(fold(x) for x in _verbs("lead_in_directive")),
        pass_down_verbs=_Phrases(_verbs("pass_down")),
        not_before=_Phrases(d["not_before_trigger"]),
        not_after={fold(k): _Phrases(v) for k, v in d["not_after_trigger"].items()},
        past=regex.compile(rf"(?i){word_b}(?:{_alt(d['past_markers'])}){word_e}"),
        report=regex.compile(rf"(?i){word_b}(?:{_alt(d['report_verbs'])}){word_e}"),
        speech=_Phrases(tables.lexicon("speech_verbs").phrases),
        connectives=_Phrases(d["connectives"]),
        speaker_adverbs=_Phrases(d["speaker_adverbs"]),
        pronouns=_Phrases(tables.lexicon("honorifics").phrases),
        person_heads=_Phrases(d["person_heads"]),
        subject_heads=_Phrases(d["subject_heads"]),
        starters=_Phrases(d["starters"]),
        noun_ambiguous=frozenset(_phrase(x) for x in d["noun_ambiguous"]),
        starter_not_after={_phrase(k): _Phrases(v) for k, v in d["starter_not_after"].items()},
        hard_stops=_Phrases(d["hard_stops"]),
        soft_stops=_Phrases(d["soft_stops"]),
        allowed_after_co=_Phrases(d["allowed_after_co"]),
        topic_leads=_Phrases(d["topic_leads"]),
        place_units=_Phrases(tables.lexicon("admin_units").phrases),
        catch_all=regex.compile("(?i)" + d["catch_all"]),
        heading_words=_Phrases(d["heading_words"]),
        field_assignee=_field_re(d["field_assignee"]),
        field_coordinator=_field_re(d["field_coordinator"]),
        field_deadline=_field_re(d["field_deadline"]),
        field_group=_field_re(d["field_group"]),
        deadline_cue=regex.compile(rf"{word_b}{d['deadline_cues']}{word_e}"),
        closings=tuple(regex.compile(p) for p in d["closing_patterns"]),
        addressee=regex.compile(rf"(?i)^\W*(?:{_alt(d['addressee_markers'])})\s*:"),
        end_marker=regex.compile(d["end_markers"]),
        body_heads=_Phrases(d["body_heads"]),
        # only short forms that are never an ordinary syllable ("TƯ" is also "tư")
        abbrev={fold(r.phrase): fold(r.expansion) for r in tables.lexicon("abbreviations").table.rows if r.search == "yes"},
        sentence_abbrevs=frozenset(fold(x) for x in d["sentence_abbrevs"]),
        surnames=frozenset(surnames),
        doc_act=regex.compile("(?i)" + d["document_acts"]),
        deadline_start=regex.compile(d["deadline_start_cues"]),
        standalone_bodies=_Phrases(d["standalone_bodies"]),
    )


# --------------------------------------------------------------------------- tokens


_TOK = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[&'’./\-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}*|#_]")
_MARKUP = regex.compile(r"[*|#_]+")
_SPACES = regex.compile(r"\s+")
_LETTER = regex.compile(r"[\p{L}]")


@dataclass(frozen=True, slots=True)
class _T:
    s: int
    e: int
    t: str
    f: str  # folded

    @property
    def word(self) -> bool:
        return bool(_LETTER.match(self.t)) or self.t[:1].isdigit()

    @property
    def lower(self) -> bool:
        return self.t[:1].islower()

    @property
    def cap(self) -> bool:
        return self.t[:1].isupper()

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.t if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


class _TL(list):  # type: ignore[type-arg]
    """A token list that keeps its folded words (computed once)."""

    f: list[str]


def _tokens(text: str, a: int, b: int) -> list[_T]:
    out = _TL(_T(m.start(), m.end(), m.group(), m.group().casefold()) for m in rx.finditer(_TOK, text, a, b))
    out.f = [t.f for t in out]
    return out


def _clean(s: str) -> str:
    """Markdown emphasis and table bars removed, whitespace collapsed."""
    return _SPACES.sub(" ", _MARKUP.sub(" ", s)).strip()


def _folds(toks: Sequence[_T]) -> list[str]:
    cached = getattr(toks, "f", None)
    return cached if cached is not None else [t.f for t in toks]


# --------------------------------------------------------------------------- noun phrases


def _is_subject_start(toks: Sequence[_T], i: int, lex: _Lex) -> bool:
    """Can a body/person noun phrase begin at ``toks[i]``?"""
    if i >= len(toks) or not toks[i].word:
        return False
    f = _folds(toks)
    if lex.starters.match(f, i) and not lex.subject_heads.match(f, i) and not lex.person_heads.match(f, i):
        return False
    if f[i] in ("các", "những"):
        return i + 1 < len(toks) and toks[i + 1].word and (
            toks[i + 1].cap or _is_subject_start(toks, i + 1, lex)
        )
    if lex.subject_heads.match(f, i) or lex.person_heads.match(f, i) or lex.pronouns.match(f, i):
        return True
    return toks[i].acronym


def _is_starter(toks: Sequence[_T], i: int, lex: _Lex, first: bool = False) -> int:
    """Length of an action phrase starting at ``toks[i]`` (lower-case unless ``first``)."""
    if i >= len(toks) or not toks[i].word:
        return 0
    if not first and not toks[i].lower:
        return 0
    f = _folds(toks)
    n = lex.starters.match(f, i)
    if not n:
        return 0
    if first and max(lex.subject_heads.match(f, i), lex.person_heads.match(f, i)) > n:
        return 0
    blocked = lex.starter_not_after.get(tuple(f[i : i + n]))
    if blocked is not None and i > 0 and blocked.ends(f, i):
        return 0
    if tuple(f[i : i + n]) in lex.noun_ambiguous and i > 0:
        prev = f[i - 1]
        if prev in ("các", "những", "và", ",", "hoặc") or lex.person_heads.ends(f, i):
            return 0
    return n


def _np(toks: Sequence[_T], i: int, lex: _Lex, *, need_starter: bool = True) -> tuple[int, int, int] | None:
    """A noun phrase from ``toks[i]`` up to an action phrase.

    Returns (first token, end token of the phrase, index of the action) or None. With
    ``need_starter`` False the phrase may also end at the end of ``toks`` or at a ":" / ";"."""
    f = _folds(toks)
    soft: int | None = None
    words = 0
    j = i
    depth = 0
    while j < len(toks):
        t = toks[j]
        if t.t == "(":
            depth += 1
            j += 1
            continue
        if t.t == ")":
            depth = max(0, depth - 1)
            j += 1
            continue
        if depth:
            j += 1
            continue
        if j > i:
            n = _is_starter(toks, j, lex)
            if n and not (f[j] == "lãnh" and f[j - 1] in ("và", ",")):
                end = soft if soft is not None else j
                return (i, end, j) if end > i else None
        if t.t in (".", "!", "?", "…"):
            break
        if t.t == ":":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and nxt.cap and j > i:
                j += 1
                continue
            break
        if t.t in ("“", "”", '"'):
            break
        if t.word:
            if j > i:
                if f[j] == "có" and lex.allowed_after_co.match(f, j + 1):
                    j += 1
                    words += 1
                    continue
                if lex.hard_stops.match(f, j) and t.lower:
                    return None
                s = lex.soft_stops.match(f, j)
                if s and soft is None and t.lower:
                    soft = j
            words += 1
            if words > _NP_LIMIT:
                return None
        j += 1
    if need_starter:
        return None
    end = soft if soft is not None else j
    while end > i and not toks[end - 1].word and toks[end - 1].t not in (")",):
        end -= 1
    return (i, end, j) if end > i else None


def _np_text(text: str, toks: Sequence[_T], a: int, b: int) -> str:
    """The phrase toks[a:b] as one clean line, parentheticals dropped."""
    if b <= a:
        return ""
    s = text[toks[a].s : toks[b - 1].e]
    s = regex.sub(r"\s*\([^()]*\)", "", s)
    return _clean(s).strip(" ,;:-–")


_ASSIGNEE_SPLIT = regex.compile(r"\s*;\s*|\s*,\s+|\s+và\s+")


def _proper_conjunct(words: list[str], lex: _Lex, first: bool) -> bool:
    """A conjunct that names a particular body or a person position (splits a list)."""
    words = [w.strip(",;:.") for w in words if w.strip(",;:.")]
    if not words:
        return False
    f = [w.casefold() for w in words]
    k = 0
    if f[0] in ("các", "những") and len(words) > 1:
        k = 1
    n0 = lex.pronouns.match(f, k)
    if n0 and k + n0 < len(words):
        k += n0
    if lex.person_heads.match(f, k) and not lex.pronouns.match(f, k):
        return True
    if words[k].isupper() and len(words[k]) >= 2 and any(c.isalpha() for c in words[k]):
        return True
    n = lex.subject_heads.match(f, k)
    if not n or not words[k][:1].isupper():
        return False
    if k == 1 or not first:
        return True
    rest = words[k + n : k + n + 2]
    return bool(rest) and rest[0][:1].isupper()


def _drop_place_list(s: str, lex: _Lex) -> str:
    """"các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai và lãnh đạo…" → "các tỉnh và lãnh đạo…"."""

    def repl(m: regex.Match[str]) -> str:
        unit = m.group(1)
        if not lex.place_units.match(_phrase(unit), 0):
            return m.group(0)
        return unit

    pat = regex.compile(
        r"((?:thành\s+phố|thị\s+xã|đặc\s+khu|[\p{L}]+))\s*:\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*"
        r"(?:\s*(?:,|và)\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*)*"
    )
    try:
        return pat.sub(repl, s, timeout=rx.TIMEOUT)
    except TimeoutError:
        return s


def _strip_catch_all(s: str, lex: _Lex) -> str:
    m = rx.search(lex.catch_all, s)
    if m is None or m.start() == 0:
        return s
    return s[: m.start()].rstrip(" ,;")


def _split_assignees(s: str, lex: _Lex, *, person_place: bool = True) -> list[str]:
    """One noun phrase of bodies → the assignees it names, as written."""
    s = _clean(regex.sub(r"\s*\([^()]*\)", "", s))
    s = _drop_place_list(s, lex)
    s = s.strip(" ,;:.-–")
    if not s:
        return []
    out: list[str] = []
    for part in regex.split(r"\s*;\s*", s):
        part = part.strip(" ,")
        if not part:
            continue
        pieces = _split_list(part, lex)
        out.extend(pieces)
    cleaned: list[str] = []
    for p in out:
        p = _strip_catch_all(p, lex) if len(out) > 1 or " và " in p else p
        words = p.split()
        # a singular honorific is not part of the position ("Đồng chí Bí thư tỉnh ủy")
        if len(words) > 2 and words[0].casefold() in ("đồng", "ông", "bà") and (
            words[0].casefold() != "đồng" or words[1].casefold() == "chí"
        ):
            p = " ".join(words[2:] if words[0].casefold() == "đồng" else words[1:])
        if person_place:
            p = _drop_trailing_place(p, lex)
        p = p.strip(" ,;:.-–")
        if p and p not in cleaned:
            cleaned.append(p)
    return cleaned


def _split_list(part: str, lex: _Lex) -> list[str]:
    """Split "Bộ Quốc phòng, Bộ Công an" and "Bí thư tỉnh ủy và Chủ tịch …", keep "Cấp ủy,
    chính quyền các cấp, các ngành, MTTQ và các tổ chức …" whole (a generic first conjunct)."""
    cuts = [m for m in regex.finditer(r",\s+|\s+và\s+", part)]
    if not cuts:
        return [part]
    first_end = cuts[0].start()
    first_words = part[:first_end].split()
    # the first conjunct: up to the first split point that starts a proper conjunct
    points: list[tuple[int, int]] = []
    for m in cuts:
        rest = part[m.end() :].split()
        if _proper_conjunct(rest[:4], lex, first=False) and not rest[0].casefold() in ("các", "những") or (
            rest and rest[0].casefold() in ("các", "những") and len(rest) > 1 and rest[1][:1].isupper()
            and _proper_conjunct(rest[:4], lex, first=False)
        ):
            points.append((m.start(), m.end()))
    if not points:
        return [part]
    first_words = part[: points[0][0]].split()
    if not _proper_conjunct(first_words, lex, first=True):
        return [part]
    pieces: list[str] = []
    last = 0
    for a, b in points:
        pieces.append(part[last:a])
        last = b
    pieces.append(part[last:])
    return [p.strip(" ,") for p in pieces if p.strip(" ,")]


def _drop_trailing_place(p: str, lex: _Lex) -> str:
    """"Giám đốc Sở X tỉnh Quảng Ngãi" → "Giám đốc Sở X" (a position without the province)."""
    words = p.split()
    f = [w.casefold() for w in words]
    if not words or not lex.person_heads.match(f, 0) or lex.pronouns.match(f, 0):
        return p
    m = regex.search(r"\s+(?:tỉnh|thành phố|TP\.?)\s+\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*$", p)
    head = lex.person_heads.match(f, 0)
    if m and m.start() > 0 and any(w[:1].isupper() for w in p[: m.start()].split()[head:]):
        return p[: m.start()]
    return p


def _norm_assignee(a: str, lex: _Lex) -> str:
    words = fold(a).split()
    if words and words[0] in ("các", "những"):
        words = words[1:]
    out: list[str] = []
    for w in words:
        out.append(lex.abbrev.get(w, w))
    return " ".join(out)


# --------------------------------------------------------------------------- deadlines


def _last_day(value: str) -> str | None:
    """ISO day for a deadline value: a day as is, a month/year → its last day."""
    v = value.split("/")[-1]
    m = regex.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", v)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return f"{y}-{mo}-{d}"
    if y == "XXXX":
        return None
    if not mo:
        return f"{y}-12-31"
    month = int(mo)
    if month == 12:
        return f"{y}-12-31"
    import datetime as _dt

    last = _dt.date(int(y), month + 1, 1) - _dt.timedelta(days=1)
    return last.isoformat()


def _deadline(text: str, a: int, b: int, doc_year: int | None, *, any_date: bool = False) -> tuple[str, str] | None:
    """(ISO date, phrase) of the first cued deadline in text[a:b]."""
    lex = _lex()
    seg = text[a:b]
    if not seg.strip():
        return None
    try:
        cands = [(m.start, m.end, m.text, m.value) for m in find_dates(seg, default_year=doc_year)]
        cands += [(m.start, m.end, m.text, m.value) for m in find_months(seg, default_year=doc_year)]
    except Exception:  # dates must not break directives
        log.debug("date lookup failed", exc_info=True)
        return None
    cands.sort()
    for s, e, phrase, value in cands:
        ctx = fold(seg[max(0, s - 25) : s]) + " " + fold(phrase)[:14]
        if any_date or rx.search(lex.deadline_cue, ctx) or rx.search(lex.deadline_start, fold(phrase)):
            iso = _last_day(value)
            if iso:
                return iso, phrase
    return None


# --------------------------------------------------------------------------- names and speakers


_CAPWORD = regex.compile(r"\p{Lu}[\p{L}\p{M}]*")


def _trailing_name(phrase: str, lex: _Lex) -> str | None:
    """The personal name a phrase ends with ("Bí thư Tỉnh ủy Nguyễn Văn Thắng" → the name)."""
    words = _clean(phrase).strip(" ,.;:").split()
    run: list[str] = []
    for w in reversed(words):
        if _CAPWORD.fullmatch(w) and not w.isupper():
            run.insert(0, w)
        else:
            break
    return _pick_name(run, lex)


def _pick_name(run: list[str], lex: _Lex) -> str | None:
    """The personal name at the end of a run of capitalised words: it starts with a surname and
    has 3 syllables, else 4, else 2 ("Bình Dương Võ Văn Minh" → "Võ Văn Minh")."""
    starts = {
        len(run) - k: k
        for k in range(len(run) - 1)
        if run[k] in lex.surnames and not lex.pronouns.match([run[k].casefold()], 0)
    }
    for n in (3, 4, 2):
        if n in starts:
            return " ".join(run[starts[n] :])
    return None


def _leading_name(s: str, lex: _Lex) -> str | None:
    """A personal name at the start of ``s`` (after a title, possibly after a place name)."""
    words = _clean(s).split()
    run: list[str] = []
    for w in words[:8]:
        w2 = w.strip(",.;:")
        if _CAPWORD.fullmatch(w2) and not w2.isupper():
            run.append(w2)
            if w2 != w:
                break
        else:
            break
    # the name ends the run; a place name may come first ("TP Hà Nội Nguyễn Đức Chung")
    return _pick_name(run, lex)


class _Speakers:
    """Who is speaking: names written with titles in the text and the last named speaker."""

    def __init__(self, text: str, resolve: Callable[[str], str | None] | None) -> None:
        self.text = text
        self.resolve = resolve
        self.last: str | None = None
        self.names: list[str] = []
        self.lex = _lex()

    def _seen(self, name: str) -> str:
        if name not in self.names:
            self.names.append(name)
        self.last = name
        return name

    def _lookup(self, title: str) -> str | None:
        """"Thủ tướng" → the name written right after "Thủ tướng" somewhere in the text."""
        words = title.split()
        if not words:
            return None
        pat = regex.compile(r"(?i)(?<![\p{L}\p{M}])" + r"\s+".join(regex.escape(w) for w in words) + r"(?![\p{L}\p{M}])")
        for m in rx.finditer(pat, self.text):
            name = _leading_name(self.text[m.end() : m.end() + 80], self.lex)
            if name:
                return name
        for m in rx.finditer(pat, self.text):
            # "Trần Thị Lan - Bí thư Thành ủy", "Trần Thị Lan, Bí thư Thành ủy"
            before = self.text[max(0, m.start() - 60) : m.start()]
            mm = regex.search(r"^(.*?)\s*[-–,]\s*$", before, flags=regex.S)
            if mm:
                name = _trailing_name(mm.group(1), self.lex)
                if name:
                    return name
        return None

    def issuer(self, phrase: str | None) -> str | None:
        """The issuer for a speaker phrase (None → the last speaker)."""
        lex = self.lex
        if not phrase:
            return self.last
        words = _clean(phrase).strip(" ,.;:").split()
        f = [w.casefold() for w in words]
        k = lex.pronouns.match(f, 0)
        core = " ".join(words[k:])
        if not core:
            return self.last
        # "ông Dũng": the given name of a person named before
        if k and len(words) - k == 1 and _CAPWORD.fullmatch(words[k]):
            for known in reversed(self.names):
                if known.split()[-1] == words[k]:
                    self.last = known
                    return known
            return self.last or core
        name = _trailing_name(core, lex)
        if name:
            return self._seen(name)
        if self.resolve is not None:
            try:
                got = self.resolve(core)
            except Exception:  # a faulty resolver must not stop extraction
                log.debug("resolve_speaker failed", exc_info=True)
                got = None
            if got:
                return self._seen(got)
        person = bool(lex.person_heads.match(f, k))
        if person:
            found = self._lookup(core)
            if found:
                return self._seen(found)
            if self.last:
                return self.last
            return core
        # a body ("UBND tỉnh"): the body itself
        return core

    def note(self, sentence: str) -> None:
        """Remember a person named as the speaker of ``sentence`` ("… Nguyễn Duy Ngọc ghi nhận")."""
        lex = self.lex
        toks = [t for t in _tokens(sentence, 0, len(sentence))]
        f = _folds(toks)
        for j in range(1, len(toks)):
            if lex.speech.match(f, j) and toks[j].lower:
                k = j - 1
                while k >= 0 and lex.speaker_adverbs.match(f, k) == 1 and toks[k].lower:
                    k -= 1
                if k >= 0 and toks[k].t == ",":
                    k -= 1
                if k < 0:
                    continue
                name = _trailing_name(sentence[max(0, toks[k].e - 120) : toks[k].e], lex)
                if name:
                    self._seen(name)


# --------------------------------------------------------------------------- notices


_LABEL = regex.compile(
    r"""[ \t]*(?:\*\*|__)?[ \t]*
    (?P<label>
        Điều[ \t]+\d{1,3}[a-zđ]?(?:[ \t]*[.:])?
      | [IVXL]{1,6}\.(?=[\s*])
      | \d{1,2}(?:\.\d{1,2}){1,3}\.?(?=[\s*])
      | \d{1,2}[.)](?=[\s*])
      | \(\d{1,2}\)(?=[\s*])
      | \([a-zđ]\)(?=[\s*])
      | [a-zđ]\)(?=[\s*])
      | [-–—•+](?=[ \t*])
    )
    [ \t]*(?:\*\*|__)?[ \t]*""",
    regex.X,
)
_PREV_OK = ".;:!?…”\"*)/"


def _label_type(label: str) -> str:
    if label.startswith("Điều"):
        return "dieu"
    if regex.fullmatch(r"[IVXL]+\.", label):
        return "roman"
    if regex.fullmatch(r"\d+(?:\.\d+)+\.?", label):
        return f"multi{label.rstrip('.').count('.')}"
    if regex.fullmatch(r"\d+[.]", label):
        return "num"
    if regex.fullmatch(r"\d+\)", label):
        return "numparen"
    if regex.fullmatch(r"\(\d+\)", label):
        return "pnum"
    if regex.fullmatch(r"\([a-zđ]\)", label):
        return "palpha"
    if regex.fullmatch(r"[a-zđ]\)", label):
        return "alpha"
    if label in ("+",):
        return "plus"
    if label in ("•",):
        return "dot"
    return "dash"


def _label_key(label: str) -> str:
    if label.startswith("Điều"):
        return "D" + "".join(c for c in label if c.isdigit() or c.isalpha() and c not in "Điều")
    k = regex.sub(r"[^\p{L}\p{N}.]", "", label).strip(".")
    return k.replace(".", "_")


@dataclass
class _Line:
    start: int
    end: int
    raw: str


def _lines(text: str, a: int, b: int) -> list[_Line]:
    out: list[_Line] = []
    pos = a
    while pos < b:
        nl = text.find("\n", pos, b)
        e = b if nl < 0 else nl
        out.append(_Line(pos, e, text[pos:e]))
        pos = e + 1
    return out


def _in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _blankish(raw: str) -> bool:
    return not _clean(raw)


@dataclass
class _Node:
    label: str
    ltype: str
    line_start: int  # where the label line starts (ends the previous item)
    start: int  # text start (after the label)
    end: int
    parent: int | None = None
    id: str = ""
    path: str = ""
    children: list[int] | None = None
    kind: str = "task"
    assignees: tuple[str, ...] = ()
    pass_down: tuple[str, ...] | None = None
    coordinators: tuple[str, ...] = ()
    verb: str | None = None
    deadline: tuple[str, str] | None = None
    fields: dict[str, Any] | None = None


def _trim_end(text: str, a: int, b: int) -> int:
    while b > a and (text[b - 1].isspace() or text[b - 1] in "*|_#"):
        b -= 1
    return b


def _trim_start(text: str, a: int, b: int) -> int:
    while a < b and (text[a].isspace() or text[a] in "*|_#"):
        a += 1
    return a


def _body_region(text: str, main: Sequence[tuple[int, int]], body_start: int | None) -> tuple[int, int]:
    lex = _lex()
    a = body_start if body_start is not None else (main[0][0] if main else 0)
    a = max(0, min(a, len(text)))
    if main:
        a = max(a, main[0][0])
        b = max(e for _, e in main)
    else:
        b = len(text)
    for ln in _lines(text, a, b):
        c = fold(_clean(ln.raw))
        if c and rx.match(lex.end_marker, c) and ln.start > a:
            b = ln.start
            break
    return a, b


def _skip_preamble(text: str, lines: list[_Line], lex: _Lex) -> int:
    """Index of the first body line after the addressee block ("Kính gửi:", bullets, the
    upper-case head line "THỦ TƯỚNG CHÍNH PHỦ điện:")."""
    i = 0
    in_bullets = False
    prev_open = False
    while i < len(lines):
        raw = lines[i].raw
        c = _clean(raw)
        if not c:
            i += 1
            continue
        if rx.match(lex.addressee, c):
            in_bullets = True
            prev_open = not c.rstrip().endswith((".", ";", ":")) and len(c.split()) > 3
            i += 1
            continue
        m = rx.match(_LABEL, raw)
        if m and m.group("label") in ("-", "–", "—", "•", "+"):
            in_bullets = True
            prev_open = not c.endswith((".", ";", ":"))
            i += 1
            continue
        if not m and _is_caps_line(regex.sub(r"(?i)\s+điện\s*:?\s*$", "", c)):
            i += 1
            continue
        if in_bullets and prev_open and c[:1].islower():
            prev_open = not c.endswith((".", ";", ":"))
            i += 1
            continue
        break
    return i


def _is_caps_line(c: str) -> bool:
    letters = [ch for ch in c if ch.isalpha()]
    if len(letters) < 4:
        return False
    up = sum(1 for ch in letters if ch.isupper())
    return up / len(letters) >= 0.85


def _subject_before(text: str, a: int, vstart: int, lex: _Lex) -> tuple[int, int] | None:
    """The subject written right before a verb at ``vstart``: comma-separated parts that each
    begin with a body or position head ("Bộ Chính trị, Ban Bí thư kết luận…")."""
    seg_start = a
    for m in rx.finditer(regex.compile(r"[;.:!?]\s|\n\s*\n|\*\s"), text, a, vstart):
        seg_start = m.end()
    # walk back over comma-separated parts
    commas = [m.start() for m in rx.finditer(regex.compile(r","), text, seg_start, vstart)]
    bounds = [seg_start] + [c + 1 for c in commas]
    best: tuple[int, int] | None = None
    for b0 in reversed(bounds):
        s = _trim_start(text, b0, vstart)
        if s >= vstart:
            continue
        toks = _tokens(text, s, vstart)
        if not toks or not toks[0].word:
            break
        ft = _folds(toks)
        first_ok = (toks[0].cap or lex.pronouns.match(ft, 0)) and (
            _is_subject_start(toks, 0, lex) or lex.body_heads.match(ft, 0)
        )
        if not first_ok:
            break
        if rx.search(lex.lead_verbs, text, toks[0].e, vstart) or any(
            t.lower and _is_starter(toks, j, lex) for j, t in enumerate(toks) if j > 0
        ):
            break
        if any(t.word and lex.past.match(t.t) for t in toks):
            break
        if len([t for t in toks if t.word]) > 16:
            break
        best = (s, vstart)
    return best


def _lead_in(text: str, a: int, b: int, lex: _Lex) -> tuple[str, str, int, int, int] | None:
    """(issuer, verb, subject start, verb end, sentence start) of the last lead-in in text[a:b]."""
    found: tuple[str, str, int, int, int] | None = None
    for m in rx.finditer(lex.lead_verbs, text, a, b):
        before = text[max(a, m.start() - 12) : m.start()]
        if regex.search(r"(?i)(?<![\p{L}])(?:đã|sẽ|đang|theo|các|những|của)\s+$", before):
            continue
        subj = _subject_before(text, a, m.start(), lex)
        if subj is None:
            continue
        issuer = _clean(text[subj[0] : subj[1]]).strip(" ,")
        issuer = regex.sub(r"\s+(?:cũng|đồng thời)$", "", issuer)
        issuer = regex.sub(r"(?i)^(?:đồng chí|đ/c)\s+", "", issuer)
        if not issuer:
            continue
        sent = a
        for mm in rx.finditer(regex.compile(r"[.;!?]\s|\n\s*\n"), text, a, subj[0]):
            sent = mm.end()
        verb = fold(m.group())
        verb = "chỉ đạo" if verb.endswith("chỉ đạo") else verb
        found = (issuer, verb, subj[0], m.end(), _trim_start(text, sent, subj[0]))
    return found


def _body_head(text: str, lines: list[_Line], lex: _Lex) -> str | None:
    """The upper-case issuing line at the start of a body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X")."""
    for ln in lines[:12]:
        c = _clean(ln.raw)
        if not c:
            continue
        if _is_caps_line(c.split(" điện")[0]):
            head = regex.sub(r"(?i)\s+(?:điện|quyết định|chỉ thị)\s*:?\s*$", "", c).strip(" :")
            if lex.body_heads.match(fold(head).split(), 0):
                return head
    return None


def _verb_np(text: str, toks: list[_T], i: int, lex: _Lex) -> tuple[list[str], str | None, int] | None:
    """"Giao/Yêu cầu/Đề nghị/Ủy quyền X <action>" at ``toks[i]``: (assignees, verb, action index)."""
    f = _folds(toks)
    n = lex.item_verbs.match(f, i)
    if not n:
        return None
    verb = " ".join(f[i : i + n])
    j = i + n
    while j < len(toks) and toks[j].t in (",", ":"):
        j += 1
    if not _is_subject_start(toks, j, lex):
        return None
    got = _np(toks, j, lex)
    if got is None:
        return None
    a, e, act = got
    return _split_assignees(_np_text(text, toks, a, e), lex), verb, act


def _skip_topic(toks: list[_T], lex: _Lex) -> int:
    """Index after a leading topic phrase ("Về …:", "Trong thời gian tới,", "Sau khi …,")."""
    f = _folds(toks)
    if not toks or not lex.topic_leads.match(f, 0):
        return 0
    for j, t in enumerate(toks[:40]):
        if t.t in (":", ","):
            return j + 1
        if t.t in (".", ";"):
            return 0
    return 0


def _own_assignees(text: str, a: int, b: int, lex: _Lex) -> tuple[list[str], str | None]:
    """Assignees written at the start of an item: "X <action>" or "Giao X <action>"."""
    toks = _tokens(text, a, min(b, a + 1500))
    if not toks:
        return [], None
    k = _skip_topic(toks, lex)
    got = _verb_np(text, toks, k, lex)
    if got is not None:
        return got[0], got[1]
    if _is_starter(toks, k, lex, first=True):
        return [], None
    if not _is_subject_start(toks, k, lex):
        return [], None
    np = _np(toks, k, lex)
    if np is None:
        return [], None
    s, e, act = np
    return _split_assignees(_np_text(text, toks, s, e), lex), None


def _np_only(text: str, a: int, b: int, lex: _Lex) -> list[str]:
    """An item that only names who must act ("Chủ tịch UBND các tỉnh: X, Y:", "**2. Sở Y tế**")."""
    toks = _tokens(text, a, b)
    if not toks or len([t for t in toks if t.word]) > 40 or _is_caps_line(_clean(text[a:b])):
        return []
    got = _verb_np_only(text, toks, lex)
    if got is not None:
        return got
    if not _is_subject_start(toks, 0, lex):
        return []
    for t in toks:
        if t.t in (".",):
            return []
    f = _folds(toks)
    for j in range(1, len(toks)):
        if _is_starter(toks, j, lex) or (toks[j].word and toks[j].lower and lex.hard_stops.match(f, j)):
            return []
    return _split_assignees(_clean(text[a:b]).rstrip(": "), lex)


def _verb_np_only(text: str, toks: list[_T], lex: _Lex) -> list[str] | None:
    f = _folds(toks)
    n = lex.item_verbs.match(f, 0)
    if not n:
        return None
    j = n
    if not _is_subject_start(toks, j, lex):
        return None
    got = _np(toks, j, lex, need_starter=False)
    if got is None:
        return None
    a, e, act = got
    if act < len(toks) and toks[act].word:
        return None
    return _split_assignees(_np_text(text, toks, a, e), lex)


def _pass_down(text: str, a: int, b: int, lex: _Lex) -> list[str] | None:
    """"X lãnh đạo UBND tỉnh chỉ đạo:" → ["UBND tỉnh"] for the bullets below."""
    seg = text[a:b].rstrip(" *\n\t|")
    if not seg.endswith(":"):
        return None
    toks = _tokens(text, a, b)
    f = _folds(toks)
    for j in range(len(toks) - 1, -1, -1):
        n = lex.pass_down_verbs.match(f, j)
        if n and toks[j].lower and j + n < len(toks) and _is_subject_start(toks, j + n, lex):
            got = _np(toks, j + n, lex, need_starter=False)
            if got is None:
                continue
            s, e, act = got
            return _split_assignees(_np_text(text, toks, s, e), lex) or None
    return None


def _in_text_assignees(text: str, a: int, b: int, lex: _Lex) -> tuple[list[str], str | None]:
    """The first "giao/yêu cầu/đề nghị X <action>" inside an item."""
    toks = _tokens(text, a, b)
    f = _folds(toks)
    for j in range(len(toks)):
        if not toks[j].word:
            continue
        n = lex.item_verbs.match(f, j)
        if not n:
            continue
        if j > 0 and (lex.not_before.ends(f, j) or toks[j - 1].t in ("“", '"')):
            continue
        if j > 0 and f[j - 1] == "được":
            continue
        got = _verb_np(text, toks, j, lex)
        if got is not None and got[0]:
            return got[0], got[1]
    return [], None


def _coordinators(text: str, a: int, b: int, lex: _Lex) -> list[str]:
    """"phối hợp (chặt chẽ) với X <action>" → X."""
    m = rx.search(regex.compile(r"(?i)(?<![\p{L}])phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(với))?\s+"), text, a, b)
    if m is None:
        return []
    toks = _tokens(text, m.end(), min(b, m.end() + 600))
    if not toks:
        return []
    if m.group(1) is None and not (toks[0].cap and _is_subject_start(toks, 0, lex)):
        return []
    if not _is_subject_start(toks, 0, lex) and not toks[0].cap:
        return []
    got = _np(toks, 0, lex)
    if got is None:
        got = _np(toks, 0, lex, need_starter=False)
        if got is None:
            return []
        s, e, _ = got
        # without an action, stop at the first clause mark
        for j in range(s, e):
            if toks[j].t in (";", ",") and j > s:
                e = j
                break
    else:
        s, e, _ = got
    return _split_assignees(_np_text(text, toks, s, e), lex)


def _is_heading(text: str, a: int, b: int, has_children: bool, lex: _Lex) -> bool:
    c = _clean(text[a:b])
    if not c:
        return True
    if _is_caps_line(c):
        return True
    f = fold(c).split()
    if lex.heading_words.match(f, 0) and (len(f) <= 8 or c.rstrip().endswith(":")):
        return True
    if has_children and len(f) <= 12 and c.rstrip()[-1:] not in ".:;!?" and not lex.item_verbs.match(f, 0):
        return True
    if has_children and len(f) <= 20 and "." not in c.rstrip(". ")[:-1] and not rx.search(lex.modal_re, c):
        toks = _tokens(c, 0, len(c))
        fw = _folds(toks)
        if not any(_is_starter(toks, j, lex) or (toks[j].lower and lex.item_verbs.match(fw, j)) for j in range(1, len(toks))):
            return True
    return False


def _notice(
    text: str,
    main: Sequence[tuple[int, int]],
    issuer: str | None,
    doc_year: int | None,
    body_start: int | None,
    refs: Sequence[tuple[int, int]],
) -> list[Directive]:
    lex = _lex()
    a, b = _body_region(text, main, body_start)
    if b <= a:
        return []
    lines = [ln for ln in _lines(text, a, b) if not main or _in_spans(ln.start, main) or _blankish(ln.raw)]
    first = _skip_preamble(text, lines, lex)
    body_lines = lines[first:]
    if not body_lines:
        return []
    head = _body_head(text, lines[: first + 3], lex)

    # labels
    nodes: list[_Node] = []
    prev_raw = ""
    prev_blank = True
    prev_heading = False
    for ln in body_lines:
        raw = ln.raw
        m = rx.match(_LABEL, raw)
        pc = _clean(prev_raw)
        ok_prev = prev_blank or not pc or prev_raw.rstrip()[-1:] in _PREV_OK or _is_caps_line(pc) or prev_heading
        if m and ok_prev and m.end() < len(raw.rstrip()) + 1:
            label = m.group("label").strip()
            if label.startswith("Điều"):
                label = label.rstrip(" .:")
            s = ln.start + m.end()
            if _clean(text[s : ln.end]) or True:
                nodes.append(_Node(label, _label_type(label), ln.start, s, ln.end))
        if _clean(raw):
            prev_raw = raw
            prev_heading = bool(m) and ok_prev and len(_clean(raw).split()) <= 16
        prev_blank = not _clean(raw)
    body_a = body_lines[0].start
    out: list[Directive] = []
    if not nodes:
        return out
    for k, nd in enumerate(nodes):
        nd.end = nodes[k + 1].line_start if k + 1 < len(nodes) else b
        nd.end = _trim_end(text, nd.start, nd.end)
        nd.start = _trim_start(text, nd.start, nd.end)

    # the closing paragraphs after the last item
    closing: tuple[int, int] | None = None
    last = nodes[-1]
    for ln in _lines(text, last.start, last.end):
        if ln.start == last.line_start or ln.start <= last.start:
            continue
        c = _clean(ln.raw)
        if not c:
            continue
        prev_text = text[last.start : ln.start].rstrip(" *|\t\n")
        para_start = prev_text[-1:] in ".:;!?" or regex.search(r"\n\s*\n\s*$", text[last.start : ln.start]) is not None
        if not para_start or not c[:1].isupper():
            continue
        fc = fold(c)
        para = fold(_clean(text[ln.start : last.end]))
        if any(rx.search(p, fc) for p in lex.closings) or any(rx.search(p, para[:400]) for p in lex.closings[1:2]):
            closing = (ln.start, last.end)
            last.end = _trim_end(text, last.start, ln.start)
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
        key = str(counters[nd.parent]) if nd.ltype in ("dash", "plus", "dot") else _label_key(nd.label)
        key = key or str(counters[nd.parent])
        n_used = used.get((nd.parent, key), 0) + 1
        used[(nd.parent, key)] = n_used
        if n_used > 1:
            key = f"{key}_{n_used}"
        par = nodes[nd.parent] if nd.parent is not None else None
        nd.id = f"{par.id}.{key}" if par is not None else key
        nd.path = f"{par.path} {nd.label}" if par is not None else nd.label

    # issuer and lead-in
    lead = _lead_in(text, body_a, nodes[0].line_start, lex)
    doc_issuer = lead[0] if lead else (head or (_clean(issuer) if issuer else None))
    lead_verb = lead[1] if lead else None
    lead_assignees: list[str] = []
    if lead is not None:
        toks = _tokens(text, lead[3], nodes[0].line_start)
        k = 0
        while k < len(toks) and toks[k].t in (",", ":"):
            k += 1
        if toks and _is_subject_start(toks, k, lex):
            got = _np(toks, k, lex)
            if got is not None:
                lead_assignees = _split_assignees(_np_text(text, toks, got[0], got[1]), lex)

    # table fields ("Đơn vị chủ trì: X", "Thời gian thực hiện: …")
    for nd in nodes:
        c = _clean(text[nd.start : nd.end])
        if rx.match(lex.field_group, c) or rx.match(lex.field_assignee, c) or rx.match(lex.field_coordinator, c) or rx.match(lex.field_deadline, c):
            nd.kind = "general"
            nd.fields = {}
    for k, nd in enumerate(nodes):
        if nd.fields is None:
            continue
        span_end = nd.end
        desc = _descendants(nodes, k)
        if desc:
            span_end = max(nodes[x].end for x in desc)
        fields = _read_fields(text, nd.start, span_end, doc_year, lex)
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
        own = _read_fields(text, nd.start, nd.end, doc_year, lex)
        for key, v in own.items():
            sib_fields[key] = v
        if sib_fields:
            for x in [k] + _descendants(nodes, k):
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
            if _clean(text[m.end() : nd.end]):
                nd.start = _trim_start(text, m.end(), nd.end)
            else:
                nd.kind = "general"

    # assignees, in order
    for k, nd in enumerate(nodes):
        if nd.fields is not None:
            continue
        if nd.kind == "task_fields":
            nd.kind = "task"
            if not nd.coordinators:
                nd.coordinators = tuple(_coordinators(text, nd.start, nd.end, lex))
        else:
            own, verb = _own_assignees(text, nd.start, nd.end, lex)
            only = _np_only(text, nd.start, nd.end, lex) if not own else []
            if only:
                own = only
                starts_with_verb = lex.item_verbs.match(_folds(_tokens(text, nd.start, min(nd.end, nd.start + 40))), 0)
                if nd.children and not starts_with_verb:
                    nd.kind = "general"
            pd = _pass_down(text, nd.start, nd.end, lex)
            nd.verb = verb
            if own:
                nd.assignees = tuple(own)
            else:
                inherited = _inherited(nodes, k)
                if inherited:
                    nd.assignees = inherited
                elif nd.parent is None and lead_assignees:
                    nd.assignees = tuple(lead_assignees)
                else:
                    got, v2 = _in_text_assignees(text, nd.start, nd.end, lex)
                    nd.assignees = tuple(got)
                    nd.verb = nd.verb or v2
            nd.pass_down = tuple(pd) if pd else None
            nd.coordinators = tuple(_coordinators(text, nd.start, nd.end, lex))
        if nd.deadline is None:
            nd.deadline = _deadline(text, nd.start, nd.end, doc_year)
        if nd.kind == "task" and _is_heading(text, nd.start, nd.end, bool(nd.children), lex):
            nd.kind = "general"

    for k, nd in enumerate(nodes):
        if _omitted(text, nd, lex):
            continue
        par = nodes[nd.parent] if nd.parent is not None else None
        verb = nd.verb or (lead_verb if lead_verb in lex.directive_lead_verbs else None)
        verb = verb or _modal_in(text, nd.start, nd.end, lex) or lead_verb
        out.append(
            _make(
                text, nd.id, nd.label, par.id if par else None, par.path if par else None, doc_issuer, verb,
                nd.assignees, nd.coordinators, nd.start, nd.end, nd.deadline, refs, nd.kind if nd.kind in ("task", "general") else "task",
            )
        )

    # lead-in and closing that carry a directive verb
    if lead is not None and lead[1] in lex.directive_lead_verbs:
        s = lead[4]
        e = _trim_end(text, s, nodes[0].line_start)
        if e > s:
            out.insert(0, _make(text, "lead", None, None, None, doc_issuer, lead[1], tuple(lead_assignees), (), s, e, None, refs, "general"))
    if closing is not None:
        s = _trim_start(text, closing[0], closing[1])
        e = _trim_end(text, s, closing[1])
        c = fold(text[s:e])
        vm = rx.search(regex.compile(r"(?<![\p{L}])(yêu cầu|đề nghị|giao|chỉ đạo)(?![\p{L}])"), c)
        if e > s and vm is not None:
            got, _ = _in_text_assignees(text, s, e, lex)
            out.append(_make(text, "closing", None, None, None, doc_issuer, vm.group(1), tuple(got), (), s, e, None, refs, "general"))
    return out


def _omitted(text: str, nd: _Node, lex: _Lex) -> bool:
    """Section titles ("II. NHIỆM VỤ", "2. Yêu cầu") and task-table fields ("b) Cơ quan thực
    hiện:", "- Đơn vị chủ trì: X") are part of the tree but are not directives."""
    if nd.fields is not None:
        return True
    c = _clean(text[nd.start : nd.end])
    if not c or _is_caps_line(c):
        return True
    f = fold(c).rstrip(" :.").split()
    return bool(lex.heading_words.match(f, 0)) and len(f) <= 3


def _descendants(nodes: list[_Node], k: int) -> list[int]:
    out: list[int] = []
    todo = list(nodes[k].children or [])
    while todo:
        x = todo.pop(0)
        out.append(x)
        todo.extend(nodes[x].children or [])
    return out


def _inherited(nodes: list[_Node], k: int) -> tuple[str, ...]:
    p = nodes[k].parent
    while p is not None:
        par = nodes[p]
        if par.pass_down:
            return par.pass_down
        if par.assignees:
            return par.assignees
        p = par.parent
    return ()


def _read_fields(text: str, a: int, b: int, doc_year: int | None, lex: _Lex) -> dict[str, Any]:
    """Task-table fields inside text[a:b]: assignees, coordinators, deadline."""
    out: dict[str, Any] = {}
    for key, pat in (("assignees", lex.field_assignee), ("coordinators", lex.field_coordinator)):
        m = rx.search(pat, text, a, b)
        if m is None:
            continue
        e = m.end()
        stop = rx.search(regex.compile(r"\n\s*(?:\*\*)?\s*(?:[-–+•]|[a-zđ]\)|\()|\n\s*\n|[.;](?:\s|$)"), text, e, b)
        ve = stop.start() if stop else b
        vals = _split_assignees(text[e:ve], lex)
        if vals:
            out[key] = vals
    m = rx.search(lex.field_deadline, text, a, b)
    if m is not None:
        stop = rx.search(regex.compile(r"\n\s*\n|\n\s*[-–+•]"), text, m.end(), b)
        got = _deadline(text, m.end(), stop.start() if stop else b, doc_year, any_date=True)
        if got:
            out["deadline"] = got
    return out


def _modal_in(text: str, a: int, b: int, lex: _Lex) -> str | None:
    m = rx.search(lex.modal_re, text, a, min(b, a + 400))
    return fold(m.group()) if m else None


def _make(
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
    lex = _lex()
    ass = tuple(a for a in assignees if a)
    return Directive(
        id=id_,
        label=label,
        parent=parent,
        parent_label=parent_label,
        issuer=issuer,
        verb=verb,
        assignees=ass,
        assignees_norm=tuple(_norm_assignee(x, lex) for x in ass),
        coordinators=tuple(c for c in coordinators if c),
        text=text[start:end],
        deadline=deadline[0] if deadline else None,
        deadline_text=deadline[1] if deadline else None,
        refs=tuple(_clean(text[s:e]) for s, e in refs if start <= s and e <= end),
        kind=kind,
        start=start,
        end=end,
    )


# --------------------------------------------------------------------------- articles


_SENT_END = regex.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[\p{Lu}\d])|\n")


def _sentences(text: str, a: int, b: int, lex: _Lex) -> list[tuple[int, int]]:
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
        if _clean(text[s:e]):
            out.append((s, e))
        s = e
    if _clean(text[s:b]):
        out.append((s, b))
    return [(_trim_start(text, x, y), _trim_end(text, x, y)) for x, y in out if _trim_end(text, x, y) > _trim_start(text, x, y)]


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


def _valid_speaker(phrase: str, lex: _Lex) -> bool:
    words = phrase.split()
    if not words or len(words) > 16:
        return False
    f = [w.casefold() for w in words]
    if any(w in ("đã", "đang", "sẽ", "được", "chưa", "không") for w in f):
        return False
    if any(lex.starters.match(f, j) or lex.modals.match(f, j) for j in range(1, len(f)) if words[j][:1].islower() and not lex.person_heads.match(f, j)):
        return False
    if lex.pronouns.match(f, 0) and (len(f) <= 2 or lex.person_heads.match(f, lex.pronouns.match(f, 0)) or _trailing_name(phrase, lex)):
        return True
    if _trailing_name(phrase, lex):
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


def _article_hits(text: str, s0: int, s1: int, lex: _Lex) -> list[_Hit]:
    """Directive triggers of one sentence, with their speaker phrase."""
    hits: list[_Hit] = []
    for m in rx.finditer(lex.triggers, text, s0, s1)[:_MAX_HITS]:
        v = fold(m.group())
        w0 = max(s0, m.start() - _WINDOW)  # a clause longer than this is not a speaker's
        toks_before = _tokens(text, max(s0, m.start() - 60), m.start())
        fb = _folds(toks_before)
        toks_after = _tokens(text, m.end(), min(s1, m.end() + 40))
        fa = _folds(toks_after)
        if fa and any(p.match(fa, 0) for k, p in lex.not_after.items() if k in ("*", v)):
            continue
        if not fa or toks_after[0].t in (".", "!", "?"):
            continue
        at_start = m.start() - s0 < _WINDOW and not _clean(text[s0 : m.start()]).strip("-–•*# ")
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
        subj = _clean(text[cs : m.start()])
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
            whole = _clean(text[w0 : m.start()])[: -len("được")].strip(" ,")
            np_text = whole if _is_np_phrase(whole, lex) else subj[: -len("được")].strip(" ,")
            if np_text and _is_np_phrase(np_text, lex):
                hits.append(_Hit(cs, m.start(), m.end(), v, None, _split_assignees(np_text, lex)))
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
                 and _trailing_name(" ".join(sw[i:]), lex) and _valid_speaker(" ".join(sw[i:]), lex)),
                None,
            )
            if cut is None:
                continue
            sw = sw[cut:]
            subj = " ".join(sw)
        ss = text.find(sw[0], cs, m.start()) if sw else cs
        name = None
        if mark == "," and not _trailing_name(subj, lex):
            before = _clean(text[max(w0, cs - 100) : cs - 1])
            name = _trailing_name(before, lex)
            if name is not None:
                ss = text.rfind(name.split()[0], w0, cs)
        hits.append(_Hit(ss if ss >= 0 else cs, m.start(), m.end(), v, subj, None, name))
    return hits


def _title_end(text: str, a: int, b: int) -> int:
    """End of a headline line at the start of an article (no final punctuation), else ``a``."""
    for ln in _lines(text, a, b):
        c = _clean(ln.raw)
        if not c:
            continue
        if c[-1:] not in ".!?…:”\"" and len(c.split()) <= 30:
            return ln.end
        return a
    return a


def _continuation_sentence(text: str, s0: int, cs: int, lex: _Lex) -> bool:
    """A sentence with no subject of its own ("Đồng thời, gợi mở …; đề nghị …")."""
    toks = _tokens(text, s0, cs)
    f = _folds(toks)
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


def _is_np_phrase(s: str, lex: _Lex) -> bool:
    toks = _tokens(s, 0, len(s))
    if not toks or not _is_subject_start(toks, 0, lex):
        return False
    f = _folds(toks)
    return not any(
        t.word and t.lower and (lex.hard_stops.match(f, j) or _is_starter(toks, j, lex))
        for j, t in enumerate(toks)
        if j > 0
    )


def _article(
    text: str,
    main: Sequence[tuple[int, int]],
    doc_year: int | None,
    resolve: Callable[[str], str | None] | None,
    refs: Sequence[tuple[int, int]],
) -> list[Directive]:
    lex = _lex()
    spans = list(main) if main else [(0, len(text))]
    speakers = _Speakers(text, resolve)
    drafts: list[tuple[int, int, str | None, str, list[str], list[str], tuple[str, str] | None]] = []
    quoted: list[tuple[int, int, str, str]] = []
    for a, b in spans:
        # quotes closed by "…”, <speaker> nhấn mạnh"
        for m in rx.finditer(
            regex.compile(r"“([^”\n]{3,1200})”\s*,?\s*([^,.;\n]{2,80}?)\s+(nhấn\s+mạnh|yêu\s+cầu|chỉ\s+đạo|lưu\s+ý|đề\s+nghị)\s*[.!]"),
            text, a, b,
        ):
            speaker = _clean(m.group(2))
            if not _valid_speaker(speaker, lex):
                continue
            v = fold(m.group(3))
            if v in lex.modal_triggers and not rx.search(lex.modal_re, m.group(1)):
                continue
            quoted.append((m.start(1), m.end(1), speaker, v))
        skip_to = _title_end(text, a, b) if (a, b) == spans[0] else a
        pending: tuple[str | None, str, list[str]] | None = None  # "… yêu cầu:" then a list
        for s0, s1 in _sentences(text, a, b, lex):
            if s0 < skip_to or _clean(text[s0:s1]).startswith("#"):
                continue
            lm = rx.match(_LABEL, text, s0, s1) if pending is not None else None
            if pending is not None and lm is not None and _clean(text[lm.end() : s1]):
                ls = _trim_start(text, lm.end(), s1)
                le = _trim_end(text, ls, s1)
                own, _ = _own_assignees(text, ls, le, lex)
                drafts.append(
                    (ls, le, pending[0], pending[1], own or list(pending[2]),
                     _coordinators(text, ls, le, lex), _deadline(text, ls, le, doc_year))
                )
                continue
            pending = None
            speakers.note(text[s0:s1])
            hits = _article_hits(text, s0, s1, lex)
            for h_i, h in enumerate(hits):
                end = hits[h_i + 1].subj_start if h_i + 1 < len(hits) else s1
                end = _trim_end(text, h.v_end, end)
                while end > h.v_end:
                    tail = regex.search(r"(?:[\s.,;:…]+|(?<![\p{L}])(?:và|đồng thời))$", text[h.v_end:end])
                    if tail is None or tail.end() == tail.start():
                        break
                    end = _trim_end(text, h.v_end, h.v_end + tail.start())
                cstart = h.v_end
                toks = _tokens(text, cstart, min(end, cstart + 1500))
                k = 0
                while k < len(toks) and toks[k].t in (",", ":"):
                    k += 1
                assignees: list[str] = list(h.passive or [])
                if toks and h.verb not in lex.modal_triggers and h.passive is None:
                    if _is_subject_start(toks, k, lex):
                        got = _np(toks, k, lex)
                        if got is not None:
                            assignees = _split_assignees(_np_text(text, toks, got[0], got[1]), lex)
                            k = got[2]
                elif toks and h.verb in lex.modal_triggers:
                    content = text[cstart:end]
                    if not rx.search(lex.modal_re, content):
                        continue
                    if _is_subject_start(toks, k, lex):
                        got = _np(toks, k, lex)
                        if got is not None and lex.modals.match(_folds(toks), got[2]):
                            assignees = _split_assignees(_np_text(text, toks, got[0], got[1]), lex)
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
                    if not assignees and toks and _is_subject_start(toks, k, lex):
                        got = _np(toks, k, lex, need_starter=False)
                        if got is not None:
                            assignees = _split_assignees(_np_text(text, toks, got[0], got[1]), lex)
                    pending = (issuer, h.verb, assignees)
                    continue
                if k >= len(toks):
                    continue
                cs = toks[k].s
                cs = _trim_start(text, cs, end)
                if end <= cs or not _clean(text[cs:end]):
                    continue
                coords = _coordinators(text, cs, end, lex)
                dl = _deadline(text, cs, end, doc_year)
                drafts.append((cs, end, issuer, h.verb, assignees, coords, dl))
            # a quote closed in this sentence ("…”, Bí thư Thành ủy nhấn mạnh.")
            for qs, qe, speaker, v in quoted:
                if not s0 <= qe < s1:
                    continue
                if any(ds <= qs < de or qs <= ds < qe for ds, de, *_ in drafts):
                    continue
                qs2 = _trim_start(text, qs, qe)
                qe2 = _trim_end(text, qs2, qe)
                if qe2 > qs2:
                    issuer = speakers.issuer(speaker)
                    drafts.append((qs2, qe2, issuer, v, [], [], _deadline(text, qs2, qe2, doc_year)))
    drafts.sort(key=lambda d: d[0])
    drafts = _dedupe(text, drafts)
    out: list[Directive] = []
    for n, (s, e, issuer, verb, ass, coords, dl) in enumerate(drafts, 1):
        out.append(_make(text, str(n), None, None, None, issuer, verb, ass, coords, s, e, dl, refs, "task"))
    return out


def _dedupe(text: str, drafts: list[Any]) -> list[Any]:
    """The same instruction written twice (a lead or a photo caption repeating the body):
    keep the one with a deadline, else the longer, else the later."""
    keep: list[Any] = []
    index: dict[tuple[str, Any], int] = {}
    for d in drafts:
        key = (" ".join(fold(_clean(text[d[0] : min(d[1], d[0] + 300)])).split()[:7]), d[2])
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


def find_directives(
    doc: Analysis | str,
    *,
    kind: str,
    main: Sequence[tuple[int, int]] | None = None,
    issuer: str | None = None,
    doc_year: int | None = None,
    body_start: int | None = None,
    resolve_speaker: Callable[[str], str | None] | None = None,
    refs: Sequence[tuple[int, int]] = (),
) -> list[Directive]:
    """The directives of one normalized document, in text order (notices: the lead-in first).

    ``kind`` is "notice" or "article"; ``main`` the main-text spans (furniture excluded);
    ``issuer`` the issuing body of the header; ``doc_year`` fills years in deadlines ("đến cuối
    năm"); ``body_start`` where a notice body starts; ``resolve_speaker`` maps a title phrase to
    a person's name; ``refs`` spans of document numbers (found here when not given).
    """
    analysis = as_analysis(doc, "find_directives")
    text = analysis.text
    if kind not in ("notice", "article"):
        raise ValueError(f"find_directives(): kind must be 'notice' or 'article', not {kind!r}")
    if not text.strip() or len(text) > _MAX_TEXT:
        return []
    spans = sorted((max(0, int(s)), min(len(text), int(e))) for s, e in (main or ()) if int(e) > int(s))
    ref_spans = list(refs)
    if not ref_spans:
        from directive_nlp.extract.numbers import find_doc_refs

        ref_spans = [(r.start, r.end) for r in find_doc_refs(analysis, year=doc_year)]
    if kind == "notice":
        return _notice(text, spans, issuer, doc_year, body_start, ref_spans)
    return _article(text, spans, doc_year, resolve_speaker, ref_spans)


def directive_warnings(items: Sequence[Directive]) -> list[dict[str, str]]:
    """Warnings about the list structure: a label repeated under the same parent ("2." twice),
    kept in order with unique ids."""
    out: list[dict[str, str]] = []
    seen: dict[tuple[str | None, str], str] = {}
    for d in items:
        if d.label is None or d.label in ("-", "–", "—", "+", "•"):
            continue
        key = (d.parent, d.label)
        if key in seen:
            out.append(
                {
                    "code": "duplicate_label",
                    "message": f"label {d.label!r} repeated under {d.parent_label or 'the document'} "
                    f"(ids {seen[key]} and {d.id}); both kept in order",
                }
            )
        else:
            seen[key] = d.id
    return out
