"""underthesea sentences and words, realigned to the text.

underthesea returns strings without offsets, and its tokens are normalized (NFC, its own character
map), so they are not always substrings of the input. Here each sentence and word is found again in
the normalized text by walking both in step (whitespace-insensitive, case- and mark-tolerant).
:mod:`directive_nlp.text.analysis` builds the document's words from these pieces.

Paragraphs (line breaks) are hard sentence boundaries: scraped pages put headings, menu items and
list items on their own lines without final punctuation.
"""

from __future__ import annotations

import logging

import regex

from directive_nlp.text.normalize import strip_accents
from directive_nlp.text.postag import pos_tag, pos_tag_many
from directive_nlp.text.segmenter import segment

__all__ = [
    "word_tokenize", "segment_many", "pos_tag_words", "pos_tag_many", "sentence_spans", "align", "segment_pieces", "MAX_SEGMENT",
    "wrap_width", "wrap_breaks",
]

log = logging.getLogger(__name__)

_LINE = regex.compile(r"[^\n]+")
# A line that starts a new block whatever came before: list markers, table cells, headings.
_BLOCK_START = regex.compile(r"\s*(?:[-–+](?!\d)|[*•|#>]|\(\d{1,3}\)|\([a-zđ]\)|\d{1,3}[.)](?!\d)|[a-zđ][)]|[IVXLC]{1,5}[.)]|Điều\s+\d)")
_ENDS_BLOCK = regex.compile(r"[.:;!?…]\s*$|^\s*$")
# a line that opens with a lower-case word goes on with the sentence above it, however short
# that line was (a paragraph re-wrapped at 30 columns)
_GOES_ON = regex.compile(r"[ \t]*[(\"“]?\p{Ll}")
# "chính trị -\nxã hội" wrapped before the hyphen: a dash before a lower-case word, under a line
# that ends no sentence, is the hyphen of a compound name, not a list marker
_HYPHEN_GOES_ON = regex.compile(r"[ \t]*[-–][ \t]+\p{Ll}")
# a line of capitals and marks only: a header or signer line, a heading
_CAPS_LINE = regex.compile(r"[^\p{Ll}]*$")


def word_tokenize(sentence: str) -> list[str]:
    """underthesea's word segmentation (bundled CRF model): ``underthesea.word_tokenize(sentence)``."""
    return segment([sentence])[0]


def segment_many(texts: list[str]) -> list[list[str]]:
    """:func:`word_tokenize` of each text, in one batch (one document's sentence pieces)."""
    return segment(texts)


#: Characters given to underthesea's word segmentation at once. Its CRF builds feature strings for
#: every token of the string it is given (kilobytes per token), so one "sentence" of 100,000
#: brackets took gigabytes and time that grew faster than its length. A longer sentence is
#: segmented in pieces cut after a comma, semicolon or colon, else at a space, else anywhere.
MAX_SEGMENT = 2000
_CUT_AFTER = (", ", "; ", ": ")
#: A run of this many symbols (no letter, digit or space) is one word, not given to the CRF:
#: dot leaders "........", rules "-------", and runs of brackets or quotes.
_SYMBOL_RUN = regex.compile(r"[^\p{L}\p{N}\s]{8,}")


def segment_pieces(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``text[start:end]`` as consecutive (start, end, is_one_word) spans for the segmenter.

    A span marked ``is_one_word`` is a long run of symbols (one word as it stands); the others
    are at most :data:`MAX_SEGMENT` characters each.
    """
    if end - start <= MAX_SEGMENT and _SYMBOL_RUN.search(text, start, end) is None:
        return [] if text[start:end].isspace() or start == end else [(start, end, False)]  # most sentences
    out: list[tuple[int, int, bool]] = []
    s = start
    for m in _SYMBOL_RUN.finditer(text, start, end):
        out += [(a, b, False) for a, b in _bounded(text, s, m.start())]
        out.append((m.start(), m.end(), True))
        s = m.end()
    out += [(a, b, False) for a, b in _bounded(text, s, end)]
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into spans of at most MAX_SEGMENT characters (none if blank)."""
    out: list[tuple[int, int]] = []
    s = start
    while end - s > MAX_SEGMENT:
        limit = s + MAX_SEGMENT
        half = s + MAX_SEGMENT // 2
        cut = max(text.rfind(p, half, limit) for p in _CUT_AFTER) + 1
        if cut <= half:
            cut = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
        if cut <= half:
            cut = limit
        out.append((s, cut))
        s = cut
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if not text[a:b].isspace()]


def _sent_tokenize(paragraph: str) -> list[str]:
    from underthesea import sent_tokenize

    return list(sent_tokenize(paragraph))


def pos_tag_words(words: list[str]) -> list[str]:
    """POS tags for already segmented words (no second segmentation pass): underthesea's."""
    return pos_tag(words) if words else []


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    return strip_accents(a).casefold() == strip_accents(b).casefold()


_GAP = 16  # whitespace looked across by align's first try


