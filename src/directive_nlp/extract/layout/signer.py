"""The signer block: authority marks (TM., KT., T/M…), position lines, the signer's name."""

from __future__ import annotations

import regex

from directive_nlp.extract.layout.furniture import DMY
from directive_nlp.extract.layout.lexicon import lex, prefix_in
from directive_nlp.extract.layout.lines import Line, is_blank, is_caps
from directive_nlp.extract.layout.names import looks_like_name
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold_key

__all__ = ["is_authority_line", "is_noise_line", "strip_rank", "signer_blocks", "split_tail_name"]

_ROMAN_HEAD = regex.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s")


def is_authority_line(clean: str) -> bool:
    return bool(rx.match(lex().authority, clean))


def is_noise_line(clean: str) -> bool:
    key = fold_key(clean).strip("()[] ")
    return key in lex().noise


def strip_rank(name: str) -> str:
    r = prefix_in(fold_key(name), lex().ranks)
    return name if r is None else name[len(r) :].strip(" .")


def _signer_line_ok(clean: str) -> bool:
    if not clean or clean.endswith(":") or rx.match(_ROMAN_HEAD, clean):
        return False
    if is_authority_line(clean):
        return True
    return is_caps(clean, 0.99) and len(clean.split()) <= 12 and not rx.search(DMY, clean)


def _name_line(clean: str) -> bool:
    if not clean:
        return False
    return looks_like_name(strip_rank(clean), allow_caps=True)


_TAIL_NAME = regex.compile(r"^(?P<head>.*\p{Lu}{2,}[^\p{Ll}]*?)\s+(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4})$")


def split_tail_name(clean: str) -> tuple[str, str] | None:
    """A signer block written on one line ("KT. BỘ TRƯỞNG THỨ TRƯỞNG Vũ Mạnh Hà"): the upper-case
    authority and position words, and the name after them; None when the line is not so."""
    m = _TAIL_NAME.match(clean)
    if m is None or not is_caps(m["head"], 0.99) or not looks_like_name(m["name"]):
        return None
    return m["head"], m["name"]


def _name_at(lines: list[Line], i: int, lo: int) -> int | None:
    """First line of the signer's name ending at line ``i``, or None: a name line, or a name
    wrapped after its first word ("**Vũ\nChiến Thắng**")."""
    c = lines[i].clean
    if not _name_line(c) or len(c.split()) < 2 and "." not in c:
        return None
    if i - 1 >= lo:
        prev = lines[i - 1].clean
        if len(prev.split()) == 1 and prev[:1].isupper() and not is_caps(prev, 0.99) and _name_line(f"{prev} {c}"):
            return i - 1
    return i


def _position_above(lines: list[Line], start: int, lo: int) -> int | None:
    """First line of the authority / position lines above the name line ``start`` (noise and
    blank lines skipped), or None."""
    j = start - 1
    skipped = 0
    while j >= lo and (is_blank(lines[j]) or is_noise_line(lines[j].clean)) and skipped < 6:
        j -= 1
        skipped += 1
    if j < lo or not _signer_line_ok(lines[j].clean):
        return None
    first = j
    k = j - 1
    while k >= lo and k > j - 6 and _signer_line_ok(lines[k].clean):
        first = k
        k -= 1
    return first


def signer_blocks(text: str, lines: list[Line], lo: int, hi: int) -> list[tuple[int, int]]:
    """Candidate signer blocks in lines [lo, hi): (first line, name line) pairs."""
    out: list[tuple[int, int]] = []
    for i in range(lo, hi):
        c = lines[i].clean
        if c and is_authority_line(c) and split_tail_name(c) is not None:
            first = _position_above(lines, i, lo)
            out.append((first if first is not None else i, i))
            continue
        start = _name_at(lines, i, lo)
        if start is None:
            continue
        first = _position_above(lines, start, lo)
        if first is not None:
            out.append((first, i))
    # an upper-case "name" followed by a real name is the position line ("PHÓ THỦ TƯỚNG")
    best: dict[int, int] = {}
    for first, i in out:
        best[first] = max(best.get(first, i), i)
    res: list[tuple[int, int]] = []
    for first, i in sorted(best.items()):
        if res and res[-1][1] >= first:
            res[-1] = (res[-1][0], max(res[-1][1], i))
        else:
            res.append((first, i))
    return res
