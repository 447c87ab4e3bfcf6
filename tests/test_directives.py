"""Tests of directive_nlp.extract.directives: real corpus documents and sentences, and documents written
here for other bodies, provinces and document types (Kế hoạch, Quyết định, Công điện, Công văn,
Thông báo kết luận, news reports)."""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.extract.directives import Directive, directive_warnings, find_directives
from directive_nlp.text.normalize import fold, normalize

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "docs"
GOLD = ROOT / "corpus" / "gold"
SEED_004 = "004_86ceddd2e63fe96c"
SEED_000 = "000_7f9b3172eb05957b"


def _check_spans(text: str, items: list[Directive]) -> None:
    for d in items:
        assert text[d.start : d.end] == d.text
        assert d.kind in ("task", "general")
        json.dumps(d.dump(), ensure_ascii=False)


def _norm(raw: str) -> str:
    return normalize(raw).text


@lru_cache(maxsize=None)
def _doc(base: str) -> tuple[str, tuple[Directive, ...]]:
    """A corpus document through the real layout and header modules."""
    from directive_nlp.extract.header import find_header
    from directive_nlp.extract.layout import find_layout

    text = _norm((DOCS / f"{base}.txt").read_text(encoding="utf-8"))
    lay = find_layout(text)
    head = find_header(text, lay)
    year = None
    for f in (head.issued_on, head.published_at):
        if f is not None and f.value[:4].isdigit():
            year = int(f.value[:4])
            break
    items = find_directives(
        text,
        kind=lay.kind,
        main=lay.main,
        issuer=head.issuer.value if head.issuer else None,
        doc_year=year,
        body_start=lay.header_end,
    )
    _check_spans(text, items)
    return text, tuple(items)


