"""What a legal portal says about the document it shows: its own title line and metadata table.

Portals print the document's title as a line of their own, outside the document, in a fixed
shape: ``<Type> <number> [ngày DD/MM/YYYY | năm YYYY] <subject> do <issuer> ban hành``
("Công văn 5402/CT-CS ngày 21/11/2025 trả lời kiến nghị … do Cục Thuế ban hành"), and often a
metadata table with labelled cells ("Số hiệu:", "Loại văn bản:", "Nơi ban hành:", "Người ký:",
"Ngày ban hành:"). Neither is the document: the header stage uses them only for a field the
document itself does not give (a page whose header was cut), and says so in the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from directive_nlp.extract.layout.lines import Line, clean_line, is_blank
from directive_nlp.extract.layout.model import Piece
from directive_nlp.extract.numbers import read_symbol
from directive_nlp.resources import lexicon, type_words
from directive_nlp.text.normalize import fold_key

__all__ = ["PortalMeta", "portal_meta"]


@dataclass(frozen=True, slots=True)
class PortalMeta:
    """The portal's data about the page's document: ``start``/``end`` of the line or table they
    were read from, and a Piece per field found (``issued_on`` value ISO)."""

    start: int
    end: int
    number: Piece | None = None
    type: Piece | None = None
    issuer: Piece | None = None
    signer: Piece | None = None
    issued_on: Piece | None = None

    def fields(self) -> dict[str, Piece]:
        return {k: v for k in ("number", "type", "issuer", "signer", "issued_on")
                if (v := getattr(self, k)) is not None}


def _type_alt() -> str:
    words = sorted(type_words(), key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in words)


@cache
def _title_re() -> regex.Pattern[str]:
    return regex.compile(r"^[ \t*_#|]*(?P<type>" + _type_alt() + r")[ \t]+(?P<num>\d)", regex.MULTILINE)


_ISSUED_BY = regex.compile(r"\sdo\s+(?P<issuer>\p{Lu}[^|*]{1,200}?)\s+ban\s+hành(?=[ \t*_.|]*$|[ \t]*\*\*)", regex.MULTILINE)
_WHEN = regex.compile(r"\s+(?:năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4})(?!\d)")


_DMY = regex.compile(r"(?<![\p{L}\d])ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)")


def _iso(d: str, m: str, y: str) -> str | None:
    import datetime as _dt

    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _title_at(text: str, lines: list[Line], k: int) -> PortalMeta | None:
    """A portal title starting on line ``k`` (see module doc), or None. The title may be wrapped
    over the next lines (up to a blank line or the next title): it ends with "ban hành"."""
    ln = lines[k]
    m = _title_re().match(text, ln.start, ln.end)
    if m is None:
        return None
    sym = read_symbol(text, m.start("num"))
    if sym is None:
        return None
    end = ln.end
    by = _ISSUED_BY.search(text, sym.end, end)
    for j in range(k + 1, min(len(lines), k + 8)):
        if by is not None or not lines[j].clean or _title_re().match(text, lines[j].start, lines[j].end):
            break
        end = lines[j].end
        by = _ISSUED_BY.search(text, sym.end, end)
    if by is None:
        end = ln.end
        if not _WHEN.match(text, sym.end, lines[min(len(lines) - 1, k + 1)].end):
            return None  # neither "do <issuer> ban hành" nor the date right after the number
    else:
        end = by.end()
    ts, te = m.span("type")
    is_, ie = by.span("issuer") if by is not None else (end, end)
    issued = None
    dm = _DMY.search(text, sym.end, is_)
    if dm is not None:
        iso = _iso(dm["d"], dm["m"], dm["y"])
        if iso:
            issued = Piece(dm.start(), dm.end(), dm.group(0), iso)
    return PortalMeta(
        ln.start, end,
        number=Piece(sym.start, sym.end, sym.text, sym.number),
        type=Piece(ts, te, text[ts:te], " ".join(text[ts:te].split())),
        issuer=Piece(is_, ie, text[is_:ie], " ".join(text[is_:ie].split())) if by is not None else None,
        issued_on=issued,
    )


def _titles(text: str, lines: list[Line], outside: list[Line]) -> PortalMeta | None:
    """The first portal title, completed by the later ones that repeat its number ("năm 2025" in
    one, "ngày 21/11/2025" in the next); its span covers the titles used."""
    titles = [t for ln in outside if (t := _title_at(text, lines, ln.index)) is not None]
    if not titles:
        return None
    first = titles[0]
    fields = first.fields()
    start, end = first.start, first.end
    for t in titles[1:]:
        if t.number is not None and first.number is not None and t.number.value == first.number.value:
            for k, v in t.fields().items():
                if k not in fields:
                    fields[k] = v
                    start, end = min(start, t.start), max(end, t.end)
    return PortalMeta(start, end, **fields)


# --------------------------------------------------------------------------- the metadata table


@cache
def _labels() -> dict[str, str]:
    """Folded label → field, from the lexicon ``portal_labels``."""
    lex = lexicon("portal_labels")
    return {fold_key(r.phrase): r.field for r in lex.table.rows if r.field}


_LABEL = regex.compile(r"^(?P<label>[^:|]{2,40}?)\s*:\s*(?P<rest>.*)$", regex.MULTILINE)


def _table(text: str, lines: list[Line], lo: int, hi: int, inside: set[int]) -> PortalMeta | None:
    """The labelled cells of a metadata table in lines [lo, hi) (lines in ``inside`` skipped)."""
    found: dict[str, Piece] = {}
    first = last = None
    k = lo
    while k < hi:
        m = _LABEL.match(lines[k].clean) if lines[k].clean and k not in inside else None
        field = _labels().get(fold_key(m["label"])) if m else None
        if m is None or field is None or field in found:
            k += 1
            continue
        value = _cell_after(text, lines, k, hi)
        if value is not None:
            found[field] = value
            first = lines[k].start if first is None else first
            last = value.end
        k += 1
    if not found or first is None or last is None:
        return None
    if "issued_on" in found:
        v = found["issued_on"]
        dm = regex.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", v.value)
        iso = _iso(*dm.groups()) if dm else None
        if iso is None:
            del found["issued_on"]
        else:
            found["issued_on"] = Piece(v.start, v.end, v.text, iso)
    return PortalMeta(first, last, **found)


def _cell_after(text: str, lines: list[Line], k: int, hi: int) -> Piece | None:
    """The value of the label on line ``k``: after its colon, else the next non-empty cell."""
    ln = lines[k]
    colon = text.find(":", ln.start, ln.end)
    rest = clean_line(text[colon + 1 : ln.end]) if colon >= 0 else ""
    if rest:
        s = text.find(rest, colon, ln.end)
        return Piece(s, s + len(rest), rest, rest) if s >= 0 else None
    for j in range(k + 1, min(hi, k + 4)):
        if is_blank(lines[j]):
            continue
        c = lines[j].clean
        if _LABEL.match(c) and _labels().get(fold_key(_LABEL.match(c)["label"])):
            return None
        s = text.find(c, lines[j].start, lines[j].end)
        return Piece(s, s + len(c), c, c) if s >= 0 and c else None
    return None


def portal_meta(text: str, lines: list[Line], main: list[tuple[int, int]]) -> PortalMeta | None:
    """The portal's own data about the document, read outside the main text: its title line
    (the first one) merged with its metadata table (the table wins where both give a field)."""
    outside = [ln for ln in lines if ln.clean and not any(a <= ln.start and ln.end <= b for a, b in main)]
    title = _titles(text, lines, outside)
    table = None
    if outside:
        inside = {ln.index for ln in lines if any(a <= ln.start and ln.end <= b for a, b in main)}
        table = _table(text, lines, outside[0].index, outside[-1].index + 1, inside)
    if title is None:
        return table
    if table is None:
        return title
    merged = {**title.fields(), **table.fields()}
    return PortalMeta(min(title.start, table.start), max(title.end, table.end), **merged)
