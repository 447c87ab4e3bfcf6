"""Officials: the people a document names with a public position.

:func:`find_officials` reads the main text word by word (no tagger) and recognises

* titles before a name, several joined by commas or "kiêm": "Ủy viên Trung ương Đảng, Bí thư
  Tỉnh ủy, Trưởng đoàn đại biểu Quốc hội tỉnh Nguyễn Văn Lợi";
* titles after a name: "đồng chí Mùa A Vảng - Bí thư Huyện ủy", "Thượng tướng Trịnh Văn Quyết,
  Bí thư Trung ương Đảng, ..."; group lists "các đồng chí Ủy viên Trung ương Đảng, Thứ trưởng Bộ
  Quốc phòng: Thượng tướng A; Thượng tướng B" (the group's titles go to every member);
* honorifics ("đồng chí", "Đ/c", "ông", "bà") and ranks ("Đại tá") before a name;
* the signer block (given by the header, or found here);
* later mentions by title only ("Bí thư Tỉnh ủy yêu cầu…") or by name only, merged into the person.

A title is ``[modifier] [Phó] head [body]``: heads come from ``data/officials.json`` and
``titles.tsv``; the body is capitalised words, upper-case abbreviations, administrative words
("tỉnh", "huyện") and the lower-case second syllable of a capitalised word ("Bộ Xây dựng"). A name
is a run of capitalised syllables; where it starts is decided with ``surnames.tsv`` (an unknown
surname right after a clear title, honorific or rank is still taken). Province names between a
title and a name, and at the end of a title, are dropped ("Bí thư Tỉnh ủy Điện Biên Nguyễn Văn
Thắng" → "Bí thư Tỉnh ủy", "Nguyễn Văn Thắng"); other place names stay ("Bí thư Thị ủy Bình Long").

Offsets index the ``text`` argument (normalized text): ``text[m.start:m.end] == m.text``.
"""

from __future__ import annotations

import bisect
import logging
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable, Sequence

import regex

from directive_nlp.text.normalize import fold
from directive_nlp.resources import lexicon, load_json, load_table
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = [
    "Mention",
    "Official",
    "find_officials",
    "resolve_title",
]

log = logging.getLogger(__name__)

_TIMEOUT = 1.0
_MAX_TEXT = 5_000_000
_MAX_TITLE_WORDS = 18
_MAX_CONT_WORDS = 8
_SEG_LIMIT = 48  # tokens: no title is longer; bounds the work per head

