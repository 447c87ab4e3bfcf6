"""Batch extraction over folders: incremental, crash-safe, parallel (processes or Dask).

Layout of ``OUT_DIR``::

    docs/<relative path>.json   one result per input that succeeded (the JSON of ``extract``)
    results.jsonl               the same results, one compact line each, sorted by relative path
    errors.jsonl                one line per failed input: path, key, sha256, stage, code, reason
    skipped.jsonl               files not taken as inputs: unknown extension, hidden, not a file
    manifest.sqlite             what was done: relative path, size, mtime, sha256, pipeline version

Every input ends as exactly one result or one error. The relative path (``key``) is taken from
the single IN_DIR, or from the deepest folder common to several inputs.

Incremental: an input is redone when it is new, its (size, mtime_ns) changed and its sha256
too, the pipeline version (:func:`pipeline_version`) changed, its result file is gone, or it
failed for a reason that may go away (unreadable, worker crash, write failure); ``force`` redoes
all. Inputs that disappeared are removed from the outputs (``OUT_DIR`` mirrors the inputs of
the last complete run).

Crash safety: a result is written to a temporary file, fsynced and renamed into ``docs/``
before the manifest row that records it is committed (SQLite, WAL). ``results.jsonl`` and
``errors.jsonl`` are rebuilt from the manifest (+ ``docs/``) at the end of any run that changed
something, and whenever a previous run was killed before doing so — so after a kill and a
re-run they hold one record per input, none lost or repeated.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import signal
import sqlite3
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from directive_nlp import SCHEMA_VERSION, __version__
from directive_nlp.errors import (
    BatchError,
    BatchUsageError,
    DirectiveNLPError,
    ExtractionFailedError,
    InputError,
    MissingInputError,
    OutputWriteError,
    StageFailedError,
    TooLargeError,
    UnreadableInputError,
    WorkerCrashError,
)
from directive_nlp.io.formats import format_of, read_any, read_bytes
from directive_nlp.nlp.warnings import stage_failures

__all__ = [
    "run_batch",
    "process_task",
    "pipeline_version",
    "iter_inputs",
    "BatchSummary",
    "InputFile",
    "Skipped",
    "WalkError",
    "BatchError",
    "BatchUsageError",
    "ExtractionFailedError",
    "WorkerCrashError",
    "OutputWriteError",
    "DOCS_DIR",
    "RESULTS_FILE",
    "ERRORS_FILE",
    "SKIPPED_FILE",
    "MANIFEST_FILE",
]

log = logging.getLogger(__name__)

DOCS_DIR = "docs"
RESULTS_FILE = "results.jsonl"
ERRORS_FILE = "errors.jsonl"
SKIPPED_FILE = "skipped.jsonl"
MANIFEST_FILE = "manifest.sqlite"
TMP_DIR = ".tmp"
LOCK_FILE = ".lock"
#: Manifest table layout; an OUT_DIR written with another layout is redone from scratch.
MANIFEST_LAYOUT = "1"
#: Error codes that may go away without the file changing: retried on every run.
RETRY_CODES = frozenset({"E101", "E102", "E103", "E301", "E302"})
#: Seconds to wait for the Dask scheduler.
DASK_CONNECT_TIMEOUT = 15.0
_SEEN_BATCH = 1000
_MB = 1_000_000


# --------------------------------------------------------------------------- pipeline version


def pipeline_version() -> str:
    """``<package version>+schema<SCHEMA_VERSION>+<hash of the saved pipeline dir>`` (now)."""
    from directive_nlp.nlp.pipeline import models_dir

    where = Path(models_dir())
    h = hashlib.sha256()
    if where.is_dir():
        for path in sorted(p for p in where.rglob("*") if p.is_file()):
            h.update(path.relative_to(where).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    else:
        h.update(b"missing:" + str(where).encode("utf-8", "backslashreplace"))
    return f"{__version__}+schema{SCHEMA_VERSION}+{h.hexdigest()[:16]}"


# --------------------------------------------------------------------------- walking


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to extract: ``key`` = relative path (POSIX), ``path`` = where to read it."""

    key: str
    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A directory entry that is not an input (listed in skipped.jsonl)."""

    key: str
    path: str
    reason: str

    def dump(self) -> dict[str, Any]:
        return {"path": _safe(self.path), "key": _safe(self.key), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class WalkError:
    """A folder or file that could not even be listed or examined (an error record)."""

    key: str
    path: str
    error: InputError


def _safe(s: str) -> str:
    """A file name as valid UTF-8 text (undecodable bytes shown as \\xNN)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _os_reason(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


def _key_join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix else name


def _roots(inputs: Sequence[str | os.PathLike[str]]) -> list[tuple[str, str, str, bool]]:
    """(path as given, real path, key prefix, is_dir) per input; nested inputs dropped."""
    given = [os.fspath(p) if isinstance(os.fspath(p), str) else os.fsdecode(p) for p in inputs]
    if not given:
        raise BatchUsageError(None, "no input folder given")
    items: list[tuple[str, str, bool]] = []
    for g in given:
        if not os.path.exists(g):
            raise BatchUsageError(g, "no such file or folder")
        real = os.path.realpath(g)
        items.append((g, real, os.path.isdir(real)))
    folders = [r if d else os.path.dirname(r) for _, r, d in items]
    base = folders[0] if len(items) == 1 else os.path.commonpath(folders)
    out: list[tuple[str, str, str, bool]] = []
    seen: list[str] = []
    for g, real, is_dir in sorted(items, key=lambda i: (len(i[1]), i[1])):
        if any(real == s or real.startswith(s.rstrip(os.sep) + os.sep) for s in seen):
            log.info("%s: inside another input, listed once", g)
            continue
        if is_dir:
            seen.append(real)
        rel = os.path.relpath(real, base)
        prefix = "" if rel == "." else rel.replace(os.sep, "/")
        out.append((g, real, prefix, is_dir))
    return out


def iter_inputs(
    inputs: Sequence[str | os.PathLike[str]], *, exclude: Sequence[str | os.PathLike[str]] = ()
) -> Iterator[InputFile | Skipped | WalkError]:
    """Walk the inputs (folders recursively, in name order; files as given) lazily.

    Symbolic links to files are followed, links to folders are not. Hidden entries (".name")
    and Office lock files ("~$name") are skipped, and so is every folder in ``exclude``.
    """
    excluded = {os.path.realpath(os.fspath(e)) for e in exclude}
    for given, real, prefix, is_dir in _roots(inputs):
        if not is_dir:
            yield _classify_file(given, prefix or os.path.basename(real), None)
            continue
        stack: list[tuple[str, str, str]] = [(real, given, prefix)]
        while stack:
            folder, shown, pre = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as err:
                key = (pre or ".") + "/"
                yield WalkError(key, shown, UnreadableInputError(_safe(shown), f"cannot list folder ({_os_reason(err)})"))
                continue
            subdirs: list[tuple[str, str, str]] = []
            for entry in entries:
                key = _key_join(pre, entry.name)
                path = os.path.join(shown, entry.name)
                try:
                    is_link = entry.is_symlink()
                    if entry.is_dir(follow_symlinks=False):
                        if os.path.realpath(entry.path) in excluded:
                            continue
                        if entry.name.startswith("."):
                            yield Skipped(key + "/", path, "hidden folder (not walked)")
                        else:
                            subdirs.append((entry.path, path, key))
                        continue
                    if is_link and entry.is_dir():
                        yield Skipped(key, path, "link to a folder (not followed)")
                        continue
                except OSError as err:
                    yield WalkError(key, path, UnreadableInputError(_safe(path), f"cannot examine ({_os_reason(err)})"))
                    continue
                yield _classify_file(path, key, entry)
            stack.extend(reversed(subdirs))


def _classify_file(path: str, key: str, entry: os.DirEntry[str] | None) -> InputFile | Skipped | WalkError:
    name = os.path.basename(path)
    if name.startswith("."):
        return Skipped(key, path, "hidden file")
    if name.startswith("~$"):
        return Skipped(key, path, "Office lock file")
    try:
        st = entry.stat() if entry is not None else os.stat(path)
    except FileNotFoundError:
        if entry is not None and entry.is_symlink():
            return Skipped(key, path, "broken symbolic link")
        return WalkError(key, path, MissingInputError(_safe(path), "no such file (removed during the walk)"))
    except OSError as err:
        return WalkError(key, path, UnreadableInputError(_safe(path), f"cannot examine ({_os_reason(err)})"))
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        return Skipped(key, path, "not a regular file")
    if format_of(name) is None:
        ext = os.path.splitext(name)[1].lower()
        return Skipped(key, path, f"unsupported format ({ext or 'no extension'})")
    return InputFile(key, path, st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------- the per-document function

_WORKER: dict[str, Any] = {}
_NLP_LOCK = threading.Lock()


def _init_worker(level: int) -> None:
    """ProcessPoolExecutor initializer: load the pipeline once per worker process."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    logging.getLogger("directive_nlp").setLevel(level)
    try:
        _pipeline()
        _worker_version()
    except Exception as err:  # reported per task by process_task
        _WORKER["load_error"] = f"{type(err).__name__}: {err}"


def _pipeline() -> Any:
    nlp = _WORKER.get("nlp")
    if nlp is None:
        from directive_nlp.nlp.pipeline import load

        with _NLP_LOCK:
            nlp = _WORKER.get("nlp") or load()
            _WORKER["nlp"] = nlp
    return nlp


def _worker_version() -> str:
    """The pipeline version of this worker process, fixed when it first loads the pipeline."""
    version = _WORKER.get("version")
    if version is None:
        version = _WORKER["version"] = pipeline_version()
    return str(version)


def _warm_worker() -> str:
    """Load the pipeline in a (Dask) worker; return its pipeline version."""
    _pipeline()
    return _worker_version()


def _one_line(text: str, limit: int = 400) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _maxrss_kb() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except (ImportError, OSError):
        return 0


def _hash_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_task(task: dict[str, Any]) -> dict[str, Any]:
    """Extract one input; never raises. The same function runs in process workers and on Dask.

    ``task``: key, path, max_bytes and optionally data (the file's bytes, for workers that do
    not share the file system). Returns an outcome dict: key, path, ok, version, sha256, and
    either ``json`` (the result, indented) or stage/code/reason; plus seconds and maxrss_kb.
    """
    t0 = time.perf_counter()
    path = task["path"]
    out: dict[str, Any] = {"key": task["key"], "path": _safe(path), "version": _worker_version(), "ok": False}
    sha: str | None = None

    def failed(stage: str, code: str, reason: str) -> dict[str, Any]:
        out.update(sha256=sha, stage=stage, code=code, reason=_one_line(reason))
        out.update(seconds=time.perf_counter() - t0, maxrss_kb=_maxrss_kb())
        return out

    data = task.get("data")
    try:
        if data is None:
            data = read_bytes(path, max_bytes=task["max_bytes"])
        sha = hashlib.sha256(data).hexdigest()
        source, hints = read_any(path, max_bytes=task["max_bytes"], data=data)
    except TooLargeError as err:
        with contextlib.suppress(OSError):
            sha = _hash_file(path)
        return failed("read", err.code, err.reason)
    except DirectiveNLPError as err:
        return failed("read", err.code, err.reason)
    except Exception as err:  # a reader bug must not lose the input
        log.debug("reading %s failed", path, exc_info=True)
        return failed("read", ExtractionFailedError.code, f"cannot read: {type(err).__name__}: {err}")
    finally:
        data = None
        task.pop("data", None)
    if source.path != out["path"]:
        source = dataclasses.replace(source, path=out["path"])
    if "load_error" in _WORKER:
        return failed("worker", WorkerCrashError.code, f"pipeline failed to load: {_WORKER['load_error']}")
    try:
        from directive_nlp.nlp.pipeline import extract

        nlp = _pipeline()
        with _NLP_LOCK:  # one document at a time per process (Dask workers may run threads)
            result = extract(source, nlp=nlp, published_at=hints.get("published_at"))
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    except Exception as err:
        log.debug("extracting %s failed", path, exc_info=True)
        return failed("extract", ExtractionFailedError.code, f"extraction failed: {type(err).__name__}: {err}")
    broken = stage_failures(result.get("warnings") or ())
    if broken:  # a stage raised: the document is an error record, not a quietly thinner result
        first = broken[0]
        return failed(f"extract:{first.get('stage')}", StageFailedError.code,
                      "; ".join(str(w.get("message")) for w in broken))
    out.update(ok=True, sha256=sha, json=text, seconds=time.perf_counter() - t0, maxrss_kb=_maxrss_kb())
    return out


def _error_outcome(task: dict[str, Any], stage: str, err: DirectiveNLPError, sha: str | None = None) -> dict[str, Any]:
    return {
        "key": task["key"],
        "path": _safe(task["path"]),
        "version": None,  # made by the client, not by a worker
        "ok": False,
        "sha256": sha,
        "stage": stage,
        "code": err.code,
        "reason": _one_line(err.reason),
    }


# --------------------------------------------------------------------------- engines

TaskFn = Callable[[dict[str, Any]], dict[str, Any]]


class _ProcessEngine:
    """concurrent.futures.ProcessPoolExecutor with crash isolation.

    When a worker dies the pool breaks and every in-flight future fails; those inputs are then
    run again one at a time in a fresh pool, so the one that kills its worker is the only one
    recorded as a WorkerCrashError.
    """

    name = "process"

    def __init__(self, jobs: int, fn: TaskFn, level: int) -> None:
        self.jobs = max(1, jobs)
        self.fn = fn
        self.level = level
        self.limit = 4 * self.jobs
        self.pool: Any = None

    def _pool(self) -> Any:
        if self.pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.level,),
            )
        return self.pool

    def _discard(self) -> None:
        if self.pool is not None:
            with contextlib.suppress(Exception):
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    @staticmethod
    def _crash(task: dict[str, Any], err: BaseException) -> dict[str, Any]:
        reason = "worker process died while processing this input (crash or out of memory)"
        if not _is_broken(err):
            reason = f"worker failed: {type(err).__name__}: {err}"
        return _error_outcome(task, "worker", WorkerCrashError(task["path"], reason))

    def run(self, tasks: Iterator[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        from concurrent.futures import FIRST_COMPLETED, wait

        inflight: dict[Any, dict[str, Any]] = {}
        exhausted = False
        while True:
            while not exhausted and len(inflight) < self.limit:
                try:
                    task = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                inflight[self._pool().submit(self.fn, task)] = task
            if not inflight:
                return
            done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            suspects: list[dict[str, Any]] = []
            for fut in done:
                task = inflight.pop(fut)
                try:
                    outcome = fut.result()
                except BaseException as err:
                    if _is_broken(err):
                        suspects.append(task)
                        continue
                    if not isinstance(err, Exception):
                        raise
                    outcome = self._crash(task, err)
                yield task, outcome
            if suspects:
                # the pool is broken: every other in-flight future fails too (or just finished)
                for fut, task in list(inflight.items()):
                    try:
                        outcome = fut.result()
                    except Exception as err:
                        suspects.append(task)
                        log.debug("in-flight input lost with the pool: %s (%s)", task["path"], err)
                        continue
                    yield task, outcome
                inflight.clear()
                self._discard()
                if len(suspects) == 1:
                    yield suspects[0], self._crash(suspects[0], _broken_marker())
                else:
                    log.warning("a worker process died; re-running %d inputs one at a time", len(suspects))
                    for task in suspects:
                        yield task, self._solo(task)

    def _solo(self, task: dict[str, Any]) -> dict[str, Any]:
        try:
            result: dict[str, Any] = self._pool().submit(self.fn, task).result()
            return result
        except Exception as err:
            self._discard()
            return self._crash(task, err)


def _is_broken(err: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(err, BrokenProcessPool)


def _broken_marker() -> BaseException:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool("worker died")


class _DaskEngine:
    """The same per-document function on a Dask distributed cluster.

    The client reads each input and ships its bytes (workers need no shared file system),
    keeps a bounded number of futures in flight and collects them with ``as_completed``;
    results are written to OUT_DIR by the client. A task whose worker keeps dying
    (``KilledWorker``) becomes a WorkerCrashError record.
    """

    name = "dask"

    def __init__(self, scheduler: str | None, fn: TaskFn, version: str, client: Any = None,
                 timeout: float | None = None) -> None:
        timeout = DASK_CONNECT_TIMEOUT if timeout is None else timeout
        self.fn = fn
        self.own = client is None
        if client is None:
            try:
                from distributed import Client
            except ImportError as err:  # pragma: no cover - declared dependency
                raise BatchUsageError(None, f"the dask engine needs dask[distributed] ({err})") from None
            if not scheduler:
                raise BatchUsageError(None, "--engine dask needs --scheduler tcp://HOST:PORT")
            try:
                client = Client(scheduler, timeout=timeout, set_as_default=False)
            except Exception as err:
                raise BatchUsageError(scheduler, f"cannot reach the Dask scheduler ({type(err).__name__}: {_one_line(str(err), 200)})") from None
        self.client = client
        try:
            versions = client.run(_warm_worker)
        except Exception as err:
            self.close()
            raise BatchUsageError(scheduler, f"cannot start the pipeline on the Dask workers ({type(err).__name__}: {_one_line(str(err), 200)})") from None
        mine = version
        bad = {w: v for w, v in versions.items() if v != mine}
        if bad:
            self.close()
            worker, version = next(iter(bad.items()))
            raise BatchUsageError(scheduler, f"worker {worker} runs pipeline {version}, this client {mine}")
        threads = sum(client.nthreads().values()) or 1
        self.limit = max(4, 3 * threads)
        log.info("dask: %d workers, %d threads, %d tasks in flight", len(versions), threads, self.limit)

    def close(self) -> None:
        if self.own and self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
        self.client = None

    def _collect(self, task: dict[str, Any], fut: Any) -> dict[str, Any]:
        try:
            outcome: dict[str, Any] = fut.result()
        except Exception as err:
            reason = f"Dask task failed: {type(err).__name__}: {_one_line(str(err), 200)}"
            if type(err).__name__ == "KilledWorker":
                reason = "Dask worker died while processing this input (crash or out of memory)"
            outcome = _error_outcome(task, "worker", WorkerCrashError(task["path"], reason))
        finally:
            with contextlib.suppress(Exception):
                fut.release()
        return outcome

    def run(self, tasks: Iterator[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        from distributed import as_completed

        ac = as_completed(loop=self.client.loop)
        pending: dict[str, dict[str, Any]] = {}
        tag = uuid.uuid4().hex[:8]
        for n, task in enumerate(tasks):
            try:
                data = read_bytes(task["path"], max_bytes=task["max_bytes"])
            except DirectiveNLPError as err:
                yield task, _error_outcome(task, "read", err)
                continue
            while pending and ac.count() >= self.limit:
                fut = next(ac)
                yield self._done(pending, fut)
            fut = self.client.submit(self.fn, dict(task, data=data), pure=False, key=f"directive-nlp-{tag}-{n}")
            data = None
            pending[fut.key] = task
            ac.add(fut)
        for fut in ac:
            yield self._done(pending, fut)

    def _done(self, pending: dict[str, dict[str, Any]], fut: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        task = pending.pop(fut.key)
        return task, self._collect(task, fut)


# --------------------------------------------------------------------------- manifest


class _Manifest:
    """SQLite (WAL) record of what was done, keyed by relative path."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        layout = self.get_meta("layout")
        if layout is not None and layout != MANIFEST_LAYOUT:
            log.warning("%s: manifest layout %s, expected %s: starting afresh", path, layout, MANIFEST_LAYOUT)
            self.db.execute("DROP TABLE IF EXISTS files")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS files ("
            " key TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
            " sha256 TEXT, version TEXT NOT NULL, status TEXT NOT NULL, code TEXT, record TEXT,"
            " run INTEGER NOT NULL)"
        )
        self.set_meta("layout", MANIFEST_LAYOUT)
        self._seen: list[tuple[int, str]] = []
        self.run = int(self.get_meta("run") or 0) + 1
        self.set_meta("run", str(self.run))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def get(self, key: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.db.execute(
            "SELECT size, mtime_ns, sha256, version, status, code, record FROM files WHERE key=?", (key,)
        ).fetchone()
        return row

    def seen(self, key: str) -> None:
        self._seen.append((self.run, key))
        if len(self._seen) >= _SEEN_BATCH:
            self.flush()

    def flush(self) -> None:
        if self._seen:
            with self.transaction():
                self.db.executemany("UPDATE files SET run=? WHERE key=?", self._seen)
            self._seen = []

    def touch(self, key: str, mtime_ns: int) -> None:
        self.db.execute("UPDATE files SET mtime_ns=?, run=? WHERE key=?", (mtime_ns, self.run, key))

    def put(self, key: str, path: str, size: int, mtime_ns: int, sha256: str | None, version: str,
            status: str, code: str | None, record: str | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO files(key, path, size, mtime_ns, sha256, version, status, code, record, run)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, path, size, mtime_ns, sha256, version, status, code, record, self.run),
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def unseen(self) -> list[tuple[str, str]]:
        return [(str(k), str(s)) for k, s in self.db.execute("SELECT key, status FROM files WHERE run != ?", (self.run,))]

    def delete(self, key: str) -> None:
        self.db.execute("DELETE FROM files WHERE key=?", (key,))

    def rows(self, status: str) -> Iterator[tuple[str, str | None]]:
        cur = self.db.execute("SELECT key, record FROM files WHERE status=? ORDER BY key", (status,))
        for key, record in cur:
            yield str(key), record

    def count(self, status: str) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM files WHERE status=?", (status,)).fetchone()[0])

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.flush()
        self.db.close()


# --------------------------------------------------------------------------- durable files


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(str(path), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_durable(target: Path, data: bytes, tmp_dir: Path) -> None:
    """Write ``data`` to ``target`` atomically: temporary file, fsync, rename, fsync folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir / f"{uuid.uuid4().hex}.part"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)


class _LineWriter:
    """A JSON Lines file written to a temporary file and renamed into place on commit."""

    def __init__(self, target: Path, tmp_dir: Path) -> None:
        self.target = target
        self.tmp = tmp_dir / f"{target.name}.{uuid.uuid4().hex}.part"
        self.fh = open(self.tmp, "w", encoding="utf-8", newline="\n")
        self.lines = 0

    def write(self, line: str) -> None:
        self.fh.write(line)
        self.fh.write("\n")
        self.lines += 1

    def commit(self) -> int:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.target)
        return self.target.stat().st_size

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
            self.tmp.unlink()


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fh = open(out / LOCK_FILE, "a+")
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchUsageError(str(out), "another batch run is using this output folder") from None
        yield
    finally:
        fh.close()


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
) -> BatchSummary:
    """Extract every input under ``inputs`` into ``out_dir`` (see the module doc).

    ``engine``: "process" (``jobs`` worker processes) or "dask" (``scheduler`` address, or a
    ready ``client``). ``on_error`` is called with each new error record. ``task_fn`` replaces
    :func:`process_task` (a module-level function; for tests and extensions).
    Raises BatchUsageError when the run cannot start.
    """
    t0 = time.perf_counter()
    if engine not in ("process", "dask"):
        raise BatchUsageError(None, f"unknown engine {engine!r} (process or dask)")
    if max_bytes <= 0:
        raise BatchUsageError(None, "the size limit must be positive")
    out = Path(out_dir)
    roots = list(inputs)
    _roots(roots)  # validate before touching OUT_DIR
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / DOCS_DIR).mkdir(exist_ok=True)
    except OSError as err:
        raise BatchUsageError(str(out), f"cannot create the output folder ({_os_reason(err)})") from None
    fn = task_fn or process_task
    with _locked(out):
        tmp_dir = out / TMP_DIR
        shutil.rmtree(tmp_dir, ignore_errors=True)  # leftovers of a killed run
        tmp_dir.mkdir(exist_ok=True)
        version = pipeline_version()
        manifest = _Manifest(out / MANIFEST_FILE)
        runner: _ProcessEngine | _DaskEngine | None = None
        skipped_out = _LineWriter(out / SKIPPED_FILE, tmp_dir)
        try:
            if engine == "dask":
                runner = _DaskEngine(scheduler, fn, version, client=client)
            else:
                runner = _ProcessEngine(jobs, fn, logging.getLogger("directive_nlp").getEffectiveLevel())
            state = _Run(out, tmp_dir, manifest, version, max_bytes, force, on_error, progress)
            state.start_bar(roots)
            try:
                for task, outcome in runner.run(state.tasks(roots, skipped_out)):
                    state.handle(task, outcome)
            finally:
                state.close_bar()
            manifest.flush()
            removed = state.prune()
            state.finish_lines()
            skipped_out.commit()
        except BaseException:
            skipped_out.abort()
            raise
        finally:
            if runner is not None:
                runner.close()
            manifest.close()
            shutil.rmtree(tmp_dir, ignore_errors=True)
    results, errors = state.results, state.errors
    return BatchSummary(
        out_dir=str(out),
        engine=engine,
        jobs=1 if engine == "dask" else max(1, jobs),
        inputs=results + errors,
        processed=state.processed,
        failed=state.failed,
        unchanged=state.unchanged,
        skipped=state.skipped,
        removed=removed,
        results=results,
        errors=errors,
        seconds=time.perf_counter() - t0,
        peak_worker_rss_mb=(state.peak_kb / 1024) if state.peak_kb else None,
        pipeline_version=version,
    )


class _Run:
    """Book-keeping of one run (single-threaded: all in the main process)."""

    def __init__(self, out: Path, tmp_dir: Path, manifest: _Manifest, version: str, max_bytes: int,
                 force: bool, on_error: Callable[[dict[str, Any]], None] | None, progress: bool) -> None:
        self.out = out
        self.docs = out / DOCS_DIR
        self.tmp_dir = tmp_dir
        self.manifest = manifest
        self.version = version
        self.max_bytes = max_bytes
        self.force = force
        self.on_error = on_error
        self.progress = progress
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
        from tqdm import tqdm

        total = sum(1 for _ in iter_inputs(roots, exclude=[self.out]))
        self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, mininterval=0.5,
                        smoothing=0.05, desc="batch")

    def tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _report(self, record: dict[str, Any]) -> None:
        if self.on_error is None:
            return
        if self.bar is not None:
            with self.bar.external_write_mode(file=sys.stderr):
                self.on_error(record)
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
        for item in iter_inputs(roots, exclude=[self.out]):
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
