"""The grammar of one title: ``[modifier] [Phó] position [body]``.

* **position**: ``positions.tsv`` and the posts of ``titles.tsv`` (longest match: "Bí thư Tỉnh
  ủy" over "Bí thư"), or an abbreviation ("PCT", "PBT") as written;
* **body**: the name of the body the position belongs to — capitalised words ("Bộ Xây dựng",
  "Tổng cục Chính trị"), upper-case abbreviations with their inner marks ("UBND", "T.Ư",
  "GD&ĐT", "TP.HCM", "LĐ-TB&XH"), an abbreviation in parentheses ("(ATGT)"), administrative
  words ("tỉnh", "huyện"), lower-case body words ("nhân dân", "thường vụ"; after a task word such
  as "kiểm tra", "tổ chức" one more word: "Ban tổ chức lễ hội"), a number after the body's noun
  ("Ban Chỉ đạo 389 quốc gia", "Đoàn kiểm tra số 05"), "và" and an inner dash between two parts
  ("Sở Lao động - Thương binh và Xã hội"), and the lower-case syllables of a capitalised word
  ("Bộ Ngoại giao": one word). A body ends at a function word, a predicate verb ("yêu cầu",
  "cho biết", "làm việc"), a second lower-case word, punctuation, or a person's name.

The trailing province of a title is dropped (ANNOTATING.md) after an administrative word, a
committee ("Tỉnh ủy") or an abbreviation — "Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu" → "Chủ tịch
UBND tỉnh" — but kept when it is part of an institution's name ("Giám đốc Học viện Chính trị
quốc gia Hồ Chí Minh", "Hiệu trưởng Trường Đại học Y Hà Nội").
"""

from __future__ import annotations

from dataclasses import dataclass

from directive_nlp.extract.officials import names
from directive_nlp.extract.officials.lexicon import Lex
from directive_nlp.extract.officials.syllables import DASHES, SEPARATORS, Seq

__all__ = ["Head", "head_at", "may_head", "segment_end", "stops", "segment_title", "extend", "strip_province",
           "segment_with_name", "inner_mark_end", "MAX_TITLE_WORDS"]

MAX_TITLE_WORDS = 24  # syllables of letters
SEG_LIMIT = 48  # syllables: no title is longer; bounds the work per position
_ABBREV_GLUE = frozenset(".&-/")


@dataclass
class Head:
    start: int  # first syllable (modifier or position)
    end: int  # end of the position words


# --------------------------------------------------------------------------- positions


def head_at(seq: Seq, i: int, allow_lower: bool = False, allow_caps: bool = False) -> Head | None:
    """The position (with its modifier and "Phó") starting at syllable ``i``, or None."""
    toks, lex = seq.toks, seq.lex
    if not seq.is_word(i) or not may_head(lex, toks[i].t, toks[i].f):
        return None
    j = i
    k = seq.match(lex.modifiers, j)
    if k and seq.joined(j + k):
        j += k
    if not seq.is_word(j) or (j > i and not seq.joined(j)):
        return None
    first = toks[j]
    if first.t in lex.abbrev_heads:
        return Head(i, j + 1)
    if first.shape == "U" and not allow_caps:
        return None
    if first.shape not in ("T", "U") and not allow_lower:
        return None
    best = seq.match(lex.heads, j)
    d = seq.match(lex.deputy, j)
    if d and seq.joined(j + d):
        if seq.is_word(j + d) and toks[j + d].t in lex.abbrev_heads:
            return Head(i, j + d + 1)
        k2 = seq.match(lex.heads, j + d)
        if k2 and d + k2 > best:
            best = d + k2
    if not best:
        return None
    return Head(i, j + best)


def may_head(lex: Lex, t: str, f: str) -> bool:
    """A syllable (``t`` as written, ``f`` folded) can start a position: a modifier, "Phó" or
    a position's first syllable, or an abbreviated position (:func:`head_at` reads nothing at
    another)."""
    return f in lex.head_firsts or t in lex.abbrev_heads