def _gold(base: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{base}.json").read_text(encoding="utf-8"))


def _containing(items: tuple[Directive, ...] | list[Directive], snippet: str) -> Directive:
    key = fold(snippet)
    found = [d for d in items if key in fold(d.text)]
    assert found, f"no directive contains {snippet!r}"
    found.sort(key=lambda d: (d.kind != "task", fold(d.text).index(key)))
    return found[0]


def _keys(values: Any) -> set[str]:
    return {fold(v) for v in values}


# --------------------------------------------------------------------------- seed 004 (notice)


def test_004_tree_with_the_repeated_label() -> None:
    _, items = _doc(SEED_004)
    tasks = [d for d in items if d.label is not None]
    assert [d.label for d in tasks] == ["1.", "2.", "-", "-", "-", "-", "2.", "3.", "4.", "5."]
    ids = [d.id for d in tasks]
    assert len(set(ids)) == len(ids)
    first2, second2 = tasks[1], tasks[6]
    assert first2.id != second2.id and first2.label == second2.label == "2."
    assert [d.parent for d in tasks[2:6]] == [first2.id] * 4
    assert all(d.parent_label == "2." for d in tasks[2:6])
    assert second2.parent is None
    warnings = directive_warnings(list(items))
    assert [w["code"] for w in warnings] == ["duplicate_label"]
    assert "2." in warnings[0]["message"]


def test_004_page_break_is_one_item() -> None:
    text, items = _doc(SEED_004)
    first_bullet = _containing(items, "Thực hiện tốt “mục tiêu kép”")
    assert first_bullet.label == "-"
    assert "trọng điểm về\n\nkinh tế, các địa phương cửa ngõ của tỉnh" in first_bullet.text
    assert first_bullet.text.rstrip().endswith("theo hướng dẫn của Bộ Y tế.")
    assert first_bullet.deadline == "2021-12-31"  # "phấn đấu đến cuối năm"
    assert first_bullet.deadline_text is not None and "cuối năm" in first_bullet.deadline_text
    assert text[first_bullet.start : first_bullet.end] == first_bullet.text


def test_004_unnumbered_paragraphs_stay_in_their_item() -> None:
    _, items = _doc(SEED_004)
    second2 = _containing(items, "Các địa phương tiếp tục thực hiện hiệu quả")
    assert "Củng cố, phát huy vai trò các tổ giám sát cộng đồng" in second2.text
    assert "Phối hợp chặt chẽ, kịp thời với các chốt kiểm soát dịch" in second2.text
    assert "Bộ đội Biên phòng" not in second2.text


@pytest.mark.parametrize("gold_item", _gold(SEED_004)["directives"], ids=lambda g: g["text_start"][:30])
def test_004_every_item_matches_the_gold(gold_item: dict[str, Any]) -> None:
    _, items = _doc(SEED_004)
    d = _containing(items, gold_item["text_start"])
    assert d.label == gold_item["label"]
    assert d.issuer == gold_item["issuer"]
    assert _keys(gold_item["assignees"]) <= _keys(d.assignees)
    allowed = _keys(gold_item["assignees"]) | _keys(gold_item.get("optional_assignees", []))
    assert _keys(d.assignees) <= allowed
    if "coordinators" in gold_item:
        assert _keys(d.coordinators) == _keys(gold_item["coordinators"])
    assert d.deadline == gold_item.get("deadline")


def test_004_lead_in_and_closing_are_general() -> None:
    _, items = _doc(SEED_004)
    general = [d for d in items if d.kind == "general"]
    assert [d.id for d in general] == ["lead", "closing"]
    lead, closing = general
    assert "tập trung thực hiện tốt một số nội dung trọng tâm sau" in lead.text
    assert lead.verb == "yêu cầu" and lead.label is None
    assert "thực hiện nghiêm Thông báo này" in closing.text
    last = _containing(items, "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy")
    assert "Thông báo này" not in last.text
    assert last.refs == ("105-TB/TU",)


# --------------------------------------------------------------------------- other real notices


@pytest.mark.parametrize(
    "base, issuer",
    [
        ("dev_01", "Bộ Chính trị, Ban Bí thư"),  # the lead-in overrides "BAN CHẤP HÀNH TRUNG ƯƠNG"
        ("dev_03", "Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình"),
        ("dev_04", "Thủ tướng Chính phủ"),
        ("dev_05", "Chủ tịch UBND tỉnh"),
        ("dev_06", "UBND thành phố Hà Nội"),
        ("dev_07", "Chủ tịch Ủy ban nhân dân Thành phố"),
        ("dev_08", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),  # the upper-case head of the body
    ],
)
def test_notice_issuer_inherited_by_every_item(base: str, issuer: str) -> None:
    _, items = _doc(base)
    assert items
    assert {d.issuer for d in items} == {issuer}


@pytest.mark.parametrize(
    "base, snippet, assignees, coordinators, deadline",
    [
        # "Giao X …" at the start of an item; "(hoàn thành trong tháng 11/2025)"
        ("dev_01", "Giao Đảng uỷ Quốc hội lãnh đạo", ["Đảng ủy Quốc hội"], [], "2025-11-30"),
        # "Đề nghị X, Y và các Z …": a list of named bodies is split
        (
            "dev_03",
            "Đề nghị Ủy ban Kinh tế và Tài chính của Quốc hội",
            ["Ủy ban Kinh tế và Tài chính của Quốc hội", "Hội đồng dân tộc của Quốc hội", "các Ủy ban của Quốc hội"],
            [],
            None,
        ),
        # "Giao X chủ trì, phối hợp với Y, Z …"
        (
            "dev_03",
            "Bộ Tài chính tiếp thu ý kiến",
            ["Bộ Nông nghiệp và Môi trường"],
            ["Bộ Dân tộc và Tôn giáo", "Bộ Tài chính"],
            None,
        ),
        # "3. Trong thời gian tới, yêu cầu các bộ, ngành …"
        ("dev_03", "Trong thời gian tới, yêu cầu", ["các bộ, ngành"], [], None),
        # "giao X …" inside an item whose start names no one
        ("dev_03", "Về việc phê duyệt Chương trình", ["Bộ Nông nghiệp và Môi trường"], [], None),
        # a numbered lead-in that only names who must act passes it to its bullets
        ("dev_04", "Tiếp tục huy động tối đa các lực lượng", ["Chủ tịch Ủy ban nhân dân các tỉnh"], [], None),
        # persons and bodies joined by "và" are split, the province list is dropped
        (
            "dev_04",
            "Đồng chí Bí thư tỉnh ủy và Chủ tịch",
            ["Bí thư tỉnh ủy", "Chủ tịch Ủy ban nhân dân các tỉnh", "lãnh đạo các Bộ, ngành"],
            [],
            None,
        ),
        ("dev_04", "Bộ Quốc phòng, Bộ Công an chỉ đạo", ["Bộ Quốc phòng", "Bộ Công an"], [], None),
        ("dev_04", "Các Bộ: Quốc phòng, Tài chính kịp thời", ["Các Bộ: Quốc phòng, Tài chính"], [], None),
        # the bold heading "**3. Sở Nội\nvụ**" passes its body to the letters below
        ("dev_05", "Kịp thời có giải pháp động", ["Sở Nội vụ"], [], None),
        ("dev_05", "Phối hợp Văn phòng UBND tỉnh", ["Sở Nội vụ"], ["Văn phòng UBND tỉnh"], None),
        # task table of a plan: "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"
        (
            "dev_06",
            "Tham mưu UBND Thành phố phối hợp với Bộ Công an",
            ["Sở Khoa học và Công nghệ"],
            ["Các Sở, ban, ngành"],
            "2025-12-31",
        ),
        (
            "dev_06",
            "Tổ chức triển khai, sử dụng thống nhất",
            ["Các Sở, ban, ngành Thành phố"],
            ["Sở Khoa học và Công nghệ", "UBND xã, phường"],
            "2025-12-31",
        ),
        (
            "dev_06",
            "tổ chức có liên quan căn cứ Kế hoạch này",
            # the others concerned are the subject too: they must act (the fresh gold's reading)
            ["Các Sở, ban, ngành", "UBND xã, phường", "các cơ quan, tổ chức có liên quan"],
            [],
            None,
        ),
        # "**2. Giao Sở Nội vụ**" and its bullets; "trước ngày 06 tháng 12 năm 2025"
        ("dev_07", "Hướng dẫn, theo dõi tiến độ", ["Sở Nội vụ"], [], None),
        # "Ủy quyền X thực hiện …, cụ thể:" and "Điều 3. X tỉnh Quảng Ngãi:" pass X down
        ("dev_08", "Cấp, thu hồi Giấy chứng", ["Giám đốc Sở Nông nghiệp và Môi trường"], [], None),
        ("dev_08", "Tham mưu thay đổi", ["Giám đốc Sở Nông nghiệp và Môi trường"], [], None),
    ],
)
def test_real_notice_items(
    base: str, snippet: str, assignees: list[str], coordinators: list[str], deadline: str | None
) -> None:
    _, items = _doc(base)
    d = _containing(items, snippet)
    assert list(d.assignees) == [normalize(a).text for a in assignees]
    assert list(d.coordinators) == coordinators
    assert d.deadline == deadline


def test_dev_07_deadline_and_addressee_block() -> None:
    _, items = _doc("dev_07")
    d = _containing(items, "Tiếp tục triển khai việc cập")
    assert d.deadline == "2025-12-06"
    assert "trước ngày 06 tháng 12 năm 2025" in (d.deadline_text or "")
    # the "Kính gửi:" bullets are addressees, not items
    assert not any("Các đơn vị sự nghiệp công lập trực thuộc" in x.text for x in items if x.label == "-")


def test_dev_04_addressee_bullets_are_not_items() -> None:
    _, items = _doc("dev_04")
    assert not any(d.text.startswith("Bí thư tỉnh ủy, Chủ tịch") for d in items)
    assert [d.label for d in items if d.label][:2] == ["1.", "2."]


def test_dev_06_section_titles_and_table_fields_are_not_returned() -> None:
    _, items = _doc("dev_06")
    texts = [d.text for d in items]
    assert "NHIỆM VỤ" not in texts and "Yêu cầu" not in texts
    assert not any(t.startswith("Đơn vị chủ trì") or t.startswith("Cơ quan thực hiện") for t in texts)
    # the tree is kept: bullets of "II. 1. 1.2. a)" name their parent path
    d = _containing(items, "Phối hợp triển khai số hóa theo")
    assert d.parent_label == "II. 1. 1.2. a)"


def test_dev_08_articles_of_a_decision() -> None:
    _, items = _doc("dev_08")
    labels = [d.label for d in items]
    assert labels[:4] == ["Điều 1", "1.", "2.", "3."]
    assert "Điều 3" in labels and "Điều 4" in labels
    sub = [d for d in items if d.parent_label == "Điều 3"]
    assert [d.label for d in sub] == ["1.", "2.", "3."]


# --------------------------------------------------------------------------- articles (real)


def test_000_speaker_resolution_with_a_resolver() -> None:
    text, _ = _doc(SEED_000)
    from directive_nlp.extract.layout import find_layout

    officials = {"Bí thư Tỉnh ủy": "Nguyễn Văn Thắng"}
    items = find_directives(
        text, kind="article", main=find_layout(text).main, resolve_speaker=lambda p: officials.get(p)
    )
    _check_spans(text, items)
    assert len(items) == 3
    assert {d.issuer for d in items} == {"Nguyễn Văn Thắng"}
    first = _containing(items, "tập trung rà soát, cập nhật lại kế hoạch")
    assert first.assignees == ("các huyện, thị xã, thành phố, cơ quan, ban, ngành",)
    assert first.text.startswith("tập trung rà soát")
    # "Bí thư Tỉnh ủy yêu cầu tránh: …" and "Đồng chí nhấn mạnh, … yêu cầu phải gắn …"
    assert _containing(items, "tránh").verb == "yêu cầu"
    emph = _containing(items, "phải gắn trách nhiệm của người đứng đầu")
    assert emph.verb == "nhấn mạnh" and emph.assignees == ()


@pytest.mark.parametrize(
    "base, snippet, issuer, assignees",
    [
        (SEED_000, "tập trung rà soát, cập nhật lại kế hoạch", "Nguyễn Văn Thắng", ["các huyện, thị xã, thành phố, cơ quan, ban, ngành"]),
        ("001_3c5e263b584c7281", "tiếp tục chỉ đạo các ngành, các địa phương", "Nguyễn Văn Lợi", ["UBND tỉnh"]),
        ("001_3c5e263b584c7281", "nêu cao tinh thần phòng chống dịch", "Trần Tuệ Hiền", ["BCĐ các cấp"]),
        ("002_fd66297768012acf", "quan tâm, sớm hoàn thiện quy hoạch", "Nguyễn Trọng Nghĩa", ["lãnh đạo tỉnh Điện Biên"]),
        ("003_6b2504e18128436a", "triển khai đầy đủ, đồng bộ, hiệu quả", "UBND tỉnh", []),
        # "Thủ tướng" is named in the text as "Thủ tướng Phạm Minh Chính"
        ("dev_09", "tiếp tục có thông tư quy định chi tiết", "Phạm Minh Chính", ["Bộ Xây dựng"]),
        ("dev_09", "chủ động, xung phong nhận nhiệm vụ", "Phạm Minh Chính", ["các doanh nghiệp"]),
        ("dev_10", "nghiên cứu, tổ chức lãnh đạo, chỉ đạo triển khai", "Nguyễn Duy Ngọc", ["Quân ủy Trung ương"]),
        ("dev_11", "tập trung giải quyết dứt điểm các phần việc", "Phạm Anh Tuấn", ["huyện Vân Canh"]),
        ("dev_12", "khẩn trương thực hiện", "Nguyễn Đức Chung", ["các sở ngành"]),
        ("dev_12", "thành lập tổ công tác do Giám đốc sở chủ trì", "Nguyễn Đức Chung", ["Sở KH-ĐT"]),
        ("dev_12", "đề xuất các dự án ưu tiên để UBND TP xem xét", "Nguyễn Đức Chung", []),
        (
            "dev_13",
            "khẩn trương chỉ đạo xây dựng các phương án bảo vệ an toàn",
            "Vũ Đức Đam",
            ["Bộ trưởng các Bộ GTVT, Công Thương, Tài chính", "Thống đốc Ngân hàng Nhà nước Việt Nam"],
        ),
        ("dev_14", "bám sát chỉ đạo của cấp ủy", "Nguyễn Văn Sơn", ["Công an tỉnh Sóc Trăng"]),
    ],
)
def test_real_article_instructions(base: str, snippet: str, issuer: str, assignees: list[str]) -> None:
    _, items = _doc(base)
    d = _containing(items, snippet)
    assert d.issuer == issuer
    assert list(d.assignees) == assignees
    assert d.label is None and d.kind == "task"


def test_dev_13_lead_repeating_the_body_is_merged() -> None:
    _, items = _doc("dev_13")
    same = [d for d in items if "chủ trì, phối hợp với các Bộ Công an, Quốc phòng" in d.text]
    assert len(same) == 1
    assert same[0].deadline == "2017-07-30"
    # the catch-all "và các bộ, cơ quan liên quan" is dropped, as in seed 004 ("Sở Y tế")
    assert same[0].coordinators == ("các Bộ Công an, Quốc phòng",)
    assert _containing(items, "chủ trì, phối hợp với Bộ GTVT").deadline == "2017-09-01"


def test_dev_12_deadline_without_a_year() -> None:
    _, items = _doc("dev_12")
    assert _containing(items, "thành lập tổ công tác").deadline == "XXXX-02-20"


@pytest.mark.parametrize(
    "base, fact",
    [
        (SEED_000, "đại diện lãnh đạo UBND tỉnh báo cáo tình hình dịch"),
        (SEED_000, "Thành lập 5 chốt kiểm dịch"),
        ("002_fd66297768012acf", "Đồng chí nhấn mạnh những kết quả của huyện Nậm Pồ"),
        ("dev_09", "Chính phủ, Thủ tướng Chính phủ chỉ đạo quyết liệt"),
        ("dev_09", "trong đó giao 58 nhiệm vụ cụ thể"),
        ("dev_10", "đã lãnh đạo, chỉ đạo các cơ quan, đơn vị trong toàn quân"),
        ("dev_10", "chỉ đạo và tổ chức thực hiện công tác nhân sự"),
        ("dev_13", "Thủ tướng Chính phủ đã có chỉ đạo cụ thể"),
        ("dev_13", "công tác kiểm tra, thanh tra việc bảo vệ an toàn thông tin mạng đối với các hệ thống"),
        ("dev_14", "phát biểu chỉ đạo tại buổi làm việc với Công an tỉnh Sóc Trăng"),
        ("dev_14", "công tác tại Công an Sóc Trăng"),  # the headline
    ],
)
def test_real_reported_facts_are_not_directives(base: str, fact: str) -> None:
    _, items = _doc(base)
    key = fold(fact)
    assert not any(key in fold(d.text) for d in items)


def test_corpus_directive_f1() -> None:
    """The 19 corpus documents against their gold with the project's scorer."""
    from directive_nlp.eval import aggregate, score_document

    scores = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        _, items = _doc(path.stem)
        scores.append(score_document(gold, {"directives": [d.dump() for d in items]}, name=path.stem))
    rows = {r["field"]: r for r in aggregate(scores).rows()}
    assert rows["directives"]["f1"] >= 0.95
    assert rows["directives.issuer"]["accuracy"] >= 0.95
    assert rows["directives.deadline"]["accuracy"] >= 0.9


# --------------------------------------------------------------------------- documents written here

KE_HOACH = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
-------
Số: 125/KH-UBND
Nghệ An, ngày 10 tháng 3 năm 2024

KẾ HOẠCH
Triển khai công tác phòng, chống thiên tai năm 2024

Thực hiện Chỉ thị số 05/CT-TTg ngày 15/02/2024 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch triển khai như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Chủ động phòng ngừa, ứng phó kịp thời, hiệu quả với thiên tai.

II. NHIỆM VỤ, GIẢI PHÁP

1. Công tác chỉ đạo, điều hành

a) Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Sở Tài chính rà soát, bổ sung phương án ứng phó thiên tai, trình UBND tỉnh trước ngày 30/4/2024.

