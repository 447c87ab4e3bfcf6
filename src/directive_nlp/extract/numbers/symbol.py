"""The grammar of a number and symbol (``number_formats.md``): State ``N/TYPE-ISSUER``, công văn
``N/ISSUER-UNIT``, normative ``N/YYYY/TYPE-ISSUER``, Party ``N-TYPE/ISSUER``, the Front, old
decrees; the type code only where the grammar places one. :func:`read_symbol` reads the symbol
at a known place (a header's "Số:"), :func:`doc_ref_key` is the one comparison key."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from directive_nlp import resources as tables
from directive_nlp.extract.numbers.lexicon import (
    ASSEMBLY, DASHES, TIMEOUT, canon_type, front_keys, is_issuer_code, old_form_keys, untyped_state_type,
)
from directive_nlp.text.normalize import fold_key

__all__ = ["Symbol", "read_symbol", "doc_ref_key", "Parsed", "parse", "classify", "type_from_code", "CAND"]

_HSPACE = " \t"
_MAX_HSPACE = 3


@lru_cache(maxsize=4096)
def doc_ref_key(number: str) -> str:
    """Comparison form of a number: NFC, Ð → Đ, upper case, no whitespace, every dash → "-".

    The one key used by the extractor, the pipeline (the document's own number) and the scorer.
    """
    s = unicodedata.normalize("NFC", number).replace("\u00d0", "\u0110").upper()
    s = _ANY_DASH.sub("-", s)
    return "".join(s.split())


_ANY_DASH = regex.compile(r"[\p{Pd}\u2212]")



CAND = regex.compile(r"(?<![\p{L}\p{N}_./\\@#&=%+~" + DASHES + r"])(?<!\d,)\d{1,6}(?!\d)")
_GROUP = regex.compile(r"[\p{L}\p{N}]+(?:[.&][\p{L}\p{N}]+)*")
_PART_SPLIT = regex.compile(r"[.&]")
_YEAR = regex.compile(r"(?:19|20)\d\d(?!\d)")


@lru_cache(maxsize=4096)
def _code_like(part: str) -> bool:
    """A code part: starts with an upper-case letter, at least as many capitals as small letters."""
    if not part or not part[0].isalpha() or not part[0].isupper() or len(part) > 24:
        return False
    upper = sum(1 for c in part if c.isupper())
    lower = sum(1 for c in part if c.islower())
    if upper >= lower:
        return True
    return canon_type(part) is not None or is_issuer_code(part)


def _group_at(text: str, pos: int) -> int | None:
    """End of a code group starting at ``pos`` (cut before a dot whose part is not code-like)."""
    if pos >= len(text) or not text[pos].isalpha():
        return None
    m = _GROUP.match(text, pos, timeout=TIMEOUT)
    if not m:
        return None
    g = m.group(0)
    end = pos
    offset = 0
    for i, part in enumerate(_PART_SPLIT.split(g)):
        if i == 0:
            if not _code_like(part):
                return None
        elif not _code_like(part):
            break
        offset += len(part) + (1 if i else 0)
        end = pos + offset
    return end


def _skip_h(text: str, pos: int) -> int:
    """Skip a short gap inside a symbol: up to three spaces or tabs and at most one line break
    (a symbol wrapped at a space reads the same as on one line)."""
    n = 0
    breaks = 0
    while pos < len(text) and n < _MAX_HSPACE + 1:
        ch = text[pos]
        if ch == "\n" and breaks == 0:
            breaks += 1
        elif ch not in _HSPACE or n >= _MAX_HSPACE + breaks:
            break
        pos += 1
        n += 1
    return pos


def _is_dash(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos] in DASHES


@dataclass(slots=True)
class Parsed:
    end: int
    seq: str
    year: int | None
    groups: list[str]
    grammar: str  # "party" | "state" | "old"
    spaced: bool


def _chain(text: str, pos: int, groups: list[str], allow_spaced: bool) -> int:
    """Extend ``groups`` with "-GROUP" links from ``pos``; return the new end.

    Links are tight ("QĐ-UBND"); with ``allow_spaced``, the link right after a type code may carry
    spaces on either side of the dash when an issuer code follows ("QĐ- UBND", "QĐ -UBND").
    """
    end = pos
    while True:
        if _is_dash(text, end):
            g_end = _group_at(text, end + 1)
            if g_end is not None:
                groups.append(text[end + 1 : g_end])
                end = g_end
                continue
        if not allow_spaced or len(groups) != 1 or canon_type(groups[0]) is None:
            break
        q = _skip_h(text, end)
        if not _is_dash(text, q):
            break
        r = _skip_h(text, q + 1)
        if q == end and r == q + 1:
            break
        g_end = _group_at(text, r)
        if g_end is None or not is_issuer_code(text[r:g_end]):
            break
        groups.append(text[r:g_end])
        end = g_end
    return end


def parse(text: str, i: int, j: int) -> Parsed | None:
    """Parse a symbol whose running number is ``text[i:j]``."""
    seq = text[i:j]
    k = _skip_h(text, j)
    if k >= len(text):
        return None
    spaced = k > j
    c = text[k]
    if c == "/":
        p = _skip_h(text, k + 1)
        spaced = spaced or p > k + 1
        year: int | None = None
        ym = _YEAR.match(text, p, timeout=TIMEOUT)
        if ym:
            q = _skip_h(text, ym.end())
            if q < len(text) and text[q] == "/":
                year = int(ym.group(0))
                p = _skip_h(text, q + 1)
        g_end = _group_at(text, p)
        if g_end is None:
            return None
        groups = [text[p:g_end]]
        end = _chain(text, g_end, groups, allow_spaced=True)
        if year is None and len(groups) == 1:
            g = groups[0]
            if canon_type(g) is None and not is_issuer_code(g):
                return None
        return Parsed(end, seq, year, groups, "state", spaced)
    if c in DASHES:
        p = _skip_h(text, k + 1)
        spaced = spaced or p > k + 1
        t_end = _group_at(text, p)
        if t_end is None:
            return None
        tcode = text[p:t_end]
        q = _skip_h(text, t_end)
        if q < len(text) and text[q] == "/":
            r = _skip_h(text, q + 1)
            g_end = _group_at(text, r)
            if g_end is None:
                return None
            groups = [tcode, text[r:g_end]]
            end = _chain(text, g_end, groups, allow_spaced=False)
            return Parsed(end, seq, None, groups, "party", spaced or q > t_end or r > q + 1)
        if fold_key(tcode) in old_form_keys() or is_issuer_code(tcode):
            return Parsed(t_end, seq, None, [tcode], "old", spaced)
        return Parsed(t_end, seq, None, [tcode], "old?", spaced)
    return None


@dataclass(frozen=True, slots=True)
class Symbol:
    """A number and symbol read at a known place (a header's "Số:"): ``text == source[start:end]``.

    ``number`` is the symbol without whitespace ("3783/QĐ- UBND" → "3783/QĐ-UBND"); the other
    fields as in :class:`DocRef`; ``type_code`` only where the grammar places a type code.
    """

    start: int
    end: int
    text: str
    number: str
    seq: str
    year: int | None
    type_code: str | None
    canonical_type: str | None
    issuer_code: str | None
    system: str | None


def read_symbol(text: str, pos: int) -> Symbol | None:
    """The symbol whose running number starts at ``text[pos]`` (a digit), or None.

    Spaces and one line break are tolerated around its separators ("Số: 3783/QĐ-\\nUBND").
    """
    if not isinstance(text, str):
        raise TypeError(f"read_symbol() takes a str, not {type(text).__name__}")
    if pos >= len(text) or not text[pos].isdigit() or (pos > 0 and text[pos - 1].isalnum()):
        return None
    m = CAND.match(text, pos, timeout=TIMEOUT)
    if m is None:
        return None
    p = parse(text, pos, m.end())
    if p is None or p.grammar == "old?":
        return None
    tcode, canon, issuer_code, system = classify(p)
    raw = text[pos : p.end]
    return Symbol(pos, p.end, raw, "".join(raw.split()), p.seq, p.year, tcode, canon, issuer_code, system)

# --------------------------------------------------------------------------- classification


def classify(
    p: Parsed,
) -> tuple[str | None, str | None, str | None, str | None]:
    """(type_code as written, canonical type code, issuer_code, system)."""
    if p.grammar == "party":
        tcode = p.groups[0]
        issuer = "-".join(p.groups[1:])
        system = "front" if fold_key(p.groups[1]) in front_keys() else "party"
        return tcode, canon_type(tcode), issuer, system
    if p.grammar.startswith("old"):
        return None, None, p.groups[0], "state"
    first = p.groups[0]
    canon = canon_type(first)
    rest = p.groups[1:]
    tcode: str | None = None
    issuer_groups: list[str]
    if canon is not None and (rest or p.year is not None or not is_issuer_code(first)):
        tcode = first
        issuer_groups = rest
    else:
        issuer_groups = list(p.groups)
        if canon is None and not is_issuer_code(first):
            # glued type and issuer: "TBMTTQ" = TB + MTTQ
            for n in range(min(5, len(first) - 1), 0, -1):
                head, tail = first[:n], first[n:]
                if canon_type(head) and is_issuer_code(tail):
                    tcode, canon = head, canon_type(head)
                    issuer_groups = [tail, *rest]
                    break
        if tcode is None:
            canon = None
    issuer = "-".join(issuer_groups) or None
    if issuer_groups and (fold_key(issuer_groups[0]) in front_keys() or "MTTQ" in issuer_groups[0].upper()):
        system = "front"
    elif p.year is not None or (issuer_groups and ASSEMBLY.fullmatch(issuer_groups[0]) and not tcode):
        system = "normative"
    else:
        system = "state"
    return tcode, canon, issuer, system


def type_from_code(canon: str | None, p: Parsed, system: str, n_groups: int) -> str | None:
    if canon is not None:
        return tables.doc_type_name(canon, "party" if p.grammar == "party" else "state")
    if p.grammar == "state" and p.year is None and system in ("state", "front") and n_groups >= 2:
        name: str = untyped_state_type()
        return name
    return None

