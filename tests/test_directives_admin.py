"""Directives of administrative documents of the kinds the tuned corpus lacks (Quyết định,
Thông tư, Công điện, Công văn), read through the whole pipeline from real legal-portal pages of
corpus/headers/pages (none of the fresh dev set nor of the held-out pool)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.extract.directives.letter import opinion_drafts
from directive_nlp.extract.directives.lexicon import load_lex
from directive_nlp.extract.directives.tokens import DocText
from directive_nlp.extract.layout import find_layout
from directive_nlp.text.analysis import as_analysis
from directive_nlp.text.normalize import fold, normalize

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "corpus" / "headers" / "pages"


@lru_cache(maxsize=None)
def _page(name: str) -> dict[str, Any]:
    from directive_nlp.io.reading import read_source
    from directive_nlp.nlp.pipeline import extract, load

    src = read_source(PAGES / f"{name}.txt")
    out = extract(src, nlp=load())
    text = src.text  # offsets point into the input, as written (old tone marks included)
    for d in out["directives"]:
        assert text[d["start"] : d["end"]] == d["text"]
    return out


def _starting(out: dict[str, Any], start: str) -> list[dict[str, Any]]:
    return [d for d in out["directives"] if fold(" ".join(d["text"].split())).startswith(fold(start))]


# --------------------------------------------------------------------------- the "Nơi nhận" block


@pytest.mark.parametrize(
    ("name", "first_item"),
    [
        ("t057", "Như Điều 3;"),  # "*Nơi\nnhận:*"
        ("t139", "Như Điều 3;"),  # "*Nơi\nnhận*" without the colon
    ],
)
def test_wrapped_recipients_label_closes_the_body(name: str, first_item: str) -> None:
    text = normalize((PAGES / f"{name}.txt").read_text(encoding="utf-8")).text
    rec = find_layout(text).recipients
    assert rec is not None and rec.text.lstrip("*").startswith("Nơi\nnhận")
    assert first_item in rec.text
    out = _page(name)
    assert out["document"]["recipients"][0] == first_item.rstrip(";")
    # its items are no directives
    assert not _starting(out, first_item)


def test_wrapped_recipients_label_with_dash_on_its_own_line() -> None:
    out = _page("t139")
    assert not _starting(out, "Các Đ/c Thứ trưởng")
    assert not _starting(out, "Cục Kiểm soát thủ tục hành chính - VPCP")


# --------------------------------------------------------------------------- Quyết định, Thông tư


def test_article_title_over_entry_into_force_is_not_a_directive() -> None:
    out = _page("t139")  # "Điều 2. Hiệu lực thi hành" / "1. Quyết định này có hiệu lực …"
    assert not _starting(out, "Hiệu lực thi hành")
    assert not _starting(out, "Quyết định này có hiệu lực")
    (d,) = [d for d in out["directives"] if d["label"] == "Điều 3"]
    assert "Vụ trưởng Vụ Pháp chế" in d["assignees"]


@pytest.mark.parametrize(
    ("name", "start", "assignees"),
    [
        # "Điều 3. Quyết định này có hiệu lực … ban hành. Các Bộ trưởng, … chịu trách nhiệm thi hành"
        ("t225", "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ", ["Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ"]),
        # "Điều 2. Quyết định này có hiệu lực … ký. Giao Sở Văn hóa, Thể thao và Du lịch chủ trì …"
        ("t185", "Giao Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ],
)
def test_task_after_the_entry_into_force(name: str, start: str, assignees: list[str]) -> None:
    out = _page(name)
    found = _starting(out, start)
    assert len(found) == 1
    for a in assignees:
        assert a in found[0]["assignees"]
    assert not _starting(out, "Quyết định này có hiệu lực")


# --------------------------------------------------------------------------- Công điện


def test_cong_dien_addressee_item_wrapped_before_a_capital() -> None:
    """The addressee bullets of "THỦ TƯỚNG CHÍNH PHỦ điện:" stay a preamble when an item wraps
    before a capital ("… cơ quan thuộc\\nChính phủ;")."""
    from directive_nlp.extract.directives import find_directives

    raw = (PAGES / "t231.txt").read_text(encoding="utf-8")
    raw = raw.replace("cơ quan thuộc Chính phủ;\n- Văn phòng Ban chỉ đạo", "cơ quan thuộc\nChính phủ;\n- Văn phòng Ban chỉ đạo")
    assert "thuộc\nChính phủ;" in raw
    text = normalize(raw).text
    lay = find_layout(text)
    items = find_directives(text, kind=lay.kind, main=lay.main, body_start=lay.header_end, doc_year=2025)
    assert not any(d.text.startswith(("Văn phòng Ban chỉ đạo phòng thủ", "Chính phủ;")) for d in items)
    assert [d.label for d in items if d.label][0] == "1."


# --------------------------------------------------------------------------- a letter that conveys an opinion

# the lead and the first task of dev_07 (Chủ tịch UBND TP. Hồ Chí Minh, 2025) as one letter in
# paragraphs; and two Cục Thuế / Cục Hải quan answers of the header pages
_OPINION = (
    "Để hoàn thành việc cập nhật, đồng bộ với Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức "
    "theo yêu cầu của Bộ Nội vụ, Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:\n"
    "Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan tiếp tục triển khai việc cập nhật cơ sở dữ "
    "liệu của toàn bộ cán bộ, công chức, viên chức, cụ thể: (i) hoàn thành 100% việc cập nhật lý lịch "
    "cán bộ, công chức, viên chức trước ngày 06 tháng 12 năm 2025; (ii) tăng cường cập nhật cơ sở dữ "
    "liệu vào các khung giờ ngoài giờ hành chính.\n"
    "Văn phòng Ủy ban nhân dân Thành phố thông báo để các cơ quan biết, thực hiện./.\n"
)


def _opinion(text: str) -> list[Any]:
    doc = DocText(as_analysis(normalize(text).text, "test"))
    return opinion_drafts(doc, 0, len(doc), 2025, load_lex())


def test_opinion_of_a_leader_gives_the_sentence_and_its_inline_tasks() -> None:
    text = normalize(_OPINION).text
    drafts = _opinion(_OPINION)
    assert [d.label for d in drafts] == [None, "(i)", "(ii)"]
    head, first, second = drafts
    assert text[head.start : head.end].startswith("Sở Nội vụ chủ trì")
    assert head.issuer == "Chủ tịch Ủy ban nhân dân Thành phố"
    assert list(head.assignees) == ["Sở Nội vụ"]
    assert list(first.assignees) == ["Sở Nội vụ"] and first.parent == head.id
    assert text[first.start : first.end].startswith("hoàn thành 100%")
    assert first.deadline is not None and first.deadline.date == "2025-12-06"
    assert text[second.start : second.end].endswith("ngoài giờ hành chính")
    # the closing is no task
    assert not any("thông báo để" in text[d.start : d.end] for d in drafts)


@pytest.mark.parametrize("name", ["t037", "t143", "t215", "t245"])
def test_a_body_answering_a_query_gives_no_opinion_directives(name: str) -> None:
    """"Cục Thuế/Cục Hải quan có ý kiến như sau:" explains the law; "Trường hợp … thì …" is a
    condition, never a body that must act."""
    raw = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    assert _opinion(raw) == []
    out = _page(name)
    assert not any(fold(a).startswith("trường hợp") for d in out["directives"] for a in d["assignees"])


# --------------------------------------------------------------------------- who must act


@pytest.mark.parametrize(
    ("name", "label", "named"),
    [
        # "Điều 4. Chánh Văn phòng UBND tỉnh, Giám đốc Sở …, Giám đốc Trung tâm Phục vụ hành
        # chính công tỉnh và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành …"
        ("t013", "Điều 4", ["Giám đốc Sở Văn hóa, Thể thao và Du lịch", "các tổ chức, cá nhân có liên quan"]),
        ("t017", "Điều 3", ["Giám đốc Trung tâm Phục vụ hành chính công tỉnh", "các tổ chức, cá nhân có liên quan"]),
    ],
)
def test_the_others_concerned_must_act_too(name: str, label: str, named: list[str]) -> None:
    (d,) = [d for d in _page(name)["directives"] if d["label"] == label]
    assert all(a in d["assignees"] for a in named)
    assert d["assignees"][-1] == named[-1]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # news_19 (unlabeled news): an adverb between the body and its action
        ("Bộ Chính trị trực tiếp chỉ đạo cuộc kháng chiến và giành thắng lợi to lớn, ghi dấu ấn đậm nét trong lịch sử dân tộc ta.", ["Bộ Chính trị"]),
        # dev_03 (tuned): a tense marker ("sẽ") is no adverb of the action, the clause reports
        ("Chính phủ sẽ phân công nhiệm vụ các bộ, cơ quan xây dựng kế hoạch, hướng dẫn, tổ chức, triển khai thực hiện Chương trình theo chức năng, nhiệm vụ được giao.", []),
    ],
)
def test_subject_ends_before_an_adverb_of_the_action(sentence: str, subject: list[str]) -> None:
    from directive_nlp.extract.directives.addressees import own_assignees

    doc = DocText(as_analysis(normalize(sentence).text, "test"))
    assert own_assignees(doc, 0, len(doc), load_lex())[0] == subject


def test_lead_in_title_takes_the_name_written_earlier() -> None:
    """dev_03 (tuned): "Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình đã chủ trì cuộc họp
    … Phó Thủ tướng Thường trực Chính phủ (…) kết luận như sau:" — the bare title of the lead-in
    is the person named with it before."""
    from directive_nlp.extract.directives.notice import _named_earlier

    raw = (ROOT / "corpus" / "docs" / "dev_03.txt").read_text(encoding="utf-8")
    text = normalize(raw).text
    a = text.index("Ngày 18 tháng 11 năm 2025, tại trụ sở Chính phủ")
    b = text.index("kết luận như sau:")
    lex = load_lex()
    title = "Phó Thủ tướng Thường trực Chính phủ"
    assert _named_earlier(text, a, b, title, lex) == f"{title} Nguyễn Hòa Bình"
    # a title written with one name (Phó Thủ tướng Chính phủ Trần Hồng Hà) is that person
    assert _named_earlier(text, a, b, "Phó Thủ tướng Chính phủ", lex) == "Phó Thủ tướng Chính phủ Trần Hồng Hà"
    # a subject with its name, a body, or a title never written with a name stay as they are
    assert _named_earlier(text, a, b, f"{title} Nguyễn Hòa Bình", lex) is None
    assert _named_earlier(text, a, b, "Văn phòng Chính phủ", lex) is None
    assert _named_earlier(text, a, b, "Bộ trưởng Bộ Tài chính", lex) is None


def test_request_after_a_basis_clause_in_a_letter() -> None:
    """t195 (Cục Thuế): "Căn cứ quy định nêu trên và thực tế hồ sơ, đề nghị Thuế thành phố Hà Nội
    trao đổi cụ thể với Cục Thi hành án dân sự …": the letter's own request; the body is a
    proper name whose action ("trao đổi") is no listed starter."""
    out = _page("t195")
    (d,) = _starting(out, "trao đổi cụ thể với Cục Thi hành án dân sự")
    assert d["assignees"] == ["Thuế thành phố Hà Nội"]
    assert d["verb"] == "đề nghị"
    assert d["text"].endswith("hoàn lại số thuế 7,5 tỷ")


def test_a_page_without_main_text_gives_no_directives() -> None:
    """t167: the portal served only its furniture (menus, "- Hỗ trợ: (028) …" help bullets); the
    layout finds no main text, so nothing in it is an instruction."""
    from directive_nlp.extract.directives import find_directives

    text = normalize((PAGES / "t167.txt").read_text(encoding="utf-8")).text
    lay = find_layout(text)
    assert lay.main == ()
    assert find_directives(text, kind="notice", main=lay.main) == []
    assert _page("t167")["directives"] == []
    # no spans given at all still means the whole text
    assert find_directives("Yêu cầu Sở Y tế khẩn trương báo cáo.", kind="article", main=None)


# --------------------------------------------------------------------------- the acting body of an act


@pytest.mark.parametrize(
    ("name", "issuer", "task_start"),
    [
        # "**CHỦ TỊCH ỦY BAN NHÂN\nDÂN TỈNH NINH BÌNH**" above the "Căn cứ" lines
        ("t189", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "Chánh Văn phòng UBND tỉnh"),
        # "**GIÁM ĐỐC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG THÀNH PHỐ\nHÀ NỘI**"
        ("t207", "GIÁM ĐỐC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG THÀNH PHỐ HÀ NỘI", "Sở Xây dựng chủ"),
        # on one line: unchanged
        ("t047", "THỦ TƯỚNG CHÍNH PHỦ", "Hoàn thiện thể chế"),
        # the preamble cites "Thông tư … của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn …":
        # the act still speaks as the head above its "QUYẾT ĐỊNH:"
        ("t021", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "Sở Nội vụ"),
        # the same, with its "**Điều\n1**." labels wrapped (items found as "1.", "2.")
        ("t063", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "Sở\nTài chính chủ trì"),
    ],
)
def test_an_act_speaks_as_its_issuing_line_read_whole(name: str, issuer: str, task_start: str) -> None:
    found = _starting(_page(name), task_start)
    assert found and found[0]["issuer"] == issuer


# --------------------------------------------------------------------------- coordinators ("phối hợp với …")


@pytest.mark.parametrize(
    ("name", "start", "coordinators"),
    [
        # the task opens with a verb the action lexicon does not know: read by its part of speech,
        # past the bracketed part of the body
        ("t243", "Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp Văn phòng", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("t129", "Phối hợp với Bộ Tài chính đưa nội dung", ["Bộ Tài chính"]),
        # a capitalised action after the bracket ("Rà\nsoát") or after a colon ("Xây dựng")
        ("t063", "Sở Tài chính chủ trì, phối hợp với Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"]),
        ("t035", "Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh", ["Văn phòng UBND tỉnh"]),
        # "… liên quan và tham khảo ý kiến …": the conjunction joins two actions
        ("t067", "Tiếp tục phối hợp với các Bộ, ngành, cơ quan liên quan", ["các Bộ, ngành, cơ quan liên quan"]),
        # "cơ quan ngang bộ": a word tagged as a verb before a body head stays in the phrase
        ("t067", "Chính phủ cơ bản thống nhất với dự án Pháp lệnh", ["các bộ, cơ quan ngang bộ"]),
        # a named body after a generic group is an item of its own
        ("t021", "Phối hợp chặt chẽ với các sở, ban, ngành", ["các sở, ban, ngành", "Văn phòng UBND tỉnh"]),
        ("t101", "Bộ Công Thương chủ trì, phối hợp với các bộ", ["các bộ, ngành liên quan", "chính quyền địa phương"]),
        # the others concerned after a named body are left out (the catch-all convention)
        ("t181", "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp", ["Sở Tư pháp"]),
        ("t021", "Giao Văn phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với các cơ quan", ["các cơ quan, đơn vị có liên quan"]),
    ],
)
def test_coordinators_end_before_the_task(name: str, start: str, coordinators: list[str]) -> None:
    found = _starting(_page(name), start)
    assert len(found) == 1
    assert found[0]["coordinators"] == coordinators
    text = " ".join(found[0]["text"].split())
    for c in coordinators:
        assert c in text


def test_coordinated_assignees_split_at_a_named_body() -> None:
    found = _starting(_page("t101"), "Chủ trì, phối hợp với bộ, ngành liên quan")
    assert len(found) == 1
    assert found[0]["assignees"] == ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hồ Chí Minh"]


@pytest.mark.parametrize(
    ("name", "start", "assignees"),
    [
        # "Giao X <verb>": the body ends at a verb the action lexicon does not know ("cấu hình"),
        # and "số" between capitalised words is "digital", no number
        ("t221", "Giao Trung tâm Chuyển đổi số Thành phố cấu hình", ["Trung tâm Chuyển đổi số Thành phố"]),
        ("t067", "Giao Bộ trưởng Bộ Công an thừa ủy quyền", ["Bộ trưởng Bộ Công an"]),
        # "trực thuộc" tagged as a verb before a name word stays in the body's name
        ("t203", "Về mức chi phí quản lý", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]),
    ],
)
def test_giao_body_ends_at_its_verb(name: str, start: str, assignees: list[str]) -> None:
    found = _starting(_page(name), start)
    assert len(found) == 1
    assert found[0]["assignees"] == assignees
