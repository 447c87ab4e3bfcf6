"""The robustness law: the same document gives the same answers however it is wrapped.

Layout transforms of a real text (each keeps every word and its order):

* ``rewrap(text, width)`` — every line longer than ``width`` broken at spaces into lines of at
  most ``width`` characters (words kept whole), lines ended with CRLF;
* ``join_header`` — the lines of a notice's header block (up to and including the place-and-date
  line) joined into one line, as crawlers write them;
* ``markdown`` — header-block lines wrapped in emphasis and table bars (``| **…** |``), the way
  legal portals are converted to markdown;
* ``crlf`` / ``cr_only`` — other line ends;
* ``zero_width`` — zero-width spaces inserted inside words (a fixed sample).

:func:`answers` reduces a result to what must not change (offsets aside): the header fields,
document numbers, date values, officials with titles, directives (label, parent, issuer,
assignees, deadline, and the words of their text). :func:`agreement` compares two results field by
field (multiset overlap), :func:`robustness` runs every transform over a set of texts; the
``eval --robustness`` command prints it.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from typing import Any, Callable, Iterable, Mapping

import regex

__all__ = [
    "TRANSFORMS",
    "rewrap",
    "join_header",
    "markdown",
    "crlf",
    "cr_only",
    "zero_width",
    "answers",
    "agreement",
    "robustness",
    "FIELDS",
    "format_robustness",
]

_PLACE_DATE = regex.compile(r"ngày[\s*_]+\d{1,2}[\s*_]+tháng[\s*_]+\d{1,2}[\s*_]+năm[\s*_]+\d{4}", regex.IGNORECASE)
_MARKS = regex.compile(r"[*_|#]+")
_INVISIBLE = regex.compile(r"\p{Cf}+")


def rewrap(text: str, width: int = 45) -> str:
    """Break every line longer than ``width`` at spaces; CRLF line ends (see module doc)."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\r\n".join(out)


_ANCHOR = regex.compile(
    r"(?m)^[\s*_|#]*(?:Số\s*:|Số\s+\d|CỘNG\s+H(?:ÒA|OÀ)|ĐẢNG\s+CỘNG\s+SẢN)", regex.IGNORECASE
)


