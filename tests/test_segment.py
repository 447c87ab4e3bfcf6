"""segment + tokenizer: underthesea words realigned to the raw text, through spaCy."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import directive_nlp.nlp.tokenizer  # noqa: F401  (registers the tokenizer)
from directive_nlp.text.words import segment

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank(
        "vi", config={"nlp": {"tokenizer": {"@tokenizers": "directive_nlp.UndertheseaTokenizer.v1", "pos": True}}}
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Đồng chí Nguyễn Văn Thắng - Bí thư Tỉnh ủy chủ trì cuộc họp.",
            ["Đồng chí", "Nguyễn Văn Thắng", "Bí thư", "Tỉnh ủy", "chủ trì"],
        ),
        (
            "Phát biểu tại phiên họp, Bí thư Tỉnh ủy Nguyễn Văn Thắng yêu cầu các huyện",
            ["Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng", "yêu cầu"],
        ),
        # old tone marks and decomposed input still segment the same way
        ("Bí thư Tỉnh uỷ Nguyễn Văn Thắng yêu cầu", ["Bí thư", "Tỉnh uỷ", "Nguyễn Văn Thắng"]),
        (
            unicodedata.normalize("NFD", "Bí thư Tỉnh ủy Nguyễn Văn Thắng yêu cầu"),
            [unicodedata.normalize("NFD", w) for w in ["Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng"]],
        ),
        # a name the model has not seen, in another province
        ("Phó Chủ tịch UBND tỉnh Lào Cai Hoàng Quốc Khánh phát biểu", ["Chủ tịch", "Lào Cai"]),
    ],
)
def test_multiword_tokens(nlp: spacy.language.Language, text: str, words: list[str]) -> None:
    doc = nlp(text)
    assert doc.text == text
    got = [t.text for t in doc]
    for w in words:
        assert w in got


def test_sentences_and_pos(nlp: spacy.language.Language) -> None:
    text = "Chiều 28/5, Ban Thường vụ Tỉnh ủy tổ chức kỳ họp. Đồng chí Nguyễn Văn Thắng chủ trì.\n\nIMG_0875.JPG"
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Chiều 28/5, Ban Thường vụ Tỉnh ủy tổ chức kỳ họp."
    assert sents[1] == "Đồng chí Nguyễn Văn Thắng chủ trì."
    tags = {t.text: t.tag_ for t in doc}
    assert tags["Nguyễn Văn Thắng"] == "Np"


def test_hard_wrapped_lines_join_but_list_items_do_not() -> None:
    text = (
        "Tại phiên họp ngày 14/11/2025, xem xét Tờ trình của\n"
        "Đảng uỷ Chính phủ về Đề án tiêu chuẩn của đơn vị hành chính.\n"
        "- Thường trực Tỉnh ủy,\n"
        "- UBND tỉnh,\n"
    )
    sents = [s.text for s in segment(text)]
    assert sents[0].startswith("Tại phiên họp") and sents[0].endswith("hành chính.")
    assert "- Thường trực Tỉnh ủy," in sents
    assert "- UBND tỉnh," in sents


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt"))[:6], ids=lambda p: p.name)
def test_every_token_is_a_slice_of_the_corpus_text(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    for sent in segment(raw):
        assert raw[sent.start : sent.end] == sent.text
        for tok in sent.tokens:
            assert raw[tok.start : tok.end] == tok.text
            assert tok.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_tokenizer_keeps_any_text(raw: str) -> None:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "directive_nlp.UndertheseaTokenizer.v1"}}})
    doc = nlp(raw)
    assert doc.text == raw
