"""A noun phrase of bodies split into assignees, each name kept whole."""

from __future__ import annotations

from functools import lru_cache

import regex

from directive_nlp.extract.directives.lexicon import Lex, phrase_key
from directive_nlp.extract.directives.tokens import clean
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

_PARENTHETICAL = regex.compile(r"\s*\([^()]*\)")
_SEMICOLON_SPLIT = regex.compile(r"\s*;\s*")
_LEADING_AND = regex.compile(r"^\s*và\s+")
_CONJUNCT_CUT = regex.compile(r",\s+|\s+và\s+")
# "các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai": a unit word, a colon and a list of capitalised names
_PLACE_LIST = regex.compile(
    r"((?:thành\s+phố|thị\s+xã|đặc\s+khu|[\p{L}]+))\s*:\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*"
    r"(?:\s*(?:,|và)\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*)*"
)
# "… tỉnh Quảng Ngãi", "… TP Hà Nội" at the end of a position
_TRAILING_PLACE = regex.compile(r"\s+(?:tỉnh|thành phố|TP\.?)\s+\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*)*$")


def _proper_conjunct(words: list[str], lex: Lex, first: bool) -> bool:
    """A conjunct that names a particular body or a person position (splits a list)."""
    words = [w.strip(",;:.") for w in words if w.strip(",;:.")]
    if not words:
        return False
    f = [w.casefold() for w in words]
    k = 0
    if f[0] in ("các", "những") and len(words) > 1:
        k = 1
    n0 = lex.pronouns.match(f, k)
    if n0 and k + n0 < len(words):
        k += n0
    if lex.person_heads.match(f, k) and not lex.pronouns.match(f, k):
        return True
    if words[k].isupper() and len(words[k]) >= 2 and any(c.isalpha() for c in words[k]):
        return True
    n = lex.subject_heads.match(f, k)
    if not n or not words[k][:1].isupper():
        return False
    if k == 1 or not first:
        return True
    rest = words[k + n : k + n + 2]
    return bool(rest) and (rest[0][:1].isupper() or rest[0][:1].isdigit())  # "Sở Y tế", "Quân khu 5"


def _drop_place_list(s: str, lex: Lex) -> str:
    """"các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai và lãnh đạo…" → "các tỉnh và lãnh đạo…"."""

    def repl(m: regex.Match[str]) -> str:
        unit = m.group(1)
        if not lex.place_units.match(phrase_key(unit), 0):
            return m.group(0)
        return unit

    if ":" not in s:
        return s  # (no place list without its colon)
    try:
        return _PLACE_LIST.sub(repl, s, timeout=rx.TIMEOUT)
    except TimeoutError:
        return s


def _strip_catch_all(s: str, lex: Lex) -> str:
    m = rx.search(lex.catch_all, s)
    if m is None or m.start() == 0:
        return s
    return s[: m.start()].rstrip(" ,;")


def split_assignees(s: str, lex: Lex, *, person_place: bool = True, others: bool = False) -> list[str]:
    """One noun phrase of bodies → the assignees it names, as written. The others after them
    ("… và các cơ quan, tổ chức, cá nhân có liên quan") are an item of their own with
    ``others`` (the subject of a task: they must act too), else left out (those one works with)."""
    return list(_assignees_of(s, lex, person_place, others))


@lru_cache(maxsize=8192)
def _assignees_of(s: str, lex: Lex, person_place: bool, others: bool) -> tuple[str, ...]:
    """split_assignees, cached: a function of the phrase alone, and a document names the same
    bodies again and again ("Sở Y tế", "UBND các huyện")."""
    s = clean(_PARENTHETICAL.sub("", s))
    s = _drop_place_list(s, lex)
    s = s.strip(" ,;:.-–")
    if not s:
        return []
    out: list[str] = []
    for part in _SEMICOLON_SPLIT.split(s):
        part = part.strip(" ,")
        if not part:
            continue
        pieces = _split_list(part, lex)
        out.extend(pieces)
    cleaned: list[str] = []
    for p in out:
        # after other bodies only: a group of its own that comes first is an item
        tail = rx.search(lex.catch_all, " và " + p) if len(out) > 1 and not others and cleaned else None
        if tail is not None and tail.start() == 0:
            continue  # "…, các cơ quan, tổ chức có liên quan" as an item of its own: left out
        stripped = _strip_catch_all(p, lex) if len(out) > 1 or " và " in p else p
        if stripped != p and others:
            # "… và các cơ quan, tổ chức, cá nhân có liên quan": the others that must act
            tail = _LEADING_AND.sub("", p[len(stripped):].strip(" ,;"))
            out.append(tail)
        p = stripped
        words = p.split()
        # a singular honorific is not part of the position ("Đồng chí Bí thư tỉnh ủy")
        if len(words) > 2 and words[0].casefold() in ("đồng", "ông", "bà") and (
            words[0].casefold() != "đồng" or words[1].casefold() == "chí"
        ):
            p = " ".join(words[2:] if words[0].casefold() == "đồng" else words[1:])
        if person_place:
            p = _drop_trailing_place(p, lex)
        p = p.strip(" ,;:.-–")
        if p and p not in cleaned:
            cleaned.append(p)
    return tuple(cleaned)


