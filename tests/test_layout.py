"""Tests for directive_nlp.extract.layout: main text vs page furniture, and the page landmarks."""

from __future__ import annotations

import json
import pathlib
import random

import pytest
import regex

from directive_nlp.extract.layout import (
    Layout,
    Span,
    find_layout,
    is_authority_line,
    is_publication_line,
    is_stop_line,
    looks_like_name,
)
from directive_nlp.text.normalize import normalize
from directive_nlp.text.analysis import analyze

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "corpus"
DOCS = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))


def _text(stem: str) -> str:
    return normalize((CORPUS / "docs" / f"{stem}.txt").read_text(encoding="utf-8")).text


def _gold(stem: str) -> dict:
    return json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


def _occurrences(text: str, s: str, squash: bool = False) -> list[tuple[int, int]]:
    """Where a gold string occurs (whitespace and '*' markup between words tolerated)."""
    s = normalize(s).text.strip()
    if squash:
        pat = r"\s*".join(regex.escape(ch) for ch in "".join(s.split()))
    else:
        pat = r"[\s*]+".join(regex.escape(t) for t in s.split())
    return [(m.start(), m.end()) for m in regex.finditer(pat, text, flags=regex.I)]


def _check_spans(text: str, lay: Layout) -> None:
    for sp in (lay.headline, lay.publication, lay.byline, lay.signature, lay.recipients, lay.type_word, lay.title):
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    prev = -1
    for s, e in lay.main:
        assert prev <= s < e <= len(text)
        prev = e
    for s, e in lay.furniture:
        assert 0 <= s < e <= len(text)
        assert not any(ms < e and s < me for ms, me in lay.main)


# --------------------------------------------------------------------------- corpus


@pytest.mark.parametrize("stem", DOCS)
def test_corpus_kind_and_gold_items_inside_main(stem: str) -> None:
    text, gold = _text(stem), _gold(stem)
    lay = find_layout(text)
    _check_spans(text, lay)
    assert lay.kind == gold["kind"]
    items = [(d["text"], False) for d in gold["dates"]]
    items += [(r["number"], True) for r in gold["doc_refs"]]
    items += [(o["name"], False) for o in gold["officials"]]
    items += [(d["text_start"], False) for d in gold["directives"]]
    for s, squash in items:
        occ = _occurrences(text, s, squash)
        assert occ, f"{s!r} not in text"
        assert any(lay.in_main(a, b) for a, b in occ), f"{stem}: {s!r} outside main"


# furniture strings of the corpus pages that must stay out of the main text
FURNITURE = [
    ("000_7f9b3172eb05957b", "Các tin tức khác:"),
    ("000_7f9b3172eb05957b", "Số/Ký hiệu: 1184/KL-UBND"),
    ("000_7f9b3172eb05957b", "(19/07/2024 )"),
    ("000_7f9b3172eb05957b", "IMG_0875.JPG"),
    ("000_7f9b3172eb05957b", "Tổng truy cập"),
    ("001_3c5e263b584c7281", "http://binhlong.binhphuoc.gov.vn"),
    ("001_3c5e263b584c7281", "UBND thị xã Bình Long\n"),
    ("001_3c5e263b584c7281", "Bạn đã không sử dụng Site"),
    ("002_fd66297768012acf", "TRANG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH ĐIỆN BIÊN"),
    ("002_fd66297768012acf", "Bí thư Tỉnh ủy Nguyễn Văn Thắng làm việc tại huyện Mường Ảng"),
    ("002_fd66297768012acf", "1141-1150 of 1350"),
    ("003_6b2504e18128436a", "Tổng số điểm của bài viết"),
    ("003_6b2504e18128436a", "Tài liệu chỉ thị 05"),
    ("003_6b2504e18128436a", "Tổng lượt truy cập15,450,547"),
    ("dev_01", "Bản dịch này thuộc quyền sở hữu"),
    ("dev_01", "**Số hiệu:**"),
    ("dev_01", "Ngày ban hành:**"),
    ("dev_01", "## Văn bản liên quan"),
    ("dev_01", "Kết luận 212-KL/TW năm 2025 về định hướng"),
    ("dev_01", "TP. HCM, ngày 31/05/2021"),
    ("dev_03", "Đang tải văn bản..."),
    ("dev_04", "Công điện 223/CĐ-TTg ngày 20/11/2025"),
    ("dev_07", "Hiệu lực: Đã biết"),
    ("dev_08", "Tài khoản hiện đã đủ người"),
    ("dev_09", "### Nội dung chính"),
    ("dev_09", "Link bài viết gốc: https://xaydungchinhsach.chinhphu.vn"),
    ("dev_10", "https://www.mod.gov.vn/vn/chi-tiet"),
]


