"""The officials' fast paths read what the slow ones read: the lexicon matchers' trie against
trying every phrase, the scan's choice of phases against trying every phase, on real sentences."""

from __future__ import annotations

import pytest

from directive_nlp.extract.officials import merge
from directive_nlp.extract.officials.lexicon import lex
from directive_nlp.extract.officials.scan import PHASES, Scan, phase_firsts, phases_at
from directive_nlp.extract.officials.syllables import Seq, _split_glued, all_caps, first_syllable, syllables
from directive_nlp.text.analysis import analyze, atom_spans
from directive_nlp.text.phrases import PhraseMatcher
from tests.test_officials import CORPUS_ROWS, NEGATIVE_ROWS, UNSEEN_NEGATIVE_ROWS, UNSEEN_ROWS, WRITTEN_ROWS



def _sentence(row: object) -> str:
    """The sentence of a row: a plain sentence, (sentence, expected), or a pytest.param of them."""
    values = getattr(row, "values", None)
    if values is not None:
        return str(values[0])
    return row[0] if isinstance(row, tuple) else str(row)


SENTENCES = [_sentence(r) for rows in (CORPUS_ROWS, WRITTEN_ROWS, UNSEEN_ROWS, NEGATIVE_ROWS, UNSEEN_NEGATIVE_ROWS)
             for r in rows]


def _seq(sentence: str) -> Seq:
    analysis = analyze(sentence)
    return Seq(analysis, syllables(analysis, 0, len(analysis.text)), lex())


def _matchers() -> list[tuple[str, PhraseMatcher]]:
    return [(name, m) for name, m in vars(lex()).items() if isinstance(m, PhraseMatcher)]


def _longest_by_phrases(m: PhraseMatcher, seq: list[str], i: int) -> int:
    """Atoms of the longest phrase of ``m`` starting at ``seq[i]``, tried one phrase at a time."""
    if i >= len(seq):
        return 0
    return max((len(k) for k in m._phrase if tuple(seq[i : i + len(k)]) == k), default=0)


def test_every_matcher_of_the_lexicon_has_a_trie() -> None:
    assert len(_matchers()) >= 20


@pytest.mark.parametrize("sentence", SENTENCES)
def test_trie_finds_the_phrase_matchers_longest_phrase(sentence: str) -> None:
    folds = _seq(sentence).folds
    for name, m in _matchers():
        for i in range(len(folds) + 1):
            assert m.match_atoms(folds, i) == _longest_by_phrases(m, folds, i), (name, i, folds[i:i + 4])


@pytest.mark.parametrize("sentence", SENTENCES)
def test_phases_not_tried_would_read_nothing(sentence: str) -> None:
    seq = _seq(sentence)
    firsts = phase_firsts(seq)
    for i in range(seq.n):
        tried = phases_at(seq, i, firsts)
        for phase in PHASES:
            if phase in tried:
                continue
            sc = Scan(seq, merge.Registry(seq.text))
            assert phase(sc, i) is None, (phase.__name__, seq.toks[i].t)
            assert not (sc.title_only or sc.short_refs or sc.reg.persons)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_first_syllable_of_every_line_and_tail(sentence: str) -> None:
    analysis = analyze(sentence)
    spans = [(ln.start, ln.end) for ln in analysis.lines] + [(k, len(sentence)) for k in range(0, len(sentence), 7)]
    for a, b in spans:
        toks = syllables(analysis, a, b)
        assert first_syllable(analysis, a, b) == ((toks[0].t, toks[0].f) if toks else None)


@pytest.mark.parametrize(
    "word,parts",
    [
        ("TámPhó", [("Tám", False), ("Phó", True)]),  # a caption glued to the next sentence
        ("HàNộiĐà", [("Hà", False), ("Nội", True), ("Đà", True)]),
        ("Tỉnh", [("Tỉnh", False)]),
        ("UBND", [("UBND", False)]),
        ("GD&ĐT", [("GD", False), ("&", False), ("ĐT", False)]),
        ("iPhone", [("i", False), ("Phone", True)]),
        ("Jae-in", [("Jae", False), ("-", False), ("in", False)]),
        ("45/QĐ-UBND", [("45", False), ("/", False), ("QĐ", False), ("-", False), ("UBND", False)]),
    ],
)
def test_glued_capital_splits_an_atom(word: str, parts: list[tuple[str, bool]]) -> None:
    assert [(word[x:y], split) for x, y, split in _split_glued(word, atom_spans(word))] == parts


@pytest.mark.parametrize(
    "line,expected",
    [
        ("PHÓ CHỦ TỊCH", True),
        ("KT. CHỦ TỊCH", True),
        ("T/M ỦY BAN NHÂN DÂN", True),
        ("Nguyễn Văn Thắng", False),
        ("UBND tỉnh", False),
        ("(Đã ký)", False),
        ("45/2024", False),
        ("", False),
    ],
)
def test_all_caps(line: str, expected: bool) -> None:
    assert all_caps(line) is expected
