"""The progress bar of long runs, seen as a person sees it: under a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def _run_on_terminal(args: list[str]) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal; (exit status, what the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "directive_nlp", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=slave, stdin=subprocess.DEVNULL, env=dict(os.environ, COLUMNS="120", TERM="xterm"))
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


def test_batch_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("dev_07.txt", "dev_12.txt", "000_7f9b3172eb05957b.txt"):
        (inputs / name).write_bytes((ROOT / "corpus" / "docs" / name).read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    code, shown = _run_on_terminal(["batch", str(inputs), "--out", str(tmp_path / "out"), "--no-index", "-j", "1"])
    assert code == 1  # the empty file is an error, printed above the bar
    assert "batch" in shown and "4/4" in shown and "docs/s" in shown
    assert "empty.txt" in shown and "E104" in shown


def test_quiet_hides_the_bar(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes((ROOT / "corpus" / "docs" / "dev_07.txt").read_bytes())
    code, shown = _run_on_terminal(["batch", str(inputs), "--out", str(tmp_path / "out"), "--no-index", "-q"])
    assert code == 0
    assert "docs/s" not in shown and "1/1" not in shown
