"""The words the date extractors read, from the concept lexicons, and their settings.

Every word list is a lexicon of its own (``data/lexicons/*.tsv``): day words, parts of the day,
month names, lead-in prepositions, evidence words, counted nouns, term words, period positions,
relative days, time units, relative shifts, tense markers, habitual markers, lunar markers and
the shared weekdays. The few numbers
that are not words (how far to look back, how to read a two-digit year) are in ``data/dates.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from directive_nlp.resources import lexicon, load_json
from directive_nlp.text.normalize import fold

__all__ = ["Lex", "lex", "Settings", "settings"]


@dataclass(frozen=True)
class Lex:
    day_words: tuple[str, ...]
    parts: tuple[str, ...]  # "sáng", "chiều"…
    part_pm: dict[str, tuple[int, int]]  # part → hours read as pm
    modifiers: tuple[str, ...]  # "buổi", "rạng"…
    month_names: dict[str, int]  # folded name → month
    lunar_months: frozenset[str]  # folded names of lunar months ("giêng", "chạp")
    lunar_markers: tuple[str, ...]  # "âm lịch"
    lead_ins: dict[str, tuple[str, str]]  # folded phrase → (role, applies)
    evidence: tuple[str, ...]
    counted_words: tuple[str, ...]
    counted_signs: tuple[str, ...]
    term_words: tuple[str, ...]
    positions: dict[str, tuple[int | None, int | None]]  # folded → (month, half)
    relative_days: dict[str, tuple[int, str]]  # folded → (offset, form)
    units: dict[str, tuple[str, int | None]]  # folded → (unit, days)
    shifts: dict[str, tuple[int, str, str, tuple[str, ...]]]  # folded → (sign, after, before, units)
    tenses: dict[str, str]  # folded → "future" | "past"
    weekdays: dict[str, int]  # folded weekday name → isoweekday
    habitual_before: tuple[str, ...]  # "mỗi", "các ngày" before a weekday
    habitual_after: tuple[str, ...]  # "hằng tuần" after a weekday

    def leads(self, *roles: str, periods: bool = False) -> tuple[str, ...]:
        """Lead-in phrases with one of ``roles`` (all when none) that apply to days (or periods)."""
        return tuple(p for p, (role, applies) in self.lead_ins.items()
                     if (not roles or role in roles) and (periods or applies == "both"))

    def shift_words(self, where: str, form: str) -> tuple[str, ...]:
        """Shift phrases written ``where`` ("after"/"before") a ``form`` ("bare"/"counted") unit."""
        out = []
        for p, (_, after, before, _units) in self.shifts.items():
            slot = after if where == "after" else before
            if slot == form or slot == "both":
                out.append(p)
        return tuple(out)


def _hours(cell: str) -> tuple[int, int] | None:
    if not cell:
        return None
    lo, _, hi = cell.partition("-")
    return int(lo), int(hi)


def _int(cell: str) -> int | None:
    return int(cell) if cell.strip() else None


@cache
def lex() -> Lex:
    parts = lexicon("parts_of_day").table.rows
    counted = lexicon("counted_nouns").phrases
    return Lex(
        day_words=lexicon("day_words").phrases,
        parts=tuple(r.phrase for r in parts if r.role == "part"),
        part_pm={fold(r.phrase): h for r in parts if (h := _hours(r.pm_hours)) is not None},
        modifiers=tuple(r.phrase for r in parts if r.role == "modifier"),
        month_names={fold(r.phrase): int(r.month) for r in lexicon("month_names").table.rows},
        lunar_months=frozenset(fold(p) for p in lexicon("month_names").where(calendar="lunar")),
        lunar_markers=lexicon("lunar_markers").phrases,
        lead_ins={fold(r.phrase): (r.role, r.applies) for r in lexicon("date_lead_ins").table.rows},
        evidence=lexicon("date_evidence").phrases,
        counted_words=tuple(w for w in counted if w[:1].isalnum()),
        counted_signs=tuple(w for w in counted if not w[:1].isalnum()),
        term_words=lexicon("term_words").phrases,
        positions={fold(r.phrase): (_int(r.month), _int(r.half))
                   for r in lexicon("period_positions").table.rows},
        relative_days={fold(r.phrase): (int(r.offset), r.form)
                       for r in lexicon("relative_days").table.rows},
        units={fold(r.phrase): (r.unit, _int(r.days)) for r in lexicon("time_units").table.rows},
        shifts={fold(r.phrase): (int(r.sign), r.after, r.before, tuple(r.units.split()))
                for r in lexicon("relative_shifts").table.rows},
        tenses={fold(r.phrase): r.tense for r in lexicon("tense_markers").table.rows},
        weekdays={fold(r.phrase): int(r.isoweekday) for r in lexicon("weekdays").table.rows},
        habitual_before=lexicon("habitual_markers").where(position="before"),
        habitual_after=lexicon("habitual_markers").where(position="after"),
    )


@dataclass(frozen=True)
class Settings:
    lead_in_window: int
    link_gap: int
    two_digit_year_pivot: int
    cross_year_days: int
    year_context_chars: int


@cache
def settings() -> Settings:
    data = load_json("dates")
    return Settings(**{k: int(v) for k, v in data.items() if not k.startswith("_")})
