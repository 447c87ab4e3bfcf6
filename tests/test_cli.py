"""The command line, through a real subprocess: outputs, exit codes, one clear line per bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.schema import validation_errors

from .conftest import CORPUS_DOCS, ROOT

NOTICE = CORPUS_DOCS / "004_86ceddd2e63fe96c.txt"
ARTICLE = CORPUS_DOCS / "000_7f9b3172eb05957b.txt"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "directive_nlp", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


def test_one_file_json_on_stdout() -> None:
    p = run("extract", str(NOTICE))
    assert p.returncode == 0, p.stderr.decode()
    out = json.loads(p.stdout.decode("utf-8"))
    assert out["document"]["number"] == "274-TB/TU"
    assert validation_errors(out) == []
    # real Vietnamese characters, not \\u escapes
    assert "Điện Biên" in p.stdout.decode("utf-8")


def test_output_dir_and_bad_inputs_in_one_run(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01\x02\x03binary")
    latin = tmp_path / "french.txt"
    latin.write_bytes("Le comité a décidé très vite, à l'été.".encode("latin-1"))
    folder = tmp_path / "folder"
    folder.mkdir()
    missing = tmp_path / "missing.txt"
    outdir = tmp_path / "out"
    p = run(
        "extract", str(NOTICE), str(empty), str(binary), str(latin), str(folder), str(missing), str(ARTICLE),
        "-o", str(outdir),
    )
    err = p.stderr.decode("utf-8")
    assert p.returncode == 1
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.startswith("directive-nlp: error:")]
    assert len(lines) == 5
    assert any(str(empty) in ln and "empty file" in ln for ln in lines)
    assert any(str(binary) in ln and "binary file" in ln for ln in lines)
    assert any(str(latin) in ln and "not UTF-8" in ln for ln in lines)
    assert any(str(folder) in ln and "is a directory" in ln for ln in lines)
    assert any(str(missing) in ln and "no such file" in ln for ln in lines)
    assert "5 of 7 input(s) failed" in err
    # the good files were still processed
    written = sorted(f.name for f in outdir.iterdir())
    assert written == ["000_7f9b3172eb05957b.json", "004_86ceddd2e63fe96c.json"]
    out = json.loads((outdir / "004_86ceddd2e63fe96c.json").read_text(encoding="utf-8"))
    assert out["source"]["encoding"] == "utf-8"


def test_same_base_name_twice_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "doc.txt").write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    p = run("extract", str(tmp_path / "a" / "doc.txt"), str(tmp_path / "b" / "doc.txt"), "-o", str(tmp_path / "o"))
    assert p.returncode == 0, p.stderr.decode()
    assert len(list((tmp_path / "o").glob("doc*.json"))) == 2


def test_jsonl_and_encodings(tmp_path: Path) -> None:
    text = NOTICE.read_text(encoding="utf-8")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(text.encode("utf-16"))
    p = run("extract", str(bom), str(u16), "--jsonl")
    assert p.returncode == 0, p.stderr.decode()
    rows = [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]
    assert [r["source"]["encoding"] for r in rows] == ["utf-8-sig", "utf-16-le"]
    assert rows[0]["doc_refs"] == rows[1]["doc_refs"]
    assert rows[0]["dates"] == rows[1]["dates"]


def test_stdin_and_published_at() -> None:
    text = "Chiều 28/5, Ban Thường vụ Tỉnh ủy Điện Biên tổ chức kỳ họp thứ 13 trực tuyến."
    p = run("extract", "-", "--published-at", "2021-05-28", stdin=text.encode("utf-8"))
    assert p.returncode == 0, p.stderr.decode()
    out = json.loads(p.stdout.decode("utf-8"))
    assert out["source"]["path"] == "<stdin>"
    assert out["dates"][0]["value"] == "2021-05-28"


def test_schema_command() -> None:
    p = run("schema")
    assert p.returncode == 0
    schema = json.loads(p.stdout.decode("utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")


def test_eval_prints_the_table() -> None:
    p = run("eval", "corpus/gold")
    assert p.returncode == 0, p.stderr.decode()
    out = p.stdout.decode("utf-8")
    for field in ("doc_refs", "dates", "officials", "directives", "header.number"):
        assert field in out
    p = run("eval", "corpus/gold", "--json")
    report = json.loads(p.stdout.decode("utf-8"))
    assert report["fields"]["doc_refs"]["f1"] >= 0.95


@pytest.mark.parametrize("command", ["extract", "eval", "schema"])
def test_help_teaches_with_an_example(command: str) -> None:
    p = run(command, "--help")
    assert p.returncode == 0
    assert "example" in p.stdout.decode("utf-8")
    assert "directive-nlp " + command in p.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "no/such/gold"], "not a folder of gold files"),
        (["eval", "corpus/gold", "--docs", "no/such/docs"], "no such folder of texts"),
        (["extract"], "the following arguments are required"),
        (["extract", "x.txt", "--published-at", "28/05/2021"], "not an ISO date"),
        (["extract", "x.txt", "--published-at", "2021-02-30"], "not an ISO date"),
        (["extract", "x.txt", "--max-mb", "-1"], "must be a positive number"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    p = run(*args)
    assert p.returncode == 2
    err = p.stderr.decode("utf-8")
    assert message in err and "Traceback" not in err


def test_bad_gold_file_is_named(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.json").write_text("{not json", encoding="utf-8")
    p = run("eval", str(gold), "--docs", str(CORPUS_DOCS))
    assert p.returncode == 1
    err = p.stderr.decode("utf-8")
    assert "x.json" in err and "Traceback" not in err


# --------------------------------------------------------------------------- time limit per document


def _never_ends(task: dict[str, Any]) -> dict[str, Any]:
    """The extraction of the worker, except that a document named slow* never ends."""
    import time

    from directive_nlp.apps import cli_extract

    if "slow" in (task["source"].path or ""):
        while True:
            time.sleep(1.0)
    return cli_extract._real_extract_task(task)  # type: ignore[attr-defined]


def test_a_document_over_the_time_limit_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import time

    from directive_nlp.apps import cli_extract
    from directive_nlp.apps.cli import main

    slow = tmp_path / "slow.txt"
    fast = tmp_path / "fast.txt"
    text = (CORPUS_DOCS / "004_86ceddd2e63fe96c.txt").read_text(encoding="utf-8")
    slow.write_text(text, encoding="utf-8")
    fast.write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli_extract, "_real_extract_task", cli_extract._extract_task, raising=False)
    monkeypatch.setattr(cli_extract, "_extract_task", _never_ends)
    out = io.StringIO()
    t0 = time.monotonic()
    code = main(["extract", "--jsonl", "--timeout", "2", str(slow), str(fast), str(slow)], stdout=out)
    err = capsys.readouterr().err
    assert code == 1
    assert err.count(f"{slow}: extraction took longer than the 2 s time limit (--timeout) [E303]") == 2, err
    assert "2 of 3 input(s) failed" in err and "Traceback" not in err
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["document"]["number"] == "274-TB/TU"
    assert time.monotonic() - t0 < 60


def test_timeout_flag_values() -> None:
    from directive_nlp.apps.cli import build_parser

    assert build_parser().parse_args(["extract", "a.txt"]).timeout == 60.0
    assert build_parser().parse_args(["extract", "a.txt", "--timeout", "0"]).timeout == 0.0
    p = run("extract", "a.txt", "--timeout", "-1")
    assert p.returncode == 2 and b"--timeout" in p.stderr


def test_an_output_file_that_cannot_be_written_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import errno
    import io

    from directive_nlp.apps import batch
    from directive_nlp.apps.cli import main

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(batch, "write_durable", full)
    code = main(["extract", "--timeout", "0", "-o", str(tmp_path / "out"),
                 str(CORPUS_DOCS / "004_86ceddd2e63fe96c.txt")], stdout=io.StringIO())
    err = capsys.readouterr().err
    assert code == 1
    assert "004_86ceddd2e63fe96c.json: cannot write (no space left on device) [E302]" in err
    assert "Traceback" not in err
