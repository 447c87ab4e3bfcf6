"""The query database (directive_nlp.apps.index, directive_nlp.apps.cli_query).

A small indexed corpus: the real corpus run through ``batch`` (once per module), plus synthetic
results written in the pipeline's shape (other provinces and bodies, with directives) added to
the same batch output folder and its manifest.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import pandas as pd
import pytest

from directive_nlp.apps.cli import main
from directive_nlp.apps.index import (
    DB_FILE,
    TABLES,
    BadQueryError,
    DatabaseBusyError,
    IndexSourceError,
    NoDatabaseError,
    ReadOnlyError,
    connect,
    fetch,
    find_officials,
    find_tasks,
    index_out_dir,
    parse_date_bound,
    refs_query,
    run_sql,
    tables,
    tasks_query,
    top_refs,
)
from directive_nlp.text.normalize import fold_key, normalize

from .conftest import CORPUS_DOCS, CORPUS_FILES

SYN = "synthetic/"
QN = "synthetic/qn/kh-45-ubnd.docx"
BD = "synthetic/bd/tb-112-vpubnd.pdf"
ART = "synthetic/bao/tiem-chung.html"
BARE = "synthetic/bare.txt"
N_DOCS = len(CORPUS_FILES) + 4


# --------------------------------------------------------------------------- synthetic results


def _doc(number: str | None, *, key: str, title: str, issuer: str | None, issued_on: str | None,
         kind: str = "notice", published_at: str | None = None, signer: dict[str, Any] | None = None,
         officials: Sequence[dict[str, Any]] = (), refs: Sequence[dict[str, Any]] = (),
         directives: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    sha = hashlib.sha256(key.encode()).hexdigest()
    return {
        "schema_version": "1.1.0",
        "source": {"path": f"archive/{key}", "sha256": sha, "bytes": 4096, "encoding": "utf-8"},
        "kind": kind,
        "document": {"title": title, "number": number, "type": "Kế hoạch" if number and "KH" in number else None,
                     "issuer": issuer, "issued_on": issued_on, "published_at": published_at, "place": None,
                     "signer": signer, "authors": [], "recipients": ["Như trên", "Lưu: VT"]},
        "authors": [],
        "officials": list(officials),
        "doc_refs": list(refs),
        "dates": [{"text": "ngày 15 tháng 3 năm 2024", "start": 10, "end": 34, "value": issued_on or "2022-07-09",
                   "precision": "day", "is_range": False, "year_inferred": False, "part_of_day": None}],
        "directives": list(directives),
        "warnings": [],
    }


def _official(name: str, titles: list[str], role: str | None) -> dict[str, Any]:
    return {"name": name, "titles": titles, "role": role, "start": 0, "end": len(name), "text": name,
            "mentions": [{"start": 0, "end": len(name), "text": name, "title": titles[0] if titles else None}]}


def _ref(number: str, *, own: bool = False, issued_on: str | None = None, issuer: str | None = None) -> dict[str, Any]:
    return {"text": number, "start": 0, "end": len(number), "number": number, "key": number.upper(),
            "seq": number.split("/")[0], "year": None, "type_code": None, "issuer_code": number.split("-")[-1],
            "system": "state", "type": "Nghị quyết" if "NQ" in number else "Kế hoạch", "type_word": None,
            "issued_on": issued_on, "issuer": issuer, **({"is_document_number": True} if own else {})}


def _dir(i: int, text: str, *, assignees: Sequence[str] = (), coordinators: Sequence[str] = (), kind: str = "task",
         deadline: str | None = None, issuer: str | None = None, verb: str | None = None) -> dict[str, Any]:
    return {"id": str(i), "label": f"{i}." if kind == "task" else None, "parent": None, "parent_label": None,
            "issuer": issuer, "verb": verb, "assignees": list(assignees),
            "assignees_norm": [a.lower().replace("ubnd", "ủy ban nhân dân") for a in assignees],
            "coordinators": list(coordinators), "text": text, "deadline": deadline, "deadline_text": None,
            "refs": [], "kind": kind, "start": 100 * i, "end": 100 * i + len(text)}


def synthetic_results() -> dict[str, dict[str, Any]]:
    """key → result: four documents in the pipeline's shape (one with most keys missing)."""
    results = {
        QN: _doc(
            "45/KH-UBND", key=QN, title="KẾ HOẠCH Tiêm chủng vắc xin phòng COVID-19 năm 2024",
            issuer="ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", issued_on="2024-03-15",
            signer={"name": "Vũ Minh Khang", "title": "PHÓ CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH"},
            officials=[_official("Vũ Minh Khang", ["Phó Chủ tịch UBND tỉnh"], "signer")],
            refs=[_ref("45/KH-UBND", own=True, issued_on="2024-03-15"),
                  _ref("214/NQ-CP", issued_on="2025-07-23", issuer="Chính phủ")],
            directives=[
                _dir(0, "Để bảo đảm tiến độ, UBND tỉnh yêu cầu các sở, ngành, địa phương thực hiện tốt các nội dung sau:",
                     kind="general", assignees=["các sở, ngành, địa phương"], verb="yêu cầu"),
                _dir(1, "Sở Y tế chủ trì, phối hợp với Sở Tài chính tổ chức tiêm chủng vắc xin cho trẻ em từ 5 đến "
                        "dưới 12 tuổi; hoàn thành trước ngày 30/6/2024.",
                     assignees=["Sở Y tế"], coordinators=["Sở Tài chính"], deadline="2024-06-30", verb="chủ trì"),
                _dir(2, "Giao Ủy ban nhân dân các huyện, thị xã, thành phố rà soát, lập danh sách đối tượng "
                        "tiêm chủng trên địa bàn.", assignees=["Ủy ban nhân dân các huyện, thị xã, thành phố"],
                     verb="giao"),
                _dir(3, "Sở Giáo dục và Đào tạo phối hợp tuyên truyền, vận động phụ huynh đưa trẻ đi tiêm.",
                     assignees=["Sở Giáo dục và Đào tạo"], verb="phối hợp"),
            ],
        ),
        BD: _doc(
            "112/TB-VPUBND", key=BD, title="Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ xây dựng trường học",
            issuer="VĂN PHÒNG UBND TỈNH BÌNH ĐỊNH", issued_on="2023-11-02",
            signer={"name": "Lê Quang Hưng", "title": "CHÁNH VĂN PHÒNG", "authority": None},
            officials=[_official("Phạm Anh Tuấn", ["Chủ tịch UBND tỉnh"], "chair"),
                       _official("Lê Quang Hưng", ["Chánh Văn phòng"], "signer")],
            refs=[_ref("112/TB-VPUBND", own=True), _ref("214/NQ-CP"), _ref("45/KH-UBND")],
            directives=[
                _dir(0, "UBND thị xã An Nhơn khẩn trương hoàn thành giải phóng mặt bằng dự án Trường THPT "
                        "Hòa Bình, báo cáo trước ngày 15/12/2023.",
                     assignees=["UBND thị xã An Nhơn"], deadline="2023-12-15", verb="khẩn trương"),
                _dir(1, "Sở GD&ĐT phối hợp với Sở Y tế kiểm tra điều kiện an toàn thực phẩm tại các bếp ăn "
                        "bán trú.", assignees=["Sở GD&ĐT"], coordinators=["Sở Y tế"]),
            ],
        ),
        ART: _doc(
            None, kind="article", key=ART, title="Đẩy nhanh tiêm chủng mũi nhắc lại", issuer=None, issued_on=None,
            published_at="2022-07-09T10:30",
            officials=[_official("Lê Thị Hoa", ["Giám đốc Sở Y tế"], "speaker")],
            directives=[
                _dir(0, "các bệnh viện bố trí thêm điểm tiêm lưu động, tiêm xuyên trưa và buổi tối",
                     assignees=["các bệnh viện"], issuer="Lê Thị Hoa", verb="yêu cầu"),
            ],
        ),
        BARE: {"source": {"path": "archive/synthetic/bare.txt", "sha256": "ab" * 32},
               "document": {"title": "Tin vắn"},
               "directives": [{"text": "Đề nghị Công an tỉnh tăng cường tuần tra."}]},
    }
    # a relative date ('tuần sau'), resolved against the article's publication date
    results[ART]["dates"].append({"text": "tuần sau", "start": 60, "end": 68, "value": "2022-07-16", "precision": "week",
                                  "is_range": False, "year_inferred": False, "part_of_day": None, "relative": True,
                                  "anchor": "2022-07-09"})
    return results


