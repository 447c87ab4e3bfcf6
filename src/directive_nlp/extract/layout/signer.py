"""The signer block: authority marks (TM., KT., T/M…), position lines, the signer's name."""

from __future__ import annotations

import regex

from directive_nlp.extract.layout.furniture import DMY
from directive_nlp.extract.layout.lexicon import lex, starts_with_key
from directive_nlp.extract.layout.lines import Line, is_blank, is_caps
from directive_nlp.extract.layout.names import looks_like_name
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold_key

__all__ = ["is_authority_line", "is_noise_line", "strip_rank", "signer_blocks"]

_ROMAN_HEAD = regex.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s")


def is_authority_line(clean: str) -> bool:
    return bool(rx.match(lex().authority, clean))


def is_noise_line(clean: str) -> bool:
    key = fold_key(clean).strip("()[] ")
    return key in lex().noise


def strip_rank(name: str) -> str:
    key = fold_key(name)
    for r in lex().ranks:
        if starts_with_key(key, r):
            return name[len(r) :].strip(" .")
    return name


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


def signer_blocks(text: str, lines: list[Line], lo: int, hi: int) -> list[tuple[int, int]]:
    """Candidate signer blocks in lines [lo, hi): (first line, name line) pairs."""
    out: list[tuple[int, int]] = []
    for i in range(lo, hi):
        ln = lines[i]
        if not _name_line(ln.clean) or len(ln.clean.split()) < 2 and "." not in ln.clean:
            continue
        # walk back over noise / blanks to the position line
        j = i - 1
        skipped = 0
        while j >= lo and (is_blank(lines[j]) or is_noise_line(lines[j].clean)) and skipped < 6:
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


