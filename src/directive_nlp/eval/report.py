"""Scores as data: counts, accuracies, per-document scores and the report of one system, and
the table that ``directive-nlp eval`` prints (one column group per system)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

__all__ = ["Counts", "Accuracy", "DocScore", "Report", "PRF_FIELDS", "ACCURACY_FIELDS", "HEADER_FIELDS",
           "RECALL_ONLY", "CONDITIONAL", "DEFAULT_SYSTEM", "dump_reports", "format_table"]

DEFAULT_SYSTEM = "directive-nlp"

PRF_FIELDS: tuple[str, ...] = (
    "officials",
    "officials.titles",
    "doc_refs",
    "dates",
    "dates.strict",
    "directives",
    "directives.assignee_items",
    "directives.coordinator_items",
)
RECALL_ONLY: frozenset[str] = frozenset({"officials.titles"})
# scored over matched pairs only: undefined (None) when there was nothing to compare
CONDITIONAL: frozenset[str] = frozenset(
    {"officials.titles", "directives.assignee_items", "directives.coordinator_items"}
)
HEADER_FIELDS: tuple[str, ...] = (
    "kind",
    "number",
    "type",
    "issued_on",
    "published_at",
    "place",
    "signer.name",
    "signer.title",
    "signer.authority",
    "recipients",
    "title",
    "authors",
)
ACCURACY_FIELDS: tuple[str, ...] = tuple(f"header.{f}" for f in HEADER_FIELDS) + (
    "directives.issuer",
    "directives.assignees",
    "directives.deadline",
)


# --------------------------------------------------------------------------------------------
# counts


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives (extras), false negatives (misses)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        returned = self.tp + self.fp
        if returned == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / returned

    @property
    def recall(self) -> float:
        expected = self.tp + self.fn
        if expected == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / expected

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """``correct`` out of ``n`` compared items."""

    correct: int = 0
    n: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.n + other.n)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None


@dataclass(frozen=True, slots=True)
class DocScore:
    """The score of one document: counts per P/R/F1 field, accuracy per header field, and the
    details (``missed`` / ``extra`` / ``ignored`` items, ``wrong`` comparisons) per field."""

    name: str
    kind: str | None
    counts: Mapping[str, Counts]
    accuracy: Mapping[str, Accuracy]
    details: Mapping[str, Mapping[str, list[Any]]]
    error: str | None = None

    def dump(self) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for name in PRF_FIELDS:
            c = self.counts.get(name, Counts())
            entry: dict[str, Any] = {"tp": c.tp} if name in RECALL_ONLY else {"tp": c.tp, "fp": c.fp}
            entry["fn"] = c.fn
            for key, items in self.details.get(name, {}).items():
                if items:
                    entry[key] = list(items)
            fields[name] = entry
        for name in ACCURACY_FIELDS:
            a = self.accuracy.get(name, Accuracy())
            if a.n == 0:
                continue
            entry = {"correct": a.correct, "n": a.n}
            for key, items in self.details.get(name, {}).items():
                if items:
                    entry[key] = list(items)
            fields[name] = entry
        return {"doc": self.name, "kind": self.kind, "error": self.error, "fields": fields}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(frozen=True, slots=True)
class Report:
    """Micro-averaged scores of one system over a set of documents."""

    system: str
    docs: tuple[DocScore, ...]
    counts: Mapping[str, Counts] = field(default_factory=dict)
    accuracy: Mapping[str, Accuracy] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """One dict per field: P/R/F1 rows then accuracy rows (``metric`` tells which)."""
        out: list[dict[str, Any]] = []
        for name in PRF_FIELDS:
            c = self.counts.get(name, Counts())
            # a sub-score of matched items with nothing to compare is undefined, not perfect
            empty = name in CONDITIONAL and c.tp + c.fp + c.fn == 0
            if name in RECALL_ONLY:
                out.append(
                    {
                        "field": name,
                        "metric": "recall",
                        "tp": c.tp,
                        "fp": None,
                        "fn": c.fn,
                        "precision": None,
                        "recall": None if empty else c.recall,
                        "f1": None,
                    }
                )
            else:
                out.append(
                    {
                        "field": name,
                        "metric": "prf",
                        "tp": c.tp,
                        "fp": c.fp,
                        "fn": c.fn,
                        "precision": None if empty else c.precision,
                        "recall": None if empty else c.recall,
                        "f1": None if empty else c.f1,
                    }
                )
        for name in ACCURACY_FIELDS:
            a = self.accuracy.get(name, Accuracy())
            out.append(
                {"field": name, "metric": "accuracy", "correct": a.correct, "n": a.n, "accuracy": a.accuracy}
            )
        return out

    @property
    def failed(self) -> list[DocScore]:
        return [d for d in self.docs if d.error]

    def dump(self) -> dict[str, Any]:
        """Plain JSON: totals per field (``fields``), the rows, and per-document details."""
        rows = [{k: (_round(v) if isinstance(v, float) else v) for k, v in row.items()} for row in self.rows()]
        return {
            "system": self.system,
            "documents": len(self.docs),
            "failed": [{"doc": d.name, "error": d.error} for d in self.failed],
            "fields": {row["field"]: {k: v for k, v in row.items() if k != "field"} for row in rows},
            "rows": rows,
            "docs": [d.dump() for d in self.docs],
        }


# --------------------------------------------------------------------------------------------
# table


def dump_reports(reports: Sequence[Report]) -> dict[str, Any]:
    """JSON of several systems' reports: {"systems": [Report.dump(), ...]}."""
    return {"systems": [r.dump() for r in reports]}


