"""A plain, spaCy-free view of a processed document: tokens, sentences and labelled spans on the raw text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from beihu_extract.names import NameMatch

__all__ = ["NAMES_KEY", "DocView", "LabelledSpan", "Token", "build_view"]

# doc.user_data key under which the `beihu_names` component leaves its exact character-level matches.
NAMES_KEY = "beihu_names"


@dataclass(frozen=True, slots=True)
class Token:
    """One token; `head` and `sent` index into the view's tokens and sentences."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """A span from some source (a model label, a gazetteer key, a rule id)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class DocView:
    """What rules see of a document. Offsets index the raw text."""

    text: str
    lang: str
    tokens: tuple[Token, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    spans: Mapping[str, tuple[LabelledSpan, ...]] = field(default_factory=dict)
    names: tuple[NameMatch, ...] = ()

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """The tokens that overlap the span start-end, in order."""
        i = max(bisect_right(self._token_starts, start) - 1, 0)
        out = []
        for tok in self.tokens[i:]:
            if tok.start >= end:
                break
            if tok.end > start:
                out.append(tok)
        return tuple(out)

    def sentence_of(self, offset: int) -> tuple[int, int] | None:
        """The sentence holding character `offset`, if any."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return None


def build_view(text: str, lang: str, docs: Iterable[tuple[int, Any]]) -> DocView:
    """Turn spaCy docs of consecutive pieces of `text` into one DocView.

    Args:
        text: the raw document text.
        lang: its language.
        docs: (offset, doc) pairs: each doc was made from text[offset:offset + len(doc.text)]
            (or from a masked copy of the same length).
    """
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    ents: list[LabelledSpan] = []
    names: list[NameMatch] = []
    for offset, doc in docs:
        base = len(tokens)
        sent_base = len(sentences)
        has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        sent_index = {}
        if has_sents:
            for i, sent in enumerate(doc.sents):
                sent_index[sent.start] = i
                sentences.append((offset + sent.start_char, offset + sent.end_char))
        else:
            sentences.append((offset, offset + len(doc.text)))
        current = sent_base
        for tok in doc:
            if tok.i in sent_index:
                current = sent_base + sent_index[tok.i]
            start = offset + tok.idx
            tokens.append(
                Token(
                    start=start,
                    end=start + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base + tok.head.i,
                    sent=current,
                )
            )
        for ent in doc.ents:
            ents.append(LabelledSpan(offset + ent.start_char, offset + ent.end_char, ent.label_))
        for m in doc.user_data.get(NAMES_KEY, ()):
            names.append(replace(m, start=m.start + offset, end=m.end + offset))
    return DocView(
        text=text,
        lang=lang,
        tokens=tuple(tokens),
        sentences=tuple(sentences),
        spans={"model": tuple(ents)},
        names=tuple(names),
    )
