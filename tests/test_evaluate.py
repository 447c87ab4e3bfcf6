"""evaluate: the scoring rules of corpus/SCORING.md on hand-built gold/prediction pairs."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.errors import GoldError
from directive_nlp.eval import (
    ACCURACY_FIELDS,
    PRF_FIELDS,
    Accuracy,
    Counts,
    Report,
    aggregate,
    dump_reports,
    format_table,
    load_gold,
    ref_key,
    run_eval,
    run_systems,
    score_document,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLD_FILES = sorted((CORPUS / "gold").glob("*.json"))


def make_gold(**parts: Any) -> dict[str, Any]:
    """A minimal article gold; keyword arguments replace top-level keys."""
    gold: dict[str, Any] = {
        "file": "x.txt",
        "kind": "article",
        "document": {"title": None, "number": None, "issued_on": None, "published_at": None, "signer": None},
        "officials": [],
        "optional_officials": [],
        "doc_refs": [],
        "optional_doc_refs": [],
        "dates": [],
        "optional_dates": [],
        "directives": [],
        "optional_directives": [],
    }
    gold.update(parts)
    return gold


def make_pred(**parts: Any) -> dict[str, Any]:
    pred: dict[str, Any] = {
        "schema_version": "1.0.0",
        "kind": "article",
        "document": {"title": None, "number": None, "signer": None, "authors": [], "recipients": []},
        "officials": [],
        "doc_refs": [],
        "dates": [],
        "directives": [],
    }
    pred.update(parts)
    return pred


def dates(*values: str) -> list[dict[str, str]]:
    return [{"text": f"ngày {i}", "value": v} for i, v in enumerate(values)]


def perfect_prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """What a flawless system would return for this gold."""
    return make_pred(
        kind=gold["kind"],
        document=copy.deepcopy(gold["document"]),
        officials=[{"name": o["name"], "titles": list(o["titles"])} for o in gold["officials"]],
        doc_refs=[{"text": r["number"], "number": r["number"]} for r in gold["doc_refs"]],
        dates=[dict(d) for d in gold["dates"]],
        directives=[
            {
                "label": d["label"],
                "parent": d.get("parent"),
                "issuer": d["issuer"],
                "assignees": list(d["assignees"]),
                "coordinators": list(d.get("coordinators") or []),
                "text": d["text_start"] + " và báo cáo kết quả.",
                "deadline": d.get("deadline"),
            }
            for d in gold["directives"]
        ],
    )


# ------------------------------------------------------------------------------------- officials


@pytest.mark.parametrize(
    ("gold_names", "optional", "pred_names", "expected"),
    [
        # case, spacing, decomposed accents and old tone style do not matter
        (["Nguyễn Văn Thắng"], [], ["NGUYỄN  VĂN\nTHẮNG"], Counts(1, 0, 0)),
        (["Trần Tuệ Hiền"], [], [unicodedata.normalize("NFD", "Trần Tuệ Hiền")], Counts(1, 0, 0)),
        (["Nguyễn Hòa Bình"], [], ["Nguyễn Hoà Bình"], Counts(1, 0, 0)),
        # an optional name returned is neither right nor wrong; not returned, not a miss
        (["Vũ Đức Đam"], ["Hồ Chí Minh"], ["Vũ Đức Đam", "Hồ Chí Minh"], Counts(1, 0, 0)),
        (["Vũ Đức Đam"], ["Hồ Chí Minh"], ["Vũ Đức Đam"], Counts(1, 0, 0)),
        # one entry per person: a second entry for the same person is an extra
        (["Phạm Minh Chính"], [], ["Phạm Minh Chính", "phạm minh chính"], Counts(1, 1, 0)),
        # a name with the honorific is not the name
        (["Lê Minh Quang"], [], ["đồng chí Lê Minh Quang"], Counts(0, 1, 1)),
        (["Lê Minh Quang", "Trần Văn Chuyện"], [], ["Sao Khuê"], Counts(0, 1, 2)),
        ([], [], [], Counts(0, 0, 0)),
    ],
)
def test_officials(gold_names: list[str], optional: list[str], pred_names: list[str], expected: Counts) -> None:
    gold = make_gold(officials=[{"name": n, "titles": []} for n in gold_names], optional_officials=optional)
    pred = make_pred(officials=[{"name": n, "titles": []} for n in pred_names])
    assert score_document(gold, pred).counts["officials"] == expected


@pytest.mark.parametrize(
    ("gold_titles", "pred_titles", "found"),
    [
        (["PHÓ CHỦ TỊCH"], ["Phó Chủ tịch"], 1),
        (["Bí thư Tỉnh ủy"], ["Bí thư Tỉnh uỷ"], 1),
        # containment: the returned title holds the gold one (here with a province name after it)
        (["Chủ tịch UBND tỉnh"], ["Chủ tịch UBND tỉnh Bình Định"], 1),
        (["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"], ["Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Sóc Trăng"], 2),
        (["Thứ trưởng Bộ Quốc phòng", "Ủy viên Trung ương Đảng"], ["Thứ trưởng Bộ Quốc phòng"], 1),
        # a shorter returned title does not contain the gold one
        (["Bộ trưởng Bộ Xây dựng"], ["Bộ trưởng"], 0),
        # whole words only: "Quân khu 1" is not in "Quân khu 12"
        (["Tư lệnh Quân khu 1"], ["Tư lệnh Quân khu 12"], 0),
        (["Giám đốc Công an tỉnh"], [], 0),
    ],
)
def test_official_titles(gold_titles: list[str], pred_titles: list[str], found: int) -> None:
    gold = make_gold(officials=[{"name": "Nguyễn Văn Sơn", "titles": gold_titles}])
    pred = make_pred(officials=[{"name": "Nguyễn Văn Sơn", "titles": pred_titles}])
    score = score_document(gold, pred)
    assert score.counts["officials.titles"] == Counts(found, 0, len(gold_titles) - found)


def test_titles_only_for_matched_officials() -> None:
    gold = make_gold(officials=[{"name": "Trần Hồng Hà", "titles": ["Phó Thủ tướng"]}])
    pred = make_pred(officials=[{"name": "Trần Hồng Minh", "titles": ["Phó Thủ tướng"]}])
    score = score_document(gold, pred)
    assert score.counts["officials.titles"] == Counts(0, 0, 0)
    row = {r["field"]: r for r in aggregate([score]).rows()}["officials.titles"]
    assert row["recall"] is None and row["precision"] is None


# -------------------------------------------------------------------------------------- doc_refs


@pytest.mark.parametrize(
    ("gold_numbers", "own", "optional", "pred_numbers", "pred_own", "expected"),
    [
        (["274-TB/TU", "105-TB/TU"], "274-TB/TU", [], ["274-TB/TU", "105-TB/TU"], "274-TB/TU", Counts(2, 0, 0)),
        # dash characters, spaces and case
        (["274-TB/TU"], None, [], ["274–TB/TU"], None, Counts(1, 0, 0)),
        (["15/2021/NĐ-CP"], None, [], ["15/2021/ NĐ - CP"], None, Counts(1, 0, 0)),
        (["267/KH-UBND"], None, [], ["267/kh‑ubnd"], None, Counts(1, 0, 0)),
        (["1617/QĐ-UBND"], None, [], ["1617/QÐ-UBND"], None, Counts(1, 0, 0)),  # Icelandic eth from a PDF
        # document.number joins the set on both sides
        (["223/CĐ-TTg"], "223/CĐ-TTg", [], [], "223/CĐ-TTg", Counts(1, 0, 0)),
        ([], "4240/UBND-VX", [], ["4240/UBND-VX"], None, Counts(1, 0, 0)),
        # a set: the same number returned three times is one
        (["217/CĐ-TTg"], None, [], ["217/CĐ-TTg", "217/CĐ-TTg", "217/CĐ–TTg"], None, Counts(1, 0, 0)),
        # optional numbers returned are ignored
        ([], None, ["1184/KL-UBND", "47UBND -UBND-TTr"], ["1184/KL-UBND", "47UBND-UBND-TTr"], None, Counts(0, 0, 0)),
        (["261/2025/NĐ-CP"], None, ["261"], ["261/2025/NĐ-CP", "261", "99/2024/NĐ-CP"], None, Counts(1, 1, 0)),
        (["3280/UBND-VX", "9807/TTr-SNV"], None, [], ["3280/UBND-VX"], None, Counts(1, 0, 1)),
        # a different number is not close enough
        (["12/2021/NĐ-CP"], None, [], ["12/2020/NĐ-CP"], None, Counts(0, 1, 1)),
    ],
)
def test_doc_refs(
    gold_numbers: list[str],
    own: str | None,
    optional: list[str],
    pred_numbers: list[str],
    pred_own: str | None,
    expected: Counts,
) -> None:
    gold = make_gold(
        document={"number": own},
        doc_refs=[{"number": n, "type": None, "issued_on": None} for n in gold_numbers],
        optional_doc_refs=optional,
    )
    pred = make_pred(document={"number": pred_own}, doc_refs=[{"text": n, "number": n} for n in pred_numbers])
    assert score_document(gold, pred).counts["doc_refs"] == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("274-TB/TU", "274 – tb / tu"), ("15/2021/NĐ-CP", "15/2021/NĐ−CP"), ("37-HD/BTGDVTW", "37‐HD/BTGDVTW")],
)
def test_ref_key(a: str, b: str) -> None:
    assert ref_key(a) == ref_key(b)


# ----------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("gold_values", "optional", "pred_values", "day", "strict"),
    [
        (["2021-08-04"], [], ["2021-08-04"], Counts(1, 0, 0), Counts(1, 0, 0)),
        # a multiset: each occurrence counts
        (["2021-06-18"] * 3, [], ["2021-06-18"] * 2, Counts(2, 0, 1), Counts(2, 0, 1)),
        (["2021-06-18"] * 3, [], ["2021-06-18"] * 4, Counts(3, 1, 0), Counts(3, 1, 0)),
        # a gold XXXX year matches any year; a returned XXXX year only a gold XXXX
        (["XXXX-05-28"], [], ["2021-05-28"], Counts(1, 0, 0), Counts(1, 0, 0)),
        (["XXXX-02-07"], [], ["XXXX-02-07"], Counts(1, 0, 0), Counts(1, 0, 0)),
        (["2021-05-28"], [], ["XXXX-05-28"], Counts(0, 1, 1), Counts(0, 1, 1)),
        (["XXXX-05-28"], [], ["2021-05-29"], Counts(0, 1, 1), Counts(0, 1, 1)),
        # the time part counts only in the strict score
        (["2021-05-28T06:00"], [], ["2021-05-28"], Counts(1, 0, 0), Counts(0, 1, 1)),
        (["2021-05-28"], [], ["2021-05-28T06:00"], Counts(1, 0, 0), Counts(0, 1, 1)),
        (["2021-05-28T06:00"], [], ["2021-05-28T06:00:00"], Counts(1, 0, 0), Counts(1, 0, 0)),
        (["2021-05-28T16:19:39"], [], ["2021-05-28T16:19:39+07:00"], Counts(1, 0, 0), Counts(1, 0, 0)),
        (["2021-05-28T16:19:39"], [], ["2021-05-28T16:19"], Counts(1, 0, 0), Counts(0, 1, 1)),
        # ranges: each side's date part
        (["2021-08-02/2021-08-03"], [], ["2021-08-02/2021-08-03"], Counts(1, 0, 0), Counts(1, 0, 0)),
        (["2021-08-02/2021-08-03"], [], ["2021-08-02T07:30/2021-08-03"], Counts(1, 0, 0), Counts(0, 1, 1)),
        (["2021-08-02/2021-08-03"], [], ["2021-08-02"], Counts(0, 1, 1), Counts(0, 1, 1)),
        (["2021-08-02/2021-08-03"], [], ["2021-08-02", "2021-08-03"], Counts(0, 2, 1), Counts(0, 2, 1)),
        (["XXXX-04-22/XXXX-04-30"], [], ["2025-04-22/2025-04-30"], Counts(1, 0, 0), Counts(1, 0, 0)),
        # returned values equal to or inside an optional value are ignored when unmatched
        (["2021-08-04"], ["2021-12-31", "2021-12"], ["2021-08-04", "2021-12-31", "2021-12", "2021-12-15"],
         Counts(1, 0, 0), Counts(1, 0, 0)),
        ([], ["2025"], ["2025", "2025-11-20", "2025-11-20T08:00"], Counts(0, 0, 0), Counts(0, 0, 0)),
        ([], ["2025"], ["2024-12-31", "20250-01-01"], Counts(0, 2, 0), Counts(0, 2, 0)),
        ([], ["2021-01/2021-06"], ["2021-01-05/2021-06-30", "2021-01/2021-06"], Counts(0, 0, 0), Counts(0, 0, 0)),
        ([], ["2021-01/2021-06"], ["2021-01-05/2021-07-30"], Counts(0, 1, 0), Counts(0, 1, 0)),
        ([], ["2021/2026"], ["2021/2026"], Counts(0, 0, 0), Counts(0, 0, 0)),
        ([], ["XXXX-01"], ["2017-01-15"], Counts(0, 0, 0), Counts(0, 0, 0)),
        # an optional day written once more in the main text: one is gold, the other optional
        (["2025-11-18"], ["2025-11-18"], ["2025-11-18", "2025-11-18"], Counts(1, 0, 0), Counts(1, 0, 0)),
        # a month value is not a day: a period costs nothing, and does not find a day
        (["2021-08-04"], [], ["2021-08"], Counts(0, 0, 1), Counts(0, 0, 1)),
        ([], [], ["2021", "2026-01/2026-03", "2021/2026"], Counts(0, 0, 0), Counts(0, 0, 0)),
    ],
)
def test_dates(gold_values: list[str], optional: list[str], pred_values: list[str], day: Counts, strict: Counts) -> None:
    gold = make_gold(dates=dates(*gold_values), optional_dates=optional)
    pred = make_pred(dates=dates(*pred_values))
    score = score_document(gold, pred)
    assert score.counts["dates"] == day
    assert score.counts["dates.strict"] == strict


def test_dates_assignment_prefers_leaving_optional_values_unmatched() -> None:
    # the XXXX gold can take either returned date; giving it 2016-05-26 leaves 2017-05-26 to the
    # optional "2017", so nothing is wrong (a first-come matcher would count one extra)
    gold = make_gold(dates=dates("XXXX-05-26"), optional_dates=["2017"])
    pred = make_pred(dates=dates("2017-05-26", "2016-05-26"))
    assert score_document(gold, pred).counts["dates"] == Counts(1, 0, 0)


def test_dates_periods_weeks_and_unresolved_relative_days_cost_nothing() -> None:
    gold = make_gold(dates=dates("2015-01-08"))
    pred = make_pred(dates=[
        {"text": "Thứ Năm", "value": "2015-01-08", "precision": "day", "relative": True},
        {"text": "tuần sau", "value": "2015-01-16", "precision": "week", "relative": True},
        {"text": "quý I/2026", "value": "2026-01/2026-03", "precision": "quarter"},
        {"text": "hôm qua", "value": None, "precision": "day", "relative": True},
        {"text": "ngày 9/1", "value": "2015-01-09", "precision": "day"},
    ])
    score = score_document(gold, pred)
    assert score.counts["dates"] == Counts(1, 1, 0)
    assert score.details["dates"]["extra"] == [{"text": "ngày 9/1", "value": "2015-01-09"}]
    assert [d["text"] for d in score.details["dates"]["ignored"]] == ["tuần sau", "quý I/2026", "hôm qua"]


def test_dates_details_name_misses_and_extras() -> None:
    gold = make_gold(dates=[{"text": "Chiều 28/5", "value": "2021-05-28"}], optional_dates=["2024-07-19"])
    pred = make_pred(
        dates=[{"text": "19/07/2024", "value": "2024-07-19"}, {"text": "ngày 29/5", "value": "2021-05-29"}]
    )
    details = score_document(gold, pred).details["dates"]
    assert details["missed"] == [{"text": "Chiều 28/5", "value": "2021-05-28"}]
    assert details["extra"] == [{"text": "ngày 29/5", "value": "2021-05-29"}]
    assert details["ignored"] == [{"text": "19/07/2024", "value": "2024-07-19"}]


# ------------------------------------------------------------------------------------ directives


def directive(text_start: str, **extra: Any) -> dict[str, Any]:
    return {"label": None, "issuer": "UBND tỉnh", "assignees": [], "text_start": text_start, **extra}


def returned(text: str, **extra: Any) -> dict[str, Any]:
    return {"label": None, "parent": None, "issuer": "UBND tỉnh", "assignees": [], "text": text, **extra}


@pytest.mark.parametrize(
    ("starts", "optional", "texts", "expected"),
    [
        # the text_start is normalized: case, runs of spaces, line breaks, tone style
        (
            ["Cấp ủy, chính quyền  các cấp,\n các ngành, MTTQ"],
            [],
            ["1. Cấp uỷ, chính quyền các cấp, các ngành, MTTQ và các tổ chức chính trị - xã hội tỉnh tiếp tục..."],
            Counts(1, 0, 0),
        ),
        (["tập trung rà soát, cập nhật lại kế hoạch"], [], ["TẬP TRUNG RÀ SOÁT,\r\n CẬP NHẬT LẠI KẾ HOẠCH"], Counts(1, 0, 0)),
        # one returned directive cannot match two gold items
        (
            ["Sở Y tế chủ trì", "phối hợp với Công an tỉnh kiểm tra"],
            [],
            ["Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra các chốt kiểm dịch."],
            Counts(1, 0, 1),
        ),
        # a proper assignment: the first text holds both starts, the second only the first one
        (
            ["Sở Y tế chủ trì", "phối hợp với Công an tỉnh kiểm tra"],
            [],
            ["Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra.", "Sở Y tế chủ trì tổ chức tiêm vắc xin."],
            Counts(2, 0, 0),
        ),
        # two returned copies of the same item: one is right, the other an extra
        (["Các địa phương tiếp tục thực hiện"], [], ["Các địa phương tiếp tục thực hiện"] * 2, Counts(1, 1, 0)),
        # a returned item holding only an optional snippet is ignored; one holding nothing is wrong
        (
            ["khẩn trương hoàn thành việc cập nhật"],
            ["thực hiện nghiêm Thông báo này"],
            [
                "khẩn trương hoàn thành việc cập nhật dữ liệu",
                "Các cơ quan, đơn vị thực hiện nghiêm Thông báo này.",
                "Hội nghị đã thảo luận các giải pháp.",
            ],
            Counts(1, 1, 0),
        ),
        # whole words: "điểm 1" is not found in "điểm 12"
        (["thực hiện điểm 1"], [], ["thực hiện điểm 12 của Kế hoạch"], Counts(0, 1, 1)),
        # the start must lie inside the text, not the other way round
        (["Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng"], [], ["Bộ Công an chủ trì"], Counts(0, 1, 1)),
        ([], [], [], Counts(0, 0, 0)),
    ],
)
def test_directives(starts: list[str], optional: list[str], texts: list[str], expected: Counts) -> None:
    gold = make_gold(directives=[directive(s) for s in starts], optional_directives=optional)
    pred = make_pred(directives=[returned(t) for t in texts])
    assert score_document(gold, pred).counts["directives"] == expected


def test_directive_prefers_leaving_optional_items_unmatched() -> None:
    gold = make_gold(
        directives=[directive("tăng cường kiểm tra")], optional_directives=["tổ chức quán triệt"]
    )
    pred = make_pred(
        directives=[
            returned("tổ chức quán triệt và tăng cường kiểm tra"),  # gold or optional
            returned("tăng cường kiểm tra các cơ sở"),  # gold only
        ]
    )
    assert score_document(gold, pred).counts["directives"] == Counts(1, 0, 0)


@pytest.mark.parametrize(
    ("gold_item", "pred_item", "issuer_ok", "assignees_ok", "items"),
    [
        (
            directive("Sở Thông tin và Truyền thông chủ động", issuer="Ban Thường vụ Tỉnh ủy",
                      assignees=["Sở Thông tin và Truyền thông"]),
            returned("Sở Thông tin và Truyền thông chủ động phối hợp", issuer="BAN THƯỜNG VỤ TỈNH UỶ",
                     assignees=["sở thông tin và truyền thông"]),
            True, True, Counts(1, 0, 0),
        ),
        # optional assignees may be returned or not
        (
            directive("Thực hiện tốt “mục tiêu kép”", assignees=["UBND tỉnh"],
                      optional_assignees=["Sở Y tế", "Ban cán sự đảng UBND tỉnh"]),
            returned("Thực hiện tốt “mục tiêu kép”, vừa chống dịch", assignees=["UBND tỉnh", "Sở Y tế"]),
            True, True, Counts(1, 0, 0),
        ),
        (
            directive("Thực hiện tốt “mục tiêu kép”", assignees=["UBND tỉnh"], optional_assignees=["Sở Y tế"]),
            returned("Thực hiện tốt “mục tiêu kép”", assignees=["UBND tỉnh"]),
            True, True, Counts(1, 0, 0),
        ),
        # an assignee too many, one missing, and another issuer
        (
            directive("Bộ Công an chủ trì", issuer="Thủ tướng Chính phủ", assignees=["Bộ Công an", "Bộ Quốc phòng"]),
            returned("Bộ Công an chủ trì, phối hợp", issuer="Phó Thủ tướng", assignees=["Bộ Công an", "Bộ Y tế"]),
            False, False, Counts(1, 1, 1),
        ),
        # gold without assignees: returning none is right
        (directive("tránh", issuer="Nguyễn Văn Thắng"), returned("tránh tư tưởng chủ quan", issuer="Nguyễn Văn Thắng"),
         True, True, Counts(0, 0, 0)),
    ],
)
def test_directive_sub_scores(
    gold_item: dict[str, Any], pred_item: dict[str, Any], issuer_ok: bool, assignees_ok: bool, items: Counts
) -> None:
    score = score_document(make_gold(directives=[gold_item]), make_pred(directives=[pred_item]))
    assert score.counts["directives"] == Counts(1, 0, 0)
    assert score.accuracy["directives.issuer"] == Accuracy(int(issuer_ok), 1)
    assert score.accuracy["directives.assignees"] == Accuracy(int(assignees_ok), 1)
    assert score.counts["directives.assignee_items"] == items


@pytest.mark.parametrize(
    ("gold_deadline", "pred_deadline", "ok"),
    [("2025-12-31", "2025-12-31", True), ("2025-12-31", None, False), ("2017-07-30", "2017-07-31", False),
     ("2025-11-30", "2025-11-30T17:00", True)],
)
def test_directive_deadline(gold_deadline: str, pred_deadline: str | None, ok: bool) -> None:
    gold = make_gold(directives=[directive("hoàn thành trước ngày", deadline=gold_deadline)])
    pred = make_pred(directives=[returned("hoàn thành trước ngày 31/12", deadline=pred_deadline)])
    assert score_document(gold, pred).accuracy["directives.deadline"] == Accuracy(int(ok), 1)


def test_unmatched_directives_have_no_sub_scores() -> None:
    gold = make_gold(directives=[directive("kiểm tra an toàn thông tin", deadline="2017-07-30")])
    score = score_document(gold, make_pred())
    assert "directives.issuer" not in score.accuracy
    assert score.details["directives"]["missed"] == [
        {"label": None, "parent": None, "text_start": "kiểm tra an toàn thông tin"}
    ]


# ---------------------------------------------------------------------------------------- header

NOTICE_DOC = {
    "title": "kết luận của Ban Thường vụ Tỉnh ủy tại cuộc họp",
    "number": "274-TB/TU",
    "type": "Thông báo",
    "issued_on": "2021-08-04",
    "published_at": None,
    "place": "Điện Biên",
    "signer": {"name": "Nguyễn Văn Thắng", "title": "Bí thư", "authority": "T/M Ban Thường vụ"},
    "authors": [],
    "recipients": ["Thường trực Tỉnh ủy", "Các sở, ban, ngành, đoàn thể tỉnh", "Lưu Văn phòng Tỉnh ủy, TH1"],
}


@pytest.mark.parametrize(
    ("field", "change", "ok"),
    [
        ("header.number", {"number": "274–TB/TU"}, True),
        ("header.number", {"number": "274-TB"}, False),
        ("header.type", {"type": "THÔNG BÁO"}, True),
        ("header.type", {"type": "Kết luận"}, False),
        ("header.issued_on", {"issued_on": "2021-08-04"}, True),
        ("header.issued_on", {"issued_on": "2021-08-03"}, False),
        ("header.issued_on", {"issued_on": None}, False),
        ("header.place", {"place": "điện  biên"}, True),
        ("header.place", {"place": "Điện Biên Phủ"}, False),
        ("header.title", {"title": "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH UỶ TẠI CUỘC HỌP"}, True),
        ("header.signer.name", {"signer": {"name": "NGUYỄN VĂN THẮNG", "title": "BÍ THƯ", "authority": "T/M BAN THƯỜNG VỤ"}}, True),
        ("header.signer.title", {"signer": {"name": "Nguyễn Văn Thắng", "title": "Bí thư", "authority": None}}, True),
        ("header.signer.authority", {"signer": {"name": "Nguyễn Văn Thắng", "title": "Bí thư", "authority": None}}, False),
        ("header.signer.name", {"signer": None}, False),
        # recipients: leading dash and trailing punctuation dropped, case and tone style ignored
        ("header.recipients", {"recipients": ["- Thường trực Tỉnh uỷ;", "- Các sở, ban, ngành, đoàn thể tỉnh;", "- Lưu Văn phòng Tỉnh ủy, TH1."]}, True),
        ("header.recipients", {"recipients": ["Thường trực Tỉnh ủy", "Các sở, ban, ngành, đoàn thể tỉnh"]}, False),
        ("header.recipients", {"recipients": ["Các sở, ban, ngành, đoàn thể tỉnh", "Thường trực Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy, TH1"]}, False),
        ("header.authors", {"authors": []}, True),
        ("header.authors", {"authors": ["Nguyễn Văn Thắng"]}, False),
    ],
)
def test_header_fields(field: str, change: dict[str, Any], ok: bool) -> None:
    gold = make_gold(kind="notice", document=dict(NOTICE_DOC))
    document = dict(NOTICE_DOC)
    document.update(change)
    score = score_document(gold, make_pred(kind="notice", document=document))
    assert score.accuracy[field] == Accuracy(int(ok), 1)
    assert score.accuracy["header.kind"] == Accuracy(1, 1)
    # a null gold value is not scored
    assert "header.published_at" not in score.accuracy


@pytest.mark.parametrize(
    ("gold_value", "pred_value", "ok"),
    [
        ("2021-09-17T06:46", "2021-09-17T06:46", True),
        ("2021-09-17T06:46", "2021-09-17T06:46:00", True),  # at the precision gold gives
        ("2021-09-17T06:46", "2021-09-17", False),
        ("2021-09-17T06:46", "2021-09-17T06:47", False),
        ("2021-05-28T16:19:39", "2021-05-28T16:19:39", True),
        ("2021-05-28T16:19:39", "2021-05-28T16:19", False),
        ("2021-05-28", "2021-05-28T16:19:39", True),
        ("2021-05-28", None, False),
    ],
)
def test_published_at_precision(gold_value: str, pred_value: str | None, ok: bool) -> None:
    gold = make_gold(document={"published_at": gold_value, "authors": ["Sao Khuê"]})
    pred = make_pred(document={"published_at": pred_value}, authors=["SAO KHUÊ"])  # authors at top level
    score = score_document(gold, pred)
    assert score.accuracy["header.published_at"] == Accuracy(int(ok), 1)
    assert score.accuracy["header.authors"] == Accuracy(1, 1)


def test_kind_wrong() -> None:
    score = score_document(make_gold(kind="notice"), make_pred(kind="article"))
    assert score.accuracy["header.kind"] == Accuracy(0, 1)
    assert score.details["header.kind"]["wrong"] == [{"gold": "notice", "pred": "article"}]


# --------------------------------------------------------------------------- perfect and garbage


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_perfect_prediction_scores_one(path: Path) -> None:
    gold = load_gold(path)
    report = aggregate([score_document(gold, perfect_prediction(gold), name=path.stem)])
    for row in report.rows():
        for key in ("precision", "recall", "f1", "accuracy"):
            if row.get(key) is not None:
                assert row[key] == 1.0, (row["field"], key)
    assert report.counts["officials"].tp == len(gold["officials"])
    assert report.counts["directives"].tp == len(gold["directives"])


def test_perfect_prediction_over_the_corpus() -> None:
    scores = [score_document(g, perfect_prediction(g)) for g in map(load_gold, GOLD_FILES)]
    rows = {r["field"]: r for r in aggregate(scores).rows()}
    assert set(rows) == set(PRF_FIELDS) | set(ACCURACY_FIELDS)
    assert all(rows[f]["f1"] == 1.0 for f in PRF_FIELDS if f != "officials.titles")
    assert rows["officials.titles"]["recall"] == 1.0
    assert all(rows[f]["accuracy"] == 1.0 for f in ACCURACY_FIELDS)


@pytest.mark.parametrize(
    "pred",
    [
        {},
        {"document": None, "officials": None, "doc_refs": "x", "dates": [None, 3], "directives": [{"text": None}]},
        {"officials": [{"name": None, "titles": None}], "dates": [{"value": "hôm qua"}, {"value": "2021-13"}]},
        {"doc_refs": [{"number": None}, {"text": "5/KH"}], "directives": [{"assignees": "Sở Y tế"}]},
        [],
    ],
)
def test_malformed_prediction_does_not_raise(pred: Any) -> None:
    gold = load_gold(CORPUS / "gold" / "004_86ceddd2e63fe96c.json")
    score = score_document(gold, pred)
    assert score.counts["directives"].fn == len(gold["directives"])


# ------------------------------------------------------------------------------ report and table


def test_aggregate_is_micro_averaged() -> None:
    a = score_document(make_gold(dates=dates("2021-01-01")), make_pred(dates=dates("2021-01-01")))
    b = score_document(make_gold(dates=dates(*["2021-01-02"] * 3)), make_pred(dates=dates("2021-01-02", "2021-01-05")))
    row = {r["field"]: r for r in aggregate([a, b]).rows()}["dates"]
    assert (row["tp"], row["fp"], row["fn"]) == (2, 1, 2)
    assert row["precision"] == pytest.approx(2 / 3)
    assert row["recall"] == pytest.approx(2 / 4)
    assert row["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_precision_recall_conventions() -> None:
    assert (Counts(0, 0, 0).precision, Counts(0, 0, 0).recall, Counts(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert (Counts(0, 0, 3).precision, Counts(0, 0, 3).f1) == (0.0, 0.0)
    assert (Counts(0, 2, 0).recall, Counts(0, 2, 0).f1) == (0.0, 0.0)
    assert Accuracy(0, 0).accuracy is None


def _sample_report(system: str = "directive-nlp") -> Report:
    gold = load_gold(CORPUS / "gold" / "004_86ceddd2e63fe96c.json")
    pred = perfect_prediction(gold)
    pred["dates"] = pred["dates"][1:] + [{"text": "ngày 31/12/2021", "value": "2021-12-31"}, {"text": "x", "value": "2021-01-01"}]
    pred["officials"] = pred["officials"][:1]
    return aggregate([score_document(gold, pred, name="004")], system=system)


def test_dump_is_plain_json_with_details() -> None:
    data = _sample_report().dump()
    json.dumps(data)  # plain JSON
    assert data["documents"] == 1
    assert data["fields"]["dates"]["tp"] == 3 and data["fields"]["dates"]["fp"] == 1
    doc = data["docs"][0]
    assert doc["doc"] == "004"
    assert doc["fields"]["dates"]["missed"] == [{"text": "ngày 04 tháng 8 năm 2021", "value": "2021-08-04"}]
    assert doc["fields"]["dates"]["extra"] == [{"text": "x", "value": "2021-01-01"}]
    assert doc["fields"]["dates"]["ignored"] == [{"text": "ngày 31/12/2021", "value": "2021-12-31"}]
    assert doc["fields"]["officials"]["missed"] == ["Nguyễn Phú Trọng"]


def test_format_table_one_row_per_field() -> None:
    table = format_table(_sample_report())
    lines = table.splitlines()
    for name in PRF_FIELDS + ACCURACY_FIELDS:
        assert sum(1 for line in lines if line.split() and line.split()[0] == name) == 1
    dates_line = next(line for line in lines if line.startswith("dates "))
    assert dates_line.split()[1:4] == ["3", "1", "1"]
    assert "0.750" in dates_line


def test_format_table_several_systems_side_by_side() -> None:
    table = format_table([_sample_report("directive-nlp"), _sample_report("underthesea-ner")])
    lines = table.splitlines()
    assert "directive-nlp" in table and "underthesea-ner" in table
    officials = next(line for line in lines if line.startswith("officials "))
    assert officials.split()[1:] == ["1", "0", "1", "1.000", "0.500", "0.667"] * 2
    assert dump_reports([_sample_report("a"), _sample_report("b")])["systems"][1]["system"] == "b"


# ---------------------------------------------------------------------------- files, run, errors


def _write_gold(folder: Path, name: str, gold: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(gold if isinstance(gold, str) else json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_run_eval_calls_extract_with_text_and_gold(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Chiều 28/5, ...", encoding="utf-8")
    (docs / "b.txt").write_text("Sáng 29/5, ...", encoding="utf-8")
    _write_gold(tmp_path / "gold", "a", make_gold(file="a.txt", dates=dates("XXXX-05-28")))
    # no "file": the text is found by the gold's base name
    gold_b = make_gold(dates=dates("XXXX-05-29"))
    del gold_b["file"]
    _write_gold(tmp_path / "gold", "b", gold_b)
    seen: list[tuple[str, str]] = []

    def extract(text_path: Path, gold: dict[str, Any]) -> dict[str, Any]:
        seen.append((text_path.name, gold["dates"][0]["value"]))
        return make_pred(dates=dates("2021-05-28"))

    report = run_eval(tmp_path / "gold", docs, extract)
    assert seen == [("a.txt", "XXXX-05-28"), ("b.txt", "XXXX-05-29")]
    assert report.counts["dates"] == Counts(1, 1, 1)
    assert [d.name for d in report.docs] == ["a", "b"]


def test_run_systems_scores_each_system_and_records_failures(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("...", encoding="utf-8")
    _write_gold(tmp_path / "gold", "a", make_gold(file="a.txt", officials=[{"name": "Vũ Đức Đam", "titles": []}]))

    def good(text_path: Path, gold: dict[str, Any]) -> dict[str, Any]:
        return make_pred(officials=[{"name": "Vũ Đức Đam", "titles": []}])

    def broken(text_path: Path, gold: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("model missing")

    reports = run_systems(tmp_path / "gold", tmp_path / "docs", {"ours": good, "baseline": broken})
    assert [r.system for r in reports] == ["ours", "baseline"]
    assert reports[0].counts["officials"] == Counts(1, 0, 0)
    assert reports[1].counts["officials"] == Counts(0, 0, 1)
    assert reports[1].dump()["failed"] == [{"doc": "a", "error": "RuntimeError: model missing"}]
    assert "failed (baseline): a: RuntimeError: model missing" in format_table(reports)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"kind": "notice", ', "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 20)"),
        ("[1, 2]", "gold must be a JSON object, not list"),
        ('{"kind": "notice", "document": {}}', "missing required key(s): officials, doc_refs, dates, directives"),
        (json.dumps(make_gold(dates=[{"text": "ngày 4/8"}])), "dates[0] needs a string 'value'"),
        (json.dumps(make_gold(officials={"name": "x"})), "'officials' must be a list"),
    ],
)
def test_bad_gold_file(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.txt").write_text("...", encoding="utf-8")
    path = _write_gold(tmp_path / "gold", "bad", content)
    with pytest.raises(GoldError) as info:
        run_eval(tmp_path / "gold", tmp_path / "docs", lambda p, g: {})
    assert info.value.path == str(path)
    assert info.value.reason == message
    assert str(info.value) == f"{path}: {message} [E200]"


def test_missing_text(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    path = _write_gold(tmp_path / "gold", "dev_99", make_gold(file="dev_99_raw.txt"))
    calls: list[Path] = []
    with pytest.raises(GoldError) as info:
        run_eval(tmp_path / "gold", tmp_path / "docs", lambda p, g: calls.append(p) or {})
    assert info.value.path == str(path)
    assert info.value.reason == (
        f"text not found: {tmp_path / 'docs' / 'dev_99_raw.txt'} nor {tmp_path / 'docs' / 'dev_99.txt'}"
    )
    assert calls == []  # checked before anything is extracted


def test_empty_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    with pytest.raises(GoldError, match="no gold \\*.json files"):
        run_eval(tmp_path / "gold", tmp_path, lambda p, g: {})


def test_all_corpus_gold_files_load_and_have_texts() -> None:
    reports = run_eval(CORPUS / "gold", CORPUS / "docs", lambda p, g: perfect_prediction(g))
    assert len(reports.docs) == len(GOLD_FILES) == 19
    assert not reports.failed


def test_coordinator_items_are_scored_where_the_gold_has_them() -> None:
    gold = {
        "directives": [
            {"label": "1.", "issuer": "UBND tỉnh", "assignees": ["Sở Y tế"], "coordinators": ["Sở Tài chính", "Công an tỉnh"],
             "text_start": "Sở Y tế chủ trì"},
            {"label": "2.", "issuer": "UBND tỉnh", "assignees": ["Sở Nội vụ"], "text_start": "Sở Nội vụ rà soát"},
        ]
    }
    pred = {
        "directives": [
            {"label": "1.", "issuer": "UBND tỉnh", "assignees": ["Sở Y tế"], "coordinators": ["Sở Tài chính", "các xã"],
             "text": "Sở Y tế chủ trì, phối hợp với Sở Tài chính và các xã rà soát."},
            {"label": "2.", "issuer": "UBND tỉnh", "assignees": ["Sở Nội vụ"], "coordinators": ["Sở Xây dựng"],
             "text": "Sở Nội vụ rà soát, phối hợp với Sở Xây dựng."},
        ]
    }
    report = aggregate([score_document(gold, pred)])
    # the second pair's gold has no "coordinators" key: not scored
    assert report.counts["directives.coordinator_items"] == Counts(1, 1, 1)