b) UBND các huyện, thành phố, thị xã kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn cấp huyện, hoàn thành trong tháng 5/2024.

2. Công tác tuyên truyền

a) Giao Sở Thông tin và Truyền thông chỉ đạo các cơ quan báo chí tăng cường tuyên truyền về phòng, chống thiên tai.

b) Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội vận động Nhân dân chủ động phòng tránh.

III. TỔ CHỨC THỰC HIỆN

1. Sở Tài chính, Sở Kế hoạch và Đầu tư cân đối, bố trí kinh phí thực hiện Kế hoạch.

2. Sở Nông nghiệp và Phát triển nông thôn theo dõi, đôn đốc, báo cáo UBND tỉnh trước ngày 15/12/2024.

Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo UBND tỉnh để xem xét, giải quyết./.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn An
"""

QUYET_DINH = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
-------
Số: 456/QĐ-UBND
Lâm Đồng, ngày 05 tháng 6 năm 2024

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác rà soát dự án đầu tư

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Theo đề nghị của Giám đốc Sở Kế hoạch và Đầu tư tại Tờ trình số 112/TTr-SKHĐT ngày 01/6/2024.

QUYẾT ĐỊNH:

Điều 1. Thành lập Tổ công tác rà soát các dự án đầu tư ngoài ngân sách trên địa bàn tỉnh.
Điều 2. Nhiệm vụ của Tổ công tác:
1. Rà soát toàn bộ các dự án chậm tiến độ, báo cáo UBND tỉnh trước ngày 31/7/2024.
2. Đề xuất phương án xử lý đối với từng dự án.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Kế hoạch và Đầu tư, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.
Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

CHỦ TỊCH
Trần Văn Bình
"""

