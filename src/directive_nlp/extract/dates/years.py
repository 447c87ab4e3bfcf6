"""The year of a day written without one, and the tense of the clause it stands in.

A year-less day takes the year of the reference date (the document's date of issue or
publication), else the document's year (``default_year``). Across a year end the reading that
fits the clause is taken: a reported event lies before the reference ("28/12" in an article of
5 January is last December), an announced one after it ("trước ngày 15/1" announced on
20 November is next January) — only when the other reading would put the day more than half a
year away and this one within ``cross_year_days``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from functools import lru_cache

import regex

from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.patterns import Patterns
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["clause_tense", "infer_year", "looks_ahead"]

_CLAUSE_ENDS = ".!?;\n"
_CLAUSE_REACH = 300


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the last clause end before it to the first
    after it, at most ``_CLAUSE_REACH`` characters away on either side."""
    floor = max(0, start - _CLAUSE_REACH)
    los = [i + 1 for ch in _CLAUSE_ENDS if (i := text.rfind(ch, floor, start)) >= 0]
    his = [i for ch in _CLAUSE_ENDS if (i := text.find(ch, end, end + _CLAUSE_REACH)) >= 0]
    return max(los, default=floor), min(his) if his else min(len(text), end + _CLAUSE_REACH)


@lru_cache(maxsize=4)
def _markers(text: str, tense: regex.Pattern[str]) -> tuple[list[int], list[tuple[int, int, str | None]]]:
    """Every tense marker of the text, read once: (starts, [(start, end, tense)]). A marker is
    a whole word of the text: one cut by a clause window ("đã" of "đãi") is none."""
    found = [(m.start(), m.end(), lex().tenses.get(fold(m.group("w"))))
             for m in rx.finditer(tense, text)]
    return [s for s, _, _ in found], found


def clause_tense(text: str, start: int, end: int, pats: Patterns) -> str | None:
    """'future' or 'past' from the tense marker of the clause nearest to ``text[start:end]``."""
    lo, hi = _clause(text, start, end)
    starts, found = _markers(text, pats.tense)
    best: tuple[int, str] | None = None
    for ms, me, tense in found[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]:
        if start <= ms < end or me > hi:
            continue
        dist = start - me if me <= start else ms - end
        if tense and (best is None or dist < best[0]):
            best = (dist, tense)
    return best[1] if best else None


def looks_ahead(text: str, start: int, end: int, pats: Patterns, announce: bool) -> bool:
    """Does the clause announce (future) rather than report (past)? The document kind decides
    when the clause has no tense marker."""
    tense = clause_tense(text, start, end, pats)
    return announce if tense is None else tense == "future"


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def infer_year(m: int, d: int, *, reference: dt.date | None, default_year: int | None,
               ahead: bool) -> int | None:
    """The year of day ``d`` of month ``m`` (see module doc); None when nothing tells it."""
    if reference is None:
        return default_year
    y = reference.year
    same = _day(y, m, d)
    if same is None:
        return y
    window = settings().cross_year_days
    if not ahead and (same - reference).days > 182:
        before = _day(y - 1, m, d)
        if before is not None and 0 <= (reference - before).days <= window:
            return y - 1
    if ahead and (reference - same).days > 182:
        after = _day(y + 1, m, d)
        if after is not None and 0 <= (after - reference).days <= window:
            return y + 1
    return y
