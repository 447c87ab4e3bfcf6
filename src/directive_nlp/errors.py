"""Typed errors, every code defined once here. Each carries a stable code, the path it concerns
and a one-line reason; the CLI prints ``str(error)`` ("path: reason [code]"), never a traceback.

| range | what |
|---|---|
| E1xx | one input: missing, unreadable, empty, binary, undecodable, too large, format problems |
| E2xx | gold files and the evaluation |
| E3xx | extraction and batch machinery: a stage or the whole extraction failed, worker, writes |
| E4xx | missing optional parts (an extra not installed) |
| E5xx | the query database |
"""

from __future__ import annotations

__all__ = [
    "DirectiveNLPError",
    "InputError",
    "MissingInputError",
    "NotAFileError",
    "UnreadableInputError",
    "EmptyInputError",
    "BinaryInputError",
    "DecodeError",
    "TooLargeError",
    "UnsupportedFormatError",
    "NoTextLayerError",
    "MalformedDocumentError",
    "EncryptedDocumentError",
    "GoldError",
    "BatchError",
    "ExtractionFailedError",
    "WorkerCrashError",
    "OutputWriteError",
    "StageFailedError",
    "BatchUsageError",
    "MissingExtraError",
    "QueryError",
    "NoDatabaseError",
    "DatabaseBusyError",
    "ReadOnlyError",
    "BadQueryError",
    "IndexSourceError",
    "DocumentTimeoutError",
    "ALL_ERRORS",
]


class DirectiveNLPError(Exception):
    """Base class. ``code`` is stable across versions."""

    code = "E000"

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.reason} [{self.code}]"

    def dump(self) -> dict[str, str | None]:
        return {"code": self.code, "path": self.path, "reason": self.reason}

    def __reduce__(self) -> tuple[type[DirectiveNLPError], tuple[str | None, str]]:
        # pickled as (path, reason): errors cross process boundaries (workers, Dask)
        return (type(self), (self.path, self.reason))


# --------------------------------------------------------------------------- E1xx inputs


class InputError(DirectiveNLPError):
    """Something is wrong with one input file."""

    code = "E100"


class MissingInputError(InputError):
    code = "E101"


class NotAFileError(InputError):
    code = "E102"


class UnreadableInputError(InputError):
    code = "E103"


class EmptyInputError(InputError):
    code = "E104"


class BinaryInputError(InputError):
    code = "E105"


class DecodeError(InputError):
    code = "E106"


class TooLargeError(InputError):
    code = "E107"


class UnsupportedFormatError(InputError):
    """The file's extension is not a supported format."""

    code = "E110"


class NoTextLayerError(InputError):
    """A PDF without extractable text (a scan: needs OCR first)."""

    code = "E111"


class MalformedDocumentError(InputError):
    """A DOCX/PDF/HTML file that cannot be parsed as such."""

    code = "E112"


class EncryptedDocumentError(InputError):
    """A password-protected document, or one that forbids text extraction."""

    code = "E113"


# --------------------------------------------------------------------------- E2xx gold / eval


class GoldError(DirectiveNLPError):
    code = "E200"


# --------------------------------------------------------------------------- E3xx extraction, batch


class BatchError(DirectiveNLPError):
    """A failure of the batch machinery about one input (not the input's own fault)."""

    code = "E390"


class ExtractionFailedError(BatchError):
    """The pipeline raised on this input (a bug: the other inputs are still processed)."""

    code = "E300"


class WorkerCrashError(BatchError):
    """The worker process died while handling this input (crash, out of memory, lost node)."""

    code = "E301"


class OutputWriteError(BatchError):
    """The result could not be written to OUT_DIR."""

    code = "E302"


class DocumentTimeoutError(BatchError):
    """The extraction of this input took longer than the time limit (``--timeout``); its worker
    process was stopped and replaced, the other inputs are still processed."""

    code = "E303"


class StageFailedError(DirectiveNLPError):
    """One stage of the pipeline raised; the document's other fields were still extracted.

    Not raised: the code goes into the document's ``warnings`` with the stage's name.
    """

    code = "E320"


class BatchUsageError(DirectiveNLPError):
    """The run cannot start (bad inputs, OUT_DIR busy or unusable, scheduler unreachable)."""

    code = "E310"


# --------------------------------------------------------------------------- E4xx install


class MissingExtraError(DirectiveNLPError):
    """A command needs an optional part that is not installed (``pip install 'directive-nlp[X]'``)."""

    code = "E400"


# --------------------------------------------------------------------------- E5xx query database


class QueryError(DirectiveNLPError):
    """A query-database failure (E5xx)."""

    code = "E500"


class NoDatabaseError(QueryError):
    """No database there: missing path, folder not indexed, not a directive-nlp database."""

    code = "E501"


class DatabaseBusyError(QueryError):
    """Another process holds the database (an index run writing it)."""

    code = "E502"


class ReadOnlyError(QueryError):
    """A statement that would change the database, refused by ``sql``."""

    code = "E503"


class BadQueryError(QueryError):
    """A query or filter that cannot run (SQL error, bad date, empty search)."""

    code = "E504"


class IndexSourceError(QueryError):
    """The folder to index is missing or holds no results."""

    code = "E505"


ALL_ERRORS: tuple[type[DirectiveNLPError], ...] = tuple(
    obj for name, obj in list(globals().items())
    if isinstance(obj, type) and issubclass(obj, DirectiveNLPError)
)
