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


# --------------------------------------------------------------------------- unseen documents
# Sentences of documents outside the tuned corpus: the shared unlabeled news (news_NN; never the
# fresh set's) and the header-set pages (tNNN; never the fresh set's), as written (line breaks
# kept). (sentence, {name: the exact titles}); nobody else may be returned.

UNSEEN_ROWS = [
    # a long list after "Các đồng chí"; a former leader ("Nguyên …") is an official, not history
    pytest.param(
        "Các đồng chí Tổng Bí thư Nguyễn Phú Trọng, Nguyên Tổng Bí Thư Nông Đức Mạnh, Chủ tịch nước Trần "
        "Đại Quang, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân, Thủ tướng Nguyễn Xuân Phúc, Thường trực Ban Bí "
        "thư Đinh Thế Huynh, Trưởng Ban Tổ chức Trung ương Phạm Minh Chính, Bộ trưởng Bộ Công an Tô Lâm, "
        "Bộ trưởng Bộ Quốc phòng Ngô Xuân Lịch gửi lẵng hoa chúc mừng.",
        {"Nguyễn Phú Trọng": ["Tổng Bí thư"], "Nông Đức Mạnh": ["Nguyên Tổng Bí Thư"],
         "Trần Đại Quang": ["Chủ tịch nước"], "Nguyễn Thị Kim Ngân": ["Chủ tịch Quốc hội"],
         "Nguyễn Xuân Phúc": ["Thủ tướng"], "Đinh Thế Huynh": ["Thường trực Ban Bí thư"],
         "Phạm Minh Chính": ["Trưởng Ban Tổ chức Trung ương"], "Tô Lâm": ["Bộ trưởng Bộ Công an"],
         "Ngô Xuân Lịch": ["Bộ trưởng Bộ Quốc phòng"]},
        id="news_31-list"),
    # a chain before the name, a title after it
    pytest.param(
        "Ủy viên Bộ Chính trị, Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình, Trưởng Ban Chỉ "
        "đạo chủ trì cuộc họp.",
        {"Trương Hòa Bình": ["Ủy viên Bộ Chính trị", "Phó Thủ tướng Thường trực Chính phủ", "Trưởng Ban Chỉ đạo"]},
        id="news_44-chain"),
    # "khi đó là", "đồng thời là"; a number inside a body
    pytest.param(
        "Thủ tướng Nguyễn Xuân Phúc khi đó là phó thủ tướng, đồng thời là trưởng Ban Chỉ đạo 389 quốc "
        "gia cũng đã chỉ đạo giải quyết vụ việc đúng pháp luật.",
        {"Nguyễn Xuân Phúc": ["Thủ tướng", "phó thủ tướng", "trưởng Ban Chỉ đạo 389 quốc gia"]},
        id="news_49-copula-number"),
    # an ad-hoc role ("làm Trưởng đoàn"); an abbreviation in parentheses that is no body
    pytest.param(
        "Ngày 1.6, đoàn công tác của Ban chỉ đạo Nhà nước về đổi mới cơ chế hoạt động đơn vị sự nghiệp "
        "công lập (ĐVSNCL) do Phó Thủ tướng Vương Đình Huệ làm Trưởng đoàn đã có buổi làm việc với Bộ "
        "KHCN về cơ chế quản lý, cơ chế tài chính, hệ thống tổ chức khoa học và công nghệ",
        {"Vương Đình Huệ": ["Phó Thủ tướng", "Trưởng đoàn"]},
        id="news_40-adhoc-role"),
    pytest.param("Không để các dự án đầu tư dở dang, kém hiệu quả, thất thoát vốn”, Tổ trưởng Mai Tiến Dũng "
                 "nhấn mạnh.", {"Mai Tiến Dũng": ["Tổ trưởng"]}, id="news_54-adhoc-role"),
    # parentheses inside a body, a foreign name
    pytest.param(
        "tại thủ đô Moskva, Chủ tịch nước Trần Đại Quang đã có buổi tiếp Chủ tịch Đảng Cộng sản Liên "
        "bang Nga (KPRF) Gennady Ziuganov.",
        {"Trần Đại Quang": ["Chủ tịch nước"], "Gennady Ziuganov": ["Chủ tịch Đảng Cộng sản Liên bang Nga (KPRF)"]},
        id="news_60-parentheses"),
    # a body with dashes that goes on after a comma, then the name
    pytest.param(
        "Chia sẻ với Thanh Niên ngày 24.5 bên hành lang Quốc hội về việc sẽ thí điểm thực hiện chuyển "
        "sang chế độ hợp đồng với GV, Chủ nhiệm Ủy ban Văn hóa - Giáo dục - Thanh niên, Thiếu niên và "
        "Nhi đồng của Quốc hội Phan Thanh Bình cho hay ông cũng đã trao đổi lại với Bộ trưởng Nhạ sau "
        "khi nghe thông tin này.",
        {"Phan Thanh Bình": ["Chủ nhiệm Ủy ban Văn hóa - Giáo dục - Thanh niên, Thiếu niên và Nhi đồng của Quốc hội"]},
        id="news_35-long-body"),
    # foreign leaders after a country
    pytest.param(
        "Chiều 14/5, Chủ tịch nước Trần Đại Quang đã có cuộc gặp với Thủ tướng Pakistan Nawar Sharif và "
        "Tổng Thư ký đảng Dân chủ Tự do Nhật Bản, Chủ tịch Liên minh Nghị sĩ hữu nghị Nhật - Việt "
        "Toshihiro Nakai.",
        {"Trần Đại Quang": ["Chủ tịch nước"], "Nawar Sharif": ["Thủ tướng Pakistan"],
         "Toshihiro Nakai": ["Tổng Thư ký đảng Dân chủ Tự do Nhật Bản",
                             "Chủ tịch Liên minh Nghị sĩ hữu nghị Nhật - Việt"]},
        id="news_27-foreign"),
    pytest.param(
        "Chủ tịch Trung Quốc Tập Cận Bình ngày 24/6 đã chỉ thị các cơ quan chức năng nỗ lực hết sức nhằm "
        "giải cứu những người bị chôn vùi do lở đất tại tỉnh Tứ Xuyên, Tây Bắc Trung Quốc từ sáng cùng ngày.",
        {"Tập Cận Bình": ["Chủ tịch Trung Quốc"]}, id="news_55-unknown-surname"),
    pytest.param(
        "Chiều 21/5, tại Phủ Chủ tịch, Chủ tịch nước Trần Đại Quang đã có buổi tiếp Bộ trưởng Phát triển "
        "Kinh tế Liên bang Nga Maxim Oreshkin, đang có chuyến thăm làm việc tại Việt Nam.",
        {"Trần Đại Quang": ["Chủ tịch nước"], "Maxim Oreshkin": ["Bộ trưởng Phát triển Kinh tế Liên bang Nga"]},
        id="news_32-place-holds-a-position-word"),
    # a transliterated name with hyphens, its other spelling in parentheses, then its titles
    pytest.param(
        "Nhận lời mời của Chủ tịch Quốc hội Nguyễn Thị Kim Ngân, Đoàn đại biểu cấp cao Quốc hội của "
        "Chính quyền Nhân dân nước Cộng hòa Cu-ba do đồng chí Hoan Ết-xtê-ban La-xô Ê-rơ-nan-đết (Joan "
        "Esteban Lazo Hernandez), Ủy viên Bộ Chính trị Đảng Cộng sản Cu-ba, Chủ tịch Quốc hội Cu-ba, dẫn "
        "đầu thăm chính thức Việt Nam từ ngày 11 đến 18-6.",
        {"Nguyễn Thị Kim Ngân": ["Chủ tịch Quốc hội"],
         "Hoan Ết-xtê-ban La-xô Ê-rơ-nan-đết": ["Ủy viên Bộ Chính trị Đảng Cộng sản Cu-ba", "Chủ tịch Quốc hội Cu-ba"]},
        id="news_45-hyphenated-name"),
    # a post held in a place
    pytest.param(
        "Bộ trưởng Bộ Giáo dục và Đào tạo Phùng Xuân Nhạ, Bộ trưởng Bộ Thông tin và Truyền thông Trương "
        "Minh Tuấn, Đại sứ Việt Nam tại Belarus Lê Ánh cùng lãnh đạo một số bộ, ngành, địa phương.",
        {"Phùng Xuân Nhạ": ["Bộ trưởng Bộ Giáo dục và Đào tạo"],
         "Trương Minh Tuấn": ["Bộ trưởng Bộ Thông tin và Truyền thông"],
         "Lê Ánh": ["Đại sứ Việt Nam tại Belarus"]},
        id="news_58-post-in-a-place"),
    # a title in lower case before the name; the city of a body is no person
    pytest.param(
        "Qua xem xét, chủ tịch UBND tỉnh Nguyễn Ngọc Hai có ý kiến chỉ đạo giao cho Sở Nội vụ và Công an "
        "tỉnh, phối hợp với các sở ngành liên quan tiến hành kiểm tra làm rõ các nội dung trong báo cáo "
        "của UBND TP.Phan Thiết, đề xuất và tham mưu cho Chủ tịch UBND tỉnh xử lý.",
        {"Nguyễn Ngọc Hai": ["chủ tịch UBND tỉnh"]}, id="news_07-lower-case-title"),
    # a plural title before a list of names
    pytest.param("Từ trái qua các bộ trưởng Nguyễn Ngọc Thiện, Nguyễn Xuân Cường, Nguyễn Chí Dũng và Nguyễn "
                 "Thị Kim Tiến.",
                 {"Nguyễn Ngọc Thiện": ["bộ trưởng"], "Nguyễn Xuân Cường": ["bộ trưởng"],
                  "Nguyễn Chí Dũng": ["bộ trưởng"], "Nguyễn Thị Kim Tiến": ["bộ trưởng"]},
                 id="news_53-plural-title"),
    # deputies of the National Assembly ("ĐB", "đại biểu")
    pytest.param(
        "ĐB Mai Sĩ Diến (Thanh Hóa) chỉ ra thực tế nhiều người dân phải tận dụng từng khoảng không chật "
        "hẹp trên sân thượng để trồng rau trong những thùng xốp",
        {"Mai Sĩ Diến": ["ĐB"]}, id="news_43-deputy"),
    # abbreviations inside bodies
    pytest.param("Theo Thứ trưởng Bộ NN&PTNT Trần Thanh Nam, 5 năm qua, Bộ chưa nhận được phản hồi về điều "
                 "chỉnh, bổ sung Luật HTX năm 2012.", {"Trần Thanh Nam": ["Thứ trưởng Bộ NN&PTNT"]},
                 id="news_52-abbreviation"),
    # a caption glued to the next sentence
    pytest.param(
        "Đó là sự thật, cũng là “món nợ” mà người đứng đầu ngành như tôi cảm thấy day dứt khi chưa trả "
        "được   Phùng Xuân Nhạ - Bộ trưởng Bộ GD-ĐT  Hiện nay GV rất quan tâm trước thông tin Bộ sẽ đề "
        "nghị thí điểm chuyển từ biên chế sang hợp đồng trong ngành GD-ĐT.",
        {"Phùng Xuân Nhạ": ["Bộ trưởng Bộ GD-ĐT"]}, id="news_35-caption-glued"),
    pytest.param(
        "phục vụ vận chuyển hàng hóa và đi lại của người dân thuận tiện hơn”. Ông Nguyễn Văn TámPhó giám "
        "đốc Sở GTVT TP HCM Theo Sở GTVT TP.HCM, trong năm 2017 thành phố sẽ triển khai",
        {"Nguyễn Văn Tám": ["Phó giám đốc Sở GTVT TP"]}, id="news_11-caption-glued"),
    # the province at the end of a title goes; a district's number stays
    pytest.param(
        "gửi đến số máy của ông Nguyễn Tử Quỳnh - Chủ tịch UBND tỉnh Bắc Ninh và ông Phạm Hồng Sơn, Giám "
        "đốc Công an tỉnh Bắc Ninh.",
        {"Nguyễn Tử Quỳnh": ["Chủ tịch UBND tỉnh"], "Phạm Hồng Sơn": ["Giám đốc Công an tỉnh"]},
        id="news_46-province-dropped"),
    pytest.param(
        "ông Trần Thế Thuận - Chủ tịch UBND quận 1, TP.HCM cho biết, trong thời gian tới ông và ông Đoàn "
        "Ngọc Hải (Phó chủ tịch UBND quận 1) sẽ dẫn đầu 2 tổ công tác xử lý tình trạng lấn chiếm vỉa hè",
        {"Trần Thế Thuận": ["Chủ tịch UBND quận 1"], "Đoàn Ngọc Hải": ["Phó chủ tịch UBND quận 1"]},
        id="news_53-number-and-surname-Doan"),
    # a headline that ends with a name, then the first sentence
    pytest.param(
        "Chủ tịch nước Trần Đại Quang hội kiến với Thủ tướng Quốc vụ viện Trung Quốc Lý Khắc Cường\n"
        "Chiều 12/5, tại Đại lễ đường nhân dân ở thủ đô Bắc Kinh, Chủ tịch nước Trần Đại Quang đã hội "
        "kiến với Thủ tướng Quốc vụ viện Trung Quốc Lý Khắc Cường.",
        {"Trần Đại Quang": ["Chủ tịch nước"], "Lý Khắc Cường": ["Thủ tướng Quốc vụ viện Trung Quốc"]},
        id="news_26-headline"),
    # an expert is no official; the historical figures of a caption take their own titles
    pytest.param(
        "Chuyên gia cao cấp Đinh Trung Tụng thì cho rằng cần mạnh dạn đổi mới về phương thức nộp hồ sơ. "
        "Thứ trưởng Nguyễn Khánh Ngọc nêu thực trạng hiện nay là người dân đi mua nhà, đất mà không biết "
        "được nhà, đất mình định mua có hợp pháp không.",
        {"Nguyễn Khánh Ngọc": ["Thứ trưởng"]}, id="news_22-expert"),
    pytest.param(
        "Trong ảnh, từ phải sang trái: Chủ tịch Hồ Chí Minh, Chủ nhiệm Tổng cục Chính trị Nguyễn Chí "
        "Thanh, Tổng Bí thư Trường Chinh, Phó Thủ tướng Phạm Văn Đồng tại Việt Bắc.",
        {"Nguyễn Chí Thanh": ["Chủ nhiệm Tổng cục Chính trị"]}, id="news_19-historical"),
    # a school named after a person
    pytest.param(
        "Hồi năm 2006, bà Tạ Thị Bích Ngọc từng là Hiệu trưởng Trường Tiểu học Nguyễn Khả Trạc (Cầu "
        "Giấy, Hà Nội) đã để xảy ra nhiều sai phạm",
        {"Tạ Thị Bích Ngọc": ["Hiệu trưởng Trường Tiểu học Nguyễn Khả Trạc"]}, id="news_15-school"),
    # a photo's credit is no person
    pytest.param("Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình. Ảnh: Doãn Tấn/TTXVN Cụ thể, Ban Chỉ "
                 "đạo Đề án 896 tại các tỉnh, thành phố trực thuộc Trung ương",
                 {"Trương Hòa Bình": ["Phó Thủ tướng Thường trực Chính phủ"]}, id="news_57-photo-credit"),
    # header-set pages: names over a line break, a group's title is nobody's
    pytest.param(
        "Trụ sở Chính phủ có Phó Thủ tướng Chính phủ Lê Thành Long, Phó Thủ tướng Chính\n"
        "phủ Bùi Thanh Sơn, Phó Thủ tướng Chính phủ Hồ Đức Phớc, Phó Thủ tướng Chính phủ\n"
        "Hồ Quốc Dũng, Bộ trưởng các bộ, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc\n",
        {"Lê Thành Long": ["Phó Thủ tướng Chính phủ"], "Bùi Thanh Sơn": ["Phó Thủ tướng Chính phủ"],
         "Hồ Đức Phớc": ["Phó Thủ tướng Chính phủ"], "Hồ Quốc Dũng": ["Phó Thủ tướng Chính phủ"]},
        id="t117-line-breaks"),
    pytest.param("- VPCP: BTCN, PCN Mai Thị Thu Vân,\n", {"Mai Thị Thu Vân": ["PCN"]}, id="t033-recipient"),
    pytest.param("- PCT Đặng Ngọc Minh (để b/c)\n", {"Đặng Ngọc Minh": ["PCT"]}, id="t049-recipient"),
    pytest.param(
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Bà Nguyễn Diệu Huyền,\n"
        "Phó Trưởng ban - Ban Hệ thống Tài khoản quốc gia, Cục Thống kê, Bộ Tài chính *(SĐT\n",
        {"Nguyễn Diệu Huyền": ["Phó Trưởng ban - Ban Hệ thống Tài khoản quốc gia, Cục Thống kê, Bộ Tài chính"]},
        id="t043-contact"),
]


