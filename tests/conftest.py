from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DOCS = ROOT / "corpus" / "docs"
CORPUS_GOLD = ROOT / "corpus" / "gold"
CORPUS_FILES = sorted(CORPUS_DOCS.glob("*.txt"))
#: the measured sets, which never feed a test row (tests/test_corpus_sets.py): the fresh dev set,
#: and the whole pool the held-out set is drawn from (corpus/heldout/README.md), annotated or not
FRESH_IDS = {p.stem for p in (ROOT / "corpus" / "fresh" / "gold").glob("*.json")}
HELDOUT_POOL = {f"t{n}" for n in range(251, 270)} | {f"news_{n}" for n in range(50, 61)}


def article_directives(sentence: str, year: int) -> list[Any]:
    """The directives of one news sentence, each checked to point at its own text."""
    from directive_nlp.extract.directives import find_directives

    items = find_directives(sentence, kind="article", doc_year=year)
    for d in items:
        assert sentence[d.start : d.end] == d.text
    return items


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current output (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def nlp() -> Any:
    import directive_nlp

    return directive_nlp.load()


def spans_in(data: Any) -> list[dict[str, Any]]:
    """Every {text, start, end} dict anywhere inside ``data``."""
    out: list[dict[str, Any]] = []
    if isinstance(data, dict):
        if isinstance(data.get("start"), int) and isinstance(data.get("end"), int) and "text" in data:
            out.append(data)
        for v in data.values():
            out += spans_in(v)
    elif isinstance(data, list):
        for v in data:
            out += spans_in(v)
    return out


def gold(name: str) -> dict[str, Any]:
    return json.loads((CORPUS_GOLD / f"{name}.json").read_text(encoding="utf-8"))
