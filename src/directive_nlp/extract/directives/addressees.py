"""Who must act in an item: "X <action>", "Giao X <action>", an item that only names X, the parent's "chỉ đạo X:", "phối hợp với X"."""

from __future__ import annotations

import regex

from directive_nlp.extract.directives.assignees import split_assignees
from directive_nlp.extract.directives.labels import is_caps_line
from directive_nlp.extract.directives.lexicon import Lex, phrase_key
from directive_nlp.extract.directives.nounphrase import (
    is_starter,
    is_subject_start,
    noun_phrase,
    phrase_text,
    pos_action,
)
from directive_nlp.extract.directives.tokens import Tok, clean, folds, tokens_in
from directive_nlp.text import rx

_COORDINATE = regex.compile(r"(?i)(?<![\p{L}])phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(với))?\s+")  # "phối hợp (chặt chẽ) (với)"

def _verb_np(text: str, toks: list[Tok], i: int, lex: Lex) -> tuple[list[str], str | None, int] | None:
    """"Giao/Yêu cầu/Đề nghị/Ủy quyền X <action>" at ``toks[i]``: (assignees, verb, action index)."""
    f = folds(toks)
    n = lex.item_verbs.match(f, i)
    if not n:
        return None
    verb = " ".join(f[i : i + n])
    j = i + n
    while j < len(toks) and toks[j].t in (",", ":"):
        j += 1
    if not is_subject_start(toks, j, lex):
        return None
    got = noun_phrase(toks, j, lex)
    if got is None:
        return None
    # an action the lexicon does not know ends the bodies by its part of speech ("Giao Trung
    # tâm Chuyển đổi số Thành phố cấu hình thủ tục …")
    got = pos_action(toks, got[0], got[1], lex) or got
    a, e, act = got
    return split_assignees(phrase_text(text, toks, a, e), lex), verb, act


def _skip_topic(toks: list[Tok], lex: Lex) -> int:
    """Index after a leading topic phrase ("Về …:", "Trong thời gian tới,", "Sau khi …,")."""
    f = folds(toks)
    if not toks or not lex.topic_leads.match(f, 0):
        return 0
    for j, t in enumerate(toks[:40]):
        if t.t in (":", ","):
            return j + 1
        if t.t in (".", ";"):
            return 0
    return 0


def opens_with_action(toks: list[Tok], lex: Lex) -> bool:
    """The item starts with its action (an imperative), after a topic ("Về …:") if any."""
    return bool(toks) and bool(is_starter(toks, _skip_topic(toks, lex), lex, first=True))


def own_assignees(text: str, a: int, b: int, lex: Lex) -> tuple[list[str], str | None]:
    """Assignees written at the start of an item: "X <action>" or "Giao X <action>"."""
    toks = tokens_in(text, a, min(b, a + 1500))
    if not toks:
        return [], None
    k = _skip_topic(toks, lex)
    got = _verb_np(text, toks, k, lex)
    if got is not None:
        return got[0], got[1]
    if is_starter(toks, k, lex, first=True):
        return [], None
    if not is_subject_start(toks, k, lex):
        return [], None
    np = noun_phrase(toks, k, lex)
    if np is None:
        return [], None
    s, e, act = np
    return split_assignees(phrase_text(text, toks, s, e), lex, others=True), None


def np_only(text: str, a: int, b: int, lex: Lex) -> list[str]:
    """An item that only names who must act ("Chủ tịch UBND các tỉnh: X, Y:", "**2. Sở Y tế**")."""
    toks = tokens_in(text, a, b)
    if not toks or len([t for t in toks if t.word]) > 40 or is_caps_line(clean(text[a:b])):
        return []
    got = _verb_np_only(text, toks, lex)
    if got is not None:
        return got
    if not is_subject_start(toks, 0, lex):
        return []
    for t in toks:
        if t.t in (".",):
            return []
    f = folds(toks)
    for j in range(1, len(toks)):
        if is_starter(toks, j, lex) or (toks[j].word and toks[j].lower and lex.hard_stops.match(f, j)):
            return []
    return split_assignees(clean(text[a:b]).rstrip(": "), lex)


def _verb_np_only(text: str, toks: list[Tok], lex: Lex) -> list[str] | None:
    f = folds(toks)
    n = lex.item_verbs.match(f, 0)
    if not n:
        return None
    j = n
    if not is_subject_start(toks, j, lex):
        return None
    got = noun_phrase(toks, j, lex, need_starter=False)
    if got is None:
        return None
    a, e, act = got
    if act < len(toks) and toks[act].word:
        return None
    return split_assignees(phrase_text(text, toks, a, e), lex)


