"""The notice header block: number line, place-date line, national motto, type word and subject
(trích yếu), and where the body starts."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from directive_nlp.extract.layout.furniture import is_metadata_label, is_stop_line
from directive_nlp.extract.layout.lexicon import ends_with_connector, lex, prefix_in
from directive_nlp.extract.layout.lines import Line, clean_line, is_blank, is_caps, line_at
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold_key

__all__ = ["PLACE_DATE", "HeaderBlock", "type_line_match", "find_header_block"]


# "Số: 267/KH-UBND", "Số 274-TB/TU", a draft's "Số:     /QĐ-UBND" (a symbol needs letters)
_NUMBER_LINE = regex.compile(r"^Số\s*:?\s*(?:\d[\d.]*\s*[/-]\s*\p{L}|[.…_]*\s*/\s*\p{L})")
PLACE_DATE = regex.compile(
    r"(?:^|(?<=[*|_>])|(?<=\S[ \t]{3})|(?<=\t))[ \t*_]*"
    r"(?P<place>\p{Lu}[^\n,*|\d:;()]{0,45}?)[ \t]*,[ \t]*"
    r"(?P<date>ngày[ \t\n*]*(?P<d>\d{1,2})?[ \t\n*.…_]*tháng[ \t\n*]*(?P<m>\d{1,2})?[ \t\n*.…_]*"
    r"năm[ \t\n*]*(?P<y>\d{4}))",
    regex.M,
)
_MOTTO_WORDS = (
    ("CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"),
    ("ĐẢNG", "CỘNG", "SẢN", "VIỆT", "NAM"),
    ("Độc", "lập", "-", "Tự", "do", "-", "Hạnh", "phúc"),
)
_MOTTO = regex.compile(
    "|".join(r"[\s*_|]+".join(regex.escape(w) for w in words) for words in _MOTTO_WORDS)
)
_SUBJECT = regex.compile(r"^(?:V\s*/\s*[vV]|V\.v|Vv|Về việc|VỀ VIỆC)(?![\p{L}])")


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    start_line: int
    number_line: int | None
    place_date: regex.Match[str] | None
    type_line: int | None
    motto_spans: tuple[tuple[int, int], ...]
    header_end: int
    title_span: tuple[int, int] | None
    type_span: tuple[int, int] | None



def type_line_match(clean: str) -> regex.Match[str] | None:
    """Match of an upper-case type word at the start of a cleaned line ("THÔNG BÁO", "KẾ HOẠCH")."""
    return rx.match(lex().type_line, clean)


def find_header_block(text: str, lines: list[Line]) -> HeaderBlock | None:
    numbers = [ln.index for ln in lines if rx.match(_NUMBER_LINE, ln.clean) and len(ln.clean) < 220]
    pds = [m for m in rx.finditer(PLACE_DATE, text) if len(m.group("place").split()) <= 7]
    mottos = [(m.start(), m.end()) for m in rx.finditer(_MOTTO, text)]
    motto_lines = sorted({line_at(lines, s) for s, _ in mottos})
    pd_lines = [(line_at(lines, m.start("place")), m) for m in pds]
    types = [ln.index for ln in lines if ln.clean and len(ln.clean) < 400 and type_line_match(ln.clean)]

    def near(idx: int, cands: list[int], before: int, after: int) -> int | None:
        for c in cands:
            if idx - before <= c <= idx + after:
                return c
        return None

    chosen: tuple[int | None, regex.Match[str] | None] | None = None
    for n in numbers:
        pd = next((m for li, m in pd_lines if n - 8 <= li <= n + 8), None)
        mo = near(n, motto_lines, 14, 4)
        ty = near(n, types, 0, 16)
        if pd is not None or mo is not None or ty is not None:
            chosen = (n, pd)
            break
    if chosen is None:
        for li, m in pd_lines:
            mo = near(li, motto_lines, 14, 4)
            ty = near(li, types, 0, 12)
            if mo is not None or ty is not None:
                chosen = (None, m)
                break
    if chosen is None:
        return None
    n, pd = chosen
    pd_line = line_at(lines, pd.start("place")) if pd is not None else None
    first = min(x for x in (n, pd_line) if x is not None)
    last = max(x for x in (n, pd_line) if x is not None)
    if pd is not None:
        last = max(last, line_at(lines, pd.end()))
    mo_near = [m for m in motto_lines if first - 14 <= m <= last + 4]
    anchor = min([first] + mo_near)
    # walk back over the header's left block (upper-case lines)
    start = anchor
    gap = 0
    i = anchor - 1
    taken = 0
    while i >= 0 and taken < 10:
        ln = lines[i]
        if is_blank(ln):
            gap += 1
            if gap >= 4:
                break
            i -= 1
            continue
        if (
            is_caps(ln.clean)
            and len(ln.clean.split()) <= 14
            and not is_metadata_label(ln.clean)
            and not is_stop_line(ln.clean)
        ):
            start = i
            gap = 0
            taken += 1
            i -= 1
            continue
        break
    # type word and title after the number / place-date lines
    type_idx = None
    for t in types:
        if t >= first and t <= last + 16 and t not in motto_lines:
            type_idx = t
            break
    header_end_line = last
    title_span: tuple[int, int] | None = None
    type_span: tuple[int, int] | None = None
    if type_idx is not None:
        tl = lines[type_idx]
        m = type_line_match(tl.clean)
        # locate the end of the type word in the raw line
        words = m.group("type").split() if m else tl.clean.split()[:1]
        pat = regex.compile(r"[\s*_]*".join(regex.escape(w) for w in words))
        rm = rx.search(pat, tl.raw)
        pos = tl.start + (rm.end() if rm else len(tl.raw))
        if rm:
            type_span = (tl.start + rm.start(), tl.start + rm.end())
        title_span = title_from(text, lines, pos)
        header_end_line = max(header_end_line, type_idx)
    else:
        # công văn: subject line "V/v …" under the number
        base = n if n is not None else first
        for j in range(max(0, base - 1), min(len(lines), last + 6)):
            c = lines[j].clean
            if c and rx.match(_SUBJECT, c):
                off = lines[j].raw.find(c.split()[0])
                pos = lines[j].start + max(off, 0)
                # keep an opening emphasis mark so the span logic sees it
                while pos > lines[j].start and text[pos - 1] in "*_":
                    pos -= 1
                title_span = title_from(text, lines, pos)
                break
    if title_span is not None:
        header_end = title_span[1]
    else:
        header_end = lines[header_end_line].end
    header_end = max(header_end, lines[last].end)
    return HeaderBlock(start, n, pd, type_idx, tuple(mottos), header_end, title_span, type_span)


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
        if c.endswith(":") or rx.match(_MOTTO, c) or rx.match(PLACE_DATE, c) or rx.match(_NUMBER_LINE, c):
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


