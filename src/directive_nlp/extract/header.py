"""Document fields of one page: number, type, issuer, place and date, title, signer,
recipients (notices); headline, publication time and authors (articles).

:func:`find_header` reads the landmarks :func:`directive_nlp.extract.layout.find_layout` found and
parses each one with small regexes; it never looks outside them, so sidebar links and
metadata tables cannot leak in. Every value comes with its evidence span in ``text``.

Conventions (see corpus/ANNOTATING.md): ``number`` as written after "Số"; ``type`` the full
type name from the title word, else from the number's type code, else "Công văn";
``signer.title`` and ``signer.authority`` as written in the block (markdown removed, wrapped
lines joined; several authority lines joined with ", "); one recipient per "Nơi nhận" line
without the leading dash and trailing punctuation, continuation lines joined with a space.
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import regex

from directive_nlp.extract.layout import (
    RIGHT_INDENT,
    Layout,
    Span,
    byline_prefix,
    cells,
    clean_line,
    is_authority_line,
    is_noise_line,
    is_org,
    looks_like_name,
    source_prefix,
    strip_rank,
)
from directive_nlp.extract.layout.signer import split_tail_name
from directive_nlp.extract.layout.blocks import find_place_dates
from directive_nlp.extract.layout.model import Piece
from directive_nlp.extract.layout.notice import iso_day
from directive_nlp.extract.layout.portal import PortalMeta
from directive_nlp.extract.layout.stream import stream_of
from directive_nlp.text import rx
from directive_nlp.extract.dates import find_dates
from directive_nlp.text.normalize import fold_key
from directive_nlp.extract.numbers import read_symbol
from directive_nlp.resources import doc_type_name, lexicon, type_words
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["Field", "Signer", "Header", "find_header"]

log = logging.getLogger(__name__)



#: One found value with its evidence: ``text == source[start:end]``; ``value`` is clean. The same
#: record as the layout's header blocks, so a block becomes a field as it is.
Field = Piece


@dataclass(frozen=True, slots=True)
class Signer:
    """The signer block: authority ("KT. CHỦ TỊCH"), position title ("PHÓ CHỦ TỊCH"), name."""

    start: int
    end: int
    text: str
    name: Field | None
    title: Field | None
    authority: Field | None

    def dump(self) -> dict[str, Any]:
        return {
            "name": self.name.value if self.name else None,
            "title": self.title.value if self.title else None,
            "authority": self.authority.value if self.authority else None,
        }


@dataclass(frozen=True, slots=True)
class Header:
    """Document fields. ``start``/``end``/``text``: the notice header block (issuing body …
    title) or the article headline; empty (0, 0, "") when none was found."""

    start: int
    end: int
    text: str
    kind: str
    number: Field | None = None
    type: Field | None = None
    issuer: Field | None = None
    issuer_parent: Field | None = None
    place: Field | None = None
    issued_on: Field | None = None
    title: Field | None = None
    published_at: Field | None = None
    signer: Signer | None = None
    recipients: tuple[Field, ...] = field(default_factory=tuple)
    authors: tuple[Field, ...] = field(default_factory=tuple)
    addressees: tuple[Field, ...] = field(default_factory=tuple)
    portal: Span | None = None
    portal_fields: tuple[str, ...] = ()

    def dump(self) -> dict[str, Any]:
        def v(f: Field | None) -> str | None:
            return f.value if f is not None else None

        evidence: dict[str, Any] = {}
        for name in (
            "title", "number", "type", "issuer", "issuer_parent", "issued_on", "published_at", "place",
        ):
            f = getattr(self, name)
            if f is not None:
                evidence[name] = f.dump()
        if self.signer is not None:
            for part in ("name", "title", "authority"):
                f = getattr(self.signer, part)
                if f is not None:
                    evidence[f"signer.{part}"] = f.dump()
        if self.recipients:
            evidence["recipients"] = [r.dump() for r in self.recipients]
        if self.addressees:
            evidence["addressees"] = [a.dump() for a in self.addressees]
        if self.portal is not None and self.portal_fields:
            evidence["portal"] = {**self.portal.dump(), "fields": list(self.portal_fields)}
        if self.authors:
            evidence["authors"] = [a.dump() for a in self.authors]
        return {
            "kind": self.kind,
            "title": v(self.title),
            "number": v(self.number),
            "type": v(self.type),
            "issuer": v(self.issuer),
            "issued_on": v(self.issued_on),
            "published_at": v(self.published_at),
            "place": v(self.place),
            "signer": self.signer.dump() if self.signer is not None else None,
            "authors": [a.value for a in self.authors],
            "recipients": [r.value for r in self.recipients],
            "addressees": [a.value for a in self.addressees],
            "evidence": evidence,
        }


# --------------------------------------------------------------------------- helpers


_search = rx.search
_finditer = rx.finditer


def _field(text: str, s: int, e: int, value: str) -> Field:
    return Field(s, e, text[s:e], value)


def _trim(text: str, s: int, e: int, chars: str = " \t\n*_|#") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _joined(text: str, s: int, e: int) -> str:
    """Clean value of a multi-line piece: markup removed, lines joined with one space."""
    parts = [clean_line(x) for x in text[s:e].split("\n")]
    val = " ".join(p for p in parts if p)
    return " ".join(val.replace("*", " ").split())


def _line_bounds(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each line overlapping [lo, hi), clipped to it."""
    out = []
    pos = lo
    while pos <= hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        out.append((pos, end))
        if nl == -1:
            break
        pos = nl + 1
    return out


