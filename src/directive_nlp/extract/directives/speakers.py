"""Names and speakers: who gives an instruction in a news report."""

from __future__ import annotations

import logging
from typing import Callable

import regex

from directive_nlp.extract.directives.lexicon import Lex, load_lex
from directive_nlp.extract.directives.tokens import Tok, clean, folds, tokens_in
from directive_nlp.text import rx
from directive_nlp.text.normalize import fold

log = logging.getLogger(__name__)


_CAPWORD = regex.compile(r"\p{Lu}[\p{L}\p{M}]*")
_NAME_DASH_TITLE = regex.compile(r"^(.+?)\s*[-–,]\s*(\S.*)$")  # "Nguyễn Đức Chung – Chủ tịch …"
_BEFORE_DASH = regex.compile(r"^(.*?)\s*[-–,]\s*$", flags=regex.S)  # "Trần Thị Lan - " before a title
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}]+)\s+$")


def _title_pattern(words: list[str], tail: str) -> regex.Pattern[str]:
    """The title's words as written anywhere (case and spacing free), then ``tail``."""
    return regex.compile(r"(?i)(?<![\p{L}\p{M}])" + r"\s+".join(regex.escape(w) for w in words) + tail)


def trailing_name(phrase: str, lex: Lex) -> str | None:
    """The personal name a phrase ends with ("Bí thư Tỉnh ủy Nguyễn Văn Thắng" → the name)."""
    words = clean(phrase).strip(" ,.;:").split()
    run: list[str] = []
    for w in reversed(words):
        if _CAPWORD.fullmatch(w) and not w.isupper():
            run.insert(0, w)
        else:
            break
    before = words[len(words) - len(run) - 1] if len(words) > len(run) else None
    return _pick_name(run, lex, before)


def _may_end_a_name(word: str) -> bool:
    """The word's last syllable is capitalised ("An" in "Nguyễn Văn An"), as the end of a name
    must be (:func:`trailing_name` reads none before any other word)."""
    tail = clean(word).strip(" ,.;:").split()
    return not tail or (bool(_CAPWORD.fullmatch(tail[-1])) and not tail[-1].isupper())


def _pick_name(run: list[str], lex: Lex, before: str | None = None) -> str | None:
    """The personal name at the end of a run of capitalised words: it starts with a surname and
    has 3 syllables, else 4, else 2 ("Bình Dương Võ Văn Minh" → "Võ Văn Minh"). A place is no
    name: a known place ("Chủ tịch UBND TP Hà Nội"), or two syllables right after the word of an
    administrative unit ("UBND tỉnh Hà Giang": "tỉnh", "TP")."""
    starts = {
        len(run) - k: k
        for k in range(len(run) - 1)
        if run[k] in lex.surnames and not lex.pronouns.match([run[k].casefold()], 0)
    }
    for n in (3, 4, 2):
        if n in starts:
            name = " ".join(run[starts[n] :])
            if fold(name) in lex.places or (n == 2 and starts[n] == 0 and before is not None and _is_unit(before, lex)):
                continue
            return name
    return None


def _is_unit(word: str, lex: Lex) -> bool:
    """A word naming a level of local government ("tỉnh", "huyện", "TP")."""
    w = fold(word.strip(",.;:"))
    return bool(lex.place_units.match([w], 0)) or lex.abbrev.get(w, "") in ("thành phố", "tỉnh", "quận", "huyện")


def _leading_name(s: str, lex: Lex) -> str | None:
    """A personal name at the start of ``s`` (after a title, possibly after a place name)."""
    words = clean(s).split()
    run: list[str] = []
    for w in words[:8]:
        w2 = w.strip(",.;:")
        if _CAPWORD.fullmatch(w2) and not w2.isupper():
            run.append(w2)
            if w2 != w:
                break
        else:
            break
    # the name ends the run; a place name may come first ("TP Hà Nội Nguyễn Đức Chung")
    return _pick_name(run, lex)


def _name_before_title(phrase: str, lex: Lex) -> str | None:
    """"Nguyễn Đức Chung – Chủ tịch UBND TP Hà Nội": the name before a dash or comma and a title."""
    m = _NAME_DASH_TITLE.match(clean(phrase))
    if m is None or not lex.person_heads.match([w.casefold() for w in m.group(2).split()], 0):
        return None
    name = trailing_name(m.group(1), lex)
    return name if name == m.group(1).strip() else None


