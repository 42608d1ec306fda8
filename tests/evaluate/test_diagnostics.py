"""Error analysis: each unmatched item lands in exactly one category."""

from __future__ import annotations

from typing import Any

import pytest

from beihu_extract.evaluate import diagnose, score


@pytest.fixture
def ja1(example: tuple) -> Any:
    gold, predicted, _ = example
    return diagnose(score(gold, predicted).documents["ja1"])


def _texts(errors: list) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    return [(e.gold.text if e.gold else None, e.predicted.text if e.predicted else None, e.differs) for e in errors]


def test_entity_errors(ja1: Any) -> None:
    entity = [e for e in ja1.mentions if e.layer == "entity"]
    assert _texts([e for e in entity if e.category == "boundary"]) == [("長春新区", "長春新", ("span",))]
    assert _texts([e for e in entity if e.category == "type"]) == [("長春市", "長春市", ("type",))]
    assert _texts([e for e in entity if e.category == "miss"]) == [("レーザ抵抗調整機", None, ())]
    assert _texts([e for e in entity if e.category == "spurious"]) == [(None, "人材", ())]


def test_quantity_and_timex_errors(ja1: Any) -> None:
    quantity = [e for e in ja1.mentions if e.layer == "quantity"]
    assert _texts([e for e in quantity if e.category == "type"]) == [("23", "23", ("kind",))]
    assert _texts([e for e in quantity if e.category == "value"]) == [
        ("3500件", "3500件", ("value",)),
        ("7割以上", "7割以上", ("qualifier",)),
    ]
    assert _texts([e for e in ja1.mentions if e.layer == "timex"]) == [("昨年", "昨年", ("value",))]


def test_each_item_in_one_category(ja1: Any) -> None:
    gold_ids = [e.gold.id for e in ja1.mentions if e.gold]
    pred_ids = [e.predicted.id for e in ja1.mentions if e.predicted]
    assert len(gold_ids) == len(set(gold_ids))
    assert len(pred_ids) == len(set(pred_ids))
    assert ja1.status("gold", "e2") == "boundary"
    assert ja1.status("gold", "e1") == "ok"


def test_fact_slot_mismatches(ja1: Any) -> None:
    slots = {(e.gold.type, e.differs) for e in ja1.facts_of("slots")}
    assert ("milestone", ("status",)) in slots
    assert ("focus", ("industries",)) in slots
    assert ("metric", ("quantity", "change", "time")) in slots
    assert not ja1.facts_of("miss") and not ja1.facts_of("spurious")


def test_optional_slot_mismatch_of_matched_facts(ja_doc: Any, builders: dict[str, Any]) -> None:
    pred = builders["ja"]("ja1")
    pred.facts[4]["scope"] = "世界"
    result = score({"ja1": ja_doc.record()}, {"ja1": pred.record()})
    found = diagnose(result.documents["ja1"]).facts_of("optional")
    assert [(e.gold.type, e.differs) for e in found] == [("ranking", ("scope",))]


def test_far_apart_facts_are_not_paired(doc: Any) -> None:
    text = "長春に23件。" + "。" * 30 + "吉林に5社。"
    g, p = doc("d", text), doc("d", text)
    z = g.ent("長春", "LOC")
    q = g.qty("23件", "COUNT", 23, unit="件")
    g.fact("metric", "長春に23件。", subject=z, measure="件", quantity=q)
    z = p.ent("吉林", "LOC")
    q = p.qty("5社", "COUNT", 5, unit="社")
    p.fact("metric", "吉林に5社。", subject=z, measure="社", quantity=q)
    d = diagnose(score({"d": g.record()}, {"d": p.record()}).documents["d"])
    assert [e.category for e in d.facts] == ["miss", "spurious"]
