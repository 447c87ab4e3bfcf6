"""normalize: NFC, one tone-mark style, and offsets that lead back to the input."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_nlp.text.normalize import fold, fold_key, normalize, strip_accents


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Ban Thường vụ Tỉnh uỷ", "Ban Thường vụ Tỉnh ủy"),
        ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
        ("hoà bình, Hoà Bình", "hòa bình, Hòa Bình"),
        ("bảo vệ sức khoẻ Nhân dân", "bảo vệ sức khỏe Nhân dân"),
        ("văn hoá, thể thao", "văn hóa, thể thao"),
        ("Sở Thuỷ lợi", "Sở Thủy lợi"),
        # not syllable-final, or "qu": the mark stays where it is in both styles
        ("hoàn thành", "hoàn thành"),
        ("quý III, Quỳnh Lưu", "quý III, Quỳnh Lưu"),
        ("khoái chí, thuyết phục", "khoái chí, thuyết phục"),
        # PDF text with an Icelandic eth, and a no-break space
        ("Ðiện Biên", "Điện Biên"),
        ("số\u00a0274-TB/TU", "số 274-TB/TU"),
        ("Tỉnh\u200b ủy", "Tỉnh ủy"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        unicodedata.normalize("NFD", "Ban Thường vụ Tỉnh ủy Điện Biên yêu cầu"),
        "Uỷ ban nhân dân tỉnh Lào Cai\u00a0chỉ đạo",
        "a\u200bb\u00adc Ðà Nẵng",
        unicodedata.normalize("NFD", "Hoà Bình, ngày 05 tháng 02 năm 2021"),
    ],
)
def test_spans_map_back_to_the_raw_text(raw: str) -> None:
    norm = normalize(raw)
    for word in norm.text.split():
        i = norm.text.index(word)
        s, e = norm.span_to_raw(i, i + len(word))
        # the raw slice is the same word as written (same letters after NFC and re-toning)
        assert normalize(raw[s:e]).text == word


def test_nfd_and_nfc_give_the_same_text() -> None:
    nfc = "Chủ tịch Ủy ban nhân dân tỉnh Điện Biên"
    assert normalize(unicodedata.normalize("NFD", nfc)).text == nfc


def test_identity_map_when_nothing_changes() -> None:
    norm = normalize("Bí thư Tỉnh ủy Nguyễn Văn Thắng")
    assert norm.to_raw_map is None
    assert norm.span_to_raw(3, 6) == (3, 6)


@pytest.mark.parametrize(
    ("a", "b"),
    [("UỶ BAN  Nhân dân", "ủy ban nhân dân"), ("Sở Y tế", "SỞ Y TẾ")],
)
def test_fold(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_key_is_accent_insensitive() -> None:
    assert fold_key("Sở Y tế") == fold_key("so y te") == "so y te"
    assert strip_accents("Đảng ủy") == "Dang uy"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_maps_back(raw: str) -> None:
    norm = normalize(raw)
    n = len(norm.text)
    for i in range(0, n + 1, max(1, n // 7)):
        for j in range(i, min(n, i + 5) + 1):
            s, e = norm.span_to_raw(i, j)
            assert 0 <= s <= e <= len(raw)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Sở Y tế\r\nkhẩn trương", "Sở Y tế\nkhẩn trương"),  # CRLF → LF
        ("Sở Y tế\rkhẩn trương\r", "Sở Y tế\nkhẩn trương\n"),  # CR-only line ends
        ("Ủy\u200bban nhân\u200c dân", "Ủyban nhân dân"),  # zero-width characters go
        ("Bộ Y\u200e tế\u202b\u202c", "Bộ Y tế"),  # bidi marks and embeddings go
        ("phòng\u00ad chống", "phòng chống"),  # soft hyphen
    ],
)
def test_line_ends_and_invisible_characters(raw: str, text: str) -> None:
    norm = normalize(raw)
    assert norm.text == text
    # every normalized character still points into the input: its raw span holds it, plus at
    # most the invisible characters dropped after it
    for k, ch in enumerate(norm.text):
        s, e = norm.span_to_raw(k, k + 1)
        visible = "".join(c for c in raw[s:e] if unicodedata.category(c) != "Cf" and c != "\r")
        assert visible == ch or (ch == "\n" and raw[s:e] in ("\r", "\r\n", "\n"))


# --------------------------------------------------------------------------- the fast path's definition

def _by_clusters(raw: str) -> tuple[str, list[int]]:
    """The normalization as the module doc defines it, one cluster (a character and the
    combining marks after it) at a time, every character looked at: the reference the module's
    copying between :data:`_CHANGING` characters must equal (text and offset map)."""
    from directive_nlp.text.normalize import _normalize_cluster, _retone_text

    pieces: list[str] = []
    to_raw: list[int] = []
    i = 0
    while i < len(raw):
        j = i + 1
        while j < len(raw) and unicodedata.combining(raw[j]):
            j += 1
        out = _normalize_cluster(raw, i, j, raw.startswith("\n", j))
        pieces.append(out)
        to_raw += [i] * len(out)
        i = j
    return _retone_text("".join(pieces)), to_raw + [len(raw)]


_PIECES = list("aAoOuUyYqQ \n\r\t.,") + [
    "\u0301", "\u0300", "\u0323", "\u0303", "\u0309", "\u0345", "\u05b0", "\U0001d165", "\U0001d16d",  # marks
    "\u200b", "\u00a0", "\ufeff", "\u00ad", "\u202a", "\U000e0001", "\u00d0",  # dropped, replaced
    "\u2126", "\u0344", "\u0340", "\uf900", "\U0002f800",  # NFC replaces them even alone
    "\u1100", "\u1161", "\u0b47", "\u0b3e", "\u0378", "ơ", "ư", "đ", "à", "ả", "ỷ", "ý",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join) | st.text())
def test_copying_between_changing_characters_equals_the_cluster_definition(raw: str) -> None:
    from directive_nlp.text.normalize import _normalize_clusters

    assert _normalize_clusters(raw) == _by_clusters(raw)


@pytest.mark.parametrize("name", ["cr_lines", "zero_width", "one_line"])
def test_fast_path_equals_the_cluster_definition_on_dirty_documents(name: str) -> None:
    from directive_nlp.eval.adversarial import make
    from directive_nlp.text.normalize import _normalize_clusters

    doc = sorted((_SHARED / "docs").glob("*.txt"))[0].read_text(encoding="utf-8")
    for raw in (make(name, 5000), unicodedata.normalize("NFD", doc), _zero_width_between_letters(doc)):
        assert _normalize_clusters(raw) == _by_clusters(raw)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("oOuUqQaàáèÉỳýYỶhHx .\n") + ["oà", "uỷ", "Uỷ", "hoè"]), max_size=25).map("".join))
def test_retoning_from_the_vowel_pairs_equals_the_word_pattern(raw: str) -> None:
    from directive_nlp.text.normalize import _RETONE_WORD, _retone, _retone_text

    assert _retone_text(raw) == _RETONE_WORD.sub(lambda m: _retone(m.group(0)), raw)


def test_every_character_that_may_change_is_looked_at() -> None:
    """A character outside :data:`_CHANGING` is one cluster that stays as it is, in Python's
    Unicode tables (the regex module's may be newer: they must name a superset)."""
    from directive_nlp.text.normalize import _CHANGING, _CHARMAP, _DROP, _SPACES

    missed = [
        hex(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp < 0xE000
        and _CHANGING.match(c := chr(cp)) is None
        and (
            unicodedata.combining(c)
            or unicodedata.normalize("NFC", c) != c
            or unicodedata.category(c) == "Cf"
            or c in _DROP | _SPACES | set(_CHARMAP) | {"\r"}
        )
    ]
    assert missed == []


# --------------------------------------------------------------------------- end to end: text hygiene

_SHARED = Path(__file__).resolve().parents[1] / "corpus"
#: Documents outside the tuned corpus and the fresh dev set.
_HYGIENE_DOCS = [_SHARED / "unlabeled/news/news_04.txt", _SHARED / "unlabeled/news/news_07.txt",
                 _SHARED / "headers/pages/t003.txt", _SHARED / "headers/pages/t005.txt"]


def _zero_width_between_letters(text: str) -> str:
    return "".join(c + "\u200b" if c.isalpha() else c for c in text)


def _cr_only(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r")


@pytest.mark.parametrize("path", _HYGIENE_DOCS, ids=lambda p: p.stem)
@pytest.mark.parametrize("dirty", [_zero_width_between_letters, _cr_only], ids=["zero-width", "cr-only"])
def test_format_characters_and_cr_line_ends_give_the_same_items(nlp: Any, path: Path, dirty: Any) -> None:
    """The issue's figures: zero-width characters between letters gave 0 items (38 clean), CR-only
    line ends 11. The same items now, at offsets that point into the dirty input."""
    from directive_nlp.nlp.pipeline import extract

    clean = path.read_text(encoding="utf-8")
    raw = dirty(clean)
    a, b = extract(clean, nlp=nlp), extract(raw, nlp=nlp)
    fields = ("officials", "doc_refs", "dates", "directives")
    count = sum(len(a[f]) for f in fields)
    assert count > 0
    assert {f: len(b[f]) for f in fields} == {f: len(a[f]) for f in fields}
    for f in ("doc_refs", "dates"):
        assert [normalize(x["text"]).text.replace("\n", " ") for x in b[f]] == \
               [normalize(x["text"]).text.replace("\n", " ") for x in a[f]]
    for item in (x for f in fields for x in b[f]):
        assert raw[item["start"]:item["end"]] == item["text"]
