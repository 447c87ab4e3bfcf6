"""The spaCy tokenizer: underthesea words and sentences, ``doc.text`` equal to the input.

It runs :func:`~directive_nlp.text.analysis.analyze` once and keeps the :class:`Analysis` beside the
``Doc`` (:func:`doc_analysis`) for the components: they read its normalized text, words and earlier
results instead of computing them again. It is held in a weak map, not in ``doc.user_data``, so a
``Doc`` stays plain data (``nlp.pipe(n_process=2)`` serializes it) and the analysis goes with it. The tokens are the analysis's words mapped back to the
input, so ``token.idx`` and ``token.text`` are offsets and strings of the text as given.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any, Callable

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from directive_nlp.collector import collector_held
from directive_nlp.text.analysis import Analysis, analyze

__all__ = ["UndertheseaTokenizer", "create_tokenizer", "TEXT_KEY", "doc_analysis"]

TEXT_KEY = "directive_nlp.text"
_ANALYSES: "weakref.WeakKeyDictionary[Doc, Analysis]" = weakref.WeakKeyDictionary()


def doc_analysis(doc: Doc) -> Analysis:
    """The analysis of ``doc``: the tokenizer's, or (a Doc made or deserialized elsewhere) a new one."""
    found = _ANALYSES.get(doc)
    if found is None:
        text = doc.user_data.get(TEXT_KEY)
        found = analyze(text if isinstance(text, str) else doc.text)
        _ANALYSES[doc] = found
    return found


def _raw_words(analysis: Analysis) -> tuple[list[str], list[bool], list[int]]:
    """Raw word strings, sentence-start flags and word indices (gaps become their own words)."""
    raw = analysis.raw
    words: list[str] = []
    starts: list[bool] = []
    index: list[int] = []  # analysis word index, or -1 for a gap piece
    pos = 0
    firsts = {s.first for s in analysis.sentences}
    to_raw = analysis.norm.span_to_raw
    for k, w in enumerate(analysis.words):
        rs, re_ = to_raw(w.start, w.end)
        if rs < pos or re_ <= rs:
            continue
        if rs > pos and not raw[pos:rs].isspace():
            for piece in raw[pos:rs].split():
                words.append(piece)
                starts.append(False)
                index.append(-1)
        words.append(raw[rs:re_])
        starts.append(k in firsts)
        index.append(k)
        pos = re_
    for piece in raw[pos:].split():
        words.append(piece)
        starts.append(False)
        index.append(-1)
    return words, starts, index


def _words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` in linear time: the same words and spaces.

    spaCy's version searches ``text[pos:].index(word)``, copying the rest of the text for every
    word: quadratic (a 1 MB text of short words took minutes). Here the search starts at ``pos``.
    """
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    n = len(text)
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, pos)  # ValueError: the words are not the text's (a bug)
        if start > pos:
            out_words.append(text[pos:start])
            spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        pos = start + len(word)
        if pos < n and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < n:
        out_words.append(text[pos:])
        spaces.append(False)
    return out_words, spaces


class UndertheseaTokenizer:
    """Word segmentation by underthesea, realigned to the raw text (spaCy's ``vi`` pattern).

    Multi-syllable words ("Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng") are single tokens; sentence
    starts come from underthesea's sentence splitter; POS tags go to ``token.tag_`` when ``pos``.
    """

    def __init__(self, vocab: Vocab, pos: bool = False) -> None:
        self.vocab = vocab
        self.pos = pos

    def __call__(self, text: str) -> Doc:
        with collector_held():
            return self._make_doc(text)

    def _make_doc(self, text: str) -> Doc:
        analysis = analyze(text)
        words, starts, index = _raw_words(analysis)
        if not words:
            doc = Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        else:
            all_words, spaces = _words_and_spaces(words, text)
            # gaps become whitespace tokens: carry sentence starts and tags across
            sent_starts: list[bool | None] = []
            word_index: list[int] = []
            k = 0
            for w in all_words:
                if k < len(words) and w == words[k]:
                    sent_starts.append(starts[k] if k else True)
                    word_index.append(index[k])
                    k += 1
                else:
                    sent_starts.append(False)
                    word_index.append(-1)
            doc = Doc(self.vocab, words=all_words, spaces=spaces, sent_starts=sent_starts)
            if self.pos:
                tags = analysis.pos()
                for token, wi in zip(doc, word_index):
                    token.tag_ = tags[wi] if wi >= 0 else ("_SP" if token.is_space else "")
        # spaCy rebuilds doc.text on every access; the components read it from here
        doc.user_data[TEXT_KEY] = text
        _ANALYSES[doc] = analysis
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    # serialization: the tokenizer's settings travel with the saved pipeline
    def to_bytes(self, **kwargs: Any) -> bytes:
        return srsly.json_dumps({"pos": self.pos}).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs: Any) -> "UndertheseaTokenizer":
        cfg = srsly.json_loads(data.decode("utf-8"))
        self.pos = bool(cfg.get("pos", False))
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"pos": self.pos})

    def from_disk(self, path: str | Path, **kwargs: Any) -> "UndertheseaTokenizer":
        cfg = srsly.read_json(Path(path) / "cfg.json")
        self.pos = bool(cfg.get("pos", False))
        return self


@registry.tokenizers("directive_nlp.UndertheseaTokenizer.v1")
def create_tokenizer(pos: bool = False) -> Callable[[Language], UndertheseaTokenizer]:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, pos=pos)

    return make
