"""Article landmarks: where a news page's text starts (headline, publication stamp), where it
ends (furniture headings, related-links runs) and the byline under it."""

from __future__ import annotations

from typing import Any

import regex

from directive_nlp.extract.layout.furniture import (
    URL_LINE, banner_lines, is_branding, is_inner_furniture, is_metadata_label, is_publication_line,
    is_stop_line, link_run_at,
)
from directive_nlp.extract.layout.lines import Line, is_blank
from directive_nlp.extract.layout.names import (
    NAME_WORD, byline_prefix, is_source_line, looks_like_name, looks_like_names, source_prefix,
)
from directive_nlp.text import rx

__all__ = ["read_article"]

_MAX_HEADLINE = 260


_GLUED_NAME = regex.compile(
    rf"(?<=[.!?…\"”)\]])[ \t]+(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{1,3}})[ \t]*$"
)



def _headline_like(clean: str) -> bool:
    if not clean or len(clean) > _MAX_HEADLINE or len(clean.split()) < 3:
        return False
    if clean.startswith("(") or clean.endswith((".", ":", ";", ",")) and not clean.endswith("..."):
        return False
    return not is_stop_line(clean) and not is_inner_furniture(clean) and not is_branding(clean)


def _content(lines: list[Line], skip: set[int]) -> list[int]:
    """The first twelve content lines of the page (blank lines and banner lines skipped)."""
    out: list[int] = []
    for ln in lines:
        if len(out) >= 12:
            break
        if not is_blank(ln) and ln.index not in skip:
            out.append(ln.index)
    return out


def _start(lines: list[Line], content: list[int]) -> tuple[int | None, int | None, int | None]:
    """(first line of the text, headline, publication stamp) at the top of the page."""
    n = len(lines)
    # a publication stamp near the top: the headline is the content line before it
    for k, li in enumerate(content):
        if is_publication_line(lines[li].clean, near_headline=k > 0):
            before = [x for x in content[:k] if _headline_like(lines[x].clean)]
            if before:
                return before[-1], before[-1], li
    pub: int | None = None
    # branding + URL lines at the top are furniture
    skip_to = -1
    for li in content[:8]:
        c = lines[li].clean
        if URL_LINE.match(c):
            skip_to = li
        elif len(c) > 200:
            break
    for li in (x for x in content if x > skip_to):
        c = lines[li].clean
        if is_inner_furniture(c) or is_branding(c) or is_stop_line(c) or is_metadata_label(c):
            continue
        if is_publication_line(c) and pub is None:
            pub = li  # a stamp above the headline
            continue
        headline = li if _headline_like(c) and not link_run_at(lines, li, n) else None
        return li, headline, pub
    return None, None, pub


def _stop(lines: list[Line], start_line: int) -> int:
    """The first furniture heading or related-links run after the start (the page's end)."""
    n = len(lines)
    for j in range(start_line + 1, n):
        ln = lines[j]
        if not is_blank(ln) and (is_stop_line(ln.clean) or link_run_at(lines, j, n)):
            return j
    return n


def _trailing(lines: list[Line], start_line: int, stop: int) -> tuple[int, list[int], int | None]:
    """Walking up from the end: (last line before them, trailing stamp / source / furniture lines,
    the stamp among them)."""
    j = stop - 1
    trailing: list[int] = []
    tail_pub: int | None = None
    while j > start_line:
        ln = lines[j]
        c = ln.clean
        if is_blank(ln):
            j -= 1
            continue
        if is_publication_line(c, near_headline=True):
            tail_pub = j if tail_pub is None else tail_pub
        elif byline_prefix(c) or not (is_inner_furniture(c) or is_source_line(c)):
            break
        trailing.append(j)
        j -= 1
    return j, trailing, tail_pub


def _byline(lines: list[Line], j: int, start_line: int, headline: int | None) -> tuple[list[int], int, tuple[int, int] | None]:
    """The byline lines above line ``j`` (reporters, "Tin, ảnh: …"), the body's last line, and
    the byline's character span (or a name glued to the last sentence)."""
    by_lines: list[int] = []
    while j > start_line and len(by_lines) < 3:
        ln = lines[j]
        c = ln.clean
        if is_blank(ln):
            j -= 1
            continue
        if byline_prefix(c) or (source_prefix(c) and not is_source_line(c)) or looks_like_names(c):
            by_lines.append(j)
            j -= 1
            continue
        break
    if by_lines:
        first_b, last_b = min(by_lines), max(by_lines)
        span = (lines[first_b].start + (len(lines[first_b].raw) - len(lines[first_b].raw.lstrip())),
                lines[last_b].start + len(lines[last_b].raw.rstrip()))
        return by_lines, j, span
    if j > start_line or (j == start_line and headline is None):
        m = rx.search(_GLUED_NAME, lines[j].raw)
        if m and looks_like_name(m.group("name")):
            return by_lines, j, (lines[j].start + m.start("name"), lines[j].start + m.end("name"))
    return by_lines, j, None


def read_article(text: str, lines: list[Line]) -> dict[str, Any]:
    """Main lines, headline, publication stamp and byline of a news page."""
    n = len(lines)
    start_line, headline, pub = _start(lines, _content(lines, banner_lines(text, lines)))
    if headline is not None:
        start_line = headline
    if start_line is None:
        first = next((ln.index for ln in lines if not is_blank(ln)), None)
        if first is None:
            return {"main_lines": [], "headline": None, "pub": None, "byline": None}
        start_line = first
    stop = _stop(lines, start_line)
    j, trailing, tail_pub = _trailing(lines, start_line, stop)
    by_lines, body_last, byline = _byline(lines, j, start_line, headline)
    if pub is None and tail_pub is not None:
        pub = tail_pub
    if pub is None and headline is not None:
        # stamp right under the headline without keyword
        for li in range(headline + 1, min(n, headline + 4)):
            if not is_blank(lines[li]) and is_publication_line(lines[li].clean, near_headline=True):
                pub = li
                break
    if pub is not None and pub < start_line:
        start_line = pub
    main_lines = []
    last_main = max([body_last] + by_lines + [t for t in trailing if t != stop])
    for li in range(start_line, min(stop, last_main + 1)):
        ln = lines[li]
        if is_blank(ln) or is_inner_furniture(ln.clean):
            continue
        if li in trailing and li != pub and not is_source_line(ln.clean):
            continue
        main_lines.append(li)
    return {"main_lines": main_lines, "headline": headline, "pub": pub, "byline": byline}