@pytest.mark.parametrize("stem,snippet", FURNITURE)
def test_corpus_furniture_outside_main(stem: str, snippet: str) -> None:
    text = _text(stem)
    lay = find_layout(text)
    start = text.find(snippet)
    assert start >= 0, snippet
    end = start + len(snippet.rstrip("\n"))
    assert not any(s < end and start < e for s, e in lay.main), f"{snippet!r} inside main"


LANDMARKS = [
    # stem, headline, publication line, byline
    ("000_7f9b3172eb05957b", "Hội nghị trực tuyến bàn về công tác phòng, chống dịch Covid-19",
     "Thời gian đăng: 28/05/2021 16:19:39 PM", "Nguồn tin: Sao Khuê"),
    ("001_3c5e263b584c7281",
     "Thị xã Bình Long dự Hội nghị trực tuyến triển khai công tác phòng chống dịch bệnh Covid-19", None, "Văn Tâm"),
    ("002_fd66297768012acf", "• Bài học trong phòng, chống dịch Covid-19 của Điện Biên cần được nhân rộng",
     "• Thời gian đăng: 24/06/2021 03:43:03 PM - Lượt đọc: 8228", "Tin, ảnh: Lý Thanh Tiềm"),
    ("003_6b2504e18128436a", "Triển khai thực hiện Nghị quyết số 05 của Ban Chấp hành Đảng bộ tỉnh",
     "Thứ sáu - 17/09/2021 06:46 1.425 0", "Gia Phúc\nGia Phúc"),
    ("dev_09", "# Thủ tướng yêu cầu thành lập trung tâm giao dịch bất động sản, quyền sử dụng đất do Nhà nước quản lý",
     "Giờ đăng: 13/10/2025 06:58", None),
    ("dev_10", "# Thông qua Dự thảo báo cáo kết quả kiểm tra đối với Quân ủy Trung ương",
     "Ngày đăng bài viết gốc: 14:30 | 17/03/2025", "Nguyên Hải"),
    ("dev_11", None, None, "T.SỸ"),
    ("dev_12", "Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung: Chấn chỉnh lãnh đạo cấp phòng sở ngành, quận huyện, phường xã",
     None, None),
    ("dev_13", "Khẩn trương kiểm tra an toàn thông tin mạng các hệ thống quan trọng quốc gia", None, "Vân Anh"),
    ("dev_14", "Thứ trưởng Nguyễn Văn Sơn chỉ đạo công tác tại Công an Sóc Trăng", None, "Văn Đức"),
]


@pytest.mark.parametrize("stem,headline,publication,byline", LANDMARKS)
def test_corpus_article_landmarks(stem: str, headline: str | None, publication: str | None,
                                  byline: str | None) -> None:
    lay = find_layout(_text(stem))
    assert (lay.headline.text if lay.headline else None) == headline
    assert (lay.publication.text if lay.publication else None) == publication
    assert (lay.byline.text if lay.byline else None) == byline
    assert lay.header_end is None and lay.signature is None


