"""Golden JSON per corpus document: any change of output shows up as a diff to review.

Refresh with `pytest tests/test_golden.py --update-golden` and read the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.nlp.pipeline import extract
from directive_nlp.io.reading import read_source

from .conftest import CORPUS_FILES

GOLDEN = Path(__file__).parent / "golden"


def _stable(out: dict[str, Any]) -> dict[str, Any]:
    out = dict(out)
    out["source"] = {**out["source"], "path": Path(out["source"]["path"]).name}
    return out


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_golden(path: Path, nlp: Any, request: pytest.FixtureRequest) -> None:
    got = _stable(extract(read_source(path), nlp=nlp))
    target = GOLDEN / f"{path.stem}.json"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        target.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert target.is_file(), f"no golden file {target.name}: run with --update-golden and review it"
    want = json.loads(target.read_text(encoding="utf-8"))
    for key in want:
        assert got.get(key) == want[key], f"{path.name}: '{key}' changed"
    assert set(got) == set(want)
