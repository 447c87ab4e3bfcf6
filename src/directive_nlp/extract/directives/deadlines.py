"""Deadlines: the day or period by which a task must be done, and repeated tasks.

A deadline is a day ("trước ngày 15/6/2021", "chậm nhất ngày 22/11/2025") or a period ("trước
tháng 12/2025", "trong quý I năm 2026", "6 tháng đầu năm 2026", "trong năm 2026") written after a
deadline cue ("trước", "chậm nhất", "hoàn thành", "trong"…); its value is the period's last day,
with the precision of what was written (:func:`period_end`, the one reader of a period's end).
"thường xuyên", "hằng tháng" make a task a repeated one (:func:`find_recurrence`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import regex

from directive_nlp.extract.dates import find_dates, find_months
from directive_nlp.extract.directives.lexicon import load_lex
from directive_nlp.text import rx
from directive_nlp.text.analysis import atoms
from directive_nlp.text.normalize import fold

_MONTH = regex.compile(r"(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?")


@dataclass(frozen=True, slots=True)
class Deadline:
    date: str  # ISO day: the day written, or the last day of the period written
    precision: str  # "day" | "month" | "quarter" | "half" | "year"
    text: str  # as written


def period_end(value: str) -> tuple[str, str] | None:
    """(last ISO day, precision) of a date value: "2021-06-15" → day, "2025-12" → month,
    "2026-01/2026-03" → quarter, "2026-01/2026-06" → half, "2026" or "2026-01/2026-12" → year;
    a day without a year stays so ("XXXX-02-20"), a month without one is None."""
    first, _, last = value.partition("/")
    m0, m1 = _MONTH.fullmatch(first), _MONTH.fullmatch(last or first)
    if m0 is None or m1 is None:
        return None
    y, mo, d = m1.group(1), m1.group(2), m1.group(3)
    if d:
        return f"{y}-{mo}-{d}", "day"
    if y == "XXXX" or m0.group(1) == "XXXX":
        return None
    end_month = int(mo) if mo else 12
    end = f"{y}-{end_month:02d}-{calendar.monthrange(int(y), end_month)[1]:02d}"
    if not mo:
        return end, "year"
    if not last:
        return end, "month"
    start_month = int(m0.group(2) or 1)
    months = (int(y) - int(m0.group(1))) * 12 + end_month - start_month + 1
    precision = {3: "quarter", 6: "half", 12: "year"}.get(months, "month")
    return end, precision


def find_deadline(text: str, a: int, b: int, doc_year: int | None, *, any_date: bool = False) -> Deadline | None:
    """The first day or period in text[a:b] written after a deadline cue (any, with
    ``any_date``: a task table's "Thời gian thực hiện:" column)."""
    lex = load_lex()
    seg = text[a:b]
    if not seg.strip():
        return None
    cands = [(m.start, m.end, m.text, m.value) for m in find_dates(seg, default_year=doc_year)]
    cands += [(m.start, m.end, m.text, m.value) for m in find_months(seg, default_year=doc_year)]
    cands.sort()
    for s, _e, phrase, value in cands:
        ctx = fold(seg[max(0, s - 25) : s]) + " " + fold(phrase)[:14]
        if any_date or rx.search(lex.deadline_cue, ctx) or rx.search(lex.deadline_start, fold(phrase)):
            got = period_end(value)
            if got:
                return Deadline(got[0], got[1], phrase)
    return None


def find_recurrence(text: str, a: int, b: int) -> str | None:
    """The first repetition word of text[a:b] ("hằng tháng", "thường xuyên"), as listed."""
    matcher = load_lex().recurrence
    seq = atoms(text[a:b])
    for i in range(len(seq)):
        n = matcher.match_atoms(seq, i)
        if n:
            return matcher.phrase_of(tuple(seq[i : i + n]))
    return None
