"""The regression gate against a committed baseline."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from beihu_extract.evaluate import compare_to_baseline, load_baseline, score, write_baseline


@pytest.fixture
def scores(builders: dict[str, Any]) -> dict[str, Any]:
    gold = {d: builders[d[:2]](d).record() for d in ("ja1", "zh1")}
    pred = builders["ja"]("ja1")
    pred.entities[0]["type"] = "LOC"
    return score(gold, {"ja1": pred.record(), "zh1": gold["zh1"]}).to_json()


def test_write_and_pass(tmp_path: Path, scores: dict[str, Any]) -> None:
    path = write_baseline(scores, tmp_path / "eval" / "baseline.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["entities.strict"] == scores["entities.strict"]
    assert data["ja"]["facts"] == scores["ja"]["facts"]
    assert "by_type" not in data and "missing_ids" not in data
    assert compare_to_baseline(scores, path) == []
    assert load_baseline(path) == data


@pytest.mark.parametrize(
    ("drop", "tolerance", "regressed"),
    [
        pytest.param(0.02, 0.01, True, id="drop-0.02"),
        pytest.param(0.005, 0.01, False, id="drop-0.005"),
        pytest.param(0.01, 0.01, False, id="drop-exactly-tolerance"),
        pytest.param(0.02, 0.05, False, id="wider-tolerance"),
    ],
)
def test_f1_drop(scores: dict[str, Any], drop: float, tolerance: float, regressed: bool) -> None:
    baseline = copy.deepcopy(scores)
    current = copy.deepcopy(scores)
    baseline["timexes"]["f1"] = 0.80
    current["timexes"]["f1"] = 0.80 - drop
    found = compare_to_baseline(current, baseline, tolerance=tolerance, languages=False)
    assert [r.key for r in found] == (["timexes"] if regressed else [])


def test_improvement_is_not_a_regression(scores: dict[str, Any]) -> None:
    better = copy.deepcopy(scores)
    better["entities.strict"]["f1"] = 1.0
    assert compare_to_baseline(better, scores) == []


def test_language_sections_are_gated(scores: dict[str, Any]) -> None:
    current = copy.deepcopy(scores)
    current["zh"]["facts"]["f1"] -= 0.3
    found = compare_to_baseline(current, scores)
    assert [r.key for r in found] == ["zh/facts"]
    assert found[0].drop == pytest.approx(0.3)
    assert compare_to_baseline(current, scores, languages=False) == []


def test_accuracies_and_missing_keys(scores: dict[str, Any]) -> None:
    current = copy.deepcopy(scores)
    current["metadata.accuracy"] -= 0.5
    del current["quantities"]
    keys = [r.key for r in compare_to_baseline(current, scores, languages=False)]
    assert keys == ["quantities", "metadata.accuracy"]


def test_accepts_an_eval_result(builders: dict[str, Any], tmp_path: Path) -> None:
    gold = {"ja1": builders["ja"]("ja1").record()}
    result = score(gold, gold)
    path = write_baseline(result, tmp_path / "b.json")
    assert compare_to_baseline(score(gold, {}), path)[0].key == "entities.strict"
    assert str(compare_to_baseline(score(gold, {}), path)[0]).startswith("entities.strict: 1.000 -> 0.000")
