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

The package by concern: ``walk`` (inputs), ``worker`` (the per-document function), ``engines``
(process workers, Dask), ``manifest`` (SQLite record), ``files`` (durable writes), ``run``
(one run's book-keeping and :func:`run_batch`).
"""

from __future__ import annotations

from directive_nlp.apps.batch.common import (
    DASK_CONNECT_TIMEOUT,
    DOCS_DIR,
    ERRORS_FILE,
    LOCK_FILE,
    MANIFEST_FILE,
    MANIFEST_LAYOUT,
    RESULTS_FILE,
    RETRY_CODES,
    SKIPPED_FILE,
    TMP_DIR,
)
from directive_nlp.apps.batch.files import write_durable
from directive_nlp.apps.batch.run import BatchSummary, run_batch
from directive_nlp.apps.batch.walk import InputFile, Skipped, WalkError, iter_inputs
from directive_nlp.apps.batch.worker import pipeline_version, process_task
from directive_nlp.errors import (
    BatchError,
    BatchUsageError,
    ExtractionFailedError,
    OutputWriteError,
    WorkerCrashError,
)

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
    "MANIFEST_LAYOUT",
    "LOCK_FILE",
    "TMP_DIR",
    "RETRY_CODES",
    "DASK_CONNECT_TIMEOUT",
    "write_durable",
]

