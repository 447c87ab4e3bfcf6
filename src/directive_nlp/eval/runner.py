"""Gold files and evaluation runs: load and check gold, find each gold file's text, run one or
several systems over a folder and aggregate their scores."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, Mapping

from directive_nlp.errors import GoldError
from directive_nlp.eval.report import DEFAULT_SYSTEM, DocScore, Report
from directive_nlp.eval.scoring import aggregate, score_document

__all__ = ["Extractor", "REQUIRED_GOLD_KEYS", "load_gold", "find_text", "run_systems", "run_eval"]

log = logging.getLogger(__name__)

Extractor = Callable[[Path, dict[str, Any]], dict[str, Any]]

REQUIRED_GOLD_KEYS: tuple[str, ...] = ("kind", "document", "officials", "doc_refs", "dates", "directives")
_GOLD_LISTS: tuple[str, ...] = (
    "officials",
    "doc_refs",
    "dates",
    "directives",
    "optional_officials",
    "optional_doc_refs",
    "optional_dates",
    "optional_directives",
)


# --------------------------------------------------------------------------------------------
# gold files and runs


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check one gold file; raise :class:`GoldError` naming the problem."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise GoldError(str(path), "gold file is not UTF-8 text") from None
    except OSError as exc:
        raise GoldError(str(path), f"cannot read gold file ({exc.strerror or exc})") from None
    try:
        gold = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldError(
            str(path), f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(gold, dict):
        raise GoldError(str(path), f"gold must be a JSON object, not {type(gold).__name__}")
    missing = [k for k in REQUIRED_GOLD_KEYS if k not in gold]
    if missing:
        raise GoldError(str(path), f"missing required key(s): {', '.join(missing)}")
    if not isinstance(gold["document"], dict):
        raise GoldError(str(path), "'document' must be an object")
    for key in _GOLD_LISTS:
        if key in gold and not isinstance(gold[key], list):
            raise GoldError(str(path), f"'{key}' must be a list")
    for key, needed in (("officials", "name"), ("doc_refs", "number"), ("dates", "value"), ("directives", "text_start")):
        for i, item in enumerate(gold[key]):
            if not isinstance(item, dict) or not isinstance(item.get(needed), str):
                raise GoldError(str(path), f"{key}[{i}] needs a string '{needed}'")
    if "file" in gold and not isinstance(gold["file"], str):
        raise GoldError(str(path), "'file' must be a string")
    return gold


def find_text(gold_path: Path, gold: Mapping[str, Any], docs_dir: Path) -> Path:
    """``docs_dir / gold["file"]``, else ``docs_dir / <gold base name>.txt``; GoldError if neither."""
    tried: list[Path] = []
    if isinstance(gold.get("file"), str) and gold["file"]:
        tried.append(docs_dir / gold["file"])
    fallback = docs_dir / f"{gold_path.stem}.txt"
    if fallback not in tried:
        tried.append(fallback)
    for candidate in tried:
        if candidate.is_file():
            return candidate
    raise GoldError(str(gold_path), "text not found: " + " nor ".join(str(p) for p in tried))


def _load_all(gold_dir: Path, docs_dir: Path) -> list[tuple[Path, dict[str, Any], Path]]:
    """Every gold file with its text, all checked before anything is extracted."""
    if not gold_dir.is_dir():
        raise GoldError(str(gold_dir), "not a folder of gold files")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise GoldError(str(gold_dir), "no gold *.json files in this folder")
    out = []
    for path in paths:
        gold = load_gold(path)
        out.append((path, gold, find_text(path, gold, docs_dir)))
    return out


def run_systems(gold_dir: Path, docs_dir: Path, systems: Mapping[str, Extractor]) -> list[Report]:
    """Score several systems on the same gold: one :class:`Report` each, in ``systems`` order.

    All gold files and texts are checked first (:class:`GoldError`). An extractor that raises on
    one document does not stop the run: the document is scored as an empty output and listed
    under ``failed`` with the error.
    """
    items = _load_all(Path(gold_dir), Path(docs_dir))
    reports = []
    for system, extract in systems.items():
        scores = []
        for path, gold, text_path in items:
            error: str | None = None
            try:
                pred = extract(text_path, gold)
                if not isinstance(pred, dict):
                    raise TypeError(f"extractor returned {type(pred).__name__}, not a dict")
            except Exception as exc:  # one failing document must not hide the others' scores
                log.warning("%s: %s failed: %s", text_path, system, exc)
                log.debug("extraction failed", exc_info=True)
                pred, error = {}, f"{type(exc).__name__}: {exc}"
            score = score_document(gold, pred, name=path.stem)
            if error:
                score = DocScore(score.name, score.kind, score.counts, score.accuracy, score.details, error)
            scores.append(score)
        reports.append(aggregate(scores, system=system))
    return reports


def run_eval(gold_dir: Path, docs_dir: Path, extract: Extractor, *, system: str = DEFAULT_SYSTEM) -> Report:
    """Extract each ``GOLD_DIR/*.json`` document's text with ``extract(text_path, gold)`` and score it."""
    return run_systems(gold_dir, docs_dir, {system: extract})[0]
