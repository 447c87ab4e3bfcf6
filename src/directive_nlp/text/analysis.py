"""The one analysis of a document that every extractor reads.

:func:`analyze` normalizes the input once (:mod:`directive_nlp.text.normalize`), splits it into
lines, sentences and underthesea words, and returns an :class:`Analysis`. Every offset in it is an
offset into the *normalized* text (``analysis.text``); ``analysis.norm.span_to_raw`` maps a span
back to the input as the caller gave it, which is what the pipeline does before it outputs an item.

Words are underthesea's segmentation ("Bí thư", "Tỉnh ủy", "giao thông" are one word each), so a
rule that asks "is this the verb *giao*?" asks the word, not a regular expression over letters.
Each word carries its syllables as lower-case *atoms* (runs of letters or digits, or one
punctuation character), which is what :class:`~directive_nlp.text.phrases.PhraseMatcher` matches.
POS tags are computed on demand (:meth:`Analysis.pos`), once per document.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

import regex

from directive_nlp.text.normalize import Normalized, normalize
from directive_nlp.text.words import align, pos_tag_many, segment_many, segment_pieces, sentence_spans

__all__ = ["Word", "Sentence", "Line", "Analysis", "analyze", "atoms", "atom_spans", "as_analysis"]

_ATOM = regex.compile(r"[\p{L}\p{M}]+|\d+|[^\s\p{L}\p{M}\d]")


#: Strings up to this length (words, short phrases: they recur) have their atoms cached.
_CACHED_LENGTH = 40


def atoms(s: str) -> tuple[str, ...]:
    """Lower-case atoms of a string: runs of letters, runs of digits, single other characters.

    "Bí thư Tỉnh ủy" → ("bí", "thư", "tỉnh", "ủy"); "T.Ư" → ("t", ".", "ư"); "274-TB/TU" → ("274",
    "-", "tb", "/", "tu"). Whitespace (line breaks included) only separates atoms.
    """
    return _short_atoms(s) if len(s) <= _CACHED_LENGTH else _atoms(s)


def atom_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of each atom of ``s`` (the same atoms as :func:`atoms`, as written)."""
    return list(_short_atom_spans(s) if len(s) <= _CACHED_LENGTH else _atom_spans(s))


def _atoms(s: str) -> tuple[str, ...]:
    return tuple(m.group(0).casefold() for m in _ATOM.finditer(s))


def _atom_spans(s: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _ATOM.finditer(s))


