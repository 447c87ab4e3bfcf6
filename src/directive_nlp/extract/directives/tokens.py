"""Tokens of a span of the normalized text, and markup cleaning."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import regex

from directive_nlp.text.analysis import Analysis, Word, analyze
from directive_nlp.text.words import align, pos_tag_words, word_tokenize

_MARKUP = regex.compile(r"[*|#_]+")
_MARKUP_END = regex.compile(r"[*|#_]+$")
_SPACES = regex.compile(r"\s+")
_LETTER = regex.compile(r"[\p{L}]")


class DocText(str):
    """The normalized text of a document, carrying its :class:`Analysis` so that every phase
    that is handed "the text" reads the same words (a slice of it is a plain ``str``)."""

    analysis: Analysis
    _tags: dict[int, str]
    _tagged: set[int]

    def __new__(cls, analysis: Analysis) -> "DocText":
        obj = super().__new__(cls, analysis.text)
        obj.analysis = analysis
        obj._tags = {}
        obj._tagged = set()
        return obj

    def tag(self, tok: "Tok") -> str:
        """underthesea's POS tag of a token ("V", "N", "Np" …), the token's sentence tagged on
        first use (only sentences where a rule asks are tagged)."""
        k = self.analysis.words[self.analysis.word_index(tok.s)].sent if self.analysis.words else 0
        if k not in self._tagged:
            self._tagged.add(k)
            sent = self.analysis.sentences[k]
            toks = [t for w in self.analysis.words[sent.first : sent.stop] for t in _toks(self.analysis.text, w)]
            for t, tag in zip(toks, pos_tag_words([t.t for t in toks])):
                self._tags[t.s] = tag
        return self._tags.get(tok.s, "")


@dataclass(frozen=True, slots=True)
class Tok:
    """One word of the analysis (underthesea's segmentation: "giao thông" is one word), with
    the markup marks around it left out."""

    s: int
    e: int
    t: str
    f: str  # folded, whitespace collapsed
    whole: bool = True  # a word of the analysis (False: a piece of a mixed-case word)

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
    """A token list that keeps its folded words (computed once) and the text it comes from."""

    f: list[str]
    doc: "DocText | None"


def _toks(text: str, w: Word) -> list[Tok]:
    """The tokens of one word: the word itself, or, for a word that mixes capitalised and
    lower-case syllables (underthesea joins a capitalised run with the words after it: "Bộ Nông
    nghiệp và Môi trường", "Tôn giáo khẩn trương"), the words of its lower-cased syllables."""
    s, e, t = w.start, w.end, w.text
    m = _MARKUP.match(t)
    if m:
        s, t = s + m.end(), t[m.end() :]
    m = _MARKUP_END.search(t)
    if m and m.start() > 0:
        e, t = e - (len(t) - m.start()), t[: m.start()]
    if not t.strip() or _MARKUP.fullmatch(t):
        return []
    parts = t.split()
    if len(parts) > 1 and any(p[:1].isupper() for p in parts) and any(p[:1].islower() for p in parts):
        pieces = _lower_words(" ".join(parts).casefold())
        if len(pieces) > 1:
            spans = align(list(pieces), text, s, e)
            return [Tok(a, b, text[a:b], " ".join(text[a:b].casefold().split()), False) for a, b in spans if b > a]
    return [Tok(s, e, t, " ".join(t.casefold().split()))]


@lru_cache(maxsize=4096)
def _lower_words(syllables: str) -> tuple[str, ...]:
    return tuple(w for w in word_tokenize(syllables) if w.strip())


def tokens_in(text: str, a: int, b: int) -> list[Tok]:
    """The words lying inside text[a:b]: the analysis's words when ``text`` is a
    :class:`DocText`, else the words of an analysis of the string itself."""
    analysis = text.analysis if isinstance(text, DocText) else _analysis_of(text)
    out = _TL(t for w in analysis.words_in(a, b) for t in _toks(analysis.text, w))
    out.f = [t.f for t in out]
    out.doc = text if isinstance(text, DocText) else None
    return out


def is_verb(toks: Sequence[Tok], j: int) -> bool:
    """Is ``toks[j]`` a verb by underthesea's POS tags? Only whole words of the analysis are
    asked (a piece of a name underthesea joined, like "ban" of "Ủy ban", is no verb), and only
    with a document to tag."""
    doc = getattr(toks, "doc", None)
    return doc is not None and toks[j].whole and doc.tag(toks[j]) == "V"


@lru_cache(maxsize=256)
def _analysis_of(text: str) -> Analysis:
    return analyze(text)


def clean(s: str) -> str:
    """Markdown emphasis and table bars removed, whitespace collapsed."""
    return _SPACES.sub(" ", _MARKUP.sub(" ", s)).strip()


def folds(toks: Sequence[Tok]) -> list[str]:
    cached = getattr(toks, "f", None)
    return cached if cached is not None else [t.f for t in toks]


# --------------------------------------------------------------------------- noun phrases
