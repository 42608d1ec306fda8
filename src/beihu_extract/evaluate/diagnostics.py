"""Error analysis of a scored document: misses, spurious items, boundary, type, value and fact slot errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from beihu_extract.evaluate.matching import FactMatch, FactView, overlap_length, spans_overlap, values_close
from beihu_extract.evaluate.scoring import DocumentResult
from beihu_extract.schema import Entity, Quantity, Timex

__all__ = ["Diagnosis", "FactError", "MentionError", "diagnose"]

MentionCategory = Literal["miss", "spurious", "boundary", "type", "value"]
FactCategory = Literal["miss", "spurious", "slots", "optional"]

# the layer whose alignment decides what counts as an error, per mention layer
_PRIMARY = {"entity": "entities.strict", "quantity": "quantities", "timex": "timexes"}

T = TypeVar("T")


@dataclass(frozen=True)
class MentionError:
    """One mention error; `gold` or `predicted` is None for a miss or a spurious item.

    Attributes:
        category: miss, spurious, boundary (same type, overlapping, other span), type (same span,
            other type or kind) or value (overlapping, same kind, other value / unit / qualifier).
        layer: entity, quantity or timex.
        gold: The gold mention, if any.
        predicted: The predicted mention, if any.
        differs: The fields that differ (e.g. ``("value", "qualifier")``).
    """

    category: MentionCategory
    layer: str
    gold: Entity | Quantity | Timex | None
    predicted: Entity | Quantity | Timex | None
    differs: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactError:
    """One fact error.

    Attributes:
        category: miss (no nearby predicted fact of the type), spurious, slots (an unmatched gold
            fact and its nearest unmatched predicted fact of the same type) or optional (a matched
            pair whose optional slots differ).
        gold: The gold fact, if any.
        predicted: The predicted fact, if any.
        differs: The slots whose values are not equal.
    """

    category: FactCategory
    gold: FactView | None
    predicted: FactView | None
    differs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diagnosis:
    """All errors of one document, each gold and predicted item in at most one error."""

    mentions: tuple[MentionError, ...]
    facts: tuple[FactError, ...]

    def of(self, category: str) -> list[MentionError]:
        """The mention errors of one category."""
        return [e for e in self.mentions if e.category == category]

    def facts_of(self, category: str) -> list[FactError]:
        """The fact errors of one category."""
        return [e for e in self.facts if e.category == category]

    def status(self, side: Literal["gold", "predicted"], mention_id: str) -> str:
        """``"ok"`` or the error category of a mention, by its id on one side."""
        for e in self.mentions:
            m = e.gold if side == "gold" else e.predicted
            if m is not None and m.id == mention_id:
                return e.category
        return "ok"


def _pair(
    gold: Sequence[T],
    predicted: Sequence[T],
    accept: Callable[[T, T], bool],
    order: Callable[[T, T], tuple[Any, ...]],
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Greedy one-to-one pairing (same scheme as the matching rules) and the leftovers on each side."""
    candidates = sorted(
        (order(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted) if accept(g, p)
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], predicted[j]))
    return (
        pairs,
        [g for i, g in enumerate(gold) if i not in used_g],
        [p for j, p in enumerate(predicted) if j not in used_p],
    )


def _by_position(g: Any, p: Any) -> tuple[Any, ...]:
    return (g.start, p.start, g.end, p.end)


def _overlap(g: Any, p: Any) -> bool:
    return spans_overlap(g.start, g.end, p.start, p.end)


def _same_span(g: Any, p: Any) -> bool:
    return g.start == p.start and g.end == p.end


def _quantity_differs(g: Quantity, p: Quantity) -> tuple[str, ...]:
    out = []
    if not values_close(g.value, p.value):
        out.append("value")
    if g.unit != p.unit:
        out.append("unit")
    if g.qualifier is not p.qualifier:
        out.append("qualifier")
    return tuple(out)


def _leftovers(doc: DocumentResult, layer: str) -> tuple[list[Any], list[Any]]:
    a = doc.alignments[_PRIMARY[layer]]
    return [a.gold[i] for i in a.unmatched_gold], [a.predicted[j] for j in a.unmatched_predicted]