@pytest.mark.parametrize("sentence,expected", UNSEEN_ROWS)
def test_unseen_sentences(sentence: str, expected: dict[str, list[str]]) -> None:
    _, found = _run(sentence)
    assert {o.name: list(o.titles) for o in found} == expected


UNSEEN_NEGATIVE_ROWS = [
    pytest.param("Khi hoàn thành, tuyến đường sẽ kết nối đồng bộ và nâng cao hiệu quả khai thác trục đường "
                 "Võ Văn Kiệt - đường hầm sông Sài Gòn - Mai Chí Thọ.", id="news_11-streets"),
    pytest.param("Ngày 7/2, chia sẻ với Đất Việt, anh Trần Chí Dũng, phụ huynh học sinh Trần Duy Kiên (lớp "
                 "2, trường Tiểu học Nam Trung Yên) cho hay, khi nghe thông tin báo chí về việc Chủ tịch UBND "
                 "Hà Nội yêu cầu làm rõ về vụ việc của con mình", id="news_15-parents"),
    pytest.param("Như đã đưa , Viện KSND tỉnh Bắc Ninh vừa hoàn tất cáo trạng, truy tố Nguyễn Trọng Phương (SN "
                 "1980, trú tại quận Ba Đình, Hà Nội) tội khủng bố và Trần Anh Thuận (SN 1981, trú tại TP Bắc "
                 "Ninh, tỉnh Bắc Ninh) về tội không tố giác tội phạm.", id="news_46-defendants"),
    pytest.param("**Kính gửi:** Bà Huỳnh Thị Mỹ Hằng\n*(Địa chỉ: 33 Hai Bà Trưng, Phường Nghĩa Lộ, Tỉnh "
                 "Quảng Ngãi)*", id="t015-addressee"),
    pytest.param("Học sinh bị gãy xương đùi vì taxi của cô hiệu trưởng trường Tiểu học Nam Trung Yên",
                 id="news_15-school"),
    pytest.param("xin rút thì Chính phủ cũng hoan nghênh”, Phó Thủ tướng nói. LÊ PHƯƠNG ",
                 id="news_47-byline-in-capitals"),
]


