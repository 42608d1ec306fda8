"""Matching rules of SPEC section 4: when a predicted item counts as a gold one, and the one-to-one assignment."""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from beihu_extract.schema import Entity, Quantity, Record, Timex

__all__ = [
    "FACT_SLOTS",
    "LAYERS",
    "RULES",
    "Alignment",
    "EntityKeys",
    "EntityListSlot",
    "EntityPartial",
    "EntitySlot",
    "EntityStrict",
    "FactMatch",
    "FactView",
    "MatchRule",
    "OptionalSlotAccuracy",
    "QuantityFull",
    "QuantitySlot",
    "QuantityValue",
    "SlotOutcome",
    "SlotRule",
    "TextSlot",
    "TimexMatch",
    "TimexSlot",
    "ValueSlot",
    "char_dice",
    "jaccard",
    "overlap_length",
    "slot_equal",
    "spans_overlap",
    "timex_granularity",
    "values_close",
]

REL_TOL = 1e-6
"""Largest relative error (absolute error when the gold value is 0) at which two values are equal."""

DICE_THRESHOLD = 0.5
JACCARD_THRESHOLD = 0.5

T = TypeVar("T")


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two half-open spans share at least one character."""
    return a_start < b_end and b_start < a_end


def overlap_length(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two half-open spans share (0 when they are disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def values_close(gold: float, predicted: float) -> bool:
    """Whether `predicted` equals `gold` to a relative error below 1e-6.

    When the gold value is 0 the relative error is undefined, so the absolute error is
    compared with the same 1e-6 instead.
    """
    if gold == 0:
        return abs(predicted) < REL_TOL
    return abs(predicted - gold) / abs(gold) < REL_TOL


def char_dice(a: str, b: str) -> float:
    """Character-level Dice coefficient of the NFKC forms of two strings.

    Each string is taken as a multiset of its characters (no bigrams), and
    ``dice = 2 * |A ∩ B| / (|A| + |B|)`` where the intersection keeps each character
    as often as it occurs in both (``Counter(a) & Counter(b)``). So ``"aaaa"`` against
    ``"a"`` gives 2 * 1 / 5 = 0.4, not 1. Two empty strings have a Dice of 1.
    """
    a, b = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Jaccard index ``|A ∩ B| / |A ∪ B|`` of two sets; two empty sets have an index of 1."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Alignment(Generic[T]):
    """A one-to-one assignment between the gold and the predicted items of one layer in one document.

    Attributes:
        gold: The gold items, in the order the rule listed them.
        predicted: The predicted items, in the order the rule listed them.
        pairs: ``(gold index, predicted index)`` of every matched pair, in the order they were taken.
    """

    gold: tuple[T, ...]
    predicted: tuple[T, ...]
    pairs: tuple[tuple[int, int], ...]

    @property
    def unmatched_gold(self) -> tuple[int, ...]:
        """Indices of the gold items left without a partner (false negatives)."""
        taken = {i for i, _ in self.pairs}
        return tuple(i for i in range(len(self.gold)) if i not in taken)

    @property
    def unmatched_predicted(self) -> tuple[int, ...]:
        """Indices of the predicted items left without a partner (false positives)."""
        taken = {j for _, j in self.pairs}
        return tuple(j for j in range(len(self.predicted)) if j not in taken)

    @property
    def tp(self) -> int:
        """Number of matched pairs."""
        return len(self.pairs)

    @property
    def fp(self) -> int:
        """Number of predicted items without a gold partner."""
        return len(self.predicted) - len(self.pairs)

    @property
    def fn(self) -> int:
        """Number of gold items without a predicted partner."""
        return len(self.gold) - len(self.pairs)


class MatchRule(ABC, Generic[T]):
    """A matching rule of one scored layer.

    A rule lists the items of a record, says whether one gold and one predicted item
    match, and orders the candidate pairs. :meth:`align` then takes the candidates
    greedily in that order, skipping any pair whose gold or predicted item is already
    taken, so each item is matched at most once. The result is a maximal assignment
    (no further pair can be added), deterministic for a given input: ties in the
    rule's order fall back to the items' positions in their lists.
    """

    layer: ClassVar[str]

    @abstractmethod
    def items(self, record: Record) -> Sequence[T]:
        """The items of `record` that this rule scores."""

    @abstractmethod
    def is_match(self, gold: T, predicted: T) -> bool:
        """Whether `predicted` counts as `gold`."""

    @abstractmethod
    def type_of(self, item: T) -> str:
        """The type or kind under which `item` is counted in the per-type breakdown."""

    @abstractmethod
    def order(self, gold: T, predicted: T) -> tuple[Any, ...]:
        """Sort key of a candidate pair: lower keys are taken first."""

    def align(self, gold: Record | None, predicted: Record | None) -> Alignment[T]:
        """Match the items of two records of the same document one-to-one.

        Args:
            gold: The gold record, or None when the document has no gold.
            predicted: The predicted record, or None when the document was not predicted.

        Returns:
            The alignment; with a side missing, every item of the other side is unmatched.
        """
        gold_items = tuple(self.items(gold)) if gold is not None else ()
        pred_items = tuple(self.items(predicted)) if predicted is not None else ()
        candidates = sorted(
            (self.order(g, p), i, j)
            for i, g in enumerate(gold_items)
            for j, p in enumerate(pred_items)
            if self.is_match(g, p)
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        pairs: list[tuple[int, int]] = []
        for _, i, j in candidates:
            if i in used_gold or j in used_pred:
                continue
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
        return Alignment(gold_items, pred_items, tuple(pairs))


class _SpanRule(MatchRule[T]):
    """Shared order of span layers: candidates by (gold start, predicted start), then the pair whose
    ends are closest (so an exact span wins over a shorter one at the same start), then by the ends.

    Because each side's entities never overlap, every gold entity's candidates form a run
    of consecutive predicted entities, and taking the leftmost free one first yields a
    maximum matching there; quantities and timexes may overlap each other, where the
    greedy assignment is maximal.
    """

    def order(self, gold: Any, predicted: Any) -> tuple[Any, ...]:
        return (gold.start, predicted.start, abs(gold.end - predicted.end), gold.end, predicted.end)


class EntityStrict(_SpanRule[Entity]):
    """A predicted entity matches a gold entity when both have the same start, the same end and the same type.

    The key and the ORG subtype are not compared.
    """

    layer = "entities.strict"

    def items(self, record: Record) -> Sequence[Entity]:
        return record.entities

    def is_match(self, gold: Entity, predicted: Entity) -> bool:
        return gold.start == predicted.start and gold.end == predicted.end and gold.type is predicted.type

    def type_of(self, item: Entity) -> str:
        return item.type.value


class EntityPartial(_SpanRule[Entity]):
    """A predicted entity matches a gold entity when both have the same type and their spans share a character."""

    layer = "entities.partial"

    def items(self, record: Record) -> Sequence[Entity]:
        return record.entities

    def is_match(self, gold: Entity, predicted: Entity) -> bool:
        return gold.type is predicted.type and spans_overlap(gold.start, gold.end, predicted.start, predicted.end)

    def type_of(self, item: Entity) -> str:
        return item.type.value


class EntityKeys(MatchRule[tuple[str, str]]):
    """Each document contributes the set of distinct (type, key) pairs of its entities; a pair matches its equal.

    Spans and repeats do not count: a key mentioned five times is one item. True positives are
    the intersection of the gold and predicted sets, false positives and negatives the differences.
    """

    layer = "entities.keys"

    def items(self, record: Record) -> Sequence[tuple[str, str]]:
        return sorted({(e.type.value, e.key) for e in record.entities})

    def is_match(self, gold: tuple[str, str], predicted: tuple[str, str]) -> bool:
        return gold == predicted

    def type_of(self, item: tuple[str, str]) -> str:
        return item[0]

    def order(self, gold: tuple[str, str], predicted: tuple[str, str]) -> tuple[Any, ...]:
        return (gold, predicted)


class QuantityFull(_SpanRule[Quantity]):
    """A predicted quantity matches a gold quantity when their spans share a character, the kinds are equal,
    the values are equal to a relative error below 1e-6 (an absolute error below 1e-6 when the gold value
    is 0), and the units and the qualifiers are equal. `counted` is not compared.
    """

    layer = "quantities"

    def items(self, record: Record) -> Sequence[Quantity]:
        return record.quantities

    def is_match(self, gold: Quantity, predicted: Quantity) -> bool:
        return (
            spans_overlap(gold.start, gold.end, predicted.start, predicted.end)
            and gold.kind is predicted.kind
            and values_close(gold.value, predicted.value)
            and gold.unit == predicted.unit
            and gold.qualifier is predicted.qualifier
        )

    def type_of(self, item: Quantity) -> str:
        return item.kind.value


class QuantityValue(_SpanRule[Quantity]):
    """A predicted quantity matches a gold quantity when their spans share a character, the kinds are equal
    and the values are equal to a relative error below 1e-6; unit and qualifier are ignored.
    """

    layer = "quantities.value"

    def items(self, record: Record) -> Sequence[Quantity]:
        return record.quantities

    def is_match(self, gold: Quantity, predicted: Quantity) -> bool:
        return (
            spans_overlap(gold.start, gold.end, predicted.start, predicted.end)
            and gold.kind is predicted.kind
            and values_close(gold.value, predicted.value)
        )

    def type_of(self, item: Quantity) -> str:
        return item.kind.value


_GRANULARITY = {4: "year", 7: "month", 10: "day", 16: "minute"}


def timex_granularity(value: str) -> str:
    """The granularity of an ISO timex value: year, month, day or minute."""
    return _GRANULARITY.get(len(value), "other")


class TimexMatch(_SpanRule[Timex]):
    """A predicted timex matches a gold timex when their spans share a character and the ISO values are equal.

    Timexes are broken down by the granularity of the value (year, month, day, minute).
    """

    layer = "timexes"

    def items(self, record: Record) -> Sequence[Timex]:
        return record.timexes

    def is_match(self, gold: Timex, predicted: Timex) -> bool:
        return gold.value == predicted.value and spans_overlap(gold.start, gold.end, predicted.start, predicted.end)

    def type_of(self, item: Timex) -> str:
        return timex_granularity(item.value)


class SlotRule(ABC):
    """How one kind of fact slot is resolved from a record and compared."""

    @abstractmethod
    def resolve(self, ref: Any, record: Record) -> Any:
        """The comparable value of a filled slot (`ref` is what the fact holds)."""

    @abstractmethod
    def equal(self, gold: Any, predicted: Any) -> bool:
        """Whether two resolved values of this slot count as equal."""


class EntitySlot(SlotRule):
    """An entity slot is equal when the referenced entities have the same key (type and span are not compared)."""

    def resolve(self, ref: Any, record: Record) -> Any:
        return next(e.key for e in record.entities if e.id == ref)

    def equal(self, gold: Any, predicted: Any) -> bool:
        return gold == predicted


class QuantitySlot(SlotRule):
    """A quantity slot is equal when the referenced quantities have equal value (relative error below 1e-6),
    unit and qualifier (span and kind are not compared).
    """

    def resolve(self, ref: Any, record: Record) -> Any:
        q = next(q for q in record.quantities if q.id == ref)
        return (q.value, q.unit, q.qualifier.value)

    def equal(self, gold: Any, predicted: Any) -> bool:
        return values_close(gold[0], predicted[0]) and gold[1:] == predicted[1:]


class TimexSlot(SlotRule):
    """A timex slot is equal when the referenced timexes have the same ISO value."""

    def resolve(self, ref: Any, record: Record) -> Any:
        return next(t.value for t in record.timexes if t.id == ref)

    def equal(self, gold: Any, predicted: Any) -> bool:
        return gold == predicted


class TextSlot(SlotRule):
    """A text slot is equal when the character-level Dice coefficient of the NFKC forms is at least 0.5.

    See :func:`char_dice`: characters are counted as a multiset, not as bigrams.
    """

    def resolve(self, ref: Any, record: Record) -> Any:
        return ref

    def equal(self, gold: Any, predicted: Any) -> bool:
        return char_dice(gold, predicted) >= DICE_THRESHOLD


class EntityListSlot(SlotRule):
    """An entity-list slot is equal when the Jaccard index of the two sets of referenced keys is at least 0.5."""

    def resolve(self, ref: Any, record: Record) -> Any:
        keys = {e.id: e.key for e in record.entities}
        return frozenset(keys[i] for i in ref)

    def equal(self, gold: Any, predicted: Any) -> bool:
        return jaccard(gold, predicted) >= JACCARD_THRESHOLD


class ValueSlot(SlotRule):
    """A status or direction slot is equal when the two values are equal."""

    def resolve(self, ref: Any, record: Record) -> Any:
        return getattr(ref, "value", ref)

    def equal(self, gold: Any, predicted: Any) -> bool:
        return gold == predicted


_E, _Q, _T, _X, _L, _V = EntitySlot(), QuantitySlot(), TimexSlot(), TextSlot(), EntityListSlot(), ValueSlot()

FACT_SLOTS: dict[str, dict[str, tuple[SlotRule, bool]]] = {
    "metric": {
        "subject": (_E, True),
        "measure": (_X, True),
        "quantity": (_Q, True),
        "change": (_Q, False),
        "direction": (_V, False),
        "time": (_T, False),
    },
    "ranking": {"subject": (_E, True), "rank": (_Q, True), "scope": (_X, False), "criterion": (_X, False)},
    "share": {"subject": (_E, True), "share": (_Q, True), "market": (_X, False), "scope": (_X, False)},
    "milestone": {"subject": (_E, True), "status": (_V, True), "time": (_T, False), "place": (_E, False)},
    "focus": {"subject": (_E, True), "industries": (_L, True)},
}
"""Per fact type, each slot's rule and whether the slot is required (SPEC 2.5)."""