# word (letters with marks, inner apostrophe or slash: "Đ/c", "H'Hen"), number, or one symbol
_TOKEN = regex.compile(r"(?P<w>[\p{L}\p{M}]+(?:['’/][\p{L}\p{M}]+)*)|(?P<n>\d+)|(?P<p>[^\s\p{L}\p{M}\d])")
_APOS = regex.compile(r"['’]")
_SEPARATORS = frozenset(",;:.()!?\"“”'‘’[]{}|*•<>/\\=_#")
_DASHES = frozenset("-‐‑‒–—−")
_TERMINATORS = frozenset(".:;!?…")
_BLOCK_MARKS = frozenset("-+*•|#>‐‑‒–—−")


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an official: the name as written, or a title standing for the person
    ("Bí thư Tỉnh ủy yêu cầu…").

    ``title`` is the position phrase written with it (for a title-only mention, that phrase), or
    None for a bare name.
    """

    start: int
    end: int
    text: str
    title: str | None = None

    def dump(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "title": self.title}


@dataclass(frozen=True, slots=True)
class Official:
    """A person named with a public position.

    ``name`` is the full name (NFC, single spaces); ``titles`` every position given to the
    person, as written, in order of first appearance; ``role`` is "signer", "chair" (chủ trì) or
    "speaker" (phát biểu, yêu cầu, chỉ đạo…) or None; ``start``/``end``/``text`` are those of
    the first mention.
    """

    name: str
    titles: tuple[str, ...]
    mentions: tuple[Mention, ...]
    role: str | None
    start: int
    end: int
    text: str

    def dump(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "titles": list(self.titles),
            "role": self.role,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "mentions": [m.dump() for m in self.mentions],
        }


# --------------------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Tok:
    s: int
    e: int
    t: str
    kind: str  # "w" word, "n" number, "p" symbol
    shape: str  # "T" capitalised, "U" upper case, "l" lower case, "M" mixed, "" not a word
    f: str  # folded text
    gap: int  # before the token: 0 glued, 1 spaces, 2 soft line break, 3 hard break


def _shape(w: str) -> str:
    letters = [c for c in w if c.isalpha()]
    if not letters:
        return "M"
    if letters[0].isupper():
        rest = letters[1:]
        if all(c.islower() for c in rest):
            return "T"
        if len(letters) >= 2 and all(c.isupper() for c in rest):
            return "U"
        parts = [p for p in _APOS.split(w) if p]
        if len(parts) > 1 and all(p[0].isupper() and (p[1:] == "" or p[1:].islower()) for p in parts):
            return "T"
        return "M"
    if all(c.islower() for c in letters):
        return "l"
    return "M"


def _fold_word(w: str) -> str:
    return unicodedata.normalize("NFC", w).casefold()


def _tokenize(text: str, a: int, b: int) -> list[_Tok]:
    """Tokens of ``text[a:b]`` with the strength of the break before each one."""
    toks: list[_Tok] = []
    try:
        matches = list(_TOKEN.finditer(text, a, b, timeout=_TIMEOUT))
    except TimeoutError:
        log.warning("officials: tokenizer timed out")
        return []
    prev: _Tok | None = None
    for m in matches:
        s, e = m.span()
        t = m.group(0)
        kind = "w" if m.group("w") is not None else ("n" if m.group("n") is not None else "p")
        shape = _shape(t) if kind == "w" else ""
        if prev is None:
            gap = 3
        else:
            ws = text[prev.e : s]
            if not ws:
                gap = 0
            elif "\n" not in ws:
                gap = 1
            elif ws.count("\n") >= 2:
                gap = 3
            else:
                line_start = text.rfind("\n", 0, prev.e) + 1
                prev_line = text[line_start : prev.e].strip()
                soft = (
                    len(prev_line) >= 30
                    and not (prev.kind == "p" and prev.t in _TERMINATORS)
                    and not (kind == "p" and t in _BLOCK_MARKS)
                )
                gap = 2 if soft else 3
        tok = _Tok(s, e, t, kind, shape, _fold_word(t) if kind == "w" else t, gap)
        toks.append(tok)
        prev = tok
    return toks


# --------------------------------------------------------------------------- lexicon


def _phrase(s: str) -> tuple[str, ...]:
    return tuple(_fold_word(w) for w in s.split())


class _SeqTable:
    """Word sequences indexed by their first word; longest match first."""

    def __init__(self, phrases: Sequence[str]) -> None:
        idx: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            seq = _phrase(p)
            if seq and seq not in idx.get(seq[0], []):
                idx.setdefault(seq[0], []).append(seq)
        for v in idx.values():
            v.sort(key=len, reverse=True)
        self.idx = idx

    def match(self, toks: list[_Tok], i: int) -> int:
        """Number of tokens of the longest phrase at ``i`` (0 when none)."""
        if i >= len(toks) or toks[i].kind != "w":
            return 0
        cands = self.idx.get(toks[i].f)
        if not cands:
            return 0
        for seq in cands:
            n = len(seq)
            if i + n > len(toks):
                continue
            ok = True
            for k in range(n):
                t = toks[i + k]
                if t.kind != "w" or t.f != seq[k] or (k and t.gap > 2):
                    ok = False
                    break
            if ok:
                return n
        return 0


@dataclass
class _Lex:
    heads: _SeqTable
    bare_heads: _SeqTable
    abbrev_heads: dict[str, str]
    deputy: frozenset[str]
    modifiers: _SeqTable
    hon_strong: _SeqTable
    hon_weak: _SeqTable
    ranks: _SeqTable
    plural: _SeqTable
    joiners: frozenset[str]
    admin: _SeqTable
    admin_tails: frozenset[str]
    body_lower: _SeqTable
    function_words: frozenset[str]
    verb_words: frozenset[str]
    not_name_start: frozenset[str]
    complement: frozenset[str]
    body_tail: frozenset[str]
    places: frozenset[tuple[str, ...]]
    provinces: frozenset[tuple[str, ...]]
    place_max: int
    historical: frozenset[tuple[str, ...]]
    place_cues: _SeqTable
    enterprise: _SeqTable
    chair: _SeqTable
    speech: _SeqTable
    skip_verb: _SeqTable
    surnames: dict[str, int]
    middle_names: frozenset[str]
    last_surnames: frozenset[str]
    compound_surnames: frozenset[tuple[str, str]]
    authority: tuple[str, ...]
    noise: frozenset[str]
    fold_abbrev: dict[str, str] = field(default_factory=dict)


@cache
def _lex() -> _Lex:
    data = load_json("officials")
    titles = load_table("titles")
    heads: list[str] = list(data["heads"])
    ranks: list[str] = []
    honorifics = lexicon("honorifics")
    weak: list[str] = list(honorifics.where(strength="weak"))
    modifiers_tsv = {"nguyên", "quyền", "kiêm", "phụ trách"}
    for row in titles.rows:
        title = str(row.title).strip()
        if not title:
            continue
        attaches = str(row.attaches_to)
        if attaches.startswith("rank"):
            ranks.append(title)
        elif attaches == "person":
            if fold(title) not in ("đồng chí", "đ/c"):
                weak.append(title.rstrip("."))
        elif fold(title) in modifiers_tsv:
            continue
        else:
            heads.append(title)
    surnames: dict[str, int] = {}
    last: set[str] = set()
    compound: set[tuple[str, str]] = set()
    for row in load_table("surnames").rows:
        name = str(row.surname).strip()
        if not name:
            continue
        if row.group == "Kinh" and row.frequency_class == "very_common":
            strength = 3
        elif row.group == "Kinh" and row.frequency_class == "common":
            strength = 2
        else:
            strength = 1
        words = _phrase(name)
        if "Ê Đê" in str(row.group) and len(words) == 1:
            last.add(words[0])  # Ê Đê family names come last: "Y Khoa Niê"
            continue
        if len(words) == 2:
            compound.add((words[0], words[1]))
        key = words[0] if len(words) == 1 else " ".join(words)
        surnames[key] = max(strength, surnames.get(key, 0))
    place_lex = lexicon("places")
    provinces = frozenset(_phrase(p) for p in place_lex.where(kind="province"))
    places = provinces | frozenset(_phrase(p) for p in place_lex.where(kind="other"))
    admin_words = lexicon("admin_units").phrases
    admin = _SeqTable(admin_words)
    admin_tails = frozenset(_phrase(p)[-1] for p in admin_words)
    body_abbrev = {r.phrase: r.expansion for r in lexicon("abbreviations").table.rows}
    fold_abbrev = {fold(k): fold(v) for k, v in {**body_abbrev, **data["abbrev_heads"]}.items()}
    return _Lex(
        heads=_SeqTable(heads),
        bare_heads=_SeqTable(list(data["heads"]) + list(data["abbrev_heads"].values())),
        abbrev_heads=dict(data["abbrev_heads"]),
        deputy=frozenset(_fold_word(w) for w in data["deputy_prefix"]),
        modifiers=_SeqTable(data["modifiers"]),
        hon_strong=_SeqTable(honorifics.where(strength="strong")),
        hon_weak=_SeqTable(weak),
        ranks=_SeqTable(ranks),
        plural=_SeqTable(data["plural_words"]),
        joiners=frozenset(_fold_word(w) for w in data["joiners"]),
        admin=admin,
        admin_tails=admin_tails,
        body_lower=_SeqTable(data["body_lower"]),
        function_words=frozenset(_fold_word(w) for w in data["function_words"]),
        verb_words=frozenset(_fold_word(w) for w in data["verb_words"]),
        not_name_start=frozenset(_fold_word(w) for w in data["not_name_start"]),
        complement=frozenset(_fold_word(w) for w in data["complement_nouns"]),
        body_tail=frozenset(_fold_word(w) for w in data["body_tail"]),
        places=places,
        provinces=provinces,
        place_max=max((len(p) for p in places), default=1),
        historical=frozenset(_phrase(p) for p in data["historical"]),
        place_cues=_SeqTable(data["place_cues"]),
        enterprise=_SeqTable(data["enterprise_words"]),
        chair=_SeqTable(data["chair_verbs"]),
        speech=_SeqTable(lexicon("speech_verbs").phrases),
        skip_verb=_SeqTable(data["skip_before_verb"]),
        surnames=surnames,
        middle_names=frozenset(_fold_word(w) for w in data["middle_names"]),
        last_surnames=frozenset(last),
        compound_surnames=frozenset(compound),
        authority=tuple(lexicon("signer_authority").where(form="mark")),
        noise=frozenset(fold(x) for x in lexicon("signature_noise").phrases),
        fold_abbrev=fold_abbrev,
    )


# --------------------------------------------------------------------------- parsing helpers


def _is_word(toks: list[_Tok], i: int) -> bool:
    return 0 <= i < len(toks) and toks[i].kind == "w"


def _is_sym(toks: list[_Tok], i: int, chars: str | frozenset[str]) -> bool:
    return 0 <= i < len(toks) and toks[i].kind == "p" and toks[i].t in chars


def _joined(toks: list[_Tok], i: int) -> bool:
    """Token ``i`` continues the phrase before it (same line or a soft line break)."""
    return 0 < i < len(toks) and toks[i].gap <= 2


def _cap_run_end(toks: list[_Tok], i: int, limit: int = 24) -> int:
    """End (exclusive) of the run of capitalised words starting at ``i`` (at most ``limit``)."""
    j = i
    stop = min(len(toks), i + limit)
    while j < stop and toks[j].kind == "w" and toks[j].shape == "T" and (j == i or _joined(toks, j)):
        j += 1
    return j


@dataclass
class _Head:
    start: int  # first token (modifier or head)
    end: int  # end of the head words


class _Parser:
    """Finds persons, titles and title-only mentions in the tokens of one main span."""

    def __init__(self, text: str, toks: list[_Tok], lex: _Lex) -> None:
        self.text = text
        self.toks = toks
        self.lex = lex
        self.n = len(toks)

    # ---- lexicon lookups on tokens

    def head_at(self, i: int, allow_lower: bool = False, allow_caps: bool = False) -> _Head | None:
        toks, lex = self.toks, self.lex
        if not _is_word(toks, i):
            return None
        j = i
        k = lex.modifiers.match(toks, j)
        if k and _joined(toks, j + k):
            j += k
        if not _is_word(toks, j) or (j > i and not _joined(toks, j)):
            return None
        first = toks[j]
        if first.t in lex.abbrev_heads:
            return _Head(i, j + 1)
        if first.shape == "U" and not allow_caps:
            return None
        if first.shape not in ("T", "U") and not allow_lower:
            return None
        best = lex.heads.match(toks, j)
        if first.f in lex.deputy and _joined(toks, j + 1):
            if _is_word(toks, j + 1) and toks[j + 1].t in lex.abbrev_heads:
                return _Head(i, j + 2)
            k2 = lex.heads.match(toks, j + 1)
            if k2 and 1 + k2 > best:
                best = 1 + k2
        if not best:
            return None
        return _Head(i, j + best)

    def is_place(self, words: Sequence[str]) -> bool:
        return tuple(words) in self.lex.places

    def place_prefix(self, words: Sequence[str]) -> int:
        """Length of the longest place name at the start of ``words`` (0 when none)."""
        for k in range(min(self.lex.place_max, len(words)), 0, -1):
            if tuple(words[:k]) in self.lex.places:
                return k
        return 0

    def province_suffix(self, words: Sequence[str]) -> int:
        """Length of a province name ending ``words`` (0 when none)."""
        for k in range(min(self.lex.place_max, len(words)), 0, -1):
            if tuple(words[len(words) - k :]) in self.lex.provinces:
                return k
        return 0

    def surname_strength(self, words: Sequence[str], p: int) -> int:
        lex = self.lex
        if p + 1 < len(words) and (words[p], words[p + 1]) in lex.compound_surnames:
            return lex.surnames.get(words[p] + " " + words[p + 1], 1)
        return lex.surnames.get(words[p], 0)

    def _cue_before(self, a: int) -> str:
        """"admin", "place" or "" for the words right before token ``a``."""
        toks, lex = self.toks, self.lex
        if a <= 0 or not _joined(toks, a):
            return ""
        prev = toks[a - 1]
        if prev.kind == "n":
            return "place"
        if prev.kind != "w":
            return ""
        for back in (3, 2, 1):
            s = a - back
            if s < 0:
                continue
            if lex.admin.match(toks, s) == back:
                return "admin"
            if lex.place_cues.match(toks, s) == back:
                return "place"
        return ""

    def choose_name(self, a: int, b: int, strong: bool, min_len: int = 2) -> int | None:
        """Start of the person's name inside the capitalised run ``toks[a:b]`` (it ends at b).

        ``strong``: the run follows a clear title, so a name with an unknown surname is taken.
        ``min_len``: fewest syllables (3 after a company name: "Công ty … Hoàng Long").
        """
        toks, lex = self.toks, self.lex
        a = max(a, b - 12)  # a name has at most 5 syllables; 12 leaves room for a place before it
        words = [toks[x].f for x in range(a, b)]
        n = len(words)
        if n < 2:
            return None
        if tuple(words) in lex.historical or self.is_place(words):
            return None
        cue = self._cue_before(a)
        p0 = self.place_prefix(words)
        if n - p0 < 2:
            p0 = 0
        best: tuple[tuple[int, int], int] | None = None
        for p in range(p0, n - 1):
            length = n - p
            compound = p + 1 < n and (words[p], words[p + 1]) in lex.compound_surnames
            if length > (5 if compound else 4) or length < min_len:
                continue
            cand = words[p:]
            if tuple(cand) in lex.historical or self.is_place(cand):
                continue
            if words[p] in lex.not_name_start:
                continue
            if p > 0 and words[p - 1] in lex.complement:
                continue
            if p == 0:
                if cue == "place":
                    continue
                if cue == "admin" and (length < 3 or not self.surname_strength(words, 0)):
                    continue
            strength = self.surname_strength(words, p)
            if not strength and words[-1] in lex.last_surnames and words[p] not in lex.surnames:
                strength = 1
            if not strength:
                continue
            if p - p0 == 1 and words[p - 1] not in lex.body_tail:
                continue  # a place or body before a name has two syllables at least ("Si [Ma Cai]")
            key = (strength, length)
            if best is None or key > best[0]:
                best = (key, p)
        if best is not None:
            return a + best[1]
        if not strong:
            return None
        # unknown surname after a clear title: the whole run (after a leading province name), or,
        # after a place name, the syllables from the one before a middle name ("Mường Nhé Sòng A Tủa")
        rest = words[p0:]
        if cue == "place" and p0 == 0:
            return None
        for x in range(len(rest)):
            for y in range(x + 1, len(rest) + 1):
                if tuple(rest[x:y]) in lex.places:
                    return None
        if rest[0] in lex.not_name_start:
            return None
        if cue != "admin" and max(2, min_len) <= len(rest) <= 4 and rest[1] not in lex.not_name_start:
            return a + p0
        for q in range(len(rest) - 2, -1, -1):
            if q == 1 or len(rest) - q > 4 or rest[q + 1] not in lex.middle_names:
                continue
            if q == 0 and cue != "admin" and len(rest) > 4:
                continue
            if rest[q] in lex.not_name_start or len(rest) - q < max(3, min_len):
                continue
            return a + p0 + q
        return None

    def name_after_cue(self, i: int) -> tuple[int, int] | None:
        """Name right after an honorific or rank: the capitalised run at ``i``."""
        toks, lex = self.toks, self.lex
        if not _is_word(toks, i) or toks[i].shape != "T" or not _joined(toks, i):
            return None
        e = _cap_run_end(toks, i)
        if e - i < 2:
            return None
        if e - i > 4:
            e = i + 3
        words = tuple(toks[x].f for x in range(i, e))
        if words in lex.historical or self.is_place(words) or words[0] in lex.not_name_start:
            return None
        return i, e

    # ---- titles

    def segment_end(self, i: int) -> int:
        """Index of the first separator (or hard break) after ``i``; a segment longer than
        ``_SEG_LIMIT`` tokens ends there (callers reject it: see :meth:`too_long`)."""
        toks = self.toks
        j = i
        stop = min(self.n, i + _SEG_LIMIT + 1)
        while j < stop:
            t = toks[j]
            if j > i and t.gap >= 3:
                return j
            if t.kind == "p" and (t.t in _SEPARATORS or t.t in _DASHES):
                glued_dot = (
                    t.t == "." and t.gap == 0 and j > i and toks[j - 1].shape == "U"
                    and j + 1 < self.n and toks[j + 1].gap == 0
                )
                if not glued_dot and not (j > i and self.inner_dash(j)):  # "TP.HCM" stays one piece
                    return j
            j += 1
        return j

    def and_in_body(self, j: int) -> bool:
        """"và" joining two parts of a body ("Bộ Kế hoạch và Đầu tư"), not two people or titles."""
        toks = self.toks
        if not (_is_word(toks, j + 1) and toks[j + 1].shape in ("T", "U") and _joined(toks, j + 1)):
            return False
        if self.head_at(j + 1, allow_caps=True) is not None:
            return False
        r = _cap_run_end(toks, j + 1)
        return not (r - (j + 1) >= 2 and self.choose_name(j + 1, r, strong=False) == j + 1)

    def inner_dash(self, j: int) -> bool:
        """A dash inside a body name ("Sở Lao động - Thương binh và Xã hội"): between a word
        and a capitalised word that starts neither a title nor a name."""
        toks = self.toks
        if not (_is_sym(toks, j, _DASHES) and _is_word(toks, j - 1) and _is_word(toks, j + 1)):
            return False
        nxt = toks[j + 1]
        if nxt.shape != "T" or nxt.gap > 2 or toks[j - 1].shape not in ("l", "T"):
            return False
        if self.head_at(j + 1) is not None:
            return False
        r = _cap_run_end(toks, j + 1)
        return not (r - (j + 1) >= 2 and self.choose_name(j + 1, r, strong=False) is not None)

    def stops(self, j: int) -> bool:
        """The lower-case word at ``j`` cannot be inside a title: a function word, or a verb
        that is not the second syllable of a capitalised word."""
        toks, lex = self.toks, self.lex
        t = toks[j]
        if t.kind != "w" or t.shape != "l":
            return False
        if lex.admin.match(toks, j) or lex.body_lower.match(toks, j):
            return False
        if t.f in lex.function_words:
            return True
        if t.f not in lex.verb_words:
            return False
        # a verb syllable may end a compound after a body noun or a lone capital ("Bộ Ngoại giao",
        # "Truyền thông"), not after a place or a person ("Thanh Hóa chỉ đạo")
        if not (j > 0 and toks[j - 1].shape == "T" and _joined(toks, j)):
            return True
        a = j - 1
        while a > 0 and toks[a - 1].shape == "T" and _joined(toks, a) and j - a < 4:
            a -= 1
        return not (a == j - 1 or toks[a].f in lex.complement)

    @staticmethod
    def too_long(i: int, e: int) -> bool:
        return e - i > _SEG_LIMIT

    def segment_title(self, i: int, head: _Head) -> int | None:
        """End of a title that fills its whole segment (no stop word, number or name inside)."""
        toks, lex = self.toks, self.lex
        e = self.segment_end(i)
        if self.too_long(i, e):
            return None
        words = 0
        j = head.end
        while j < e:
            t = toks[j]
            if t.kind == "n":
                return None
            if t.kind == "w":
                words += 1
                if self.stops(j):
                    return None
                if t.shape == "T":
                    r = _cap_run_end(toks, j)
                    if r - j >= 2 and self.choose_name(j, r, strong=False) is not None:
                        return None
                    words += r - j - 1
                    j = r
                    continue
            j += 1
        if words + (head.end - i) > _MAX_TITLE_WORDS:
            return None
        return e

    def extend(self, head: _Head, want_name: bool) -> tuple[int, tuple[int, int] | None, int]:
        """Greedy body after a head: (title end, name span or None, stop index)."""
        toks, lex = self.toks, self.lex
        j = head.end
        lc = 1  # lower-case syllables since the last capitalised word (1: none allowed)
        run: int | None = None
        end = head.end
        min_len = 2
        stop_at = min(self.n, head.end + _SEG_LIMIT)
        while j < stop_at:
            if lex.enterprise.match(toks, j):
                min_len = 3
            t = toks[j]
            if t.gap >= 3:
                break
            if t.kind == "w" and t.shape == "T":
                if run is None:
                    run = j
                j += 1
                end = j
                lc = 0
                continue
            if run is not None and want_name:
                p = self.choose_name(run, j, strong=True, min_len=min_len)
                if p is not None:
                    return self._split_title(head.start, p), (p, j), j
            run = None
            if t.kind == "w" and t.shape == "U":
                j += 1
                end = j
                lc = 1  # no lower-case continuation after an acronym ("UBND TP phân tích")
                continue
            if t.kind == "w" and t.shape == "l":
                k = max(lex.admin.match(toks, j), lex.body_lower.match(toks, j))
                if k:
                    j += k
                    end = j
                    lc = 1
                    continue
                if t.f == "và" and self.and_in_body(j):
                    j += 1
                    continue
                if lc >= 1 or self.stops(j):
                    break
                j += 1
                end = j
                lc = 1
                continue
            if t.kind == "p" and t.t == "&" and t.gap == 0 and _is_word(toks, j + 1) and toks[j + 1].gap == 0:
                j += 1
                continue
            if self.inner_dash(j):
                j += 1
                continue
            break
        if run is not None and want_name:
            p = self.choose_name(run, j, strong=True, min_len=min_len)
            if p is not None:
                return self._split_title(head.start, p), (p, j), j
        return end, None, j

    def strip_province(self, start: int, end: int) -> int:
        """End of the title ``toks[start:end]`` without a trailing province name; the province
        goes only after an administrative word, a committee ("Tỉnh ủy") or an acronym ("UBND TP")."""
        toks, lex = self.toks, self.lex
        words = [toks[x].f for x in range(start, end)]
        k = self.province_suffix(words)
        if not k or end - k <= start:
            return end
        before = toks[end - k - 1]
        if before.shape == "U" or before.f in lex.admin_tails or before.f == "ủy":
            return end - k
        return end

    def _split_title(self, start: int, name_start: int) -> int:
        """Title end before a name: drop a province name right before it."""
        return self.strip_province(start, name_start)

    def segment_with_name(self, head: _Head) -> tuple[int, tuple[int, int]] | None:
        """Long body with lower-case words, then a name: "Trưởng Ban Chỉ đạo … về … Phạm Minh Chính"."""
        toks, lex = self.toks, self.lex
        if not (_is_word(toks, head.end) and toks[head.end].shape in ("T", "U") and _joined(toks, head.end)):
            return None
        e = self.segment_end(head.start)
        if self.too_long(head.start, e):
            return None
        j = head.end
        words = head.end - head.start
        min_len = 2
        while j < e:
            t = toks[j]
            if t.kind == "n":
                return None
            if lex.enterprise.match(toks, j):
                min_len = 3
            if t.kind == "w" and t.shape == "T":
                r = _cap_run_end(toks, j)
                if r - j >= 2:
                    p = self.choose_name(j, r, strong=False, min_len=min_len)
                    if p is not None:
                        if words > _MAX_TITLE_WORDS:
                            return None
                        return self._split_title(head.start, p), (p, r)
                words += r - j
                j = r
                continue
            if t.kind == "w":
                if self.stops(j):
                    return None
                words += 1
            j += 1
        return None

    def name_after_sep(self, j: int) -> tuple[int, int] | None:
        """"PCT UBND tỉnh-Đỗ Tâm Hiển", "PCN: Phạm Mạnh Cường": a name after "-" or ":" that
        fills the rest of its segment."""
        toks = self.toks
        if not (_is_sym(toks, j, _DASHES) or _is_sym(toks, j, ":")):
            return None
        i = j + 1
        if not _is_word(toks, i) or toks[i].shape != "T" or toks[i].gap > 2:
            return None
        r = _cap_run_end(toks, i)
        if r < self.n and not (toks[r].kind == "p" and toks[r].t in ",;.)") and toks[r].gap < 3:
            return None
        p = self.choose_name(i, r, strong=False)
        if p != i:
            return None
        return i, r

    def pre_chain(self, i: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None, int]:
        """Titles from token ``i`` on, joined by "," or "kiêm", ending with a name or not.

        Returns (title spans, name span, index after the last consumed token).
        """
        toks, lex = self.toks, self.lex
        titles: list[tuple[int, int]] = []
        heads: list[int] = []
        pos = i
        last = i
        while True:
            head = self.head_at(pos, allow_lower=False)
            if head is None:
                break
            heads.append(head.end)
            tend, name, _ = self.extend(head, want_name=True)
            if name is not None:
                titles.append((head.start, tend))
                return self._one_holder(titles, heads), name, name[1]
            swn = self.segment_with_name(head)
            if swn is not None:
                titles.append((head.start, swn[0]))
                return self._one_holder(titles, heads), swn[1], swn[1][1]
            nm = self.name_after_sep(tend)
            if nm is not None:
                titles.append((head.start, tend))
                return self._one_holder(titles, heads), nm, nm[1]
            # the whole segment is the title only when another title follows it
            seg = self.segment_title(head.start, head)
            for end in ((seg, tend) if seg is not None and seg != tend else (tend,)):
                if end < self.n and (_is_sym(toks, end, ",") or (toks[end].kind == "w" and toks[end].f in lex.joiners)):
                    if _joined(toks, end + 1) and self.head_at(end + 1) is not None:
                        break
            else:
                titles.append((head.start, tend))
                last = tend
                break
            titles.append((head.start, end))
            last = end
            pos = end + 1
        return titles, None, last

    def bare_head_end(self, a: int, default: int) -> int:
        """End of the position words of the title at ``a`` without its body ("Chủ tịch" of
        "Chủ tịch UBND tỉnh")."""
        toks, lex = self.toks, self.lex
        j = a + lex.modifiers.match(toks, a)
        if _is_word(toks, j) and toks[j].t in lex.abbrev_heads:
            return j + 1
        if _is_word(toks, j) and toks[j].f in lex.deputy:
            j += 1
        k = lex.bare_heads.match(toks, j)
        return j + k if k else default

    def _one_holder(self, titles: list[tuple[int, int]], heads: list[int]) -> list[tuple[int, int]]:
        """Keep the titles one person can hold: two different positions of the same body
        ("Chủ tịch UBND tỉnh, Chánh Văn phòng UBND tỉnh X") are two people; X holds the last."""
        text, toks = self.text, self.toks
        keep: list[tuple[int, int]] = []
        seen: dict[str, str] = {}
        for (a, b), h in reversed(list(zip(titles, heads))):
            h = self.bare_head_end(a, h)
            if b <= h or h <= a:
                keep.append((a, b))
                continue
            head = _canon(text[toks[a].s : toks[h - 1].e])
            body = _canon(text[toks[h].s : toks[b - 1].e])
            if body in seen and seen[body] != head:
                break
            seen.setdefault(body, head)
            keep.append((a, b))
        keep.reverse()
        return keep

    def continuation(self, i: int) -> int | None:
        """A comma segment that continues the previous title's body ("…Ban Chính sách, Chiến
        lược Trung ương"): capitalised words only, no head, no name."""
        toks, lex = self.toks, self.lex
        if not (_is_word(toks, i) and toks[i].shape == "T" and _joined(toks, i)):
            return None
        e = self.segment_end(i)
        if e - i > _MAX_CONT_WORDS or not (e >= self.n or _is_sym(toks, e, ",;.:)")):
            return None
        lc = 1
        j = i
        while j < e:
            t = toks[j]
            if t.kind != "w":
                return None
            if t.shape == "T":
                r = _cap_run_end(toks, j)
                if r - j >= 2 and self.choose_name(j, r, strong=False) is not None:
                    return None
                lc = 0
                j = r
                continue
            if t.shape == "l":
                if t.f == "và" or lex.admin.match(toks, j):
                    lc = 1
                elif lc == 0 and not self.stops(j):
                    lc = 1
                else:
                    return None
            j += 1
        return e

    def post_titles(self, j: int) -> tuple[list[tuple[int, int]], int]:
        """Titles written after a name: " - Bí thư Huyện ủy", ", Thứ trưởng Bộ Công an, …"."""
        toks, lex = self.toks, self.lex
        titles: list[tuple[int, int]] = []
        if not (_is_sym(toks, j, ",(") or _is_sym(toks, j, _DASHES)):
            return titles, j
        closing = _is_sym(toks, j, "(")
        pos = j + 1
        end = j
        while pos < self.n and toks[pos].gap <= 2:
            head = self.head_at(pos, allow_lower=True)
            if head is not None:
                seg = self.segment_title(head.start, head)
                if seg is not None:
                    b = seg
                else:
                    tend, name, _ = self.extend(head, want_name=True)
                    if name is not None:
                        break
                    b = tend
                titles.append((head.start, b))
            elif titles:
                c = self.continuation(pos)
                if c is None:
                    break
                titles[-1] = (titles[-1][0], c)
                b = c
            else:
                break
            end = b
            if b < self.n and (_is_sym(toks, b, ",") or (toks[b].kind == "w" and toks[b].f in lex.joiners)):
                pos = b + 1
                continue
            break
        if closing and _is_sym(toks, end, ")"):
            end += 1
        return titles, end


