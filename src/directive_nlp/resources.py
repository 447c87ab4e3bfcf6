"""Reference tables (type codes, issuer codes, titles, surnames) from ``data/``.

The TSV files are facts copied from the product side's reference material, each row with a
``source``. They are read once, through :mod:`importlib.resources`, as strings (no NaN).
Lookups go through :func:`directive_nlp.text.normalize.fold` so "Uỷ"/"Ủy" and case agree.
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from directive_nlp.text.normalize import fold

__all__ = [
    "TABLES",
    "REQUIRED_COLUMNS",
    "load_table",
    "load_json",
    "doc_type_name",
    "doc_type_codes",
    "type_words",
    "issuer_name",
    "issuer_codes",
    "MODEL_DATA",
    "use_data_dir",
    "data_file",
]

log = logging.getLogger(__name__)

# What the pipeline is built from: these files are copied into the saved pipeline
# (models/directive_nlp/data/) by scripts/build_models.py and read from there once
# ``use_data_dir`` has been called by ``directive_nlp.load()``.
MODEL_DATA = (
    "doc_types.tsv",
    "issuers.tsv",
    "titles.tsv",
    "surnames.tsv",
    "layout.json",
    "header.json",
    "numbers.json",
    "dates.json",
    "officials.json",
    "directives.json",
)
_data_dir: Path | None = None


def use_data_dir(path: str | Path | None) -> None:
    """Read the pipeline's tables from ``path`` (a saved pipeline's ``data/``) from now on.

    Call it before the first extraction: extractors compile their patterns once.
    """
    global _data_dir
    new = Path(path) if path is not None else None
    if new == _data_dir:
        return
    _data_dir = new
    load_table.cache_clear()
    load_json.cache_clear()
    log.debug("tables from %s", new or "package data")


def data_file(filename: str) -> Any:
    """A Traversable for a data file: the selected model's copy when there is one."""
    if _data_dir is not None and filename in MODEL_DATA:
        candidate = _data_dir / filename
        if candidate.is_file():
            return candidate
    return resources.files("directive_nlp").joinpath("data", filename)

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "doc_types": ("code", "type_vi", "type_en", "system", "category", "source", "notes"),
    "issuers": ("code", "meaning_vi", "meaning_en", "level", "system", "slot", "source", "notes"),
    "titles": ("title", "level", "kind", "attaches_to", "notes", "source"),
    "surnames": ("surname", "group", "frequency_class", "scope", "notes", "source"),
}
TABLES = tuple(REQUIRED_COLUMNS)


@cache
def load_table(name: str) -> pd.DataFrame:
    """Read ``data/<name>.tsv`` as strings (empty cells are "")."""
    if name not in REQUIRED_COLUMNS:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    ref = data_file(f"{name}.tsv")
    with resources.as_file(ref) as path:
        return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)


@cache
def load_json(name: str) -> Any:
    """Read ``data/<name>.json``."""
    ref = data_file(f"{name}.json")
    return json.loads(ref.read_text(encoding="utf-8"))


_PAREN = re.compile(r"\s*\(.*?\)\s*")


def _short(type_vi: str) -> str:
    """"Nghị quyết (cá biệt)" → "Nghị quyết"; "Luật / Bộ luật" → "Luật"."""
    return _PAREN.sub(" ", type_vi).split("/")[0].split(" của ")[0].strip()


@cache
def _type_index() -> dict[tuple[str, str], str]:
    """(folded code, system) → short type name; system '' = any. First row wins."""
    idx: dict[tuple[str, str], str] = {}
    for row in load_table("doc_types").itertuples(index=False):
        if row.code == "-":
            continue
        key = fold(row.code)
        name = _short(row.type_vi)
        systems = ("state", "party") if row.system == "both" else (row.system,)
        for system in systems:
            idx.setdefault((key, system), name)
        idx.setdefault((key, ""), name)
    return idx


def doc_type_name(code: str, system: str = "") -> str | None:
    """Full type name for a type code: ("KH") → "Kế hoạch"; ("TT", "party") → "Thông tri".

    ``system`` is "state", "party" or "" (unknown: the first listed meaning).
    """
    idx = _type_index()
    key = fold(code)
    return idx.get((key, system)) or idx.get((key, ""))


@cache
def doc_type_codes() -> frozenset[str]:
    """Type codes as written in the table (case kept: "CTr", "TTr", "QyĐ")."""
    return frozenset(c for c in load_table("doc_types")["code"] if c != "-")


@cache
def type_words() -> tuple[str, ...]:
    """Type names usable as a title word or before "số", longest first."""
    names = {_short(t) for t in load_table("doc_types")["type_vi"]}
    names |= {"Nghị quyết", "Quyết định", "Công văn", "Luật", "Bộ luật", "Nghị định", "Thông tư"}
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


@cache
def _issuer_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for row in load_table("issuers").itertuples(index=False):
        idx.setdefault(fold(row.code), row.meaning_vi)
    return idx


def issuer_name(code: str) -> str | None:
    """Meaning of an issuer or unit code ("UBND" → "Ủy ban nhân dân ..."), or None."""
    return _issuer_index().get(fold(code))


@cache
def issuer_codes() -> frozenset[str]:
    return frozenset(load_table("issuers")["code"])