def _caps_or_markup(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return not letters or all(c.isupper() for c in letters)


def _header_lines(lines: list[str]) -> range | None:
    """Lines of a notice's header block: the issuing body above the motto or "Số" line, down to
    the line that ends the place-and-date phrase (None for texts without one). The phrases may
    already be broken over lines."""
    text = "\n".join(lines)
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    line_of = lambda pos: max(k for k, s in enumerate(starts) if s <= pos)  # noqa: E731
    for m in _ANCHOR.finditer(text, 0, min(len(text), 40_000)):
        date = _PLACE_DATE.search(text, m.end(), min(len(text), m.end() + 1500))
        if date is not None:
            break
    else:
        return None
    anchor, last = line_of(m.start()), line_of(date.end() - 1)
    first = anchor
    while first > 0 and anchor - first < 8 and _caps_or_markup(lines[first - 1]):
        first -= 1
    while first < anchor and not lines[first].strip(" *_|#"):
        first += 1
    return range(first, last + 1)


def join_header(text: str) -> str:
    """The header block's lines joined into one (texts without one are returned unchanged)."""
    lines = text.split("\n")
    block = _header_lines(lines)
    if block is None:
        return text
    joined = " ".join(ln.strip() for ln in lines[block.start : block.stop] if ln.strip())
    return "\n".join(lines[: block.start] + [joined] + lines[block.stop :])


def markdown(text: str) -> str:
    """Header-block lines as markdown table cells with emphasis: ``| **LINE** |``."""
    lines = text.split("\n")
    block = _header_lines(lines)
    if block is None:
        return text
    for k in block:
        if lines[k].strip():
            lines[k] = f"| **{lines[k].strip()}** |"
    return "\n".join(lines)


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def cr_only(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r")


def zero_width(text: str, seed: int = 7, share: float = 0.05) -> str:
    """A zero-width space inserted between two letters at a fixed random sample of places."""
    rng = random.Random(seed)
    out: list[str] = []
    for k, ch in enumerate(text):
        out.append(ch)
        if ch.isalpha() and k + 1 < len(text) and text[k + 1].isalpha() and rng.random() < share:
            out.append("\u200b")
    return "".join(out)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "rewrap30": lambda t: rewrap(t, 30),
    "rewrap45": lambda t: rewrap(t, 45),
    "rewrap80": lambda t: rewrap(t, 80),
    "join_header": join_header,
    "markdown": markdown,
    "crlf": crlf,
    "cr_only": cr_only,
    "zero_width": zero_width,
}

FIELDS = ("header", "doc_refs", "dates", "officials", "directives")


def _key(value: Any) -> str:
    """A string compared without layout: NFC, no markup or zero-width marks, case and spaces folded."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    # a CR is a line end (cr_only texts have no other): it separates words like a space
    s = _MARKS.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).replace("\r", " "))
    return " ".join(s.casefold().split())


def _words(text: Any, limit: int = 12) -> str:
    return " ".join(_key(text).split()[:limit])


def answers(result: Mapping[str, Any]) -> dict[str, Counter[str]]:
    """What must not change under a layout transform, as a multiset per field."""
    doc = result.get("document") or {}
    signer = doc.get("signer") or {}
    header = Counter(
        f"{k}={_key(v)}"
        for k, v in (
            ("kind", result.get("kind")),
            ("number", doc.get("number")),
            ("type", doc.get("type")),
            ("issuer", doc.get("issuer")),
            ("issued_on", doc.get("issued_on")),
            ("place", doc.get("place")),
            ("signer", signer.get("name")),
            ("signer_title", signer.get("title")),
            ("authority", signer.get("authority")),
        )
    )
    header.update(f"recipient={_key(r)}" for r in doc.get("recipients") or [])
    header.update(f"addressee={_key(r)}" for r in doc.get("addressees") or [])
    refs = Counter(
        f"{_key(r.get('number')).replace(' ', '')}|{_key(r.get('type'))}|{r.get('issued_on')}"
        for r in result.get("doc_refs") or []
    )
    dates = Counter(str(d.get("value")) for d in result.get("dates") or [])
    officials = Counter(
        f"{_key(o.get('name'))}|" + ";".join(sorted(_key(t) for t in o.get("titles") or []))
        for o in result.get("officials") or []
    )
    directives = Counter(
        "|".join(
            [
                _key(d.get("label")),
                _key(d.get("issuer")),
                ";".join(sorted(_key(a) for a in d.get("assignees") or [])),
                str(d.get("deadline")),
                _words(d.get("text")),
            ]
        )
        for d in result.get("directives") or []
    )
    return {"header": header, "doc_refs": refs, "dates": dates, "officials": officials, "directives": directives}


def agreement(a: Mapping[str, Counter[str]], b: Mapping[str, Counter[str]]) -> dict[str, float]:
    """Per field: shared items ÷ items of the larger side (1.0 when both are empty)."""
    out: dict[str, float] = {}
    for f in FIELDS:
        x, y = a.get(f, Counter()), b.get(f, Counter())
        size = max(sum(x.values()), sum(y.values()))
        out[f] = 1.0 if size == 0 else sum((x & y).values()) / size
    return out


def robustness(
    texts: Iterable[tuple[str, str]],
    extract: Callable[[str], Mapping[str, Any]],
    transforms: Mapping[str, Callable[[str], str]] = TRANSFORMS,
) -> dict[str, Any]:
    """Agreement of every transform with the original, per field and overall (mean).

    ``texts``: (name, text) pairs; ``extract``: text → result JSON. Returns
    ``{"score", "fields": {field: mean}, "transforms": {name: mean}, "misses": [...]}``.
    """
    per_field: dict[str, list[float]] = {f: [] for f in FIELDS}
    per_transform: dict[str, list[float]] = {t: [] for t in transforms}
    misses: list[dict[str, Any]] = []
    for name, text in texts:
        base = answers(extract(text))
        for tname, fn in transforms.items():
            changed = fn(text)
            if changed == text:
                continue
            got = answers(extract(changed))
            agree = agreement(base, got)
            for f, v in agree.items():
                per_field[f].append(v)
                per_transform[tname].append(v)
                if v < 1.0:
                    misses.append({"doc": name, "transform": tname, "field": f,
                                   "lost": sorted((base[f] - got[f]).elements())[:5],
                                   "new": sorted((got[f] - base[f]).elements())[:5]})
    mean = lambda xs: round(sum(xs) / len(xs), 3) if xs else 1.0  # noqa: E731
    fields = {f: mean(v) for f, v in per_field.items()}
    return {
        "score": mean([v for vs in per_field.values() for v in vs]),
        "fields": fields,
        "transforms": {t: mean(v) for t, v in per_transform.items()},
        "misses": misses,
    }


def format_robustness(result: Mapping[str, Any]) -> str:
    """The robustness block printed by ``directive-nlp eval --robustness``."""
    lines = [f"robustness (agreement of transformed with original): {result['score']:.3f}", ""]
    lines.append("field        agreement")
    lines += [f"{f:<12} {v:9.3f}" for f, v in result["fields"].items()]
    lines += ["", "transform    agreement"]
    lines += [f"{t:<12} {v:9.3f}" for t, v in result["transforms"].items()]
    misses = result.get("misses") or []
    if misses:
        lines += ["", f"{len(misses)} (document, transform, field) disagreements, e.g.:"]
        lines += [f"  {m['doc']} {m['transform']} {m['field']}: lost {m['lost'][:2]}, new {m['new'][:2]}" for m in misses[:8]]
    return "\n".join(lines)
