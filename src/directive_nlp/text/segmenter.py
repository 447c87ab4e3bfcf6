"""underthesea's word segmentation, the same words, computed without its per-call overhead.

``underthesea.word_tokenize(s)`` does three things: it cuts ``s`` into tokens with one large
regular expression, builds 43 feature strings per token in Rust (handed back to Python as lists
of strings), and gives those strings to its CRF tagger (B-W / I-W), which looks each one up again.
On a bulletin most of the time went into building, converting and looking up strings, and into
trying every alternative of the regular expression at every character.

Here the same model is read from the same files and applied as it is written:

* **tokens**: the text (NFC, underthesea's character map) is cut at whitespace; every pattern of
  underthesea's tokenizer stays inside a run of non-space characters, and its look-arounds only
  see "whitespace or end" beyond it, so each run is tokenized once (run + " ", or the last run
  as it ends the text) and cached; tokens are normalized with underthesea's ``token_normalize``;
* **features**: the 43 templates (``T[-2]`` … ``T[0,2].is_in_dict``) depend on one token, a pair
  or a triple of neighbours; the attribute ids of each token, pair and triple are computed once
  (cached) and looked up in the model's attribute table (the CRFsuite file ``models.bin``);
* **scores**: each position's state score is the sum of its attributes' weights *in template
  order* (as the tagger sums them), for all sequences of a document at once; then Viterbi with the
  model's transitions, first label on ties (CRFsuite's rule).

:func:`segment` takes many strings (a document's sentence pieces) and returns underthesea's words
for each; ``tests/test_segmenter.py`` checks the output equals ``underthesea.word_tokenize`` on real
texts, and the features equal its featurizer's.
"""

from __future__ import annotations

import logging
import re
import struct
import threading
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from directive_nlp.text.crfsuite import read_crfsuite, viterbi_many

log = logging.getLogger(__name__)

__all__ = ["segment", "tokens_of", "TEMPLATES", "feature_strings"]

_BOS = "\x00BOS"  # pad tokens: no underthesea token holds NUL followed by letters
_EOS = "\x00EOS"

#: underthesea's word-segmentation templates, in its order (features.bin of the bundled model):
#: (name, first offset, last offset, property)
TEMPLATES: tuple[tuple[str, int, int, str], ...] = tuple(
    [(f"T[{k}]", k, k, "raw") for k in (-2, -1, 0, 1, 2)]
    + [(f"T[{a},{a + 1}]", a, a + 1, "raw") for a in (-2, -1, 0, 1)]
    + [(f"T[{a},{a + 2}]", a, a + 2, "raw") for a in (-2, -1, 0)]
    + [(f"T[{k}].lower", k, k, "lower") for k in (-2, -1, 0, 1, 2)]
    + [(f"T[{a},{a + 1}].lower", a, a + 1, "lower") for a in (-2, -1, 0, 1)]
    + [(f"T[{k}].isdigit", k, k, "isdigit") for k in (-1, 0, 1)]
    + [(f"T[{k}].istitle", k, k, "istitle") for k in (-2, -1, 0, 1, 2)]
    + [("T[0,1].istitle", 0, 1, "istitle"), ("T[0,2].istitle", 0, 2, "istitle")]
    + [(f"T[{k}].is_in_dict", k, k, "is_in_dict") for k in (-2, -1, 0, 1, 2)]
    + [(f"T[{a},{a + 1}].is_in_dict", a, a + 1, "is_in_dict") for a in (-2, -1, 0, 1)]
    + [(f"T[{a},{a + 2}].is_in_dict", a, a + 2, "is_in_dict") for a in (-2, -1, 0)]
)
# templates by width (1, 2, 3 tokens): their indices in TEMPLATES, in order
_BY_WIDTH = {w: [i for i, t in enumerate(TEMPLATES) if t[2] - t[1] + 1 == w] for w in (1, 2, 3)}
# per width, per first offset: the columns of the width's id table (:class:`_IdTable`) and the
# templates they are the ids of: (-1, [1, 6, …], [1, 6, …]) …
_BY_OFFSET = {
    w: [
        (off, [k for k, i in enumerate(_BY_WIDTH[w]) if TEMPLATES[i][1] == off], [i for i in _BY_WIDTH[w] if TEMPLATES[i][1] == off])
        for off in sorted({TEMPLATES[i][1] for i in _BY_WIDTH[w]})
    ]
    for w in (1, 2, 3)
}

