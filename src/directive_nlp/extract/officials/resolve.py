"""Titles compared, and the title → person resolver the directives stage uses.

:func:`canon` is the comparison form of a title (folded, abbreviations expanded, honorific
dropped): "PCT UBND tỉnh" = "Phó Chủ tịch Ủy ban nhân dân tỉnh". :func:`title_relation` says
whether two titles are the same, or one is a bare position the other completes ("Thứ trưởng" ~
"Thứ trưởng Bộ Công an"). :func:`resolve_title` finds the official who holds a title phrase in a
document ("Bí thư Tỉnh ủy yêu cầu…" → its holder).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Sequence

from directive_nlp.extract.officials.lexicon import lex
from directive_nlp.text.analysis import atoms
from directive_nlp.text.normalize import fold

if TYPE_CHECKING:
    from directive_nlp.extract.officials.model import Official

__all__ = ["canon", "title_relation", "is_bare_head", "resolve_title", "holds_title", "without_place"]

_HONORIFIC_ONLY = ("đồng chí", "đ/c", "ông", "bà")


@lru_cache(maxsize=4096)  # the same titles are compared again and again
def canon(title: str) -> str:
    """Comparison form of a title: folded, abbreviations expanded, honorifics dropped."""
    expand = lex().fold_abbrev
    s = " ".join(expand.get(w, w) for w in fold(title).replace("-", " ").split())
    for h in _HONORIFIC_ONLY:
        if s.startswith(h + " "):
            s = s[len(h) + 1 :]
    return s


@cache
def is_bare_head(c: str) -> bool:
    """``c`` (a canonical title) is a position without its body: "phó thủ tướng", "bí thư"."""
    seq = list(atoms(c))
    if not seq or not all(a[0].isalpha() for a in seq):
        return False
    lx = lex()
    i = lx.modifiers.match_atoms(seq, 0)
    i += lx.deputy.match_atoms(seq, i)
    k = lx.bare_heads.match_atoms(seq, i)
    return k > 0 and i + k == len(seq)


def title_relation(a: str, b: str) -> int:
    """2: same title; 1: the shorter one is a bare position ("thứ trưởng") that the longer one
    completes ("thứ trưởng bộ công an"); 0: unrelated."""
    if not a or not b:
        return 0
    if a == b:
        return 2
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if long_.startswith(short + " ") and is_bare_head(short):
        return 1
    return 0


@lru_cache(maxsize=4096)
def without_place(c: str) -> str:
    """A canonical title without a trailing place name ("bí thư tỉnh ủy điện biên")."""
    lx = lex()
    words = c.split()
    for k in range(min(lx.place_max, len(words) - 1), 0, -1):
        if tuple(atoms(" ".join(words[len(words) - k :]))) in lx.places:
            return " ".join(words[: len(words) - k])
    return c


def resolve_title(officials: Sequence["Official"], phrase: str) -> "Official | None":
    """The official who holds ``phrase`` in this document ("Bí thư Tỉnh ủy" → its holder).

    Case- and accent-form-insensitive; abbreviations (UBND, HĐND, TP, PCT…) are expanded. An
    exact title wins; otherwise a longer or shorter form of it ("Phó Thủ tướng" ~ "Phó Thủ tướng
    Chính phủ") when only one official has one; a given name alone ("ông Chung") names the one
    official whose name ends with it. None for an honorific alone or no holder.
    """
    if not isinstance(phrase, str):
        return None
    c = canon(phrase)
    if not c or c in _HONORIFIC_ONLY:
        return None
    if len(c.split()) == 1:
        # "ông Chung": the given name of one official ("Nguyễn Đức Chung")
        named = [o for o in officials if fold(o.name).split()[-1:] == [c]]
        if len(named) == 1:
            return named[0]
    c = without_place(c)
    for level in (2, 1):
        cands = [o for o in officials if any(title_relation(canon(t), c) >= level for t in o.titles)]
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1:
            return cands[0] if level == 2 else None
    return None


def _position(c: str) -> tuple[str, ...] | None:
    """The position a canonical title starts with ("phó thủ tướng" of "phó thủ tướng chính
    phủ"), or None when it starts with no known position."""
    seq = list(atoms(c))
    lx = lex()
    i = lx.modifiers.match_atoms(seq, 0)
    i += lx.deputy.match_atoms(seq, i)
    k = lx.bare_heads.match_atoms(seq, i)
    return tuple(seq[: i + k]) if k else None


def _level(c: str) -> str | None:
    """The level of government a canonical title names ("tỉnh", "thành phố"), or None."""
    words = c.split()
    found = None
    for k in range(len(words)):
        for n in (2, 1):
            piece = " ".join(words[k : k + n])
            if len(words[k : k + n]) == n and tuple(atoms(piece)) in _admin_units():
                found = piece
                break
    return found


@cache
def _admin_units() -> frozenset[tuple[str, ...]]:
    from directive_nlp.resources import lexicon

    return frozenset(tuple(atoms(canon(p))) for p in lexicon("admin_units").phrases)


def holds_title(officials: Sequence["Official"], name: str, phrase: str) -> bool | None:
    """Whether the official named ``name`` may hold the title ``phrase``: False when each of
    the official's titles is another position ("Thủ tướng" is no "Phó Thủ tướng") or the same
    position at another level ("Chủ tịch UBND TP" is not the "Chủ tịch UBND tỉnh"); None when no
    official has that name or the phrase starts with no known position."""
    person = next((o for o in officials if o.name == name), None)
    c = without_place(canon(phrase))
    want = _position(c)
    if person is None or want is None:
        return None
    for t in person.titles:
        ct = without_place(canon(t))
        pos = _position(ct)
        if pos is None:
            return True
        if pos != want:
            continue
        a, b = _level(ct), _level(c)
        if a is None or b is None or a == b:
            return True
    return False