CONG_DIEN = """THỦ TƯỚNG CHÍNH PHỦ
-------
Số: 45/CĐ-TTg
Hà Nội, ngày 12 tháng 9 năm 2024

CÔNG ĐIỆN
Về việc tập trung khắc phục hậu quả bão số 3

THỦ TƯỚNG CHÍNH PHỦ điện:
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Quảng Ninh, Hải Phòng, Thái Bình;
- Các Bộ: Công an, Quốc phòng, Y tế.

Bão số 3 đã gây thiệt hại nặng nề về người và tài sản. Để khẩn trương khắc phục hậu quả, Thủ tướng Chính phủ yêu cầu:
1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố bị ảnh hưởng tập trung chỉ đạo khắc phục hậu quả, bảo đảm ổn định đời sống Nhân dân.
2. Bộ Y tế chỉ đạo các cơ sở y tế bảo đảm vệ sinh môi trường, phòng chống dịch bệnh sau bão.
3. Bộ Công an, Bộ Quốc phòng huy động lực lượng hỗ trợ người dân khắc phục hậu quả, hoàn thành trước ngày 20/9/2024.
4. Văn phòng Chính phủ theo dõi, đôn đốc theo chức năng được giao./.

Nơi nhận:
- Như trên;
- Lưu: VT, NN.

KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Trần Hồng Hà
"""

CONG_VAN = """BỘ Y TẾ
-------
Số: 1234/BYT-KCB
V/v tăng cường phòng chống sốt xuất huyết
Hà Nội, ngày 02 tháng 8 năm 2024

Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.

Trước tình hình dịch sốt xuất huyết diễn biến phức tạp, Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố khẩn trương triển khai các nội dung sau:
1) Chỉ đạo các cơ sở khám bệnh, chữa bệnh chuẩn bị đầy đủ thuốc, vật tư, giường bệnh.
2) Tổ chức tập huấn cho nhân viên y tế về chẩn đoán, điều trị sốt xuất huyết, hoàn thành trước ngày 31/8/2024.
3) Báo cáo kết quả thực hiện về Cục Quản lý Khám, chữa bệnh chậm nhất ngày 15/9/2024.
Bộ Y tế đề nghị Sở Y tế các tỉnh, thành phố nghiêm túc thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, KCB.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trần Văn Thuấn
"""

