"""The regular expressions of the date extractors, built once from the lexicons.

Numbers are read with regular expressions (a date is digits and separators); every word in them
comes from a lexicon (:mod:`directive_nlp.extract.dates.lexicons`) and is matched as a whole word.
Between the words of a date, a space run with at most one line break is allowed, and so is the
markup a table cell or an emphasis leaves around a line break ("ngày 18** |\\n| **tháng 11").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from directive_nlp.extract.dates.lexicons import Lex, lex
from directive_nlp.text import rx

__all__ = ["H", "WS", "LB", "RB", "NLB", "NRB", "alt", "Patterns", "patterns", "scan", "ending_at", "lead_in",
           "kind_of", "CORE_KINDS", "PERIOD_KINDS",
           "RELATIVE_KINDS"]

H = r"[^\S\n]"  # horizontal white space (\r included)
G = rf"{H}*\n?{H}*"  # any horizontal space and at most one line break (a re-wrapped time)
# at least one space, at most one line break; markup around a line break (markdown tables)
_MD = rf"{H}*[*_]*{H}*\|?{H}*\n{H}*\|?{H}*[*_]*{H}*"
_WS_BODY = rf"(?>{_MD}|{H}+\n?{H}*|\n{H}*)"
#: the space between two words of a date: a call of the group ``ws`` that :func:`_compile` defines
#: once at the end of every pattern using it. Written out at each of hundreds of word gaps, its 13
#: character sets made compiling the date patterns take ~0.15 s of every process's start; the
#: group is atomic, so a call matches exactly what the inline copy did.
WS = "(?&ws)"
#: A call costs a few microseconds (it saves the pattern's many groups), so :func:`_compile` puts
#: two fast paths before it, read in the pattern's direction (``REVERSE`` reads backwards): the
#: usual gap, one space beside a character that is neither space nor markup (the group matches
#: that one space too), and no call where the gap cannot start (the group starts with a space,
#: a line break or markup).
_GAP = {
    False: rf"(?>{H}(?![\s*_|])|(?=[\s*_|]){WS})",
    True: rf"(?>(?<![\s*_|]){H}|{WS}(?<=[\s*_|]))",
}
LB = r"(?<![\p{L}\p{N}])"
RB = r"(?![\p{L}\p{N}])"
# number boundaries: not inside a longer number, a symbol ("30/2020/NĐ-CP", "NQ-12/3"),
# a decimal ("11,5 - 12,4") or a word ("F1", "Covid-19")
NLB = r"(?<![\p{L}\p{N}_/+])(?<![\p{N}][.,:\-–])(?<!\p{L}[\-–])"
NRB = r"(?![\p{L}\p{N}_])(?![/.\-–,:+]\p{N})(?![/\-–]\p{L})" + rf"(?!{H}*%)"
_FLAGS = regex.IGNORECASE | regex.VERSION0
_VFLAGS = _FLAGS | regex.VERBOSE
#: words that list dates ("ngày 20 và 21/11", "30/4, 1/5") rather than bound a range
LIST_WORDS = (",", "và", "&", "hoặc")


def _compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile``, with the group that :data:`WS` calls defined when the pattern uses it
    (last, so it numbers no group before it), each call behind its fast paths (:data:`_GAP`)."""
    if WS in pattern:
        pattern = pattern.replace(WS, _GAP[bool(flags & regex.REVERSE)]) + rf"(?(DEFINE)(?P<ws>{_WS_BODY}))"
    return regex.compile(pattern, flags)


