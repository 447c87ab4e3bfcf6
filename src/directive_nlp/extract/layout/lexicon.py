"""The words layout reads, from the concept lexicons of ``data/lexicons`` (page furniture,
publication stamps, bylines, header blocks, signer marks), folded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from directive_nlp.resources import lexicon, load_table, type_words
from directive_nlp.text.normalize import fold_key

__all__ = ["Lex", "lex", "ends_with_connector", "starts_with_key", "prefix_in", "candidates"]


def phrase_keys(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted({fold_key(x) for x in items if x.strip()}, key=len, reverse=True))


@dataclass(frozen=True)
class Lex:
    stop_prefixes: tuple[str, ...]
    stop_exact: frozenset[str]
    inner_prefixes: tuple[str, ...]
    inner_exact: frozenset[str]
    branding: tuple[str, ...]
    pub_keywords: tuple[str, ...]
    weekdays: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    source_prefixes: tuple[str, ...]
    org_words: tuple[str, ...]
    metadata_labels: tuple[str, ...]
    authority: regex.Pattern[str]
    noise: frozenset[str]
    ranks: tuple[str, ...]
    body_heads: tuple[str, ...]
    subject_leads: tuple[str, ...]
    urgency: tuple[str, ...]
    type_line: regex.Pattern[str]
    surnames: frozenset[str]
    connectors: frozenset[str]
    body_leads: tuple[str, ...]
    appendix: tuple[str, ...]
    mottos: tuple[str, ...]
    urgency_marks: tuple[str, ...]


def _where(name: str, **attrs: str) -> list[str]:
    return list(lexicon(name).where(**attrs)) if attrs else list(lexicon(name).phrases)


@cache
def lex() -> Lex:
    authority_lex = lexicon("signer_authority")
    auth = sorted(authority_lex.where(form="mark"), key=len, reverse=True)
    auth_alt = "|".join(regex.escape(a) for a in auth)
    words_alt = "|".join(regex.escape(w) for w in sorted(authority_lex.where(form="word"), key=len, reverse=True))
    # an authority mark followed by an upper-case word: "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"
    # marks ending in "." or "/" may touch the next word; bare marks ("TM") need a space
    authority = regex.compile(
        rf"^(?:(?:{auth_alt})(?:(?<=[./])\s*|\s+)|(?:{words_alt})\s+)\p{{Lu}}"
    )
    urgency = _where("urgency_marks")
    tw = sorted({w.upper() for w in type_words()}, key=len, reverse=True)
    urg = sorted({u.upper() for u in urgency}, key=len, reverse=True)
    tw_alt = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in tw)
    urg_alt = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in urg)
    type_line = regex.compile(
        rf"^(?:(?:{urg_alt})[\s*:,.-]+)*(?P<type>{tw_alt})(?![\p{{L}}\d])"
    )
    surnames = frozenset(fold_key(s) for s in load_table("surnames").column("surname"))
    titles = load_table("titles")
    military = [r.title for r in titles.rows if r.attaches_to.startswith("rank")]
    return Lex(
        stop_prefixes=phrase_keys(_where("page_furniture", match="prefix", role="stop")),
        stop_exact=frozenset(fold_key(x) for x in _where("page_furniture", match="exact", role="stop")),
        inner_prefixes=phrase_keys(_where("page_furniture", match="prefix", role="inner")),
        inner_exact=frozenset(fold_key(x) for x in _where("page_furniture", match="exact", role="inner")),
        branding=phrase_keys(_where("site_branding")),
        pub_keywords=phrase_keys(_where("publication_labels")),
        weekdays=phrase_keys(_where("weekdays")),
        byline_prefixes=phrase_keys(_where("byline_labels")),
        source_prefixes=phrase_keys(_where("source_labels")),
        org_words=phrase_keys(_where("source_orgs")),
        metadata_labels=phrase_keys(_where("portal_labels")),
        authority=authority,
        noise=frozenset(fold_key(x).strip("()[] ") for x in _where("signature_noise")),
        ranks=phrase_keys(_where("degrees") + military),
        body_heads=phrase_keys(_where("org_heads")),
        subject_leads=phrase_keys(_where("subject_leads")),
        urgency=phrase_keys(urgency),
        type_line=type_line,
        surnames=surnames,
        appendix=tuple(_where("appendix_heads")),
        connectors=frozenset(fold_key(x) for x in _where("title_connectors")),
        body_leads=phrase_keys(_where("body_leads")),
        mottos=tuple(_where("mottos")),
        urgency_marks=tuple(urgency),
    )


def ends_with_connector(clean: str) -> bool:
    """A title line cut after a connector word ("… của", "… và", "…,"): the title goes on."""
    if clean.endswith((",", "-", "–")):
        return True
    words = fold_key(clean).split()
    return bool(words) and (words[-1] in lex().connectors or " ".join(words[-2:]) in lex().connectors)


def starts_with_key(key: str, phrase: str) -> bool:
    """``key`` starts with ``phrase`` at a word boundary (both fold_key'd)."""
    if not key.startswith(phrase):
        return False
    if len(key) == len(phrase):
        return True
    nxt = key[len(phrase)]
    return not nxt.isalpha() or not phrase[-1:].isalnum()


#: phrase collections indexed by their first character, by identity (the lexicon's tuples live
#: for the whole process): a line is tried only against the phrases that can start it
_BY_FIRST: dict[int, tuple[object, dict[str, tuple[str, ...]]]] = {}


def _by_first(phrases: tuple[str, ...] | frozenset[str]) -> dict[str, tuple[str, ...]]:
    hit = _BY_FIRST.get(id(phrases))
    if hit is not None and hit[0] is phrases:
        return hit[1]
    index: dict[str, list[str]] = {}
    for p in phrases:
        index.setdefault(p[:1], []).append(p)
    if "" in index:  # an empty phrase starts every key
        index = {c: [*v, *index[""]] if c else v for c, v in index.items()}
    out = {c: tuple(v) for c, v in index.items()}
    _BY_FIRST[id(phrases)] = (phrases, out)
    return out


def candidates(key: str, phrases: tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
    """The phrases of ``phrases`` (in their order) whose first character is that of ``key``."""
    index = _by_first(phrases)
    return index.get(key[:1], index.get("", ()))


def prefix_in(key: str, phrases: tuple[str, ...]) -> str | None:
    """The first phrase of ``phrases`` that ``key`` starts with at a word boundary."""
    for p in candidates(key, phrases):
        if starts_with_key(key, p):
            return p
    return None


