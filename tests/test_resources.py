"""Integrity of the data (reporters-db style): tables, lexicons (one per concept), JSON settings."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

import pytest

from directive_nlp import resources as tables
from directive_nlp.text.analysis import atoms
from directive_nlp.text.normalize import fold

LEXICONS = tables.lexicon_names()


# --------------------------------------------------------------------------- reference tables


@pytest.mark.parametrize("name", tables.TABLES)
def test_columns_are_exactly_the_required_ones(name: str) -> None:
    t = tables.load_table(name)
    assert t.columns == tables.REQUIRED_COLUMNS[name]
    assert len(t) > 0


@pytest.mark.parametrize("name", tables.TABLES)
def test_every_row_has_a_key_and_a_source(name: str) -> None:
    t = tables.load_table(name)
    key = tables.REQUIRED_COLUMNS[name][0]
    assert all(v.strip() for v in t.column(key))
    assert all(v.strip() for v in t.column("source")), f"{name}: a row without a source"


# a surname recurs once per ethnic group; a rank once per force (army, police)
@pytest.mark.parametrize(
    ("name", "key"), [("issuers", ("code",)), ("titles", ("title", "kind")), ("surnames", ("surname", "group"))]
)
def test_keys_are_unique(name: str, key: tuple[str, ...]) -> None:
    t = tables.load_table(name)
    keys = [tuple(fold(v) for v in row) for row in zip(*(t.column(k) for k in key))]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert dupes == []


def test_doc_type_rows_are_unique_per_system_and_category() -> None:
    t = tables.load_table("doc_types")
    rows = [(fold(r.code), r.system, r.category, fold(r.type_vi)) for r in t.rows]
    assert len(rows) == len(set(rows))
    assert set(t.column("system")) <= {"state", "party", "both"}


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


def test_unknown_table_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="unknown table 'nope'"):
        tables.load_table("nope")


def test_text_values_are_nfc_and_trimmed() -> None:
    for name in tables.TABLES:
        t = tables.load_table(name)
        for col in t.columns:
            for v in t.column(col):
                assert v == unicodedata.normalize("NFC", v), f"{name}.{col}: not NFC: {v!r}"
                assert v == v.strip(), f"{name}.{col}: spaces around {v!r}"


# --------------------------------------------------------------------------- lexicons


def test_the_shared_lexicons_exist() -> None:
    assert {"weekdays", "honorifics", "speech_verbs", "signer_authority", "signature_noise", "admin_units",
            "abbreviations", "org_heads", "places"} <= set(LEXICONS)


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_rows_have_a_phrase_and_a_source_and_are_nfc(name: str) -> None:
    lex = tables.lexicon(name)
    assert lex.concept and lex.doc, f"{name}: '# concept:' and '# doc:' lines are required"
    assert len(lex.table) > 0
    for row in lex.table.rows:
        assert row.phrase.strip() and row.source.strip(), f"{name}: {row}"
        for v in row:
            assert v == unicodedata.normalize("NFC", v) and v == v.strip(), f"{name}: {v!r}"


@pytest.mark.parametrize("name", LEXICONS)
def test_no_phrase_twice_in_a_lexicon(name: str) -> None:
    keys = [atoms(p) for p in tables.lexicon(name).phrases]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_one_lexicon_per_concept_and_no_phrase_in_two_lexicons_of_one_concept() -> None:
    by_concept: dict[str, list[str]] = {}
    for name in LEXICONS:
        by_concept.setdefault(tables.lexicon(name).concept, []).append(name)
    twice: list[tuple[str, str, tuple[str, ...]]] = []
    for concept, names in by_concept.items():
        seen: dict[tuple[str, ...], str] = {}
        for name in names:
            for p in tables.lexicon(name).phrases:
                k = atoms(p)
                if k in seen and seen[k] != name:
                    twice.append((seen[k], name, k))
                seen[k] = name
    assert twice == []
    assert all(len(names) == 1 for names in by_concept.values()), by_concept


def test_no_json_setting_repeats_a_lexicon() -> None:
    """A word list of a JSON settings file must not hold the phrases of a lexicon (one place each)."""
    data = resources.files("directive_nlp").joinpath("data")
    lex_keys = {name: {atoms(p) for p in tables.lexicon(name).phrases} for name in LEXICONS}
    overlaps: list[str] = []
    for f in ("layout.json", "header.json", "dates.json", "numbers.json", "directives.json"):
        doc = json.loads(data.joinpath(f).read_text(encoding="utf-8"))
        for key, value in doc.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                continue
            keys = {atoms(v) for v in value}
            for name, lk in lex_keys.items():
                if keys and keys == lk & keys and len(keys) > 2:
                    overlaps.append(f"{f}:{key} ⊆ lexicons/{name}.tsv")
    assert overlaps == []


@pytest.mark.parametrize(
    ("name", "column", "phrase", "value"),
    [
        ("weekdays", "isoweekday", "Thứ năm", "4"),
        ("weekdays", "isoweekday", "chủ nhật", "7"),
        ("honorifics", "strength", "đồng chí", "strong"),
        ("honorifics", "strength", "ông", "weak"),
        ("abbreviations", "expansion", "UBND", "Ủy ban nhân dân"),
        ("abbreviations", "search", "TƯ", "no"),
        ("signer_authority", "form", "KT.", "mark"),
        ("places", "kind", "Điện Biên", "province"),
    ],
)
def test_lexicon_attributes(name: str, column: str, phrase: str, value: str) -> None:
    assert tables.lexicon(name).attr(column)[fold(phrase)] == value


def test_unknown_lexicon_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="unknown lexicon 'nope'"):
        tables.lexicon("nope")


def test_every_json_loads_and_model_data_exists() -> None:
    data = resources.files("directive_nlp").joinpath("data")
    names = [p.name for p in data.iterdir() if p.name.endswith(".json")]
    assert {"dates.json", "numbers.json", "layout.json", "header.json", "output.schema.json"} <= set(names)
    for n in names:
        json.loads(data.joinpath(n).read_text(encoding="utf-8"))
    for n in tables.MODEL_DATA:
        assert data.joinpath(n).is_file(), n
    assert any(n.startswith("lexicons/") for n in tables.MODEL_DATA)
