"""Functions run in worker processes by the tests (module-level: the workers import them)."""

from __future__ import annotations

import time
from typing import Any

from directive_nlp.apps.service.jobs import extract_task


def slow(task: dict[str, Any]) -> bytes:
    time.sleep(1.0)
    return b"{}"


def a_bit_slow(task: dict[str, Any]) -> bytes:
    time.sleep(0.3)
    return b"{}"


def slow_then_real(task: dict[str, Any]) -> bytes:
    """One second, then the real extraction."""
    time.sleep(1.0)
    return extract_task(task)


def stuck_when_named_slow(task: dict[str, Any]) -> bytes:
    """Never ends for a document named slow*; the real extraction for the others."""
    if (task.get("filename") or "").startswith("slow"):
        while True:
            time.sleep(1.0)
    return extract_task(task)


def boom(task: dict[str, Any]) -> bytes:
    raise RuntimeError("secret detail of the bug")


def echo(task: dict[str, Any]) -> dict[str, Any]:
    """For the worker pool's tests: sleep, exit, raise or answer as the task says."""
    import os

    if "sleep" in task:
        time.sleep(task["sleep"])
    if "exit" in task:
        os._exit(task["exit"])
    if "raise" in task:
        raise ValueError(task["raise"])
    return task


def sleepy_task(task: dict[str, Any]) -> dict[str, Any]:
    """batch's process_task, except that inputs named *slow* never end."""
    from directive_nlp.apps.batch import process_task

    if "slow" in task["key"]:
        while True:
            time.sleep(1.0)
    return process_task(task)
