"""directive-nlp: officials, document numbers, dates and directives from Vietnamese bulletins."""

from __future__ import annotations

import logging
import os

# Nothing may be downloaded at run time: underthesea's bundled models only.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

__version__ = "0.1.0"
SCHEMA_VERSION = "1.3.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def load(path: str | os.PathLike[str] | None = None):  # type: ignore[no-untyped-def]
    """The spaCy pipeline saved under ``models/directive_nlp`` (see :mod:`directive_nlp.nlp.pipeline`)."""
    from directive_nlp.nlp.pipeline import load as _load

    return _load(path)


def extract(text: str, *, published_at: str | None = None, tokens: bool = False) -> dict:  # type: ignore[type-arg]
    """Extract the JSON of one document given as text."""
    from directive_nlp.nlp.pipeline import extract as _extract

    return _extract(text, published_at=published_at, tokens=tokens)


__all__ = ["__version__", "SCHEMA_VERSION", "load", "extract"]


def load_tables(out_dir: str | os.PathLike[str] = "."):  # type: ignore[no-untyped-def]
    """The research tables of a batch output folder (or its DuckDB file) as pandas DataFrames:
    documents, officials, doc_refs, dates, directives, directive_assignees."""
    from directive_nlp.apps.index import tables as _tables

    return _tables(out_dir)


__all__ += ["load_tables"]
