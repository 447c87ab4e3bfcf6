"""Tests for directive_nlp.io.reading: encodings (UTF-8/16, Windows-1258, TCVN3, VNI) and input errors."""

from __future__ import annotations

import builtins
import codecs
import hashlib
import io
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.io import reading
from directive_nlp.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    MissingInputError,
    NotAFileError,
    TooLargeError,
    UnreadableInputError,
)
from directive_nlp.text.normalize import normalize
from directive_nlp.io.reading import Source, decode_bytes, read_source, repair_mojibake, source_from_text
from directive_nlp.resources import load_json

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "docs"
CORPUS = sorted(DOCS.glob("*.txt"))
TRIED = "not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI text"
TONES = "\u0300\u0301\u0303\u0309\u0323"


# --------------------------------------------------------------------------- encoders written
# from the published maps (the reader's decoders are not used to build the test input)

LEGACY = load_json("legacy_encodings")
TCVN3_ENC = {ch: int(code, 16) for code, ch in LEGACY["tcvn3"]["map"].items()}
VNI_ENC = {ch: seq for seq, ch in LEGACY["vni"]["map"].items()}


def tcvn3_encode(text: str) -> tuple[bytes, str]:
    """TCVN3 bytes and the text they stand for: VN3 has no toned capitals, so those are typed
    with the lowercase codes (as in the all-caps .VnTimeH fonts) and read back lowercase."""
    out = bytearray()
    expected = []
    for ch in text:
        if ch.isascii():
            out.append(ord(ch))
            expected.append(ch)
        elif ch in TCVN3_ENC:
            out.append(TCVN3_ENC[ch])
            expected.append(ch)
        elif ch.lower() in TCVN3_ENC:
            out.append(TCVN3_ENC[ch.lower()])
            expected.append(ch.lower())
        else:
            b = ch.encode("cp1252")  # typographic punctuation: – “ ” • …
            assert b[0] < 0xA1, ch
            out += b
            expected.append(ch)
    return bytes(out), "".join(expected)


def vni_encode(text: str) -> bytes:
    return "".join(VNI_ENC.get(ch, ch) for ch in text).encode("cp1252")


def cp1258_encode(text: str, *, decompose_all: bool = False) -> bytes:
    """Windows-1258: precomposed letters where the code page has them (Microsoft's style), else
    base letter + combining tone mark; ``decompose_all`` puts every tone mark separately."""
    out = bytearray()
    for ch in text:
        if not decompose_all:
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


def corpus_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- maps


def test_maps_have_provenance() -> None:
    assert LEGACY["source"] and LEGACY["notes"]
    assert "TCVN 5712" in LEGACY["source"]


def test_tcvn3_map_complete() -> None:
    tmap = LEGACY["tcvn3"]["map"]
    assert len(tmap) == 74 and len(set(tmap.values())) == 74
    assert all(0xA1 <= int(code, 16) <= 0xFE for code in tmap)
    # every lowercase vowel with every tone, plus ă â ê ô ơ ư đ in both cases
    for base in "aăâeêioôơuưy":
        for tone in TONES:
            assert unicodedata.normalize("NFC", base + tone) in TCVN3_ENC
    for ch in "ăâêôơưđĂÂÊÔƠƯĐ":
        assert ch in TCVN3_ENC


def test_vni_map_complete() -> None:
    vmap = LEGACY["vni"]["map"]
    letters = set()
    for base in "aăâeêioôơuưy":
        for tone in ("",) + tuple(TONES):
            ch = unicodedata.normalize("NFC", base + tone)
            if not ch.isascii():
                letters |= {ch, ch.upper()}
    letters |= {"đ", "Đ"}
    assert set(vmap.values()) == letters
    assert len(vmap) == len(letters)
    for seq in vmap:
        assert 1 <= len(seq) <= 2
        assert seq.encode("cp1252").decode("cp1252") == seq
        assert len(seq) == 1 or seq[0] in "aeouyAEOUYôöÔÖ"


# --------------------------------------------------------------------------- corpus round trips


def _write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "windows-1258", "windows-1258-nfd", "tcvn3", "vni"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("doc", CORPUS, ids=lambda p: p.stem)
def test_corpus_round_trip(tmp_path: Path, doc: Path, encoding: str) -> None:
    text = corpus_text(doc)
    expected_text, expected_enc = text, encoding
    if encoding == "utf-8":
        data = text.encode("utf-8")
    elif encoding == "utf-8-sig":
        data = codecs.BOM_UTF8 + text.encode("utf-8")
    elif encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    elif encoding == "windows-1258":
        data = cp1258_encode(text)
    elif encoding == "windows-1258-nfd":
        data = cp1258_encode(text, decompose_all=True)
        expected_enc = "windows-1258"
    elif encoding == "tcvn3":
        data, expected_text = tcvn3_encode(text)
    else:
        data = vni_encode(text)
    src = read_source(_write(tmp_path, data))
    assert src.encoding == expected_enc
    assert src.text == expected_text
    assert src.bytes == len(data)
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert src.path == str(tmp_path / "doc.txt")
    assert src.dump() == {"path": src.path, "sha256": src.sha256, "bytes": len(data), "encoding": expected_enc}