@lru_cache(maxsize=8)
def _lower(text: str) -> str | None:
    """The text in lower case, when that keeps every offset (it does for Vietnamese)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def triggers(words: Iterable[str], number: str = "", phrases: Iterable[str] = (),
             led: Iterable[tuple[str, str]] = ()) -> re.Pattern[str]:
    """Where a match can start: the first syllable of one of ``words``, one of ``phrases`` whole
    (its syllables apart by a gap that :data:`WS` can match; what starts only with a whole phrase
    is not tried at its first word alone: "ngày 12" is no "ngày mai"), a word of ``led`` (word,
    what a gap then must start with: a standard-library pattern) or a number (a whole digit
    run, followed by what ``number`` requires, when given), found on the lower-cased text by a
    cheap standard-library pattern. Each trigger takes one word, so none hides another."""
    heads: dict[str, str] = {w.split()[0].lower(): "" for w in words if w.strip()}
    tails: dict[str, set[str]] = {}  # first syllable → the rest of its phrases
    for ph in phrases:
        first, *rest = ph.lower().split()
        tails.setdefault(first, set()).add(_GAPS.join(map(re.escape, rest)))
    for word, then in led:
        tails.setdefault(word.lower(), set()).add(then)
    for first, rests in tails.items():
        if first not in heads and "" not in rests:  # else the first syllable alone triggers
            heads[first] = rf"(?={_GAPS}(?:{'|'.join(sorted(rests, key=lambda r: (-len(r), r)))}))"
        heads.setdefault(first, "")
    assert not any(w[0].isdigit() for w in heads), "a word that starts a match begins with a letter"
    firsts = [re.escape(w) + heads[w] for w in sorted(heads, key=lambda w: (-len(w), w))]
    chars = "".join(sorted({re.escape(w[0]) for w in heads}))  # the scan skips other characters fast
    return re.compile(rf"(?=[{chars}\d])(?:(?<!\w)(?:{'|'.join(firsts)})(?!\w)"
                      rf"|(?<!\d)\d+(?!\d){number})")


#: what follows a day word that starts a date (:func:`_core`: "ngày 9 tháng", "ngày 20 - 21 tháng";
#: "ngày 12/3/2024" starts at its number)
_DAY_THEN = r"\d{1,2}(?:[^\S\n]*[-–][^\S\n]*\d{1,2})?[\s*_|]+tháng"


def _next_word(words: Iterable[str]) -> str:
    """What follows a number that counts one of ``words`` (lower case): spaces, then the word
    whole (not the start of a longer one)."""
    alts = sorted({w for w in words if re.fullmatch(r"[^\W\d_]+", w)}, key=lambda w: (-len(w), w))
    return rf"\s*(?:{'|'.join(map(re.escape, alts))})(?![^\W\d_])"


#: a gap between two words, or more (what :data:`WS` matches is made of these characters)
_GAPS = r"[\s*_|]+"


def _period_number(lx: Lex) -> str:
    """What follows a number (a whole digit run) that starts a period: a count of months and its
    position ("6 tháng đầu năm", not "28 tháng 5"), a month/year ("11/1940", not after "/", "+" or
    "_") or the first year of a span ("2021-2025")."""
    heads = sorted({p.split()[0].lower() for p, (m, _) in lx.positions.items() if m is not None})
    return (rf"(?:(?<!\d\d\d)(?={_next_word(['tháng'])}{_GAPS}(?:{'|'.join(map(re.escape, heads))}))"
            r"|(?<![/+_]\d)(?<![/+_]\d\d)(?<!\d\d\d)(?=/\d{4}(?!\d))"
            r"|(?<=(?<!\d)\d{4})(?=[^\S\n]*[-–]))")


def _relative_number(lx: Lex) -> str:
    """What follows a number that starts a relative expression (it can only be a count before its
    shift word, "23 ngày trước", "2 tuần 3 ngày trước"): a time unit, maybe a second count and
    unit, then the shift word ("28 tháng 5 năm 2021" has none)."""
    shifts = {w.split()[0].lower() for w in lx.shift_words("after", "counted") if w.strip()}
    unit = _next_word(lx.units)
    again = unit.removeprefix(r"\s*")  # the second unit, after a gap
    second = rf"\d{{1,3}}{_GAPS}{again}{_GAPS}"  # "2 tuần 3 ngày trước"
    return (rf"(?<!\d\d\d\d)(?={unit}{_GAPS}(?:{second})?"
            rf"(?:{'|'.join(map(re.escape, sorted(shifts, key=lambda w: (-len(w), w))))})(?![^\W\d_]))")


def _relative_starts(lx: Lex) -> list[str]:
    """The phrases that start a relative expression without a number (see :func:`_relative`): a
    relative day, a weekday's name, a unit and its shift word ("tuần sau", not "ngày 12")."""
    bare = lx.shift_words("after", "bare")
    return [*(p for p, (_, form) in lx.relative_days.items() if form == "alone"),
            *(w for w in lx.weekdays if " " in w), *(f"{u} {b}" for u in lx.units for b in bare)]


