"""``directive-nlp extract``: files (or standard input) to JSON, each within a time limit.

With ``--timeout`` (default 60 s) each document is extracted in a worker process (forked from
this one, the pipeline already loaded, where the platform allows it): a document over the limit
is reported on stderr with E303, its worker is replaced, and the next document goes on.
``--timeout 0`` extracts in this process, without a limit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from directive_nlp.errors import (
    DirectiveNLPError,
    DocumentTimeoutError,
    ExtractionFailedError,
    OutputWriteError,
    StageFailedError,
    WorkerCrashError,
)

__all__ = ["cmd_extract", "DEFAULT_TIMEOUT", "non_negative_seconds"]

log = logging.getLogger("directive_nlp")

DEFAULT_TIMEOUT = 60.0

#: The pipeline of this process, for the worker processes that extract (forked or spawned).
_LOADED: dict[str, Any] = {}


def non_negative_seconds(text: str) -> float:
    """Seconds >= 0 (0: no limit)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value < 1e6:
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0: {text!r}")
    return value


def _error(msg: str) -> None:
    print(f"directive-nlp: error: {msg}", file=sys.stderr)


def _dumps(data: Any, *, indent: int | None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def _out_name(path: str, used: set[str]) -> str:
    base = "stdin" if path == "-" else Path(path).name
    stem = base[: -len(Path(base).suffix)] if Path(base).suffix else base
    name = f"{stem}.json"
    if name in used:
        digest = hashlib.sha256(os.path.abspath(path).encode("utf-8")).hexdigest()[:8]
        name = f"{stem}.{digest}.json"
    used.add(name)
    return name


def _load_pipeline() -> None:
    """Imports spaCy and underthesea and loads the pipeline (``load`` runs it once and freezes
    the loaded objects out of the garbage collector's walks), with the collector held off over
    the imports too: the modules' objects are frozen as well (which also keeps a forked worker's
    copy of them untouched)."""
    from directive_nlp.collector import collector_held

    with collector_held(freeze=True):
        from directive_nlp.nlp.pipeline import load

        _LOADED["nlp"] = load()


def _extract_task(task: dict[str, Any]) -> dict[str, Any]:
    """The worker's function: extract one source with the loaded pipeline."""
    from directive_nlp.nlp.pipeline import extract

    result: dict[str, Any] = extract(task["source"], nlp=_LOADED["nlp"], published_at=task["published_at"],
                                     tokens=task["tokens"])
    return result


class _Extractor:
    """Extracts sources in this process (no limit) or in a worker process with a time limit."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.pool: Any = None

    def __call__(self, source: Any, published_at: str | None, tokens: bool) -> dict[str, Any]:
        task = {"source": source, "published_at": published_at, "tokens": tokens}
        if not self.timeout:
            if "nlp" not in _LOADED:
                _load_pipeline()
            return _extract_task(task)
        from directive_nlp.apps.workers import TaskTimeout, WorkerDied

        try:
            result: dict[str, Any] = self._pool().call(task, timeout=self.timeout)
            return result
        except TaskTimeout:
            raise DocumentTimeoutError(
                source.path, f"extraction took longer than the {self.timeout:g} s time limit (--timeout)"
            ) from None
        except WorkerDied as err:
            raise WorkerCrashError(source.path, f"the extraction process died: {err}") from None

    def _pool(self) -> Any:
        if self.pool is None:
            from directive_nlp.apps.workers import WorkerPool

            if "fork" in multiprocessing.get_all_start_methods():
                if "nlp" not in _LOADED:
                    _load_pipeline()  # loaded once here, shared by every forked worker
                self.pool = WorkerPool(1, _extract_task, context="fork")
            else:  # pragma: no cover - no fork on this platform
                self.pool = WorkerPool(1, _extract_task, init=_load_pipeline)
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def _output_dir(args: argparse.Namespace) -> Path | None:
    if not args.output_dir:
        return None
    outdir = Path(args.output_dir)
    outdir.mkdir(parents=True, exist_ok=True)  # OSError: reported by the caller
    return outdir


def _write(result: dict[str, Any], path: str, args: argparse.Namespace, outdir: Path | None, used: set[str],
           stdout: TextIO, single: bool) -> None:
    """One result to OUT_DIR/<name>.json or stdout; OutputWriteError when the file cannot be written."""
    if outdir is None:
        stdout.write(_dumps(result, indent=None if (args.compact or not single) else 2) + "\n")
        return
    from directive_nlp.apps.batch import write_durable

    target = outdir / _out_name(path, used)
    try:
        write_durable(target, (_dumps(result, indent=2) + "\n").encode("utf-8"), outdir)
    except OSError as exc:
        raise OutputWriteError(str(target), f"cannot write ({(exc.strerror or str(exc)).lower()})") from None
    log.info("%s -> %s", path, target)


def _one(path: str, args: argparse.Namespace, extractor: _Extractor) -> dict[str, Any] | None:
    """The result of one input, or None when it failed (named on stderr)."""
    from directive_nlp.io.reading import read_source

    try:
        source = read_source(path, max_bytes=int(args.max_mb * 1_000_000))
        return extractor(source, args.published_at, args.tokens)
    except DirectiveNLPError as exc:
        _error(str(exc))
    except Exception as exc:  # an extractor bug must not lose the other files
        log.debug("extraction failed", exc_info=True)
        _error(f"{path}: extraction failed: {type(exc).__name__}: {exc} [{ExtractionFailedError.code}]")
    return None


def cmd_extract(args: argparse.Namespace, stdout: TextIO) -> int:
    from directive_nlp.nlp.warnings import stage_failures

    if args.files.count("-") > 1:
        _error("standard input ('-') can be read only once")
        return 2
    try:
        outdir = _output_dir(args)
    except OSError as exc:
        _error(f"{args.output_dir}: cannot create output folder ({exc.strerror or exc})")
        return 2
    single = len(args.files) == 1 and outdir is None and not args.jsonl
    failed = 0
    used: set[str] = set()
    extractor = _Extractor(getattr(args, "timeout", DEFAULT_TIMEOUT))
    try:
        for path in args.files:
            result = _one(path, args, extractor)
            if result is None:
                failed += 1
                continue
            broken = stage_failures(result.get("warnings") or ())
            if broken:  # the result is still written, with the failure in its warnings
                _error(f"{path}: " + "; ".join(str(w.get("message")) for w in broken) + f" [{StageFailedError.code}]")
                failed += 1
            try:
                _write(result, path, args, outdir, used, stdout, single)
            except OutputWriteError as exc:
                _error(str(exc))
                failed += 1
    finally:
        extractor.close()
    stdout.flush()
    if failed:
        print(f"directive-nlp: {failed} of {len(args.files)} input(s) failed", file=sys.stderr)
    return 1 if failed else 0
