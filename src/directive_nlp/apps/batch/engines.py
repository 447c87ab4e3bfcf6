"""Engines that run the per-document function: local worker processes or a Dask cluster."""
from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any, Callable, Iterator

from directive_nlp.apps.workers import TaskTimeout, WorkerDied, WorkerPool
from directive_nlp.errors import (
    BatchUsageError,
    DirectiveNLPError,
    DocumentTimeoutError,
    WorkerCrashError,
)
from directive_nlp.io.formats import read_bytes
from directive_nlp.apps.batch import common
from directive_nlp.apps.batch.worker import _error_outcome, _init_worker, _one_line, _warm_worker

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- engines

TaskFn = Callable[[dict[str, Any]], dict[str, Any]]


class _ProcessEngine:
    """Local worker processes (:class:`~directive_nlp.apps.workers.WorkerPool`), one input at a time each.

    A worker that dies takes only its own input with it (a WorkerCrashError record); an input
    not done within ``timeout`` seconds kills its worker (a DocumentTimeoutError record). Either
    way the worker is replaced and the run goes on.
    """

    name = "process"

    def __init__(self, jobs: int, fn: TaskFn, level: int, timeout: float | None = None) -> None:
        self.jobs = max(1, jobs)
        self.fn = fn
        self.level = level
        self.timeout = timeout
        self.limit = 2 * self.jobs
        self.pool: WorkerPool | None = None

    def _pool(self) -> WorkerPool:
        if self.pool is None:
            self.pool = WorkerPool(self.jobs, self.fn, init=_init_worker, init_args=(self.level,))
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def _one(self, task: dict[str, Any]) -> dict[str, Any]:
        try:
            outcome: dict[str, Any] = self._pool().call(task, timeout=self.timeout)
            return outcome
        except TaskTimeout:
            reason = (f"extraction took longer than the {self.timeout:g} s time limit (--timeout); "
                      "its worker process was replaced")
            return _error_outcome(task, "worker", DocumentTimeoutError(task["path"], reason))
        except WorkerDied:
            reason = "worker process died while processing this input (crash or out of memory)"
            return _error_outcome(task, "worker", WorkerCrashError(task["path"], reason))
        except Exception as err:
            reason = f"worker failed: {type(err).__name__}: {_one_line(str(err), 200)}"
            return _error_outcome(task, "worker", WorkerCrashError(task["path"], reason))

    def run(self, tasks: Iterator[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        threads = ThreadPoolExecutor(self.jobs, thread_name_prefix="directive-nlp-batch")
        inflight: dict[Any, dict[str, Any]] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(inflight) < self.limit:
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        break
                    inflight[threads.submit(self._one, task)] = task
                if not inflight:
                    return
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for fut in done:
                    yield inflight.pop(fut), fut.result()
        finally:
            if inflight:  # stopped early (Ctrl-C, an error): the workers go first, then their threads
                self.close()
            threads.shutdown(wait=True, cancel_futures=True)


class _DaskEngine:
    """The same per-document function on a Dask distributed cluster.

    The client reads each input and ships its bytes (workers need no shared file system),
    keeps a bounded number of futures in flight and collects them with ``as_completed``;
    results are written to OUT_DIR by the client. A task whose worker keeps dying
    (``KilledWorker``) becomes a WorkerCrashError record.
    """

    name = "dask"

    def __init__(self, scheduler: str | None, fn: TaskFn, version: str, client: Any = None,
                 timeout: float | None = None) -> None:
        timeout = common.DASK_CONNECT_TIMEOUT if timeout is None else timeout
        self.fn = fn
        self.own = client is None
        if client is None:
            try:
                from distributed import Client
            except ImportError as err:  # pragma: no cover - declared dependency
                raise BatchUsageError(None, f"the dask engine needs dask[distributed] ({err})") from None
            if not scheduler:
                raise BatchUsageError(None, "--engine dask needs --scheduler tcp://HOST:PORT")
            try:
                client = Client(scheduler, timeout=timeout, set_as_default=False)
            except Exception as err:
                raise BatchUsageError(scheduler, f"cannot reach the Dask scheduler ({type(err).__name__}: {_one_line(str(err), 200)})") from None
        self.client = client
        try:
            versions = client.run(_warm_worker)
        except Exception as err:
            self.close()
            raise BatchUsageError(scheduler, f"cannot start the pipeline on the Dask workers ({type(err).__name__}: {_one_line(str(err), 200)})") from None
        mine = version
        bad = {w: v for w, v in versions.items() if v != mine}
        if bad:
            self.close()
            worker, version = next(iter(bad.items()))
            raise BatchUsageError(scheduler, f"worker {worker} runs pipeline {version}, this client {mine}")
        threads = sum(client.nthreads().values()) or 1
        self.limit = max(4, 3 * threads)
        log.info("dask: %d workers, %d threads, %d tasks in flight", len(versions), threads, self.limit)

    def close(self) -> None:
        if self.own and self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
        self.client = None

    def _collect(self, task: dict[str, Any], fut: Any) -> dict[str, Any]:
        try:
            outcome: dict[str, Any] = fut.result()
        except Exception as err:
            reason = f"Dask task failed: {type(err).__name__}: {_one_line(str(err), 200)}"
            if type(err).__name__ == "KilledWorker":
                reason = "Dask worker died while processing this input (crash or out of memory)"
            outcome = _error_outcome(task, "worker", WorkerCrashError(task["path"], reason))
        finally:
            with contextlib.suppress(Exception):
                fut.release()
        return outcome

    def run(self, tasks: Iterator[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        from distributed import as_completed

        ac = as_completed(loop=self.client.loop)
        pending: dict[str, dict[str, Any]] = {}
        tag = uuid.uuid4().hex[:8]
        for n, task in enumerate(tasks):
            try:
                data = read_bytes(task["path"], max_bytes=task["max_bytes"])
            except DirectiveNLPError as err:
                yield task, _error_outcome(task, "read", err)
                continue
            while pending and ac.count() >= self.limit:
                fut = next(ac)
                yield self._done(pending, fut)
            fut = self.client.submit(self.fn, dict(task, data=data), pure=False, key=f"directive-nlp-{tag}-{n}")
            data = None
            pending[fut.key] = task
            ac.add(fut)
        for fut in ac:
            yield self._done(pending, fut)

    def _done(self, pending: dict[str, dict[str, Any]], fut: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        task = pending.pop(fut.key)
        return task, self._collect(task, fut)

