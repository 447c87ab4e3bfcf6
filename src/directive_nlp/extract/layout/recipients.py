"""The "Nơi nhận" block: the distribution list under the body, beside or above the signer."""

from __future__ import annotations

import regex

from directive_nlp.extract.layout.lines import Line, is_caps, MARKUP_ONLY
from directive_nlp.extract.layout.signer import is_authority_line
from directive_nlp.text import rx

__all__ = ["NOI_NHAN", "LIST_ITEM", "recipients_block", "recipients_label"]

NOI_NHAN = regex.compile(r"^Nơi\s+nhận\s*:?", regex.I)
# the label wrapped over two lines by a narrow column ("*Nơi\nnhận:*")
_NOI = regex.compile(r"^Nơi$", regex.I)
_LONE_DASH = regex.compile(r"^[ \t*_]*[-–—+•][ \t*_]*$")
_NHAN = regex.compile(r"^nhận\s*(?::.*)?$", regex.I)


def recipients_label(lines: list[Line], j: int, hi: int) -> int | None:
    """The line where a "Nơi nhận" label that starts on line ``j`` ends: ``j``, or ``j + 1``
    when a narrow column wrapped it ("Nơi" / "nhận:"); None when line ``j`` holds no label."""
    if rx.match(NOI_NHAN, lines[j].clean):
        return j
    if j + 1 < hi and rx.match(_NOI, lines[j].clean) and rx.match(_NHAN, lines[j + 1].clean):
        return j + 1
    return None
LIST_ITEM = regex.compile(r"^[ \t*_|]*[-–—+•·]\s*(?!-)")

def _list_goes_on(lines: list[Line], j: int, hi: int) -> bool:
    """The next non-blank line from ``j`` is an item of the list: a line between two items
    continues the first one, even in capitals ("- Các huyện ủy, thị ủy,\nĐUTT,\n- Các sở")."""
    while j < hi and not lines[j].clean:
        if "|" in lines[j].raw:
            return False
        j += 1
    return j < hi and bool(rx.match(LIST_ITEM, lines[j].raw))


def recipients_block(lines: list[Line], at: int, hi: int) -> tuple[int, int]:
    """Lines [at, last] of a "Nơi nhận" block starting at line ``at``."""
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
        if _LONE_DASH.match(ln.raw):
            # a dash whose item text wrapped to the next line ("-\nNhư Điều 3;")
            last = j
            blanks = 0
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
    return at, last


