"""find_layout: a notice (header block found) or an article, its main text and landmarks."""

from __future__ import annotations

from directive_nlp.extract.layout.article import read_article
from directive_nlp.extract.layout.furniture import is_publication_line, is_stop_line
from directive_nlp.extract.layout.lexicon import lex
from directive_nlp.extract.layout.lines import (
    Line, columns, furniture_spans, is_blank, is_caps, line_at, lines_of, mk, spans_from_lines, trim_line,
)
from directive_nlp.extract.layout.model import Layout
from directive_nlp.extract.layout.notice import HeaderBlock, find_header_block
from directive_nlp.extract.layout.recipients import NOI_NHAN, recipients_block
from directive_nlp.extract.layout.signer import signer_blocks
from directive_nlp.text import rx
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["find_layout"]


def notice_layout(text: str, lines: list[Line], hdr: HeaderBlock) -> Layout:
    n = len(lines)
    body_line = line_at(lines, hdr.header_end)
    # region end: first furniture heading after the header
    stop = n
    for j in range(body_line + 1, n):
        if not is_blank(lines[j]) and is_stop_line(lines[j].clean):
            stop = j
            break

    left, right = columns(text, lines)
    sig_lines = lines

    def locate(lo: int, hi: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        nonlocal sig_lines
        rec = None
        for j in range(hi - 1, lo - 1, -1):
            if rx.match(NOI_NHAN, left[j].clean):
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
                sig = blocks[-1]
        return rec, sig

    rec, sig = locate(body_line + 1, stop)
    if rec is None and sig is None and stop < n:
        rec, sig = locate(body_line + 1, n)
    ends = [x[1] for x in (rec, sig) if x is not None]
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
    main_idx = [li for li in range(hdr.start_line, last_line + 1) if not is_blank(lines[li])]
    main = spans_from_lines(lines, main_idx)
    # a portal's publication stamp just above the header
    publication = None
    for li in range(hdr.start_line - 1, max(-1, hdr.start_line - 7), -1):
        if not is_blank(lines[li]) and is_publication_line(lines[li].clean):
            s, e = trim_line(lines[li])
            publication = mk(text, s, e)
            main = sorted(main + [(s, e)])
            break
    signature = None
    if sig is not None:
        s, _ = trim_line(sig_lines[sig[0]])
        _, e = trim_line(sig_lines[sig[1]])
        signature = mk(text, s, e)
    recipients = None
    if rec is not None:
        s, _ = trim_line(left[rec[0]])
        _, e = trim_line(left[rec[1]])
        recipients = mk(text, s, e)
    hs = hdr.start
    ls, _ = trim_line(lines[hdr.start_line])
    if not text[ls : hdr.start].strip(" \t*_|#>"):
        hs = ls  # the header starts its line: keep the line's opening marks
    return Layout(
        kind="notice",
        main=tuple(main),
        furniture=tuple(furniture_spans(text, main)),
        headline=None,
        publication=publication,
        byline=None,
        header_start=hs,
        header_end=hdr.header_end,
        signature=signature,
        recipients=recipients,
        type_word=mk(text, *hdr.type_span) if hdr.type_span else None,
        title=mk(text, *hdr.title_span) if hdr.title_span else None,
        blocks=hdr,
    )


def find_layout(doc: Analysis | str) -> Layout:
    """Find the main text and the landmarks of one page (see module doc)."""
    text = as_analysis(doc, "find_layout").text
    if not text.strip():
        return Layout(kind="article", main=(), furniture=())
    lines = lines_of(text)
    hdr = find_header_block(text, lines)
    if hdr is not None:
        return notice_layout(text, lines, hdr)
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
