"""The manifest: a SQLite (WAL) record of what was done, keyed by relative path."""
from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from directive_nlp.apps.batch.common import _SEEN_BATCH, MANIFEST_LAYOUT

log = logging.getLogger(__name__)
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

