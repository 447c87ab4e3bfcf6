"""Thin spaCy components around the pure extractors.

Every component reads the document's one :class:`~directive_nlp.text.analysis.Analysis` (made by
the tokenizer: normalized text, lines, words) and the typed results of the stages before it
(``analysis.results``), calls its ``find_*`` function, keeps the typed result for the stages after
it, and stores plain data with offsets into ``doc.text`` in a ``Doc`` extension (``doc._.dates``…)
and the spans in ``doc.spans[<key>]``. Extensions are registered once, when this module is imported.

A stage that raises does not stop the document: the error is logged, the document's
``warnings`` get ``{"code": "E320", "stage", "message"}``, the stage's fields stay empty and the
next stages run. The CLI and batch report such a document as failed
(:func:`directive_nlp.nlp.warnings.stage_failures`).
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from directive_nlp.errors import StageFailedError
from directive_nlp.extract import dates as dates_mod
from directive_nlp.extract import directives as directives_mod
from directive_nlp.extract import header as header_mod
from directive_nlp.extract import layout as layout_mod
from directive_nlp.extract import numbers as numbers_mod
from directive_nlp.extract import officials as officials_mod
from directive_nlp.nlp.tokenizer import doc_analysis
from directive_nlp.text.analysis import Analysis
from directive_nlp.text.normalize import Normalized

__all__ = ["EXTENSIONS", "remap", "reference_year", "reference_date", "Stage"]

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
        out = {k: remap(norm, v) if isinstance(v, (dict, list, tuple)) else v for k, v in data.items()}
        if isinstance(out.get("start"), int) and isinstance(out.get("end"), int) and "text" in out:
            s, e = norm.span_to_raw(out["start"], out["end"])
            out["start"], out["end"], out["text"] = s, e, norm.raw[s:e]
        return out
    if isinstance(data, (list, tuple)):
        return [remap(norm, v) for v in data]
    return data


def _set_spans(doc: Doc, key: str, items: Iterable[dict[str, Any]], label: str) -> None:
    spans: list[Span] = []
    for it in items:
        span = doc.char_span(it["start"], it["end"], label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = SpanGroup(doc, name=key, spans=spans)


def _add_warning(doc: Doc, warning: dict[str, str]) -> None:
    doc._.warnings = [*(doc._.warnings or []), warning]


def reference_year(doc: Doc) -> int | None:
    """The document's own year: issue date, publication date, or the caller's hint."""
    document = doc._.document or {}
    hints = doc._.hints or {}
    for value in (document.get("issued_on"), document.get("published_at"), hints.get("published_at")):
        if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
            return int(value[:4])
    return None


def reference_date(doc: Doc) -> str | None:
    """The day the document speaks from (ISO): issue date, publication date, or the caller's hint."""
    document = doc._.document or {}
    hints = doc._.hints or {}
    for value in (document.get("issued_on"), document.get("published_at"), hints.get("published_at")):
        if isinstance(value, str) and dates_mod.parse_reference(value) is not None:
            return value[:10]
    return None


def _main(analysis: Analysis) -> list[tuple[int, int]]:
    """Main-text spans (normalized offsets) from the layout stage; all the text without one."""
    layout = analysis.results.get("layout")
    if layout is None:
        return [(0, len(analysis.text))]
    return [(int(a), int(b)) for a, b in layout.main]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