# --------------------------------------------------------------------------- stamps

def _iso_date(d: int, m: int, y: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_stamp(s: str) -> tuple[str, int, int] | None:
    """A publication stamp → (ISO date or datetime, start, end of the date-time text in ``s``).

    "28/05/2021 16:19:39 PM" → "2021-05-28T16:19:39"; "14:30 | 17/03/2025" →
    "2025-03-17T14:30"; a date alone gives the ISO date. Only dates with a written year count.
    """
    for d in find_dates(s):
        if not d.is_range and not d.value.startswith("XXXX"):
            return d.value, d.start, d.end
    return None


def parse_place_date(text: str, lo: int, hi: int) -> tuple[Field | None, Field | None]:
    """(place, issued_on) from the first place-and-date phrase in text[lo:hi] (read on the word
    stream: line breaks and markup inside it do not matter; a comma is optional)."""
    st = stream_of(text, lo, hi)
    for d in find_place_dates(st):
        if d.place_start is None or d.place_end is None:
            continue
        ps, pe = st.span(d.place_start, d.place_end)
        place = _field(text, ps, pe, " ".join(st.text[d.place_start : d.place_end].split()))
        iso = iso_day(d.day, d.month, d.year)
        issued = _field(text, *st.span(d.start, d.end), iso) if iso else None
        return place, issued
    return None, None


# --------------------------------------------------------------------------- number / type / issuer

def type_from_number(number: str) -> tuple[str, str | None]:
    """(type name, code) from a number's type code; ("Công văn", None) when it has none.

    The code is read only where the number grammar places one (``number_formats.md``): after
    the Party hyphen ("274-TB/TU"), after the State slash and the year ("15/2021/NĐ-CP",
    "631/TB-VPCP"); "4240/UBND-VX" and "17809/BTC-CTK" name an issuer, no type.
    """
    sym = read_symbol(number, 0)
    if sym is None or sym.canonical_type is None:
        return "Công văn", None
    name = doc_type_name(sym.canonical_type, "party" if sym.system == "party" else "state")
    if not name:
        return "Công văn", None
    return name, sym.type_code


def _type_name(word: str) -> str:
    key = fold_key(word)
    for w in type_words():
        if fold_key(w) == key:
            return w
    return word.capitalize()


_SEP = regex.compile(r"^[-_=~*.…—–]{3,}$|^\*$")


def _from_piece(p: Piece | None) -> Field | None:
    return p


def _issuers(text: str, bodies: tuple[Piece, ...]) -> tuple[Field | None, Field | None]:
    """(issuer, parent body): the last body issues, the ones above it are its parents."""
    if not bodies:
        return None, None
    issuer = _from_piece(bodies[-1])
    if len(bodies) == 1:
        return issuer, None
    first, last = bodies[0], bodies[-2]
    value = " ".join(b.value for b in bodies[:-1])
    return issuer, Field(first.start, last.end, text[first.start : last.end], value)


# --------------------------------------------------------------------------- signer

def _deputy(clean: str) -> bool:
    """A deputy's position line ("PHÓ CHỦ TỊCH", "THỨ TRƯỞNG"): never part of the authority."""
    key = fold_key(clean)
    return any(key == d or key.startswith(d + " ") for d in _deputy_keys())


@cache
def _deputy_keys() -> tuple[str, ...]:
    return tuple(fold_key(x) for x in lexicon("deputy_titles").phrases)


def _split_glued(value: str) -> tuple[str, str] | None:
    """An authority line that runs into the deputy's position ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
    "KT. BỘ TRƯỞNG THỨ TRƯỞNG THƯỜNG TRỰC"): (authority, position), split where a deputy's
    title starts after the head's post."""
    words = value.split()
    for k in range(2, len(words)):
        if _deputy(" ".join(words[k:])):
            return " ".join(words[:k]), " ".join(words[k:])
    return None


def parse_signer(text: str, span: Span) -> Signer | None:
    """Authority, position title and name from a signer block span."""
    logical: list[list[int]] = []  # [start, end] per logical line
    open_emph = False
    prev_comma = False
    line0 = text.rfind("\n", 0, span.start) + 1
    col = span.start - line0  # column of the block (0 unless beside "Nơi nhận")
    for ls0, le0 in _line_bounds(text, span.start, span.end):
        # keep the cells of the signer's column only
        lstart = text.rfind("\n", 0, ls0) + 1
        keep = [(a, b) for a, b in cells(text, ls0, le0) if b - lstart > col]
        if not keep:
            continue
        ls, le = keep[0][0], keep[-1][1]
        raw = text[ls:le]
        was_open = open_emph
        if raw.count("**") % 2 == 1:
            open_emph = not open_emph
        c = clean_line(raw)
        if not c or is_noise_line(c) or _SEP.match(c):
            continue
        s, e = _trim(text, ls, le)
        if logical and (was_open or prev_comma) and not is_authority_line(c) and not _deputy(c):
            logical[-1][1] = e
        else:
            logical.append([s, e])
        prev_comma = c.endswith(",")
    if not logical:
        return None
    ns, ne = logical[-1]
    name_val = strip_rank(_joined(text, ns, ne))
    name = None
    if looks_like_name(name_val, allow_caps=True):
        off = text.find(name_val, ns, ne)
        if off >= 0:
            name = _field(text, off, off + len(name_val), name_val)
        else:
            name = _field(text, ns, ne, name_val)
    rest = logical[:-1] if name is not None else logical
    if name is None:
        # the whole block on one line: "KT. BỘ TRƯỞNG THỨ TRƯỞNG Vũ Mạnh Hà"
        tail = split_tail_name(_joined(text, ns, ne))
        off = text.rfind(tail[1], ns, ne) if tail else -1
        if tail is not None and off >= 0:
            name = _field(text, off, off + len(tail[1]), tail[1])
            he = off
            while he > ns and text[he - 1] in " \t*_":
                he -= 1
            rest = logical[:-1] + [[ns, he]]
    auth_idx = [i for i, (s, e) in enumerate(rest) if is_authority_line(_joined(text, s, e))]
    authority = title = None
    if auth_idx:
        a0, a1 = auth_idx[0], auth_idx[-1]
        vals = [_joined(text, *rest[i]).rstrip(" ,") for i in range(a0, a1 + 1)]
        authority = _field(text, rest[a0][0], rest[a1][1], ", ".join(vals))
        tail = rest[a1 + 1 :]
    else:
        tail = rest
    if tail:
        title = _field(text, tail[0][0], tail[-1][1], " ".join(_joined(text, s, e) for s, e in tail))
    elif authority is not None:
        glued = _split_glued(authority.value)
        if glued and len(auth_idx) == 1:
            a_s, a_e = rest[auth_idx[0]]
            t_off = text.find(glued[1].split()[0], a_s + len(glued[0].split()[0]), a_e)
            if t_off >= 0:
                title = _field(text, t_off, a_e, _joined(text, t_off, a_e))
                ae = t_off
                while ae > a_s and text[ae - 1] in " \t\n*_":
                    ae -= 1
                authority = _field(text, a_s, ae, _joined(text, a_s, ae))
    if name is None and authority is None and title is None:
        return None
    return Signer(span.start, span.end, span.text, name, title, authority)


# --------------------------------------------------------------------------- recipients

_DASH = regex.compile(r"^[ \t*_|]*[-–—+•·][ \t]*")
# the label may be wrapped and emphasised ("*Nơi\nnhận:*")
_NOI_NHAN = regex.compile(r"Nơi[ \t]*\n?[ \t*_]*nhận[ \t]*:?[*_]*", regex.I)


def _ends_with_semicolons(text: str, lo: int, hi: int) -> bool:
    """The list's items end with ";" (a State list): at least two dash lines follow a line that
    ends so."""
    lines = [clean_line(x) for x in text[lo:hi].split("\n")]
    lines = [x for x in lines if x]
    count = sum(1 for a, b in zip(lines, lines[1:]) if a.endswith(";") and _DASH.match(b))
    return count >= 2


def parse_recipients(text: str, span: Span) -> tuple[Field, ...]:
    """One Field per "Nơi nhận" item; continuation lines join the item above."""
    items: list[list[int]] = []
    head = _search(_NOI_NHAN, text, span.start, span.end)
    lo = head.end() if head else span.start
    if head is not None:
        eol = text.find("\n", lo, span.end)
        eol = span.end if eol < 0 else eol
        if regex.match(r"[ \t]{3,}|\t", text[lo:eol]) or not text[lo:eol].strip():
            lo = min(eol + 1, span.end)  # nothing, or the signer's column, after "Nơi nhận:"
    first = True
    dash = False
    strict = _ends_with_semicolons(text, lo, span.end)
    for ls, le in _line_bounds(text, lo, span.end):
        cl = cells(text, ls, le)
        if not cl:
            continue
        raw_line = text[ls:le]
        if len(raw_line) - len(raw_line.lstrip(" \t")) >= RIGHT_INDENT:
            continue  # right column (the signer block beside the list)
        cs, ce = cl[0]
        raw = text[cs:ce]
        if not clean_line(raw):
            continue
        m = _DASH.match(raw)
        if m and strict and items and not clean_line(text[items[-1][0] : items[-1][1]]).endswith((";", ",", ".", ":")):
            m = None  # "… VPHC\n- Bộ Tư pháp (để báo cáo);": a line wrapped before " - " inside an item
        if m:
            s, e = _trim(text, cs + m.end(), ce)
            dash = e <= s  # a dash alone: its item's text is on the next line
            if e > s:
                items.append([s, e])
        elif dash or first:
            s, e = _trim(text, cs, ce)
            if e > s:
                items.append([s, e])
            dash = False
        elif items:
            s, e = _trim(text, cs, ce)
            items[-1][1] = e
        first = False
    out = []
    for s, e in items:
        while e > s and text[e - 1] in " \t,;.:*_":
            e -= 1
        val = _joined(text, s, e)
        if val:
            out.append(_field(text, s, e, val))
    return tuple(out)


# --------------------------------------------------------------------------- authors

_SPLIT_AUTHORS = regex.compile(r"\s+[-–—]\s+|\s*[,;/]\s*|\s+và\s+|\s+&\s+")


def parse_authors(text: str, span: Span) -> tuple[Field, ...]:
    """Reporter names from a byline span ("Tin, ảnh: Lý Thanh Tiềm", "Văn Tâm", "Theo Minh Anh")."""
    out: list[Field] = []
    seen: set[str] = set()
    for ls, le in _line_bounds(text, span.start, span.end):
        s, e = _trim(text, ls, le)
        if e <= s:
            continue
        c = clean_line(text[s:e])
        p = byline_prefix(c)
        if p is not None:
            colon = text.find(":", s, e)
            if colon < 0:
                continue
            s = colon + 1
        else:
            sp = source_prefix(c)
            if sp is not None and not looks_like_name(c):
                rest = c[len(sp) :].strip(" :")
                if is_org(rest):
                    continue
                s = s + len(text[s:e]) - len(text[s:e].lstrip()) + len(sp)
        seg = text[s:e]
        # drop a parenthesised source "(TTXVN)"
        seg_clean = regex.sub(r"\([^)]*\)", lambda m: " " * len(m.group(0)), seg)
        pos = 0
        pieces = []
        for m in _SPLIT_AUTHORS.finditer(seg_clean):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(seg_clean)))
        for a, b in pieces:
            while a < b and seg_clean[a] in " \t\n*_|.:":
                a += 1
            while b > a and seg_clean[b - 1] in " \t\n*_|.:":
                b -= 1
            ps, pe = s + a, s + b
            if pe <= ps:
                continue
            val = " ".join(text[ps:pe].split())
            if regex.search(r"\.\p{Lu}", val) or val.endswith("."):
                val = val.rstrip(".")
            if not looks_like_name(val, allow_caps=True) or is_org(val):
                continue
            key = fold_key(val)
            if key in seen:
                continue
            seen.add(key)
            out.append(_field(text, ps, ps + len(val) if text[ps:pe].startswith(val) else pe, val))
    return tuple(out)


