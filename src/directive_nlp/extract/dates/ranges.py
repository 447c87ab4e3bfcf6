"""Ranges as one item: "từ 9/2 đến 14/2", "từ ngày 1/10/2016 đến 30/6/2017", "28/8 - 05/9/2021",
"ngày 15 đến 28-7", and times on either end ("từ 20 giờ 10 phút đến 22 giờ, ngày 9/2").

Two days are one range when the second is introduced by a closing preposition ("đến", "tới",
"đến hết", "cho đến" — the lexicon's role ``end``) right after the first, or when only a dash
stands between them; the first must not itself close or bound something ("trước", "sau", "đến").
A lone time before a dated time with a closing word between ("20 giờ đến 22 giờ, ngày 9/2") makes
that day a range of times.
"""

from __future__ import annotations

import regex

from directive_nlp.extract.dates.absolute import Core, set_time
from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.patterns import Patterns, ending_at
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["join_ranges"]

_DASH = regex.compile(r"\A\s*[-–]\s*\Z")


def _role(prep: str) -> str:
    return lex().lead_ins.get(fold(prep), ("", ""))[0] if prep else ""


def _in_order(a: Core, b: Core) -> bool:
    if a.y is not None and b.y is not None:
        return (a.y, a.m, a.d) <= (b.y, b.m, b.d)
    return True  # a year-less start after the end lies in the year before ("28/12 đến 05/01/2022")


def _pair(a: Core, b: Core, text: str) -> bool:
    """Are ``a`` and the next day ``b`` the two ends of one range?"""
    if a.is_range or b.is_range or _role(a.prep) not in ("", "start") or b.tstart < a.tend:
        return False
    gap = text[a.tend : min(b.tstart, b.lead_start) if b.lead_start >= 0 else b.tstart]
    if len(gap) > settings().link_gap:
        return False
    closes = _role(b.prep) == "end" and not gap.strip()
    dashed = not b.prep and _DASH.match(gap) is not None
    return (closes or dashed) and _in_order(a, b)


def _joined(a: Core, b: Core) -> Core:
    c = Core(a.start, b.end, "joined", b.sep, a.d, a.m, a.y, b.d, b.m, b.y, day_word=a.day_word,
             tstart=min(a.tstart, a.lead_start) if a.lead_start >= 0 else a.tstart, tend=b.tend, hour=a.hour, minute=a.minute, second=a.second,
             hour2=b.hour, minute2=b.minute, part=a.part or b.part, prep=a.prep,
             linked_year=a.linked_year)
    return c


def _num(s: str | None) -> int | None:
    return int(s) if s else None


def _time_range(c: Core, text: str, pats: Patterns, floor: int) -> None:
    """"từ 20 giờ 10 phút đến 22 giờ, ngày 9/2": a time before the dated time opens a range."""
    if c.hour is None or c.is_range or c.tstart <= floor:
        return
    tm = ending_at(pats.time_range, text, max(floor, c.tstart - settings().lead_in_window), c.tstart)
    if tm is None:
        return
    end_h, end_mi = c.hour, c.minute
    part = tm.group("apart") or c.part
    if tm.group("t1v"):
        set_time(c, int(tm.group("avh")), _num(tm.group("avmi")), None, None, part)
    else:
        set_time(c, int(tm.group("ach")), _num(tm.group("acmi")), _num(tm.group("acs")), tm.group("acap"), part)
    if (c.hour, c.minute) == (end_h, end_mi):
        return
    c.d2, c.m2, c.y2 = c.d, c.m, c.y
    c.hour2, c.minute2 = end_h, end_mi
    c.tstart = tm.start("lead") if tm.group("lead") else tm.start()


def join_ranges(cores: list[Core], text: str, pats: Patterns) -> list[Core]:
    """Phase 6: pairs of days that bound one range become one core (see module doc)."""
    out: list[Core] = []
    i = 0
    while i < len(cores):
        c = cores[i]
        nxt = cores[i + 1] if i + 1 < len(cores) else None
        if nxt is not None and _pair(c, nxt, text):
            c = _joined(c, nxt)
            i += 1
        else:
            _time_range(c, text, pats, out[-1].tend if out else 0)
        out.append(c)
        i += 1
    return out
