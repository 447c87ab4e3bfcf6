"""Read an input file of any supported format into a :class:`~directive_nlp.io.reading.Source`.

* ``.txt``: :func:`directive_nlp.io.reading.read_source` (UTF-8/BOM/UTF-16/Windows-1258/TCVN3/VNI);
  ``Source.encoding`` as there.
* ``.html``/``.htm``: the page's main text (trafilatura), its title put first when the main text
  does not start with it; the publication date declared in the page's metadata is returned as
  the ``published_at`` hint. Encoding ``html:<charset>``.
* ``.docx``: body paragraphs and tables in reading order (python-docx), one line per paragraph,
  table cells row by row. Encoding ``docx``.
* ``.pdf``: the text layer (pdfminer.six), text boxes and pages separated by a blank line; a PDF
  without text is an error (:class:`NoTextLayerError`), not an empty result. Encoding ``pdf``.

Text typed with legacy Vietnamese fonts (TCVN3 ``.VnTime``, VNI) inside a DOCX/PDF/HTML is
repaired with :func:`directive_nlp.io.reading.repair_mojibake` and reported as e.g. ``docx+tcvn3``.
``Source.sha256`` and ``Source.bytes`` always describe the raw file. Every failure is one typed
error (:mod:`directive_nlp.errors` plus the E11x classes below) with a one-line reason.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import hashlib
import io
import json
import logging
import os
import unicodedata
import zipfile
from typing import Any, Iterator

import regex

from directive_nlp.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    EncryptedDocumentError,
    MissingExtraError,
    MalformedDocumentError,
    NoTextLayerError,
    TooLargeError,
    UnsupportedFormatError,
)
from directive_nlp.extras import require
from directive_nlp.io.reading import Source, decode_bytes, read_file_bytes, read_source, repair_mojibake

__all__ = [
    "FORMATS",
    "format_of",
    "read_any",
    "read_bytes",
    "html_to_text",
    "docx_to_text",
    "pdf_to_text",
    "iso_datetime",
    "UnsupportedFormatError",
    "NoTextLayerError",
    "MalformedDocumentError",
    "EncryptedDocumentError",
]

log = logging.getLogger(__name__)

#: Lower-case suffix -> format name.
FORMATS: dict[str, str] = {".txt": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}

#: A DOCX whose XML parts unpack to more than this many times the byte limit is refused.
DOCX_EXPANSION = 10
#: Share of "(cid:N)" placeholders in a PDF's text above which it has no usable text layer.
CID_SHARE = 0.3

_MB = 1_000_000


# --------------------------------------------------------------------------- entry points


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The format name for a path's suffix ("text", "html", "docx", "pdf"), or None."""
    _, ext = os.path.splitext(os.fspath(path))
    return FORMATS.get(str(ext).lower())


def read_any(
    path: str | os.PathLike[str], *, max_bytes: int = 20_000_000, data: bytes | None = None
) -> tuple[Source, dict[str, Any]]:
    """Read a file of a supported format; return (source, hints).

    ``hints`` holds what the file itself says about the document, to pass to
    :func:`directive_nlp.nlp.pipeline.extract`: ``published_at`` (ISO 8601) for HTML pages that
    declare it. ``data``: the file's bytes when already read (the path then only names it).
    Raises the errors of :func:`read_source` plus UnsupportedFormatError, NoTextLayerError,
    MalformedDocumentError and EncryptedDocumentError.
    """
    name = _name(path)
    fmt = format_of(name)
    if fmt is None:
        ext = os.path.splitext(name)[1]
        raise UnsupportedFormatError(name, f"unsupported format ({ext or 'no extension'})")
    if fmt == "text" and data is None:
        return read_source(name, max_bytes=max_bytes), {}
    if fmt != "text":
        try:
            require("formats", f"reading a {fmt.upper()} file")
        except MissingExtraError as err:
            raise MissingExtraError(name, err.reason) from None
    if data is None:
        data = read_bytes(name, max_bytes=max_bytes)
    elif len(data) > max_bytes:
        raise TooLargeError(name, f"file is {_mb(len(data))} MB, over the {_mb(max_bytes)} MB limit")
    digest = hashlib.sha256(data).hexdigest()
    hints: dict[str, Any] = {}
    if fmt == "text":
        text, encoding = decode_bytes(data, name)
    else:
        if not data:
            raise EmptyInputError(name, "empty file")
        if fmt == "html":
            text, encoding, hints = html_to_text(data, name)
        elif fmt == "docx":
            text, encoding = docx_to_text(data, name, max_bytes=max_bytes)
        else:
            text, encoding = pdf_to_text(data, name)
    return Source(name, text, encoding, digest, len(data)), hints


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = 20_000_000) -> bytes:
    """The raw bytes of a regular file, with the typed errors of :func:`read_source`."""
    return read_file_bytes(_name(path), max_bytes)