def align(pieces: list[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Find each piece in order in ``text[start:end]``; returns (start, end) per piece.

    Whitespace inside a piece matches any run of whitespace (or none) in the text. A piece whose
    characters cannot be followed (underthesea changed them) takes as many non-space characters as
    it has, so offsets always stay valid and ordered.
    """
    out: list[tuple[int, int]] = []
    p = start
    for piece in pieces:
        if piece and not piece[0].isspace():
            # the usual case, at C speed: the word as written, after a few spaces at most
            q = text.find(piece, p, min(end, p + len(piece) + _GAP))
            if q == p or (q > p and text[p:q].isspace()):
                out.append((q, q + len(piece)))
                p = q + len(piece)
                continue
        while p < end and text[p].isspace():
            p += 1
        if text.startswith(piece, p) and p + len(piece) <= end:
            # the usual case: the word is written exactly as underthesea returns it
            out.append((p, p + len(piece)))
            p += len(piece)
            continue
        s = p
        q = p
        ok = True
        for ch in piece:
            if ch.isspace():
                while q < end and text[q].isspace():
                    q += 1
                continue
            while q < end and text[q].isspace() and not ch.isspace():
                # tolerate a line break or double space inside a multiword token
                q += 1
            if q < end and _same(text[q], ch):
                q += 1
            else:
                ok = False
                break
        if not ok:
            # resynchronise: look for the piece's first visible character nearby
            visible = [c for c in piece if not c.isspace()]
            found = -1
            if visible:
                window_end = min(end, p + 64 + len(piece))
                for k in range(p, window_end):
                    if _same(text[k], visible[0]):
                        found = k
                        break
            s = found if found >= 0 else p
            q = s
            count = 0
            while q < end and count < len(visible):
                if not text[q].isspace():
                    count += 1
                q += 1
        q = min(q, end)
        out.append((s, max(s, q)))
        p = max(s, q)
    return out


def wrap_width(text: str) -> int:
    """The width a text is wrapped at: its longest line of several words (a word longer than
    the width, a URL, stands alone on its line). A text that is not wrapped has long lines."""
    return max((len(ln) for ln in (m.group(0).strip() for m in _LINE.finditer(text)) if " " in ln), default=0)


def _is_wrap(prev: str, line: str, width: int) -> bool:
    """The next line's first word would not have fitted on this one: the line was broken there
    because the text is wrapped, wherever the wrapping fell (a line of capitals is a header or
    heading line, broken by its writer)."""
    return (
        bool(line.split())
        and not _CAPS_LINE.match(prev)
        and (not _BLOCK_START.match(line) or _HYPHEN_GOES_ON.match(line) is not None)
        and len(prev.rstrip()) + 1 + len(line.split()[0]) > width
    )


def wrap_breaks(text: str, start: int = 0, end: int | None = None) -> set[int]:
    """Offsets of the line breaks in text[start:end] that only wrap a line (:func:`_is_wrap`)."""
    end = len(text) if end is None else end
    width = wrap_width(text)
    out: set[int] = set()
    nl = text.find("\n", start, end)
    while nl >= 0:
        a = text.rfind("\n", 0, nl) + 1
        b = text.find("\n", nl + 1)
        b = len(text) if b < 0 else b
        if text[a:nl].strip() and _is_wrap(text[a:nl], text[nl + 1 : b], width):
            out.add(nl)
        nl = text.find("\n", nl + 1, end)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks of text: lines joined where the text is hard-wrapped (crawled markdown), split at
    blank lines, list markers, table cells, and lines ending a sentence or a heading.

    Whether a line break is a wrap does not depend on where the wrapping put it: a line goes on
    over the next one when the next line's first word would not have fitted on it (the text is
    wrapped at the width of its longest line of several words), or when it ends no sentence and
    the block read so far is a sentence's length (not the line: the last piece of a re-wrapped
    line is short) or the next line opens with a lower-case word (also after a colon or a
    semicolon). A list marker opens a block, except a dash before a lower-case word under a
    line that ends no sentence (the hyphen of "chính trị - xã hội")."""
    blocks: list[list[int]] = []
    prev: str | None = None
    width = wrap_width(text)
    size = 0  # characters of the block read so far
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line.strip():
            prev = None
            continue
        soft = (
            prev is not None
            and blocks
            and blocks[-1][1] == m.start() - 1  # directly on the next line
            and (not _BLOCK_START.match(line) or (_HYPHEN_GOES_ON.match(line) is not None and not _ENDS_BLOCK.search(prev)))
            and (
                _is_wrap(prev, line, width)
                or (
                    not _ENDS_BLOCK.search(prev)
                    and (
                        size >= 30
                        or _GOES_ON.match(line) is not None
                        or _HYPHEN_GOES_ON.match(line) is not None
                    )
                )
                # "… yêu cầu tránh:\n“chủ quan, …": a lower-case word goes on after a colon
                or (prev.rstrip().endswith((":", ";")) and _GOES_ON.match(line) is not None)
            )
        )
        if soft:
            blocks[-1][1] = m.end()
            size += 1 + len(line.strip())
        else:
            blocks.append([m.start(), m.end()])
            size = len(line.strip())
        prev = line
    return [(a, b) for a, b in blocks]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalized text: paragraphs, then underthesea's sentences in each."""
    spans: list[tuple[int, int]] = []
    for a, b in _paragraphs(text):
        block = text[a:b]
        sents = [s for s in _sent_tokenize(block) if s.strip()]
        if not sents:
            sents = [block.strip()]
        for s, e in align(sents, text, a, b):
            if e > s:
                spans.append((s, e))
    return spans