# --------------------------------------------------------------------------- marks inside a body


def _upper(seq: Seq, i: int) -> bool:
    """An upper-case word or a single capital letter ("UBND", "T" of "T.Ư")."""
    return seq.is_word(i) and (seq.toks[i].shape == "U" or (len(seq.toks[i].t) == 1 and seq.toks[i].t.isupper()))


def inner_mark_end(seq: Seq, j: int) -> int | None:
    """End of the marks at ``j`` that stay inside a body's name, or None:

    a glued mark between two upper-case parts of an abbreviation ("T.Ư", "GD&ĐT", "KT-XH"), a
    glued dot after one before a name ("TP.Phan Thiết"), an abbreviation in parentheses
    ("(ATGT)")."""
    toks = seq.toks
    if _glued_hyphen(seq, j):
        return j + 2
    if not seq.is_sym(j, _ABBREV_GLUE) or j == 0:
        if seq.is_sym(j, "(") and _upper(seq, j + 1) and seq.is_sym(j + 2, ")") and toks[j + 1].gap == 0:
            return j + 3
        return None
    if toks[j].gap != 0 or j + 1 >= seq.n or toks[j + 1].gap != 0 or not _upper(seq, j - 1):
        return None
    if _upper(seq, j + 1) or (toks[j].t == "&" and seq.is_word(j + 1)):
        return j + 1
    if toks[j].t == "." and seq.is_word(j + 1) and toks[j + 1].shape == "T":
        return j + 1  # "TP.Phan Thiết": the dot stands for a space
    return None


def _glued_hyphen(seq: Seq, j: int) -> bool:
    """A hyphen inside a transliterated word ("Cu-ba", "Ca-xtơ-rô"): glued on both sides, a
    lower-case syllable after it."""
    toks = seq.toks
    return (seq.is_sym(j, "-‐‑") and 0 < j < seq.n - 1 and toks[j].gap == 0 and toks[j + 1].gap == 0
            and seq.is_word(j - 1) and toks[j + 1].shape == "l")


def _number_in_body(seq: Seq, j: int) -> int | None:
    """End of a number that is part of a body's name, at ``j``: after the body's noun or "số"
    ("Ban Chỉ đạo 389", "Đoàn kiểm tra số 05"), not a date or a quantity ("19/5", "5,2")."""
    toks = seq.toks
    k = j
    if seq.is_word(k) and toks[k].f == "số" and k + 1 < seq.n and toks[k + 1].kind == "n" and seq.joined(k + 1):
        k += 1
    if k >= seq.n or toks[k].kind != "n" or not seq.joined(k) or len(toks[k].t) > 4 or k == 0:
        return None
    prev = toks[j - 1]
    if prev.kind != "w":
        return None
    if k + 2 < seq.n and toks[k + 1].gap == 0 and toks[k + 1].t in "/.,:-" and toks[k + 2].kind == "n":
        return None  # "19/5", "5,2", "1.6"
    return k + 1


# --------------------------------------------------------------------------- segments and stops


def segment_end(seq: Seq, i: int) -> int:
    """Index of the first separator (or hard break) after ``i``; a segment longer than
    ``SEG_LIMIT`` syllables ends there (callers reject it)."""
    toks = seq.toks
    j = i
    stop = min(seq.n, i + SEG_LIMIT + 1)
    while j < stop:
        t = toks[j]
        if j > i and t.gap >= 3:
            return j
        if t.kind == "p" and (t.t in SEPARATORS or t.t in DASHES):
            inner = inner_mark_end(seq, j) if j > i else None
            if inner is not None:
                j = inner
                continue
            if not (j > i and inner_dash(seq, j)):
                return j
        j += 1
    return j


def too_long(i: int, e: int) -> bool:
    return e - i > SEG_LIMIT