def test_corpus_is_plain_utf8() -> None:
    for doc in CORPUS:
        text, enc = decode_bytes(doc.read_bytes(), str(doc))
        assert enc == "utf-8"
        assert text == corpus_text(doc)


# --------------------------------------------------------------------------- known real legacy bytes

REAL_LEGACY = [
    # TCVN3 (ABC) as it shows when read as Latin-1
    ("Uû ban nh©n d©n", "latin-1", "tcvn3", "Uỷ ban nhân dân"),
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc", "latin-1", "tcvn3",
     "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"),
    ("QuyÕt ®Þnh vÒ viÖc thµnh lËp Ban chØ ®¹o", "latin-1", "tcvn3",
     "Quyết định về việc thành lập Ban chỉ đạo"),
    ("Th«ng b¸o kÕt luËn cña Chñ tÞch UBND tØnh t¹i cuéc häp", "latin-1", "tcvn3",
     "Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp"),
    ("Sè: 12/Q§-UBND, ngµy 05 th¸ng 3 n¨m 2004", "latin-1", "tcvn3", "Số: 12/QĐ-UBND, ngày 05 tháng 3 năm 2004"),
    ("Së Gi¸o dôc vµ §µo t¹o cã tr¸ch nhiÖm h­íng dÉn c¸c ®¬n vÞ thùc hiÖn", "latin-1", "tcvn3",
     "Sở Giáo dục và Đào tạo có trách nhiệm hướng dẫn các đơn vị thực hiện"),
    ("ng­êi d©n ®­îc gióp ®ì kÞp thêi; kü thuËt; sÏ; ®Ñp", "latin-1", "tcvn3",
     "người dân được giúp đỡ kịp thời; kỹ thuật; sẽ; đẹp"),
    # VNI-Windows as it shows when read as Windows-1252
    ("UÛy ban nhaân daân", "cp1252", "vni", "Ủy ban nhân dân"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc", "cp1252", "vni",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
    ("ngöôøi daân ñöôïc höôûng; ñòa phöông; tænh; naêm; Ñaëc bieät", "cp1252", "vni",
     "người dân được hưởng; địa phương; tỉnh; năm; Đặc biệt"),
    ("Thaønh phoá Hoà Chí Minh, ngaøy 15 thaùng 8 naêm 2003", "cp1252", "vni",
     "Thành phố Hồ Chí Minh, ngày 15 tháng 8 năm 2003"),
]


@pytest.mark.parametrize("shown, codec, encoding, expected", REAL_LEGACY)
def test_real_legacy_bytes(tmp_path: Path, shown: str, codec: str, encoding: str, expected: str) -> None:
    data = shown.encode(codec)
    assert decode_bytes(data) == (expected, encoding)
    src = read_source(_write(tmp_path, data))
    assert (src.text, src.encoding) == (expected, encoding)


def test_tcvn3_anchor_normalizes_to_new_style() -> None:
    text, enc = decode_bytes("Uû ban nh©n d©n".encode("latin-1"))
    assert enc == "tcvn3"
    assert normalize(text).text == "Ủy ban nhân dân"


