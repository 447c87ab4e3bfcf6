"""Calendar dates (day precision or finer) and month/quarter/year mentions.

:func:`find_dates` returns every day-precision date written in a normalized text:
``28/5/2021``, ``28-5-2021``, ``28.5.2021``, ``ngày 04 tháng 8 năm 2021`` (line breaks allowed
between the words), ``ngày 5 tháng 2``, day ranges ``02-03/8/2021`` and ``28/8-05/9/2021``, times
written with the date (``6 giờ ngày 28/5``, ``8h00 ngày…``, ``28/05/2021 16:19:39 PM``,
``14:30 | 17/03/2025``) and day lists (``ngày 20 và 21/11/2025`` gives two dates).
A mention's text carries its lead-in as the gold does ("Chiều 28/5", "Từ ngày 18/6/2021",
"trước ngày 30/7/2017", "6 giờ ngày 28/5"); weekdays, "vào", "hôm" are evidence only.
"từ ngày A đến ngày B" gives two mentions (each written date is one entry); a missing month or
year of A is taken from B.

A ``dd/mm`` without a year is reported only when the context makes it a date: a day word or a
part of day before it (strong evidence, also required for ``dd-mm`` and ``dd.mm``), a
preposition such as "từ/đến/trước/vào" not followed by a counted noun ("9/11 huyện"), a
parenthesised stamp "(28/5)", a sentence opening "28/5, …", or a list with a date before it.
Fractions, scores, thousands, phone numbers, year spans and the "30/2020" of "30/2020/NĐ-CP"
are never dates; invalid calendar days are dropped.

:func:`find_months` returns month, quarter and year mentions ("tháng 9/2021", "Quý III/2021",
"6 tháng đầu năm 2021", "năm 2025", "cuối năm", "nhiệm kỳ 2020-2025") outside the dates.
Lexicons are in ``data/dates.json``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from directive_nlp.text import rx
from directive_nlp.resources import lexicon, load_json
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["DateMention", "Period", "find_dates", "find_months", "find_periods"]

log = logging.getLogger(__name__)

_YEAR_MIN, _YEAR_MAX = 1900, 2100


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date (or month/year) mention; ``text == source[start:end]``.

    ``value`` is ISO 8601 ("2021-08-04", "2021-05-28T06:00", "2021-08-02/2021-08-03",
    "XXXX-05-28", "2025-11", "2021/2026"). ``year_inferred`` is true when the year was not
    written and was taken from ``default_year``; with no default year the value starts "XXXX"
    and ``year_inferred`` is false; a year taken from a linked date ("28/8 đến 05/9/2021")
    counts as written. "24 giờ ngày 30/6" keeps ISO's end-of-day "T24:00".
    """

    text: str
    start: int
    end: int
    value: str
    precision: str  # "day" | "minute" | "second" | "month" | "year"
    is_range: bool = False
    year_inferred: bool = False
    part_of_day: str | None = None

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
        }


# ----------------------------------------------------------------------------- patterns

_H = r"[^\S\n]"  # horizontal white space (\r included)
_WS = rf"(?>{_H}+\n?{_H}*|\n{_H}*)"  # at least one space, at most one line break
_LB = r"(?<![\p{L}\p{N}])"
_RB = r"(?![\p{L}\p{N}])"
# number boundaries: not inside a longer number, a symbol ("30/2020/NĐ-CP", "NQ-12/3"),
# a decimal ("11,5 - 12,4") or a word ("F1", "Covid-19")
_NLB = r"(?<![\p{L}\p{N}_/+])(?<![\p{N}][.,:\-–])(?<!\p{L}[\-–])"
_NRB = r"(?![\p{L}\p{N}_])(?![/.\-–,:+]\p{N})(?![/\-–]\p{L})" + rf"(?!{_H}*%)"


def _alt(words: Sequence[str]) -> str:
    """Alternation of phrases, longest first; a space matches any white space run."""
    uniq = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(_WS.join(regex.escape(p) for p in w.split()) for w in uniq)


def _time_v(p: str) -> str:
    """'6 giờ', '16 giờ 30 phút', '8h00', '8h30'', '14h'."""
    return (
        rf"(?<![\p{{N}}:.,/])(?P<{p}h>\d{{1,2}}){_H}*(?:giờ|h)"
        rf"(?:{_H}*(?P<{p}mi>\d{{1,2}})(?:{_H}*(?:phút|p)|')?)?{_RB}"
    )


