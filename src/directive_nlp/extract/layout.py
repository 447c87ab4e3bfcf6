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

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from directive_nlp.text.normalize import fold_key
from directive_nlp.text import rx
from directive_nlp.resources import lexicon, load_json, load_table, type_words
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["Span", "Layout", "find_layout", "PLACE_DATE"]

log = logging.getLogger(__name__)

_MAX_HEADLINE = 260


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    def dump(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Layout:
    """Main text vs furniture of one page, with its landmarks.

    ``kind`` is "notice" (a header block was found) or "article". ``main`` and ``furniture``
    are sorted, non-overlapping [start, end) spans. ``header_start``/``header_end`` delimit
    the notice header block (issuing body … title); the body starts at ``header_end``.
    ``signature`` is the signer block (authority line … name), ``recipients`` the
    "Nơi nhận" block, ``type_word`` the upper-case type word of a notice ("THÔNG BÁO") and
    ``title`` its subject (trích yếu) without the enclosing emphasis marks.
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
        }


# --------------------------------------------------------------------------- regex helpers


_search = rx.search
_match = rx.match
_finditer = rx.finditer


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True, slots=True)
class _Line:
    index: int
    start: int
    end: int
    raw: str
    clean: str


_EMPH = regex.compile(r"\*\*+|__+")
_EDGE = " \t|*#•·▪►»>_"
_BULLET_START = regex.compile(r"^[ \t]*[•·▪►»◦●○■□◆❖➢➤✓]")
_SEPARATOR = regex.compile(r"^[-_=~*.…—–]{3,}$")
_MARKUP_ONLY = regex.compile(r"^[\s|*#_\-–—=~.>•·]*$")
_COLUMN_GAP = regex.compile(r"(?<=\S)(?:[ ]{3,}|\t+)(?=\S)")


def clean_line(raw: str) -> str:
    """A line without markdown emphasis, table bars, heading marks, bullets; spaces collapsed."""
    s = _EMPH.sub(" ", raw)
    s = s.strip(_EDGE)
    return " ".join(s.split())


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        out.append(_Line(i, pos, pos + len(raw), raw, clean_line(raw)))
        pos += len(raw) + 1
    return out


def _is_blank(line: _Line) -> bool:
    return not line.clean or bool(_MARKUP_ONLY.match(line.raw)) or bool(_SEPARATOR.match(line.clean))


def cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] (one line) into column cells at runs of >= 3 spaces or tabs."""
    seg = text[start:end]
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _COLUMN_GAP.finditer(seg):
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, end))
    res = []
    for s, e in out:
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        if e > s:
            res.append((s, e))
    return res


_LETTERS = regex.compile(r"\p{L}")


