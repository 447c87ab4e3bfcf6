"""The extraction processes of one server process: a time limit that frees capacity.

Each request's document is extracted in a worker process (:class:`~directive_nlp.apps.workers.WorkerPool`,
``Settings.threads`` of them per server process, each with the pipeline loaded once). A document
not done by its request's time limit gets 504 at that moment and its worker is killed and
replaced, so slow documents never pile up: the next one is served as soon as a worker is free.
Time spent starting a worker (loading the pipeline) is not counted against a request.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from directive_nlp.apps.service.errors import ApiError
from directive_nlp.apps.service.settings import Settings
from directive_nlp.apps.workers import TaskTimeout, WorkerDied, WorkerPool

__all__ = ["Runtime", "JobFn", "runtime_of"]

log = logging.getLogger(__name__)

#: The worker's function: a task dict (the arguments of ``jobs.extract_job``) → the JSON answer.
JobFn = Callable[[dict[str, Any]], bytes]


class Runtime:
    """The worker processes and the threads that wait for them (the event loop never waits)."""

    def __init__(self, settings: Settings, job: JobFn | None = None) -> None:
        from directive_nlp.apps.service.jobs import extract_task, init_worker

        t0 = time.perf_counter()
        self.settings = settings
        self.pool = WorkerPool(settings.threads, job or extract_task, init=init_worker,
                               init_args=(settings.model, settings.log_level))
        # one waiting thread per request in flight: requests beyond the workers queue here
        self.waiters = ThreadPoolExecutor(max(16, 8 * settings.threads), thread_name_prefix="directive-nlp-wait")
        self.pool.wait_ready()
        log.info("%d extraction processes ready in %.2f s (pid %d)", settings.threads,
                 time.perf_counter() - t0, os.getpid())

    async def run(self, task: dict[str, Any], timeout: float, what: str) -> bytes:
        """Extract in a worker; ApiError 504 when not done within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        loop = asyncio.get_running_loop()

        def call() -> bytes:
            answer: bytes = self.pool.call(task, deadline=deadline)
            return answer

        try:
            return await loop.run_in_executor(self.waiters, call)
        except TaskTimeout:
            log.warning("%s: extraction over the %g s time limit (answered 504; its worker was replaced)",
                        what, timeout)
            raise ApiError(504, "timeout", f"{what}: extraction took longer than the {timeout:g} s time limit") from None
        except WorkerDied as err:
            log.error("%s: the extraction process died (%s); it was replaced", what, err)
            raise ApiError(500, "internal", "internal error") from None

    def stats(self) -> dict[str, int]:
        return self.pool.stats()

    def close(self) -> None:
        self.pool.close()
        self.waiters.shutdown(wait=False, cancel_futures=True)


async def runtime_of(app: Any) -> Runtime:
    """The app's runtime; started on first use when the app is served without its lifespan."""
    runtime: Runtime | None = getattr(app.state, "runtime", None)
    if runtime is not None:
        return runtime

    def ensure() -> Runtime:
        with app.state.runtime_lock:
            if getattr(app.state, "runtime", None) is None:
                app.state.runtime = Runtime(app.state.settings, app.state.job)
            started: Runtime = app.state.runtime
            return started

    return await asyncio.to_thread(ensure)