NOTICE_MARKS = [
    # stem, first chars of the header block, end of the signer block, type word
    ("004_86ceddd2e63fe96c", "Số 274-TB/TU", "Nguyễn Văn Thắng", "THÔNG BÁO"),
    ("dev_01", "**BAN\nCHẤP HÀNH TRUNG ƯƠNG**", "Trần Cẩm Tú", "KẾT LUẬN"),
    ("dev_02", "BAN CHẤP HÀNH\nTRUNG ƯƠNG", "**Phạm Tất Thắng**", "HƯỚNG DẪN"),
    ("dev_04", "**THỦ TƯỚNG CHÍNH\nPHỦ**", "Hồ Quốc Dũng", "CÔNG ĐIỆN"),
    ("dev_07", "**ỦY BAN NHÂN DÂN\n**", "**Nguyễn Mạnh Cường**", None),
    ("dev_08", "**ỦY BAN NHÂN DÂN**", "Nguyễn Hoàng Giang", "QUYẾT ĐỊNH"),
]


@pytest.mark.parametrize("stem,head,sig_end,type_word", NOTICE_MARKS)
def test_corpus_notice_landmarks(stem: str, head: str, sig_end: str, type_word: str | None) -> None:
    text = _text(stem)
    lay = find_layout(text)
    assert lay.kind == "notice"
    assert lay.header_start is not None and text[lay.header_start :].startswith(head)
    assert lay.signature is not None and lay.signature.text.endswith(sig_end)
    assert lay.main[-1][1] == lay.signature.end  # the signer closes the document here
    assert (lay.type_word.text if lay.type_word else None) == type_word
    assert lay.recipients is not None and lay.recipients.text.startswith(("Nơi nhận", "*Nơi nhận"))
    # the body starts after the header block
    assert lay.header_end is not None and lay.header_start < lay.header_end < lay.recipients.start


# --------------------------------------------------------------------------- synthetic pages

PORTAL_ARTICLE = """Cổng thông tin điện tử tỉnh Quảng Trị
Trang chủ
Tin tức - Sự kiện

Chủ tịch UBND tỉnh kiểm tra công tác ứng phó bão số 4
Cập nhật lúc: 08:30 ngày 19/09/2022

Sáng 18/9, Chủ tịch UBND tỉnh Võ Văn Hưng đã đi kiểm tra công tác ứng phó bão số 4 tại huyện Vĩnh Linh. Đồng chí yêu cầu các địa phương khẩn trương sơ tán người dân khỏi vùng nguy hiểm.

IMG_2045.jpg

Đồng chí đề nghị lực lượng vũ trang sẵn sàng ứng cứu khi có tình huống xấu xảy ra.

Minh Anh - Hải Yến

Chia sẻ
In trang
Các tin khác
• Quảng Trị chủ động ứng phó bão (18/09/2022)
• Tăng cường kiểm tra an toàn hồ đập (17/09/2022)
"""

STAMP_FIRST = """Thứ Hai, 06/03/2023 14:20 (GMT+7)
Hà Nội triển khai nhiệm vụ năm 2023
Chiều 6/3, UBND thành phố Hà Nội tổ chức hội nghị triển khai nhiệm vụ. Phó Chủ tịch UBND thành phố Hà Minh Hải yêu cầu các sở, ngành tập trung giải ngân vốn đầu tư công.
Theo Hà Nội Mới
"""

LINK_RUN_ARTICLE = """Sơn La tổng kết công tác dân vận năm 2022
Ngày đăng: 20/12/2022
Sáng 20/12, Ban Dân vận Tỉnh ủy Sơn La tổ chức hội nghị tổng kết công tác dân vận năm 2022. Đồng chí Trưởng Ban Dân vận Tỉnh ủy đề nghị các cấp ủy tiếp tục đổi mới phương thức vận động quần chúng.
Tin, ảnh: Hoàng Giang
• Hội nghị giao ban khối dân vận
• Tập huấn nghiệp vụ cho cán bộ dân vận cơ sở
• Trao tặng Kỷ niệm chương vì sự nghiệp dân vận
• Gặp mặt kỷ niệm ngày truyền thống
"""