@pytest.mark.parametrize("sentence", UNSEEN_NEGATIVE_ROWS)
def test_unseen_negatives(sentence: str) -> None:
    _, found = _run(sentence)
    assert [o.name for o in found] == []


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


NEWS_06 = (
    "Ông Nguyễn Đức Chung – Chủ tịch UBND TP Hà Nội đã yêu cầu rút kinh nghiệm việc sơn sửa, chỉnh "
    "trang di tích và tổ chức lễ hội trên địa bàn TP thời gian qua.\n"
    "Tại buổi làm việc sáng nay (6.2), Chủ tịch UBND TP Hà nội đã yêu cầu Sở VHTT Hà Nội cùng lãnh đạo "
    "các quận, huyện nghiêm túc rút kinh nghiệm về việc duy tu, bảo dưỡng công trình văn hóa, cũng như "
    "việc tổ chức lễ hội những ngày qua. Trước hết, ông Nguyễn Đức Chung nêu ví dụ về việc chỉnh trang "
    "Hoàng thành Thăng Long và Văn Miếu Quốc tử giám mà theo đánh giá của Chủ tịch Hà Nội là “đối xử vô "
    "văn hóa”. “Tôi đánh giá như vậy” – ông Chung nói."
)


def test_unseen_mentions_by_name_title_and_given_name() -> None:
    """news_06: the full name, the title alone (with or without its body), the given name after
    "ông" are one person's mentions."""
    _, found = _run(NEWS_06)
    (chung,) = found
    assert chung.name == "Nguyễn Đức Chung" and chung.titles == ("Chủ tịch UBND TP",)
    assert [(m.text, m.title) for m in chung.mentions] == [
        ("Nguyễn Đức Chung", "Chủ tịch UBND TP"),
        ("Chủ tịch UBND TP Hà nội", "Chủ tịch UBND TP"),
        ("Nguyễn Đức Chung", None),
        ("Chủ tịch Hà Nội", "Chủ tịch Hà Nội"),
        ("Chung", None),
    ]
    assert chung.role == "speaker"


