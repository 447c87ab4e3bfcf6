"""Tests for directive_nlp.apps.batch and the ``batch`` command: a mixed folder, incremental re-runs,
kill-and-resume with a real subprocess, worker crashes, and Dask (LocalCluster) = ``-j 1``."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.apps.batch import (
    BatchUsageError,
    InputFile,
    Skipped,
    iter_inputs,
    pipeline_version,
    process_task,
    run_batch,
)
from directive_nlp.schema import validation_errors

from . import service_jobs
from .conftest import CORPUS_FILES, ROOT
from .test_formats import (
    ARTICLE,
    FOOTER,
    NOTICE,
    article_page,
    cp1258_encode,
    make_admin_docx,
    make_pdf,
    pdf_from_text,
    tcvn3_encode,
)

ARTICLE_HEAD = '<meta property="article:published_time" content="2021-05-28T16:19:39+07:00">'

EXPECTED_RESULTS = {
    "tb-utf8.txt",
    "bai-utf16.txt",
    "tb-cp1258.txt",
    "kl-tcvn3.txt",
    "web/tin-bai.html",
    "van-ban/ke-hoach.docx",
    "van-ban/thong-bao.pdf",
}
EXPECTED_ERRORS = {
    "van-ban/scan.pdf": "E111",
    "empty.txt": "E104",
    "anh.txt": "E105",
    "huge.txt": "E107",
}
EXPECTED_SKIPPED = {"ghi-chu.xyz", "van-ban/cu.doc", "van-ban/~$ke-hoach.docx", ".DS_Store", "web/.cache/"}


def build_mixed(root: Path) -> Path:
    """The mixed folder of the brief, from corpus texts."""
    (root / "web" / ".cache").mkdir(parents=True)
    (root / "van-ban").mkdir()
    notice = NOTICE.read_text(encoding="utf-8")
    (root / "tb-utf8.txt").write_text(notice, encoding="utf-8")
    (root / "bai-utf16.txt").write_bytes(ARTICLE.read_text(encoding="utf-8").encode("utf-16"))
    (root / "tb-cp1258.txt").write_bytes(cp1258_encode(notice))
    (root / "kl-tcvn3.txt").write_bytes(tcvn3_encode(notice))
    (root / "web" / "tin-bai.html").write_text(article_page(head=ARTICLE_HEAD), encoding="utf-8")
    (root / "web" / ".cache" / "x.html").write_text("<p>cache</p>")
    make_admin_docx(root / "van-ban" / "ke-hoach.docx")
    (root / "van-ban" / "thong-bao.pdf").write_bytes(pdf_from_text(notice))
    (root / "van-ban" / "scan.pdf").write_bytes(make_pdf([], image_only=True))
    (root / "van-ban" / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    (root / "van-ban" / "~$ke-hoach.docx").write_bytes(b"\x05owner")
    (root / "empty.txt").write_bytes(b"")
    (root / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "ghi-chu.xyz").write_text("ghi chú")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    line = ("Ủy ban nhân dân tỉnh yêu cầu các sở, ngành triển khai thực hiện nghiêm túc. " * 20 + "\n").encode()
    with open(root / "huge.txt", "wb") as fh:  # 50 MB
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    return root


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file but the manifest and lock."""
    files = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if p.is_file() and not rel.startswith(("manifest.sqlite", ".lock")):
            files[rel] = p.read_bytes()
    return files


def keys_of(out: Path, root: Path) -> tuple[list[str], list[str]]:
    """(keys of results.jsonl, keys of errors.jsonl)."""
    res = [Path(d["source"]["path"]).relative_to(root).as_posix() for d in read_lines(out / "results.jsonl")]
    err = [e["key"] for e in read_lines(out / "errors.jsonl")]
    return res, err


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    base = tmp_path_factory.mktemp("mixed")
    root = build_mixed(base / "in")
    out = base / "out"
    summary = run_batch([root], out, jobs=1)
    return root, out, summary


# --------------------------------------------------------------------------- a mixed folder


