"""find_layout: a notice (header block found) or an article, its main text and landmarks."""

from __future__ import annotations

from dataclasses import dataclass, replace

from directive_nlp.extract.layout.addressees import AddresseeBlock, find_kinh_gui, read_addressees
from directive_nlp.extract.layout.article import read_article
from directive_nlp.extract.layout.furniture import is_publication_line, is_stop_line
from directive_nlp.extract.layout.lexicon import lex
from directive_nlp.extract.layout.lines import (
    Line, columns, furniture_spans, is_blank, is_caps, line_at, lines_of, mk, spans_from_lines, trim_line,
)
from directive_nlp.extract.layout.model import HeaderBlock, Layout, Span
from directive_nlp.extract.layout.notice import find_header_block
from directive_nlp.extract.layout.portal import PortalMeta, portal_meta
from directive_nlp.extract.layout.recipients import label_end, recipients_block
from directive_nlp.extract.layout.signer import is_authority_line, signer_blocks
from directive_nlp.extract.layout.stream import stream_of
from directive_nlp.resources import load_json
from directive_nlp.text import rx
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["find_layout"]



@dataclass(frozen=True, slots=True)
class _Closing:
    """The blocks that close a notice: recipients and signer (line ranges of their views)."""

    rec: tuple[int, int] | None
    sig: tuple[int, int] | None
    left: list[Line]
    sig_lines: list[Line]


def _closing_in(text: str, lines: list[Line], left: list[Line], right: list[Line], lo: int, hi: int) -> _Closing:
    """The "Nơi nhận" list (last one) and the signer block in lines [lo, hi)."""
    rec = None
    # the document's own list comes first; an appendix may hold a form with another one
    for j in range(lo, hi):
        if label_end(left, j, hi) is not None:
            rec = recipients_block(left, j, hi)
            break
    sig_lines = lines
    blocks = signer_blocks(text, lines, lo, hi)
    if not blocks:
        sig_lines = right
        blocks = signer_blocks(text, right, lo, hi)
    sig = None
    if blocks:
        if rec is not None:
            # the block nearest to the recipients list
            sig = min(blocks, key=lambda b: min(abs(b[0] - rec[1]), abs(b[1] - rec[0])))
        else:
            # the first block with an authority mark (an appendix after it holds forms and
            # tables whose capitals look like a block), else the last one
            marked = [b for b in blocks if any(is_authority_line(sig_lines[k].clean) for k in range(b[0], b[1] + 1))]
            sig = marked[0] if marked else blocks[-1]
    return _Closing(rec, sig, left, sig_lines)


def _closing(text: str, lines: list[Line], body_line: int) -> tuple[_Closing, int]:
    """The closing blocks after the body's first line, and the line where the region stops (the
    first furniture heading; the whole page when nothing closes the document before it)."""
    n = len(lines)
    stop = next((j for j in range(body_line + 1, n) if not is_blank(lines[j]) and is_stop_line(lines[j].clean)), n)
    left, right = columns(text, lines)
    found = _closing_in(text, lines, left, right, body_line + 1, stop)
    if found.rec is None and found.sig is None and stop < n:
        found = _closing_in(text, lines, left, right, body_line + 1, n)
    return found, stop


def _last_line(lines: list[Line], closing: _Closing, body_line: int, stop: int) -> int:
    """The document's last line: the end of its closing blocks, or of an appendix after them."""
    ends = [x[1] for x in (closing.rec, closing.sig) if x is not None]
    if ends:
        last_line = max(ends)
    else:
        last_line = stop - 1
        while last_line > body_line and is_blank(lines[last_line]):
            last_line -= 1
    # an appendix after the signer ("PHỤ LỤC …") belongs to the document
    appendix = lex().appendix
    for li in range(last_line + 1, stop):
        c = lines[li].clean
        if c and is_caps(c, 0.99) and any(c.startswith(a) for a in appendix):
            last_line = stop - 1
            while last_line > li and is_blank(lines[last_line]):
                last_line -= 1
            break
    return last_line


def _publication_above(text: str, lines: list[Line], start_line: int) -> Span | None:
    """A portal's publication stamp just above the header."""
    for li in range(start_line - 1, max(-1, start_line - 7), -1):
        if not is_blank(lines[li]) and is_publication_line(lines[li].clean):
            return mk(text, *trim_line(lines[li]))
    return None


def _block_span(text: str, view: list[Line], rng: tuple[int, int] | None) -> Span | None:
    if rng is None:
        return None
    s, _ = trim_line(view[rng[0]])
    _, e = trim_line(view[rng[1]])
    return mk(text, s, e)


