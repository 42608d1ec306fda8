"""Everything language-specific, behind one interface: which spaCy pipeline, how long a chunk may be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

from beihu_extract.schema import Lang

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["LanguageSupport", "get_language"]


@dataclass(frozen=True)
class LanguageSupport:
    """How one language is processed.

    Attributes:
        code: the language.
        pipeline: a name for the spaCy pipeline, recorded in provenance.
        load: builds the spaCy pipeline (called once per process and language).
        max_chunk_bytes: the longest UTF-8 text handed to the tokenizer at once.
        model_ner: whether the pipeline's `doc.ents` feed the entity layer through `labels.json`.
    """

    code: Lang
    pipeline: str
    load: Callable[[], Language]
    max_chunk_bytes: int
    model_ner: bool


@cache
def get_language(code: str) -> LanguageSupport:
    """The support of language `code` (``ja`` or ``zh``)."""
    lang = Lang(code)
    module = import_module(f"{__name__}.{lang.value}")
    return module.SUPPORT
