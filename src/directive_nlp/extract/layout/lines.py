"""Lines and cells of a page: a line without its markup, column cells, blank and separator lines,
upper-case lines, and the left/right column views of a plain-text layout."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from directive_nlp.extract.layout.model import Span

__all__ = [
    "Line", "clean_line", "lines_of", "is_blank", "cells", "is_caps", "line_at", "trim_line",
    "spans_from_lines", "furniture_spans", "mk", "columns", "RIGHT_INDENT",
]


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int
    end: int
    raw: str
    clean: str


_EMPH = regex.compile(r"\*\*+|__+")
# emphasis inside a word ("TH**UẾ", "ch**ính", "1**1**") vanishes: between two letters of one case
# or two digits (the word stream's rule, layout/stream.py)
_EMPH_IN_WORD = regex.compile(r"(?<=\p{Lu})(?:\*+|_+)(?=\p{Lu})|(?<=\p{Ll})(?:\*+|_+)(?=\p{Ll})|(?<=\d)(?:\*+|_+)(?=\d)")
_EDGE = " \t|*#•·▪►»>_"
BULLET_START = regex.compile(r"^[ \t]*[•·▪►»◦●○■□◆❖➢➤✓]")
SEPARATOR = regex.compile(r"^[-_=~*.…—–]{3,}$")
MARKUP_ONLY = regex.compile(r"^[\s|*#_\-–—=~.>•·]*$")
_COLUMN_GAP = regex.compile(r"(?<=\S)(?:[ ]{3,}|\t+)(?=\S)")


def clean_line(raw: str) -> str:
    """A line without markdown emphasis, table bars, heading marks, bullets; spaces collapsed."""
    s = _EMPH.sub(" ", _EMPH_IN_WORD.sub("", raw))
    s = s.strip(_EDGE)
    return " ".join(s.split())


def lines_of(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        out.append(Line(i, pos, pos + len(raw), raw, clean_line(raw)))
        pos += len(raw) + 1
    return out


def is_blank(line: Line) -> bool:
    return not line.clean or bool(MARKUP_ONLY.match(line.raw)) or bool(SEPARATOR.match(line.clean))


def cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] (one line) into column cells at runs of >= 3 spaces or tabs."""
    seg = text[start:end]
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _COLUMN_GAP.finditer(seg):
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, end))
    res = []
    for s, e in out:
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        if e > s:
            res.append((s, e))
    return res


_LETTERS = regex.compile(r"\p{L}")


def is_caps(s: str, ratio: float = 0.85) -> bool:
    """Mostly upper-case letters (a header, title or signer line)."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= ratio

def line_at(lines: list[Line], pos: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo

# --------------------------------------------------------------------------- main entry


def spans_from_lines(lines: list[Line], idx: list[int]) -> list[tuple[int, int]]:
    """Merge line indices into spans; lines separated only by blank lines join."""
    spans: list[tuple[int, int]] = []
    prev = -2
    for li in sorted(set(idx)):
        ln = lines[li]
        s = ln.start + (len(ln.raw) - len(ln.raw.lstrip()))
        e = ln.start + len(ln.raw.rstrip())
        if e <= s:
            continue
        if spans and all(is_blank(lines[k]) for k in range(prev + 1, li)):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
        prev = li
    return spans


def furniture_spans(text: str, main: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for s, e in main + [(len(text), len(text))]:
        seg = text[pos:s]
        if seg.strip():
            a = pos + (len(seg) - len(seg.lstrip()))
            b = pos + len(seg.rstrip())
            out.append((a, b))
        pos = max(pos, e)
    return out


def mk(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def trim_line(ln: Line) -> tuple[int, int]:
    s = ln.start + (len(ln.raw) - len(ln.raw.lstrip()))
    e = ln.start + len(ln.raw.rstrip())
    return s, e

RIGHT_INDENT = 12


def columns(text: str, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Left and right column views of the lines (plain-text layouts put "Nơi nhận" and the
    signer side by side). A line with a column gap gives its first cell to the left view and
    its last cell to the right one; a deeply indented line belongs to the right view."""
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines:
        blank = Line(ln.index, ln.start, ln.start, "", "")
        cl = cells(text, ln.start, ln.end) if ln.clean else []
        indent = len(ln.raw) - len(ln.raw.lstrip(" \t"))
        if len(cl) >= 2:
            (ls, le), (rs, re_) = cl[0], cl[-1]
            left.append(Line(ln.index, ls, le, text[ls:le], clean_line(text[ls:le])))
            right.append(Line(ln.index, rs, re_, text[rs:re_], clean_line(text[rs:re_])))
        elif cl and indent >= RIGHT_INDENT:
            left.append(blank)
            right.append(ln)
        else:
            left.append(ln)
            right.append(blank)
    return left, right

