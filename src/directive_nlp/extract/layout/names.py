"""Names on a page: personal names (signers, reporters), reporter bylines and sources, bodies."""

from __future__ import annotations

import regex

from directive_nlp.extract.layout.lexicon import lex, prefix_in
from directive_nlp.extract.layout.lines import is_caps
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold_key

__all__ = [
    "NAME_WORD", "looks_like_name", "looks_like_names", "byline_prefix", "source_prefix", "is_org",
    "is_source_line",
]

NAME_WORD = r"(?:\p{Lu}\.\s*)*\p{Lu}[\p{Ll}\p{Lu}]*(?:-\p{Lu}?[\p{Ll}]+)?"
_NAME_LINE = regex.compile(rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{0,5}}$")
_TITLE_WORD = regex.compile(r"^(?:\p{Lu}\.)*\p{Lu}[\p{Ll}]*$")


def looks_like_name(s: str, allow_caps: bool = False) -> bool:
    """A personal name line: 1-6 capitalised words ("Nguyễn Văn Thắng", "T.SỸ", "Y Khoa Niê")."""
    s = s.strip().rstrip(".")
    if not s or len(s) > 48 or any(map(str.isdigit, s)):
        return False
    if not rx.match(_NAME_LINE, s):
        return False
    words = s.split()
    if len(words) == 1:
        # a lone word: only an initial-style name ("T.SỸ") or a caps pen name
        return "." in words[0]
    if all(_TITLE_WORD.match(w) for w in words):
        return True
    if allow_caps and is_caps(s, 1.0):
        first = fold_key(words[0].split(".")[-1])
        return first in lex().surnames
    return False


def byline_prefix(clean: str) -> str | None:
    """The byline lead-in of a line ("Nguồn tin", "Tin, ảnh"), when followed by ':'."""
    key = fold_key(clean)
    p = prefix_in(key, lex().byline_prefixes)
    if p is None:
        return None
    rest = key[len(p) :].lstrip()
    return p if rest.startswith(":") else None


def source_prefix(clean: str) -> str | None:
    key = fold_key(clean)
    p = prefix_in(key, lex().source_prefixes)
    if p is None or len(clean) > 120:
        return None
    rest = key[len(p) :].lstrip(" :")
    return p if rest else None


_NAME_SEP = regex.compile(r"\s+[-–—]\s+|\s*[,;/&]\s*|\s+và\s+")


def looks_like_names(s: str) -> bool:
    """One to four reporter names on a line: "Minh Anh - Hải Yến", "Văn Tâm"."""
    parts = [p for p in _NAME_SEP.split(s.strip()) if p.strip()]
    return 0 < len(parts) <= 4 and all(looks_like_name(p) and not is_org(p) for p in parts)


def is_org(s: str) -> bool:
    key = fold_key(s)
    return prefix_in(key, lex().org_words) is not None or "." in key and "/" in key


def is_source_line(clean: str) -> bool:
    p = source_prefix(clean)
    if p is None:
        return False
    rest = clean[len(p) :].strip(" :")
    return is_org(rest) or not looks_like_name(rest)


