"""Periods: months, quarters, half-years, years and terms.

"tháng 8/2021" → 2021-08, "tháng Mười Hai năm 2013" → 2013-12, "quý I/2026" → 2026-01/2026-03,
"6 tháng đầu năm 2025" and "nửa đầu năm 2025" → 2025-01/2025-06 (precision "half"),
"9 tháng đầu năm 2025" → 2025-01/2025-09 (months), "năm 2025" → 2025, "cuối năm 2025" → 2025-12,
"nhiệm kỳ 2021-2026" and "giai đoạn 2021 - 2025" → 2021/2026 (years, a range).

A month, quarter or half-year written without a year takes the year of the nearest period or day
before it in the same paragraph that has one written ("tháng 8 năm 1940 … tháng 9" → 1940-09),
else the document's year (``year_inferred``), else "XXXX". A spelled-out month is a month only
when it is capitalised ("tháng Giêng", "tháng Mười Hai") or a year follows it: "mỗi tháng hai lần"
is not February.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.model import YEAR_MAX, YEAR_MIN, Period, SpanIndex, overlaps, period_days
from directive_nlp.extract.dates.patterns import PERIOD_KINDS, Patterns, ending_at, kind_of, patterns, scan
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["Raw", "read_periods", "settle_periods"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PARAGRAPH = regex.compile(r"\n[^\S\n]*\n")
_CLAUSE_START = regex.compile(r"(?:\A|[\n.,;:!?(\-–•*])[^\S\n]*\Z", regex.REVERSE)


@dataclass
class Raw:
    """A period as matched, before its year is settled."""

    start: int
    end: int
    precision: str
    a: int | None  # first month (None: whole years)
    b: int | None  # last month
    y: int | None  # the year written (first year of a span)
    y2: int | None = None  # last year of a span
    lead: str | None = None
    year_shift: int | None = None  # "… năm nay" (0), "năm ngoái" (-1): told by the reference


@dataclass(frozen=True)
class _Seen:
    """One match of the periods pattern with what stands before it."""

    kind: str
    m: regex.Match[str]
    lead: str | None  # the preposition kept in the text, folded
    pos: str | None  # "đầu", "giữa", "cuối" before the head word
    start: int  # where the text starts (the lead-in included)
    paren: bool  # right after "("

    def group(self, name: str) -> str | None:
        return self.m.group(name)


def _shift(word: str | None) -> int | None:
    return lex().shifts[fold(word)][0] if word else None


def _year(word: str | None) -> int | None:
    y = int(word) if word else None
    return y if y is None or YEAR_MIN <= y <= YEAR_MAX else -1


def _position_month(word: str | None) -> int | None:
    return lex().positions.get(fold(word), (None, None))[0] if word else None


def _month_number(f: _Seen) -> int | None:
    if f.group("p_m"):
        return int(f.group("p_m") or 0)
    name = f.group("p_mn") or ""
    dated = f.group("my") or f.group("mry")
    if name[:1].islower() and not dated:
        return None  # "mỗi tháng hai lần": a spelled month is capitalised or has its year
    text, start = f.m.string, f.m.start()
    if not (dated or f.lead or f.pos or ending_at(_CLAUSE_START, text, 0, start)
            or ending_at(patterns().evidence, text, max(0, start - 30), start)):
        return None  # "Cách mạng tháng Tám": a month that names an event, not a time
    return lex().month_names.get(fold(name))


def _half(f: _Seen, end: int) -> Raw | None:
    y = _year(f.group("hy"))
    if y == -1:
        return None
    if f.group("hw"):
        first = lex().positions[fold(f.group("hw") or "")][1] == 1
        n, precision = 6, "half"
    else:
        n, pos = int(f.group("n") or 0), _position_month(f.group("hpos"))
        if not 1 <= n <= 12 or pos not in (1, 12):
            return None
        first, precision = pos == 1, ("half" if n == 6 else "month")
    a, b = (1, n) if first else (13 - n, 12)
    return Raw(f.start, end, precision, a, b, y, lead=f.lead, year_shift=_shift(f.group("hry")))


def _span(f: _Seen, end: int, y1: str | None, y2: str | None) -> Raw | None:
    a, b = int(y1 or 0), int(y2 or 0)
    if not (YEAR_MIN <= a < b <= YEAR_MAX and b - a <= 30):
        return None
    return Raw(f.start, end, "year", None, None, a, b, lead=f.lead)


def _raw(f: _Seen) -> Raw | None:  # one branch per kind
    end, kind = f.m.end(), f.kind
    if kind == "half":
        return _half(f, end)
    if kind == "quarter":
        q, y = f.group("q") or "1", _year(f.group("qy"))
        qi = int(q) if q.isdigit() else _ROMAN[q]
        return None if y == -1 else Raw(f.start, end, "quarter", 3 * qi - 2, 3 * qi, y, lead=f.lead)
    if kind in ("month", "bare_month"):
        if kind == "bare_month" and not (f.lead or f.paren):
            return None  # "11/2025" is a month after "trong/đến…" or in parentheses, else a fraction
        mo = _month_number(f) if kind == "month" else int(f.group("bm") or 0)
        y = _year(f.group("my") if kind == "month" else f.group("by"))
        if mo is None or not 1 <= mo <= 12 or y == -1:
            return None
        return Raw(f.start, end, "month", mo, mo, y, lead=f.lead, year_shift=_shift(f.group("mry")))
    if kind == "term":
        return _span(f, end, f.group("ty1"), f.group("ty2"))
    if kind == "year_span":
        return _span(f, end, f.group("s1"), f.group("s2"))
    if kind == "year":
        if f.group("yy2"):
            return _span(f, end, f.group("yy"), f.group("yy2"))
        y, pos = _year(f.group("yy")), _position_month(f.pos)
        if y == -1:
            return None
        return Raw(f.start, end, "month", pos, pos, y, lead=f.lead) if pos else \
            Raw(f.start, end, "year", None, None, y, lead=f.lead)
    pos = _position_month(f.group("ppos"))  # year_position: "cuối năm", "đầu năm nay"
    return Raw(f.start, end, "month", pos, pos, None, lead=f.lead, year_shift=_shift(f.group("pry")))


#: kinds whose head word may follow a position word ("cuối năm 2025", "đầu tháng 5/2021")
_POSITIONED = ("quarter", "month", "year")


def _seen(kind: str, m: regex.Match[str], text: str, pats: Patterns) -> _Seen:
    lm = ending_at(pats.period_left, text, max(0, m.start() - 30), m.start())
    lead = pos = None
    start = m.start()
    paren = False
    if lm is not None:
        paren = lm.group("paren") is not None
        if lm.group("pos") and kind in _POSITIONED:
            pos, start = lm.group("pos"), lm.start("pos")
        if lm.group("lead") and (pos or not lm.group("pos")) and kind != "term":
            lead, start = " ".join(fold(lm.group("lead")).split()), lm.start("lead")
    return _Seen(kind, m, lead, pos, start, paren)


def read_periods(text: str, pats: Patterns, blocked: Sequence[tuple[int, int]]) -> list[Raw]:
    """Every period outside ``blocked`` (days, document numbers), in order."""
    index = SpanIndex(blocked)
    out: list[Raw] = []
    for m in scan(pats.periods, pats.periods_at, text):
        if overlaps(m.start(), m.end(), index):
            continue  # blocked whatever its lead-in ("tháng 5 năm 2021" of a day)
        kind = kind_of(m, PERIOD_KINDS)
        f = _seen(kind, m, text, pats)
        if out and f.start < out[-1].end:
            f = _Seen(kind, m, None, None, m.start(), False)  # a lead-in cannot reach into the one before
        if m.end() <= f.start or overlaps(f.start, m.end(), index):
            continue
        raw = _raw(f)
        if raw is not None:
            out.append(raw)
    return out


# ----------------------------------------------------------------------------- years


def _context_year(raw: Raw, text: str, dated: Sequence[tuple[int, int]], ends: Sequence[int]) -> int | None:
    """The written year of the nearest period or day before ``raw`` in its paragraph (``dated``:
    (end, year) sorted, ``ends`` their ends; of two ending together, the earlier year)."""
    lo = max(0, raw.start - settings().year_context_chars)
    para = [m.end() for m in rx.finditer(_PARAGRAPH, text, lo, raw.start)]
    lo = max([lo, *para])
    k = bisect.bisect_right(ends, raw.start) - 1
    if k < 0 or ends[k] < lo:
        return None
    return dated[bisect.bisect_left(ends, ends[k])][1]


def _value(raw: Raw, y: int | None) -> str:
    ys = "XXXX" if y is None else f"{y:04d}"
    if raw.a is None:
        return ys if raw.y2 is None else f"{ys}/{raw.y2:04d}"
    if raw.a == raw.b:
        return f"{ys}-{raw.a:02d}"
    return f"{ys}-{raw.a:02d}/{ys}-{raw.b:02d}"


def settle_periods(raws: list[Raw], text: str, *, dated: Sequence[tuple[int, int]],
                   this_year: int | None, anchor: str | None, default_year: int | None) -> list[Period]:
    """Give each period its year (see module doc) and its first and last day.

    ``dated``: (end, written year) of the days found; ``this_year``: the reference's year (for
    "… năm nay", "tháng 12 năm ngoái"); ``anchor``: the reference as ISO.
    """
    known = sorted([*dated, *((r.end, r.y) for r in raws if r.y is not None)])
    ends = [end for end, _ in known]
    out: list[Period] = []
    for raw in raws:
        y, inferred, relative = raw.y, False, False
        if y is None and raw.year_shift is not None:
            base = this_year if this_year is not None else default_year
            y, relative = (None if base is None else base + raw.year_shift), True
        elif y is None and raw.a is not None:
            y = _context_year(raw, text, known, ends)
            if y is None:
                y = this_year if this_year is not None else default_year
            inferred = y is not None
        value = _value(raw, y)
        first, last = period_days(value)
        is_range = raw.y2 is not None or (raw.a is not None and raw.a != raw.b)
        told_by = (anchor or (f"{y - (raw.year_shift or 0):04d}" if y is not None else None)) if relative else None
        out.append(Period(text[raw.start : raw.end], raw.start, raw.end, value, raw.precision, first, last,
                          is_range, inferred, relative, told_by, raw.lead))
    return out
