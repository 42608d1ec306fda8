"""Each matching rule of SPEC section 4, with cases on both sides of its line."""

from __future__ import annotations

from typing import Any

import pytest

from beihu_extract.evaluate.matching import (
    FACT_SLOTS,
    RULES,
    EntityKeys,
    EntityPartial,
    EntityStrict,
    FactMatch,
    FactView,
    OptionalSlotAccuracy,
    QuantityFull,
    QuantityValue,
    TimexMatch,
    char_dice,
    jaccard,
    values_close,
)
from beihu_extract.schema import FocusFact, MetricFact, MilestoneFact, RankingFact, ShareFact

TEXT = "長春新区と中韓(長春)国際合作示範区には約2億元、300人以上、第14位、2024年12月。"


def _pair(doc: Any, gold: dict[str, Any], pred: dict[str, Any], add: str) -> tuple[Any, Any]:
    """Two one-item records over TEXT, built with the builder method `add`."""
    g, p = doc("d", TEXT), doc("d", TEXT)
    getattr(g, add)(**gold)
    getattr(p, add)(**pred)
    return g.record(), p.record()


ENTITY_CASES = [
    # gold (start, end, type), predicted (start, end, type), strict, partial
    pytest.param((0, 4, "ZONE"), (0, 4, "ZONE"), True, True, id="same-span-same-type"),
    pytest.param((0, 4, "ZONE"), (1, 4, "ZONE"), False, True, id="start-off-by-one"),
    pytest.param((0, 4, "ZONE"), (0, 3, "ZONE"), False, True, id="end-off-by-one"),
    pytest.param((0, 4, "ZONE"), (0, 5, "ZONE"), False, True, id="end-one-too-far"),
    pytest.param((0, 4, "ZONE"), (0, 4, "LOC"), False, False, id="type-swap"),
    pytest.param((0, 4, "ZONE"), (1, 3, "LOC"), False, False, id="overlap-type-swap"),
    pytest.param((0, 4, "ZONE"), (4, 5, "ZONE"), False, False, id="touching-not-overlapping"),
    pytest.param((5, 18, "ZONE"), (8, 10, "ZONE"), False, True, id="nested-inside"),
]


@pytest.mark.parametrize(("gold", "pred", "strict", "partial"), ENTITY_CASES)
def test_entity_strict_and_partial(doc: Any, gold: tuple, pred: tuple, strict: bool, partial: bool) -> None:
    g, p = _pair(
        doc,
        {"where": gold[:2], "type_": gold[2], "key": "k"},
        {"where": pred[:2], "type_": pred[2], "key": "k"},
        "ent",
    )
    assert EntityStrict().is_match(g.entities[0], p.entities[0]) is strict
    assert EntityPartial().is_match(g.entities[0], p.entities[0]) is partial
    assert EntityStrict().align(g, p).tp == int(strict)
    assert EntityPartial().align(g, p).tp == int(partial)


def test_entity_strict_ignores_key_and_subtype(doc: Any) -> None:
    g, p = doc("d", TEXT), doc("d", TEXT)
    g.ent("長春新区", "ORG", key="长春新区", subtype="government")
    p.ent("長春新区", "ORG", key="别的", subtype="company")
    assert EntityStrict().align(g.record(), p.record()).tp == 1


def test_entity_keys_are_distinct_type_key_sets(doc: Any) -> None:
    text = "長春と長春と長春市"
    g, p = doc("d", text), doc("d", text)
    g.ent("長春", "LOC", key="长春")
    g.ent("長春", "LOC", key="长春", nth=1)
    g.ent("長春市", "LOC", key="长春市")
    p.ent("長春", "LOC", key="长春")
    p.ent("長春市", "ZONE", key="长春市")
    a = EntityKeys().align(g.record(), p.record())
    # gold {(LOC,长春), (LOC,长春市)}; predicted {(LOC,长春), (ZONE,长春市)}: the repeat counts once, the type matters
    assert (a.tp, a.fp, a.fn) == (1, 1, 1)
    assert EntityKeys().items(g.record()) == [("LOC", "长春"), ("LOC", "长春市")]


