"""What the batch modules share: the layout of OUT_DIR, file names as text, OS reasons."""
from __future__ import annotations

import logging



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
#: Seconds an input may take to extract (``--timeout``) before its worker is replaced.
DEFAULT_TIMEOUT = 60.0
_SEEN_BATCH = 1000
_MB = 1_000_000


def _safe(s: str) -> str:
    """A file name as valid UTF-8 text (undecodable bytes shown as \\xNN)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _os_reason(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