def _split_list(part: str, lex: Lex) -> list[str]:
    """Split "Bộ Quốc phòng, Bộ Công an" and "Bí thư tỉnh ủy và Chủ tịch …", keep "Cấp ủy,
    chính quyền các cấp, các ngành, MTTQ và các tổ chức …" whole (a generic first conjunct)
    and never cut inside a known name with a comma or "và" ("Sở Văn hóa, Thể thao và Du lịch",
    "Bộ Lao động - Thương binh và Xã hội": the issuer table and the abbreviations' long forms)."""
    names = [(m.start(), m.end()) for m in rx.finditer(lex.compound_names, part)]
    cuts = [m for m in _CONJUNCT_CUT.finditer(part) if not any(a < m.start() < b for a, b in names)]
    if not cuts:
        return [part]
    first_end = cuts[0].start()
    first_words = part[:first_end].split()
    # the first conjunct: up to the first split point that starts a proper conjunct
    points: list[tuple[int, int]] = []
    # "các Tổng cục, Cục, Vụ chuyên ngành": bare heads under one "các" are one group
    group = len(first_words) > 1 and first_words[0].casefold() in ("các", "những") and _bare_body(first_words[1:], lex)
    for m in cuts:
        rest = part[m.end() :].split()
        if group and _bare_body(rest[:6], lex):
            continue
        if _proper_conjunct(rest[:4], lex, first=False) and not rest[0].casefold() in ("các", "những") or (
            rest and rest[0].casefold() in ("các", "những") and len(rest) > 1
            and (rest[1][:1].isupper() or (points and lex.subject_heads.match([w.casefold() for w in rest[1:3]], 0)))
            and (_proper_conjunct(rest[:4], lex, first=False) or points)
        ):
            # after a particular body, "các <bodies>" is the next item ("Quân khu 7, các đơn vị …")
            points.append((m.start(), m.end()))
    if points and not _proper_conjunct(part[: points[0][0]].split(), lex, first=True):
        points = []  # a generic first conjunct keeps its list whole ("Cấp ủy, chính quyền các cấp, …")
    points = sorted(set(points) | set(_new_item_points(part, cuts, lex)))
    if not points:
        return [part]
    pieces: list[str] = []
    last = 0
    for a, b in points:
        pieces.append(part[last:a])
        last = b
    pieces.append(part[last:])
    return [p.strip(" ,") for p in pieces if p.strip(" ,")]


def _named_body(words: list[str], lex: Lex) -> bool:
    """The words open a particular body: a head written with a capital and its name after it
    ("Văn phòng UBND tỉnh", "Sở Tư pháp", "Bộ Nông nghiệp và Môi trường"), not a bare head."""
    f = [w.casefold().strip(",;:.") for w in words]
    n = lex.subject_heads.match(f, 0)
    if not n or not words[0][:1].isupper() or words[n - 1][-1:] in (",", ";"):
        return False
    for w in words[n : n + 3]:  # "Ủy ban nhân dân Thành phố …": the name after the head's words
        if w.casefold() in ("và", "hoặc"):
            return False
        core = w.strip(",;:.")
        if core[:1].isupper() or core[:1].isdigit():
            return True
        if w[-1:] in (",", ";"):
            return False
    return False


def _bare_body(words: list[str], lex: Lex) -> bool:
    """The words are a kind of body without its name ("Tổng cục", "Vụ chuyên ngành"), neither a
    position ("Bộ trưởng"), an acronym ("UBND xã") nor a named body."""
    f = [w.casefold().strip(",;:.") for w in words]
    if not f or f[0] in ("các", "những") or not lex.subject_heads.match(f, 0) or lex.person_heads.match(f, 0):
        return False
    return not words[0].strip(",;:.").isupper() and not _named_body(words, lex)


def _new_item_points(part: str, cuts: list[regex.Match[str]], lex: Lex) -> list[tuple[int, int]]:
    """Split points that start a new item whatever the first conjunct is: a named body after
    a group ("các sở, ban, ngành, Văn phòng UBND tỉnh"); after a named body, a comma and "các"
    with a body head ("Sở Tư pháp, các cơ quan, đơn vị liên quan"); a body after a group closed
    by "(có) liên quan" ("các bộ, ngành liên quan và chính quyền địa phương")."""
    out: list[tuple[int, int]] = []
    for m in cuts:
        rest = part[m.end() :].split()
        before = part[: m.start()].split()
        if not rest or not before:
            continue
        f = [w.casefold() for w in rest[:4]]
        if _named_body(rest[:6], lex):
            out.append((m.start(), m.end()))
        elif (
            m.group(0).strip() == "," and f[0] in ("các", "những") and len(f) > 1
            and lex.subject_heads.match(f, 1) and _named_body(part[: cuts[0].start()].split(), lex)
        ):
            out.append((m.start(), m.end()))
        elif (
            m.group(0).strip() == "và" and before[-1].casefold() == "quan" and len(before) > 1
            and before[-2].casefold() == "liên" and lex.subject_heads.match(f, 0)
        ):
            out.append((m.start(), m.end()))
    return out


def _drop_trailing_place(p: str, lex: Lex) -> str:
    """"Giám đốc Sở X tỉnh Quảng Ngãi" → "Giám đốc Sở X" (a position without the province)."""
    words = p.split()
    f = [w.casefold() for w in words]
    if not words or not lex.person_heads.match(f, 0) or lex.pronouns.match(f, 0):
        return p
    m = _TRAILING_PLACE.search(p)
    head = lex.person_heads.match(f, 0)
    if m and m.start() > 0 and any(w[:1].isupper() for w in p[: m.start()].split()[head:]):
        return p[: m.start()]
    return p


def norm_assignee(a: str, lex: Lex) -> str:
    words = fold(a).split()
    if words and words[0] in ("các", "những"):
        words = words[1:]
    out: list[str] = []
    for w in words:
        out.append(lex.abbrev.get(w, w))
    return " ".join(out)


# --------------------------------------------------------------------------- deadlines
