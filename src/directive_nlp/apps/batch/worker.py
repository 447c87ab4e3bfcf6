"""The per-document function, the same in process workers and on Dask; the pipeline version."""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import signal
import threading
import time
from pathlib import Path
from typing import Any

from directive_nlp import SCHEMA_VERSION, __version__
from directive_nlp.errors import (
    DirectiveNLPError,
    ExtractionFailedError,
    StageFailedError,
    TooLargeError,
    WorkerCrashError,
)
from directive_nlp.io.formats import read_any, read_bytes
from directive_nlp.nlp.warnings import stage_failures
from directive_nlp.apps.batch.common import _safe

log = logging.getLogger(__name__)

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


# --------------------------------------------------------------------------- the per-document function

_WORKER: dict[str, Any] = {}
_NLP_LOCK = threading.Lock()


def _init_worker(level: int) -> None:
    """Worker initializer: load the pipeline (and the word models it loads on first use) once per
    worker process, so that a document's time limit counts its own extraction only."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    logging.getLogger("directive_nlp").setLevel(level)
    try:
        from directive_nlp.nlp.pipeline import extract

        extract("Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021.", nlp=_pipeline())
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

