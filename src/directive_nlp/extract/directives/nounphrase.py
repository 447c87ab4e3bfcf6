"""Noun phrases of bodies and persons that must act, ended by the action (a verb phrase)."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import regex

from directive_nlp.extract.directives.lexicon import Lex, phrase_key
from directive_nlp.extract.directives.tokens import Tok, clean, folds

_PARENTHETICAL = regex.compile(r"\s*\([^()]*\)")
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
    n = lex.plural.match(f, i)
    if n and toks[i].lower and i + n < len(toks) and toks[i + n].word:
        # a quantity or group marker before a body: "cả hệ thống chính trị", "liên Bộ GTVT",
        # "hai tỉnh"
        return toks[i + n].cap or is_subject_start(toks, i + n, lex)
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


def noun_phrase(
    toks: Sequence[Tok], i: int, lex: Lex, *, need_starter: bool = True, read_pos: bool = False
) -> tuple[int, int, int] | None:
    """A noun phrase from ``toks[i]`` up to an action phrase.

    Returns (first token, end token of the phrase, index of the action) or None. With
    ``need_starter`` False the phrase may also end at the end of ``toks`` or at a ":" / ";".
    With ``read_pos`` (an addressee in a news sentence) a long phrase is checked for a verb the
    action lexicon does not know."""
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
        if j > i and toks[j - 1].t == ")" and _capital_action(toks, j, lex):
            # "Văn phòng UBND tỉnh (Trung tâm …) Rà soát …": an action written with a capital
            # after a closing bracket opens the task
            return (i, j, j)
        if j > i:
            n = is_starter(toks, j, lex)
            if (n and not (f[j] == "lãnh đạo" and f[j - 1] in ("và", ",", "cùng"))) or _verb_after_name(toks, j, lex):
                end = soft if soft is not None else j
                if read_pos and soft is None and j - i > _LONG_NP:
                    # a long phrase may hide an action the lexicon does not know ("BCĐ các cấp
                    # nêu cao tinh thần …, không được …")
                    early = pos_action(toks, i, j, lex)
                    if early is not None:
                        return early
                return (i, end, j) if end > i else None
        if t.t in (".", "!", "?", "…"):
            break
        if t.t == ":":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and j > i and _capital_action(toks, j + 1, lex):
                return (i, j, j + 1)  # "Sở X: Xây dựng …": the task after the colon
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
                if lex.hard_stops.match(f, j) and t.lower and not _digital_in_name(toks, j):
                    # "Thuế tỉnh X căn cứ … để xử lý": the phrase ended at the soft stop
                    if soft is not None and soft > i:
                        return (i, soft, soft)
                    return pos_action(toks, i, j, lex) if need_starter and read_pos else None
                s = lex.soft_stops.match(f, j)
                if s and soft is None and t.lower:
                    soft = j
            words += 1
            if words > _NP_LIMIT:
                return pos_action(toks, i, j, lex) if need_starter and read_pos else None
        j += 1
    if need_starter:
        return pos_action(toks, i, j, lex) if read_pos else None
    end = soft if soft is not None else j
    while end > i and not toks[end - 1].word and toks[end - 1].t not in (")",):
        end -= 1
    return (i, end, j) if end > i else None


_LONG_NP = 4  # words of a noun phrase beyond which its end is checked by the part of speech
_POS_WINDOW = 16  # words tagged after a noun phrase's start when no action verb of the lexicon ended it


def pos_action(toks: Sequence[Tok], i: int, stop: int, lex: Lex) -> tuple[int, int, int] | None:
    """The action that ends a noun phrase, read from the part of speech where the lexicon of
    action verbs knows none: the first lower-case verb (tag V) after the phrase's head that is no
    head of a body or position ("Công an huyện tuần tra …"). Only the first words are tagged
    (the tagger costs about a millisecond a word)."""
    end = min(stop, len(toks), i + _POS_WINDOW)
    if end - i < 2 or not all(toks[x].word for x in range(i, min(end, i + 2))):
        return None
    f = folds(toks)
    if not (toks[i].cap or toks[i].acronym or lex.plural.match(f, i) or lex.person_heads.match(f, i)):
        return None  # a bare lower-case noun ("phòng học, phòng công vụ …") names no body
    tags = _pos_tags(tuple(t.t for t in toks[i:end]))
    if tags[0].startswith("V") and toks[i].lower:
        return None  # "yêu cầu báo cáo rõ …": the words after the verb are its task, no body
    head = max(1, lex.person_heads.match(f, i), lex.subject_heads.match(f, i))  # "người đứng đầu …"
    depth = 0
    for j in range(i + head, end):
        t = toks[j]
        if t.t in ("(", ")"):
            depth = depth + 1 if t.t == "(" else max(0, depth - 1)
            continue  # "Văn phòng UBND tỉnh (Trung tâm …) thiết lập …": the bracket names a part
        if depth:
            continue
        if not t.word:
            if t.t == "," and j + 1 < end and (
                toks[j + 1].cap or is_subject_start(toks, j + 1, lex) or tags[j + 1 - i] == "N"
            ):
                continue  # a list of bodies ("các tập đoàn, tổng công ty tiến hành …", "các bộ, ngành")
            if t.t in (",", ";", ":", "(", ")", "/"):
                return None  # a clause mark before any verb: no action read
            continue
        if t.lower and lex.starters.match(f, j):
            return None  # an action of the lexicon its context rules declined here: not overruled
        if tags[j - i].startswith("V") and t.lower and not (
            lex.subject_heads.match(f, j) or lex.person_heads.match(f, j) or lex.hard_stops.match(f, j)
            or lex.allowed_after_co.match(f, j)  # "… địa phương liên quan": a modifier of the noun
            or lex.title_joiners.match(f, j)  # "… tỉnh kiêm Trưởng Ban …"
            or (f[j] == "có" and lex.allowed_after_co.match(f, j + 1))  # "… đơn vị có liên quan"
            or lex.subject_heads.match(f, j + 1)  # a relation to a body: "cơ quan ngang bộ"
            or lex.body_name_words.match(f, j) or lex.body_name_words.match(f, j + 1)  # "… trực thuộc trung ương"
        ):
            e = j
            while e > i + 1 and (f[e - 1] in ("và", "hoặc", "cùng") or toks[e - 1].t in (",", ";")):
                e -= 1  # "… liên quan và tham khảo ý kiến …": the conjunction joins the actions
            return (i, e, j)
    return None


@lru_cache(maxsize=4096)
def _pos_tags(words: tuple[str, ...]) -> tuple[str, ...]:
    """The tags of a few words (a list item repeated word for word is tagged once)."""
    from directive_nlp.text.words import pos_tag_words

    return tuple(pos_tag_words(list(words)))


def _digital_in_name(toks: Sequence[Tok], j: int) -> bool:
    """"số" between two capitalised words is the adjective "digital" of a name ("Trung tâm
    Chuyển đổi số Thành phố"), not the marker of a number ("Quyết định số 12/QĐ-UBND")."""
    return (
        toks[j].f == "số" and 0 < j < len(toks) - 1 and toks[j - 1].cap and toks[j + 1].word
        and toks[j + 1].cap and not toks[j + 1].t[:1].isdigit()
    )


def _capital_action(toks: Sequence[Tok], j: int, lex: Lex) -> bool:
    """``toks[j]`` is an action verb written with a capital (a task's first word), not the head
    of a body or a position ("Xây dựng quy trình …" but not "Ban Chỉ đạo …", "Sở …")."""
    if not toks[j].cap or toks[j].acronym:
        return False
    f = folds(toks)
    if lex.subject_heads.match(f, j) or lex.person_heads.match(f, j):
        return False
    return bool(is_starter(toks, j, lex, first=True))


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
    s = _PARENTHETICAL.sub("", s)
    return clean(s).strip(" ,;:-–")
