"""Scores across documents: joining by doc id, micro-averaging, languages, metadata and the JSON shape."""

from __future__ import annotations

from typing import Any

import pytest

from beihu_extract.evaluate import LAYERS, Counts, score
from beihu_extract.schema import Record


def _records(*builders: Any) -> dict[str, Record]:
    return {b.doc_id: b.record() for b in builders}


def test_perfect_prediction_scores_one_everywhere(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"), builders["zh"]("b"))
    out = score(gold, _records(builders["ja"]("a"), builders["zh"]("b"))).to_json()
    for layer in LAYERS:
        assert out[layer]["f1"] == 1.0, layer
        assert out[layer]["fp"] == out[layer]["fn"] == 0
    assert out["metadata.accuracy"] == 1.0
    assert out["facts.optional_slot_accuracy"] == 1.0
    assert out["missing_ids"] == out["extra_ids"] == []


def test_missing_and_extra_ids_are_listed_not_zipped(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"), builders["ja"]("b"))
    predicted = _records(builders["ja"]("b"), builders["ja"]("c"))
    result = score(gold, predicted)
    assert result.missing_ids == ("a",)
    assert result.extra_ids == ("c",)
    n_entities = len(gold["a"].entities)
    strict = result.overall.layers["entities.strict"]
    # b is perfect; a is all missed; c has no gold and is not scored (no false positives from it)
    assert strict == Counts(tp=n_entities, fp=0, fn=n_entities)
    assert result.documents["a"].predicted is False
    assert set(result.documents) == {"a", "b"}
    facts = result.overall.layers["facts"]
    assert (facts.fp, facts.fn) == (0, len(gold["a"].facts))


def test_order_of_the_mappings_does_not_matter(builders: dict[str, Any], doc: Any) -> None:
    gold = _records(builders["ja"]("a"), builders["zh"]("b"))
    wrong = builders["ja"]("a")
    wrong.entities[0]["type"] = "LOC"
    predicted = {"b": builders["zh"]("b").record(), "a": wrong.record()}
    reversed_pred = dict(reversed(list(predicted.items())))
    assert score(gold, predicted).to_json() == score(gold, reversed_pred).to_json()
    assert score(gold, predicted).overall.layers["entities.strict"].fn == 1


def test_key_must_equal_doc_id(builders: dict[str, Any]) -> None:
    gold = {"a": builders["ja"]("a").record()}
    with pytest.raises(ValueError, match="doc_id 'x'"):
        score(gold, {"a": builders["ja"]("x").record()})


def test_per_language_split(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"), builders["zh"]("b"))
    pred_zh = builders["zh"]("b")
    pred_zh.quantities[1]["qualifier"] = "exact"  # 近100个 loses its "nearly"
    result = score(gold, {"a": gold["a"], "b": pred_zh.record()})
    out = result.to_json()
    assert out["ja"]["n_documents"] == out["zh"]["n_documents"] == 1
    assert out["ja"]["quantities"]["f1"] == 1.0
    assert (out["zh"]["quantities"]["tp"], out["zh"]["quantities"]["fp"], out["zh"]["quantities"]["fn"]) == (2, 1, 1)
    assert out["zh"]["quantities.value"]["f1"] == 1.0
    assert out["quantities"]["tp"] == out["ja"]["quantities"]["tp"] + out["zh"]["quantities"]["tp"]
    # the metric fact over 近100个 loses its required quantity slot in zh only
    assert out["zh"]["facts"]["fn"] == 1 and out["ja"]["facts"]["fn"] == 0


def test_language_comes_from_gold_and_empty_language_section_is_zero(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"))
    out = score(gold, gold).to_json()
    assert out["zh"]["n_documents"] == 0
    assert out["zh"]["entities.strict"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}


def test_metadata_accuracy_over_fields_times_documents(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"), builders["zh"]("b"), builders["zh"]("c"))
    a = builders["ja"]("a")
    a.metadata["title"] = "北湖未来科学都市"  # one field wrong
    a.metadata["editor"] = None  # two
    b = builders["zh"]("b")
    b.metadata["published_at"] = "2025-11-19T10:59"  # three
    result = score(gold, {"a": a.record(), "b": b.record()})  # c missing: four fields wrong
    assert result.overall.metadata.correct == 12 - 7
    assert result.overall.metadata.total == 12
    assert result.to_json()["metadata.accuracy"] == pytest.approx(5 / 12)
    assert result.overall.metadata_by_field["title"].correct == 1
    assert result.by_lang["ja"].metadata.value == pytest.approx(2 / 4)
    assert result.by_lang["zh"].metadata.value == pytest.approx(3 / 8)


def test_metadata_none_equals_none(doc: Any) -> None:
    gold = {"a": doc("a", "本文").record()}
    assert score(gold, {"a": doc("a", "本文").record()}).overall.metadata.value == 1.0


def test_by_type_counts(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"))
    pred = builders["ja"]("a")
    pred.entities[2]["type"] = "ORG"  # 長春市 LOC -> ORG
    pred.entities[2]["subtype"] = "government"
    out = score(gold, {"a": pred.record()}).to_json()
    strict = out["by_type"]["entities.strict"]
    assert (strict["LOC"]["tp"], strict["LOC"]["fn"], strict["LOC"]["fp"]) == (0, 1, 0)
    assert (strict["ORG"]["tp"], strict["ORG"]["fp"]) == (2, 1)
    assert out["by_type"]["timexes"]["year"]["tp"] == 1
    assert out["by_type"]["timexes"]["month"]["tp"] == 1
    assert set(out["by_type"]["facts"]) == {"metric", "ranking", "share", "milestone", "focus"}
    # the metric whose subject was 長春市 still matches: entity slots compare keys, not types
    assert out["facts"]["fn"] == 0


def test_optional_slot_accuracy_in_scores(builders: dict[str, Any]) -> None:
    gold = _records(builders["ja"]("a"))
    pred = builders["ja"]("a")
    del pred.facts[2]["time"]  # gold fills metric.time: wrong
    pred.facts[3]["place"] = pred.entities[3]["id"]  # gold leaves milestone.place empty: wrong
    pred.facts[4]["scope"] = "全国のバイオ医薬"  # Dice of 全国 against this: 2*2 / (2+8) = 0.4: wrong
    out = score(gold, {"a": pred.record()}).to_json()
    slots = out["facts.optional_slots"]
    assert (slots["correct"], slots["total"]) == (5, 8)
    assert out["facts.optional_slot_accuracy"] == pytest.approx(5 / 8)
    assert slots["by_slot"]["metric.time"] == {"accuracy": 0.0, "correct": 0, "total": 1}
    assert slots["by_slot"]["milestone.place"]["total"] == 1
    assert out["facts"]["f1"] == 1.0  # optional slots never unmatch a fact


@pytest.mark.parametrize(
    ("counts", "p", "r", "f1"),
    [
        pytest.param(Counts(0, 0, 0), 0.0, 0.0, 0.0, id="empty"),
        pytest.param(Counts(3, 1, 2), 0.75, 0.6, 6 / 9, id="mixed"),
        pytest.param(Counts(0, 4, 0), 0.0, 0.0, 0.0, id="only-spurious"),
        pytest.param(Counts(5, 0, 0), 1.0, 1.0, 1.0, id="perfect"),
    ],
)
def test_counts(counts: Counts, p: float, r: float, f1: float) -> None:
    assert counts.precision == pytest.approx(p)
    assert counts.recall == pytest.approx(r)
    assert counts.f1 == pytest.approx(f1)


def test_micro_average_sums_counts_before_ratios(doc: Any) -> None:
    # doc a: 1 tp; doc b: 0 tp, 3 fn. Macro F1 would be 0.5; micro is 2*1 / (2*1 + 3) = 0.4
    text = "長春と吉林と大連と北京"
    ga, pa, gb, pb = doc("a", text), doc("a", text), doc("b", text), doc("b", text)
    ga.ent("長春", "LOC")
    pa.ent("長春", "LOC")
    for name in ("吉林", "大連", "北京"):
        gb.ent(name, "LOC")
    result = score({"a": ga.record(), "b": gb.record()}, {"a": pa.record(), "b": pb.record()})
    assert result.overall.layers["entities.strict"].f1 == pytest.approx(0.4)


def test_json_has_the_flat_keys(builders: dict[str, Any]) -> None:
    out = score(_records(builders["ja"]("a")), {}).to_json()
    flat = [
        "entities.strict",
        "entities.partial",
        "entities.keys",
        "quantities",
        "quantities.value",
        "timexes",
        "facts",
    ]
    for section in (out, out["ja"], out["zh"]):
        for key in flat:
            assert set(section[key]) == {"p", "r", "f1", "tp", "fp", "fn"}
        assert isinstance(section["metadata.accuracy"], float)
        assert isinstance(section["facts.optional_slot_accuracy"], float)
        assert set(section["by_type"]) == set(flat)
    assert out["missing_ids"] == ["a"]
    assert out["extra_ids"] == []
    assert out["metadata.accuracy"] == 0.0
