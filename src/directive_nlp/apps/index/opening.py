"""Opening the database read-only for queries."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from directive_nlp.errors import (
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


def connect(path: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database of ``path`` (no file access outside it)."""
    import duckdb

    db = resolve_db(path)
    try:
        con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
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
    return con


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
            self.con.close()


def tables(out_dir: str | os.PathLike[str] | Any = ".") -> dict[str, pandas.DataFrame]:
    """Every table of the database of ``out_dir`` (folder or database file) as a pandas DataFrame."""
    with _Conn(out_dir) as con:
        return {name: con.sql(f"SELECT * FROM {name}").df() for name in TABLES}


