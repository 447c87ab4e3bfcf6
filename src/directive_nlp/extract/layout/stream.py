"""A page region as a stream of words: markup and line breaks are mere separators.

Crawled administrative documents break the words of one header line over several lines
(``**ỦY BAN NHÂN\\nDÂN**``), wrap cells in table bars and emphasis, put emphasis inside a word
(``n**ă**m``, ``C**ỤC THUẾ**``), glue the issuer to the motto with a separator
(``BỘ Y TẾ -------CỘNG HÒA``) or write the whole header on one line. A :class:`Stream` is the
region's text with all of that reduced to single spaces between words, and an offset map back to
the text, so the header's blocks are recognized the same way whatever the layout.

Rules, per whitespace-separated piece of the text:

* emphasis and table marks (``*``, ``_``, ``|``, ``#``, ``>``, ``` ` ```) between two letters or
  digits vanish (``n**ă**m`` → ``năm``); elsewhere they separate words (``gửi:**Ủy`` → ``gửi: Ủy``);
* a run of three or more separator characters (``-----``, ``____``, ``===``, ``…..``) separates
  words;
* any run of whitespace, line breaks included, is one space.

``stream.text[i]`` comes from ``source[stream.offsets[i]]``; a separating space maps to the
position where the separation starts. :meth:`Stream.span` maps a stream span back to the source.
A word that follows a *hard* separation (a table bar, an emphasis mark, a rule, a column gap of
three spaces or a tab) is listed in ``stream.hard`` by its first stream position: a header cell
or an italic place-and-date line starts there, a plain line break is no such sign.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = ["Stream", "stream_of", "MARKUP"]

MARKUP = frozenset("*_|#>`")
_PIECE = regex.compile(r"\S+")
_RULE = regex.compile(r"[-_=~.…—–]{3,}")
_GLUE_SIDE = regex.compile(r"[\p{L}\p{M}\d]")
_GLUE_PUNCT = frozenset("/-.")


@dataclass(frozen=True, slots=True)
class Stream:
    """Words of ``source[lo:hi]`` separated by single spaces (see module doc)."""

    source: str
    text: str
    offsets: tuple[int, ...]
    lo: int
    hi: int
    hard: frozenset[int] = frozenset()

    def pos(self, i: int) -> int:
        """Source offset of stream position ``i`` (``i == len(text)`` maps to the region end)."""
        if i >= len(self.text):
            return self.hi
        return self.offsets[i]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Source span of the stream span ``[i, j)`` (first to last character, inclusive)."""
        if j <= i:
            p = self.pos(i)
            return p, p
        return self.offsets[i], self.offsets[j - 1] + 1

    def index(self, source_pos: int) -> int:
        """First stream position whose source offset is at or after ``source_pos``."""
        lo, hi = 0, len(self.offsets)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.offsets[mid] < source_pos:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _glued(piece: str, k: int) -> bool:
    """Markup at ``piece[k]`` (a run) sits inside a word: between two letters of the same case
    (``n**ă**m``, ``C**ỤC``; not ``BÁO**kết``), two digits, or a digit or letter and a symbol's
    separator (``63**/**2010``)."""
    a = k - 1
    while a >= 0 and piece[a] in MARKUP:
        a -= 1
    b = k
    while b < len(piece) and piece[b] in MARKUP:
        b += 1
    if a < 0 or b >= len(piece):
        return False
    left, right = piece[a], piece[b]
    if left.isalpha() and right.isalpha():
        return left.isupper() == right.isupper() or not (left.isupper() or left.islower())
    if _GLUE_SIDE.match(left) and _GLUE_SIDE.match(right):
        return True
    return (left in _GLUE_PUNCT and bool(_GLUE_SIDE.match(right))) or (
        right in _GLUE_PUNCT and bool(_GLUE_SIDE.match(left))
    )


def _words_of_piece(piece: str, start: int) -> tuple[list[tuple[list[tuple[str, int]], bool]], bool]:
    """The words of one whitespace-free piece as (list of (character, source offset), hard
    separation before it), and whether the piece ends with a hard separation."""
    rules = {m.start(): m.end() for m in _RULE.finditer(piece)}
    words: list[tuple[list[tuple[str, int]], bool]] = [([], False)]
    k = 0
    while k < len(piece):
        if k in rules:
            words.append(([], True))
            k = rules[k]
            continue
        ch = piece[k]
        if ch in MARKUP:
            if not _glued(piece, k):
                words.append(([], True))
            k += 1
            continue
        words[-1][0].append((ch, start + k))
        k += 1
    trailing = not words[-1][0] and len(words) > 1
    return [w for w in words if w[0]], trailing


_COLUMN_GAP = regex.compile(r"\t|[ \u00a0]{3}")


def stream_of(source: str, lo: int = 0, hi: int | None = None) -> Stream:
    """The word stream of ``source[lo:hi]`` (see module doc)."""
    hi = len(source) if hi is None else hi
    chars: list[str] = []
    offsets: list[int] = []
    hard: set[int] = set()
    prev_end = lo
    pending_hard = False
    for m in _PIECE.finditer(source, lo, hi):
        gap_hard = bool(_COLUMN_GAP.search(source, prev_end, m.start())) or pending_hard
        piece = m.group(0)
        if MARKUP.isdisjoint(piece) and _RULE.search(piece) is None:
            # the usual piece, one plain word: what _words_of_piece gives, without the walk
            if chars:
                chars.append(" ")
                offsets.append(offsets[-1] + 1)
            if gap_hard:
                hard.add(len(chars))
            chars.extend(piece)
            offsets.extend(range(m.start(), m.end()))
            pending_hard = False
            prev_end = m.end()
            continue
        words, pending_hard = _words_of_piece(piece, m.start())
        for k, (word, hard_before) in enumerate(words):
            if chars:
                chars.append(" ")
                offsets.append(offsets[-1] + 1)
            if hard_before or (k == 0 and gap_hard):
                hard.add(len(chars))
            for ch, off in word:
                chars.append(ch)
                offsets.append(off)
        if not words:
            pending_hard = True
        prev_end = m.end()
    return Stream(source, "".join(chars), tuple(offsets), lo, hi, frozenset(hard))