def add_results(out: Path, results: dict[str, dict[str, Any]]) -> None:
    """Write results into a batch output folder as batch does: docs/<key>.json + a manifest row."""
    db = sqlite3.connect(out / "manifest.sqlite")
    version, run = db.execute("SELECT max(version), max(run) FROM files").fetchone()
    for key, data in results.items():
        target = out / "docs" / f"{key}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        db.execute(
            "INSERT OR REPLACE INTO files(key, path, size, mtime_ns, sha256, version, status, code, record, run)"
            " VALUES (?, ?, 1, 1, ?, ?, 'ok', NULL, NULL, ?)",
            (key, data["source"]["path"], data["source"]["sha256"], version, run),
        )
    db.commit()
    db.close()


def remove_result(out: Path, key: str) -> None:
    db = sqlite3.connect(out / "manifest.sqlite")
    db.execute("DELETE FROM files WHERE key = ?", (key,))
    db.commit()
    db.close()
    (out / "docs" / f"{key}.json").unlink()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Batch output of the corpus + the synthetic results, not indexed."""
    from directive_nlp.apps.batch import run_batch

    out = tmp_path_factory.mktemp("query") / "out"
    run_batch([CORPUS_DOCS], out, jobs=1)
    add_results(out, synthetic_results())
    return out


@pytest.fixture(scope="module")
def indexed(batch_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An indexed copy of batch_out (tests may not change it)."""
    out = tmp_path_factory.mktemp("indexed") / "out"
    shutil.copytree(batch_out, out)
    index_out_dir(out)
    return out


@pytest.fixture()
def fresh(batch_out: Path, tmp_path: Path) -> Path:
    """A private copy of batch_out (not indexed) for tests that change it."""
    out = tmp_path / "out"
    shutil.copytree(batch_out, out)
    return out


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    buf = io.StringIO()
    code = main(argv, stdout=buf)
    err = capsys.readouterr().err
    return code, buf.getvalue(), err