def and_in_body(seq: Seq, j: int) -> bool:
    """"và" joining two parts of a body ("Bộ Kế hoạch và Đầu tư"), not two people or titles."""
    toks = seq.toks
    if not (seq.is_word(j + 1) and toks[j + 1].shape in ("T", "U") and seq.joined(j + 1)):
        return False
    if head_at(seq, j + 1, allow_caps=True) is not None:
        return False
    r = names.run_end(seq, j + 1)
    return not (r - (j + 1) >= 2 and names.choose_name(seq, j + 1, r, strong=False) == j + 1)


def inner_dash(seq: Seq, j: int) -> bool:
    """A dash inside a body's name ("Sở Lao động - Thương binh và Xã hội"): between a word and a
    capitalised word that starts neither a title nor a name."""
    toks = seq.toks
    if not (seq.is_sym(j, DASHES) and seq.is_word(j - 1) and seq.is_word(j + 1)):
        return False
    nxt = toks[j + 1]
    if nxt.shape != "T" or nxt.gap > 2 or toks[j - 1].shape not in ("l", "T"):
        return False
    if head_at(seq, j + 1) is not None:
        return False
    r = names.run_end(seq, j + 1)
    return not (r - (j + 1) >= 2 and names.choose_name(seq, j + 1, r, strong=False) is not None)


def _inside_capital_word(seq: Seq, j: int) -> bool:
    """The lower-case syllable ``j`` belongs to a capitalised word ("giao" of "Ngoại giao"), by
    the word layer or — underthesea split it — by the run before it ("Bộ Ngoại | giao")."""
    toks = seq.toks
    if not (j > 0 and toks[j - 1].shape == "T" and seq.joined(j)):
        return False
    if not toks[j].wfirst:
        return True
    a = j - 1
    while a > 0 and toks[a - 1].shape == "T" and seq.joined(a) and j - a < 4:
        a -= 1
    return a == j - 1 or bool(seq.match(seq.lex.org_heads, a))


def predicate_at(seq: Seq, j: int) -> int:
    """Syllables of a predicate verb at ``j`` that ends where its word ends ("giao", not the
    "giao" of "giao thông"); 0 when none."""
    k = seq.match(seq.lex.predicates, j)
    return k if k and seq.word_ends(j + k) else 0


def body_word_at(seq: Seq, j: int) -> int:
    """Syllables of a lower-case body word at ``j`` (0: none). A task word ("kiểm tra", "tổ
    chức", "chỉ đạo") names a body only right after the noun of an ad-hoc body ("Đoàn kiểm tra",
    "Trưởng đoàn kiểm tra", "Ban tổ chức"); elsewhere it is a verb."""
    lex = seq.lex
    k = seq.match(lex.body_words, j)
    if not k or not seq.word_ends(j + k):
        return 0  # whole words only: not the "ban" of "ban hành"
    if seq.match(lex.task_words, j) == k and not (seq.joined(j) and seq.ends_at(lex.adhoc_nouns, j, 2)):
        return 0
    return k


def stops(seq: Seq, j: int) -> bool:
    """The lower-case word at ``j`` cannot be inside a title: a function word, or a predicate
    verb that is not part of a capitalised word."""
    t = seq.toks[j]
    lex = seq.lex
    if t.kind != "w" or t.shape != "l":
        return False
    if seq.match(lex.admin, j) or body_word_at(seq, j):
        return False
    if seq.match(lex.function_words, j):
        return True
    if not predicate_at(seq, j):
        return False
    return not _inside_capital_word(seq, j)


def _body_starts(seq: Seq, j: int, e: int) -> bool:
    """What follows a position can start its body: a capitalised word, an abbreviation, a
    number, an administrative or body word, the noun of an ad-hoc body, "của" before the body
    ("Trưởng Ban Chỉ đạo của Chính phủ") — not another lower-case word ("Nhà Vua [nhiệt liệt
    chào mừng] …")."""
    if j >= e or seq.toks[j].kind != "w" or seq.toks[j].shape != "l":
        return True
    lex = seq.lex
    return bool(seq.match(lex.admin, j) or body_word_at(seq, j) or seq.match(lex.adhoc_nouns, j)
                or seq.toks[j].f in ("số", "của"))


