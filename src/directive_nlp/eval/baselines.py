"""Baselines scored beside directive-nlp by ``directive-nlp eval --baseline``.

``underthesea``: the PER entities of underthesea's bundled NER, run sentence by sentence over the
main text (the layout's), reported as officials without titles. Nothing else is predicted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from directive_nlp.text.analysis import Analysis, as_analysis
from directive_nlp.text.normalize import fold

__all__ = ["underthesea_officials", "underthesea_prediction"]

log = logging.getLogger(__name__)


def _per_names(tags: list[Any]) -> list[str]:
    """Names from BIO tags [(word, …, label)]: B-PER starts one, I-PER continues it."""
    names: list[str] = []
    current: list[str] = []
    for item in tags:
        word, label = item[0], item[-1]
        if label == "B-PER":
            if current:
                names.append(" ".join(current))
            current = [word]
        elif label == "I-PER" and current:
            current.append(word)
        else:
            if current:
                names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return [" ".join(n.replace("_", " ").split()) for n in names]


def underthesea_officials(doc: Analysis | str, main: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """[{"name", "titles": []}], one per distinct PER name of the sentences inside ``main``."""
    from underthesea import ner

    analysis = as_analysis(doc, "underthesea_officials")
    spans = [(0, len(analysis.text))] if main is None else list(main)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for sent in analysis.sentences:
        if not any(a <= sent.start and sent.end <= b for a, b in spans):
            continue
        for name in _per_names(ner(analysis.text[sent.start : sent.end])):
            if name and fold(name) not in seen:
                seen.add(fold(name))
                out.append({"name": name, "titles": []})
    return out


def underthesea_prediction(text_path: Path) -> dict[str, Any]:
    """The prediction of the ``underthesea`` baseline for one text file, in the gold's shape."""
    from directive_nlp.extract.layout import find_layout
    from directive_nlp.io.reading import read_source
    from directive_nlp.text.analysis import analyze

    analysis = analyze(read_source(text_path).text)
    return {
        "kind": None,
        "document": {},
        "officials": underthesea_officials(analysis, main=list(find_layout(analysis).main)),
        "doc_refs": [],
        "dates": [],
        "directives": [],
    }
