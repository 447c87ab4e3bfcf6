"""Title chains: every title of a person, before or after the name.

* before: "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn đại biểu Quốc hội tỉnh Nguyễn
  Văn Lợi" — titles joined by commas, "kiêm" or "đồng thời là", the last one followed by the
  name (:func:`pre_chain`);
* after: "Nguyễn Trọng Nghĩa, Bí thư Trung ương Đảng, Trưởng Ban Tuyên giáo Trung ương", "Mùa
  A Vảng - Bí thư Huyện ủy", "Kiều Văn Hậu (Phó Giám đốc Sở Xây dựng)" (:func:`post_titles`),
  a comma segment continuing the body before it ("Ban Chính sách, Chiến lược Trung ương");
* two positions of one body in one chain ("Chủ tịch UBND tỉnh, Chánh Văn phòng UBND tỉnh X"),
  or a position and its deputy ("Chủ tịch, PCT UBND tỉnh-X"), are two people: X holds the last
  (:func:`one_holder`).
"""

from __future__ import annotations

from directive_nlp.extract.officials import names
from directive_nlp.extract.officials.resolve import canon
from directive_nlp.extract.officials.syllables import DASHES, Seq
from directive_nlp.extract.officials.titles import (
    Head,
    extend,
    head_at,
    segment_end,
    segment_title,
    segment_with_name,
    stops,
    strip_province,
)

__all__ = ["pre_chain", "post_titles", "title_str", "joiner_len", "MAX_CONT_WORDS"]

MAX_CONT_WORDS = 8
Span = tuple[int, int]


def joiner_len(seq: Seq, j: int) -> int:
    """Syllables joining two titles of one person at ``j``: ",", "kiêm", ", đồng thời là" (0: none)."""
    k = 0
    if seq.is_sym(j, ","):
        k = 1
    if seq.is_word(j + k) and (k == 0 or seq.joined(j + k)):
        k += seq.match(seq.lex.joiners, j + k)
    return k


def title_str(seq: Seq, a: int, b: int) -> str:
    """Title text of syllables ``[a, b)``: as written, whitespace collapsed, trailing province
    and punctuation dropped."""
    toks = seq.toks
    if b <= a:
        return ""
    b = strip_province(seq, a, b)
    while b > a and toks[b - 1].kind == "p" and toks[b - 1].t != ")":
        b -= 1
    while b > a and seq.match(seq.lex.joiners, b - 1) == 1:
        b -= 1
    if b <= a:
        return ""
    return seq.span_text(a, b).strip(" ,;:-–—*_|#")


def name_after_sep(seq: Seq, j: int) -> Span | None:
    """"PCT UBND tỉnh-Đỗ Tâm Hiển", "PCN: Phạm Mạnh Cường": a name after "-" or ":" that fills
    the rest of its segment."""
    toks = seq.toks
    if not (seq.is_sym(j, DASHES) or seq.is_sym(j, ":")):
        return None
    i = j + 1
    if not seq.is_word(i) or toks[i].shape != "T" or toks[i].gap > 2:
        return None
    r = names.run_end(seq, i)
    if r < seq.n and not (toks[r].kind == "p" and toks[r].t in ",;.)") and toks[r].gap < 3:
        return None
    if names.choose_name(seq, i, r, strong=False) != i:
        return None
    return i, r


def _next_title(seq: Seq, head: Head, tend: int) -> int | None:
    """Where the title of ``head`` ends when another title of the same person follows it
    (after "," or a joiner), or None."""
    seg = segment_title(seq, head.start, head)
    for end in ((seg, tend) if seg is not None and seg != tend else (tend,)):
        k = joiner_len(seq, end) if end < seq.n else 0
        if k and seq.joined(end + k) and head_at(seq, end + k, allow_lower=seq.shape(head.start) == "l") is not None:
            return end
    return None


def _name_past_body(seq: Seq, head: Head, tend: int, next_title: int | None) -> tuple[int, Span] | None:
    """The title at ``head``, whose greedy body (:func:`extend`) ends at ``tend`` without a
    name, ending with the person's name further on: (title end, name) or None.
    ``next_title``: :func:`_next_title` of the title."""
    if next_title is None:
        swn = segment_with_name(seq, head)
        if swn is not None:
            return swn
    nm = name_after_sep(seq, tend)
    if nm is not None:
        return tend, nm
    if seq.is_sym(tend, ",") and head_at(seq, tend + 1) is None:
        return segment_with_name(seq, head, seg_start=tend + 1)  # the body goes on after a comma
    return None


def pre_chain(seq: Seq, i: int, lower: bool = False) -> tuple[list[Span], Span | None, int]:
    """Titles from syllable ``i`` on, joined by "," or a joiner, ending with a name or not
    (``lower``: positions may be written in lower case: "chủ tịch UBND tỉnh Nguyễn Ngọc Hai").

    Returns (title spans, name span, index after the last consumed syllable).
    """
    titles: list[Span] = []
    heads: list[int] = []
    pos = i
    last = i
    while True:
        head = head_at(seq, pos, allow_lower=lower)
        if head is None:
            break
        heads.append(head.end)
        tend, name, _ = extend(seq, head)
        end = _next_title(seq, head, tend) if name is None else None
        found = (tend, name) if name is not None else _name_past_body(seq, head, tend, end)
        if found is not None:
            titles.append((head.start, found[0]))
            return one_holder(seq, titles, heads), found[1], found[1][1]
        if end is None:
            titles.append((head.start, tend))
            last = tend
            break
        titles.append((head.start, end))
        last = end
        pos = end + joiner_len(seq, end)
    return titles, None, last


