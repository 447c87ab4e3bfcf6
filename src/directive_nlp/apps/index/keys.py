"""Search keys: folding, abbreviations and their long forms, phrase patterns."""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Sequence


if TYPE_CHECKING:  # pragma: no cover
    import duckdb

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- search keys

#: SQL macros stored in the database (usable in ``directive-nlp sql``). dnlp_fold: lower case,
#: accents removed, đ → d (the same as normalize.fold_key on normalized text, whitespace kept).
_MACROS = (
    "CREATE OR REPLACE MACRO dnlp_fold(s) AS replace(replace(strip_accents(lower(s)), 'đ', 'd'), 'ð', 'd')",
    "CREATE OR REPLACE MACRO dnlp_folds(l) AS array_to_string([dnlp_fold(x) FOR x IN l], ' | ')",
    "CREATE OR REPLACE MACRO dnlp_number(s) AS "
    "translate(regexp_replace(dnlp_fold(s), '\\s+', '', 'g'), '\u2010\u2011\u2012\u2013\u2014\u2212', '------')",
)
_TOKEN = re.compile(r"[a-z0-9]+")
#: Between two words of a phrase: anything but a letter, a digit or the list separator "|".
_SEP = "[^a-z0-9|]+"
_START = "(?:^|[^a-z0-9])"
_END = "(?:$|[^a-z0-9])"
_MAX_ALTERNATION_DEPTH = 2


def _fold_sql(con: duckdb.DuckDBPyConnection, values: Sequence[str]) -> list[str]:
    rows = con.execute("SELECT dnlp_fold(unnest(?::VARCHAR[]))", [list(values)]).fetchall()
    return [r[0] or "" for r in rows]


_Groups = list[list[list[str]]]  # group → its forms → tokens (the long form first)
_Index = dict[str, list[tuple[list[str], int]]]  # first token → (form, group), longest first
_ABBREVIATIONS: tuple[_Groups, _Index] | None = None


def _abbreviation_index(con: duckdb.DuckDBPyConnection) -> tuple[_Groups, _Index]:
    """The abbreviation groups (lexicon ``abbreviations``, rows with search = yes), folded like
    the search keys (cached)."""
    global _ABBREVIATIONS
    if _ABBREVIATIONS is not None:
        return _ABBREVIATIONS
    from directive_nlp.resources import lexicon

    by_long: dict[str, list[str]] = {}
    for row in lexicon("abbreviations").table.rows:
        if row.search == "yes":
            by_long.setdefault(row.expansion, []).append(row.phrase)
    items = [{"long": long, "short": shorts} for long, shorts in by_long.items()]
    flat = [f for item in items for f in [item["long"], *item.get("short", [])]]
    folded = dict(zip(flat, _fold_sql(con, flat)))
    groups: _Groups = []
    index: _Index = {}
    for item in items:
        forms: list[list[str]] = []
        for i, f in enumerate([item["long"], *item.get("short", [])]):
            toks = _TOKEN.findall(folded[f])
            variants = [toks] if i == 0 or len(toks) < 2 else [toks, ["".join(toks)]]
            for v in variants:
                if v and v not in forms:
                    forms.append(v)
        g = len(groups)
        groups.append(forms)
        for form in forms:
            index.setdefault(form[0], []).append((form, g))
    for v in index.values():
        v.sort(key=lambda item: -len(item[0]))
    _ABBREVIATIONS = (groups, index)
    return _ABBREVIATIONS


def _find_form(tokens: list[str], i: int, index: _Index, exclude: frozenset[int] = frozenset()) -> tuple[list[str], int] | None:
    """The longest form of a group (not in ``exclude``) starting at ``tokens[i]``."""
    for form, g in index.get(tokens[i], ()):
        if g not in exclude and tokens[i : i + len(form)] == form:
            return form, g
    return None


def _canonical(tokens: list[str], groups: _Groups, index: _Index) -> list[str]:
    """``tokens`` with every abbreviation replaced by its long form ("van phong ubnd" →
    "van phong uy ban nhan dan"), so that groups written with other groups inside are found."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        hit = _find_form(tokens, i, index)
        if hit is None:
            out.append(tokens[i])
            i += 1
        else:
            out.extend(groups[hit[1]][0])
            i += len(hit[0])
    return out


def _phrase(tokens: list[str], groups: _Groups, index: _Index, exclude: frozenset[int], depth: int) -> tuple[str, list[str]]:
    """RE2 body matching ``tokens`` as a phrase, each abbreviation or long form as any form of
    its group; and the tokens outside alternations (for a fast pre-filter)."""
    parts: list[str] = []
    plain: list[str] = []
    i = 0
    while i < len(tokens):
        hit = _find_form(tokens, i, index, exclude) if depth < _MAX_ALTERNATION_DEPTH else None
        if hit is None:
            parts.append(tokens[i])
            plain.append(tokens[i])
            i += 1
            continue
        form, g = hit
        alts = list(dict.fromkeys(_phrase(f, groups, index, exclude | {g}, depth + 1)[0] for f in groups[g]))
        parts.append("(?:" + "|".join(alts) + ")")
        i += len(form)
    return _SEP.join(parts), plain


