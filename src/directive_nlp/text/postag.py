"""underthesea's POS tags, the same tags, without its per-word feature code.

``underthesea.pipeline.pos_tag`` tags a segmented sentence with a CRF model
(``pos_crf_2017_10_11.bin``) over 22 feature templates (``T[-2].lower`` … ``T[-2,-1][1]``). Its
featurizer parses every template with a regular expression and copies the sentence's columns
again for every word and template: 96 % of its time. The tagger itself (underthesea_core's
``CRFTagger``, Rust) is quick.

Here the same tagger is loaded from the same file and given the same feature strings, built
from parts computed once per word (its lower-case form, its title flag: 13 strings) and once
per pair of neighbours (4 strings); the templates over the second column (the tags of the
words before, which underthesea fills with "X" when it predicts) depend only on the position.
So the tags are underthesea's by construction; ``tests/test_postag.py`` checks the strings and
the tags against underthesea's own on real texts.

The model is used only when underthesea's predictor still names the templates written here and
the model file knows no other; else :func:`pos_tag` calls underthesea's predictor (said once
in the log).
"""

from __future__ import annotations

import ast
import logging
from functools import cache
from pathlib import Path
from typing import Any, Sequence

from directive_nlp.text.crfsuite import read_names

log = logging.getLogger(__name__)

__all__ = ["pos_tag", "pos_tag_many", "feature_rows", "TEMPLATES"]

#: underthesea's POS templates, in its order (``CRFPOSTagPredictor``)
TEMPLATES: tuple[str, ...] = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
)
_MODEL_FILE = "pos_crf_2017_10_11.bin"

# A word's 13 strings, by slot: its value under each one-word template, at each offset the
# template reads (templates 0-12, in their order).
_WORD_HEADS = tuple(f"{t}=" for t in TEMPLATES[:13])
_BOS_WORD = tuple(h + "BOS" for h in _WORD_HEADS)
_EOS_WORD = tuple(h + "EOS" for h in _WORD_HEADS)
# A pair's 4 strings: its value under T[-2,-1], T[-1,0], T[0,1], T[1,2].
_PAIR_HEADS = tuple(f"{t}=" for t in TEMPLATES[13:17])
_BOS_PAIR = tuple(h + "BOS" for h in _PAIR_HEADS)
_EOS_PAIR = tuple(h + "EOS" for h in _PAIR_HEADS)


def _tag_column(i: int) -> tuple[str, ...]:
    """The five templates over the tag column at position ``i``: "BOS" before the sentence,
    else the placeholder tag "X" (one word) or "X X" (two words) underthesea predicts with."""
    offsets = ((-3, -3), (-2, -2), (-1, -1), (-3, -2), (-2, -1))
    return tuple(
        f"{t}={'BOS' if i + a < 0 else ' '.join(['X'] * (b - a + 1))}" for t, (a, b) in zip(TEMPLATES[17:], offsets)
    )


_TAG_COLUMNS = tuple(_tag_column(i) for i in range(4))  # position 3 and beyond are all alike

#: Words kept in the cache of word strings before it is emptied.
CACHE_LIMIT = 100_000


def _istitle(word: str) -> str:
    """underthesea's ``text_istitle``: every space-separated part starts with a title-case or
    upper-case letter; an empty part (two spaces, a leading space) or an empty word is False."""
    return str(all(part and part[0].istitle() for part in word.split(" ")))


class _Tagger:
    """underthesea's POS model (its own CRFTagger over its file) and the cache of word strings."""

    def __init__(self) -> None:
        import underthesea.pipeline.pos_tag.model_crf as model_crf
        from underthesea_core import CRFTagger

        source = Path(model_crf.__file__)
        if _predictor_templates(source) != list(TEMPLATES):
            raise ValueError(f"{source}: the POS templates differ from the ones written here")
        path = source.parent / _MODEL_FILE
        _labels, attrs = read_names(path)
        unknown = {a.partition("=")[0] for a in attrs} - set(TEMPLATES)
        if unknown:
            raise ValueError(f"{path}: attributes of templates not written here: {sorted(unknown)[:5]}")
        self.crf = CRFTagger()
        self.crf.load(str(path))
        self.words: dict[str, tuple[str, ...]] = {}

    def word(self, w: str) -> tuple[str, ...]:
        found = self.words.get(w)
        if found is None:
            low = w.lower()
            title = _istitle(w)
            values = (low, low, low, low, low, title, title, title, w, w, w, w, w)
            found = tuple(h + v for h, v in zip(_WORD_HEADS, values))
            if len(self.words) >= CACHE_LIMIT:
                self.words.clear()
            self.words[w] = found
        return found

    def rows(self, words: Sequence[str]) -> list[list[str]]:
        """The 22 feature strings of each word, as underthesea's featurizer writes them."""
        get = self.words.get
        u = [_BOS_WORD, _BOS_WORD, *[get(w) or self.word(w) for w in words], _EOS_WORD, _EOS_WORD]
        h0, h1, h2, h3 = _PAIR_HEADS
        p = [_BOS_PAIR, _BOS_PAIR]
        for j in [f"{a} {b}" for a, b in zip(words, words[1:])]:
            p.append((h0 + j, h1 + j, h2 + j, h3 + j))
        p += (_EOS_PAIR, _EOS_PAIR)
        tags = _TAG_COLUMNS
        return [
            [
                a[0], b[1], c[2], d[3], e[4], c[5], b[6], d[7], a[8], b[9], c[10], d[11], e[12],
                p0[0], p1[1], p2[2], p3[3], *tags[i if i < 3 else 3],
            ]
            # the words at offsets -2 … 2 of each position, and the pairs at offsets -2 … 1
            for i, (a, b, c, d, e, p0, p1, p2, p3) in enumerate(zip(u, u[1:], u[2:], u[3:], u[4:], p, p[1:], p[2:], p[3:]))
        ]


def _predictor_templates(source: Path) -> list[str] | None:
    """The template list written in underthesea's ``CRFPOSTagPredictor`` (its source, read
    without running it), or None when it is not a list of strings assigned to ``template``."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "template" for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return None
            return value if isinstance(value, list) else None
    return None


@cache
def _tagger() -> _Tagger | None:
    """The tagger, or None when underthesea's POS model is not the one read here (then
    underthesea's predictor is used, and the log says so once)."""
    try:
        return _Tagger()
    except (OSError, ValueError, ImportError, AttributeError, SyntaxError) as exc:
        log.warning("underthesea's POS model could not be used directly (%s); using its predictor", exc)
        return None


@cache
def _predictor() -> Any:
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance()


def feature_rows(words: Sequence[str]) -> list[list[str]]:
    """The feature strings given to the tagger for ``words`` (for tests)."""
    t = _tagger()
    if t is None:
        raise RuntimeError("underthesea's POS model could not be used directly (see the log)")
    return t.rows(words)


def pos_tag_many(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """underthesea's POS tag of every word of each already segmented sentence."""
    t = _tagger()
    if t is None:
        predict = _predictor().predict
        return [[tag for _, tag in predict(list(s))] if s else [] for s in sentences]
    return [list(t.crf.tag(t.rows(s))) if s else [] for s in sentences]


def pos_tag(words: Sequence[str]) -> list[str]:
    """underthesea's POS tag of each word of one segmented sentence."""
    return pos_tag_many([words])[0]
