"""Integrity of the data tables (reporters-db style): columns, keys, sources, references."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from directive_nlp import resources as tables
from directive_nlp.text.normalize import fold


@pytest.mark.parametrize("name", tables.TABLES)
def test_columns_are_exactly_the_required_ones(name: str) -> None:
    df = tables.load_table(name)
    assert tuple(df.columns) == tables.REQUIRED_COLUMNS[name]
    assert len(df) > 0


@pytest.mark.parametrize("name", tables.TABLES)
def test_every_row_has_a_key_and_a_source(name: str) -> None:
    df = tables.load_table(name)
    key = tables.REQUIRED_COLUMNS[name][0]
    assert (df[key].str.strip() != "").all()
    assert (df["source"].str.strip() != "").all(), f"{name}: a row without a source"


# a surname recurs once per ethnic group; a rank once per force (army, police)
@pytest.mark.parametrize(
    ("name", "key"), [("issuers", ("code",)), ("titles", ("title", "kind")), ("surnames", ("surname", "group"))]
)
def test_keys_are_unique(name: str, key: tuple[str, ...]) -> None:
    df = tables.load_table(name)
    keys = [tuple(fold(v) for v in row) for row in zip(*(df[k] for k in key))]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert dupes == []


def test_doc_type_rows_are_unique_per_system_and_category() -> None:
    df = tables.load_table("doc_types")
    rows = [(fold(r.code), r.system, r.category, fold(r.type_vi)) for r in df.itertuples()]
    assert len(rows) == len(set(rows))
    assert set(df["system"]) <= {"state", "party", "both"}


@pytest.mark.parametrize(
    ("code", "system", "name"),
    [
        ("TB", "", "Thông báo"),
        ("KH", "state", "Kế hoạch"),
        ("TT", "party", "Thông tri"),
        ("TT", "state", "Thông tư"),
        ("NĐ", "", "Nghị định"),
        ("TTr", "", "Tờ trình"),
        ("KL", "party", "Kết luận"),
        ("CĐ", "", "Công điện"),
        ("cđ", "", "Công điện"),
    ],
)
def test_doc_type_name(code: str, system: str, name: str) -> None:
    assert tables.doc_type_name(code, system) == name


def test_text_values_are_nfc_and_trimmed() -> None:
    import unicodedata

    for name in tables.TABLES:
        df = tables.load_table(name)
        for col in df.columns:
            for v in df[col]:
                assert v == unicodedata.normalize("NFC", v), f"{name}.{col}: not NFC: {v!r}"
                assert v == v.strip(), f"{name}.{col}: spaces around {v!r}"


def test_every_json_lexicon_loads_and_model_data_exists() -> None:
    data = resources.files("directive_nlp").joinpath("data")
    names = [p.name for p in data.iterdir() if p.name.endswith(".json")]
    assert {"dates.json", "numbers.json", "layout.json", "header.json", "output.schema.json"} <= set(names)
    for n in names:
        json.loads(data.joinpath(n).read_text(encoding="utf-8"))
    for n in tables.MODEL_DATA:
        assert data.joinpath(n).is_file(), n