def test_mixed_folder_results_errors_skips(mixed: tuple[Path, Path, Any]) -> None:
    root, out, summary = mixed
    assert summary.processed == len(EXPECTED_RESULTS) + len(EXPECTED_ERRORS)
    assert summary.failed == summary.errors == len(EXPECTED_ERRORS)
    assert summary.results == len(EXPECTED_RESULTS)
    assert summary.skipped == len(EXPECTED_SKIPPED)
    assert summary.unchanged == 0 and summary.removed == 0
    res, err = keys_of(out, root)
    assert sorted(res) == sorted(EXPECTED_RESULTS) and len(res) == len(set(res))
    assert res == sorted(res)  # sorted by relative path
    errors = {e["key"]: e for e in read_lines(out / "errors.jsonl")}
    assert {k: e["code"] for k, e in errors.items()} == EXPECTED_ERRORS
    for e in errors.values():
        assert set(e) >= {"path", "sha256", "stage", "reason"}
        assert e["stage"] == "read" and e["reason"]
        assert e["sha256"] and len(e["sha256"]) == 64
        assert Path(e["path"]).is_file()
    assert "no text layer" in errors["van-ban/scan.pdf"]["reason"]
    assert "too large" in errors["huge.txt"]["reason"]
    skipped = {s["key"]: s["reason"] for s in read_lines(out / "skipped.jsonl")}
    assert set(skipped) == EXPECTED_SKIPPED
    assert "unsupported format (.xyz)" == skipped["ghi-chu.xyz"]
    # one result file per success, nothing for failures
    docs = sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.json"))
    assert docs == sorted(f"{k}.json" for k in EXPECTED_RESULTS)


def test_mixed_folder_result_contents(mixed: tuple[Path, Path, Any]) -> None:
    root, out, _ = mixed
    lines = {Path(d["source"]["path"]).relative_to(root).as_posix(): d for d in read_lines(out / "results.jsonl")}
    for key, data in lines.items():
        assert validation_errors(data) == [], key
        assert json.loads((out / "docs" / f"{key}.json").read_text(encoding="utf-8")) == data
        assert data["source"]["bytes"] == (root / key).stat().st_size
    enc = {k: d["source"]["encoding"] for k, d in lines.items()}
    assert enc == {
        "tb-utf8.txt": "utf-8",
        "bai-utf16.txt": "utf-16-le",
        "tb-cp1258.txt": "windows-1258",
        "kl-tcvn3.txt": "tcvn3",
        "web/tin-bai.html": "html:utf-8",
        "van-ban/ke-hoach.docx": "docx",
        "van-ban/thong-bao.pdf": "pdf",
    }
    for key in ("tb-utf8.txt", "tb-cp1258.txt", "van-ban/thong-bao.pdf"):
        doc = lines[key]["document"]
        assert (doc["number"], doc["type"], doc["issued_on"], doc["place"]) == (
            "274-TB/TU", "Thông báo", "2021-08-04", "Điện Biên"), key
    plan = lines["van-ban/ke-hoach.docx"]["document"]
    assert (plan["number"], plan["type"], plan["issued_on"], plan["place"]) == (
        "308/KH-UBND", "Kế hoạch", "2025-11-17", "Hà Nội")
    assert plan["signer"]["name"] == "Trương Việt Dũng"
    page = lines["web/tin-bai.html"]
    assert page["kind"] == "article"
    assert page["document"]["title"] == "Hội nghị trực tuyến bàn về công tác phòng, chống dịch Covid-19"
    assert page["document"]["published_at"] == "2021-05-28T16:19:39"  # from the page's metadata
    assert FOOTER not in json.dumps(page, ensure_ascii=False)


def test_rerun_processes_nothing(mixed: tuple[Path, Path, Any]) -> None:
    root, out, _ = mixed
    before = snapshot(out)
    t0 = time.perf_counter()
    again = run_batch([root], out, jobs=1)
    elapsed = time.perf_counter() - t0
    assert again.processed == 0 and again.failed == 0
    assert again.unchanged == len(EXPECTED_RESULTS) + len(EXPECTED_ERRORS)
    assert again.errors == len(EXPECTED_ERRORS) and again.results == len(EXPECTED_RESULTS)
    assert again.peak_worker_rss_mb is None  # no worker was started
    assert snapshot(out) == before
    assert elapsed < 5


