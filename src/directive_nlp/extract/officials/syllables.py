"""The syllables of the analysis' words: what the title and name grammar reads.

Titles and names are read syllable by syllable, because underthesea's words do not always follow
them ("Tuyên giáo Tỉnh | ủy", "Lê Minh Khái giao"); but every syllable knows the word it comes
from, and the rules ask the word where it is evidence: a lower-case syllable inside a
capitalised word is part of a body's name ("Bộ Ngoại giao"), a capitalised word of several
syllables is a proper name ("Mùa A Vảng"), and the POS tag ``Np`` of a sentence's words is asked
for when a name has no known surname.

A :class:`Syl` is one *atom* of a word (:func:`~directive_nlp.text.analysis.atom_spans`: a run
of letters, a run of digits, or one other character), with the strength of the break before it.
A :class:`Seq` is the syllables of one main-text span with the document's lexicon, and the
small questions every phase asks ("is it a word?", "is it joined to the one before?").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from directive_nlp.text.analysis import Analysis, atom_spans
from directive_nlp.text.words import pos_tag_words

if TYPE_CHECKING:
    from directive_nlp.extract.officials.lexicon import Lex
    from directive_nlp.text.phrases import PhraseMatcher

__all__ = ["Syl", "Seq", "syllables", "first_syllable", "all_caps", "SEPARATORS", "DASHES"]

SEPARATORS = frozenset(",;:.()!?\"“”'‘’[]{}|*•<>/\\=_#")
DASHES = frozenset("-‐‑‒–—−")
_TERMINATORS = frozenset(".!?…")  # ";" and ":" end items of a sentence, not the sentence
_LIST_MARKS = frozenset("+*•|#>")
_SOFT_LINE = 20  # a line at least this long that ends no sentence was wrapped, not ended


@dataclass(slots=True)
class Syl:
    """One syllable (atom) of a word; ``text[s:e] == t``."""

    s: int
    e: int
    t: str
    kind: str  # "w" letters, "n" digits, "p" one other character
    shape: str  # "T" capitalised, "U" upper case, "l" lower case, "M" mixed, "" not letters
    f: str  # lower case
    gap: int  # before it: 0 glued, 1 spaces, 2 a wrapped line, 3 a hard break
    wi: int  # index of its word in ``analysis.words``
    wfirst: bool  # first syllable of its word
    wlast: bool  # last syllable of its word


def _shape(w: str) -> str:
    if not w[0].isalpha():
        return ""
    if w[0].isupper():
        rest = w[1:]
        if not rest or rest.islower():
            return "T"
        return "U" if rest.isupper() else "M"
    return "l" if w.islower() else "M"


def all_caps(s: str) -> bool:
    """``s`` has letters, all upper case (read up to the first small letter)."""
    seen = False
    for ch in s:
        if ch.isalpha():
            if not ch.isupper():
                return False
            seen = True
    return seen


def _kind(w: str) -> str:
    if w[0].isalpha():
        return "w"
    return "n" if w[0].isdigit() else "p"


def _line_break(text: str, prev: Syl, first: str, continued: bool) -> int:
    """Strength of a single line break between ``prev`` and a syllable ``first``.

    The break is *soft* (2: the line was wrapped) when the line before ends no sentence and
    is long, or is itself the continuation of a wrapped line (the short tail of a re-wrapped
    line: "…, Bộ\ntrưởng\nBộ Nông nghiệp"); a dash opening the next line continues it then
    ("Mùa A Vảng\n- Bí thư Huyện ủy" re-wrapped), other list marks do not.
    """
    line = text[text.rfind("\n", 0, prev.e) + 1 : prev.e].strip()
    if (len(line) < _SOFT_LINE and not continued) or prev.t in _TERMINATORS or first in _LIST_MARKS:
        return 3
    if first in DASHES:
        return 3 if prev.kind == "p" else 2  # "…;\n- next item" vs a wrapped "Name - Title"
    return 2


def _split_glued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Atoms with a capital glued after a small letter split there ("TámPhó" → "Tám", "Phó": a
    caption glued to the next sentence); the flag marks a split (read as a space)."""
    if text[1:].islower() or text.isupper():
        return [(x, y, False) for x, y in spans]  # no capital after a small letter
    out: list[tuple[int, int, bool]] = []
    for x, y in spans:
        start = x
        for k in range(x + 1, y):
            if text[k].isupper() and text[k - 1].islower():
                out.append((start, k, start > x))
                start = k
        out.append((start, y, start > x))
    return out