_short_atoms = lru_cache(maxsize=1 << 15)(_atoms)
_short_atom_spans = lru_cache(maxsize=1 << 15)(_atom_spans)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the segmentation: ``analysis.text[start:end] == text``."""

    text: str
    start: int
    end: int
    sent: int  # index of its sentence
    _atoms: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def atoms(self) -> tuple[str, ...]:
        """Lower-case atoms of the word (computed on first use)."""
        found = self._atoms
        if found is None:
            found = atoms(self.text)
            object.__setattr__(self, "_atoms", found)
        return found

    @property
    def fold(self) -> str:
        """Lower-case, whitespace collapsed ("Tỉnh\\nủy" → "tỉnh ủy")."""
        return " ".join(self.text.casefold().split())

    @property
    def is_alpha(self) -> bool:
        return bool(self.text) and self.text[0].isalpha()

    @property
    def is_digit(self) -> bool:
        return bool(self.text) and self.text[0].isdigit()

    @property
    def is_punct(self) -> bool:
        return bool(self.text) and not self.text[0].isalnum()

    @property
    def is_title(self) -> bool:
        """Every syllable starts with a capital ("Nguyễn Văn Thắng", "UBND")."""
        parts = self.text.split()
        return bool(parts) and all(p[0].isupper() for p in parts)

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    first: int  # index of its first word
    stop: int  # one past its last word


@dataclass(frozen=True, slots=True)
class Line:
    """One line (without its line break); ``text[start:end]``."""

    start: int
    end: int


@dataclass(eq=False)
class Analysis:
    """Normalized text, lines, sentences and words of one document (see module doc).

    Sentences and words are segmented on first use, POS tags on first call of :meth:`pos`.
    """

    norm: Normalized
    lines: tuple[Line, ...]
    _words: tuple[Word, ...] | None = field(default=None, repr=False)
    _sentences: tuple[Sentence, ...] | None = field(default=None, repr=False)
    _pos: tuple[str, ...] | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)
    # typed results of the stages that ran, by stage name ("layout", "header", …)
    results: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def raw(self) -> str:
        return self.norm.raw

    @property
    def words(self) -> tuple[Word, ...]:
        if self._words is None:
            self._words, self._sentences = _segment(self.norm.text)
        return self._words

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        if self._sentences is None:
            self._words, self._sentences = _segment(self.norm.text)
        return self._sentences

    # ----------------------------------------------------------------- words by position
    def _word_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [w.start for w in self.words]
        return self._starts

    def word_index(self, offset: int) -> int:
        """Index of the first word that ends after ``offset`` (len(words) if none)."""
        starts = self._word_starts()
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and self.words[k].end > offset:
            return k
        return k + 1

    def word_range(self, start: int, end: int) -> range:
        """Indices of the words lying inside ``[start, end)``."""
        starts = self._word_starts()
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        while hi > lo and self.words[hi - 1].end > end:
            hi -= 1
        return range(lo, hi)

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        r = self.word_range(start, end)
        return self.words[r.start : r.stop]

    # ----------------------------------------------------------------- lines
    def line_index(self, offset: int) -> int:
        """Index of the line holding ``offset``."""
        if self._line_starts is None:
            self._line_starts = [ln.start for ln in self.lines]
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def line_text(self, k: int) -> str:
        ln = self.lines[k]
        return self.text[ln.start : ln.end]

    # ----------------------------------------------------------------- POS on demand
    def pos(self) -> tuple[str, ...]:
        """underthesea POS tag of every word (computed once, on first call)."""
        if self._pos is None:
            words = [w.text for w in self.words]
            batch = pos_tag_many([words[s.first : s.stop] for s in self.sentences])
            self._pos = tuple(tag for tags in batch for tag in tags)
        return self._pos

    def iter_sentence_words(self) -> Iterator[tuple[Sentence, tuple[Word, ...]]]:
        for s in self.sentences:
            yield s, self.words[s.first : s.stop]


def _lines(text: str) -> tuple[Line, ...]:
    out: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            out.append(Line(pos, n))
            break
        out.append(Line(pos, nl))
        pos = nl + 1
    return tuple(out)


def _segment(text: str) -> tuple[tuple[Word, ...], tuple[Sentence, ...]]:
    """Sentences, then their pieces (bounded: the CRF's memory is per token), segmented in one
    batch (:func:`~directive_nlp.text.words.segment_many`), then the words aligned to the text."""
    plan: list[tuple[int, int, list[tuple[int, int, bool]]]] = [
        (s, e, segment_pieces(text, s, e)) for s, e in sentence_spans(text)
    ]
    batch = segment_many([text[ps:pe] for _, _, pieces in plan for ps, pe, one in pieces if not one])
    words: list[Word] = []
    sents: list[Sentence] = []
    done = 0
    for s, e, pieces in plan:
        first = len(words)
        k = len(sents)
        for ps, pe, one_word in pieces:
            if one_word:
                words.append(Word(text[ps:pe], ps, pe, k))
                continue
            found = [w for w in batch[done] if w.strip()]
            done += 1
            for ws, we in align(found, text, ps, pe):
                if we > ws:
                    words.append(Word(text[ws:we], ws, we, k))
        if len(words) > first:
            sents.append(Sentence(s, e, first, len(words)))
    return tuple(words), tuple(sents)


def analyze(raw: str) -> Analysis:
    """Normalize ``raw`` once; words and sentences follow on first use (see module doc)."""
    if not isinstance(raw, str):
        raise TypeError(f"analyze() takes the text as str, not {type(raw).__name__}")
    norm = normalize(raw)
    return Analysis(norm=norm, lines=_lines(norm.text))


def as_analysis(text_or_analysis: "str | Analysis", who: str) -> Analysis:
    """The argument of an extractor: an :class:`Analysis`, or a text to analyze (TypeError else)."""
    if isinstance(text_or_analysis, Analysis):
        return text_or_analysis
    if isinstance(text_or_analysis, str):
        return analyze(text_or_analysis)
    raise TypeError(f"{who}() takes an Analysis or a str, not {type(text_or_analysis).__name__}")