@pytest.mark.parametrize(
    "sentence,name,role",
    [
        pytest.param("Ủy viên Bộ Chính trị, Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình, Trưởng Ban "
                     "Chỉ đạo chủ trì cuộc họp.", "Trương Hòa Bình", "chair", id="news_44"),
        pytest.param("Không để các dự án đầu tư dở dang, kém hiệu quả, thất thoát vốn”, Tổ trưởng Mai Tiến "
                     "Dũng nhấn mạnh.", "Mai Tiến Dũng", "speaker", id="news_54"),
        pytest.param("Theo Thứ trưởng Bộ NN&PTNT Trần Thanh Nam, 5 năm qua, Bộ chưa nhận được phản hồi.",
                     "Trần Thanh Nam", None, id="news_52"),
    ],
)
def test_unseen_roles(sentence: str, name: str, role: str | None) -> None:
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


@pytest.mark.parametrize(
    "block,name,titles",
    [
        pytest.param("- Lưu: VT, NC2.\n|\n**TM. ỦY BAN\nNHÂN DÂN **\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n**Trần Báu Hà**\n|",
                     "Trần Báu Hà", ("PHÓ CHỦ TỊCH",), id="t003"),
        pytest.param("- Lưu: VT, QLDN1, HDiem.\n|\n**KT.\nTRƯỞNG THUẾ TỈNH**\n**PHÓ TRƯỞNG THUẾ TỈNH**\n"
                     "**Nguyễn Tấn Lợi**\n|", "Nguyễn Tấn Lợi", ("PHÓ TRƯỞNG THUẾ TỈNH",), id="t031"),
        pytest.param("- Lưu: VT, NVTHQ-PL-Hoàng (3b).\n|\n**TL.\nCỤC TRƯỞNG**\n**KT. TRƯỞNG BAN NGHIỆP VỤ "
                     "THU****Ế****\nHQ**\nPHÓ TRƯỞNG **BAN**\nĐào Thu Hương\n|\n", "Đào Thu Hương",
                     ("PHÓ TRƯỞNG BAN",), id="t241-markup"),
    ],
)
def test_unseen_signer_blocks(block: str, name: str, titles: tuple[str, ...]) -> None:
    (o,) = _run(block)[1]
    assert (o.name, o.titles, o.role) == (name, titles, "signer")


