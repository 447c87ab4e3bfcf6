"""Written days: "28/5/2021", "ngày 04 tháng 8 năm 2021", "9 Tháng 1 2015", "Tháng 12 29, 2013",
"07/01/15", "Chiều 22.4", "Hôm 9-2", "ngày 20 và 21/11/2025", "từ 9/2 đến 14/2".

The reading runs in named phases over *cores* (a date as matched, before its context is known):

1. :func:`match_cores` — every numeric or verbal day the core pattern finds, checked on the calendar;
2. :func:`read_context` — the lead-in kept in the text (preposition, part of day, day word, time
   before) and the time after, and how strongly the context says "this is a day";
3. :func:`accept` — a year-less "dd/mm" (or "dd-mm") is kept only on evidence, never before a
   counted noun ("9/11 huyện") and never a score, a phone number, a version or a symbol;
4. :func:`share_years` — a year left out before a linked date is the linked date's;
5. :func:`expand_lists` — days listed before a date share its month ("ngày 24, 25 và 26/7");
6. :func:`~directive_nlp.extract.dates.ranges.join_ranges` — "từ A đến B" and "A - B" become one item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.model import SpanIndex, overlaps, valid
from directive_nlp.extract.dates.patterns import CORE_KINDS, LIST_WORDS, Patterns, ending_at, kind_of, lead_in, scan
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["Core", "match_cores", "read_context", "accept", "select", "share_years", "expand_lists",
           "set_time", "right_time"]


@dataclass
class Core:
    """A day as matched, before its lead-in, time and year are settled (see module doc)."""

    start: int
    end: int
    kind: str
    sep: str
    d: int
    m: int
    y: int | None
    d2: int | None = None  # range end
    m2: int | None = None
    y2: int | None = None
    day_word: bool = False  # the core itself starts with ngày/mùng/mồng
    short_year: bool = False  # a two-digit year ("07/01/15")
    lunar: str = ""  # "name": a lunar month's name ("tháng Giêng"); "marked": "âm lịch" follows
    # filled by the context
    tstart: int = 0  # mention start (lead-in included)
    tend: int = 0  # mention end (time after included)
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    hour2: int | None = None  # the time of the range end
    minute2: int | None = None
    part: str | None = None
    prep: str = ""  # "từ", "đến", "trước"… kept in the text
    lead_start: int = -1  # where the preposition starts (before a time: "từ 8 giờ ngày 1/7")
    year_shift: int | None = None  # "1/5 năm nay" (0), "năm ngoái" (-1): a year told by the reference
    year_inferred: bool = False
    linked_year: bool = False  # the year came from a linked date

    @property
    def is_range(self) -> bool:
        return self.d2 is not None


# ----------------------------------------------------------------------------- 1. cores


def _num(s: str | None) -> int | None:
    return int(s) if s else None


def _month_of(m: regex.Match[str], p: str) -> int | None:
    """The month of group ``p``: a number, or a month name (lower-case 'năm' is the year word)."""
    if m.group(f"{p}_m"):
        return int(m.group(f"{p}_m"))
    name = m.group(f"{p}_mn")
    if not name or (name[0].islower() and fold(name) == "năm"):
        return None
    return lex().month_names.get(fold(name))


def _year(s: str | None, pivot: int) -> int | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        return 2000 + y if y <= pivot else 1900 + y
    return y


_NAMED = {"vrange": "g_mn", "mfirst": "k_mn", "verbal": "f_mn"}  # the kinds with a month's name


def _lunar_name(m: regex.Match[str], kind: str) -> str:
    name = m.group(_NAMED[kind]) if kind in _NAMED else None
    return "name" if name and fold(name) in lex().lunar_months else ""


def _core_from(m: regex.Match[str]) -> Core | None:  # one branch per alternative
    g = m.group
    s, e = m.span()
    kind = kind_of(m, CORE_KINDS)
    if kind == "range2":
        y = _num(g("a_y"))
        return Core(s, e, "range2", "/", int(g("a_d1")), int(g("a_m1")), y, int(g("a_d2")), int(g("a_m2")), y)
    if kind == "range":
        y = _num(g("b_y"))
        return Core(s, e, "range", g("b_sep"), int(g("b_d1")), int(g("b_m")), y, int(g("b_d2")), int(g("b_m")), y)
    if kind == "iso":
        c = Core(s, e, "iso", "-", int(g("c_d")), int(g("c_m")), int(g("c_y")))
        if g("c_h"):
            set_time(c, int(g("c_h")), int(g("c_mi")), _num(g("c_s")), None, None)
        return c
    if kind == "full":
        y = _year(g("e_y"), settings().two_digit_year_pivot)
        return Core(s, e, "full", g("e_sep"), int(g("e_d")), int(g("e_m")), y, short_year=len(g("e_y")) == 2)
    if kind == "vrange":
        mo, y = _month_of(m, "g"), _num(g("g_y"))
        return None if mo is None else Core(s, e, "vrange", " ", int(g("g_d1")), mo, y, int(g("g_d2")), mo, y,
                                            day_word=True)
    if kind == "mfirst":
        mo = _month_of(m, "k")
        return None if mo is None else Core(s, e, "mfirst", " ", int(g("k_d")), mo, int(g("k_y")))
    if kind == "verbal":
        mo, y = _month_of(m, "f"), _num(g("f_y"))
        if mo is None or (y is None and not g("f_w")):
            return None  # "6 tháng 11 ..." without a day word or a year is not a date
        return Core(s, e, "verbal", " ", int(g("f_d")), mo, y, day_word=bool(g("f_w")))
    if kind == "short":
        return Core(s, e, "short", g("h_sep"), int(g("h_d")), int(g("h_m")), None)
    return None


def _core_valid(c: Core) -> bool:
    if not valid(c.y, c.m, c.d):
        return False
    if c.d2 is None or c.m2 is None:
        return True
    if c.kind == "range2" and c.y is not None and (c.m, c.d) > (c.m2, c.d2):
        c.y -= 1  # "28/12 - 05/01/2022": the start is in the year before
    if not valid(c.y2, c.m2, c.d2) or not valid(c.y, c.m, c.d):
        return False
    if c.kind in ("range", "vrange") and c.d >= c.d2:
        return False
    return not (c.kind == "range2" and c.y is None and (c.m, c.d) >= (c.m2, c.d2))


def match_cores(text: str, pats: Patterns, excl: Sequence[tuple[int, int]]) -> list[Core]:
    """Phase 1: every core outside ``excl`` that is a real calendar day."""
    out: list[Core] = []
    index = SpanIndex(excl)
    for m in scan(pats.core, pats.core_at, text):
        c = _core_from(m)
        if c is not None and not overlaps(c.start, c.end, index) and _core_valid(c):
            c.lunar = _lunar_name(m, c.kind)
            out.append(c)
    return out


# ----------------------------------------------------------------------------- 2. context


def set_time(c: Core, h: int, mi: int | None, s: int | None, ap: str | None, part: str | None,
             *, end: bool = False) -> None:
    """Set the time of ``c`` (of its range end with ``end``) from hour/minute/second, AM/PM or a
    part of day; an impossible time is ignored."""
    mi = 0 if mi is None else mi
    if ap:
        pm = ap.lower().startswith("p")
        if pm and h < 12:
            h += 12  # "04:19 PM"; a 24-h hour with a stray PM ("16:19:39 PM") stays
        elif not pm and h == 12:
            h = 0
    elif part:
        lo_hi = lex().part_pm.get(fold(part))
        if lo_hi is not None and lo_hi[0] <= h <= lo_hi[1]:
            h += 12
    if not (0 <= h <= 24 and 0 <= mi <= 59 and (s is None or 0 <= s <= 59)) or (h == 24 and (mi or s)):
        return
    if end:
        c.hour2, c.minute2 = h, mi
    else:
        c.hour, c.minute, c.second = h, mi, s


def _left_context(c: Core, text: str, pats: Patterns) -> tuple[bool, bool]:
    """Lead-in and time before the core; (strong evidence, inside a parenthesis)."""
    lm = lead_in(pats, text, c.start - settings().lead_in_window, c.start)
    c.tstart = c.start
    if not lm or lm.end() <= lm.start():
        return False, False
    if lm.group("pword"):
        c.part = lm.group("pword").lower()
    if lm.group("time"):
        if lm.group("tpart") and not c.part:
            c.part = lm.group("tpart").lower()
        if lm.group("lvh") is not None:
            set_time(c, int(lm.group("lvh")), _num(lm.group("lvmi")), None, None, c.part)
        else:
            set_time(c, int(lm.group("lch")), _num(lm.group("lcmi")), _num(lm.group("lcs")),
                     lm.group("lcap"), c.part)
    # a count of hours ("trong 72 giờ ngày 28/5") is not a time and stays out of the text
    keys = ("time", "prep", "part", "dw") if c.hour is not None else ("prep", "part", "dw")
    firsts = [lm.start(k) for k in keys if lm.start(k) >= 0]
    if firsts and not lm.group("paren"):  # "Sáng nay (15/10)": the text is what is inside
        c.tstart = min(firsts)
    # a preposition before the time ("từ 8 giờ ngày 1/7") says the role, outside the text
    prep = lm.group("prep") or (lm.group("tprep") if c.hour is not None else None)
    c.prep = " ".join((prep or "").lower().split())
    c.lead_start = lm.start("tprep") if c.hour is not None and lm.group("tprep") else c.tstart
    strong = bool(lm.group("dw") or lm.group("part") or c.hour is not None or lm.group("wd"))
    return strong, bool(lm.group("paren"))


def _may_follow(text: str, pos: int, size: int, marks: re.Pattern[str]) -> bool:
    """Whether ``marks`` (lower case) are found in the ``size`` characters at ``pos``: a cheap
    test that spares a pattern needing one of them a try where it cannot match."""
    return marks.search(text[pos : pos + size].lower()) is not None


#: what a time after a date needs: a clock's colon ("15:08") or "lúc" before its hour
_TIME_MARKS = re.compile(":|lúc")


def right_time(c: Core, text: str, pats: Patterns, pos: int) -> None:
    """A time written at ``pos`` after a date ("lúc 15:08", "- 03:54 AM", "| 22:34", "lúc 8 giờ sáng")."""
    rm = rx.match(pats.right, text, pos, pos + 40) if _may_follow(text, pos, 40, _TIME_MARKS) else None
    if not rm:
        return
    if rm.group("tc"):
        set_time(c, int(rm.group("rch")), _num(rm.group("rcmi")), _num(rm.group("rcs")), rm.group("rcap"), None)
    elif rm.group("tl"):
        set_time(c, int(rm.group("rlh")), _num(rm.group("rlmi")), _num(rm.group("rls")), rm.group("rlap"),
                 rm.group("rpart"))
    else:
        rpart = rm.group("rpart")
        if rpart and not c.part:
            c.part = rpart.lower()
        set_time(c, int(rm.group("rvh")), _num(rm.group("rvmi")), None, None, rpart)
    if c.hour is not None:
        c.tend = rm.end()


def _right_context(c: Core, text: str, pats: Patterns) -> None:
    """A year word ("1/5 năm nay") and a time after the core."""
    c.tend = c.end
    if _may_follow(text, c.end, 12, _lunar_marks()) and rx.match(pats.lunar_after, text, c.end, c.end + 12):
        c.lunar = "marked"
    if c.y is None and not c.is_range:
        ym = rx.match(pats.right_year, text, c.end, c.end + 30)
        if ym:
            c.year_shift = lex().shifts[fold(ym.group("ry"))][0]
            c.tend = ym.end()
    if c.hour is None:
        right_time(c, text, pats, c.tend)


@cache
def _lunar_marks() -> re.Pattern[str]:
    """The first syllables of the lunar markers ("âm lịch", "ÂL"), lower case."""
    return re.compile("|".join(sorted({re.escape(w.split()[0].lower()) for w in lex().lunar_markers if w.strip()})))


_CONJ = regex.compile(r"[,&]|và", regex.IGNORECASE)


def _ends_days(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` can end as a list of days does: a day number of one or two digits
    (not the end of a year: "12/3/2024, "), then spaces or a listing word (a cheap test before
    :attr:`Patterns.days_list`)."""
    tail = text[max(0, lo) : hi].rstrip().lower()
    for w in LIST_WORDS:
        if tail.endswith(w):
            tail = tail[: len(tail) - len(w)].rstrip()
            break
    return tail[-1:].isdigit() and not (len(tail) >= 3 and tail[-3:].isdecimal())


