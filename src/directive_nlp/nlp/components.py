"""Thin spaCy components around the pure extractors.

Each component normalizes ``doc.text`` (cached, so only the first one pays), calls its ``find_*``
function on the normalized text, maps every offset back to ``doc.text`` (``doc.text[start:end] ==
item["text"]``), and stores plain data (dicts/lists) in a ``Doc`` extension, so that docs survive
``nlp.pipe(n_process>1)``; the spans also go to ``doc.spans[<key>]``.
Extensions are registered once, when this module is imported.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from directive_nlp.extract import dates as dates_mod
from directive_nlp.extract import directives as directives_mod
from directive_nlp.extract import header as header_mod
from directive_nlp.extract import layout as layout_mod
from directive_nlp.extract import numbers as numbers_mod
from directive_nlp.extract import officials as officials_mod
from directive_nlp.text.normalize import Normalized, normalize
from directive_nlp.nlp.tokenizer import TEXT_KEY as _TEXT_KEY

__all__ = ["EXTENSIONS", "remap", "main_spans"]

log = logging.getLogger(__name__)

EXTENSIONS = (
    "hints",
    "layout",
    "kind",
    "document",
    "authors",
    "doc_refs",
    "dates",
    "officials",
    "directives",
    "warnings",
)
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def remap(norm: Normalized, data: Any) -> Any:
    """Map every {start, end, text} dict inside ``data`` from normalized to raw offsets."""
    if isinstance(data, dict):
        out = {k: remap(norm, v) for k, v in data.items()}
        if isinstance(out.get("start"), int) and isinstance(out.get("end"), int) and "text" in out:
            s, e = norm.span_to_raw(out["start"], out["end"])
            out["start"], out["end"], out["text"] = s, e, norm.raw[s:e]
        return out
    if isinstance(data, list):
        return [remap(norm, v) for v in data]
    if isinstance(data, tuple):
        return [remap(norm, v) for v in data]
    return data


def _set_spans(doc: Doc, key: str, items: list[dict[str, Any]], label: str) -> None:
    spans: list[Span] = []
    for it in items:
        span = doc.char_span(it["start"], it["end"], label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = SpanGroup(doc, name=key, spans=spans)


def main_spans(doc: Doc, norm: Normalized) -> list[tuple[int, int]]:
    """The main-text spans of the layout component, in normalized offsets."""
    lay = doc._.layout or {}
    spans = lay.get("main_norm")
    if spans is None:
        return [(0, len(norm.text))]
    return [(int(a), int(b)) for a, b in spans]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)




def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


@lru_cache(maxsize=4)
def _layout(text: str) -> layout_mod.Layout:
    """The layout of a normalized text (computed once, used by several components)."""
    return layout_mod.find_layout(text)


def _hints(doc: Doc) -> dict[str, Any]:
    return doc._.hints or {}


def _warn(doc: Doc, code: str, message: str) -> None:
    warnings = list(doc._.warnings or [])
    warnings.append({"code": code, "message": message})
    doc._.warnings = warnings


class LayoutComponent:
    """Main text vs page furniture (headline, publication line, byline, menus, footers)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc_text(doc))
        layout = _layout(norm.text)
        data = layout.dump()
        main_norm = [list(span) for span in layout.main]
        raw = remap(norm, data)
        raw["main"] = [list(norm.span_to_raw(a, b)) for a, b in layout.main]
        raw["furniture"] = [list(norm.span_to_raw(a, b)) for a, b in layout.furniture]
        raw["main_norm"] = main_norm
        doc._.layout = raw
        doc.spans["main"] = SpanGroup(
            doc,
            name="main",
            spans=[
                s
                for a, b in raw["main"]
                if (s := doc.char_span(a, b, label="MAIN", alignment_mode="expand")) is not None
            ],
        )
        return doc


class HeaderComponent:
    """Document kind and header fields (number, type, issuer, place, date, signer, recipients)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc_text(doc))
        header = header_mod.find_header(norm.text, _layout(norm.text))
        data = remap(norm, header.dump())
        hints = _hints(doc)
        if hints.get("published_at") and not data.get("published_at"):
            data["published_at"] = hints["published_at"]
        doc._.kind = header.kind
        doc._.document = data
        doc._.authors = list((data.get("evidence") or {}).get("authors") or [])
        return doc


def _reference_year(doc: Doc) -> int | None:
    """The document's own year: issue date, publication date, or the caller's hint."""
    document = doc._.document or {}
    hints = _hints(doc)
    for value in (document.get("issued_on"), document.get("published_at"), hints.get("published_at")):
        if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
            return int(value[:4])
    return None


class NumbersComponent:
    """Document numbers (số/ký hiệu) in the main text, with type, date and issuer around them."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc_text(doc))
        spans = main_spans(doc, norm)
        found = numbers_mod.find_doc_refs(norm.text, year=_reference_year(doc))
        refs = [r for r in found if _inside(spans, r.start, r.end)]
        items = [remap(norm, r.dump()) for r in refs]
        doc._.doc_refs = items
        _set_spans(doc, "doc_refs", items, "DOC_REF")
        return doc


