"""Page layout: where a scraped page's own document text is, and what is site furniture.

Inputs are pages as crawled: a news article (headline, publication stamp, body, byline) or an
administrative document (header block, body, signer block, "Nơi nhận"), wrapped in menus,
related-news lists, metadata tables, counters and footers. :func:`find_layout` returns the
spans of the main text plus the landmarks later stages need (headline, publication line,
byline, end of the notice header, signer block, recipients block).

Everything is found from markers (lexicons in ``data/layout.json`` and ``data/header.json``)
and line structure (upper-case header lines, "Số …" number line, place-date line, national
motto, type word, signer authority marks, runs of bullet links), never from one site's
strings. Offsets index the ``text`` argument (normalized text).
"""

from directive_nlp.extract.layout.furniture import is_inner_furniture, is_publication_line, is_stop_line
from directive_nlp.extract.layout.lines import RIGHT_INDENT, cells, clean_line, is_caps
from directive_nlp.extract.layout.model import Layout, Span
from directive_nlp.extract.layout.names import byline_prefix, is_org, looks_like_name, looks_like_names, source_prefix
from directive_nlp.extract.layout.notice import type_line_match
from directive_nlp.extract.layout.page import find_layout
from directive_nlp.extract.layout.signer import is_authority_line, is_noise_line, strip_rank

__all__ = [
    "Span", "Layout", "find_layout", "RIGHT_INDENT", "byline_prefix", "cells", "clean_line",
    "is_authority_line", "is_caps", "is_inner_furniture", "is_noise_line", "is_org", "is_publication_line",
    "is_stop_line", "looks_like_name", "looks_like_names", "source_prefix", "strip_rank", "type_line_match",
]
