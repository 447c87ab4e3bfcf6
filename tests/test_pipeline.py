"""The whole pipeline on real documents: contract, offsets, main text only, spaCy integration."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from directive_nlp import SCHEMA_VERSION
from directive_nlp.nlp.pipeline import TOP_LEVEL_KEYS, extract, load
from directive_nlp.io.reading import read_source, source_from_text
from directive_nlp.schema import validation_errors

from .conftest import CORPUS_DOCS, CORPUS_FILES, spans_in


@pytest.fixture(scope="module")
def outputs(nlp: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    res = {}
    for path in CORPUS_FILES:
        src = read_source(path)
        res[path.stem] = (src.text, extract(src, nlp=nlp))
    return res


@pytest.mark.parametrize("name", [p.stem for p in CORPUS_FILES])
def test_output_is_valid_and_every_span_points_into_the_input(
    outputs: dict[str, tuple[str, dict[str, Any]]], name: str
) -> None:
    text, out = outputs[name]
    assert validation_errors(out) == []
    assert list(out)[: len(TOP_LEVEL_KEYS)] == list(TOP_LEVEL_KEYS)
    assert out["schema_version"] == SCHEMA_VERSION
    for item in spans_in(out):
        assert text[item["start"] : item["end"]] == item["text"]
    for key in ("doc_refs", "dates"):
        starts = [i["start"] for i in out[key]]
        assert starts == sorted(starts), f"{key} not ordered by position"


def test_output_is_deterministic(nlp: Any) -> None:
    src = read_source(CORPUS_DOCS / "004_86ceddd2e63fe96c.txt")
    a = json.dumps(extract(src, nlp=nlp), ensure_ascii=False)
    b = json.dumps(extract(src, nlp=nlp), ensure_ascii=False)
    assert a == b


def test_sidebar_numbers_are_not_the_articles_references(outputs: dict[str, Any]) -> None:
    text, out = outputs["000_7f9b3172eb05957b"]
    assert "1184/KL-UBND" in text and "553/BC-UBND" in text
    assert out["doc_refs"] == []
    # the related-news list dates (19/07/2024) are furniture too
    assert all(not d["value"].startswith("2024") for d in out["dates"])
    assert [d["value"] for d in out["dates"]] == ["2021-05-28T16:19:39", "2021-05-28", "2021-05-28T06:00"]


def test_notice_header_and_own_number(outputs: dict[str, Any]) -> None:
    _, out = outputs["004_86ceddd2e63fe96c"]
    assert out["kind"] == "notice"
    doc = out["document"]
    assert (doc["number"], doc["type"], doc["issued_on"], doc["place"]) == (
        "274-TB/TU",
        "Thông báo",
        "2021-08-04",
        "Điện Biên",
    )
    assert doc["signer"]["name"] == "Nguyễn Văn Thắng"
    assert doc["recipients"][0] == "Thường trực Tỉnh ủy"
    own = [r for r in out["doc_refs"] if r.get("is_document_number")]
    assert [(r["number"], r["type"], r["issued_on"]) for r in own] == [("274-TB/TU", "Thông báo", "2021-08-04")]
    cited = {r["number"]: r for r in out["doc_refs"]}["105-TB/TU"]
    assert (cited["type"], cited["issued_on"]) == ("Thông báo", "2021-02-05")


def test_year_inferred_from_the_publication_date(outputs: dict[str, Any]) -> None:
    _, out = outputs["000_7f9b3172eb05957b"]
    chieu = [d for d in out["dates"] if d["text"] == "Chiều 28/5"]
    assert chieu and chieu[0]["year_inferred"] is True and chieu[0]["part_of_day"] == "chiều"


def test_published_at_hint_gives_the_year(nlp: Any) -> None:
    text = "Sáng 12/3, Ban Thường vụ Tỉnh ủy Lai Châu họp bàn công tác cán bộ."
    assert extract(text, nlp=nlp)["dates"][0]["value"] == "XXXX-03-12"
    out = extract(text, nlp=nlp, published_at="2024-03-12T09:00")
    assert out["dates"][0]["value"] == "2024-03-12"
    assert out["document"]["published_at"] == "2024-03-12T09:00"


@pytest.mark.parametrize(
    "variant",
    [
        lambda s: unicodedata.normalize("NFD", s),
        lambda s: s.replace("Ủy", "Uỷ").replace("ủy", "uỷ").replace("hòa", "hoà").replace("khỏe", "khoẻ"),
        lambda s: s.replace(" ", "\u00a0", 40),
    ],
    ids=["nfd", "old-tone-marks", "nbsp"],
)
def test_spelling_variants_give_the_same_values(nlp: Any, variant: Any) -> None:
    text = (CORPUS_DOCS / "004_86ceddd2e63fe96c.txt").read_text(encoding="utf-8")
    base = extract(text, nlp=nlp)
    raw = variant(text)
    out = extract(raw, nlp=nlp)
    assert [r["key"] for r in out["doc_refs"]] == [r["key"] for r in base["doc_refs"]]
    assert [d["value"] for d in out["dates"]] == [d["value"] for d in base["dates"]]
    assert out["document"]["number"] == base["document"]["number"]
    assert out["document"]["issued_on"] == base["document"]["issued_on"]
    for item in spans_in(out):
        assert raw[item["start"] : item["end"]] == item["text"]


def test_doc_spans_and_plain_extensions(nlp: Any) -> None:
    text = (CORPUS_DOCS / "004_86ceddd2e63fe96c.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    assert doc.text == text
    assert [s.text for s in doc.spans["doc_refs"]] == ["274-TB/TU", "105-TB/TU"]
    assert "ngày 04 tháng 8 năm 2021" in [s.text for s in doc.spans["dates"]]
    assert len(doc.spans["main"]) >= 1
    # plain data only: survives a msgpack round trip through Doc.to_bytes
    json.dumps([doc._.layout, doc._.document, doc._.doc_refs, doc._.dates], ensure_ascii=False)
    tokens = [t.text for t in doc]
    assert "Bí thư" in tokens or "BÍ THƯ" in tokens


def test_pipe_with_two_processes(nlp: Any) -> None:
    texts = [p.read_text(encoding="utf-8") for p in CORPUS_FILES[:4]]
    serial = [doc._.doc_refs for doc in nlp.pipe(texts)]
    parallel = [doc._.doc_refs for doc in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert parallel == serial
    assert [[d["value"] for d in doc._.dates] for doc in nlp.pipe(texts, n_process=2, batch_size=1)] == [
        [d["value"] for d in doc._.dates] for doc in nlp.pipe(texts)
    ]


def test_tokens_option(nlp: Any) -> None:
    src = source_from_text("Bí thư Tỉnh ủy Nguyễn Văn Thắng chủ trì cuộc họp ngày 28/5/2021.")
    out = extract(src, nlp=nlp, tokens=True)
    toks = [t["text"] for s in out["sentences"] for t in s["tokens"]]
    assert toks[:3] == ["Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng"]
    assert validation_errors(out) == []


def test_empty_text_gives_an_empty_valid_result(nlp: Any) -> None:
    out = extract("   \n", nlp=nlp)
    assert out["doc_refs"] == [] and out["dates"] == []
    assert validation_errors(out) == []


def test_load_reads_the_saved_pipeline() -> None:
    import directive_nlp
    from directive_nlp.nlp.pipeline import PIPELINE, models_dir

    nlp = directive_nlp.load()
    assert tuple(nlp.pipe_names) == PIPELINE
    assert (models_dir() / "config.cfg").is_file()
    assert (models_dir() / "data" / "doc_types.tsv").is_file()
    assert Path(nlp.path if hasattr(nlp, "path") else models_dir()).exists()


# --------------------------------------------------------------------------- failures are visible

NOTICE_TEXT = (CORPUS_DOCS / "004_86ceddd2e63fe96c.txt").read_text(encoding="utf-8")


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("injected failure")


def test_a_failing_stage_is_a_coded_warning_and_the_other_fields_stay(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from directive_nlp.extract import officials

    monkeypatch.setattr(officials, "find_officials", _boom)
    out = extract(NOTICE_TEXT, nlp=nlp)
    failed = [w for w in out["warnings"] if w["code"] == "E320"]
    assert failed == [{"code": "E320", "stage": "officials", "message": "officials failed: RuntimeError: injected failure"}]
    assert out["officials"] == []
    # the stages before and after still ran
    assert out["document"]["number"] == "274-TB/TU"
    assert out["doc_refs"] and out["dates"] and out["directives"]
    assert validation_errors(out) == []


def test_cli_reports_a_failing_stage_on_stderr_and_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from directive_nlp.apps.cli import main
    from directive_nlp.extract import directives

    monkeypatch.setattr(directives, "find_directives", _boom)
    path = CORPUS_DOCS / "004_86ceddd2e63fe96c.txt"
    code = main(["extract", str(path), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}: directives failed: RuntimeError: injected failure [E320]" in err
    written = json.loads((tmp_path / "004_86ceddd2e63fe96c.json").read_text(encoding="utf-8"))
    assert written["directives"] == [] and written["officials"]


def test_batch_writes_an_error_record_for_a_failing_stage(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from directive_nlp.apps.batch import process_task
    from directive_nlp.extract import dates

    monkeypatch.setattr(dates, "date_items", _boom)
    path = CORPUS_DOCS / "004_86ceddd2e63fe96c.txt"
    out = process_task({"key": "004.txt", "path": str(path), "max_bytes": 10_000_000})
    assert out["ok"] is False
    assert (out["stage"], out["code"]) == ("extract:dates", "E320")
    assert "dates failed: RuntimeError: injected failure" in out["reason"]


# --------------------------------------------------------------------------- long documents

UNLABELED = Path(__file__).resolve().parents[1] / "corpus" / "unlabeled" / "news"
#: Unlabeled news outside the tuned corpus and the fresh dev set.
NEWS = [UNLABELED / f"news_{n:02d}.txt" for n in (4, 6, 7, 9, 11, 12)]


def test_a_text_over_the_pipeline_limit_is_extracted_in_sections(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never E088/E300 for size: sections under spaCy's max_length, offsets into the whole text."""
    texts = [p.read_text(encoding="utf-8") for p in NEWS if p.is_file()]
    assert len(texts) >= 4
    whole = "\n\n".join(texts)
    alone = [extract(t, nlp=nlp) for t in texts]
    monkeypatch.setattr(nlp, "max_length", max(len(t) for t in texts) + 10)
    out = extract(whole, nlp=nlp)
    assert validation_errors(out) == []
    notes = [w for w in out["warnings"] if w["code"] == "long_document"]
    assert len(notes) == 1 and "sections" in notes[0]["message"]
    for span in spans_in({k: out[k] for k in ("officials", "doc_refs", "dates", "directives")}):
        assert whole[span["start"]:span["end"]] == span["text"]
    # each section holds whole articles here: every article's items are found, in order
    for field in ("doc_refs", "dates"):
        assert [d["text"] for d in out[field]] == [d["text"] for a in alone for d in a[field]], field
    ids = [d["id"] for d in out["directives"]]
    assert len(ids) == len(set(ids))
    assert out["source"]["bytes"] == len(whole.encode("utf-8"))


