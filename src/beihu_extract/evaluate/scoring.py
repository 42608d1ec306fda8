"""Micro-averaged scores of SPEC section 4, per layer, per type and per language, from gold and predicted records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from beihu_extract.evaluate.matching import (
    LAYERS,
    RULES,
    Alignment,
    FactView,
    OptionalSlotAccuracy,
    SlotOutcome,
)
from beihu_extract.schema import Lang, Record

__all__ = [
    "METADATA_FIELDS",
    "Accuracy",
    "Counts",
    "DocumentResult",
    "EvalResult",
    "Scores",
    "aggregate",
    "score",
    "score_document",
]

METADATA_FIELDS: tuple[str, ...] = ("title", "published_at", "source", "editor")


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the precision, recall and F1 they give.

    A ratio whose denominator is 0 is reported as 0.0; the counts beside it tell why.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, 2tp / (2tp + fp + fn)."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def to_json(self) -> dict[str, float | int]:
        """``{"p", "r", "f1", "tp", "fp", "fn"}``."""
        return {"p": self.precision, "r": self.recall, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Accuracy:
    """Correct out of total; an accuracy over nothing is reported as 0.0."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float:
        """correct / total."""
        return self.correct / self.total if self.total else 0.0

    def to_json(self) -> dict[str, float | int]:
        """``{"accuracy", "correct", "total"}``."""
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass(frozen=True)
class DocumentResult:
    """Everything scored for one gold document.

    Attributes:
        doc_id: The document id.
        lang: The gold record's language, which decides the per-language section.
        predicted: False when the predictions lack this document (then all its gold is missed).
        alignments: Per layer key, the one-to-one assignment of gold to predicted items.
        metadata: Per metadata field, whether the prediction equals the gold exactly.
        optional_slots: The counted optional slots of the matched fact pairs.
    """

    doc_id: str
    lang: str
    predicted: bool
    alignments: Mapping[str, Alignment[Any]]
    metadata: Mapping[str, bool]
    optional_slots: tuple[SlotOutcome, ...]

    def counts(self, layer: str) -> Counts:
        """The tp/fp/fn of one layer in this document."""
        a = self.alignments[layer]
        return Counts(a.tp, a.fp, a.fn)

    def counts_by_type(self, layer: str) -> dict[str, Counts]:
        """The tp/fp/fn of one layer in this document, per type or kind.

        A matched pair counts under the gold item's type (every rule requires equal types),
        a miss under the gold type and a spurious item under the predicted type.
        """
        rule, a = RULES[layer], self.alignments[layer]
        out: dict[str, Counts] = defaultdict(Counts)
        for i, _ in a.pairs:
            out[rule.type_of(a.gold[i])] += Counts(tp=1)
        for i in a.unmatched_gold:
            out[rule.type_of(a.gold[i])] += Counts(fn=1)
        for j in a.unmatched_predicted:
            out[rule.type_of(a.predicted[j])] += Counts(fp=1)
        return dict(out)


@dataclass(frozen=True)
class Scores:
    """Scores over a set of documents.

    Attributes:
        n_documents: How many gold documents were scored.
        layers: Per layer key, micro-averaged counts.
        by_type: Per layer key, counts per type or kind.
        metadata: Accuracy over metadata fields × documents.
        metadata_by_field: The same per field.
        optional_slots: Optional-slot accuracy over matched facts.
        optional_by_slot: The same per ``"<fact type>.<slot>"``.
    """

    n_documents: int
    layers: Mapping[str, Counts]
    by_type: Mapping[str, Mapping[str, Counts]]
    metadata: Accuracy
    metadata_by_field: Mapping[str, Accuracy]
    optional_slots: Accuracy
    optional_by_slot: Mapping[str, Accuracy]

    def to_json(self) -> dict[str, Any]:
        """The flat-key form used by the JSON report and the baseline (see :meth:`EvalResult.to_json`)."""
        out: dict[str, Any] = {layer: self.layers[layer].to_json() for layer in LAYERS}
        out["metadata.accuracy"] = self.metadata.value
        out["metadata.by_field"] = {name: acc.to_json() for name, acc in self.metadata_by_field.items()}
        out["facts.optional_slot_accuracy"] = self.optional_slots.value
        out["facts.optional_slots"] = {
            **self.optional_slots.to_json(),
            "by_slot": {name: acc.to_json() for name, acc in sorted(self.optional_by_slot.items())},
        }
        out["by_type"] = {layer: {t: c.to_json() for t, c in sorted(self.by_type[layer].items())} for layer in LAYERS}
        out["n_documents"] = self.n_documents
        return out