QUANTITY_CASES = [
    # gold value/unit/qualifier/kind, predicted, full match, value-only match
    pytest.param((2e8, "CNY", "approx"), (2e8, "CNY", "approx"), True, True, id="equal"),
    pytest.param((2e8, "CNY", "approx"), (2e8 * (1 + 9e-7), "CNY", "approx"), True, True, id="rel-error-9e-7"),
    pytest.param((2e8, "CNY", "approx"), (2e8 * (1 + 2e-6), "CNY", "approx"), False, False, id="rel-error-2e-6"),
    pytest.param((2e8, "CNY", "approx"), (2e4, "CNY", "approx"), False, False, id="wrong-multiplier"),
    pytest.param((2e8, "CNY", "approx"), (2e8, "CNY", "exact"), False, True, id="qualifier-mismatch"),
    pytest.param((2e8, "CNY", "approx"), (2e8, "JPY", "approx"), False, True, id="unit-mismatch"),
    pytest.param((0.0, "CNY", "exact"), (5e-7, "CNY", "exact"), True, True, id="zero-gold-abs-within"),
    pytest.param((0.0, "CNY", "exact"), (2e-6, "CNY", "exact"), False, False, id="zero-gold-abs-beyond"),
]


@pytest.mark.parametrize(("gold", "pred", "full", "value_only"), QUANTITY_CASES)
def test_quantity_full_and_value(doc: Any, gold: tuple, pred: tuple, full: bool, value_only: bool) -> None:
    def fields(v: tuple) -> dict[str, Any]:
        return {"where": "約2億元", "kind": "MONEY", "value": v[0], "unit": v[1], "qualifier": v[2]}

    g, p = _pair(doc, fields(gold), fields(pred), "qty")
    assert QuantityFull().align(g, p).tp == int(full)
    assert QuantityValue().align(g, p).tp == int(value_only)


def test_quantity_needs_overlap_and_kind(doc: Any) -> None:
    g, p = doc("d", TEXT), doc("d", TEXT)
    g.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    g.qty("第14位", "RANK", 14)
    p.qty("300人", "COUNT", 300, unit="人", qualifier="at_least")  # shorter span, still overlapping
    p.qty("第14位", "COUNT", 14)  # same span, other kind
    p.qty("2億", "COUNT", 300, unit="人", qualifier="at_least")  # right values, elsewhere
    full = QuantityFull().align(g.record(), p.record())
    value = QuantityValue().align(g.record(), p.record())
    assert full.pairs == ((0, 0),)
    assert value.pairs == ((0, 0),)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        pytest.param(100.0, 100.0, True, id="equal"),
        pytest.param(100.0, 100.00009, True, id="below-tolerance"),
        pytest.param(100.0, 100.0002, False, id="above-tolerance"),
        pytest.param(-50.0, -50.00001, True, id="negative"),
        pytest.param(0.0, 0.0, True, id="zero"),
        pytest.param(0.0, 1e-7, True, id="zero-abs"),
        pytest.param(0.0, 1e-5, False, id="zero-abs-beyond"),
    ],
)
def test_values_close(gold: float, pred: float, expected: bool) -> None:
    assert values_close(gold, pred) is expected


TIMEX_CASES = [
    pytest.param((37, 45), "2024-12", (37, 45), "2024-12", True, id="same"),
    pytest.param((37, 45), "2024-12", (37, 42), "2024-12", True, id="overlap-same-value"),
    pytest.param((37, 45), "2024-12", (37, 45), "2024", False, id="other-value"),
    pytest.param((37, 45), "2024-12", (0, 4), "2024-12", False, id="no-overlap"),
]


@pytest.mark.parametrize(("gspan", "gval", "pspan", "pval", "expected"), TIMEX_CASES)
def test_timex_match(doc: Any, gspan: tuple, gval: str, pspan: tuple, pval: str, expected: bool) -> None:
    g, p = _pair(doc, {"where": gspan, "value": gval}, {"where": pspan, "value": pval}, "tmx")
    assert TEXT[37:45] == "2024年12月"
    assert TimexMatch().align(g, p).tp == int(expected)


DICE_CASES = [
    pytest.param("abcdefghij", "abcdeVWXYZ", 0.5, True, id="exactly-half"),
    pytest.param("abcdefghij", "abcdeVWXYZQ", 10 / 21, False, id="just-under"),
    pytest.param("abcdefghij", "abcdefVWXYZ", 12 / 21, True, id="just-over"),
    pytest.param("aaaa", "a", 0.4, False, id="multiset-not-set"),
    pytest.param("ＡＢＣ１２", "ABC12", 1.0, True, id="nfkc-full-width"),
    pytest.param("国家級研究開発プラットフォーム", "研究開発プラットフォーム", 24 / 27, True, id="head-noun"),
    pytest.param("総投資", "人材", 0.0, False, id="disjoint"),
    pytest.param("", "", 1.0, True, id="both-empty"),
]