def _time_c(p: str) -> str:
    """'06:46', '16:19:39 PM'."""
    return (
        rf"(?<![\p{{N}}:.,/])(?P<{p}h>\d{{1,2}}):(?P<{p}mi>\d{{2}})(?::(?P<{p}s>\d{{2}}))?"
        rf"(?!\p{{N}})(?:{_H}*(?P<{p}ap>[AaPp]\.?[Mm]\.?)(?!\p{{L}}))?"
    )


@dataclass(frozen=True)
class _Patterns:
    core: regex.Pattern[str]
    left: regex.Pattern[str]
    right: regex.Pattern[str]
    evidence: regex.Pattern[str]
    follower: regex.Pattern[str]
    sentence_start: regex.Pattern[str]
    days_list: regex.Pattern[str]
    gap: regex.Pattern[str]
    months: tuple[tuple[str, regex.Pattern[str]], ...]


@cache
def _patterns() -> _Patterns:
    lex = load_json("dates")
    day_words = _alt(lex["day_words"])
    parts = _alt(lex["part_of_day"])
    mods = _alt(lex["part_of_day_modifiers"])
    preps = _alt(lex["included_lead_ins"])
    evid = _alt(lex["evidence_words"])
    wdays = _alt(lexicon("weekdays").phrases)
    m_leads = _alt(lex["month_lead_ins"])
    periods = _alt(lex["period_words"])
    followers = _alt([w for w in lex["non_date_followers"] if w[:1].isalnum()])
    signs = "".join(regex.escape(w) for w in lex["non_date_followers"] if not w[:1].isalnum())
    flags = regex.IGNORECASE | regex.VERSION0

    core = regex.compile(
        rf"""
        (?P<range2>{_NLB}(?P<a_d1>\d{{1,2}})/(?P<a_m1>\d{{1,2}}){_H}*[-–]{_H}*
            (?P<a_d2>\d{{1,2}})/(?P<a_m2>\d{{1,2}})(?:/(?P<a_y>\d{{4}}))?{_NRB})
        |(?P<range>{_NLB}(?P<b_d1>\d{{1,2}}){_H}*[-–]{_H}*(?P<b_d2>\d{{1,2}})(?P<b_sep>[/.])
            (?P<b_m>\d{{1,2}})(?:(?P=b_sep)(?P<b_y>\d{{4}}))?{_NRB})
        |(?P<iso>{_NLB}(?P<c_y>\d{{4}})-(?P<c_m>\d{{2}})-(?P<c_d>\d{{2}})
            (?:T(?P<c_h>\d{{2}}):(?P<c_mi>\d{{2}})(?::(?P<c_s>\d{{2}}))?(?:\.\d+)?)?
            (?![\p{{N}}\-/.:]))
        |(?P<full>{_NLB}(?P<e_d>\d{{1,2}})(?P<e_sep>[/.\-])(?P<e_m>\d{{1,2}})(?P=e_sep)
            (?P<e_y>\d{{4}}){_NRB})
        |(?P<vrange>{_LB}(?P<g_w>{day_words}){_WS}(?P<g_d1>\d{{1,2}}){_H}*[-–]{_H}*
            (?P<g_d2>\d{{1,2}}){_WS}tháng{_WS}(?P<g_m>\d{{1,2}})
            (?:{_WS}năm{_WS}(?P<g_y>\d{{4}}))?{_RB})
        |(?P<verbal>(?:{_LB}(?P<f_w>{day_words}){_WS})?{_NLB}(?P<f_d>\d{{1,2}})
            {_WS}tháng{_WS}(?P<f_m>\d{{1,2}})
            (?:(?:{_WS}năm{_WS}|{_H}*/{_H}*)(?P<f_y>\d{{4}}))?{_RB}(?!/\p{{N}}))
        |(?P<short>{_NLB}(?P<h_d>\d{{1,2}})(?P<h_sep>[/.\-])(?P<h_m>\d{{1,2}}){_NRB})
        """,
        flags | regex.VERBOSE,
    )
    # lead-in before a core, anchored at the end of the window
    left = regex.compile(
        rf"""
        (?:{_LB}(?P<wd>{wdays}){_H}*[,\-–]?{_H}*\(?{_H}*)?
        (?:(?P<time>{_time_v("lv")}|{_time_c("lc")})
            (?:{_H}*(?P<tpart>{parts}))?{_H}*(?:[,|\-–]{_H}*)?)?
        (?:{_LB}(?P<prep>{preps}){_WS})?
        (?:{_LB}(?P<part>(?:(?:{mods}){_WS})?(?P<pword>{parts}))(?:{_WS}nay)?{_H}*,?{_WS})?
        (?:{_LB}(?P<dw>{day_words}){_WS})?
        (?P<paren>\({_H}*)?
        \Z
        """,
        flags | regex.VERBOSE,
    )
    right = regex.compile(
        rf"""
        (?:(?:{_H}+|{_H}*[|,\-–]{_H}*)(?P<tc>{_time_c("rc")}))
        |(?:{_H}*,?{_H}*(?:vào{_H}+)?lúc{_H}+(?P<tv>{_time_v("rv")})
            (?:{_H}+(?P<rpart>{parts}){_RB})?)
        """,
        flags | regex.VERBOSE,
    )
    evidence = regex.compile(rf"{_LB}(?:{evid}){_H}*,?{_H}*\Z", flags)
    # case-sensitive: "9/11 huyện" is a ratio, "đến 30/6 Huyện ủy đã..." is not
    signs_or_digit = f"[{signs}0-9]" if signs else "[0-9]"
    follower = regex.compile(rf"{_H}*(?:(?-i:{followers}){_RB}|{signs_or_digit})", regex.VERSION0)
    sentence_start = regex.compile(r"(?:\A|[\n.!?;•]|(?<!\p{L})[-–*+])[^\S\n]*\Z")
    days_list = regex.compile(
        rf"""{_LB}(?P<lead>(?:(?:{preps}){_WS})?(?:(?:(?:{mods}){_WS})?(?:{parts}){_WS})?
            (?P<dw>{day_words}){_WS})(?P<days>\d{{1,2}}(?:{_H}*,{_H}*\d{{1,2}})*)
            (?P<conj>\s*(?:,|và|&)\s*|\s+)\Z""",
        flags | regex.VERBOSE,
    )
    gap = regex.compile(
        r"\A\s*(?:,|và|&|hoặc|-|–|đến\s+hết|cho\s+đến|đến|tới)?\s*(?:ngày\s+)?\Z", flags
    )
    ml = rf"(?:{_LB}(?P<lead>{m_leads}){_WS})?"
    yr = r"(?P<y>\d{4})(?![\p{N}/])"
    months = (
        (
            "half",
            regex.compile(
                rf"{ml}{_LB}(?P<n>\d{{1,2}}){_WS}tháng{_WS}(?P<pos>đầu|cuối){_WS}năm"
                rf"(?:{_WS}{yr}|{_WS}(?P<nay>nay))?{_RB}",
                flags,
            ),
        ),
        (
            "quarter",
            regex.compile(
                rf"{ml}{_LB}quý{_WS}(?P<q>(?-i:IV|I{{1,3}})|[1-4]){_RB}"
                rf"(?:(?:{_H}*[/\-]{_H}*|{_WS}năm{_WS}){yr})?",
                flags,
            ),
        ),
        (
            "month",
            regex.compile(
                rf"{ml}(?<!\p{{N}}{_H})(?<!\p{{N}}){_LB}tháng{_WS}(?P<m>\d{{1,2}})"
                rf"(?:(?:{_WS}năm{_WS}|{_H}*[/\-]{_H}*){yr})?"
                rf"(?![\p{{L}}\p{{N}}])(?![/\-.,]\p{{N}})",
                flags,
            ),
        ),
        (
            "bare_month",
            regex.compile(
                rf"{_LB}(?P<lead>{m_leads}){_WS}{_NLB}(?P<m>\d{{1,2}})/{yr}(?![\p{{L}}\-.])",
                flags,
            ),
        ),
        (
            "period",
            regex.compile(
                rf"{_LB}(?P<kw>{periods}){_WS}(?P<y1>\d{{4}}){_H}*\n?{_H}*[-–]{_H}*\n?{_H}*"
                rf"(?P<y2>\d{{4}})(?![\p{{N}}/])",
                flags,
            ),
        ),
        (
            "year",
            regex.compile(
                rf"{ml}(?:{_LB}(?P<pos>đầu|cuối|giữa){_WS})?(?<!thứ{_H}+){_LB}năm{_WS}"
                rf"(?P<y>\d{{4}})"
                rf"(?:{_H}*[-–]{_H}*(?P<y2>\d{{4}}))?(?![\p{{N}}/\-])",
                flags,
            ),
        ),
        (
            "year_span",
            regex.compile(
                rf"{_NLB}(?P<y1>(?:19|20)\d\d){_H}*[-–]{_H}*(?P<y2>(?:19|20)\d\d)"
                rf"(?![\p{{L}}\p{{N}}/\-])",
                flags,
            ),
        ),
        (
            "relative",
            regex.compile(
                rf"{ml}(?:{_LB}(?P<pos>đầu|cuối|giữa){_WS}năm(?:{_WS}(?P<nay>nay))?"
                rf"|{_LB}năm{_WS}(?P<nay2>nay)){_RB}",
                flags,
            ),
        ),
    )
    return _Patterns(core, left, right, evidence, follower, sentence_start, days_list, gap, months)


