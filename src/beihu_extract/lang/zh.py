"""Chinese: spaCy's zh language with the jieba segmenter and a rule-based sentence splitter."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from beihu_extract.lang import LanguageSupport
from beihu_extract.schema import Lang

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE = "zh_jieba"
MAX_CHUNK_BYTES = 40_000
# Sentence ends of Chinese running text (full-width forms included).
SENTENCE_ENDS = ["。", "！", "？", "；", "!", "?", "…"]


def load() -> Language:
    """A blank spaCy zh pipeline segmenting with jieba; nothing is downloaded."""
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    return nlp


SUPPORT = LanguageSupport(code=Lang.ZH, pipeline=PIPELINE, load=load, max_chunk_bytes=MAX_CHUNK_BYTES, model_ner=False)
