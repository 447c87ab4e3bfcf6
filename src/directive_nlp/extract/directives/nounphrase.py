"""Noun phrases of bodies and persons that must act, ended by the action (a verb phrase)."""

from __future__ import annotations

from typing import Sequence

import regex

from directive_nlp.extract.directives.lexicon import Lex, phrase_key
from directive_nlp.extract.directives.tokens import Tok, clean, folds

_NP_LIMIT = 60  # words in an assignee / subject noun phrase


def is_subject_start(toks: Sequence[Tok], i: int, lex: Lex) -> bool:
    """Can a body/person noun phrase begin at ``toks[i]``?"""
    if i >= len(toks) or not toks[i].word:
        return False
    f = folds(toks)
    if lex.starters.match(f, i) and not lex.subject_heads.match(f, i) and not lex.person_heads.match(f, i):
        return False
    if lex.hard_stops.match(f, i):
        # a conjunction or a conditional opens no subject ("Trường hợp có vướng mắc thì …")
        return False
    if f[i] in ("các", "những"):
        return i + 1 < len(toks) and toks[i + 1].word and (
            toks[i + 1].cap or is_subject_start(toks, i + 1, lex)
        )
    if lex.subject_heads.match(f, i) or lex.person_heads.match(f, i) or lex.pronouns.match(f, i):
        return True
    return toks[i].acronym


def is_starter(toks: Sequence[Tok], i: int, lex: Lex, first: bool = False) -> int:
    """Length of an action phrase starting at ``toks[i]`` (lower-case unless ``first``)."""
    if i >= len(toks) or not toks[i].word:
        return 0
    if not first and not toks[i].lower:
        return 0
    f = folds(toks)
    n = lex.starters.match(f, i)
    if not n:
        # an adverb before the action ("Giao Phó Thủ tướng X trực tiếp chỉ đạo …")
        k = lex.preverbs.match(f, i) if not lex.hard_stops.match(f, i) else 0  # not "sẽ", "đã"
        if k and i + k < len(toks) and toks[i + k].lower and f[i + k] not in f[i : i + k]:
            m = is_starter(toks, i + k, lex)
            return k + m if m else 0
        return 0
    if first and max(lex.subject_heads.match(f, i), lex.person_heads.match(f, i)) > n:
        return 0
    key = phrase_key(" ".join(f[i : i + n]))
    blocked = lex.starter_not_after.get(key)
    if blocked is not None and i > 0 and blocked.ends(f, i):
        return 0
    if key in lex.noun_ambiguous and i > 0:
        prev = f[i - 1]
        if prev in ("các", "những", "và", ",", "hoặc") or lex.person_heads.ends(f, i):
            return 0
    return n


def noun_phrase(toks: Sequence[Tok], i: int, lex: Lex, *, need_starter: bool = True) -> tuple[int, int, int] | None:
    """A noun phrase from ``toks[i]`` up to an action phrase.

    Returns (first token, end token of the phrase, index of the action) or None. With
    ``need_starter`` False the phrase may also end at the end of ``toks`` or at a ":" / ";"."""
    f = folds(toks)
    soft: int | None = None
    words = 0
    j = i
    depth = 0
    while j < len(toks):
        t = toks[j]
        if t.t == "(":
            depth += 1
            j += 1
            continue
        if t.t == ")":
            depth = max(0, depth - 1)
            j += 1
            continue
        if depth:
            j += 1
            continue
        if j > i:
            n = is_starter(toks, j, lex)
            if (n and not (f[j] == "lãnh đạo" and f[j - 1] in ("và", ","))) or _verb_after_name(toks, j, lex):
                end = soft if soft is not None else j
                return (i, end, j) if end > i else None
        if t.t in (".", "!", "?", "…"):
            break
        if t.t == ":":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and nxt.cap and j > i:
                j += 1
                continue
            break
        if t.t in ("“", "”", '"'):
            break
        if t.word:
            if j > i:
                if f[j] == "có" and lex.allowed_after_co.match(f, j + 1):
                    j += 1
                    words += 1
                    continue
                if lex.hard_stops.match(f, j) and t.lower:
                    # "Thuế tỉnh X căn cứ … để xử lý": the phrase ended at the soft stop
                    return (i, soft, soft) if soft is not None and soft > i else None
                s = lex.soft_stops.match(f, j)
                if s and soft is None and t.lower:
                    soft = j
            words += 1
            if words > _NP_LIMIT:
                return None
        j += 1
    if need_starter:
        return None
    end = soft if soft is not None else j
    while end > i and not toks[end - 1].word and toks[end - 1].t not in (")",):
        end -= 1
    return (i, end, j) if end > i else None


def _verb_after_name(toks: Sequence[Tok], j: int, lex: Lex) -> bool:
    """The verb "có" after a capitalised word or an acronym ends the noun phrase ("TKV có giải
    pháp", "Sở Công Thương có trách nhiệm …"); "có liên quan" stays in it. (Other verbs after a
    name are read by the action lexicon: a POS tagger reads the parts of names like "Trung tâm
    Phục vụ hành chính công" or "Cơ quan thường trực" as verbs.)"""
    t, prev = toks[j], toks[j - 1]
    f = folds(toks)
    return t.word and t.lower and prev.word and prev.cap and f[j] == "có" and not lex.allowed_after_co.match(f, j + 1)


def phrase_text(text: str, toks: Sequence[Tok], a: int, b: int) -> str:
    """The phrase toks[a:b] as one clean line, parentheticals dropped."""
    if b <= a:
        return ""
    s = text[toks[a].s : toks[b - 1].e]
    s = regex.sub(r"\s*\([^()]*\)", "", s)
    return clean(s).strip(" ,;:-–")
