"""Proper-name runs and where a person's name starts in them.

A *run* is a sequence of capitalised syllables joined on one line (or a wrapped line). A
syllable may carry glued parts: "H'Hen", and the hyphenated syllables of a transliterated name
("Ết-xtê-ban", "La-xô"); such a group is one *unit* of the run. Where the person's name starts in
a run ("Bí thư Tỉnh ủy Điện Biên [Nguyễn Văn Thắng]") is decided from evidence:

* the surname table (``surnames.tsv``: very common Kinh surnames weigh most; Ê Đê family names
  stand last: "Y Khoa Niê");
* places at the head of the run (``places.tsv``) and what stands before it (an administrative
  unit, a place cue such as "trường", "đường": no person starts there);
* the word layer: a name does not start inside one of underthesea's words ("Si Ma Cai"), and a
  run of capitalised words in a person's slot (after a title, an honorific, a rank) is taken
  without a known surname when it reads as a name (a middle name "A", "Văn", "Thị"; or POS
  ``Np`` for every word: "Tập Cận Bình", "Maxim Oreshkin"); it still may not start with a word
  that begins bodies, places or dates (``name_stops.tsv``).
"""

from __future__ import annotations

from directive_nlp.extract.officials.syllables import Seq

__all__ = ["run_end", "unit_end", "units", "choose_name", "name_after_cue", "cue_before", "caps_name_end",
           "time_word_at", "collect_places", "position_at"]

_GLUE = frozenset("'’")
_HYPHENS = frozenset("-‐‑")
_MAX_NAME = 4  # units; 5 with a compound surname ("Tôn Thất …")
_WINDOW = 12  # units of a run looked at before a name: room for a place or a body


def unit_end(seq: Seq, i: int) -> int:
    """End of the unit starting at the capitalised syllable ``i`` (glued parts included)."""
    toks = seq.toks
    j = i + 1
    while j + 1 < seq.n and toks[j].gap == 0 and toks[j + 1].gap == 0 and toks[j + 1].kind == "w":
        if toks[j].t in _GLUE or (toks[j].t in _HYPHENS and toks[j + 1].shape == "l"):
            j += 2
            continue
        break
    return j


def time_word_at(seq: Seq, i: int) -> bool:
    """A time word before a number ("Chiều 12/5") or a sentence opener ("Hiện nay") at ``i``:
    where a sentence starts, never a part of a name or of a body."""
    j = i + 1
    if seq.toks[i].f in seq.lex.name_stops and j < seq.n and seq.toks[j].kind == "n" and seq.toks[j].gap <= 1:
        return True
    k = seq.match(seq.lex.openers, i)
    return bool(k) and seq.word_ends(i + k)


def position_at(seq: Seq, j: int) -> bool:
    """A position of two syllables or more, or "Phó" and a position, starts at ``j``."""
    lex = seq.lex
    d = seq.match(lex.deputy, j)
    return seq.match(lex.heads, j + d) > (0 if d else 1)


def run_end(seq: Seq, i: int, limit: int = 24) -> int:
    """End (exclusive) of the run of capitalised units starting at ``i`` (at most ``limit``)."""
    toks = seq.toks
    j = i
    count = 0
    while j < seq.n and count < limit and toks[j].kind == "w" and toks[j].shape == "T" and (j == i or seq.joined(j)):
        if j > i and (time_word_at(seq, j) or position_at(seq, j)):
            break  # "… Lý Khắc Cường / Chiều 12/5", "Nguyễn Văn Tám[Phó giám đốc]": not the name
        j = unit_end(seq, j)
        count += 1
    return j


def units(seq: Seq, a: int, b: int) -> list[int]:
    """Start index of each unit of the run ``[a, b)``."""
    out: list[int] = []
    j = a
    while j < b:
        out.append(j)
        j = unit_end(seq, j) if seq.toks[j].shape == "T" else j + 1
    return out


def _atoms(seq: Seq, starts: list[int], end: int, x: int, y: int) -> tuple[str, ...]:
    """Folded syllables of units ``x..y`` of a run whose units start at ``starts``."""
    a = starts[x]
    b = starts[y] if y < len(starts) else end
    return seq.folded(a, b)


def place_prefix(seq: Seq, starts: list[int], end: int) -> int:
    """Units of the longest place name at the head of a run (0: none)."""
    for k in range(min(len(starts), max(seq.lex.place_max, 4)), 0, -1):
        if seq.is_place(_atoms(seq, starts, end, 0, k)):
            return k
    return 0


def _in_title(seq: Seq, i: int, back: int = 8) -> bool:
    """A position stands before syllable ``i`` in the same phrase (no mark, no hard break)."""
    for x in range(i - 1, max(-1, i - 1 - back), -1):
        t = seq.toks[x]
        if t.kind == "p" and t.t not in ".&-" or seq.toks[x + 1].gap >= 3:
            return False
        if seq.match(seq.lex.heads, x):
            return True
    return False


