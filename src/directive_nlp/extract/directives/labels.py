"""Labels and lines of a notice body: "1.", "a)", "-", "Điều 2"; the body region, the preamble, the lead-in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import regex

from directive_nlp.extract.directives.deadlines import Deadline
from directive_nlp.extract.directives.lexicon import Lex, load_lex
from directive_nlp.extract.directives.nounphrase import is_starter, is_subject_start
from directive_nlp.extract.directives.tokens import clean, folds, tokens_in
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold
from directive_nlp.text.words import wrap_breaks

LABEL = regex.compile(
    r"""[ \t]*(?:\*\*|__)?[ \t]*
    (?P<label>
        Điều[ \t]+\d{1,3}[a-zđ]?(?:[ \t]*[.:])?
      | [IVXL]{1,6}\.(?=[\s*])
      | \d{1,2}(?:\.\d{1,2}){1,3}\.?(?=[\s*])
      | \d{1,2}[.)](?=[\s*])
      | \(\d{1,2}\)(?=[\s*])
      | \([a-zđ]\)(?=[\s*])
      | [a-zđ]\)(?=[\s*])
      | [-–—•+](?=[ \t*])
    )
    [ \t]*(?:\*\*|__)?[ \t]*""",
    regex.X,
)
PREV_OK = ".;:!?…”\"*)/"

_ROMAN = regex.compile(r"[IVXL]+\.")
_MULTI = regex.compile(r"\d+(?:\.\d+)+\.?")  # "1.2.", "1.2.3"
# the other kinds of label, tried in order: "1.", "1)", "(1)", "(a)", "a)"
_SIMPLE_KINDS = (
    (regex.compile(r"\d+[.]"), "num"),
    (regex.compile(r"\d+\)"), "numparen"),
    (regex.compile(r"\(\d+\)"), "pnum"),
    (regex.compile(r"\([a-zđ]\)"), "palpha"),
    (regex.compile(r"[a-zđ]\)"), "alpha"),
)
_NOT_IN_KEY = regex.compile(r"[^\p{L}\p{N}.]")
_TRAILING_DIEN = regex.compile(r"(?i)\s+điện\s*:?\s*$")  # "… điện:" ending an issuing line
_CLAUSE_END = regex.compile(r"[;.:!?]\s|\n\s*\n|\*\s")
_COMMA = regex.compile(r",")
_NOT_A_SUBJECT_BEFORE = regex.compile(r"(?i)(?<![\p{L}])(?:đã|sẽ|đang|theo|các|những|của)\s+$")
_TRAILING_ADVERB = regex.compile(r"\s+(?:cũng|đồng thời)$")
_COMRADE = regex.compile(r"(?i)^(?:đồng chí|đ/c)\s+")
_SENTENCE_BREAK = regex.compile(r"[.;!?]\s|\n\s*\n")


def label_type(label: str) -> str:
    if label.startswith("Điều"):
        return "dieu"
    if _ROMAN.fullmatch(label):
        return "roman"
    if _MULTI.fullmatch(label):
        return f"multi{label.rstrip('.').count('.')}"
    for pat, kind in _SIMPLE_KINDS:
        if pat.fullmatch(label):
            return kind
    if label in ("+",):
        return "plus"
    if label in ("•",):
        return "dot"
    return "dash"


def label_key(label: str) -> str:
    if label.startswith("Điều"):
        return "D" + "".join(c for c in label if c.isdigit() or c.isalpha() and c not in "Điều")
    k = _NOT_IN_KEY.sub("", label).strip(".")
    return k.replace(".", "_")


@dataclass
class TextLine:
    start: int
    end: int
    raw: str


def text_lines(text: str, a: int, b: int) -> list[TextLine]:
    """The lines of text[a:b] as its writer made them: a line break that only wraps a line
    (the next word would not have fitted, text/words.py) joins the two lines."""
    out: list[TextLine] = []
    soft = wrap_breaks(text, a, b)
    pos = a
    start = a
    while pos < b:
        nl = text.find("\n", pos, b)
        while nl >= 0 and nl in soft:
            nl = text.find("\n", nl + 1, b)
        e = b if nl < 0 else nl
        out.append(TextLine(start, e, text[start:e]))
        pos = start = e + 1
    return out


def soft_breaks(text: str, a: int, b: int) -> set[int]:
    """Line breaks inside a sentence of the analysis (text is the document's DocText): a
    paragraph hard-wrapped by its writer or a crawler, where the line break is only a space."""
    out: set[int] = set()
    analysis = getattr(text, "analysis", None)
    if analysis is None:
        return out
    for sent in analysis.sentences:
        if sent.end <= a or sent.start >= b:
            continue
        p = text.find("\n", max(a, sent.start), min(b, sent.end))
        while p >= 0:
            out.add(p)
            p = text.find("\n", p + 1, min(b, sent.end))
    return out


def in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def blankish(raw: str) -> bool:
    return not clean(raw)


@dataclass
class Node:
    label: str
    ltype: str
    line_start: int  # where the label line starts (ends the previous item)
    start: int  # text start (after the label)
    end: int
    parent: int | None = None
    id: str = ""
    path: str = ""
    children: list[int] | None = None
    kind: str = "task"
    assignees: tuple[str, ...] = ()
    pass_down: tuple[str, ...] | None = None
    coordinators: tuple[str, ...] = ()
    verb: str | None = None
    delegates: tuple[str, ...] = ()
    delegates_down: tuple[str, ...] = ()
    deadline: Deadline | None = None
    fields: dict[str, Any] | None = None


def trim_end(text: str, a: int, b: int) -> int:
    while b > a and (text[b - 1].isspace() or text[b - 1] in "*|_#"):
        b -= 1
    return b


_DANGLING_TAIL = regex.compile(r"(?:[\s.,;:…]+|(?<![\p{L}])(?:và|đồng thời))$")  # marks or "và" ending a content
_TAIL_MARKS = ".,;:…"  # the _DANGLING_TAIL's marks and words
_TAIL_WORDS = ("và", "đồng thời")


def content_end(text: str, v_end: int, end: int) -> int:
    """The end of an instruction without trailing marks and a dangling "và"/"đồng thời"."""
    end = trim_end(text, v_end, end)
    while end > v_end:
        if not (text[end - 1].isspace() or text[end - 1] in _TAIL_MARKS or text.endswith(_TAIL_WORDS, v_end, end)):
            break  # (the tail's last character: a quick no before the search from the start)
        tail = _DANGLING_TAIL.search(text[v_end:end])
        if tail is None or tail.end() == tail.start():
            break
        end = trim_end(text, v_end, v_end + tail.start())
    return end


def trim_start(text: str, a: int, b: int) -> int:
    while a < b and (text[a].isspace() or text[a] in "*|_#"):
        a += 1
    return a


def body_region(text: str, main: Sequence[tuple[int, int]], body_start: int | None) -> tuple[int, int]:
    lex = load_lex()
    a = body_start if body_start is not None else (main[0][0] if main else 0)
    a = max(0, min(a, len(text)))
    if main:
        a = max(a, main[0][0])
        b = max(e for _, e in main)
    else:
        b = len(text)
    # the layout's "Nơi nhận" block closes the body (found even where its label is wrapped)
    analysis = getattr(text, "analysis", None)
    layout = analysis.results.get("layout") if analysis is not None else None
    recipients = getattr(layout, "recipients", None)
    if recipients is not None and a < recipients.start < b:
        b = recipients.start
    for ln in text_lines(text, a, b):
        # the marker read on from the line start over its line break ("*Nơi\nnhận:*", wrapped)
        c = fold(clean(text[ln.start : min(b, ln.start + 40)]))
        if clean(ln.raw) and rx.match(lex.end_marker, c) and ln.start > a:
            b = ln.start
            break
    return a, b


def skip_preamble(text: str, lines: list[TextLine], lex: Lex) -> int:
    """Index of the first body line after the addressee block ("Kính gửi:", bullets, the
    upper-case head line "THỦ TƯỚNG CHÍNH PHỦ điện:")."""
    i = 0
    in_bullets = False
    prev_open = False
    while i < len(lines):
        raw = lines[i].raw
        c = clean(raw)
        if not c:
            i += 1
            continue
        if rx.match(lex.addressee, c):
            in_bullets = True
            prev_open = not c.rstrip().endswith((".", ";", ":")) and len(c.split()) > 3
            i += 1
            continue
        m = rx.match(LABEL, raw)
        if m and m.group("label") in ("-", "–", "—", "•", "+"):
            in_bullets = True
            prev_open = not c.endswith((".", ";", ":"))
            i += 1
            continue
        if not m and is_caps_line(_TRAILING_DIEN.sub("", c)):
            i += 1
            continue
        if in_bullets and prev_open and _continues_item(c):
            prev_open = not c.endswith((".", ";", ":"))
            i += 1
            continue
        break
    return i


def _continues_item(c: str) -> bool:
    """A line that goes on with an open addressee item: it starts in lower case, or it is the
    short tail of a wrapped name ending the item ("- Bộ trưởng, …, cơ quan thuộc\nChính phủ;")."""
    return c[:1].islower() or (c.endswith((";", ",")) and len(c.split()) <= 8)


def is_caps_line(c: str) -> bool:
    letters = "".join(filter(str.isalpha, c))
    if len(letters) < 4:
        return False
    up = sum(map(str.isupper, letters))
    return up / len(letters) >= 0.85


def _subject_before(text: str, a: int, vstart: int, lex: Lex) -> tuple[int, int] | None:
    """The subject written right before a verb at ``vstart``: comma-separated parts that each
    begin with a body or position head ("Bộ Chính trị, Ban Bí thư kết luận…")."""
    seg_start = a
    for m in rx.finditer(_CLAUSE_END, text, a, vstart):
        seg_start = m.end()
    # walk back over comma-separated parts
    commas = [m.start() for m in rx.finditer(_COMMA, text, seg_start, vstart)]
    bounds = [seg_start] + [c + 1 for c in commas]
    best: tuple[int, int] | None = None
    for b0 in reversed(bounds):
        s = trim_start(text, b0, vstart)
        if s >= vstart:
            continue
        toks = tokens_in(text, s, vstart)
        if not toks or not toks[0].word:
            break
        ft = folds(toks)
        first_ok = (toks[0].cap or lex.pronouns.match(ft, 0)) and (
            is_subject_start(toks, 0, lex) or lex.body_heads.match(ft, 0)
        )
        if not first_ok:
            break
        if rx.search(lex.lead_verbs, text, toks[0].e, vstart) or any(
            t.lower and is_starter(toks, j, lex) for j, t in enumerate(toks) if j > 0
        ):
            break
        if any(t.word and lex.past.match(t.t) for t in toks):
            break
        if len([t for t in toks if t.word]) > 16:
            break
        best = (s, vstart)
    return best


@dataclass(frozen=True, slots=True)
class LeadIn:
    """The sentence before the first item that gives the order ("Ban Thường vụ yêu cầu:")."""

    issuer: str
    verb: str
    subject_start: int
    verb_end: int
    sentence_start: int


def lead_in(text: str, a: int, b: int, lex: Lex) -> LeadIn | None:
    """The last lead-in (subject + lead-in verb) in text[a:b]."""
    found: LeadIn | None = None
    for m in rx.finditer(lex.lead_verbs, text, a, b):
        before = text[max(a, m.start() - 12) : m.start()]
        if _NOT_A_SUBJECT_BEFORE.search(before):
            continue
        subj = _subject_before(text, a, m.start(), lex)
        if subj is None:
            continue
        issuer = clean(text[subj[0] : subj[1]]).strip(" ,")
        issuer = _TRAILING_ADVERB.sub("", issuer)
        issuer = _COMRADE.sub("", issuer)
        if not issuer:
            continue
        sent = a
        for mm in rx.finditer(_SENTENCE_BREAK, text, a, subj[0]):
            sent = mm.end()
        verb = fold(m.group())
        verb = "chỉ đạo" if verb.endswith("chỉ đạo") else verb
        found = LeadIn(issuer, verb, subj[0], m.end(), trim_start(text, sent, subj[0]))
    return found


# the type word that ends a body's issuing line ("CHỦ TỊCH … QUYẾT ĐỊNH:", "… điện:")
_TRAILING_TYPE = regex.compile(r"(?i)\s+(?:điện|quyết định|chỉ thị)\s*:?\s*$")
_ENACTING = regex.compile(r"(?i)^(?:quyết\s+định|chỉ\s+thị|điện|nghị\s+quyết|căn\s+cứ)\b")


def _head_goes_on(c: str, lex: Lex) -> bool:
    """A wrapped issuing line's next line: upper case words that open no block of their own
    ("**CHỦ TỊCH ỦY BAN NHÂN" + "DÂN TỈNH**"; not "QUYẾT ĐỊNH:", not another head)."""
    letters = [ch for ch in c if ch.isalpha()]
    return (bool(letters) and all(ch.isupper() for ch in letters) and len(c.split()) <= 8
            and not _ENACTING.match(c) and not lex.body_heads.match(fold(c).split(), 0))


def body_head(text: str, lines: list[TextLine], lex: Lex) -> str | None:
    """The upper-case issuing line at the start of a body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"),
    with the lines it is wrapped over."""
    for i, ln in enumerate(lines[:12]):
        c = clean(ln.raw)
        if not c:
            continue
        if is_caps_line(c.split(" điện")[0]):
            for nxt in lines[i + 1 : i + 3]:
                more = clean(nxt.raw)
                if not more or _TRAILING_TYPE.search(c) or not _head_goes_on(more, lex):
                    break
                c = f"{c} {more}"
            head = _TRAILING_TYPE.sub("", c).strip(" :")
            if lex.body_heads.match(fold(head).split(), 0):
                return head
    return None