def days_before(c: Core, text: str, pats: Patterns) -> regex.Match[str] | None:
    """The days listed right before the date's lead-in ("ngày 24, 25 và" before "26/7")."""
    lo = c.tstart - settings().lead_in_window
    return ending_at(pats.days_list, text, lo, c.tstart) if _ends_days(text, lo, c.tstart) else None


def linked_gap(gap: str, pats: Patterns) -> bool:
    """Whether the text between two dates links them (:attr:`Patterns.link_gap`): spaces with a
    comma or a dash are settled without the pattern."""
    return gap.strip(" \t\n\r") in _PLAIN_LINKS or rx.match(pats.link_gap, gap) is not None


_PLAIN_LINKS = frozenset(["", ",", "-", "–", "&"])
_CLOSE = regex.compile(r"[^\S\n]*\)")
_COMMA = regex.compile(r"[^\S\n]*,")


def read_context(c: Core, text: str, pats: Patterns) -> str | None:
    """Phase 2: attach lead-in and time; the evidence level ('strong', 'weak', 'weak-comma', None)."""
    strong, paren = _left_context(c, text, pats)
    strong = strong or c.day_word
    _right_context(c, text, pats)
    if paren and rx.match(_CLOSE, text, c.tend, c.tend + 10):
        strong = True
    if not strong:
        lst = days_before(c, text, pats)
        strong = (lst is not None and lst.group("dw") is not None
                  and _CONJ.search(lst.group("conj")) is not None)
    if strong:
        return "strong"
    if c.prep or ending_at(pats.evidence, text, c.tstart - 30, c.tstart):
        return "weak"
    opens = ending_at(pats.sentence_start, text, c.tstart - 10, c.tstart) is not None
    if opens and rx.match(_COMMA, text, c.tend, c.tend + 5):
        return "weak-comma"
    return None


