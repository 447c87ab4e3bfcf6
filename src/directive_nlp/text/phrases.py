"""The one phrase matcher: lexicon phrases found on the words of an analysis, or in a string.

A phrase and a text are compared as sequences of lower-case *atoms*
(:func:`~directive_nlp.text.analysis.atoms`: runs of letters, runs of digits, single marks), so
case, line breaks and spacing do not matter ("Bí thư\\nTỉnh ủy" = "bí thư tỉnh ủy"; "T.Ư" = "t . ư").
On words, a match must start at a word's first atom and end at a word's last atom: the phrase
"giao" matches the verb *giao* but not the first syllable of the word "giao thông".
Matching is longest-first and linear in the length of what is read.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from directive_nlp.text.analysis import Word, atoms

__all__ = ["PhraseMatcher", "TRIE_END"]

TRIE_END = ""  # the trie's end-of-phrase mark (an atom is never empty)


class PhraseMatcher:
    """Longest-first lookup of phrases by their atoms (see module doc)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self._phrase: dict[tuple[str, ...], str] = {}
        # the phrases' atoms as a trie (atom → node; a phrase ends at a node holding TRIE_END): the
        # longest phrase at a position in as many steps as it has atoms, not one try per phrase
        # with the same first atom ("phó" starts hundreds)
        self.trie: dict[str, dict] = {}
        for p in phrases:
            key = atoms(p)
            if not key or key in self._phrase:
                continue
            self._phrase[key] = p
            self._by_first.setdefault(key[0], []).append(key)
            node = self.trie
            for a in key:
                node = node.setdefault(a, {})
            node[TRIE_END] = {}
        for keys in self._by_first.values():
            keys.sort(key=len, reverse=True)
        self.longest = max((len(k) for k in self._phrase), default=0)
        # the atoms a phrase can start with: a caller scanning many positions skips the others
        self.firsts = frozenset(self._by_first)

    def __len__(self) -> int:
        return len(self._phrase)

    def __contains__(self, text: object) -> bool:
        """True when the whole string is one of the phrases."""
        return isinstance(text, str) and atoms(text) in self._phrase

    def phrase_of(self, key: tuple[str, ...]) -> str | None:
        """The phrase as written in the lexicon for an atom key."""
        return self._phrase.get(key)

    # ----------------------------------------------------------------- on atoms
    def match_atoms(self, seq: Sequence[str], i: int) -> int:
        """Number of atoms of the longest phrase starting at ``seq[i]`` (0: none, or ``i < 0``:
        no phrase starts before the first atom)."""
        if i < 0 or i >= len(seq):
            return 0
        node = self.trie.get(seq[i])
        best = 0
        j = i
        while node is not None:
            j += 1
            if TRIE_END in node:
                best = j - i
            if j >= len(seq):
                break
            node = node.get(seq[j])
        return best

    def prefix(self, text: str) -> str | None:
        """The longest phrase that the string starts with (at an atom boundary), or None."""
        seq = atoms(text)
        n = self.match_atoms(seq, 0)
        return self._phrase[tuple(seq[:n])] if n else None

    def suffix(self, text: str) -> str | None:
        """The longest phrase that the string ends with (at an atom boundary), or None."""
        seq = atoms(text)
        for k in range(max(0, len(seq) - self.longest), len(seq)):
            if self.match_atoms(seq, k) == len(seq) - k:
                return self._phrase[tuple(seq[k:])]
        return None

    # ----------------------------------------------------------------- on words
    def match(self, words: Sequence[Word], i: int) -> int:
        """Number of words covered by the longest phrase starting at ``words[i]`` (0: none).

        The phrase must cover whole words: it ends exactly at the end of a word.
        """
        if i >= len(words):
            return 0
        first = words[i].atoms
        if not first:
            return 0
        for key in self._by_first.get(first[0], ()):
            k, j = 0, i
            while j < len(words) and k < len(key):
                wa = words[j].atoms
                if tuple(key[k : k + len(wa)]) != wa:
                    break
                k += len(wa)
                j += 1
            if k == len(key) and j > i:
                return j - i
        return 0

    def find_all(self, words: Sequence[Word], start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
        """Non-overlapping matches (word index ranges ``[i, j)``), leftmost-longest, in order."""
        out: list[tuple[int, int]] = []
        end = len(words) if stop is None else min(stop, len(words))
        i = start
        while i < end:
            n = self.match(words, i)
            if n and i + n <= end:
                out.append((i, i + n))
                i += n
            else:
                i += 1
        return out
