"""models/directive_nlp is what the pipeline loads; it must equal a fresh build from code + data."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_saved_pipeline_has_not_drifted() -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_models.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
