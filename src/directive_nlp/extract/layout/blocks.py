"""The blocks of a notice header, recognized on the word stream (:mod:`.stream`).

An administrative document opens with blocks whose words are fixed by NĐ 30/2020 and HD 36
(``data/number_formats.md``): the issuing body (upper case, its parent body above it), the
national motto or the Party's name, ``Số: N/…`` (``Số N-…`` in Party documents), the place and
date (``<Place>, ngày D tháng M năm YYYY``), the type name in capitals with the subject under it
(or ``V/v <subject>`` under the number of a công văn), and ``Kính gửi:``. Each recognizer here
reads one block at a stream position, whatever the line breaks, markup and spacing of the page.
Positions are stream positions (``stream.text``) unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from directive_nlp.extract.layout.lexicon import lex
from directive_nlp.extract.layout.stream import Stream
from directive_nlp.extract.numbers import Symbol, read_symbol
from directive_nlp.resources import lexicon, type_words
from directive_nlp.text.analysis import atoms
from directive_nlp.text.phrases import PhraseMatcher
from directive_nlp.text.words import align, word_tokenize

__all__ = [
    "NumberHit", "DateHit", "find_mottos", "find_numbers", "find_place_dates", "type_word_at",
    "subject_at", "caps_run_before", "issuing_bodies", "is_caps_word",
]

_DASH = "[-‐‑‒–—−]"


def _phrase_pattern(phrase: str) -> str:
    """A lexicon phrase as a stream pattern: single spaces optional around dashes."""
    parts = []
    for w in phrase.split():
        parts.append(_DASH if regex.fullmatch(_DASH, w) else regex.escape(w))
    return " ?".join(parts)


@cache
def _motto_re() -> regex.Pattern[str]:
    alts = []
    for phrase in sorted(lex().mottos, key=len, reverse=True):
        pat = _phrase_pattern(phrase)
        alts.append(pat if phrase.isupper() else f"(?i:{pat})")
    return regex.compile(r"(?<![\p{L}\d])(?:" + "|".join(alts) + r")(?![\p{L}\d])")


def find_mottos(st: Stream) -> list[tuple[int, int]]:
    """Stream spans of the national motto and the Party's name ("ĐẢNG CỘNG SẢN VIỆT NAM")."""
    return [(m.start(), m.end()) for m in _motto_re().finditer(st.text)]


# --------------------------------------------------------------------------- number


@dataclass(frozen=True, slots=True)
class NumberHit:
    """"Số: <symbol>": ``start`` at "Số", the symbol at ``[sym_start, end)``; ``symbol`` is None
    for a draft's blank number ("Số:      /QĐ-UBND")."""

    start: int
    sym_start: int
    end: int
    symbol: Symbol | None


_SO = regex.compile(r"(?<![\p{L}\p{N}])(?:Số|SỐ)(?: ?[:.])? ?(?=[\d/])")
_DRAFT = regex.compile(r"/ ?\p{L}[\p{L}\d.&]*(?:" + _DASH + r"[\p{L}\d.&]+)*")


@cache
def _type_word_keys() -> PhraseMatcher:
    return PhraseMatcher(type_words())


def _after_type_word(text: str, pos: int) -> bool:
    """A type word ends right before ``pos`` ("Quyết định Số 12/…" is a citation, no header)."""
    head = text[max(0, pos - 40) : pos].rstrip()
    return _type_word_keys().suffix(head) is not None if head else False


def find_numbers(st: Stream) -> list[NumberHit]:
    """Every "Số: <symbol>" of the stream that is not a citation after a type word."""
    out: list[NumberHit] = []
    for m in _SO.finditer(st.text):
        if _after_type_word(st.text, m.start()):
            continue
        sym = read_symbol(st.text, m.end())
        if sym is not None:
            out.append(NumberHit(m.start(), m.end(), sym.end, sym))
            continue
        d = _DRAFT.match(st.text, m.end())
        if d is not None:
            out.append(NumberHit(m.start(), m.end(), d.end(), None))
    return out


# --------------------------------------------------------------------------- place and date


@dataclass(frozen=True, slots=True)
class DateHit:
    """"<Place>, ngày D tháng M năm YYYY": the place at ``[place_start, place_end)`` (None when no
    place stands before the date), the date phrase at ``[start, end)``; day and month may be
    blank in a draft."""

    place_start: int | None
    place_end: int | None
    start: int
    end: int
    day: int | None
    month: int | None
    year: int


_DATE = regex.compile(
    r"(?<![\p{L}\d])(?i:ngày) ?(?P<d>\d{1,2})? ?[.…_/ ]*(?i:tháng) ?(?P<m>\d{1,2})? ?[.…_/ ]*"
    r"(?i:năm) ?(?P<y>\d{4})(?!\d)"
)


def find_place_dates(st: Stream) -> list[DateHit]:
    """Every full-form date of the stream with the place written before it (if any)."""
    out: list[DateHit] = []
    for m in _DATE.finditer(st.text):
        place = place_before(st, m.start())
        out.append(DateHit(
            place[0] if place else None, place[1] if place else None, m.start(), m.end(),
            int(m["d"]) if m["d"] else None, int(m["m"]) if m["m"] else None, int(m["y"]),
        ))
    return out


