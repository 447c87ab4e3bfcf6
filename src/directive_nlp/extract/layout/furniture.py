"""Page furniture: headings that end an article body, single furniture lines inside it, portal
metadata labels, publication stamps, site branding and runs of related-links bullets."""

from __future__ import annotations

import regex

from functools import cache

from directive_nlp.extract.layout.lexicon import candidates, lex, prefix_in, starts_with_key
from directive_nlp.extract.layout.stream import stream_of
from directive_nlp.resources import lexicon
from directive_nlp.extract.layout.lines import BULLET_START, Line, is_blank
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold_key

__all__ = [
    "is_stop_line", "is_inner_furniture", "is_metadata_label", "is_publication_line", "is_branding",
    "bullet_link", "link_run_at", "URL_LINE", "DMY", "banner_lines",
]

_COUNT_TAIL = regex.compile(r"^[\s:：\-–|()\d.,]*$")
_FIRST_LETTER = regex.compile(r"\p{L}")


def is_stop_line(clean: str) -> bool:
    """A furniture heading that ends an article body ("Các tin tức khác:", "Tổng truy cập").

    A line that starts in lower case continues a sentence ("… để mọi người cùng\nchia sẻ."): it
    is never a heading, however its words read.
    """
    if not clean or len(clean) > 160:
        return False
    first = _FIRST_LETTER.search(clean)
    if first is not None and first.group().islower():
        return False
    lx = lex()
    key = fold_key(clean)
    p = prefix_in(key, lx.stop_prefixes)
    if p is not None:
        return True
    for ex in candidates(key, lx.stop_exact):
        if starts_with_key(key, ex) and _COUNT_TAIL.match(key[len(ex):]) and len(key) - len(ex) <= 12:
            return True
    return False


_IMAGE_FILE = regex.compile(r"^\S{0,120}\.(?:jpe?g|png|gif|webp|bmp|tiff?)$", regex.I)
URL_LINE = regex.compile(r"^(?:https?://|www\.)\S+$", regex.I)
_URL_ANY = regex.compile(r"(?:https?://|www\.)\S+", regex.I)
_PAGINATION = regex.compile(r"^\d+\s*-\s*\d+\s+of\s+\d+|^[<«‹]?\s*(?:\.\.\.|…)?\s*(?:\d+\s+){3,}", regex.I)


def is_inner_furniture(clean: str) -> bool:
    """A single furniture line inside the body: image file name, bare URL, "Link bài viết gốc"."""
    if not clean:
        return False
    if _IMAGE_FILE.match(clean) or URL_LINE.match(clean) or _PAGINATION.match(clean):
        return True
    lx = lex()
    key = fold_key(clean)
    if key in lx.inner_exact:
        return True
    if len(clean) <= 200 and prefix_in(key, lx.inner_prefixes) is not None:
        return True
    return False


def is_metadata_label(clean: str) -> bool:
    key = fold_key(clean)
    p = prefix_in(key, lex().metadata_labels)
    return p is not None and len(key) <= len(p) + 40 and ":" in clean[: len(p) + 3]


# --------------------------------------------------------------------------- stamps and names

DMY = regex.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_A_WORD = regex.compile(r"\p{L}{3,}")
#: a related link ends with its date in brackets: "… (12/03/2024)"
_DATED_TAIL = regex.compile(r"\(\s*\d{1,2}/\d{1,2}/\d{4}\s*\)\s*$")
_HM = regex.compile(r"(?<![\d/])(\d{1,2})\s*[:h]\s*(\d{2})(?::(\d{2}))?(?!\d)")


def is_publication_line(clean: str, near_headline: bool = False) -> bool:
    """A publication stamp: "Thời gian đăng: 28/05/2021 16:19:39 PM", "Thứ sáu - 17/09/2021 06:46"."""
    if not clean or len(clean) > 140 or not rx.search(DMY, clean):
        return False
    lx = lex()
    key = fold_key(clean)
    if prefix_in(key, lx.pub_keywords) is not None:
        return True
    if prefix_in(key, lx.weekdays) is not None:
        return True
    if near_headline:
        # a bare stamp: date, time and counters only
        rest = DMY.sub(" ", clean)
        rest = _HM.sub(" ", rest)
        if not _A_WORD.search(rest.replace("GMT", "")):
            return True
    return False

def is_branding(clean: str) -> bool:
    return prefix_in(fold_key(clean), lex().branding) is not None


def bullet_link(line: Line) -> bool:
    c = line.clean
    if not c or len(c) > 220:
        return False
    if _DATED_TAIL.search(c):
        return True
    return bool(BULLET_START.match(line.raw)) and not c.endswith((".", ";", ":"))


def link_run_at(lines: list[Line], i: int, hi: int) -> bool:
    """Lines from i on are a run of >= 3 bullet links (related-news list); a link's text may
    go on over the next line (a re-wrapped list)."""
    n = 0
    j = i
    item = -1  # characters of the link being read (-1: none that may go on)
    while j < hi and n < 3:
        ln = lines[j]
        if is_blank(ln):
            j += 1
            item = -1
            continue
        if not bullet_link(ln):
            if item >= 0 and not BULLET_START.match(ln.raw) and item + len(ln.clean) <= 220:
                j += 1
                item += len(ln.clean)
                continue
            return False
        n += 1
        j += 1
        item = len(ln.clean)
    return n >= 3



# --------------------------------------------------------------------------- banners


@cache
def _banner_re() -> regex.Pattern[str]:
    phrases = sorted(lexicon("page_furniture").where(role="banner"), key=len, reverse=True)
    return regex.compile("|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in phrases), regex.I)


_SENTENCE_END = regex.compile(r"[.!?](?=\s|$)")


def banner_lines(text: str, lines: list[Line], limit: int = 6000) -> set[int]:
    """Lines of a portal's copyright banner near the top ("Bản dịch này thuộc quyền sở hữu của
    THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép … là vi phạm pháp luật …"): every line of a
    sentence that holds a banner phrase (lexicon ``page_furniture``, role banner), read on the
    word stream so markup and line breaks inside the sentence do not matter."""
    st = stream_of(text, 0, min(len(text), limit))
    out: set[int] = set()
    for m in _banner_re().finditer(st.text):
        a = max((e.end() for e in _SENTENCE_END.finditer(st.text, 0, m.start())), default=0)
        z = _SENTENCE_END.search(st.text, m.end())
        s, e = st.span(a, z.end() if z else len(st.text))
        out.update(ln.index for ln in lines if ln.start < e and s < ln.end)
    return out
