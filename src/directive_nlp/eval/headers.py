"""The header set: pages of a legal portal scored on their document header against an answer key.

A header set is a folder with ``meta.jsonl`` (one JSON object per page: ``id``, ``number``,
``type``, ``issuer``, ``signer`` (name), ``issued_on``) and ``pages/<id>.txt`` (the page text the
key was cut from; see ``corpus/headers/README.md``). :func:`score_header_set` extracts each page
and scores ``document.number``, ``type``, ``issued_on``, ``signer.name`` and ``issuer`` with the
rules of ``corpus/headers/score_headers.py`` (the shared scorer, re-implemented here):

* a field is scored only where the key has a value **and the page's text holds it** (a page
  whose header was cut is not scored on what it no longer shows);
* number: NFC, upper case, no whitespace, one dash character (:func:`doc_ref_key`);
* type and signer name: NFC, case-folded, whitespace collapsed, equal;
* issued_on: the ISO day;
* issuer: right when one of the two, case-folded and without a leading "Ủy ban nhân dân",
  "tỉnh", "thành phố", contains the other.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import regex

from directive_nlp.errors import GoldError
from directive_nlp.extract.numbers import doc_ref_key

__all__ = [
    "HEADER_SET_FIELDS",
    "HeaderSetReport",
    "is_header_set",
    "load_meta",
    "supported",
    "right",
    "score_header_set",
    "format_header_set",
]

HEADER_SET_FIELDS: tuple[str, ...] = ("number", "type", "issued_on", "signer", "issuer")
_CORE_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ", "tỉnh ", "thành phố ")


def _fold(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())


def _core(s: str | None) -> str:
    out = _fold(s)
    for p in _CORE_PREFIXES:
        out = out.replace(p, "")
    return out.strip()


def supported(name: str, want: str, text: str) -> bool:
    """True when the page's text holds the key's value (only then is the field scored)."""
    if name == "number":
        return doc_ref_key(want) in doc_ref_key(text)
    if name == "issued_on":
        y, m, d = want.split("-")
        pat = rf"0?{int(d)}\s*(?:/|-|\.|\s+tháng\s+)0?{int(m)}\s*(?:/|-|\.|\s+năm\s+){y}"
        return regex.search(pat, " ".join(text.split())) is not None
    if name == "type":
        return _fold(want) == "công văn" or _fold(want) in _fold(text)
    if name == "issuer":
        return _core(want) in _fold(text)
    return _fold(want) in _fold(text)


def right(name: str, want: str, got: str | None) -> bool:
    """The shared scorer's rule for one field (see module doc)."""
    if not got:
        return False
    if name == "number":
        return doc_ref_key(got) == doc_ref_key(want)
    if name == "issued_on":
        return got[:10] == want
    if name == "issuer":
        a, b = _core(got), _core(want)
        return bool(a and b) and (a in b or b in a)
    return _fold(got) == _fold(want)


def _answers(result: Mapping[str, Any]) -> dict[str, str | None]:
    doc = result.get("document") or {}
    return {
        "number": doc.get("number"),
        "type": doc.get("type"),
        "issued_on": doc.get("issued_on"),
        "signer": (doc.get("signer") or {}).get("name"),
        "issuer": doc.get("issuer"),
    }


def is_header_set(folder: Path) -> bool:
    """A folder holding ``meta.jsonl`` and ``pages/``."""
    return (folder / "meta.jsonl").is_file() and (folder / "pages").is_dir()


def load_meta(path: Path) -> list[dict[str, Any]]:
    """The answer key: one object per line with at least an ``id`` (GoldError otherwise)."""
    rows: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise GoldError(str(path), f"cannot read the answer key ({exc.strerror or exc})") from None
    for k, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(str(path), f"line {k}: not valid JSON: {exc.msg}") from None
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise GoldError(str(path), f"line {k}: needs an object with a string 'id'")
        rows.append(row)
    return rows


@dataclass
class HeaderSetReport:
    """Per field: right, scored, returned nothing; the misses (id, field, want, got)."""

    pages: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEADER_SET_FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEADER_SET_FIELDS, 0))
    empty: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEADER_SET_FIELDS, 0))
    misses: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    def accuracy(self, name: str) -> float | None:
        return round(self.right[name] / self.total[name], 3) if self.total[name] else None

    def dump(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "fields": {
                f: {"right": self.right[f], "total": self.total[f], "empty": self.empty[f], "accuracy": self.accuracy(f)}
                for f in HEADER_SET_FIELDS
            },
            "misses": [{"id": i, "field": f, "want": w, "got": g} for i, f, w, g in self.misses],
        }


def score_header_set(folder: Path, extract: Callable[[Path], Mapping[str, Any]]) -> HeaderSetReport:
    """Extract every page of the header set in ``folder`` and score its header (see module doc)."""
    folder = Path(folder)
    meta = load_meta(folder / "meta.jsonl")
    report = HeaderSetReport()
    for row in meta:
        page = folder / "pages" / f"{row['id']}.txt"
        if not page.is_file():
            raise GoldError(str(page), "page text not found")
        text = page.read_text(encoding="utf-8")
        got = _answers(extract(page))
        report.pages += 1
        for name in HEADER_SET_FIELDS:
            want = row.get(name)
            if not want or not supported(name, want, text):
                continue
            ok = right(name, want, got[name])
            report.total[name] += 1
            report.right[name] += ok
            report.empty[name] += not got[name]
            if not ok:
                report.misses.append((row["id"], name, want, got[name]))
    return report


def format_header_set(report: HeaderSetReport, show: int = 0) -> str:
    """The table ``directive-nlp eval`` prints for a header set (``show`` misses listed)."""
    lines = [f"directive-nlp: header set of {report.pages} page(s); a field counts where the page's text holds it", ""]
    lines.append(f"{'field':<10} {'right':>5} {'n':>5} {'acc':>6}  returned nothing")
    for f in HEADER_SET_FIELDS:
        acc = report.accuracy(f)
        shown = "-" if acc is None else f"{acc:.3f}"
        lines.append(f"{f:<10} {report.right[f]:>5} {report.total[f]:>5} {shown:>6}  {report.empty[f]}")
    if show and report.misses:
        lines += ["", f"{len(report.misses)} miss(es):"]
        lines += [f"  {i} {f:<9} want {w!r} got {g!r}" for i, f, w, g in report.misses[:show]]
    return "\n".join(lines)
