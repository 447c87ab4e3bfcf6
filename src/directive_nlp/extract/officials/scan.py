"""The scan of one main-text span: who is named, with which titles.

At each syllable the phases of :data:`PHASES` are tried in order; the first that reads
something moves the scan past it:

1. :func:`group` — "các đồng chí <titles>: A, …; B" (the group's titles go to every member);
   "các Phó Thủ tướng" names nobody;
2. :func:`honorific` — "đồng chí", "ông", "Đ/c", "PGS.TS" (then a rank, a title chain or a name;
   a given name alone, "ông Chung", is a short reference resolved later);
3. :func:`rank` — "Đại tá Lê Minh Quang";
4. :func:`title` — a title chain before a name, or a title standing alone (a mention of its
   holder, resolved later);
5. :func:`name_first` — a name followed by its titles: "Thái Thanh Quý, Ủy viên Trung ương
   Đảng, …", "NGUYỄN VĂN A – Phó Chủ tịch …".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from directive_nlp.extract.officials import names
from directive_nlp.extract.officials.chains import post_titles, pre_chain, title_str
from directive_nlp.extract.officials.merge import Registry, ShortRef, TitleOnly
from directive_nlp.extract.officials.syllables import Seq
from directive_nlp.extract.officials.titles import Head, extend, head_at, segment_title

__all__ = ["Scan", "scan", "PHASES", "phase_firsts", "phases_at"]

Span = tuple[int, int]
_GENERIC = frozenset({"các", "những", "mỗi"})


@dataclass
class Scan:
    seq: Seq
    reg: Registry
    title_only: list[TitleOnly] = field(default_factory=list)
    short_refs: list[ShortRef] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def role_after(seq: Seq, j: int) -> str | None:
    """"chair" or "speaker" from the verb after a mention (past "," and preverbs)."""
    toks, lex = seq.toks, seq.lex
    k = j
    for _ in range(4):
        if k < seq.n and toks[k].gap < 3 and (seq.is_sym(k, ",") or seq.match(lex.preverbs, k)):
            k += 1 if toks[k].kind == "p" else seq.match(lex.preverbs, k)
            continue
        break
    if k >= seq.n or toks[k].gap >= 3 or toks[k].kind != "w":
        return None
    if seq.match(lex.chair, k):
        return "chair"
    if seq.match(lex.speech, k):
        return "speaker"
    return None


def _plural_before(seq: Seq, i: int) -> bool:
    return seq.joined(i) and bool(seq.ends_at(seq.lex.plural, i, 2))


def _past_other_spelling(seq: Seq, j: int) -> int:
    """Past the name's other spelling in parentheses right after it ("Hoan Ết-xtê-ban …
    (Joan Esteban Lazo Hernandez), Chủ tịch Quốc hội Cu-ba"): where its titles may start."""
    if not (seq.is_sym(j, "(") and seq.shape(j + 1) == "T"):
        return j
    e = names.run_end(seq, j + 1)
    return e + 1 if seq.is_sym(e, ")") and e - (j + 1) >= 2 and seq.is_sym(e + 1, ",") else j


def person(sc: Scan, name: Span, pre: Sequence[Span], cued: bool, group: Sequence[str] = ()) -> int:
    """Register the person named at ``name`` with the titles before it, after it and of its
    group; returns where the scan goes on."""
    seq = sc.seq
    post, end = post_titles(seq, _past_other_spelling(seq, name[1]))
    pre_t = [title_str(seq, a, b) for a, b in pre]
    post_t = [title_str(seq, a, b) for a, b in post]
    titles = [t for t in [*group, *pre_t, *post_t] if t]
    stop = max(end, name[1])
    if not titles and not cued:
        return stop
    mention_title = (pre_t[-1] if pre_t and pre_t[-1] else None) or (post_t[0] if post_t and post_t[0] else None)
    p = sc.reg.add(seq.toks[name[0]].s, seq.toks[name[1] - 1].e, titles, cued, mention_title)
    if p is not None:
        role = role_after(seq, stop)
        if role:
            p.roles.add(role)
    return stop


def _short_ref(sc: Scan, i: int, title: str | None) -> int | None:
    """A given name alone at ``i`` ("ông [Chung] cho biết"): recorded, returns its end."""
    seq = sc.seq
    if not (seq.shape(i) == "T" and seq.joined(i)):
        return None
    e = names.unit_end(seq, i)
    if (e < seq.n and seq.shape(e) in ("T", "U") and seq.joined(e)) or seq.name_stop(i):
        return None
    sc.short_refs.append(ShortRef(seq.toks[i].s, seq.toks[e - 1].e, seq.folded(i, e), title, role_after(seq, e)))
    return e


