"""The POS tagger (text.postag) gives exactly underthesea's tags, faster.

It gives underthesea's own CRF tagger the feature strings underthesea's featurizer would write,
built from cached parts; every test compares with underthesea itself: the strings and the tags
on the sentences of real texts (the tuned corpus, legal-portal pages, news, not the held-out
pool), and on words whose features take underthesea's edge cases (empty parts, title case).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from directive_nlp.text import postag
from directive_nlp.text.analysis import analyze
from directive_nlp.text.postag import feature_rows, pos_tag, pos_tag_many

from .conftest import HELDOUT_POOL

ROOT = Path(__file__).resolve().parents[1]


def _predictor() -> Any:
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance()


def _theirs(words: list[str]) -> tuple[list[list[str]], list[str]]:
    """underthesea's feature strings and tags for ``words``."""
    p = _predictor()
    rows = p.transformer.transform([[(w, "X") for w in words]])[0][0]
    return rows, [tag for _, tag in p.predict(words)]


def _sentences(folder: Path, every: int) -> list[list[str]]:
    """The word sequences of every sentence of the texts (as the analysis segments them)."""
    files = [p for p in sorted(folder.glob("*.txt")) if p.stem not in HELDOUT_POOL][::every]
    out: list[list[str]] = []
    for path in files:
        a = analyze(path.read_text(encoding="utf-8"))
        out += [[w.text for w in a.words[s.first : s.stop]] for s in a.sentences]
    return out


SOURCES = [
    pytest.param(ROOT / "corpus" / "docs", 1, id="tuned-docs"),
    pytest.param(ROOT / "corpus" / "headers" / "pages", 8, id="header-pages"),
    pytest.param(ROOT / "corpus" / "unlabeled" / "news", 1, id="news"),
    pytest.param(ROOT / "corpus" / "fresh" / "docs", 1, id="fresh-docs"),  # tags only: no rule is tuned here
]


@pytest.mark.parametrize(("folder", "every"), SOURCES)
def test_features_and_tags_equal_underthesea_on_real_texts(folder: Path, every: int) -> None:
    sentences = _sentences(folder, every)
    assert len(sentences) > 50
    ours = pos_tag_many(sentences)
    wrong = []
    for words, tags in zip(sentences, ours):
        rows, expected = _theirs(words)
        assert feature_rows(words) == rows, words
        if tags != expected:
            wrong.append((words, tags, expected))
    assert not wrong, f"{len(wrong)} sentences differ, first: {wrong[0]}"


@pytest.mark.parametrize(
    "words",
    [
        ["Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng", "chủ trì", "cuộc", "họp", "."],
        ["Giao", "Sở Y tế", "chủ trì", ",", "phối hợp", "với", "Sở", "Tài chính", "."],
        ["UBND"],
        ["a  b", " Hà Nội", "Hà Nội ", "", "X", "BOS", "EOS", "T[0]=x", "10:30", "a=b"],
        ["ǅa", "İ", "ß", "Ⅻ", "１２", "½", "𝐀b", "a\u0301", "Đ", "đ", "123", "-"],
        ["X", "X X", "x"] * 3,
    ],
)
def test_edge_words_equal_underthesea(words: list[str]) -> None:
    rows, tags = _theirs(words)
    assert feature_rows(words) == rows
    assert pos_tag(words) == tags


@pytest.mark.parametrize(
    ("words", "tags"),
    [
        # a person's name is a proper noun, the titles before it nouns, the act a verb
        (
            ["Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng", "chủ trì", "cuộc", "họp", "."],
            ["N", "N", "Np", "V", "N", "V", "CH"],
        ),
        ([], []),
    ],
)
def test_rows(words: list[str], tags: list[str]) -> None:
    if words:
        assert _theirs(words)[1] == tags  # the row is underthesea's own answer
    assert pos_tag(words) == tags
    assert pos_tag_many([words, ["Sở"], words]) == [tags, ["N"], tags]


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postag, "CACHE_LIMIT", 20)
    words = [f"x{i}" for i in range(100)]
    assert pos_tag(words) == _theirs(words)[1]
    t = postag._tagger()
    assert t is not None and len(t.words) <= 20


def test_without_the_expected_model_it_falls_back_to_underthesea(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(postag, "TEMPLATES", postag.TEMPLATES[:-1])  # underthesea names one more
    postag._tagger.cache_clear()
    try:
        words = ["Giao", "Sở Y tế", "chủ trì", "."]
        assert pos_tag(words) == _theirs(words)[1]
        assert "could not be used directly" in caplog.text
        with pytest.raises(RuntimeError):
            feature_rows(words)
    finally:
        monkeypatch.undo()
        postag._tagger.cache_clear()