TWO_COLUMN_NOTICE = """ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI                          Độc lập - Tự do - Hạnh phúc
SỞ Y TẾ
Số: 125/KH-SYT                     Lào Cai, ngày 05 tháng 3 năm 2022

KẾ HOẠCH
Triển khai tiêm vắc xin phòng COVID-19 cho trẻ em
từ 5 đến dưới 12 tuổi trên địa bàn tỉnh

Thực hiện Công văn số 1234/BYT-DP ngày 01/3/2022 của Bộ Y tế, Sở Y tế xây dựng kế hoạch như sau:
1. Trung tâm Kiểm soát bệnh tật tỉnh chủ trì tổ chức tiêm chủng.

Nơi nhận:                                         KT. GIÁM ĐỐC
- UBND tỉnh (b/c);                                PHÓ GIÁM ĐỐC
- Lưu: VT, NVY.
                                                  (Đã ký)

                                                  Nguyễn Thị Lan
"""

PORTAL_NOTICE = """TRANG CHỦ | GIỚI THIỆU | TIN TỨC | VĂN BẢN
Văn bản chỉ đạo
Thời gian đăng: 12/01/2022 08:05:10 AM

ĐẢNG BỘ TỈNH NGHỆ AN                  ĐẢNG CỘNG SẢN VIỆT NAM
BAN THƯỜNG VỤ HUYỆN ỦY
           *
Số 45-CV/HU                              Con Cuông, ngày 10 tháng 01 năm 2022
V/v tăng cường công tác phòng,
chống dịch Covid-19 dịp Tết

Kính gửi: Các chi bộ, đảng bộ trực thuộc.

Ban Thường vụ Huyện ủy yêu cầu các cấp ủy thực hiện tốt các nội dung sau:
1. Tuyên truyền sâu rộng đến cán bộ, đảng viên.

Nơi nhận:
- Như trên,
- Thường trực Tỉnh ủy (để b/c),
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
(Đã ký)
Lô Thị Mai

Tin liên quan
• Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 5 (10/01/2022)
• Huyện ủy kiểm tra công tác chuẩn bị Tết (09/01/2022)
• Tổng kết công tác năm 2021 (08/01/2022)
Tổng truy cập: 1.234.567
"""

SIGNER_FIRST_DRAFT = """ỦY BAN NHÂN DÂN
HUYỆN MƯỜNG NHÉ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số:      /QĐ-UBND
Mường Nhé, ngày    tháng 12 năm 2021
DỰ THẢO

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác
kiểm tra công tác phòng, chống dịch

Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau.
Điều 2. Chánh Văn phòng HĐND và UBND huyện chịu trách nhiệm thi hành Quyết định này./.
                                                  KT. CHỦ TỊCH
                                                  PHÓ CHỦ TỊCH



                                                  Lò Văn Cương
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
"""

WITH_APPENDIX = """TỈNH ỦY QUẢNG NAM
*
Số 210-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Tam Kỳ, ngày 14 tháng 3 năm 2023

KẾ HOẠCH
thực hiện Chỉ thị số 15-CT/TW của Ban Bí thư

1. Các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch thực hiện.

Nơi nhận:
- Các huyện ủy, thị ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
Lê Văn Dũng

PHỤ LỤC
PHÂN CÔNG NHIỆM VỤ
1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.
2. Sở Nội vụ hướng dẫn thực hiện trước ngày 30/4/2023.

Văn bản liên quan
Kế hoạch 199-KH/TU về công tác cán bộ (01/02/2023)
"""