WINDOWS_1258 = [
    # real Windows-1258 bytes: base letter + combining tone byte (0xCC grave, 0xEC acute, 0xD2 hook,
    # 0xDE tilde, 0xF2 dot below); ơ = 0xF5, ư = 0xFD, đ = 0xF0, Đ = 0xD0
    (b"C\xf4\xf2ng ho\xcca xa\xde h\xf4\xf2i chu\xd2 nghi\xdea Vi\xea\xf2t Nam",
     "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (b"\xd0\xf4\xf2c l\xe2\xf2p - T\xfd\xf2 do - Ha\xf2nh phu\xecc", "Độc lập - Tự do - Hạnh phúc"),
    (b"Ng\xfd\xf5\xcci d\xe2n \xf0\xfd\xf5\xf2c h\xfd\xf5\xd2ng", "Người dân được hưởng"),
]


@pytest.mark.parametrize("data, expected", WINDOWS_1258)
def test_real_windows_1258_bytes(data: bytes, expected: str) -> None:
    text, enc = decode_bytes(data)
    assert enc == "windows-1258"
    assert text == expected
    assert unicodedata.is_normalized("NFC", text)


OWN_SENTENCES = [
    "Ủy ban nhân dân tỉnh Đắk Lắk yêu cầu Sở Nông nghiệp và Phát triển nông thôn khẩn trương "
    "triển khai phương án phòng, chống bão số 3.\r\n",
    "CÔNG ĐIỆN\nVề việc tập trung ứng phó với mưa lũ tại các tỉnh miền Trung\n",
    "Số: 1234/QĐ-UBND\tQuảng Ngãi, ngày 07 tháng 10 năm 2024\n",
    "Giao Chủ tịch UBND huyện Mường Nhé chỉ đạo các xã rà soát hộ nghèo, báo cáo kết quả "
    "trước ngày 30/6/2025; đồng chí Nguyễn Thị Hương, Phó Giám đốc Sở Y tế, chịu trách nhiệm.",
    "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG “về công tác cải cách hành chính”",
]


@pytest.mark.parametrize("encoding", ["windows-1258", "tcvn3", "vni"])
@pytest.mark.parametrize("text", OWN_SENTENCES)
def test_own_sentences_round_trip(text: str, encoding: str) -> None:
    expected = text
    if encoding == "windows-1258":
        data = cp1258_encode(text)
    elif encoding == "tcvn3":
        data, expected = tcvn3_encode(text)
    else:
        data = vni_encode(text)
    assert decode_bytes(data) == (expected, encoding)


def test_vni_modifier_of_other_case() -> None:
    # the base letter decides the case when a modifier byte has the other case
    data = "Aùp Baéc; Ñoàng Nai; ÑAØ NAÜNG".encode("cp1252")
    assert decode_bytes(data) == ("Áp Bắc; Đồng Nai; ĐÀ NẴNG", "vni")


def test_lone_high_byte_at_end_is_not_taken_for_cut_utf8() -> None:
    # ASCII + one TCVN3 byte at the end: not UTF-8 cut short (no multi-byte UTF-8 before it),
    # and one word is too little to call it TCVN3
    with pytest.raises(DecodeError):
        decode_bytes(b"Uy ban nhan dan tinh ra thong bao nh\xe1")


# --------------------------------------------------------------------------- what is not legacy Vietnamese

NOT_VIETNAMESE = [
    # French, Spanish, German and Portuguese in Latin-1 / Windows-1252: not one of the accepted
    # encodings; guessing TCVN3/VNI would turn them into garbage, so they are a DecodeError.
    ("Le préfet a été informé que la réunion du comité aura lieu à Genève, après l'élection. "
     "Les élèves français ont reçu leur diplôme et ça coûte très cher.", "latin-1"),
    ("La señora García llegó a la reunión del Ministerio de Educación después de la votación; "
     "también habló sobre la política económica del año próximo.", "latin-1"),
    ("Die Gemeinde Köln hat die Straßenbahn für die Bürger geöffnet; die Mülltonnen werden später "
     "geleert, während die Schüler Ferien haben.", "latin-1"),
    ("A comissão não aprovou a informação sobre a eleição; também está prevista uma reunião "
     "extraordinária na próxima sessão.", "cp1252"),
    ("Le comité a adopté la résolution « sur l’énergie » — voilà", "cp1252"),
]


@pytest.mark.parametrize("text, codec", NOT_VIETNAMESE)
def test_other_latin_text_is_not_guessed(tmp_path: Path, text: str, codec: str) -> None:
    path = _write(tmp_path, text.encode(codec))
    with pytest.raises(DecodeError) as exc:
        read_source(path)
    assert exc.value.reason.startswith(TRIED)
    assert "invalid byte 0x" in exc.value.reason
    assert exc.value.path == str(path)
    assert exc.value.code == "E106"


def test_same_text_in_utf8_is_fine() -> None:
    text = NOT_VIETNAMESE[0][0]
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_one_word_is_not_enough_evidence() -> None:
    with pytest.raises(DecodeError):
        decode_bytes("Uû".encode("latin-1"))


def test_ascii_english_is_utf8() -> None:
    text = "The Provincial People's Committee met on 5 May 2025.\r\nNo. 12/QD-UBND\n"
    assert decode_bytes(text.encode("ascii")) == (text, "utf-8")


def test_windows_punctuation_only() -> None:
    # only curly quotes and a dash outside ASCII: every candidate reads them the same way
    data = "The \u201cplan\u201d \u2013 approved.".encode("cp1252")
    assert decode_bytes(data) == ("The \u201cplan\u201d \u2013 approved.", "windows-1258")


# --------------------------------------------------------------------------- text kept as decoded


def test_no_normalization_of_utf8() -> None:
    text = unicodedata.normalize("NFD", "Ủy ban nhân dân\r\nHà Nội\u00a0 ") + "\ufeffx"
    got, enc = decode_bytes(text.encode("utf-8"))
    assert got == text and enc == "utf-8"


def test_bom_stripped_and_reported() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "Số: 01/TB".encode()) == ("Số: 01/TB", "utf-8-sig")
    assert decode_bytes(codecs.BOM_UTF16_LE + "Số".encode("utf-16-le")) == ("Số", "utf-16-le")
    assert decode_bytes(codecs.BOM_UTF16_BE + "Số".encode("utf-16-be")) == ("Số", "utf-16-be")


