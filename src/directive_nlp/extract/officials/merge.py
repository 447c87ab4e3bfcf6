"""People and their mentions: one entry per person, every reference to them merged.

The scan registers each person found with a name (:class:`Registry`); then, in this order,

1. every other occurrence of a person's full name becomes a mention (:func:`name_mentions`);
2. a given name alone after an honorific or a position ("ông Chung", "Chủ tịch Chung") is a
   mention of the one person whose name ends with it (:func:`short_mentions`);
3. a title standing alone ("Bí thư Tỉnh ủy yêu cầu…") is a mention of its holder — the same
   title first, then a bare position the holder's title completes, the holder named last before
   it (:class:`TitleIndex`);

and :func:`officials` keeps those who hold a position (or were named as "đồng chí", with a
rank, or sign), never a byline's author or a historical figure.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from directive_nlp.extract.officials.lexicon import Lex, key
from directive_nlp.extract.officials.model import Mention, Official
from directive_nlp.extract.officials.resolve import canon, title_relation, without_place
from directive_nlp.extract.officials.syllables import Seq, all_caps
from directive_nlp.text.normalize import fold

__all__ = ["Person", "Registry", "TitleOnly", "ShortRef", "name_mentions", "short_mentions",
           "title_mentions", "officials"]

_ROLES = ("signer", "chair", "speaker")


@dataclass
class Person:
    name: str
    key: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    cued: bool = False  # strong honorific, rank, or signer
    roles: set[str] = field(default_factory=set)
    spans: set[tuple[int, int]] = field(default_factory=set)

    def add_title(self, title: str | None) -> None:
        if title and fold(title) not in {fold(x) for x in self.titles}:
            self.titles.append(" ".join(title.split()))


@dataclass(frozen=True)
class TitleOnly:
    """A title written without a name ("Bí thư Tỉnh ủy yêu cầu…")."""

    start: int
    end: int
    phrases: tuple[str, ...]
    role: str | None


@dataclass(frozen=True)
class ShortRef:
    """A given name alone after an honorific or a position ("ông Chung", "Chủ tịch Chung")."""

    start: int
    end: int
    given: tuple[str, ...]
    title: str | None
    role: str | None


class Covered:
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
        return any(self.ends[j] > s for j in range(k - 1, max(-1, k - 9), -1))


def name_text(text: str, s: int, e: int) -> str:
    return unicodedata.normalize("NFC", " ".join(text[s:e].split()))


class Registry:
    """The persons of one document by folded name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.persons: dict[str, Person] = {}
        self.covered = Covered()

    def person(self, name: str) -> Person:
        k = fold(name)
        p = self.persons.get(k)
        if p is None:
            p = Person(name=name, key=k)
            self.persons[k] = p
        elif all_caps(p.name) and not all_caps(name):
            p.name = name  # "NGUYỄN VĂN A" first, "Nguyễn Văn A" later: the written case wins
        return p

    def mention(self, p: Person, s: int, e: int, title: str | None) -> None:
        if e > s and (s, e) not in p.spans:
            p.spans.add((s, e))
            p.mentions.append(Mention(s, e, self.text[s:e], title))
            self.covered.add(s, e)

    def add(self, s: int, e: int, titles: Sequence[str], cued: bool, mention_title: str | None) -> Person | None:
        name = name_text(self.text, s, e)
        if not name:
            return None
        p = self.person(name)
        for t in titles:
            p.add_title(t)
        p.cued = p.cued or cued
        self.mention(p, s, e, mention_title)
        return p


def name_mentions(reg: Registry, persons: Sequence[Person], seqs: Sequence[Seq]) -> None:
    """Every other occurrence of each person's full name (capitalised or upper-case syllables)."""
    by_key: dict[tuple[str, ...], Person] = {}
    for p in persons:
        k = key(p.name)
        if 2 <= len(k) <= 12:
            by_key[k] = p
    if not by_key:
        return
    longest = max(len(k) for k in by_key)
    firsts = {k[0] for k in by_key}
    for seq in seqs:
        i = 0
        while i < seq.n:
            hit = 0
            if seq.folds[i] in firsts and seq.toks[i].shape in ("T", "U"):
                for size in range(min(longest, seq.n - i), 1, -1):
                    if seq.folded(i, i + size) in by_key and all(
                        seq.joined(i + x) and (seq.toks[i + x].shape != "l" or seq.toks[i + x].gap == 0)
                        for x in range(1, size)
                    ):  # capitalised syllables, or glued parts ("Moon Jae-in")
                        hit = size
                        break
            if not hit:
                i += 1
                continue
            p = by_key[seq.folded(i, i + hit)]
            s, e = seq.toks[i].s, seq.toks[i + hit - 1].e
            if not reg.covered.overlaps(s, e):
                reg.mention(p, s, e, None)
            i += hit


