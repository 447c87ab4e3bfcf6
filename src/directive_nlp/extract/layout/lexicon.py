"""The words layout reads: page furniture, publication stamps, bylines, header block and signer
marks (``data/layout.json``, ``data/header.json`` and the shared lexicons), folded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from directive_nlp.resources import lexicon, load_json, load_table, type_words
from directive_nlp.text.normalize import fold_key

__all__ = ["Lex", "lex", "ends_with_connector", "starts_with_key", "prefix_in"]


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


@cache
def lex() -> Lex:
    lay = load_json("layout")
    hdr = load_json("header")
    authority_lex = lexicon("signer_authority")
    auth = sorted(authority_lex.where(form="mark"), key=len, reverse=True)
    auth_alt = "|".join(regex.escape(a) for a in auth)
    words_alt = "|".join(regex.escape(w) for w in sorted(authority_lex.where(form="word"), key=len, reverse=True))
    # an authority mark followed by an upper-case word: "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"
    # marks ending in "." or "/" may touch the next word; bare marks ("TM") need a space
    authority = regex.compile(
        rf"^(?:(?:{auth_alt})(?:(?<=[./])\s*|\s+)|(?:{words_alt})\s+)\p{{Lu}}"
    )
    tw = sorted({w.upper() for w in type_words()}, key=len, reverse=True)
    urg = sorted(hdr["urgency"], key=len, reverse=True)
    tw_alt = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in tw)
    urg_alt = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in urg)
    type_line = regex.compile(
        rf"^(?:(?:{urg_alt})[\s*:,.-]+)*(?P<type>{tw_alt})(?![\p{{L}}\d])"
    )
    surnames = frozenset(fold_key(s) for s in load_table("surnames").column("surname"))
    return Lex(
        stop_prefixes=phrase_keys(lay["stop_prefixes"]),
        stop_exact=frozenset(fold_key(x) for x in lay["stop_exact"]),
        inner_prefixes=phrase_keys(lay["inner_prefixes"]),
        inner_exact=frozenset(fold_key(x) for x in lay["inner_exact"]),
        branding=phrase_keys(lay["branding_prefixes"]),
        pub_keywords=phrase_keys(lay["publication_keywords"]),
        weekdays=phrase_keys(lexicon("weekdays").phrases),
        byline_prefixes=phrase_keys(lay["byline_prefixes"]),
        source_prefixes=phrase_keys(lay["source_prefixes"]),
        org_words=phrase_keys(lay["org_words"]),
        metadata_labels=phrase_keys(lexicon("portal_labels").phrases),
        authority=authority,
        noise=frozenset(fold_key(x).strip("()[] ") for x in lexicon("signature_noise").phrases),
        ranks=phrase_keys(hdr["ranks"]),
        body_heads=phrase_keys(lexicon("org_heads").phrases),
        subject_leads=phrase_keys(hdr["subject_leads"]),
        urgency=phrase_keys(hdr["urgency"]),
        type_line=type_line,
        surnames=surnames,
        appendix=tuple(hdr["appendix_heads"]),
        connectors=frozenset(fold_key(x) for x in hdr["title_connectors"]),
        body_leads=phrase_keys(lexicon("body_leads").phrases),
        mottos=tuple(hdr["mottos"]),
        urgency_marks=tuple(hdr["urgency"]),
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


def prefix_in(key: str, phrases: tuple[str, ...]) -> str | None:
    for p in phrases:
        if starts_with_key(key, p):
            return p
    return None


