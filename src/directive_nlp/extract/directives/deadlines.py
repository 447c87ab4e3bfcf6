"""Deadlines: the day or period by which a task must be done, and repeated tasks.

A deadline is a day ("trước ngày 15/6/2021", "chậm nhất ngày 22/11/2025") or a period ("trước
tháng 12/2025", "trong quý I năm 2026", "6 tháng đầu năm 2026", "trong năm 2026") written after a
deadline cue ("trước", "chậm nhất", "hoàn thành", "trong"…); its value is the period's last day,
with the precision of what was written (the dates reader's periods: one grammar of periods).
"thường xuyên", "hằng tháng" make a task a repeated one (:func:`find_recurrence`).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from directive_nlp.extract.dates import find_dates, find_periods
from directive_nlp.extract.directives.lexicon import load_lex
from directive_nlp.text import rx
from directive_nlp.text.analysis import analyze, atoms
from directive_nlp.text.normalize import fold

_DAY = regex.compile(r"(?:\d{4}|XXXX)-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Deadline:
    date: str  # ISO day: the day written, or the last day of the period written
    precision: str  # "day" | "month" | "quarter" | "half" | "year"
    text: str  # as written


def _day_end(value: str | None) -> str | None:
    """The (last) day of a day value: "2021-06-15", "XXXX-02-20", "2021-08-02/2021-08-03"."""
    last = (value or "").rpartition("/")[2]
    return last[:10] if _DAY.fullmatch(last[:10]) else None


def find_deadline(text: str, a: int, b: int, doc_year: int | None, *, any_date: bool = False) -> Deadline | None:
    """The first day or period in text[a:b] written after a deadline cue (any, with
    ``any_date``: a task table's "Thời gian thực hiện:" column). Days are read by
    :func:`~directive_nlp.extract.dates.find_dates`, periods by
    :func:`~directive_nlp.extract.dates.find_periods` (their last day and precision)."""
    seg = text[a:b]
    if not seg.strip() or not (any_date or rx.search(load_lex().deadline_hint, fold(seg))):
        return None  # no cue or period lead written: no date here can be a deadline
    return _read_deadline(seg, doc_year, any_date)


def _read_deadline(seg: str, doc_year: int | None, any_date: bool) -> Deadline | None:
    """The first day or period of ``seg`` with a deadline cue before it (or any, with ``any_date``)."""
    lex = load_lex()
    words = analyze(seg)
    cands = [(m.start, m.end, m.text, _day_end(m.value), "day") for m in find_dates(words, default_year=doc_year)]
    cands += [(p.start, p.end, p.text, p.last_day, p.precision)
              for p in find_periods(words, default_year=doc_year, relative=False)]
    cands.sort()
    for s, _e, phrase, last_day, precision in cands:
        if last_day is None:
            continue  # a month without a year: no day to hold to
        ctx = fold(seg[max(0, s - 25) : s]) + " " + fold(phrase)[:14]
        if any_date or rx.search(lex.deadline_cue, ctx) or rx.search(lex.deadline_start, fold(phrase)):
            return Deadline(last_day, precision, phrase)
    return None


def find_recurrence(text: str, a: int, b: int) -> str | None:
    """The first repetition word of text[a:b] ("hằng tháng", "thường xuyên"), as listed."""
    matcher = load_lex().recurrence
    seq = atoms(text[a:b])
    for i, first in enumerate(seq):
        n = matcher.match_atoms(seq, i) if first in matcher.firsts else 0
        if n:
            return matcher.phrase_of(tuple(seq[i : i + n]))
    return None
