"""The "Nơi nhận" block: the distribution list under the body, beside or above the signer."""

from __future__ import annotations

import regex

from directive_nlp.extract.layout.lines import Line, is_caps, MARKUP_ONLY
from directive_nlp.extract.layout.signer import is_authority_line
from directive_nlp.text import rx

__all__ = ["NOI_NHAN", "LIST_ITEM", "label_end", "recipients_block"]

NOI_NHAN = regex.compile(r"^Nơi\s+nhận\s*:?", regex.I)
LIST_ITEM = regex.compile(r"^[ \t*_|]*[-–—+•·]\s*(?!-)")
_NOI_ALONE = regex.compile(r"^Nơi$", regex.I)
_DASH_ALONE = regex.compile(r"^[ \t*_|]*[-–—+•·][ \t*_]*$")
_NHAN_REST = regex.compile(r"^nhận\s*:?\s*$", regex.I)


def label_end(lines: list[Line], j: int, hi: int) -> int | None:
    """The last line of a "Nơi nhận" label that starts line ``j`` (None if none starts there):
    ``j`` itself, or the next line when a wrap cut the label ("*Nơi\nnhận:*")."""
    c = lines[j].clean
    if rx.match(NOI_NHAN, c):
        return j
    if j + 1 < hi and rx.match(_NOI_ALONE, c) and rx.match(_NHAN_REST, lines[j + 1].clean):
        return j + 1
    return None


def _list_goes_on(lines: list[Line], j: int, hi: int) -> bool:
    """The next non-blank line from ``j`` is an item of the list: a line between two items
    continues the first one, even in capitals ("- Các huyện ủy, thị ủy,\nĐUTT,\n- Các sở")."""
    while j < hi and not lines[j].clean:
        if "|" in lines[j].raw:
            return False
        j += 1
    return j < hi and bool(rx.match(LIST_ITEM, lines[j].raw))


def recipients_block(lines: list[Line], at: int, hi: int) -> tuple[int, int]:
    """Lines [at, last] of a "Nơi nhận" block starting at line ``at`` (its label may end on the
    next line, :func:`label_end`)."""
    start = at
    at = label_end(lines, at, hi) or at
    last = at
    # the list's own item terminator, ";" (State) or "," (Party): how the line before each
    # item ends (an item may be wrapped over several lines)
    ends: dict[str, int] = {}
    for k in range(at + 2, min(hi, at + 60)):
        c = lines[k - 1].clean
        if c and rx.match(LIST_ITEM, lines[k].raw) and c[-1] in ",;.":
            ends[c[-1]] = ends.get(c[-1], 0) + 1
    term = ";" if ends.get(";", 0) >= ends.get(",", 0) else ","
    j = at + 1
    blanks = 0
    while j < hi:
        ln = lines[j]
        c = ln.clean
        if rx.match(_DASH_ALONE, ln.raw) and not blanks and j + 1 < hi and lines[j + 1].clean:
            # a dash alone on its line: the item's text was wrapped to the next one
            last = j
            j += 1
            continue
        if not c or MARKUP_ONLY.match(ln.raw):
            if "|" in ln.raw:
                break
            blanks += 1
            if blanks > 1:
                break
            j += 1
            continue
        if rx.match(LIST_ITEM, ln.raw):
            last = j
            blanks = 0
            j += 1
            continue
        prev = lines[last].clean
        complete = prev.endswith((";", ".", term))
        if blanks or is_authority_line(c):
            break
        if is_caps(c, 0.99) and complete and not _list_goes_on(lines, j + 1, hi):
            break
        # continuation of the previous item
        if last == at:
            break
        last = j
        j += 1
    return start, last