# --------------------------------------------------------------------------- entry


def find_header(doc: Analysis | str, layout: Layout) -> Header:
    """Document fields of ``doc`` located from ``layout`` (see module doc)."""
    text = as_analysis(doc, "find_header").text
    if not isinstance(layout, Layout):
        raise TypeError(f"find_header() takes a Layout, not {type(layout).__name__}")
    if not text:
        return Header(0, 0, "", layout.kind)
    if layout.kind == "notice":
        return _notice(text, layout)
    return _article(text, layout)


def _notice(text: str, layout: Layout) -> Header:
    hs = layout.header_start if layout.header_start is not None else (layout.portal.start if layout.portal else 0)
    he = layout.header_end if layout.header_end is not None else (layout.portal.end if layout.portal else hs)
    blocks = layout.blocks
    number = place = issued = issuer = parent = None
    if blocks is not None:
        number = _from_piece(blocks.number)
        place = _from_piece(blocks.place)
        if blocks.date is not None and blocks.date.value:
            issued = _from_piece(blocks.date)
        issuer, parent = _issuers(text, blocks.bodies)
    title = None
    if layout.title is not None:
        t = layout.title
        val = _joined(text, t.start, t.end)
        if val:
            title = _field(text, t.start, t.end, val)
    signer = parse_signer(text, layout.signature) if layout.signature is not None else None
    recipients = parse_recipients(text, layout.recipients) if layout.recipients is not None else ()
    published = None
    if layout.publication is not None:
        published = _stamp_field(text, layout.publication)
    header = Header(
        hs, he, text[hs:he], "notice",
        number=number, type=_doc_type(text, layout, number), issuer=issuer, issuer_parent=parent,
        place=place, issued_on=issued, title=title, published_at=published, signer=signer,
        recipients=recipients, addressees=tuple(_from_piece(p) for p in layout.addressee_items),
    )
    return _with_portal(text, header, layout.portal)


