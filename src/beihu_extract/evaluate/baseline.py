"""Regression gate: compare scores with a committed baseline (`eval/baseline.json`) and write new baselines."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beihu_extract.evaluate.matching import LAYERS
from beihu_extract.evaluate.scoring import EvalResult
from beihu_extract.schema import Lang

__all__ = [
    "DEFAULT_BASELINE",
    "GATED_ACCURACIES",
    "Regression",
    "compare_to_baseline",
    "load_baseline",
    "write_baseline",
]

DEFAULT_BASELINE = Path("eval/baseline.json")
"""Where the committed baseline lives, relative to the repository root."""

GATED_ACCURACIES: tuple[str, ...] = ("metadata.accuracy", "facts.optional_slot_accuracy")
"""Flat keys holding a bare accuracy, gated like the layers' F1."""


@dataclass(frozen=True)
class Regression:
    """A score that fell by more than the tolerance.

    Attributes:
        key: The flat key, prefixed with the language section when per language (``"ja/facts"``).
        baseline: The baseline score (F1 of a layer, or an accuracy).
        current: The current score; 0.0 when the current scores lack the key.
    """

    key: str
    baseline: float
    current: float

    @property
    def drop(self) -> float:
        """How much the score fell."""
        return self.baseline - self.current

    def __str__(self) -> str:
        return f"{self.key}: {self.baseline:.3f} -> {self.current:.3f} (-{self.drop:.3f})"


def _gated(section: Mapping[str, Any]) -> dict[str, float]:
    """The gated scores of one flat section: each layer's F1 and the two accuracies."""
    out: dict[str, float] = {}
    for layer in LAYERS:
        value = section.get(layer)
        if isinstance(value, Mapping) and isinstance(value.get("f1"), int | float):
            out[layer] = float(value["f1"])
    for key in GATED_ACCURACIES:
        if isinstance(section.get(key), int | float):
            out[key] = float(section[key])
    return out


def baseline_scores(scores: Mapping[str, Any] | EvalResult) -> dict[str, Any]:
    """The part of a JSON report that a baseline keeps: the flat layer keys, the accuracies, and the language sections.

    Counts are kept beside each F1 so that a change of the gold can be told from a change of the extractor.
    """
    data = scores.to_json() if isinstance(scores, EvalResult) else scores
    keep = (*LAYERS, *GATED_ACCURACIES, "n_documents")
    out: dict[str, Any] = {k: data[k] for k in keep if k in data}
    for lang in Lang:
        section = data.get(lang.value)
        if isinstance(section, Mapping):
            out[lang.value] = {k: section[k] for k in keep if k in section}
    return out


def load_baseline(path: str | Path = DEFAULT_BASELINE) -> dict[str, Any]:
    """Read a baseline JSON file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_baseline(scores: Mapping[str, Any] | EvalResult, path: str | Path = DEFAULT_BASELINE) -> Path:
    """Write the baseline part of `scores` (see :func:`baseline_scores`) to `path` and return the path.

    Args:
        scores: An :class:`EvalResult` or its :meth:`~EvalResult.to_json` dict.
        path: Where to write; its folder is created.

    Returns:
        The path written.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(baseline_scores(scores), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def compare_to_baseline(
    scores: Mapping[str, Any] | EvalResult,
    baseline: Mapping[str, Any] | str | Path = DEFAULT_BASELINE,
    *,
    tolerance: float = 0.01,
    languages: bool = True,
) -> list[Regression]:
    """The scores that fell by more than `tolerance` below the baseline.

    Gated are the F1 of every layer key ("entities.strict", ..., "facts") and the two accuracies
    ("metadata.accuracy", "facts.optional_slot_accuracy"), overall and, with `languages`, in each
    language section of the baseline. A key of the baseline missing from `scores` counts as 0.0;
    keys only in `scores` are new and never regress.

    Args:
        scores: An :class:`EvalResult` or its :meth:`~EvalResult.to_json` dict.
        baseline: The baseline dict, or the path of its JSON file.
        tolerance: The largest drop that is still accepted.
        languages: Whether to gate the "ja" and "zh" sections too.

    Returns:
        The regressions, overall first; empty when the gate passes.
    """
    data = scores.to_json() if isinstance(scores, EvalResult) else scores
    base = load_baseline(baseline) if isinstance(baseline, str | Path) else baseline
    sections: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = [("", base, data)]
    if languages:
        for lang in Lang:
            if isinstance(base.get(lang.value), Mapping):
                sections.append((f"{lang.value}/", base[lang.value], data.get(lang.value) or {}))
    regressions = []
    for prefix, base_section, current_section in sections:
        current = _gated(current_section)
        for key, before in _gated(base_section).items():
            now = current.get(key, 0.0)
            # a small epsilon so that 0.80 -> 0.79 is not a drop of 0.010000000000000009
            if before - now > tolerance + 1e-12:
                regressions.append(Regression(prefix + key, before, now))
    return regressions
