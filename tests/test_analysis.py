"""The shared analysis (text.analysis) and the tokenizer: underthesea words realigned to the text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import directive_nlp.nlp.tokenizer  # noqa: F401  (registers the tokenizer)
from directive_nlp.eval.robustness import rewrap
from directive_nlp.text.analysis import Analysis, analyze, as_analysis, atoms

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
    a = analyze(text)
    sents = [a.text[s.start : s.end] for s in a.sentences]
    assert sents[0].startswith("Tại phiên họp") and sents[0].endswith("hành chính.")
    assert "- Thường trực Tỉnh ủy," in sents
    assert "- UBND tỉnh," in sents


# Paragraphs are read from words and sentence ends, not from line length: a real paragraph gives
# the same sentences however it is wrapped (rows from the tuned corpus, 000, 004, dev_03, dev_10)
WRAPPED_PARAGRAPH_ROWS = [
    "Phát biểu tại phiên họp, Bí thư Tỉnh ủy Nguyễn Văn Thắng yêu cầu các huyện, thị xã, thành phố, "
    "cơ quan, ban, ngành tập trung rà soát, cập nhật lại kế hoạch, kịch bản phòng, chống dịch Covid -19.",
    "Bí thư Tỉnh ủy yêu cầu tránh: “chủ quan, lơ là, mất cảnh giác”, nhưng đồng thời phải chủ động.",
    "1. Cấp ủy, chính quyền các cấp, các ngành, MTTQ và các tổ chức chính trị - xã hội tỉnh tiếp tục "
    "thực hiện nghiêm các chỉ đạo của Bộ Chính trị.",
    "Thay mặt Đoàn kiểm tra, đồng chí Nguyễn Duy Ngọc đề nghị Quân ủy Trung ương tiếp tục phát huy ưu "
    "điểm, kết quả đạt được; tập trung lãnh đạo, chỉ đạo có trọng tâm, trọng điểm.",
]


def _wrap(text: str, width: int) -> str:
    """The eval's re-wrapping (words kept whole), with LF line ends."""
    return rewrap(text, width).replace("\r\n", "\n")


def _sentences(text: str) -> list[str]:
    a = analyze(text)
    return [" ".join(a.text[s.start : s.end].split()) for s in a.sentences]


@pytest.mark.parametrize("width", [30, 33, 41, 57])
@pytest.mark.parametrize("text", WRAPPED_PARAGRAPH_ROWS, ids=lambda t: t[:24])
def test_a_paragraph_gives_the_same_sentences_at_any_width(text: str, width: int) -> None:
    wrapped = _wrap(text, width)
    assert "\n" in wrapped
    assert _sentences(wrapped) == _sentences(text)


@pytest.mark.parametrize(
    "text, first",
    [
        # a heading line, then a line whose first word would have fitted on it: two blocks
        ("**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI**\n*Căn cứ Luật Tổ chức chính quyền địa phương;*",
         "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI**"),
        # "(1)" opens an item after "như sau:" (dev_03), even where the text is wrapped
        ("các bộ, ngành tập trung thực\nhiện một số nhiệm vụ như sau:\n(1) Giao Bộ Nông nghiệp và Môi\ntrường chủ trì",
         "các bộ, ngành tập trung thực\nhiện một số nhiệm vụ như sau:"),
        # a list dash before a capital stays a list item
        ("Nơi nhận:\n- Như Điều 4;\n- Bộ Nông nghiệp và Môi trường;", "Nơi nhận:"),
    ],
)
def test_blocks_that_a_wrap_does_not_join(text: str, first: str) -> None:
    a = analyze(text)
    assert a.text[a.sentences[0].start : a.sentences[0].end] == first


