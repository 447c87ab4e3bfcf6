"""The one place where the order of the stages is fixed, and the JSON a document becomes.

normalize → segment (tokenizer) → layout → header → numbers → dates → officials → directives

``build()`` assembles the pipeline from code (used by ``scripts/build_models.py``), ``load()``
reads the saved one from ``models/directive_nlp`` (what the pipeline is built from lives there),
and ``extract()`` turns one :class:`~directive_nlp.io.reading.Source` into the versioned JSON.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from directive_nlp import SCHEMA_VERSION, __version__

from directive_nlp import resources as tables
from directive_nlp.collector import collector_held
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
        _LOADED[key] = _load_frozen(where)
    return _LOADED[key]


_WARM_UP = "Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021."


def _load_frozen(where: Path) -> Language:
    """The saved pipeline, loaded and run once on a sentence (which loads the word models), with
    the garbage collector held off meanwhile and the loaded objects then frozen out of its
    collections: they live as long as the process, and a full collection walked all of them again
    (about 0.13 s each, a third of the CPU time of a 1 MB document)."""
    with collector_held(freeze=True):
        nlp = spacy.load(where)
        extract(_WARM_UP, nlp=nlp)
    return nlp


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
    if len(source.text) > nlp.max_length:
        return _extract_sections(nlp, source, hints, tokens)
    doc = _with_hints(nlp, source.text, hints)
    return doc_to_json(doc, source, tokens=tokens)


# --------------------------------------------------------------------------- long documents

#: Lists of items whose offsets are shifted when sections are joined.
_ITEM_LISTS = ("authors", "officials", "doc_refs", "dates", "directives", "sentences")


def _sections(text: str, limit: int) -> list[tuple[int, int]]:
    """``text`` cut into spans of at most ``limit`` characters: at a blank line, else a line end,
    else a space, else between two characters that are not a letter and its combining mark."""
    out: list[tuple[int, int]] = []
    s = 0
    n = len(text)
    while n - s > limit:
        hi = s + limit
        lo = s + limit // 2
        cut = text.rfind("\n\n", lo, hi) + 2
        if cut < lo + 2:
            cut = text.rfind("\n", lo, hi) + 1
        if cut < lo + 1:
            cut = text.rfind(" ", lo, hi) + 1
        if cut < lo + 1:
            cut = hi
            while cut > lo and unicodedata.combining(text[cut]):
                cut -= 1
        out.append((s, cut))
        s = cut
    out.append((s, n))
    return out


def _shift(node: Any, by: int, prefix: str) -> Any:
    """``node`` with every span's start/end moved by ``by`` and directive ids given ``prefix``."""
    if isinstance(node, list):
        return [_shift(x, by, prefix) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _shift(v, by, prefix) for k, v in node.items()}
    if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
        out["start"] += by
        out["end"] += by
    return out


def _prefix_ids(directives: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    for d in directives:
        for key in ("id", "parent"):
            if isinstance(d.get(key), str):
                d[key] = prefix + d[key]
    return directives


def _extract_sections(nlp: Language, source: Source, hints: dict[str, Any], tokens: bool) -> dict[str, Any]:
    """A text over spaCy's ``max_length``: each section extracted alone, the items joined with
    offsets into the whole text; the header and kind are the first section's."""
    limit = nlp.max_length
    parts = _sections(source.text, limit)
    out: dict[str, Any] = {}
    for n, (a, b) in enumerate(parts):
        piece = dataclasses.replace(source, text=source.text[a:b])
        data = doc_to_json(_with_hints(nlp, piece.text, hints), piece, tokens=tokens)
        if n == 0:
            out = data
            out["source"] = source.dump()
            continue
        prefix = f"s{n}."
        for key in _ITEM_LISTS:
            if key in data:
                items = _shift(data[key], a, prefix)
                out.setdefault(key, []).extend(_prefix_ids(items, prefix) if key == "directives" else items)
        out["warnings"].extend(w for w in data["warnings"] if w not in out["warnings"])
    out["warnings"].append({
        "code": "long_document", "stage": "pipeline",
        "message": f"{len(source.text)} characters, over the pipeline's {limit}: extracted in {len(parts)} sections",
    })
    log.info("%s: %d characters extracted in %d sections", source.path, len(source.text), len(parts))
    return out


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
