"""Deadlines: the day or period by which a task must be done."""

from __future__ import annotations

import logging

import regex

from directive_nlp.extract.dates import find_dates, find_months
from directive_nlp.extract.directives.lexicon import load_lex
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

log = logging.getLogger(__name__)


def _last_day(value: str) -> str | None:
    """ISO day for a deadline value: a day as is, a month/year → its last day."""
    v = value.split("/")[-1]
    m = regex.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", v)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return f"{y}-{mo}-{d}"
    if y == "XXXX":
        return None
    if not mo:
        return f"{y}-12-31"
    month = int(mo)
    if month == 12:
        return f"{y}-12-31"
    import datetime as _dt

    last = _dt.date(int(y), month + 1, 1) - _dt.timedelta(days=1)
    return last.isoformat()


def find_deadline(text: str, a: int, b: int, doc_year: int | None, *, any_date: bool = False) -> tuple[str, str] | None:
    """(ISO date, phrase) of the first cued deadline in text[a:b]."""
    lex = load_lex()
    seg = text[a:b]
    if not seg.strip():
        return None
    try:
        cands = [(m.start, m.end, m.text, m.value) for m in find_dates(seg, default_year=doc_year)]
        cands += [(m.start, m.end, m.text, m.value) for m in find_months(seg, default_year=doc_year)]
    except Exception:  # dates must not break directives
        log.debug("date lookup failed", exc_info=True)
        return None
    cands.sort()
    for s, e, phrase, value in cands:
        ctx = fold(seg[max(0, s - 25) : s]) + " " + fold(phrase)[:14]
        if any_date or rx.search(lex.deadline_cue, ctx) or rx.search(lex.deadline_start, fold(phrase)):
            iso = _last_day(value)
            if iso:
                return iso, phrase
    return None


# --------------------------------------------------------------------------- names and speakers