def scan(pattern: regex.Pattern[str], at: re.Pattern[str], text: str) -> list[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts where ``at`` finds a
    trigger (:func:`triggers`): the pattern is tried only there (leftmost, non-overlapping), which
    spares the regular-expression engine a try at every character."""
    low = _lower(text)
    if low is None:
        return rx.finditer(pattern, text)
    out: list[regex.Match[str]] = []
    pos = 0
    for t in at.finditer(low):
        start = t.start()
        if start < pos:
            continue
        m = rx.match(pattern, text, start)
        if m is not None and m.end() > m.start():
            out.append(m)
            pos = m.end()
    return out


#: the alternatives of :attr:`Patterns.core`
CORE_KINDS = ("range2", "range", "iso", "full", "vrange", "mfirst", "verbal", "short")


def kind_of(m: regex.Match[str], kinds: Sequence[str]) -> str:
    """Which of the alternatives ``kinds`` (each one named group) matched: the group closed last,
    when it is one of them (it is: an alternative's group closes after those inside it)."""
    k = m.lastgroup
    if k in kinds and m.group(k) is not None:
        return k
    return next(k for k in kinds if m.group(k) is not None)


def ending_at(pattern: regex.Pattern[str], text: str, lo: int, hi: int) -> regex.Match[str] | None:
    """The match of a pattern read backwards (``REVERSE``, ending in ``\\Z``) that ends at ``hi``
    and starts at ``lo`` or after: the end of the window is the only place where such a pattern
    can match, so it is tried there alone (a search tries every position of the window in vain)."""
    return rx.match(pattern, text, lo, hi)


def alt(words: Sequence[str]) -> str:
    """Alternation of phrases, longest first; a space matches any white space run."""
    uniq = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(WS.join(regex.escape(p) for p in w.split()) for w in uniq)


def time_v(p: str) -> str:
    """'6 giờ', '16 giờ 30 phút', '8h00', '8h30'', '14h'."""
    return (
        rf"(?<![\p{{N}}:.,/])(?P<{p}h>\d{{1,2}})(?:{H}*|{G}(?=giờ))(?:giờ|h)"
        rf"(?:{G}(?P<{p}mi>\d{{1,2}})(?:{G}(?:phút|p)|')?)?{RB}"
    )


def time_c(p: str) -> str:
    """'06:46', '16:19:39 PM'."""
    return (
        rf"(?<![\p{{N}}:.,/])(?P<{p}h>\d{{1,2}}):(?P<{p}mi>\d{{2}})(?::(?P<{p}s>\d{{2}}))?"
        rf"(?!\p{{N}})(?:{G}(?P<{p}ap>[AaPp]\.?[Mm]\.?)(?!\p{{L}}))?"
    )


def _month(p: str, names: str) -> str:
    """A month as a number or a spelled-out name ('tháng 12', 'tháng Mười Hai')."""
    return rf"(?:(?P<{p}_m>\d{{1,2}})|(?P<{p}_mn>{names}){RB})"


@dataclass(frozen=True)
class Patterns:
    core: regex.Pattern[str]
    core_at: re.Pattern[str]
    left: regex.Pattern[str]
    right: regex.Pattern[str]
    right_year: regex.Pattern[str]
    lunar_after: regex.Pattern[str]
    evidence: regex.Pattern[str]
    follower: regex.Pattern[str]
    sentence_start: regex.Pattern[str]
    days_list: regex.Pattern[str]
    link_gap: regex.Pattern[str]
    time_range: regex.Pattern[str]
    periods: regex.Pattern[str]
    periods_at: re.Pattern[str]
    period_left: regex.Pattern[str]
    relative: regex.Pattern[str]
    relative_at: re.Pattern[str]
    relative_left: regex.Pattern[str]
    tense: regex.Pattern[str]
    habit_before: regex.Pattern[str]
    habit_after: regex.Pattern[str]
    weekday_link: regex.Pattern[str]


def _core(lx: Lex) -> regex.Pattern[str]:
    """Every written day: ranges, ISO, numeric, verbal ('ngày 9 tháng Một năm 2015'), month first."""
    dw, mn = alt(lx.day_words), alt(list(lx.month_names))
    return _compile(
        rf"""
        (?P<range2>{NLB}(?P<a_d1>\d{{1,2}})/(?P<a_m1>\d{{1,2}}){H}*[-–]{H}*
            (?P<a_d2>\d{{1,2}})/(?P<a_m2>\d{{1,2}})(?:/(?P<a_y>\d{{4}}))?{NRB})
        |(?P<range>{NLB}(?P<b_d1>\d{{1,2}}){H}*[-–]{H}*(?P<b_d2>\d{{1,2}})(?P<b_sep>[/.])
            (?P<b_m>\d{{1,2}})(?:(?P=b_sep)(?P<b_y>\d{{4}}))?{NRB})
        |(?P<iso>{NLB}(?P<c_y>\d{{4}})-(?P<c_m>\d{{2}})-(?P<c_d>\d{{2}})
            (?:T(?P<c_h>\d{{2}}):(?P<c_mi>\d{{2}})(?::(?P<c_s>\d{{2}}))?(?:\.\d+)?)?
            (?![\p{{N}}\-/.:]))
        |(?P<full>{NLB}(?P<e_d>\d{{1,2}})(?P<e_sep>[/.\-])(?P<e_m>\d{{1,2}})(?P=e_sep)
            (?P<e_y>\d{{4}}|\d{{2}}){NRB})
        |(?P<vrange>{LB}(?P<g_w>{dw}){WS}(?P<g_d1>\d{{1,2}}){H}*[-–]{H}*
            (?P<g_d2>\d{{1,2}}){WS}tháng{WS}{_month("g", mn)}
            (?:{WS}năm{WS}(?P<g_y>\d{{4}}))?{RB})
        |(?P<mfirst>{LB}tháng{WS}{_month("k", mn)}{WS}{NLB}(?P<k_d>\d{{1,2}}){H}*,{H}*
            (?P<k_y>\d{{4}}){RB})
        |(?P<verbal>(?:{LB}(?P<f_w>{dw}){WS})?{NLB}(?P<f_d>\d{{1,2}})
            {WS}tháng{WS}{_month("f", mn)}
            (?:(?:{WS}năm{WS}|{H}*/{H}*|{H}+)(?P<f_y>\d{{4}}))?{RB}(?!/\p{{N}}))
        |(?P<short>{NLB}(?P<h_d>\d{{1,2}})(?P<h_sep>[/.\-])(?P<h_m>\d{{1,2}}){NRB})
        """,
        _VFLAGS,
    )


def _never(body: str, keep: bool) -> str:
    """``body``, or when not ``keep`` a group that cannot match (failing first from either end)
    and still names ``body``'s groups."""
    return body if keep else rf"(?!)(?:{body})(?!)"


def _left(lx: Lex, absent: frozenset[str] = frozenset()) -> regex.Pattern[str]:
    """What stands before a date: weekday, time, preposition, part of day, day word, '('. The
    parts named in ``absent`` ("wd", "time", "prep", "part") never match: the pattern for a
    lead-in without them (:func:`lead_in`)."""
    parts, mods, preps = alt(lx.parts), alt(lx.modifiers), alt(lx.leads())
    after_part = alt([p for p, (_, form) in lx.relative_days.items() if form == "after_part"])
    wd, prep = _never(alt(list(lx.weekdays)), "wd" not in absent), _never(preps, "prep" not in absent)
    pword = _never(parts, "part" not in absent)
    return _compile(
        rf"""
        (?:{LB}(?P<wd>{wd}){G}[,\-–]?{G}\(?{H}*)?
        (?:{LB}(?P<tprep>{prep}){WS}(?=\d))?
        (?:(?P<time>{_never(f"{time_v('lv')}|{time_c('lc')}", "time" not in absent)})
            (?:{G}(?P<tpart>{parts}))?{G}(?:[,|\-–]{G})?)?
        (?:{LB}(?P<prep>{prep}){WS})?
        (?:{LB}(?P<part>(?:(?:{mods}){WS})?(?P<pword>{pword}))(?:{WS}(?:{after_part}))?{H}*,?{WS})?
        (?:{LB}(?P<dw>{alt(lx.day_words)}){WS})?
        (?P<paren>\({H}*)?
        \Z
        """,
        _VFLAGS | regex.REVERSE,
    )


@cache
def _left_without(absent: frozenset[str]) -> regex.Pattern[str]:
    return _left(lex(), absent)


def _mention_of(words: Iterable[str]) -> re.Pattern[str]:
    """Where one of ``words``' first syllables is (a substring of the lower-cased text)."""
    heads = sorted({w.split()[0].lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, heads)))


@cache
def _lead_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The parts of :func:`_left` that need a word (or a clock mark), with where one is."""
    lx = lex()
    return (("wd", _mention_of(lx.weekdays)), ("prep", _mention_of(lx.leads())), ("part", _mention_of(lx.parts)),
            ("time", _CLOCK))


#: what a time before a date needs: an hour before "h" or "giờ" ("8h30", "8 giờ"), or a colon
_CLOCK = re.compile(r"\d\s*(?:h|giờ)|:")


def lead_in(pats: Patterns, text: str, lo: int, hi: int) -> regex.Match[str] | None:
    """``ending_at(pats.left, text, lo, hi)``: the lead-in before a date, read by a pattern
    without the parts whose words (or clock marks) the window lacks: most of the pattern's cost
    is in trying them in vain."""
    low = text[max(0, lo) : hi].lower()
    absent = [name for name, mark in _lead_words() if mark.search(low) is None]
    return ending_at(_left_without(frozenset(absent)) if absent else pats.left, text, lo, hi)


def year_shifts(lx: Lex) -> str:
    """Shift words that can follow 'năm' ('năm nay', 'năm ngoái', 'năm tới', 'năm trước')."""
    words = [p for p in lx.shift_words("after", "bare") if not lx.shifts[p][3] or "year" in lx.shifts[p][3]]
    return alt(words)


def _right(lx: Lex) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A time after a date ('lúc 15:08', '- 03:54 AM', '| 22:34'); a year word ('1/5 năm nay')."""
    parts = alt(lx.parts)
    right = _compile(
        rf"""
        (?:(?:{H}*\n{H}*|{H}+|{H}*[|,\-–]{G})(?P<tc>{time_c("rc")}))
        |(?:{H}*,?{H}*(?:vào{H}+)?lúc{H}+(?:(?P<tv>{time_v("rv")})|(?P<tl>{time_c("rl")}))
            (?:{H}+(?P<rpart>{parts}){RB})?)
        """,
        _VFLAGS,
    )
    right_year = _compile(rf"{WS}năm{WS}(?P<ry>{year_shifts(lx)}){RB}(?!{WS}(?:đó|ấy))", _FLAGS)
    return right, right_year


def _lists(lx: Lex) -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """Days listed before a date, the gap that links two dates, a time range before a date."""
    parts, mods, preps = alt(lx.parts), alt(lx.modifiers), alt(lx.leads())
    conj = alt(LIST_WORDS)
    days_list = _compile(
        rf"""{LB}(?P<lead>(?:(?:{preps}){WS})?(?:(?:(?:{mods}){WS})?(?:{parts}){WS})?
            (?:(?P<dw>{alt(lx.day_words)}){WS})?)(?P<days>\d{{1,2}}(?:{H}*,{H}*\d{{1,2}})*)
            (?P<conj>\s*(?:{conj})\s*|\s+)\Z""",
        _VFLAGS | regex.REVERSE,
    )
    ends = alt(lx.leads("end"))
    link_gap = _compile(rf"\A\s*(?:{conj}|-|–|{ends})?\s*(?:(?:{alt(lx.day_words)})\s+)?\Z", _FLAGS)
    time_range = _compile(
        rf"""(?:{LB}(?P<lead>{alt(lx.leads("start"))}){WS})?
            (?:(?P<t1v>{time_v("av")})|(?P<t1c>{time_c("ac")}))(?:{H}*(?P<apart>{parts}){RB})?
            (?:{WS}(?:{ends}){WS}|{H}*[-–]{H}*)\Z""",
        _VFLAGS | regex.REVERSE,
    )
    return days_list, link_gap, time_range


#: the kinds of :attr:`Patterns.periods`, in the order they are tried at one position
PERIOD_KINDS = ("half", "quarter", "month", "bare_month", "term", "year", "year_span", "year_position")
#: the kinds of :attr:`Patterns.relative`
RELATIVE_KINDS = ("day", "part_day", "weekday", "counted_before", "counted_after", "bare")


def _periods(lx: Lex) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Months, quarters, half-years, years and terms, from their head word on (one pass); and the
    lead-in before one ("trong", "đến hết", "cuối")."""
    mn = alt(list(lx.month_names))
    pos_month = alt([p for p, (m, _) in lx.positions.items() if m is not None])
    pos_half = alt([p for p, (_, h) in lx.positions.items() if h is not None])
    ry = rf"{RB}(?!{WS}(?:đó|ấy))"  # "năm trước đó" is relative to another event
    shifts = year_shifts(lx)
    core = _compile(
        rf"""
        (?P<half>{LB}(?:(?P<n>\d{{1,2}}){WS}tháng{WS}(?P<hpos>{pos_month})|(?P<hw>{pos_half})){WS}năm
            (?:{WS}(?P<hy>\d{{4}})(?![\p{{N}}/])|{WS}(?P<hry>{shifts}){ry})?{RB})
        |(?P<quarter>{LB}quý{WS}(?P<q>(?-i:IV|I{{1,3}})|[1-4]){RB}
            (?:(?:{H}*[/\-]{H}*|{WS}năm{WS})(?P<qy>\d{{4}})(?![\p{{N}}/]))?)
        |(?P<month>(?<!\p{{N}}{H})(?<!\p{{N}}){LB}tháng{WS}{_month("p", mn)}
            (?:(?:{WS}năm{WS}|{H}*[/\-]{H}*)(?P<my>\d{{4}})(?![\p{{N}}/])|{WS}năm{WS}(?P<mry>{shifts}){ry})?
            (?![\p{{L}}\p{{N}}])(?![/\-.,]\p{{N}}))
        |(?P<bare_month>{NLB}(?P<bm>\d{{1,2}})/(?P<by>\d{{4}})(?![\p{{L}}\p{{N}}\-./]))
        |(?P<term>{LB}(?P<kw>{alt(lx.term_words)}){WS}(?P<ty1>\d{{4}}){H}*\n?{H}*[-–]{H}*\n?{H}*
            (?P<ty2>\d{{4}})(?![\p{{N}}/]))
        |(?P<year>(?<!thứ{H}+){LB}năm{WS}(?P<yy>\d{{4}})(?:{H}*[-–]{H}*(?P<yy2>\d{{4}}))?(?![\p{{N}}/\-]))
        |(?P<year_span>{NLB}(?P<s1>(?:19|20)\d\d){H}*[-–]{H}*(?P<s2>(?:19|20)\d\d)(?![\p{{L}}\p{{N}}/\-]))
        |(?P<year_position>{LB}(?P<ppos>{pos_month}){WS}năm(?:{WS}(?P<pry>{shifts}){ry})?{RB}
            (?!{WS}\d{{4}}(?!\d)))
        """,
        _VFLAGS,
    )
    left = _compile(
        rf"(?:{LB}(?P<lead>{alt(lx.leads(periods=True))}){WS})?(?:{LB}(?P<pos>{pos_month}){WS})?"
        rf"(?P<paren>\({H}*)?\Z",
        _FLAGS | regex.REVERSE,
    )
    return core, left


def _counted(p: str, units: str) -> str:
    """'23 ngày', '2 tuần 3 ngày'."""
    return rf"(?P<{p}n1>\d{{1,3}}){WS}(?P<{p}u1>{units})(?:{WS}(?P<{p}n2>\d{{1,3}}){WS}(?P<{p}u2>{units}))?{RB}"


def _relative(lx: Lex) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Relative days, weekdays, counted and bare unit shifts, from their head word on (one pass);
    and what stands before one (a preposition, a part of day)."""
    alone = [p for p, (_, form) in lx.relative_days.items() if form == "alone"]
    after_part = [p for p, (_, form) in lx.relative_days.items() if form == "after_part"]
    parts, mods, units = alt(lx.parts), alt(lx.modifiers), alt(list(lx.units))
    names = [w for w in lx.weekdays if " " in w]  # names, not abbreviations ("T5", "CN")
    bare, after_n = alt(lx.shift_words("after", "bare")), alt(lx.shift_words("after", "counted"))
    core = _compile(
        rf"""
        (?P<day>{LB}(?P<rel>{alt(alone)}){RB})
        |(?P<part_day>{LB}(?P<ppart>(?:(?:{mods}){WS})?(?P<ppword>{parts})){WS}(?-i:(?P<prel>{alt(after_part)})){RB})
        |(?P<weekday>{LB}(?P<wd>{alt(names)}){RB}(?:{WS}tuần{WS}(?P<wshift>{bare}){RB})?)
        |(?P<counted_before>{LB}(?P<pre>{alt(lx.shift_words("before", "counted"))}){WS}{_counted("b", units)}
            (?:{WS}(?P<bpost>{after_n}){RB})?)
        |(?P<counted_after>{LB}{_counted("a", units)}{WS}(?P<apost>{after_n}){RB})
        |(?P<bare>{LB}(?P<u0>{units}){WS}(?P<shift>{bare}){RB})
        """,
        _VFLAGS,
    )
    left = _compile(
        rf"(?:{LB}(?P<prep>{alt(lx.leads(periods=True))}){WS})?"
        rf"(?:{LB}(?P<part>(?:(?:{mods}){WS})?(?P<pword>{parts})){WS})?\Z",
        _FLAGS | regex.REVERSE,
    )
    return core, left


@cache
def patterns() -> Patterns:
    lx = lex()
    right, right_year = _right(lx)
    days_list, link_gap, time_range = _lists(lx)
    periods, period_left = _periods(lx)
    relative, relative_left = _relative(lx)
    counted = alt(lx.counted_words)
    signs = "".join(regex.escape(w) for w in lx.counted_signs)
    # case-sensitive: "9/11 huyện" is a ratio, "đến 30/6 Huyện ủy đã..." is not
    follower = _compile(rf"{H}*(?:(?-i:{counted}){RB}|[{signs}0-9])", regex.VERSION0)
    return Patterns(
        core=_core(lx),
        core_at=triggers(["tháng"], led=[(w, _DAY_THEN) for w in lx.day_words]),
        left=_left(lx),
        right=right,
        right_year=right_year,
        lunar_after=_compile(rf"{H}*[(,\-–]?{H}*(?:{alt(lx.lunar_markers)}){RB}", _FLAGS),
        evidence=_compile(rf"{LB}(?:{alt(lx.evidence)}){H}*,?{H}*\Z", _FLAGS | regex.REVERSE),
        follower=follower,
        sentence_start=_compile(r"(?:\A|[\n.!?;•]|(?<!\p{L})[-–*+])[^\S\n]*\Z", regex.REVERSE),
        days_list=days_list,
        link_gap=link_gap,
        time_range=time_range,
        periods=periods,
        periods_at=triggers(["tháng", "quý", "năm", *lx.term_words, *lx.positions], _period_number(lx)),
        period_left=period_left,
        relative=relative,
        relative_at=triggers([*lx.parts, *lx.modifiers, *lx.shift_words("before", "counted")], _relative_number(lx),
                             _relative_starts(lx)),
        relative_left=relative_left,
        tense=_compile(rf"{LB}(?P<w>{alt(list(lx.tenses))}){RB}", _FLAGS),
        habit_before=_compile(rf"{LB}(?:{alt(lx.habitual_before)}){WS}(?:(?:{alt(lx.day_words)}){WS})?\Z",
                                   _FLAGS | regex.REVERSE),
        habit_after=_compile(rf"{WS}(?:{alt(lx.habitual_after)}){RB}", _FLAGS),
        weekday_link=_compile(rf"\A\s*(?:{alt(LIST_WORDS)}|-|–|{alt(lx.leads('end'))})?\s*\Z", _FLAGS),
    )