class DatesComponent:
    """Calendar dates (day precision or finer) in the main text, ISO 8601."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc_text(doc))
        spans = main_spans(doc, norm)
        # nothing inside a document number is a date ("15/2021/NĐ-CP")
        exclude = [(norm.from_raw(r["start"]), norm.from_raw(r["end"])) for r in doc._.doc_refs or []]
        year = _reference_year(doc)
        found = dates_mod.find_dates(norm.text, default_year=year, exclude=exclude)
        items = [remap(norm, d.dump()) for d in found if _inside(spans, d.start, d.end)]
        doc._.dates = items
        _set_spans(doc, "dates", items, "DATE")
        return doc


@lru_cache(maxsize=4)
def _officials(
    text: str,
    main: tuple[tuple[int, int], ...],
    signer: tuple[tuple[str, Any], ...] | None,
    authors: tuple[str, ...],
) -> tuple[officials_mod.Official, ...]:
    """The officials of a normalized text (computed once; the directives use the resolver)."""
    return tuple(
        officials_mod.find_officials(
            text, main=list(main), signer=dict(signer) if signer is not None else None, authors=authors
        )
    )


def _officials_of(doc: Doc, norm: Normalized) -> tuple[officials_mod.Official, ...]:
    document = doc._.document or {}
    signer = document.get("signer")
    key = tuple(sorted(signer.items())) if isinstance(signer, dict) else None
    return _officials(norm.text, tuple(main_spans(doc, norm)), key, tuple(document.get("authors") or ()))


class OfficialsComponent:
    """Named officials with all their titles, mentions merged; the signer; bylines excluded."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc_text(doc))
        found = _officials_of(doc, norm)
        items = [remap(norm, o.dump()) for o in found]
        doc._.officials = items
        _set_spans(doc, "officials", [m for o in items for m in o.get("mentions", [])], "OFFICIAL")
        return doc


class DirectivesComponent:
    """Directives: the task tree of a notice, the instructions of an article, with issuer,
    assignees, coordinators, deadline and cited numbers; speakers resolved through the officials."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc_text(doc))
        layout = _layout(norm.text)
        document = doc._.document or {}
        officials = _officials_of(doc, norm)

        def resolve(phrase: str) -> str | None:
            person = officials_mod.resolve_title(officials, phrase)
            return person.name if person is not None else None

        refs = [(norm.from_raw(r["start"]), norm.from_raw(r["end"])) for r in doc._.doc_refs or []]
        found = directives_mod.find_directives(
            norm.text,
            kind=doc._.kind or layout.kind,
            main=main_spans(doc, norm),
            issuer=document.get("issuer"),
            doc_year=_reference_year(doc),
            body_start=layout.header_end,
            resolve_speaker=resolve,
            refs=refs,
        )
        items = [remap(norm, d.dump()) for d in found]
        doc._.directives = items
        for warning in directives_mod.directive_warnings(found):
            _warn(doc, str(warning.get("code", "directives")), str(warning.get("message", "")))
        _set_spans(doc, "directives", items, "DIRECTIVE")
        return doc


@Language.factory("dnlp_layout", assigns=["doc._.layout", "doc.spans"])
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    return LayoutComponent(name)


@Language.factory(
    "dnlp_header", assigns=["doc._.kind", "doc._.document", "doc._.authors"], requires=["doc._.layout"]
)
def make_header(nlp: Language, name: str) -> HeaderComponent:
    return HeaderComponent(name)


@Language.factory("dnlp_numbers", assigns=["doc._.doc_refs", "doc.spans"], requires=["doc._.layout"])
def make_numbers(nlp: Language, name: str) -> NumbersComponent:
    return NumbersComponent(name)


@Language.factory(
    "dnlp_dates", assigns=["doc._.dates", "doc.spans"], requires=["doc._.layout", "doc._.document"]
)
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(name)


@Language.factory(
    "dnlp_officials", assigns=["doc._.officials", "doc.spans"], requires=["doc._.layout", "doc._.document"]
)
def make_officials(nlp: Language, name: str) -> OfficialsComponent:
    return OfficialsComponent(name)


@Language.factory(
    "dnlp_directives",
    assigns=["doc._.directives", "doc._.warnings", "doc.spans"],
    requires=["doc._.layout", "doc._.document", "doc._.doc_refs", "doc._.officials"],
)
def make_directives(nlp: Language, name: str) -> DirectivesComponent:
    return DirectivesComponent(name)
