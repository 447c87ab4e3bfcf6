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

import regex

from directive_nlp.extract.dates.absolute import Core, right_time, set_time
from directive_nlp.extract.dates.lexicons import lex, settings
from directive_nlp.extract.dates.model import DateMention, Period, overlaps, period_days
from directive_nlp.extract.dates.patterns import Patterns, patterns
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


def _begin(m: regex.Match[str]) -> int:
    return m.start("prep") if m.group("prep") else m.start()


def _day_hit(kind: str, m: regex.Match[str]) -> _Hit:
    offset = lex().relative_days[fold(m.group("rel"))][0]
    part = m.group("pword").lower() if m.group("pword") else None
    return _Hit(_begin(m), m.end(), "day", offset, part=part, prep=(m.group("prep") or "").lower())


_WORD_AFTER = regex.compile(r"[^\S\n]+\p{Ll}")
_ENUMERATION = regex.compile(r"(?<![\p{L}\p{N}])thứ\s+(?:nhất|1)(?![\p{L}\p{N}])", regex.IGNORECASE)


def _reads_as_weekday(m: regex.Match[str], text: str, pats: Patterns) -> bool:
    """See module doc: one weekday, not an ordinal nor every such day ("mỗi thứ Hai")."""
    wd_start = m.start("wd")
    if rx.search(pats.habit_before, text, max(0, wd_start - 20), wd_start) or \
            rx.match(pats.habit_after, text, m.end(), m.end() + 20):
        return False
    if m.group("prep") or m.group("pword") or m.group("wshift"):
        return True
    if rx.search(pats.evidence, text, max(0, wd_start - 30), wd_start):
        return True  # "vào thứ Năm", "hôm thứ 5"
    if regex.search(r"[\p{L}\p{N}][^\S\n]*\Z", text[max(0, wd_start - 12) : wd_start]):
        return False  # "lần thứ Năm", "phiên họp thứ hai", "Kịch bản thứ 3"
    name = m.group("wd")
    if fold(name).startswith("chủ"):
        return True
    last = name.split()[-1]
    if not (last[:1].isupper() or last[:1].isdigit()):
        return False  # "Thứ hai, việc …": an ordinal unless something says "day"
    if last[:1].isdigit() and rx.match(_WORD_AFTER, text, m.end(), m.end() + 3):
        return False  # "(thứ 2 từ trái qua)": a rank in a row
    return _ENUMERATION.search(text, 0, wd_start) is None  # "Thứ nhất, … Thứ Hai, …"


def _weekday_hit(m: regex.Match[str], text: str, pats: Patterns) -> _Hit | None:
    if not _reads_as_weekday(m, text, pats):
        return None
    wd = lex().weekdays.get(fold(m.group("wd")))
    shift = lex().shifts[fold(m.group("wshift"))][0] if m.group("wshift") else None
    part = m.group("pword").lower() if m.group("pword") else None
    return _Hit(_begin(m), m.end(), "weekday", weekday=wd, week_shift=shift, part=part,
                prep=(m.group("prep") or "").lower())


def _counted(m: regex.Match[str]) -> tuple[str, int] | None:
    """(unit, amount) of "2 tuần 3 ngày", "14 tháng"; None for mixed calendar units."""
    units = lex().units
    pairs = [(units[fold(m.group("u1"))], int(m.group("n1")))]
    if m.group("u2"):
        pairs.append((units[fold(m.group("u2"))], int(m.group("n2"))))
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


def _counted_hit(kind: str, m: regex.Match[str], text: str) -> _Hit | None:
    got = _counted(m)
    if got is None:
        return None
    unit, n = got
    shifts, roles = lex().shifts, lex().lead_ins
    word = m.group("post") if kind == "counted_after" else m.group("pre")
    sign = shifts[fold(word)][0]
    post = m.group("post")
    # a preposition that ends the phrase has no object ("3 ngày trước khi …" is not a date)
    if post and fold(post) in roles and _has_object(text, m.end()):
        return None
    if kind == "counted_before" and fold(word) in roles and not post and _has_object(text, m.end()):
        return None  # "sau 3 ngày điều trị": after another event
    prep = (m.groupdict().get("prep") or "").lower()
    if prep and roles.get(fold(prep), ("",))[0] == "within":
        return None
    start = _begin(m) if kind == "counted_after" else m.start()
    return _Hit(start, m.end(), unit, sign * n, prep=prep)


def _bare_hit(m: regex.Match[str], text: str) -> _Hit | None:
    unit = lex().units[fold(m.group("u1"))][0]
    sign, _, _, units = lex().shifts[fold(m.group("shift"))]
    if unit == "day" or (units and unit not in units) or rx.match(_THEN, text, m.end(), m.end() + 6):
        return None
    n = sign * 7 if unit == "week" else sign
    return _Hit(_begin(m), m.end(), unit, n, prep=(m.group("prep") or "").lower())


def _hit(kind: str, m: regex.Match[str], text: str) -> _Hit | None:
    if kind in ("day", "part_day"):
        return _day_hit(kind, m)
    if kind == "bare":
        return _bare_hit(m, text)
    return _counted_hit(kind, m, text)


def _weekday_hits(pat: regex.Pattern[str], text: str, pats: Patterns) -> list[_Hit]:
    """Weekdays that read as one day; weekdays listed together ("thứ Bảy hoặc Chủ nhật", "từ thứ
    Hai đến thứ Sáu") are any such days (a schedule), not dates."""
    found = rx.finditer(pat, text)
    listed: set[int] = set()
    for k, (a, b) in enumerate(zip(found, found[1:])):
        if rx.match(pats.weekday_link, text[a.end("wd") : b.start("wd")]):
            listed.update((k, k + 1))
    hits = [_weekday_hit(m, text, pats) for k, m in enumerate(found) if k not in listed]
    return [h for h in hits if h is not None]


def _hits(text: str, pats: Patterns, excl: list[tuple[int, int]]) -> list[_Hit]:
    found: list[tuple[int, int, int, _Hit]] = []
    for prio, (kind, pat) in enumerate(pats.relative):
        if kind == "weekday":
            hits: list[_Hit | None] = list(_weekday_hits(pat, text, pats))
        else:
            hits = [_hit(kind, m, text) for m in rx.finditer(pat, text)]
        for hit in hits:
            if hit is not None and not overlaps(hit.start, hit.end, excl):
                found.append((hit.start, -(hit.end - hit.start), prio, hit))
    found.sort(key=lambda t: t[:3])
    out: list[_Hit] = []
    for *_, hit in found:
        if not out or hit.start >= out[-1].end:
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
    lm = rx.search(pats.left, text, c.start - settings().lead_in_window, c.start)
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