def test_a_hyphen_or_a_number_wrapped_to_a_line_start_is_no_list_marker() -> None:
    # "chính trị -\nxã hội", "Covid\n-19" (004, 000): one sentence each
    for text in ("các tổ chức chính trị\n- xã hội tỉnh tiếp tục thực hiện.",
                 "trong công tác phòng, chống dịch Covid\n-19 yêu cầu phải gắn trách nhiệm.",
                 "tổng mức lưu chuyển hàng hóa tháng 1 đạt\n188.017 tỷ đồng."):
        assert len(analyze(text).sentences) == 1, text


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt"))[:6], ids=lambda p: p.name)
def test_every_token_is_a_slice_of_the_corpus_text(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    a = analyze(raw)
    assert a.words and a.sentences
    previous_end = 0
    for sent, words in a.iter_sentence_words():
        assert sent.start <= words[0].start and words[-1].end <= sent.end
        for w in words:
            assert a.text[w.start : w.end] == w.text and w.text.strip()
            assert w.start >= previous_end  # ordered, not overlapping
            previous_end = w.end
            rs, re_ = a.norm.span_to_raw(w.start, w.end)
            assert raw[rs:re_].strip()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_tokenizer_keeps_any_text(raw: str) -> None:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "directive_nlp.UndertheseaTokenizer.v1"}}})
    doc = nlp(raw)
    assert doc.text == raw


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bí thư Tỉnh ủy", ("bí", "thư", "tỉnh", "ủy")),
        ("Ủy viên T.Ư Đảng", ("ủy", "viên", "t", ".", "ư", "đảng")),
        ("Số:\n84/2025/QĐ-UBND", ("số", ":", "84", "/", "2025", "/", "qđ", "-", "ubnd")),
        ("Bộ GD&ĐT", ("bộ", "gd", "&", "đt")),
    ],
)
def test_atoms_split_letters_digits_and_marks(text: str, expected: tuple[str, ...]) -> None:
    assert atoms(text) == expected


def test_words_are_compounds_of_the_segmenter() -> None:
    # from a Quảng Ninh news report (not in the tuned corpus)
    a = analyze("Phó Thủ tướng Trịnh Đình Dũng giao Bộ Giao thông vận tải chủ trì xây dựng đường giao thông.")
    folds = [w.fold for w in a.words]
    assert "thủ tướng" in folds and "trịnh đình dũng" in folds
    assert "giao" in folds  # the verb
    assert "giao thông" in folds  # the noun: one word, not the verb "giao"
    k = folds.index("trịnh đình dũng")
    assert a.words[k].is_title and not a.words[k].is_upper
    assert a.pos()[k] == "Np"
    assert len(a.pos()) == len(a.words)


def test_words_by_offset() -> None:
    a = analyze("Sở Y tế khẩn trương hoàn thành.")
    k = a.word_index(a.text.index("khẩn"))
    assert a.words[k].text == "khẩn trương"
    inside = a.words_in(0, a.text.index("hoàn"))
    assert [w.text for w in inside][-1] == "khẩn trương"


def test_offsets_stay_on_the_normalized_text_and_map_to_the_input() -> None:
    raw = "Chủ tịch UBND tỉnh\u200b yêu cầu Sở Y tế\r\nkhẩn trương."
    a = analyze(raw)
    w = next(w for w in a.words if w.fold == "yêu cầu")
    s, e = a.norm.span_to_raw(w.start, w.end)
    assert raw[s:e] == "yêu cầu"


def test_lines_cover_the_text() -> None:
    a = analyze("Dòng một\nDòng hai\n\nDòng bốn")
    assert [a.line_text(k) for k in range(len(a.lines))] == ["Dòng một", "Dòng hai", "", "Dòng bốn"]
    assert a.line_index(a.text.index("hai")) == 1


@pytest.mark.parametrize("bad", [None, 12, b"bytes", ["list"]])
def test_wrong_argument_types_raise_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        analyze(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        as_analysis(bad, "find_x")  # type: ignore[arg-type]


def test_as_analysis_passes_an_analysis_through() -> None:
    a = analyze("Sở Y tế")
    assert as_analysis(a, "find_x") is a and isinstance(a, Analysis)


_ALIGN_TEXT = st.lists(st.sampled_from(["Sở", "Y", "tế", "ủy", "UBND", ".", ",", " ", "  ", "\n", " \t\n ", " " * 20]), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_ALIGN_TEXT, st.data())
def test_aligning_by_search_equals_the_character_walk(text: str, data: st.DataObject) -> None:
    """align's first try (find the word a few spaces on) gives what its walk over the characters
    gives, also for words underthesea changed (case), glued, or that are not there."""
    import directive_nlp.text.words as words

    pieces = [w.upper() if data.draw(st.booleans()) and len(w) > 2 else w for w in text.split()]
    pieces += data.draw(st.lists(st.sampled_from(["zz", " Sở", "Y tế", ""]), max_size=2))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    fast = words.align(pieces, text, start, end)
    gap = words._GAP
    try:
        words._GAP = -(10**9)  # the search window is empty: every word is walked
        assert words.align(pieces, text, start, end) == fast
    finally:
        words._GAP = gap
