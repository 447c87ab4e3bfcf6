"""The signer: given by the header, or found in the last signer block of the main text.

A signer block is an upper-case authority line ("T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH") or an
upper-case position line ("PHÓ CHỦ TỊCH"), then — past signature placeholders ("(Đã ký)") and
wrapped authority lines — a line that is a name ("Nguyễn Văn Thắng", "TRẦN CẨM TÚ").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from directive_nlp.extract.officials.lexicon import Lex
from directive_nlp.extract.officials.syllables import Seq, all_caps, first_syllable, syllables
from directive_nlp.extract.officials.titles import head_at, may_head
from directive_nlp.text.analysis import Analysis
from directive_nlp.text.normalize import fold

__all__ = ["Signer", "detect_signer", "detect_signers", "choose_signer", "given_signer"]

_MAX_TITLE_LINE = 60
_MAX_WRAPPED_AUTHORITY = 40
_LOOK_AHEAD = 5
_GLUE = frozenset("'’")
_MARKUP = str.maketrans({c: " " for c in "*_|#"})


@dataclass(frozen=True)
class Signer:
    name: str
    title: str | None
    start: int  # of the name in the text (start == end: not found in the text)
    end: int


def _clean(s: str) -> str:
    return s.strip().strip("*_|#").strip()


def _lines(analysis: Analysis, a: int, b: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of the non-empty lines inside ``[a, b)``, markup stripped."""
    text = analysis.text
    k = analysis.line_index(a)
    while k < len(analysis.lines) and analysis.lines[k].start < b:
        ln = analysis.lines[k]
        s, e = max(a, ln.start), min(b, ln.end)
        raw = text[s:e]
        c = _clean(raw)
        if c:
            off = s + raw.find(c)
            yield off, off + len(c), c
        k += 1


def _seq(analysis: Analysis, lex: Lex, s: int, e: int) -> Seq:
    return Seq(analysis, syllables(analysis, s, e), lex)


def _caps_title(analysis: Analysis, lex: Lex, s: int, e: int, line: str) -> str | None:
    """An upper-case position line of a signer block ("PHÓ CHỦ TỊCH", "BÍ THƯ")."""
    if len(line) > _MAX_TITLE_LINE or not all_caps(line):
        return None
    first = first_syllable(analysis, s, e)
    if first is None or not may_head(lex, *first):
        return None  # no position starts the line
    seq = _seq(analysis, lex, s, e)
    if not seq.toks or head_at(seq, 0, allow_caps=True) is None:
        return None
    return " ".join(line.translate(_MARKUP).split())  # "PHÓ TRƯỞNG **BAN**" → "PHÓ TRƯỞNG BAN"


def _is_name_line(analysis: Analysis, lex: Lex, s: int, e: int, line: str) -> bool:
    """2 to 5 capitalised (or upper-case) words and nothing else; not a place; an upper-case
    name starts with a known surname."""
    if len(line) > _MAX_TITLE_LINE:
        return False
    seq = _seq(analysis, lex, s, e)
    toks = seq.toks
    if not toks or head_at(seq, 0, allow_caps=True) is not None:
        return False  # a position line ("PHÓ TRƯỞNG BAN")
    words = [t for t in toks if t.kind == "w"]
    if any(t.kind != "w" and t.t not in _GLUE for t in toks):
        return False
    if not 2 <= len(words) <= 5 or any(t.shape not in ("T", "U") and t.gap > 0 for t in words):
        return False
    first = words[0].f
    if first in lex.name_stops and first not in lex.surnames:
        return False
    if tuple(t.f for t in toks) in lex.places:
        return False
    return first in lex.surnames if all_caps(line) else True


def _authority(lex: Lex, line: str) -> str | None:
    if not line.startswith(lex.authority):
        return None
    auth = next((m for m in lex.authority if line.startswith(m + " ") or line == m), None)
    return auth if auth is not None and all_caps(line) else None


def _name_below(analysis: Analysis, lex: Lex, lines: list[tuple[int, int, str]], idx: int,
                title: str | None) -> Signer | None:
    """The signer's name in the lines after a block's head line ``idx`` (a later position line
    replaces the title)."""
    for s2, e2, c2 in lines[idx + 1 : idx + 1 + _LOOK_AHEAD]:
        if fold(c2) in lex.noise or not any(ch.isalpha() for ch in c2):
            continue
        if any(c2.startswith(m + " ") for m in lex.authority):
            return None
        ct = _caps_title(analysis, lex, s2, e2, c2)
        if ct is not None:
            title = ct
            continue
        if _is_name_line(analysis, lex, s2, e2, c2):
            return Signer(" ".join(c2.split()), title, s2, e2)
        if all_caps(c2) and len(c2) <= _MAX_WRAPPED_AUTHORITY:
            continue  # a wrapped authority line ("T/M BỘ CHÍNH / TRỊ")
        return None
    return None


def detect_signer(analysis: Analysis, lex: Lex, spans: Sequence[tuple[int, int]]) -> Signer | None:
    """The last signer block of the main text, or None."""
    found = detect_signers(analysis, lex, spans)
    return found[-1] if found else None


def detect_signers(analysis: Analysis, lex: Lex, spans: Sequence[tuple[int, int]]) -> list[Signer]:
    """Every signer block of the main text, in order."""
    found: list[Signer] = []
    for a, b in spans:
        lines = list(_lines(analysis, a, b))
        for idx, (s, e, c) in enumerate(lines):
            auth = _authority(lex, c)
            title_line = _caps_title(analysis, lex, s, e, c)
            if auth is None and title_line is None:
                continue
            title = title_line
            if auth is not None:
                rest = c[len(auth) :].strip()
                k = rest.find("PHÓ ")
                title = rest[k:].strip() if k > 0 else None
            hit = _name_below(analysis, lex, lines, idx, title)
            if hit is not None:
                found.append(hit)
    return found


def choose_signer(given: Signer | None, blocks: Sequence[Signer]) -> Signer | None:
    """The header's signer when a signer block of the text confirms it (or there is none);
    else the last block's: a header that took a heading for the signer ("PHỤ LỤC / DANH MỤC
    THỦ TỤC") is overruled by the block "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Hoàng Nam"."""
    if not blocks:
        return given
    if given is None or any(fold(b.name) == fold(given.name) for b in blocks):
        return given if given is not None else blocks[-1]
    return blocks[-1]


def _find_name(seqs: Sequence[Seq], name_key: tuple[str, ...]) -> tuple[int, int] | None:
    """The last occurrence of a name (its atoms, on word boundaries) in the main text."""
    hit: tuple[int, int] | None = None
    size = len(name_key)
    for seq in seqs:
        for i in range(seq.n - size + 1):
            if seq.folds[i] == name_key[0] and seq.folded(i, i + size) == name_key:
                hit = (seq.toks[i].s, seq.toks[i + size - 1].e)
    return hit


def given_signer(text: str, signer: dict[str, Any], seqs: Sequence[Seq], name_key: tuple[str, ...]) -> Signer | None:
    """The header's signer {name, title, start?, end?}, placed on its name in the text."""
    raw = signer.get("name")
    if not isinstance(raw, str) or not raw.strip():
        return None
    name = " ".join(raw.split())
    title = signer.get("title") if isinstance(signer.get("title"), str) else None
    s, e = signer.get("start"), signer.get("end")
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) and fold(text[s:e]) == fold(name):
        return Signer(name, title, s, e)
    hit = _find_name(seqs, name_key) if name_key else None
    return Signer(name, title, hit[0], hit[1]) if hit else Signer(name, title, 0, 0)