# ----------------------------------------------------------------------------- 3. accept


def _bare_list_before(c: Core, text: str, pats: Patterns) -> bool:
    """'24, 25 và 26/7': rising day numbers listed right before a '/' date."""
    lst = days_before(c, text, pats)
    if lst is None or _CONJ.search(lst.group("conj")) is None:
        return False
    days = [int(x) for x in regex.findall(r"\d+", lst.group("days"))]
    return all(a < b for a, b in zip(days, days[1:] + [c.d]))


def accept(c: Core, level: str | None, text: str, pats: Patterns, linked: bool) -> bool:
    """Phase 3: is a year-less numeric core a date? (Every written year, every verbal day is.)"""
    if c.kind in ("iso", "vrange", "verbal", "mfirst") or (c.y is not None and not c.short_year):
        return True
    follows_noun = rx.match(pats.follower, text, c.tend, c.tend + 30) is not None
    if c.short_year:  # "07/01/15": evidence, or a stamp with every part on two digits
        if follows_noun:
            return False
        if c.sep == ".":
            return level == "strong"
        return level in ("strong", "weak") or c.end - c.start == 8
    if c.sep == ".":
        return level == "strong" and not follows_noun  # "Chiều 22.4": only with a day word, part or time
    if c.sep in "-–":
        # "Sáng 6-2", "Hôm 9-2", "từ 24-7 đến 31-7", "và 26-7": a day word, part, time,
        # a preposition, an evidence word or a linked date — never before a counted noun
        return (level in ("strong", "weak") or linked) and not follows_noun
    if level in ("strong", "weak-comma"):
        return True
    if level == "weak" or linked:
        return not follows_noun
    return _bare_list_before(c, text, pats) and not follows_noun


