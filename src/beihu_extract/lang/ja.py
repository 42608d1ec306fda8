"""Japanese: GiNZA's ja_ginza pipeline (SudachiPy split mode C, dependency parser, ENE NER)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from beihu_extract.lang import LanguageSupport
from beihu_extract.schema import Lang

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "ja_ginza"
# SudachiPy rejects input over 49,149 bytes; chunks stay well below it.
MAX_CHUNK_BYTES = 40_000


def load() -> Language:
    """Load ja_ginza from the installed package (no download)."""
    import spacy

    import beihu_extract.components  # noqa: F401 - registers the beihu_* factories

    nlp = spacy.load(MODEL)
    nlp.add_pipe("beihu_names", last=True, config={"lang": "ja"})
    return nlp


SUPPORT = LanguageSupport(code=Lang.JA, pipeline=MODEL, load=load, max_chunk_bytes=MAX_CHUNK_BYTES, model_ner=True)