def _addressees(text: str, hdr: HeaderBlock) -> AddresseeBlock | None:
    """The "Kính gửi" block right after the header (its first words after the header's end)."""
    st = stream_of(text, hdr.header_end, min(len(text), hdr.header_end + 4000))
    at = find_kinh_gui(st, 0, 24)
    if at is None:
        return None
    return read_addressees(st, at, tuple(b.value for b in hdr.bodies))


def notice_layout(text: str, lines: list[Line], hdr: HeaderBlock, *, bare: bool = False) -> Layout | None:
    """The layout of a notice with header ``hdr``; for a ``bare`` header (a "Kính gửi" block
    alone) None when no signer block or "Nơi nhận" closes the document."""
    kg = None if bare else _addressees(text, hdr)
    header_end = max(hdr.header_end, kg.end) if kg is not None else hdr.header_end
    body_line = line_at(lines, header_end)
    closing, stop = _closing(text, lines, body_line)
    if bare and closing.rec is None and closing.sig is None:
        return None
    last_line = _last_line(lines, closing, body_line, stop)
    main_idx = [li for li in range(hdr.start_line, last_line + 1) if not is_blank(lines[li])]
    main = spans_from_lines(lines, main_idx)
    publication = _publication_above(text, lines, hdr.start_line)
    if publication is not None:
        main = sorted(main + [(publication.start, publication.end)])
    hs = hdr.start
    ls, _ = trim_line(lines[hdr.start_line])
    if not text[ls : hdr.start].strip(" \t*_|#>"):
        hs = ls  # the header starts its line: keep the line's opening marks
    return Layout(
        kind="notice",
        main=tuple(main),
        furniture=tuple(furniture_spans(text, main)),
        publication=publication,
        header_start=hs,
        header_end=header_end,
        signature=_block_span(text, closing.sig_lines, closing.sig),
        recipients=_block_span(text, closing.left, closing.rec),
        type_word=mk(text, *hdr.type_span) if hdr.type_span else None,
        title=mk(text, *hdr.title_span) if hdr.title_span else None,
        blocks=hdr,
        addressees=mk(text, kg.start, kg.end) if kg is not None else None,
        addressee_items=kg.items if kg is not None else (),
    )


def _bare_notice(text: str, lines: list[Line]) -> Layout | None:
    """A document whose header was cut but whose "Kính gửi" block opens it, closed by a signer
    block or a "Nơi nhận" list: a notice whose header is that block."""
    # a "Kính gửi" that opens a page whose header was cut is looked for this far
    st = stream_of(text, 0, min(len(text), int(load_json("header")["bare_scan_chars"])))
    at = find_kinh_gui(st)
    if at is None:
        return None
    kg = read_addressees(st, at)
    if kg is None:
        return None
    hdr = HeaderBlock(kg.start, line_at(lines, kg.start), kg.end, (), None, None, None, None, (), None, None, False)
    lay = notice_layout(text, lines, hdr, bare=True)
    if lay is None:
        return None
    return replace(lay, header_end=kg.end, addressees=mk(text, kg.start, kg.end), addressee_items=kg.items)


def find_layout(doc: Analysis | str) -> Layout:
    """Find the main text and the landmarks of one page (see module doc)."""
    text = as_analysis(doc, "find_layout").text
    if not text.strip():
        return Layout(kind="article", main=(), furniture=())
    lines = lines_of(text)
    lay = _notice_or_article(text, lines)
    meta = portal_meta(text, lines, list(lay.main))
    if meta is None:
        return lay
    if lay.kind == "article" and _opens_page(lines, meta):
        # a portal page that shows a document's title but not its text
        return Layout(kind="notice", main=(), furniture=tuple(furniture_spans(text, [])), portal=meta)
    return replace(lay, portal=meta)


def _opens_page(lines: list[Line], meta: PortalMeta) -> bool:
    """The portal's title is among the page's first three lines of content."""
    firsts = [ln for ln in lines if not is_blank(ln)][:3]
    return any(ln.start <= meta.start <= ln.end for ln in firsts)


def _notice_or_article(text: str, lines: list[Line]) -> Layout:
    hdr = find_header_block(text, lines)
    if hdr is not None:
        lay = notice_layout(text, lines, hdr)
        if lay is not None:
            return lay
    bare = _bare_notice(text, lines)
    if bare is not None:
        return bare
    art = read_article(text, lines)
    main = spans_from_lines(lines, art["main_lines"])
    headline = None
    if art["headline"] is not None:
        s, e = trim_line(lines[art["headline"]])
        headline = mk(text, s, e)
    publication = None
    if art["pub"] is not None:
        s, e = trim_line(lines[art["pub"]])
        publication = mk(text, s, e)
    byline = mk(text, *art["byline"]) if art["byline"] else None
    return Layout(
        kind="article",
        main=tuple(main),
        furniture=tuple(furniture_spans(text, main)),
        headline=headline,
        publication=publication,
        byline=byline,
    )