# text, kind, headline, publication, byline, must be in main, must be furniture
SYNTHETIC = [
    (PORTAL_ARTICLE, "article", "Chủ tịch UBND tỉnh kiểm tra công tác ứng phó bão số 4",
     "Cập nhật lúc: 08:30 ngày 19/09/2022", "Minh Anh - Hải Yến",
     ["Võ Văn Hưng", "sẵn sàng ứng cứu"], ["Cổng thông tin điện tử", "IMG_2045.jpg", "Chia sẻ", "(18/09/2022)"]),
    (STAMP_FIRST, "article", "Hà Nội triển khai nhiệm vụ năm 2023", "Thứ Hai, 06/03/2023 14:20 (GMT+7)", None,
     ["06/03/2023 14:20", "Hà Minh Hải"], []),
    (LINK_RUN_ARTICLE, "article", "Sơn La tổng kết công tác dân vận năm 2022", "Ngày đăng: 20/12/2022",
     "Tin, ảnh: Hoàng Giang", ["đổi mới phương thức"], ["Hội nghị giao ban khối dân vận", "Gặp mặt kỷ niệm"]),
    (TWO_COLUMN_NOTICE, "notice", None, None, None,
     ["Số: 125/KH-SYT", "Nguyễn Thị Lan", "Lưu: VT, NVY."], []),
    (PORTAL_NOTICE, "notice", None, "Thời gian đăng: 12/01/2022 08:05:10 AM", None,
     ["Số 45-CV/HU", "Lô Thị Mai", "Lưu Văn phòng Huyện ủy."],
     ["TRANG CHỦ", "Tin liên quan", "(10/01/2022)", "Tổng truy cập"]),
    (SIGNER_FIRST_DRAFT, "notice", None, None, None, ["Lò Văn Cương", "- Lưu: VT."], []),
    (WITH_APPENDIX, "notice", None, None, None,
     ["Lê Văn Dũng", "PHỤ LỤC", "Sở Nội vụ hướng dẫn thực hiện trước ngày 30/4/2023."],
     ["Văn bản liên quan", "Kế hoạch 199-KH/TU"]),
]


@pytest.mark.parametrize("text,kind,headline,publication,byline,inside,outside", SYNTHETIC)
def test_synthetic_pages(text: str, kind: str, headline: str | None, publication: str | None,
                         byline: str | None, inside: list[str], outside: list[str]) -> None:
    text = normalize(text).text
    lay = find_layout(text)
    _check_spans(text, lay)
    assert lay.kind == kind
    assert (lay.headline.text if lay.headline else None) == headline
    assert (lay.publication.text if lay.publication else None) == publication
    assert (lay.byline.text if lay.byline else None) == byline
    for s in inside:
        i = text.find(s)
        assert i >= 0 and lay.in_main(i, i + len(s)), f"{s!r} should be main"
    for s in outside:
        i = text.find(s)
        assert i >= 0 and not lay.in_main(i, i + len(s)), f"{s!r} should be furniture"


def test_signature_beside_recipients() -> None:
    text = normalize(TWO_COLUMN_NOTICE).text
    lay = find_layout(text)
    assert lay.signature is not None
    assert lay.signature.text.startswith("KT. GIÁM ĐỐC") and lay.signature.text.endswith("Nguyễn Thị Lan")
    assert lay.recipients is not None and lay.recipients.text.startswith("Nơi nhận:")


def test_signer_before_recipients() -> None:
    text = normalize(SIGNER_FIRST_DRAFT).text
    lay = find_layout(text)
    assert lay.signature is not None and lay.signature.text.startswith("KT. CHỦ TỊCH")
    assert lay.main[-1][1] == len(text.rstrip())


# --------------------------------------------------------------------------- line classifiers

@pytest.mark.parametrize("line,expected", [
    ("Các tin tức khác:", True),
    ("Tin liên quan", True),
    ("## Văn bản liên quan", True),
    ("Văn bản liên quan", True),
    ("Tổng truy cập: Tổng lượt truy cập Trang", True),
    ("Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập.", True),
    ("Chia sẻ", True),
    ("In trang", True),
    ("Tổng số điểm của bài viết là: 0 trong 0 đánh giá", True),
    ("Đang truy cập172", True),
    # body sentences starting like a marker are not markers
    ("Chia sẻ tại hội nghị, đồng chí Bí thư Tỉnh ủy nhấn mạnh công tác phòng dịch.", False),
    ("Tin tưởng vào sự lãnh đạo của Đảng, nhân dân tích cực tham gia.", False),
    ("Thống kê cho thấy số ca mắc giảm mạnh trong tuần qua.", False),
])
def test_is_stop_line(line: str, expected: bool) -> None:
    from directive_nlp.extract.layout import clean_line

    assert is_stop_line(clean_line(line)) is expected


