"""Optional parts of the install: the core extracts text files alone; a command whose extra is
missing says in one line which extra to install and exits 2."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.errors import MissingExtraError
from directive_nlp.extras import EXTRAS, missing, require

from .conftest import CORPUS_DOCS

ROOT = Path(__file__).resolve().parents[1]
HEAVY = sorted({m for mods in EXTRAS.values() for m in mods})

# every extra's module absent, in the CLI and in its worker processes (sitecustomize is imported
# by every Python process that has it on its path)
SITECUSTOMIZE = f"""
import sys, importlib.abc, importlib.util
HIDDEN = {HEAVY!r}
class _Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in HIDDEN:
            raise ModuleNotFoundError(name)
        return None
sys.meta_path.insert(0, _Block())
_find = importlib.util.find_spec
importlib.util.find_spec = lambda n, *a: None if n.split('.')[0] in HIDDEN else _find(n, *a)
"""


@pytest.fixture(scope="module")
def no_extras(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    site = tmp_path_factory.mktemp("site")
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _cli_without_extras(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "directive_nlp", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def _hide(monkeypatch: pytest.MonkeyPatch, names: set[str]) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: Any) -> Any:
        return None if name.split(".")[0] in names else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", fake)


def test_require_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, {"duckdb"})
    assert missing("query") == ["duckdb"]
    with pytest.raises(MissingExtraError) as err:
        require("query", "directive-nlp tasks")
    assert err.value.code == "E400"
    assert str(err.value) == (
        "directive-nlp tasks needs the 'query' extra (missing: duckdb): pip install 'directive-nlp[query]' [E400]"
    )


def test_require_is_silent_when_installed() -> None:
    for extra in EXTRAS:
        if not missing(extra):
            require(extra, "x")


def test_core_extracts_a_text_file_without_any_extra(no_extras: dict[str, str]) -> None:
    p = _cli_without_extras(no_extras, "extract", str(CORPUS_DOCS / "004_86ceddd2e63fe96c.txt"), "--compact")
    assert p.returncode == 0, p.stderr
    assert '"number": "274-TB/TU"' in p.stdout


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["serve", "--port", "8765"], "serve"),
        (["tasks", "--db", "nowhere"], "query"),
        (["batch", "corpus/docs", "--out", "OUT"], "query"),
        (["batch", "corpus/docs", "--out", "OUT", "--no-index", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], "dask"),
    ],
)
def test_a_command_without_its_extra_says_which_to_install(
    args: list[str], extra: str, tmp_path: Path, no_extras: dict[str, str]
) -> None:
    args = [str(tmp_path / "out") if a == "OUT" else str(ROOT / a) if a == "corpus/docs" else a for a in args]
    p = _cli_without_extras(no_extras, *args)
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in p.stderr
    assert f"pip install 'directive-nlp[{extra}]'" in lines[0] and "[E400]" in lines[0]


def test_batch_records_a_pdf_it_cannot_read_without_the_formats_extra(tmp_path: Path, no_extras: dict[str, str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((CORPUS_DOCS / "dev_07.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    p = _cli_without_extras(no_extras, "batch", str(folder), "--out", str(tmp_path / "out"), "--no-index", "-q")
    assert p.returncode == 1
    errors = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")
    assert "b.pdf" in errors and "E400" in errors and "directive-nlp[formats]" in errors
    assert (tmp_path / "out" / "docs" / "a.txt.json").is_file()
