"""The lexicon of the directives extractor, read once from ``data/directives.json`` and the shared lexicons."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

import regex

from directive_nlp import resources as tables
from directive_nlp.text.analysis import atoms
from directive_nlp.text.normalize import fold
from directive_nlp.text.phrases import TRIE_END, PhraseMatcher




def phrase_key(s: str) -> tuple[str, ...]:
    """A phrase as its lower-case atoms ("Ủy ban" → ("ủy", "ban"))."""
    return _atoms_of(s)


@lru_cache(maxsize=65536)
def _atoms_of(s: str) -> tuple[str, ...]:
    return atoms(s)


class _Starts(dict):  # type: ignore[type-arg]
    """word → whether a phrase of the trie may start at it (its first atom begins one): a
    dictionary filled on first look-up, so that a scan over a text's words asks the trie only at
    the words that may start a phrase (cleared when it grows past _STARTS_MAX words)."""

    def __init__(self, trie: dict[str, Any]) -> None:
        super().__init__()
        self._trie = trie

    def __missing__(self, word: str) -> bool:
        if len(self) >= _STARTS_MAX:
            self.clear()
        first = _atoms_of(word)
        found = self[word] = bool(first) and first[0] in self._trie
        return found


_STARTS_MAX = 65536


class Phrases:
    """Phrase lookup on a list of words (strings: the folded words of the analysis, or the
    words of a phrase): a phrase must cover whole words, so "giao" is not found in the word
    "giao thông" (the matching of :class:`~directive_nlp.text.phrases.PhraseMatcher`, on strings)."""

    def __init__(self, items: Sequence[str], *, heads: bool = False) -> None:
        self.heads = heads
        matcher = PhraseMatcher(items)
        self._trie: dict[str, Any] = matcher.trie  # atom → node; a phrase ends at a node holding TRIE_END
        self.longest = matcher.longest
        self.starts = _Starts(self._trie)

    def match(self, words: Sequence[str], i: int) -> int:
        """Number of words covered by the longest phrase starting at ``words[i]``, else 0.

        With ``heads`` the phrase may also end inside a word: a head noun or verb that begins a
        compound ("bộ" in "bộ ngành", "làm" in "làm việc") covers that word. A word without
        atoms (a mark) inside a phrase is passed over. (One walk down the phrases' trie, atom
        by atom: the words' atoms are read once whatever the number of phrases.)"""
        if i >= len(words) or not self.starts[words[i]]:
            return 0
        node, best, heads = self._trie, 0, self.heads
        for j in range(i, len(words)):
            wa = _atoms_of(words[j])
            for a in wa:
                node = node.get(a)
                if node is None:
                    return best
                if heads and TRIE_END in node:
                    best = j + 1 - i
            if wa and TRIE_END in node:
                best = j + 1 - i
        return best

    def ends(self, words: Sequence[str], j: int) -> int:
        """Number of words of the longest phrase ending just before ``words[j]``, else 0."""
        best = 0
        for n in range(1, max(4, self.longest) + 1):
            a = j - n
            if a < 0:
                break
            if self.match(words, a) == n:
                best = n
        return best


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a key of the phrase caches
class Lex:
    triggers: Phrases
    modal_triggers: frozenset[str]
    initial_triggers: frozenset[str]
    modals: Phrases
    modal_re: regex.Pattern[str]
    item_verbs: Phrases
    lead_verbs: regex.Pattern[str]
    directive_lead_verbs: frozenset[str]
    pass_down_verbs: Phrases
    directs: Phrases
    lead_verb_words: Phrases
    task_sections: Phrases
    no_task_sections: Phrases
    assessment_verbs: Phrases
    not_before: Phrases
    not_after: dict[str, Phrases]
    past: regex.Pattern[str]
    report: regex.Pattern[str]
    speech: Phrases
    connectives: Phrases
    speaker_adverbs: Phrases
    pronouns: Phrases
    person_heads: Phrases
    subject_heads: Phrases
    starters: Phrases
    noun_ambiguous: frozenset[tuple[str, ...]]
    starter_not_after: dict[tuple[str, ...], Phrases]
    preverbs: Phrases
    hard_stops: Phrases
    soft_stops: Phrases
    allowed_after_co: Phrases
    topic_leads: Phrases
    place_units: Phrases
    places: frozenset[str]
    known_titles: frozenset[str]
    title_prefixes: frozenset[str]
    plural: Phrases
    title_joiners: Phrases
    openers: Phrases
    catch_all: regex.Pattern[str]
    heading_words: Phrases
    field_assignee: regex.Pattern[str]
    field_coordinator: regex.Pattern[str]
    field_deadline: regex.Pattern[str]
    field_group: regex.Pattern[str]
    deadline_cue: regex.Pattern[str]
    deadline_hint: regex.Pattern[str]
    closings: tuple[regex.Pattern[str], ...]
    closing_self: tuple[regex.Pattern[str], ...]
    addressee: regex.Pattern[str]
    end_marker: regex.Pattern[str]
    body_heads: Phrases
    abbrev: dict[str, str]
    sentence_abbrevs: frozenset[str]
    surnames: frozenset[str]
    doc_act: regex.Pattern[str]
    deadline_start: regex.Pattern[str]
    standalone_bodies: Phrases
    recurrence: PhraseMatcher
    compound_names: regex.Pattern[str]
    body_name_words: Phrases


def _alt(items: Sequence[str]) -> str:
    parts = sorted({i for i in items if i}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in parts)


def _field_re(items: Sequence[str]) -> regex.Pattern[str]:
    return regex.compile(rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{_alt(items)})\s*:\s*")


def _verbs(role: str) -> list[str]:
    """Directive verbs with a role (lexicon ``directive_verbs``, column ``roles``)."""
    return [r.phrase for r in tables.lexicon("directive_verbs").table.rows if role in r.roles.split()]


def _compound_names() -> regex.Pattern[str]:
    """Names of bodies and fields that contain a comma, "và" or a dash (issuers.tsv, the long
    forms of the abbreviations lexicon), as one pattern (case and spacing free)."""
    names = [regex.sub(r"\s*\([^)]*\)", "", n) for n in tables.load_table("issuers").column("meaning_vi")]
    names += [r.expansion for r in tables.lexicon("abbreviations").table.rows]
    keep = sorted({n.strip() for n in names if regex.search(r",| và | - ", n)}, key=len, reverse=True)
    parts = [r"\s*[-–]\s*".join(r"\s+".join(regex.escape(w) for w in piece.split()) for piece in regex.split(r"\s*-\s*", n)) for n in keep]
    return regex.compile(r"(?i)(?<![\p{L}])(?:" + "|".join(parts) + r")(?![\p{L}])")


@lru_cache(maxsize=1)
def load_lex() -> Lex:
    d: dict[str, Any] = tables.load_json("directives")
    surnames = {s.strip() for s in tables.load_table("surnames").column("surname") if s.strip() and " " not in s.strip()}
    word_b = r"(?<![\p{L}\p{M}\d])"
    word_e = r"(?![\p{L}\p{M}\d])"
    return Lex(
        triggers=Phrases(_verbs("article")),
        modal_triggers=frozenset(fold(x) for x in _verbs("modal")),
        initial_triggers=frozenset(fold(x) for x in _verbs("sentence_initial")),
        modals=Phrases(d["modals"]),
        # "phải"/"cần" is no modal after a negation ("Đây không phải là …": not a copula's subject)
        modal_re=regex.compile(rf"(?i){word_b}(?<!không\s+)(?:{_alt(d['modals'])}){word_e}"),
        item_verbs=Phrases(_verbs("item")),
        lead_verbs=regex.compile(rf"{word_b}(?:{_alt(_verbs('lead_in'))}){word_e}"),
        directive_lead_verbs=frozenset(fold(x) for x in _verbs("lead_in_directive")),
        pass_down_verbs=Phrases(_verbs("pass_down")),
        directs=Phrases(_verbs("directs")),
        lead_verb_words=Phrases(_verbs("lead_in_directive")),
        task_sections=Phrases(tables.lexicon("task_sections").where(assigns="yes"), heads=True),
        no_task_sections=Phrases(tables.lexicon("task_sections").where(assigns="no"), heads=True),
        assessment_verbs=Phrases(tables.lexicon("assessment_verbs").phrases),
        not_before=Phrases(d["not_before_trigger"]),
        not_after={fold(k): Phrases(v) for k, v in d["not_after_trigger"].items()},
        past=regex.compile(rf"(?i){word_b}(?:{_alt(d['past_markers'])}){word_e}"),
        report=regex.compile(rf"(?i){word_b}(?:{_alt(d['report_verbs'])}){word_e}"),
        speech=Phrases(tables.lexicon("speech_verbs").phrases),
        connectives=Phrases(d["connectives"]),
        speaker_adverbs=Phrases(d["speaker_adverbs"]),
        pronouns=Phrases(tables.lexicon("honorifics").phrases),
        person_heads=Phrases(d["person_heads"], heads=True),
        subject_heads=Phrases(d["subject_heads"], heads=True),
        starters=Phrases(d["starters"], heads=True),
        preverbs=Phrases(tables.lexicon("preverbs").phrases),
        noun_ambiguous=frozenset(phrase_key(x) for x in d["noun_ambiguous"]),
        starter_not_after={phrase_key(k): Phrases(v) for k, v in d["starter_not_after"].items()},
        hard_stops=Phrases(d["hard_stops"]),
        soft_stops=Phrases(d["soft_stops"]),
        allowed_after_co=Phrases(d["allowed_after_co"]),
        topic_leads=Phrases(d["topic_leads"]),
        place_units=Phrases(tables.lexicon("admin_units").phrases),
        places=frozenset(fold(p) for p in tables.lexicon("places").phrases),
        known_titles=frozenset(fold(t) for t in tables.load_table("titles").column("title")),
        plural=Phrases(tables.lexicon("plural_markers").phrases, heads=True),
        openers=Phrases(tables.lexicon("sentence_openers").phrases),
        # "Chủ tịch UBND tỉnh kiêm Trưởng Ban …": words inside a chain of titles, not actions
        title_joiners=Phrases(
            [r.phrase for r in tables.lexicon("title_affixes").table.rows if r.role in ("joiner", "copula")]
        ),
        # words that make another position of a title ("Phó", "nguyên", "quyền")
        title_prefixes=frozenset(
            fold(r.phrase) for r in tables.lexicon("title_affixes").table.rows if r.role in ("deputy", "modifier")
        ),
        catch_all=regex.compile("(?i)" + d["catch_all"]),
        heading_words=Phrases(d["heading_words"]),
        field_assignee=_field_re(d["field_assignee"]),
        field_coordinator=_field_re(d["field_coordinator"]),
        field_deadline=_field_re(d["field_deadline"]),
        field_group=_field_re(d["field_group"]),
        deadline_cue=regex.compile(rf"{word_b}{d['deadline_cues']}{word_e}"),
        # a deadline cue or a period's lead anywhere, word boundaries and spacing aside: where
        # none is written, no date can be a deadline (a test that spares reading the dates)
        deadline_hint=regex.compile(d["deadline_cues"].replace(" ", r"\s*") + "|trong|vào"),
        closings=tuple(regex.compile(p) for p in d["closing_patterns"]),
        closing_self=tuple(regex.compile(p) for p in d["closing_self_reference"]),
        addressee=regex.compile(rf"(?i)^\W*(?:{_alt(d['addressee_markers'])})\s*:"),
        end_marker=regex.compile(d["end_markers"]),
        body_heads=Phrases(d["body_heads"], heads=True),
        # only short forms that are never an ordinary syllable ("TƯ" is also "tư")
        abbrev={fold(r.phrase): fold(r.expansion) for r in tables.lexicon("abbreviations").table.rows if r.search == "yes"},
        sentence_abbrevs=frozenset(fold(x) for x in d["sentence_abbrevs"]),
        surnames=frozenset(surnames),
        doc_act=regex.compile("(?i)" + d["document_acts"]),
        deadline_start=regex.compile(d["deadline_start_cues"]),
        standalone_bodies=Phrases(d["standalone_bodies"]),
        recurrence=PhraseMatcher(tables.lexicon("recurrence").phrases),
        compound_names=_compound_names(),
        # lower-case words inside a body's name ("trung ương", "thường trực", "chỉ huy")
        body_name_words=Phrases([r.phrase for r in tables.lexicon("body_words").table.rows if r.kind == "name"]),
    )


# --------------------------------------------------------------------------- tokens
