"""The UD GSD adapter: how a quantity's span and kind become a GSD number span."""

from __future__ import annotations

import pytest

from beihu_extract.public_eval import _gsd_span
from beihu_extract.resources import load_json
from beihu_extract.schema import Qualifier, Quantity, QuantityKind

MAPS = load_json("common", "public_datasets.json")


def _quantity(document: str, text: str, kind: QuantityKind, unit: str | None) -> Quantity:
    start = document.index(text)
    return Quantity(
        id="q1",
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        value=1.0,
        unit=unit,
        qualifier=Qualifier.EXACT,
        counted=None,
    )


GSD = [
    pytest.param("直径2~3cmの棒", "3cm", QuantityKind.MEASURE, "cm", "2~3cm", "QUANTITY", id="range-tilde"),
    pytest.param("客は5〜6人だった", "6人", QuantityKind.COUNT, "人", "5〜6人", "QUANTITY", id="range-wave-dash"),
    pytest.param(
        "標高1,600-2,200mの山", "2,200m", QuantityKind.MEASURE, "m", "1,600-2,200m", "QUANTITY", id="range-hyphen"
    ),
    pytest.param(
        "年産200基の工場", "年産200基", QuantityKind.MEASURE, "基/year", "200基", "QUANTITY", id="trim-yearly"
    ),
    pytest.param("約2億円を投じた", "約2億円", QuantityKind.MONEY, "JPY", "2億円", "MONEY", id="trim-prefix"),
    pytest.param("300人以上が集まった", "300人以上", QuantityKind.COUNT, "人", "300人", "QUANTITY", id="trim-suffix"),
    pytest.param("売上は2倍に増えた", "2倍", QuantityKind.PERCENT, "%", "2倍", "QUANTITY", id="multiple-is-quantity"),
    pytest.param("終日5割引。", "5割", QuantityKind.PERCENT, "%", "5割引", "PERCENT", id="discount"),
    pytest.param("比率は35%だった", "35%", QuantityKind.PERCENT, "%", "35%", "PERCENT", id="percent"),
    pytest.param("全長A~3mの", "3m", QuantityKind.MEASURE, "m", "3m", "QUANTITY", id="no-number-before-mark"),
]


@pytest.mark.parametrize(("document", "text", "kind", "unit", "span", "label"), GSD)
def test_gsd_span(document, text, kind, unit, span, label):
    start, end, got = _gsd_span(document, _quantity(document, text, kind, unit), MAPS["gsd_trim"], MAPS["gsd_numbers"])
    assert (document[start:end], got) == (span, label)


def test_stockmark_map_is_the_documented_one():
    # README: PERSON→人名, ORG.company→法人名, ORG.government→政治的組織名, other ORG→その他の組織名,
    # LOC and ZONE→地名, FAC→施設名, PRODUCT→製品名, EVENT→イベント名; nothing else is scored.
    stockmark = load_json("common", "public_datasets.json")["stockmark"]
    assert stockmark == {
        "PERSON": "人名",
        "ORG.company": "法人名",
        "ORG.government": "政治的組織名",
        "ORG.research": "その他の組織名",
        "ORG.other": "その他の組織名",
        "LOC": "地名",
        "ZONE": "地名",
        "FAC": "施設名",
        "PRODUCT": "製品名",
        "EVENT": "イベント名",
    }


def test_uner_locations_hold_facilities_and_cluener_addresses_do_not():
    maps = load_json("common", "public_datasets.json")
    assert maps["uner"] == {**maps["chinese"], "FAC": "LOC"}
    assert "FAC" not in maps["chinese"]