# --------------------------------------------------------------------------- person registry


@dataclass
class _Person:
    name: str
    key: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    cued: bool = False  # strong honorific, rank, or signer
    roles: set[str] = field(default_factory=set)
    spans: set[tuple[int, int]] = field(default_factory=set)


def _clean_title(text: str) -> str:
    t = " ".join(text.split())
    return t.strip(" ,;:-–—*_|#")


def _name_text(text: str, s: int, e: int) -> str:
    return unicodedata.normalize("NFC", " ".join(text[s:e].split()))


def _key(name: str) -> str:
    return fold(name)


def _canon(title: str) -> str:
    """Comparison form of a title: folded, abbreviations expanded, honorifics dropped."""
    lex = _lex()
    words = fold(title).replace("-", " ").split()
    out: list[str] = []
    for w in words:
        out.append(lex.fold_abbrev.get(w, w))
    s = " ".join(out)
    for h in ("đồng chí ", "đ/c ", "ông ", "bà "):
        if s.startswith(h):
            s = s[len(h) :]
    return s.replace("uỷ", "ủy")


def _title_relation(a: str, b: str) -> int:
    """2: same title; 1: the shorter one is a bare position ("thứ trưởng") that the longer one
    completes ("thứ trưởng bộ công an"); 0: unrelated."""
    if not a or not b:
        return 0
    if a == b:
        return 2
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if long_.startswith(short + " ") and _is_bare_head(short):
        return 1
    return 0