class Speakers:
    """Who is speaking: names written with titles in the text and the last named speaker."""

    def __init__(self, text: str, resolve: Callable[[str], str | None] | None) -> None:
        self.text = text
        self.resolve = resolve
        self.last: str | None = None  # the last person who spoke
        self.recent: str | None = None  # the last speaker, a person or a body
        self.names: list[str] = []
        self.lex = load_lex()
        # what the whole text says of a title (the text does not change): looked up once
        self._looked_up: dict[str, str | None] = {}
        self._fullest: dict[str, str] = {}

    def _seen(self, name: str) -> str:
        if name not in self.names:
            self.names.append(name)
        self.last = name
        return name

    def _lookup(self, title: str) -> str | None:
        """"Thủ tướng" → the name written right after "Thủ tướng" somewhere in the text."""
        if title not in self._looked_up:
            self._looked_up[title] = self._lookup_uncached(title)
        return self._looked_up[title]

    def _lookup_uncached(self, title: str) -> str | None:
        words = title.split()
        if not words:
            return None
        pat = _title_pattern(words, r"(?![\p{L}\p{M}])")
        for m in rx.finditer(pat, self.text):
            if self._other_position(m.start()):
                continue
            name = _leading_name(self.text[m.end() : m.end() + 80], self.lex)
            if name:
                return name
        for m in rx.finditer(pat, self.text):
            # "Trần Thị Lan - Bí thư Thành ủy", "Trần Thị Lan, Bí thư Thành ủy"
            if self._other_position(m.start()):
                continue
            before = self.text[max(0, m.start() - 60) : m.start()]
            mm = _BEFORE_DASH.search(before)
            if mm:
                name = trailing_name(mm.group(1), self.lex)
                if name:
                    return name
        return None

    def issuer(self, phrase: str | None) -> str | None:
        """The issuer for a speaker phrase (None → the last speaker, a person or a body)."""
        if not phrase:
            return self.recent or self.last
        got = self._issuer(phrase)
        self.recent = got
        return got

    def _issuer(self, phrase: str) -> str | None:
        lex = self.lex
        words = clean(phrase).strip(" ,.;:").split()
        f = [w.casefold() for w in words]
        k = lex.pronouns.match(f, 0)
        core = " ".join(words[k:])
        if not core:
            return self.last
        # "ông Dũng": the given name of a person named before
        if k and len(words) - k == 1 and _CAPWORD.fullmatch(words[k]):
            for known in reversed(self.names):
                if known.split()[-1] == words[k]:
                    self.last = known
                    return known
            got = self._resolved(core)
            return self._seen(got) if got else (self.last or core)
        name = trailing_name(core, lex) or _name_before_title(core, lex)
        if name:
            return self._seen(name)
        got = self._resolved(core)
        if got:
            return self._seen(got)
        person = bool(lex.person_heads.match(f, k))
        if person:
            found = self._lookup(core)
            if found:
                return self._seen(found)
            if self.last and self._may_hold(self.last, core):
                return self.last
            return self._fuller(core)
        # a body ("UBND tỉnh"): the body itself
        return core

    def _resolved(self, phrase: str) -> str | None:
        """The official the resolver finds for a title or a given name, else None."""
        if self.resolve is None:
            return None
        try:
            return self.resolve(phrase)
        except Exception:  # a faulty resolver must not stop extraction
            log.debug("resolve_speaker failed", exc_info=True)
            return None

    def _other_position(self, at: int) -> bool:
        """The title found at ``at`` is part of another position ("Phó Thủ tướng" for "Thủ
        tướng", "nguyên Bộ trưởng")."""
        prev = _WORD_BEFORE.search(self.text[max(0, at - 20) : at])
        return prev is not None and fold(prev.group(1)) in self.lex.title_prefixes

    def _may_hold(self, name: str, title: str) -> bool:
        """The last speaker may be the holder of a bare title written without a name, unless
        the officials say otherwise (a resolver with ``holds``: "Thủ tướng" is no "Phó Thủ
        tướng")."""
        holds = getattr(self.resolve, "holds", None)
        if holds is None:
            return True
        try:
            return holds(name, title) is not False
        except Exception:  # a faulty resolver must not stop extraction
            log.debug("resolve_speaker.holds failed", exc_info=True)
            return True

    def _fuller(self, title: str) -> str:
        """The fullest form of a bare title the text writes: "Thủ tướng" → "Thủ tướng Chính
        phủ" when the text has it and it is a known title (titles table)."""
        if title not in self._fullest:
            self._fullest[title] = self._fuller_uncached(title)
        return self._fullest[title]

    def _fuller_uncached(self, title: str) -> str:
        words = title.split()
        pat = _title_pattern(words, r"((?:\s+[\p{L}\p{M}]+){1,4})")
        best = title
        for m in rx.finditer(pat, self.text):
            if self._other_position(m.start()):
                continue
            more = m.group(1).split()
            for n in range(len(more), 0, -1):
                cand = " ".join([*words, *more[:n]])
                if len(cand) > len(best) and fold(cand) in self.lex.known_titles:
                    best = cand
                    break
        return best

    def note(self, s0: int, s1: int, toks: list[Tok] | None = None) -> None:
        """Remember a person named as the speaker of the sentence text[s0:s1] ("… Nguyễn Duy
        Ngọc ghi nhận"); ``toks``: its tokens, when read already."""
        lex = self.lex
        sentence = self.text
        if toks is None:
            toks = tokens_in(sentence, s0, s1)
        f = folds(toks)
        starts = lex.speech.starts
        for j in range(1, len(toks)):
            if starts[f[j]] and lex.speech.match(f, j) and toks[j].lower:
                k = j - 1
                while k >= 0 and lex.speaker_adverbs.match(f, k) == 1 and toks[k].lower:
                    k -= 1
                if k >= 0 and toks[k].t == ",":
                    k -= 1
                if k < 0 or not _may_end_a_name(toks[k].t):
                    continue
                name = trailing_name(sentence[max(s0, toks[k].e - 120) : toks[k].e], lex)
                if name:
                    self._seen(name)