@pytest.mark.parametrize(("a", "b", "dice", "equal"), DICE_CASES)
def test_char_dice(a: str, b: str, dice: float, equal: bool) -> None:
    assert char_dice(a, b) == pytest.approx(dice)
    assert char_dice(b, a) == pytest.approx(dice)
    assert (char_dice(a, b) >= 0.5) is equal


JACCARD_CASES = [
    pytest.param({"a", "b"}, {"a", "b", "c", "d"}, 0.5, True, id="exactly-half"),
    pytest.param({"a", "b"}, {"a", "c"}, 1 / 3, False, id="one-of-three"),
    pytest.param({"a", "b", "c"}, {"a", "b", "d"}, 0.5, True, id="two-of-four"),
    pytest.param({"a", "b", "c"}, {"a", "d", "e"}, 0.2, False, id="one-of-five"),
    pytest.param({"a"}, {"a"}, 1.0, True, id="same"),
]


@pytest.mark.parametrize(("a", "b", "index", "equal"), JACCARD_CASES)
def test_jaccard(a: set[str], b: set[str], index: float, equal: bool) -> None:
    assert jaccard(frozenset(a), frozenset(b)) == pytest.approx(index)
    assert (jaccard(frozenset(a), frozenset(b)) >= 0.5) is equal


FACT_TEXT = (
    "北湖未来科学都市には23の国家級研究開発プラットフォームがある。"
    "長春新区は第14位。光華微電子のシェアは60%を超え、"
    "金賽薬業が上市した。北湖未来科学城は光電情報、新材料、医薬健康、新エネルギーに取り組む。"
)


def _fact_records(doc: Any, **changes: Any) -> tuple[Any, Any]:
    """A gold record with one fact of each type and a prediction with `changes` applied to its builder."""
    records = []
    for side in ("gold", "pred"):
        b = doc("d", FACT_TEXT)
        c = changes if side == "pred" else {}
        zone = b.ent("北湖未来科学都市", "ZONE", key=c.get("zone_key", "北湖未来科学城"))
        n = b.qty("23", "COUNT", c.get("count", 23), qualifier=c.get("count_qualifier", "exact"))
        shinku = b.ent("長春新区", "ZONE", key="长春新区")
        rank = b.qty("第14位", "RANK", c.get("rank", 14))
        hg = b.ent("光華微電子", "ORG", key="光华微电子")
        share = b.qty("60%", "PERCENT", 60, unit="%", qualifier=c.get("share_qualifier", "more_than"))
        gensci = b.ent("金賽薬業", "ORG", key="金赛药业")
        beihu = b.ent("北湖未来科学城", "ZONE", key="北湖未来科学城")
        inds = [b.ent(x, "INDUSTRY") for x in ("光電情報", "新材料", "医薬健康", "新エネルギー")]
        b.fact(
            "metric",
            "北湖未来科学都市には23の国家級研究開発プラットフォームがある。",
            subject=zone,
            measure=c.get("measure", "国家級研究開発プラットフォーム"),
            quantity=n,
        )
        b.fact("ranking", "長春新区は第14位。", subject=shinku, rank=rank)
        b.fact("share", "光華微電子のシェアは60%を超え、", subject=hg, share=share)
        b.fact("milestone", "金賽薬業が上市した。", subject=gensci, status=c.get("status", "launched"))
        b.fact(
            "focus", "北湖未来科学城は", subject=beihu, industries=[inds[i] for i in c.get("industries", (0, 1, 2, 3))]
        )
        records.append(b.record())
    return records[0], records[1]