# start, end, split, text, kind, shape, fold, first and last syllable of its word
_Part = tuple[int, int, bool, str, str, str, str, bool, bool]
_CACHED_WORD = 40  # longer words are rare: not kept


@lru_cache(maxsize=1 << 15)
def _cached_parts(w: str) -> tuple[_Part, ...]:
    return _parts(w)


def _parts(w: str) -> tuple[_Part, ...]:
    """The syllables of a word's text, with what they are (words repeat: see :func:`_word_parts`)."""
    spans = _split_glued(w, atom_spans(w))
    last = len(spans) - 1
    return tuple((x, y, split, t, _kind(t), _shape(t), t.casefold(), k == 0 or split, k == last)
                 for k, (x, y, split) in enumerate(spans) for t in (w[x:y],))


def _word_parts(w: str) -> tuple[_Part, ...]:
    return _cached_parts(w) if len(w) <= _CACHED_WORD else _parts(w)


def syllables(analysis: Analysis, a: int, b: int) -> list[Syl]:
    """The syllables of the words lying inside ``[a, b)``, in order; each with the strength of
    the break before it: 3 first, 1 a split ("TámPhó"), 0 glued, 1 spaces, a line break
    (:func:`_line_break`), 3 an empty line."""
    text = analysis.text
    words = analysis.words
    out: list[Syl] = []
    prev: Syl | None = None
    continued = False  # the current line continues a wrapped one
    for wi in analysis.word_range(a, b):
        w = words[wi]
        base = w.start
        for x, y, split, t, kind, shape, f, first, last in _word_parts(w.text):
            s = base + x
            if prev is None:
                gap = 3
            elif split:
                gap = 1
                prev.wlast = True  # the split parts are words of their own
            elif prev.e >= s:
                gap = 0
            else:
                ws = text[prev.e : s]
                if "\n" not in ws:
                    gap = 1
                else:
                    gap = 3 if ws.count("\n") >= 2 else _line_break(text, prev, t, continued)
                    continued = gap == 2
            prev = Syl(s, base + y, t, kind, shape, f, gap, wi, first, last)
            out.append(prev)
    return out


def first_syllable(analysis: Analysis, a: int, b: int) -> tuple[str, str] | None:
    """(text, fold) of the first of :func:`syllables` ``(analysis, a, b)``, the others unread."""
    words = analysis.words
    for wi in analysis.word_range(a, b):
        parts = _word_parts(words[wi].text)
        if parts:
            return parts[0][3], parts[0][6]
    return None