# ----------------------------------------------------------------------------- helpers


_finditer = rx.finditer
_search = rx.search
_match = rx.match


def _valid(y: int | None, m: int, d: int) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    if y is None:
        return d <= calendar.monthrange(2000, m)[1]  # leap year: 29/2 allowed
    if not _YEAR_MIN <= y <= _YEAR_MAX:
        return False
    return d <= calendar.monthrange(y, m)[1]


def _usable_year(y: int | None) -> int | None:
    """A default year outside the plausible range is treated as unknown."""
    return y if y is not None and _YEAR_MIN <= y <= _YEAR_MAX else None


def _iso(y: int | None, m: int, d: int) -> str:
    return f"{'XXXX' if y is None else f'{y:04d}'}-{m:02d}-{d:02d}"


def _overlaps(s: int, e: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


@dataclass
class _Core:
    """A date as matched, before its lead-in, time and year are settled."""

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
    # filled by context
    tstart: int = 0  # mention start (lead-in included)
    tend: int = 0  # mention end (time after included)
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    part: str | None = None
    prep: str = ""  # "từ", "đến", "trước"... kept in the text

    @property
    def has_year(self) -> bool:
        return self.y is not None


def _core_from(m: regex.Match[str]) -> _Core | None:
    g = m.group
    s, e = m.span()
    if g("range2"):
        return _Core(s, e, "range2", "/", int(g("a_d1")), int(g("a_m1")),
                     int(g("a_y")) if g("a_y") else None,
                     int(g("a_d2")), int(g("a_m2")), int(g("a_y")) if g("a_y") else None)
    if g("range"):
        y = int(g("b_y")) if g("b_y") else None
        return _Core(s, e, "range", g("b_sep"), int(g("b_d1")), int(g("b_m")), y,
                     int(g("b_d2")), int(g("b_m")), y)
    if g("iso"):
        c = _Core(s, e, "iso", "-", int(g("c_d")), int(g("c_m")), int(g("c_y")))
        if g("c_h"):
            _set_time(c, int(g("c_h")), int(g("c_mi")), _int(g("c_s")), None, None)
        return c
    if g("full"):
        return _Core(s, e, "full", g("e_sep"), int(g("e_d")), int(g("e_m")), int(g("e_y")))
    if g("vrange"):
        y = int(g("g_y")) if g("g_y") else None
        return _Core(s, e, "vrange", " ", int(g("g_d1")), int(g("g_m")), y,
                     int(g("g_d2")), int(g("g_m")), y, day_word=True)
    if g("verbal"):
        y = int(g("f_y")) if g("f_y") else None
        if y is None and not g("f_w"):
            return None  # "6 tháng 11 ..." without a day word or a year is not a date
        return _Core(s, e, "verbal", " ", int(g("f_d")), int(g("f_m")), y, day_word=bool(g("f_w")))
    if g("short"):
        return _Core(s, e, "short", g("h_sep"), int(g("h_d")), int(g("h_m")), None)
    return None


def _core_valid(c: _Core) -> bool:
    if not _valid(c.y, c.m, c.d):
        return False
    if c.d2 is not None and c.m2 is not None:
        y1 = c.y
        if c.kind == "range2" and c.y is not None and (c.m, c.d) > (c.m2, c.d2):
            y1 = c.y - 1
            c.y = y1
        if not _valid(c.y2, c.m2, c.d2) or not _valid(y1, c.m, c.d):
            return False
        if c.kind in ("range", "vrange") and c.d >= c.d2:
            return False
        if c.kind == "range2" and c.y is None and (c.m, c.d) >= (c.m2, c.d2):
            return False
    return True


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _set_time(
    c: _Core, h: int, mi: int | None, s: int | None, ap: str | None, part: str | None
) -> None:
    """Set the time of ``c`` from hour/minute/second, AM/PM or a part of day; ignore if invalid."""
    mi = 0 if mi is None else mi
    if ap:
        pm = ap.lower().startswith("p")
        if pm and h < 12:
            h += 12  # "04:19 PM"; a 24-h hour with a stray PM ("16:19:39 PM") stays
        elif not pm and h == 12:
            h = 0
    elif part:
        p = part.lower()
        if p in ("chiều", "tối") and 1 <= h < 12:
            h += 12
        elif p == "đêm" and 6 <= h < 12:
            h += 12
        elif p == "trưa" and 1 <= h <= 2:
            h += 12
    if not (0 <= h <= 24 and 0 <= mi <= 59 and (s is None or 0 <= s <= 59)):
        return
    if h == 24 and (mi or s):
        return
    c.hour, c.minute, c.second = h, mi, s


# ----------------------------------------------------------------------------- find_dates

_WINDOW = 80


def _context(c: _Core, text: str, pats: _Patterns) -> str | None:
    """Attach lead-in and time; return the evidence level ('strong', 'weak', 'weak-comma', None)."""
    lm = _search(pats.left, text, c.start - _WINDOW, c.start)
    strong = c.day_word
    c.tstart = c.start
    paren = False
    if lm and lm.end() > lm.start():
        if lm.group("pword"):
            c.part = lm.group("pword").lower()
        if lm.group("time"):
            tpart = lm.group("tpart")
            if tpart and not c.part:
                c.part = tpart.lower()
            if lm.group("lvh") is not None:
                _set_time(c, int(lm.group("lvh")), _int(lm.group("lvmi")), None, None, c.part)
            else:
                _set_time(c, int(lm.group("lch")), _int(lm.group("lcmi")), _int(lm.group("lcs")),
                          lm.group("lcap"), c.part)
        # a count of hours ("trong 72 giờ ngày 28/5") is not a time and stays out of the text
        keys = ("time", "prep", "part", "dw") if c.hour is not None else ("prep", "part", "dw")
        firsts = [lm.start(k) for k in keys if lm.start(k) >= 0]
        if firsts and not lm.group("paren"):  # "Sáng nay (15/10)": the text is what is inside
            c.tstart = min(firsts)
        if lm.group("dw") or lm.group("part") or c.hour is not None or lm.group("wd"):
            strong = True
        paren = bool(lm.group("paren"))
        c.prep = " ".join((lm.group("prep") or "").lower().split())
    c.tend = c.end
    if c.hour is None:
        rm = _match(pats.right, text, c.end, c.end + 40)
        if rm:
            if rm.group("tc"):
                _set_time(c, int(rm.group("rch")), _int(rm.group("rcmi")), _int(rm.group("rcs")),
                          rm.group("rcap"), None)
            else:
                rpart = rm.group("rpart")
                if rpart and not c.part:
                    c.part = rpart.lower()
                _set_time(c, int(rm.group("rvh")), _int(rm.group("rvmi")), None, None, rpart)
            if c.hour is not None:
                c.tend = rm.end()
    if paren and _match(_CLOSE, text, c.tend, c.tend + 10):
        strong = True
    if not strong:
        lst = _search(pats.days_list, text, c.tstart - _WINDOW, c.tstart)
        strong = lst is not None and _CONJ.search(lst.group("conj")) is not None
    if strong:
        return "strong"
    if c.prep:
        return "weak"
    if _search(pats.evidence, text, c.tstart - 30, c.tstart):
        return "weak"
    opens = _search(pats.sentence_start, text, c.tstart - 10, c.tstart) is not None
    if opens and _match(_COMMA, text, c.tend, c.tend + 5):
        return "weak-comma"
    return None


_CONJ = regex.compile(r"[,&]|và", regex.IGNORECASE)
_CLOSE = regex.compile(r"[^\S\n]*\)")
_COMMA = regex.compile(r"[^\S\n]*,")


def _accept(c: _Core, level: str | None, text: str, pats: _Patterns, linked: bool) -> bool:
    """Decide whether a year-less numeric core is a date."""
    if c.kind in ("iso", "full", "verbal", "vrange") or c.has_year:
        return True
    follows_noun = _match(pats.follower, text, c.tend, c.tend + 30) is not None
    if c.sep in ".-":
        # "Sáng 6-2", "Chiều 22.4": only with a day word, a part of day or a time
        return level == "strong" and not follows_noun
    if level == "strong":
        return True
    if level == "weak-comma":
        return True
    if level == "weak" or linked:
        return not follows_noun
    return False


def _mention(c: _Core, text: str, default_year: int | None) -> DateMention:
    def fill(y: int | None) -> int | None:
        return y if y is not None else default_year

    if c.d2 is not None and c.m2 is not None:
        y1, y2 = fill(c.y), fill(c.y2)
        if c.y is None and y1 is not None and c.kind == "range2" and (c.m, c.d) > (c.m2, c.d2):
            y1 -= 1
        value = f"{_iso(y1, c.m, c.d)}/{_iso(y2, c.m2, c.d2)}"
        precision = "day"
        is_range = True
    else:
        y = fill(c.y)
        if c.y is None and y is not None and not _valid(y, c.m, c.d):
            y = None  # "29/2" in a year that has none: the year is unknown
        value = _iso(y, c.m, c.d)
        precision = "day"
        is_range = False
        if c.hour is not None:
            value += f"T{c.hour:02d}:{c.minute or 0:02d}"
            precision = "minute"
            if c.second is not None:
                value += f":{c.second:02d}"
                precision = "second"
    inferred = c.y is None and default_year is not None and not value.startswith("XXXX")
    return DateMention(text[c.tstart : c.tend], c.tstart, c.tend, value, precision, is_range,
                       inferred, c.part)


def find_dates(
    doc: Analysis | str,
    *,
    default_year: int | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[DateMention]:
    """Every calendar date of day precision (or finer) in ``text``, ordered by start.

    ``default_year`` fills a year that is not written (else "XXXX"); nothing is reported that
    overlaps a span of ``exclude``.
    """
    text = as_analysis(doc, "find_dates").text
    if not text:
        return []
    default_year = _usable_year(default_year)
    pats = _patterns()
    excl = [(int(a), int(b)) for a, b in exclude]
    cores: list[_Core] = []
    for m in _finditer(pats.core, text):
        c = _core_from(m)
        if c is None or _overlaps(c.start, c.end, excl) or not _core_valid(c):
            continue
        cores.append(c)

    accepted: list[_Core] = []
    for c in cores:
        level = _context(c, text, pats)
        linked = False
        if accepted:
            prev = accepted[-1]
            if c.start < prev.tend:  # inside the time written after the previous date
                continue
            if c.tstart < prev.tend:  # a lead-in cannot reach into the previous date
                c.tstart = c.start
            gap = text[prev.tend : c.tstart]
            linked = len(gap) <= 20 and _match(pats.gap, gap) is not None
        if _accept(c, level, text, pats, linked):
            accepted.append(c)

    # a year left out before a linked date is the linked date's: "28/8 đến 05/9/2021"
    for i in range(len(accepted) - 2, -1, -1):
        c, nxt = accepted[i], accepted[i + 1]
        if c.y is not None or nxt.y is None or c.d2 is not None:
            continue
        gap = text[c.tend : nxt.tstart]
        if len(gap) > 20 or _match(pats.gap, gap) is None:
            continue
        y = nxt.y
        if (c.m, c.d) > (nxt.m, nxt.d):
            y -= 1
        if _valid(y, c.m, c.d):
            c.y = y

    mentions = [_mention(c, text, default_year) for c in accepted]

    # days listed before a date share its month and year: "ngày 20 và 21/11/2025"
    taken = [(mm.start, mm.end) for mm in mentions]
    for c in accepted:
        if c.kind == "iso" or c.d2 is not None:
            continue
        lm = _search(pats.days_list, text, c.tstart - _WINDOW, c.tstart)
        if not lm:
            continue
        has_conj = _CONJ.search(lm.group("conj")) is not None
        if not has_conj and c.prep not in ("đến", "tới", "đến hết"):
            continue
        y_fill = c.y if c.y is not None else default_year
        base = lm.start("days")
        for k, dm in enumerate(regex.finditer(r"\d+", lm.group("days"))):
            d = int(dm.group())
            s, e = base + dm.start(), base + dm.end()
            if not (d < c.d and _valid(y_fill, c.m, d)):
                continue
            ts = lm.start("lead") if k == 0 else s
            if _overlaps(ts, e, taken) or _overlaps(ts, e, excl):
                continue
            mentions.append(
                DateMention(text[ts:e], ts, e, _iso(y_fill, c.m, d), "day", False,
                            c.y is None and default_year is not None, None)
            )
            taken.append((ts, e))

    out = [mm for mm in mentions if not _overlaps(mm.start, mm.end, excl)]
    out.sort(key=lambda mm: (mm.start, mm.end))
    return out


# ----------------------------------------------------------------------------- find_months

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


_POSITION = {"đầu": 1, "giữa": 6, "cuối": 12}


def _position(pos: str | None, lead: str | None) -> int | None:
    """Month for "đầu/giữa/cuối năm" (beginning, middle, end of the year), else None."""
    for word in (pos, lead):
        if word and word.lower() in _POSITION:
            return _POSITION[word.lower()]
    return None


def _month_candidate(
    kind: str, m: regex.Match[str], default_year: int | None
) -> tuple[str, str, bool, bool] | None:
    """(value, precision, is_range, year_inferred) for one month-pattern match."""
    g = m.group

    def year(y: str | None, nay: bool = False) -> tuple[str, bool] | None:
        if y:
            yi = int(y)
            return (f"{yi:04d}", False) if _YEAR_MIN <= yi <= _YEAR_MAX else None
        if default_year is not None:
            return f"{default_year:04d}", True
        return "XXXX", False

    if kind == "half":
        n = int(g("n"))
        if not 1 <= n <= 12:
            return None
        yv = year(g("y"))
        if yv is None:
            return None
        a, b = (1, n) if g("pos").lower() == "đầu" else (13 - n, 12)
        return f"{yv[0]}-{a:02d}/{yv[0]}-{b:02d}", "month", True, yv[1]
    if kind == "quarter":
        q = g("q")
        qi = _ROMAN.get(q, None) if not q.isdigit() else int(q)
        if qi is None:
            return None
        yv = year(g("y"))
        if yv is None:
            return None
        a = 3 * qi - 2
        return f"{yv[0]}-{a:02d}/{yv[0]}-{a + 2:02d}", "month", True, yv[1]
    if kind in ("month", "bare_month"):
        mo = int(g("m"))
        if not 1 <= mo <= 12:
            return None
        yv = year(g("y"))
        if yv is None:
            return None
        return f"{yv[0]}-{mo:02d}", "month", False, yv[1]
    if kind in ("period", "year_span"):
        y1, y2 = int(g("y1")), int(g("y2"))
        if not (_YEAR_MIN <= y1 < y2 <= _YEAR_MAX and y2 - y1 <= 30):
            return None
        return f"{y1:04d}/{y2:04d}", "year", True, False
    if kind == "year":
        y1 = int(g("y"))
        if not _YEAR_MIN <= y1 <= _YEAR_MAX:
            return None
        if g("y2"):
            y2 = int(g("y2"))
            if _YEAR_MIN <= y1 < y2 <= _YEAR_MAX and y2 - y1 <= 30:
                return f"{y1:04d}/{y2:04d}", "year", True, False
        pos = _position(g("pos"), g("lead"))
        if pos:
            return f"{y1:04d}-{pos:02d}", "month", False, False
        return f"{y1:04d}", "year", False, False
    if kind == "relative":
        yv = year(None)
        assert yv is not None
        pos = _position(g("pos"), g("lead"))
        if pos:
            return f"{yv[0]}-{pos:02d}", "month", False, yv[1]
        return yv[0], "year", False, yv[1]
    return None


def find_months(
    text: str,
    *,
    default_year: int | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[DateMention]:
    """Month, quarter and year mentions (not dates), ordered by start.

    "tháng 9/2021" → "2021-09"; "Quý III/2021" and "6 tháng đầu năm 2021" → month ranges;
    "năm 2025" → "2025"; "cuối năm" → "<default_year>-12"; "nhiệm kỳ 2020-2025" → "2020/2025".
    Parts of day dates (``find_dates``) and spans of ``exclude`` are skipped.
    """
    if not text or not isinstance(text, str):
        return []
    default_year = _usable_year(default_year)
    pats = _patterns()
    excl = [(int(a), int(b)) for a, b in exclude]
    days = find_dates(text, default_year=default_year, exclude=excl)
    blocked = excl + [(d.start, d.end) for d in days]
    cands: list[tuple[int, int, int, DateMention]] = []
    for prio, (kind, pat) in enumerate(pats.months):
        for m in _finditer(pat, text):
            s, e = m.span()
            if e <= s or _overlaps(s, e, blocked):
                continue
            got = _month_candidate(kind, m, default_year)
            if got is None:
                continue
            value, precision, is_range, inferred = got
            mention = DateMention(text[s:e], s, e, value, precision, is_range, inferred)
            cands.append((s, -(e - s), prio, mention))
    cands.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[DateMention] = []
    for _, _, _, mm in cands:
        if out and mm.start < out[-1].end:
            continue
        out.append(mm)
    return out


# ----------------------------------------------------------------------------- find_periods


@dataclass(frozen=True, slots=True)
class Period:
    """A month, quarter, half-year, year or term; ``text == source[start:end]``.

    ``value`` is ISO ("2021-08", "2026-01/2026-03", "2025-01/2025-06", "2025", "2021/2026";
    "XXXX-08" when the year cannot be known; None for a relative period without a reference).
    ``first_day``/``last_day`` are ISO days (None when the year is unknown): the last day is what a
    deadline "trước tháng 12/2025", "trong năm 2026" means. ``precision`` is "month", "quarter",
    "half" or "year". ``lead`` is the preposition kept in the text ("trong", "trước", "đến hết"…),
    lower case, or None.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    first_day: str | None
    last_day: str | None
    is_range: bool = False
    year_inferred: bool = False
    relative: bool = False
    anchor: str | None = None
    lead: str | None = None


def _period_days(value: str) -> tuple[str | None, str | None]:
    sides = value.split("/")
    first, last = sides[0], sides[-1]
    if first.startswith("X") or last.startswith("X"):
        return None, None
    fy, fm = int(first[:4]), int(first[5:7]) if len(first) >= 7 else 1
    ly, lm = int(last[:4]), int(last[5:7]) if len(last) >= 7 else 12
    return _iso(fy, fm, 1), _iso(ly, lm, calendar.monthrange(ly, lm)[1])


def _period_precision(value: str) -> str:
    sides = value.split("/")
    if len(sides[0]) == 4:
        return "year"
    if len(sides) == 2:
        a, b = int(sides[0][5:7]), int(sides[1][5:7])
        if b - a == 2 and a % 3 == 1:
            return "quarter"
        if b - a == 5 and a in (1, 7):
            return "half"
    return "month"


def find_periods(
    doc: Analysis | str,
    *,
    default_year: int | None = None,
    reference: str | dt.date | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    relative: bool = True,
) -> list[Period]:
    """Months, quarters, half-years, years and terms, ordered by start; never inside a day.

    "trước tháng 12/2025" → value "2025-12", last_day "2025-12-31"; "trong quý I năm 2026" →
    "2026-01/2026-03", last_day "2026-03-31"; "6 tháng đầu năm 2026" → "2026-01/2026-06";
    "trong năm 2026" → "2026", last_day "2026-12-31". ``reference`` (the document's date) gives the
    year when ``default_year`` is not given.
    """
    text = as_analysis(doc, "find_periods").text
    if default_year is None and isinstance(reference, (str, dt.date)):
        default_year = int(str(reference)[:4]) if str(reference)[:4].isdigit() else None
    out: list[Period] = []
    for m in find_months(text, default_year=default_year, exclude=exclude):
        first, last = _period_days(m.value)
        lead = next((w for w in sorted(load_json("dates")["month_lead_ins"], key=len, reverse=True)
                     if m.text.lower().startswith(w + " ")), None)
        out.append(Period(m.text, m.start, m.end, m.value, _period_precision(m.value), first, last,
                          m.is_range, m.year_inferred, lead=lead))
    return out