def select(cores: list[Core], text: str, pats: Patterns) -> list[Core]:
    """Phases 2 and 3 over the cores in order (a date linked to the one before is evidence)."""
    accepted: list[Core] = []
    gap_max = settings().link_gap
    for c in cores:
        level = read_context(c, text, pats)
        linked = False
        if accepted:
            prev = accepted[-1]
            if c.start < prev.tend:  # inside the time written after the previous date
                continue
            if c.tstart < prev.tend:  # a lead-in cannot reach into the previous date
                c.tstart = c.start
            gap = text[prev.tend : c.tstart]
            linked = len(gap) <= gap_max and linked_gap(gap, pats)
        if accept(c, level, text, pats, linked):
            accepted.append(c)
    return accepted


# ----------------------------------------------------------------------------- 4-5. linked dates


def share_years(accepted: list[Core], text: str, pats: Patterns) -> None:
    """Phase 4: a year left out before a linked date is the linked date's ("28/8 đến 05/9/2021")."""
    gap_max = settings().link_gap
    for i in range(len(accepted) - 2, -1, -1):
        c, nxt = accepted[i], accepted[i + 1]
        if c.y is not None or nxt.y is None or c.is_range:
            continue
        gap = text[c.tend : nxt.tstart]
        if len(gap) > gap_max or not linked_gap(gap, pats):
            continue
        y = nxt.y - 1 if (c.m, c.d) > (nxt.m, nxt.d) else nxt.y
        if valid(y, c.m, c.d):
            c.y, c.linked_year = y, True