#: Entries kept per cache before it is emptied (bounds memory on texts of endless new tokens).
CACHE_LIMIT = 200_000


# --------------------------------------------------------------------------- the model files
def _load_pickle(path: Path) -> Any:
    """A joblib file holding plain Python data is a pickle: read it without joblib's machinery."""
    import pickle

    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except pickle.UnpicklingError:
        import joblib

        return joblib.load(path)


class _IdTable:
    """Attribute ids of the templates of one width, one row per token, pair or triple seen."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.clear()

    def clear(self) -> None:
        self.rows: dict[Any, int] = {}
        self.size = 0
        self.ids = np.zeros((1024, self.columns), dtype=np.intp)

    def extend(self, keys: list[Any], ids: list[tuple[int, ...]]) -> None:
        """Add rows for ``keys`` (not in the table yet, each once)."""
        while self.size + len(keys) > len(self.ids):
            self.ids = np.concatenate([self.ids, np.zeros_like(self.ids)])
        if keys:
            self.ids[self.size : self.size + len(keys)] = ids
        self.rows.update(zip(keys, range(self.size, self.size + len(keys))))
        self.size += len(keys)


class _Model:
    """underthesea's bundled word-segmentation model and tokenizer, with the caches."""

    def __init__(self) -> None:
        from underthesea.pipeline import word_tokenize as wt
        from underthesea.pipeline.text_normalize import token_normalize
        from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
        from underthesea.pipeline.word_tokenize import regex_tokenize

        base = Path(wt.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
        names = _load_pickle(base / "features.bin")
        if list(names) != [t[0] for t in TEMPLATES]:
            raise ValueError(f"{base}: feature templates differ from the ones this segmenter computes")
        self.dictionary: set[str] = _load_pickle(base / "dictionary.bin")
        labels, attrs, self.weights, trans = read_crfsuite(base / "models.bin")
        self.trans = np.array(trans)
        self.trans_list = trans
        if labels != ["B-W", "I-W"]:
            raise ValueError(f"{base}: labels {labels}, expected B-W, I-W")
        self.tables = _value_tables(attrs)
        self.edges = {(w, v): self.ids_of_values(w, (v,) * len(_PROPS)) for w in (1, 2, 3) for v in ("BOS", "EOS")}
        self.pattern = regex_tokenize.patterns
        self.token_normalize = token_normalize
        self.char_normalize = normalize_characters_in_text
        self.runs: dict[str, tuple[str, ...]] = {}
        self.tails: dict[str, tuple[str, ...]] = {}
        self.ids = {w: _IdTable(len(_BY_WIDTH[w])) for w in (1, 2, 3)}
        self.featurizer: Any = None
        self.lock = threading.Lock()

    # ----------------------------------------------------------------------- tokens
    def run_tokens(self, run: str, last: bool = False) -> tuple[str, ...]:
        """Tokens of one run of non-space characters followed by a space, or (``last``) of the
        text's last run as it ends the text (its trailing spaces included); cached."""
        cache = self.tails if last else self.runs
        found = cache.get(run)
        if found is None:
            found = self.tokenize(run if last else run + " ")
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[run] = found
        return found

    def tokenize(self, text: str) -> tuple[str, ...]:
        tn = self.token_normalize
        return tuple(tn(m.group()) for m in self.pattern.finditer(text))

    # ----------------------------------------------------------------------- attribute ids
    def attr_ids_of(self, key: tuple[str, ...]) -> tuple[int, ...]:
        """Attribute ids of the templates of width len(key) over these tokens."""
        if _BOS in key or _EOS in key:  # the template reaches past the sequence
            return self.edges[len(key), "BOS" if _BOS in key else "EOS"]
        return self.ids_of_values(len(key), self.values(key))

    def ids_of_values(self, width: int, values: tuple[str, ...]) -> tuple[int, ...]:
        """Attribute ids of the templates of ``width`` given the feature values (:data:`_PROPS`)."""
        out: tuple[int, ...] = ()
        for prop, table, unknown in self.tables[width]:
            out += table.get(values[prop], unknown)
        return out

    def rows_of(self, width: int, keys: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Row numbers of ``keys`` (tokens, pairs or triples) in the width's table of attribute ids,
        and the table; unseen keys are added."""
        table = self.ids[width]
        if table.size >= CACHE_LIMIT:
            table.clear()
        get = table.rows.get
        rows = [get(k, -1) for k in keys]
        if -1 in rows:
            new = list(dict.fromkeys(k for k, r in zip(keys, rows) if r < 0))
            table.extend(new, [self.attr_ids_of(k if width > 1 else (k,)) for k in new])
            rows = [get(k) for k in keys]
        return np.array(rows, dtype=np.intp), table.ids


    def values_of(self, key: tuple[str, ...]) -> dict[str, str]:
        """Feature values (by property) of the templates over ``key``, a token, pair or triple."""
        if _BOS in key or _EOS in key:  # the template reaches past the sequence
            return dict.fromkeys(_PROPS, "BOS" if _BOS in key else "EOS")
        return dict(zip(_PROPS, self.values(key)))

    def values(self, key: tuple[str, ...]) -> tuple[str, ...]:
        """The feature values over ``key`` (no pad token in it), in the order of :data:`_PROPS`."""
        joined = key[0] if len(key) == 1 else " ".join(key)
        if _OUTSIDE.search(joined):
            found = self.featurizer_values(key)
            return tuple(found[p] for p in _PROPS)
        low = joined.lower()
        return (
            joined,
            low,
            "True" if len(key) == 1 and _is_i32(joined) else "False",
            "True" if all([t[:1].upper() == t[:1] for t in key]) else "False",
            "True" if low in self.dictionary else "False",
        )

    def featurizer_values(self, key: tuple[str, ...]) -> dict[str, str]:
        """Feature values over ``key`` from underthesea's own featurizer: for tokens with letters
        whose case mapping may differ between Python's Unicode tables and its Rust ones."""
        if self.featurizer is None:
            from underthesea_core import CRFFeaturizer

            self.featurizer = CRFFeaturizer([t[0] for t in TEMPLATES], self.dictionary)
        row = self.featurizer.process([[[t] for t in key]])[0][0]
        name = "T[0]" if len(key) == 1 else f"T[0,{len(key) - 1}]"
        values = dict.fromkeys(_PROPS, "")
        for feature in row:
            head, _, value = feature.partition("=")
            if head == name:
                values["raw"] = value
            elif head.startswith(name + "."):
                values[head[len(name) + 1 :]] = value
        if len(key) == 1:  # T[0] has every property; bigrams and trigrams only some
            values["isdigit"] = str(_is_i32(key[0]))
        return values


_PROPS = ("raw", "lower", "isdigit", "istitle", "is_in_dict")
# per width: its templates grouped by property, in order: ("raw", [0, 1, 2, 3, 4]), ("lower", …)
_GROUPS = {
    w: [(prop, [i for i, _ in group]) for prop, group in groupby(((i, TEMPLATES[i][3]) for i in _BY_WIDTH[w]), key=lambda x: x[1])]
    for w in (1, 2, 3)
}


def _value_tables(attrs: list[str]) -> dict[int, list[tuple[int, dict[str, tuple[int, ...]], tuple[int, ...]]]]:
    """Per width, per group of templates of one property (:data:`_GROUPS`): the value's attribute
    ids under each template of the group ("y tế" → (id of "T[-2,-1].lower=y tế", …)), and the ids
    of a value no template knows (the zero row); so a key's ids are a few look-ups by value."""
    unknown = len(attrs)  # the zero row
    slot = {TEMPLATES[i][0]: (w, g, k) for w in (1, 2, 3) for g, (_, idx) in enumerate(_GROUPS[w]) for k, i in enumerate(idx)}
    found: dict[tuple[int, int], dict[str, list[int]]] = {(w, g): {} for w in (1, 2, 3) for g in range(len(_GROUPS[w]))}
    for i, attr in enumerate(attrs):
        head, _, value = attr.partition("=")
        where = slot.get(head)
        if where is not None:
            w, g, k = where
            found[w, g].setdefault(value, [unknown] * len(_GROUPS[w][g][1]))[k] = i
    return {
        w: [
            (_PROPS.index(prop), {v: tuple(ids) for v, ids in found[w, g].items()}, (unknown,) * len(idx))
            for g, (prop, idx) in enumerate(_GROUPS[w])
        ]
        for w in (1, 2, 3)
    }
#: Characters whose case mappings are the same in every Unicode version (Latin, Vietnamese,
#: combining marks, general punctuation); a token with any other is featurized by underthesea.
_OUTSIDE = re.compile(r"[^\u0000-\u036f\u1e00-\u1eff\u2000-\u206f]")


def _is_i32(token: str) -> bool:
    """underthesea's ``isdigit``: the token parses as a 32-bit integer (Rust ``str::parse::<i32>``:
    an optional sign, ASCII digits, within range), so "2147483648" is not a digit."""
    digits = token[1:] if token[:1] in "+-" else token
    return bool(digits) and digits.isascii() and digits.isdigit() and -(2**31) <= int(token) < 2**31


@cache
def _model() -> _Model | None:
    """The model, or None when this underthesea's files are not the ones read here (then
    :func:`segment` calls ``underthesea.word_tokenize`` itself, and says so once in the log)."""
    try:
        return _Model()
    except (OSError, ValueError, ImportError, AttributeError, struct.error) as exc:
        log.warning("underthesea's model could not be read (%s); using word_tokenize", exc)
        return None


def _loaded() -> _Model:
    m = _model()
    if m is None:
        raise RuntimeError("underthesea's word-segmentation model could not be read (see the log)")
    return m


def tokens_of(text: str) -> tuple[str, ...]:
    """underthesea's regex tokens of ``text`` (``regex_tokenize.tokenize``), run by run."""
    m = _loaded()
    text = m.char_normalize(text)
    runs = text.split()
    if not runs:
        return ()
    end = len(text.rstrip())
    last = end - len(runs[-1])
    out: list[str] = []
    for run in runs[:-1]:
        out += m.run_tokens(run)
    out += m.run_tokens(text[last:], last=True)  # the last run sees the end of the text ("$")
    return tuple(out)


def feature_strings(tokens: Sequence[str]) -> list[list[str]]:
    """The 43 feature strings per token, as underthesea's featurizer writes them (for tests)."""
    m = _loaded()
    padded = (_BOS, _BOS, *tokens, _EOS, _EOS)
    return [
        [f"{name}={m.values_of(padded[i + a : i + b + 1])[prop]}" for name, a, b, prop in TEMPLATES]
        for i in range(2, len(padded) - 2)
    ]


# --------------------------------------------------------------------------- tagging
def _state_scores(m: _Model, seqs: list[tuple[str, ...]]) -> np.ndarray:
    """State scores (positions of all sequences, 2 labels), each the sum of its attributes'
    weights in template order."""
    layout: list[str] = []
    real: list[int] = []
    for toks in seqs:
        base = len(layout) + 2
        layout += (_BOS, _BOS, *toks, _EOS, _EOS)
        real.extend(range(base, base + len(toks)))
    starts = np.asarray(real, dtype=np.intp)
    ids = np.empty((len(TEMPLATES), len(real)), dtype=np.intp)  # attribute id per template and position
    for width in (1, 2, 3):
        # the token, pair or triple starting at each position, and its row of attribute ids
        keys = layout if width == 1 else list(zip(*(layout[d:] for d in range(width))))
        index, table = m.rows_of(width, keys)
        for offset, slots, templates in _BY_OFFSET[width]:
            ids[templates] = table[index[starts + offset]][:, slots].T
    weights = m.weights[ids]
    total = weights[0].copy()
    for t in range(1, len(TEMPLATES)):
        total += weights[t]  # one template after the other, as the tagger adds them
    return total


#: Tokens scored in one batch (bounds the feature arrays: 43 ids per token).
BATCH_TOKENS = 20_000


def segment(texts: Sequence[str]) -> list[list[str]]:
    """``underthesea.word_tokenize(t)`` for each of ``texts``, computed in batches."""
    m = _model()
    if m is None:
        from underthesea import word_tokenize

        return [list(word_tokenize(t)) for t in texts]
    out: list[list[str]] = []
    with m.lock:  # the caches are shared
        seqs = [tokens_of(t) for t in texts]
        i = 0
        while i < len(seqs):
            j = i
            size = 0
            while j < len(seqs) and (j == i or size + len(seqs[j]) <= BATCH_TOKENS):
                size += len(seqs[j])
                j += 1
            out += _tag_batch(m, seqs[i:j])
            i = j
    return out


def _viterbi(b_scores: list[float], i_scores: list[float], trans: list[list[float]]) -> list[int]:
    """Best label path (2 labels) for one sequence; on ties the first label (CRFsuite)."""
    (t00, t01), (t10, t11) = trans
    b, i = b_scores[0], i_scores[0]
    back: list[tuple[int, int]] = []
    for sb, si in zip(b_scores[1:], i_scores[1:]):
        to_b0, to_b1 = b + t00, i + t10
        to_i0, to_i1 = b + t01, i + t11
        back.append((0 if not to_b0 < to_b1 else 1, 0 if not to_i0 < to_i1 else 1))
        b = max(to_b0, to_b1) + sb
        i = max(to_i0, to_i1) + si
    label = 0 if not b < i else 1
    path = [label]
    for pb, pi in reversed(back):
        label = pb if label == 0 else pi
        path.append(label)
    path.reverse()
    return path


#: The Viterbi of a batch runs for its sequences together in numpy (:func:`viterbi_many`: one
#: step per position of the longest), except for its longest ones, which run one by one in
#: Python: so every numpy step advances at least this many sequences.
TOGETHER = 32


def _labels(m: _Model, scores: np.ndarray, lengths: list[int]) -> list[int]:
    """Best label of every position (the sequences laid end to end in ``scores``)."""
    starts = np.cumsum([0, *lengths[:-1]]).tolist()
    by_length = sorted(range(len(lengths)), key=lambda k: -lengths[k])
    alone, together = by_length[: TOGETHER - 1], by_length[TOGETHER - 1 :]
    labels = viterbi_many(scores, [starts[k] for k in together], [lengths[k] for k in together], m.trans).tolist()
    b_scores, i_scores = scores[:, 0].tolist(), scores[:, 1].tolist()
    for k in alone:
        s, e = starts[k], starts[k] + lengths[k]
        labels[s:e] = _viterbi(b_scores[s:e], i_scores[s:e], m.trans_list)
    return labels


def _tag_batch(m: _Model, seqs: list[tuple[str, ...]]) -> list[list[str]]:
    todo = [s for s in seqs if s]
    scores = _state_scores(m, todo) if todo else np.zeros((0, 2))
    labels = _labels(m, scores, [len(s) for s in todo])
    out: list[list[str]] = []
    pos = 0
    for toks in seqs:
        words: list[str] = []
        for tok, label in zip(toks, labels[pos : pos + len(toks)]):
            if label == 1 and words:
                words[-1] = words[-1] + " " + tok
            else:
                words.append(tok)
        pos += len(toks)
        out.append(words)
    return out