THONG_BAO_HUYEN = """ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY LỤC NAM
*
Số 52-TB/HU
Lục Nam, ngày 20 tháng 10 năm 2023

THÔNG BÁO
Kết luận của Thường trực Huyện ủy tại buổi làm việc với Đảng ủy xã Bảo Sơn

Ngày 18/10/2023, đồng chí Nguyễn Văn Hùng, Bí thư Huyện ủy chủ trì buổi làm việc với Đảng ủy xã Bảo Sơn. Sau khi nghe báo cáo, ý kiến của các đại biểu, đồng chí Bí thư Huyện ủy kết luận và chỉ đạo như sau:
1. Đảng ủy xã Bảo Sơn tập trung lãnh đạo hoàn thành các chỉ tiêu kinh tế - xã hội năm 2023, trong đó:
+ Đẩy nhanh tiến độ xây dựng nông thôn mới nâng cao, hoàn thành trước ngày 30/11/2023;
+ Thực hiện tốt công tác thu ngân sách trên địa bàn.
2. Giao Ủy ban nhân dân huyện chỉ đạo Phòng Tài chính - Kế hoạch phối hợp với UBND xã Bảo Sơn rà soát nguồn vốn đầu tư công, báo cáo Thường trực Huyện ủy trong quý IV/2023.
3. Đề nghị Mặt trận Tổ quốc và các đoàn thể huyện tăng cường tuyên truyền, vận động Nhân dân tham gia xây dựng nông thôn mới.
Văn phòng Huyện ủy thông báo để các cơ quan, đơn vị liên quan biết, thực hiện.

T/M HUYỆN ỦY
BÍ THƯ
Nguyễn Văn Hùng
"""


@lru_cache(maxsize=None)
def _written(name: str) -> tuple[str, tuple[Directive, ...]]:
    from directive_nlp.extract.header import find_header
    from directive_nlp.extract.layout import find_layout

    raw = {"kh": KE_HOACH, "qd": QUYET_DINH, "cd": CONG_DIEN, "cv": CONG_VAN, "tb": THONG_BAO_HUYEN}[name]
    text = _norm(raw)
    lay = find_layout(text)
    head = find_header(text, lay)
    items = find_directives(
        text,
        kind="notice",
        main=lay.main,
        issuer=head.issuer.value if head.issuer else None,
        doc_year=2024,
        body_start=lay.header_end,
    )
    _check_spans(text, items)
    return text, tuple(items)


def test_ke_hoach_levels() -> None:
    _, items = _written("kh")
    by_id = {d.id: d for d in items}
    # "I. MỤC ĐÍCH, YÊU CẦU" assigns no work: its "1. Chủ động phòng ngừa …" is no task
    assert ["II.1", "II.1.a", "II.1.b", "II.2", "II.2.a", "II.2.b", "III.1", "III.2"] == [
        d.id for d in items if d.label
    ]
    a = by_id["II.1.a"]
    assert (a.label, a.parent, a.parent_label) == ("a)", "II.1", "II. 1.")
    assert a.issuer == "UBND tỉnh"  # "UBND tỉnh ban hành Kế hoạch …"
    assert a.assignees == ("Sở Nông nghiệp và Phát triển nông thôn",)
    assert a.coordinators == ("Sở Tài chính",)
    assert a.deadline == "2024-04-30"
    b = by_id["II.1.b"]
    assert b.assignees == ("UBND các huyện, thành phố, thị xã",)
    assert b.deadline == "2024-05-31"  # "hoàn thành trong tháng 5/2024"
    assert b.assignees_norm == ("ủy ban nhân dân các huyện, thành phố, thị xã",)
    assert by_id["II.2.a"].assignees == ("Sở Thông tin và Truyền thông",)
    assert by_id["II.2.a"].verb == "giao"
    assert by_id["II.2.b"].assignees == ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội",)
    assert by_id["II.2.b"].verb == "đề nghị"
    assert by_id["III.1"].assignees == ("Sở Tài chính", "Sở Kế hoạch và Đầu tư")
    assert by_id["III.2"].deadline == "2024-12-15"
    assert by_id["II.1"].kind == "general"  # a heading with items under it
    assert "Trong quá trình thực hiện" not in by_id["III.2"].text
    assert directive_warnings(list(items)) == []


def test_quyet_dinh_articles() -> None:
    _, items = _written("qd")
    # "Điều 1. Thành lập Tổ công tác …" is the decision itself (the act), not a task
    assert [(d.id, d.label, d.parent) for d in items] == [
        ("D2", "Điều 2", None),
        ("D2.1", "1.", "D2"),
        ("D2.2", "2.", "D2"),
        ("D3", "Điều 3", None),
    ]
    assert {d.issuer for d in items} == {"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"}
    assert items[1].deadline == "2024-07-31"
    assert items[3].assignees == (
        "Chánh Văn phòng UBND tỉnh",
        "Giám đốc Sở Kế hoạch và Đầu tư",
        "Thủ trưởng các cơ quan, đơn vị có liên quan",
    )
    assert "có hiệu lực" not in items[3].text


def test_cong_dien() -> None:
    _, items = _written("cd")
    tasks = [d for d in items if d.label]
    assert [d.label for d in tasks] == ["1.", "2.", "3.", "4."]  # the addressee bullets are skipped
    assert {d.issuer for d in items} == {"Thủ tướng Chính phủ"}
    assert tasks[0].assignees == ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố bị ảnh hưởng",)
    assert tasks[1].assignees == ("Bộ Y tế",)
    assert tasks[2].assignees == ("Bộ Công an", "Bộ Quốc phòng")
    assert tasks[2].deadline == "2024-09-20"
    assert tasks[3].assignees == ("Văn phòng Chính phủ",)
    lead = items[0]
    assert lead.kind == "general" and lead.text.endswith("Thủ tướng Chính phủ yêu cầu:")


def test_cong_van_numbered_with_parenthesis() -> None:
    _, items = _written("cv")
    tasks = [d for d in items if d.kind == "task"]
    assert [d.label for d in tasks] == ["1)", "2)", "3)"]
    # the addressee of the lead-in acts for the items that name no one
    assert all(d.assignees == ("Sở Y tế các tỉnh, thành phố",) for d in tasks)
    assert [d.deadline for d in tasks] == [None, "2024-08-31", "2024-09-15"]
    closing = items[-1]
    assert closing.id == "closing" and "nghiêm túc thực hiện" in closing.text
    assert "nghiêm túc thực hiện" not in tasks[-1].text