def _title_alone(sc: Scan, titles: list[Span], end: int) -> None:
    """A chain without a name: a mention of its holder, or a given name after a position."""
    seq = sc.seq
    a0, b0 = titles[0]
    if b0 <= a0:
        return
    head = head_at(seq, a0)
    if head is not None and len(titles) == 1 and b0 == names.unit_end(seq, head.end) and seq.shape(head.end) == "T":
        if _short_ref(sc, head.end, seq.span_text(a0, head.end)) is not None:
            return  # "Chủ tịch Chung yêu cầu"
    strs = tuple(title_str(seq, a, b) for a, b in titles)
    sc.title_only.append(TitleOnly(seq.toks[a0].s, seq.toks[b0 - 1].e, strs, role_after(seq, end)))


# --------------------------------------------------------------------------- phases


def group(sc: Scan, i: int) -> int | None:
    seq, lex = sc.seq, sc.seq.lex
    k = seq.match(lex.plural, i)
    if not k or not seq.joined(i + k):
        return None
    hs = seq.match(lex.hon_strong, i + k)
    h = hs or seq.match(lex.hon_weak, i + k)
    if h:
        j = _group_list(sc, i + k + h, strong=bool(hs))
        return max(j, i + k + h)
    head = head_at(seq, i + k, allow_lower=True)
    if head is None:
        return None
    return _titled_list(sc, head)  # "các bộ trưởng A, B và C"; "các Phó Thủ tướng": nobody


def _titled_list(sc: Scan, head: Head) -> int:
    """Persons listed after a plural title ("các bộ trưởng Nguyễn Ngọc Thiện, Nguyễn Xuân
    Cường và Nguyễn Thị Kim Tiến", "các Phó Thủ tướng: A, B"): each holds the title."""
    seq = sc.seq
    tend, name, _ = extend(seq, head)
    if name is None and seq.is_sym(tend, ":"):
        name = names.name_after_cue(seq, tend + 1)
    if name is None:
        return max(tend, head.end)
    shared = [title_str(seq, head.start, min(tend, name[0]))]
    while True:
        end = person(sc, name, [], cued=False, group=shared)
        if not (end < seq.n and (seq.is_sym(end, ",;") or seq.folds[end] == "và")):
            return end
        name = names.name_after_cue(seq, end + 1)
        if name is None or names.choose_name(seq, name[0], name[1], strong=False) != name[0]:
            return end


def _group_list(sc: Scan, j: int, strong: bool) -> int:
    """After "các đồng chí": optional shared titles, ":" and a list of persons."""
    seq, lex = sc.seq, sc.seq.lex
    shared: list[str] = []
    pos = j
    while (head := head_at(seq, pos) if seq.joined(pos) else None) is not None:
        seg = segment_title(seq, head.start, head)
        if seg is None:
            return pos
        shared.append(title_str(seq, head.start, seg))
        pos = seg
        if not seq.is_sym(pos, ","):
            break
        pos += 1
    if not seq.is_sym(pos, ":"):
        return pos
    pos += 1
    while pos < seq.n and seq.toks[pos].gap < 3:
        pos += seq.match(lex.hon_strong, pos)
        r = seq.match(lex.ranks, pos)
        pos += r
        found = names.name_after_cue(seq, pos)
        if found is None:
            break
        end = person(sc, found, [], cued=strong or bool(r), group=shared)
        if end < seq.n and (seq.is_sym(end, ",;") or seq.folds[end] == "và"):
            pos = end + 1
            continue
        return end
    return pos


def honorific(sc: Scan, i: int) -> int | None:
    seq, lex = sc.seq, sc.seq.lex
    hs = seq.match(lex.hon_strong, i)
    h = hs or seq.match(lex.hon_weak, i)
    if not h or _plural_before(seq, i):
        return None
    j = i + h
    while seq.is_sym(j, ".") and seq.toks[j].gap == 0:
        j += 1
        if j < seq.n and seq.toks[j].gap == 0:
            j += seq.match(lex.hon_weak, j)  # "PGS.TS."
    r = seq.match(lex.ranks, j)
    if r and seq.joined(j):
        j += r
    cued = bool(hs) or bool(r)
    if seq.joined(j) and head_at(seq, j) is not None:
        titles, name, end = pre_chain(seq, j)
        if name is not None:
            return person(sc, name, titles, cued=cued)
        if titles:
            _title_alone(sc, titles, end)
        return max(end, i + 1)
    found = names.name_after_cue(seq, j)
    if found is not None and (seq.shape(j) != "U" or not _caps_line(seq, i)):
        return person(sc, found, [], cued=cued)
    short = _short_ref(sc, j, None)
    return short if short is not None else j