def is_caps(s: str, ratio: float = 0.85) -> bool:
    """Mostly upper-case letters (a header, title or signer line)."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= ratio


# --------------------------------------------------------------------------- lexicons


def _phrase_keys(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted({fold_key(x) for x in items if x.strip()}, key=len, reverse=True))


@dataclass(frozen=True)
class _Lex:
    stop_prefixes: tuple[str, ...]
    stop_exact: frozenset[str]
    inner_prefixes: tuple[str, ...]
    inner_exact: frozenset[str]
    branding: tuple[str, ...]
    pub_keywords: tuple[str, ...]
    weekdays: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    source_prefixes: tuple[str, ...]
    org_words: tuple[str, ...]
    metadata_labels: tuple[str, ...]
    authority: regex.Pattern[str]
    noise: frozenset[str]
    ranks: tuple[str, ...]
    body_heads: tuple[str, ...]
    subject_leads: tuple[str, ...]
    urgency: tuple[str, ...]
    type_line: regex.Pattern[str]
    surnames: frozenset[str]
    connectors: frozenset[str]
    body_leads: tuple[str, ...]
    appendix: tuple[str, ...]


@cache
def _lex() -> _Lex:
    lay = load_json("layout")
    hdr = load_json("header")
    authority_lex = lexicon("signer_authority")
    auth = sorted(authority_lex.where(form="mark"), key=len, reverse=True)
    auth_alt = "|".join(regex.escape(a) for a in auth)
    words_alt = "|".join(regex.escape(w) for w in sorted(authority_lex.where(form="word"), key=len, reverse=True))
    # an authority mark followed by an upper-case word: "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"
    # marks ending in "." or "/" may touch the next word; bare marks ("TM") need a space
    authority = regex.compile(
        rf"^(?:(?:{auth_alt})(?:(?<=[./])\s*|\s+)|(?:{words_alt})\s+)\p{{Lu}}"
    )
    tw = sorted({w.upper() for w in type_words()}, key=len, reverse=True)
    urg = sorted(hdr["urgency"], key=len, reverse=True)
    tw_alt = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in tw)
    urg_alt = "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in urg)
    type_line = regex.compile(
        rf"^(?:(?:{urg_alt})[\s*:,.-]+)*(?P<type>{tw_alt})(?![\p{{L}}\d])"
    )
    surnames = frozenset(fold_key(s) for s in load_table("surnames").column("surname"))
    return _Lex(
        stop_prefixes=_phrase_keys(lay["stop_prefixes"]),
        stop_exact=frozenset(fold_key(x) for x in lay["stop_exact"]),
        inner_prefixes=_phrase_keys(lay["inner_prefixes"]),
        inner_exact=frozenset(fold_key(x) for x in lay["inner_exact"]),
        branding=_phrase_keys(lay["branding_prefixes"]),
        pub_keywords=_phrase_keys(lay["publication_keywords"]),
        weekdays=_phrase_keys(lexicon("weekdays").phrases),
        byline_prefixes=_phrase_keys(lay["byline_prefixes"]),
        source_prefixes=_phrase_keys(lay["source_prefixes"]),
        org_words=_phrase_keys(lay["org_words"]),
        metadata_labels=_phrase_keys(lay["metadata_labels"]),
        authority=authority,
        noise=frozenset(fold_key(x).strip("()[] ") for x in lexicon("signature_noise").phrases),
        ranks=_phrase_keys(hdr["ranks"]),
        body_heads=_phrase_keys(lexicon("org_heads").phrases),
        subject_leads=_phrase_keys(hdr["subject_leads"]),
        urgency=_phrase_keys(hdr["urgency"]),
        type_line=type_line,
        surnames=surnames,
        appendix=tuple(hdr["appendix_heads"]),
        connectors=frozenset(fold_key(x) for x in hdr["title_connectors"]),
        body_leads=_phrase_keys(hdr["body_leads"]),
    )


def _ends_with_connector(clean: str) -> bool:
    """A title line cut after a connector word ("… của", "… và", "…,"): the title goes on."""
    if clean.endswith((",", "-", "–")):
        return True
    words = fold_key(clean).split()
    return bool(words) and (words[-1] in _lex().connectors or " ".join(words[-2:]) in _lex().connectors)


def _starts_with_key(key: str, phrase: str) -> bool:
    """``key`` starts with ``phrase`` at a word boundary (both fold_key'd)."""
    if not key.startswith(phrase):
        return False
    if len(key) == len(phrase):
        return True
    nxt = key[len(phrase)]
    return not nxt.isalpha() or not phrase[-1:].isalnum()


def _prefix_in(key: str, phrases: tuple[str, ...]) -> str | None:
    for p in phrases:
        if _starts_with_key(key, p):
            return p
    return None


_COUNT_TAIL = regex.compile(r"^[\s:：\-–|()\d.,]*$")


def is_stop_line(clean: str) -> bool:
    """A furniture heading that ends an article body ("Các tin tức khác:", "Tổng truy cập")."""
    if not clean or len(clean) > 160:
        return False
    lex = _lex()
    key = fold_key(clean)
    p = _prefix_in(key, lex.stop_prefixes)
    if p is not None:
        return True
    for ex in lex.stop_exact:
        if _starts_with_key(key, ex) and _COUNT_TAIL.match(key[len(ex):]) and len(key) - len(ex) <= 12:
            return True
    return False


_IMAGE_FILE = regex.compile(r"^\S{0,120}\.(?:jpe?g|png|gif|webp|bmp|tiff?)$", regex.I)
_URL_LINE = regex.compile(r"^(?:https?://|www\.)\S+$", regex.I)
_URL_ANY = regex.compile(r"(?:https?://|www\.)\S+", regex.I)
_PAGINATION = regex.compile(r"^\d+\s*-\s*\d+\s+of\s+\d+|^[<«‹]?\s*(?:\.\.\.|…)?\s*(?:\d+\s+){3,}", regex.I)


def is_inner_furniture(clean: str) -> bool:
    """A single furniture line inside the body: image file name, bare URL, "Link bài viết gốc"."""
    if not clean:
        return False
    if _IMAGE_FILE.match(clean) or _URL_LINE.match(clean) or _PAGINATION.match(clean):
        return True
    lex = _lex()
    key = fold_key(clean)
    if key in lex.inner_exact:
        return True
    if len(clean) <= 200 and _prefix_in(key, lex.inner_prefixes) is not None:
        return True
    return False


def _is_metadata_label(clean: str) -> bool:
    key = fold_key(clean)
    p = _prefix_in(key, _lex().metadata_labels)
    return p is not None and len(key) <= len(p) + 40 and ":" in clean[: len(p) + 3]


# --------------------------------------------------------------------------- stamps and names

_DMY = regex.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_HM = regex.compile(r"(?<![\d/])(\d{1,2})\s*[:h]\s*(\d{2})(?::(\d{2}))?(?!\d)")


def is_publication_line(clean: str, near_headline: bool = False) -> bool:
    """A publication stamp: "Thời gian đăng: 28/05/2021 16:19:39 PM", "Thứ sáu - 17/09/2021 06:46"."""
    if not clean or len(clean) > 140 or not _search(_DMY, clean):
        return False
    lex = _lex()
    key = fold_key(clean)
    if _prefix_in(key, lex.pub_keywords) is not None:
        return True
    if _prefix_in(key, lex.weekdays) is not None:
        return True
    if near_headline:
        # a bare stamp: date, time and counters only
        rest = _DMY.sub(" ", clean)
        rest = _HM.sub(" ", rest)
        if not regex.search(r"\p{L}{3,}", rest.replace("GMT", "")):
            return True
    return False


_NAME_WORD = r"(?:\p{Lu}\.\s*)*\p{Lu}[\p{Ll}\p{Lu}]*(?:-\p{Lu}?[\p{Ll}]+)?"
_NAME_LINE = regex.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}$")
_TITLE_WORD = regex.compile(r"^(?:\p{Lu}\.)*\p{Lu}[\p{Ll}]*$")