def collect_places(seq: Seq) -> None:
    """Add to ``seq.doc_places`` the places this span names after an administrative word or
    the noun of a place outside a title: a run of 2 to 3 capitalised units that ends there
    ("huyện Mường Nhé,", "của UBND TP.Phan Thiết ", "trường Tiểu học Nam Trung Yên"), not a
    person's name ("Chủ tịch UBND tỉnh Trần Tuệ Hiền")."""
    lex = seq.lex
    cues = lex.admin.firsts | lex.place_nouns.firsts
    for i in range(seq.n):
        if seq.folds[i] not in cues or seq.toks[i].shape not in ("l", "U"):
            continue
        k = seq.match(lex.admin, i) or seq.match(lex.place_nouns, i)
        if not k or _in_title(seq, i):
            continue
        j = i + k
        if seq.is_sym(j, ".") and seq.toks[j].gap == 0:
            j += 1
        if seq.shape(j) != "T" or not seq.joined(j):
            continue
        e = run_end(seq, j, limit=4)
        if 2 <= len(units(seq, j, e)) <= 3 and (e >= seq.n or seq.shape(e) not in ("T", "U") or not seq.joined(e)):
            seq.doc_places.add(seq.folded(j, e))


def surname_strength(seq: Seq, starts: list[int], end: int, p: int) -> int:
    lex = seq.lex
    first = seq.folds[starts[p]]
    if p + 1 < len(starts):
        second = seq.folds[starts[p + 1]]
        if (first, second) in lex.compound_surnames:
            return lex.surnames.get(first + " " + second, 1)
    return lex.surnames.get(first, 0)


def cue_before(seq: Seq, a: int) -> str:
    """"admin", "place" or "" for what stands right before syllable ``a`` (on the same line)."""
    toks, lex = seq.toks, seq.lex
    if a <= 0 or not seq.joined(a):
        return ""
    b = a
    if toks[b - 1].t == "." and toks[b - 1].gap == 0 and toks[a].gap == 0 and b >= 2:
        b -= 1  # "TP.Phan Thiết"
    prev = toks[b - 1]
    if prev.kind == "n":
        return "place"
    if prev.kind != "w":
        return ""
    if seq.ends_at(lex.admin, b, 3) or prev.f == "ủy":
        return "admin"  # "huyện Mường Nhé", "Thị ủy Bình Long": a place's name follows
    if seq.ends_at(lex.place_cues, b, 4):
        return "place"
    return ""


def _stop_start(seq: Seq, x: int) -> bool:
    """No name starts at ``x``: a stop syllable, unless it is a known surname starting its word
    ("Đoàn Văn Việt", not "Đoàn Thanh niên")."""
    return seq.name_stop(x) and not (seq.toks[x].wfirst and seq.folds[x] in seq.lex.surnames)


def _org_before(seq: Seq, x: int) -> bool:
    """A body noun or a place cue ends right before syllable ``x`` ("Trường Nguyễn Du")."""
    return bool(seq.ends_at(seq.lex.org_heads, x, 3) or seq.ends_at(seq.lex.place_cues, x, 3))


def _candidate_ok(seq: Seq, starts: list[int], end: int, p: int, p0: int, cue: str) -> bool:
    lex = seq.lex
    n = len(starts)
    cand = _atoms(seq, starts, end, p, n)
    if cand in lex.historical and p > 0:
        return False
    if seq.is_place(cand) or _stop_start(seq, starts[p]):
        return False
    if position_at(seq, starts[p]):
        return False  # "Phó Thủ [tướng]", "Phó Trưởng [ban]": a position, not a name
    if p > 0 and _org_before(seq, starts[p]):
        return False
    if p == 0 and cue == "place":
        return False
    if p - p0 == 1 and not seq.toks[starts[p]].wfirst:
        return False  # a place or a body before a name is one word at least: "Si Ma Cai"
    return True


def _best_known(seq: Seq, starts: list[int], end: int, p0: int, cue: str, min_len: int) -> int | None:
    """Unit where a name with a known surname starts (the strongest surname, then the longest)."""
    lex = seq.lex
    n = len(starts)
    best: tuple[tuple[int, int], int] | None = None
    for p in range(p0, n - 1):
        length = n - p
        compound = p + 1 < n and (seq.folds[starts[p]], seq.folds[starts[p + 1]]) in lex.compound_surnames
        if length > (_MAX_NAME + 1 if compound else _MAX_NAME) or length < min_len:
            continue
        if not _candidate_ok(seq, starts, end, p, p0, cue):
            continue
        strength = surname_strength(seq, starts, end, p)
        if not strength and seq.folds[starts[-1]] in lex.last_surnames:
            strength = 1
        if not strength:
            continue
        if p == 0 and cue == "admin" and length < 3:
            continue
        k = (strength, length)
        if best is None or k > best[0]:
            best = (k, p)
    return None if best is None else best[1]


def _reads_as_name(seq: Seq, starts: list[int], end: int, q: int) -> bool:
    """Units ``q..`` of a run read as a name without a known surname: a middle name in second
    place, or POS ``Np`` on every word."""
    lex = seq.lex
    if q + 1 < len(starts) and seq.folds[starts[q + 1]] in lex.middle_names:
        return True
    return all(seq.pos(starts[x]) == "Np" for x in range(q, len(starts)))