def syn_tasks(db: Path, **filters: Any) -> set[tuple[str, str]]:
    """(doc_id, directive id) of the synthetic directives matching the filters."""
    df = find_tasks(db, **filters)
    return {(r.doc_id, r.directive_id) for r in df.itertuples() if r.doc_id.startswith(SYN)}


def _results(out: Path) -> list[dict[str, Any]]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines] + list(synthetic_results().values())


# --------------------------------------------------------------------------- indexing


def test_index_summary_and_row_counts(fresh: Path) -> None:
    s = index_out_dir(fresh)
    assert (s.documents, s.added, s.updated, s.removed, s.unchanged, s.failed) == (N_DOCS, N_DOCS, 0, 0, 0, 0)
    assert s.rebuilt and s.source == "manifest" and Path(s.db_path) == fresh / DB_FILE
    results = _results(fresh)
    assert s.rows["officials"] == sum(len(r.get("officials") or []) for r in results)
    assert s.rows["doc_refs"] == sum(len(r.get("doc_refs") or []) for r in results)
    assert s.rows["dates"] == sum(len(r.get("dates") or []) for r in results)
    assert s.rows["directives"] == sum(len(r.get("directives") or []) for r in results)
    assert s.rows["directive_assignees"] == sum(
        len(d.get("assignees") or []) + len(d.get("coordinators") or []) + len(d.get("delegates") or [])
        for r in results for d in r.get("directives") or []
    )
    assert f"{N_DOCS} documents indexed" in s.format()
    assert json.loads(json.dumps(s.dump()))["documents"] == N_DOCS


def test_dataframe_shapes(indexed: Path) -> None:
    frames = tables(indexed)
    assert list(frames) == list(TABLES)
    con = connect(indexed)
    try:
        for name, df in frames.items():
            assert list(df.columns) == [c.name for c in TABLES[name]], name
            assert df.shape == (con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0], len(TABLES[name]))
    finally:
        con.close()
    docs = frames["documents"]
    assert docs.shape[0] == N_DOCS and docs["doc_id"].is_unique
    # doc_id is the batch key: the input's path relative to IN_DIR
    assert set(docs["doc_id"]) == {p.name for p in CORPUS_FILES} | {QN, BD, ART, BARE}
    assert tables(indexed / DB_FILE)["documents"].shape == docs.shape  # the database file itself


