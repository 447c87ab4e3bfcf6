"""Score a system's JSON output against gold annotations, with the rules of corpus/SCORING.md.

Fields scored as precision / recall / F1, micro-averaged over documents (sum the counts, then
divide):

* ``officials`` — one-to-one by name (:func:`directive_nlp.text.normalize.fold`: NFC, one tone-mark
  style, case folding, whitespace collapsed). Gold ``optional_officials`` are ignored both ways:
  a returned optional name is neither right nor wrong. A second entry for an already matched name
  is an extra (gold has one entry per person).
* ``officials.titles`` (recall only) — for each matched official, each gold title counts as found
  when some title of the matched returned entry equals it or contains it as whole words, after
  ``fold`` (so "PHÓ CHỦ TỊCH" = "Phó Chủ tịch", and "Bí thư Tỉnh ủy" is found in "Phó Bí thư Tỉnh ủy
  Điện Biên" — containment is what SCORING.md asks for).
* ``doc_refs`` — the SET of numbers (doc_refs plus document.number) on both sides, keyed by
  :func:`ref_key` (NFC, upper case, no whitespace, every dash character → "-"). Returned numbers
  equal to an ``optional_doc_refs`` entry (and not in gold) are ignored.
* ``dates`` — MULTISET of values at day precision: for ranges each side's date part; a gold
  ``XXXX`` year matches any year (a returned ``XXXX`` year matches only a gold ``XXXX``).
  ``dates.strict`` also compares the time part ("06:00" = "06:00:00"; a UTC offset is ignored).
  Returned values equal to, or extending, an ``optional_dates`` value ("2025" covers
  "2025-11-20", "2021-01/2021-06" covers "2021-01-05/2021-06-30") are ignored when unmatched.
* ``directives`` — a gold directive is found when its folded ``text_start`` occurs, as whole
  words, inside the folded ``text`` of a returned directive; each returned directive matches at
  most one gold item (maximum bipartite matching, so a greedy choice never undercounts). Unmatched
  returned directives that contain an ``optional_directives`` snippet are ignored, the others are
  extras.
* ``directives.assignee_items`` — over matched pairs, the assignee strings (folded, as sets):
  gold ``assignees`` must be returned, gold ``optional_assignees`` may be.

Accuracy fields (correct / n, over the documents or matched pairs where gold gives a non-null
value): ``header.kind``, ``header.number`` (compared by :func:`ref_key`), ``header.type``,
``header.issued_on`` and ``header.published_at`` (at the precision gold gives: gold
"2021-09-17T06:46" is matched by "2021-09-17T06:46:59", gold "2021-08-04" by any time that day),
``header.place``, ``header.signer.name|title|authority``, ``header.recipients`` and
``header.authors`` (ordered lists; items folded, a leading bullet and trailing ",;." dropped),
``header.title``; and, over matched directive pairs, ``directives.issuer`` (folded equality),
``directives.assignees`` (required ⊆ returned ⊆ required ∪ optional) and
``directives.deadline`` (at gold precision).

Conventions: precision with nothing returned is 1.0 when gold is empty too, else 0.0; recall with
an empty gold is 1.0 when nothing wrong was returned, else 0.0 — so F1 is 1.0 exactly when the
field is perfect. The sub-scores of matched items (``officials.titles``,
``directives.assignee_items``) and an accuracy over n = 0 are ``None`` (shown "-") when there was
nothing to compare. Header lists count where gold gives ``[]`` (an article has no recipients, a
notice no authors): returning none is then right.

Several systems can be scored on the same gold with :func:`run_systems`; :func:`format_table`
then shows one column group per system.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import regex

from directive_nlp.errors import GoldError
from directive_nlp.text.normalize import fold
from directive_nlp.extract.numbers import doc_ref_key

__all__ = [
    "Extractor",
    "Counts",
    "Accuracy",
    "DocScore",
    "Report",
    "PRF_FIELDS",
    "ACCURACY_FIELDS",
    "REQUIRED_GOLD_KEYS",
    "ref_key",
    "score_document",
    "aggregate",
    "load_gold",
    "find_text",
    "run_eval",
    "run_systems",
    "format_table",
    "dump_reports",
]

log = logging.getLogger(__name__)

Extractor = Callable[[Path, dict[str, Any]], dict[str, Any]]

DEFAULT_SYSTEM = "directive-nlp"

PRF_FIELDS: tuple[str, ...] = (
    "officials",
    "officials.titles",
    "doc_refs",
    "dates",
    "dates.strict",
    "directives",
    "directives.assignee_items",
)
RECALL_ONLY: frozenset[str] = frozenset({"officials.titles"})
# scored over matched pairs only: undefined (None) when there was nothing to compare
CONDITIONAL: frozenset[str] = frozenset({"officials.titles", "directives.assignee_items"})
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
# normalization helpers


def _fold(value: Any) -> str:
    return fold(value) if isinstance(value, str) else ""




ref_key = doc_ref_key


def _contains_words(hay: str, needle: str) -> bool:
    """``needle`` occurs in ``hay`` and is not cut out of a longer word at either end."""
    if not needle:
        return False
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return False
        j = i + len(needle)
        left_ok = i == 0 or not (hay[i - 1].isalnum() and needle[0].isalnum())
        right_ok = j == len(hay) or not (hay[j].isalnum() and needle[-1].isalnum())
        if left_ok and right_ok:
            return True
        start = i + 1


_BULLET = regex.compile(r"^[\s\-‐‑‒–—−•+*·]+")
_TRAIL = regex.compile(r"[\s,;.]+$")


def _list_key(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if not isinstance(item, str):
            continue
        t = _TRAIL.sub("", _BULLET.sub("", _fold(item)))
        if t:
            out.append(t)
    return out


# --------------------------------------------------------------------------------------------
# ISO values

# year (or XXXX), month, day; time h[:m[:s[.frac]]]; optional UTC offset (ignored)
_SIDE = regex.compile(
    r"(\d{4}|X{4})(?:-(\d{1,2}|XX)(?:-(\d{1,2}))?)?"
    r"(?:[T ](\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)

Side = tuple[tuple[int | None, ...], tuple[int, ...] | None]


def _parse_value(value: Any) -> list[Side] | None:
    """ISO value → sides (one, or two for a range), each (date parts, time parts or None).

    A year "XXXX" is None. Date parts keep the precision given (1 to 3 parts), time parts too.
    """
    if not isinstance(value, str):
        return None
    sides: list[Side] = []
    for part in value.strip().split("/"):
        m = _SIDE.fullmatch(part.strip())
        if m is None:
            return None
        y, mo, d, hh, mi, ss = m.groups()
        date: list[int | None] = [None if y.startswith("X") else int(y)]
        if mo is not None:
            if mo == "XX":
                return None
            date.append(int(mo))
            if d is not None:
                date.append(int(d))
        time: tuple[int, ...] | None = None
        if hh is not None:
            time = tuple(int(x) for x in (hh, mi, ss) if x is not None)
        sides.append((tuple(date), time))
    return sides if 1 <= len(sides) <= 2 else None


def _year_ok(g: int | None, p: int | None) -> bool:
    return g is None or g == p


def _date_eq(g: tuple[int | None, ...], p: tuple[int | None, ...]) -> bool:
    """Same precision and parts; a gold None year matches any year."""
    return len(g) == len(p) and _year_ok(g[0], p[0]) and g[1:] == p[1:]


def _pad_time(t: tuple[int, ...] | None) -> tuple[int, ...] | None:
    return None if t is None else (t + (0, 0, 0))[:3]


def _dates_match(gold: list[Side] | None, pred: list[Side] | None, *, strict: bool) -> bool:
    if gold is None or pred is None or len(gold) != len(pred):
        return False
    for (gd, gt), (pd, pt) in zip(gold, pred):
        if not _date_eq(gd, pd):
            return False
        if strict and _pad_time(gt) != _pad_time(pt):
            return False
    return True


def _side_prefix(o: Side, v: Side) -> bool:
    (od, ot), (vd, vt) = o, v
    if len(od) > len(vd):
        return False
    if od[0] is not None and vd[0] is not None and od[0] != vd[0]:
        return False
    if od[1:] != vd[1 : len(od)]:
        return False
    if ot is not None:
        return len(od) == 3 and vt is not None and _pad_time(vt)[: len(ot)] == ot  # type: ignore[index]
    return True


def _optional_date_match(opt: list[Side] | None, value: list[Side] | None) -> bool:
    """``value`` equals or extends the optional value ``opt`` (side-wise for ranges)."""
    if opt is None or value is None:
        return False
    if len(opt) == len(value):
        return all(_side_prefix(o, v) for o, v in zip(opt, value))
    if len(opt) == 1:
        return all(_side_prefix(opt[0], v) for v in value)
    return False


def _at_gold_precision(gold: Any, pred: Any) -> bool:
    """Header dates: the returned value agrees with gold on every part gold gives."""
    g, p = _parse_value(gold), _parse_value(pred)
    if g is None or p is None:
        return _fold(gold) == _fold(pred) and bool(_fold(gold))
    if len(g) != len(p):
        return False
    for (gd, gt), (pd, pt) in zip(g, p):
        if len(pd) < len(gd) or not _date_eq(gd, pd[: len(gd)]):
            return False
        if gt is not None:
            if pt is None or len(pd) < 3:
                return False
            if _pad_time(pt)[: len(gt)] != gt:  # type: ignore[index]
                return False
    return True


# --------------------------------------------------------------------------------------------
# matching


def _max_matching(n_gold: int, adj: Sequence[Sequence[int]], order: Iterable[int]) -> dict[int, int]:
    """Maximum bipartite matching, grown from the returned side in ``order``.

    ``adj[p]`` lists the gold items returned item ``p`` may match. Augmenting paths never unmatch a
    returned item, so items earlier in ``order`` are covered first (a greedy basis of the
    transversal matroid): putting preferred items first maximizes how many of them are matched
    among all maximum matchings. Returns {returned index: gold index}.
    """
    match_gold: list[int | None] = [None] * n_gold
    match_pred: dict[int, int] = {}
    for start in order:
        if not adj[start]:
            continue
        came_from: dict[int, int] = {}
        queue: deque[int] = deque([start])
        found: int | None = None
        while queue and found is None:
            p = queue.popleft()
            for g in adj[p]:
                if g in came_from:
                    continue
                came_from[g] = p
                owner = match_gold[g]
                if owner is None:
                    found = g
                    break
                queue.append(owner)
        g = found
        while g is not None:
            p = came_from[g]
            previous = match_pred.get(p)
            match_gold[g] = p
            match_pred[p] = g
            g = None if p == start else previous
    return match_pred


# --------------------------------------------------------------------------------------------
# fields


@dataclass(slots=True)
class _Acc:
    """Mutable accumulator for one document."""

    counts: dict[str, Counts] = field(default_factory=dict)
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    details: dict[str, dict[str, list[Any]]] = field(default_factory=dict)

    def prf(self, name: str, tp: int, fp: int, fn: int, **details: list[Any]) -> None:
        self.counts[name] = self.counts.get(name, Counts()) + Counts(tp, fp, fn)
        self._details(name, details)

    def acc(self, name: str, ok: bool, wrong: dict[str, Any] | None = None) -> None:
        self.accuracy[name] = self.accuracy.get(name, Accuracy()) + Accuracy(int(ok), 1)
        if not ok and wrong is not None:
            self._details(name, {"wrong": [wrong]})

    def _details(self, name: str, details: Mapping[str, list[Any]]) -> None:
        slot = self.details.setdefault(name, {})
        for key, items in details.items():
            slot.setdefault(key, []).extend(items)


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _dicts(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    return [x for x in _list(data, key) if isinstance(x, dict)]


def _score_officials(gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Acc) -> None:
    gold_items = {}
    for item in _dicts(gold, "officials"):
        key = _fold(item.get("name"))
        if key and key not in gold_items:
            gold_items[key] = item
    optional = {_fold(x) for x in _list(gold, "optional_officials")} - set(gold_items)
    matched: dict[str, dict[str, Any]] = {}
    extra: list[str] = []
    ignored: list[str] = []
    for item in _dicts(pred, "officials"):
        name = item.get("name")
        key = _fold(name)
        if key in gold_items and key not in matched:
            matched[key] = item
        elif key in gold_items:
            extra.append(f"{name} (duplicate)")
        elif key in optional:
            ignored.append(str(name))
        else:
            extra.append(str(name))
    missed = [g.get("name") for k, g in gold_items.items() if k not in matched]
    acc.prf("officials", len(matched), len(extra), len(missed), missed=missed, extra=extra, ignored=ignored)

    tp = fn = 0
    title_missed: list[dict[str, Any]] = []
    for key, p in matched.items():
        returned = [t for t in _list(p, "titles") if isinstance(t, str)]
        folded = [_fold(t) for t in returned]
        for title in _list(gold_items[key], "titles"):
            g = _fold(title)
            if any(t == g or _contains_words(t, g) for t in folded):
                tp += 1
            else:
                fn += 1
                title_missed.append({"name": gold_items[key].get("name"), "title": title, "returned": returned})
    acc.prf("officials.titles", tp, 0, fn, missed=title_missed)


def _numbers(data: Mapping[str, Any]) -> dict[str, str]:
    """ref_key → number as written, for doc_refs plus document.number."""
    out: dict[str, str] = {}
    document = data.get("document")
    own = document.get("number") if isinstance(document, dict) else None
    values = [r.get("number") or r.get("text") for r in _dicts(data, "doc_refs")]
    for value in [own, *values]:
        if isinstance(value, str) and value.strip():
            out.setdefault(ref_key(value), value)
    return out


def _score_doc_refs(gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Acc) -> None:
    g, p = _numbers(gold), _numbers(pred)
    optional = {ref_key(x) for x in _list(gold, "optional_doc_refs") if isinstance(x, str)}
    tp = [k for k in p if k in g]
    extra = [p[k] for k in p if k not in g and k not in optional]
    ignored = [p[k] for k in p if k not in g and k in optional]
    missed = [g[k] for k in g if k not in p]
    acc.prf("doc_refs", len(tp), len(extra), len(missed), missed=missed, extra=extra, ignored=ignored)


def _score_dates(gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Acc) -> None:
    gold_items = _dicts(gold, "dates")
    pred_items = _dicts(pred, "dates")
    g_vals = [_parse_value(d.get("value")) for d in gold_items]
    p_vals = [_parse_value(d.get("value")) for d in pred_items]
    opts = [_parse_value(o) for o in _list(gold, "optional_dates")]
    is_optional = [any(_optional_date_match(o, v) for o in opts) for v in p_vals]
    # returned values not covered by an optional value first: they are the ones to match if possible
    order = sorted(range(len(pred_items)), key=lambda i: is_optional[i])
    for name, strict in (("dates", False), ("dates.strict", True)):
        adj = [
            [gi for gi, gv in enumerate(g_vals) if _dates_match(gv, pv, strict=strict)] for pv in p_vals
        ]
        pairs = _max_matching(len(gold_items), adj, order)
        found = set(pairs.values())
        extra, ignored = [], []
        for pi, item in enumerate(pred_items):
            if pi in pairs:
                continue
            shown = {"text": item.get("text"), "value": item.get("value")}
            (ignored if is_optional[pi] else extra).append(shown)
        missed = [{"text": d.get("text"), "value": d.get("value")} for gi, d in enumerate(gold_items) if gi not in found]
        acc.prf(name, len(pairs), len(extra), len(missed), missed=missed, extra=extra, ignored=ignored)


def _short(text: Any, limit: int = 160) -> str:
    t = " ".join(str(text or "").split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def _score_directives(gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Acc) -> None:
    gold_items = _dicts(gold, "directives")
    pred_items = _dicts(pred, "directives")
    starts = [_fold(d.get("text_start")) for d in gold_items]
    texts = [_fold(d.get("text")) for d in pred_items]
    snippets = [_fold(s) for s in _list(gold, "optional_directives") if isinstance(s, str)]
    adj = [[gi for gi, s in enumerate(starts) if _contains_words(t, s)] for t in texts]
    is_optional = [any(_contains_words(t, s) for s in snippets) for t in texts]
    order = sorted(range(len(pred_items)), key=lambda i: is_optional[i])
    pairs = _max_matching(len(gold_items), adj, order)
    found = set(pairs.values())
    extra, ignored = [], []
    for pi, item in enumerate(pred_items):
        if pi in pairs:
            continue
        shown = {"label": item.get("label"), "text": _short(item.get("text"))}
        (ignored if is_optional[pi] else extra).append(shown)
    missed = [
        {"label": d.get("label"), "parent": d.get("parent"), "text_start": d.get("text_start")}
        for gi, d in enumerate(gold_items)
        if gi not in found
    ]
    acc.prf("directives", len(pairs), len(extra), len(missed), missed=missed, extra=extra, ignored=ignored)

    tp = fp = fn = 0
    item_details: dict[str, list[Any]] = {"missed": [], "extra": []}
    for pi in sorted(pairs, key=lambda i: pairs[i]):
        g, p = gold_items[pairs[pi]], pred_items[pi]
        where = g.get("text_start")
        if g.get("issuer") is not None:
            ok = _fold(g.get("issuer")) == _fold(p.get("issuer")) and bool(_fold(g.get("issuer")))
            acc.acc("directives.issuer", ok, {"text_start": where, "gold": g.get("issuer"), "pred": p.get("issuer")})
        required = {_fold(a): a for a in _list(g, "assignees") if isinstance(a, str)}
        optional = {_fold(a) for a in _list(g, "optional_assignees") if isinstance(a, str)}
        returned = {_fold(a): a for a in _list(p, "assignees") if isinstance(a, str) and a.strip()}
        wrong = [a for k, a in returned.items() if k not in required and k not in optional]
        lacking = [a for k, a in required.items() if k not in returned]
        tp += sum(1 for k in required if k in returned)
        fp += len(wrong)
        fn += len(lacking)
        item_details["missed"].extend({"text_start": where, "assignee": a} for a in lacking)
        item_details["extra"].extend({"text_start": where, "assignee": a} for a in wrong)
        acc.acc(
            "directives.assignees",
            not wrong and not lacking,
            {"text_start": where, "gold": list(required.values()), "pred": list(returned.values())},
        )
        if g.get("deadline") is not None:
            ok = _at_gold_precision(g.get("deadline"), p.get("deadline"))
            acc.acc("directives.deadline", ok, {"text_start": where, "gold": g.get("deadline"), "pred": p.get("deadline")})
    acc.prf("directives.assignee_items", tp, fp, fn, **item_details)


def _document(data: Mapping[str, Any]) -> dict[str, Any]:
    document = data.get("document")
    return document if isinstance(document, dict) else {}


def _score_header(gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Acc) -> None:
    gd, pd = _document(gold), _document(pred)

    def text(name: str, g: Any, p: Any) -> None:
        if g is not None:
            acc.acc(name, bool(_fold(g)) and _fold(g) == _fold(p), {"gold": g, "pred": p})

    text("header.kind", gold.get("kind"), pred.get("kind"))
    number = gd.get("number")
    if number is not None:
        p = pd.get("number")
        ok = isinstance(p, str) and isinstance(number, str) and ref_key(number) == ref_key(p)
        acc.acc("header.number", ok, {"gold": number, "pred": p})
    text("header.type", gd.get("type"), pd.get("type"))
    for key in ("issued_on", "published_at"):
        if gd.get(key) is not None:
            ok = _at_gold_precision(gd.get(key), pd.get(key))
            acc.acc(f"header.{key}", ok, {"gold": gd.get(key), "pred": pd.get(key)})
    text("header.place", gd.get("place"), pd.get("place"))
    g_signer = gd.get("signer")
    if isinstance(g_signer, dict):
        p_signer = pd.get("signer") if isinstance(pd.get("signer"), dict) else {}
        for key in ("name", "title", "authority"):
            text(f"header.signer.{key}", g_signer.get(key), p_signer.get(key))
    if gd.get("recipients") is not None:
        ok = _list_key(gd.get("recipients")) == _list_key(pd.get("recipients"))
        acc.acc("header.recipients", ok, {"gold": gd.get("recipients"), "pred": pd.get("recipients")})
    text("header.title", gd.get("title"), pd.get("title"))
    if gd.get("authors") is not None:
        p_authors = pd.get("authors") if isinstance(pd.get("authors"), list) else pred.get("authors")
        ok = _list_key(gd.get("authors")) == _list_key(p_authors)
        acc.acc("header.authors", ok, {"gold": gd.get("authors"), "pred": p_authors})


def score_document(gold: dict[str, Any], pred: dict[str, Any], *, name: str | None = None) -> DocScore:
    """Score one prediction against its gold (both plain JSON dicts). Never raises on odd input:
    missing or malformed prediction parts count as not returned."""
    if not isinstance(pred, dict):
        pred = {}
    acc = _Acc()
    _score_officials(gold, pred, acc)
    _score_doc_refs(gold, pred, acc)
    _score_dates(gold, pred, acc)
    _score_directives(gold, pred, acc)
    _score_header(gold, pred, acc)
    doc_name = name or str(gold.get("file") or "")
    kind = gold.get("kind") if isinstance(gold.get("kind"), str) else None
    return DocScore(doc_name, kind, acc.counts, acc.accuracy, acc.details)


def aggregate(scores: Sequence[DocScore], *, system: str = DEFAULT_SYSTEM) -> Report:
    """Sum the counts of several documents (micro-averaging)."""
    counts: dict[str, Counts] = {name: Counts() for name in PRF_FIELDS}
    accuracy: dict[str, Accuracy] = {name: Accuracy() for name in ACCURACY_FIELDS}
    for s in scores:
        for name, c in s.counts.items():
            counts[name] = counts.get(name, Counts()) + c
        for name, a in s.accuracy.items():
            accuracy[name] = accuracy.get(name, Accuracy()) + a
    return Report(system, tuple(scores), counts, accuracy)


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


def dump_reports(reports: Sequence[Report]) -> dict[str, Any]:
    """JSON of several systems' reports: {"systems": [Report.dump(), ...]}."""
    return {"systems": [r.dump() for r in reports]}


# --------------------------------------------------------------------------------------------
# table


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
