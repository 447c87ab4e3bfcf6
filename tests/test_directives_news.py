"""Instructions in news reports, read as sentences: directive verb + addressee + task, the
speaker resolved through the officials of the text.

Every row is a real sentence from corpus/unlabeled/news, never from the fresh dev set
(corpus/fresh) nor from the held-out pool (corpus/heldout; tests/test_corpus_sets.py checks both); expected
values were read off the text by hand."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.extract.directives import Directive
from directive_nlp.extract.directives.lexicon import load_lex
from directive_nlp.extract.directives.speakers import trailing_name
from directive_nlp.text.normalize import fold

from .conftest import FRESH_IDS, HELDOUT_POOL, article_directives

# copies of shared news reports kept in the repo (corpus/unlabeled/README.md)
NEWS = Path(__file__).resolve().parents[1] / "corpus" / "unlabeled" / "news"

needs_news = pytest.mark.skipif(not NEWS.is_dir(), reason="unlabeled news not present")


def _article(sentence: str) -> list[Directive]:
    return article_directives(sentence, 2017)


@lru_cache(maxsize=None)
def _extracted(name: str) -> tuple[dict[str, Any], ...]:
    from directive_nlp.nlp.pipeline import extract

    assert name not in FRESH_IDS and name not in HELDOUT_POOL
    raw = (NEWS / f"{name}.txt").read_text(encoding="utf-8")
    items = tuple(extract(raw)["directives"])
    for d in items:
        assert raw[d["start"] : d["end"]] == d["text"]
    return items


def _with(name: str, snippet: str) -> dict[str, Any]:
    key = " ".join(fold(snippet).split())
    found = [d for d in _extracted(name) if key in " ".join(fold(d["text"]).split())]
    assert found, f"{name}: no directive contains {snippet!r}"
    return found[0]


def _none_with(name: str, snippet: str) -> None:
    key = " ".join(fold(snippet).split())
    assert not [d for d in _extracted(name) if key in " ".join(fold(d["text"]).split())]


# --------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # news_04: a city is no person ("Hà" is also a surname)
        ("Chủ tịch UBND TP Hà Nội", None),
        # news_42: two syllables right after "tỉnh" name the province
        ("Chủ tịch Ủy ban Nhân dân tỉnh Hà Giang", None),
        ("Chủ tịch Ủy ban Nhân dân tỉnh Hà Giang Nguyễn Văn Sơn", "Nguyễn Văn Sơn"),
        # news_39
        ("Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến", "Nguyễn Thị Kim Tiến"),
    ],
)
def test_a_place_after_a_title_is_no_name(phrase: str, expected: str | None) -> None:
    assert trailing_name(phrase, load_lex()) == expected


@pytest.mark.parametrize(
    ("sentence", "issuer", "assignees", "starts"),
    [
        # news_12: "<speaker> nói và yêu cầu …": two verbs of one speaker
        (
            "“Mục đích của chúng ta là làm sao giảm thời gian máy bay chờ trên không, thoát nhanh nhất khi "
            "xuống đường băng”, Bộ trưởng nói và yêu cầu các đơn vị liên quan phải nhanh chóng triển khai các "
            "công việc cần thiết.",
            "Bộ trưởng", ("các đơn vị liên quan",), "phải nhanh chóng triển khai",
        ),
    ],
)
def test_speaker_of_coordinated_verbs(sentence: str, issuer: str, assignees: tuple[str, ...], starts: str) -> None:
    items = _article(sentence)
    assert len(items) == 1
    d = items[0]
    assert d.issuer == issuer
    assert d.assignees == assignees
    assert d.text.startswith(starts)


@needs_news
def test_a_bare_title_is_not_the_deputy_named_before() -> None:
    # news_43: "Phó Thủ tướng Vũ Đức Đam" spoke before; "Thủ tướng yêu cầu …" is the Prime
    # Minister, written in full in the text ("Thủ tướng Chính phủ vừa có ý kiến chỉ đạo …")
    d = _with("news_43", "tập trung khơi dậy và phát huy tính trung thực")
    assert d["issuer"] == "Thủ tướng Chính phủ"


@needs_news
def test_a_given_name_is_resolved_through_the_officials() -> None:
    # news_06: "… ông Chung yêu cầu phải thực hiện đúng kỹ thuật duy tu …"; the text names
    # "Ông Nguyễn Đức Chung – Chủ tịch UBND TP Hà Nội"
    d = _with("news_06", "phải thực hiện đúng kỹ thuật duy tu")
    assert d["issuer"] == "Nguyễn Đức Chung"


@needs_news
def test_a_capitalised_task_after_a_colon_is_no_addressee() -> None:
    # news_37: "…”, Bộ trưởng chỉ đạo: Tiếp tục hỗ trợ Hòa Bình …"
    d = _with("news_37", "Tiếp tục hỗ trợ Hòa Bình")
    assert d["assignees"] == []
    assert d["issuer"] == "Nguyễn Thị Kim Tiến"


@needs_news
def test_a_negated_copula_is_no_modal() -> None:
    # news_43: "“Đây không phải là một tổ chức mới, …” - ĐB Nguyễn Thị Quyết Tâm nhấn mạnh."
    _none_with("news_43", "Đây không phải là một tổ chức mới")


# --------------------------------------------------------------------------- addressees


@pytest.mark.parametrize(
    ("sentence", "assignees", "starts"),
    [
        # news_37: a group of people named by a common noun after a plural marker
        (
            "Bộ trưởng yêu cầu các chuyên gia đầu ngành thành lập ngay Hội đồng chuyên môn độc lập xác định "
            "nguyên nhân xảy ra sự cố.",
            ("các chuyên gia đầu ngành",), "thành lập ngay Hội đồng",
        ),
        # news_48: a numeral before a body noun
        (
            "Nếu trường hợp đúng như nội dung phản ánh, đề nghị hai tỉnh tăng cường kiểm tra, xử lý nghiêm.",
            ("hai tỉnh",), "tăng cường kiểm tra",
        ),
    ],
)
def test_group_addressees(sentence: str, assignees: tuple[str, ...], starts: str) -> None:
    items = _article(sentence)
    assert len(items) == 1
    assert items[0].assignees == assignees
    assert items[0].text.startswith(starts)


def test_the_addressee_who_must_direct_others_keeps_the_task() -> None:
    # news_48: "đề nghị <A> chỉ đạo <B> …": one instruction to A, whose task is to direct B
    sentence = (
        "Ủy ban An toàn giao thông Quốc gia đề nghị Chủ tịch Ủy ban nhân dân tỉnh kiêm Trưởng Ban An toàn "
        "giao thông các tỉnh Tuyên Quang, Phú Thọ chỉ đạo các cơ quan chức năng phối hợp điều tra, làm rõ địa "
        "bàn, đối tượng, nguyên nhân thực hiện hành vi rải chông đinh."
    )
    items = _article(sentence)
    assert len(items) == 1
    d = items[0]
    assert d.issuer == "Ủy ban An toàn giao thông Quốc gia"
    assert d.text.startswith("chỉ đạo các cơ quan chức năng phối hợp điều tra")
    assert d.assignees and d.assignees[0].startswith("Chủ tịch Ủy ban nhân dân tỉnh")
    assert d.delegates == ("các cơ quan chức năng",)


@needs_news
def test_a_letter_sent_to_a_body_requests_it_and_the_next_request_is_the_same_speakers() -> None:
    # news_48: "Ủy ban An toàn giao thông Quốc gia có văn bản gửi Chủ tịch UBND tỉnh Tuyên Quang và
    # Phú Thọ, đề nghị kiểm tra, làm rõ …" — the writer speaks, the recipients must act
    d = _with("news_48", "kiểm tra, làm rõ hành vi rải chông đinh trên đường bộ")
    assert d["issuer"] == "Ủy ban An toàn giao thông Quốc gia"
    assert d["assignees"] and d["assignees"][0].startswith("Chủ tịch UBND tỉnh Tuyên Quang")
    # "Nếu …, đề nghị hai tỉnh …": after an adverbial clause the request is the last speaker's
    d = _with("news_48", "tăng cường kiểm tra, xử lý nghiêm")
    assert d["issuer"] == "Ủy ban An toàn giao thông Quốc gia"
    assert d["assignees"] == ["hai tỉnh"]


@needs_news
def test_a_speaker_after_a_glued_caption() -> None:
    # news_39: "Bệnh nhân nặng nhất … vẫn rất nguy kịch Bộ trưởng yêu cầu BV Đa khoa Hòa Bình rà soát …"
    d = _with("news_39", "rà soát quá trình chạy thận nhân tạo")
    assert d["issuer"] == "Nguyễn Thị Kim Tiến"
    assert d["assignees"] == ["BV Đa khoa Hòa Bình"]


# --------------------------------------------------------------------------- more speakers and addressees


@needs_news
def test_an_instruction_reported_with_da_is_still_given() -> None:
    # news_18: "Bộ trưởng Đinh Tiến Dũng cũng đã chỉ đạo toàn thể cán bộ công nhân viên chức tập
    # trung triển khai …"; news_47: "ông đã yêu cầu lãnh đạo TP.Đà Nẵng làm việc với Hiệp hội …"
    d = _with("news_18", "tập trung triển khai thực hiện nhiệm vụ được giao")
    assert d["issuer"] == "Đinh Tiến Dũng"
    assert d["assignees"] == ["toàn thể cán bộ công nhân viên chức"]
    d = _with("news_47", "làm việc với Hiệp hội Du lịch")
    assert d["issuer"] == "Vũ Đức Đam"
    assert d["assignees"] == ["lãnh đạo TP.Đà Nẵng"]


@needs_news
def test_the_same_position_at_another_level_is_another_person() -> None:
    # news_07: "chủ tịch UBND tỉnh Nguyễn Ngọc Hai" spoke first; "Trước mắt, Chủ tịch UBND TP đã
    # giao cho Ban Quản lý dự án …" is the city's chairman (TP.Phan Thiết), who is not named
    d = _with("news_07", "nghiêm túc tổ chức kiểm điểm")
    assert d["issuer"] == "Chủ tịch UBND TP"
    assert d["assignees"] == ["Ban Quản lý dự án"]


@needs_news
def test_name_before_title_and_bodies_together() -> None:
    # news_06: "Ông Nguyễn Đức Chung – Chủ tịch UBND TP Hà Nội đã yêu cầu rút kinh nghiệm …" and
    # "… đã yêu cầu Sở VHTT Hà Nội cùng lãnh đạo các quận, huyện nghiêm túc rút kinh nghiệm …"
    d = _with("news_06", "rút kinh nghiệm việc sơn sửa, chỉnh trang di tích")
    assert d["issuer"] == "Nguyễn Đức Chung"
    d = _with("news_06", "nghiêm túc rút kinh nghiệm về việc duy tu")
    assert d["assignees"] == ["Sở VHTT Hà Nội", "lãnh đạo các quận, huyện"]
    assert d["delegates"] == []


@needs_news
def test_a_quoted_task_after_the_addressee_and_a_reported_request_is_none() -> None:
    # news_15: "Ông Chung yêu cầu Giám đốc Sở Giáo dục “ngay hôm nay xuống trường …”"
    d = _with("news_15", "ngay hôm nay xuống trường ra văn bản")
    assert d["issuer"] == "Nguyễn Đức Chung"
    assert d["assignees"] == ["Giám đốc Sở Giáo dục"]
    # "… khi nghe thông tin báo chí về việc Chủ tịch UBND Hà Nội yêu cầu làm rõ về vụ việc của con
    # mình, anh rất đồng tình …": a parent tells what he heard
    _none_with("news_15", "làm rõ về vụ việc của con mình")


@needs_news
def test_a_body_named_after_a_semicolon_gets_its_own_instruction() -> None:
    # news_07: "… đã giao cho Ban Quản lý dự án (…) nghiêm túc tổ chức kiểm điểm; Văn phòng UBND TP
    # rà soát lại quy trình …": two bodies, two tasks, one speaker
    first = _with("news_07", "nghiêm túc tổ chức kiểm điểm")
    second = _with("news_07", "rà soát lại quy trình ban hành các văn bản này")
    assert first is not second
    assert "Văn phòng UBND TP" not in first["text"]
    assert second["assignees"] == ["Văn phòng UBND TP"]
    assert second["issuer"] == first["issuer"]


@needs_news
def test_a_semicolon_without_a_new_body_continues_the_task() -> None:
    # news_44: "Phó Thủ tướng giao Bộ Công an, Bộ Quốc phòng tiếp tục nắm bắt, …; xử lý, nghiêm trị …"
    d = _with("news_44", "tiếp tục nắm bắt, theo dõi chặt chẽ")
    assert "nghiêm trị" in d["text"]
    assert d["assignees"] == ["Bộ Công an", "Bộ Quốc phòng"]


def test_an_adverb_between_the_addressee_and_its_verb_of_directing() -> None:
    # tuned corpus 001 (a Điện Biên report; the news rows above are not enough): "yêu cầu UBND tỉnh
    # tiếp tục chỉ đạo các ngành …" is one instruction to UBND tỉnh, whose task is to direct
    sentence = (
        "Phát biểu chỉ đạo tại hội nghị, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn đại biểu Quốc "
        "hội tỉnh Nguyễn Văn Lợi yêu cầu UBND tỉnh tiếp tục chỉ đạo các ngành, các địa phương vừa tăng cường "
        "công tác phòng chống dịch, vừa phát triển kinh tế."
    )
    items = _article(sentence)
    assert [(d.issuer, d.assignees) for d in items] == [("Nguyễn Văn Lợi", ("UBND tỉnh",))]
    assert items[0].text.startswith("tiếp tục chỉ đạo các ngành")


# --------------------------------------------------------------------------- the action by its part of speech


@pytest.mark.parametrize(
    ("sentence", "assignees", "starts"),
    [
        # tuned corpus 001: "nêu cao" is in no action lexicon; the tagger reads it as a verb
        (
            "Kết luận hội nghị, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Trần Tuệ Hiền yêu cầu BCĐ các cấp nêu cao "
            "tinh thần phòng chống dịch cao nhất, không được chủ quan, lơ là.",
            ("BCĐ các cấp",), "nêu cao tinh thần",
        ),
        # tuned corpus dev_09: "tiết giảm" (written as two words by the segmenter) before "giảm chi tiêu"
        (
            "Thủ tướng đề nghị các doanh nghiệp tiết giảm chi phí, giảm chi tiêu không cần thiết.",
            ("các doanh nghiệp",), "tiết giảm chi phí",
        ),
    ],
)
def test_the_action_read_from_the_part_of_speech(sentence: str, assignees: tuple[str, ...], starts: str) -> None:
    items = _article(sentence)
    assert len(items) == 1
    assert items[0].assignees == assignees
    assert items[0].text.startswith(starts)


@needs_news
def test_a_verb_inside_a_nouns_complement_gives_no_instruction() -> None:
    # news_26: "Thủ tướng Lý Khắc Cường bày tỏ tán thành và đánh giá cao ý kiến của Chủ tịch nước …
    # về việc tăng cường trao đổi chiến lược, chỉ đạo các cấp, các ngành thực hiện …": what the
    # opinion was about, not an order
    _none_with("news_26", "thực hiện nghiêm túc nhận thức chung cấp cao")
    d = _with("news_26", "tiếp tục quan tâm chỉ đạo")
    assert d["issuer"] == "Trần Đại Quang"
    assert d["assignees"] == ["Thủ tướng Lý Khắc Cường"]


# --------------------------------------------------------------------------- a follow-up "by when"

# news_44's instruction, with its "đảm bảo hoàn thành trước ngày 30/6/2017" written as a sentence
# of its own, as reports often do
_KE_KHAI = ("Phó Thủ tướng yêu cầu các địa phương đẩy nhanh tiến độ công tác kê khai, chi trả bồi thường "
            "thiệt hại do sự cố môi trường biển theo đúng Quyết định số 1880/QĐ-TTg.")


@pytest.mark.parametrize(
    ("follow_up", "deadline"),
    [
        (" Hoàn thành trước ngày 30/6/2017.", "2017-06-30"),
        (" Hoàn thành việc chi trả và báo cáo Thủ tướng chậm nhất ngày 30/6/2017.", "2017-06-30"),
        # one sentence between
        (" Các địa phương đã chi trả hơn 80% số tiền. Hoàn thành trước ngày 30/6/2017.", "2017-06-30"),
        # a subject of its own: a fact, not the instruction's deadline
        (" Bộ NN&PTNT báo cáo Thủ tướng kết quả trước ngày 30/6/2017.", None),
        # a new paragraph
        ("\n\nHoàn thành trước ngày 30/6/2017.", None),
        # too far back
        (" Việc chi trả chậm. Nhiều hộ dân chưa nhận tiền. Hoàn thành trước ngày 30/6/2017.", None),
    ],
)
def test_a_subjectless_by_when_sentence_gives_the_instruction_before_it_its_deadline(
        follow_up: str, deadline: str | None) -> None:
    items = _article(_KE_KHAI + follow_up)
    first = [d for d in items if d.text.startswith("đẩy nhanh tiến độ")]
    assert first and first[0].assignees == ("các địa phương",)
    assert first[0].deadline == deadline


# the sentence of tests/test_directives.py (a Cần Thơ report), its quote repeated per commune
_QUOTE = "“Cán bộ xã {n} phải sâu sát cơ sở, không để người dân chờ đợi”, Bí thư Thành ủy nhấn mạnh."


@pytest.mark.parametrize("quotes", [1, 3, 300])
def test_each_quote_closed_by_its_speaker_is_read_once(quotes: int) -> None:
    """Quotes are looked up by where they end and checked against the instructions read just
    before them (a long report with many quotes is read in linear time), each read once."""
    text = " ".join(_QUOTE.format(n=n) for n in range(1, quotes + 1))
    got = _article(text)
    assert [d.text for d in got] == [
        f"Cán bộ xã {n} phải sâu sát cơ sở, không để người dân chờ đợi" for n in range(1, quotes + 1)
    ]
    assert {(d.issuer, d.verb) for d in got} == {("Bí thư Thành ủy", "nhấn mạnh")}


def test_a_quote_inside_an_instruction_read_already_is_not_read_again() -> None:
    text = (
        "Bí thư Thành ủy yêu cầu Quận ủy Ninh Kiều “tập trung lãnh đạo, không để người dân chờ "
        "đợi”, Bí thư Thành ủy nhấn mạnh."
    )
    (d,) = _article(text)
    assert d.verb == "yêu cầu" and d.assignees == ("Quận ủy Ninh Kiều",)
    assert d.text.startswith("tập trung lãnh đạo, không để người dân chờ đợi")


@needs_news
@pytest.mark.parametrize("name", ["news_04", "news_06", "news_07", "news_26", "news_43"])
def test_a_word_not_ending_capitalised_ends_no_name(name: str) -> None:
    """Speakers.note reads a name before a speech verb only after a capitalised word: on every
    word of a report, where the quick test says no, trailing_name finds none either."""
    from directive_nlp.extract.directives.speakers import _may_end_a_name
    from directive_nlp.extract.directives.tokens import DocText, tokens_in
    from directive_nlp.text.analysis import analyze

    assert name not in FRESH_IDS | HELDOUT_POOL
    text = DocText(analyze((NEWS / f"{name}.txt").read_text(encoding="utf-8")))
    lex = load_lex()
    names = 0
    for t in tokens_in(text, 0, len(text)):
        found = trailing_name(text[max(0, t.e - 120) : t.e], lex)
        names += found is not None
        assert _may_end_a_name(t.t) or found is None, text[max(0, t.e - 120) : t.e]
    assert names > 0