def test_thong_bao_ket_luan_of_a_district() -> None:
    _, items = _written("tb")
    assert [d.label for d in items] == ["1.", "+", "+", "2.", "3."]
    assert {d.issuer for d in items} == {"Bí thư Huyện ủy"}
    one, plus1, plus2, two, three = items
    assert one.assignees == ("Đảng ủy xã Bảo Sơn",)
    assert plus1.parent == "1" and plus1.assignees == ("Đảng ủy xã Bảo Sơn",)
    assert plus1.deadline == "2023-11-30"
    assert two.assignees == ("Ủy ban nhân dân huyện",) and two.coordinators == ("UBND xã Bảo Sơn",)
    assert two.deadline == "2023-12-31"  # "trong quý IV/2023"
    assert three.assignees == ("Mặt trận Tổ quốc và các đoàn thể huyện",)
    assert "thông báo để" not in three.text


# --------------------------------------------------------------------------- article sentences written here


ARTICLE = """Quảng Nam đẩy nhanh tiến độ dự án cao tốc

Chiều 15/3, Chủ tịch UBND tỉnh Quảng Nam Lê Văn Dũng chủ trì cuộc họp về tiến độ các dự án giao thông trọng điểm.

Báo cáo tại cuộc họp, ông Trần Minh Tâm, Giám đốc Sở Giao thông vận tải cho biết, thời gian qua sở đã chỉ đạo các nhà thầu tăng ca. Năm 2023, UBND tỉnh đã giao Sở Tài chính bố trí 200 tỷ đồng cho dự án.

Phát biểu kết luận, Chủ tịch UBND tỉnh Lê Văn Dũng yêu cầu Sở Giao thông vận tải khẩn trương hoàn thành hồ sơ thiết kế trước ngày 30/4. Ông Dũng cũng đề nghị các huyện Núi Thành, Phú Ninh đẩy nhanh tiến độ giải phóng mặt bằng.

Theo yêu cầu của Bộ Giao thông vận tải, dự án phải hoàn thành trong năm 2025.

Ông Lê Văn Dũng, Chủ tịch UBND tỉnh giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND huyện Thăng Bình xử lý dứt điểm các vướng mắc về đất đai.

UBND tỉnh Quảng Nam vừa có văn bản yêu cầu các sở, ngành tăng cường kiểm tra chất lượng công trình.
"""

ARTICLE_2 = """Bí thư Thành ủy Cần Thơ làm việc với quận Ninh Kiều

Sáng 5/7, đồng chí Trần Thị Lan - Bí thư Thành ủy Cần Thơ đã làm việc với Ban Thường vụ Quận ủy Ninh Kiều.

Theo báo cáo, quận đã hoàn thành 12/15 chỉ tiêu. Theo chỉ đạo của Thành ủy, quận đã thành lập 3 tổ công tác đặc biệt. Việc thực hiện các nhiệm vụ được giao cơ bản đúng tiến độ, đáp ứng yêu cầu đề ra.

Phát biểu chỉ đạo, Bí thư Thành ủy yêu cầu Quận ủy Ninh Kiều tập trung lãnh đạo thực hiện quyết liệt các giải pháp cải cách hành chính. “Cán bộ phải sâu sát cơ sở, không để người dân chờ đợi”, Bí thư Thành ủy nhấn mạnh.

Bà Lan lưu ý, quận phải chủ động rà soát các điểm ngập úng, hoàn thành phương án chống ngập trước mùa mưa.

Đồng thời, bà đề nghị UBND quận Ninh Kiều phối hợp với Sở Xây dựng kiểm tra các công trình chậm tiến độ; xử lý nghiêm các vi phạm trật tự xây dựng.
"""


def _article(raw: str, **kw: Any) -> tuple[str, list[Directive]]:
    text = _norm(raw)
    items = find_directives(text, kind="article", doc_year=2024, **kw)
    _check_spans(text, items)
    return text, items


def test_written_article_speakers_and_facts() -> None:
    _, items = _article(ARTICLE)
    assert [d.verb for d in items] == ["yêu cầu", "đề nghị", "giao", "yêu cầu"]
    first, second, third, fourth = items
    assert (first.issuer, first.assignees, first.deadline) == ("Lê Văn Dũng", ("Sở Giao thông vận tải",), "2024-04-30")
    assert first.text.startswith("khẩn trương hoàn thành hồ sơ thiết kế")
    # "Ông Dũng": the given name of the speaker named before
    assert (second.issuer, second.assignees) == ("Lê Văn Dũng", ("các huyện Núi Thành, Phú Ninh",))
    # "Ông Lê Văn Dũng, Chủ tịch UBND tỉnh giao …": the name before the title
    assert (third.issuer, third.assignees, third.coordinators) == (
        "Lê Văn Dũng",
        ("Sở Tài nguyên và Môi trường",),
        ("UBND huyện Thăng Bình",),
    )
    # "UBND tỉnh Quảng Nam vừa có văn bản yêu cầu …": the body
    assert (fourth.issuer, fourth.assignees) == ("UBND tỉnh Quảng Nam", ("các sở, ngành",))
    joined = " ".join(d.text for d in items)
    for fact in ("tăng ca", "200 tỷ đồng", "hoàn thành trong năm 2025"):
        assert fact not in joined


def test_written_article_titles_quotes_and_pronouns() -> None:
    _, items = _article(ARTICLE_2)
    assert [d.issuer for d in items] == ["Trần Thị Lan"] * 4  # "Bí thư Thành ủy", the quote, "Bà Lan", "bà"
    assert items[0].assignees == ("Quận ủy Ninh Kiều",)
    assert items[1].text == "Cán bộ phải sâu sát cơ sở, không để người dân chờ đợi"
    assert items[2].verb == "lưu ý" and items[2].assignees == ("quận",)
    assert items[3].assignees == ("UBND quận Ninh Kiều",) and items[3].coordinators == ("Sở Xây dựng",)
    joined = " ".join(d.text for d in items)
    assert "3 tổ công tác" not in joined and "đáp ứng yêu cầu" not in joined