def _caps_line(seq: Seq, i: int) -> bool:
    """The honorific at ``i`` is itself upper case (a heading: "ÔNG NGUYỄN VĂN A")."""
    return seq.toks[i].shape == "U"


def rank(sc: Scan, i: int) -> int | None:
    seq = sc.seq
    r = seq.match(seq.lex.ranks, i)
    if not r or seq.toks[i].shape not in ("T", "l"):
        return None
    found = names.name_after_cue(seq, i + r)
    return person(sc, found, [], cued=True) if found is not None else None


def title(sc: Scan, i: int) -> int | None:
    seq = sc.seq
    head = head_at(seq, i)
    if head is None:
        return _lower_title(sc, i)
    if seq.joined(i) and seq.shape(i - 1) == "T" and seq.inside_place(i):
        return head.end  # "tại Phủ Chủ tịch": a place, not a position
    titles, name, end = pre_chain(seq, i)
    if name is not None:
        return person(sc, name, titles, cued=False)
    if titles and not _plural_before(seq, i) and not (seq.is_word(end) and seq.folds[end] in _GENERIC):
        _title_alone(sc, titles, end)
    return max(end, head.end, i + 1)


def _lower_title(sc: Scan, i: int) -> int | None:
    """A title in lower case counts only with the name it stands before ("Qua xem xét, chủ
    tịch UBND tỉnh Nguyễn Ngọc Hai có ý kiến …")."""
    seq = sc.seq
    if seq.shape(i) != "l" or head_at(seq, i, allow_lower=True) is None or _plural_before(seq, i):
        return None
    titles, name, _ = pre_chain(seq, i, lower=True)
    return person(sc, name, titles, cued=False) if name is not None else None


def name_first(sc: Scan, i: int) -> int | None:
    seq = sc.seq
    shape = seq.shape(i)
    if shape not in ("T", "U") or (i > 0 and seq.shape(i - 1) == shape and seq.joined(i)):
        return None
    if shape == "U":
        r_end = names.caps_name_end(seq, i)
        if r_end is None:
            return None
        p: int | None = i
    else:
        r_end = names.run_end(seq, i)
        if r_end - i < 2:
            return None
        p = names.choose_name(seq, i, r_end, strong=False)
        if p is None or (p != i and names.cue_before(seq, i) != ""):
            return None
    post, _ = post_titles(seq, r_end)
    if not post:
        return None
    return person(sc, (p, r_end), [], cued=False)


PHASES: tuple[Callable[[Scan, int], int | None], ...] = (group, honorific, rank, title, name_first)
_NAME_ONLY = (name_first,)


def phase_firsts(seq: Seq) -> frozenset[str]:
    """The syllables that group, honorific, rank and title can start with: a plural marker, an
    honorific, a rank, a modifier, "Phó" or a position (or an abbreviated position, as written)."""
    lex = seq.lex
    return lex.plural.firsts | lex.hon_strong.firsts | lex.hon_weak.firsts | lex.ranks.firsts | lex.head_firsts


def phases_at(seq: Seq, i: int, firsts: frozenset[str]) -> tuple[Callable[[Scan, int], int | None], ...]:
    """The phases that can read something at syllable ``i``: all at a syllable of
    :func:`phase_firsts`; else only :func:`name_first` at a capitalised word; none elsewhere."""
    t = seq.toks[i]
    if t.kind != "w":
        return ()
    if seq.folds[i] in firsts or t.t in seq.lex.abbrev_heads:
        return PHASES
    return _NAME_ONLY if t.shape in ("T", "U") else ()


def scan(seq: Seq, reg: Registry) -> Scan:
    """Read one span (see module doc)."""
    sc = Scan(seq, reg)
    firsts = phase_firsts(seq)
    i = 0
    while i < seq.n:
        for phase in phases_at(seq, i, firsts):
            nxt = phase(sc, i)
            if nxt is not None:
                i = max(nxt, i + 1)
                break
        else:
            i += 1
    return sc