def segment_title(seq: Seq, i: int, head: Head) -> int | None:
    """End of a title that fills its whole segment (no stop word, quantity or name inside)."""
    toks = seq.toks
    e = segment_end(seq, i)
    if too_long(i, e) or not _body_starts(seq, head.end, e):
        return None
    words = 0
    j = head.end
    while j < e:
        t = toks[j]
        if t.kind == "n" or (t.kind == "w" and t.f == "số" and j + 1 < e and toks[j + 1].kind == "n"):
            k = _number_in_body(seq, j)
            if k is None:
                return None
            j = k
            continue
        if t.kind == "w":
            words += 1
            if stops(seq, j):
                return None
            if t.shape == "T":
                if names.time_word_at(seq, j) or head_at(seq, j) is not None:
                    return None  # a new sentence, or a second position: not one title
                r = names.run_end(seq, j)
                if r - j >= 2 and names.choose_name(seq, j, r, strong=False) is not None:
                    return None
                words += len(names.units(seq, j, r)) - 1
                j = r
                continue
        j += 1
    if words + (head.end - i) > MAX_TITLE_WORDS:
        return None
    return e


@dataclass
class _Body:
    """State of the greedy walk over a body (see :func:`extend`)."""

    j: int
    end: int
    lc: int = 1  # lower-case words allowed before the next capitalised one
    run: int | None = None  # start of the capitalised run being read
    min_len: int = 2  # fewest units of a name (3 after a company's name)


def _lower(seq: Seq, b: _Body) -> bool:
    """Take the lower-case syllable at ``b.j`` into the body (True) or end the body (False)."""
    lex = seq.lex
    j = b.j
    k = max(seq.match(lex.admin, j), body_word_at(seq, j))
    if k:
        b.j = b.end = j + k
        b.lc = 0 if seq.match(lex.task_words, j) == k else 1  # "Ban tổ chức [lễ hội]"
        return True
    if not seq.toks[j].wfirst and seq.toks[j - 1].kind == "w" and j - 1 >= 0 and b.end == j:
        b.j = b.end = j + 1  # the rest of a word the body already holds ("Xây dựng")
        return True
    if seq.toks[j].f == "và":  # two parts of one body, or two titles or people
        if and_in_body(seq, j):
            b.j += 1
            return True
        return False
    if seq.toks[j].f == "tại" and _place_follows(seq, j + 1):
        b.j += 1  # a post held in a place: "Đại sứ Việt Nam tại Belarus"
        return True
    if b.lc >= 1 or stops(seq, j):
        return False
    b.j = b.end = j + 1
    b.lc = 1
    return True


def _place_follows(seq: Seq, j: int) -> bool:
    """A known place's name starts at ``j`` (capitalised, on the same line)."""
    if seq.shape(j) != "T" or not seq.joined(j):
        return False
    return any(seq.is_place(seq.folded(j, j + k)) for k in range(1, seq.lex.place_max + 1))


def _mark(seq: Seq, b: _Body) -> bool:
    """Take the mark or number at ``b.j`` into the body (True) or end the body (False)."""
    j = b.j
    inner = inner_mark_end(seq, j)
    if inner is not None:
        b.j = inner
        if seq.toks[inner - 1].t == ")":
            b.end = inner
        return True
    if inner_dash(seq, j):
        b.j += 1
        return True
    k = _number_in_body(seq, j)
    if k is not None:
        b.j = b.end = k
        b.lc = 1
        return True
    return False


def _name_in_run(seq: Seq, head: Head, b: _Body, at: int) -> tuple[int, tuple[int, int] | None, int] | None:
    """The person's name ending the run that stops at ``at``: (title end, name, stop) or None."""
    if b.run is None:
        return None
    p = names.choose_name(seq, b.run, at, strong=True, min_len=b.min_len)
    b.run = None
    if p is None:
        return None
    return strip_province(seq, head.start, p), (p, at), at


