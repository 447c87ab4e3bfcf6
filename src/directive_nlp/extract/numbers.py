"""Document numbers and symbols ("số, ký hiệu") in running text.

Recognised shapes (see ``data/number_formats.md``):

* Party ``274-TB/TU``, ``05-NQ/TU``, ``367-QĐ/TWĐTN-VP``, spaced ``07 - CĐ/TU``;
* State ``267/KH-UBND``, ``120/BC-UBND-TH``, công văn ``2601/VPCP-KGVX``, copies ``03/SY``,
  joint ``12/KHLT-SYT-SGDĐT``, ASCII-folded ``QD-UBND``, spaced ``1234 /QĐ-UBND``;
* normative ``15/2021/NĐ-CP``, ``59/2020/QH14``, ``N/YYYY/TTLT-BTC-BNV``;
* Front ``291/QĐ-MTTQ-BTT``, glued ``90/TBMTTQ-BTT``;
* old decrees ``64-CP``, ``4/CP``.

A symbol needs at least one code-like letter group: dates, ratios, scores, years, phone
numbers, "COVID-19", "F0-F1" and numbers inside links or file names are not returned.

For each occurrence the type word written before it, the issue date and the issuing body
written after it are read; see :class:`DocRef`.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import logging
import unicodedata
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import regex

from directive_nlp import resources as tables
from directive_nlp.text.normalize import fold, fold_key
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["DocRef", "Symbol", "find_doc_refs", "doc_ref_key", "read_symbol"]

log = logging.getLogger(__name__)

_TIMEOUT = 1.0
_DASHES = "-‐‑‒–—−"
_DASH_CLASS = "[" + _DASHES + "]"
_HSPACE = " \t"
_MAX_HSPACE = 3


@dataclass(frozen=True, slots=True)
class DocRef:
    """One document number/symbol occurrence; ``text == source[start:end]``.

    ``number`` is the text with internal whitespace collapsed; ``key`` the comparison form
    (NFC, upper case, no spaces, dashes unified to "-"). ``seq`` is the running number as
    written, ``year`` the year inside a normative symbol, ``type_code`` the type code as
    written ("TB", "QD"), ``issuer_code`` the groups after it joined by "-" ("TU",
    "VPCP-KGVX"). ``system`` is "party", "state", "normative" or "front". ``type`` is the full
    type name (from the type word written before the number, else from the code; State
    numbers without a type code are "Công văn"); ``type_word`` the word as written (the later
    items of a list "Công điện số 217/CĐ-TTg, 218/CĐ-TTg" share the list's word).
    ``issued_on`` (ISO) is the issue date the text gives for this document (see
    :func:`find_doc_refs`); ``issuer`` the body written after it with "của".
    """

    text: str
    start: int
    end: int
    number: str
    key: str
    seq: str
    year: int | None
    type_code: str | None
    issuer_code: str | None
    system: str | None
    type: str | None
    type_word: str | None
    issued_on: str | None
    issuer: str | None

    def dump(self) -> dict[str, Any]:
        return asdict(self)


def doc_ref_key(number: str) -> str:
    """Comparison form of a number: NFC, Ð → Đ, upper case, no whitespace, every dash → "-".

    The one key used by the extractor, the pipeline (the document's own number) and the scorer.
    """
    s = unicodedata.normalize("NFC", number).replace("\u00d0", "\u0110").upper()
    s = _ANY_DASH.sub("-", s)
    return "".join(s.split())


_ANY_DASH = regex.compile(r"[\p{Pd}\u2212]")


# --------------------------------------------------------------------------- lexicons


@cache
def _lex() -> dict[str, Any]:
    data: dict[str, Any] = tables.load_json("numbers")
    return data


@cache
def _type_code_index() -> dict[str, dict[str, str]]:
    """Three lookup levels for type codes: exact, casefolded, accent-stripped."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    stripped: dict[str, str] = {}
    for code in sorted(tables.doc_type_codes()):
        exact[code] = code
        folded.setdefault(code.casefold(), code)
        stripped.setdefault(fold_key(code), code)
    # exact table codes win over folded collisions ("DA" stays Dự án, "ĐA" Đề án)
    for code in tables.doc_type_codes():
        if fold_key(code) == code.casefold():
            stripped[fold_key(code)] = code
    return {"exact": exact, "folded": folded, "stripped": stripped}


def _canon_type(code: str) -> str | None:
    idx = _type_code_index()
    return idx["exact"].get(code) or idx["folded"].get(code.casefold()) or idx["stripped"].get(fold_key(code))


@cache
def _issuer_keys() -> frozenset[str]:
    lex = _lex()
    codes = set(tables.issuer_codes()) | set(lex["old_form_issuers"]) | set(lex["front_issuer_codes"])
    return frozenset(fold_key(c) for c in codes)


@cache
def _front_keys() -> frozenset[str]:
    return frozenset(fold_key(c) for c in _lex()["front_issuer_codes"])


@cache
def _old_form_keys() -> frozenset[str]:
    return frozenset(fold_key(c) for c in _lex()["old_form_issuers"])


_ASSEMBLY = regex.compile(r"(?:UBTVQH|QH)\d{1,2}", regex.IGNORECASE)


def _is_issuer_code(code: str) -> bool:
    return fold_key(code) in _issuer_keys() or bool(_ASSEMBLY.fullmatch(code))


def _words_alt(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of phrases, longest first, with flexible whitespace between words."""
    uniq = sorted({w.strip() for w in words if w.strip()}, key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in uniq)


@cache
def _type_word_map() -> dict[str, str | None]:
    """fold(type word) → canonical type name (None for generic words such as "Văn bản")."""
    m: dict[str, str | None] = {fold(w): w for w in tables.type_words()}
    for w in _lex()["generic_type_words"]:
        m.setdefault(fold(w), None)
    return m


@cache
def _type_word_tail() -> regex.Pattern[str]:
    words = list(tables.type_words()) + list(_lex()["generic_type_words"])
    quals = _lex()["type_qualifiers"]
    return regex.compile(
        r"(?P<word>" + _words_alt(words) + r")"
        r"(?:\s+(?:" + _words_alt(quals) + r"))?"
        r"(?:\s+số)?[ \t]*:?\s*[*_“\"]*\Z",
        regex.IGNORECASE,
    )


@cache
def _type_word_head() -> regex.Pattern[str]:
    """A type word starting here ("Chỉ thị", "Nghị định"): never part of a body name."""
    return regex.compile(r"(?:" + _words_alt(list(tables.type_words())) + r")(?![\p{L}])", regex.IGNORECASE)


@cache
def _not_doc_tail() -> regex.Pattern[str]:
    """Lead-ins of numbers that are forms or annexes, not documents ("Mẫu số 01/TK-SDDPNN")."""
    return regex.compile(
        r"(?<![\p{L}])(?:" + _words_alt(_lex()["not_document_words"]) + r")(?:\s+số)?[ \t]*:?[ \t]*\Z",
        regex.IGNORECASE,
    )


@cache
def _short_mention() -> regex.Pattern[str]:
    """A type word and a bare number without symbol ("Nghị định 261", "Nghị quyết số 05")."""
    return regex.compile(
        r"(?<![\p{L}\p{N}])(?P<word>" + _words_alt(tables.type_words()) + r")(?:\s+số)?[ \t]*:?[ \t]*\n?[ \t]*"
        r"(?P<seq>\d{1,5})(?![\p{L}\p{N}/_]|\s*" + _DASH_CLASS + r"\s*\p{L}|[.,]\d)",
        regex.IGNORECASE,
    )


# --------------------------------------------------------------------------- symbol parser

_CAND = regex.compile(r"(?<![\p{L}\p{N}_./\\@#&=%+~" + _DASHES + r"])(?<!\d,)\d{1,6}(?!\d)")
_GROUP = regex.compile(r"[\p{L}\p{N}]+(?:[.&][\p{L}\p{N}]+)*")
_PART_SPLIT = regex.compile(r"[.&]")
_YEAR = regex.compile(r"(?:19|20)\d\d(?!\d)")


def _code_like(part: str) -> bool:
    """A code part: starts with an upper-case letter, at least as many capitals as small letters."""
    if not part or not part[0].isalpha() or not part[0].isupper() or len(part) > 24:
        return False
    upper = sum(1 for c in part if c.isupper())
    lower = sum(1 for c in part if c.islower())
    if upper >= lower:
        return True
    return _canon_type(part) is not None or _is_issuer_code(part)


def _group_at(text: str, pos: int) -> int | None:
    """End of a code group starting at ``pos`` (cut before a dot whose part is not code-like)."""
    if pos >= len(text) or not text[pos].isalpha():
        return None
    m = _GROUP.match(text, pos, timeout=_TIMEOUT)
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
    return pos < len(text) and text[pos] in _DASHES


@dataclass(slots=True)
class _Parsed:
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
        if not allow_spaced or len(groups) != 1 or _canon_type(groups[0]) is None:
            break
        q = _skip_h(text, end)
        if not _is_dash(text, q):
            break
        r = _skip_h(text, q + 1)
        if q == end and r == q + 1:
            break
        g_end = _group_at(text, r)
        if g_end is None or not _is_issuer_code(text[r:g_end]):
            break
        groups.append(text[r:g_end])
        end = g_end
    return end


def _parse(text: str, i: int, j: int) -> _Parsed | None:
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
        ym = _YEAR.match(text, p, timeout=_TIMEOUT)
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
            if _canon_type(g) is None and not _is_issuer_code(g):
                return None
        return _Parsed(end, seq, year, groups, "state", spaced)
    if c in _DASHES:
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
            return _Parsed(end, seq, None, groups, "party", spaced or q > t_end or r > q + 1)
        if fold_key(tcode) in _old_form_keys() or _is_issuer_code(tcode):
            return _Parsed(t_end, seq, None, [tcode], "old", spaced)
        return _Parsed(t_end, seq, None, [tcode], "old?", spaced)
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
    m = _CAND.match(text, pos, timeout=_TIMEOUT)
    if m is None:
        return None
    p = _parse(text, pos, m.end())
    if p is None or p.grammar == "old?":
        return None
    tcode, canon, issuer_code, system = _classify(p)
    raw = text[pos : p.end]
    return Symbol(pos, p.end, raw, "".join(raw.split()), p.seq, p.year, tcode, canon, issuer_code, system)


@cache
def _url_re() -> regex.Pattern[str]:
    return regex.compile("|".join(regex.escape(m) for m in _lex()["url_markers"]), regex.IGNORECASE)


def _in_link(text: str, start: int, end: int) -> bool:
    """True when the symbol sits inside a URL or file-name token."""
    a = start
    while a > 0 and not text[a - 1].isspace() and start - a < 300:
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace() and b - end < 300:
        b += 1
    return bool(_url_re().search(text, a, b, timeout=_TIMEOUT))


def _bad_right(text: str, end: int) -> bool:
    if end >= len(text):
        return False
    c = text[end]
    if c in "_@":
        return True
    if c in "/\\" and end + 1 < len(text) and (text[end + 1].isalnum()):
        return True
    return False


# --------------------------------------------------------------------------- dates

_DATE_BODY = (
    r"(?:(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
    r"|(?P<d>\d{1,2})[ \t]*(?P<s>[/.‐‑‒–—−-])[ \t]*(?P<m>\d{1,2})(?:[ \t]*(?P=s)[ \t]*(?P<y>\d{4}))?(?![\d/.]\d|\d))"
)
_DATE_AFTER = regex.compile(
    r"[*_”\"’)\]]*[ \t]*(?:[,(][ \t]*)?\s?(?:(?:được\s+)?(?:ký\s+)?(?:ban\s+hành\s+)?)"
    r"(?<![\p{L}])ngày\s+" + _DATE_BODY,
    regex.IGNORECASE,
)
_HEADER_SO = regex.compile(r"[\s|*_#>]*Số[ \t]*:?[ \t]*\Z", regex.IGNORECASE)
_PLACE_DATE = regex.compile(r",\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_OTHER_HEADER = regex.compile(r"(?m)^[\s|*_#>]*Số\b")
_SENT_END = regex.compile(r"[.!?;|]\s|\n[ \t]*\n|\|")


def _iso(d: str | None, m: str | None, y: str | int | None) -> str | None:
    if d is None or m is None or y is None:
        return None
    try:
        yi = int(y)
        if not 1945 <= yi <= 2100:
            return None
        return _dt.date(yi, int(m), int(d)).isoformat()
    except ValueError:
        return None


def _date_from(m: regex.Match[str], year: int | None) -> str | None:
    if m.group("d2"):
        return _iso(m.group("d2"), m.group("m2"), m.group("y2"))
    y = m.group("y")
    if not y and m.group("s") != "/":
        return None  # "5-6", "5.6" without a year are ranges or decimals, not dates
    return _iso(m.group("d"), m.group("m"), y if y else year)


@cache
def _date_any() -> regex.Pattern[str]:
    """A date phrase with its lead-in: "ngày 14/8", "Chiều 28/5", "Sáng ngày 05/8/2021"."""
    leadins = _words_alt(_lex()["date_leadins"])
    return regex.compile(
        r"(?<![\p{L}])(?:ngày|(?:" + leadins + r")(?:\s+ngày)?)\s+" + _DATE_BODY, regex.IGNORECASE
    )


@cache
def _lede_gap() -> regex.Pattern[str]:
    verbs = _words_alt(_lex()["issue_verbs"])
    return regex.compile(
        r"[ \t]*,?\s*(?:[^\n,.;:!?()\[\]|\d]|\n(?![ \t]*\n)){0,100}?(?<![\p{L}])(?:" + verbs + r")\s*\Z",
        regex.IGNORECASE,
    )


def _date_after(text: str, end: int, year: int | None) -> tuple[str | None, int]:
    m = _DATE_AFTER.match(text, end, min(len(text), end + 80), timeout=_TIMEOUT)
    if not m:
        return None, end
    return _date_from(m, year), m.end()


def _lede_date(text: str, head: int, year: int | None) -> str | None:
    """A date earlier in the sentence: "Ngày 14/8, UBND tỉnh ban hành Kế hoạch số …"."""
    m = _lede_match(text, head)
    return _date_from(m, year) if m is not None else None


def _header_date(text: str, start: int, end: int) -> str | None:
    """The place-date line under a header "Số: …" number."""
    ls = text.rfind("\n", 0, start) + 1
    if start - ls > 40 or not _HEADER_SO.match(text, ls, start, timeout=_TIMEOUT):
        return None
    m = _PLACE_DATE.search(text, end, min(len(text), end + 300), timeout=_TIMEOUT)
    if not m:
        return None
    if _OTHER_HEADER.search(text, end, m.start(), timeout=_TIMEOUT):
        return None
    return _iso(m.group("d"), m.group("m"), m.group("y"))


# --------------------------------------------------------------------------- issuer


@cache
def _issuer_lex() -> tuple[frozenset[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    lex = _lex()
    lower = frozenset(fold(w) for w in lex["issuer_name_lowercase"])
    stop = regex.compile(r"(?:" + _words_alt(lex["issuer_stop_phrases"]) + r")(?![\p{L}])", regex.IGNORECASE)
    heads = regex.compile(r"(?:" + _words_alt(tables.lexicon("org_heads").phrases) + r")(?![\p{L}])", regex.IGNORECASE)
    names: list[str] = []
    for v in tables.load_table("issuers").column("meaning_vi"):
        base = regex.sub(r"\s*\(.*?\)\s*", " ", v).strip()
        for part in base.split(" / "):
            if "," in part or " và " in part:
                names.append(part.strip())
    known = regex.compile(r"(?:" + _words_alt(names) + r")(?![\p{L}])", regex.IGNORECASE)
    return lower, stop, heads, known


_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:[.&'’][\p{L}\p{N}]+)*|\S")
_OF = regex.compile(r"[*_”\"’)\]]*[ \t]*,?\s?của\s+", regex.IGNORECASE)


def _issuer_after(text: str, pos: int) -> str | None:
    m = _OF.match(text, pos, min(len(text), pos + 30), timeout=_TIMEOUT)
    if not m:
        return None
    lower, stop, heads, known = _issuer_lex()
    p = m.end()
    limit = min(len(text), p + 200)
    first_end: int | None = None
    last_end = p
    words = 0
    km = known.match(text, p, limit, timeout=_TIMEOUT)
    if km:
        last_end = km.end()
        first_end = km.end()
        words = len(km.group(0).split())
    prev_end = last_end
    for t in _TOKEN.finditer(text, last_end, limit, timeout=_TIMEOUT):
        if "\n" in text[prev_end : t.start()] and text[prev_end : t.start()].count("\n") > 1:
            break
        w = t.group(0)
        if not w[0].isalnum() or words >= 12:
            break
        if stop.match(text, t.start(), limit, timeout=_TIMEOUT):
            break
        f = fold(w)
        if f == "và":
            nxt = _TOKEN.match(text, _skip_ws(text, t.end(), limit), limit, timeout=_TIMEOUT)
            if (
                words == 0
                or nxt is None
                or not nxt.group(0)[0].isupper()
                or heads.match(text, nxt.start(), limit, timeout=_TIMEOUT)
                or _type_word_head().match(text, nxt.start(), limit, timeout=_TIMEOUT)
            ):
                break
            prev_end = t.end()
            continue
        if w[0].isupper() and not (words > 0 and _type_word_head().match(text, t.start(), limit, timeout=_TIMEOUT)):
            pass
        elif words > 0 and f in lower:
            pass
        else:
            break
        words += 1
        last_end = t.end()
        prev_end = t.end()
        if first_end is None:
            first_end = t.end()
    if first_end is None or words == 0:
        return None
    return " ".join(text[p:last_end].split())


def _skip_ws(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos


# --------------------------------------------------------------------------- classification


def _classify(
    p: _Parsed,
) -> tuple[str | None, str | None, str | None, str | None]:
    """(type_code as written, canonical type code, issuer_code, system)."""
    if p.grammar == "party":
        tcode = p.groups[0]
        issuer = "-".join(p.groups[1:])
        system = "front" if fold_key(p.groups[1]) in _front_keys() else "party"
        return tcode, _canon_type(tcode), issuer, system
    if p.grammar.startswith("old"):
        return None, None, p.groups[0], "state"
    first = p.groups[0]
    canon = _canon_type(first)
    rest = p.groups[1:]
    tcode: str | None = None
    issuer_groups: list[str]
    if canon is not None and (rest or p.year is not None or not _is_issuer_code(first)):
        tcode = first
        issuer_groups = rest
    else:
        issuer_groups = list(p.groups)
        if canon is None and not _is_issuer_code(first):
            # glued type and issuer: "TBMTTQ" = TB + MTTQ
            for n in range(min(5, len(first) - 1), 0, -1):
                head, tail = first[:n], first[n:]
                if _canon_type(head) and _is_issuer_code(tail):
                    tcode, canon = head, _canon_type(head)
                    issuer_groups = [tail, *rest]
                    break
        if tcode is None:
            canon = None
    issuer = "-".join(issuer_groups) or None
    if issuer_groups and (fold_key(issuer_groups[0]) in _front_keys() or "MTTQ" in issuer_groups[0].upper()):
        system = "front"
    elif p.year is not None or (issuer_groups and _ASSEMBLY.fullmatch(issuer_groups[0]) and not tcode):
        system = "normative"
    else:
        system = "state"
    return tcode, canon, issuer, system


def _type_from_code(canon: str | None, p: _Parsed, system: str, n_groups: int) -> str | None:
    if canon is not None:
        return tables.doc_type_name(canon, "party" if p.grammar == "party" else "state")
    if p.grammar == "state" and p.year is None and system in ("state", "front") and n_groups >= 2:
        name: str = _lex()["untyped_state_type"]
        return name
    return None


# --------------------------------------------------------------------------- main


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    parsed: _Parsed
    tcode: str | None
    canon: str | None
    issuer_code: str | None
    system: str
    type_word: str | None
    type_word_start: int
    type_name: str | None
    issued_on: str | None
    issuer: str | None


def _type_word_before(text: str, start: int) -> tuple[str | None, int]:
    lo = max(0, start - 70)
    m = _type_word_tail().search(text, lo, start, timeout=_TIMEOUT)
    while m is not None:
        ws = m.start("word")
        if ws == 0 or not text[ws - 1].isalnum():
            return " ".join(m.group("word").split()), ws
        # the match began inside a word: retry after it
        m = _type_word_tail().search(text, ws + 1, start, timeout=_TIMEOUT)
    return None, start


_LIST_GAP = regex.compile(
    r"[\s*_”\"’]*(?:,?[ \t]*\(?ngày\s+[\d/.\- \t‐‑‒–—−]{3,12}\)?|,?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?"
    r"\s*(?:,|;|và|hoặc)\s*(?:và\s+)?(?:số\s*:?\s*)?[\s*_“\"]*\Z",
    regex.IGNORECASE,
)


def find_doc_refs(doc: Analysis | str, *, year: int | None = None) -> list[DocRef]:
    """Every document number/symbol in ``text``, ordered by start.

    ``issued_on`` is read, in this order, from a date right after the number ("số 105-TB/TU,
    ngày 05/02/2021", "ngày 17 tháng 10 năm 2025"), from the place-date line under a header
    "Số: …", or from a date earlier in the same sentence with an issuing verb ("Ngày 14/8,
    UBND tỉnh ban hành Kế hoạch số …"). A mention without one takes the single date given for
    another mention of the same number, or for a short mention of the same type and number
    ("ngày 10/10, Chính phủ đã ban hành Nghị định 261"). Dates without a year take the
    symbol's own year, else ``year`` (the document's year) when given, else stay None.
    """
    text = as_analysis(doc, "find_doc_refs").text
    if not text:
        return []
    try:
        return _find(text, year)
    except TimeoutError:
        log.warning("find_doc_refs: regex timeout on a %d-character text", len(text))
        return []


_CHUNK = 100_000


def _scan(pattern: regex.Pattern[str], text: str, overlap: int) -> list[regex.Match[str]]:
    """All matches of ``pattern``, scanned in chunks so that the timeout bounds each chunk.

    Collected before any work is done on them (a finditer timeout would also count that
    work). ``overlap`` must exceed the longest possible match.
    """
    out: list[regex.Match[str]] = []
    for a in range(0, len(text), _CHUNK):
        b = a + _CHUNK
        for m in pattern.finditer(text, a, min(len(text), b + overlap), timeout=_TIMEOUT):
            if a <= m.start() < b and (not out or m.start() >= out[-1].end()):
                out.append(m)
    return out


def _find(text: str, year: int | None) -> list[DocRef]:
    drafts: list[_Draft] = []
    pos = 0
    for m in _scan(_CAND, text, 8):
        if m.start() < pos:
            continue
        p = _parse(text, m.start(), m.end())
        if p is None:
            continue
        start, end = m.start(), p.end
        if _bad_right(text, end) or _in_link(text, start, end):
            continue
        tword, tw_start = _type_word_before(text, start)
        if tword is None and _not_doc_tail().search(text, max(0, start - 30), start, timeout=_TIMEOUT):
            continue
        if p.grammar == "old?" or (p.grammar == "old" and p.spaced):
            if tword is None:
                continue
        tcode, canon, issuer_code, system = _classify(p)
        drafts.append(
            _Draft(start, end, p, tcode, canon, issuer_code, system, tword, tw_start, None, None, None)
        )
        pos = end

    # type words shared by a list: "các Công điện số 217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg"
    for i in range(1, len(drafts)):
        d, prev = drafts[i], drafts[i - 1]
        if d.type_word is None and prev.type_word is not None and d.canon == prev.canon:
            if d.parsed.grammar == prev.parsed.grammar and _LIST_GAP.match(text, prev.end, d.start, timeout=_TIMEOUT):
                d.type_word = prev.type_word
                d.type_word_start = prev.type_word_start

    for d in drafts:
        wname = _type_word_map().get(fold(d.type_word)) if d.type_word else None
        d.type_name = wname or _type_from_code(d.canon, d.parsed, d.system, len(d.parsed.groups))
        ref_year = d.parsed.year if d.parsed.year is not None else year
        date, after = _date_after(text, d.end, ref_year)
        if date is None:
            date = _header_date(text, d.start, d.end)
        if date is None and d.type_word is not None and d.type_word_start < d.start:
            date = _lede_date(text, d.type_word_start, ref_year)
        d.issued_on = date
        d.issuer = _issuer_after(text, after)

    _fill_dates(text, drafts, year)

    out: list[DocRef] = []
    for d in drafts:
        raw = text[d.start : d.end]
        out.append(
            DocRef(
                text=raw,
                start=d.start,
                end=d.end,
                number=" ".join(raw.split()),
                key=doc_ref_key(raw),
                seq=d.parsed.seq,
                year=d.parsed.year,
                type_code=d.tcode,
                issuer_code=d.issuer_code,
                system=d.system,
                type=d.type_name,
                type_word=d.type_word,
                issued_on=d.issued_on,
                issuer=d.issuer,
            )
        )
    return out


def _fill_dates(text: str, drafts: list[_Draft], year: int | None) -> None:
    """Give undated mentions the one date known for the same document elsewhere in the text."""
    if not drafts:
        return
    by_key: dict[str, set[str]] = {}
    for d in drafts:
        if d.issued_on:
            by_key.setdefault(doc_ref_key(text[d.start : d.end]), set()).add(d.issued_on)
    # short mentions with a date ("ngày 10/10, Chính phủ đã ban hành Nghị định 261"): (type, number) → dates
    starts = [d.start for d in drafts]
    short: dict[tuple[str, int], list[regex.Match[str]]] = {}
    need_short = any(d.issued_on is None and d.type_name for d in drafts)
    if need_short:
        for m in _scan(_short_mention(), text, 200):
            i = bisect.bisect_right(starts, m.start("seq")) - 1
            if i >= 0 and drafts[i].start <= m.start("seq") < drafts[i].end:
                continue
            name = _type_word_map().get(fold(m.group("word")))
            if not name:
                continue
            k = (fold(name), int(m.group("seq")))
            dm = _DATE_AFTER.match(text, m.end(), min(len(text), m.end() + 80), timeout=_TIMEOUT)
            if dm:
                short.setdefault(k, []).append(dm)
                continue
            lede = _lede_match(text, m.start("word"))
            if lede is not None:
                short.setdefault(k, []).append(lede)
    for d in drafts:
        if d.issued_on:
            continue
        dates = by_key.get(doc_ref_key(text[d.start : d.end]), set())
        if len(dates) == 1:
            d.issued_on = next(iter(dates))
            continue
        if not d.type_name:
            continue
        try:
            k = (fold(d.type_name), int(d.parsed.seq))
        except ValueError:
            continue
        ref_year = d.parsed.year if d.parsed.year is not None else year
        found = set()
        for dm in short.get(k, []):
            iso = _date_from(dm, ref_year)
            if iso and (d.parsed.year is None or iso.startswith(str(d.parsed.year))):
                found.add(iso)
        if len(found) == 1:
            d.issued_on = found.pop()


def _lede_match(text: str, head: int) -> regex.Match[str] | None:
    lo = max(0, head - 220)
    window_start = lo
    for m in _SENT_END.finditer(text, lo, head, timeout=_TIMEOUT):
        window_start = m.end()
    last = None
    for m in _date_any().finditer(text, window_start, head, timeout=_TIMEOUT):
        last = m
    if last is None or not _lede_gap().match(text, last.end(), head, timeout=_TIMEOUT):
        return None
    return last
