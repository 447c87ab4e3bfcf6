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

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.model import YEAR_MAX, YEAR_MIN, Period, overlaps, period_days
from directive_nlp.extract.dates.patterns import Patterns, patterns
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["Raw", "read_periods", "settle_periods"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PARAGRAPH = regex.compile(r"\n[^\S\n]*\n")
_CLAUSE_START = regex.compile(r"(?:\A|[\n.,;:!?(\-–•*])[^\S\n]*\Z")


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


def _year_shift(m: regex.Match[str]) -> int | None:
    word = m.groupdict().get("ry")
    return lex().shifts[fold(word)][0] if word else None


def _year_ok(y: int | None) -> bool:
    return y is None or YEAR_MIN <= y <= YEAR_MAX


def _lead(m: regex.Match[str]) -> str | None:
    lead = m.groupdict().get("lead")
    return " ".join(fold(lead).split()) if lead else None


def _position_month(word: str | None) -> int | None:
    return lex().positions.get(fold(word), (None, None))[0] if word else None


def _month_number(m: regex.Match[str]) -> int | None:
    if m.group("p_m"):
        return int(m.group("p_m"))
    name = m.group("p_mn")
    dated = m.group("y") or m.groupdict().get("ry")
    if name[:1].islower() and not dated:
        return None  # "mỗi tháng hai lần": a spelled month is capitalised or has its year
    if not (dated or m.group("lead") or m.group("pos") or _CLAUSE_START.search(m.string, 0, m.start())
            or rx.search(patterns().evidence, m.string, max(0, m.start() - 30), m.start())):
        return None  # "Cách mạng tháng Tám": a month that names an event, not a time
    return lex().month_names.get(fold(name))


def _half(m: regex.Match[str], y: int | None) -> Raw | None:
    if m.group("half"):
        first = lex().positions[fold(m.group("half"))][1] == 1
        n, precision = 6, "half"
    else:
        n, pos = int(m.group("n")), _position_month(m.group("pos"))
        if not 1 <= n <= 12 or pos not in (1, 12):
            return None
        first, precision = pos == 1, ("half" if n == 6 else "month")
    a, b = (1, n) if first else (13 - n, 12)
    return Raw(*m.span(), precision, a, b, y, lead=_lead(m), year_shift=_year_shift(m))


def _raw(kind: str, m: regex.Match[str]) -> Raw | None:  # one branch per kind
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    if not _year_ok(y):
        return None
    s, e = m.span()
    if kind == "half":
        return _half(m, y)
    if kind == "quarter":
        q = int(g["q"]) if g["q"].isdigit() else _ROMAN[g["q"]]
        return Raw(s, e, "quarter", 3 * q - 2, 3 * q, y, lead=_lead(m))
    if kind in ("month", "bare_month"):
        mo = _month_number(m)
        if mo is None or not 1 <= mo <= 12:
            return None
        return Raw(s, e, "month", mo, mo, y, lead=_lead(m), year_shift=_year_shift(m))
    if kind in ("term", "year_span") or (kind == "year" and g.get("y2")):
        y1, y2 = int(g.get("y1") or g["y"]), int(g.get("y2") or 0)
        if not (YEAR_MIN <= y1 < y2 <= YEAR_MAX and y2 - y1 <= 30):
            return None
        return Raw(s, e, "year", None, None, y1, y2, lead=_lead(m))
    if kind == "year":
        pos = _position_month(g.get("pos"))
        if pos:
            return Raw(s, e, "month", pos, pos, y, lead=_lead(m))
        return Raw(s, e, "year", None, None, y, lead=_lead(m))
    if kind == "year_position":
        pos = _position_month(g.get("pos"))
        return Raw(s, e, "month", pos, pos, None, lead=_lead(m), year_shift=_year_shift(m))
    return None


def read_periods(text: str, pats: Patterns, blocked: Sequence[tuple[int, int]]) -> list[Raw]:
    """Every period outside ``blocked`` (days, document numbers), leftmost-longest, in order."""
    cands: list[tuple[int, int, int, Raw]] = []
    for prio, (kind, pat) in enumerate(pats.periods):
        for m in rx.finditer(pat, text):
            s, e = m.span()
            if e <= s or overlaps(s, e, blocked):
                continue
            raw = _raw(kind, m)
            if raw is not None:
                cands.append((s, -(e - s), prio, raw))
    cands.sort(key=lambda t: t[:3])
    out: list[Raw] = []
    for *_, raw in cands:
        if not out or raw.start >= out[-1].end:
            out.append(raw)
    return out


# ----------------------------------------------------------------------------- years


def _context_year(raw: Raw, text: str, dated: Sequence[tuple[int, int]]) -> int | None:
    """The written year of the nearest period or day before ``raw`` in its paragraph."""
    lo = max(0, raw.start - settings().year_context_chars)
    para = [m.end() for m in rx.finditer(_PARAGRAPH, text, lo, raw.start)]
    lo = max([lo, *para])
    best: tuple[int, int] | None = None
    for end, year in dated:
        if lo <= end <= raw.start and (best is None or end > best[0]):
            best = (end, year)
    return best[1] if best else None


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
    out: list[Period] = []
    for raw in raws:
        y, inferred, relative = raw.y, False, False
        if y is None and raw.year_shift is not None:
            base = this_year if this_year is not None else default_year
            y, relative = (None if base is None else base + raw.year_shift), True
        elif y is None and raw.a is not None:
            y = _context_year(raw, text, known)
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
