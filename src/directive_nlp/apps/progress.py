"""A progress bar on stderr for long runs (``batch``, ``extract`` of many files): documents done of
the total, documents per second and time left, drawn by rich. Only shown on a terminal and
without ``--quiet``; lines printed meanwhile go above the bar."""

from __future__ import annotations

import sys
import time
from typing import Any

__all__ = ["ProgressBar"]


class ProgressBar:
    """``advance()`` per document, ``print(line)`` for a message, ``close()`` at the end."""

    def __init__(self, total: int, description: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(file=sys.stderr)
        self._progress: Any = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=self.console,
            refresh_per_second=4,
        )
        self._task = self._progress.add_task(description, total=total, rate="")
        self._start = time.monotonic()
        self._done = 0
        self._progress.start()

    def advance(self, n: int = 1) -> None:
        self._done += n
        rate = self._done / max(1e-6, time.monotonic() - self._start)
        self._progress.update(self._task, advance=n, rate=f"{rate:.1f} docs/s")

    def print(self, line: str) -> None:
        self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        self._progress.stop()
