"""Tests for directive_nlp.extract.numbers (document numbers/symbols)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_nlp.text.normalize import normalize
from directive_nlp.extract.numbers import DocRef, doc_ref_key, find_doc_refs, read_symbol

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _refs(text: str, year: int | None = None) -> list[DocRef]:
    refs = find_doc_refs(text, year=year)
    for r in refs:
        assert text[r.start : r.end] == r.text
    return refs


# (sentence, expected refs as dicts of the fields to check, in order)
POSITIVE: list[tuple[str, list[dict[str, Any]]]] = [
    # --- real sentences from the corpus
    (
        "Ngày 14/8, UBND tỉnh ban hành Kế hoạch hỏa tốc số 267/KH-UBND về triển khai thực hiện "
        "Nghị quyết số 05-NQ/TU ngày 05/8/2021 của Ban Chấp hành Đảng bộ tỉnh về tăng cường",
        [
            {"text": "267/KH-UBND", "type": "Kế hoạch", "type_word": "Kế hoạch", "system": "state",
             "type_code": "KH", "issuer_code": "UBND", "issued_on": None, "issuer": None},
            {"text": "05-NQ/TU", "type": "Nghị quyết", "system": "party", "type_code": "NQ",
             "issuer_code": "TU", "issued_on": "2021-08-05", "issuer": "Ban Chấp hành Đảng bộ tỉnh"},
        ],
    ),
    (
        "kiểm tra, đôn đốc, hỗ trợ các địa phương theo Thông báo số 105-TB/TU, ngày 05/02/2021 của "
        "Ban Thường vụ Tỉnh ủy trong công tác phòng, chống dịch",
        [{"text": "105-TB/TU", "type": "Thông báo", "issued_on": "2021-02-05", "issuer": "Ban Thường vụ Tỉnh ủy"}],
    ),
    (
        "hành chính và phân loại đô thị (Tờ trình số 03-TTr/ĐU, ngày 17/10/2025), Bộ\nChính trị",
        [{"text": "03-TTr/ĐU", "type": "Tờ trình", "type_code": "TTr", "issuer_code": "ĐU",
          "issued_on": "2025-10-17", "issuer": None}],
    ),
    (
        "Thực hiện Chỉ thị số 50-CT/TW, ngày 23/7/2025 của\nBan Bí thư *“Về tiếp tục đổi mới”*; Quy định số "
        "339-QĐ/TW, ngày 10/7/2025 của Ban Bí thư *“Về sử dụng”*; Hướng dẫn số 42-HD/BTCTW, ngày\n"
        "28/10/2025 của Ban Tổ chức Trung ương *thực hiện",
        [
            {"text": "50-CT/TW", "type": "Chỉ thị", "issued_on": "2025-07-23", "issuer": "Ban Bí thư"},
            {"text": "339-QĐ/TW", "type": "Quy định", "type_code": "QĐ", "issued_on": "2025-07-10",
             "issuer": "Ban Bí thư"},
            {"text": "42-HD/BTCTW", "type": "Hướng dẫn", "issued_on": "2025-10-28",
             "issuer": "Ban Tổ chức Trung ương"},
        ],
    ),
    (
        "an toàn tính mạng cho Nhân dân, tiếp theo các Công điện số 217/CĐ-TTg,\n218/CĐ-TTg, 219/CĐ-TTg "
        "và 222/CĐ-TTg ngày 19/11/2025, Thủ tướng Chính phủ yêu",
        [
            {"text": "217/CĐ-TTg", "type": "Công điện", "type_word": "Công điện", "issued_on": None},
            {"text": "218/CĐ-TTg", "type": "Công điện", "type_word": "Công điện", "issued_on": None},
            {"text": "219/CĐ-TTg", "type": "Công điện", "issued_on": None},
            {"text": "222/CĐ-TTg", "type": "Công điện", "issued_on": "2025-11-19", "key": "222/CĐ-TTG"},
        ],
    ),
    (
        "theo Quyết định số 766/QĐ-TTg\nngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số",
        [{"text": "766/QĐ-TTg", "type": "Quyết định", "issued_on": "2022-06-23", "issuer": "Thủ tướng Chính phủ"}],
    ),
    (
        "đánh giá việc giải quyết TTHC theo quy định tại Nghị định số 118/2025/NĐ-CP\nngày 09/6/2025 của Chính phủ.",
        [{"text": "118/2025/NĐ-CP", "year": 2025, "system": "normative", "type": "Nghị định", "type_code": "NĐ",
          "issuer_code": "CP", "issued_on": "2025-06-09", "issuer": "Chính phủ", "seq": "118"}],
    ),
    (
        "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025",
        [{"text": "214/NQ-CP", "type": "Nghị quyết", "type_word": "NGHỊ QUYẾT", "issued_on": "2025-07-23"}],
    ),
    (
        "1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về việc Phê duyệt",
        [{"text": "1229/QĐ-UBND", "type": "Quyết định", "type_word": None, "issued_on": "2025-02-28",
          "issuer": "UBND Thành phố"}],
    ),
    (
        "Ngày 28 tháng 10 năm 2025, Chủ\ntịch Ủy ban nhân dân Thành phố đã ban hành Công văn số 3280/UBND-VX về việc",
        [{"text": "3280/UBND-VX", "type": "Công văn", "type_code": None, "issuer_code": "UBND-VX",
          "issued_on": "2025-10-28"}],
    ),
    (
        "Nội vụ tại Tờ trình số 9807/TTr-SNV ngày 25 tháng 11 năm 2025;",
        [{"text": "9807/TTr-SNV", "type": "Tờ trình", "type_code": "TTr", "issued_on": "2025-11-25"}],
    ),
    (
        "*Căn cứ Thông số\n17/2025/TT-BNNMT ngày 19 tháng 6 năm 2025 của Bộ Nông nghiệp và Môi trường quy\nđịnh về",
        [{"text": "17/2025/TT-BNNMT", "type": "Thông tư", "type_word": None, "issued_on": "2025-06-19",
          "issuer": "Bộ Nông nghiệp và Môi trường"}],
    ),
    (
        "*Căn cứ Quyết định số\n05/2025/QĐ-UBND ngày 01 tháng 7 năm 2025 của UBND tỉnh Quảng Ngãi về việc Ban",
        [{"text": "05/2025/QĐ-UBND", "system": "normative", "type": "Quyết định", "issued_on": "2025-07-01",
          "issuer": "UBND tỉnh Quảng Ngãi"}],
    ),
    (
        "quán triệt và thực hiện nghiêm túc Kết luận số 16-KL/TW, Nghị quyết số 05-NQ/TW và đã đạt được; "
        "theo Nghị quyết số 3488, Kế hoạch số 536/KH-BQP triển khai thực hiện Nghị quyết số 57.",
        [
            {"text": "16-KL/TW", "type": "Kết luận"},
            {"text": "05-NQ/TW", "type": "Nghị quyết"},
            {"text": "536/KH-BQP", "type": "Kế hoạch", "issuer_code": "BQP"},
        ],
    ),
    ("Số 274-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO",
     [{"text": "274-TB/TU", "type": "Thông báo", "type_word": None, "issued_on": "2021-08-04"}]),
    ("|\nSố: 4240/UBND-VX\n*V/v khẩn trương hoàn thành cập nhật*\n|\n*Thành phố Hồ Chí\nMinh, ngày 28 tháng 11 năm 2025*",
     [{"text": "4240/UBND-VX", "type": "Công văn", "issued_on": "2025-11-28"}]),
    ("  • Số/Ký hiệu: 1184/KL-UBND\n    Kết luận Thanh tra: Công tác quản lý",
     [{"text": "1184/KL-UBND", "type": "Kết luận", "issued_on": None}]),
    # --- constructed sentences (other provinces and bodies)
    (
        "Căn cứ Luật số 59/2020/QH14 ngày 17/6/2020 của Quốc hội;",
        [{"text": "59/2020/QH14", "year": 2020, "type_code": None, "issuer_code": "QH14", "system": "normative",
          "type": "Luật", "issued_on": "2020-06-17", "issuer": "Quốc hội"}],
    ),
    (
        "Thông tư liên tịch số 03/2016/TTLT-BTC-BNV ngày 12/01/2016 của Bộ Tài chính và Bộ Nội vụ",
        [{"text": "03/2016/TTLT-BTC-BNV", "type_code": "TTLT", "issuer_code": "BTC-BNV",
          "type": "Thông tư liên tịch", "issued_on": "2016-01-12", "issuer": "Bộ Tài chính"}],
    ),
    (
        "Kế hoạch liên tịch số 12/KHLT-SYT-SGDĐT ngày 3/3/2022 của Sở Y tế và Sở Giáo dục và Đào tạo",
        [{"text": "12/KHLT-SYT-SGDĐT", "type_code": "KHLT", "issuer_code": "SYT-SGDĐT", "system": "state",
          "type": "Kế hoạch liên tịch", "issued_on": "2022-03-03", "issuer": "Sở Y tế"}],
    ),
    (
        "Quyết định số 291/QĐ-MTTQ-BTT ngày 10/5/2023 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Gia Lai về",
        [{"text": "291/QĐ-MTTQ-BTT", "system": "front", "type_code": "QĐ", "issuer_code": "MTTQ-BTT",
          "type": "Quyết định", "issued_on": "2023-05-10"}],
    ),
    ("Thông báo số 90/TBMTTQ-BTT của Ban Thường trực",
     [{"text": "90/TBMTTQ-BTT", "system": "front", "type_code": "TB", "issuer_code": "MTTQ-BTT", "type": "Thông báo"}]),
    ("Quyết định số 367-QĐ/TWĐTN-VP ngày 1/1/2020 của Ban Bí thư Trung ương Đoàn",
     [{"text": "367-QĐ/TWĐTN-VP", "system": "front", "issuer_code": "TWĐTN-VP", "issued_on": "2020-01-01"}]),
    ("thay thế Nghị định 64-CP ngày 27/9/1993 của Chính phủ",
     [{"text": "64-CP", "type": "Nghị định", "type_code": None, "issuer_code": "CP", "issued_on": "1993-09-27"}]),
    (
        "Quyết định số 1234 /QĐ-UBND ngày 5/3/2024 của UBND tỉnh Nghệ An về việc",
        [{"text": "1234 /QĐ-UBND", "number": "1234 /QĐ-UBND", "key": "1234/QĐ-UBND", "issued_on": "2024-03-05",
          "issuer": "UBND tỉnh Nghệ An"}],
    ),
    (
        "theo Nghị định 15/2021/ND-CP và Quyết định 12/QD-UBND.",
        [{"text": "15/2021/ND-CP", "type_code": "ND", "type": "Nghị định", "system": "normative"},
         {"text": "12/QD-UBND", "type_code": "QD", "type": "Quyết định", "system": "state"}],
    ),
    (
        "Thực hiện Công điện số 07 - CĐ/TU ngày 20/7/2021 của Ban Thường vụ Tỉnh ủy.",
        [{"text": "07 - CĐ/TU", "key": "07-CĐ/TU", "seq": "07", "system": "party", "type": "Công điện",
          "issued_on": "2021-07-20", "issuer": "Ban Thường vụ Tỉnh ủy"}],
    ),
    ("Văn bản số 1532/UBND-VX ngày 2/6/2021 của UBND tỉnh Điện Biên",
     [{"text": "1532/UBND-VX", "type": "Công văn", "type_word": "Văn bản", "issued_on": "2021-06-02",
       "issuer": "UBND tỉnh Điện Biên"}]),
    ("Công văn số 2601/VPCP-KGVX ngày 20–4–2021 của Văn phòng Chính phủ",
     [{"text": "2601/VPCP-KGVX", "type": "Công văn", "issued_on": "2021-04-20", "issuer": "Văn phòng Chính phủ"}]),
    ("áp dụng Nghị định số 15/2021/NĐ–CP ngày 03/3/2021", [{"text": "15/2021/NĐ–CP", "key": "15/2021/NĐ-CP"}]),
    ("Công văn số 5255/VPCP-V.I ngày 1/8/2021.", [{"text": "5255/VPCP-V.I", "issuer_code": "VPCP-V.I"}]),
    ("Số: 120/BC-UBND-TH", [{"text": "120/BC-UBND-TH", "type": "Báo cáo", "issuer_code": "UBND-TH"}]),
    ("Văn bản hợp nhất số 03/VBHN-VPQH", [{"text": "03/VBHN-VPQH", "type": "Văn bản hợp nhất"}]),
    ("Số: 03/SY", [{"text": "03/SY", "type_code": "SY", "issuer_code": None}]),
    ("Nghị quyết số 30/2021/QH15 ngày 28/7/2021 của Quốc hội khóa XV",
     [{"text": "30/2021/QH15", "type": "Nghị quyết", "issuer": "Quốc hội"}]),
    ("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương",
     [{"text": "08-QĐi/TW", "type": "Quy định", "type_code": "QĐi", "issuer": "Ban Chấp hành Trung ương"}]),
    ("Thông báo kết luận số 123-TB/TU ngày 01/02/2022 của Thường trực Tỉnh ủy Hà Tĩnh.",
     [{"text": "123-TB/TU", "type": "Thông báo", "type_word": "Thông báo", "issued_on": "2022-02-01",
       "issuer": "Thường trực Tỉnh ủy Hà Tĩnh"}]),
    ("Chương trình hành động số 12-CTr/TU ngày 5/5/2021 thực hiện Nghị quyết Đại hội",
     [{"text": "12-CTr/TU", "type": "Chương trình", "issued_on": "2021-05-05"}]),
    ("Chỉ thị 16/CT-TTg của Thủ tướng Chính phủ và Chỉ thị 15/CT-TTg",
     [{"text": "16/CT-TTg", "issuer": "Thủ tướng Chính phủ"}, {"text": "15/CT-TTg", "issuer": None}]),
    ("Chiều 5/8/2021, Ban Thường vụ Huyện ủy Mường Nhé ký ban hành Công điện số 05-CĐ/HU về phòng dịch",
     [{"text": "05-CĐ/HU", "type": "Công điện", "issued_on": "2021-08-05"}]),
    ("Nghị quyết số 05-NQ/HU, 06-NQ/HU và 07-NQ/HU của Huyện ủy",
     [{"text": "05-NQ/HU"}, {"text": "06-NQ/HU", "type_word": "Nghị quyết"},
      {"text": "07-NQ/HU", "type_word": "Nghị quyết", "issuer": "Huyện ủy"}]),
    ("Kế hoạch số 88-KH/BTGTU của Ban Tuyên giáo Tỉnh ủy Lai Châu về tuyên truyền",
     [{"text": "88-KH/BTGTU", "issuer": "Ban Tuyên giáo Tỉnh ủy Lai Châu"}]),
    ("Quyết định số 2150/QĐ-UBND ngày 5.9.2023 của Chủ tịch UBND tỉnh Sơn La phê duyệt",
     [{"text": "2150/QĐ-UBND", "issued_on": "2023-09-05", "issuer": "Chủ tịch UBND tỉnh Sơn La"}]),
    ("Hướng dẫn số 05-HD/BTCTU-BDVTU ngày 12-3-2024 của Ban Tổ chức Tỉnh ủy",
     [{"text": "05-HD/BTCTU-BDVTU", "system": "party", "issuer_code": "BTCTU-BDVTU", "issued_on": "2024-03-12"}]),
    ("Quyết định số 12/2021/QĐ-UBND, Nghị định 4/CP",
     [{"text": "12/2021/QĐ-UBND", "year": 2021, "system": "normative"},
      {"text": "4/CP", "issuer_code": "CP", "type": "Nghị định"}]),
    ("Lệnh số 05/2022/L-CTN công bố Luật", [{"text": "05/2022/L-CTN", "type": "Lệnh", "type_code": "L"}]),
]


@pytest.mark.parametrize(("sentence", "expected"), POSITIVE)
def test_positive(sentence: str, expected: list[dict[str, Any]]) -> None:
    refs = _refs(sentence)
    assert [r.text for r in refs] == [e["text"] for e in expected]
    for r, e in zip(refs, expected, strict=True):
        got = r.dump()
        for k, v in e.items():
            assert got[k] == v, (k, got)


@pytest.mark.parametrize(
    ("sentence", "year", "text", "issued_on"),
    [
        ("Ngày 14/8, UBND tỉnh ban hành Kế hoạch hỏa tốc số 267/KH-UBND về triển khai", 2021, "267/KH-UBND",
         "2021-08-14"),
        ("Ngày 14/8, UBND tỉnh ban hành Kế hoạch hỏa tốc số 267/KH-UBND về triển khai", None, "267/KH-UBND", None),
        ("Sáng 20/7, UBND tỉnh Lào Cai đã ban hành Chỉ thị số 08/CT-UBND về tăng cường", 2023, "08/CT-UBND",
         "2023-07-20"),
        # a yearless date next to a normative symbol takes the symbol's year
        ("Nghị định số 100/2019/NĐ-CP ngày 30/12 của Chính phủ", None, "100/2019/NĐ-CP", "2019-12-30"),
        # not an issuing verb: no date
        ("Ngày 14/8, UBND tỉnh họp bàn việc thực hiện Kế hoạch số 267/KH-UBND", 2021, "267/KH-UBND", None),
    ],
)
def test_lede_and_yearless_dates(sentence: str, year: int | None, text: str, issued_on: str | None) -> None:
    refs = _refs(sentence, year)
    assert [r.text for r in refs] == [text]
    assert refs[0].issued_on == issued_on


def test_date_from_another_mention() -> None:
    text = (
        "Gần nhất, ngày 10/10, Chính phủ đã ban hành Nghị định 261 sửa đổi các nghị định về nhà ở.\n\n"
        "Thủ tướng chỉ đạo Bộ Xây dựng hướng dẫn sau khi có Nghị định 261/2025/NĐ-CP để hướng dẫn.\n\n"
        "Quyết định số 45/QĐ-UBND ngày 02/01/2025 của UBND tỉnh. Theo Quyết định 45/QĐ-UBND, các sở"
    )
    refs = _refs(text)
    assert [(r.text, r.issued_on) for r in refs] == [
        ("261/2025/NĐ-CP", "2025-10-10"),
        ("45/QĐ-UBND", "2025-01-02"),
        ("45/QĐ-UBND", "2025-01-02"),
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("tại Thông báo số 274-TB/TU. Tiếp theo", "274-TB/TU"),
        ("theo Kế hoạch số 267/KH-UBND ngày 14/8/2021", "267/KH-UBND"),
        ("(Tờ trình số 03-TTr/ĐU, ngày 17/10/2025)", "03-TTr/ĐU"),
        ("(Nghị quyết 214/NQ-CP); đảm bảo", "214/NQ-CP"),
        ("*214/NQ-CP*).", "214/NQ-CP"),
        ("Quyết định số 12/QĐ-UBND-Kết luận", "12/QĐ-UBND"),
        ("Kết luận 212-KL/TW năm 2025 về định hướng", "212-KL/TW"),
        ("Thông báo số 274-TB/TU.Tiếp theo", "274-TB/TU"),
    ],
)
def test_does_not_glue_following_text(sentence: str, text: str) -> None:
    assert [r.text for r in _refs(sentence)] == [text]


@pytest.mark.parametrize(
    "sentence",
    [
        "ngày 28/05/2021 tại hội trường",
        "từ ngày 12/12 đến nay",
        "9/11 huyện đã hoàn thành, tỷ lệ 3/4",
        "ngày 02-03/8/2021, tỉnh ghi nhận thêm 02 trường hợp",
        "Chiều 28/5, lúc 16:30, tỷ số 2-1 nghiêng về đội khách",
        "phòng, chống dịch COVID-19 và Covid-19; các ca F0-F1; thông điệp 5K",
        "giai đoạn 2021-2025, nhiệm kỳ 2025 - 2030",
        "ảnh IMG_0875.JPG và tệp bao-cao-2021.pdf",
        "xem https://dienbien.gov.vn/van-ban/267-KH-UBND.pdf hoặc www.site.vn/15/2021/ND-CP",
        "Điện thoại: 0215.3825.123; Fax 0215-3825124; Hotline 1900-9095; (028) 3930.3279 _ 0906.229966 - Xin",
        "đường 3/2, ấp 5/KP2, lớp 12/A1, U23, xe 29A-123.45, số nhà 12/3A",
        "Hà Nội thắng 10-0, sân 7-A, tổ 5-Khu phố 3, Covid 19-TP",
        "Mẫu số 01/TK-SDDPNN ban hành kèm theo",
        "Tiêu chuẩn TCVN 14423:2025 và ISO 9001:2015",
        "Nghị quyết số 05 và Nghị quyết số 3488",
        "47UBND -UBND-TTr",
        "số 267/kh-ubnd viết thường",
        "",
    ],
)
def test_negative(sentence: str) -> None:
    assert _refs(sentence) == []


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("07 - CĐ/TU", "07-CĐ/TU"),
        ("1234 /QĐ-UBND", "1234/QĐ-UBND"),
        ("15/2021/NĐ–CP", "15/2021/NĐ-CP"),
        ("223/CĐ-TTg", "223/CĐ-TTG"),
        ("47UBND -UBND-TTr", "47UBND-UBND-TTR"),
    ],
)
def test_key(number: str, key: str) -> None:
    assert doc_ref_key(number) == key


def test_dump_is_plain_json() -> None:
    (r,) = _refs("Nghị quyết số 05-NQ/TU ngày 05/8/2021 của Ban Chấp hành Đảng bộ tỉnh")
    d = r.dump()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert set(d) == {
        "text", "start", "end", "number", "key", "seq", "year", "type_code", "issuer_code", "system", "type",
        "type_word", "issued_on", "issuer",
    }


def _gold_year(doc: dict[str, Any]) -> int | None:
    for k in ("issued_on", "published_at"):
        if doc.get(k):
            return int(str(doc[k])[:4])
    return None


def test_corpus_recall_and_precision() -> None:
    """All gold numbers found in all 19 documents; extras only among optional_doc_refs."""
    docs = sorted((CORPUS / "docs").glob("*.txt"))
    assert len(docs) == 19
    for path in docs:
        gold = json.loads((CORPUS / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        doc = gold["document"]
        text = normalize(path.read_text(encoding="utf-8")).text
        refs = _refs(text, _gold_year(doc))
        expected = {doc_ref_key(r["number"]): r for r in gold.get("doc_refs", [])}
        if doc.get("number"):
            expected.setdefault(doc_ref_key(doc["number"]), {"number": doc["number"], "type": doc.get("type"),
                                                               "issued_on": doc.get("issued_on")})
        optional = {doc_ref_key(x if isinstance(x, str) else x["number"]) for x in gold.get("optional_doc_refs", [])}
        keys = {r.key for r in refs}
        assert set(expected) <= keys, (path.name, set(expected) - keys)
        assert keys - set(expected) <= optional, (path.name, keys - set(expected) - optional)
        for k, g in expected.items():
            mine = [r for r in refs if r.key == k]
            if g.get("type"):
                assert any(r.type == g["type"] for r in mine), (path.name, k)
            if g.get("issued_on"):
                assert {r.issued_on for r in mine if r.issued_on} == {g["issued_on"]}, (path.name, k)


_PIECES = st.sampled_from(
    ["12", "05", "2021", "/", "-", "–", " ", "\n", "QĐ", "UBND", "TU", "NQ", "KH", "TTr", "ĐU", "Số:", "số",
     "ngày", "tháng", "năm", "của", "Ban", "Nghị quyết", "và", ",", ".", "(", ")", "*", "Ngày 14/8, ", "ban hành",
     "http://", ".pdf", "_", "Ủy ban", "tỉnh", "MTTQ", "V.I"]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for r in find_doc_refs(text):
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.one_of(st.none(), st.integers(1900, 2100)))
def test_symbol_soup_never_raises(text: str, year: int | None) -> None:
    refs = find_doc_refs(text, year=year)
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    for r in refs:
        assert text[r.start : r.end] == r.text
        assert r.key == doc_ref_key(r.text)
        assert any(c.isalpha() for c in r.text)
        json.dumps(r.dump())


def test_latin1_binary_never_raises() -> None:
    blob = bytes(range(256)) * 20
    text = blob.decode("latin-1")
    for r in find_doc_refs(text):
        assert text[r.start : r.end] == r.text


# --------------------------------------------------------------------------- symbols read at a known place


@pytest.mark.parametrize(
    ("text", "number", "type_code", "issuer_code", "system"),
    [
        # header-set pages: the symbol after "Số:" as the word stream gives it
        ("3783/QĐ- UBND", "3783/QĐ-UBND", "QĐ", "UBND", "state"),           # t021, wrapped at its dash
        ("84/2025/QĐ-UBND", "84/2025/QĐ-UBND", "QĐ", "UBND", "normative"),  # t003
        ("37698/TB-CHQ", "37698/TB-CHQ", "TB", "CHQ", "state"),             # t055
        ("17809/BTC-CTK", "17809/BTC-CTK", None, "BTC-CTK", "state"),       # t043: issuer code, no type
        ("6316/BVHTTDL-VP", "6316/BVHTTDL-VP", None, "BVHTTDL-VP", "state"),  # t121
        ("174/CV-BCĐ", "174/CV-BCĐ", "CV", "BCĐ", "state"),                # t235
        ("119- KH/TU", "119-KH/TU", "KH", "TU", "party"),                  # Party, spaced after the hyphen
    ],
)
def test_read_symbol(text: str, number: str, type_code: str | None, issuer_code: str | None, system: str) -> None:
    sym = read_symbol(text + " Nghệ An, ngày", 0)
    assert sym is not None
    assert (sym.number, sym.type_code, sym.issuer_code, sym.system) == (number, type_code, issuer_code, system)
    assert (text + " Nghệ An, ngày")[sym.start : sym.end] == sym.text


@pytest.mark.parametrize("text", ["12/12", "2025 Hà Nội", "Số", "84/", "9/11 huyện"])
def test_read_symbol_refuses_what_is_no_symbol(text: str) -> None:
    assert read_symbol(text, 0) is None


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        # t035: "sửa đổi, bổ sung Quyết định số 3212/QĐ- BKHCN ngày 17/10/2025 của Bộ trưởng"
        ("đổi, bổ sung Quyết định số 3212/QĐ- BKHCN ngày 17/10/2025 của Bộ trưởng Bộ Khoa", "3212/QĐ- BKHCN"),
        # a symbol wrapped at its dash (rewrapped text): the same key as on one line
        ("Số: 3783/QĐ-\nUBND", "3783/QĐ- UBND"),
    ],
)
def test_spaced_and_wrapped_symbols(sentence: str, number: str) -> None:
    (r,) = _refs(sentence)
    assert r.number == number and sentence[r.start : r.end] == r.text
    assert r.key == doc_ref_key(number.replace(" ", ""))


def test_short_mention_across_a_line_break_takes_its_date() -> None:
    # a lede date and a short mention wrapped ("Nghị định\n261"): the full mention gets the date
    text = ("Ngày 10/10, Chính phủ đã ban hành Nghị định\n261 sửa đổi, bổ sung các nghị định.\n"
            "Chính phủ đã có Nghị định 261/2025/NĐ-CP để hướng dẫn cụ thể hơn.")
    (r,) = _refs(text)
    assert r.number == "261/2025/NĐ-CP" and r.issued_on == "2025-10-10"


# --------------------------------------------------------------------------- the type word before a number


def _type_word_by_search(text: str, start: int) -> tuple[str | None, int]:
    """The reading the fast one must equal: the tail searched at every position of the window,
    the leftmost match that starts a word."""
    from directive_nlp.extract.numbers.lexicon import type_word_tail

    m = type_word_tail().search(text, max(0, start - 70), start)
    while m is not None:
        if m.start() == 0 or not text[m.start() - 1].isalnum():
            return " ".join(m.group("word").split()), m.start()
        m = type_word_tail().search(text, m.start() + 1, start)
    return None, start


def test_type_word_before_reads_as_the_search() -> None:
    from directive_nlp.extract.numbers.refs import _type_word_before
    from directive_nlp.extract.numbers.symbol import CAND

    paths = sorted((CORPUS / "docs").glob("*.txt")) + sorted((CORPUS / "headers" / "pages").glob("t0*"))[:20]
    seen = 0
    for path in paths:
        text = normalize(path.read_text(encoding="utf-8")).text
        for m in CAND.finditer(text):
            want = _type_word_by_search(text, m.start())
            assert _type_word_before(text, m.start()) == want, (path.name, m.start())
            seen += want[0] is not None
    assert seen > 100
    odd = "Theo QUYẾT ĐỊNH số 12, Chỉ thị:45, İ Quyết định số 7, xQuyết định 9"
    for m in CAND.finditer(odd):
        assert _type_word_before(odd, m.start()) == _type_word_by_search(odd, m.start())


def test_type_word_starts_include_every_case_insensitive_match() -> None:
    """The lower-cased scan finds every start of the tail: each letter the tail matches regardless
    of case lowers to the syllable's letter (or changes the length, as "İ", and every position is
    tried), and every space of the tail is a space of the standard library."""
    import re

    import regex

    from directive_nlp.extract.numbers.lexicon import _tail_words

    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    letters = {c for w in _tail_words() for c in w.split()[0]}
    for c in letters:
        for m in regex.finditer(regex.escape(c), every, regex.IGNORECASE):
            low = m.group().lower()
            assert low == c.lower() or len(low) != 1, (c, m.group())
    assert {m.group() for m in regex.finditer(r"\s", every)} <= {m.group() for m in re.finditer(r"\s", every)}
