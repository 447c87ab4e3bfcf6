"""Worker processes with a time limit per task: a task past its limit kills its worker, which is
replaced, so a slow input never holds capacity (threads cannot be stopped, processes can).

Used by ``extract`` and ``batch`` (``--timeout``) and by the HTTP service. Each worker runs
``init(*init_args)`` once (e.g. loading the pipeline), then one task at a time: ``fn(task)``.
:meth:`WorkerPool.call` is thread-safe and blocking: it waits for a free worker, sends the task
and waits for the answer at most ``timeout`` seconds after the task was sent (time spent
starting a worker is not counted) and never past ``deadline`` (a ``time.monotonic()`` instant
that bounds waiting for a free worker too, moved by the time a worker took to start).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import signal
import threading
import time
from typing import Any, Callable

__all__ = ["WorkerPool", "TaskTimeout", "WorkerDied"]

log = logging.getLogger(__name__)

_READY = "ready"
#: Seconds a worker may take to start (load the pipeline) before it is counted as dead.
START_TIMEOUT = 600.0


class TaskTimeout(Exception):
    """The task was not done in time (its worker was killed and replaced)."""


class WorkerDied(Exception):
    """The worker process died while starting or running the task (crash, out of memory)."""


def _serve(conn: Any, fn: Callable[[Any], Any], init: Callable[..., None] | None, init_args: tuple[Any, ...]) -> None:
    """The worker process: start up, then answer tasks until told to stop (None) or orphaned."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if init is not None:
        init(*init_args)
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer: tuple[str, Any] = ("ok", fn(task))
        except Exception as err:  # the caller decides: sent back as the exception itself
            answer = ("error", err)
        try:
            conn.send(answer)
        except Exception as err:  # an answer or exception that does not pickle
            conn.send(("error", RuntimeError(f"{type(err).__name__}: {err}")))


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[[Any], Any], init: Callable[..., None] | None,
                 init_args: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, init, init_args), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, until: float | None) -> None:
        """Block until the worker has started; WorkerDied if it died, TaskTimeout past ``until``."""
        if self.ready:
            return
        limit = time.monotonic() + START_TIMEOUT
        end = limit if until is None else min(until, limit)
        if not self.conn.poll(max(0.0, end - time.monotonic())):
            if until is not None and end == until:
                raise TaskTimeout("no worker was ready in time")
            raise WorkerDied(f"the worker did not start in {START_TIMEOUT:g} s")
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerDied(f"the worker died while starting (exit status {self._exit()})") from None
        if message != _READY:  # pragma: no cover - protocol error
            raise WorkerDied(f"unexpected message from a starting worker: {message!r}")
        self.ready = True

    def _exit(self) -> int | None:
        self.proc.join(timeout=5)
        return self.proc.exitcode

    def run(self, task: Any, wait: float | None) -> Any:
        try:
            self.conn.send(task)
        except (OSError, ValueError):
            raise WorkerDied(f"the worker died (exit status {self._exit()})") from None
        if wait is not None and not self.conn.poll(max(0.0, wait)):
            raise TaskTimeout(f"not done in {wait:g} s")
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerDied(f"the worker died (exit status {self._exit()})") from None
        if kind == "error":
            raise value
        return value

    def stop(self, kill: bool) -> None:
        if kill:
            with contextlib.suppress(Exception):
                self.proc.kill()
        else:
            with contextlib.suppress(Exception):
                self.conn.send(None)
        self.proc.join(timeout=5 if not kill else 10)
        if self.proc.is_alive():
            with contextlib.suppress(Exception):
                self.proc.kill()
            self.proc.join(timeout=10)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """``size`` worker processes running ``fn``; thread-safe :meth:`call` with time limits."""

    def __init__(self, size: int, fn: Callable[[Any], Any], *, init: Callable[..., None] | None = None,
                 init_args: tuple[Any, ...] = (), context: str = "spawn") -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self._fn, self._init, self._init_args = fn, init, init_args
        self._ctx = multiprocessing.get_context(context)
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._all: set[_Worker] = set()
        self.running = 0
        self.replaced = 0
        self.done = 0
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self._fn, self._init, self._init_args)
        with self._lock:
            self._all.add(worker)
        return worker

    def call(self, task: Any, *, timeout: float | None = None, deadline: float | None = None) -> Any:
        """``fn(task)`` in a worker: its answer, or the exception it raised (re-raised here).

        TaskTimeout past ``timeout`` seconds of running or past ``deadline``; WorkerDied when the
        worker died. Either way the worker is replaced and the pool goes on.
        """
        try:
            worker = self._idle.get(timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise TaskTimeout("no worker was free in time") from None
        broken = False
        try:
            started = time.monotonic()
            worker.wait_ready(None)
            if deadline is not None:  # time spent starting the worker is not counted
                deadline += time.monotonic() - started
            wait = timeout
            if deadline is not None:
                left = deadline - time.monotonic()
                wait = left if wait is None else min(wait, left)
                if left <= 0:
                    raise TaskTimeout("no time left")
            with self._lock:
                self.running += 1
            try:
                return worker.run(task, wait)
            finally:
                with self._lock:
                    self.running -= 1
                    self.done += 1
        except (TaskTimeout, WorkerDied):
            broken = True
            raise
        except BaseException as err:
            # the task's own exception leaves a healthy worker; anything else (cancelled, Ctrl-C
            # while waiting) leaves it in an unknown state
            broken = not isinstance(err, Exception) or not worker.ready
            raise
        finally:
            self._give_back(worker, broken)

    def _give_back(self, worker: _Worker, broken: bool) -> None:
        if broken:
            worker.stop(kill=True)
            with self._lock:
                self._all.discard(worker)
                self.replaced += 1
                closed = self._closed
            if closed:
                return
            worker = self._spawn()
        self._idle.put(worker)

    def wait_ready(self) -> None:
        """Block until every idle worker has started (WorkerDied if one died starting)."""
        taken: list[_Worker] = []
        try:
            while True:
                try:
                    taken.append(self._idle.get_nowait())
                except queue.Empty:
                    break
            for worker in taken:
                worker.wait_ready(None)
        finally:
            for worker in taken:
                self._idle.put(worker)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"workers": self.size, "running": self.running, "replaced": self.replaced, "done": self.done}

    def close(self) -> None:
        """Stop every worker: idle ones are asked to stop, busy or starting ones are killed."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        idle: set[_Worker] = set()
        while True:
            try:
                idle.add(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            worker.stop(kill=worker not in idle or not worker.ready)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