T097 = ("hành Quyết định này./.\n#\n|\n|\n**KT. CHỦ TỊCH **\nPHÓ CHỦ TỊCH\nHoàng Nam\n|\n#\n# PHỤ LỤC\n"
        "DANH MỤC THỦ TỤC\nHÀNH CHÍNH SỬA ĐỔI, BỔ SUNG TRONG LĨNH VỰC ĐẦU TƯ\n")


def test_the_signer_block_overrules_a_header_signer_it_does_not_confirm() -> None:
    """t097: the header took the appendix heading for the signer; the block names Hoàng Nam."""
    text = normalize(T097).text
    wrong = {"name": "DANH MỤC THỦ TỤC", "title": "PHỤ LỤC", "authority": None}
    (o,) = find_officials(text, signer=wrong)
    assert (o.name, o.titles, o.role) == ("Hoàng Nam", ("PHÓ CHỦ TỊCH",), "signer")
    right = {"name": "Hoàng Nam", "title": "PHÓ CHỦ TỊCH", "authority": "KT. CHỦ TỊCH"}
    (o,) = find_officials(text, signer=right)
    assert (o.name, o.text) == ("Hoàng Nam", "Hoàng Nam")


def test_breaks_end_a_headline() -> None:
    """news_45: the headline ends with a title; with the layout's headline end as a break, the
    first sentence does not run into it."""
    text = normalize(
        "Lãnh đạo nước ta đón, tiếp, hội đàm với Chủ tịch Quốc hội Cu-ba\n"
        "Nhận lời mời của Chủ tịch Quốc hội Nguyễn Thị Kim Ngân, Đoàn đại biểu cấp cao Quốc hội của "
        "Chính quyền Nhân dân nước Cộng hòa Cu-ba thăm chính thức Việt Nam."
    ).text
    (o,) = find_officials(text, breaks=[text.index("\n")])
    assert (o.name, o.titles) == ("Nguyễn Thị Kim Ngân", ("Chủ tịch Quốc hội",))


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


@pytest.mark.parametrize(
    "phrase,name",
    [("Chủ tịch UBND TP", "Nguyễn Đức Chung"), ("Chủ tịch Ủy ban nhân dân thành phố", "Nguyễn Đức Chung"),
     ("Chủ tịch UBND TP Hà Nội", "Nguyễn Đức Chung"), ("Chủ tịch", "Nguyễn Đức Chung"), ("Bí thư", None),
     ("ông", None)],
)
def test_resolve_title_on_unseen_news(phrase: str, name: str | None) -> None:
    """news_06: the directives stage asks who holds a title."""
    _, found = _run(NEWS_06)
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
