"""Property-based: arbitrary and mutated input never breaks the extractor.

No exception, every span valid (``text[start:end] == item.text``), a schema-valid result, and no
call over a time limit. Patterns run with the ``regex`` module's timeout.
"""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directive_nlp.nlp.pipeline import extract
from directive_nlp.schema import validation_errors

from .conftest import CORPUS_FILES, spans_in

TIME_LIMIT_S = 10.0
CORPUS = [p.read_text(encoding="utf-8") for p in CORPUS_FILES]
VIET = "ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựỳỵỷỹýÐĐỦỤ"
_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list(VIET + "0123456789/-.:,; \n\t\u00a0\u200b\u0301\u0323")),
    ),
    max_size=400,
)


def _check(nlp: Any, text: str) -> None:
    t0 = time.perf_counter()
    out = extract(text, nlp=nlp)
    assert time.perf_counter() - t0 < TIME_LIMIT_S
    for item in spans_in(out):
        assert 0 <= item["start"] <= item["end"] <= len(text)
        assert text[item["start"] : item["end"]] == item["text"]
    assert validation_errors(out) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text)
def test_arbitrary_text(nlp: Any, text: str) -> None:
    _check(nlp, text)


@st.composite
def mutated_document(draw: st.DrawFn) -> str:
    doc = draw(st.sampled_from(CORPUS))
    how = draw(st.sampled_from(["cut", "join", "shuffle", "bytes", "splice"]))
    if how == "cut":
        a = draw(st.integers(0, len(doc)))
        b = draw(st.integers(a, len(doc)))
        return doc[a:b]
    if how == "join":
        other = draw(st.sampled_from(CORPUS))
        return doc[: len(doc) // 2] + other[len(other) // 2 :]
    if how == "shuffle":
        lines = doc.splitlines()
        return "\n".join(draw(st.permutations(lines)))
    if how == "bytes":
        raw = bytearray(doc.encode("utf-8"))
        for _ in range(draw(st.integers(1, 30))):
            i = draw(st.integers(0, len(raw) - 1))
            raw[i] = draw(st.integers(0, 255))
        return raw.decode("latin-1")
    insert = draw(_text)
    i = draw(st.integers(0, len(doc)))
    return doc[:i] + insert + doc[i:]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_document())
def test_mutated_corpus_documents(nlp: Any, text: str) -> None:
    _check(nlp, text)


def test_pathological_inputs_stay_fast(nlp: Any) -> None:
    for text in [
        "1/" * 20000,
        "ngày " * 20000,
        "Số " + "1-" * 10000 + "TB/TU",
        ("28/5 " * 5000),
        "A" * 100000,
        "\n" * 50000,
        "- " * 30000,
    ]:
        _check(nlp, text)
