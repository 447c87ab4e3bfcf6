"""A batch run: deciding what to redo, recording outcomes, rebuilding the JSON Lines files."""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from directive_nlp.errors import (
    BatchUsageError,
    OutputWriteError,
    TooLargeError,
    WorkerCrashError,
)
from directive_nlp.apps.batch.common import DEFAULT_TIMEOUT, DOCS_DIR, ERRORS_FILE, MANIFEST_FILE, RESULTS_FILE, RETRY_CODES, SKIPPED_FILE, TMP_DIR
from directive_nlp.apps.batch.common import _MB, _os_reason, _safe
from directive_nlp.apps.batch.engines import TaskFn, _DaskEngine, _ProcessEngine
from directive_nlp.apps.batch.files import _fsync_dir, _LineWriter, _locked, write_durable
from directive_nlp.apps.batch.manifest import _Manifest
from directive_nlp.apps.batch.walk import InputFile, Skipped, WalkError, _roots, iter_inputs
from directive_nlp.apps.batch.worker import _error_outcome, _hash_file, pipeline_version, process_task

log = logging.getLogger(__name__)
# --------------------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a run did. ``errors`` = lines in errors.jsonl (exit status 1 when > 0)."""

    out_dir: str
    engine: str
    jobs: int
    inputs: int
    processed: int
    failed: int
    unchanged: int
    skipped: int
    removed: int
    results: int
    errors: int
    seconds: float
    peak_worker_rss_mb: float | None
    pipeline_version: str

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def dump(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["seconds"] = round(self.seconds, 3)
        data["docs_per_second"] = round(self.docs_per_second, 2)
        return data

    def format(self) -> str:
        rate = f", {self.docs_per_second:.1f} docs/s" if self.processed else ""
        return (
            f"{self.inputs} inputs: {self.processed} processed ({self.failed} failed), "
            f"{self.unchanged} unchanged, {self.skipped} skipped, {self.removed} removed; "
            f"{self.results} results, {self.errors} errors in {self.out_dir}; "
            f"{self.seconds:.1f} s{rate}"
        )


# --------------------------------------------------------------------------- the run


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int = 1,
    force: bool = False,
    max_bytes: int = 20_000_000,
    engine: str = "process",
    scheduler: str | None = None,
    client: Any = None,
    progress: bool = False,
    on_error: Callable[[dict[str, Any]], None] | None = None,
    task_fn: TaskFn | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    follow_links: bool = False,
) -> BatchSummary:
    """Extract every input under ``inputs`` into ``out_dir`` (see the package doc).

    ``engine``: "process" (``jobs`` worker processes) or "dask" (``scheduler`` address, or a
    ready ``client``). ``on_error`` is called with each new error record. ``task_fn`` replaces
    :func:`process_task` (a module-level function; for tests and extensions). ``timeout``:
    seconds per input (process engine; None for no limit): an input over it is an error record
    (E303) and its worker is replaced. ``follow_links``: read file links that point outside
    the input folders (by default they are skipped and listed in skipped.jsonl).
    Raises BatchUsageError when the run cannot start, OutputWriteError when OUT_DIR cannot be
    written (disk full): what was recorded stays, and the next run goes on from there.
    """
    t0 = time.perf_counter()
    out = _check_usage(inputs, out_dir, engine, max_bytes, timeout)
    roots = list(inputs)
    fn = task_fn or process_task
    with _locked(out):
        try:
            state = _run_locked(out, roots, fn, _Options(jobs, force, max_bytes, engine, scheduler, client,
                                                        progress, on_error, timeout, follow_links))
        except (OSError, sqlite3.Error) as err:
            raise OutputWriteError(str(out), f"cannot write the output folder ({_write_reason(err)}); "
                                   "what was recorded is kept: run again when it can be written") from None
    return BatchSummary(
        out_dir=str(out),
        engine=engine,
        jobs=1 if engine == "dask" else max(1, jobs),
        inputs=state.results + state.errors,
        processed=state.processed,
        failed=state.failed,
        unchanged=state.unchanged,
        skipped=state.skipped,
        removed=state.removed,
        results=state.results,
        errors=state.errors,
        seconds=time.perf_counter() - t0,
        peak_worker_rss_mb=(state.peak_kb / 1024) if state.peak_kb else None,
        pipeline_version=state.version,
    )