def extend(seq: Seq, head: Head) -> tuple[int, tuple[int, int] | None, int]:
    """Greedy body after a position: (title end, the person's name or None, stop index)."""
    toks, lex = seq.toks, seq.lex
    b = _Body(head.end, head.end)
    stop_at = min(seq.n, head.end + SEG_LIMIT)
    while b.j < stop_at:
        j = b.j
        if seq.match(lex.enterprise, j):
            b.min_len = 3
        t = toks[j]
        if t.gap >= 3:
            break
        if t.kind == "w" and t.shape == "T":
            if names.time_word_at(seq, j) or (b.run is not None and head_at(seq, j) is not None):
                # "… Lò Văn Tiến Bí thư …": a new title; "… Bộ GD-ĐT  Hiện nay …": a new sentence
                found = _name_in_run(seq, head, b, j)
                if found is not None:
                    return found
                break
            if b.run is None:
                b.run = j
            b.j = b.end = names.unit_end(seq, j)
            b.lc = 0
            continue
        found = _name_in_run(seq, head, b, j)
        if found is not None:
            return found
        if t.kind == "w" and t.shape == "U":
            b.j = b.end = j + 1
            b.lc = 1  # no lower-case word after an acronym ("UBND TP phân tích")
            continue
        if t.kind == "w" and t.shape == "l":
            if _lower(seq, b):
                continue
            break
        if not _mark(seq, b):
            break
    found = _name_in_run(seq, head, b, b.j)
    if found is not None:
        return found
    return b.end, None, b.j


def strip_province(seq: Seq, start: int, end: int) -> int:
    """End of the title ``[start, end)`` without a trailing province name; the province goes
    only after an administrative word, a committee ("Tỉnh ủy") or an acronym ("UBND TP")."""
    toks, lex = seq.toks, seq.lex
    k = 0
    for size in range(min(lex.place_max, end - start), 0, -1):
        if seq.folded(end - size, end) in lex.provinces:
            k = size
            break
    if not k or end - k <= start:
        return end
    before = toks[end - k - 1]
    if before.kind == "p" and before.t == "." and end - k - 2 >= start:
        before = toks[end - k - 2]  # "TP.Hồ Chí Minh"
    if before.shape == "U" or before.f in lex.admin_tails or before.f == "ủy":
        return end - k
    return end


def segment_with_name(seq: Seq, head: Head, seg_start: int | None = None) -> tuple[int, tuple[int, int]] | None:
    """A long body with lower-case words, then a name: "Trưởng Ban Chỉ đạo … về … Phạm Minh
    Chính". ``seg_start``: the body goes on in the comma segment starting there ("Chủ nhiệm Ủy
    ban Văn hóa - Giáo dục - Thanh niên, [Thiếu niên và Nhi đồng của Quốc hội Phan Thanh Bình]").
    Returns (title end, name) or None."""
    toks, lex = seq.toks, seq.lex
    j = head.end if seg_start is None else seg_start
    if not (seq.is_word(j) and toks[j].shape in ("T", "U") and seq.joined(j)):
        return None
    e = segment_end(seq, head.start if seg_start is None else seg_start)
    if too_long(j, e):
        return None
    words = sum(1 for t in toks[head.start : j] if t.kind == "w")
    min_len = 2
    while j < e:
        t = toks[j]
        if t.kind == "n":
            k = _number_in_body(seq, j)
            if k is None:
                return None
            j = k
            continue
        if seq.match(lex.enterprise, j):
            min_len = 3
        if t.kind == "w" and t.shape == "T":
            r = names.run_end(seq, j)
            if r - j >= 2:
                p = names.choose_name(seq, j, r, strong=False, min_len=min_len)
                if p is not None:
                    return (None if words > MAX_TITLE_WORDS else (strip_province(seq, head.start, p), (p, r)))
            words += len(names.units(seq, j, r))
            j = r
            continue
        if t.kind == "w":
            if stops(seq, j):
                return None
            words += 1
        j += 1
    return None