@dataclass(frozen=True)
class EvalResult:
    """The outcome of :func:`score`.

    Attributes:
        overall: Scores over all gold documents.
        by_lang: Scores per language ("ja", "zh"), always both.
        documents: Per gold doc id, what was matched.
        missing_ids: Gold ids without a prediction (scored as all missed).
        extra_ids: Predicted ids without gold (not scored).
    """

    overall: Scores
    by_lang: Mapping[str, Scores]
    documents: Mapping[str, DocumentResult]
    missing_ids: tuple[str, ...] = ()
    extra_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON report.

        Returns:
            Flat keys ``"entities.strict"``, ``"entities.partial"``, ``"entities.keys"``,
            ``"quantities"``, ``"quantities.value"``, ``"timexes"``, ``"facts"``, each
            ``{"p", "r", "f1", "tp", "fp", "fn"}``; ``"metadata.accuracy"`` and
            ``"facts.optional_slot_accuracy"`` (floats) with their breakdowns
            ``"metadata.by_field"`` and ``"facts.optional_slots"``; ``"by_type"`` (per layer,
            per type); ``"n_documents"``; a section ``"ja"`` and ``"zh"`` each with the same
            keys; and ``"missing_ids"`` / ``"extra_ids"``.
        """
        out = self.overall.to_json()
        for lang, scores in self.by_lang.items():
            out[lang] = scores.to_json()
        out["missing_ids"] = list(self.missing_ids)
        out["extra_ids"] = list(self.extra_ids)
        return out


def score_document(doc_id: str, gold: Record, predicted: Record | None) -> DocumentResult:
    """Match one gold record against its prediction (None when the document was not predicted)."""
    alignments = {layer: rule.align(gold, predicted) for layer, rule in RULES.items()}
    if predicted is None:
        metadata = dict.fromkeys(METADATA_FIELDS, False)
    else:
        metadata = {name: getattr(gold, name) == getattr(predicted, name) for name in METADATA_FIELDS}
    facts: Alignment[FactView] = alignments["facts"]
    slots = OptionalSlotAccuracy()
    outcomes = tuple(o for i, j in facts.pairs for o in slots.outcomes(facts.gold[i], facts.predicted[j]))
    return DocumentResult(doc_id, gold.lang.value, predicted is not None, alignments, metadata, outcomes)


def aggregate(documents: Iterable[DocumentResult]) -> Scores:
    """Micro-average the results of several documents: counts are summed, then the ratios taken."""
    docs = list(documents)
    layers = {layer: sum((d.counts(layer) for d in docs), Counts()) for layer in LAYERS}
    by_type: dict[str, dict[str, Counts]] = {layer: defaultdict(Counts) for layer in LAYERS}
    for d in docs:
        for layer in LAYERS:
            for t, c in d.counts_by_type(layer).items():
                by_type[layer][t] += c
    by_field = {name: Accuracy(sum(d.metadata[name] for d in docs), len(docs)) for name in METADATA_FIELDS}
    by_slot: dict[str, Accuracy] = defaultdict(Accuracy)
    for d in docs:
        for o in d.optional_slots:
            by_slot[o.name] += Accuracy(int(o.correct), 1)
    return Scores(
        n_documents=len(docs),
        layers=layers,
        by_type={layer: dict(counts) for layer, counts in by_type.items()},
        metadata=sum(by_field.values(), Accuracy()),
        metadata_by_field=by_field,
        optional_slots=sum(by_slot.values(), Accuracy()),
        optional_by_slot=dict(by_slot),
    )


def score(gold: Mapping[str, Record], predicted: Mapping[str, Record]) -> EvalResult:
    """Score predictions against gold, joined by doc id (SPEC section 4).

    Args:
        gold: Gold records by doc id.
        predicted: Predicted records by doc id.

    Returns:
        The scores overall and per language, the per-document alignments, and the ids found
        on one side only. A gold document missing from `predicted` counts all its items as
        false negatives and its metadata fields as wrong; a predicted document without gold
        is listed in ``extra_ids`` and not scored, since nothing says what it should hold.

    Raises:
        ValueError: When a mapping's key differs from its record's ``doc_id``.
    """
    for side, records in (("gold", gold), ("predicted", predicted)):
        for doc_id, record in records.items():
            if record.doc_id != doc_id:
                raise ValueError(f"{side} record under id {doc_id!r} has doc_id {record.doc_id!r}")
    documents = {doc_id: score_document(doc_id, gold[doc_id], predicted.get(doc_id)) for doc_id in sorted(gold)}
    by_lang = {lang.value: aggregate(d for d in documents.values() if d.lang == lang.value) for lang in Lang}
    return EvalResult(
        overall=aggregate(documents.values()),
        by_lang=by_lang,
        documents=documents,
        missing_ids=tuple(sorted(set(gold) - set(predicted))),
        extra_ids=tuple(sorted(set(predicted) - set(gold))),
    )
