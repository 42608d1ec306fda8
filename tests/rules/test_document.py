"""The document index: evidence clauses, segments, paragraphs, subject candidates and the main zone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from beihu_extract.rules.candidates import SubjectChain, unit_candidates
from beihu_extract.rules.document import DocIndex
from beihu_extract.rules.lexicon import load_lexicon
from beihu_extract.view import Token

from .conftest import build


def _index(markup: str, lang: str) -> DocIndex:
    return DocIndex(build(markup), load_lexicon(lang))


def test_units_are_sentences_cut_at_semicolons_and_the_title_is_one():
    idx = _index("标题 第二段\n\n去年增长5%；今年增长6%。下一句", "zh")
    texts = [idx.text[u.start : u.end] for u in idx.units]
    assert texts == ["标题 第二段", "去年增长5%；", "今年增长6%。", "下一句"]
    assert idx.units[0].is_title and idx.units[0].segments == ((0, 3), (3, 6))
    assert idx.units[1].sentence == idx.units[2].sentence != idx.units[3].sentence


def test_evidence_slices_text():
    idx = _index("記事\n　本文です。次の文。", "ja")
    assert [idx.text[u.start : u.end] for u in idx.units] == ["記事", "本文です。", "次の文。"]


def test_main_zone_is_the_most_frequent_zone_key():
    idx = _index("[光谷|ZONE]的新闻\n[东湖高新区|ZONE|光谷]和[苏州工业园区|ZONE]。[光谷|ZONE]。", "zh")
    assert idx.main_zone is not None and idx.main_zone.key == "光谷"


CANDIDATE_CASES = [
    pytest.param(
        "ja",
        "記事\n[長光衛星技術股份有限公司|ORG]（以下、[長光衛星|ORG]）が開発した。",
        [("長光衛星技術股份有限公司", "が", False), ("長光衛星", "が", True)],
        id="ja-alias-in-parentheses",
    ),
    pytest.param("ja", "記事\n「[吉林一号|PRODUCT]」の衛星。", [("吉林一号", "の", False)], id="ja-role-past-quotes"),
    pytest.param(
        "zh",
        "新闻\n[江淮汽车|ORG]与[华为|ORG]打造的[工厂|FAC]在[合肥|LOC]。",
        [("江淮汽车", "", False), ("华为", "", False), ("工厂", "", False), ("合肥", "", False)],
        id="zh-roles",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), CANDIDATE_CASES)
def test_candidate_roles(lang, markup, expected):
    idx = _index(markup, lang)
    cands = unit_candidates(idx, idx.units[1])
    assert [(idx.text[c.start : c.end], c.role, c.alias) for c in cands] == expected


def test_prepositions_are_found_across_a_list():
    idx = _index("新闻\n[科学城|ZONE]与[吉林大学|ORG]、[长春应化所|ORG]等高校共建平台。", "zh")
    cands = unit_candidates(idx, idx.units[1])
    assert [(c.before, c.example) for c in cands] == [("", False), ("与", True), ("与", True)]


def test_backreference_takes_the_latest_matching_subject():
    idx = _index("新闻\n[长春新区|ZONE]规划面积大。区内企业多。", "zh")
    chain = SubjectChain(idx)
    unit = idx.units[2]
    chain.enter(unit)
    (ref,) = [c for c in unit_candidates(idx, unit) if c.backref is not None]
    assert chain.resolve(ref.backref, ref.start, unit).text == "长春新区"


def _with_parse(markup: str, words: list[tuple[str, str, str, int]]) -> DocIndex:
    """An index whose body clause (after a one-character title line) carries a hand-written parse:
    (word, pos, dep, head index within the clause)."""
    doc = build(markup)
    tokens, pos = [], 2
    for word, upos, dep, head in words:
        tokens.append(Token(pos, pos + len(word), word, word, upos, "", dep, head, 0))
        pos += len(word)
    assert doc.text[2:pos] == "".join(w for w, *_ in words)
    return DocIndex(replace(doc, tokens=tuple(tokens)), load_lexicon("ja"))


def test_names_in_relative_clauses_are_marked():
    idx = _with_parse(
        "題\n[長光衛星|ORG]が開発した「[吉林一号|PRODUCT]」の衛星。",
        [
            ("長光衛星", "PROPN", "nsubj", 2),
            ("が", "ADP", "case", 0),
            ("開発", "VERB", "acl", 9),
            ("した", "AUX", "aux", 2),
            ("「", "PUNCT", "punct", 5),
            ("吉林一号", "PROPN", "nmod", 9),
            ("」", "PUNCT", "punct", 5),
            ("の", "ADP", "case", 5),
            ("衛星", "NOUN", "ROOT", 9),
            ("。", "PUNCT", "punct", 8),
        ],
    )
    cands = unit_candidates(idx, idx.units[1])
    assert [(idx.text[c.start : c.end], c.relative) for c in cands] == [("長光衛星", True), ("吉林一号", False)]


def test_a_verb_before_a_comma_is_no_relative_clause():
    idx = _with_parse(
        "題\n[鋭科激光|ORG]は首位を保ち、出荷。",
        [
            ("鋭科激光", "PROPN", "nsubj", 4),
            ("は", "ADP", "case", 0),
            ("首位", "NOUN", "obj", 4),
            ("を", "ADP", "case", 2),
            ("保ち", "VERB", "acl", 6),
            ("、", "PUNCT", "punct", 4),
            ("出荷", "NOUN", "ROOT", 6),
            ("。", "PUNCT", "punct", 6),
        ],
    )
    (cand,) = unit_candidates(idx, idx.units[1])
    assert not cand.relative


@pytest.mark.parametrize(
    ("words", "found"),
    [
        pytest.param(["的", "模拟", "特色", "工艺"], [], id="inside-a-word"),
        pytest.param(["项目", "拟", "投资"], ["拟"], id="a-word-of-its-own"),
        pytest.param(["项目", "拟建", "于"], ["拟"], id="opening-a-word"),
    ],
)
def test_a_one_character_word_inside_another_word_is_no_match(words, found):
    doc = build("标\n" + "".join(words))
    tokens, pos = [], 2
    for word in words:
        tokens.append(Token(pos, pos + len(word), word, word, "NOUN", "", "", 0, 0))
        pos += len(word)
    idx = DocIndex(replace(doc, tokens=tuple(tokens)), load_lexicon("zh"))
    assert [w for _, _, w in idx.find_words("plan", 0, len(idx.text))] == found
