"""What the date extractors return, and the calendar arithmetic they share.

:class:`DateMention` is one item of the output's ``dates``: a day (or a day range, or a day with a
time), and, in the output, a period too. :class:`Period` is a month, quarter, half-year, year or
term with its first and last day — what a deadline such as "trong quý I năm 2026" needs.
"""

from __future__ import annotations

import bisect
import itertools

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DateMention",
    "SpanIndex",
    "Period",
    "YEAR_MIN",
    "YEAR_MAX",
    "PERIOD_PRECISIONS",
    "valid",
    "usable_year",
    "iso",
    "month_end",
    "period_days",
    "parse_reference",
    "overlaps",
]

YEAR_MIN, YEAR_MAX = 1900, 2100

#: precisions of a period (a day item has "day", "minute" or "second"; a week is a moved day)
PERIOD_PRECISIONS = ("month", "quarter", "half", "year")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date mention; ``text == source[start:end]``.

    ``value`` is ISO 8601 ("2021-08-04", "2021-05-28T06:00", "2021-08-02/2021-08-03", "XXXX-05-28",
    and for periods "2025-11", "2026-01/2026-03", "2025", "2021/2026"). ``precision`` is "day",
    "minute", "second" (a time written with the day), "week" (a day moved by whole weeks from the
    reference: "tuần trước"), or a period's "month", "quarter", "half", "year".
    ``year_inferred`` is true when the year was not written and was taken from the document.
    ``relative`` marks an expression resolved against the reference date ("hôm qua", "Thứ Năm",
    "23 ngày trước", "tháng trước"); ``anchor`` is that reference (ISO), and ``value`` is None
    when there was none. "24 giờ ngày 30/6" keeps ISO's end-of-day "T24:00".
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    is_range: bool = False
    year_inferred: bool = False
    part_of_day: str | None = None
    relative: bool = False
    anchor: str | None = None

    def dump(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
            "is_range": self.is_range,
            "year_inferred": self.year_inferred,
            "part_of_day": self.part_of_day,
            "relative": self.relative,
            "anchor": self.anchor,
        }


@dataclass(frozen=True, slots=True)
class Period:
    """A month, quarter, half-year, year or term; ``text == source[start:end]``.

    ``value`` as in :class:`DateMention` ("2021-08", "2026-01/2026-03", "2025-01/2025-06", "2025",
    "2021/2026"; "XXXX-08" when the year cannot be known; None for a relative period without a
    reference). ``first_day``/``last_day`` are ISO days (None when the year is unknown): the last
    day is what a deadline "trước tháng 12/2025", "trong năm 2026" means. ``lead`` is the
    preposition kept in the text ("trong", "trước", "đến hết", "từ"…), lower case, or None.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str  # "month" | "quarter" | "half" | "year"
    first_day: str | None
    last_day: str | None
    is_range: bool = False
    year_inferred: bool = False
    relative: bool = False
    anchor: str | None = None
    lead: str | None = None

    def mention(self) -> DateMention:
        """The period as an item of the output's ``dates``."""
        return DateMention(self.text, self.start, self.end, self.value, self.precision, self.is_range,
                           self.year_inferred, None, self.relative, self.anchor)

    def dump(self) -> dict[str, Any]:
        """Plain JSON data (the output item's keys, plus first_day, last_day and lead)."""
        return {**self.mention().dump(), "first_day": self.first_day, "last_day": self.last_day,
                "lead": self.lead}


# ----------------------------------------------------------------------------- calendar


def valid(y: int | None, m: int, d: int) -> bool:
    """A real calendar day; with no year, 29/2 is allowed."""
    if not 1 <= m <= 12 or d < 1:
        return False
    if y is None:
        return d <= calendar.monthrange(2000, m)[1]
    if not YEAR_MIN <= y <= YEAR_MAX:
        return False
    return d <= calendar.monthrange(y, m)[1]


def usable_year(y: int | None) -> int | None:
    """A year outside the plausible range is treated as unknown."""
    return y if y is not None and YEAR_MIN <= y <= YEAR_MAX else None


def iso(y: int | None, m: int, d: int) -> str:
    return f"{'XXXX' if y is None else f'{y:04d}'}-{m:02d}-{d:02d}"


def month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def period_days(value: str | None) -> tuple[str | None, str | None]:
    """(first day, last day) of a period value ("2025", "2025-11", "2026-01/2026-03", "2021/2026")."""
    if not value:
        return None, None
    sides = value.split("/")
    first, last = sides[0], sides[-1]
    if first.startswith("X") or last.startswith("X"):
        return None, None
    fy, fm = int(first[:4]), int(first[5:7]) if len(first) >= 7 else 1
    ly, lm = int(last[:4]), int(last[5:7]) if len(last) >= 7 else 12
    return iso(fy, fm, 1), iso(ly, lm, month_end(ly, lm))


def parse_reference(value: Any) -> dt.date | None:
    """The reference date from a date, a datetime or an ISO string ("2021-05-28T16:19"); else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
        return day if YEAR_MIN <= day.year <= YEAR_MAX else None
    return None


def overlaps(s: int, e: int, spans: Any) -> bool:
    """Whether ``[s, e)`` overlaps one of ``spans`` (a sequence of (start, end), or a SpanIndex)."""
    if isinstance(spans, SpanIndex):
        return spans.overlaps(s, e)
    return any(s < b and a < e for a, b in spans)


class SpanIndex:
    """Fixed spans for many :func:`overlaps` questions, each in log time (a scan per question
    made a text of thousands of dates and periods quadratic)."""

    def __init__(self, spans: Any) -> None:
        ordered = sorted(spans)  # (start, end) pairs of int
        self.starts = [a for a, _ in ordered]
        # the furthest end among the spans up to each one
        self.reach: list[int] = list(itertools.accumulate((b for _, b in ordered), max, initial=-1))[1:]

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e)  # the spans starting before e
        return k > 0 and self.reach[k - 1] > s
