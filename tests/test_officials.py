"""Tests for directive_nlp.extract.officials: corpus sentences, written sentences, negatives, resolver, gold."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_nlp.text.normalize import fold, normalize
from directive_nlp.extract.officials import Official, find_officials, resolve_title

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _contains_words(hay: str, needle: str) -> bool:
    """The scoring rule: ``needle`` occurs in ``hay`` on word boundaries."""
    start = 0
    while (i := hay.find(needle, start)) >= 0:
        j = i + len(needle)
        if (i == 0 or not hay[i - 1].isalnum()) and (j == len(hay) or not hay[j].isalnum()):
            return True
        start = i + 1
    return False


def _title_found(gold: str, returned: tuple[str, ...]) -> bool:
    g = fold(gold)
    return any(fold(t) == g or _contains_words(fold(t), g) for t in returned)


def _run(sentence: str, **kw: object) -> tuple[str, list[Official]]:
    text = normalize(sentence).text
    found = find_officials(text, **kw)  # type: ignore[arg-type]
    for o in found:
        assert text[o.start : o.end] == o.text
        for m in o.mentions:
            assert text[m.start : m.end] == m.text
        assert o.name == unicodedata.normalize("NFC", " ".join(o.name.split()))
    json.dumps([o.dump() for o in found], ensure_ascii=False)
    return text, found


def _by_name(found: list[Official]) -> dict[str, Official]:
    return {o.name: o for o in found}


# --------------------------------------------------------------------------- positives
# (sentence, {name: gold titles}); every gold title must equal or be contained in a returned
# title (the scoring rule), and no other person may be returned.

CORPUS_ROWS = [
    # titles before the name, several joined by commas
    ("Dự và chỉ đạo hội nghị có Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn đại biểu Quốc hội "
     "tỉnh Nguyễn Văn Lợi; Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Trần Tuệ Hiền chủ trì hội nghị.",
     {"Nguyễn Văn Lợi": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Trưởng đoàn đại biểu Quốc hội tỉnh"],
      "Trần Tuệ Hiền": ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]}),
    ("Dự tại điểm cầu chính UBND thị xã Bình Long có Tỉnh ủy viên, Bí thư Thị ủy Bình Long Bùi Quốc Bảo, "
     "các đồng chí thành viên BCĐ phòng, chống dịch bệnh Covid-19 thị xã",
     {"Bùi Quốc Bảo": ["Tỉnh ủy viên", "Bí thư Thị ủy Bình Long"]}),
    ("Báo cáo nhanh tình hình phòng, chống dịch bệnh trên địa bàn tỉnh, Phó Chủ tịch UBND tỉnh Trần Tuyết "
     "Minh cho biết, công tác phòng chống dịch trên địa bàn tỉnh đã đạt được nhiều kết quả tích cực",
     {"Trần Tuyết Minh": ["Phó Chủ tịch UBND tỉnh"]}),
    # title after the name, honorific before it (Hmong name)
    ("Tham dự tại điểm cầu của huyện Điện Biên Đông có đồng chí Mùa A Vảng - Bí thư Huyện ủy; đồng chí "
     "Bùi Ngọc La - Chủ tịch UBND huyện; cùng đại diện Thường trực Huyện ủy, Lãnh đạo UBND huyện",
     {"Mùa A Vảng": ["Bí thư Huyện ủy"], "Bùi Ngọc La": ["Chủ tịch UBND huyện"]}),
    ("Chiều 28/5, Ban Thường vụ Tỉnh ủy Điện Biên tổ chức kỳ họp thứ 13 trực tuyến về công tác phòng, "
     "chống dịch Covid-19 trên địa bàn tỉnh. Đồng chí Nguyễn Văn Thắng - Bí thư Tỉnh ủy chủ trì cuộc họp.",
     {"Nguyễn Văn Thắng": ["Bí thư Tỉnh ủy"]}),
    ("Từ ngày 18/6/2021, Đoàn công tác của đồng chí Nguyễn Trọng Nghĩa, Bí thư Trung ương Đảng, Trưởng "
     "Ban Tuyên giáo Trung ương đã có chuyến thăm và làm việc tại tỉnh Điện Biên.",
     {"Nguyễn Trọng Nghĩa": ["Bí thư Trung ương Đảng", "Trưởng Ban Tuyên giáo Trung ương"]}),
    ("đặc biệt là Lời kêu gọi của đồng chí Tổng Bí thư Nguyễn Phú Trọng gửi đồng bào, đồng chí, chiến sĩ "
     "cả nước", {"Nguyễn Phú Trọng": ["Tổng Bí thư"]}),
    # a name broken across a wrapped line; "Chính phủ" inside the title
    ("Tham dự cuộc họp có Phó Thủ tướng Chính phủ Trần Hồng Hà, Bộ trưởng\nBộ Nông nghiệp và Môi trường; "
     "đại diện Lãnh đạo các Bộ, cơ quan: Nông nghiệp và\nMôi trường, Dân tộc và Tôn giáo, Tài chính, Tư pháp",
     {"Trần Hồng Hà": ["Phó Thủ tướng"]}),
    ("ý kiến các Bộ, cơ quan tại cuộc họp, Phó Thủ tướng Thường trực Chính\nphủ Nguyễn Hòa Bình kết luận "
     "như sau:", {"Nguyễn Hòa Bình": ["Phó Thủ tướng Thường trực"]}),
    # a long body with lower-case words, then titles after names in a list
    ("Ngày 11/10, Thủ tướng Phạm Minh Chính, Trưởng Ban Chỉ đạo Trung ương về chính sách nhà ở và thị "
     "trường bất động sản, chủ trì phiên họp thứ hai của Ban Chỉ đạo, tập trung thảo luận về phát triển "
     "đột phá nhà ở xã hội.",
     {"Phạm Minh Chính": ["Thủ tướng",
                          "Trưởng Ban Chỉ đạo Trung ương về chính sách nhà ở và thị trường bất động sản"]}),
    ("Tham dự phiên họp có Phó Thủ tướng Chính phủ Trần Hồng Hà, Phó Trưởng Ban Chỉ đạo; Bộ trưởng Bộ Xây "
     "dựng Trần Hồng Minh, Bộ trưởng Bộ Tư pháp Nguyễn Hải Ninh, Thống đốc Ngân hàng Nhà nước Nguyễn Thị "
     "Hồng; lãnh đạo các bộ ngành, cơ quan Trung ương, 34 tỉnh, thành phố",
     {"Trần Hồng Hà": ["Phó Thủ tướng", "Phó Trưởng Ban Chỉ đạo"],
      "Trần Hồng Minh": ["Bộ trưởng Bộ Xây dựng"], "Nguyễn Hải Ninh": ["Bộ trưởng Bộ Tư pháp"],
      "Nguyễn Thị Hồng": ["Thống đốc Ngân hàng Nhà nước"]}),
    # a list after "các đồng chí:", a body with a comma inside
    ("Dự hội nghị, đại diện Đoàn kiểm tra có các đồng chí: Thái Thanh Quý, Ủy viên Trung ương Đảng, Phó "
     "Trưởng Ban Thường trực Ban Chính sách, Chiến lược Trung ương, Phó Trưởng Đoàn kiểm tra; Hoàng Văn "
     "Trà, Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương cùng các đồng chí thành viên Đoàn kiểm tra.",
     {"Thái Thanh Quý": ["Ủy viên Trung ương Đảng",
                         "Phó Trưởng Ban Thường trực Ban Chính sách, Chiến lược Trung ương",
                         "Phó Trưởng Đoàn kiểm tra"],
      "Hoàng Văn Trà": ["Phó Chủ nhiệm Ủy ban Kiểm tra Trung ương"]}),
    # ranks; a group's titles go to every member of its list
    ("Đại biểu Quân ủy Trung ương, Bộ Quốc phòng dự hội nghị có các đồng chí: Thượng tướng Trịnh Văn "
     "Quyết, Bí thư Trung ương Đảng, Ủy viên Thường vụ Quân ủy Trung ương, Chủ nhiệm Tổng cục Chính trị "
     "QĐND Việt Nam; Đại tướng Nguyễn Tân Cương, Ủy viên Trung ương Đảng, Ủy viên Thường vụ Quân ủy Trung "
     "ương, Tổng Tham mưu trưởng QĐND Việt Nam, Thứ trưởng Bộ Quốc phòng; các đồng chí Ủy viên Trung ương "
     "Đảng, Thứ trưởng Bộ Quốc phòng: Thượng tướng Võ Minh Lương, Ủy viên Thường vụ Quân ủy Trung ương; "
     "Thượng tướng Lê Huy Vịnh; Thượng tướng Vũ Hải Sản.",
     {"Trịnh Văn Quyết": ["Bí thư Trung ương Đảng", "Ủy viên Thường vụ Quân ủy Trung ương",
                          "Chủ nhiệm Tổng cục Chính trị"],
      "Nguyễn Tân Cương": ["Ủy viên Trung ương Đảng", "Ủy viên Thường vụ Quân ủy Trung ương",
                           "Tổng Tham mưu trưởng", "Thứ trưởng Bộ Quốc phòng"],
      "Võ Minh Lương": ["Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Quốc phòng",
                        "Ủy viên Thường vụ Quân ủy Trung ương"],
      "Lê Huy Vịnh": ["Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Quốc phòng"],
      "Vũ Hải Sản": ["Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Quốc phòng"]}),
    ("Báo cáo với đồng chí Thứ trưởng và đoàn công tác, Đại tá Lê Minh Quang, Giám đốc Công an tỉnh Sóc "
     "Trăng cho biết, năm 2016, tình hình KT-XH, an ninh chính trị và TTATXH của Sóc Trăng tiếp tục ổn định",
     {"Lê Minh Quang": ["Giám đốc Công an tỉnh"]}),
    # a province between the title and the name is dropped
    ("Giao 84 đầu việc cụ thể, phải làm ngay cho các sở ngành, quận huyện, Chủ tịch UBND TP Hà Nội Nguyễn "
     "Đức Chung nhấn mạnh, cần chấn chỉnh kỷ cương hành chính",
     {"Nguyễn Đức Chung": ["Chủ tịch UBND TP"]}),
    # recipients' lines: "title-Name"
    ("- Chủ tịch, PCT UBND tỉnh-Đỗ Tâm Hiển;\n- VP UBND tỉnh: CVP, PCVP-Nguyễn Đăng Trình;\n- Cổng Thông "
     "tin điện tử tỉnh;", {"Đỗ Tâm Hiển": ["PCT UBND tỉnh"], "Nguyễn Đăng Trình": ["PCVP"]}),
]

WRITTEN_ROWS = [
    # (sentence, {name: exact titles})
    ("Sáng 12/3, Bí thư Tỉnh ủy Lào Cai Đặng Xuân Phong chủ trì hội nghị.",
     {"Đặng Xuân Phong": ["Bí thư Tỉnh ủy"]}),
    ("Chủ tịch UBND tỉnh Sơn La Hoàng Quốc Khánh yêu cầu các sở, ngành khẩn trương triển khai.",
     {"Hoàng Quốc Khánh": ["Chủ tịch UBND tỉnh"]}),
    ("Tham dự có đồng chí Giàng A Dế - Phó Chủ tịch UBND huyện; đồng chí Lò Văn Mừng - Trưởng Ban "
     "Dân vận Huyện ủy.",
     {"Giàng A Dế": ["Phó Chủ tịch UBND huyện"], "Lò Văn Mừng": ["Trưởng Ban Dân vận Huyện ủy"]}),
    ("Phát biểu tại buổi làm việc, Phó Bí thư Thường trực Tỉnh ủy Hà Giang Thào Hồng Sơn đề nghị huyện "
     "tập trung chỉ đạo.", {"Thào Hồng Sơn": ["Phó Bí thư Thường trực Tỉnh ủy"]}),
    ("Đ/c Vừ A Bằng, Phó Chủ tịch Thường trực HĐND tỉnh, phát biểu tại hội nghị.",
     {"Vừ A Bằng": ["Phó Chủ tịch Thường trực HĐND tỉnh"]}),
    ("Ông Nguyễn Văn Hùng, Giám đốc Sở Tài chính cho biết, nguồn vốn đã được bố trí đầy đủ.",
     {"Nguyễn Văn Hùng": ["Giám đốc Sở Tài chính"]}),
    ("Thiếu tướng Lê Văn Hà, Giám đốc Công an tỉnh Thanh Hóa chỉ đạo lực lượng chức năng.",
     {"Lê Văn Hà": ["Giám đốc Công an tỉnh"]}),
    ("Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng nhấn mạnh vai trò của khu vực tư nhân.",
     {"Nguyễn Chí Dũng": ["Bộ trưởng Bộ Kế hoạch và Đầu tư"]}),
    ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát biểu khai mạc diễn đàn.",
     {"Nguyễn Hồng Diên": ["Bộ trưởng Bộ Công Thương"]}),
    # unknown surname (not in surnames.tsv) right after a clear title
    ("Bí thư Huyện ủy Mường Nhé Sòng A Tủa chủ trì buổi làm việc.",
     {"Sòng A Tủa": ["Bí thư Huyện ủy Mường Nhé"]}),
    ("Y Khoa Niê, Phó Chủ tịch UBND tỉnh Đắk Lắk, phát biểu tại lễ khai mạc.",
     {"Y Khoa Niê": ["Phó Chủ tịch UBND tỉnh"]}),
    ("Dự hội nghị có Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Đinh Tiến Dũng; Phó Bí thư Thành ủy, "
     "Chủ tịch UBND TP Trần Sỹ Thanh.",
     {"Đinh Tiến Dũng": ["Ủy viên Bộ Chính trị", "Bí thư Thành ủy"],
      "Trần Sỹ Thanh": ["Phó Bí thư Thành ủy", "Chủ tịch UBND TP"]}),
    ("Bí thư Đảng ủy kiêm Chủ tịch HĐND xã Pờ Thị Minh phát biểu.",
     {"Pờ Thị Minh": ["Bí thư Đảng ủy", "Chủ tịch HĐND xã"]}),
    ("ông Kiều Văn Hậu (Phó Giám đốc Sở Xây dựng) cho biết kế hoạch đã được phê duyệt.",
     {"Kiều Văn Hậu": ["Phó Giám đốc Sở Xây dựng"]}),
    ("Trưởng Ban Tuyên giáo Tỉnh ủy Phùng Thị Mai Hương và Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Lưu Quang "
     "Huy trao quà cho các hộ nghèo.",
     {"Phùng Thị Mai Hương": ["Trưởng Ban Tuyên giáo Tỉnh ủy"],
      "Lưu Quang Huy": ["Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"]}),
    ("Thượng tá Đinh Văn Nơi, Giám đốc Công an tỉnh Quảng Ninh; Đại tá Nguyễn Văn Long, Phó Giám đốc "
     "Công an tỉnh.",
     {"Đinh Văn Nơi": ["Giám đốc Công an tỉnh"], "Nguyễn Văn Long": ["Phó Giám đốc Công an tỉnh"]}),
    ("Theo Giám đốc Sở Y tế Hoàng Văn Tâm, tỉnh hiện có 12 bệnh viện tuyến huyện.",
     {"Hoàng Văn Tâm": ["Giám đốc Sở Y tế"]}),
    ("Hôm qua, Chủ tịch nước Lương Cường tiếp Đại sứ Nhật Bản.", {"Lương Cường": ["Chủ tịch nước"]}),
    # two positions of the same body are two people: only the second is named
    ("Thừa ủy quyền của Chủ tịch UBND tỉnh, Chánh Văn phòng UBND tỉnh Nguyễn Văn Bình ký văn bản.",
     {"Nguyễn Văn Bình": ["Chánh Văn phòng UBND tỉnh"]}),
    # former position keeps its modifier
    ("Đồng chí Trần Văn Nam, nguyên Bí thư Tỉnh ủy Bình Dương bị kỷ luật cảnh cáo.",
     {"Trần Văn Nam": ["nguyên Bí thư Tỉnh ủy"]}),
    ("PGS.TS Nguyễn Văn Minh, Hiệu trưởng Trường Đại học Y Hà Nội phát biểu.",
     {"Nguyễn Văn Minh": ["Hiệu trưởng Trường Đại học Y Hà Nội"]}),
    ("các ông: Lương Văn An, Chủ tịch UBND xã; Mai Văn Bình, Bí thư Đảng ủy xã.",
     {"Lương Văn An": ["Chủ tịch UBND xã"], "Mai Văn Bình": ["Bí thư Đảng ủy xã"]}),
    ("Các đồng chí: Nguyễn Văn An, Phó Chủ tịch UBND tỉnh; Lê Thị Bích, Giám đốc Sở Y tế và Trần Văn Công, "
     "Giám đốc Sở Tài chính dự họp.",
     {"Nguyễn Văn An": ["Phó Chủ tịch UBND tỉnh"], "Lê Thị Bích": ["Giám đốc Sở Y tế"],
      "Trần Văn Công": ["Giám đốc Sở Tài chính"]}),
    ("Bà Nguyễn Thị Bích, phó giám đốc Sở Tư pháp cho biết hồ sơ đã đầy đủ.",
     {"Nguyễn Thị Bích": ["phó giám đốc Sở Tư pháp"]}),
    ("Phó Giám đốc Sở Lao động - Thương binh và Xã hội Nguyễn Văn Rạng cho biết.",
     {"Nguyễn Văn Rạng": ["Phó Giám đốc Sở Lao động - Thương binh và Xã hội"]}),
    ("Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng trả lời câu hỏi của phóng viên.",
     {"Phạm Thu Hằng": ["Người phát ngôn Bộ Ngoại giao"]}),
    ("Ông Nguyễn Văn An – Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn cho biết, toàn tỉnh đã gieo "
     "cấy 95% diện tích.", {"Nguyễn Văn An": ["Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn"]}),
]


@pytest.mark.parametrize("sentence,expected", CORPUS_ROWS)
def test_corpus_sentences(sentence: str, expected: dict[str, list[str]]) -> None:
    _, found = _run(sentence)
    got = _by_name(found)
    assert set(got) == set(expected)
    for name, titles in expected.items():
        for t in titles:
            assert _title_found(t, got[name].titles), (name, t, got[name].titles)


@pytest.mark.parametrize("sentence,expected", WRITTEN_ROWS)
def test_written_sentences(sentence: str, expected: dict[str, list[str]]) -> None:
    _, found = _run(sentence)
    got = {o.name: list(o.titles) for o in found}
    assert got == expected


# --------------------------------------------------------------------------- negatives

NEGATIVE_ROWS = [
    # bylines and reporters
    "Nguồn tin: Sao Khuê",
    "                      Tin, ảnh: Lý Thanh Tiềm",
    "Các đại biểu tham dự cuộc họp - Ảnh: VGP/Nhật Bắc",
    "xây dựng hoàn thành nhà ở mới. Ảnh: T.SỸ\n[img]",
    # place names that look like names
    "trong đó huyện Nậm Pồ có 45 ca, Thành phố Điện Biên Phủ 8 ca, Thị xã Mường Lay 1 ca, huyện Điện Biên 3 ca.",
    "Dịch Covid-19 xuất hiện tại xã Si Pa Phìn, huyện Nậm Pồ từ ngày 14/5",
    "Chủ tịch Ủy ban nhân dân các xã, phường và đặc\nkhu Lý Sơn; Giám đốc Trung tâm phục vụ hành chính công tỉnh;",
    "Chủ tịch UBND huyện Mai Châu cho biết, huyện đã hoàn thành kế hoạch.",
    "Chủ tịch UBND huyện Si Ma Cai cho biết. Chủ tịch UBND huyện Văn Bàn chủ trì.",
    # organisations, streets, schools
    "ưa chương trình đào tạo PTTH của trường này vào trường THPT Chu Văn An.",
    "Học sinh Trường THPT Bình Long và trường Nguyễn Du tổ chức lễ khai giảng trên đường Lê Lợi.",
    "Giám đốc Công ty Cổ phần Đầu tư Hoàng Long cho biết doanh thu tăng.",
    "Giám đốc Bệnh viện Bạch Mai cho biết bệnh viện đã sẵn sàng.",
    "17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM",
    # historical figures
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Chủ tịch Hồ Chí Minh từng căn dặn.",
    # groups and positions without a name
    "- Các đ/c Ủy viên BTV Tỉnh ủy,\n- Lưu Văn phòng Tỉnh ủy, TH1.",
    "5. Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy (được phân công phụ trách địa bàn) tiếp tục theo dõi",
    "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường tập trung chỉ đạo",
    "- Thủ tướng Chính phủ (để b/c);\n- Các Phó Thủ tướng Chính phủ (để b/c);",
    # ordinary people (no position)
    "Trước đó, Chủ tịch UBND tỉnh đã đến thăm hỏi, động viên bà Đinh Thị Kích (thương binh) và các hộ gia "
    "đình: Trần Hữu Mão (thân nhân liệt sĩ), Nguyễn Văn Hữu (hộ nghèo) cùng ở thị trấn Vân Canh",
    "Trao đổi với phóng viên, ông Lê Văn Minh cho biết gia đình đã nhận đủ tiền hỗ trợ.",
    # upper-case headings
    "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG THƯỜNG TRỰC CHÍNH PHỦ NGUYỄN HÒA BÌNH TẠI CUỘC HỌP",
    "",
]


@pytest.mark.parametrize("sentence", NEGATIVE_ROWS)
def test_negatives(sentence: str) -> None:
    _, found = _run(sentence)
    assert [o.name for o in found] == []


def test_sidebar_outside_main_is_ignored() -> None:
    body = "Phát biểu tại phiên họp, Bí thư Tỉnh ủy Nguyễn Văn Thắng yêu cầu các huyện tập trung rà soát."
    sidebar = "\n\nCác tin khác:\n  • Phó Thủ tướng Vũ Đức Đam kiểm tra công tác phòng chống dịch tại Bình Phước\n"
    text = normalize(body + sidebar).text
    found = find_officials(text, main=[(0, len(body))])
    assert [o.name for o in found] == ["Nguyễn Văn Thắng"]
    found_all = find_officials(text)
    assert {o.name for o in found_all} == {"Nguyễn Văn Thắng", "Vũ Đức Đam"}


def test_authors_are_never_officials() -> None:
    _, found = _run("Đồng chí Văn Tâm - Phó Chủ tịch Hội Nhà báo tỉnh dự buổi lễ.", authors=["Văn Tâm"])
    assert found == []


# --------------------------------------------------------------------------- mentions and roles


def test_title_only_and_name_only_mentions_merge() -> None:
    text, found = _run(
        "Phát biểu tại phiên họp, Bí thư Tỉnh ủy Nguyễn Văn Thắng yêu cầu các huyện tập trung rà soát.\n\n"
        "Bí thư Tỉnh ủy yêu cầu tránh chủ quan. Đồng chí Mùa A Vảng - Bí thư Huyện ủy cho biết huyện đã sẵn sàng. Nguyễn Văn Thắng nhấn mạnh."
    )
    got = _by_name(found)
    assert set(got) == {"Nguyễn Văn Thắng", "Mùa A Vảng"}
    thang = got["Nguyễn Văn Thắng"]
    assert [m.text for m in thang.mentions] == ["Nguyễn Văn Thắng", "Bí thư Tỉnh ủy", "Nguyễn Văn Thắng"]
    assert [m.title for m in thang.mentions] == ["Bí thư Tỉnh ủy", "Bí thư Tỉnh ủy", None]
    assert thang.role == "speaker"
    assert (thang.start, thang.text) == (text.index("Nguyễn Văn Thắng"), "Nguyễn Văn Thắng")


@pytest.mark.parametrize(
    "sentence,name,role",
    [
        ("Đồng chí Nguyễn Văn Thắng - Bí thư Tỉnh ủy chủ trì cuộc họp.", "Nguyễn Văn Thắng", "chair"),
        ("Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình đã chủ trì cuộc họp về Báo cáo",
         "Nguyễn Hòa Bình", "chair"),
        ("Phát biểu chỉ đạo, Chủ tịch UBND tỉnh Phạm Anh Tuấn ghi nhận và biểu dương huyện Vân Canh",
         "Phạm Anh Tuấn", "speaker"),
        ("Tổng Bí thư Tô Lâm nhấn mạnh yêu cầu đổi mới.", "Tô Lâm", "speaker"),
        ("Tham dự có Phó Chủ tịch UBND tỉnh Lê Văn Sáu.", "Lê Văn Sáu", None),
        ("Hội nghị do đồng chí Lê Văn Anh, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì.",
         "Lê Văn Anh", "chair"),
        ("Bộ trưởng Đào Ngọc Dung cùng đoàn công tác đến thăm. Đồng chí Bộ trưởng yêu cầu các địa phương "
         "rà soát.", "Đào Ngọc Dung", "speaker"),
    ],
)
def test_roles(sentence: str, name: str, role: str | None) -> None:
    _, found = _run(sentence)
    assert _by_name(found)[name].role == role


# --------------------------------------------------------------------------- signer


SIGNED = (
    "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện nghiêm Thông báo này.\n\nNơi nhận:\n\n"
    "- Thường trực Tỉnh ủy,\n- Lưu Văn phòng Tỉnh ủy, TH1.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n\n\n"
    "Nguyễn Văn Thắng|\n|"
)


def test_signer_given_by_header() -> None:
    text = normalize(SIGNED).text
    signer = {"name": "Nguyễn Văn Thắng", "title": "Bí thư", "authority": "T/M Ban Thường vụ"}
    (o,) = find_officials(text, signer=signer)
    assert (o.name, o.titles, o.role) == ("Nguyễn Văn Thắng", ("Bí thư",), "signer")
    assert text[o.start : o.end] == o.text == "Nguyễn Văn Thắng"


def test_signer_found_in_block() -> None:
    (o,) = _run(SIGNED)[1]
    assert (o.name, o.titles, o.role) == ("Nguyễn Văn Thắng", ("BÍ THƯ",), "signer")


@pytest.mark.parametrize(
    "block,name,titles",
    [
        ("- Lưu: VT, PVHCC (B_04b).\n|\n**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n**Trương Công Thái**\n|",
         "Trương Công Thái", ("PHÓ CHỦ TỊCH",)),
        ("- Lưu Văn phòng Trung ương Đảng.\n|\n**T/M BỘ CHÍNH\nTRỊ**\nTrần Cẩm Tú\n|", "Trần Cẩm Tú", ()),
        ("- Lưu: VT, NN.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n\nLê Thị Hoa\n",
         "Lê Thị Hoa", ("PHÓ CHỦ TỊCH",)),
    ],
)
def test_signer_blocks(block: str, name: str, titles: tuple[str, ...]) -> None:
    (o,) = _run(block)[1]
    assert (o.name, o.titles, o.role) == (name, titles, "signer")


def test_signer_without_title_and_not_in_text() -> None:
    text = normalize("Bộ Chính trị, Ban Bí thư kết luận như sau:").text
    (o,) = find_officials(text, signer={"name": "Trần Cẩm Tú", "title": None, "authority": "T/M BỘ CHÍNH TRỊ"})
    assert (o.name, o.titles, o.role, o.text) == ("Trần Cẩm Tú", (), "signer", "")


# --------------------------------------------------------------------------- resolver


RESOLVER_TEXT = (
    "Đồng chí Nguyễn Văn Thắng - Bí thư Tỉnh ủy chủ trì cuộc họp. Tham dự có đồng chí Mùa A Vảng - Bí thư "
    "Huyện ủy; đồng chí Bùi Ngọc La - Chủ tịch UBND huyện; Phó Thủ tướng Chính phủ Trần Hồng Hà; "
    "Trung tướng Nguyễn Văn Sơn, Thứ trưởng Bộ Công an."
)


@pytest.mark.parametrize(
    "phrase,name",
    [
        ("Bí thư Tỉnh ủy", "Nguyễn Văn Thắng"),
        ("bí thư tỉnh uỷ", "Nguyễn Văn Thắng"),
        ("BÍ THƯ TỈNH ỦY", "Nguyễn Văn Thắng"),
        ("Bí thư Tỉnh ủy Điện Biên", "Nguyễn Văn Thắng"),
        ("Bí thư Huyện ủy", "Mùa A Vảng"),
        ("Chủ tịch Ủy ban nhân dân huyện", "Bùi Ngọc La"),
        ("Chủ tịch UBND huyện", "Bùi Ngọc La"),
        ("Phó Thủ tướng", "Trần Hồng Hà"),
        ("Thứ trưởng", "Nguyễn Văn Sơn"),
        ("đồng chí Thứ trưởng", "Nguyễn Văn Sơn"),
        ("Bí thư", None),  # two secretaries: ambiguous
        ("Thủ tướng", None),  # not "Phó Thủ tướng"
        ("Đồng chí", None),
        ("Chủ tịch UBND tỉnh", None),
        ("", None),
    ],
)
def test_resolve_title(phrase: str, name: str | None) -> None:
    _, found = _run(RESOLVER_TEXT)
    o = resolve_title(found, phrase)
    assert (o.name if o else None) == name


# --------------------------------------------------------------------------- gold, robustness


def _gold_score() -> tuple[float, float]:
    tp = fp = fn = ttp = tfn = 0
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = normalize((CORPUS / "docs" / (gold_path.stem + ".txt")).read_text(encoding="utf-8")).text
        doc = gold["document"]
        found = find_officials(text, signer=doc.get("signer"), authors=doc.get("authors") or [])
        gold_items = {fold(g["name"]): g for g in gold["officials"]}
        optional = {fold(x) for x in gold.get("optional_officials", [])}
        matched: dict[str, Official] = {}
        for o in found:
            k = fold(o.name)
            if k in gold_items and k not in matched:
                matched[k] = o
            elif k not in optional:
                fp += 1
        tp += len(matched)
        fn += len(gold_items) - len(matched)
        for k, o in matched.items():
            for t in gold_items[k]["titles"]:
                if _title_found(t, o.titles):
                    ttp += 1
                else:
                    tfn += 1
    f1 = 2 * tp / (2 * tp + fp + fn)
    return f1, ttp / (ttp + tfn)


def test_gold_corpus() -> None:
    f1, title_recall = _gold_score()
    assert f1 >= 0.95
    assert title_recall >= 0.9


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_random_text(text: str) -> None:
    found = find_officials(text)
    for o in found:
        assert text[o.start : o.end] == o.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["Bí thư", "Tỉnh ủy", "Nguyễn", "Văn", "A", ",", ";", "-", ":", "đồng chí", "các", "Chủ tịch", "UBND",
     "tỉnh", "Điện Biên", "\n", "\n\n", "Đại tá", "T/M", "BÍ THƯ", "kiêm", "(", ")", "Hồ Chí Minh"]),
    max_size=60))
def test_never_raises_on_title_soup(parts: list[str]) -> None:
    text = " ".join(parts)
    for o in find_officials(text, main=[(0, len(text) // 2), (len(text) // 2, len(text) + 5)]):
        assert text[o.start : o.end] == o.text
        assert o.name.strip()


@pytest.mark.parametrize("bad", [None, 42, b"bytes"])
def test_bad_input_types(bad: object) -> None:
    with pytest.raises(TypeError, match="find_officials"):
        find_officials(bad)  # type: ignore[arg-type]


def test_underthesea_baseline_shape() -> None:
    from directive_nlp.eval.baselines import underthesea_officials as baseline_underthesea_officials

    text = normalize("Đồng chí Mùa A Vảng - Bí thư Huyện ủy dự họp.").text
    out = baseline_underthesea_officials(text)
    assert all(set(x) == {"name", "titles"} and x["titles"] == [] for x in out)
    assert baseline_underthesea_officials("") == []
    assert baseline_underthesea_officials(text, main=[]) == []
