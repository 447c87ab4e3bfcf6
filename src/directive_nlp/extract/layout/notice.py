"""The notice header block, read as structure on the word stream (:mod:`.stream`, :mod:`.blocks`).

A header is there when a "Số: <symbol>" (or a place-and-date phrase) has a second block of the
header near it: the place and date, the national motto, or a type name right after it. Around
that cluster are read the issuing bodies (the upper-case words before it, the motto skipped, the
parent bodies first), the type name and the subject (trích yếu) or a công văn's "V/v …" line,
and where the body starts. Line breaks, markdown emphasis, table bars, separators and spacing
do not matter: "Số:\n84/2025/QĐ-UBND", "*Hà Tĩnh, ngày\n02 tháng 12 năm 2025*", a header on
one line and one column after the other all read the same.
"""

from __future__ import annotations

import datetime as _dt
import regex

from directive_nlp.extract.layout.blocks import (
    DateHit, NumberHit, caps_run_before, find_place_dates, find_mottos, find_numbers, issuing_bodies,
    subject_at, type_word_at,
)
from directive_nlp.extract.layout.lexicon import ends_with_connector, lex, prefix_in
from directive_nlp.extract.layout.lines import Line, clean_line, is_blank, is_caps, line_at
from directive_nlp.extract.layout.model import HeaderBlock, Piece
from directive_nlp.extract.layout.stream import Stream, stream_of
from directive_nlp.resources import load_json
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold_key

__all__ = ["find_header_block", "title_from", "starts_header_block", "iso_day", "type_line_match"]



def _setting(name: str) -> int:
    """A number of ``data/header.json``: scan_chars (how far into a page a header is looked for:
    a portal may put a summary before it), near_chars (how far, in stream characters, the blocks
    of one header may lie from each other)."""
    return int(load_json("header")[name])


def iso_day(day: int | None, month: int | None, year: int) -> str | None:
    """ISO date of a day, month and year; None when one is blank or the date does not exist."""
    if day is None or month is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _piece(st: Stream, i: int, j: int, value: str | None = None) -> Piece:
    s, e = st.span(i, j)
    return Piece(s, e, st.source[s:e], " ".join(st.text[i:j].split()) if value is None else value)


# --------------------------------------------------------------------------- choosing the cluster