class Stage:
    """One extractor as a pipeline component: ``run`` fills ``doc._``; failures become warnings."""

    stage = ""
    empty: dict[str, Any] = {}

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.warnings is None:
            doc._.warnings = []
        analysis = doc_analysis(doc)
        try:
            self.run(doc, analysis)
        except Exception as exc:  # recorded, visible, and the other stages still run
            log.error("%s stage failed: %s: %s", self.stage, type(exc).__name__, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            for attr, value in self.empty.items():
                setattr(doc._, attr, value() if callable(value) else value)
            _add_warning(doc, {"code": StageFailedError.code, "stage": self.stage,
                               "message": f"{self.stage} failed: {type(exc).__name__}: {exc}"})
        return doc

    def run(self, doc: Doc, analysis: Analysis) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def publish(self, doc: Doc, analysis: Analysis, found: Any, label: str,
                spans: Callable[[list[dict[str, Any]]], Iterable[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
        """Keep the typed result for later stages, and the plain items (offsets into the input) in
        ``doc._.<stage key>`` and ``doc.spans[<stage key>]`` (``spans`` picks the spans' items)."""
        key = next(iter(self.empty))
        analysis.results[key] = found
        items = [remap(analysis.norm, x.dump()) for x in found]
        setattr(doc._, key, items)
        _set_spans(doc, key, spans(items) if spans else items, label)
        return items


class LayoutComponent(Stage):
    """Main text vs page furniture (headline, publication line, byline, menus, footers)."""

    stage = "layout"
    empty = {"layout": dict}

    def run(self, doc: Doc, analysis: Analysis) -> None:
        norm = analysis.norm
        layout = layout_mod.find_layout(analysis)
        analysis.results["layout"] = layout
        data = remap(norm, layout.dump())
        data["main"] = [list(norm.span_to_raw(a, b)) for a, b in layout.main]
        data["furniture"] = [list(norm.span_to_raw(a, b)) for a, b in layout.furniture]
        doc._.layout = data
        _set_spans(doc, "main", ({"start": a, "end": b} for a, b in data["main"]), "MAIN")


class HeaderComponent(Stage):
    """Document kind and header fields (number, type, issuer, place, date, signer, recipients)."""

    stage = "header"
    empty = {"document": dict, "authors": list}

    def run(self, doc: Doc, analysis: Analysis) -> None:
        layout = analysis.results.get("layout") or layout_mod.find_layout(analysis)
        header = header_mod.find_header(analysis, layout)
        analysis.results["header"] = header
        data = remap(analysis.norm, header.dump())
        hints = doc._.hints or {}
        if hints.get("published_at") and not data.get("published_at"):
            data["published_at"] = hints["published_at"]
        doc._.kind = header.kind
        doc._.document = data
        doc._.authors = list((data.get("evidence") or {}).get("authors") or [])


class NumbersComponent(Stage):
    """Document numbers (số/ký hiệu) in the main text, with type, date and issuer around them."""

    stage = "numbers"
    empty = {"doc_refs": list}

    def run(self, doc: Doc, analysis: Analysis) -> None:
        spans = _main(analysis)
        found = numbers_mod.find_doc_refs(analysis, year=reference_year(doc))
        refs = _own_number_once([r for r in found if _inside(spans, r.start, r.end)], analysis)
        self.publish(doc, analysis, refs, "DOC_REF")


class DatesComponent(Stage):
    """Days, ranges, relative days (against the document's date) and periods in the main text."""

    stage = "dates"
    empty = {"dates": list}

    def run(self, doc: Doc, analysis: Analysis) -> None:
        # nothing inside a document number is a date ("15/2021/NĐ-CP")
        exclude = [(r.start, r.end) for r in analysis.results.get("doc_refs") or ()]
        kept = dates_mod.date_items(analysis, reference=reference_date(doc), default_year=reference_year(doc),
                                    exclude=exclude, main=_main(analysis), announce=doc._.kind == "notice")
        kept = _with_header_date(analysis, kept, _main(analysis))
        self.publish(doc, analysis, kept, "DATE")


class OfficialsComponent(Stage):
    """Named officials with all their titles, mentions merged; the signer; bylines excluded."""

    stage = "officials"
    empty = {"officials": list}

    def run(self, doc: Doc, analysis: Analysis) -> None:
        header = analysis.results.get("header")
        document = header.dump() if header is not None else {}
        signer = document.get("signer")
        layout = analysis.results.get("layout")
        headings = (getattr(layout, "headline", None), getattr(layout, "title", None))
        found = officials_mod.find_officials(
            analysis,
            main=_main(analysis),
            signer=dict(signer) if isinstance(signer, dict) else None,
            authors=tuple(document.get("authors") or ()),
            breaks=tuple(h.end for h in headings if h is not None),
        )
        self.publish(doc, analysis, found, "OFFICIAL", spans=lambda items: [m for o in items for m in o.get("mentions", [])])


class DirectivesComponent(Stage):
    """Directives: the task tree of a notice, the instructions of an article, with issuer,
    assignees, coordinators, deadline and cited numbers; speakers resolved through the officials."""

    stage = "directives"
    empty = {"directives": list}

    def run(self, doc: Doc, analysis: Analysis) -> None:
        layout = analysis.results.get("layout") or layout_mod.find_layout(analysis)
        if not layout.main:
            # no document text on the page (a portal page that shows a title only): its login
            # pop-ups and menus are no document, there is nothing to read
            self.publish(doc, analysis, [], "DIRECTIVE")
            return
        document = doc._.document or {}
        officials = analysis.results.get("officials") or ()
        found = directives_mod.find_directives(
            analysis,
            kind=doc._.kind or layout.kind,
            main=_main(analysis),
            issuer=document.get("issuer"),
            doc_year=reference_year(doc),
            body_start=layout.header_end,
            resolve_speaker=_resolver(officials),
            refs=[(r.start, r.end) for r in analysis.results.get("doc_refs") or ()],
        )
        self.publish(doc, analysis, found, "DIRECTIVE")
        for warning in directives_mod.directive_warnings(found):
            _add_warning(doc, {"code": str(warning.get("code", "directives")), "stage": self.stage,
                               "message": str(warning.get("message", ""))})


def _own_number_once(refs: list[Any], analysis: Analysis) -> list[Any]:
    """The document's own number once: the mention in its header (else the first one); its other
    mentions ("Quyết định này", an appendix's "Kèm theo …") are the same document. Where markup
    inside the header's symbol cut the running-text reading short ("3783/QĐ"), the header's
    reading stands."""
    header = analysis.results.get("header")
    number = getattr(header, "number", None)
    if number is None:
        return refs
    key = numbers_mod.doc_ref_key(number.value)
    in_header = [r for r in refs if r.start < number.end and number.start < r.end]
    if in_header and all(r.key != key for r in in_header):
        own = numbers_mod.ref_of_number(analysis.text, number.start, number.end, number.value)
        if own is not None:
            refs = sorted([r for r in refs if r not in in_header] + [own], key=lambda r: (r.start, r.end))
    own = [r for r in refs if r.key == key]
    if len(own) < 2:
        return refs
    keep = next((r for r in own if r.start < number.end and number.start < r.end), own[0])
    return [r for r in refs if r.key != key or r is keep]


def _with_header_date(analysis: Analysis, kept: list[Any], spans: list[tuple[int, int]]) -> list[Any]:
    """The header's issue date is a date of the text even where markup splits its words
    ("ngày 18** |\n| **tháng 11 năm 2025"): the header stage read it on its word stream."""
    header = analysis.results.get("header")
    issued = getattr(header, "issued_on", None)
    if issued is None or not _inside(spans, issued.start, issued.end):
        return kept
    if any(d.start < issued.end and issued.start < d.end for d in kept):
        return kept
    mention = dates_mod.DateMention(issued.text, issued.start, issued.end, issued.value, "day")
    return sorted([*kept, mention], key=lambda d: (d.start, d.end))


def _resolver(officials: Iterable[Any]) -> Callable[[str], str | None]:
    people = tuple(officials)

    def resolve(phrase: str) -> str | None:
        person = officials_mod.resolve_title(people, phrase)
        return person.name if person is not None else None

    # whether a named speaker holds a title ("Thủ tướng" after a "Phó Thủ tướng" spoke: no)
    resolve.holds = lambda name, phrase: officials_mod.holds_title(people, name, phrase)  # type: ignore[attr-defined]
    return resolve


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
