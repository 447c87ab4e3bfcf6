"""Normalization with an offset map back to the input.

Every extractor runs on :class:`Normalized.text` (NFC, one tone-mark style, one space
character, no zero-width characters) and every offset it returns is mapped back to the
text as the caller gave it with :meth:`Normalized.span_to_raw`, so that
``raw[start:end]`` is always the item's text as written.

What is changed:

* Unicode NFC (decomposed input and combining marks compose);
* old-style tone marks on the diphthongs ``oa``, ``oe``, ``uy`` at the end of a syllable are
  moved to the first vowel, the style the reference tables and gold use: "Uỷ" → "Ủy",
  "hoà" → "hòa", "Khoẻ" → "Khỏe" ("quý", "hoàn", "Thuyết" are left alone);
* ``Ð`` (U+00D0, Icelandic eth, seen in PDF text) → ``Đ``;
* no-break and other Unicode spaces → " "; zero-width, bidi and other format characters
  (Unicode category Cf: U+200B, U+200E, U+202A…, U+FEFF) and soft hyphens removed;
* line ends: CRLF → LF (the CR is dropped), a lone CR → LF.

Line breaks and the number of spaces are kept, so layout rules still see lines.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = ["Normalized", "normalize", "fold", "fold_key", "strip_accents"]

# Vowel + tone -> (base vowel, tone mark) and back, for the letters that matter here.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
         "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
         "\u2066", "\u2067", "\u2068", "\u2069", "\u180e", "\u2061", "\u2062", "\u2063", "\u2064"}
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2002", "\u2003", "\u2009", "\u200a", "\u3000"}
_CHARMAP = {"\u00d0": "\u0110"}  # Ð -> Đ


def _split_tone(ch: str) -> tuple[str, str]:
    """Return (letter without tone, tone mark or '') for one NFC character."""
    d = unicodedata.normalize("NFD", ch)
    tone = ""
    rest = []
    for c in d:
        if c in _TONES:
            tone = c
        else:
            rest.append(c)
    return unicodedata.normalize("NFC", "".join(rest)), tone


def _with_tone(letter: str, tone: str) -> str:
    return unicodedata.normalize("NFC", letter + tone) if tone else letter


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _retone(s: str) -> str:
    """Move old-style tone marks in 'oa', 'oe', 'uy' (syllable-final) to the first vowel."""
    if not s:
        return s
    chars = list(s)
    n = len(chars)
    for i in range(1, n):
        second_base, tone = _split_tone(chars[i])
        if not tone:
            continue
        first = chars[i - 1]
        first_base, first_tone = _split_tone(first)
        if first_tone:
            continue
        pair = (first_base.lower(), second_base.lower())
        if pair not in (("o", "a"), ("o", "e"), ("u", "y")):
            continue
        # syllable-final: the next character is not a letter
        if i + 1 < n and _is_letter(chars[i + 1]):
            continue
        # "qu" + y keeps the mark on y ("quý"); "gi" is not involved here
        if pair == ("u", "y") and i >= 2 and chars[i - 2].lower() == "q":
            continue
        # only inside a word: the pair must not start after a letter that makes it a triphthong
        if i >= 2 and _split_tone(chars[i - 2])[0].lower() in "aeiouyâêôơưă":
            continue
        chars[i - 1] = _with_tone(first_base, tone)
        chars[i] = second_base
    return "".join(chars)


@dataclass(frozen=True)
class Normalized:
    """A normalized text and the map from its character offsets back to the raw text."""

    raw: str
    text: str
    # to_raw[i] = raw offset of normalized char i; len(to_raw) == len(text) + 1.
    # None means identity (text == raw).
    to_raw_map: tuple[int, ...] | None

    def to_raw(self, i: int) -> int:
        if self.to_raw_map is None:
            return i
        return self.to_raw_map[i]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) to the raw [start, end) that covers it."""
        if self.to_raw_map is None:
            return start, end
        if end <= start:
            s = self.to_raw_map[start]
            return s, s
        s = self.to_raw_map[start]
        # end: one past the raw position of the last normalized char's source
        e = self._raw_end_of(end - 1)
        return s, e

    def _raw_end_of(self, i: int) -> int:
        """Raw offset just past the raw characters that produced normalized char i."""
        assert self.to_raw_map is not None
        nxt = self.to_raw_map[i + 1]
        cur = self.to_raw_map[i]
        if nxt > cur:
            return nxt
        # several normalized chars from one raw cluster: the cluster ends at the next change,
        # found by bisection in the (non-decreasing) map, not by a scan: a cluster can be long
        j = bisect.bisect_right(self.to_raw_map, cur, i + 1, len(self.to_raw_map) - 1)
        return self.to_raw_map[j] if self.to_raw_map[j] > cur else cur + 1

    def from_raw(self, raw_offset: int) -> int:
        """Smallest normalized offset whose raw offset is >= raw_offset."""
        if self.to_raw_map is None:
            return raw_offset
        return bisect.bisect_left(self.to_raw_map, raw_offset, 0, len(self.text))


def _cluster_end(raw: str, i: int) -> int:
    """End of the cluster starting at ``i``: a character and the combining marks after it."""
    j = i + 1
    n = len(raw)
    while j < n and unicodedata.combining(raw[j]):
        j += 1
    return j


