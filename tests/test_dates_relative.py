"""Tests for the dates read against a reference date: relative days, weekdays, relative periods,
the year of a year-less day (across a year end), the output's date items, and the property that
moving the reference moves every relative value and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_nlp.extract.dates import DateMention, date_items, find_dates, find_periods


def _check(text: str, items: list[DateMention]) -> None:
    for it in items:
        assert text[it.start : it.end] == it.text


def _days(text: str, reference: str | None, announce: bool = False) -> list[tuple[str, str | None, str]]:
    found = find_dates(text, reference=reference, announce=announce)
    _check(text, found)
    return [(m.text, m.value, m.precision) for m in found]


# --------------------------------------------------------------------------- relative days

# reference 2015-01-09 is a Friday
REF = "2015-01-09"

RELATIVE_ROWS = [
    # public date material: relative days, weekdays, counted and bare shifts
    ("Hôm nay", REF, [("Hôm nay", "2015-01-09", "day")]),
    ("Hôm qua", REF, [("Hôm qua", "2015-01-08", "day")]),
    ("Hôm kia", REF, [("Hôm kia", "2015-01-07", "day")]),
    ("Ngày mai", REF, [("Ngày mai", "2015-01-10", "day")]),
    ("ngày kia", REF, [("ngày kia", "2015-01-11", "day")]),
    ("Thứ Năm", REF, [("Thứ Năm", "2015-01-08", "day")]),
    ("thứ 5", REF, [("thứ 5", "2015-01-08", "day")]),
    ("Chủ nhật", REF, [("Chủ nhật", "2015-01-04", "day")]),
    ("Thứ Sáu", REF, [("Thứ Sáu", "2015-01-09", "day")]),
    ("23 ngày trước", REF, [("23 ngày trước", "2014-12-17", "day")]),
    ("2 tuần 3 ngày trước", REF, [("2 tuần 3 ngày trước", "2014-12-23", "day")]),
    ("cách đây 3 ngày", REF, [("cách đây 3 ngày", "2015-01-06", "day")]),
    ("sau 2 ngày", REF, [("sau 2 ngày", "2015-01-11", "day")]),
    ("3 ngày nữa", REF, [("3 ngày nữa", "2015-01-12", "day")]),
    ("tuần trước", REF, [("tuần trước", "2015-01-02", "week")]),
    ("tuần sau", REF, [("tuần sau", "2015-01-16", "week")]),
    ("tuần tới", REF, [("tuần tới", "2015-01-16", "week")]),
    ("2 tuần trước", REF, [("2 tuần trước", "2014-12-26", "week")]),
    # with a part of day or a time
    ("Hôm nay 15:39", REF, [("Hôm nay 15:39", "2015-01-09T15:39", "minute")]),
    ("hôm qua lúc 15:08", REF, [("hôm qua lúc 15:08", "2015-01-08T15:08", "minute")]),
    ("8 giờ sáng nay", REF, [("8 giờ sáng nay", "2015-01-09T08:00", "minute")]),
    ("tối qua", REF, [("tối qua", "2015-01-08", "day")]),
    ("chiều mai", REF, [("chiều mai", "2015-01-10", "day")]),
    ("họp vào sáng thứ Hai tuần tới", REF, [("sáng thứ Hai tuần tới", "2015-01-12", "day")]),
    ("Chủ nhật tuần trước, đoàn đã về", REF, [("Chủ nhật tuần trước", "2015-01-04", "day")]),
    # sentences of the shared news outside the tuned and fresh sets
    ("Ông Chung yêu cầu Giám đốc Sở Giáo dục “ngay hôm nay xuống trường ra văn bản", "2017-02-10",  # news_15
     [("hôm nay", "2017-02-10", "day")]),
    ("Sáng nay, Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến đã đến bệnh viện", "2017-05-31",  # news_37
     [("Sáng nay", "2017-05-31", "day")]),
    # a written date beside a relative word says the day: the word is evidence only
    ("diễn ra hôm qua (10/2). Cùng dự có Thứ trưởng Nguyễn Khánh Ngọc", "2017-02-11",  # news_22
     [("10/2", "2017-02-10", "day")]),
    ("Tại buổi làm việc sáng nay (6.2), Chủ tịch UBND TP Hà nội", "2017-02-06", [("6.2", "2017-02-06", "day")]),
    ("Hôm qua, ngày 8/6/2017, Văn phòng Chính phủ đã có thông báo", "2017-06-09",
     [("ngày 8/6/2017", "2017-06-08", "day")]),
    ("Thứ Năm, ngày 8 tháng 1 năm 2015", REF, [("ngày 8 tháng 1 năm 2015", "2015-01-08", "day")]),
    ("ngày 8/1/2015 (thứ Năm)", REF, [("ngày 8/1/2015", "2015-01-08", "day")]),
    ("xem tại ngày 30/4 và 1/5 năm nay", "2024-06-01",
     [("ngày 30/4", "2024-04-30", "day"), ("1/5 năm nay", "2024-05-01", "day")]),
    ("Lễ ký kết diễn ra ngày 1/5 năm ngoái", "2024-06-01", [("ngày 1/5 năm ngoái", "2023-05-01", "day")]),
]


@pytest.mark.parametrize(("text", "reference", "expected"), RELATIVE_ROWS)
def test_relative_days(text: str, reference: str, expected: list[tuple[str, str, str]]) -> None:
    assert _days(text, reference) == expected


def test_relative_items_carry_the_reference() -> None:
    (m,) = find_dates("Hôm qua, UBND tỉnh họp", reference="2021-05-28T16:19:39")
    assert (m.value, m.relative, m.anchor, m.year_inferred) == ("2021-05-27", True, "2021-05-28", False)
    assert m.dump()["relative"] is True and m.dump()["anchor"] == "2021-05-28"
    (w,) = find_dates("chiều mai", reference=dt.date(2021, 5, 28))
    assert (w.value, w.part_of_day) == ("2021-05-29", "chiều")


NOT_RELATIVE_ROWS = [
    # ordinals, schedules and spans are not days (shared news outside the tuned and fresh sets)
    "Thứ hai, trong trường hợp bị điều tra, xử lý đối tượng",  # news_46
    "Thứ nhất, về thể chế. Thứ Hai, về nguồn lực.",
    "Vấn đề thứ tư, Thủ tướng yêu cầu ngành Dệt may",  # news_54
    "Hãy xem lại lịch sử Thế chiến thứ Hai",  # news_17
    "đáp ứng yêu cầu của cuộc cách mạng công nghiệp lần thứ 4",  # news_40
    "đứng thứ 3 cả nước nhưng so với yêu cầu",  # news_56
    "Chủ tịch UBND tỉnh Phạm Anh Tuấn (thứ 2 từ trái qua) kiểm tra",
    "Chủ tịch UBND tỉnh Phạm Anh Tuấn (thứ 2\ntừ trái qua) kiểm tra",  # the same, wrapped
    "kể cả lúc nửa đêm, thứ Bảy hoặc Chủ nhật, không để người vi phạm",  # news_53
    "làm việc từ thứ Hai đến thứ Sáu",
    "tiếp công dân vào thứ Năm hằng tuần",
    "mỗi thứ Hai chào cờ",
    "3 ngày trước khi khai mạc",
    "trong 7 ngày qua",
    "Sau 3 ngày điều trị, bệnh nhân đã khỏe",
    "tuần trước đó",
    "hồi trước, ngày trước",
    "Hôm nay53,101",
    "Hiện nay, cho đến nay",
]


@pytest.mark.parametrize("text", NOT_RELATIVE_ROWS)
def test_not_relative(text: str) -> None:
    assert find_dates(text, reference=REF) == []


def test_without_reference_the_value_is_null() -> None:
    found = find_dates("Hôm qua, UBND tỉnh họp; Thứ Năm đoàn về; 23 ngày trước", relative=True)
    assert [(m.text, m.value, m.relative, m.anchor) for m in found] == [
        ("Hôm qua", None, True, None), ("Thứ Năm", None, True, None), ("23 ngày trước", None, True, None)]
    assert find_dates("Hôm qua, UBND tỉnh họp") == []  # only on demand without a reference


@pytest.mark.parametrize(
    ("text", "announce", "value"),
    [
        # the nearest such day on or before the reference in a report, on or after it in an announcement
        ("Đoàn đã làm việc vào thứ Hai", False, "2015-01-05"),
        ("Hội nghị sẽ họp vào thứ Hai", False, "2015-01-12"),
        ("Hội nghị họp vào thứ Hai", True, "2015-01-12"),
        ("Hội nghị đã họp vào thứ Hai", True, "2015-01-05"),
    ],
)
def test_weekday_report_or_announcement(text: str, announce: bool, value: str) -> None:
    (m,) = find_dates(text, reference=REF, announce=announce)
    assert m.value == value


def test_bad_reference() -> None:
    with pytest.raises(TypeError):
        find_dates("hôm nay", reference=20150109)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        find_dates("hôm nay", reference="09/01/2015")


# --------------------------------------------------------------------------- relative periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tháng trước", [("tháng trước", "2014-12", "month", "2014-12-31")]),
        ("năm ngoái", [("năm ngoái", "2014", "year", "2014-12-31")]),
        ("trong năm nay", [("trong năm nay", "2015", "year", "2015-12-31")]),
        ("quý tới", [("quý tới", "2015-04/2015-06", "quarter", "2015-06-30")]),
        ("14 tháng trước", [("14 tháng trước", "2013-11", "month", "2013-11-30")]),
        ("tăng 3,12% so với cùng kỳ năm ngoái.", [("năm ngoái", "2014", "year", "2014-12-31")]),  # news_44
        ("điện đàm với nhà lãnh đạo Đài Loan vào tháng 12 năm ngoái. Ngoài ra", # news_17
         [("tháng 12 năm ngoái", "2014-12", "month", "2014-12-31")]),
        ("6 tháng đầu năm nay", [("6 tháng đầu năm nay", "2015-01/2015-06", "half", "2015-06-30")]),
        ("đến cuối năm nay", [("đến cuối năm nay", "2015-12", "month", "2015-12-31")]),
        ("tháng trước đó", []),
    ],
)
def test_relative_periods(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    found = find_periods(text, reference=REF)
    assert all(p.relative and p.anchor == REF for p in found)
    assert [(p.text, p.value, p.precision, p.last_day) for p in found] == expected


def test_relative_periods_without_reference() -> None:
    (y,) = find_periods("trong năm nay", default_year=2021)
    assert (y.value, y.relative, y.anchor) == ("2021", True, "2021")
    (m,) = find_periods("tháng trước")
    assert (m.value, m.last_day, m.relative) == (None, None, True)
    assert find_periods("tháng trước", relative=False) == []


# --------------------------------------------------------------------------- the year of a year-less day


@pytest.mark.parametrize(
    ("text", "reference", "announce", "value"),
    [
        # a reported event lies before the reference: "28/12" in an article of early January
        ("Ngày 28/12, đoàn kiểm tra đã làm việc tại huyện", "2015-01-05", False, "2014-12-28"),
        ("Ngày 3/1, đoàn kiểm tra đã làm việc tại huyện", "2015-01-05", False, "2015-01-03"),
        # an announcement looks ahead: "trước ngày 15/1" in a notice of 20 November
        ("các đơn vị báo cáo trước ngày 15/1", "2025-11-20", True, "2026-01-15"),
        ("Hội nghị sẽ tổ chức vào ngày 5/1", "2025-12-20", False, "2026-01-05"),
        # no tense marker in a report: the reference's year
        ("các đơn vị báo cáo trước ngày 15/1", "2025-11-20", False, "2025-01-15"),
        # far from a year end: the reference's year
        ("Ngày 28/12, đoàn kiểm tra", "2015-06-01", False, "2015-12-28"),
        ("đã tổ chức ngày 5/1", "2015-12-20", True, "2015-01-05"),
    ],
)
def test_year_across_a_year_end(text: str, reference: str, announce: bool, value: str) -> None:
    (m,) = find_dates(text, reference=reference, announce=announce)
    assert (m.value, m.year_inferred) == (value, True)


def test_year_from_the_latest_full_date() -> None:
    text = ("Ngày 8/6/2017, Văn phòng Chính phủ thông báo. Hội nghị được tổ chức ngày 26/5 vừa qua "
            "tại trụ sở Chính phủ; trước đó, ngày 2/3/2016, Bộ đã có văn bản.")
    items = date_items(text)
    got = [(m.text, m.value, m.year_inferred) for m in items]
    assert ("ngày 26/5", "2017-05-26", True) in got
    # only the main text counts when it is given
    main = [(0, text.index("trước đó"))]
    assert [(m.text, m.value) for m in date_items(text, main=main)] == [
        ("Ngày 8/6/2017", "2017-06-08"), ("ngày 26/5", "2017-05-26")]


# --------------------------------------------------------------------------- date_items


def test_date_items_hold_days_relative_days_and_periods() -> None:
    text = ("Sáng nay, UBND tỉnh họp về kế hoạch quý I/2026 và tháng 12/2025; từ ngày 1/12 đến 15/12 "
            "kiểm tra; ngày 04 tháng 8 năm 2021 là ngày ban hành.")
    got = [(m.text, m.value, m.precision, m.relative) for m in date_items(text, reference="2025-11-20")]
    assert got == [
        ("Sáng nay", "2025-11-20", "day", True),
        ("quý I/2026", "2026-01/2026-03", "quarter", False),
        ("tháng 12/2025", "2025-12", "month", False),
        ("từ ngày 1/12 đến 15/12", "2025-12-01/2025-12-15", "day", False),
        ("ngày 04 tháng 8 năm 2021", "2021-08-04", "day", False),
    ]
    _check(text, date_items(text, reference="2025-11-20"))


# --------------------------------------------------------------------------- the reference law

_SENTENCE = ("Hôm qua, UBND tỉnh họp. Ngày 5/3/2020 ban hành kế hoạch; 23 ngày trước, đoàn kiểm tra; "
             "tuần sau sẽ tổng kết; sáng nay lúc 8 giờ khai mạc; 2 tuần 3 ngày trước đã có văn bản "
             "ngày 9 tháng 1 năm 2015 lúc 15:08; cách đây 3 ngày và 3 ngày nữa.")
_WEEKDAYS = "Thứ Năm, đoàn công tác đã về; sáng thứ Hai tuần tới sẽ họp; Chủ nhật tuần trước; ngày 2/9/1945."


def _shift(value: str, k: int) -> str:
    day, _, time = value.partition("T")
    moved = (dt.date.fromisoformat(day) + dt.timedelta(days=k)).isoformat()
    return moved + (f"T{time}" if time else "")


def _values(text: str, ref: dt.date) -> list[tuple[str, str, bool]]:
    return [(m.text, m.value or "", m.relative) for m in find_dates(text, reference=ref)]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)), st.integers(-800, 800))
def test_moving_the_reference_moves_every_relative_value(ref: dt.date, k: int) -> None:
    before, after = _values(_SENTENCE, ref), _values(_SENTENCE, ref + dt.timedelta(days=k))
    assert [t for t, _, _ in before] == [t for t, _, _ in after]
    assert sum(r for _, _, r in before) == 7
    for (_, v1, rel), (_, v2, _) in zip(before, after, strict=True):
        assert v2 == (_shift(v1, k) if rel else v1)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)), st.integers(-100, 100))
def test_weekdays_move_with_whole_weeks(ref: dt.date, weeks: int) -> None:
    k = 7 * weeks
    before, after = _values(_WEEKDAYS, ref), _values(_WEEKDAYS, ref + dt.timedelta(days=k))
    assert sum(r for _, _, r in before) == 3
    for (_, v1, rel), (_, v2, _) in zip(before, after, strict=True):
        assert v2 == (_shift(v1, k) if rel else v1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Thứ nhất", "thứ 1", "thứ 12", "Thứ Hai", "thứ", " ", "\n", ", ", "nhất", "1", "a"]),
                max_size=14), st.integers(min_value=0, max_value=200))
def test_an_enumeration_before_a_weekday_reads_as_a_search_from_the_start(parts: list[str], at: int) -> None:
    """The first enumeration found once per text answers as a search from the text's start up to
    ``at`` would (that search, repeated per weekday, was quadratic)."""
    from directive_nlp.extract.dates.relative import _ENUMERATION, _enumerated_before

    text = "".join(parts)
    at = min(at, len(text))
    assert _enumerated_before(text, at) == (_ENUMERATION.search(text, 0, at) is not None)