def test_documents_match_results(indexed: Path) -> None:
    docs = tables(indexed)["documents"].set_index("doc_id")
    for line in (indexed / "results.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        row = docs.loc[Path(r["source"]["path"]).name]
        d = r["document"]
        assert row["sha256"] == r["source"]["sha256"] and row["kind"] == r["kind"]
        assert (None if pd.isna(row["number"]) else row["number"]) == d["number"]
        assert (None if pd.isna(row["issued_on"]) else row["issued_on"].date().isoformat()) == d["issued_on"]
        assert row["n_officials"] == len(r["officials"]) and row["n_doc_refs"] == len(r["doc_refs"])
    # a real notice (gold: dev_06 is 308/KH-UBND of 2025-11-17, signed by Trương Việt Dũng)
    dev06 = docs.loc["dev_06.txt"]
    assert dev06["number"] == "308/KH-UBND" and dev06["signer_name"] == "Trương Việt Dũng"
    assert dev06["doc_date"].date() == dt.date(2025, 11, 17) and dev06["year"] == 2025


def test_synthetic_rows(indexed: Path) -> None:
    frames = tables(indexed)
    docs = frames["documents"].set_index("doc_id")
    assert docs.loc[ART, "doc_date"].date() == dt.date(2022, 7, 9)  # no issued_on: the publication date
    assert pd.isna(docs.loc[ART, "issued_on"]) and docs.loc[ART, "published_at"] == "2022-07-09T10:30"
    assert docs.loc[QN, "n_directives"] == 4 and docs.loc[BARE, "n_directives"] == 1
    assert pd.isna(docs.loc[BARE, "doc_date"]) and list(docs.loc[BARE, "recipients"]) == []
    d = frames["directives"]
    bare = d[d.doc_id == BARE].iloc[0]
    assert bare["id"] == "0" and bare["text"].startswith("Đề nghị Công an tỉnh") and list(bare["assignees"]) == []
    qn = d[(d.doc_id == QN) & (d.id == "1")].iloc[0]
    assert list(qn["assignees"]) == ["Sở Y tế"] and list(qn["coordinators"]) == ["Sở Tài chính"]
    assert qn["deadline_date"].date() == dt.date(2024, 6, 30) and qn["directive_no"] == 1
    a = frames["directive_assignees"]
    rows = a[(a.doc_id == QN) & (a.directive_no == 1)].sort_values("role")
    assert list(rows["role"]) == ["assignee", "coordinator"] and list(rows["name"]) == ["Sở Y tế", "Sở Tài chính"]
    assert rows.iloc[0]["name_norm"] == "sở y tế" and rows.iloc[0]["name_key"] == "so y te"
    o = frames["officials"]
    chair = o[(o.doc_id == BD) & (o.name == "Phạm Anh Tuấn")].iloc[0]
    assert chair["role"] == "chair" and chair["title"] == "Chủ tịch UBND tỉnh" and chair["mentions"] == 1
    dates = frames["dates"]
    art = dates[dates.doc_id == ART].sort_values("date_no")
    assert list(art["relative"]) == [False, True] and list(art["anchor"].fillna("")) == ["", "2022-07-09"]
    r = frames["doc_refs"]
    assert bool(r[(r.doc_id == QN) & (r.number == "45/KH-UBND")].iloc[0]["is_document_number"])
    assert not bool(r[(r.doc_id == QN) & (r.number == "214/NQ-CP")].iloc[0]["is_document_number"])


KEYS = {
    "documents": "doc_id", "officials": "doc_id, official_no", "doc_refs": "doc_id, ref_no",
    "dates": "doc_id, date_no", "directives": "doc_id, directive_no",
    "directive_assignees": "doc_id, directive_no, role, position",
}


def test_reindex_unchanged_changed_removed(fresh: Path) -> None:
    first = index_out_dir(fresh)
    again = index_out_dir(fresh)
    assert (again.added, again.updated, again.removed, again.failed, again.rebuilt) == (0, 0, 0, 0, False)
    assert again.unchanged == first.documents and again.rows == first.rows
    # a result changed (new input sha256): replaced, not duplicated; a result removed
    qn = synthetic_results()[QN]
    qn["source"]["sha256"] = "cd" * 32
    qn["directives"].append(_dir(4, "Công an tỉnh bảo đảm an ninh trật tự tại các điểm tiêm.", assignees=["Công an tỉnh"]))
    add_results(fresh, {QN: qn})
    remove_result(fresh, BARE)
    third = index_out_dir(fresh)
    assert (third.added, third.updated, third.removed, third.failed) == (0, 1, 1, 0)
    assert third.documents == first.documents - 1 and third.rows["directives"] == first.rows["directives"]
    con = connect(fresh)
    try:
        for name, key in KEYS.items():
            n, distinct = con.execute(f"SELECT count(*), count(DISTINCT ({key})) FROM {name}").fetchall()[0]
            assert n == distinct, name
        assert con.execute("SELECT sha256 FROM documents WHERE doc_id = ?", [QN]).fetchall()[0][0] == "cd" * 32
        assert con.execute("SELECT count(*) FROM directives WHERE doc_id = ?", [QN]).fetchall()[0][0] == 5
        for name in TABLES:
            assert con.execute(f"SELECT count(*) FROM {name} WHERE doc_id = ?", [BARE]).fetchall()[0][0] == 0
    finally:
        con.close()
    assert syn_tasks(fresh, assignee="cong an tinh") == {(QN, "4")}
    forced = index_out_dir(fresh, force=True)
    assert forced.rebuilt and forced.added == forced.documents == third.documents and forced.rows == third.rows


def test_folder_of_json_files_without_manifest(tmp_path: Path) -> None:
    """JSON files as written by 'directive-nlp extract -o DIR': fingerprint = size and mtime."""
    folder = tmp_path / "json"
    folder.mkdir()
    results = synthetic_results()
    for key, data in results.items():
        (folder / (key.replace("/", "_") + ".json")).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s = index_out_dir(folder)
    assert (s.source, s.documents, s.failed) == ("files", 4, 0)
    data = results[QN]
    data["directives"] = data["directives"][:2]
    (folder / (QN.replace("/", "_") + ".json")).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s2 = index_out_dir(folder)
    assert (s2.added, s2.updated, s2.unchanged) == (0, 1, 3)
    assert s2.rows["directives"] == s.rows["directives"] - 2


def test_unreadable_results_are_skipped(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    art = synthetic_results()[ART]
    bad = {"broken": b'{"source": {"path": "x"', "list": b"[1, 2, 3]",
           "latin1": '{"document": {"title": "Hà"}}'.encode("latin-1"), "gone": None}
    for name, content in bad.items():
        add_results(fresh, {f"synthetic/{name}.txt": art})
        target = fresh / "docs" / "synthetic" / f"{name}.txt.json"
        if content is None:
            target.unlink()
        else:
            target.write_bytes(content)
    s = index_out_dir(fresh)
    assert s.failed == 4 and s.documents == N_DOCS
    assert {k for k, _ in s.failures} == {f"synthetic/{n}.txt" for n in bad}
    code, out, err = run_cli(["index", str(fresh)], capsys)  # tried again, still failing
    assert code == 1 and "4 failed" in out
    assert "synthetic/broken.txt: cannot index (not valid JSON)" in err and "Traceback" not in err


def test_index_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(IndexSourceError):
        index_out_dir(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexSourceError):
        index_out_dir(tmp_path / "empty")
    code, out, err = run_cli(["index", str(tmp_path / "empty")], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "no results here" in err


# --------------------------------------------------------------------------- search keys


def test_fold_macro_is_fold_key(indexed: Path) -> None:
    """dnlp_fold (SQL, the search keys) = normalize.fold_key on normalized text, whitespace aside."""
    lines = ["Ủy ban nhân dân", "UỶ BAN NHÂN DÂN", "Sở Y tế", "ĐẮK LẮK", "Thừa Thiên Huế", "Quyết định 1617/QĐ-UBND",
             "Ðoàn kiểm tra", "hoà giải, thuỷ lợi"]
    for p in CORPUS_FILES[::3]:
        lines += [s for s in p.read_text(encoding="utf-8").splitlines() if s.strip()][:80]
    lines = [normalize(s).text for s in lines]
    con = connect(indexed)
    try:
        folded = [r[0] for r in con.execute("SELECT dnlp_fold(unnest(?::VARCHAR[]))", [lines]).fetchall()]
    finally:
        con.close()
    for s, f in zip(lines, folded):
        assert " ".join(f.split()) == fold_key(s), s


# --------------------------------------------------------------------------- tasks

TASK_CASES = [
    # accent- and case-insensitive
    (dict(assignee="so y te"), {(QN, "1")}),
    (dict(assignee="Sở Y tế"), {(QN, "1")}),
    (dict(assignee="SỞ Y TẾ"), {(QN, "1")}),
    # UBND <-> Ủy ban nhân dân, both ways
    (dict(assignee="UBND"), {(QN, "2"), (BD, "0")}),
    (dict(assignee="uy ban nhan dan"), {(QN, "2"), (BD, "0")}),
    (dict(assignee="Ủy ban nhân dân thị xã An Nhơn"), {(BD, "0")}),
    (dict(assignee="UBND TX An Nhơn"), {(BD, "0")}),
    (dict(assignee="UBND các huyện"), {(QN, "2")}),
    # GD&ĐT <-> Giáo dục và Đào tạo
    (dict(assignee="Sở GD&ĐT"), {(QN, "3"), (BD, "1")}),
    (dict(assignee="so giao duc va dao tao"), {(QN, "3"), (BD, "1")}),
    (dict(assignee="Sở GDĐT"), {(QN, "3"), (BD, "1")}),
    # whole words only; a coordinator is not an assignee
    (dict(assignee="Sở Y"), {(QN, "1")}),
    (dict(assignee="Sở Y t"), set()),
    (dict(assignee="Sở Tài chính"), set()),
    (dict(coordinator="so tai chinh"), {(QN, "1")}),
    (dict(coordinator="Sở Y tế"), {(BD, "1")}),
    # issuer: the directive's or the document's
    (dict(issuer="UBND tỉnh Quảng Ninh"), {(QN, "1"), (QN, "2"), (QN, "3")}),
    (dict(issuer="VP UBND tỉnh Bình Định"), {(BD, "0"), (BD, "1")}),
    (dict(issuer="le thi hoa"), {(ART, "0")}),
    # official: the directive's issuer, or the signer / chair of the document
    (dict(official="Phạm Anh Tuấn"), {(BD, "0"), (BD, "1")}),
    (dict(official="Vũ Minh Khang"), {(QN, "1"), (QN, "2"), (QN, "3")}),
    (dict(official="Lê Thị Hoa"), {(ART, "0")}),
    (dict(official="Hoa Lê"), set()),
    # dates: the document's date (issued, else published)
    (dict(date_from="2023-11", date_to="2023-11"), {(BD, "0"), (BD, "1")}),
    (dict(date_from="01/11/2023", date_to="2023-11-02"), {(BD, "0"), (BD, "1")}),
    (dict(date_to="2022"), {(ART, "0")}),
    (dict(date_from="2024-03-16", date_to="2024-12-31"), set()),
    # words of the text, as whole words, accents and punctuation ignored
    (dict(text="tiêm chủng vắc xin"), {(QN, "1")}),
    (dict(text="TIEM CHUNG vac-xin"), {(QN, "1")}),
    (dict(text=["tiem", "tre em"]), {(QN, "1")}),
    (dict(text="tiem"), {(QN, "1"), (QN, "2"), (QN, "3"), (ART, "0")}),
    (dict(text="tiê"), set()),
    (dict(text="THPT Hòa Bình"), {(BD, "0")}),
    (dict(text="trung học phổ thông Hoà Bình"), {(BD, "0")}),
    (dict(text="phong hop"), set()),
    # document number (or part of it between separators) or doc_id
    (dict(doc="45/KH-UBND"), {(QN, "1"), (QN, "2"), (QN, "3")}),
    (dict(doc="112/tb-vpubnd"), {(BD, "0"), (BD, "1")}),
    (dict(doc="KH-UBND"), {(QN, "1"), (QN, "2"), (QN, "3")}),
    (dict(doc="5/KH-UBND"), set()),
    (dict(doc=ART), {(ART, "0")}),
    # combined
    (dict(assignee="ubnd", date_from="2024"), {(QN, "2")}),
    (dict(assignee="so y te", doc="112/TB-VPUBND"), set()),
    # kind
    (dict(kind="general"), {(QN, "0")}),
    (dict(kind="any", doc="45/KH-UBND"), {(QN, "0"), (QN, "1"), (QN, "2"), (QN, "3")}),
]


@pytest.mark.parametrize(("filters", "expected"), TASK_CASES, ids=[str(f) for f, _ in TASK_CASES])
def test_tasks_filters(indexed: Path, filters: dict[str, Any], expected: set[tuple[str, str]]) -> None:
    assert syn_tasks(indexed, **filters) == expected


def test_tasks_rows(indexed: Path) -> None:
    df = find_tasks(indexed, assignee="so y te")
    row = df[df.doc_id == QN].iloc[0]
    assert row["doc_number"] == "45/KH-UBND" and row["issuer"] == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"
    assert row["label"] == "1." and row["deadline"] == "2024-06-30" and list(row["coordinators"]) == ["Sở Tài chính"]
    ordered = find_tasks(indexed, kind="any")
    dates = [d for d in ordered["doc_date"] if pd.notna(d)]
    assert dates == sorted(dates, reverse=True)  # newest documents first
    assert len(find_tasks(indexed, kind="any", limit=2)) == 2


@pytest.mark.parametrize("bad", [dict(assignee="  ,;  "), dict(date_from="2023-13"), dict(date_to="yesterday"),
                                 dict(doc="   "), dict(text=["ok", "--"])])
def test_bad_filters(indexed: Path, bad: dict[str, Any]) -> None:
    with pytest.raises(BadQueryError):
        find_tasks(indexed, **bad)


@pytest.mark.parametrize(("value", "end", "expected"), [
    ("2024", False, dt.date(2024, 1, 1)),
    ("2024", True, dt.date(2024, 12, 31)),
    ("2024-02", True, dt.date(2024, 2, 29)),
    ("2023-12", True, dt.date(2023, 12, 31)),
    ("2024-2-5", False, dt.date(2024, 2, 5)),
    ("05/02/2024", True, dt.date(2024, 2, 5)),
    ("02/2024", False, dt.date(2024, 2, 1)),
])
def test_parse_date_bound(value: str, end: bool, expected: dt.date) -> None:
    assert parse_date_bound(value, end=end) == expected


# --------------------------------------------------------------------------- officials and refs


def test_officials(indexed: Path) -> None:
    df = find_officials(indexed, title="chu tich ubnd tinh")
    assert {"Phạm Anh Tuấn", "Vũ Minh Khang"} <= set(df["name"])  # "Phó Chủ tịch UBND tỉnh" has the words too
    assert "Lê Quang Hưng" not in set(df["name"])
    one = find_officials(indexed, name="vu minh khang")
    assert len(one) == 1 and one.iloc[0]["documents"] == 1 and list(one.iloc[0]["roles"]) == ["signer"]
    assert list(one.iloc[0]["titles"]) == ["Phó Chủ tịch UBND tỉnh"]
    per_doc = find_officials(indexed, name="Lê Quang Hưng", per_doc=True)
    assert list(per_doc["doc_id"]) == [BD] and per_doc.iloc[0]["doc_number"] == "112/TB-VPUBND"
    assert len(find_officials(indexed, role="chair", name="Pham Anh Tuan")) == 1
    assert len(find_officials(indexed, title="Giám đốc Sở Y tế", date_to="2022-12-31")) == 1
    # the real corpus: the signer of dev_06 (gold: Trương Việt Dũng, PHÓ CHỦ TỊCH)
    real = find_officials(indexed, name="TRUONG VIET DUNG", per_doc=True)
    assert "dev_06.txt" in set(real["doc_id"]) and "PHÓ CHỦ TỊCH" in list(real.iloc[0]["titles"])


def test_refs(indexed: Path) -> None:
    top = top_refs(indexed, top=5)
    first = top.iloc[0]
    # 214/NQ-CP is cited by the two synthetic documents and by dev_06 (its title and body)
    assert first["number"] == "214/NQ-CP" and first["citing_documents"] >= 3
    assert "112/TB-VPUBND" not in set(top_refs(indexed, top=0)["number"])  # own numbers are not citations
    con = connect(indexed)
    try:
        sql, params = refs_query(con, cited="214/nq-cp")
        assert {QN, BD} <= set(fetch(con, sql, params).column("doc_id").to_pylist())
        sql, params = refs_query(con)
        kh45 = next(r for r in fetch(con, sql, params).to_pylist() if r["number"] == "45/KH-UBND")
        assert kh45["indexed_doc_id"] == QN and kh45["citing_documents"] == 1
        sql, params = refs_query(con, issuer="Văn phòng UBND tỉnh Bình Định")
        assert {r["number"] for r in fetch(con, sql, params).to_pylist()} == {"214/NQ-CP", "45/KH-UBND"}
    finally:
        con.close()


# --------------------------------------------------------------------------- sql (read-only)


@pytest.mark.parametrize("statement", [
    "DELETE FROM documents",
    "DROP TABLE directives",
    "INSERT INTO index_meta VALUES ('a', 'b')",
    "UPDATE documents SET title = 'x'",
    "CREATE TABLE t AS SELECT 1",
    "SELECT 1; DELETE FROM documents",
    "COPY documents TO 'directive-nlp-export.csv'",
    "ATTACH 'other.duckdb' AS other",
    "SET threads = 1",
    "UPDATE EXTENSIONS",  # a statement type the DuckDB binding cannot name (was a ValueError traceback)
    "INSTALL httpfs",
    "LOAD httpfs",
    "EXPORT DATABASE 'directive-nlp-export'",
    "VACUUM",
    "DETACH other",
    "PREPARE p AS SELECT 1",
    "BEGIN TRANSACTION",
    "SET memory_limit = '100GB'",
])
def test_sql_refuses_writes(indexed: Path, statement: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["sql", "--db", str(indexed), statement], capsys)
    assert code == 2 and out == ""
    assert err.startswith("directive-nlp: error: ") and err.count("\n") == 1 and "refused" in err
    assert "Traceback" not in err
    with pytest.raises(ReadOnlyError):
        run_sql(indexed, statement)
    assert run_sql(indexed, "SELECT count(*) AS n FROM documents").iloc[0]["n"] == N_DOCS


def test_sql_reads(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT doc_id, n_directives FROM documents WHERE doc_id LIKE 'synthetic/%' ORDER BY 1"
    code, out, err = run_cli(["sql", "--db", str(indexed), "--format", "csv", query], capsys)
    assert code == 0 and err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["doc_id", "n_directives"], [ART, "1"], [BARE, "1"], [BD, "2"], [QN, "4"]]
    code, out, _ = run_cli(["sql", "--db", str(indexed), "DESCRIBE directives"], capsys)
    assert code == 0 and "text_key" in out
    # no file outside the database can be read
    code, _, err = run_cli(["sql", "--db", str(indexed), "SELECT * FROM read_csv('/etc/hostname')"], capsys)
    assert code == 2 and err.count("\n") == 1
    code, _, err = run_cli(["sql", "--db", str(indexed), "SELEC 1"], capsys)
    assert code == 2 and "syntax error" in err.lower() and err.count("\n") == 1


@pytest.mark.parametrize("query, limits, needle", [
    ("SELECT list(range(300000000)) AS l", ["--memory-limit", "200MB", "--query-timeout", "120"], "memory limit"),
    ("SELECT count(*) FROM range(100000000000) a", ["--query-timeout", "1"], "1 s time limit"),
])
def test_sql_limits_stop_a_query_with_one_line(indexed: Path, query: str, limits: list[str], needle: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    t0 = time.monotonic()
    code, out, err = run_cli(["sql", "--db", str(indexed), *limits, "--format", "csv", query], capsys)
    assert code == 2 and out == "", out
    assert err.startswith("directive-nlp: error: ") and err.count("\n") == 1 and needle in err, err
    assert time.monotonic() - t0 < 100


def test_sql_limits_can_be_raised(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["sql", "--db", str(indexed), "--memory-limit", "2GB", "--threads", "1",
                              "--format", "csv", "SELECT current_setting('memory_limit') AS m, "
                              "current_setting('threads') AS t"], capsys)
    assert code == 0 and err == ""
    assert out.splitlines()[1].endswith(",1") and "GiB" in out.splitlines()[1]
    code, _, err = run_cli(["sql", "--db", str(indexed), "--memory-limit", "lots", "SELECT 1"], capsys)
    assert code == 2 and err.count("\n") == 1 and "not a memory size" in err


@pytest.mark.parametrize("markup", ["[/i]", "[red]", "[bold]x[/bold]", "[link=http://x]y"])
def test_table_cells_are_text_not_markup(fresh: Path, markup: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A document may contain anything, Rich markup included: shown as written, never parsed."""
    text = f"Sở Y tế chủ trì tổ chức kiểm tra {markup} trước ngày 30/6/2024."
    key = "synthetic/markup.txt"
    add_results(fresh, {key: _doc("9/KH-UBND", key=key, title=f"Kế hoạch {markup}", issuer="UBND TỈNH",
                                  issued_on="2024-03-01",
                                  directives=[_dir(1, text, assignees=["Sở Y tế"], verb="chủ trì")])})
    index_out_dir(fresh)
    code, out, err = run_cli(["tasks", "--db", str(fresh), "--doc", "9/KH-UBND", "--format", "table"], capsys)
    assert code == 0 and "Traceback" not in err, err
    assert markup in "".join(out.split()) or markup.replace(" ", "") in "".join(out.split())
    code, out, err = run_cli(["sql", "--db", str(fresh), "--format", "table",
                              f"SELECT title FROM documents WHERE doc_id = '{key}'"], capsys)
    assert code == 0 and markup in out, out
    code, out, err = run_cli(["sql", "--db", str(fresh), "--format", "table", "SELECT * FROM duckdb_settings()"],
                             capsys)
    assert code == 0 and "Traceback" not in err and "rows shown" in out


# --------------------------------------------------------------------------- command line


def test_cli_tasks_formats(indexed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(indexed)
    code, out, err = run_cli(["tasks", "--db", db, "--assignee", "so y te", "--doc", "45/KH-UBND"], capsys)
    assert code == 0 and err == ""
    assert "Sở Y tế" in out and "45/KH-UBND" in out and "2024-06-30" in out and out.rstrip().endswith("1 task")
    code, out, _ = run_cli(["tasks", "--db", db, "--assignee", "UBND", "--format", "json"], capsys)
    data = json.loads(out)
    assert {(r["doc_id"], r["directive_id"]) for r in data if r["doc_id"].startswith(SYN)} == {(QN, "2"), (BD, "0")}
    assert all(isinstance(r["assignees"], list) and (r["doc_date"] is None or isinstance(r["doc_date"], str))
               for r in data)
    code, out, _ = run_cli(["tasks", "--db", db, "--issuer", "ubnd tinh quang ninh", "--format", "csv"], capsys)
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["doc_id"].startswith(SYN)]
    assert {r["directive_id"] for r in rows} == {"1", "2", "3"} and rows[0]["doc_date"] == "2024-03-15"
    target = tmp_path / "tasks.parquet"
    code, out, err = run_cli(["tasks", "--db", db, "--kind", "any", "-o", str(target)], capsys)
    import pyarrow.parquet as pq

    assert code == 0 and out == "" and "written to" in err
    assert pq.read_table(target).num_rows == len(find_tasks(indexed, kind="any"))
    code, _, err = run_cli(["tasks", "--db", db, "--format", "parquet"], capsys)
    assert code == 2 and "needs -o FILE" in err
    code, out, _ = run_cli(["tasks", "--db", db, "--assignee", "khong co ai"], capsys)
    assert code == 0 and out == "no tasks found\n"
    code, out, _ = run_cli(["tasks", "--db", db, "--kind", "any", "--limit", "2"], capsys)
    assert code == 0 and "2 of " in out
    code, _, err = run_cli(["tasks", "--db", db, "--from", "tomorrow"], capsys)
    assert code == 2 and "--from: not a date" in err and err.count("\n") == 1


def test_cli_officials_refs_export(indexed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(indexed)
    code, out, _ = run_cli(["officials", "--db", db, "--title", "Chủ tịch UBND", "--format", "jsonl"], capsys)
    assert code == 0 and "Phạm Anh Tuấn" in {json.loads(line)["name"] for line in out.splitlines()}
    code, out, _ = run_cli(["officials", "--db", db, "--name", "Phạm Anh Tuấn"], capsys)
    assert code == 0 and "Phạm Anh Tuấn" in out and "2023-11-02" in out
    code, out, _ = run_cli(["refs", "--db", db, "--top", "3"], capsys)
    assert code == 0 and "214/NQ-CP" in out
    code, out, _ = run_cli(["refs", "--db", db, "--cited", "214/NQ-CP", "--format", "csv"], capsys)
    assert {QN, BD} <= {r["doc_id"] for r in csv.DictReader(io.StringIO(out))}
    code, out, _ = run_cli(["export", "--db", db, "-o", str(tmp_path / "pq")], capsys)
    import pyarrow.parquet as pq

    assert code == 0
    frames = tables(indexed)
    for name in TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert t.num_rows == len(frames[name]) and t.column_names == [c.name for c in TABLES[name]]
    code, out, _ = run_cli(["export", "--db", db, "--format", "csv", "--table", "documents", "-o", str(tmp_path / "c")],
                           capsys)
    assert code == 0 and [p.name for p in (tmp_path / "c").iterdir()] == ["documents.csv"]
    assert len(list(csv.reader((tmp_path / "c" / "documents.csv").open(encoding="utf-8")))) == N_DOCS + 1


def test_cli_db_errors(batch_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    cases = [
        (str(tmp_path / "nowhere"), "no such file or folder"),
        (str(batch_out), "not indexed yet: run 'directive-nlp index"),
        (str(tmp_path), f"no {DB_FILE} here"),
        (str(tmp_path / "notes.txt"), "not a DuckDB database file"),
    ]
    for db, message in cases:
        for cmd in (["tasks"], ["officials"], ["refs"], ["sql", "SELECT 1"], ["export"]):
            code, out, err = run_cli([cmd[0], "--db", db, *cmd[1:]], capsys)
            assert code == 2 and out == "", (db, cmd)
            assert err.count("\n") == 1 and message in err and "Traceback" not in err, err
    with pytest.raises(NoDatabaseError):
        tables(tmp_path)


def test_busy_database(indexed: Path, tmp_path: Path) -> None:
    """A database being written by another process: one clear error, not a traceback."""
    db = tmp_path / "busy.duckdb"
    shutil.copy(indexed / DB_FILE, db)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(30)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseBusyError):
            connect(db)
    finally:
        holder.kill()
        holder.wait()


def test_query_is_fast(indexed: Path) -> None:
    con = connect(indexed)
    try:
        sql, params = tasks_query(con, assignee="UBND", text="tiem chung", date_from="2020", date_to="2025")
        t0 = time.perf_counter()
        fetch(con, sql, params)
        assert time.perf_counter() - t0 < 1.0
    finally:
        con.close()


def test_batch_indexes_at_the_end_and_real_directives_are_queryable(tmp_path: Path) -> None:
    """End to end on real notices: batch → directives.duckdb → tasks found accent-insensitively."""
    import shutil
    import subprocess
    import sys

    docs = tmp_path / "in"
    docs.mkdir()
    root = Path(__file__).resolve().parents[1] / "corpus" / "docs"
    for name in ("004_86ceddd2e63fe96c.txt", "dev_01.txt"):
        shutil.copy(root / name, docs / name)
    out = tmp_path / "out"
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "directive_nlp", *a], capture_output=True, text=True, timeout=300
    )
    p = run("batch", str(docs), "--out", str(out), "--quiet")
    assert p.returncode == 0, p.stderr
    assert (out / "directives.duckdb").is_file()
    p = run("tasks", "--db", str(out), "--assignee", "so thong tin va truyen thong", "--format", "json")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert len(rows) == 1
    assert "Sở Thông tin và Truyền thông chủ động" in json.dumps(rows, ensure_ascii=False)
    p = run("tasks", "--db", str(out), "--assignee", "Đảng ủy Quốc hội", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert len(json.loads(p.stdout)) == 1


def test_delegates_are_rows_of_their_own(indexed: Path) -> None:
    """'yêu cầu A chỉ đạo B …': B is A's delegate, a row with role 'delegate' (the corpus has some)."""
    frames = tables(indexed)
    rows = frames["directive_assignees"]
    got = sorted(zip(rows[rows.role == "delegate"].doc_id, rows[rows.role == "delegate"].name))
    want = sorted((Path(r["source"]["path"]).name, name)
                  for r in _results(indexed) for d in r["directives"] for name in d.get("delegates", []))
    assert want and got == want
    d = frames["directives"]
    assert sum(len(x) for x in d["delegates"]) == len(want)
