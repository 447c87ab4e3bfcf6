"""The matching rules of corpus/SCORING.md: folded strings, whole-word containment, ISO date
values at gold precision, and a maximum one-to-one matching."""

from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Sequence

import regex

from directive_nlp.extract.numbers import doc_ref_key
from directive_nlp.text.normalize import fold

__all__ = ["ref_key", "fold_value", "contains_words", "list_key", "parse_value", "dates_match",
           "optional_date_match", "at_gold_precision", "max_matching", "Side", "is_day_item"]


# --------------------------------------------------------------------------------------------
# normalization helpers


def fold_value(value: Any) -> str:
    return fold(value) if isinstance(value, str) else ""




ref_key = doc_ref_key


def contains_words(hay: str, needle: str) -> bool:
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


def list_key(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if not isinstance(item, str):
            continue
        t = _TRAIL.sub("", _BULLET.sub("", fold_value(item)))
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


def parse_value(value: Any) -> list[Side] | None:
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


#: precisions of returned date items that are not calendar days (corpus/SCORING.md: periods are optional)
NOT_DAYS = frozenset({"week", "month", "quarter", "half", "year"})


def is_day_item(item: Any, value: list[Side] | None) -> bool:
    """Is a returned date item (``value``: its parsed value) scored as a calendar day? Not when its
    value is null (a relative day with no reference), its ``precision`` is a period's or a week's,
    or its value has no day on some side ("2025-11"). An unreadable value is scored (and wrong)."""
    if not isinstance(item, dict) or item.get("value") is None:
        return False
    if item.get("precision") in NOT_DAYS:
        return False
    return value is None or all(len(date) == 3 for date, _ in value)


def _year_ok(g: int | None, p: int | None) -> bool:
    return g is None or g == p


def _date_eq(g: tuple[int | None, ...], p: tuple[int | None, ...]) -> bool:
    """Same precision and parts; a gold None year matches any year."""
    return len(g) == len(p) and _year_ok(g[0], p[0]) and g[1:] == p[1:]


def _pad_time(t: tuple[int, ...] | None) -> tuple[int, ...] | None:
    return None if t is None else (t + (0, 0, 0))[:3]


def dates_match(gold: list[Side] | None, pred: list[Side] | None, *, strict: bool) -> bool:
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


def optional_date_match(opt: list[Side] | None, value: list[Side] | None) -> bool:
    """``value`` equals or extends the optional value ``opt`` (side-wise for ranges)."""
    if opt is None or value is None:
        return False
    if len(opt) == len(value):
        return all(_side_prefix(o, v) for o, v in zip(opt, value))
    if len(opt) == 1:
        return all(_side_prefix(opt[0], v) for v in value)
    return False


def at_gold_precision(gold: Any, pred: Any) -> bool:
    """Header dates: the returned value agrees with gold on every part gold gives."""
    g, p = parse_value(gold), parse_value(pred)
    if g is None or p is None:
        return fold_value(gold) == fold_value(pred) and bool(fold_value(gold))
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


def max_matching(n_gold: int, adj: Sequence[Sequence[int]], order: Iterable[int]) -> dict[int, int]:
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