def looks_like_name(s: str, allow_caps: bool = False) -> bool:
    """A personal name line: 1-6 capitalised words ("Nguyễn Văn Thắng", "T.SỸ", "Y Khoa Niê")."""
    s = s.strip().rstrip(".")
    if not s or len(s) > 48 or any(ch.isdigit() for ch in s):
        return False
    if not _match(_NAME_LINE, s):
        return False
    words = s.split()
    if len(words) == 1:
        # a lone word: only an initial-style name ("T.SỸ") or a caps pen name
        return "." in words[0]
    if all(_TITLE_WORD.match(w) for w in words):
        return True
    if allow_caps and is_caps(s, 1.0):
        first = fold_key(words[0].split(".")[-1])
        return first in _lex().surnames
    return False


# --------------------------------------------------------------------------- notice header

# "Số: 267/KH-UBND", "Số 274-TB/TU", a draft's "Số:     /QĐ-UBND" (a symbol needs letters)
_NUMBER_LINE = regex.compile(r"^Số\s*:?\s*(?:\d[\d.]*\s*[/-]\s*\p{L}|[.…_]*\s*/\s*\p{L})")
PLACE_DATE = regex.compile(
    r"(?:^|(?<=[*|_>])|(?<=\S[ \t]{3})|(?<=\t))[ \t*_]*"
    r"(?P<place>\p{Lu}[^\n,*|\d:;()]{0,45}?)[ \t]*,[ \t]*"
    r"(?P<date>ngày[ \t\n*]*(?P<d>\d{1,2})?[ \t\n*.…_]*tháng[ \t\n*]*(?P<m>\d{1,2})?[ \t\n*.…_]*"
    r"năm[ \t\n*]*(?P<y>\d{4}))",
    regex.M,
)
_MOTTO_WORDS = (
    ("CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"),
    ("ĐẢNG", "CỘNG", "SẢN", "VIỆT", "NAM"),
    ("Độc", "lập", "-", "Tự", "do", "-", "Hạnh", "phúc"),
)
_MOTTO = regex.compile(
    "|".join(r"[\s*_|]+".join(regex.escape(w) for w in words) for words in _MOTTO_WORDS)
)
_SUBJECT = regex.compile(r"^(?:V\s*/\s*[vV]|V\.v|Vv|Về việc|VỀ VIỆC)(?![\p{L}])")


@dataclass(frozen=True, slots=True)
class _Header:
    start_line: int
    number_line: int | None
    place_date: regex.Match[str] | None
    type_line: int | None
    motto_spans: tuple[tuple[int, int], ...]
    header_end: int
    title_span: tuple[int, int] | None
    type_span: tuple[int, int] | None


