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
  "2025-11-20", "2021-01/2021-06" covers "2021-01-05/2021-06-30") are ignored when unmatched, and
  so are returned items that are not calendar days (:func:`is_day_item`): periods (precision
  month, quarter, half, year — gold lists them only as optional), weeks ("tuần trước") and
  relative days without a reference (value null).
* ``directives`` — a gold directive is found when its folded ``text_start`` occurs, as whole
  words, inside the folded ``text`` of a returned directive; each returned directive matches at
  most one gold item (maximum bipartite matching, so a greedy choice never undercounts). Unmatched
  returned directives that contain an ``optional_directives`` snippet are ignored, the others are
  extras.
* ``directives.coordinator_items`` — the same over the ``coordinators`` of matched pairs whose
  gold item has that key (bodies that take part without leading: "phối hợp với X").
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

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from directive_nlp.eval.matching import (
    at_gold_precision,
    contains_words,
    dates_match,
    fold_value,
    is_day_item,
    list_key,
    max_matching,
    optional_date_match,
    parse_value,
    ref_key,
)
from directive_nlp.eval.report import (
    ACCURACY_FIELDS,
    DEFAULT_SYSTEM,
    PRF_FIELDS,
    Accuracy,
    Counts,
    DocScore,
    Report,
)

__all__ = ["score_document", "aggregate"]


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
        key = fold_value(item.get("name"))
        if key and key not in gold_items:
            gold_items[key] = item
    optional = {fold_value(x) for x in _list(gold, "optional_officials")} - set(gold_items)
    matched: dict[str, dict[str, Any]] = {}
    extra: list[str] = []
    ignored: list[str] = []
    for item in _dicts(pred, "officials"):
        name = item.get("name")
        key = fold_value(name)
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
        folded = [fold_value(t) for t in returned]
        for title in _list(gold_items[key], "titles"):
            g = fold_value(title)
            if any(t == g or contains_words(t, g) for t in folded):
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
    g_vals = [parse_value(d.get("value")) for d in gold_items]
    p_vals = [parse_value(d.get("value")) for d in pred_items]
    opts = [parse_value(o) for o in _list(gold, "optional_dates")]
    # periods, weeks and unresolved relative days are not calendar days: they cost nothing
    is_optional = [any(optional_date_match(o, v) for o in opts) or not is_day_item(d, v)
                   for d, v in zip(pred_items, p_vals)]
    # returned values not covered by an optional value first: they are the ones to match if possible
    order = sorted(range(len(pred_items)), key=lambda i: is_optional[i])
    for name, strict in (("dates", False), ("dates.strict", True)):
        adj = [
            [gi for gi, gv in enumerate(g_vals) if dates_match(gv, pv, strict=strict)] for pv in p_vals
        ]
        pairs = max_matching(len(gold_items), adj, order)
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
    starts = [fold_value(d.get("text_start")) for d in gold_items]
    texts = [fold_value(d.get("text")) for d in pred_items]
    snippets = [fold_value(s) for s in _list(gold, "optional_directives") if isinstance(s, str)]
    adj = [[gi for gi, s in enumerate(starts) if contains_words(t, s)] for t in texts]
    is_optional = [any(contains_words(t, s) for s in snippets) for t in texts]
    order = sorted(range(len(pred_items)), key=lambda i: is_optional[i])
    pairs = max_matching(len(gold_items), adj, order)
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
    # coordinators ("phối hợp"), scored where the gold annotates them
    coord: dict[str, Any] = {"tp": 0, "fp": 0, "fn": 0, "missed": [], "extra": []}
    for pi in sorted(pairs, key=lambda i: pairs[i]):
        g, p = gold_items[pairs[pi]], pred_items[pi]
        where = g.get("text_start")
        if g.get("issuer") is not None:
            ok = fold_value(g.get("issuer")) == fold_value(p.get("issuer")) and bool(fold_value(g.get("issuer")))
            acc.acc("directives.issuer", ok, {"text_start": where, "gold": g.get("issuer"), "pred": p.get("issuer")})
        required = {fold_value(a): a for a in _list(g, "assignees") if isinstance(a, str)}
        optional = {fold_value(a) for a in _list(g, "optional_assignees") if isinstance(a, str)}
        returned = {fold_value(a): a for a in _list(p, "assignees") if isinstance(a, str) and a.strip()}
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
            ok = at_gold_precision(g.get("deadline"), p.get("deadline"))
            acc.acc("directives.deadline", ok, {"text_start": where, "gold": g.get("deadline"), "pred": p.get("deadline")})
        if "coordinators" in g:
            _count_items(coord, where, _list(g, "coordinators"), _list(p, "coordinators"))
    acc.prf("directives.assignee_items", tp, fp, fn, **item_details)
    acc.prf("directives.coordinator_items", coord["tp"], coord["fp"], coord["fn"], missed=coord["missed"], extra=coord["extra"])


def _count_items(tally: dict[str, Any], where: Any, gold: list[Any], pred: list[Any]) -> None:
    """Item counts of one matched pair's string lists (folded, as sets)."""
    required = {fold_value(a): a for a in gold if isinstance(a, str)}
    returned = {fold_value(a): a for a in pred if isinstance(a, str) and a.strip()}
    tally["tp"] += sum(1 for k in required if k in returned)
    tally["fp"] += sum(1 for k in returned if k not in required)
    tally["fn"] += sum(1 for k in required if k not in returned)
    tally["missed"].extend({"text_start": where, "item": a} for k, a in required.items() if k not in returned)
    tally["extra"].extend({"text_start": where, "item": a} for k, a in returned.items() if k not in required)


def _document(data: Mapping[str, Any]) -> dict[str, Any]:
    document = data.get("document")
    return document if isinstance(document, dict) else {}


def _score_header(gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Acc) -> None:
    gd, pd = _document(gold), _document(pred)

    def text(name: str, g: Any, p: Any) -> None:
        if g is not None:
            acc.acc(name, bool(fold_value(g)) and fold_value(g) == fold_value(p), {"gold": g, "pred": p})

    text("header.kind", gold.get("kind"), pred.get("kind"))
    number = gd.get("number")
    if number is not None:
        p = pd.get("number")
        ok = isinstance(p, str) and isinstance(number, str) and ref_key(number) == ref_key(p)
        acc.acc("header.number", ok, {"gold": number, "pred": p})
    text("header.type", gd.get("type"), pd.get("type"))
    for key in ("issued_on", "published_at"):
        if gd.get(key) is not None:
            ok = at_gold_precision(gd.get(key), pd.get(key))
            acc.acc(f"header.{key}", ok, {"gold": gd.get(key), "pred": pd.get(key)})
    text("header.place", gd.get("place"), pd.get("place"))
    g_signer = gd.get("signer")
    if isinstance(g_signer, dict):
        p_signer = pd.get("signer") if isinstance(pd.get("signer"), dict) else {}
        for key in ("name", "title", "authority"):
            text(f"header.signer.{key}", g_signer.get(key), p_signer.get(key))
    if gd.get("recipients") is not None:
        ok = list_key(gd.get("recipients")) == list_key(pd.get("recipients"))
        acc.acc("header.recipients", ok, {"gold": gd.get("recipients"), "pred": pd.get("recipients")})
    text("header.title", gd.get("title"), pd.get("title"))
    if gd.get("authors") is not None:
        p_authors = pd.get("authors") if isinstance(pd.get("authors"), list) else pred.get("authors")
        ok = list_key(gd.get("authors")) == list_key(p_authors)
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