def _with_portal(text: str, header: Header, meta: PortalMeta | None) -> Header:
    """Fields the document does not give, taken from the portal's title line or table (listed in
    ``portal_fields``; the evidence points into the portal's text)."""
    if meta is None:
        return header
    changes: dict[str, Any] = {}
    for name, piece in meta.fields().items():
        if name == "signer":
            if header.signer is None or header.signer.name is None:
                f = _from_piece(piece)
                changes["signer"] = Signer(piece.start, piece.end, piece.text, f, None, None)
        elif getattr(header, name) is None:
            changes[name] = _from_piece(piece)
    if not changes:
        return header
    return replace(header, portal=Span(meta.start, meta.end, text[meta.start : meta.end]),
                   portal_fields=tuple(sorted(changes)), **changes)


def _doc_type(text: str, layout: Layout, number: Field | None) -> Field | None:
    """The type name in the header; without one, a công văn when the header has its marks (a
    "V/v" subject, "Kính gửi"), else the type code the number grammar places, else Công văn."""
    if layout.type_word is not None:
        tw = layout.type_word
        return _field(text, tw.start, tw.end, _type_name(" ".join(tw.text.replace("*", " ").split())))
    if number is None:
        return None
    blocks = layout.blocks
    if (blocks is not None and blocks.subject_lead) or layout.addressees is not None:
        return _field(text, number.start, number.end, "Công văn")
    name, code = type_from_number(number.value)
    if code is not None:
        off = text.find(code, number.start, number.end)
        if off >= 0:
            return _field(text, off, off + len(code), name)
    return _field(text, number.start, number.end, name)


def _stamp_field(text: str, span: Span) -> Field | None:
    st = parse_stamp(span.text)
    if st is None:
        return None
    iso, a, b = st
    return _field(text, span.start + a, span.start + b, iso)


def _article(text: str, layout: Layout) -> Header:
    title = None
    hs, he = 0, 0
    if layout.headline is not None:
        h = layout.headline
        c = clean_line(h.text)
        off = h.text.find(c[:1]) if c else -1
        if c and off >= 0 and h.text[off : off + len(c)] == c:
            title = _field(text, h.start + off, h.start + off + len(c), c)
        elif c:
            title = _field(text, h.start, h.end, c)
        hs, he = h.start, h.end
    published = _stamp_field(text, layout.publication) if layout.publication is not None else None
    authors = parse_authors(text, layout.byline) if layout.byline is not None else ()
    return Header(
        hs, he, text[hs:he], "article", title=title, published_at=published, authors=authors,
    )