def _line_at(lines: list[_Line], pos: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def type_line_match(clean: str) -> regex.Match[str] | None:
    """Match of an upper-case type word at the start of a cleaned line ("THÔNG BÁO", "KẾ HOẠCH")."""
    return _match(_lex().type_line, clean)


def _find_header(text: str, lines: list[_Line]) -> _Header | None:
    numbers = [ln.index for ln in lines if _match(_NUMBER_LINE, ln.clean) and len(ln.clean) < 220]
    pds = [m for m in _finditer(PLACE_DATE, text) if len(m.group("place").split()) <= 7]
    mottos = [(m.start(), m.end()) for m in _finditer(_MOTTO, text)]
    motto_lines = sorted({_line_at(lines, s) for s, _ in mottos})
    pd_lines = [(_line_at(lines, m.start("place")), m) for m in pds]
    types = [ln.index for ln in lines if ln.clean and len(ln.clean) < 400 and type_line_match(ln.clean)]

    def near(idx: int, cands: list[int], before: int, after: int) -> int | None:
        for c in cands:
            if idx - before <= c <= idx + after:
                return c
        return None

    chosen: tuple[int | None, regex.Match[str] | None] | None = None
    for n in numbers:
        pd = next((m for li, m in pd_lines if n - 8 <= li <= n + 8), None)
        mo = near(n, motto_lines, 14, 4)
        ty = near(n, types, 0, 16)
        if pd is not None or mo is not None or ty is not None:
            chosen = (n, pd)
            break
    if chosen is None:
        for li, m in pd_lines:
            mo = near(li, motto_lines, 14, 4)
            ty = near(li, types, 0, 12)
            if mo is not None or ty is not None:
                chosen = (None, m)
                break
    if chosen is None:
        return None
    n, pd = chosen
    pd_line = _line_at(lines, pd.start("place")) if pd is not None else None
    first = min(x for x in (n, pd_line) if x is not None)
    last = max(x for x in (n, pd_line) if x is not None)
    if pd is not None:
        last = max(last, _line_at(lines, pd.end()))
    mo_near = [m for m in motto_lines if first - 14 <= m <= last + 4]
    anchor = min([first] + mo_near)
    # walk back over the header's left block (upper-case lines)
    start = anchor
    gap = 0
    i = anchor - 1
    taken = 0
    while i >= 0 and taken < 10:
        ln = lines[i]
        if _is_blank(ln):
            gap += 1
            if gap >= 4:
                break
            i -= 1
            continue
        if (
            is_caps(ln.clean)
            and len(ln.clean.split()) <= 14
            and not _is_metadata_label(ln.clean)
            and not is_stop_line(ln.clean)
        ):
            start = i
            gap = 0
            taken += 1
            i -= 1
            continue
        break
    # type word and title after the number / place-date lines
    type_idx = None
    for t in types:
        if t >= first and t <= last + 16 and t not in motto_lines:
            type_idx = t
            break
    header_end_line = last
    title_span: tuple[int, int] | None = None
    type_span: tuple[int, int] | None = None
    if type_idx is not None:
        tl = lines[type_idx]
        m = type_line_match(tl.clean)
        # locate the end of the type word in the raw line
        words = m.group("type").split() if m else tl.clean.split()[:1]
        pat = regex.compile(r"[\s*_]*".join(regex.escape(w) for w in words))
        rm = _search(pat, tl.raw)
        pos = tl.start + (rm.end() if rm else len(tl.raw))
        if rm:
            type_span = (tl.start + rm.start(), tl.start + rm.end())
        title_span = _title_from(text, lines, pos)
        header_end_line = max(header_end_line, type_idx)
    else:
        # công văn: subject line "V/v …" under the number
        base = n if n is not None else first
        for j in range(max(0, base - 1), min(len(lines), last + 6)):
            c = lines[j].clean
            if c and _match(_SUBJECT, c):
                off = lines[j].raw.find(c.split()[0])
                pos = lines[j].start + max(off, 0)
                # keep an opening emphasis mark so the span logic sees it
                while pos > lines[j].start and text[pos - 1] in "*_":
                    pos -= 1
                title_span = _title_from(text, lines, pos)
                break
    if title_span is not None:
        header_end = title_span[1]
    else:
        header_end = lines[header_end_line].end
    header_end = max(header_end, lines[last].end)
    return _Header(start, n, pd, type_idx, tuple(mottos), header_end, title_span, type_span)


def _title_from(text: str, lines: list[_Line], pos: int) -> tuple[int, int] | None:
    """Span of the title (trích yếu) starting at ``pos`` (just after the type word)."""
    li = _line_at(lines, pos)
    line = lines[li]
    rest = text[pos : line.end]
    if not clean_line(rest):
        # title on the following lines: skip blank ones
        li += 1
        while li < len(lines) and _is_blank(lines[li]) and li - _line_at(lines, pos) <= 3:
            li += 1
        if li >= len(lines) or _is_blank(lines[li]):
            return None
        line = lines[li]
        pos = line.start
        rest = line.raw
    # skip leading spaces
    while pos < line.end and text[pos] in " \t:":
        pos += 1
    rest = text[pos : line.end]
    # emphasis-wrapped title: to the closing mark, on this line or the next ones
    em = regex.match(r"(\*\*|\*|__|_)(?=\S)", rest)
    if em:
        mark = em.group(1)
        body_start = pos + len(mark)
        close = text.find(mark, body_start)
        blank = text.find("\n\n", body_start)
        if close != -1 and (blank == -1 or close < blank) and close - body_start < 700:
            # a title that closes its emphasis and goes on ("**A**\nB") is cut at the mark
            s, e = body_start, close
            while s < e and text[s] in " \t\n":
                s += 1
            while e > s and text[e - 1] in " \t\n":
                e -= 1
            return (s, e) if e > s else None
    first_clean = clean_line(rest)
    upper = is_caps(first_clean)
    starts_bold = line.raw.lstrip(" \t|").startswith("**")
    end = line.end
    while end > pos and text[end - 1] in " \t*_|":
        end -= 1
    prev_clean = first_clean
    j = line.index + 1
    count = 1
    while j < len(lines) and count < 10:
        nxt = lines[j]
        c = nxt.clean
        if _is_blank(nxt) or not c:
            break
        if nxt.raw.lstrip(" \t|").startswith("**") and not starts_bold:
            break
        if c.endswith(":") or _match(_MOTTO, c) or _match(PLACE_DATE, c) or _match(_NUMBER_LINE, c):
            break
        if upper:
            if not is_caps(c):
                break
        else:
            # a wrapped subject: lower-case start, a cut after a connector, or a short
            # line that is no body lead-in ("Căn cứ …", "Kính gửi …")
            short = (
                len(c) <= 70
                and not prev_clean.endswith((".", ";", ":", "!", "?"))
                and not _prefix_in(fold_key(c), _lex().body_leads)
                and not is_caps(c, 0.99)
            )
            if not (c[0].islower() or _ends_with_connector(prev_clean) or short):
                break
        e = nxt.end
        while e > nxt.start and text[e - 1] in " \t*_|":
            e -= 1
        end = e
        prev_clean = c
        count += 1
        j += 1
    if end <= pos:
        return None
    return pos, end


# --------------------------------------------------------------------------- signer / recipients

_NOI_NHAN = regex.compile(r"^Nơi\s+nhận\s*:?", regex.I)
_LIST_ITEM = regex.compile(r"^[ \t*_|]*[-–—+•·]\s*(?!-)")
_ROMAN_HEAD = regex.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s")


def is_authority_line(clean: str) -> bool:
    return bool(_match(_lex().authority, clean))


def is_noise_line(clean: str) -> bool:
    key = fold_key(clean).strip("()[] ")
    return key in _lex().noise


def strip_rank(name: str) -> str:
    key = fold_key(name)
    for r in _lex().ranks:
        if _starts_with_key(key, r):
            return name[len(r) :].strip(" .")
    return name


def _signer_line_ok(clean: str) -> bool:
    if not clean or clean.endswith(":") or _match(_ROMAN_HEAD, clean):
        return False
    if is_authority_line(clean):
        return True
    return is_caps(clean, 0.99) and len(clean.split()) <= 12 and not _search(_DMY, clean)


def _name_line(clean: str) -> bool:
    if not clean:
        return False
    return looks_like_name(strip_rank(clean), allow_caps=True)


def _signer_blocks(text: str, lines: list[_Line], lo: int, hi: int) -> list[tuple[int, int]]:
    """Candidate signer blocks in lines [lo, hi): (first line, name line) pairs."""
    out: list[tuple[int, int]] = []
    for i in range(lo, hi):
        ln = lines[i]
        if not _name_line(ln.clean) or len(ln.clean.split()) < 2 and "." not in ln.clean:
            continue
        # walk back over noise / blanks to the position line
        j = i - 1
        skipped = 0
        while j >= lo and (_is_blank(lines[j]) or is_noise_line(lines[j].clean)) and skipped < 6:
            j -= 1
            skipped += 1
        if j < lo or not _signer_line_ok(lines[j].clean):
            continue
        first = j
        k = j - 1
        while k >= lo and k > j - 6:
            c = lines[k].clean
            if _signer_line_ok(c):
                first = k
                k -= 1
                continue
            break
        out.append((first, i))
    # an upper-case "name" followed by a real name is the position line ("PHÓ THỦ TƯỚNG")
    best: dict[int, int] = {}
    for first, i in out:
        best[first] = max(best.get(first, i), i)
    res = []
    for first, i in sorted(best.items()):
        if res and res[-1][1] >= first:
            res[-1] = (res[-1][0], max(res[-1][1], i))
        else:
            res.append((first, i))
    return res


RIGHT_INDENT = 12


def _columns(text: str, lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Left and right column views of the lines (plain-text layouts put "Nơi nhận" and the
    signer side by side). A line with a column gap gives its first cell to the left view and
    its last cell to the right one; a deeply indented line belongs to the right view."""
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in lines:
        blank = _Line(ln.index, ln.start, ln.start, "", "")
        cl = cells(text, ln.start, ln.end) if ln.clean else []
        indent = len(ln.raw) - len(ln.raw.lstrip(" \t"))
        if len(cl) >= 2:
            (ls, le), (rs, re_) = cl[0], cl[-1]
            left.append(_Line(ln.index, ls, le, text[ls:le], clean_line(text[ls:le])))
            right.append(_Line(ln.index, rs, re_, text[rs:re_], clean_line(text[rs:re_])))
        elif cl and indent >= RIGHT_INDENT:
            left.append(blank)
            right.append(ln)
        else:
            left.append(ln)
            right.append(blank)
    return left, right


def _recipients_block(lines: list[_Line], at: int, hi: int) -> tuple[int, int]:
    """Lines [at, last] of a "Nơi nhận" block starting at line ``at``."""
    last = at
    # the list's own item terminator: ";" (State) or "," (Party)
    ends: dict[str, int] = {}
    for k in range(at + 1, min(hi, at + 40)):
        c = lines[k].clean
        if _match(_LIST_ITEM, lines[k].raw) and c[-1:] in ",;.":
            ends[c[-1]] = ends.get(c[-1], 0) + 1
    term = ";" if ends.get(";", 0) >= ends.get(",", 0) else ","
    j = at + 1
    blanks = 0
    while j < hi:
        ln = lines[j]
        c = ln.clean
        if not c or _MARKUP_ONLY.match(ln.raw):
            if "|" in ln.raw:
                break
            blanks += 1
            if blanks > 1:
                break
            j += 1
            continue
        if _match(_LIST_ITEM, ln.raw):
            last = j
            blanks = 0
            j += 1
            continue
        prev = lines[last].clean
        complete = prev.endswith((";", ".", term))
        if blanks or is_authority_line(c) or (is_caps(c, 0.99) and complete):
            break
        # continuation of the previous item
        if last == at:
            break
        last = j
        j += 1
    return at, last


# --------------------------------------------------------------------------- article parts

_GLUED_NAME = regex.compile(
    rf"(?<=[.!?…\"”)\]])[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})[ \t]*$"
)


def byline_prefix(clean: str) -> str | None:
    """The byline lead-in of a line ("Nguồn tin", "Tin, ảnh"), when followed by ':'."""
    key = fold_key(clean)
    p = _prefix_in(key, _lex().byline_prefixes)
    if p is None:
        return None
    rest = key[len(p) :].lstrip()
    return p if rest.startswith(":") else None


def source_prefix(clean: str) -> str | None:
    key = fold_key(clean)
    p = _prefix_in(key, _lex().source_prefixes)
    if p is None or len(clean) > 120:
        return None
    rest = key[len(p) :].lstrip(" :")
    return p if rest else None


_NAME_SEP = regex.compile(r"\s+[-–—]\s+|\s*[,;/&]\s*|\s+và\s+")


def looks_like_names(s: str) -> bool:
    """One to four reporter names on a line: "Minh Anh - Hải Yến", "Văn Tâm"."""
    parts = [p for p in _NAME_SEP.split(s.strip()) if p.strip()]
    return 0 < len(parts) <= 4 and all(looks_like_name(p) and not is_org(p) for p in parts)


def is_org(s: str) -> bool:
    key = fold_key(s)
    return _prefix_in(key, _lex().org_words) is not None or "." in key and "/" in key


def _is_source_line(clean: str) -> bool:
    p = source_prefix(clean)
    if p is None:
        return False
    rest = clean[len(p) :].strip(" :")
    return is_org(rest) or not looks_like_name(rest)


def _is_branding(clean: str) -> bool:
    return _prefix_in(fold_key(clean), _lex().branding) is not None


def _bullet_link(line: _Line) -> bool:
    c = line.clean
    if not c or len(c) > 220:
        return False
    if regex.search(r"\(\s*\d{1,2}/\d{1,2}/\d{4}\s*\)\s*$", c):
        return True
    return bool(_BULLET_START.match(line.raw)) and not c.endswith((".", ";", ":"))


def _link_run_at(lines: list[_Line], i: int, hi: int) -> bool:
    """Lines from i on are a run of >= 3 bullet links (related-news list); a link's text may
    go on over the next line (a re-wrapped list)."""
    n = 0
    j = i
    item = -1  # characters of the link being read (-1: none that may go on)
    while j < hi and n < 3:
        ln = lines[j]
        if _is_blank(ln):
            j += 1
            item = -1
            continue
        if not _bullet_link(ln):
            if item >= 0 and not _BULLET_START.match(ln.raw) and item + len(ln.clean) <= 220:
                j += 1
                item += len(ln.clean)
                continue
            return False
        n += 1
        j += 1
        item = len(ln.clean)
    return n >= 3


def _headline_like(clean: str) -> bool:
    if not clean or len(clean) > _MAX_HEADLINE or len(clean.split()) < 3:
        return False
    if clean.startswith("(") or clean.endswith((".", ":", ";", ",")) and not clean.endswith("..."):
        return False
    return not is_stop_line(clean) and not is_inner_furniture(clean) and not _is_branding(clean)


def _article(text: str, lines: list[_Line]) -> dict[str, Any]:
    n = len(lines)
    # --- start: skip leading furniture
    i = 0
    content: list[int] = []
    while i < n and len(content) < 12:
        if not _is_blank(lines[i]):
            content.append(i)
        i += 1
    start_line: int | None = None
    headline: int | None = None
    pub: int | None = None
    # a publication stamp near the top: the headline is the content line before it
    for k, li in enumerate(content):
        if is_publication_line(lines[li].clean, near_headline=k > 0):
            before = [x for x in content[:k] if _headline_like(lines[x].clean)]
            if before:
                headline = before[-1]
                pub = li
                break
    if headline is None:
        # branding + URL lines at the top are furniture
        skip_to = -1
        for k, li in enumerate(content[:8]):
            c = lines[li].clean
            if _URL_LINE.match(c):
                skip_to = li
            elif len(c) > 200:
                break
        cand = [li for li in content if li > skip_to]
        for li in cand:
            c = lines[li].clean
            if is_inner_furniture(c) or _is_branding(c) or is_stop_line(c) or _is_metadata_label(c):
                continue
            if is_publication_line(c) and pub is None:
                pub = li  # a stamp above the headline
                continue
            if _headline_like(c) and not _link_run_at(lines, li, n):
                headline = li
            start_line = li
            break
    if headline is not None:
        start_line = headline
    if start_line is None:
        first = next((ln.index for ln in lines if not _is_blank(ln)), None)
        if first is None:
            return {"main_lines": [], "headline": None, "pub": None, "byline": None}
        start_line = first
    # --- end: first stop heading or related-links run after the start
    stop = n
    for j in range(start_line + 1, n):
        ln = lines[j]
        if _is_blank(ln):
            continue
        if is_stop_line(ln.clean) or _link_run_at(lines, j, n):
            stop = j
            break
    # --- trailing byline / source / publication lines before the stop
    byline: tuple[int, int] | None = None  # char span
    tail_pub: int | None = None
    j = stop - 1
    trailing: list[int] = []
    while j > start_line:
        ln = lines[j]
        c = ln.clean
        if _is_blank(ln):
            j -= 1
            continue
        if is_publication_line(c, near_headline=True):
            if tail_pub is None:
                tail_pub = j
            trailing.append(j)
            j -= 1
            continue
        if byline_prefix(c):
            break
        if is_inner_furniture(c) or _is_source_line(c):
            trailing.append(j)
            j -= 1
            continue
        break
    by_lines: list[int] = []
    while j > start_line and len(by_lines) < 3:
        ln = lines[j]
        c = ln.clean
        if _is_blank(ln):
            j -= 1
            continue
        if byline_prefix(c) or (source_prefix(c) and not _is_source_line(c)) or looks_like_names(c):
            by_lines.append(j)
            j -= 1
            continue
        break
    if by_lines:
        first_b, last_b = min(by_lines), max(by_lines)
        byline = (lines[first_b].start + (len(lines[first_b].raw) - len(lines[first_b].raw.lstrip())),
                  lines[last_b].start + len(lines[last_b].raw.rstrip()))
        body_last = j
    else:
        body_last = j
        if j > start_line or (j == start_line and headline is None):
            m = _search(_GLUED_NAME, lines[j].raw)
            if m and looks_like_name(m.group("name")):
                byline = (lines[j].start + m.start("name"), lines[j].start + m.end("name"))
    if pub is None and tail_pub is not None:
        pub = tail_pub
    if pub is None and headline is not None:
        # stamp right under the headline without keyword
        for li in range(headline + 1, min(n, headline + 4)):
            if not _is_blank(lines[li]) and is_publication_line(lines[li].clean, near_headline=True):
                pub = li
                break
    if pub is not None and pub < start_line:
        start_line = pub
    main_lines = []
    last_main = max([body_last] + by_lines + [t for t in trailing if t != stop])
    for li in range(start_line, min(stop, last_main + 1)):
        ln = lines[li]
        if _is_blank(ln) or is_inner_furniture(ln.clean):
            continue
        if li in trailing and li != pub and not _is_source_line(ln.clean):
            continue
        main_lines.append(li)
    return {"main_lines": main_lines, "headline": headline, "pub": pub, "byline": byline}


# --------------------------------------------------------------------------- main entry


def _spans_from_lines(lines: list[_Line], idx: list[int]) -> list[tuple[int, int]]:
    """Merge line indices into spans; lines separated only by blank lines join."""
    spans: list[tuple[int, int]] = []
    prev = -2
    for li in sorted(set(idx)):
        ln = lines[li]
        s = ln.start + (len(ln.raw) - len(ln.raw.lstrip()))
        e = ln.start + len(ln.raw.rstrip())
        if e <= s:
            continue
        if spans and all(_is_blank(lines[k]) for k in range(prev + 1, li)):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
        prev = li
    return spans


def _furniture(text: str, main: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for s, e in main + [(len(text), len(text))]:
        seg = text[pos:s]
        if seg.strip():
            a = pos + (len(seg) - len(seg.lstrip()))
            b = pos + len(seg.rstrip())
            out.append((a, b))
        pos = max(pos, e)
    return out


def _mk(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def _trim_line(ln: _Line) -> tuple[int, int]:
    s = ln.start + (len(ln.raw) - len(ln.raw.lstrip()))
    e = ln.start + len(ln.raw.rstrip())
    return s, e


def _notice(text: str, lines: list[_Line], hdr: _Header) -> Layout:
    n = len(lines)
    body_line = _line_at(lines, hdr.header_end)
    # region end: first furniture heading after the header
    stop = n
    for j in range(body_line + 1, n):
        if not _is_blank(lines[j]) and is_stop_line(lines[j].clean):
            stop = j
            break

    left, right = _columns(text, lines)
    sig_lines = lines

    def locate(lo: int, hi: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        nonlocal sig_lines
        rec = None
        for j in range(hi - 1, lo - 1, -1):
            if _match(_NOI_NHAN, left[j].clean):
                rec = _recipients_block(left, j, hi)
                break
        sig_lines = lines
        blocks = _signer_blocks(text, lines, lo, hi)
        if not blocks:
            sig_lines = right
            blocks = _signer_blocks(text, right, lo, hi)
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
        while last_line > body_line and _is_blank(lines[last_line]):
            last_line -= 1
    # an appendix after the signer ("PHỤ LỤC …") belongs to the document
    appendix = _lex().appendix
    for li in range(last_line + 1, stop):
        c = lines[li].clean
        if c and is_caps(c, 0.99) and any(c.startswith(a) for a in appendix):
            last_line = stop - 1
            while last_line > li and _is_blank(lines[last_line]):
                last_line -= 1
            break
    main_idx = [li for li in range(hdr.start_line, last_line + 1) if not _is_blank(lines[li])]
    main = _spans_from_lines(lines, main_idx)
    # a portal's publication stamp just above the header
    publication = None
    for li in range(hdr.start_line - 1, max(-1, hdr.start_line - 7), -1):
        if not _is_blank(lines[li]) and is_publication_line(lines[li].clean):
            s, e = _trim_line(lines[li])
            publication = _mk(text, s, e)
            main = sorted(main + [(s, e)])
            break
    signature = None
    if sig is not None:
        s, _ = _trim_line(sig_lines[sig[0]])
        _, e = _trim_line(sig_lines[sig[1]])
        signature = _mk(text, s, e)
    recipients = None
    if rec is not None:
        s, _ = _trim_line(left[rec[0]])
        _, e = _trim_line(left[rec[1]])
        recipients = _mk(text, s, e)
    hs, _ = _trim_line(lines[hdr.start_line])
    return Layout(
        kind="notice",
        main=tuple(main),
        furniture=tuple(_furniture(text, main)),
        headline=None,
        publication=publication,
        byline=None,
        header_start=hs,
        header_end=hdr.header_end,
        signature=signature,
        recipients=recipients,
        type_word=_mk(text, *hdr.type_span) if hdr.type_span else None,
        title=_mk(text, *hdr.title_span) if hdr.title_span else None,
    )


def find_layout(doc: Analysis | str) -> Layout:
    """Find the main text and the landmarks of one page (see module doc)."""
    text = as_analysis(doc, "find_layout").text
    if not text.strip():
        return Layout(kind="article", main=(), furniture=())
    lines = _lines(text)
    hdr = _find_header(text, lines)
    if hdr is not None:
        return _notice(text, lines, hdr)
    art = _article(text, lines)
    main = _spans_from_lines(lines, art["main_lines"])
    headline = None
    if art["headline"] is not None:
        s, e = _trim_line(lines[art["headline"]])
        headline = _mk(text, s, e)
    publication = None
    if art["pub"] is not None:
        s, e = _trim_line(lines[art["pub"]])
        publication = _mk(text, s, e)
    byline = _mk(text, *art["byline"]) if art["byline"] else None
    return Layout(
        kind="article",
        main=tuple(main),
        furniture=tuple(_furniture(text, main)),
        headline=headline,
        publication=publication,
        byline=byline,
    )