FACT_CASES = [
    # builder changes, fact types expected to stay matched
    pytest.param({}, {"metric", "ranking", "share", "milestone", "focus"}, id="identical"),
    pytest.param({"zone_key": "北湖科学城"}, {"ranking", "share", "milestone", "focus"}, id="subject-key-differs"),
    pytest.param({"count": 32}, {"ranking", "share", "milestone", "focus"}, id="quantity-value-differs"),
    pytest.param({"count_qualifier": "approx"}, {"ranking", "share", "milestone", "focus"}, id="quantity-qualifier"),
    pytest.param({"share_qualifier": "exact"}, {"metric", "ranking", "milestone", "focus"}, id="share-qualifier"),
    pytest.param({"rank": 15}, {"metric", "share", "milestone", "focus"}, id="rank-value"),
    pytest.param({"status": "started"}, {"metric", "ranking", "share", "focus"}, id="status-differs"),
    # measure: 15 chars; "研究開発プラットフォーム" (12 shared) gives 24/27 ≥ 0.5
    pytest.param(
        {"measure": "研究開発プラットフォーム"}, {"metric", "ranking", "share", "milestone", "focus"}, id="dice-over"
    ),
    # "国家級" against the 15-char measure: 2*3/18 = 0.33 < 0.5
    pytest.param({"measure": "国家級"}, {"ranking", "share", "milestone", "focus"}, id="dice-under"),
    # 2 of 4 industries: Jaccard 2/4 = 0.5 (kept); 1 of 4: 1/4 (lost)
    pytest.param({"industries": (0, 1)}, {"metric", "ranking", "share", "milestone", "focus"}, id="jaccard-half"),
    pytest.param({"industries": (0,)}, {"metric", "ranking", "share", "milestone"}, id="jaccard-quarter"),
]


@pytest.mark.parametrize(("changes", "matched"), FACT_CASES)
def test_fact_match(doc: Any, changes: dict[str, Any], matched: set[str]) -> None:
    gold, pred = _fact_records(doc, **changes)
    a = FactMatch().align(gold, pred)
    assert {a.gold[i].type for i, _ in a.pairs} == matched
    assert a.fn == 5 - len(matched)
    assert a.fp == 5 - len(matched)


def test_fact_dice_boundary_exactly_half(doc: Any) -> None:
    # "abcdefghij" vs "abcdeVWXYZ" is exactly 0.5: equal; one more foreign character makes it 10/21: not equal
    for measure, expected in (("abcdeVWXYZ", 1), ("abcdeVWXYZQ", 0)):
        sides = []
        for m in ("abcdefghij", measure):
            b = doc("d", "ZONEの12件")
            z = b.ent("ZONE", "ZONE")
            q = b.qty("12件", "COUNT", 12, unit="件")
            b.fact("metric", (0, 8), subject=z, measure=m, quantity=q)
            sides.append(b.record())
        assert FactMatch().align(*sides).tp == expected


def test_fact_entity_slot_compares_keys_not_spans(doc: Any) -> None:
    text = "北湖未来科学都市と北湖未来科学城に23件"
    sides = []
    for name in ("北湖未来科学都市", "北湖未来科学城"):
        b = doc("d", text)
        z = b.ent(name, "ZONE", key="北湖未来科学城")
        q = b.qty("23件", "COUNT", 23, unit="件")
        b.fact("metric", (0, len(text)), subject=z, measure="件", quantity=q)
        sides.append(b.record())
    assert FactMatch().align(*sides).tp == 1


def test_fact_one_to_one_prefers_evidence_overlap(doc: Any) -> None:
    # the same statement in the title and in the body: a single prediction in the body pairs with the body fact
    text = "長春新区に23件\n本文。長春新区に23件"
    g, p = doc("d", text), doc("d", text)
    for b, nths in ((g, (0, 1)), (p, (1,))):
        for nth in nths:
            z = b.ent("長春新区", "ZONE", nth=nth)
            q = b.qty("23件", "COUNT", 23, unit="件", nth=nth)
            b.fact("metric", "長春新区に23件", nth=nth, subject=z, measure="件", quantity=q)
    a = FactMatch().align(g.record(), p.record())
    assert a.pairs == ((1, 0),)
    assert (a.tp, a.fp, a.fn) == (1, 0, 1)


