"""The words and codes the number reader needs, from the reference tables (type and issuer codes)
and the concept lexicons of ``data/lexicons`` (front codes, old-form codes, type qualifiers,
urgency marks, generic type words, form words, link markers, issue verbs, date lead-ins)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import regex

from directive_nlp import resources as tables
from directive_nlp.text.normalize import fold, fold_key

TIMEOUT = 1.0
DASHES = "-‐‑‒–—−"
DASH_CLASS = "[" + DASHES + "]"


def phrases(name: str) -> tuple[str, ...]:
    """The phrases of the lexicon ``data/lexicons/<name>.tsv``."""
    return tables.lexicon(name).phrases


def untyped_state_type() -> str:
    """The type of a State number without a type code (``data/numbers.json``)."""
    return str(tables.load_json("numbers")["untyped_state_type"])

@cache
def type_code_index() -> dict[str, dict[str, str]]:
    """Three lookup levels for type codes: exact, casefolded, accent-stripped."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    stripped: dict[str, str] = {}
    for code in sorted(tables.doc_type_codes()):
        exact[code] = code
        folded.setdefault(code.casefold(), code)
        stripped.setdefault(fold_key(code), code)
    # exact table codes win over folded collisions ("DA" stays Dự án, "ĐA" Đề án)
    for code in tables.doc_type_codes():
        if fold_key(code) == code.casefold():
            stripped[fold_key(code)] = code
    return {"exact": exact, "folded": folded, "stripped": stripped}


@lru_cache(maxsize=4096)
def canon_type(code: str) -> str | None:
    """The table's type code for ``code`` as written (exact, casefolded, accent-stripped)."""
    idx = type_code_index()
    return idx["exact"].get(code) or idx["folded"].get(code.casefold()) or idx["stripped"].get(fold_key(code))


@cache
def issuer_keys() -> frozenset[str]:
    codes = set(tables.issuer_codes()) | set(phrases("old_form_codes")) | set(phrases("front_codes"))
    return frozenset(fold_key(c) for c in codes)


@cache
def front_keys() -> frozenset[str]:
    return frozenset(fold_key(c) for c in phrases("front_codes"))


@cache
def old_form_keys() -> frozenset[str]:
    return frozenset(fold_key(c) for c in phrases("old_form_codes"))


ASSEMBLY = regex.compile(r"(?:UBTVQH|QH)\d{1,2}", regex.IGNORECASE)


@lru_cache(maxsize=4096)
def is_issuer_code(code: str) -> bool:
    return fold_key(code) in issuer_keys() or bool(ASSEMBLY.fullmatch(code))


def words_alt(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of phrases, longest first, with flexible whitespace between words."""
    uniq = sorted({w.strip() for w in words if w.strip()}, key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in uniq)


@cache
def type_word_map() -> dict[str, str | None]:
    """fold(type word) → canonical type name (None for generic words such as "Văn bản")."""
    m: dict[str, str | None] = {fold(w): w for w in tables.type_words()}
    for w in phrases("generic_type_words"):
        m.setdefault(fold(w), None)
    return m


def _tail_words() -> list[str]:
    return list(tables.type_words()) + list(phrases("generic_type_words"))


@cache
def type_word_tail() -> regex.Pattern[str]:
    """A type word ("Quyết định", "Văn bản") with its qualifiers, "số" and a colon, up to the end."""
    words = _tail_words()
    quals = list(phrases("type_qualifiers")) + [u.lower() for u in phrases("urgency_marks")]
    return regex.compile(
        r"(?P<word>" + words_alt(words) + r")"
        r"(?:\s+(?:" + words_alt(quals) + r"))?"
        r"(?:\s+số)?[ \t]*:?\s*[*_“\"]*\Z",
        regex.IGNORECASE,
    )


@cache
def type_word_starts() -> re.Pattern[str]:
    """Every place where :func:`type_word_tail` may match, found on the lower-cased text: a first
    syllable of its words, then a space or what may follow a word there (a colon, markup, the
    end). The standard library scans a window for these several times faster than the tail's own
    search; every letter the tail matches regardless of case lowers to the syllable's letter, and
    its spaces are among the standard library's (tests/test_numbers.py checks both)."""
    firsts = sorted({w.split()[0].lower() for w in _tail_words() if w.strip()}, key=lambda w: (-len(w), w))
    return re.compile(r"(?=(?:" + "|".join(map(re.escape, firsts)) + r")(?=[\s:*_“\"]|\Z))")


@cache
def type_word_head() -> regex.Pattern[str]:
    """A type word starting here ("Chỉ thị", "Nghị định"): never part of a body name."""
    return regex.compile(r"(?:" + words_alt(list(tables.type_words())) + r")(?![\p{L}])", regex.IGNORECASE)


@cache
def not_doc_tail() -> regex.Pattern[str]:
    """Lead-ins of numbers that are forms or annexes, not documents ("Mẫu số 01/TK-SDDPNN")."""
    return regex.compile(
        r"(?<![\p{L}])(?:" + words_alt(phrases("form_words")) + r")(?:\s+số)?[ \t]*:?[ \t]*\Z",
        regex.IGNORECASE,
    )


@cache
def short_mention() -> regex.Pattern[str]:
    """A type word and a bare number without symbol ("Nghị định 261", "Nghị quyết số 05")."""
    return regex.compile(
        r"(?<![\p{L}\p{N}])(?P<word>" + words_alt(tables.type_words()) + r")(?:\s+số)?[ \t]*:?[ \t]*\n?[ \t]*"
        r"(?P<seq>\d{1,5})(?![\p{L}\p{N}/_]|\s*" + DASH_CLASS + r"\s*\p{L}|[.,]\d)",
        regex.IGNORECASE,
    )


@cache
def url_re() -> regex.Pattern[str]:
    return regex.compile("|".join(regex.escape(m) for m in phrases("link_markers")), regex.IGNORECASE)

