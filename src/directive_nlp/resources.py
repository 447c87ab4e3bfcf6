"""The one loader of everything under ``data/``: reference tables, lexicons, JSON settings.

* **Tables** (``data/<name>.tsv``: type codes, issuer codes, titles, surnames) are facts copied
  from the product side's reference material, each row with a ``source``.
* **Lexicons** (``data/lexicons/<name>.tsv``) hold one concept each (weekdays, honorifics,
  speech verbs…): a ``phrase`` column, attribute columns, a ``source`` column on every row, and
  ``# concept:`` / ``# doc:`` lines on top. :func:`lexicon` returns a :class:`Lexicon`; the
  integrity test (tests/test_resources.py) checks that no phrase appears twice in one concept.
* **JSON** (``data/<name>.json``): the settings of one extractor that are not word lists.

Everything is read once (cached), as strings, through :mod:`importlib.resources` (no pandas at
import: the command line starts faster). Lookups go through
:func:`directive_nlp.text.normalize.fold` so "Uỷ"/"Ủy" and case agree.
"""

from __future__ import annotations

import json
import logging
import re
from collections import namedtuple
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


from directive_nlp.text.normalize import fold

__all__ = [
    "Table",
    "Lexicon",
    "lexicon",
    "lexicon_names",
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
LEXICON_DIR = "lexicons"


def lexicon_names() -> tuple[str, ...]:
    """Names of the lexicons shipped in the package (``data/lexicons/<name>.tsv``)."""
    folder = resources.files("directive_nlp").joinpath("data", LEXICON_DIR)
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv")))


MODEL_DATA = tuple(f"{LEXICON_DIR}/{n}.tsv" for n in lexicon_names()) + (
    "doc_types.tsv",
    "issuers.tsv",
    "titles.tsv",
    "surnames.tsv",
    "layout.json",
    "header.json",
    "numbers.json",
    "dates.json",
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
    lexicon.cache_clear()
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


@dataclass(frozen=True)
class Table:
    """Rows of a TSV file as named tuples of strings (empty cells are "")."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Any, ...]

    def column(self, name: str) -> tuple[str, ...]:
        if name not in self.columns:
            raise KeyError(f"{self.name}: no column {name!r}; columns: {', '.join(self.columns)}")
        return tuple(getattr(r, name) for r in self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _read_tsv(name: str, text: str) -> tuple[dict[str, str], Table]:
    """Parse a TSV with optional ``# key: value`` lines on top; (meta, table)."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        meta[key.strip()] = value.strip()
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise ValueError(f"{name}: no header row")
    columns = tuple(c.strip() for c in lines[0].split("\t"))
    row_type = namedtuple("Row", columns)  # type: ignore[misc]
    rows = []
    for k, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(f"{name}: line {k} has {len(cells)} cells, the header {len(columns)}")
        rows.append(row_type(*cells))
    return meta, Table(name, columns, tuple(rows))


@cache
def load_table(name: str) -> Table:
    """Read the reference table ``data/<name>.tsv``."""
    if name not in REQUIRED_COLUMNS:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return _read_tsv(f"{name}.tsv", data_file(f"{name}.tsv").read_text(encoding="utf-8"))[1]


@dataclass(frozen=True)
class Lexicon:
    """One concept's phrases with their attributes (see module doc)."""

    name: str
    concept: str
    doc: str
    table: Table

    @property
    def phrases(self) -> tuple[str, ...]:
        return self.table.column("phrase")

    def where(self, **attrs: str) -> tuple[str, ...]:
        """Phrases whose attribute columns have the given values ("" matches an empty cell)."""
        return tuple(r.phrase for r in self.table.rows if all(getattr(r, k) == v for k, v in attrs.items()))

    def attr(self, column: str) -> dict[str, str]:
        """Folded phrase → the value in ``column``."""
        return {fold(r.phrase): getattr(r, column) for r in self.table.rows}


@cache
def lexicon(name: str) -> Lexicon:
    """The lexicon ``data/lexicons/<name>.tsv`` (needs ``phrase`` and ``source`` columns)."""
    filename = f"{LEXICON_DIR}/{name}.tsv"
    ref = data_file(filename)
    if not ref.is_file():
        raise KeyError(f"unknown lexicon {name!r}; known: {', '.join(lexicon_names())}")
    meta, table = _read_tsv(filename, ref.read_text(encoding="utf-8"))
    for col in ("phrase", "source"):
        if col not in table.columns:
            raise ValueError(f"{filename}: no {col!r} column")
    return Lexicon(name, meta.get("concept", name), meta.get("doc", ""), table)


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
    for row in load_table("doc_types").rows:
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
    return frozenset(c for c in load_table("doc_types").column("code") if c != "-")


@cache
def type_words() -> tuple[str, ...]:
    """Type names usable as a title word or before "số", longest first."""
    names = {_short(t) for t in load_table("doc_types").column("type_vi")}
    names |= {"Nghị quyết", "Quyết định", "Công văn", "Luật", "Bộ luật", "Nghị định", "Thông tư"}
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


@cache
def _issuer_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for row in load_table("issuers").rows:
        idx.setdefault(fold(row.code), row.meaning_vi)
    return idx


def issuer_name(code: str) -> str | None:
    """Meaning of an issuer or unit code ("UBND" → "Ủy ban nhân dân ..."), or None."""
    return _issuer_index().get(fold(code))


@cache
def issuer_codes() -> frozenset[str]:
    return frozenset(load_table("issuers").column("code"))