@dataclass(frozen=True, slots=True)
class _Options:
    jobs: int
    force: bool
    max_bytes: int
    engine: str
    scheduler: str | None
    client: Any
    progress: bool
    on_error: Callable[[dict[str, Any]], None] | None
    timeout: float | None
    follow_links: bool


def _write_reason(err: BaseException) -> str:
    if isinstance(err, OSError):
        return _os_reason(err)
    return " ".join(str(err).split()) or type(err).__name__


def _check_usage(inputs: Sequence[Any], out_dir: Any, engine: str, max_bytes: int, timeout: float | None) -> Path:
    """The output folder, created; BatchUsageError for arguments a run cannot start with."""
    if engine not in ("process", "dask"):
        raise BatchUsageError(None, f"unknown engine {engine!r} (process or dask)")
    if max_bytes <= 0:
        raise BatchUsageError(None, "the size limit must be positive")
    if timeout is not None and not timeout > 0:
        raise BatchUsageError(None, "the time limit must be positive (or None for none)")
    out = Path(out_dir)
    _roots(list(inputs))  # validate before touching OUT_DIR
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / DOCS_DIR).mkdir(exist_ok=True)
    except OSError as err:
        raise BatchUsageError(str(out), f"cannot create the output folder ({_os_reason(err)})") from None
    return out


def _run_locked(out: Path, roots: list[Any], fn: TaskFn, opt: _Options) -> _Run:
    """The run itself, with OUT_DIR locked: walk, extract, record, prune, rebuild the lines."""
    tmp_dir = out / TMP_DIR
    shutil.rmtree(tmp_dir, ignore_errors=True)  # leftovers of a killed run
    tmp_dir.mkdir(exist_ok=True)
    version = pipeline_version()
    manifest = _Manifest(out / MANIFEST_FILE)
    runner: _ProcessEngine | _DaskEngine | None = None
    skipped_out: _LineWriter | None = None
    try:
        skipped_out = _LineWriter(out / SKIPPED_FILE, tmp_dir)
        if opt.engine == "dask":
            runner = _DaskEngine(opt.scheduler, fn, version, client=opt.client)
        else:
            level = logging.getLogger("directive_nlp").getEffectiveLevel()
            runner = _ProcessEngine(opt.jobs, fn, level, timeout=opt.timeout)
        state = _Run(out, tmp_dir, manifest, version, opt)
        state.start_bar(roots)
        try:
            for task, outcome in runner.run(state.tasks(roots, skipped_out)):
                state.handle(task, outcome)
        finally:
            state.close_bar()
        manifest.flush()
        state.removed = state.prune()
        state.finish_lines()
        skipped_out.commit()
    except BaseException:
        if skipped_out is not None:
            skipped_out.abort()
        raise
    finally:
        if runner is not None:
            runner.close()
        manifest.close()
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return state