@cache
def _is_bare_head(canon: str) -> bool:
    """``canon`` (a folded title) is a position without its body: "phó thủ tướng", "bí thư"."""
    toks = _tokenize(canon, 0, len(canon))
    if not toks:
        return False
    lex = _lex()
    words = [t for t in toks if t.kind == "w"]
    if len(words) != len(toks):
        return False
    i = 0
    if lex.modifiers.match(toks, i):
        i += lex.modifiers.match(toks, i)
    if i < len(toks) and toks[i].f in lex.deputy:
        i += 1
    k = lex.bare_heads.match(toks, i)
    return k > 0 and i + k == len(toks)


class _Spans:
    """Character spans already taken by a mention (sorted; overlap test by bisection)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, s: int, e: int) -> None:
        k = bisect.bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e)
        for j in range(k - 1, max(-1, k - 9), -1):
            if self.ends[j] > s:
                return True
        return False


class _Registry:
    def __init__(self, text: str) -> None:
        self.text = text
        self.persons: dict[str, _Person] = {}
        self.covered = _Spans()

    def add(
        self,
        ns: int,
        ne: int,
        titles: Sequence[str],
        cued: bool,
        mention_title: str | None,
    ) -> _Person | None:
        name = _name_text(self.text, ns, ne)
        if not name:
            return None
        key = _key(name)
        p = self.persons.get(key)
        if p is None:
            p = _Person(name=name, key=key)
            self.persons[key] = p
        for t in titles:
            if t and fold(t) not in {fold(x) for x in p.titles}:
                p.titles.append(t)
        p.cued = p.cued or cued
        if (ns, ne) not in p.spans:
            p.spans.add((ns, ne))
            p.mentions.append(Mention(ns, ne, self.text[ns:ne], mention_title))
            self.covered.add(ns, ne)
        return p


# --------------------------------------------------------------------------- main scan


def _title_str(parser: _Parser, a: int, b: int) -> str:
    """Title text of tokens [a, b): as written, whitespace collapsed, trailing province dropped."""
    toks = parser.toks
    if b <= a:
        return ""
    b = parser.strip_province(a, b)
    while b > a and toks[b - 1].kind == "p":
        b -= 1
    if b <= a:
        return ""
    return _clean_title(parser.text[toks[a].s : toks[b - 1].e])


def _role_after(parser: _Parser, j: int) -> str | None:
    toks, lex = parser.toks, parser.lex
    k = j
    for _ in range(4):
        if k < parser.n and toks[k].gap < 3 and (_is_sym(toks, k, ",") or lex.skip_verb.match(toks, k)):
            k += 1 if toks[k].kind == "p" else lex.skip_verb.match(toks, k)
            continue
        break
    if k >= parser.n or toks[k].gap >= 3 or toks[k].kind != "w":
        return None
    if lex.chair.match(toks, k):
        return "chair"
    if lex.speech.match(toks, k):
        return "speaker"
    return None


def _plural_before(parser: _Parser, i: int) -> bool:
    toks, lex = parser.toks, parser.lex
    for back in (2, 1):
        s = i - back
        if s >= 0 and lex.plural.match(toks, s) == back and _joined(toks, i):
            return True
    return False


def _scan_span(parser: _Parser, reg: _Registry, title_only: list[tuple[int, int, list[str], str | None]]) -> None:
    toks, lex = parser.toks, parser.lex
    n = parser.n
    i = 0

    def person(name: tuple[int, int], pre: list[tuple[int, int]], cued: bool, group: Sequence[str] = ()) -> int:
        post, end = parser.post_titles(name[1])
        pre_t = [_title_str(parser, a, b) for a, b in pre]
        post_t = [_title_str(parser, a, b) for a, b in post]
        titles = [t for t in list(group) + pre_t + post_t if t]
        if not titles and not cued:
            return max(end, name[1])
        mt = (pre_t[-1] if pre_t and pre_t[-1] else None) or (post_t[0] if post_t and post_t[0] else None)
        p = reg.add(toks[name[0]].s, toks[name[1] - 1].e, titles, cued, mt)
        if p is not None:
            role = _role_after(parser, max(end, name[1]))
            if role:
                p.roles.add(role)
        return max(end, name[1])

    while i < n:
        t = toks[i]
        if t.kind != "w":
            i += 1
            continue
        # 1. group: "các đồng chí <titles>: A, …; B"
        k = lex.plural.match(toks, i)
        if k:
            hs = lex.hon_strong.match(toks, i + k)
            hw = 0 if hs else lex.hon_weak.match(toks, i + k)
            h = hs or hw
            if h and _joined(toks, i + k):
                j = _group(parser, i + k + h, strong=bool(hs), person=person)
                i = max(j, i + k + h)
                continue
            head = parser.head_at(i + k)
            if head is not None and _joined(toks, i + k):
                # "các Phó Thủ tướng": a group named by a title, nobody in particular
                i = head.end
                continue
        # 2. honorific
        hs = lex.hon_strong.match(toks, i)
        hw = 0 if hs else lex.hon_weak.match(toks, i)
        h = hs or hw
        if h and not _plural_before(parser, i):
            j = i + h
            if _is_sym(toks, j, ".") and toks[j].gap == 0:
                j += 1
            r = lex.ranks.match(toks, j)
            if r and _joined(toks, j):
                j += r
            head = parser.head_at(j) if _joined(toks, j) else None
            if head is not None:
                titles, name, end = parser.pre_chain(j)
                if name is not None:
                    i = person(name, titles, cued=bool(hs) or bool(r))
                    continue
                if titles:
                    strs = [_title_str(parser, a, b) for a, b in titles]
                    title_only.append((toks[titles[0][0]].s, toks[titles[0][1] - 1].e, strs, _role_after(parser, end)))
                i = max(end, i + 1)
                continue
            name = parser.name_after_cue(j)
            if name is not None:
                i = person(name, [], cued=bool(hs) or bool(r))
                continue
            i = j
            continue
        # 3. rank
        r = lex.ranks.match(toks, i)
        if r and (t.shape in ("T", "l")):
            name = parser.name_after_cue(i + r)
            if name is not None:
                i = person(name, [], cued=True)
                continue
        # 4. title (chain) before a name, or a title standing alone
        head = parser.head_at(i)
        if head is not None:
            titles, name, end = parser.pre_chain(i)
            if name is not None:
                i = person(name, titles, cued=False)
                continue
            if titles and not _plural_before(parser, i):
                nxt = end
                generic = _is_word(toks, nxt) and toks[nxt].f in ("các", "những", "mỗi")
                if not generic:
                    strs = [_title_str(parser, a, b) for a, b in titles]
                    a0, b0 = titles[0]
                    if b0 > a0:
                        title_only.append((toks[a0].s, toks[b0 - 1].e, strs, _role_after(parser, end)))
            i = max(end, head.end, i + 1)
            continue
        # 5. a name followed by its titles: "Thái Thanh Quý, Ủy viên Trung ương Đảng, …"
        if t.shape == "T" and not (i > 0 and toks[i - 1].shape == "T" and _joined(toks, i)):
            r_end = _cap_run_end(toks, i)
            if r_end - i >= 2:
                p = parser.choose_name(i, r_end, strong=False)
                if p is not None and (p == i or parser._cue_before(i) == ""):
                    post, _ = parser.post_titles(r_end)
                    if post:
                        i = person((p, r_end), [], cued=False)
                        continue
        i += 1


def _group(parser: _Parser, j: int, strong: bool, person: Callable[..., int]) -> int:
    """After "các đồng chí": optional shared titles, ":" and a list of persons."""
    toks, lex = parser.toks, parser.lex
    shared: list[str] = []
    pos = j
    while True:
        head = parser.head_at(pos) if _joined(toks, pos) else None
        if head is None:
            break
        seg = parser.segment_title(head.start, head)
        if seg is None:
            return pos
        shared.append(_title_str(parser, head.start, seg))
        pos = seg
        if _is_sym(toks, pos, ","):
            pos += 1
            continue
        break
    if not _is_sym(toks, pos, ":"):
        return pos
    pos += 1
    while pos < parser.n and toks[pos].gap < 3:
        k = lex.hon_strong.match(toks, pos)
        if k:
            pos += k
        r = lex.ranks.match(toks, pos)
        if r:
            pos += r
        if not (_is_word(toks, pos) and toks[pos].shape == "T"):
            break
        e = _cap_run_end(toks, pos)
        if e - pos < 2:
            break
        if e - pos > 4:
            e = pos + 3
        words = tuple(toks[x].f for x in range(pos, e))
        if words in lex.historical or parser.is_place(words) or words[0] in lex.not_name_start:
            break
        end = person((pos, e), [], cued=strong or bool(r), group=shared)
        if end < parser.n and (_is_sym(toks, end, ",;") or (toks[end].kind == "w" and toks[end].f == "và")):
            pos = end + 1
            continue
        return end
    return pos


# --------------------------------------------------------------------------- signer


_SIG_LINE = regex.compile(r"[^\n]*")
_NAME_LINE = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’]*){1,4}$")


def _clean_line(s: str) -> str:
    return s.strip().strip("*_|#").strip()


def _detect_signer(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, str | None, int, int] | None:
    """The last signer block of the main text: (name, title as written, start, end of name)."""
    lex = _lex()
    found: tuple[str, str | None, int, int] | None = None
    for a, b in spans:
        lines: list[tuple[int, int, str]] = []
        try:
            for m in _SIG_LINE.finditer(text, a, b, timeout=_TIMEOUT):
                raw = m.group(0)
                c = _clean_line(raw)
                if c:
                    off = m.start() + raw.find(c)
                    lines.append((off, off + len(c), c))
        except TimeoutError:
            return found
        for idx, (s, e, c) in enumerate(lines):
            auth = next((m for m in lex.authority if c.startswith(m + " ") or c == m), None)
            if auth is not None and not _all_caps(c):
                auth = None
            title_line = _caps_title(c)
            if auth is None and title_line is None:
                continue
            title: str | None = None
            if auth is not None:
                rest = c[len(auth) :].strip()
                k = rest.find("PHÓ ")
                if k > 0:
                    title = rest[k:].strip()
            else:
                title = title_line
            for s2, e2, c2 in lines[idx + 1 : idx + 6]:
                if fold(c2) in lex.noise or not any(ch.isalpha() for ch in c2):
                    continue
                if any(c2.startswith(m + " ") for m in lex.authority):
                    break
                ct = _caps_title(c2)
                if ct is not None:
                    title = ct
                    continue
                if len(c2) <= 60 and _NAME_LINE.match(c2, timeout=_TIMEOUT) and _looks_like_name(c2):
                    found = (" ".join(c2.split()), title, s2, e2)
                    break
                if _all_caps(c2) and len(c2) <= 40:
                    continue  # wrapped authority line ("T/M BỘ CHÍNH / TRỊ")
                break
    return found


def _all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _caps_title(line: str) -> str | None:
    """An upper-case position line of a signer block ("PHÓ CHỦ TỊCH", "BÍ THƯ")."""
    if len(line) > 60 or not _all_caps(line):
        return None
    toks = _tokenize(line, 0, len(line))
    if not toks:
        return None
    parser = _Parser(line, toks, _lex())
    head = parser.head_at(0, allow_caps=True)
    if head is None:
        return None
    return " ".join(line.split())


def _looks_like_name(line: str) -> bool:
    lex = _lex()
    words = [_fold_word(w) for w in line.split()]
    if len(words) < 2 or len(words) > 5:
        return False
    if words[0] in lex.not_name_start or tuple(words) in lex.places:
        return False
    if line.isupper():
        return words[0] in lex.surnames
    return True


# --------------------------------------------------------------------------- public API


def _norm_spans(text: str, main: Sequence[tuple[int, int]] | None) -> list[tuple[int, int]]:
    n = len(text)
    if main is None:
        return [(0, n)] if n else []
    spans: list[tuple[int, int]] = []
    for span in main:
        try:
            a, b = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        a, b = max(0, a), min(n, b)
        if b > a:
            spans.append((a, b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _find_name(text: str, name: str, spans: Sequence[tuple[int, int]], last: bool) -> tuple[int, int] | None:
    words = name.split()
    if not words:
        return None
    pat = regex.compile(
        r"(?<![\p{L}\p{M}])" + r"\s+".join(regex.escape(w) for w in words) + r"(?![\p{L}\p{M}])",
        regex.IGNORECASE,
    )
    hits: list[tuple[int, int]] = []
    try:
        for a, b in spans:
            hits.extend(m.span() for m in pat.finditer(text, a, b, timeout=_TIMEOUT))
    except TimeoutError:
        return None
    if not hits:
        return None
    return hits[-1] if last else hits[0]


def _name_mentions(
    text: str, reg: _Registry, persons: Sequence[_Person], span_tokens: Sequence[list[_Tok]]
) -> None:
    """Add every other occurrence of each person's full name (capitalised words) in the main text."""
    by_key: dict[tuple[str, ...], _Person] = {}
    for p in persons:
        words = tuple(_fold_word(w) for w in p.name.split())
        if 2 <= len(words) <= 6:
            by_key[words] = p
    if not by_key:
        return
    for toks in span_tokens:
        n = len(toks)
        i = 0
        while i < n:
            if toks[i].shape != "T":
                i += 1
                continue
            hit = 0
            for length in range(min(6, n - i), 1, -1):
                seq = toks[i : i + length]
                if all(t.shape == "T" for t in seq) and all(_joined(toks, i + k) for k in range(1, length)):
                    if tuple(t.f for t in seq) in by_key:
                        hit = length
                        break
            if not hit:
                i += 1
                continue
            p = by_key[tuple(t.f for t in toks[i : i + hit])]
            s, e = toks[i].s, toks[i + hit - 1].e
            if not reg.covered.overlaps(s, e):
                p.mentions.append(Mention(s, e, text[s:e], None))
                reg.covered.add(s, e)
            i += hit


