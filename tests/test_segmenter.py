"""The word segmenter (text.segmenter) gives exactly underthesea's words, faster.

It re-implements how ``underthesea.word_tokenize`` applies its bundled model (tokens, 43 feature
templates, CRF Viterbi), so every test here compares with underthesea itself on real texts:
the tuned corpus, legal-portal pages and news (not the held-out pool), and edge tokens whose
features follow Rust's rules (``isdigit`` is "parses as i32", case maps of its Unicode tables).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from directive_nlp.text import segmenter
from directive_nlp.text.segmenter import feature_strings, segment, tokens_of

from .conftest import HELDOUT_POOL

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "corpus" / "unlabeled" / "news"  # the shared news kept in the repo


def _allowed(p: Path) -> bool:
    """Not the held-out pool (tests/test_corpus_sets.py keeps it apart)."""
    return p.stem not in HELDOUT_POOL


def _lines(folder: Path, every: int = 1) -> list[str]:
    files = [p for p in sorted(folder.glob("*.txt")) if _allowed(p)][::every]
    return [ln for p in files for ln in p.read_text(encoding="utf-8").split("\n") if ln.strip()]


def _underthesea() -> tuple[object, object, object]:
    from underthesea import word_tokenize
    from underthesea.pipeline.word_tokenize import regex_tokenize

    import underthesea.pipeline.word_tokenize as wt

    word_tokenize("khởi động")
    return word_tokenize, regex_tokenize.tokenize, wt.word_tokenize_model.featurizer  # type: ignore[attr-defined]


SOURCES = [
    pytest.param(ROOT / "corpus" / "docs", 1, id="tuned-docs"),
    pytest.param(ROOT / "corpus" / "headers" / "pages", 4, id="header-pages"),
    pytest.param(NEWS, 1, id="news"),
    pytest.param(ROOT / "corpus" / "fresh" / "docs", 1, id="fresh-docs"),  # words only: no rule is tuned here
]


@pytest.mark.parametrize(("folder", "every"), SOURCES)
def test_words_equal_underthesea_on_real_texts(folder: Path, every: int) -> None:
    word_tokenize, _, _ = _underthesea()
    lines = _lines(folder, every)
    assert len(lines) > 15
    ours = segment(lines)
    wrong = [(ln, a, word_tokenize(ln)) for ln, a in zip(lines, ours) if a != word_tokenize(ln)]
    assert not wrong, f"{len(wrong)} lines differ, first: {wrong[0]}"


@pytest.mark.parametrize(("folder", "every"), SOURCES[:2])
def test_tokens_and_features_equal_underthesea(folder: Path, every: int) -> None:
    _, tokenize, featurizer = _underthesea()
    for ln in _lines(folder, every * 5):
        toks = tokenize(ln)
        assert list(tokens_of(ln)) == toks, ln
        assert feature_strings(toks) == featurizer.process([[[t] for t in toks]])[0], ln  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a number past 2**31 is not a "digit" for the model: it stays apart from the code before it
        (
            "đơn phản ánh kiến nghị số PAKN.1761647228267 của ông Thái Mạnh",
            ["đơn", "phản ánh", "kiến nghị", "số", "PAKN. 1761647228267", "của", "ông", "Thái Mạnh"],
        ),
        (
            "Bí thư Tỉnh ủy Nguyễn Văn Thắng chủ trì cuộc họp.",
            ["Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng", "chủ trì", "cuộc", "họp", "."],
        ),
        # "TP." ends the text: underthesea's abbreviation needs "not at the end" ($), so the
        # last run of characters is tokenized seeing the end of the text
        ("Ủy ban nhân dân TP.", ["Ủy", "ban nhân dân", "TP", "."]),
        ("UBND TP. Hà Nội", ["UBND", "TP.", "Hà Nội"]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_rows(text: str, words: list[str]) -> None:
    word_tokenize, _, _ = _underthesea()
    assert word_tokenize(text) == words  # the row is underthesea's own answer
    assert segment([text]) == [words]


@pytest.mark.parametrize(
    "token",
    ["2147483647", "2147483648", "-2147483648", "-2147483649", "+1", "007", "١٢", "１２", "½", "ǅa", "ß", "ẞ",
     "İ", "ΑΣ", "ﬁ", "Ⅻ", "\U00010d64abc", "𝐀b", "a\u0301", "\u0301a"],
)
def test_edge_token_features_equal_underthesea(token: str) -> None:
    _, _, featurizer = _underthesea()
    for toks in ([token], ["Sở", token, "tế"], [token, token]):
        assert feature_strings(toks) == featurizer.process([[[t] for t in toks]])[0]  # type: ignore[attr-defined]


def test_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segmenter, "CACHE_LIMIT", 50)
    text = " ".join(f"x{i}y" for i in range(400))
    word_tokenize, _, _ = _underthesea()
    assert segment([text]) == [word_tokenize(text)]
    m = segmenter._model()
    assert len(m.runs) <= 50 and len(m.tails) <= 50 and all(t.size <= 50 + 400 for t in m.ids.values())


def test_batches_give_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines(ROOT / "corpus" / "docs")[:300]
    whole = segment(lines)
    monkeypatch.setattr(segmenter, "BATCH_TOKENS", 7)
    assert segment(lines) == whole


@pytest.mark.parametrize("together", [1, 10**6], ids=["all-in-numpy", "all-one-by-one"])
def test_both_viterbi_paths_give_underthesea_words(monkeypatch: pytest.MonkeyPatch, together: int) -> None:
    word_tokenize, _, _ = _underthesea()
    lines = _lines(ROOT / "corpus" / "headers" / "pages", 9)
    monkeypatch.setattr(segmenter, "TOGETHER", together)
    ours = segment(lines)
    assert ours == [word_tokenize(ln) for ln in lines]


def test_without_the_model_files_it_falls_back_to_underthesea(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    word_tokenize, _, _ = _underthesea()

    def broken(self: object) -> None:
        raise ValueError("templates differ")

    segmenter._model.cache_clear()
    monkeypatch.setattr(segmenter._Model, "__init__", broken)
    try:
        text = "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính."
        assert segment([text]) == [word_tokenize(text)]
        assert "could not be read" in caplog.text
    finally:
        monkeypatch.undo()
        segmenter._model.cache_clear()