class _Run:
    """Book-keeping of one run (single-threaded: all in the main process)."""

    def __init__(self, out: Path, tmp_dir: Path, manifest: _Manifest, version: str, opt: _Options) -> None:
        self.out = out
        self.docs = out / DOCS_DIR
        self.tmp_dir = tmp_dir
        self.manifest = manifest
        self.version = version
        self.max_bytes = opt.max_bytes
        self.force = opt.force
        self.on_error = opt.on_error
        self.progress = opt.progress
        self.follow_links = opt.follow_links
        self.removed = 0
        self.bar: Any = None
        self.dirty = False
        # the previous run ended before its bookkeeping: docs/ may hold results of inputs that
        # were never recorded (killed between the write and the manifest commit)
        self.recovering = manifest.get_meta("lines") == "dirty"
        self.processed = self.failed = self.unchanged = self.skipped = 0
        self.results = self.errors = 0
        self.peak_kb = 0
        self.stats: dict[str, tuple[int, int]] = {}

    # ---- progress
    def start_bar(self, roots: Sequence[Any]) -> None:
        if not self.progress:
            return
        from directive_nlp.apps.progress import ProgressBar

        total = sum(1 for _ in iter_inputs(roots, exclude=[self.out], follow_links=self.follow_links))
        self.bar = ProgressBar(total, "batch")

    def tick(self) -> None:
        if self.bar is not None:
            self.bar.advance()

    def close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _report(self, record: dict[str, Any]) -> None:
        if self.on_error is None:
            return
        if self.bar is not None:
            import contextlib
            import io

            buffer = io.StringIO()
            with contextlib.redirect_stderr(buffer):
                self.on_error(record)
            for line in buffer.getvalue().splitlines():
                self.bar.print(line)
        else:
            self.on_error(record)

    # ---- deciding
    def doc_path(self, key: str) -> Path:
        return self.docs / f"{key}.json"

    def mark_dirty(self) -> None:
        if not self.dirty:
            self.manifest.set_meta("lines", "dirty")
            self.dirty = True

    def tasks(self, roots: Sequence[Any], skipped_out: _LineWriter) -> Iterator[dict[str, Any]]:
        for item in iter_inputs(roots, exclude=[self.out], follow_links=self.follow_links):
            if isinstance(item, Skipped):
                skipped_out.write(json.dumps(item.dump(), ensure_ascii=False))
                self.skipped += 1
                self.tick()
                continue
            if isinstance(item, WalkError):
                self.walk_error(item)
                self.tick()
                continue
            if item.key != _safe(item.key):
                item = dataclasses.replace(item, key=_safe(item.key))
            if not self.must_process(item):
                self.manifest.seen(item.key)
                self.unchanged += 1
                self.tick()
                continue
            self.stats[item.key] = (item.size, item.mtime_ns)
            task = {"key": item.key, "path": item.path, "max_bytes": self.max_bytes}
            if item.size > self.max_bytes:  # refused here: not worth a worker
                err = TooLargeError(
                    _safe(item.path),
                    f"too large: {item.size / _MB:.1f} MB, over the {self.max_bytes / _MB:g} MB limit (--max-mb)",
                )
                sha = None
                with contextlib.suppress(OSError):
                    sha = _hash_file(item.path)
                self.handle(task, _error_outcome(task, "read", err, sha))
                continue
            yield task

    def must_process(self, item: InputFile) -> bool:
        row = self.manifest.get(item.key)
        if row is None or self.force:
            return True
        size, mtime_ns, sha, version, status, code, _ = row
        if version != self.version or code in RETRY_CODES:
            return True
        if code == TooLargeError.code and item.size <= self.max_bytes:
            return True  # the limit was raised
        if status == "ok" and not self.doc_path(item.key).is_file():
            return True
        if size != item.size:
            return True
        if mtime_ns == item.mtime_ns:
            return False
        if not sha:
            return True
        try:
            same = _hash_file(item.path) == sha
        except OSError:
            return True
        if same:  # touched, not changed
            self.manifest.touch(item.key, item.mtime_ns)
        return not same

    def walk_error(self, item: WalkError) -> None:
        record = {"path": _safe(item.path), "key": _safe(item.key), "sha256": None, "stage": "walk",
                  "code": item.error.code, "reason": item.error.reason}
        line = json.dumps(record, ensure_ascii=False)
        row = self.manifest.get(_safe(item.key))
        if row is not None and row[6] == line and row[3] == self.version:
            self.manifest.seen(_safe(item.key))
            self.unchanged += 1
            return
        self.mark_dirty()
        with self.manifest.transaction():
            self.manifest.put(_safe(item.key), _safe(item.path), 0, 0, None, self.version, "error", item.error.code, line)
        self.failed += 1
        self.processed += 1
        self._report(record)

    # ---- outcomes
    def handle(self, task: dict[str, Any], outcome: dict[str, Any]) -> None:
        key = task["key"]
        size, mtime_ns = self.stats.pop(key, (0, 0))
        self.peak_kb = max(self.peak_kb, int(outcome.get("maxrss_kb") or 0))
        if outcome.get("version") not in (None, self.version):
            err = WorkerCrashError(task["path"], f"worker runs pipeline {outcome.get('version')}, expected {self.version}")
            outcome = _error_outcome(task, "worker", err, outcome.get("sha256"))
        self.mark_dirty()
        target = self.doc_path(key)
        if outcome.get("ok"):
            try:
                write_durable(target, outcome["json"].encode("utf-8"), self.tmp_dir)
            except OSError as exc:
                err = OutputWriteError(task["path"], f"cannot write {target} ({_os_reason(exc)})")
                outcome = _error_outcome(task, "write", err, outcome.get("sha256"))
            else:
                with self.manifest.transaction():
                    self.manifest.put(key, _safe(task["path"]), size, mtime_ns, outcome.get("sha256"),
                                      self.version, "ok", None, None)
                self.processed += 1
                self.tick()
                return
        record = {k: outcome.get(k) for k in ("path", "key", "sha256", "stage", "code", "reason")}
        record["key"] = _safe(key)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # a stale result of an earlier version of this input
        with self.manifest.transaction():
            self.manifest.put(key, _safe(task["path"]), size, mtime_ns, outcome.get("sha256"), self.version,
                              "error", record["code"], json.dumps(record, ensure_ascii=False))
        self.processed += 1
        self.failed += 1
        self.tick()
        self._report(record)

    # ---- end of run
    def prune(self) -> int:
        gone = self.manifest.unseen()
        if not gone:
            return 0
        self.mark_dirty()
        for key, status in gone:
            if status == "ok":
                with contextlib.suppress(OSError):
                    self.doc_path(key).unlink()
            with self.manifest.transaction():
                self.manifest.delete(key)
        log.info("%d inputs no longer present: removed from %s", len(gone), self.out)
        return len(gone)

    def sweep_orphans(self) -> int:
        """Delete result files in docs/ that no manifest row accounts for."""
        removed = 0
        stack = [self.docs]
        while stack:
            folder = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                    continue
                rel = Path(entry.path).relative_to(self.docs).as_posix()
                if not rel.endswith(".json"):
                    continue
                row = self.manifest.get(rel[: -len(".json")])
                if row is None or row[4] != "ok":
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
        if removed:
            log.info("removed %d result files left by an interrupted run", removed)
        return removed

    def finish_lines(self) -> None:
        """Rebuild results.jsonl and errors.jsonl when anything changed (or a run was killed)."""
        state = self.manifest.get_meta("lines")
        expected = None
        if state and state.startswith("clean:"):
            expected = state.split(":")[1:]
        current = []
        for name in (RESULTS_FILE, ERRORS_FILE):
            try:
                current.append(str((self.out / name).stat().st_size))
            except OSError:
                current.append("missing")
        if not self.dirty and expected == current:
            self.results = self.manifest.count("ok")
            self.errors = self.manifest.count("error")
            return
        self.mark_dirty()
        if self.recovering:
            self.sweep_orphans()
        results = _LineWriter(self.out / RESULTS_FILE, self.tmp_dir)
        errors = _LineWriter(self.out / ERRORS_FILE, self.tmp_dir)
        lost: list[str] = []
        try:
            for key, _ in self.manifest.rows("ok"):
                try:
                    data = json.loads(self.doc_path(key).read_bytes())
                except (OSError, ValueError):
                    lost.append(key)
                    continue
                results.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            for key in lost:  # a result file removed behind our back: redo it next run
                record = {"path": key, "key": key, "sha256": None, "stage": "write", "code": OutputWriteError.code,
                          "reason": "result file missing or damaged in docs/; it is redone on the next run"}
                with self.manifest.transaction():
                    self.manifest.db.execute(
                        "UPDATE files SET status='error', code=?, record=? WHERE key=?",
                        (OutputWriteError.code, json.dumps(record, ensure_ascii=False), key),
                    )
            for _, record_line in self.manifest.rows("error"):
                errors.write(record_line or "{}")
            sizes = (results.commit(), errors.commit())
        except BaseException:
            results.abort()
            errors.abort()
            raise
        _fsync_dir(self.out)
        self.results, self.errors = results.lines, errors.lines
        self.manifest.set_meta("lines", f"clean:{sizes[0]}:{sizes[1]}")