@dataclass(frozen=True)
class FactView:
    """A fact with its slots resolved to comparable values (keys, values, texts), so it no longer needs its record.

    Attributes:
        id: The fact's id in its record.
        type: The fact type (metric, ranking, share, milestone, focus).
        evidence: The evidence span.
        slots: Every slot of the type, resolved; None for an optional slot left empty.
    """

    id: str
    type: str
    evidence: tuple[int, int]
    slots: dict[str, Any]

    @classmethod
    def of(cls, fact: Any, record: Record) -> FactView:
        """Resolve `fact`, one of `record.facts`."""
        slots: dict[str, Any] = {}
        for name, (rule, _) in FACT_SLOTS[fact.type].items():
            ref = getattr(fact, name)
            slots[name] = None if ref is None else rule.resolve(ref, record)
        return cls(fact.id, fact.type, (fact.evidence[0], fact.evidence[1]), slots)

    def required(self) -> list[str]:
        """Names of the required slots of this fact's type."""
        return [name for name, (_, req) in FACT_SLOTS[self.type].items() if req]

    def optional(self) -> list[str]:
        """Names of the optional slots of this fact's type."""
        return [name for name, (_, req) in FACT_SLOTS[self.type].items() if not req]


def slot_equal(fact_type: str, slot: str, gold: Any, predicted: Any) -> bool:
    """Whether two resolved values of a slot are equal under that slot's rule (None equals only None)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    rule, _ = FACT_SLOTS[fact_type][slot]
    return rule.equal(gold, predicted)


class FactMatch(MatchRule[FactView]):
    """A predicted fact matches a gold fact when the types are equal and every required slot is equal.

    Slot equality: an entity slot when the referenced entities' keys are equal; a quantity slot when
    value (relative error below 1e-6), unit and qualifier are equal; a text slot when the
    character-level Dice coefficient of the NFKC forms is at least 0.5; an entity-list slot when the
    Jaccard index of the key sets is at least 0.5; a status by equality. Evidence is not required
    to agree, but orders the candidates: pairs whose evidence spans share more characters come
    first, then pairs by (gold evidence start, predicted evidence start). So a fact stated both in
    the title and in the body pairs with the prediction at the same place.
    """

    layer = "facts"

    def items(self, record: Record) -> Sequence[FactView]:
        return [FactView.of(f, record) for f in record.facts]

    def is_match(self, gold: FactView, predicted: FactView) -> bool:
        return gold.type == predicted.type and not self.differing_slots(gold, predicted, required_only=True)

    def type_of(self, item: FactView) -> str:
        return item.type

    def order(self, gold: FactView, predicted: FactView) -> tuple[Any, ...]:
        return (-overlap_length(gold.evidence, predicted.evidence), gold.evidence[0], predicted.evidence[0])

    @staticmethod
    def differing_slots(gold: FactView, predicted: FactView, *, required_only: bool = False) -> list[str]:
        """Names of the slots whose values are not equal under their rules (same fact type assumed)."""
        names = gold.required() if required_only else [*gold.required(), *gold.optional()]
        return [n for n in names if not slot_equal(gold.type, n, gold.slots[n], predicted.slots.get(n))]


@dataclass(frozen=True)
class SlotOutcome:
    """One optional slot of one matched fact pair, as counted by :class:`OptionalSlotAccuracy`."""

    fact_type: str
    slot: str
    gold: Any
    predicted: Any
    correct: bool

    @property
    def name(self) -> str:
        """``"<fact type>.<slot>"``, the key of the per-slot breakdown."""
        return f"{self.fact_type}.{self.slot}"


class OptionalSlotAccuracy:
    """Optional slots are scored as accuracy over the matched fact pairs.

    A slot counts when either side fills it: gold and prediction both filled and equal under the
    slot's rule is correct; filled on one side only, or filled on both and unequal, is wrong; left
    empty on both sides is not counted. So a prediction is charged both for missing a slot that
    the gold fills and for inventing one the gold leaves empty (SPEC 5.15: optional slots are
    filled only from the text).
    """

    def outcomes(self, gold: FactView, predicted: FactView) -> list[SlotOutcome]:
        """The counted optional slots of one matched pair."""
        out = []
        for slot in gold.optional():
            g, p = gold.slots[slot], predicted.slots.get(slot)
            if g is None and p is None:
                continue
            out.append(SlotOutcome(gold.type, slot, g, p, slot_equal(gold.type, slot, g, p)))
        return out


RULES: dict[str, MatchRule[Any]] = {
    rule.layer: rule
    for rule in (
        EntityStrict(),
        EntityPartial(),
        EntityKeys(),
        QuantityFull(),
        QuantityValue(),
        TimexMatch(),
        FactMatch(),
    )
}
"""The rule of every scored layer, by its key in the JSON report."""

LAYERS: tuple[str, ...] = tuple(RULES)
