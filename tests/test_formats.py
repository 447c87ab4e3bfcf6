"""Tests for directive_nlp.io.formats: .txt / .html / .docx / .pdf into a Source, typed errors.

Fixtures are built in tmp_path from corpus texts: a DOCX with python-docx (header block in a
table), a PDF written by hand (Type0 font with a ToUnicode map, so the Vietnamese text layer
is extractable without embedding a font), HTML pages with site furniture around an article.
"""

from __future__ import annotations

import html as html_mod
import io
import re
import textwrap
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from directive_nlp.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    MissingInputError,
    TooLargeError,
)
from directive_nlp.io.formats import (
    EncryptedDocumentError,
    MalformedDocumentError,
    NoTextLayerError,
    UnsupportedFormatError,
    format_of,
    iso_datetime,
    read_any,
)
from directive_nlp.resources import load_json

from .conftest import CORPUS_DOCS

ARTICLE = CORPUS_DOCS / "000_7f9b3172eb05957b.txt"
NOTICE = CORPUS_DOCS / "004_86ceddd2e63fe96c.txt"
PLAN = CORPUS_DOCS / "dev_06.txt"

# --------------------------------------------------------------------------- fixture builders


def make_pdf(lines: list[str], *, per_page: int = 48, image_only: bool = False) -> bytes:
    """A PDF whose text layer holds ``lines`` (one text line each, "" = vertical gap), or a
    scan-like PDF with only an image on its page when ``image_only``."""
    chars = sorted({c for ln in lines for c in ln})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    objs: dict[int, bytes] = {}

    def stream(body: bytes, extra: str = "") -> bytes:
        return f"<< /Length {len(body)}{extra} >>\nstream\n".encode() + body + b"\nendstream"

    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{10 + 2 * i} 0 R" for i in range(len(pages)))
    objs[2] = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()
    objs[3] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /ArialUnicode /Encoding /Identity-H"
               b" /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>")
    objs[4] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ArialUnicode /CIDSystemInfo"
               b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 500 >>")
    objs[5] = (b"<< /Type /FontDescriptor /FontName /ArialUnicode /Flags 32 /FontBBox [0 -200 1000 900]"
               b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>")
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = list(cid.items())
    for k in range(0, len(items), 100):
        block = items[k : k + 100]
        cmap.append(f"{len(block)} beginbfchar")
        cmap += [f"<{i:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c, i in block]
        cmap.append("endbfchar")
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    objs[6] = stream("\n".join(cmap).encode())
    objs[7] = stream(bytes([0x80] * 64),
                     " /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8")
    for i, page in enumerate(pages):
        if image_only:
            body = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
        else:
            ops = ["BT", "/F1 10 Tf", "14 TL", "40 800 Td"]
            ops += ["<" + "".join(f"{cid[c]:04X}" for c in ln) + "> Tj T*" for ln in page]
            ops.append("ET")
            body = "\n".join(ops).encode()
        objs[11 + 2 * i] = stream(zlib.compress(body), " /Filter /FlateDecode")
        objs[10 + 2 * i] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {11 + 2 * i} 0 R"
                            " /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 7 0 R >> >> >>").encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + objs[num] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
    for num in range(1, size):
        out += (f"{offsets[num]:010d} 00000 n \n" if num in offsets else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_from_text(text: str, width: int = 95) -> bytes:
    """A text PDF of ``text``: paragraphs wrapped at ``width`` characters, blank lines kept."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, width) or [""]
    return make_pdf(lines)


def _plain(s: str) -> str:
    return s.replace("**", "").replace("*", "")


def _unwrap(block: str) -> str:
    return " ".join(ln.strip() for ln in block.split("\n") if ln.strip())


def plan_parts(path: Path = PLAN) -> tuple[list[str], list[str], list[str]]:
    """(4 header-table cells, body paragraphs, 2 signature-table cells) of a corpus document
    scraped with its tables as "|" lines (dev_05/dev_06 style)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cells: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.strip() == "|":
            if cur:
                cells.append("\n".join(cur))
                cur = []
        elif not ln.strip() and len(cells) >= 4:
            break
        else:
            cur.append(ln)
        i += 1
    body = "\n".join(lines[i:])
    main, *tail = body.rsplit("\n|\n", 3)
    paras = [_plain(_unwrap(p)) for p in re.split(r"\n\s*\n", main) if _unwrap(p).strip("* ")]
    sig = [_plain(t.strip("|\n")) for t in tail]
    return [_plain(c) for c in cells[:4]], paras, sig[:2]


def _fill(cell: Any, text: str) -> None:
    for j, line in enumerate(text.split("\n")):
        (cell.paragraphs[0] if j == 0 else cell.add_paragraph()).add_run(line.strip())


def make_admin_docx(path: Path, source: Path = PLAN) -> Path:
    """An administrative document as Word makes it: header block and signature in tables."""
    cells, paras, sig = plan_parts(source)
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    for k, cell in enumerate(cells):
        _fill(table.cell(k // 2, k % 2), cell)
    for p in paras:
        d.add_paragraph(p)
    if len(sig) == 2:
        table = d.add_table(rows=1, cols=2)
        _fill(table.cell(0, 0), sig[0])
        _fill(table.cell(0, 1), sig[1])
    d.save(str(path))
    return path


NAV = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản chỉ đạo điều hành", "Lịch công tác", "Liên hệ"]
FOOTER = "Bản quyền thuộc Sở Thông tin và Truyền thông tỉnh. Địa chỉ: số 5 đường Võ Nguyên Giáp. Điện thoại: 0215.3825.123"
RELATED = [
    "Hội nghị giao ban công tác tuyên giáo quý III",
    "Huyện Mường Chà triển khai tiêm vắc xin đợt 2",
    "Kiểm tra công tác phòng, chống thiên tai tại xã Pa Ham",
]


def article_parts(path: Path = ARTICLE) -> tuple[str, list[str]]:
    """(title, body paragraphs) of a scraped corpus article, without its metadata line and
    the site's related-news list."""
    text = path.read_text(encoding="utf-8")
    text = text.split("Các tin tức khác:")[0]
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    title = paras[0]
    body = [p for p in paras[1:] if not p.startswith("Thời gian đăng")]
    return title, body


def article_page(path: Path = ARTICLE, *, head: str = "", charset: str = "utf-8") -> str:
    title, body = article_parts(path)
    nav = "".join(f'<li><a href="/m{i}">{w}</a></li>' for i, w in enumerate(NAV))
    rel = "".join(
        f'<li><a href="/tin/{i}">{html_mod.escape(t)}</a> <span class="date">1{i}/07/2024</span></li>'
        for i, t in enumerate(RELATED)
    )
    paras = "".join(f"<p>{html_mod.escape(p)}</p>" for p in body)
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}">'
        f"<title>{html_mod.escape(title)} - Cổng thông tin điện tử tỉnh</title>{head}</head><body>"
        f'<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH</div><nav><ul>{nav}</ul></nav></header>'
        f'<main><article><h1 class="title">{html_mod.escape(title)}</h1>{paras}</article>'
        f'<aside><h3>Tin liên quan</h3><ul>{rel}</ul></aside></main>'
        f"<footer><p>{html_mod.escape(FOOTER)}</p></footer></body></html>"
    )


LEGACY = load_json("legacy_encodings")
TCVN3_ENC = {ch: int(code, 16) for code, ch in LEGACY["tcvn3"]["map"].items()}
TONES = "\u0300\u0301\u0303\u0309\u0323"


def tcvn3_encode(text: str) -> bytes:
    """TCVN3 (ABC) bytes, written from the published map; toned capitals typed lowercase."""
    out = bytearray()
    for ch in text:
        if ch.isascii():
            out.append(ord(ch))
        elif ch in TCVN3_ENC:
            out.append(TCVN3_ENC[ch])
        elif ch.lower() in TCVN3_ENC:
            out.append(TCVN3_ENC[ch.lower()])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def cp1258_encode(text: str) -> bytes:
    """Windows-1258: precomposed where the code page has the letter, else base + tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in nfd if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


# --------------------------------------------------------------------------- dispatch


@pytest.mark.parametrize(
    "name, fmt",
    [("a.txt", "text"), ("A.TXT", "text"), ("b.html", "html"), ("b.HTM", "html"), ("c.docx", "docx"),
     ("d.pdf", "pdf"), ("e.doc", None), ("f.xyz", None), ("README", None), ("g.txt.bak", None)],
)
def test_format_of(name: str, fmt: str | None) -> None:
    assert format_of(name) == fmt


def test_unknown_extension_is_a_typed_error(tmp_path: Path) -> None:
    p = tmp_path / "bao-cao.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(UnsupportedFormatError) as exc:
        read_any(p)
    assert exc.value.code == "E110" and "(.doc)" in str(exc.value)
    assert isinstance(exc.value, InputError)


def test_new_error_codes_are_distinct() -> None:
    codes = {c.code for c in (UnsupportedFormatError, NoTextLayerError, MalformedDocumentError, EncryptedDocumentError)}
    assert codes == {"E110", "E111", "E112", "E113"}
    for cls in (UnsupportedFormatError, NoTextLayerError, MalformedDocumentError, EncryptedDocumentError):
        assert issubclass(cls, InputError)


# --------------------------------------------------------------------------- text


SENTENCE = "Ủy ban nhân dân tỉnh Quảng Trị yêu cầu các sở, ngành khẩn trương triển khai thực hiện."


@pytest.mark.parametrize(
    "encode, encoding",
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16-le"),
        (cp1258_encode, "windows-1258"),
        (tcvn3_encode, "tcvn3"),
    ],
)
def test_text_encodings(tmp_path: Path, encode: Any, encoding: str) -> None:
    text = NOTICE.read_text(encoding="utf-8")[:1500]
    if encoding == "tcvn3":  # VN3 has no toned capitals: compare case-folded
        text = SENTENCE.lower()
    p = tmp_path / "doc.txt"
    p.write_bytes(encode(text))
    source, hints = read_any(p)
    assert hints == {}
    assert source.encoding == encoding
    assert unicodedata.normalize("NFC", source.text) == unicodedata.normalize("NFC", text)
    # the same when the bytes are handed over (Dask workers get bytes, not paths)
    again, _ = read_any(p, data=p.read_bytes())
    assert again == source


@pytest.mark.parametrize(
    "data, error",
    [(b"", EmptyInputError), (b"  \n\t\n", EmptyInputError), (b"\x89PNG\r\n\x1a\n" + bytes(200), BinaryInputError)],
)
def test_text_errors(tmp_path: Path, data: bytes, error: type) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    with pytest.raises(error):
        read_any(p)


@pytest.mark.parametrize("name", ["big.txt", "big.pdf", "big.docx", "big.html"])
def test_too_large_for_every_format(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(b"a" * 5000)
    with pytest.raises(TooLargeError) as exc:
        read_any(p, max_bytes=1000)
    assert "limit" in exc.value.reason
    with pytest.raises(TooLargeError):
        read_any(p, max_bytes=1000, data=p.read_bytes())


@pytest.mark.parametrize("name", ["gone.txt", "gone.pdf"])
def test_missing_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(MissingInputError):
        read_any(tmp_path / name)


# --------------------------------------------------------------------------- HTML


def test_html_main_text_without_site_furniture(tmp_path: Path) -> None:
    p = tmp_path / "tin.html"
    p.write_text(article_page(), encoding="utf-8")
    source, hints = read_any(p)
    title, body = article_parts()
    assert source.encoding == "html:utf-8"
    assert source.text.startswith(title)
    for para in body[:3]:
        assert para in source.text
    for furniture in NAV[3:] + [FOOTER, RELATED[0], "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH"]:
        assert furniture not in source.text
    assert hints == {}  # no date in the page's metadata, and the related-news dates are not one
    assert source.bytes == p.stat().st_size


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<meta property="article:published_time" content="2021-05-28T16:19:39+07:00">', "2021-05-28T16:19:39"),
        ('<meta name="pubdate" content="28/05/2021 16:19">', "2021-05-28T16:19:00"),
        ('<meta itemprop="datePublished" content="2023-11-02">', "2023-11-02"),
        ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
         '"headline":"x","datePublished":"2024-03-15T08:05:00+07:00"}</script>', "2024-03-15T08:05:00"),
        ('<meta name="dc.date" content="2022-12-31">', "2022-12-31"),
        # the publication time wins over a plain date tag
        ('<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2021-06-24T15:43:03">',
         "2021-06-24T15:43:03"),
        ('<meta property="article:published_time" content="not a date">', None),
        ('<meta property="article:published_time" content="2021-02-30T10:00:00">', None),
        ('<meta name="description" content="2021-05-28">', None),
    ],
)
def test_html_published_at_from_metadata(tmp_path: Path, head: str, expected: str | None) -> None:
    p = tmp_path / "tin.htm"
    p.write_text(article_page(head=head), encoding="utf-8")
    _, hints = read_any(p)
    assert hints.get("published_at") == expected


def test_html_legacy_charsets(tmp_path: Path) -> None:
    page = article_page(charset="windows-1258")
    p = tmp_path / "cp1258.html"
    p.write_bytes(cp1258_encode(page))
    source, _ = read_any(p)
    assert source.encoding == "html:cp1258"
    title, _ = article_parts()
    assert unicodedata.normalize("NFC", source.text).startswith(title)
    # a page typed with a TCVN3 font that claims to be Latin-1
    sentence = "thông báo kết luận của chủ tịch ủy ban nhân dân tỉnh tại cuộc họp giao ban"
    tc = (b'<html><head><meta charset="iso-8859-1"><title>x</title></head><body><article><p>'
          + tcvn3_encode(sentence) + b"</p><p>" + tcvn3_encode(sentence + " tháng 5") + b"</p></article></body></html>")
    p = tmp_path / "tcvn3.html"
    p.write_bytes(tc)
    source, _ = read_any(p)
    assert source.encoding.endswith("tcvn3")
    assert sentence in source.text


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    p = tmp_path / "blank.html"
    # a page rendered by JavaScript: nothing in the markup
    p.write_text('<html><head><title></title><script src="/app.js"></script></head>'
                 '<body><div id="root"></div><script>render("#root")</script></body></html>')
    with pytest.raises(EmptyInputError):
        read_any(p)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-05-28", "2021-05-28"),
        ("2021-05-28T16:19:39+07:00", "2021-05-28T16:19:39"),
        ("2021-05-28 16:19", "2021-05-28T16:19:00"),
        ("2021-05-28T16:19:39.123Z", "2021-05-28T16:19:39"),
        ("28/05/2021", "2021-05-28"),
        ("04-8-2021 09h30", "2021-08-04T09:30:00"),
        ("31/02/2021", None),
        ("2021", None),
        ("Thứ sáu, 17/09/2021", None),
        ("", None),
    ],
)
def test_iso_datetime(value: str, expected: str | None) -> None:
    assert iso_datetime(value) == expected


# --------------------------------------------------------------------------- DOCX


def test_docx_header_table_in_reading_order(tmp_path: Path) -> None:
    p = make_admin_docx(tmp_path / "kh.docx")
    source, hints = read_any(p)
    assert source.encoding == "docx" and hints == {}
    text = source.text
    order = ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI", "Số: 308/KH-UBND", "Hà Nội, ngày 17",
             "KẾ HOẠCH", "Thực hiện Nghị quyết số", "Nơi nhận:", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    # the header table is set off from the body by a blank line
    assert "\n\nKẾ HOẠCH\n" in text
    assert source.bytes == p.stat().st_size


def _run(text: str) -> Any:
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def test_docx_runs_links_changes_breaks_merged_and_nested(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Căn cứ ")
    link = OxmlElement("w:hyperlink")
    link.append(_run("Nghị định số 30/2020/NĐ-CP"))
    p._p.append(link)
    ins = OxmlElement("w:ins")
    ins.append(_run(" ngày 05/3/2020"))
    p._p.append(ins)
    dele = OxmlElement("w:del")
    r = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = " (đã bị xóa)"
    r.append(dt)
    dele.append(r)
    p._p.append(dele)
    p2 = d.add_paragraph()
    p2.add_run("TM. ỦY BAN NHÂN DÂN")
    p2.add_run().add_break()
    p2.add_run("CHỦ TỊCH")
    table = d.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Ô gộp một lần"
    table.cell(0, 2).text = "Ô phải"
    inner = table.cell(1, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Bảng lồng trái"
    inner.cell(0, 1).text = "Bảng lồng phải"
    d.add_paragraph("Nơi nhận:")
    path = tmp_path / "x.docx"
    d.save(str(path))
    text = read_any(path)[0].text
    assert "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020\n" in text
    assert "đã bị xóa" not in text
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in text
    assert text.count("Ô gộp một lần") == 1
    assert text.index("Ô gộp một lần") < text.index("Ô phải") < text.index("Bảng lồng trái") < text.index("Bảng lồng phải")
    assert text.rstrip().endswith("Nơi nhận:")


def test_docx_typed_with_tcvn3_font_is_repaired(tmp_path: Path) -> None:
    sentence = "ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương thực hiện"
    d = docx.Document()
    for k in range(3):
        d.add_paragraph(tcvn3_encode(f"{sentence} {k}").decode("latin-1"))
    p = tmp_path / "vntime.docx"
    d.save(str(p))
    source, _ = read_any(p)
    assert source.encoding == "docx+tcvn3"
    assert f"{sentence} 1" in source.text


def test_docx_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    with pytest.raises(EmptyInputError):
        read_any(empty)
    notzip = tmp_path / "notzip.docx"
    notzip.write_bytes(b"this is not a zip package at all")
    with pytest.raises(MalformedDocumentError):
        read_any(notzip)
    ole = tmp_path / "old.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(MalformedDocumentError) as exc:
        read_any(ole)
    assert ".doc" in exc.value.reason
    other = tmp_path / "other.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a word document")
    other.write_bytes(buf.getvalue())
    with pytest.raises(MalformedDocumentError):
        read_any(other)
    zero = tmp_path / "zero.docx"
    zero.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        read_any(zero)


def test_docx_zip_bomb_refused(tmp_path: Path) -> None:
    src = make_admin_docx(tmp_path / "kh.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("word/media/pad.bin", bytes(3_000_000))
    p = tmp_path / "bomb.docx"
    p.write_bytes(buf.getvalue())
    assert p.stat().st_size < 100_000
    with pytest.raises(TooLargeError):
        read_any(p, max_bytes=200_000)


# --------------------------------------------------------------------------- PDF


def test_pdf_text_layer(tmp_path: Path) -> None:
    text = NOTICE.read_text(encoding="utf-8")
    p = tmp_path / "tb.pdf"
    p.write_bytes(pdf_from_text(text))
    source, hints = read_any(p)
    assert source.encoding == "pdf" and hints == {}
    assert source.text.startswith("Số 274-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n")
    assert "T/M BAN THƯỜNG VỤ" in source.text
    assert " ".join(source.text.split()) == " ".join(text.split())


def test_pdf_several_pages(tmp_path: Path) -> None:
    lines = [f"Dòng số {i}: Ủy ban nhân dân huyện Điện Biên Đông" for i in range(120)]
    p = tmp_path / "long.pdf"
    p.write_bytes(make_pdf(lines, per_page=50))
    source, _ = read_any(p)
    assert "Dòng số 0:" in source.text and "Dòng số 119:" in source.text
    assert source.text.index("Dòng số 49:") < source.text.index("Dòng số 50:")


def test_scanned_pdf_is_an_error_not_an_empty_result(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([], image_only=True))
    with pytest.raises(NoTextLayerError) as exc:
        read_any(p)
    assert exc.value.code == "E111" and "no text layer" in exc.value.reason


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n", b"<html>not a pdf</html>", b"%PDF-1.7\n" + bytes(range(256)) * 4],
)
def test_broken_pdf(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "broken.pdf"
    p.write_bytes(data)
    with pytest.raises((MalformedDocumentError, NoTextLayerError)):
        read_any(p)
