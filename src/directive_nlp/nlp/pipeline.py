"""The one place where the order of the stages is fixed, and the JSON a document becomes.

normalize → segment (tokenizer) → layout → header → numbers → dates → officials → directives

``build()`` assembles the pipeline from code (used by ``scripts/build_models.py``), ``load()``
reads the saved one from ``models/directive_nlp`` (what the pipeline is built from lives there),
and ``extract()`` turns one :class:`~directive_nlp.io.reading.Source` into the versioned JSON.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from directive_nlp import SCHEMA_VERSION, __version__

from directive_nlp import resources as tables
from directive_nlp.nlp import components as _components  # noqa: F401  (registers factories and extensions)
from directive_nlp.nlp import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from directive_nlp.extract.numbers import doc_ref_key
from directive_nlp.io.reading import Source, source_from_text

__all__ = ["PIPELINE", "MODEL_NAME", "build", "load", "models_dir", "extract", "doc_to_json", "run"]

log = logging.getLogger(__name__)

PIPELINE: tuple[str, ...] = ("dnlp_layout", "dnlp_header", "dnlp_numbers", "dnlp_dates", "dnlp_officials", "dnlp_directives")
MODEL_NAME = "directive_nlp"
TOP_LEVEL_KEYS = (
    "schema_version",
    "source",
    "kind",
    "document",
    "authors",
    "officials",
    "doc_refs",
    "dates",
    "directives",
    "warnings",
)


def build(*, pos: bool = False) -> Language:
    """Assemble the pipeline from code: a ``vi`` Language with the underthesea tokenizer."""
    config = {
        "nlp": {"tokenizer": {"@tokenizers": "directive_nlp.UndertheseaTokenizer.v1", "pos": pos}}
    }
    nlp = spacy.blank("vi", config=config)
    for name in PIPELINE:
        nlp.add_pipe(name)
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["version"] = __version__
    nlp.meta["description"] = "directive-nlp pipeline: " + " → ".join(PIPELINE)
    nlp.meta["schema_version"] = SCHEMA_VERSION
    return nlp


def models_dir() -> Path:
    """Where the saved pipeline lives: the installed package's ``models/`` or the checkout's."""
    env = os.environ.get("DIRECTIVE_NLP_MODEL")
    if env:
        return Path(env)
    packaged = resources.files("directive_nlp").joinpath("models", MODEL_NAME)
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "models" / MODEL_NAME


_LOADED: dict[str, Language] = {}


def load(path: str | os.PathLike[str] | None = None) -> Language:
    """The pipeline, read from ``models/directive_nlp`` (cached per path)."""
    where = Path(path) if path is not None else models_dir()
    key = str(where)
    if key not in _LOADED:
        if not (where / "config.cfg").is_file():
            raise FileNotFoundError(
                f"{where}: no saved pipeline (run `python scripts/build_models.py` in the checkout)"
            )
        tables.use_data_dir(where / "data")
        _LOADED[key] = spacy.load(where)
    return _LOADED[key]


def _with_hints(nlp: Language, text: str, hints: dict[str, Any]) -> Doc:
    doc = nlp.make_doc(text)
    doc._.hints = dict(hints)
    doc._.warnings = []
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def doc_to_json(doc: Doc, source: Source, *, tokens: bool = False) -> dict[str, Any]:
    """The versioned JSON of one processed document (keys in contract order)."""
    document = dict(doc._.document or {})
    refs = list(doc._.doc_refs or [])
    # the document's own number: its type and date are the header's
    own = document.get("number")
    if own:
        key = doc_ref_key(own)
        for ref in refs:
            if ref.get("key") == key:
                ref["is_document_number"] = True
                if not ref.get("issued_on") and document.get("issued_on"):
                    ref["issued_on"] = document["issued_on"]
                if document.get("type"):
                    ref["type"] = document["type"]
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": source.dump(),
        "kind": doc._.kind or "article",
        "document": document,
        "authors": list(doc._.authors or []),
        "officials": list(doc._.officials or []),
        "doc_refs": refs,
        "dates": list(doc._.dates or []),
        "directives": list(doc._.directives or []),
        "warnings": list(doc._.warnings or []),
    }
    if tokens:
        out["sentences"] = [
            {
                "text": sent.text,
                "start": sent.start_char,
                "end": sent.end_char,
                "tokens": [
                    {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "pos": t.tag_ or None}
                    for t in sent
                    if not t.is_space
                ],
            }
            for sent in doc.sents
        ]
    return out


def extract(
    source: Source | str,
    *,
    nlp: Language | None = None,
    published_at: str | None = None,
    tokens: bool = False,
) -> dict[str, Any]:
    """Extract one document. ``source`` is a :class:`Source` or plain text."""
    if isinstance(source, str):
        source = source_from_text(source)
    nlp = nlp or load()
    hints: dict[str, Any] = {}
    if published_at:
        hints["published_at"] = published_at
    doc = _with_hints(nlp, source.text, hints)
    return doc_to_json(doc, source, tokens=tokens)


def run(
    sources: Iterable[Source],
    *,
    nlp: Language | None = None,
    published_at: str | None = None,
    tokens: bool = False,
) -> Iterator[dict[str, Any]]:
    """Extract several documents, one result each, in order."""
    nlp = nlp or load()
    for source in sources:
        yield extract(source, nlp=nlp, published_at=published_at, tokens=tokens)
