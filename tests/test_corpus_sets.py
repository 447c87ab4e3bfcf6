"""The measured sets stay measured: the fresh dev set (corpus/fresh) and the held-out set
(corpus/heldout, drawn from a pool nobody may read but its annotator) never feed a test row, and
their gold stays anchored in texts kept byte for byte."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest

from .conftest import FRESH_IDS, HELDOUT_POOL, ROOT

CORPUS = ROOT / "corpus"
SETS = {"fresh": CORPUS / "fresh", "heldout": CORPUS / "heldout"}


#: rows written from pool documents before the pool was set apart (corpus/heldout/README.md,
#: "Known contamination"); the list may only shrink
GRANDFATHERED = {
    "test_dates.py": {"news_60"},
    "test_dates_relative.py": {"news_53", "news_54", "news_56"},
    "test_officials.py": {"news_52", "news_53", "news_54", "news_55", "news_57", "news_58", "news_60"},
    "test_stream.py": {"t261"},
}

_DOC_ID = re.compile(r"\b(t\d{3}|news_\d{2})\b")


def _named_ids(path: Path) -> set[str]:
    return set(_DOC_ID.findall(path.read_text(encoding="utf-8")))


def test_the_fresh_set_is_known() -> None:
    assert len(FRESH_IDS) >= 29 and "t001" in FRESH_IDS and "news_01" in FRESH_IDS


@pytest.mark.parametrize("module", sorted(p.name for p in Path(__file__).parent.glob("test_*.py")))
def test_no_test_row_comes_from_a_measured_document(module: str) -> None:
    if module == Path(__file__).name:
        return
    named = _named_ids(Path(__file__).parent / module)
    assert not named & FRESH_IDS, f"{module} names fresh documents {sorted(named & FRESH_IDS)}"
    extra = (named & HELDOUT_POOL) - GRANDFATHERED.get(module, set())
    assert not extra, f"{module} names held-out pool documents {sorted(extra)}"


def test_the_guard_sees_an_id_in_a_comment(tmp_path: Path) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text('ROWS = [("Thủ tướng yêu cầu …", 2017)]  # news_57\n', encoding="utf-8")
    assert _named_ids(probe) & HELDOUT_POOL == {"news_57"}


def _sources() -> list[tuple[str, str, str]]:
    lines = (CORPUS / "heldout" / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines if line.strip()]  # type: ignore[misc]


def test_heldout_texts_are_kept_byte_for_byte() -> None:
    rows = _sources()
    docs = {p.stem for p in (CORPUS / "heldout" / "docs").glob("*.txt")}
    gold = {p.stem for p in (CORPUS / "heldout" / "gold").glob("*.json")}
    assert {r[0] for r in rows} == docs == gold and len(docs) >= 16
    assert docs <= HELDOUT_POOL
    for doc_id, source, sha in rows:
        data = (CORPUS / "heldout" / "docs" / f"{doc_id}.txt").read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha, doc_id
        if source.startswith("corpus/"):
            assert (ROOT / source).read_bytes() == data, doc_id


def _norm(s: str) -> str:
    # the scorer collapses all whitespace (line breaks included): so does this check; fresh
    # deadline texts leave out bold/italic marks ("trước *ngày 13 tháng 12 năm 2025*")
    return " ".join(unicodedata.normalize("NFC", s).replace("*", "").split())


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", s)).replace("–", "-").replace("—", "-")


def _gold_files() -> list[tuple[str, Path]]:
    return [(name, p) for name, d in SETS.items() for p in sorted((d / "gold").glob("*.json"))]


@pytest.mark.parametrize("name, path", _gold_files(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_gold_strings_occur_in_their_text(name: str, path: Path) -> None:
    """What the scorer matches must be in the text (as the shared corpus's check_gold.py, plus
    coordinators and deadline texts, minus names: t255's signer is written with bold markup inside
    the word, see corpus/heldout/README.md)."""
    g = json.loads(path.read_text(encoding="utf-8"))
    raw = (SETS[name] / "docs" / f"{path.stem}.txt").read_text(encoding="utf-8")
    text, low, flat = _norm(raw), _norm(raw).lower(), _squash(raw)
    wanted = [d["text"] for d in g["dates"]] + list(g.get("optional_directives", []))
    for d in g["directives"]:
        wanted += [d["text_start"], *d["assignees"], *d.get("coordinators", []), *d.get("optional_assignees", [])]
        wanted += [d["deadline_text"]] if d.get("deadline_text") else []
    missing = [s for s in wanted if _norm(s) not in text and _norm(s).lower() not in low]
    assert not missing, f"{path.stem}: {missing}"
    numbers = [r["number"] for r in g["doc_refs"]] + [g["document"]["number"] or ""]
    assert all(_squash(n) in flat for n in numbers), path.stem
