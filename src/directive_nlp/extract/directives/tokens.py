"""Tokens of a span of the normalized text, and markup cleaning."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Sequence

import regex

from directive_nlp.text.analysis import Analysis, Word, analyze
from directive_nlp.text.words import align, word_tokenize

_MARKUP = regex.compile(r"[*|#_]+")
_MARKUP_END = regex.compile(r"[*|#_]+$")
_MARKUP_OR_SPACES = regex.compile(r"[\s*|#_]+")
_LETTER = regex.compile(r"[\p{L}]")


class DocText(str):
    """The normalized text of a document, carrying its :class:`Analysis` so that every phase
    that is handed "the text" reads the same words (a slice of it is a plain ``str``)."""

    analysis: Analysis
    _all: list["Tok"]
    _folds: list[str]
    _first: list[int]  # index in _all of the first token of each word read so far, and the end

    def __new__(cls, analysis: Analysis) -> "DocText":
        obj = super().__new__(cls, analysis.text)
        obj.analysis = analysis
        obj._all, obj._folds, obj._first = [], [], [0]
        return obj

    def tokens(self, a: int, b: int) -> tuple[list["Tok"], list[str]]:
        """The tokens of the words inside [a, b) and their folds (each word read once, the
        words read in text order up to the last one asked for: the furniture after the last
        text read is never tokenized)."""
        r = self.analysis.word_range(a, b)
        if r.stop >= len(self._first):
            self._read_words(r.stop)
        i, j = self._first[r.start], self._first[r.stop]
        return self._all[i:j], self._folds[i:j]

    def _read_words(self, stop: int) -> None:
        """Tokens of the words up to index ``stop`` (exclusive) not read yet."""
        words, toks, folds, first = self.analysis.words, self._all, self._folds, self._first
        for k in range(len(first) - 1, stop):
            at = words[k].start
            for a, b, t, f in _pieces(words[k].text):  # (as _toks, without a list per word)
                toks.append(Tok(at + a, at + b, t, f))
                folds.append(f)
            first.append(len(toks))


class Tok(NamedTuple):
    """One word of the analysis (underthesea's segmentation: "giao thông" is one word), with
    the markup marks around it left out. (A named tuple: a document's tokens are made by the
    ten thousand, a frozen dataclass costs twice as much to build.)"""

    s: int
    e: int
    t: str
    f: str  # folded, whitespace collapsed

    @property
    def word(self) -> bool:
        return bool(_LETTER.match(self.t)) or self.t[:1].isdigit()

    @property
    def lower(self) -> bool:
        return self.t[:1].islower()

    @property
    def cap(self) -> bool:
        return self.t[:1].isupper()

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.t if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def syllables(self) -> int:
        return len(self.f.split())


class _TL(list):  # type: ignore[type-arg]
    """A token list that keeps its folded words (computed once)."""

    f: list[str]


def _toks(text: str, w: Word) -> list[Tok]:
    """The tokens of one word: the word itself, or, for a word that mixes capitalised and
    lower-case syllables (underthesea joins a capitalised run with the words after it: "Bộ Nông
    nghiệp và Môi trường", "Tôn giáo khẩn trương"), the words of its lower-cased syllables."""
    return [Tok(w.start + a, w.start + b, t, f) for a, b, t, f in _pieces(w.text)]


@lru_cache(maxsize=65536)
def _pieces(word: str) -> tuple[tuple[int, int, str, str], ...]:
    """The tokens of a word as written (offsets into ``word``: a word is read the same wherever
    it stands)."""
    s, e, t = 0, len(word), word
    m = _MARKUP.match(t)
    if m:
        s, t = s + m.end(), t[m.end() :]
    m = _MARKUP_END.search(t)
    if m and m.start() > 0:
        e, t = e - (len(t) - m.start()), t[: m.start()]
    if not t.strip() or _MARKUP.fullmatch(t):
        return ()
    parts = t.split()
    if len(parts) > 1 and any(p[:1].isupper() for p in parts) and any(p[:1].islower() for p in parts):
        pieces = _lower_words(" ".join(parts).casefold())
        if len(pieces) > 1:
            spans = align(list(pieces), word, s, e)
            return tuple((a, b, word[a:b], " ".join(word[a:b].casefold().split())) for a, b in spans if b > a)
    return ((s, e, t, " ".join(t.casefold().split())),)


@lru_cache(maxsize=4096)
def _lower_words(syllables: str) -> tuple[str, ...]:
    return tuple(w for w in word_tokenize(syllables) if w.strip())


def tokens_in(text: str, a: int, b: int) -> list[Tok]:
    """The words lying inside text[a:b]: the analysis's words when ``text`` is a
    :class:`DocText`, else the words of an analysis of the string itself."""
    if isinstance(text, DocText):
        toks, f = text.tokens(a, b)
        out = _TL(toks)
        out.f = f
        return out
    analysis = _analysis_of(text)
    out = _TL(t for w in analysis.words_in(a, b) for t in _toks(analysis.text, w))
    out.f = [t.f for t in out]
    return out


@lru_cache(maxsize=256)
def _analysis_of(text: str) -> Analysis:
    return analyze(text)


_NOT_BLANK = regex.compile(r"[^\s*|#_]")  # a character clean() keeps
_NOT_BLANK_OR_BULLET = regex.compile(r"[^\s*|#_\-–•]")


def has_text(text: str, a: int, b: int, bullets: bool = False) -> bool:
    """Whether clean(text[a:b]) is not empty (with ``bullets``: holds more than the marks
    "-–•*# "), without building it: a search for one character that stays."""
    m = (_NOT_BLANK_OR_BULLET if bullets else _NOT_BLANK).search(text, a, b)
    if m is None:
        return False
    if "\x1c" <= m.group() <= "\x1f":  # a separator control: str.strip() drops it at the ends only
        kept = clean(text[a:b])
        return bool(kept.strip("-–•*# ") if bullets else kept)
    return True


def clean(s: str) -> str:
    """Markdown emphasis and table bars removed, whitespace collapsed."""
    return _MARKUP_OR_SPACES.sub(" ", s).strip()


def folds(toks: Sequence[Tok]) -> list[str]:
    cached = getattr(toks, "f", None)
    return cached if cached is not None else [t.f for t in toks]


# --------------------------------------------------------------------------- noun phrases
