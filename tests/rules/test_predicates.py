"""Named predicates and partner finders, each on a small hand-built clause."""

from __future__ import annotations

from dataclasses import replace

import pytest

from beihu_extract.rules import FactInput
from beihu_extract.rules.candidates import SubjectChain
from beihu_extract.rules.document import DocIndex
from beihu_extract.rules.lexicon import load_lexicon
from beihu_extract.rules.match import Match
from beihu_extract.rules.predicates import PARTNERS, evaluate
from beihu_extract.view import Token

from .conftest import build


def _match(markup: str, lang: str, quantity: int = 0, published_at: str | None = "2025-06-01T10:00") -> Match:
    """A match on the `quantity`-th figure of the first body clause."""
    idx = DocIndex(build(markup, published_at=published_at), load_lexicon(lang))
    q = idx.quantities[quantity]
    unit = idx.unit_of(q.start)
    assert unit is not None
    return Match(idx, unit, SubjectChain(idx), q.start, q.end, quantity=q)


PREDICATE_CASES = [
    pytest.param(
        "zh",
        "题\n新增科技型企业{1.26万家|COUNT:12600:家}。",
        "word_before",
        {"lexicon": "new", "within": 12},
        True,
        id="word-before",
    ),
    pytest.param(
        "zh",
        "题\n新增科技型企业{1.26万家|COUNT:12600:家}。",
        "word_before",
        {"lexicon": "new", "within": 3},
        False,
        id="word-before-too-far",
    ),
    pytest.param("ja", "題\n売上高は{35%|PERCENT:35:%}増えた。", "growth", {}, True, id="growth-after-ja"),
    pytest.param("zh", "题\n同比增长{6.3%|PERCENT:6.3:%}。", "growth", {}, True, id="growth-before-zh"),
    pytest.param(
        "zh", "题\n增加值超过{1000亿元|MONEY:100000000000:CNY}。", "growth", {}, False, id="value-added-is-no-growth"
    ),
    pytest.param(
        "zh",
        "题\n力争到<2027年|2027>达到{一万亿元|MONEY:1000000000000:CNY}。",
        "future_time",
        {},
        True,
        id="future-time",
    ),
    pytest.param(
        "zh", "题\n<2024年|2024>达到{一万亿元|MONEY:1000000000000:CNY}。", "future_time", {}, False, id="past-time"
    ),
    pytest.param("ja", "題\n{3|COUNT:3} 大エリア。", "text_after", {"pattern": "^\\s*大"}, True, id="text-after"),
    pytest.param(
        "ja", "題\n{60%|PERCENT:60:%:more_than}を超え", "qualifier_in", {"values": ["more_than"]}, True, id="qualifier"
    ),
    pytest.param(
        "zh", "题\n{5000万元以上|MONEY:50000000:CNY:at_least}项目", "kind_in", {"kinds": ["MONEY"]}, True, id="kind"
    ),
    pytest.param(
        "zh",
        "题\n{5000万元以上|MONEY:50000000:CNY:at_least}项目",
        "all_of",
        {"tests": [{"test": "kind_in", "kinds": ["MONEY"]}, {"test": "qualifier_in", "values": ["exact"]}]},
        False,
        id="all-of",
    ),
    pytest.param(
        "ja", "題\n{3つ|COUNT:3:つ:-:区域}の区域", "counted_in", {"lexicon": "structural"}, True, id="counted-in"
    ),
]


@pytest.mark.parametrize(("lang", "markup", "test", "args", "expected"), PREDICATE_CASES)
def test_predicate(lang, markup, test, args, expected):
    assert evaluate(_match(markup, lang), test, args) is expected


PARTNER_CASES = [
    pytest.param(
        "zh",
        "题\n实现{3686亿元|MONEY:1:CNY}，同比增长{5.8%|PERCENT:5.8:%}。",
        "growth_after",
        "5.8%",
        id="growth-after",
    ),
    pytest.param(
        "zh",
        "题\n实现{3686亿元|MONEY:1:CNY}，增速较上年加快{2.6个百分点|PERCENT:2.6:pt}。",
        "growth_after",
        None,
        id="new-measure-no-partner",
    ),
    pytest.param(
        "ja",
        "題\n売上高は{約8億元|MONEY:1:CNY:approx}で、<一昨年|2023>より{35%|PERCENT:35:%}増えた。",
        "growth_after",
        "35%",
        id="growth-after-ja",
    ),
    pytest.param(
        "zh",
        "题\n新增企业{1.26万家|COUNT:1:家:-:企业}，累计达到{6.8万家|COUNT:2:家:-:企业}。",
        "total_after",
        "6.8万家",
        id="total-after",
    ),
    pytest.param(
        "zh",
        "题\n新引进高层次人才{1260人|COUNT:1:人:-:高层次人才}，各类人才总量超过{40万人|COUNT:2:人:-:各类人才}。",
        "total_after",
        None,
        id="total-of-another-thing",
    ),
    pytest.param(
        "zh",
        "题\n入驻企业{630家|COUNT:1:家:-:企业}，去年新增{58家|COUNT:2:家:-:企业}。",
        "new_after",
        "58家",
        id="new-after",
    ),
    pytest.param(
        "ja",
        "題\n前年比{10%|PERCENT:10:%}増の{50億元|MONEY:1:CNY}。",
        "value_after_growth",
        "50億元",
        id="value-after-growth",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "finder", "expected"), PARTNER_CASES)
def test_partner(lang, markup, finder, expected):
    found = PARTNERS[finder](_match(markup, lang))
    assert (found.text if found is not None else None) == expected


def _parsed(text: str, words: list[tuple[str, str, str, int]]) -> Match:
    """A match on the first token of a one-clause document with a hand-written parse (word, lemma, dep, head)."""
    tokens, pos = [], 0
    for word, lemma, dep, head in words:
        tokens.append(Token(pos, pos + len(word), word, lemma, "VERB" if dep == "ROOT" else "NOUN", "", dep, head, 0))
        pos += len(word)
    doc = FactInput(text="題\n" + text, tokens=tuple(replace(t, start=t.start + 2, end=t.end + 2) for t in tokens))
    idx = DocIndex(doc, load_lexicon("ja"))
    unit = idx.units[1]
    first = idx.tokens[0]
    return Match(idx, unit, SubjectChain(idx), first.start, first.end)


def test_dependency_and_lemma_predicates():
    m = _parsed("開通させた", [("開通", "開通", "ROOT", 0), ("させた", "させる", "aux", 0)])
    assert evaluate(m, "dep_in", {"deps": ["ROOT"]}) is True
    assert evaluate(m, "dep_in", {"deps": ["acl"]}) is False
    assert evaluate(m, "lemma_in", {"lemmas": ["開通"]}) is True
