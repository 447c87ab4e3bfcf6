"""Worker processes with a time limit per task (directive_nlp.apps.workers)."""

from __future__ import annotations

import time

import pytest

from directive_nlp.apps.workers import TaskTimeout, WorkerDied, WorkerPool

from . import service_jobs


def test_answers_errors_deaths_and_timeouts_each_leave_a_working_pool() -> None:
    with WorkerPool(1, service_jobs.echo) as pool:
        assert pool.call({"value": 3}) == {"value": 3}
        t0 = time.monotonic()
        with pytest.raises(TaskTimeout):
            pool.call({"sleep": 30}, timeout=0.5)
        assert time.monotonic() - t0 < 5  # stopped at the limit, not when the task would end
        assert pool.call({"value": 4}) == {"value": 4}  # a new worker took over
        with pytest.raises(WorkerDied, match="exit status 3"):
            pool.call({"exit": 3})
        with pytest.raises(ValueError, match="bad task"):
            pool.call({"raise": "bad task"})
        assert pool.call({"value": 5}) == {"value": 5}  # an exception of the task keeps its worker
        assert pool.stats() == {"workers": 1, "running": 0, "replaced": 2, "done": 6}
        assert len(pool._all) == 1


def test_deadline_bounds_waiting_for_a_free_worker() -> None:
    import threading

    with WorkerPool(1, service_jobs.echo) as pool:
        pool.wait_ready()
        busy = threading.Thread(target=lambda: pool.call({"sleep": 2}))
        busy.start()
        time.sleep(0.2)
        with pytest.raises(TaskTimeout, match="no worker was free"):
            pool.call({"value": 1}, deadline=time.monotonic() + 0.3)
        busy.join()
        assert pool.call({"value": 1}, deadline=time.monotonic() + 30) == {"value": 1}


def test_a_pool_needs_a_worker() -> None:
    with pytest.raises(ValueError):
        WorkerPool(0, service_jobs.echo)
