"""Indexing an output folder incrementally into its DuckDB database."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from directive_nlp.errors import (
    DatabaseBusyError,
    IndexSourceError,
)

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

from directive_nlp.apps.index.columns import DB_FILE, LAYOUT, TABLES, _BATCH_DOCS, _create_sql
from directive_nlp.apps.index.listing import _Entry, _listing
from directive_nlp.apps.index.loading import _load_batch

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- indexing


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """What an index run did. ``failed`` results could not be read (listed in ``failures``)."""

    db_path: str
    out_dir: str
    source: str
    documents: int
    added: int
    updated: int
    removed: int
    unchanged: int
    failed: int
    rebuilt: bool
    rows: dict[str, int]
    seconds: float
    failures: tuple[tuple[str, str], ...] = ()

    @property
    def loaded(self) -> int:
        return self.added + self.updated

    @property
    def docs_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds > 0 else 0.0

    def dump(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["failures"] = [{"doc_id": k, "reason": r} for k, r in self.failures]
        data["seconds"] = round(self.seconds, 3)
        data["docs_per_second"] = round(self.docs_per_second, 1)
        return data

    def format(self) -> str:
        rate = f", {self.docs_per_second:,.0f} docs/s" if self.loaded else ""
        rows = ", ".join(f"{n} {k}" for k, n in self.rows.items() if k != "documents")
        return (
            f"{self.documents} documents indexed in {self.db_path}: {self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged, {self.failed} failed"
            f"{' (rebuilt)' if self.rebuilt else ''}; {rows}; {self.seconds:.2f} s{rate}"
        )


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    """The first row of a query (all rows fetched: DuckDB wants a result read to its end)."""
    rows = con.execute(sql, list(params)).fetchall()
    return tuple(rows[0]) if rows else None


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def _open_write(db: Path) -> duckdb.DuckDBPyConnection:
    import duckdb

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(db))
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise DatabaseBusyError(str(db), "the database is in use by another process; try again when it ends") from None
        raise IndexSourceError(str(db), f"cannot open the database ({_first_line(err)})") from None
    except (duckdb.Error, OSError) as err:
        raise IndexSourceError(str(db), f"cannot open the database ({_first_line(err)})") from None


def _meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM index_meta").fetchall()}
    except Exception:
        return {}


def _set_meta(con: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    con.execute("DELETE FROM index_meta WHERE key IN (SELECT unnest(?::VARCHAR[]))", [list(values)])
    con.executemany("INSERT INTO index_meta VALUES (?, ?)", list(values.items()))


def _prepare(con: duckdb.DuckDBPyConnection, force: bool) -> bool:
    """Create the tables (dropping them when the layout changed); True if (re)built."""
    meta = _meta(con)
    existing = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    fresh = (
        force
        or meta.get("layout") != LAYOUT
        or not set(TABLES) <= existing
    )
    if not fresh:
        return False
    if existing and meta.get("layout") not in (None, LAYOUT):
        log.info("database layout %s, expected %s: rebuilding", meta.get("layout"), LAYOUT)
    con.begin()
    for name in list(TABLES) + ["index_meta"]:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for stmt in _create_sql():
        con.execute(stmt)
    _set_meta(con, {"layout": LAYOUT})
    con.commit()
    return True


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or total < 2000:
        return None
    import sys

    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="indexing", leave=False, file=sys.stderr)


def index_out_dir(
    out_dir: str | os.PathLike[str],
    db_path: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    progress: bool = False,
) -> IndexSummary:
    """Index (incrementally) the results in ``out_dir`` into ``db_path`` (default ``out_dir/directives.duckdb``).

    Raises IndexSourceError when ``out_dir`` holds no results, DatabaseBusyError when the
    database is open in another process. A result that cannot be read is skipped and counted
    in ``failed`` (it is tried again by the next run).
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    entries, source = _listing(out)
    db = Path(db_path) if db_path is not None else out / DB_FILE
    if db.is_dir():
        db = db / DB_FILE
    con = _open_write(db)
    try:
        rebuilt = _prepare(con, force)
        removed, added, updated = _changes(con, entries)
        failures: list[tuple[str, str]] = []
        con.begin()
        try:
            _delete_docs(con, removed + updated)
            _load_all(con, sorted(added + updated), entries, failures, progress)
            _set_meta(con, {
                "out_dir": str(out.resolve()),
                "source": source,
                "indexed_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            })
            con.commit()
        except BaseException:
            con.rollback()
            raise
        rows = {name: int((_one(con, f"SELECT count(*) FROM {name}") or (0,))[0]) for name in TABLES}
    finally:
        con.close()
    failed_keys = {k for k, _ in failures}
    return IndexSummary(
        db_path=str(db),
        out_dir=str(out),
        source=source,
        documents=rows["documents"],
        added=sum(1 for k in added if k not in failed_keys),
        updated=sum(1 for k in updated if k not in failed_keys),
        removed=len(removed),
        unchanged=len(entries) - len(added) - len(updated),
        failed=len(failures),
        rebuilt=rebuilt,
        rows=rows,
        seconds=time.perf_counter() - t0,
        failures=tuple(failures),
    )


def _changes(con: duckdb.DuckDBPyConnection, entries: dict[str, _Entry]) -> tuple[list[str], list[str], list[str]]:
    """(removed, added, updated) document keys: the database against the folder's listing."""
    existing = {str(k): (s, f) for k, s, f in con.execute("SELECT doc_id, sha256, fingerprint FROM documents").fetchall()}
    removed = [k for k in existing if k not in entries]
    added: list[str] = []
    updated: list[str] = []
    for key, entry in entries.items():
        old = existing.get(key)
        if old is None:
            added.append(key)
        elif old[1] != entry.fingerprint or (entry.sha256 is not None and old[0] != entry.sha256):
            updated.append(key)
    return removed, added, updated


def _delete_docs(con: duckdb.DuckDBPyConnection, gone: list[str]) -> None:
    """Delete every row of the documents ``gone`` from every table."""
    if not gone:
        return
    import pyarrow as pa

    con.register("_gone", pa.table({"doc_id": pa.array(gone, pa.string())}))
    try:
        for name in TABLES:
            con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT doc_id FROM _gone)")
    finally:
        con.unregister("_gone")


def _load_all(con: duckdb.DuckDBPyConnection, todo: list[str], entries: dict[str, _Entry],
              failures: list[tuple[str, str]], progress: bool) -> None:
    """Load the documents ``todo`` in bulk batches; unreadable ones are added to ``failures``."""
    bar = _progress(len(todo), progress)
    for i in range(0, len(todo), _BATCH_DOCS):
        chunk = todo[i : i + _BATCH_DOCS]
        _load_batch(con, chunk, entries, failures)
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()
    for key, reason in failures:
        log.info("%s: cannot index (%s)", key, reason)