def short_mentions(reg: Registry, persons: Sequence[Person], refs: Sequence[ShortRef]) -> None:
    """A given name alone is a mention of the one person whose name ends with it (and, when a
    position stands before it, who holds a title that position matches)."""
    by_given: dict[tuple[str, ...], list[Person]] = {}
    for p in persons:
        words = p.name.split()
        if len(words) >= 2:
            by_given.setdefault(key(words[-1]), []).append(p)
    for ref in refs:
        cands = by_given.get(ref.given, [])
        if ref.title:
            c = canon(ref.title)
            cands = [p for p in cands if any(title_relation(canon(t), c) >= 1 for t in p.titles)]
        if len(cands) != 1 or reg.covered.overlaps(ref.start, ref.end):
            continue
        reg.mention(cands[0], ref.start, ref.end, ref.title)
        if ref.role:
            cands[0].roles.add(ref.role)


class TitleIndex:
    """Who holds a title phrase, for title-only mentions."""

    def __init__(self, persons: Sequence[Person]) -> None:
        self.persons = list(persons)
        self.titles = [[canon(t) for t in p.titles] for p in self.persons]
        self.starts = [sorted(m.start for m in p.mentions if m.end > m.start) for p in self.persons]

    def resolve(self, phrases: Sequence[str], pos: int) -> Person | None:
        """Same title first, then a bare position completed by the title ("Thứ trưởng" ~
        "Thứ trưởng Bộ Công an"); among several holders, the one named last before ``pos``
        (else the first one named after it)."""
        forms = [without_place(canon(x)) for x in phrases if x]  # "Chủ tịch Hà Nội" ~ "Chủ tịch UBND TP"
        for level in (2, 1):
            best: tuple[int, int] | None = None  # (0, distance) before pos, (1, distance) after
            choice = -1
            for k, titles in enumerate(self.titles):
                if not any(title_relation(t, c) >= level for t in titles for c in forms):
                    continue
                st = self.starts[k]
                j = bisect.bisect_left(st, pos)
                if j > 0:
                    rank = (0, pos - st[j - 1])
                elif st:
                    rank = (1, st[0] - pos)
                else:
                    continue
                if best is None or rank < best:
                    best, choice = rank, k
            if best is not None:
                return self.persons[choice]
        return None


def title_mentions(reg: Registry, persons: Sequence[Person], title_only: Sequence[TitleOnly]) -> None:
    index = TitleIndex(persons)
    for t in title_only:
        if reg.covered.overlaps(t.start, t.end):
            continue
        p = index.resolve(t.phrases, t.start)
        if p is None:
            continue
        reg.mention(p, t.start, t.end, t.phrases[0] if t.phrases else None)
        if t.role:
            p.roles.add(t.role)


def who_counts(reg: Registry, lex: Lex, authors: Sequence[str]) -> list[Person]:
    """Persons with a position (or a strong cue), minus bylines' authors and historical figures."""
    author_keys = {fold(a) for a in authors if isinstance(a, str)}
    return [
        p for p in reg.persons.values()
        if (p.titles or p.cued) and p.key not in author_keys and key(p.name) not in lex.historical
    ]


def officials(persons: Sequence[Person], text_len: int) -> list[Official]:
    """The persons as :class:`Official` s, in order of first mention."""
    out: list[Official] = []
    for p in persons:
        mentions = sorted(p.mentions, key=lambda m: (m.start, m.end))
        if not mentions:
            continue
        role = next((r for r in _ROLES if r in p.roles), None)
        first = next((m for m in mentions if m.end > m.start), mentions[0])
        out.append(Official(p.name, tuple(p.titles), tuple(mentions), role,
                            first.start, first.end, first.text))
    out.sort(key=lambda o: (o.start if o.end > o.start else text_len, o.name))
    return out
