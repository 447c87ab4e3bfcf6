"""Tokens of a span of the normalized text, and markup cleaning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import regex

from directive_nlp.text import rx

_TOK = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[&'’./\-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}*|#_]")
_MARKUP = regex.compile(r"[*|#_]+")
_SPACES = regex.compile(r"\s+")
_LETTER = regex.compile(r"[\p{L}]")


@dataclass(frozen=True, slots=True)
class Tok:
    s: int
    e: int
    t: str
    f: str  # folded

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


class _TL(list):  # type: ignore[type-arg]
    """A token list that keeps its folded words (computed once)."""

    f: list[str]


def tokens_in(text: str, a: int, b: int) -> list[Tok]:
    out = _TL(Tok(m.start(), m.end(), m.group(), m.group().casefold()) for m in rx.finditer(_TOK, text, a, b))
    out.f = [t.f for t in out]
    return out


def clean(s: str) -> str:
    """Markdown emphasis and table bars removed, whitespace collapsed."""
    return _SPACES.sub(" ", _MARKUP.sub(" ", s)).strip()


def folds(toks: Sequence[Tok]) -> list[str]:
    cached = getattr(toks, "f", None)
    return cached if cached is not None else [t.f for t in toks]


# --------------------------------------------------------------------------- noun phrases
