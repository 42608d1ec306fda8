"""The state of one rule application (`Match`) and the small text helpers predicates and slots share."""

from __future__ import annotations

from dataclasses import dataclass, field

from beihu_extract.rules.candidates import SubjectChain
from beihu_extract.rules.document import DocIndex, Unit
from beihu_extract.rules.lexicon import FactLexicon
from beihu_extract.schema import Entity, Quantity

__all__ = ["Match", "Produced", "growth_word", "same_measure_unit"]

# Characters allowed between a growth word and the figure after it (增长了 / 提高约 / 增速为).
_GROWTH_GAP = frozenset(" \u3000了约近达为")


@dataclass(frozen=True)
class Produced:
    """A fact already made in the current unit: where its anchor was, its type, subject and text slots."""

    start: int
    fact: str
    subject: Entity
    texts: dict[str, str]
    quantity: Quantity | None = None


@dataclass
class Match:
    """One anchor under one rule: what predicates test and slot sources read.

    Attributes:
        idx: the document's indexes.
        unit: the evidence clause of the anchor.
        chain: the subjects named so far.
        start, end: the anchor's span (a quantity or a trigger word).
        quantity: the anchor quantity, for quantity rules.
        trigger: the trigger word, for trigger rules.
        partner: a second quantity found by the rule's partner finder.
        produced: the facts already made in this unit, in anchor order.
        subjects: the subjects found for the fact being built (several for coordinated names).
        subject: the one of them whose fact is being filled.
    """

    idx: DocIndex
    unit: Unit
    chain: SubjectChain
    start: int
    end: int
    quantity: Quantity | None = None
    trigger: str | None = None
    partner: Quantity | None = None
    produced: list[Produced] = field(default_factory=list)
    subjects: list[Entity] = field(default_factory=list)
    subject: Entity | None = None

    @property
    def lex(self) -> FactLexicon:
        """The language's lexicons."""
        return self.idx.lex

    @property
    def text(self) -> str:
        """The document text."""
        return self.idx.text

    @property
    def segment(self) -> tuple[int, int]:
        """The segment (comma-separated part of the unit) holding the anchor."""
        return self.unit.segment_of(self.start)

    def is_word(self, lexicon: str, word: str) -> bool:
        """Whether `word` is exactly one word of the lexicon list `lexicon` (a role "の" is a genitive)."""
        return bool(word) and self.idx.lex.lists[lexicon].at(word, 0) == word

    def scope(self, name: str) -> tuple[int, int]:
        """The span of a named scope around the anchor: ``segment``, ``unit`` or ``sentence``."""
        if name == "segment":
            return self.segment
        if name == "sentence":
            return self.idx.sentence_span(self.unit)
        return self.unit.start, self.unit.end


def growth_word(idx: DocIndex, q: Quantity, seg: tuple[int, int]) -> tuple[str, str] | None:
    """The growth word next to a quantity and its direction: 35%増えた, 同比增长41.6% → ("増え", "up")."""
    growth = idx.lex.words("growth")
    directions = idx.lex.maps["growth"]
    pos = idx.skip_closers(q.end, seg[1])
    w = growth.at(idx.text, pos)
    if w is not None and pos + len(w) <= seg[1] and not any(idx.name_mask[pos : pos + len(w)]):
        return w, directions[w]
    # before the figure only a few filler characters may separate it from the word: 同比增长了6.3%,
    # never a noun (增加值超过1000亿元 is a value added, not an increase)
    end = q.start
    while end > seg[0] and idx.text[end - 1] in _GROWTH_GAP:
        end -= 1
    w = growth.ending_at(idx.text, end)
    if w is not None and end - len(w) >= seg[0] and not any(idx.name_mask[end - len(w) : end]):
        return w, directions[w]
    return None


def same_measure_unit(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count or measure in the same unit (and kind)."""
    return a.kind is b.kind and a.unit == b.unit