_END_ROLES = ("end",)


def expand_lists(accepted: list[Core], text: str, pats: Patterns,
                 excl: Sequence[tuple[int, int]]) -> list[Core]:
    """Phase 5: days listed before a date share its month and year ("ngày 20 và 21/11/2025")."""
    taken, added = SpanIndex((c.tstart, c.tend) for c in accepted), []
    index = SpanIndex(excl)
    roles = lex().lead_ins
    out = list(accepted)
    for c in accepted:
        if c.kind == "iso" or c.is_range:
            continue
        lm = days_before(c, text, pats)
        if not lm:
            continue
        has_conj = _CONJ.search(lm.group("conj")) is not None
        ends = roles.get(fold(c.prep), ("", ""))[0] in _END_ROLES
        if lm.group("dw"):
            if not (has_conj or ends):
                continue
        elif not (has_conj and _bare_list_before(c, text, pats)):
            continue
        base = lm.start("days")
        for k, dm in enumerate(regex.finditer(r"\d+", lm.group("days"))):
            d = int(dm.group())
            s, e = base + dm.start(), base + dm.end()
            ts = lm.start("lead") if k == 0 and lm.group("lead") else s
            if not (d < c.d and valid(c.y, c.m, d)) or overlaps(ts, e, taken) or overlaps(ts, e, added) \
                    or overlaps(ts, e, index):
                continue
            listed = Core(s, e, "listed", c.sep, d, c.m, c.y, tstart=ts, tend=e, linked_year=c.linked_year)
            out.append(listed)
            added.append((ts, e))
    out.sort(key=lambda x: (x.tstart, x.tend))
    return out
