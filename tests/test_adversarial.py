"""Adversarial inputs (directive_nlp.eval.adversarial): doubling an input at most about doubles
the work, memory per character stays small, and the scans that were quadratic are linear."""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import pytest

from directive_nlp.eval.adversarial import GENERATORS, make
from directive_nlp.text.normalize import _normalize_uncached

SIZE = 16_000
#: Doubling the input may at most about double the work: a generous bound (a quadratic path
#: gives 4), with a floor for timer noise on small amounts of work.
RATIO = 3.0
FLOOR = 0.05


def _work(fn: Any, text: str) -> float:
    """CPU seconds of ``fn(text)`` (this process's, the least disturbed by other load): best of 3."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        fn(text)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("name", list(GENERATORS))
def test_doubling_an_input_at_most_about_doubles_the_work(nlp: Any, name: str) -> None:
    from directive_nlp.nlp.pipeline import extract

    def run(text: str) -> None:
        extract(text + " ", nlp=nlp)  # a text not seen before: no cache between the two runs

    small, double = make(name, SIZE), make(name, 2 * SIZE)
    assert 1.8 < len(double) / len(small) < 2.2
    w1, w2 = _work(run, small), _work(run, double)
    assert w2 <= RATIO * w1 + FLOOR, f"{name}: {w1:.3f} s for {len(small)} chars, {w2:.3f} s for {len(double)}"


@pytest.mark.parametrize("name", ["brackets", "quotes", "mixed_brackets", "so_runs"])
def test_memory_per_character_stays_small(nlp: Any, name: str) -> None:
    """A run of brackets took 7 KB per input byte (100 KB: 880 MB); now well under 1 KB."""
    from directive_nlp.nlp.pipeline import extract

    text = make(name, 2 * SIZE)
    tracemalloc.start()
    try:
        extract(text, nlp=nlp)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / len(text) < 1500, f"{name}: {peak / len(text):.0f} bytes per character"


@pytest.mark.parametrize("name", ["long_word", "combining_marks"])
def test_normalization_and_offsets_are_linear(name: str) -> None:
    """One 20k-letter word took 32 s to re-tone; 20k combining marks 30 s to map back."""

    def run(text: str) -> None:
        norm = _normalize_uncached(text)
        for i in range(0, len(norm.text), 7):
            norm.span_to_raw(i, i + 1)

    n = 100_000
    w1, w2 = _work(run, make(name, n)), _work(run, make(name, 2 * n))
    assert w2 <= RATIO * w1 + FLOOR, f"{name}: {w1:.3f} s, then {w2:.3f} s"
    assert w2 < 5.0


def test_generators_make_what_they_say() -> None:
    assert make("brackets", 100) == "(" * 46 + "Sở Y tế" + ")" * 46
    assert set(make("combining_marks", 50)[1:]) == {"\u0301"}
    assert make("cr_lines", 200).count("\r") > 3 and "\n" not in make("cr_lines", 200)
    assert all(abs(len(make(n, 10_000)) - 10_000) < 200 for n in GENERATORS)