@pytest.mark.parametrize("line,near,expected", [
    ("Thời gian đăng: 28/05/2021 16:19:39 PM", False, True),
    ("Thứ sáu - 17/09/2021 06:46 1.425 0", False, True),
    ("Giờ đăng: 13/10/2025 06:58", False, True),
    ("Ngày đăng bài viết gốc: 14:30 | 17/03/2025", False, True),
    ("Cập nhật lúc: 08:30 ngày 19/09/2022", False, True),
    ("17/09/2021 06:46", True, True),
    ("17/09/2021 06:46", False, False),
    ("Ngày 14/8, UBND tỉnh ban hành Kế hoạch hỏa tốc số 267/KH-UBND", True, False),
    ("Thời gian đăng bài chưa được cập nhật", False, False),
])
def test_is_publication_line(line: str, near: bool, expected: bool) -> None:
    assert is_publication_line(line, near_headline=near) is expected


@pytest.mark.parametrize("line,expected", [
    ("KT. CHỦ TỊCH", True), ("T/M BAN THƯỜNG VỤ", True), ("TM. ỦY BAN NHÂN DÂN", True),
    ("K/T TRƯỞNG BAN", True), ("TL. BỘ TRƯỞNG", True), ("TUQ. GIÁM ĐỐC", True), ("Q. GIÁM ĐỐC", True),
    ("KT.CHỦ TỊCH", True),
    ("QHĐP, KTTH; Cổng TTĐTCP;", False), ("KTTH", False), ("TMĐT", False), ("CHỦ TỊCH", False),
])
def test_is_authority_line(line: str, expected: bool) -> None:
    assert is_authority_line(line) is expected


@pytest.mark.parametrize("s,expected", [
    ("Nguyễn Văn Thắng", True), ("Y Khoa Niê", True), ("T.SỸ", True), ("Văn Tâm", True),
    ("Mùa A Vảng", True),
    ("Bí thư Tỉnh ủy", False), ("Ý kiến bạn đọc", False), ("Nơi nhận", False), ("IMG_0875.JPG", False),
    ("Tổng", False), ("Ngày 14/8", False),
])
def test_looks_like_name(s: str, expected: bool) -> None:
    assert looks_like_name(s) is expected


# --------------------------------------------------------------------------- robustness

@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "|\n|\n**\n", "\x00\x01\x02", "Số:", "Nơi nhận:\n-",
                                  "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A"])
def test_degenerate_inputs(text: str) -> None:
    lay = find_layout(text)
    _check_spans(text, lay)
    assert isinstance(lay.dump(), dict)


def test_random_inputs_never_raise() -> None:
    rng = random.Random(7)
    pieces = ["Số: 12/KH-UBND", "Hà Nội, ngày 1 tháng 2 năm 2020", "KẾ HOẠCH", "Nơi nhận:", "- A;",
              "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "Thời gian đăng: 01/01/2020 10:00",
              "Các tin khác", "• x (01/01/2020)", "", "|", "**", "Tin, ảnh: A", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    for i in range(300):
        if i % 2:
            text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        else:
            text = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300))).decode("latin-1")
        a = analyze(text)  # extractors read the normalized text: offsets are into it
        _check_spans(a.text, find_layout(a))


def test_span_dump() -> None:
    sp = Span(2, 5, "abc")
    assert sp.dump() == {"text": "abc", "start": 2, "end": 5}
    lay = find_layout(normalize(PORTAL_ARTICLE).text)
    d = lay.dump()
    assert d["kind"] == "article" and d["headline"]["text"].startswith("Chủ tịch UBND tỉnh")
    json.dumps(d)


# --------------------------------------------------------------------------- header-set pages
# Real portal pages outside the fresh set: the notice whatever the crawl did to its header.

PAGES = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "headers" / "pages"


def _page(stem: str) -> str:
    return normalize((PAGES / f"{stem}.txt").read_text(encoding="utf-8")).text


@pytest.mark.parametrize(("stem", "head"), [
    ("t003", "**ỦY BAN NHÂN\nDÂN **"),   # the body's name broken over two lines
    ("t055", "BỘ\nTÀI CHÍNH"),
    ("t139", "**BỘ Y T****Ế**"),         # after the portal's summary of the document
    ("t207", "UBND THÀNH PHỐ HÀ\nNỘI"),
])
def test_header_set_pages_are_notices(stem: str, head: str) -> None:
    text = _page(stem)
    lay = find_layout(text)
    _check_spans(text, lay)
    assert lay.kind == "notice"
    assert lay.header_start is not None and text[lay.header_start :].startswith(head)
    assert lay.blocks is not None and lay.blocks.number is not None


