"""The directives' fast paths answer as the slow reading they replace: the phrase trie of
``Phrases.match`` as a phrase-by-phrase comparison, ``has_text`` as ``clean()``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_nlp.extract.directives.lexicon import Phrases
from directive_nlp.extract.directives.tokens import DocText, clean, has_text, tokens_in
from directive_nlp.text.analysis import analyze, atoms


def _match_by_phrases(items: list[str], heads: bool, words: list[str], i: int) -> int:
    """Longest phrase of ``items`` starting at words[i], tried one phrase at a time (a word
    without atoms inside a phrase is passed over; with ``heads`` the last word may go on)."""
    best = 0
    for key in (atoms(x) for x in items):
        if not key or i >= len(words) or not atoms(words[i]):
            continue
        k, j = 0, i
        while j < len(words) and k < len(key):
            wa = atoms(words[j])
            n = min(len(wa), len(key) - k) if heads else len(wa)
            if wa[:n] != key[k : k + n] or (not heads and key[k : k + len(wa)] != wa):
                break
            k, j = k + n, j + 1
        if k == len(key):
            best = max(best, j - i)
    return best


SENTENCES = [
    "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính triển khai thực hiện.",
    "Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành, địa phương khẩn trương rà soát.",
    "Đề nghị Bộ Lao động - Thương binh và Xã hội, Bộ Quốc phòng báo cáo Thủ tướng Chính phủ.",
    "Phó Thủ tướng lưu ý các bộ ngành cần làm việc với UBND TP. Hồ Chí Minh ( trước 15/8 ).",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("heads", [False, True])
def test_the_phrase_trie_finds_the_longest_phrase(sentence: str, heads: bool) -> None:
    items = ["sở", "sở y tế", "sở tài chính", "bộ", "bộ lao động - thương binh và xã hội", "chủ tịch ubnd",
             "ubnd tỉnh", "các sở", "bộ ngành", "làm", "làm việc với", "ubnd tp. hồ chí minh", "(", "trước"]
    words = [t.f for t in tokens_in(DocText(analyze(sentence)), 0, len(sentence))] + [",", "sở"]
    p = Phrases(items, heads=heads)
    got = [p.match(words, i) for i in range(len(words) + 1)]
    assert got == [_match_by_phrases(items, heads, words, i) for i in range(len(words) + 1)]
    assert any(got)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\n*|#_-–•\x1c\x1f\u00a0a.Đ", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_has_text_is_clean_not_empty(s: str, a: int, b: int) -> None:
    assert has_text(s, a, b) == bool(clean(s[a:b]))
    assert has_text(s, a, b, bullets=True) == bool(clean(s[a:b]).strip("-–•*# "))


@pytest.mark.parametrize(
    "words",
    [
        ["bộ ngành", "làm việc", "với", "sở y tế"],  # words of several syllables (underthesea's)
        ["ubnd tp", ".", "hồ chí minh", "làm"],  # a mark inside a phrase
        ["sở", ",", "y tế", "bộ lao động", "-", "thương binh và xã hội"],
    ],
)
@pytest.mark.parametrize("heads", [False, True])
def test_the_phrase_trie_reads_words_of_several_atoms(words: list[str], heads: bool) -> None:
    items = ["bộ", "làm", "làm việc với", "sở y", "ubnd tp. hồ chí minh", "bộ lao động - thương binh", "sở"]
    p = Phrases(items, heads=heads)
    got = [p.match(words, i) for i in range(len(words))]
    assert got == [_match_by_phrases(items, heads, words, i) for i in range(len(words))]
    assert any(got)
