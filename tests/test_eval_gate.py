"""The evaluation gate: scores on the corpus may not fall below the pinned floors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "scripts" / "eval_gate.py")
assert spec and spec.loader
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)


def test_scores_meet_the_pinned_floors() -> None:
    baseline = json.loads(Path(gate.BASELINE).read_text(encoding="utf-8"))
    # the acceptance thresholds are never pinned lower than this
    assert baseline["floors"]["doc_refs"] >= 0.95
    assert baseline["floors"]["dates"] >= 0.95
    assert baseline["floors"]["directives"] >= 0.98
    for field in ("number", "type", "issued_on", "place", "signer.name", "recipients"):
        assert baseline["floors"][f"header.{field}"] == 1.0
    # the header set (issue 12): number, type, issue date and signer ≥ 0.97, issuer ≥ 0.95
    for field in ("number", "type", "issued_on", "signer"):
        assert baseline["floors"][f"headers.{field}"] >= 0.97
    assert baseline["floors"]["headers.issuer"] >= 0.95
    # the fresh dev set (issue 13): directives ≥ 0.92, assignee items ≥ 0.85, deadlines ≥ 0.9
    assert baseline["floors"]["fresh.directives"] >= 0.92
    assert baseline["floors"]["fresh.directives.assignee_items"] >= 0.85
    assert baseline["floors"]["fresh.directives.deadline"] >= 0.9
    problems = gate.check(baseline, gate.current_scores())
    assert problems == []


def test_gate_catches_a_regression() -> None:
    baseline = {"corpus_sha256": gate.corpus_hash(), "floors": {"dates": 0.99}}
    assert gate.check(baseline, {"dates": 0.90}) == ["dates: 0.900 is below the pinned floor 0.990"]
    assert "corpus" in gate.check({"corpus_sha256": "x", "floors": {}}, {})[0]