def test_written_article_instruction_lists() -> None:
    raw = (
        "Sở Xây dựng làm việc với tỉnh\n\n"
        "Phát biểu chỉ đạo, Chủ tịch UBND tỉnh Bình Dương Võ Văn Minh yêu cầu:\n"
        "- Sở Xây dựng khẩn trương hoàn thiện quy hoạch chung đô thị trước ngày 30/6/2024.\n"
        "- Rà soát quỹ đất dành cho nhà ở xã hội.\n"
        "Đồng thời ông Minh đề nghị các sở, ngành liên quan:\n"
        "1. Tập trung tháo gỡ vướng mắc.\n"
        "Buổi làm việc kết thúc lúc 11 giờ cùng ngày.\n"
    )
    _, items = _article(raw)
    assert [(d.issuer, d.verb, d.assignees, d.deadline) for d in items] == [
        ("Võ Văn Minh", "yêu cầu", ("Sở Xây dựng",), "2024-06-30"),
        ("Võ Văn Minh", "yêu cầu", (), None),
        ("Võ Văn Minh", "đề nghị", ("các sở, ngành liên quan",), None),
    ]
    assert [d.text for d in items][1:] == ["Rà soát quỹ đất dành cho nhà ở xã hội.", "Tập trung tháo gỡ vướng mắc."]


def test_resolver_is_used_for_a_title_alone() -> None:
    raw = "Tại hội nghị, Giám đốc Sở Y tế yêu cầu các bệnh viện tuyến huyện bảo đảm đủ cơ số thuốc."
    _, items = _article(raw, resolve_speaker=lambda p: {"Giám đốc Sở Y tế": "Hoàng Minh Đức"}.get(p))
    assert [(d.issuer, d.assignees) for d in items] == [("Hoàng Minh Đức", ("các bệnh viện tuyến huyện",))]
    # without a resolver nor a name in the text the title itself stands
    _, items = _article(raw)
    assert items[0].issuer == "Giám đốc Sở Y tế"


@pytest.mark.parametrize(
    "sentence, issuer, verb, assignees, start",
    [
        (
            "Kết luận cuộc họp, Phó Chủ tịch UBND tỉnh Nguyễn Thị Hoa giao Sở Kế hoạch và Đầu tư chủ trì tham mưu phương án phân bổ vốn.",
            "Nguyễn Thị Hoa", "giao", ["Sở Kế hoạch và Đầu tư"], "chủ trì tham mưu phương án",
        ),
        (
            "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Minh Hoan đề nghị các địa phương vùng Đồng bằng sông Cửu Long chủ động trữ nước ngọt.",
            "Lê Minh Hoan", "đề nghị", ["các địa phương vùng Đồng bằng sông Cửu Long"], "chủ động trữ nước ngọt",
        ),
        (
            "Đồng chí Hoàng Văn Nam nhấn mạnh, các cấp ủy phải nêu cao vai trò nêu gương của người đứng đầu.",
            "Hoàng Văn Nam", "nhấn mạnh", ["các cấp ủy"], "các cấp ủy phải nêu cao",
        ),
        (
            "Các huyện, thị xã được yêu cầu hoàn thành việc kiểm kê rừng trước ngày 15/10.",
            None, "yêu cầu", ["Các huyện, thị xã"], "hoàn thành việc kiểm kê rừng",
        ),
        (
            "Chủ tịch UBND thành phố Đà Nẵng Lê Trung Chinh chỉ đạo Công an thành phố tăng cường tuần tra, kiểm soát.",
            "Lê Trung Chinh", "chỉ đạo", ["Công an thành phố"], "tăng cường tuần tra",
        ),
    ],
)
def test_written_article_sentences(
    sentence: str, issuer: str | None, verb: str, assignees: list[str], start: str
) -> None:
    _, items = _article(sentence)
    assert len(items) == 1
    d = items[0]
    assert (d.issuer, d.verb, list(d.assignees)) == (issuer, verb, assignees)
    assert start in d.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm qua, Sở Y tế đã chỉ đạo các bệnh viện tăng cường công tác khám chữa bệnh.",
        "Theo chỉ đạo của UBND tỉnh, các huyện đã hoàn thành việc kiểm kê.",
        "Ông Nguyễn Văn Bình, Giám đốc Sở Tài chính cho biết đơn vị đã giao dự toán cho các huyện.",
        "Các đơn vị thực hiện tốt nhiệm vụ được giao, đáp ứng yêu cầu đặt ra.",
        "Đồng chí Bí thư nhấn mạnh những kết quả nổi bật của huyện trong năm qua.",
        "Tham dự có đại diện lãnh đạo các sở, ngành và Văn phòng UBND tỉnh.",
        "Bên cạnh đó, các xã cần chủ động hơn trong công tác tuyên truyền.",
        "Hội nghị giao ban khối nội chính được tổ chức vào sáng nay.",
        "Người dân đề nghị chính quyền sớm sửa chữa tuyến đường.",
        "Cử tri đề nghị ngành điện bảo đảm cung ứng điện.",
        "Trước yêu cầu cấp bách, tỉnh đã tăng cường lực lượng.",
    ],
)
def test_written_facts_are_not_directives(sentence: str) -> None:
    _, items = _article(sentence)
    assert items == []


# --------------------------------------------------------------------------- deadlines, norms, warnings


@pytest.mark.parametrize(
    "item, year, deadline",
    [
        ("1. Sở Nội vụ tổng hợp, báo cáo trước ngày 15/8/2021.", 2021, "2021-08-15"),
        ("1. Các sở, ngành gửi báo cáo chậm nhất ngày 20/9/2024.", 2024, "2024-09-20"),
        ("1. Giao Bộ Tài chính trình Chính phủ (hoàn thành trong tháng 11/2025).", 2025, "2025-11-30"),
        ("1. Sở Y tế phấn đấu đến cuối năm tiêm chủng cho 100% người dân.", 2021, "2021-12-31"),
        ("1. Sở Công Thương báo cáo kết quả trong quý III/2024.", 2024, "2024-09-30"),
        ("1. Sở Xây dựng hoàn thành trước ngày 06 tháng 12 năm 2025.", 2025, "2025-12-06"),
        ("1. Các đơn vị báo cáo trước ngày 20 hằng tháng.", 2024, None),
        ("1. Các đơn vị tiếp tục thực hiện Nghị quyết từ ngày 18/6/2021.", 2021, None),
    ],
)
def test_deadlines(item: str, year: int, deadline: str | None) -> None:
    text = _norm("Ủy ban nhân dân tỉnh yêu cầu:\n" + item + "\n")
    items = [d for d in find_directives(text, kind="notice", doc_year=year) if d.label]
    _check_spans(text, items)
    assert len(items) == 1
    assert items[0].deadline == deadline
    if deadline:
        assert items[0].deadline_text and items[0].deadline_text in items[0].text


