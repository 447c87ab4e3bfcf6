"""Durable output files: atomic writes, JSON Lines files renamed into place, the run lock."""
from __future__ import annotations

import contextlib
import logging
import os
import uuid
from pathlib import Path
from typing import Iterator

from directive_nlp.errors import (
    BatchUsageError,
)
from directive_nlp.apps.batch.common import LOCK_FILE

log = logging.getLogger(__name__)
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