def test_utf16_without_bom_when_unmistakable() -> None:
    text = "Ủy ban nhân dân tỉnh Điện Biên\n"
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_truncated_last_character_dropped() -> None:
    data = "Hà Nội, ngày 5 tháng 5".encode() + "ă".encode()[:1]
    assert decode_bytes(data) == ("Hà Nội, ngày 5 tháng 5", "utf-8")


def test_invalid_byte_inside_utf8_is_an_error() -> None:
    data = "Ủy ban nhân dân tỉnh".encode() + b"\xff" + " Lai Châu".encode()
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data, "x.txt")
    assert exc.value.reason.startswith(TRIED)
    assert f"invalid byte 0xFF at offset {len('Ủy ban nhân dân tỉnh'.encode())}" in exc.value.reason


def test_bad_utf8_after_bom() -> None:
    with pytest.raises(DecodeError) as exc:
        decode_bytes(codecs.BOM_UTF8 + b"abc\xc3(", "x.txt")
    assert exc.value.reason == "starts with a UTF-8 byte-order mark but is not UTF-8 (invalid byte 0xC3 at offset 6)"


# --------------------------------------------------------------------------- mojibake repair

MOJIBAKE = [
    ("Uû ban nh©n d©n tØnh Qu¶ng Nam", "Uỷ ban nhân dân tỉnh Quảng Nam", "tcvn3"),
    ("UÛy ban nhaân daân tænh Caø Mau", "Ủy ban nhân dân tỉnh Cà Mau", "vni"),
]


@pytest.mark.parametrize("shown, expected, encoding", MOJIBAKE)
def test_mojibake_repaired(tmp_path: Path, shown: str, expected: str, encoding: str) -> None:
    assert repair_mojibake(shown) == (expected, encoding)
    src = read_source(_write(tmp_path, shown.encode("utf-8")))
    assert (src.text, src.encoding) == (expected, f"utf-8+{encoding}")


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh Quảng Nam",
        "Bà Hà là cán bộ",  # Vietnamese that happens to fit in Windows-1252
        NOT_VIETNAMESE[0][0],
        "Giá: 100\u00a0000 đồng – “tạm tính”",
        "ASCII only",
    ],
)
def test_mojibake_left_alone(text: str) -> None:
    assert repair_mojibake(text) is None
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


# --------------------------------------------------------------------------- errors


def test_missing(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(MissingInputError) as exc:
        read_source(path)
    assert exc.value.reason == "no such file"
    assert exc.value.path == str(path)
    assert str(exc.value) == f"{path}: no such file [E101]"


def test_missing_parent_is_a_file(tmp_path: Path) -> None:
    f = _write(tmp_path, b"x")
    with pytest.raises(MissingInputError) as exc:
        read_source(f / "child.txt")
    assert exc.value.reason.startswith("no such file")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError) as exc:
        read_source(tmp_path)
    assert exc.value.reason == "is a directory"
    assert exc.value.code == "E102"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "Số 1".encode())
    real_open = builtins.open

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    with pytest.raises(UnreadableInputError) as exc:
        read_source(path)
    assert exc.value.reason == "permission denied"
    assert exc.value.code == "E103"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied_real(tmp_path: Path) -> None:
    path = _write(tmp_path, b"x")
    path.chmod(0)
    with pytest.raises(UnreadableInputError):
        read_source(path)