def test_duplicate_predictions_match_once(doc: Any) -> None:
    g, p = doc("d", TEXT), doc("d", TEXT)
    g.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    for _ in range(2):
        p.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    z = p.ent("長春新区", "ZONE")
    q = p.quantities[0]["id"]
    zg = g.ent("長春新区", "ZONE")
    g.fact("metric", (0, 10), subject=zg, measure="人材", quantity=g.quantities[0]["id"])
    p.fact("metric", (0, 10), subject=z, measure="人材", quantity=q)
    p.fact("metric", (0, 10), subject=z, measure="人材", quantity=q)
    for rule in (QuantityFull(), QuantityValue(), FactMatch()):
        a = rule.align(g.record(), p.record())
        assert (a.tp, a.fp, a.fn) == (1, 1, 0), rule.layer


def test_duplicate_gold_match_once(doc: Any) -> None:
    g, p = doc("d", TEXT), doc("d", TEXT)
    g.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    g.qty("300人", "COUNT", 300, unit="人", qualifier="at_least")
    p.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    a = QuantityFull().align(g.record(), p.record())
    assert (a.tp, a.fp, a.fn) == (1, 0, 1)
    assert a.pairs == ((0, 0),)  # same starts: the pair with the closest ends (here the exact span) goes first


def test_greedy_order_is_by_gold_then_predicted_start(doc: Any) -> None:
    text = "ABCDEFGHIJKLMNOP"
    g, p = doc("d", text), doc("d", text)
    g.ent((0, 4), "ORG")
    g.ent((4, 8), "ORG")
    p.ent((2, 6), "ORG")  # overlaps both golds
    p.ent((6, 9), "ORG")  # overlaps the second gold only
    a = EntityPartial().align(g.record(), p.record())
    assert sorted(a.pairs) == [(0, 0), (1, 1)]  # each gold takes the leftmost free overlapping prediction


def test_alignment_is_deterministic(doc: Any) -> None:
    g, p = doc("d", TEXT), doc("d", TEXT)
    for _ in range(3):
        g.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
        p.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    runs = {QuantityFull().align(g.record(), p.record()).pairs for _ in range(5)}
    assert runs == {((0, 0), (1, 1), (2, 2))}


OPTIONAL_CASES = [
    # gold (time, direction), predicted (time, direction), counted outcomes (slot, correct)
    pytest.param(("2024", "up"), ("2024", "up"), [("direction", True), ("time", True)], id="both-filled-equal"),
    pytest.param(("2024", None), (None, None), [("time", False)], id="gold-only-is-wrong"),
    pytest.param((None, None), ("2024", None), [("time", False)], id="predicted-only-is-wrong"),
    pytest.param((None, None), (None, None), [], id="both-empty-not-counted"),
    pytest.param(("2024", "up"), ("2023", "down"), [("direction", False), ("time", False)], id="both-differ"),
]


@pytest.mark.parametrize(("gold", "pred", "outcomes"), OPTIONAL_CASES)
def test_optional_slot_accuracy_counts_either_side(doc: Any, gold: tuple, pred: tuple, outcomes: list) -> None:
    views = []
    for time, direction in (gold, pred):
        b = doc("d", "2024年と2023年、長春に23件")
        z = b.ent("長春", "LOC")
        q = b.qty("23件", "COUNT", 23, unit="件")
        slots: dict[str, Any] = {"subject": z, "measure": "件", "quantity": q}
        if time is not None:
            slots["time"] = b.tmx(f"{time}年", time)
        if direction is not None:
            slots["direction"] = direction
        b.fact("metric", (0, 10), **slots)
        record = b.record()
        views.append(FactView.of(record.facts[0], record))
    got = sorted((o.slot, o.correct) for o in OptionalSlotAccuracy().outcomes(*views))
    assert got == outcomes
    assert FactMatch().is_match(*views)


def test_fact_slot_table_agrees_with_schema() -> None:
    for model in (MetricFact, RankingFact, ShareFact, MilestoneFact, FocusFact):
        fact_type = model.model_fields["type"].default
        fields = {n: f for n, f in model.model_fields.items() if n not in ("id", "type", "evidence", "rule")}
        assert set(fields) == set(FACT_SLOTS[fact_type]), fact_type
        for name, (_, required) in FACT_SLOTS[fact_type].items():
            assert fields[name].is_required() is required, (fact_type, name)


def test_every_layer_has_a_documented_rule() -> None:
    assert list(RULES) == [
        "entities.strict",
        "entities.partial",
        "entities.keys",
        "quantities",
        "quantities.value",
        "timexes",
        "facts",
    ]
    for rule in RULES.values():
        assert type(rule).__doc__ and len(type(rule).__doc__.split()) > 8
