"""Tests for the word stream and the header blocks read on it (extract/layout/stream.py, blocks.py).

Rows are real header cells of the header set (corpus/headers/pages, pages outside the fresh
set), as crawled: words broken over lines, emphasis inside words, table bars and separators.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from directive_nlp.extract.layout.blocks import (
    caps_run_before,
    find_mottos,
    find_numbers,
    find_place_dates,
    issuing_bodies,
    place_before,
    subject_at,
    type_word_at,
)
from directive_nlp.extract.layout.stream import stream_of
from directive_nlp.text.normalize import normalize

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "headers" / "pages"


def _lines(page: str, first: int, last: int) -> str:
    """Lines ``first``..``last`` (1-based, inclusive) of a header-set page, normalized."""
    text = (PAGES / f"{page}.txt").read_text(encoding="utf-8")
    return normalize("\n".join(text.split("\n")[first - 1 : last])).text


# --------------------------------------------------------------------------- the stream


@pytest.mark.parametrize(("page", "first", "last", "words"), [
    ("t003", 3, 5, "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"),                       # "**ỦY BAN NHÂN\nDÂN **"
    ("t055", 3, 6, "BỘ TÀI CHÍNH CỤC HẢI QUAN"),                          # separator "-------" after it
    ("t055", 17, 19, "Hà Nội, ngày 21 tháng 11 năm 2025"),                # "n**ă**m\n2025** *"
    ("t059", 3, 5, "BỘ TÀI CHÍNH CỤC THUẾ"),                              # "C**ỤC THUẾ**"
    ("t059", 14, 14, "V/v chính sách thuế"),                              # "*V/v ch**ính sách thu**ế*"
    ("t021", 14, 15, "Số: 3783/QĐ- UBND"),                                # the symbol wrapped at its dash
    ("t139", 16, 17, "BỘ Y TẾ"),                                          # "**BỘ Y T****Ế**"
])
def test_stream_reads_words_whatever_the_markup(page: str, first: int, last: int, words: str) -> None:
    text = _lines(page, first, last)
    st = stream_of(text)
    assert st.text == words
    # every stream character maps back to the same character of the text
    for i, ch in enumerate(st.text):
        if ch != " ":
            assert text[st.offsets[i]] == ch


def test_stream_span_maps_back_to_the_text() -> None:
    text = _lines("t055", 17, 19)
    st = stream_of(text)
    i = st.text.index("Hà Nội")
    s, e = st.span(i, i + len("Hà Nội"))
    assert text[s:e] == "Hà\nNội"


def test_emphasis_between_a_capital_and_a_small_letter_separates() -> None:
    # a type name glued to its subject ("**THÔNG BÁO**kết luận"): two words, not "BÁOkết"
    assert stream_of("THÔNG BÁO**kết luận của Ban Thường vụ**").text == "THÔNG BÁO kết luận của Ban Thường vụ"


def test_hard_separations_are_marked() -> None:
    text = _lines("t159", 13, 16)   # "*V/v khai bổ sung*\n|\n*Hà\nNội, ngày …"
    st = stream_of(text)
    assert st.text.index("Hà") in st.hard           # an italic cell opens there
    assert st.text.index("Nội") not in st.hard      # a plain line break inside the place


# --------------------------------------------------------------------------- the blocks


@pytest.mark.parametrize(("page", "first", "last", "number", "place", "date"), [
    ("t003", 1, 18, "84/2025/QĐ-UBND", "Hà Tĩnh", (2, 12, 2025)),
    ("t021", 1, 18, "3783/QĐ- UBND", "Nghệ An", (20, 11, 2025)),
    ("t055", 1, 19, "37698/TB-CHQ", "Hà Nội", (21, 11, 2025)),
    ("t087", 1, 18, "34/2025/NQ-HĐND", "Thành phố Huế", (18, 11, 2025)),   # the unit word kept
    ("t111", 1, 16, "386/NQ-CP", "Hà Nội", (1, 12, 2025)),                 # "Hà Nội ngày 01": no comma
    ("t159", 1, 16, "3799/CHQ-GSQL", "Hà Nội", (25, 11, 2025)),            # the page's own number
])
def test_number_and_place_date_blocks(page: str, first: int, last: int, number: str, place: str,
                                      date: tuple[int, int, int]) -> None:
    st = stream_of(_lines(page, first, last))
    nums = find_numbers(st)
    assert [st.text[n.sym_start : n.end] for n in nums] == [number]
    dates = [d for d in find_place_dates(st) if d.place_start is not None]
    assert len(dates) == 1
    d = dates[0]
    assert st.text[d.place_start : d.place_end] == place
    assert (d.day, d.month, d.year) == date


def test_place_is_cut_from_a_subject_line_before_it() -> None:
    # "V/v … sử dụng nhiên liệu sinh học tại Việt Nam" then the place cell "Hà Nội, ngày …"
    st = stream_of("V/v đẩy mạnh sử dụng nhiên liệu sinh học tại Việt Nam Hà Nội, ngày 25 tháng 11 năm 2025")
    p = place_before(st, st.text.index("ngày"))
    assert p is not None and st.text[p[0] : p[1]] == "Hà Nội"


@pytest.mark.parametrize("sentence", [
    "Ngày 18 tháng 11 năm 2025, tại trụ sở Chính phủ,",           # a body sentence: no place
    "ban hành kèm theo Quyết định số 10/2016/QĐ-UBND ngày 21 tháng 3 năm 2016",
])
def test_dates_without_a_place_are_no_place_date(sentence: str) -> None:
    st = stream_of(sentence)
    assert all(d.place_start is None for d in find_place_dates(st))


@pytest.mark.parametrize("sentence", [
    "Bãi bỏ toàn bộ Quyết định Số 10/2016/QĐ-UBND ngày 21/3/2016",   # a citation after a type word
    "Số hiệu: 631/TB-VPCP",                                          # a portal's label
    "Số: 12 người tham dự",                                          # no symbol
])
def test_numbers_that_are_no_header_number(sentence: str) -> None:
    assert find_numbers(stream_of(sentence)) == []


def test_motto_type_word_and_subject() -> None:
    st = stream_of(_lines("t055", 1, 22))
    assert [st.text[a:b] for a, b in find_mottos(st)] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    date = next(d for d in find_place_dates(st) if d.place_start is not None)
    t = type_word_at(st, date.end)
    assert t is not None and st.text[t[0] : t[1]] == "THÔNG BÁO"
    st2 = stream_of(_lines("t059", 12, 14))
    n = find_numbers(st2)[0]
    assert subject_at(st2, n.end) == st2.text.index("V/v")
    assert type_word_at(st2, n.end) is None


@pytest.mark.parametrize(("page", "first", "last", "bodies"), [
    ("t003", 1, 12, ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"]),
    ("t055", 1, 12, ["BỘ TÀI CHÍNH", "CỤC HẢI QUAN"]),
    ("t207", 1, 14, ["UBND THÀNH PHỐ HÀ NỘI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]),
    ("t115", 1, 12, ["THỦ TƯỚNG CHÍNH PHỦ"]),             # a head after a head: one body
    ("t261", 1, 12, ["BỘ CÔNG THƯƠNG"]),
])
def test_issuing_bodies(page: str, first: int, last: int, bodies: list[str]) -> None:
    st = stream_of(_lines(page, first, last))
    mottos = find_mottos(st)
    number = find_numbers(st)
    end = number[0].start if number else len(st.text)
    start = caps_run_before(st, mottos[0][0])
    got = issuing_bodies(st, start, end, mottos)
    assert [" ".join(st.text[a:b] for a, b in body) for body in got] == bodies


def test_a_head_syllable_inside_a_word_starts_no_body() -> None:
    # "NỘI VỤ" and "MÔI TRƯỜNG" hold the head nouns "VỤ", "TRƯỜNG" as their second syllable
    st = stream_of("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG SỞ NỘI VỤ")
    got = issuing_bodies(st, 0, len(st.text), [])
    assert [" ".join(st.text[a:b] for a, b in body) for body in got] == ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SỞ NỘI VỤ"]


def test_plain_pieces_take_the_short_way_with_the_same_words() -> None:
    """stream_of copies a piece with no markup and no rule as one word; _words_of_piece, the
    general walk, gives the same for every such piece of the header-set pages."""
    from directive_nlp.extract.layout.stream import MARKUP, _RULE, _words_of_piece

    plain = 0
    for page in sorted(PAGES.glob("t0*.txt"))[:40]:
        text = normalize(page.read_text(encoding="utf-8")).text
        for start, piece in ((m.start(), m.group(0)) for m in re.finditer(r"\S+", text)):
            if MARKUP.isdisjoint(piece) and _RULE.search(piece) is None:
                plain += 1
                assert _words_of_piece(piece, start) == ([([(ch, start + k) for k, ch in enumerate(piece)], False)], False)
        st = stream_of(text)
        assert all(st.text[i] == " " or text[st.offsets[i]] == st.text[i] for i in range(len(st.text)))
    assert plain > 10_000