def _num(x: int | None) -> str:
    return "-" if x is None else str(x)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def format_table(report: Report | Sequence[Report]) -> str:
    """Plain-text table, one row per field, one column group per system."""
    reports = [report] if isinstance(report, Report) else list(report)
    if not reports:
        return "(no report)"
    rows = [r.rows() for r in reports]
    names = [row["field"] for row in rows[0]]
    width = max(len(n) for n in names) + 2

    prf_cols = ("tp", "fp", "fn", "P", "R", "F1")
    acc_cols = ("correct", "n", "acc")
    prf_w = (5, 5, 5, 6, 6, 6)
    acc_w = (7, 5, 6)
    group_w = max(sum(prf_w) + len(prf_w) - 1, sum(acc_w) + len(acc_w) - 1)

    def cells(values: Sequence[str], widths: Sequence[int]) -> str:
        return " ".join(v.rjust(w) for v, w in zip(values, widths)).ljust(group_w)

    sep = "   "
    lines: list[str] = []
    docs = len(reports[0].docs)
    who = reports[0].system + ": " if len(reports) == 1 else ""
    lines.append(f"{who}{docs} document(s), micro-averaged; optional gold items ignored (corpus/SCORING.md)")
    lines.append("")
    if len(reports) > 1:
        lines.append(" " * width + sep.join(r.system[:group_w].center(group_w) for r in reports).rstrip())
    lines.append(("field".ljust(width) + sep.join(cells(prf_cols, prf_w) for _ in reports)).rstrip())
    for i, name in enumerate(names):
        if rows[0][i]["metric"] == "accuracy":
            continue
        groups = []
        for r in rows:
            row = r[i]
            groups.append(
                cells(
                    (
                        _num(row["tp"]),
                        _num(row["fp"]),
                        _num(row["fn"]),
                        _pct(row["precision"]),
                        _pct(row["recall"]),
                        _pct(row["f1"]),
                    ),
                    prf_w,
                )
            )
        lines.append((name.ljust(width) + sep.join(groups)).rstrip())
    lines.append("")
    lines.append(("field".ljust(width) + sep.join(cells(acc_cols, acc_w) for _ in reports)).rstrip())
    for i, name in enumerate(names):
        if rows[0][i]["metric"] != "accuracy":
            continue
        groups = [cells((_num(r[i]["correct"]), _num(r[i]["n"]), _pct(r[i]["accuracy"])), acc_w) for r in rows]
        lines.append((name.ljust(width) + sep.join(groups)).rstrip())
    for r in reports:
        for d in r.failed:
            lines.append(f"failed ({r.system}): {d.name}: {d.error}")
    return "\n".join(lines)