def _near(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two stream spans at most ``_NEAR`` characters apart."""
    near = _setting("near_chars")
    return b[0] - a[1] <= near and a[0] - b[1] <= near


def _choose(st: Stream, mottos: list[tuple[int, int]], numbers: list[NumberHit],
            dates: list[DateHit]) -> tuple[NumberHit | None, DateHit | None] | None:
    """The first number (else place-date) that another header block stands near."""
    placed = [d for d in dates if d.place_start is not None]
    for n in numbers:
        span = (n.start, n.end)
        d = next((d for d in placed if _near(span, (d.place_start or d.start, d.end))), None)
        if d is not None or any(_near(span, m) for m in mottos) or type_word_at(st, n.end):
            return n, d
    for d in placed:
        span = (d.place_start or d.start, d.end)
        if any(_near(span, m) for m in mottos) or type_word_at(st, d.end):
            return None, d
    return None


# --------------------------------------------------------------------------- assembling the header


def find_header_block(text: str, lines: list[Line]) -> HeaderBlock | None:
    """The notice header of a page, or None (see module doc)."""
    st = stream_of(text, 0, min(len(text), _setting("scan_chars")))
    mottos = find_mottos(st)
    numbers = find_numbers(st)
    dates = find_place_dates(st)
    chosen = _choose(st, mottos, numbers, dates)
    if chosen is None:
        return None
    n, d = chosen
    anchors = [(n.start, n.end)] if n else []
    if d is not None:
        anchors.append((d.place_start or d.start, d.end))
    near_mottos = [m for m in mottos if any(_near(a, m) for a in anchors)]
    first = min([a for a, _ in anchors] + [a for a, _ in near_mottos])
    zone_start = caps_run_before(st, first)
    zone_end = n.start if n is not None else anchors[0][0]
    bodies = [_piece_of_words(st, b) for b in issuing_bodies(st, zone_start, zone_end, near_mottos)]
    type_span, subject = _type_or_subject(st, n, d)
    start_stream = min([zone_start, first])
    start = st.pos(start_stream)
    return _finish(text, lines, st, start, bodies, n, d, near_mottos, type_span, subject)


def _piece_of_words(st: Stream, words: list[tuple[int, int]]) -> Piece:
    s, _ = st.span(*words[0])
    _, e = st.span(*words[-1])
    value = " ".join(st.text[a:b] for a, b in words)
    return Piece(s, e, st.source[s:e], value)


def _type_or_subject(st: Stream, n: NumberHit | None, d: DateHit | None) -> tuple[tuple[int, int] | None, int | None]:
    """The type name after the number and the place-date, else the "V/v" subject of a công văn
    (under the number, or after the place-date)."""
    after = max(x for x in ((n.end if n else -1), (d.end if d else -1)))
    found = type_word_at(st, after)
    if found is not None:
        return found, None
    if n is not None:
        subject = subject_at(st, n.end)
        if subject is not None:
            return None, subject
    return None, subject_at(st, after)


def _finish(text: str, lines: list[Line], st: Stream, start: int, bodies: list[Piece],
            n: NumberHit | None, d: DateHit | None, mottos: list[tuple[int, int]],
            type_span: tuple[int, int] | None, subject: int | None) -> HeaderBlock:
    number = symbol = None
    if n is not None:
        value = "".join(st.text[n.sym_start : n.end].split())
        number = _piece(st, n.sym_start, n.end, value)
        symbol = n.symbol
    place = date = None
    if d is not None:
        if d.place_start is not None and d.place_end is not None:
            place = _piece(st, d.place_start, d.place_end)
        date = _piece(st, d.start, d.end, iso_day(d.day, d.month, d.year) or "")
    ends = [x.end for x in (number, date) if x is not None]
    src_type = st.span(*type_span) if type_span else None
    title_span = None
    if src_type is not None:
        title_span = title_from(text, lines, src_type[1])
    elif subject is not None:
        limit = place.start if place is not None and place.start > st.pos(subject) else None
        title_span = _subject_span(text, lines, st.pos(subject), limit)
    ends += [x[1] for x in (src_type, title_span) if x is not None]
    last_line = line_at(lines, max(x for x in (number.end if number else -1, date.end if date else -1)))
    header_end = max(ends + [lines[last_line].end]) if title_span is None else max(ends)
    return HeaderBlock(
        start, line_at(lines, start), header_end, tuple(bodies), number, symbol, place, date,
        tuple(st.span(a, b) for a, b in mottos), src_type, title_span, subject is not None,
    )


def _subject_span(text: str, lines: list[Line], pos: int, limit: int | None) -> tuple[int, int] | None:
    """The "V/v …" subject from ``pos`` (an opening emphasis mark kept for :func:`title_from`),
    cut before ``limit`` (the place-date when it follows on the same line)."""
    ls = lines[line_at(lines, pos)].start
    while pos > ls and text[pos - 1] in "*_":
        pos -= 1
    span = title_from(text, lines, pos)
    if span is None or limit is None or not span[0] < limit < span[1]:
        return span
    e = limit
    while e > span[0] and text[e - 1] in " \t\n*_|,":
        e -= 1
    return (span[0], e) if e > span[0] else None


# --------------------------------------------------------------------------- the subject lines


def type_line_match(clean: str) -> regex.Match[str] | None:
    """Match of an upper-case type word at the start of a cleaned line ("THÔNG BÁO", "KẾ HOẠCH")."""
    return rx.match(lex().type_line, clean)


_NUMBER_LINE = regex.compile(r"^Số\s*:?\s*(?:\d[\d.]*\s*[/-]\s*\p{L}|[.…_]*\s*/\s*\p{L})")
_PLACE_DATE_LINE = regex.compile(
    r"^\p{Lu}[^,\d:;()]{0,45}?,?\s*ngày\s*\d{0,2}[\s.…_]*tháng\s*\d{0,2}[\s.…_]*năm\s*\d{4}"
)


def starts_header_block(clean: str) -> bool:
    """A cleaned line that opens another header block (number, motto, place-date): a title
    never runs into it."""
    if rx.match(_NUMBER_LINE, clean) or rx.match(_PLACE_DATE_LINE, clean):
        return True
    st = stream_of(clean)
    return any(a == 0 for a, _ in find_mottos(st))



def title_from(text: str, lines: list[Line], pos: int) -> tuple[int, int] | None:
    """Span of the title (trích yếu) starting at ``pos`` (just after the type word)."""
    li = line_at(lines, pos)
    line = lines[li]
    rest = text[pos : line.end]
    if not clean_line(rest):
        # title on the following lines: skip blank ones
        li += 1
        while li < len(lines) and is_blank(lines[li]) and li - line_at(lines, pos) <= 3:
            li += 1
        if li >= len(lines) or is_blank(lines[li]):
            return None
        line = lines[li]
        pos = line.start
        rest = line.raw
    # skip leading spaces
    while pos < line.end and text[pos] in " \t:":
        pos += 1
    rest = text[pos : line.end]
    # emphasis-wrapped title: to the closing mark, on this line or the next ones
    em = regex.match(r"(\*\*|\*|__|_)(?=\S)", rest)
    if em:
        mark = em.group(1)
        body_start = pos + len(mark)
        close = text.find(mark, body_start)
        blank = text.find("\n\n", body_start)
        if close != -1 and (blank == -1 or close < blank) and close - body_start < 700:
            # a title that closes its emphasis and goes on ("**A**\nB") is cut at the mark
            s, e = body_start, close
            while s < e and text[s] in " \t\n":
                s += 1
            while e > s and text[e - 1] in " \t\n":
                e -= 1
            return (s, e) if e > s else None
    first_clean = clean_line(rest)
    upper = is_caps(first_clean)
    starts_bold = line.raw.lstrip(" \t|").startswith("**")
    end = line.end
    while end > pos and text[end - 1] in " \t*_|":
        end -= 1
    prev_clean = first_clean
    j = line.index + 1
    count = 1
    while j < len(lines) and count < 10:
        nxt = lines[j]
        c = nxt.clean
        if is_blank(nxt) or not c:
            break
        if nxt.raw.lstrip(" \t|").startswith("**") and not starts_bold:
            break
        if c.endswith(":") or starts_header_block(c):
            break
        if upper:
            if not is_caps(c):
                break
        else:
            # a wrapped subject: lower-case start, a cut after a connector, or a short
            # line that is no body lead-in ("Căn cứ …", "Kính gửi …")
            short = (
                len(c) <= 70
                and not prev_clean.endswith((".", ";", ":", "!", "?"))
                and not prefix_in(fold_key(c), lex().body_leads)
                and not is_caps(c, 0.99)
            )
            if not (c[0].islower() or ends_with_connector(prev_clean) or short):
                break
        e = nxt.end
        while e > nxt.start and text[e - 1] in " \t*_|":
            e -= 1
        end = e
        prev_clean = c
        count += 1
        j += 1
    if end <= pos:
        return None
    return pos, end


