"""The result of the layout stage: :class:`Layout` (main text, furniture, landmarks) and :class:`Span`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from directive_nlp.extract.numbers import Symbol

__all__ = ["Span", "Piece", "HeaderBlock", "Layout"]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    def dump(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Piece:
    """A block of the header read from the text: ``text == source[start:end]``, ``value`` clean
    (markup and line breaks removed, words joined by one space)."""

    start: int
    end: int
    text: str
    value: str

    def dump(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    """A notice header: where it starts and ends (source offsets), its line, its blocks.

    ``bodies``: the issuing bodies, parents first (values upper case as written, words joined);
    ``number``: the symbol (value without spaces; "" for a draft's blank number is never
    returned: a draft keeps its "/QĐ-UBND"); ``symbol``: its grammar; ``place``, ``date``
    (value: ISO day, "" when the day or month is blank); ``type_span`` the type name,
    ``title_span`` the subject; ``subject_lead`` is True for a công văn's "V/v …" subject.
    """

    start: int
    start_line: int
    header_end: int
    bodies: tuple[Piece, ...]
    number: Piece | None
    symbol: Symbol | None
    place: Piece | None
    date: Piece | None
    motto_spans: tuple[tuple[int, int], ...]
    type_span: tuple[int, int] | None
    title_span: tuple[int, int] | None
    subject_lead: bool


@dataclass(frozen=True, slots=True)
class Layout:
    """Main text vs furniture of one page, with its landmarks.

    ``kind`` is "notice" (a header block was found) or "article". ``main`` and ``furniture``
    are sorted, non-overlapping [start, end) spans. ``header_start``/``header_end`` delimit
    the notice header block (issuing body … title); the body starts at ``header_end``.
    ``signature`` is the signer block (authority line … name), ``recipients`` the
    "Nơi nhận" block, ``type_word`` the upper-case type word of a notice ("THÔNG BÁO") and
    ``title`` its subject (trích yếu) without the enclosing emphasis marks. ``blocks`` holds
    the header's blocks as read (issuing bodies, number, place, date…), ``addressees`` the
    "Kính gửi" block; later stages must not read directives in it nor in ``recipients``.
    """

    kind: str
    main: tuple[tuple[int, int], ...]
    furniture: tuple[tuple[int, int], ...]
    headline: Span | None = None
    publication: Span | None = None
    byline: Span | None = None
    header_start: int | None = None
    header_end: int | None = None
    signature: Span | None = None
    recipients: Span | None = None
    type_word: Span | None = None
    title: Span | None = None
    blocks: HeaderBlock | None = None
    addressees: Span | None = None
    addressee_items: tuple[Piece, ...] = ()
    portal: Any = None  # PortalMeta: the portal's title line / metadata table, outside the main text

    def in_main(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one main span."""
        return any(s <= start and end <= e for s, e in self.main)

    def dump(self) -> dict[str, Any]:
        def sp(x: Span | None) -> dict[str, Any] | None:
            return x.dump() if x is not None else None

        return {
            "kind": self.kind,
            "main": [[s, e] for s, e in self.main],
            "furniture": [[s, e] for s, e in self.furniture],
            "headline": sp(self.headline),
            "publication": sp(self.publication),
            "byline": sp(self.byline),
            "header_start": self.header_start,
            "header_end": self.header_end,
            "signature": sp(self.signature),
            "recipients": sp(self.recipients),
            "type_word": sp(self.type_word),
            "title": sp(self.title),
            "addressees": sp(self.addressees),
        }

