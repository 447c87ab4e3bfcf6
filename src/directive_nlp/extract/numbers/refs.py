"""Every document number of a text (:func:`find_doc_refs`) with its type, issue date and issuer."""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, fields
from collections.abc import Iterable
from typing import Any

import regex

from directive_nlp.extract.numbers.context import (
    DATE_AFTER, date_after, date_from, header_date, issuer_after, lede_date, lede_match,
)
from directive_nlp.extract.numbers.lexicon import (
    TIMEOUT, not_doc_tail, short_mention, type_word_map, type_word_starts, type_word_tail, url_re,
)
from directive_nlp import resources as tables
from directive_nlp.extract.numbers.lexicon import untyped_state_type
from directive_nlp.extract.numbers.symbol import (
    CAND, Parsed, classify, doc_ref_key, parse, read_symbol, type_from_code,
)
from directive_nlp.text.analysis import Analysis, as_analysis
from directive_nlp.text.normalize import fold

__all__ = ["DocRef", "find_doc_refs", "ref_of_number"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocRef:
    """One document number/symbol occurrence; ``text == source[start:end]``.

    ``number`` is the text with internal whitespace collapsed; ``key`` the comparison form
    (NFC, upper case, no spaces, dashes unified to "-"). ``seq`` is the running number as
    written, ``year`` the year inside a normative symbol, ``type_code`` the type code as
    written ("TB", "QD"), ``issuer_code`` the groups after it joined by "-" ("TU",
    "VPCP-KGVX"). ``system`` is "party", "state", "normative" or "front". ``type`` is the full
    type name (from the type word written before the number, else from the code; State
    numbers without a type code are "Công văn"); ``type_word`` the word as written (the later
    items of a list "Công điện số 217/CĐ-TTg, 218/CĐ-TTg" share the list's word).
    ``issued_on`` (ISO) is the issue date the text gives for this document (see
    :func:`find_doc_refs`); ``issuer`` the body written after it with "của".
    """

    text: str
    start: int
    end: int
    number: str
    key: str
    seq: str
    year: int | None
    type_code: str | None
    issuer_code: str | None
    system: str | None
    type: str | None
    type_word: str | None
    issued_on: str | None
    issuer: str | None

    def dump(self) -> dict[str, Any]:
        """Plain JSON data, the fields in order (every value is a string, a number or None: what
        ``dataclasses.asdict`` gave, without its recursive copy)."""
        return {name: getattr(self, name) for name in _DOCREF_FIELDS}




_DOCREF_FIELDS = tuple(f.name for f in fields(DocRef))


def _in_link(text: str, start: int, end: int) -> bool:
    """True when the symbol sits inside a URL or file-name token."""
    a = start
    while a > 0 and not text[a - 1].isspace() and start - a < 300:
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace() and b - end < 300:
        b += 1
    return bool(url_re().search(text, a, b, timeout=TIMEOUT))


def _bad_right(text: str, end: int) -> bool:
    if end >= len(text):
        return False
    c = text[end]
    if c in "_@":
        return True
    if c in "/\\" and end + 1 < len(text) and (text[end + 1].isalnum()):
        return True
    return False

# --------------------------------------------------------------------------- main


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    parsed: Parsed
    tcode: str | None
    canon: str | None
    issuer_code: str | None
    system: str
    type_word: str | None
    type_word_start: int
    type_name: str | None
    issued_on: str | None
    issuer: str | None


def _type_word_before(text: str, start: int) -> tuple[str | None, int]:
    """The type word that ends right before the number at ``start`` (with its qualifiers, "số", a
    colon), starting a word within 70 characters: the leftmost one (the tail is tried only where
    a type word may start)."""
    tail = type_word_tail()
    for ws in _word_starts(text, max(0, start - 70), start):
        if ws > 0 and text[ws - 1].isalnum():
            continue  # inside a word
        m = tail.match(text, ws, start, timeout=TIMEOUT)
        if m is not None:
            return " ".join(m.group("word").split()), ws
    return None, start


def _word_starts(text: str, lo: int, hi: int) -> Iterable[int]:
    """Where a type word may start in ``text[lo:hi]`` (every position when lower-casing changes
    the window's length, as "İ" does)."""
    low = text[lo:hi].lower()
    if len(low) != hi - lo:
        return range(lo, hi)
    return [lo + m.start() for m in type_word_starts().finditer(low)]


_LIST_GAP = regex.compile(
    r"[\s*_”\"’]*(?:,?[ \t]*\(?ngày\s+[\d/.\- \t‐‑‒–—−]{3,12}\)?|,?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?"
    r"\s*(?:,|;|và|hoặc)\s*(?:và\s+)?(?:số\s*:?\s*)?[\s*_“\"]*\Z",
    regex.IGNORECASE,
)


def find_doc_refs(doc: Analysis | str, *, year: int | None = None) -> list[DocRef]:
    """Every document number/symbol in ``text``, ordered by start.

    ``issued_on`` is read, in this order, from a date right after the number ("số 105-TB/TU,
    ngày 05/02/2021", "ngày 17 tháng 10 năm 2025"), from the place-date line under a header
    "Số: …", or from a date earlier in the same sentence with an issuing verb ("Ngày 14/8,
    UBND tỉnh ban hành Kế hoạch số …"). A mention without one takes the single date given for
    another mention of the same number, or for a short mention of the same type and number
    ("ngày 10/10, Chính phủ đã ban hành Nghị định 261"). Dates without a year take the
    symbol's own year, else ``year`` (the document's year) when given, else stay None.
    """
    an = as_analysis(doc, "find_doc_refs")
    text = an.text
    if not text:
        return []
    try:
        return _find(an, year)
    except TimeoutError:
        log.warning("find_doc_refs: regex timeout on a %d-character text", len(text))
        return []


_CHUNK = 100_000


def _scan(pattern: regex.Pattern[str], text: str, overlap: int) -> list[regex.Match[str]]:
    """All matches of ``pattern``, scanned in chunks so that the timeout bounds each chunk.

    Collected before any work is done on them (a finditer timeout would also count that
    work). ``overlap`` must exceed the longest possible match.
    """
    out: list[regex.Match[str]] = []
    for a in range(0, len(text), _CHUNK):
        b = a + _CHUNK
        for m in pattern.finditer(text, a, min(len(text), b + overlap), timeout=TIMEOUT):
            if a <= m.start() < b and (not out or m.start() >= out[-1].end()):
                out.append(m)
    return out


def _find(an: Analysis, year: int | None) -> list[DocRef]:
    text = an.text
    drafts = _drafts(text)
    _share_list_words(text, drafts)
    for d in drafts:
        wname = type_word_map().get(fold(d.type_word)) if d.type_word else None
        d.type_name = wname or type_from_code(d.canon, d.parsed, d.system, len(d.parsed.groups))
        ref_year = d.parsed.year if d.parsed.year is not None else year
        date, after = date_after(text, d.end, ref_year)
        if date is None:
            date = header_date(text, d.start, d.end)
        if date is None and d.type_word is not None and d.type_word_start < d.start:
            date = lede_date(text, d.type_word_start, ref_year)
        d.issued_on = date
        d.issuer = issuer_after(an, after)
    _fill_dates(text, drafts, year)
    return [_ref(text, d) for d in drafts]


def _drafts(text: str) -> list[_Draft]:
    """Every symbol of the text that the grammar accepts, with the type word before it."""
    drafts: list[_Draft] = []
    pos = 0
    for m in _scan(CAND, text, 8):
        if m.start() < pos:
            continue
        p = parse(text, m.start(), m.end())
        if p is None:
            continue
        start, end = m.start(), p.end
        if _bad_right(text, end) or _in_link(text, start, end):
            continue
        tword, tw_start = _type_word_before(text, start)
        if tword is None and not_doc_tail().search(text, max(0, start - 30), start, timeout=TIMEOUT):
            continue
        if p.grammar == "old?" or (p.grammar == "old" and p.spaced):
            if tword is None:
                continue
        tcode, canon, issuer_code, system = classify(p)
        drafts.append(
            _Draft(start, end, p, tcode, canon, issuer_code, system, tword, tw_start, None, None, None)
        )
        pos = end
    return drafts


def _share_list_words(text: str, drafts: list[_Draft]) -> None:
    """Type words shared by a list: "các Công điện số 217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg"."""
    for i in range(1, len(drafts)):
        d, prev = drafts[i], drafts[i - 1]
        if d.type_word is None and prev.type_word is not None and d.canon == prev.canon:
            if d.parsed.grammar == prev.parsed.grammar and _LIST_GAP.match(text, prev.end, d.start, timeout=TIMEOUT):
                d.type_word = prev.type_word
                d.type_word_start = prev.type_word_start


def _ref(text: str, d: _Draft) -> DocRef:
    raw = text[d.start : d.end]
    return DocRef(
        text=raw, start=d.start, end=d.end, number=" ".join(raw.split()), key=doc_ref_key(raw),
        seq=d.parsed.seq, year=d.parsed.year, type_code=d.tcode, issuer_code=d.issuer_code,
        system=d.system, type=d.type_name, type_word=d.type_word, issued_on=d.issued_on, issuer=d.issuer,
    )


def _fill_dates(text: str, drafts: list[_Draft], year: int | None) -> None:
    """Give undated mentions the one date known for the same document elsewhere in the text."""
    if not drafts:
        return
    by_key: dict[str, set[str]] = {}
    for d in drafts:
        if d.issued_on:
            by_key.setdefault(doc_ref_key(text[d.start : d.end]), set()).add(d.issued_on)
    # short mentions with a date ("ngày 10/10, Chính phủ đã ban hành Nghị định 261"): (type, number) → dates
    starts = [d.start for d in drafts]
    short: dict[tuple[str, int], list[regex.Match[str]]] = {}
    need_short = any(d.issued_on is None and d.type_name for d in drafts)
    if need_short:
        for m in _scan(short_mention(), text, 200):
            i = bisect.bisect_right(starts, m.start("seq")) - 1
            if i >= 0 and drafts[i].start <= m.start("seq") < drafts[i].end:
                continue
            name = type_word_map().get(fold(m.group("word")))
            if not name:
                continue
            k = (fold(name), int(m.group("seq")))
            dm = DATE_AFTER.match(text, m.end(), min(len(text), m.end() + 80), timeout=TIMEOUT)
            if dm:
                short.setdefault(k, []).append(dm)
                continue
            lede = lede_match(text, m.start("word"))
            if lede is not None:
                short.setdefault(k, []).append(lede)
    for d in drafts:
        if d.issued_on:
            continue
        dates = by_key.get(doc_ref_key(text[d.start : d.end]), set())
        if len(dates) == 1:
            d.issued_on = next(iter(dates))
            continue
        if not d.type_name:
            continue
        try:
            k = (fold(d.type_name), int(d.parsed.seq))
        except ValueError:
            continue
        ref_year = d.parsed.year if d.parsed.year is not None else year
        found = set()
        for dm in short.get(k, []):
            iso = date_from(dm, ref_year)
            if iso and (d.parsed.year is None or iso.startswith(str(d.parsed.year))):
                found.add(iso)
        if len(found) == 1:
            d.issued_on = found.pop()




def ref_of_number(text: str, start: int, end: int, number: str) -> DocRef | None:
    """The DocRef of a number read elsewhere (a header's "Số:" read on the word stream) whose
    evidence is ``text[start:end]``: markup inside it ("3783/QĐ-** |\n| **UBND") stops the
    running-text reader, not the header's."""
    sym = read_symbol(number, 0)
    if sym is None or sym.end != len(number):
        return None
    name = None
    if sym.canonical_type is not None:
        name = tables.doc_type_name(sym.canonical_type, "party" if sym.system == "party" else "state")
    elif sym.system in ("state", "front") and sym.year is None:
        name = untyped_state_type()
    return DocRef(
        text=text[start:end], start=start, end=end, number=number, key=doc_ref_key(number), seq=sym.seq,
        year=sym.year, type_code=sym.type_code, issuer_code=sym.issuer_code, system=sym.system, type=name,
        type_word=None, issued_on=None, issuer=None,
    )