class _TitleIndex:
    """Who holds a title phrase, for title-only mentions."""

    def __init__(self, persons: Sequence[_Person]) -> None:
        self.persons = list(persons)
        self.titles = [[_canon(t) for t in _drop_conflicts(p.titles)] for p in self.persons]
        self.starts = [sorted(m.start for m in p.mentions if m.end > m.start) for p in self.persons]

    def resolve(self, phrases: Sequence[str], pos: int) -> _Person | None:
        """Same title first, then a bare position completed by the title ("Thứ trưởng" ~
        "Thứ trưởng Bộ Công an"); among several holders, the one named last before ``pos``
        (else the first one named after it)."""
        canon = [_canon(x) for x in phrases if x]
        for level in (2, 1):
            cands = [
                k for k, titles in enumerate(self.titles)
                if any(_title_relation(t, c) >= level for t in titles for c in canon)
            ]
            best: tuple[int, int] | None = None  # (0, distance) before pos, (1, distance) after
            choice = -1
            for k in cands:
                st = self.starts[k]
                j = bisect.bisect_left(st, pos)
                if j > 0:
                    key = (0, pos - st[j - 1])
                elif st:
                    key = (1, st[0] - pos)
                else:
                    continue
                if best is None or key < best:
                    best = key
                    choice = k
            if best is not None and choice >= 0:
                return self.persons[choice]
        return None