def _name(path: str | os.PathLike[str]) -> str:
    name = os.fspath(path)
    return name if isinstance(name, str) else os.fsdecode(name)


def _os_reason(err: BaseException) -> str:
    if isinstance(err, OSError):
        return (err.strerror or type(err).__name__).lower()
    return str(err)


def _mb(n: int) -> str:
    x = n / _MB
    s = f"{x:.1f}" if x >= 1 else f"{x:.6f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _repair(text: str, encoding: str) -> tuple[str, str]:
    """Undo legacy-font mojibake (TCVN3/VNI typed text) in extracted text."""
    if text.isascii():
        return text, encoding
    fixed = repair_mojibake(text)
    if fixed is None:
        return text, encoding
    log.info("legacy %s text repaired", fixed[1])
    return fixed[0], f"{encoding}+{fixed[1]}"


def _nonempty(text: str, name: str, what: str) -> str:
    if not text.strip(" \t\r\n\f\v\u00a0\ufeff\u200b\u3000\u2028\u2029"):
        raise EmptyInputError(name, what)
    return text


# --------------------------------------------------------------------------- HTML

_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", regex.I)
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]{0,200}\?>")
# meta names/properties that carry the publication time (lower case), best first
_META_DATE = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "date",
)
_ISO = regex.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:[.,]\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
_DMY = regex.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T\s,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*(?:[AaPp][Mm])?\s*$")


def html_to_text(data: bytes, name: str | None = None) -> tuple[str, str, dict[str, Any]]:
    """(main text, "html:<charset>", hints) of an HTML page; see the module doc."""
    markup, charset = _decode_html(data, name)
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(_XML_DECL.sub("", markup, count=1, timeout=1.0))
    except Exception as err:  # lxml raises ParserError / ValueError on hopeless input
        raise MalformedDocumentError(name, f"not a readable HTML page ({type(err).__name__})") from None
    hints: dict[str, Any] = {}
    published = _html_published(tree)
    if published:
        hints["published_at"] = published
    title = _html_title(tree)
    try:
        doc = trafilatura.bare_extraction(
            tree, include_comments=False, include_tables=True, with_metadata=False, deduplicate=False
        )
    except Exception as err:  # the extractor must not bring the batch down
        log.debug("trafilatura failed on %s", name, exc_info=True)
        raise MalformedDocumentError(name, f"cannot extract the page's text ({type(err).__name__})") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    text = _nonempty(text, name or "", "no main text in the HTML page")  # type: ignore[arg-type]
    if title and _fold_ws(title) not in _fold_ws(text[: len(title) + 200]):
        text = f"{title}\n\n{text}"
    text, encoding = _repair(text, f"html:{charset}")
    return text, encoding, hints


def _fold_ws(s: str) -> str:
    return " ".join(s.split()).casefold()


