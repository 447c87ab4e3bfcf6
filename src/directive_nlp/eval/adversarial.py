"""Adversarial inputs: texts built to make a pattern or a scan go quadratic, or memory explode.

Each generator takes a size in characters and returns a text of about that size; the shapes
are those of real bulletins pushed to extremes (runs of brackets, one endless word, a header
block repeated, thousands of numbered lines…). ``scripts/adversarial.py`` writes them (~1 MB
each) and measures time and peak memory of the extraction; ``tests/test_adversarial.py``
checks that doubling an input at most about doubles the work.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["GENERATORS", "make"]


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


def _brackets(size: int) -> str:
    half = max(1, (size - 8) // 2)
    return "(" * half + "Sở Y tế" + ")" * half


def _quotes(size: int) -> str:
    half = max(1, (size - 8) // 2)
    return "\u201c" * half + "Sở Y tế" + "\u201d" * half


def _mixed_brackets(size: int) -> str:
    return _repeat("([\u201c\u00ab", size // 2) + "Sở Y tế" + _repeat("\u00bb\u201d])", size // 2)


def _long_word(size: int) -> str:
    return _repeat("hoàn", size)  # one word of letters, tone marks that never end a syllable


def _long_ascii_word(size: int) -> str:
    return "x" * size


def _combining_marks(size: int) -> str:
    return "a" + "\u0301" * (size - 1)


def _so_runs(size: int) -> str:
    return _repeat("Số ", size)


def _numbered_lines(size: int) -> str:
    lines = []
    total = 0
    i = 1
    while total < size:
        line = f"{i}. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính triển khai thực hiện.\n"
        lines.append(line)
        total += len(line)
        i += 1
    return "".join(lines)


def _name_list(size: int) -> str:
    return _repeat("đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh; ", size, head="Tham dự có ")


def _dates(size: int) -> str:
    return _repeat("ngày 12/3/2024, ngày 28 tháng 5 năm 2021, ", size)


def _weekdays(size: int) -> str:
    return _repeat("Lịch họp: Thứ Hai giao ban; Thứ Tư kiểm tra, ", size)


def _doc_numbers(size: int) -> str:
    return _repeat("Quyết định số 45/QĐ-UBND, Công văn số 1234/UBND-KT, ", size)


def _header_blocks(size: int) -> str:
    block = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 45/QĐ-UBND\n"
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Quảng Trị, ngày 12 tháng 3 năm 2024\n")
    return _repeat(block, size)


def _nested_bullets(size: int) -> str:
    return _repeat("- Sở Y tế:\n  + Chủ trì triển khai;\n    * Báo cáo UBND tỉnh trước ngày 30/6/2024.\n", size)


def _titles(size: int) -> str:
    return _repeat("Chủ tịch UBND tỉnh ", size)


def _giao_runs(size: int) -> str:
    return _repeat("giao Sở Y tế, Sở Tài chính, ", size, head="UBND tỉnh ", tail="thực hiện.")


def _zero_width(size: int) -> str:
    return _repeat("S\u200bở Y\u200b tế\u200b chủ\u200b trì.\n", size)


def _cr_lines(size: int) -> str:
    return _repeat("Giao Sở Y tế chủ trì thực hiện.\r", size)


def _one_line(size: int) -> str:
    return _repeat("Giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan thực hiện; ", size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "brackets": _brackets,
    "quotes": _quotes,
    "mixed_brackets": _mixed_brackets,
    "long_word": _long_word,
    "long_ascii_word": _long_ascii_word,
    "combining_marks": _combining_marks,
    "so_runs": _so_runs,
    "numbered_lines": _numbered_lines,
    "name_list": _name_list,
    "dates": _dates,
    "weekdays": _weekdays,
    "doc_numbers": _doc_numbers,
    "header_blocks": _header_blocks,
    "nested_bullets": _nested_bullets,
    "titles": _titles,
    "giao_runs": _giao_runs,
    "zero_width": _zero_width,
    "cr_lines": _cr_lines,
    "one_line": _one_line,
}


def make(name: str, size: int) -> str:
    """The input ``name`` of about ``size`` characters."""
    return GENERATORS[name](size)
