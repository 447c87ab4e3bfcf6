"""The "Kính gửi" block: whom a công văn (or a report sent upward) is addressed to.

NĐ 30/2020 writes ``Kính gửi:`` then one addressee on the same line, or several as a dash list
whose items end with ";" and the last with "." (``number_formats.md`` §8). Crawled pages wrap
these lines anywhere and drop the final punctuation, so the block is read on the word stream
(:mod:`.stream`): an addressee ends at its own final punctuation, at the next list item, or
where the body's first sentence begins — a body lead-in ("Thực hiện", "Căn cứ", "Trả lời",
lexicon ``body_leads``) or the issuing body itself as the subject ("Cục Thuế nhận được …").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from directive_nlp.extract.layout.model import Piece
from directive_nlp.extract.layout.stream import Stream
from directive_nlp.resources import lexicon
from directive_nlp.text.analysis import atoms
from directive_nlp.text.phrases import PhraseMatcher

__all__ = ["AddresseeBlock", "find_kinh_gui", "read_addressees"]

_KINH_GUI = regex.compile(r"(?<![\p{L}\p{N}])(?:Kính|KÍNH) (?:gửi|GỬI)(?: ?:)?")
_WORD = regex.compile(r"\S+")
_MAX_WORDS = 60
_ABBREVIATION = regex.compile(r"(?:\p{Lu}{1,3}|\p{Lu}\p{Ll})\.")


@dataclass(frozen=True, slots=True)
class AddresseeBlock:
    """``Kính gửi`` at ``start`` (source), the block ending at ``end``; one Piece per addressee."""

    start: int
    end: int
    items: tuple[Piece, ...]


def find_kinh_gui(st: Stream, lo: int = 0, hi: int | None = None) -> int | None:
    """Stream position of the first "Kính gửi" in ``[lo, hi)``."""
    m = _KINH_GUI.search(st.text, lo, len(st.text) if hi is None else hi)
    return m.start() if m else None


@cache
def _leads() -> PhraseMatcher:
    return PhraseMatcher(lexicon("body_leads").where(kind="lead"))


def _item_dash(st: Stream, i: int) -> bool:
    """A list dash at stream position ``i`` that opens a line of the source."""
    if i >= len(st.text) or st.text[i] not in "-–+•" or st.text[i + 1 : i + 2] not in (" ", ""):
        return False
    p = st.pos(i)
    ls = st.source.rfind("\n", 0, p) + 1
    return not st.source[ls:p].strip(" \t*_|#>")


def _starts_line(st: Stream, i: int) -> bool:
    p = st.pos(i)
    ls = st.source.rfind("\n", 0, p) + 1
    return not st.source[ls:p].strip(" \t*_|#>")


def _clause_starts(st: Stream, i: int, issuers: PhraseMatcher) -> bool:
    """The body's first sentence starts at word ``i`` (a lead-in, or the issuer as subject)."""
    if not st.text[i : i + 1].isupper():
        return False
    seq = list(atoms(st.text[i : i + 80]))
    return bool(_leads().match_atoms(seq, 0) or (len(issuers) and issuers.match_atoms(seq, 0)))


def _terminal(word: str) -> bool:
    return word.endswith((";", ".")) and not _ABBREVIATION.fullmatch(word)


def read_addressees(st: Stream, at: int, issuers: tuple[str, ...] = ()) -> AddresseeBlock | None:
    """The block of the "Kính gửi" at stream position ``at`` (see module doc); ``issuers`` are
    the document's issuing bodies (a sentence they open is the body, not an addressee)."""
    m = _KINH_GUI.match(st.text, at)
    if m is None:
        return None
    names = PhraseMatcher(issuers)
    words = [(w.start(), w.end()) for w in _WORD.finditer(st.text, m.end(), min(len(st.text), m.end() + 3000))]
    items: list[tuple[int, int]] = []
    k = 0
    listed = bool(words) and _item_dash(st, words[0][0])
    while k < len(words) and len(items) < 40:
        if listed:
            k = _skip_note(st, words, k)
            if k >= len(words) or not _item_dash(st, words[k][0]):
                break
            k += 1
        first = k
        k = _item_end(st, words, k, names, listed)
        if k > first:
            items.append((words[first][0], words[k - 1][1]))
        if not listed or k >= len(words) or st.text[words[k - 1][1] - 1] == "." and k > first:
            break
    if not items:
        return None
    pieces = tuple(_piece(st, s, e) for s, e in items)
    return AddresseeBlock(st.pos(at), pieces[-1].end, pieces)


def _item_end(st: Stream, words: list[tuple[int, int]], k: int, names: PhraseMatcher, listed: bool) -> int:
    """Index one past the last word of the addressee starting at word ``k``."""
    start = k
    while k < len(words) and k - start < _MAX_WORDS:
        s, e = words[k]
        if k > start and (_clause_starts(st, s, names) or (listed and _item_dash(st, s))):
            return k
        if k > start and _starts_line(st, s) and (
            _terminal(st.text[words[k - 1][0] : words[k - 1][1]]) or st.text[s] == "("
        ):
            return k  # a new line after the final punctuation, or an address note "(Địa chỉ: …)"
        k += 1
        if _terminal(st.text[s:e]) and not listed:
            return k
    return k


def _skip_note(st: Stream, words: list[tuple[int, int]], k: int) -> int:
    """Past an address note between two items ("(Địa chỉ: …)" on its own lines)."""
    if k >= len(words) or st.text[words[k][0]] != "(" or not _starts_line(st, words[k][0]):
        return k
    j = k
    while j < len(words) and j - k < 40:
        if ")" in st.text[words[j][0] : words[j][1]]:
            return j + 1
        j += 1
    return k


def _piece(st: Stream, i: int, j: int) -> Piece:
    while j > i and st.text[j - 1] in ".;,: ":
        j -= 1
    s, e = st.span(i, j)
    return Piece(s, e, st.source[s:e], " ".join(st.text[i:j].split()))
