"""Dates: days, ranges, relative days and periods, in ISO 8601 with their precision.

Public functions (each takes an :class:`~directive_nlp.text.analysis.Analysis` or a ``str``;
offsets are into the normalized text):

* :func:`find_dates` — every day written in the text (precision "day", or "minute"/"second" with a
  time): "28/5/2021", "ngày 04 tháng 8 năm 2021", "9 Tháng 1 2015 lúc 15:08", "Tháng Mười Hai 29,
  2013", "07/01/15", "Chiều 22.4", "Hôm 9-2", "ngày 20 và 21/11/2025" (two items), ranges as one
  item ("từ 9/2 đến 14/2" → "XXXX-02-09/XXXX-02-14"), and — when a ``reference`` is given or
  ``relative=True`` — relative days ("hôm qua", "Thứ Năm", "23 ngày trước", "tuần sau");
* :func:`find_periods` — months, quarters, half-years, years, terms with their first and last day
  (:class:`Period`; what a deadline "trong quý I năm 2026" needs);
* :func:`date_items` — what the output's ``dates`` holds: the days, the relative days and the
  periods, with the year inferred from the text when the document has no date;
* :func:`find_months` — the periods as :class:`DateMention` (kept for older callers).

The year of a year-less day is the reference's (``reference``: the document's date of issue or
publication), else ``default_year``; across a year end the reading that fits the clause is taken
(:mod:`~directive_nlp.extract.dates.years`). With neither, the value starts "XXXX".
How each form is read: :mod:`~directive_nlp.extract.dates.absolute`,
:mod:`~directive_nlp.extract.dates.ranges`, :mod:`~directive_nlp.extract.dates.relative`,
:mod:`~directive_nlp.extract.dates.periods`; the words are concept lexicons
(:mod:`~directive_nlp.extract.dates.lexicons`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any

import regex

from directive_nlp.extract.dates.absolute import Core, expand_lists, match_cores, select, share_years
from directive_nlp.extract.dates.model import (
    DateMention,
    Period,
    SpanIndex,
    iso,
    overlaps,
    parse_reference,
    usable_year,
    valid,
)
from directive_nlp.extract.dates.patterns import Patterns, patterns
from directive_nlp.extract.dates.periods import Raw, read_periods, settle_periods
from directive_nlp.extract.dates.ranges import join_ranges
from directive_nlp.extract.dates.relative import find_relative
from directive_nlp.extract.dates.years import infer_year, looks_ahead
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["DateMention", "Period", "find_dates", "find_periods", "find_months", "date_items", "parse_reference"]

Span = tuple[int, int]


# ----------------------------------------------------------------------------- phases


def _reference(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, (str, dt.date)):
        raise TypeError(f"reference must be an ISO date string or a date, not {type(value).__name__}")
    ref = parse_reference(value)
    if ref is None:
        raise ValueError(f"reference is not an ISO date: {value!r}")
    return ref


def _spans(exclude: Sequence[Sequence[int]]) -> list[Span]:
    return [(int(a), int(b)) for a, b in exclude]


def _read(text: str, pats: Patterns, excl: list[Span]) -> list[Core]:
    """Phases 1–6 (see :mod:`~directive_nlp.extract.dates.absolute`): the written days."""
    accepted = select(match_cores(text, pats, excl), text, pats)
    share_years(accepted, text, pats)
    return join_ranges(expand_lists(accepted, text, pats, excl), text, pats)


def _written_years(cores: Sequence[Core]) -> list[Span]:
    """(end, year) of every day whose year is written (or linked), before any inference."""
    return [(c.tend, c.y) for c in cores if c.y is not None and c.year_shift is None]


def _settle(cores: Sequence[Core], text: str, pats: Patterns, ref: dt.date | None,
            default_year: int | None, announce: bool) -> None:
    """Phase 7: the year of every day written without one."""
    for c in cores:
        if c.year_shift is not None:
            base = ref.year if ref is not None else default_year
            c.y = None if base is None else base + c.year_shift
            continue
        ahead = ref is not None and looks_ahead(text, c.tstart, c.tend, pats, announce)
        if c.is_range and c.y2 is None and c.m2 is not None and c.d2 is not None:
            c.y2 = infer_year(c.m2, c.d2, reference=ref, default_year=default_year, ahead=ahead)
            c.year_inferred = c.y2 is not None
        if c.is_range and c.y is None and c.y2 is not None:
            c.y = c.y2 - 1 if (c.m, c.d) > (c.m2 or 0, c.d2 or 0) else c.y2
        elif c.y is None:
            c.y = infer_year(c.m, c.d, reference=ref, default_year=default_year, ahead=ahead)
            c.year_inferred = c.y is not None


def _clock(h: int | None, mi: int | None, s: int | None) -> str:
    if h is None:
        return ""
    return f"T{h:02d}:{mi or 0:02d}" + (f":{s:02d}" if s is not None else "")


def _mention(c: Core, text: str, ref: dt.date | None) -> DateMention:
    """Phase 8: the item."""
    y1 = c.y if c.y is not None and valid(c.y, c.m, c.d) else None  # "29/2" in a year without one
    value = iso(y1, c.m, c.d) + _clock(c.hour, c.minute, c.second)
    if c.is_range and c.m2 is not None and c.d2 is not None:
        y2 = c.y2 if c.y2 is not None and valid(c.y2, c.m2, c.d2) else None
        value += "/" + iso(y2, c.m2, c.d2) + _clock(c.hour2, c.minute2, None)
    precision = "second" if c.second is not None else ("minute" if c.hour is not None or c.hour2 is not None
                                                        else "day")
    relative = c.year_shift is not None
    inferred = c.year_inferred and not value.startswith("XXXX")
    return DateMention(text[c.tstart : c.tend], c.tstart, c.tend, value, precision, c.is_range, inferred,
                       c.part, relative, ref.isoformat() if relative and ref is not None else None)


_APPOSED_AFTER = regex.compile(r"\A[\s,(\-–:|]*\Z")
_APPOSED_BEFORE = regex.compile(r"\A[^\S\n]*[,(\-–][^\S\n]*\Z")


def _apposed(r: DateMention, starts: Sequence[int], ends: Sequence[int], text: str) -> bool:
    """"Hôm qua, ngày 8/6/2017", "Thứ Năm, ngày 8 tháng 1", "ngày 8/1 (thứ Năm)": the written day
    says it; the relative word is only its evidence (``starts``, ``ends``: the days', sorted)."""
    after = starts[bisect.bisect_left(starts, r.end) : bisect.bisect_right(starts, r.end + 6)]
    if any(_APPOSED_AFTER.match(text[r.end : a]) for a in after):
        return True
    before = ends[bisect.bisect_left(ends, r.start - 4) : bisect.bisect_right(ends, r.start)]
    return any(_APPOSED_BEFORE.match(text[b : r.start]) for b in before)


def _solar(cores: list[Core], text: str) -> list[Core]:
    """Lunar dates are not ISO days: one marked "âm lịch" is dropped, one with a lunar month's name
    ("Sáng mùng 9 tháng Giêng (6/2)") gives way to the solar date written beside it."""
    out: list[Core] = []
    for k, c in enumerate(cores):
        nxt = cores[k + 1] if k + 1 < len(cores) else None
        beside = nxt is not None and 0 <= nxt.tstart - c.tend <= 6 and _APPOSED_AFTER.match(text[c.tend : nxt.tstart])
        if c.lunar == "marked" or (c.lunar == "name" and beside):
            continue
        out.append(c)
    return out


def _written_days(text: str, cores: list[Core], ref: dt.date | None, excl: list[Span]) -> list[DateMention]:
    index = SpanIndex(excl)
    return [m for m in (_mention(c, text, ref) for c in _solar(cores, text)) if not overlaps(m.start, m.end, index)]


def _with_relative(days: list[DateMention], relative: list[DateMention], text: str) -> list[DateMention]:
    starts, ends = sorted(a.start for a in days), sorted(a.end for a in days)
    out = days + [r for r in relative if not _apposed(r, starts, ends, text)]
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _spans_of(items: Sequence[DateMention | Raw]) -> list[Span]:
    return [(it.start, it.end) for it in items]


# ----------------------------------------------------------------------------- public


def find_dates(
    doc: Analysis | str,
    *,
    default_year: int | None = None,
    reference: str | dt.date | None = None,
    exclude: Sequence[Sequence[int]] = (),
    relative: bool = False,
    announce: bool = False,
) -> list[DateMention]:
    """Every day written in the text (see module doc), ordered by start.

    ``reference`` (ISO string or date) resolves relative expressions and gives year-less days their
    year; ``default_year`` gives the year when there is no reference (else "XXXX"). Relative days
    are returned when a reference is given or ``relative`` is true (value None without a
    reference). ``announce``: the text announces rather than reports (a weekday then lies ahead)
    when its clause has no tense marker. Nothing is returned that overlaps a span of ``exclude``.
    """
    text = as_analysis(doc, "find_dates").text
    ref = _reference(reference)
    if not text:
        return []
    year = usable_year(default_year) if default_year is not None else (ref.year if ref else None)
    pats, excl = patterns(), _spans(exclude)
    cores = _read(text, pats, excl)
    _settle(cores, text, pats, ref, year, announce)
    days = _written_days(text, cores, ref, excl)
    if not (relative or ref is not None):
        return days
    rel, _ = find_relative(text, pats, reference=ref, default_year=year, announce=announce,
                           exclude=excl + _spans_of(days))
    return _with_relative(days, rel, text)


def find_periods(
    doc: Analysis | str,
    *,
    default_year: int | None = None,
    reference: str | dt.date | None = None,
    exclude: Sequence[Sequence[int]] = (),
    relative: bool = True,
) -> list[Period]:
    """Months, quarters, half-years, years and terms (see :mod:`~directive_nlp.extract.dates.periods`),
    ordered by start; never inside a day ("ngày 04 tháng 8 năm 2021" is a day, not August).

    "trước tháng 12/2025" → value "2025-12", last_day "2025-12-31", lead "trước"; "trong quý I năm
    2026" → "2026-01/2026-03", last_day "2026-03-31"; "6 tháng đầu năm 2026" → "2026-01/2026-06";
    "trong năm 2026" → "2026". With ``relative`` (the default) also "tháng trước", "năm nay",
    "năm ngoái", "quý tới" — against ``reference`` (a year-level one against ``default_year`` too;
    value None when neither tells it).
    """
    text = as_analysis(doc, "find_periods").text
    ref = _reference(reference)
    if not text:
        return []
    year = usable_year(default_year) if default_year is not None else (ref.year if ref else None)
    pats, excl = patterns(), _spans(exclude)
    cores = _read(text, pats, excl)
    dated = _written_years(cores)
    raws = read_periods(text, pats, excl + [(c.tstart, c.tend) for c in cores])
    found = settle_periods(raws, text, dated=dated, this_year=ref.year if ref else None,
                           anchor=ref.isoformat() if ref else None, default_year=year)
    if relative:
        taken = excl + [(c.tstart, c.tend) for c in cores] + _spans_of(raws)
        found += find_relative(text, pats, reference=ref, default_year=year, announce=False, exclude=taken)[1]
    return sorted(found, key=lambda p: (p.start, p.end))


def find_months(
    doc: Analysis | str,
    *,
    default_year: int | None = None,
    exclude: Sequence[Sequence[int]] = (),
) -> list[DateMention]:
    """The written periods of :func:`find_periods` as :class:`DateMention` (no relative ones)."""
    found = find_periods(doc, default_year=default_year, exclude=exclude, relative=False)
    return [p.mention() for p in found]


def _latest_year(cores: Sequence[Core], main: Sequence[Span] | None) -> int | None:
    """The year of the latest day written with its year: in the main text if any, else anywhere."""
    full = [c for c in cores if c.y is not None and c.year_shift is None and not c.linked_year]
    inside = [c for c in full if main and any(a <= c.tstart and c.tend <= b for a, b in main)]
    pick = inside or full
    return max((c.y, c.m, c.d) for c in pick)[0] if pick else None


def date_items(
    doc: Analysis | str,
    *,
    reference: str | dt.date | None = None,
    default_year: int | None = None,
    exclude: Sequence[Sequence[int]] = (),
    main: Sequence[Sequence[int]] | None = None,
    announce: bool = False,
) -> list[DateMention]:
    """What the output's ``dates`` holds, ordered by start: days (ranges as one item), relative
    days, and periods that are not part of a day; only inside ``main`` spans when given.

    The year of a year-less day: the reference's, else ``default_year``, else the year of the
    latest full date written in the (main) text (``year_inferred``).
    """
    analysis = as_analysis(doc, "date_items")
    text = analysis.text
    ref = _reference(reference)
    if not text:
        return []
    pats, excl = patterns(), _spans(exclude)
    spans = _spans(main) if main is not None else None
    cores = _read(text, pats, excl)
    dated = _written_years(cores)
    year = usable_year(default_year) if default_year is not None else (ref.year if ref else None)
    if year is None:
        year = _latest_year(cores, spans)
    _settle(cores, text, pats, ref, year, announce)
    days = _written_days(text, cores, ref, excl)
    raws = read_periods(text, pats, excl + _spans_of(days))
    rel_days, rel_periods = find_relative(text, pats, reference=ref, default_year=year, announce=announce,
                                          exclude=excl + _spans_of(days) + _spans_of(raws))
    periods = settle_periods(raws, text, dated=dated, this_year=ref.year if ref else None,
                             anchor=ref.isoformat() if ref else None, default_year=year) + rel_periods
    items = sorted([*_with_relative(days, rel_days, text), *(p.mention() for p in periods)],
                   key=lambda m: (m.start, m.end))
    if spans is not None:
        items = [m for m in items if any(a <= m.start and m.end <= b for a, b in spans)]
    return items
