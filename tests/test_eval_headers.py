"""Tests for directive_nlp.eval.headers: the header set scored with the shared scorer's rules."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.errors import GoldError
from directive_nlp.eval.headers import (
    HEADER_SET_FIELDS,
    format_header_set,
    is_header_set,
    load_meta,
    right,
    score_header_set,
    supported,
)

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ROOT / "corpus" / "headers"


@pytest.mark.parametrize(("field", "want", "text", "held"), [
    ("number", "3783/QĐ-UBND", "Số: 3783/QĐ-\nUBND", True),          # spaced, wrapped: the same number
    ("number", "37999/CHQ-GSQL", "Số: 3799/CHQ-GSQL", False),
    ("issued_on", "2025-12-02", "Hà Tĩnh, ngày\n02 tháng 12 năm 2025", True),
    ("issued_on", "2025-11-17", "Công văn 17809/BTC-CTK ngày 17/11/2025", True),
    ("issued_on", "2025-11-17", "ngày 18 tháng 11 năm 2025", False),
    ("type", "Công văn", "no type name anywhere", True),                  # a công văn is always held
    ("type", "Quyết định", "QUYẾT ĐỊNH", True),
    ("issuer", "Tỉnh Hà Tĩnh", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", True),
    ("signer", "Trần Báu Hà", "**Trần Báu Hà**", True),
])
def test_a_field_is_scored_only_where_the_page_holds_it(field: str, want: str, text: str, held: bool) -> None:
    assert supported(field, want, text) is held


@pytest.mark.parametrize(("field", "want", "got", "ok"), [
    ("number", "3783/QĐ-UBND", "3783/QĐ- UBND", True),
    ("number", "3783/QĐ-UBND", "3783/QĐ", False),                         # a truncated number
    ("number", "15/2021/NĐ-CP", "15/2021/NĐ–CP", True),                   # one dash character
    ("issued_on", "2025-11-21", "2025-11-21T08:00", True),
    ("type", "Công văn", "công  văn", True),
    ("type", "Công văn", "Chỉ thị", False),
    ("issuer", "Tỉnh Hà Tĩnh", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", True),     # one contains the other
    ("issuer", "Thành phố Hà Nội", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", False),
    ("issuer", "Bộ Tài chính", "", False),
    ("signer", "Hoàng Nam", "DANH MỤC THỦ TỤC", False),
])
def test_the_scorer_rules(field: str, want: str, got: str, ok: bool) -> None:
    assert right(field, want, got) is ok


def _shared_scorer() -> Any:
    path = HEADERS / "score_headers.py"
    spec = importlib.util.spec_from_file_location("score_headers", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(("field", "want", "got"), [
    ("number", "3783/QĐ-UBND", "3783/QĐ- UBND"), ("number", "3783/QĐ-UBND", "3783/QĐ"),
    ("issuer", "Tỉnh Hà Tĩnh", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), ("issuer", "Cục Thuế", "BỘ TÀI CHÍNH"),
    ("type", "Công văn", "Công Văn"), ("issued_on", "2025-11-21", "2025-11-21"),
])
def test_the_rules_are_the_shared_scorers(field: str, want: str, got: str) -> None:
    shared = _shared_scorer()
    assert right(field, want, got) == shared.right(field, want, got)


def _tiny_set(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    for stem in ("t003", "t021"):
        (tmp_path / "pages" / f"{stem}.txt").write_text(
            (HEADERS / "pages" / f"{stem}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    rows = [json.loads(line) for line in (HEADERS / "meta.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["id"] in ("t003", "t021")]
    (tmp_path / "meta.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                         encoding="utf-8")
    return tmp_path


def test_score_a_header_set(tmp_path: Path) -> None:
    folder = _tiny_set(tmp_path)
    assert is_header_set(folder) and not is_header_set(ROOT / "corpus" / "gold")
    answers = {
        "t003": {"number": "84/2025/QĐ-UBND", "type": "Quyết định", "issued_on": "2025-12-02",
                 "signer": {"name": "Trần Báu Hà"}, "issuer": "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"},
        "t021": {"number": "3783/QĐ", "type": "Quyết định", "issued_on": None, "signer": None, "issuer": None},
    }
    report = score_header_set(folder, lambda page: {"document": answers[page.stem]})
    assert report.pages == 2
    assert report.right["number"] == 1 and report.total["number"] == 2
    assert report.empty["issued_on"] == 1 and report.accuracy("type") == 1.0
    assert ("t021", "number", "3783/QĐ-UBND", "3783/QĐ") in report.misses
    table = format_header_set(report, show=3)
    assert all(f in table for f in HEADER_SET_FIELDS) and "t021 number" in table
    assert json.loads(json.dumps(report.dump()))["fields"]["number"]["accuracy"] == 0.5


def test_a_bad_answer_key_is_a_gold_error(tmp_path: Path) -> None:
    (tmp_path / "meta.jsonl").write_text('{"id": "t1"}\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldError, match="line 2"):
        load_meta(tmp_path / "meta.jsonl")
    (tmp_path / "meta.jsonl").write_text('{"id": "t1"}\n', encoding="utf-8")
    (tmp_path / "pages").mkdir()
    with pytest.raises(GoldError, match="page text not found"):
        score_header_set(tmp_path, lambda page: {})


def test_cli_scores_a_header_set(tmp_path: Path) -> None:
    import io

    from directive_nlp.apps.cli import main

    out = io.StringIO()
    assert main(["eval", str(_tiny_set(tmp_path)), "--json"], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert data["pages"] == 2 and set(data["fields"]) == set(HEADER_SET_FIELDS)
    assert data["fields"]["number"]["right"] == 2
