"""The officials' lexicon: concept lexicons of ``data/lexicons`` and the reference tables, as
phrase matchers on syllables (see :mod:`directive_nlp.extract.officials.syllables`).

Positions come from ``positions.tsv`` and from the posts of ``titles.tsv`` (the longest match
wins: "Bí thư Tỉnh ủy" over "Bí thư"); ranks and academic titles from ``titles.tsv`` too;
surnames from ``surnames.tsv`` with a strength (3 very common Kinh surnames … 1 rare or of
another group) that is evidence for a name, not a gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

from directive_nlp.resources import lexicon, load_table
from directive_nlp.text.analysis import atoms
from directive_nlp.text.normalize import fold, normalize
from directive_nlp.text.phrases import PhraseMatcher

__all__ = ["Lex", "lex", "key"]


def key(phrase: str) -> tuple[str, ...]:
    """Atoms of a phrase in the normalized spelling (what syllables' ``f`` are compared with)."""
    return atoms(normalize(phrase).text)


def _matcher(phrases: Iterable[str]) -> PhraseMatcher:
    return PhraseMatcher(normalize(p).text for p in phrases)


def _keys(phrases: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(key(p) for p in phrases)


@dataclass(frozen=True)
class Lex:
    heads: PhraseMatcher  # positions and posts ("Bí thư", "Bí thư Tỉnh ủy")
    bare_heads: PhraseMatcher  # positions without a body ("Bí thư", "Phó Chủ tịch")
    abbrev_heads: dict[str, str]  # "PCT" → "Phó Chủ tịch" (as written: matched case-sensitively)
    deputy: PhraseMatcher
    modifiers: PhraseMatcher
    joiners: PhraseMatcher
    copulas: PhraseMatcher
    hon_strong: PhraseMatcher
    hon_weak: PhraseMatcher
    ranks: PhraseMatcher
    plural: PhraseMatcher
    admin: PhraseMatcher
    admin_tails: frozenset[str]
    body_words: PhraseMatcher
    task_words: PhraseMatcher
    adhoc_nouns: PhraseMatcher
    function_words: PhraseMatcher
    predicates: PhraseMatcher
    openers: PhraseMatcher
    name_stops: frozenset[str]
    compound_stops: frozenset[str]
    org_heads: PhraseMatcher
    places: frozenset[tuple[str, ...]]
    provinces: frozenset[tuple[str, ...]]
    place_max: int
    historical: frozenset[tuple[str, ...]]
    place_cues: PhraseMatcher
    place_nouns: PhraseMatcher
    enterprise: PhraseMatcher
    chair: PhraseMatcher
    speech: PhraseMatcher
    preverbs: PhraseMatcher
    surnames: dict[str, int]
    middle_names: frozenset[str]
    last_surnames: frozenset[str]
    compound_surnames: frozenset[tuple[str, str]]
    authority: tuple[str, ...]
    noise: frozenset[str]
    fold_abbrev: dict[str, str]
    head_firsts: frozenset[str]  # the syllables a position can start with (modifier, deputy, head)


def _titles_table() -> tuple[list[str], list[str], list[str]]:
    """(posts, ranks, academic titles and forms of address) of ``titles.tsv``."""
    posts: list[str] = []
    ranks: list[str] = []
    personal: list[str] = []
    affixes = {fold(p) for p in lexicon("title_affixes").phrases} | {"phụ trách"}
    for row in load_table("titles").rows:
        title = str(row.title).strip()
        attaches = str(row.attaches_to)
        if not title:
            continue
        if attaches.startswith("rank"):
            ranks.append(title)
        elif attaches == "person":
            if fold(title) not in ("đồng chí", "đ/c"):
                personal.append(title.rstrip("."))
        elif fold(title) not in affixes:
            posts.append(title)
    return posts, ranks, personal


def _surnames() -> tuple[dict[str, int], frozenset[str], frozenset[tuple[str, str]]]:
    """Surname → strength; Ê Đê family names (written last); compound surnames."""
    strength: dict[str, int] = {}
    last: set[str] = set()
    compound: set[tuple[str, str]] = set()
    for row in load_table("surnames").rows:
        words = key(str(row.surname))
        if not words:
            continue
        if row.group == "Kinh" and row.frequency_class == "very_common":
            s = 3
        elif row.group == "Kinh" and row.frequency_class == "common":
            s = 2
        else:
            s = 1
        if "Ê Đê" in str(row.group) and len(words) == 1:
            last.add(words[0])  # "Y Khoa Niê"
            continue
        if len(words) == 2:
            compound.add((words[0], words[1]))
        k = " ".join(words)
        strength[k] = max(s, strength.get(k, 0))
    return strength, frozenset(last), frozenset(compound)


@cache
def lex() -> Lex:
    posts, ranks, personal = _titles_table()
    positions = lexicon("positions")
    heads = list(positions.where(form="head"))
    abbrev = {r.phrase: r.expansion for r in positions.table.rows if r.form == "abbreviation"}
    affixes = lexicon("title_affixes")
    honorifics = lexicon("honorifics")
    places = lexicon("places")
    provinces = _keys(places.where(kind="province"))
    all_places = provinces | _keys(places.where(kind="other"))
    admin_words = lexicon("admin_units").phrases
    surnames, last, compound = _surnames()
    body_abbrev = {r.phrase: r.expansion for r in lexicon("abbreviations").table.rows}
    head_matcher, deputy, modifiers = (_matcher(heads + posts), _matcher(affixes.where(role="deputy")),
                                       _matcher(affixes.where(role="modifier")))
    return Lex(
        heads=head_matcher,
        bare_heads=_matcher(heads + list(abbrev.values())),
        abbrev_heads=abbrev,
        deputy=deputy,
        modifiers=modifiers,
        joiners=_matcher(affixes.where(role="joiner")),
        copulas=_matcher(affixes.where(role="copula")),
        hon_strong=_matcher(honorifics.where(strength="strong")),
        hon_weak=_matcher(list(honorifics.where(strength="weak")) + personal),
        ranks=_matcher(ranks),
        plural=_matcher(lexicon("plural_markers").phrases),
        admin=_matcher(admin_words),
        admin_tails=frozenset(key(p)[-1] for p in admin_words),
        body_words=_matcher(lexicon("body_words").where(kind="name") + lexicon("body_words").where(kind="task")),
        task_words=_matcher(lexicon("body_words").where(kind="task")),
        adhoc_nouns=_matcher(lexicon("body_words").where(kind="adhoc")),
        function_words=_matcher(lexicon("function_words").phrases),
        predicates=_matcher(
            lexicon("predicate_verbs").phrases + lexicon("speech_verbs").phrases + lexicon("directive_verbs").phrases
        ),
        openers=_matcher(lexicon("sentence_openers").phrases),
        name_stops=frozenset(key(p)[0] for p in lexicon("name_stops").phrases),
        compound_stops=frozenset(key(p)[0] for p in lexicon("name_stops").where(where="compound")),
        org_heads=_matcher(lexicon("org_heads").phrases),
        places=all_places,
        provinces=provinces,
        place_max=max((len(p) for p in all_places), default=1),
        historical=_keys(lexicon("historical_figures").phrases),
        place_cues=_matcher(lexicon("place_cues").phrases),
        place_nouns=_matcher(lexicon("place_cues").where(kind="place")),
        enterprise=_matcher(lexicon("enterprise_words").phrases),
        chair=_matcher(lexicon("chair_verbs").phrases),
        speech=_matcher(lexicon("speech_verbs").phrases),
        preverbs=_matcher(lexicon("preverbs").phrases),
        surnames=surnames,
        middle_names=frozenset(key(p)[0] for p in lexicon("middle_names").phrases),
        last_surnames=last,
        compound_surnames=compound,
        authority=tuple(lexicon("signer_authority").where(form="mark")),
        noise=frozenset(fold(x) for x in lexicon("signature_noise").phrases),
        fold_abbrev={fold(k): fold(v) for k, v in {**body_abbrev, **abbrev}.items()},
        head_firsts=head_matcher.firsts | deputy.firsts | modifiers.firsts,
    )
