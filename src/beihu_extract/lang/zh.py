"""Chinese: spaCy's zh language, tokenized and tagged by jieba.posseg, with a rule-based sentence splitter."""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING

from beihu_extract.lang import LanguageSupport
from beihu_extract.resources import load_json
from beihu_extract.schema import Lang

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

PIPELINE = "zh_jieba_posseg"
MAX_CHUNK_BYTES = 40_000
# Sentence ends of Chinese running text (full-width forms included).
SENTENCE_ENDS = ["。", "！", "？", "；", "!", "?", "…"]


@cache
def _pos_map() -> dict[str, str]:
    """jieba's ICTCLAS-style tags mapped to Universal POS (`resources/zh/jieba_pos.json`)."""
    return load_json("zh", "jieba_pos.json")["tags"]


class JiebaTokenizer:
    """Segments with jieba.posseg: each word becomes a token, its jieba flag in `tag_`, a UD tag in `pos_`.

    The words cover the text exactly (whitespace included), so character offsets never move.
    """

    def __init__(self, vocab: Vocab) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self.vocab = vocab
        self._cut = jieba.posseg.cut
        self._pos = _pos_map()

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words, tags = [], []
        for pair in self._cut(text):
            if pair.word:
                words.append(pair.word)
                tags.append(pair.flag)
        if "".join(words) != text:  # jieba drops nothing today; fall back to characters if it ever does
            words, tags = list(text), ["x"] * len(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        for token, tag in zip(doc, tags, strict=True):
            token.tag_ = tag
            token.pos_ = self._pos.get(tag, "X") if not token.is_space else "SPACE"
        return doc


def load() -> Language:
    """A spaCy zh pipeline tokenized by jieba.posseg with sentence splitting and name finding; nothing downloaded."""
    import spacy

    import beihu_extract.components  # noqa: F401 - registers the beihu_* factories

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    nlp.add_pipe("beihu_names", last=True, config={"lang": "zh"})
    return nlp


SUPPORT = LanguageSupport(code=Lang.ZH, pipeline=PIPELINE, load=load, max_chunk_bytes=MAX_CHUNK_BYTES, model_ner=False)
