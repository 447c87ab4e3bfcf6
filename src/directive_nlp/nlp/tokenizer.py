"""The spaCy tokenizer: underthesea words and sentences, ``doc.text`` equal to the input."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from directive_nlp.text.words import segment

__all__ = ["UndertheseaTokenizer", "create_tokenizer", "TEXT_KEY"]

TEXT_KEY = "directive_nlp.text"


class UndertheseaTokenizer:
    """Word segmentation by underthesea, realigned to the raw text (spaCy's ``vi`` pattern).

    Multi-syllable words ("Bí thư", "Tỉnh ủy", "Nguyễn Văn Thắng") are single tokens; sentence
    starts come from underthesea's sentence splitter; POS tags go to ``token.tag_`` when ``pos``.
    """

    def __init__(self, vocab: Vocab, pos: bool = False) -> None:
        self.vocab = vocab
        self.pos = pos

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        starts: list[bool] = []
        tags: list[str] = []
        pos = 0
        for sent in segment(text, pos=self.pos):
            first = True
            for tok in sent.tokens:
                if tok.start < pos:
                    continue
                gap = text[pos : tok.start]
                for piece in gap.split():
                    words.append(piece)
                    starts.append(False)
                    tags.append("")
                words.append(tok.text)
                starts.append(first)
                tags.append(tok.pos or "")
                first = False
                pos = tok.end
        for piece in text[pos:].split():
            words.append(piece)
            starts.append(False)
            tags.append("")
        if not words:
            return Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        all_words, spaces = get_words_and_spaces(words, text)
        # get_words_and_spaces inserts whitespace tokens: carry sentence starts and tags across
        sent_starts: list[bool | None] = []
        out_tags: list[str] = []
        k = 0
        for w in all_words:
            if k < len(words) and w == words[k]:
                sent_starts.append(starts[k] if k else True)
                out_tags.append(tags[k])
                k += 1
            else:
                sent_starts.append(False)
                out_tags.append("_SP")
        doc = Doc(self.vocab, words=all_words, spaces=spaces, sent_starts=sent_starts)
        # spaCy rebuilds doc.text on every access; the components read it from here
        doc.user_data[TEXT_KEY] = text
        if self.pos:
            for token, tag in zip(doc, out_tags):
                if tag:
                    token.tag_ = tag
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