@dataclass
class Seq:
    """The syllables of one main-text span, with the lexicon and the analysis they came from."""

    analysis: Analysis
    toks: list[Syl]
    lex: "Lex"
    folds: list[str] = field(default_factory=list)
    # places the document itself names after an administrative word ("TP.Phan Thiết")
    doc_places: set[tuple[str, ...]] = field(default_factory=set)
    _pos: dict[int, tuple[str, ...]] = field(default_factory=dict)
    n: int = field(init=False, default=0)  # number of syllables (``toks`` is never resized)
    _hard: list[int] = field(init=False, default_factory=list)  # hard breaks up to each syllable

    def __post_init__(self) -> None:
        self.folds = [t.f for t in self.toks]
        self.n = len(self.toks)
        count = 0
        for t in self.toks:
            count += t.gap >= 3
            self._hard.append(count)

    @property
    def text(self) -> str:
        return self.analysis.text

    # ---- shapes and joins
    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.toks[i].kind == "w"

    def is_sym(self, i: int, chars: str | frozenset[str]) -> bool:
        return 0 <= i < self.n and self.toks[i].kind == "p" and self.toks[i].t in chars

    def joined(self, i: int) -> bool:
        """Syllable ``i`` continues the phrase before it (same line, or a wrapped line)."""
        return 0 < i < self.n and self.toks[i].gap <= 2

    def shape(self, i: int) -> str:
        return self.toks[i].shape if 0 <= i < self.n else ""

    def same_word(self, i: int, j: int) -> bool:
        return 0 <= i < self.n and 0 <= j < self.n and self.toks[i].wi == self.toks[j].wi

    # ---- lexicon phrases
    def match(self, m: PhraseMatcher, i: int) -> int:
        """Syllables of the longest phrase of ``m`` at ``i`` that crosses no hard break (0: none)."""
        if not (0 <= i < self.n and self.folds[i] in m.trie):
            return 0
        k = m.match_atoms(self.folds, i)
        if k > 1 and self._hard[i + k - 1] != self._hard[i]:
            return 0
        return k

    def ends_at(self, m: PhraseMatcher, end: int, longest: int = 4) -> int:
        """Length of a phrase of ``m`` that ends right before ``end`` (0: none)."""
        for k in range(min(longest, end), 0, -1):
            if self.match(m, end - k) == k:
                return k
        return 0

    def is_place(self, words: tuple[str, ...]) -> bool:
        """A known place, or one the document names after an administrative word."""
        return words in self.lex.places or words in self.doc_places

    def name_stop(self, i: int, long_name: bool = False) -> bool:
        """Syllable ``i`` cannot start a person's name (``name_stops.tsv``): a stop word, or
        the first syllable of a longer word ("Tập" of "Tập đoàn", "Liên" of "Liên Xô"); of a
        name of three syllables or more (``long_name``) only when the word goes on in lower
        case ("Tập Cận Bình" is a name, "Tập đoàn" is not)."""
        f = self.folds[i]
        if f not in self.lex.name_stops:
            return False
        if f not in self.lex.compound_stops or self.toks[i].wlast:
            return f not in self.lex.compound_stops
        return not long_name or (i + 1 < len(self.toks) and self.toks[i + 1].shape == "l")

    def inside_place(self, i: int) -> bool:
        """Syllable ``i`` is inside a known place's name that starts before it ("Phủ Chủ tịch")."""
        lex = self.lex
        for back in range(1, min(i, lex.place_max) + 1):
            for size in range(back + 1, lex.place_max + 1):
                if self.folded(i - back, i - back + size) in lex.places:
                    return True
        return False

    def word_ends(self, j: int) -> bool:
        """Syllable ``j - 1`` ends its word, or what follows it is not a letter, or a lower-case
        syllable is followed by a capitalised one (underthesea glued "đảng Dân chủ")."""
        if j >= len(self.toks) or self.toks[j - 1].wlast or self.toks[j].kind != "w":
            return True
        return self.toks[j - 1].shape == "l" and self.toks[j].shape in ("T", "U")

    def folded(self, a: int, b: int) -> tuple[str, ...]:
        return tuple(self.folds[a:b])

    def span_text(self, a: int, b: int) -> str:
        """Text of syllables ``[a, b)`` as written, whitespace collapsed."""
        if b <= a:
            return ""
        return " ".join(self.text[self.toks[a].s : self.toks[b - 1].e].split())

    # ---- POS, for the sentence of a syllable (tagged on first use)
    def pos(self, i: int) -> str:
        """underthesea's POS tag of the word of syllable ``i`` ("" when unknown)."""
        analysis = self.analysis
        wi = self.toks[i].wi
        sent = analysis.words[wi].sent
        tags = self._pos.get(sent)
        if tags is None:
            s = analysis.sentences[sent]
            tags = tuple(pos_tag_words([w.text for w in analysis.words[s.first : s.stop]]))
            self._pos[sent] = tags
        s = analysis.sentences[sent]
        k = wi - s.first
        return tags[k] if 0 <= k < len(tags) else ""