def _normalize_cluster(raw: str, s: int, e: int, next_is_lf: bool) -> str:
    """The normalized text of the cluster ``raw[s:e]`` ("" when it is dropped)."""
    chunk = raw[s:e]
    first = chunk[0]
    if e - s == 1 and (first in _DROP or unicodedata.category(first) == "Cf"):
        return ""
    if first == "\r":
        if next_is_lf:
            return ""  # CRLF: the LF stands for both
        chunk = "\n" + chunk[1:]
    elif first in _SPACES and e - s == 1:
        chunk = " "
    elif first in _CHARMAP:
        chunk = _CHARMAP[first] + chunk[1:]
    return unicodedata.normalize("NFC", chunk)


def _normalize_uncached(raw: str) -> Normalized:
    if raw.isascii() and "\r" not in raw:
        return Normalized(raw, raw, None)
    if unicodedata.is_normalized("NFC", raw) and not _SPECIAL.search(raw):
        # Re-toning keeps every character in place: the map is the identity.
        return Normalized(raw, _retone_text(raw), None)
    text, to_raw = _normalize_clusters(raw)
    if text == raw and to_raw == list(range(len(raw) + 1)):
        return Normalized(raw, raw, None)
    return Normalized(raw, text, tuple(to_raw))


def _normalize_clusters(raw: str) -> tuple[str, list[int]]:
    """The normalized text and, per character of it (and its end), its raw offset. Each
    cluster (a character and the combining marks after it) is normalized on its own; between
    the characters that may change (:data:`_CHANGING`) the text is copied as it is."""
    pieces: list[str] = []
    to_raw: list[int] = []
    pos = 0
    for m in _CHANGING.finditer(raw):
        s = m.start()
        if s < pos:
            continue  # a mark of the cluster just normalized
        if raw[s] in _DROP and (s + 1 == len(raw) or not unicodedata.combining(raw[s + 1])):
            pieces.append(raw[pos:s])  # a dropped character (a cluster of its own)
            to_raw.extend(range(pos, s))
            pos = s + 1
            continue
        if s > pos and unicodedata.combining(raw[s]):
            s -= 1  # a mark after a character that does not change alone: its cluster
        pieces.append(raw[pos:s])
        to_raw.extend(range(pos, s))
        e = _cluster_end(raw, s)
        out = _normalize_cluster(raw, s, e, raw.startswith("\n", e))
        pieces.append(out)
        to_raw.extend([s] * len(out))
        pos = e
    pieces.append(raw[pos:])
    to_raw.extend(range(pos, len(raw) + 1))
    # re-tone word by word (same length: only marks move between letters)
    return _retone_text("".join(pieces)), to_raw


def _retone_text(text: str) -> str:
    """``_RETONE_WORD.sub(_retone)``, found from the vowel pairs: a match ends at its pair and
    starts at the first of the (at most two) letters before it that is not in the last match."""
    out: list[str] = []
    pos = 0
    for pair in _RETONE_PAIR.finditer(text):
        q = pair.start()
        for p in range(max(pos, q - 2), q + 1):
            m = _RETONE_WORD.match(text, p)
            if m is not None:  # at the latest at q: the pair alone
                out += (text[pos:p], _retone(m.group(0)))
                pos = m.end()
                break
    out.append(text[pos:])
    return "".join(out)


_SPECIAL = regex.compile("[\\p{Cf}\r" + "".join(sorted(_DROP | _SPACES | set(_CHARMAP))) + "]")
#: The characters that may change, in Python's Unicode tables (tests/test_normalize.py checks it
#: against them): those :data:`_SPECIAL` names, combining marks (their cluster is composed), and
#: characters that NFC replaces even alone; unassigned ones in the tables of the regex module too.
#: Any other character is a cluster of its own that stays as it is.
_CHANGING = regex.compile("[\\p{^ccc=0}\\p{NFC_QC=N}\\p{Cn}\\p{Cf}\r" + "".join(sorted(_DROP | _SPACES | set(_CHARMAP))) + "]")
# Only a word ENDING in oa/oe/uy with the mark on the second vowel can need work, and only the
# two letters before that pair decide ("quý", triphthongs): the match takes those and no more,
# so each position is tried in constant time (an unbounded \p{L}* rescans a long word from
# every one of its letters: quadratic).
_RETONE_WORD = regex.compile(r"(?i)\p{L}{0,2}(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})")
_RETONE_PAIR = regex.compile(r"(?i)(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})")


@lru_cache(maxsize=16)
def normalize(raw: str) -> Normalized:
    """Normalize ``raw`` (see module doc). Cached: components call it on the same text."""
    return _normalize_uncached(raw)


def strip_accents(s: str) -> str:
    """Remove Vietnamese diacritics ("Sở Y tế" → "So Y te"); đ/Đ → d/D."""
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return d.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Normalized, case-folded, whitespace-collapsed form of a short string (for lookups)."""
    t = normalize(s).text
    return " ".join(t.casefold().split())


@lru_cache(maxsize=65536)
def fold_key(s: str) -> str:
    """Accent- and case-insensitive key ("Ủy ban" and "Uy ban" and "UỶ BAN" agree)."""
    return strip_accents(fold(s))
