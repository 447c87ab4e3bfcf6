"""The one phrase matcher (text.phrases): whole words, any case, spacing or line breaks."""

from __future__ import annotations

import pytest

from directive_nlp.resources import lexicon
from directive_nlp.text.analysis import analyze
from directive_nlp.text.phrases import PhraseMatcher

VERBS = PhraseMatcher(lexicon("directive_verbs").phrases)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # from shared unlabeled news, not the tuned corpus
        ("Thủ tướng đề nghị TKV có giải pháp xử lý dứt điểm.", ["đề nghị"]),
        ("Phó Thủ tướng giao Bộ Giao thông vận tải chủ trì.", ["giao"]),
        ("Ông yêu cầu các sở, ngành khẩn trương rà soát.", ["yêu cầu"]),
    ],
)
def test_directive_verbs_on_words(sentence: str, found: list[str]) -> None:
    a = analyze(sentence)
    hits = [" ".join(w.text for w in a.words[i:j]) for i, j in VERBS.find_all(a.words)]
    assert hits == found


@pytest.mark.parametrize(
    "sentence",
    [
        "Đảm bảo an toàn giao thông trên các tuyến đường.",  # "giao thông" is one word
        "Tổ chức lễ giao nhận quân năm 2017.",  # "giao nhận"
    ],
)
def test_a_syllable_inside_a_longer_word_is_not_the_phrase(sentence: str) -> None:
    a = analyze(sentence)
    assert all(a.words[i].fold != "giao" for i, _ in VERBS.find_all(a.words))


def test_case_line_breaks_and_marks_do_not_matter() -> None:
    m = PhraseMatcher(["Bí thư Tỉnh ủy", "T.Ư", "Bộ GD&ĐT"])
    assert m.prefix("BÍ THƯ\nTỈNH ỦY Điện Biên") == "Bí thư Tỉnh ủy"
    assert m.prefix("T.Ư Đảng") == "T.Ư"
    assert m.suffix("Bộ trưởng Bộ GD & ĐT") == "Bộ GD&ĐT"
    assert "bộ gd&đt" in m and "Bộ GD" not in m
    assert m.prefix("Bí thư Huyện ủy") is None


def test_longest_phrase_wins() -> None:
    m = PhraseMatcher(["Bí thư", "Bí thư Tỉnh ủy", "Phó Bí thư"])
    a = analyze("Phó Bí thư Tỉnh ủy Lò Văn Tiến")
    spans = m.find_all(a.words)
    assert [" ".join(w.text for w in a.words[i:j]) for i, j in spans] == ["Phó Bí thư"]
    a2 = analyze("Bí thư Tỉnh ủy Lò Văn Tiến")
    i, j = m.find_all(a2.words)[0]
    assert " ".join(w.text for w in a2.words[i:j]) == "Bí thư Tỉnh ủy"


def test_empty_and_duplicate_phrases() -> None:
    m = PhraseMatcher(["", "Sở", "sở", "SỞ"])
    assert len(m) == 1 and m.longest == 1
    assert PhraseMatcher([]).find_all(analyze("Sở Y tế").words) == []