@cache
def _places() -> PhraseMatcher:
    return PhraseMatcher(lexicon("places").phrases)


@cache
def _units() -> PhraseMatcher:
    return PhraseMatcher(lexicon("admin_units").phrases)


_WORD = regex.compile(r"\S+")
_PLACE_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}.'’]*(?:-\p{Lu}[\p{L}\p{M}]*)?")


def _words_before(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` word spans ending before ``pos``, nearest first."""
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(text, max(0, pos - 24 * limit), pos):
        out.append((m.start(), m.end()))
    return out[::-1][:limit]


def place_before(st: Stream, pos: int) -> tuple[int, int] | None:
    """The place name written right before a date phrase at ``pos`` ("Hà Nội, ngày …").

    The place is a run of capitalised words (a unit word such as "Thành phố", "Thị xã", "TP."
    before them included), at most six, ending at the comma or right before "ngày". When the run
    ends with a known place name, the words before it that are no unit word belong to the
    text before (a subject line: "… tại Việt Nam Hà Nội, ngày"); otherwise a hard separation
    (a cell, an italic line) inside the run starts the place.
    """
    end = pos
    while end > 0 and st.text[end - 1] == " ":
        end -= 1
    if end > 0 and st.text[end - 1] == ",":
        end -= 1
    words = _place_run(st, end)
    if not words or not st.text[words[-1][0]].isupper():
        return None
    words = _trim_place(st, words)
    return (words[0][0], words[-1][1]) if words else None


def _is_unit(*words: str) -> bool:
    return _units().phrase_of(atoms(" ".join(words).rstrip("."))) is not None


def _place_run(st: Stream, end: int) -> list[tuple[int, int]]:
    """Capitalised words (all of one style: "Hà Nội" or "HÀ NỘI") ending at ``end``, a unit word
    written in lower case inside them ("Thành phố", "Thị xã") and hyphens between names kept."""
    words = _words_before(st.text, end, 8)
    run: list[tuple[int, int]] = []
    style: bool | None = None
    k = 0
    while k < len(words) and len(run) < 6:
        s, e = words[k]
        w = st.text[s:e]
        if _PLACE_WORD.fullmatch(w):
            upper = w.isupper() and sum(c.isalpha() for c in w) > 1 and not _is_unit(w)
            if style is not None and upper != style:
                break
            style = upper
        elif run and w in {"-", "–"}:
            pass
        elif run and w.islower() and k + 1 < len(words) and _is_unit(st.text[slice(*words[k + 1])], w):
            run.insert(0, (s, e))
            s, e = words[k + 1]
            k += 1
        else:
            break
        run.insert(0, (s, e))
        k += 1
    while run and not st.text[run[0][0]].isupper():
        run.pop(0)
    return run


def _trim_place(st: Stream, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut the words of another block off the front of a place run (see :func:`place_before`)."""
    seq = [st.text[s:e] for s, e in words]
    for k in range(len(words)):
        if _places().phrase_of(atoms(" ".join(seq[k:]))) is None:
            continue
        if k > 0 and seq[k - 1] in {"-", "–"}:
            return words  # "Bà Rịa - Vũng Tàu": one name
        # a unit word before the known name stays ("Thành phố Hồ Chí Minh", "TP. Huế")
        for j in range(max(0, k - 2), k):
            if _units().phrase_of(atoms(" ".join(seq[j:k]).rstrip("."))) is not None:
                return words[j:]
        return words[k:]
    hard = [k for k, (s, _) in enumerate(words) if s in st.hard]
    return words[hard[-1]:] if hard else words


# --------------------------------------------------------------------------- type word, subject


@cache
def _type_re() -> regex.Pattern[str]:
    words = sorted({w.upper() for w in type_words()}, key=len, reverse=True)
    urgency = sorted(lex().urgency_marks, key=len, reverse=True)
    return regex.compile(
        r"(?:(?:" + "|".join(_phrase_pattern(u) for u in urgency) + r")[ :,.-]*)*"
        r"(?P<type>" + "|".join(_phrase_pattern(w) for w in words) + r")(?![\p{L}\d])"
    )


def type_word_at(st: Stream, pos: int) -> tuple[int, int] | None:
    """The upper-case type name ("QUYẾT ĐỊNH", "THÔNG BÁO") at ``pos`` (urgency marks before it
    skipped), as its stream span."""
    while pos < len(st.text) and st.text[pos] == " ":
        pos += 1
    m = _type_re().match(st.text, pos)
    return (m.start("type"), m.end("type")) if m else None


@cache
def _subject_re() -> regex.Pattern[str]:
    alts = sorted(lexicon("subject_leads").phrases, key=len, reverse=True)
    pats = [regex.escape(p).replace("/", " ?/ ?").replace(r"\ ", " ") for p in alts]
    return regex.compile(r"(?i:" + "|".join(pats) + r")(?![\p{L}])")


def subject_at(st: Stream, pos: int) -> int | None:
    """Stream position of a công văn's subject lead "V/v" at ``pos`` (spaces skipped)."""
    while pos < len(st.text) and st.text[pos] == " ":
        pos += 1
    return pos if _subject_re().match(st.text, pos) else None


# --------------------------------------------------------------------------- issuing bodies


def is_caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def caps_run_before(st: Stream, pos: int, limit: int = 24) -> int:
    """Start of the run of upper-case words (an issuing body) that ends right before ``pos``.

    The run crosses a line break only into a line whose words are all upper case (a header
    line, not a page's stamp or menu line that happens to end in capitals)."""
    taken: list[tuple[int, int]] = []
    for s, e in _words_before(st.text, pos, limit):
        w = st.text[s:e]
        if not (is_caps_word(w) or (taken and (w in {"-", "&", ","} or w.isdigit()))):
            break
        if taken and "\n" in st.source[st.pos(e - 1) : st.pos(taken[-1][0])] and not _caps_line(st, s):
            break
        taken.append((s, e))
    taken.reverse()
    while taken and not is_caps_word(st.text[taken[0][0] : taken[0][1]]):
        taken.pop(0)
    return taken[0][0] if taken else pos


def _caps_line(st: Stream, i: int) -> bool:
    """The source line holding stream position ``i`` has upper-case words only."""
    p = st.pos(i)
    ls = st.source.rfind("\n", 0, p) + 1
    le = st.source.find("\n", p)
    words = regex.findall(r"[\p{L}\p{M}]+", st.source[ls : le if le >= 0 else len(st.source)])
    return bool(words) and all(w.isupper() for w in words)


@cache
def _heads() -> PhraseMatcher:
    return PhraseMatcher(lexicon("org_heads").phrases)


def issuing_bodies(st: Stream, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Issuing bodies in ``[lo, hi)``, parents first, each as its word spans.

    Upper-case words outside ``skip`` (the motto) and the urgency marks are read in order; a
    head noun of a body ("BỘ", "CỤC", "SỞ", "ỦY BAN", "BAN" …, lexicon ``org_heads``) starts a new
    body — a one-syllable head only where a word starts (underthesea's segmentation of the
    words in lower case: "NỘI VỤ", "MÔI TRƯỜNG", "XÃ HỘI" hold no head) — unless it follows
    another head directly ("THỦ TƯỚNG CHÍNH PHỦ", "BAN THƯỜNG VỤ HUYỆN ỦY") or a conjunction.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(st.text, lo, hi)
             if not any(a <= m.start() < b for a, b in skip) and is_caps_word(m.group(0))]
    words = _drop_marks(st, words)
    starts = _word_starts([st.text[s:e] for s, e in words])
    bodies: list[list[tuple[int, int]]] = []
    k = 0
    prev_head_end = -1
    while k < len(words):
        n = _heads().match_atoms(_atoms_of(st, words, k), 0)
        head_words = _head_len(st, words, k, n) if n else 0
        if head_words and (starts[k] or n > 1):
            joined = bool(bodies) and (k == prev_head_end or _ends_with_conjunction(st, bodies[-1][-1]))
            if not bodies or not joined:
                bodies.append([])
            bodies[-1].extend(words[k : k + head_words])
            k += head_words
            prev_head_end = k
            continue
        if not bodies:
            bodies.append([])
        bodies[-1].append(words[k])
        k += 1
    return [b for b in bodies if b]


def _ends_with_conjunction(st: Stream, word: tuple[int, int]) -> bool:
    w = st.text[word[0] : word[1]]
    return w in {"VÀ", "-", "&"} or w.endswith(",")


def _word_starts(syllables: list[str]) -> list[bool]:
    """For each syllable, whether a word starts there (segmentation of the lower-cased run)."""
    if not syllables:
        return []
    joined = " ".join(syllables).lower()
    pieces = [p for p in word_tokenize(joined) if p.strip()]
    starts = {s for s, e in align(pieces, joined, 0, len(joined)) if e > s}
    out: list[bool] = []
    pos = 0
    for syl in syllables:
        out.append(pos in starts)
        pos += len(syl) + 1
    return out


def _atoms_of(st: Stream, words: list[tuple[int, int]], k: int) -> list[str]:
    out: list[str] = []
    for s, e in words[k : k + 6]:
        out.extend(atoms(st.text[s:e]))
    return out


def _head_len(st: Stream, words: list[tuple[int, int]], k: int, n_atoms: int) -> int:
    """Number of words covered by a head of ``n_atoms`` atoms starting at word ``k`` (0 when the
    head ends inside a word)."""
    count = 0
    for j in range(k, len(words)):
        count += len(atoms(st.text[words[j][0] : words[j][1]]))
        if count == n_atoms:
            return j - k + 1
        if count > n_atoms:
            return 0
    return 0


def _drop_marks(st: Stream, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words without the urgency and circulation marks ("HỎA TỐC", "MẬT", "DỰ THẢO")."""
    marks = PhraseMatcher(lex().urgency_marks)
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        n = marks.match_atoms(_atoms_of(st, words, k), 0)
        w = _head_len(st, words, k, n) if n else 0
        if w:
            k += w
            continue
        out.append(words[k])
        k += 1
    return out