@pytest.mark.parametrize("stem", ["t043", "t119", "t235"])
def test_a_page_whose_header_was_cut_opens_with_kinh_gui(stem: str) -> None:
    # the portal cut the header; "Kính gửi" opens the page, a signer block closes it
    text = _page(stem)
    lay = find_layout(text)
    _check_spans(text, lay)
    assert lay.kind == "notice"
    assert lay.addressees is not None and lay.header_start is not None
    assert text[lay.header_start : lay.addressees.start].strip("*") == ""   # the line's opening marks
    assert lay.header_end == lay.addressees.end
    assert lay.signature is not None and lay.signature.start > lay.header_end


def test_a_portal_page_without_the_document_text() -> None:
    # t167 shows a title line and related documents, not the document: a notice with no main text
    lay = find_layout(_page("t167"))
    assert lay.kind == "notice" and lay.main == () and lay.portal is not None


def test_the_portal_banner_is_never_a_headline() -> None:
    # the copyright banner a legal portal prints above a page, before a news report
    banner = (
        "|\n|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, "
        "đăng tải lại mà không có sự đồng ý của **\nTHƯ VIỆN PHÁP LUẬT** là vi phạm pháp luật về Sở hữu trí tuệ.\n"
    )
    news = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "unlabeled" / "news" / "news_04.txt"
    if not news.is_file():
        pytest.skip("shared unlabeled news not available")
    text = normalize(banner + news.read_text(encoding="utf-8")).text
    lay = find_layout(text)
    assert lay.kind == "article"
    assert lay.headline is None or "quyền sở hữu" not in lay.headline.text
    assert not any(s <= text.index("Bản dịch") < e for s, e in lay.main)


@pytest.mark.parametrize("stem", ["t097", "t239"])
def test_the_main_text_keeps_the_appendix_and_ends_before_the_portal(stem: str) -> None:
    text = _page(stem)
    lay = find_layout(text)
    end = lay.main[-1][1]
    assert "PHỤ LỤC" in text[lay.signature.end : end] if lay.signature else True
    assert "## Văn bản liên quan" not in text[: end]


def test_a_wrapped_sentence_tail_is_no_furniture_heading() -> None:
    assert not is_stop_line("chia sẻ.")
    assert is_stop_line("Chia sẻ")


@pytest.mark.parametrize(("stem", "first", "last"), [
    # the label wrapped and emphasised ("*Nơi\nnhận:*"), the list under it
    ("t057", "Như Điều 3", "Lưu: VT, HCC, PV."),
    # the same, and a dash alone on its line with the item's text on the next one
    ("t139", "Như Điều 3", "Lưu: VT, HTTB."),
])
def test_a_wrapped_noi_nhan_label_opens_the_recipients_block(stem: str, first: str, last: str) -> None:
    text = _page(stem)
    lay = find_layout(text)
    _check_spans(text, lay)
    assert lay.recipients is not None
    assert lay.recipients.text.startswith("*Nơi\nnhận")
    assert first in lay.recipients.text and lay.recipients.text.endswith(last)


def test_the_portal_banner_above_a_document_keeps_it_a_notice() -> None:
    # the banner as the portal prints it (dev_08's first lines) above a decision of the header set
    banner = (
        "|\n|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, "
        "đăng tải lại mà không có sự đồng ý của **\nTHƯ VIỆN PHÁP LUẬT** là vi phạm pháp luật về Sở hữu trí tuệ.\n"
    )
    text = normalize(banner + (PAGES / "t005.txt").read_text(encoding="utf-8")).text
    lay = find_layout(text)
    assert lay.kind == "notice"
    assert lay.title is not None and "quyền sở hữu" not in lay.title.text
    assert not any(s <= text.index("Bản dịch") < e for s, e in lay.main)