def test_dask_local_cluster_equals_j1(mixed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    root, out, _ = mixed
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        summary = run_batch([root], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert summary.engine == "dask"
    assert summary.processed == len(EXPECTED_RESULTS) + len(EXPECTED_ERRORS)
    assert snapshot(tmp_path / "dask") == snapshot(out)


# --------------------------------------------------------------------------- incremental


def _small(root: Path, n: int = 4) -> Path:
    root.mkdir(parents=True)
    for i, src in enumerate(CORPUS_FILES[:n]):
        (root / f"d{i}.txt").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


def test_changes_deletions_additions_and_version(tmp_path: Path) -> None:
    root = _small(tmp_path / "in")
    out = tmp_path / "out"
    first = run_batch([root], out)
    assert (first.processed, first.results, first.errors) == (5, 4, 1)
    # change one file, touch another (same bytes), delete one, add one
    (root / "d0.txt").write_text((root / "d0.txt").read_text(encoding="utf-8") + "\nNguồn: Báo Nhân Dân\n", encoding="utf-8")
    st = (root / "d1.txt").stat()
    os.utime(root / "d1.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    (root / "d2.txt").unlink()
    (root / "new.txt").write_text(CORPUS_FILES[-1].read_text(encoding="utf-8"), encoding="utf-8")
    second = run_batch([root], out)
    assert (second.processed, second.unchanged, second.removed) == (2, 3, 1)
    res, err = keys_of(out, root)
    assert sorted(res) == ["d0.txt", "d1.txt", "d3.txt", "new.txt"] and err == ["empty.txt"]
    assert not (out / "docs" / "d2.txt.json").exists()
    d0 = json.loads((out / "docs" / "d0.txt.json").read_text(encoding="utf-8"))
    assert d0["source"]["sha256"] == hashlib.sha256((root / "d0.txt").read_bytes()).hexdigest()
    assert d0["source"]["bytes"] == (root / "d0.txt").stat().st_size
    # a failed input that gets fixed is redone
    (root / "empty.txt").write_text(CORPUS_FILES[5].read_text(encoding="utf-8"), encoding="utf-8")
    third = run_batch([root], out)
    assert (third.processed, third.failed, third.errors, third.results) == (1, 0, 0, 5)
    assert (out / "errors.jsonl").read_text() == ""
    # a run killed between writing a result and recording it leaves a file nobody accounts for
    (out / "docs" / "ghost.txt.json").write_text("{}")
    with sqlite3.connect(out / "manifest.sqlite") as db:
        db.execute("UPDATE meta SET value='dirty' WHERE key='lines'")
    again = run_batch([root], out)
    assert again.processed == 0 and not (out / "docs" / "ghost.txt.json").exists()
    # another pipeline version: everything again
    with sqlite3.connect(out / "manifest.sqlite") as db:
        db.execute("UPDATE files SET version='0.0.1+schema0.9+0000'")
    fourth = run_batch([root], out)
    assert (fourth.processed, fourth.unchanged) == (5, 0)
    assert fourth.pipeline_version == pipeline_version()


def test_unreadable_file_is_retried(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    root = _small(tmp_path / "in", 1)
    (root / "locked.txt").write_text("Thông báo số 12/TB-UBND", encoding="utf-8")
    os.chmod(root / "locked.txt", 0)
    try:
        s = run_batch([root], tmp_path / "out")
        assert s.errors == 2
    finally:
        os.chmod(root / "locked.txt", 0o644)
    s = run_batch([root], tmp_path / "out")
    assert (s.processed, s.errors) == (1, 1)


def test_max_bytes_raised_reprocesses_refused_files(tmp_path: Path) -> None:
    root = _small(tmp_path / "in", 1)
    out = tmp_path / "out"
    s = run_batch([root], out, max_bytes=1000)
    assert {e["key"]: e["code"] for e in read_lines(out / "errors.jsonl")} == {"d0.txt": "E107", "empty.txt": "E104"}
    assert run_batch([root], out, max_bytes=1000).processed == 0
    s = run_batch([root], out, max_bytes=20_000_000)
    assert (s.processed, s.results) == (1, 1)


# --------------------------------------------------------------------------- walking


def test_walk_keys_several_roots_and_excluded_output(tmp_path: Path) -> None:
    for sub in ("2021/a", "2022/b"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "x.txt").write_text("x")
    (tmp_path / "2021" / "a" / "out").mkdir()
    (tmp_path / "2021" / "a" / "out" / "y.txt").write_text("y")
    items = list(iter_inputs([tmp_path / "2021", tmp_path / "2022", tmp_path / "2021" / "a"],
                             exclude=[tmp_path / "2021" / "a" / "out"]))
    assert [i.key for i in items if isinstance(i, InputFile)] == ["2021/a/x.txt", "2022/b/x.txt"]
    single = list(iter_inputs([tmp_path / "2022"]))
    assert [(i.key, i.path) for i in single] == [("b/x.txt", os.path.join(str(tmp_path / "2022"), "b", "x.txt"))]
    one_file = list(iter_inputs([tmp_path / "2022" / "b" / "x.txt"]))
    assert [i.key for i in one_file] == ["x.txt"]
    os.symlink(tmp_path / "2022", tmp_path / "2021" / "link")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "2021" / "dangling.txt")
    reasons = {i.key: i.reason for i in iter_inputs([tmp_path / "2021"]) if isinstance(i, Skipped)}
    assert reasons == {"link": "link to a folder (not followed)", "dangling.txt": "broken symbolic link"}


def test_walk_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    gen = iter_inputs([tmp_path])
    assert next(gen).key == "a.txt"  # a generator, not a list


def test_output_folder_inside_input_is_not_walked(tmp_path: Path) -> None:
    root = _small(tmp_path / "in", 1)
    s1 = run_batch([root], root / "out")
    s2 = run_batch([root], root / "out")
    assert (s1.processed, s2.processed, s2.skipped) == (2, 0, 0)


def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("directive_nlp.apps.batch.common.DASK_CONNECT_TIMEOUT", 2.0)
    with pytest.raises(BatchUsageError):
        run_batch([tmp_path / "missing"], tmp_path / "out")
    root = _small(tmp_path / "in", 1)
    out = tmp_path / "busy"
    out.mkdir()
    with open(out / ".lock", "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatchUsageError, match="another batch run"):
            run_batch([root], out)
    with pytest.raises(BatchUsageError, match="scheduler"):
        run_batch([root], tmp_path / "o2", engine="dask", scheduler="tcp://127.0.0.1:1")


# --------------------------------------------------------------------------- worker crash


def crashing_task(task: dict[str, Any]) -> dict[str, Any]:
    """process_task, except that the worker dies on inputs named *crash*."""
    if "crash" in task["key"]:
        os._exit(7)
    return process_task(task)


def test_worker_crash_becomes_an_error_record(tmp_path: Path) -> None:
    root = _small(tmp_path / "in", 4)
    (root / "crash-me.txt").write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([root], out, jobs=2, task_fn=crashing_task)
    assert (s.results, s.errors) == (4, 2)
    errors = {e["key"]: e for e in read_lines(out / "errors.jsonl")}
    assert errors["crash-me.txt"]["code"] == "E301" and errors["crash-me.txt"]["stage"] == "worker"
    assert "died" in errors["crash-me.txt"]["reason"]
    # a crash may be transient: the next run retries it (and only it)
    s = run_batch([root], out, jobs=2)
    assert (s.processed, s.results, s.errors) == (1, 5, 1)


# --------------------------------------------------------------------------- time limit, disk full, links


def test_an_input_over_the_time_limit_is_an_error_record_and_the_run_goes_on(tmp_path: Path) -> None:
    root = _small(tmp_path / "in", 3)
    (root / "slow-1.txt").write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "slow-2.txt").write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch([root], out, jobs=1, task_fn=service_jobs.sleepy_task, timeout=2.0)
    assert (s.results, s.errors) == (3, 3)  # the empty file, and the two slow ones
    errors = {e["key"]: e for e in read_lines(out / "errors.jsonl")}
    for key in ("slow-1.txt", "slow-2.txt"):
        assert (errors[key]["code"], errors[key]["stage"]) == ("E303", "worker")
        assert "longer than the 2 s time limit (--timeout)" in errors[key]["reason"]
    assert sorted(p.name for p in (out / "docs").iterdir()) == ["d0.txt.json", "d1.txt.json", "d2.txt.json"]
    with pytest.raises(BatchUsageError, match="time limit"):
        run_batch([root], out, timeout=0)


def test_cli_timeout_flag(tmp_path: Path) -> None:
    from directive_nlp.apps.cli import build_parser

    args = build_parser().parse_args(["batch", "in", "--out", "o"])
    assert args.timeout == 60.0 and args.follow_links is False
    args = build_parser().parse_args(["batch", "in", "--out", "o", "--timeout", "5", "--follow-links"])
    assert args.timeout == 5.0 and args.follow_links is True


def _enospc(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_is_one_line_write_records_and_a_rerun_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from directive_nlp.apps.batch import files, run as run_module
    from directive_nlp.apps.cli import main

    root = _small(tmp_path / "in", 3)
    out = tmp_path / "out"
    # the result files cannot be written: write-stage error records, nothing else lost
    monkeypatch.setattr(run_module, "write_durable", _enospc)
    s = run_batch([root], out)
    assert (s.results, s.errors) == (0, 4)
    records = read_lines(out / "errors.jsonl")
    written = [r for r in records if r["stage"] == "write"]
    assert len(written) == 3 and all(r["code"] == "E302" and "no space left" in r["reason"] for r in written)
    # then the JSON Lines files cannot be written either: one line on stderr, exit 1
    monkeypatch.setattr(files._LineWriter, "commit", _enospc)
    code = main(["batch", str(root), "--out", str(out), "--no-index", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "no space left on device" in err and "[E302]" in err, err
    assert "Traceback" not in err
    monkeypatch.undo()
    # space again: the next run redoes what could not be written, and the files are whole
    s = run_batch([root], out)
    assert (s.results, s.errors) == (3, 1)
    assert len(read_lines(out / "results.jsonl")) == 3 and len(read_lines(out / "errors.jsonl")) == 1


def test_a_file_link_outside_the_inputs_is_skipped_and_listed(tmp_path: Path) -> None:
    root = _small(tmp_path / "in", 1)
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(secret, root / "link-out.txt")
    os.symlink(root / "d0.txt", root / "link-in.txt")  # inside the input folder: followed
    out = tmp_path / "out"
    s = run_batch([root], out)
    skipped = {r["key"]: r["reason"] for r in read_lines(out / "skipped.jsonl")}
    assert "outside the input folders" in skipped["link-out.txt"] and "--follow-links" in skipped["link-out.txt"]
    assert (out / "docs" / "link-in.txt.json").is_file() and not (out / "docs" / "link-out.txt.json").exists()
    s = run_batch([root], out, follow_links=True)
    assert (out / "docs" / "link-out.txt.json").is_file()
    assert "link-out.txt" not in {r["key"] for r in read_lines(out / "skipped.jsonl")}
    assert s.results == 3


# --------------------------------------------------------------------------- kill and resume


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "directive_nlp", "batch", *args]


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONIOENCODING="utf-8")


def _kill_when(cmd: list[str], ready: Any, timeout: float = 120) -> bool:
    """Start ``cmd``; SIGKILL its process group once ``ready()``; True if it was still running."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False
            if ready():
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(30)
                return True
            time.sleep(0.01)
        raise AssertionError("the batch did not get going")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)


def _check_one_record_each(root: Path, out: Path, n_ok: int, n_err: int) -> None:
    res, err = keys_of(out, root)
    assert len(res) == len(set(res)) == n_ok
    assert len(err) == len(set(err)) == n_err
    assert not set(res) & set(err)
    inputs = {p.relative_to(root).as_posix() for p in root.rglob("*.txt")}
    assert set(res) | set(err) == inputs
    assert sorted(p.relative_to(out / "docs").as_posix()[:-5] for p in (out / "docs").rglob("*.json")) == sorted(res)
    assert not list((out).glob(".tmp/*"))


def test_kill_and_resume(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for i in range(40):
        folder = root / ("a" if i % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        src = CORPUS_FILES[i % len(CORPUS_FILES)]
        text = src.read_text(encoding="utf-8") + f"\n\nMã lưu trữ: LT-{i:04d}\n"
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    for i in range(3):
        (root / f"empty{i}.txt").write_bytes(b"")
    out = tmp_path / "out"
    cmd = _cli(str(root), "--out", str(out), "-j", "1", "--quiet")

    def docs_count() -> int:
        return sum(1 for _ in (out / "docs").rglob("*.json")) if (out / "docs").is_dir() else 0

    assert _kill_when(cmd, lambda: docs_count() >= 5), "the run ended before it could be killed"
    assert 5 <= docs_count() < 40
    done = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr.decode()  # the three empty files failed
    _check_one_record_each(root, out, 40, 3)
    first_results = (out / "results.jsonl").read_bytes()

    # change 20 files, kill the re-run half-way, run again
    changed = sorted(root.rglob("doc*.txt"))[::2]
    for p in changed:
        p.write_text(p.read_text(encoding="utf-8") + "Ghi chú: bản cập nhật.\n", encoding="utf-8")
    t_change = time.time_ns()

    def redone() -> int:
        return sum(1 for p in (out / "docs").rglob("*.json") if p.stat().st_mtime_ns > t_change)

    assert _kill_when(cmd, lambda: redone() >= 2), "the re-run ended before it could be killed"
    assert (out / "results.jsonl").read_bytes() == first_results  # untouched until the end of a run
    done = subprocess.run(cmd + ["--json"], cwd=ROOT, env=_env(), capture_output=True, timeout=300)
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert 0 < summary["processed"] <= 20 and summary["removed"] == 0
    _check_one_record_each(root, out, 40, 3)
    for line in read_lines(out / "results.jsonl"):
        if Path(line["source"]["path"]) in changed:
            assert line["source"]["bytes"] == Path(line["source"]["path"]).stat().st_size


# --------------------------------------------------------------------------- command line


def test_cli_help_and_usage() -> None:
    p = subprocess.run(_cli("--help"), cwd=ROOT, env=_env(), capture_output=True, timeout=60)
    assert p.returncode == 0
    text = p.stdout.decode()
    for needle in ("exit status", "--max-mb", "--engine", "--scheduler", "errors.jsonl", "-j N"):
        assert needle in text
    p = subprocess.run(_cli("nowhere", "--out", "x"), cwd=ROOT, env=_env(), capture_output=True, timeout=60)
    assert p.returncode == 2
    assert p.stderr.decode().strip() == "directive-nlp: error: nowhere: no such file or folder"
    p = subprocess.run(_cli(".", "--out", "x", "--engine", "dask"), cwd=ROOT, env=_env(), capture_output=True, timeout=60)
    assert p.returncode == 2 and "--scheduler" in p.stderr.decode()


def test_cli_force_and_exit_status(tmp_path: Path) -> None:
    root = _small(tmp_path / "in", 2)
    out = tmp_path / "out"
    p = subprocess.run(_cli(str(root), "--out", str(out), "--json"), cwd=ROOT, env=_env(), capture_output=True, timeout=300)
    assert p.returncode == 1
    err = p.stderr.decode()
    assert "directive-nlp: error: " in err and "empty.txt: empty file [E104]" in err
    assert json.loads(p.stdout)["processed"] == 3
    (root / "empty.txt").unlink()
    p = subprocess.run(_cli(str(root), "--out", str(out), "--force"), cwd=ROOT, env=_env(), capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.decode().startswith("2 inputs: 2 processed (0 failed), 0 unchanged, 0 skipped, 1 removed")