def bare_head_end(seq: Seq, a: int, default: int) -> int:
    """End of the position words of the title at ``a`` without its body ("Chủ tịch" of "Chủ
    tịch UBND tỉnh")."""
    lex = seq.lex
    j = a + seq.match(lex.modifiers, a)
    if seq.is_word(j) and seq.toks[j].t in lex.abbrev_heads:
        return j + 1
    j += seq.match(lex.deputy, j)
    k = seq.match(lex.bare_heads, j)
    return j + k if k else default


def one_holder(seq: Seq, titles: list[Span], heads: list[int]) -> list[Span]:
    """Keep the titles one person can hold: two different positions of the same body
    ("Chủ tịch UBND tỉnh, Chánh Văn phòng UBND tỉnh X") are two people; X holds the last."""
    keep: list[Span] = []
    seen: dict[str, str] = {}
    positions: list[str] = []
    for (a, b), h in reversed(list(zip(titles, heads))):
        h = bare_head_end(seq, a, h)
        head = canon(seq.span_text(a, h if a < h <= b else b))
        if any(p.startswith("phó " + head) for p in positions):
            break  # "Chủ tịch, PCT UBND tỉnh X": the chair is someone else
        positions.append(head)
        if b <= h or h <= a:
            keep.append((a, b))
            continue
        body = canon(seq.span_text(h, b))
        if body in seen and seen[body] != head:
            break
        seen.setdefault(body, head)
        keep.append((a, b))
    keep.reverse()
    return keep


def continuation(seq: Seq, i: int) -> int | None:
    """A comma segment that continues the previous title's body ("…Ban Chính sách, Chiến
    lược Trung ương"): capitalised words only, no position, no name."""
    toks, lex = seq.toks, seq.lex
    if not (seq.is_word(i) and toks[i].shape == "T" and seq.joined(i)):
        return None
    e = segment_end(seq, i)
    if e - i > MAX_CONT_WORDS or not (e >= seq.n or seq.toks[e].gap >= 3 or seq.is_sym(e, ",;.:()*")):
        return None
    if seq.match(lex.org_heads, i) == e - i:
        return None  # a bare institution ("…, Chính phủ, …"): the next item of a list, not a body
    lc = 1
    j = i
    while j < e:
        t = toks[j]
        if t.kind != "w":
            return None
        if t.shape == "T":
            r = names.run_end(seq, j)
            if r - j >= 2 and names.choose_name(seq, j, r, strong=False) is not None:
                return None
            lc = 0
            j = r
            continue
        if t.shape == "l":
            if t.f == "và" or seq.match(lex.admin, j) or not t.wfirst:
                lc = 1 if t.wfirst else lc
            elif lc == 0 and not stops(seq, j):
                lc = 1
            else:
                return None
        j += 1
    return e


def _post_one(seq: Seq, pos: int, titles: list[Span]) -> int | None:
    """Read one title after a name at ``pos`` (or a continuation of the last): its end, or None."""
    head = head_at(seq, pos, allow_lower=True)
    if head is not None:
        seg = segment_title(seq, head.start, head)
        if seg is not None:
            titles.append((head.start, seg))
            return seg
        tend, name, _ = extend(seq, head)
        if name is not None or (tend == head.end and seq.is_word(tend) and seq.match(seq.lex.plural, tend) == 1):
            return None  # the next person's title, or a group's ("Bộ trưởng các bộ")
        titles.append((head.start, tend))
        return tend
    if titles:
        c = continuation(seq, pos)
        if c is not None:
            titles[-1] = (titles[-1][0], c)
        return c
    return None


def _opener_len(seq: Seq, j: int) -> int:
    """What opens the titles after a name at ``j``: ",", "(", a dash, or a copula before a
    position ("…, khi đó là phó thủ tướng", "do X làm Trưởng đoàn"); 0: none."""
    if seq.is_sym(j, ",(") or seq.is_sym(j, DASHES):
        k = 1
        if seq.is_word(j + 1) and seq.joined(j + 1):
            k += seq.match(seq.lex.copulas, j + 1)
        return k if k == 1 or head_at(seq, j + k, allow_lower=True) is not None else 1
    k = seq.match(seq.lex.copulas, j) if seq.is_word(j) and seq.joined(j) else 0
    return k if k and seq.joined(j + k) and head_at(seq, j + k, allow_lower=True) is not None else 0


def post_titles(seq: Seq, j: int) -> tuple[list[Span], int]:
    """Titles written after a name: " - Bí thư Huyện ủy", ", Thứ trưởng Bộ Công an, …",
    "(Phó Giám đốc Sở Xây dựng)", "… khi đó là phó thủ tướng, đồng thời là trưởng Ban …"."""
    titles: list[Span] = []
    opener = _opener_len(seq, j)
    if not opener and not (seq.joined(j) and names.position_at(seq, j)):
        return titles, j  # (a position right after the name: a caption, "Nguyễn Văn Tám Phó giám đốc …")
    closing = seq.is_sym(j, "(")
    pos = j + opener
    end = j
    while pos < seq.n and seq.toks[pos].gap <= 2:
        b = _post_one(seq, pos, titles)
        if b is None:
            break
        end = b
        k = joiner_len(seq, b) if b < seq.n else 0
        if not k:
            break
        pos = b + k
    if closing and seq.is_sym(end, ")"):
        end += 1
    return titles, end
