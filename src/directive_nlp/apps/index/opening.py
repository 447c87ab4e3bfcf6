"""Opening the database read-only for queries."""
from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from directive_nlp.errors import (
    BadQueryError,
    DatabaseBusyError,
    NoDatabaseError,
)

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas

from directive_nlp.apps.index.columns import DB_FILE, TABLES, _DOCS, _MANIFEST
from directive_nlp.apps.index.indexing import _first_line

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- opening


def _is_duckdb_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return head[8:12] == b"DUCK"


def resolve_db(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file for ``path``: a batch output folder (its directives.duckdb) or the file itself."""
    p = Path(path) if path is not None else Path(".")
    if p.is_dir():
        db = p / DB_FILE
        if db.is_file():
            return db
        if (p / _MANIFEST).is_file() or (p / _DOCS).is_dir():
            raise NoDatabaseError(str(p), f"not indexed yet: run 'directive-nlp index {p}'")
        raise NoDatabaseError(str(p), f"no {DB_FILE} here: give --db OUT_DIR (a batch output folder) or the database file")
    if p.is_file():
        if not _is_duckdb_file(p):
            raise NoDatabaseError(str(p), "not a DuckDB database file")
        return p
    raise NoDatabaseError(str(p), "no such file or folder")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one read-only connection may use: DuckDB's ``memory_limit`` and ``threads``, and
    seconds per statement (interrupted past it)."""

    memory: str = "1GB"
    threads: int = 2
    seconds: float = 60.0


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b)?\s*", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def size_bytes(text: str) -> int | None:
    """Bytes of a DuckDB size ("1GB", "200MB", "4GiB"); None when it is not one."""
    m = _SIZE.fullmatch(text)
    if not m:
        return None
    return int(float(m.group(1)) * _UNITS.get((m.group(2) or "b").lower(), 1))


@contextlib.contextmanager
def memory_bound(limits: Limits) -> Iterator[None]:
    """Bound this process's data size while a query runs (restored after).

    DuckDB's ``memory_limit`` covers its buffer manager only: ``SELECT list(range(300000000))``
    grew to 14 GB under a 200 MB limit. Under RLIMIT_DATA its allocation fails at once and DuckDB
    answers "Out of Memory". The bound is the data size now (virtual, as the limit counts it) +
    the limit + 512 MiB (threads' stacks, the result's conversion)."""
    wanted = size_bytes(limits.memory)
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        wanted = None
    if wanted is None:
        yield
        return
    old = resource.getrlimit(resource.RLIMIT_DATA)
    bound = _data_size() + wanted + 512 * 2**20
    if old[0] != resource.RLIM_INFINITY:
        bound = min(bound, old[0])
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (bound, old[1]))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, old)


def _data_size() -> int:
    """This process's data size (VmData, virtual), or its peak resident size where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


#: Limits of the connections opened by :func:`connect`, by connection (the time limit is ours).
_LIMITS: dict[int, Limits] = {}


def connect(path: str | os.PathLike[str] | None = None, *, limits: Limits | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database of ``path`` (no file access outside it), within
    ``limits`` (memory, threads, seconds per statement; :class:`Limits` by default)."""
    import duckdb

    limits = limits or Limits()
    if size_bytes(limits.memory) is None:
        raise BadQueryError(None, f"not a memory size: {limits.memory!r} (e.g. 1GB, 500MB, 4GiB)")
    db = resolve_db(path)
    config = {"enable_external_access": False, "memory_limit": limits.memory, "threads": limits.threads,
              "lock_configuration": True}
    try:
        con = duckdb.connect(str(db), read_only=True, config=config)  # type: ignore[arg-type]
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise DatabaseBusyError(str(db), "the database is being written by another process (an index run?); try again when it ends") from None
        raise NoDatabaseError(str(db), f"cannot open the database ({_first_line(err)})") from None
    except duckdb.Error as err:
        raise NoDatabaseError(str(db), f"cannot open the database ({_first_line(err)})") from None
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    if not set(TABLES) <= names:
        con.close()
        raise NoDatabaseError(str(db), "not a directive-nlp database (no documents/directives tables)")
    _LIMITS[id(con)] = limits
    return con


def close(con: Any) -> None:
    """Close a connection made by :func:`connect`."""
    _LIMITS.pop(id(con), None)
    con.close()


@contextlib.contextmanager
def time_limit(con: Any) -> Iterator[None]:
    """Interrupt the statement running on ``con`` when it passes the connection's time limit."""
    limits = _LIMITS.get(id(con))
    if limits is None or not limits.seconds:
        yield
        return
    timer = threading.Timer(limits.seconds, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _query_error(con: Any, err: BaseException) -> BadQueryError:
    """A DuckDB error as one line; an interrupted statement names the time limit."""
    import duckdb

    limits = _LIMITS.get(id(con)) or Limits()
    if isinstance(err, duckdb.InterruptException):
        return BadQueryError(None, f"query stopped: over the {limits.seconds:g} s time limit (--query-timeout)")
    if isinstance(err, duckdb.OutOfMemoryException):
        return BadQueryError(None, f"query stopped: over the {limits.memory} memory limit (--memory-limit)")
    return BadQueryError(None, _first_line(err))


class _Conn:
    """Use a given connection, or open (and close) one for a path."""

    def __init__(self, db: Any) -> None:
        self.given = db if hasattr(db, "execute") else None
        self.path = db

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        if self.given is not None:
            return self.given
        self.con = connect(self.path)
        return self.con

    def __exit__(self, *exc: Any) -> None:
        if self.given is None:
            close(self.con)


def tables(out_dir: str | os.PathLike[str] | Any = ".") -> dict[str, pandas.DataFrame]:
    """Every table of the database of ``out_dir`` (folder or database file) as a pandas DataFrame."""
    with _Conn(out_dir) as con:
        return {name: con.sql(f"SELECT * FROM {name}").df() for name in TABLES}