def test_assignees_norm() -> None:
    text = _norm(
        "Ban Thường vụ Tỉnh ủy yêu cầu:\n"
        "1. UBND tỉnh chỉ đạo các sở, ngành rà soát.\n"
        "2. Các địa phương tiếp tục thực hiện nghiêm.\n"
        "3. Ủy ban MTTQ tỉnh và HĐND các cấp tăng cường giám sát.\n"
    )
    items = [d for d in find_directives(text, kind="notice") if d.label]
    assert [d.assignees_norm for d in items] == [
        ("ủy ban nhân dân tỉnh",),
        ("địa phương",),
        ("ủy ban mặt trận tổ quốc tỉnh", "hội đồng nhân dân các cấp"),
    ]
    assert [d.issuer for d in items] == ["Ban Thường vụ Tỉnh ủy"] * 3


def test_issuer_argument_when_no_lead_in() -> None:
    text = _norm("1. Sở Tư pháp rà soát văn bản.\n2. Sở Nội vụ thẩm định hồ sơ.\n")
    items = find_directives(text, kind="notice", issuer="ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH")
    assert [d.issuer for d in items] == ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"] * 2


def test_refs_given_or_found() -> None:
    text = _norm("1. Sở Tư pháp thực hiện Nghị định số 15/2021/NĐ-CP và Kế hoạch số 267/KH-UBND.\n")
    found = find_directives(text, kind="notice")
    assert found[0].refs == ("15/2021/NĐ-CP", "267/KH-UBND")
    s = text.index("267/KH-UBND")
    given = find_directives(text, kind="notice", refs=[(s, s + len("267/KH-UBND"))])
    assert given[0].refs == ("267/KH-UBND",)


def test_warnings_for_repeated_labels_only() -> None:
    text = _norm("1. Sở A thực hiện.\n2. Sở B thực hiện.\n2. Sở C thực hiện.\n- Rà soát.\n- Báo cáo.\n")
    items = find_directives(text, kind="notice")
    assert [d.id for d in items] == ["1", "2", "2_2", "2_2.1", "2_2.2"]
    assert [w["code"] for w in directive_warnings(items)] == ["duplicate_label"]


def test_dataclass_is_frozen_and_dumps_plain_json() -> None:
    text = _norm("1. Sở Y tế tăng cường kiểm tra trước ngày 01/12/2024.\n")
    d = find_directives(text, kind="notice")[0]
    with pytest.raises(Exception):
        d.text = "x"  # type: ignore[misc]
    data = d.dump()
    assert data["text"] == text[data["start"] : data["end"]]
    assert set(data) >= {
        "id", "label", "parent", "parent_label", "issuer", "verb", "assignees", "assignees_norm",
        "coordinators", "text", "deadline", "deadline_text", "refs", "kind", "start", "end",
    }
    assert data["deadline"] == "2024-12-01"


@pytest.mark.parametrize("kind", ["notice", "article"])
def test_never_raises_on_odd_input(kind: str) -> None:
    rng = random.Random(7)
    alphabet = "abcđeêghiklmnoôơuưyÀÁẠĐăâếệộ .,;:!?()-+*“”\"\n\t0123456789IVX yêu cầu giao đề nghị Điều phải "
    samples = ["", " ", "\n\n", bytes(range(256)).decode("latin-1"), "1. " * 2000, "- Sở Y tế yêu cầu " * 500]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 1500))) for _ in range(40)]
    for s in samples:
        items = find_directives(s, kind=kind, main=[(0, len(s))], doc_year=2024, body_start=0)
        _check_spans(s, items)
    with pytest.raises(TypeError):
        find_directives(None, kind=kind)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- wrapped lines


def test_body_head_goes_on_over_its_wrapped_line() -> None:
    """The upper-case head of a decision's body, wrapped (dev_08 at 30 columns), names the whole
    authority; a head on one line followed by the type word still ends before it."""
    from directive_nlp.extract.directives.labels import TextLine, body_head
    from directive_nlp.extract.directives.lexicon import load_lex

    def lines(*raw: str) -> list[TextLine]:
        return [TextLine(0, len(r), r) for r in raw]

    lex = load_lex()
    wrapped = lines("**CHỦ TỊCH ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI**", "*Căn cứ Luật Tổ chức")
    assert body_head("", wrapped, lex) == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    typed = lines("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "QUYẾT ĐỊNH:", "Điều 1. Phê duyệt")
    assert body_head("", typed, lex) == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"


@pytest.mark.parametrize("width", [36, 45, 200])
def test_a_wrapped_headline_is_no_sentence_of_the_body(width: int) -> None:
    """dev_12's headline and lead, wrapped: the headline (cut inside a name, after a colon) is
    skipped, the lead's "Giao …" is read with the same words at every width."""
    head = "Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung: Chấn chỉnh lãnh đạo cấp phòng sở ngành, quận huyện, phường xã"
    lead = ("Giao 84 đầu việc cụ thể, phải làm ngay cho các sở ngành, quận huyện, Chủ tịch UBND TP Hà Nội "
            "Nguyễn Đức Chung nhấn mạnh, cần chấn chỉnh kỷ cương hành chính.")
    from directive_nlp.eval.robustness import rewrap

    text = normalize(rewrap(f"{head}\n{lead}", width)).text
    items = find_directives(text, kind="article")
    assert [" ".join(d.text.split()) for d in items][:1] == ["84 đầu việc cụ thể, phải làm ngay cho các sở ngành, quận huyện"]
    assert all(text[d.start : d.end] == d.text for d in items)
