"""Evaluation gate: run the eval over corpus/gold and the header set (corpus/headers) and compare
with the pinned floors.

    python scripts/eval_gate.py                 # check (exit 1 on a regression or a changed corpus)
    python scripts/eval_gate.py --pin           # raise the floors to today's scores
    python scripts/eval_gate.py --pin --allow-regression   # also lower them (say why in the commit)

Floors live in tests/eval_baseline.json with a hash of the corpus (texts + gold, header-set pages
+ meta.jsonl, the fresh dev set's texts + gold), so a changed corpus must be re-pinned on purpose. Header-set fields are gated as
``headers.<field>`` (accuracy over the fields the pages hold, eval/headers.py), the fresh dev set's
as ``fresh.<field>``. tests/test_eval_gate.py runs the check.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import json
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "eval_baseline.json"
GOLD = ROOT / "corpus" / "gold"
DOCS = ROOT / "corpus" / "docs"
HEADERS = ROOT / "corpus" / "headers"
# the fresh dev set: gated as ``fresh.<field>`` so that a rule change cannot lose what generalizes
# (it is never tuned on; the held-out set, corpus/heldout, is only measured, never gated)
FRESH = ROOT / "corpus" / "fresh"
# what is gated: F1 for extraction fields, accuracy for header fields
GATED_F1 = ("doc_refs", "dates", "dates.strict", "officials", "directives")
FRESH_F1 = GATED_F1 + ("directives.assignee_items", "directives.coordinator_items")
FRESH_ACCURACY = ("directives.deadline", "directives.issuer")
TOLERANCE = 1e-9


def corpus_hash() -> str:
    h = hashlib.sha256()
    for folder in (DOCS, GOLD, HEADERS / "pages", HEADERS, FRESH / "docs", FRESH / "gold"):
        for p in sorted(folder.iterdir()):
            if p.is_file():
                h.update(p.name.encode("utf-8"))
                h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _gated(rows: list[dict[str, Any]], f1: Callable[[str], bool], accuracy: Callable[[str], bool],
           prefix: str = "") -> dict[str, float]:
    """The gated scores of one eval report's rows: F1 where ``f1(field)``, accuracy where
    ``accuracy(field)``, keyed ``prefix + field``."""
    scores: dict[str, float] = {}
    for row in rows:
        field = row["field"]
        if row["metric"] == "prf" and f1(field) and row["f1"] is not None:
            scores[prefix + field] = float(row["f1"])
        elif row["metric"] == "accuracy" and accuracy(field) and row["accuracy"] is not None:
            scores[prefix + field] = float(row["accuracy"])
    return scores


def current_scores() -> dict[str, float]:
    from directive_nlp.eval import run_eval
    from directive_nlp.nlp.pipeline import extract, load
    from directive_nlp.io.reading import read_source

    nlp = load()

    def run(gold: Path, docs: Path) -> list[dict[str, Any]]:
        return run_eval(gold, docs, lambda path, _gold: extract(read_source(path), nlp=nlp)).rows()

    scores = _gated(run(GOLD, DOCS), GATED_F1.__contains__, lambda field: field.startswith("header."))
    scores |= _gated(run(FRESH / "gold", FRESH / "docs"), FRESH_F1.__contains__, FRESH_ACCURACY.__contains__,
                     prefix="fresh.")
    from directive_nlp.eval.headers import HEADER_SET_FIELDS, score_header_set

    header_set = score_header_set(HEADERS, lambda page: extract(read_source(page), nlp=nlp))
    for field in HEADER_SET_FIELDS:
        acc = header_set.accuracy(field)
        if acc is not None:
            scores[f"headers.{field}"] = acc
    return scores


def check(baseline: dict[str, Any], scores: dict[str, float]) -> list[str]:
    problems = []
    if baseline.get("corpus_sha256") != corpus_hash():
        problems.append("the corpus (corpus/docs, corpus/gold, corpus/headers, corpus/fresh) changed since the floors were pinned: re-pin with --pin")
    for field, floor in baseline.get("floors", {}).items():
        got = scores.get(field)
        if got is None:
            problems.append(f"{field}: no score (floor {floor})")
        elif got + TOLERANCE < floor:
            problems.append(f"{field}: {got:.3f} is below the pinned floor {floor:.3f}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pin", action="store_true")
    ap.add_argument("--allow-regression", action="store_true")
    args = ap.parse_args()
    scores = current_scores()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {"floors": {}}
    if args.pin:
        floors = dict(baseline.get("floors", {}))
        for field, value in scores.items():
            old = floors.get(field)
            if old is not None and value < old and not args.allow_regression:
                print(f"refusing to lower {field} from {old:.3f} to {value:.3f} (use --allow-regression)")
                return 1
            floors[field] = math.floor(value * 1e4) / 1e4  # rounded down: today's score meets it
        BASELINE.write_text(
            json.dumps({"corpus_sha256": corpus_hash(), "floors": dict(sorted(floors.items()))}, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"pinned {len(floors)} floors in {BASELINE.relative_to(ROOT)}")
        return 0
    problems = check(baseline, scores)
    for p in problems:
        print(p)
    if not problems:
        print("eval gate: all floors met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