@pytest.mark.parametrize("text, limit, expected", [
    ("aaaa\n\nbbbb\n\ncccc", 8, [(0, 6), (6, 12), (12, 16)]),     # at blank lines
    ("aaaa bbbb cccc", 7, [(0, 5), (5, 10), (10, 14)]),             # at spaces
    ("a\u0301" * 6, 5, [(0, 4), (4, 8), (8, 12)]),                  # never between a letter and its mark
])
def test_sections_cut_at_paragraphs_then_spaces(text: str, limit: int, expected: list[tuple[int, int]]) -> None:
    from directive_nlp.nlp.pipeline import _sections

    assert _sections(text, limit) == expected
    assert "".join(text[a:b] for a, b in expected) == text


# --------------------------------------------------------------------------- portal furniture

_HEADER_PAGES = Path(__file__).resolve().parents[1] / "corpus" / "headers" / "pages"


@pytest.mark.parametrize("stem", ["t057", "t139", "t167"])
def test_portal_pages_give_no_directive_outside_the_document(stem: str) -> None:
    """The distribution list under a wrapped "Nơi nhận" label (t057, t139) and the login pop-up of
    a page that shows no document text (t167) are no tasks (scripts/furniture_report.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "furniture_report", Path(__file__).resolve().parents[1] / "scripts" / "furniture_report.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = (_HEADER_PAGES / f"{stem}.txt").read_text(encoding="utf-8")
    nlp = load()
    assert mod.out_of_document(text, nlp) == []
    labels = [d["label"] for d in extract(text, nlp=nlp)["directives"]]
    assert all(label is None or label.startswith("Điều") for label in labels)
    if stem != "t167":  # the decision's implementing article stays
        assert "Điều 3" in labels


def test_the_loaded_pipeline_is_frozen_out_of_garbage_collection(nlp) -> None:
    """A full collection walked every object of the loaded pipeline (a third of the CPU time of a
    1 MB document); ``load`` freezes them, and leaves the collector's thresholds as they were."""
    import gc

    assert gc.get_freeze_count() > 100_000
    assert gc.get_threshold()[0] > 0


def test_the_collector_hold_restores_thresholds_and_nests() -> None:
    """Held off inside (also inside a nested hold), the thresholds as they were after each."""
    import gc

    from directive_nlp.collector import collector_held

    before = gc.get_threshold()
    with collector_held():
        assert gc.get_threshold()[0] == 0
        with collector_held():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == before