def _mention_errors(doc: DocumentResult) -> list[MentionError]:
    errors: list[MentionError] = []

    gold, pred = _leftovers(doc, "entity")
    pairs, gold, pred = _pair(gold, pred, lambda g, p: _same_span(g, p) and g.type is not p.type, _by_position)
    errors += [MentionError("type", "entity", g, p, ("type",)) for g, p in pairs]
    pairs, gold, pred = _pair(gold, pred, lambda g, p: g.type is p.type and _overlap(g, p), _by_position)
    errors += [MentionError("boundary", "entity", g, p, ("span",)) for g, p in pairs]
    errors += [MentionError("miss", "entity", g, None) for g in gold]
    errors += [MentionError("spurious", "entity", None, p) for p in pred]

    gold, pred = _leftovers(doc, "quantity")
    pairs, gold, pred = _pair(gold, pred, lambda g, p: _same_span(g, p) and g.kind is not p.kind, _by_position)
    errors += [MentionError("type", "quantity", g, p, ("kind",)) for g, p in pairs]
    pairs, gold, pred = _pair(gold, pred, lambda g, p: g.kind is p.kind and _overlap(g, p), _by_position)
    errors += [MentionError("value", "quantity", g, p, _quantity_differs(g, p)) for g, p in pairs]
    errors += [MentionError("miss", "quantity", g, None) for g in gold]
    errors += [MentionError("spurious", "quantity", None, p) for p in pred]

    gold, pred = _leftovers(doc, "timex")
    pairs, gold, pred = _pair(gold, pred, _overlap, _by_position)
    errors += [MentionError("value", "timex", g, p, ("value",)) for g, p in pairs]
    errors += [MentionError("miss", "timex", g, None) for g in gold]
    errors += [MentionError("spurious", "timex", None, p) for p in pred]
    return errors


def _fact_errors(doc: DocumentResult) -> list[FactError]:
    a = doc.alignments["facts"]
    errors: list[FactError] = []
    for i, j in a.pairs:
        g, p = a.gold[i], a.predicted[j]
        differs = [s for s in FactMatch.differing_slots(g, p) if s in g.optional()]
        if differs:
            errors.append(FactError("optional", g, p, tuple(differs)))
    gold = [a.gold[i] for i in a.unmatched_gold]
    pred = [a.predicted[j] for j in a.unmatched_predicted]

    def near(g: FactView, p: FactView) -> bool:
        # a pair is worth showing when the facts share evidence or agree on some required slot
        if g.type != p.type:
            return False
        if overlap_length(g.evidence, p.evidence) > 0:
            return True
        return len(FactMatch.differing_slots(g, p, required_only=True)) < len(g.required())

    def order(g: FactView, p: FactView) -> tuple[Any, ...]:
        return (-overlap_length(g.evidence, p.evidence), abs(g.evidence[0] - p.evidence[0]), g.evidence[0])

    pairs, gold, pred = _pair(gold, pred, near, order)
    errors += [FactError("slots", g, p, tuple(FactMatch.differing_slots(g, p))) for g, p in pairs]
    errors += [FactError("miss", g, None) for g in gold]
    errors += [FactError("spurious", None, p) for p in pred]
    return errors


def diagnose(doc: DocumentResult) -> Diagnosis:
    """Sort the unmatched items of one document into error categories.

    Works on the leftovers of the strict entity, full quantity, timex and fact alignments.
    Entities: a leftover gold and predicted entity with the same span and another type are a
    type error; then, with the same type and overlapping spans, a boundary error. Quantities: same
    span and another kind is a type error; then, overlapping with the same kind, a value error
    naming the differing fields. Timexes: overlapping with another value is a value error. What is
    left is a miss (gold) or spurious (predicted). Each step pairs one-to-one, greedily by
    (gold start, predicted start). Facts: every matched pair whose optional slots differ, and each
    leftover gold fact paired with the leftover predicted fact of the same type that shares the
    most evidence (then the nearest), when they share evidence or a required slot, listing the
    differing slots.

    Args:
        doc: A scored document from :func:`beihu_extract.evaluate.score`.

    Returns:
        The document's errors.
    """
    return Diagnosis(tuple(_mention_errors(doc)), tuple(_fact_errors(doc)))
