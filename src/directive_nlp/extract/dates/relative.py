"""Expressions that name a day or a period by its distance from the reference date.

* relative days: "hôm nay", "hôm qua", "hôm kia", "ngày mai", "sáng nay", "tối qua", "chiều mai",
  with a time when one is written ("Hôm nay 15:39", "8 giờ sáng nay");
* weekdays: "Thứ Năm", "thứ 5", "Chủ nhật", "sáng thứ Hai tuần tới" — the nearest such day on or
  before the reference in a report, on or after it in an announcement (the clause's tense marker,
  else the document kind); "tuần trước/này/tới" picks the week. A weekday name is a day only when
  it reads as one: the numeral capitalised ("thứ Năm"), "Chủ nhật", or a preposition, a part of
  day, "vào/hôm" before it or a week after it — "Thứ hai, việc xây dựng…" and "lần thứ 5" are
  ordinals;
* counted shifts: "23 ngày trước", "2 tuần 3 ngày trước", "cách đây 3 ngày", "sau 2 ngày",
  "3 ngày nữa", "14 tháng trước" — a preposition that ends the phrase ("trước", "sau") must have
  no object ("3 ngày trước khi…" is not one), and "trong 3 ngày trước" is a span, not a day;
* bare shifts: "tuần trước", "tháng tới", "quý này", "năm ngoái", "năm nay" ("… trước đó" is
  relative to another event, not to the reference).

Days and weeks become :class:`DateMention` (a week: the reference moved by whole weeks, precision
"week"); months, quarters and years become :class:`Period`. With no reference the value is None
(a year-level expression still takes ``default_year``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from functools import lru_cache

import regex

from directive_nlp.extract.dates.absolute import Core, right_time, set_time
from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.model import DateMention, Period, SpanIndex, overlaps, period_days
from directive_nlp.extract.dates.patterns import RELATIVE_KINDS, Patterns, ending_at, kind_of, lead_in, patterns, scan
from directive_nlp.extract.dates.years import looks_ahead
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

__all__ = ["find_relative"]


@dataclass
class _Hit:
    """One relative expression as matched: its span and how far it moves from the reference."""

    start: int
    end: int
    unit: str  # "day" | "week" | "month" | "quarter" | "year" | "weekday"
    n: int = 0  # days for day/week, months, quarters, years
    weekday: int | None = None
    week_shift: int | None = None
    part: str | None = None
    prep: str = ""


_OBJECT_AFTER = regex.compile(r"[^\S\n]*[\p{L}\p{N}]")
_THEN = regex.compile(r"\s+(?:đó|ấy)(?![\p{L}\p{N}])", regex.IGNORECASE)


@dataclass(frozen=True)
class _Seen:
    """One match of the relative pattern with what stands before it (a preposition, a part of day)."""

    kind: str
    m: regex.Match[str]
    prep: str  # lower case, "" when none
    part: str | None  # "sáng", "chiều"… (before the head word, or in it: "sáng nay")
    start: int  # where the text starts

    def group(self, name: str) -> str:
        return self.m.group(name) or ""


def _seen(kind: str, m: regex.Match[str], text: str, pats: Patterns, floor: int) -> _Seen:
    lm = ending_at(pats.relative_left, text, max(floor, m.start() - 40), m.start())
    prep, part, start = "", None, m.start()
    if kind == "part_day":
        part = m.group("ppword").lower()
    if lm is not None:
        if lm.group("pword") and kind in ("day", "weekday"):
            part, start = lm.group("pword").lower(), lm.start("part")
        if lm.group("prep") and (kind in ("day", "weekday", "part_day") or not lm.group("part")):
            prep, start = " ".join(lm.group("prep").lower().split()), lm.start("prep")
    return _Seen(kind, m, prep, part, start)


def _day_hit(f: _Seen) -> _Hit:
    word = f.group("rel") or f.group("prel")
    offset = lex().relative_days[fold(word)][0]
    return _Hit(f.start, f.m.end(), "day", offset, part=f.part, prep=f.prep)


# a lower-case word after it, on the same line or the next one (a line break is only a wrap there)
_WORD_AFTER = regex.compile(r"(?=\s)[^\S\n]*(?:\n[^\S\n]*)?\p{Ll}")
_ENUMERATION = regex.compile(r"(?<![\p{L}\p{N}])thứ\s+(?:nhất|1)(?![\p{L}\p{N}])", regex.IGNORECASE)


def _reads_as_weekday(f: _Seen, text: str, pats: Patterns) -> bool:
    """See module doc: one weekday, not an ordinal nor every such day ("mỗi thứ Hai")."""
    m = f.m
    wd_start = m.start("wd")
    if ending_at(pats.habit_before, text, max(0, wd_start - 20), wd_start) or \
            rx.match(pats.habit_after, text, m.end(), m.end() + 20):
        return False
    if f.prep or f.part or f.group("wshift"):
        return True
    if ending_at(pats.evidence, text, max(0, wd_start - 30), wd_start):
        return True  # "vào thứ Năm", "hôm thứ 5"
    if regex.search(r"[\p{L}\p{N}][^\S\n]*\Z", text[max(0, wd_start - 12) : wd_start]):
        return False  # "lần thứ Năm", "phiên họp thứ hai", "Kịch bản thứ 3"
    name = f.group("wd")
    if fold(name).startswith("chủ"):
        return True
    last = name.split()[-1]
    if not (last[:1].isupper() or last[:1].isdigit()):
        return False  # "Thứ hai, việc …": an ordinal unless something says "day"
    if last[:1].isdigit() and rx.match(_WORD_AFTER, text, m.end(), m.end() + 3):
        return False  # "(thứ 2 từ trái qua)": a rank in a row
    return not _enumerated_before(text, wd_start)  # "Thứ nhất, … Thứ Hai, …"


@lru_cache(maxsize=4)
def _first_enumeration_end(text: str) -> int | None:
    m = _ENUMERATION.search(text)
    return None if m is None else m.end()


def _enumerated_before(text: str, at: int) -> bool:
    """An enumeration ("Thứ nhất") is written before ``at``: the text's first one, found once per
    text (a search from the start per weekday made weekday-heavy texts quadratic); one that ends
    right at ``at`` is read on a short window before it, as a search ending there reads it."""
    first = _first_enumeration_end(text)
    if first is not None and first <= at:
        return True
    return _ENUMERATION.search(text, max(0, at - 200), at) is not None


def _weekday_hit(f: _Seen, text: str, pats: Patterns) -> _Hit | None:
    if not _reads_as_weekday(f, text, pats):
        return None
    wd = lex().weekdays.get(fold(f.group("wd")))
    shift = lex().shifts[fold(f.group("wshift"))][0] if f.group("wshift") else None
    return _Hit(f.start, f.m.end(), "weekday", weekday=wd, week_shift=shift, part=f.part, prep=f.prep)


def _counted(f: _Seen, p: str) -> tuple[str, int] | None:
    """(unit, amount) of "2 tuần 3 ngày", "14 tháng"; None for mixed calendar units."""
    units = lex().units
    pairs = [(units[fold(f.group(f"{p}u1"))], int(f.group(f"{p}n1")))]
    if f.group(f"{p}u2"):
        pairs.append((units[fold(f.group(f"{p}u2"))], int(f.group(f"{p}n2"))))
    if all(days is not None for (_, days), _ in pairs):
        total = sum(days * n for (_, days), n in pairs)
        return ("day" if any(u == "day" for (u, _), _ in pairs) else "week"), total
    if len(pairs) == 1:
        return pairs[0][0][0], pairs[0][1]
    return None


def _has_object(text: str, pos: int) -> bool:
    """A word follows that is not a tense marker ("3 ngày trước khi", not "2 tuần trước đã có")."""
    if not rx.match(_OBJECT_AFTER, text, pos, pos + 3):
        return False
    gap = len(text[pos:pos + 3]) - len(text[pos:pos + 3].lstrip())
    return rx.match(patterns().tense, text, pos + gap, pos + gap + 20) is None


def _counted_hit(f: _Seen, text: str) -> _Hit | None:
    before = f.kind == "counted_before"
    got = _counted(f, "b" if before else "a")
    if got is None:
        return None
    unit, n = got
    shifts, roles = lex().shifts, lex().lead_ins
    post = f.group("bpost") if before else f.group("apost")
    sign = shifts[fold(f.group("pre") if before else post)][0]
    end = f.m.end()
    # a preposition that ends the phrase has no object ("3 ngày trước khi …" is not a date)
    if post and fold(post) in roles and _has_object(text, end):
        return None
    if before and not post and fold(f.group("pre")) in roles and _has_object(text, end):
        return None  # "sau 3 ngày điều trị": after another event
    if f.prep and roles.get(fold(f.prep), ("",))[0] == "within":
        return None  # "trong 3 ngày trước": a span
    return _Hit(f.m.start() if before else f.start, end, unit, sign * n, prep="" if before else f.prep)


def _bare_hit(f: _Seen, text: str) -> _Hit | None:
    unit = lex().units[fold(f.group("u0"))][0]
    sign, _, _, units = lex().shifts[fold(f.group("shift"))]
    if unit == "day" or (units and unit not in units) or rx.match(_THEN, text, f.m.end(), f.m.end() + 6):
        return None
    n = sign * 7 if unit == "week" else sign
    return _Hit(f.start, f.m.end(), unit, n, prep=f.prep)


def _hit(f: _Seen, text: str, pats: Patterns) -> _Hit | None:
    if f.kind in ("day", "part_day"):
        return _day_hit(f)
    if f.kind == "weekday":
        return _weekday_hit(f, text, pats)
    if f.kind == "bare":
        return _bare_hit(f, text)
    return _counted_hit(f, text)


def _listed_weekdays(found: list[_Seen], text: str, pats: Patterns) -> set[int]:
    """Weekdays listed together ("thứ Bảy hoặc Chủ nhật", "từ thứ Hai đến thứ Sáu") are any such
    days (a schedule), not dates: their indices in ``found``."""
    wds = [k for k, f in enumerate(found) if f.kind == "weekday"]
    listed: set[int] = set()
    for a, b in zip(wds, wds[1:]):
        if rx.match(pats.weekday_link, text[found[a].m.end("wd") : found[b].m.start("wd")]):
            listed.update((a, b))
    return listed


def _hits(text: str, pats: Patterns, excl: list[tuple[int, int]]) -> list[_Hit]:
    found: list[_Seen] = []
    for m in scan(pats.relative, pats.relative_at, text):
        kind = kind_of(m, RELATIVE_KINDS)
        found.append(_seen(kind, m, text, pats, found[-1].m.end() if found else 0))
    listed = _listed_weekdays(found, text, pats)
    index = SpanIndex(excl)
    out: list[_Hit] = []
    for k, f in enumerate(found):
        hit = None if k in listed else _hit(f, text, pats)
        if hit is not None and not overlaps(hit.start, hit.end, index):
            out.append(hit)
    return out


# ----------------------------------------------------------------------------- resolution


def _weekday_day(hit: _Hit, ref: dt.date, ahead: bool) -> dt.date:
    wd = hit.weekday or 1
    if hit.week_shift is not None:
        monday = ref - dt.timedelta(days=ref.isoweekday() - 1)
        return monday + dt.timedelta(days=7 * hit.week_shift + wd - 1)
    if ahead:
        return ref + dt.timedelta(days=(wd - ref.isoweekday()) % 7)
    return ref - dt.timedelta(days=(ref.isoweekday() - wd) % 7)


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + k
    return total // 12, total % 12 + 1


def _period_value(hit: _Hit, ref: dt.date | None, default_year: int | None) -> str | None:
    if hit.unit == "year":
        base = ref.year if ref is not None else default_year
        return None if base is None else f"{base + hit.n:04d}"
    if ref is None:
        return None
    if hit.unit == "month":
        y, m = _month_shift(ref.year, ref.month, hit.n)
        return f"{y:04d}-{m:02d}"
    q = (ref.month - 1) // 3 + hit.n  # quarter index from 0, moved
    y, q0 = ref.year + q // 4, q % 4
    return f"{y:04d}-{3 * q0 + 1:02d}/{y:04d}-{3 * q0 + 3:02d}"


def _period(hit: _Hit, text: str, ref: dt.date | None, default_year: int | None) -> Period:
    value = _period_value(hit, ref, default_year)
    first, last = period_days(value)
    anchor = ref.isoformat() if ref is not None else (f"{default_year:04d}" if value else None)
    return Period(text[hit.start : hit.end], hit.start, hit.end, value, hit.unit, first, last,
                  is_range=hit.unit == "quarter", relative=True, anchor=anchor, lead=hit.prep or None)


def _day_mention(hit: _Hit, text: str, pats: Patterns, ref: dt.date | None, announce: bool) -> DateMention:
    holder = Core(hit.start, hit.end, "relative", "", 1, 1, 0, part=hit.part, tstart=hit.start, tend=hit.end)
    _time_before(holder, text, pats)
    right_time(holder, text, pats, hit.end)
    value = None
    if ref is not None:
        if hit.unit == "weekday":
            day = _weekday_day(hit, ref, looks_ahead(text, hit.start, hit.end, pats, announce))
        else:
            day = ref + dt.timedelta(days=hit.n)
        value = day.isoformat()
        if holder.hour is not None:
            value += f"T{holder.hour:02d}:{holder.minute or 0:02d}"
    precision = "week" if hit.unit == "week" else ("minute" if holder.hour is not None else "day")
    s, e = holder.tstart, holder.tend
    return DateMention(text[s:e], s, e, value, precision, False, False, hit.part, True,
                       ref.isoformat() if ref is not None else None)


def _time_before(c: Core, text: str, pats: Patterns) -> None:
    """"8 giờ sáng nay": a clock time right before the expression."""
    lm = lead_in(pats, text, c.start - settings().lead_in_window, c.start)
    if lm is None or not lm.group("time") or lm.end("time") < lm.start() or any(
        lm.group(k) for k in ("prep", "part", "dw", "paren")
    ):
        return
    if lm.group("lvh") is not None:
        set_time(c, int(lm.group("lvh")), int(lm.group("lvmi") or 0), None, None, c.part)
    else:
        set_time(c, int(lm.group("lch")), int(lm.group("lcmi")), None, lm.group("lcap"), c.part)
    if c.hour is not None:
        c.tstart = lm.start("time")


def find_relative(
    text: str,
    pats: Patterns,
    *,
    reference: dt.date | None,
    default_year: int | None,
    announce: bool,
    exclude: list[tuple[int, int]],
) -> tuple[list[DateMention], list[Period]]:
    """Relative days (and weeks) and relative periods, ordered by start (see module doc)."""
    days: list[DateMention] = []
    periods: list[Period] = []
    for hit in _hits(text, pats, exclude):
        if hit.unit in ("day", "week", "weekday"):
            days.append(_day_mention(hit, text, pats, reference, announce))
        else:
            periods.append(_period(hit, text, reference, default_year))
    return days, periods