def _unknown_surname(seq: Seq, starts: list[int], end: int, p0: int, cue: str, min_len: int) -> int | None:
    """Where a name with an unknown surname starts, in a person's slot (see module doc): the
    first unit from which the rest reads as a name — after the place that heads the run; not
    the run's first unit after an administrative word (that is the place's name: "huyện Mường
    Nhé Sòng A Tủa"); at the start of a word; not after a body's noun."""
    lex = seq.lex
    n = len(starts)
    if (cue == "place" and p0 == 0) or n - p0 < 2 or seq.is_place(_atoms(seq, starts, end, p0, n)):
        return None
    for q in range(p0, n - 1):
        if not max(2, min_len) <= n - q <= _MAX_NAME or (q == p0 and cue == "admin"):
            continue
        if q > p0 and (not seq.toks[starts[q]].wfirst or _org_before(seq, starts[q])):
            continue
        if seq.name_stop(starts[q], long_name=n - q >= 3) or seq.name_stop(starts[q + 1]):
            continue
        if _reads_as_name(seq, starts, end, q):
            return q
    return None


def _historical(seq: Seq, starts: list[int], end: int, cue: str) -> int | None:
    """A historical figure ending the run stands in the person's slot ("Chủ tịch Hồ Chí Minh",
    "Tổng Bí thư Trường Chinh"): the title is theirs (they are dropped later)."""
    lex = seq.lex
    for p in range(len(starts) - 1):
        if _atoms(seq, starts, end, p, len(starts)) in lex.historical:
            if (p == 0 and cue == "place") or (p > 0 and _org_before(seq, starts[p])):
                return None
            return p
    return None


def choose_name(seq: Seq, a: int, b: int, strong: bool, min_len: int = 2) -> int | None:
    """Start of the person's name inside the run ``[a, b)`` (the name ends at ``b``), or None.

    ``strong``: the run stands in a person's slot (after a clear title), so a name without a
    known surname may be taken (see module doc). ``min_len``: fewest units (3 after a company
    name: "Công ty … Hoàng Long").
    """
    starts = units(seq, a, b)
    if len(starts) > _WINDOW:
        starts = starts[-_WINDOW:]
    if len(starts) < 2:
        return None
    if not _ends_cleanly(seq, b):
        return None
    cue = cue_before(seq, starts[0])
    hist = _historical(seq, starts, b, cue)
    if hist is not None:
        return starts[hist]
    if seq.is_place(_atoms(seq, starts, b, 0, len(starts))):
        return None
    place = place_prefix(seq, starts, b)
    p = _best_known(seq, starts, b, place if len(starts) - place >= 2 else 0, cue, min_len)
    if p is None and strong:
        p = _unknown_surname(seq, starts, b, place, cue, min_len)
    return None if p is None else starts[p]


def _ends_cleanly(seq: Seq, b: int) -> bool:
    """A name ends where its word ends — or underthesea glued a verb or a function word to it
    ("Lê Minh Khái giao"): not inside a word such as "Thanh niên", "Thủ tướng"."""
    if seq.word_ends(b):
        return True
    lex = seq.lex
    return bool(seq.match(lex.predicates, b) or seq.match(lex.function_words, b) or seq.match(lex.preverbs, b))


def name_after_cue(seq: Seq, i: int) -> tuple[int, int] | None:
    """The name right after an honorific or a rank: the run at ``i`` (its first 3 units when
    longer than 4), or an all-caps name ("ông NGUYỄN VĂN A")."""
    if not seq.joined(i):
        return None
    if seq.shape(i) == "U":
        e = caps_name_end(seq, i)
        return (i, e) if e is not None else None
    if seq.shape(i) != "T":
        return None
    e = run_end(seq, i)
    starts = units(seq, i, e)
    if len(starts) < 2:
        return None
    if len(starts) > _MAX_NAME:
        e = starts[3]
        starts = starts[:3]
    words = seq.folded(i, e)
    lex = seq.lex
    if seq.is_place(words) or _stop_start(seq, i) or not _ends_cleanly(seq, e):
        return None
    if not lex.surnames.get(seq.folds[i]) and not _reads_as_name(seq, starts, e, 0):
        if seq.folds[starts[-1]] not in lex.last_surnames and len(starts) > 3:
            return None
    return i, e


def caps_name_end(seq: Seq, i: int) -> int | None:
    """End of an all-caps name at ``i`` ("NGUYỄN VĂN THẮNG"): 2 to 4 upper-case syllables, a
    known surname first."""
    toks = seq.toks
    if not (seq.is_word(i) and toks[i].shape in ("U", "T") and seq.lex.surnames.get(toks[i].f)):
        return None
    j = i + 1
    while j < seq.n and j - i < _MAX_NAME and toks[j].kind == "w" and seq.joined(j) and (
        toks[j].shape == "U" or (len(toks[j].t) == 1 and toks[j].t.isupper())
    ):
        j += 1
    if j - i < 2:
        return None
    if j < seq.n and toks[j].kind == "w" and toks[j].shape == "U" and seq.joined(j):
        return None  # a longer upper-case line: a heading, not a name
    return j
