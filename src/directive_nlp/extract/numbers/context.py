"""What the text says around a number: the issue date right after it, on the place-date line
under a header's "Số", or earlier in the sentence ("Ngày 14/8, UBND tỉnh ban hành Kế hoạch số
…"); and the issuing body written after "của" (read on the document's words)."""

from __future__ import annotations

import datetime as _dt
from functools import cache

import regex

from directive_nlp import resources as tables
from directive_nlp.extract.numbers.lexicon import TIMEOUT, phrases, type_word_head, words_alt
from directive_nlp.text.analysis import Analysis, Word
from directive_nlp.text.normalize import fold

__all__ = ["DATE_AFTER", "date_after", "date_from", "header_date", "lede_date", "lede_match", "issuer_after"]

# --------------------------------------------------------------------------- dates

_DATE_BODY = (
    r"(?:(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
    r"|(?P<d>\d{1,2})[ \t]*(?P<s>[/.‐‑‒–—−-])[ \t]*(?P<m>\d{1,2})(?:[ \t]*(?P=s)[ \t]*(?P<y>\d{4}))?(?![\d/.]\d|\d))"
)
DATE_AFTER = regex.compile(
    r"[*_”\"’)\]]*[ \t]*(?:[,(][ \t]*)?\s?(?:(?:được\s+)?(?:ký\s+)?(?:ban\s+hành\s+)?)"
    r"(?<![\p{L}])ngày\s+" + _DATE_BODY,
    regex.IGNORECASE,
)
_HEADER_SO = regex.compile(r"[\s|*_#>]*Số[ \t]*:?[ \t]*\Z", regex.IGNORECASE)
_PLACE_DATE = regex.compile(r",\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_OTHER_HEADER = regex.compile(r"(?m)^[\s|*_#>]*Số\b")
_SENT_END = regex.compile(r"[.!?;|]\s|\n[ \t]*\n|\|")


def _iso(d: str | None, m: str | None, y: str | int | None) -> str | None:
    if d is None or m is None or y is None:
        return None
    try:
        yi = int(y)
        if not 1945 <= yi <= 2100:
            return None
        return _dt.date(yi, int(m), int(d)).isoformat()
    except ValueError:
        return None


def date_from(m: regex.Match[str], year: int | None) -> str | None:
    if m.group("d2"):
        return _iso(m.group("d2"), m.group("m2"), m.group("y2"))
    y = m.group("y")
    if not y and m.group("s") != "/":
        return None  # "5-6", "5.6" without a year are ranges or decimals, not dates
    return _iso(m.group("d"), m.group("m"), y if y else year)


@cache
def _date_any() -> regex.Pattern[str]:
    """A date phrase with its lead-in: "ngày 14/8", "Chiều 28/5", "Sáng ngày 05/8/2021"."""
    leadins = words_alt(list(phrases("date_leadins")) + list(tables.lexicon("parts_of_day").where(role="part")))
    return regex.compile(
        r"(?<![\p{L}])(?:ngày|(?:" + leadins + r")(?:\s+ngày)?)\s+" + _DATE_BODY, regex.IGNORECASE
    )


@cache
def _lede_gap() -> regex.Pattern[str]:
    verbs = words_alt(phrases("issue_verbs"))
    return regex.compile(
        r"[ \t]*,?\s*(?:[^\n,.;:!?()\[\]|\d]|\n(?![ \t]*\n)){0,100}?(?<![\p{L}])(?:" + verbs + r")\s*\Z",
        regex.IGNORECASE,
    )


@cache
def _verb_before() -> regex.Pattern[str]:
    """An issuing verb (and spaces) right before a position: how :func:`_lede_gap` ends, read
    backwards."""
    verbs = words_alt(phrases("issue_verbs"))
    return regex.compile(r"(?<![\p{L}])(?:" + verbs + r")\s*\Z", regex.IGNORECASE | regex.REVERSE)


def date_after(text: str, end: int, year: int | None) -> tuple[str | None, int]:
    m = DATE_AFTER.match(text, end, min(len(text), end + 80), timeout=TIMEOUT)
    if not m:
        return None, end
    return date_from(m, year), m.end()


def lede_date(text: str, head: int, year: int | None) -> str | None:
    """A date earlier in the sentence: "Ngày 14/8, UBND tỉnh ban hành Kế hoạch số …"."""
    m = lede_match(text, head)
    return date_from(m, year) if m is not None else None


def header_date(text: str, start: int, end: int) -> str | None:
    """The place-date line under a header "Số: …" number."""
    ls = text.rfind("\n", max(0, start - 41), start) + 1  # a line start further back is too far anyway
    if start - ls > 40 or not _HEADER_SO.match(text, ls, start, timeout=TIMEOUT):
        return None
    m = _PLACE_DATE.search(text, end, min(len(text), end + 300), timeout=TIMEOUT)
    if not m:
        return None
    if _OTHER_HEADER.search(text, end, m.start(), timeout=TIMEOUT):
        return None
    return _iso(m.group("d"), m.group("m"), m.group("y"))


# --------------------------------------------------------------------------- issuer


@cache
def _body_syllables() -> frozenset[str]:
    """Lower-case syllables a body's name may go on with: the lexicon ``body_name_syllables`` and
    those of the names in issuers.tsv (notes in brackets aside); never a function word (the lexicon
    ``title_connectors``: "trong", "của", "về" end a name)."""
    out = {fold(w) for w in phrases("body_name_syllables")}
    for value in tables.load_table("issuers").column("meaning_vi"):
        value = regex.sub(r"\s*\(.*?\)\s*", " ", value)
        out.update(fold(w) for w in regex.findall(r"[\p{L}\p{M}]+", value) if w.islower())
    function_words = {fold(w) for p in phrases("title_connectors") for w in p.split()}
    return frozenset(out - function_words)


@cache
def _issuer_lex() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    stop = regex.compile(r"(?:" + words_alt(phrases("issuer_stops")) + r")(?![\p{L}])", regex.IGNORECASE)
    heads = regex.compile(r"(?:" + words_alt(phrases("org_heads")) + r")(?![\p{L}])", regex.IGNORECASE)
    names: list[str] = []
    for v in tables.load_table("issuers").column("meaning_vi"):
        base = regex.sub(r"\s*\(.*?\)\s*", " ", v).strip()
        for part in base.split(" / "):
            if "," in part or " và " in part:
                names.append(part.strip())
    known = regex.compile(r"(?:" + words_alt(names) + r")(?![\p{L}])", regex.IGNORECASE)
    return stop, heads, known


_OF = regex.compile(r"[*_”\"’)\]]*[ \t]*,?\s?của\s+", regex.IGNORECASE)


def issuer_after(an: Analysis, pos: int) -> str | None:
    """The issuing body written after "của" at ``pos`` ("… của Ủy ban nhân dân tỉnh Điện Biên"),
    read on the document's words: capitalised words, and lower-case words made of the syllables
    of body names; "và" only between two names; at most twelve syllables."""
    text = an.text
    m = _OF.match(text, pos, min(len(text), pos + 30), timeout=TIMEOUT)
    if not m:
        return None
    stop, heads, known = _issuer_lex()
    p = m.end()
    limit = min(len(text), p + 200)
    last_end = p
    count = 0
    km = known.match(text, p, limit, timeout=TIMEOUT)
    if km:
        last_end = km.end()
        count = len(km.group(0).split())
    words = an.words
    k = an.word_index(last_end)
    while k < len(words) and words[k].start < last_end:
        k += 1
    prev_end = last_end
    while k < len(words) and words[k].start < limit and count < 12:
        w = words[k]
        if text[prev_end : w.start].count("\n") > 1 or not w.text[0].isalnum():
            break
        if stop.match(text, w.start, limit, timeout=TIMEOUT):
            break
        if fold(w.text) == "và":
            nxt = words[k + 1] if k + 1 < len(words) else None
            if count == 0 or nxt is None or not nxt.text[0].isupper() or heads.match(text, nxt.start, limit) \
                    or type_word_head().match(text, nxt.start, limit):
                break
            prev_end = w.end
            k += 1
            continue
        if not _goes_on(text, w, count, limit):
            break
        count += len(w.text.split())
        last_end = prev_end = w.end
        k += 1
    if count == 0:
        return None
    return " ".join(text[p:last_end].split())


def _goes_on(text: str, w: Word, count: int, limit: int) -> bool:
    """A word that may go on a body's name (see :func:`issuer_after`): each of its syllables
    capitalised or a syllable of body names (the segmentation may join "ủy Lai Châu")."""
    syllables = w.text.split()
    if not all(x[0].isupper() or fold(x) in _body_syllables() for x in syllables):
        return False
    if w.text[0].isupper():
        return not (count > 0 and type_word_head().match(text, w.start, limit, timeout=TIMEOUT))
    return count > 0


def lede_match(text: str, head: int) -> regex.Match[str] | None:
    """The date phrase earlier in the sentence of ``head`` followed by an issuing verb."""
    if not _verb_before().match(text, max(0, head - 220), head, timeout=TIMEOUT):
        return None  # the gap after the date ends with an issuing verb: without one, no date is read
    lo = max(0, head - 220)
    window_start = lo
    for m in _SENT_END.finditer(text, lo, head, timeout=TIMEOUT):
        window_start = m.end()
    last = None
    for m in _date_any().finditer(text, window_start, head, timeout=TIMEOUT):
        last = m
    if last is None or not _lede_gap().match(text, last.end(), head, timeout=TIMEOUT):
        return None
    return last