def _drop_conflicts(titles: list[str]) -> list[str]:
    """A bare head next to its deputy form ("Chủ tịch" with "PCT UBND tỉnh") belongs to someone
    else in a list: keep the specific one."""
    canon = [_canon(t) for t in titles]
    keep: list[str] = []
    for t, c in zip(titles, canon):
        if " " not in c or len(c.split()) <= 2:
            if any(o != c and o.startswith("phó " + c) for o in canon):
                continue
        keep.append(t)
    return keep


def find_officials(
    doc: Analysis | str,
    *,
    main: Sequence[tuple[int, int]] | None = None,
    signer: dict[str, Any] | None = None,
    authors: Sequence[str] = (),
) -> list[Official]:
    """People named with a public position in the main text, one entry per person.

    ``main``: [start, end) spans of the document's own text (None: all of it). ``signer``:
    the header's signer {name, title, authority, start?, end?}; when None a signer block is
    looked for here. ``authors``: byline names, never officials.
    """
    text = as_analysis(doc, "find_officials").text
    if not text or len(text) > _MAX_TEXT:
        return []
    return _find(text, main, signer, authors)


def _find(
    text: str,
    main: Sequence[tuple[int, int]] | None,
    signer: dict[str, Any] | None,
    authors: Sequence[str],
) -> list[Official]:
    lex = _lex()
    spans = _norm_spans(text, main)
    reg = _Registry(text)
    title_only: list[tuple[int, int, list[str], str | None]] = []
    span_tokens: list[list[_Tok]] = []
    for a, b in spans:
        toks = _tokenize(text, a, b)
        if toks:
            span_tokens.append(toks)
            _scan_span(_Parser(text, toks, lex), reg, title_only)

    # signer
    sig: tuple[str, str | None, int, int] | None = None
    if isinstance(signer, dict) and isinstance(signer.get("name"), str) and signer["name"].strip():
        name = " ".join(signer["name"].split())
        title = signer.get("title") if isinstance(signer.get("title"), str) else None
        s, e = signer.get("start"), signer.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) and fold(text[s:e]) == fold(name):
            sig = (name, title, s, e)
        else:
            hit = _find_name(text, name, spans, last=True)
            sig = (name, title, hit[0], hit[1]) if hit else (name, title, 0, 0)
    else:
        sig = _detect_signer(text, spans)
    if sig is not None:
        name, title, s, e = sig
        key = _key(name)
        p = reg.persons.get(key)
        if p is None:
            p = _Person(name=unicodedata.normalize("NFC", name), key=key)
            reg.persons[key] = p
        if title and fold(title) not in {fold(x) for x in p.titles}:
            p.titles.append(" ".join(title.split()))
        p.cued = True
        p.roles.add("signer")
        if e > s and (s, e) not in p.spans:
            p.spans.add((s, e))
            p.mentions.append(Mention(s, e, text[s:e], " ".join(title.split()) if title else None))
            reg.covered.add(s, e)
        elif e <= s and not p.mentions:
            p.mentions.append(Mention(0, 0, "", None))

    # who counts
    author_keys = {_key(a) for a in authors if isinstance(a, str)}
    persons = [
        p for p in reg.persons.values()
        if (p.titles or p.cued) and p.key not in author_keys and tuple(p.key.split()) not in lex.historical
    ]

    _name_mentions(text, reg, persons, span_tokens)

    # title-only mentions
    index = _TitleIndex(persons)
    for s, e, phrases, role in title_only:
        if reg.covered.overlaps(s, e):
            continue
        p = index.resolve(phrases, s)
        if p is None:
            continue
        p.mentions.append(Mention(s, e, text[s:e], phrases[0] if phrases else None))
        if role:
            p.roles.add(role)

    out: list[Official] = []
    for p in persons:
        mentions = sorted(p.mentions, key=lambda m: (m.start, m.end))
        if not mentions:
            continue
        role = "signer" if "signer" in p.roles else ("chair" if "chair" in p.roles else
                                                      ("speaker" if "speaker" in p.roles else None))
        first = next((m for m in mentions if m.end > m.start), mentions[0])
        out.append(
            Official(
                name=p.name,
                titles=tuple(_drop_conflicts(p.titles)),
                mentions=tuple(mentions),
                role=role,
                start=first.start,
                end=first.end,
                text=first.text,
            )
        )
    out.sort(key=lambda o: (o.start if o.end > o.start else len(text), o.name))
    return out


def resolve_title(officials: Sequence[Official], phrase: str) -> Official | None:
    """The official who holds ``phrase`` in this document ("Bí thư Tỉnh ủy" → its holder).

    Case- and accent-form-insensitive; abbreviations (UBND, HĐND, TP, PCT…) are expanded. An
    exact title wins; otherwise a longer or shorter form of it ("Phó Thủ tướng" ~ "Phó Thủ tướng
    Chính phủ") when only one official has one. None for an honorific alone or no holder.
    """
    if not isinstance(phrase, str):
        return None
    c = _canon(phrase)
    if not c or c in ("đồng chí", "đ/c", "ông", "bà"):
        return None
    # drop a trailing province name ("Bí thư Tỉnh ủy Điện Biên")
    lex = _lex()
    words = c.split()
    for k in range(min(lex.place_max, len(words) - 1), 0, -1):
        if tuple(words[len(words) - k :]) in lex.places:
            c = " ".join(words[: len(words) - k])
            break
    for level in (2, 1):
        cands = [o for o in officials if any(_title_relation(_canon(t), c) >= level for t in o.titles)]
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1:
            return cands[0] if level == 2 else None
    return None