EMPTY = [
    (b"", "empty file"),
    (b"  \n\t\r\n ", "empty file (only whitespace)"),
    (codecs.BOM_UTF8, "empty file (only whitespace)"),
    (codecs.BOM_UTF8 + b"\n\n", "empty file (only whitespace)"),
    (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file (only whitespace)"),
    (codecs.BOM_UTF16_BE, "empty file (only whitespace)"),
]


@pytest.mark.parametrize("data, reason", EMPTY)
def test_empty(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(EmptyInputError) as exc:
        read_source(path)
    assert exc.value.reason == reason
    assert exc.value.code == "E104"


BINARY = [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "binary file (ZIP archive, e.g. .docx/.xlsx/.odt)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "binary file (old Microsoft Office document, e.g. .doc/.xls)"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "binary file (RTF document)"),
    (b"\x1f\x8b\x08\x00\x00\x00", "binary file (gzip archive)"),
    (b"Uy ban nhan dan\x00\x00\x00\x01\x02 tinh", "binary file (NUL bytes)"),
    (bytes(range(1, 9)) * 20 + b"some text", "binary file (control characters)"),
    (codecs.BOM_UTF16_LE + "ab\x00cd".encode("utf-16-le"), "binary file (NUL characters)"),
    (codecs.BOM_UTF16_LE + "\x01\x02\x03\x04\x05".encode("utf-16-le") * 10, "binary file (control characters)"),
]


@pytest.mark.parametrize("data, reason", BINARY)
def test_binary(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(BinaryInputError) as exc:
        read_source(path)
    assert exc.value.reason == reason
    assert exc.value.code == "E105"


def test_random_bytes_are_binary() -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(BinaryInputError):
        decode_bytes(data)


@pytest.mark.parametrize(
    "size, max_bytes, reason",
    [
        (150, 100, "file is 0.00015 MB, over the 0.0001 MB limit"),
        (2_500_000, 2_000_000, "file is 2.5 MB, over the 2 MB limit"),
    ],
)
def test_too_large(tmp_path: Path, size: int, max_bytes: int, reason: str) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(size)  # sparse: the size is checked with stat before reading
    with pytest.raises(TooLargeError) as exc:
        read_source(path, max_bytes=max_bytes)
    assert exc.value.reason == reason
    assert exc.value.code == "E107"


def test_at_limit_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, b"x" * 100)
    assert read_source(path, max_bytes=100).bytes == 100


def test_decode_error_without_path() -> None:
    with pytest.raises(DecodeError) as exc:
        decode_bytes("élève à côté".encode("latin-1"))
    assert exc.value.path is None
    assert str(exc.value).startswith(TRIED)


# --------------------------------------------------------------------------- stdin and in-memory text


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Uû ban nh©n d©n".encode("latin-1")
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    src = read_source("-")
    assert src == Source("<stdin>", "Uỷ ban nhân dân", "tcvn3", hashlib.sha256(data).hexdigest(), len(data))


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(b"x" * 11))
    with pytest.raises(TooLargeError) as exc:
        read_source("-", max_bytes=10)
    assert exc.value.path == "<stdin>"
    assert exc.value.reason == "input is over the 0.00001 MB limit"


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(b""))
    with pytest.raises(EmptyInputError) as exc:
        read_source("-")
    assert exc.value.path == "<stdin>"


def test_source_from_text() -> None:
    text = "Hà Nội, ngày 19 tháng 11 năm 2025"
    src = source_from_text(text, "inline")
    data = text.encode("utf-8")
    assert src == Source("inline", text, "utf-8", hashlib.sha256(data).hexdigest(), len(data))
    assert src.dump() == {"path": "inline", "sha256": src.sha256, "bytes": len(data), "encoding": "utf-8"}
    assert source_from_text("").bytes == 0
    assert source_from_text("\ud800").bytes == 3  # a lone surrogate does not raise


def test_source_is_frozen() -> None:
    src = source_from_text("x")
    with pytest.raises(AttributeError):
        src.text = "y"  # type: ignore[misc]


# --------------------------------------------------------------------------- syllable scoring


@pytest.mark.parametrize(
    "word, ok",
    [
        ("Ủy", True), ("Uỷ", True), ("nghiêng", True), ("khuỷu", True), ("quyết", True), ("giữa", True),
        ("người", True), ("được", True), ("Việt", True), ("ĐỊNH", True), ("oách", True), ("gì", True),
        ("việt", True), ("tiếp", True),
        ("viềt", False),  # stop final needs sắc or nặng
        ("élève", False), ("café", False), ("informação", False), ("Straße", False), ("Viờũt", False),
        ("Vieät", False), ("ñoäc", False), ("thưởngg", False),
    ],
)
def test_syllable_check(word: str, ok: bool) -> None:
    assert reading._is_syllable(word) is ok


def test_score_helper() -> None:
    assert reading.vietnamese_word_score("Ủy ban nhân dân tỉnh") == (1.0, 4)
    assert reading.vietnamese_word_score("plain ascii") == (0.0, 0)
    score, n = reading.vietnamese_word_score("élève à côté")
    assert n == 3 and score < 0.5