def _decode_html(data: bytes, name: str | None) -> tuple[str, str]:
    """Decode an HTML page: byte-order mark, declared charset, UTF-8, then legacy detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError:
                raise DecodeError(name, f"starts with a {enc.upper()} byte-order mark but is not {enc.upper()}") from None
    if b"\x00" in data[:4096]:
        raise BinaryInputError(name, "binary file (NUL bytes)")
    m = _CHARSET.search(data[:8192], timeout=1.0)
    declared = None
    if m:
        try:
            declared = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            declared = None
    latin = ("latin-1", "iso8859-1", "cp1252")
    if declared and declared not in ("utf-8", "ascii") + latin:
        try:
            return unicodedata.normalize("NFC", data.decode(declared)), declared
        except UnicodeDecodeError:
            log.info("%s: declared charset %s does not fit", name, declared)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(data, name)  # legacy Vietnamese (pages in TCVN3/VNI often say latin-1)
    except DecodeError:
        if declared in latin:
            return data.decode(declared), declared
        raise


def _html_title(tree: Any) -> str | None:
    for xp in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for node in tree.xpath(xp)[:1]:
            value = node if isinstance(node, str) else node.text_content()
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _html_published(tree: Any) -> str | None:
    """The publication date/time the page declares in its metadata (ISO 8601), or None."""
    candidates: list[tuple[int, str]] = []
    rank = {k: i for i, k in enumerate(_META_DATE)}
    for meta in tree.xpath("//meta[@content]"):
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key in rank:
                candidates.append((rank[key], meta.get("content") or ""))
    for node in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        candidates.append((rank["datepublished"], node.get("content") or node.get("datetime") or node.text_content()))
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            blob = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        for value in _json_values(blob, "datePublished"):
            candidates.append((rank["datepublished"], value))
    for node in tree.xpath("//time[@pubdate][@datetime]"):
        candidates.append((len(rank), node.get("datetime") or ""))
    for _, value in sorted(candidates, key=lambda c: c[0]):
        iso = iso_datetime(value)
        if iso:
            return iso
    return None


def _json_values(blob: Any, key: str, depth: int = 0) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(blob, dict):
        value = blob.get(key)
        if isinstance(value, str):
            yield value
        for v in blob.values():
            if isinstance(v, (dict, list)):
                yield from _json_values(v, key, depth + 1)
    elif isinstance(blob, list):
        for v in blob[:50]:
            yield from _json_values(v, key, depth + 1)


def iso_datetime(value: str) -> str | None:
    """A metadata date ("2021-05-28T16:19:39+07:00", "28/05/2021 16:19") as ISO 8601 local time.

    The wall-clock time is kept as written (the offset is dropped); day-first for d/m/y.
    None when it is not a valid date.
    """
    if not isinstance(value, str) or len(value) > 64:
        return None
    m = _ISO.match(value, timeout=1.0)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
    else:
        m = _DMY.match(value, timeout=1.0)
        if not m:
            return None
        d, mo, y, hh, mm, ss = m.groups()
    try:
        day = _dt.date(int(y), int(mo), int(d))
        if hh is None:
            return day.isoformat()
        moment = _dt.datetime(day.year, day.month, day.day, int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None
    if not 1900 <= day.year <= 2200:
        return None
    return moment.isoformat(timespec="seconds")


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def docx_to_text(data: bytes, name: str | None = None, *, max_bytes: int = 20_000_000) -> tuple[str, str]:
    """(text, "docx") of a Word document: body paragraphs and tables in reading order.

    One line per paragraph; a table is written row by row, each cell's paragraphs on their own
    lines (merged cells once), with a blank line around it, so a header block kept in a table
    (issuer | national motto, number | place and date) reads as it does on paper.
    """
    if data.startswith(_OLE):
        raise MalformedDocumentError(
            name, "not a DOCX package (an old Word .doc, or a password-protected document)"
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise MalformedDocumentError(name, "not a valid DOCX file (not a ZIP package)") from None
    if unpacked > DOCX_EXPANSION * max_bytes:
        raise TooLargeError(name, f"DOCX unpacks to {_mb(unpacked)} MB, over {DOCX_EXPANSION}x the limit")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise MalformedDocumentError(name, f"not a valid DOCX file ({type(err).__name__})") from None
    except Exception as err:  # lxml XMLSyntaxError and friends
        raise MalformedDocumentError(name, f"not a valid DOCX file ({type(err).__name__})") from None
    blocks = list(_docx_blocks(body))
    text = _join_blocks(blocks)
    text = _nonempty(text, name or "", "DOCX has no text")  # type: ignore[arg-type]
    return _repair(text, "docx")


def _join_blocks(blocks: list[tuple[str, str]]) -> str:
    """Join ("p", line) and ("table", text) blocks: tables get a blank line around them."""
    out: list[str] = []
    prev = ""
    for kind, value in blocks:
        if kind == "table" or prev == "table":
            if out and out[-1] != "":
                out.append("")
        out.append(value)
        prev = kind
    return "\n".join(out).strip("\n") + "\n"


def _docx_blocks(container: Any) -> Iterator[tuple[str, str]]:
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield "p", _paragraph_text(child)
        elif tag == f"{_W}tbl":
            table = _table_text(child)
            if table.strip():
                yield "table", table
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent", f"{_W}ins", f"{_W}smartTag"):
            yield from _docx_blocks(child)


def _table_text(tbl: Any) -> str:
    lines: list[str] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        for tc in _row_cells(tr):
            cell = [v for _, v in _docx_blocks(tc)]
            cell_text = "\n".join(cell).strip("\n")
            if cell_text.strip():
                lines.append(cell_text)
    return "\n".join(lines)


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            # a vertically merged continuation cell is empty: nothing to repeat
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _row_cells(content if content is not None else child)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    _run_text(p, parts, top=True)
    return "".join(parts)


def _run_text(el: Any, parts: list[str], *, top: bool = False) -> None:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return
    if tag == f"{_W}t":
        parts.append(el.text or "")
        return
    if tag == f"{_W}tab":  # a tab in a run (tab stops live in pPr, skipped below)
        parts.append("\t")
        return
    if tag in (f"{_W}br", f"{_W}cr"):
        parts.append("\n")
        return
    if tag == f"{_W}noBreakHyphen":
        parts.append("-")
        return
    if tag in (f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr", _MC_FALLBACK):
        return
    if tag == f"{_W}p" and not top:  # a paragraph inside a text box
        if parts and not parts[-1].endswith("\n"):
            parts.append("\n")
    for child in el.iterchildren():
        _run_text(child, parts)


# --------------------------------------------------------------------------- PDF

_CID = regex.compile(r"\(cid:\d+\)")


def pdf_to_text(data: bytes, name: str | None = None) -> tuple[str, str]:
    """(text, "pdf") of a PDF's text layer; pages separated by a blank line.

    Raises NoTextLayerError for a PDF without (usable) text — a scan — and
    MalformedDocumentError / EncryptedDocumentError when it cannot be read.
    """
    if b"%PDF-" not in data[:1024]:
        raise MalformedDocumentError(name, "not a PDF file (no %PDF header)")
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFTextExtractionNotAllowed
    from pdfminer.psexceptions import PSException

    pages: list[str] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True)):
            pages.append("\n\n".join(_pdf_boxes(page, LTTextContainer)))
    except PDFTextExtractionNotAllowed:
        raise EncryptedDocumentError(name, "the PDF forbids text extraction") from None
    except PDFEncryptionError:
        raise EncryptedDocumentError(name, "encrypted PDF (password-protected)") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            RecursionError, OverflowError, ZeroDivisionError) as err:
        log.debug("pdfminer failed on %s", name, exc_info=True)
        raise MalformedDocumentError(name, f"cannot parse the PDF ({type(err).__name__})") from None
    if not pages:
        raise MalformedDocumentError(name, "cannot parse the PDF (no pages)")
    text = "\n\n".join(p for p in pages if p.strip())
    visible = "".join(text.split())
    if not visible:
        raise NoTextLayerError(name, "no text layer (a scanned PDF? run OCR first)")
    cids = sum(len(m) for m in _CID.findall(text, timeout=5.0))
    if cids / len(visible) > CID_SHARE:
        raise NoTextLayerError(name, "no usable text layer (fonts without a Unicode mapping)")
    return _repair(text + "\n", "pdf")


def _pdf_boxes(container: Any, text_type: type) -> Iterator[str]:
    """Text of the boxes of a page in pdfminer's reading order (also inside figures)."""
    for el in container:
        if isinstance(el, text_type):
            box = el.get_text().strip("\n")
            if box.strip():
                yield box
        elif hasattr(el, "__iter__") and not isinstance(el, (str, bytes)):
            yield from _pdf_boxes(el, text_type)