def pass_down_of(text: str, a: int, b: int, lex: Lex) -> tuple[list[str], list[str]]:
    """What an item ending with ":" hands to the bullets below it: (assignees, delegates).

    "X lãnh đạo UBND tỉnh chỉ đạo:" — the body after the pass-down verb is the subject of the
    verb before the colon: it must act on the bullets (assignees). "X chỉ đạo các sở:" — the body
    ends the clause, the object of the order: X keeps the task, the bodies it directs are
    delegates. A pass-down word used as a noun ("Ủy ban và lãnh đạo các Sở") hands nothing."""
    seg = text[a:b].rstrip(" *\n\t|")
    if not seg.endswith(":"):
        return [], []
    toks = tokens_in(text, a, b)
    f = folds(toks)
    for j in range(len(toks) - 1, -1, -1):
        n = lex.pass_down_verbs.match(f, j)
        if not n or not toks[j].lower or j + n >= len(toks) or not is_subject_start(toks, j + n, lex):
            continue
        if phrase_key(" ".join(f[j : j + n])) in lex.noun_ambiguous and j > 0 and f[j - 1] in ("và", ",", "các", "những"):
            continue
        got = noun_phrase(toks, j + n, lex, need_starter=False)
        if got is None:
            continue
        s, e, act = got
        names = split_assignees(phrase_text(text, toks, s, e), lex)
        rest = [t for t in toks[e:] if t.word]
        if not rest:
            return [], names
        if len(rest) <= 4 and any(is_starter(toks, x, lex) or lex.item_verbs.match(f, x) for x in range(e, len(toks))):
            return names, []
        return [], []
    return [], []


def directed(text: str, a: int, b: int, lex: Lex) -> list[str]:
    """The bodies an item's assignee must direct: "X chỉ đạo Y <action>" at the item's action
    (Y), read where the item starts with its assignee or with the verb itself."""
    toks = tokens_in(text, a, min(b, a + 1500))
    f = folds(toks)
    k = _skip_topic(toks, lex)
    if not lex.directs.match(f, k):
        if not is_subject_start(toks, k, lex):
            return []
        got = noun_phrase(toks, k, lex)
        if got is None or not lex.directs.match(f, got[2]):
            return []
        k = got[2]
    n = lex.directs.match(f, k)
    j = k + n
    while j < len(toks) and toks[j].t in (",", ":"):
        j += 1
    if not is_subject_start(toks, j, lex):
        return []
    got = noun_phrase(toks, j, lex)
    if got is None:
        return []
    return split_assignees(phrase_text(text, toks, got[0], got[1]), lex)


def in_text_assignees(text: str, a: int, b: int, lex: Lex) -> tuple[list[str], str | None]:
    """The first "giao/yêu cầu/đề nghị X <action>" inside an item."""
    toks = tokens_in(text, a, b)
    f = folds(toks)
    for j in range(len(toks)):
        if not toks[j].word:
            continue
        n = lex.item_verbs.match(f, j)
        if not n:
            continue
        if j > 0 and (lex.not_before.ends(f, j) or toks[j - 1].t in ("“", '"')):
            continue
        if j > 0 and f[j - 1] == "được":
            continue
        got = _verb_np(text, toks, j, lex)
        if got is not None and got[0]:
            return got[0], got[1]
    return [], None


def find_coordinators(text: str, a: int, b: int, lex: Lex) -> list[str]:
    """"phối hợp (chặt chẽ) với X <action>" → X."""
    m = rx.search(_COORDINATE, text, a, b)
    if m is None:
        return []
    toks = tokens_in(text, m.end(), min(b, m.end() + 600))
    if not toks:
        return []
    if m.group(1) is None and not (toks[0].cap and is_subject_start(toks, 0, lex)):
        return []
    if not is_subject_start(toks, 0, lex) and not toks[0].cap:
        return []
    got = noun_phrase(toks, 0, lex, read_pos=True)
    if got is not None:
        # an action the lexicon does not know ends the bodies by its part of speech ("phối hợp
        # với Bộ Tài chính đưa nội dung …", "… liên quan và tham khảo ý kiến …")
        early = pos_action(toks, got[0], got[1], lex)
        if early is not None:
            got = early
    if got is None:
        got = noun_phrase(toks, 0, lex, need_starter=False)
        if got is None:
            return []
        s, e, _ = got
        # without an action, stop at the first clause mark
        for j in range(s, e):
            if toks[j].t in (";", ",") and j > s:
                e = j
                break
    else:
        s, e, _ = got
    return split_assignees(phrase_text(text, toks, s, e), lex)

