"""The entity layer without a model: which model spans name one thing, and how model labels are read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from beihu_extract.entities import (
    Candidate,
    Source,
    _as_company,
    _extended_companies,
    _fills_brackets,
    _owners_apart,
    _person_as_organization,
    _short_names_after_places,
    candidates_from_model,
    merge_candidates,
    model_span_end,
    model_span_is_generic,
)
from beihu_extract.labels import load_label_map
from beihu_extract.layout import Layout
from beihu_extract.names import TokenLike, extend_person_spans, load_name_rules
from beihu_extract.schema import EntityType, OrgSubtype
from beihu_extract.view import LabelledSpan

COMMON, PROPER, SUFFIX = "名詞-普通名詞-一般", "名詞-固有名詞-一般", "接尾辞-名詞的-一般"


def tokens(*parts: tuple[str, str, str]) -> list[TokenLike]:
    """Tokens from (surface, pos, tag) triples, written one after the other."""
    out, pos = [], 0
    for surface, upos, tag in parts:
        out.append(TokenLike(pos, pos + len(surface), surface, upos, tag))
        pos += len(surface)
    return out


GENERIC_CASES = [
    pytest.param([("シェア", "NOUN", COMMON)], "ORG", True, id="common-word-org"),
    pytest.param([("海軍", "NOUN", COMMON)], "ORG", False, id="org-head-word"),
    pytest.param(
        [("がん", "NOUN", COMMON), ("対策", "NOUN", COMMON), ("推進", "NOUN", COMMON), ("協議会", "NOUN", COMMON)],
        "ORG",
        False,
        id="council",
    ),
    pytest.param([("委員会", "NOUN", COMMON)], "ORG", True, id="bare-suffix-org"),
    pytest.param([("海軍", "NOUN", COMMON)], "LOC", True, id="head-word-only-for-org"),
    pytest.param([("急成長", "NOUN", COMMON)], "EVENT", True, id="lone-common-noun-event"),
    pytest.param([("冷戦", "NOUN", PROPER)], "EVENT", False, id="lone-proper-event"),
    pytest.param([("四季", "NOUN", COMMON)], "PRODUCT", False, id="lone-common-noun-title"),
    pytest.param([("フェスティバル", "NOUN", COMMON)], "EVENT", False, id="lone-katakana-event"),
    pytest.param(
        [("黄金", "NOUN", COMMON), ("の", "ADP", "助詞-格助詞"), ("立地", "NOUN", COMMON)],
        "PRODUCT",
        True,
        id="description",
    ),
    pytest.param([("長春", "PROPN", PROPER), ("市", "NOUN", SUFFIX)], "LOC", False, id="proper-place"),
    pytest.param([("538", "NUM", "名詞-数詞"), ("モデル", "NOUN", COMMON)], "PRODUCT", False, id="numbered-title"),
    pytest.param([("538", "NUM", "名詞-数詞"), ("モデル", "NOUN", COMMON)], "ORG", True, id="number-and-generic-word"),
    pytest.param(
        [("光子", "PROPN", COMMON), ("計数", "PROPN", COMMON)], "PERSON", True, id="person-of-common-nouns-only"
    ),
    pytest.param([("ガスリー", "PROPN", COMMON)], "PERSON", False, id="person-in-katakana"),
    pytest.param(
        [("西安", "PROPN", "名詞-固有名詞-地名-一般"), ("工場", "NOUN", COMMON)],
        "ORG",
        True,
        id="a-site-described-by-its-place",
    ),
    pytest.param(
        [("西安", "PROPN", "名詞-固有名詞-地名-一般"), ("交通", "NOUN", COMMON), ("大学", "NOUN", COMMON)],
        "ORG",
        False,
        id="a-university-named-after-its-place",
    ),
    pytest.param([("李", "PROPN", COMMON), ("孟群", "NOUN", COMMON)], "PERSON", False, id="person-with-a-lone-han"),
]


ZH_GENERIC_CASES = [
    pytest.param(
        [("合肥市", "PROPN", "ns"), ("新能源", "NOUN", "n"), ("汽车产量", "NOUN", "n")], "ORG", True, id="measure"
    ),
    pytest.param([("华为", "PROPN", "nz")], "ORG", False, id="brand"),
]


VERBAL = "名詞-普通名詞-サ変可能"
PARTICLE = ("ADP", "助詞-格助詞")

END_CASES = [
    pytest.param(
        [("東北", "PROPN", PROPER), ("地区", "NOUN", COMMON), ("振興", "NOUN", VERBAL)],
        "LOC",
        "東北地区",
        id="verbal-noun",
    ),
    pytest.param(
        [("北東", "NOUN", COMMON), ("アジア", "PROPN", PROPER), ("協力", "NOUN", VERBAL)], "LOC", "北東アジア"
    ),
    pytest.param(
        [
            ("アジア", "PROPN", PROPER),
            ("競技", "NOUN", VERBAL),
            ("大会", "NOUN", COMMON),
            ("の", *PARTICLE),
            ("閉幕", "NOUN", VERBAL),
            ("から", *PARTICLE),
        ],
        "EVENT",
        "アジア競技大会",
        id="ends-with-particle",
    ),
    pytest.param(
        [("ノルウェイ", "PROPN", PROPER), ("の", *PARTICLE), ("森", "NOUN", COMMON)],
        "PRODUCT",
        "ノルウェイの森",
        id="particle-inside-kept",
    ),
    pytest.param([("開発", "NOUN", VERBAL)], "LOC", "開発", id="last-word-kept"),
    pytest.param(
        [("技術", "NOUN", COMMON), ("振興", "NOUN", VERBAL)], "ORG", "技術振興", id="other-types-keep-verbal-nouns"
    ),
    pytest.param([("から", *PARTICLE)], "LOC", None, id="nothing-left"),
]


@pytest.mark.parametrize(("parts", "type_", "text"), END_CASES)
def test_model_span_end(parts: list[tuple[str, str, str]], type_: str, text: str | None) -> None:
    toks = tokens(*parts)
    end = model_span_end(toks, EntityType(type_), load_name_rules("ja"))
    assert (None if end is None else "".join(t.text for t in toks)[:end]) == text


@pytest.mark.parametrize(("parts", "type_", "generic"), ZH_GENERIC_CASES)
def test_model_span_is_generic_zh(parts: list[tuple[str, str, str]], type_: str, generic: bool) -> None:
    assert model_span_is_generic(tokens(*parts), EntityType(type_), load_name_rules("zh")) is generic


@pytest.mark.parametrize(("parts", "type_", "generic"), GENERIC_CASES)
def test_model_span_is_generic(parts: list[tuple[str, str, str]], type_: str, generic: bool) -> None:
    rules = load_name_rules("ja")
    assert model_span_is_generic(tokens(*parts), EntityType(type_), rules) is generic


@pytest.mark.parametrize(
    ("label", "kept"),
    [
        pytest.param("Pro_Sports_Organization", True, id="team-kept-without-proper-word"),
        pytest.param("Organization_Other", False, id="other-org-filtered"),
        pytest.param("Date", False, id="unmapped-label"),
    ],
)
def test_candidates_from_model_keep_common_word_labels(label: str, kept: bool) -> None:
    spans = [LabelledSpan(0, 2, label)]
    out = candidates_from_model(spans, load_label_map("ja"), lambda start, end, type_: True)
    assert [c.source for c in out] == ([Source.MODEL] if kept else [])
    assert all(isinstance(c, Candidate) for c in out)


def _c(start: int, end: int, type_: str, source: Source) -> Candidate:
    return Candidate(start, end, EntityType(type_), None, source)


MERGE_CASES = [
    pytest.param(
        "東京ドームで",
        [_c(0, 5, "FAC", Source.MODEL), _c(0, 2, "LOC", Source.GAZETTEER)],
        [(0, 5, "FAC")],
        id="model-name-built-on-a-place-wins",
    ),
    pytest.param(
        "浙江省杭州市の西部",
        [_c(0, 6, "PERSON", Source.MODEL), _c(0, 3, "LOC", Source.GAZETTEER), _c(3, 6, "LOC", Source.GAZETTEER)],
        [(0, 3, "LOC"), (3, 6, "LOC")],
        id="places-side-by-side-are-no-model-name",
    ),
    pytest.param(
        "浙江省杭州市の西部",
        [_c(0, 6, "LOC", Source.MODEL), _c(0, 3, "LOC", Source.GAZETTEER), _c(3, 6, "LOC", Source.GAZETTEER)],
        [(0, 6, "LOC")],
        id="places-side-by-side-read-as-one-place",
    ),
    pytest.param(
        "長春で",
        [_c(0, 2, "PERSON", Source.MODEL), _c(0, 2, "LOC", Source.GAZETTEER)],
        [(0, 2, "LOC")],
        id="gazetteer-over-model-at-equal-length",
    ),
]


@pytest.mark.parametrize(("text", "candidates", "expected"), MERGE_CASES)
def test_merge_candidates(text: str, candidates: list[Candidate], expected: list[tuple[int, int, str]]) -> None:
    merged = merge_candidates(text, candidates, Layout())
    assert [(c.start, c.end, c.type.value) for c in merged] == expected


def _company(start: int, end: int, key: str | None = None) -> Candidate:
    return Candidate(start, end, EntityType.ORG, OrgSubtype.COMPANY, Source.GAZETTEER, key)


@pytest.mark.parametrize(
    ("text", "candidates", "expected"),
    [
        pytest.param(
            "大众汽车（安徽）的工厂",
            [_company(0, 4, "大众汽车"), Candidate(5, 7, EntityType.LOC, None, Source.GAZETTEER, "安徽")],
            [(0, 8, None)],
            id="place-in-parentheses",
        ),
        pytest.param(
            "台积电（南京）有限公司的项目",
            [_company(0, 3, "台积电"), Candidate(4, 6, EntityType.LOC, None, Source.GAZETTEER, "南京")],
            [(0, 11, None)],
            id="place-and-legal-form",
        ),
        pytest.param(
            "陕西有色金属控股集团有限责任公司的",
            [_company(0, 10, "陕西有色金属控股集团")],
            [(0, 16, "陕西有色金属控股集团")],
            id="legal-form-keeps-the-key",
        ),
        pytest.param(
            "中国一汽（一汽）的",
            [_company(0, 4, "中国第一汽车集团"), Candidate(5, 7, EntityType.LOC, None, Source.MODEL)],
            [],
            id="model-place-is-not-enough",
        ),
    ],
)
def test_extended_companies(text, candidates, expected):
    found = _extended_companies(text, candidates, load_name_rules("zh"))
    assert [(c.start, c.end, c.key) for c in found] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param("zh", "中国一汽红旗繁荣工厂二期项目", [(0, 4, "ORG"), (4, 14, "PROJECT")], id="zh-owner-apart"),
        pytest.param("zh", "长白山实验室一期工程", [(0, 6, "ORG")], id="zh-only-a-phase-left"),
        pytest.param("ja", "信達生物蘇州生産基地拡張プロジェクト", [(0, 18, "PROJECT")], id="ja-owner-inside"),
    ],
)
def test_owners_apart(lang, text, expected):
    owner_end = expected[0][1] if lang == "zh" else 4
    candidates = [
        Candidate(0, owner_end if lang == "zh" else 4, EntityType.ORG, OrgSubtype.COMPANY, Source.GAZETTEER, "x"),
        Candidate(0, len(text), EntityType.PROJECT, None, Source.RULE),
    ]
    merged = merge_candidates(text, _owners_apart(text, candidates, load_name_rules(lang)), Layout())
    assert [(c.start, c.end, c.type.value) for c in merged] == expected


@pytest.mark.parametrize(
    ("lang", "text", "type_", "subtype"),
    [
        pytest.param("zh", "厦门天马显示科技有限公司", EntityType.ORG, OrgSubtype.COMPANY, id="zh-place-label-company"),
        pytest.param("ja", "東洋工業株式会社", EntityType.ORG, OrgSubtype.COMPANY, id="ja-legal-form"),
        pytest.param("zh", "厦门天马", EntityType.LOC, None, id="no-legal-form-no-change"),
    ],
)
def test_model_entity_with_a_legal_form_is_a_company(lang, text, type_, subtype):
    model = Candidate(0, len(text), EntityType.LOC, None, Source.MODEL)
    found = _as_company(text, model, load_name_rules(lang))
    assert (found.type, found.subtype) == (type_, subtype)


def test_short_name_after_a_place_takes_the_full_key():
    text = "厦门火炬高新区很大。火炬高新区产值增长。长春新区也在增长。"
    full = Candidate(0, 7, EntityType.ZONE, None, Source.GAZETTEER, "厦门火炬高技术产业开发区")
    short = Candidate(10, 15, EntityType.ZONE, None, Source.RULE, "火炬高新区")
    other = Candidate(20, 24, EntityType.ZONE, None, Source.GAZETTEER, "长春新区")
    found = _short_names_after_places([full, short, other], text, "zh")
    assert [c.key for c in found] == ["厦门火炬高技术产业开发区", "厦门火炬高技术产业开发区", "长春新区"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        pytest.param("中国汽車工業協会", EntityType.ORG, id="association"),
        pytest.param("田中大学", EntityType.ORG, id="university"),
        pytest.param("田中一郎", EntityType.PERSON, id="a-person-stays"),
        pytest.param("前田軍", EntityType.PERSON, id="one-character-head-is-not-enough"),
    ],
)
def test_person_ending_with_an_organisation_head(text, type_):
    person = Candidate(0, len(text), EntityType.PERSON, None, Source.MODEL)
    assert _person_as_organization(text, person, load_name_rules("ja")).type is type_


@pytest.mark.parametrize(
    ("text", "span", "filled"),
    [
        pytest.param("ユニット「“劇団”スポーツ」を旗揚げ", (6, 13), True, id="inner-quotes"),
        pytest.param("『新星』が", (1, 3), True, id="double-brackets"),
        pytest.param("「新星の光」が", (1, 3), False, id="part-of-the-brackets"),
        pytest.param("新星が", (0, 2), False, id="no-brackets"),
    ],
)
def test_fills_brackets(text, span, filled):
    assert _fills_brackets(text, *span) is filled


def test_a_person_grows_back_over_a_family_name():
    family, place = "名詞-固有名詞-人名-姓", "名詞-固有名詞-地名-一般"
    toks = tokens(("の", *PARTICLE), ("李澤", "VERB", family), ("湘", "PROPN", place), ("教授", "NOUN", COMMON))
    text = "".join(t.text for t in toks)
    widened = extend_person_spans([(3, 4)], toks, text, load_name_rules("ja"))
    assert {k: text[v[0] : v[1]] for k, v in widened.items()} == {(3, 4): "李澤湘"}


@pytest.mark.parametrize(
    ("lang", "text", "short"),
    [
        pytest.param("ja", "広州視源電子科技股份有限公司（視源股份）は", "視源股份", id="ja"),
        pytest.param("zh", "天津飞腾信息技术有限公司（以下简称“飞腾”）的", "飞腾", id="zh-hereafter"),
        pytest.param("zh", "某某有限公司（2024年，全国第一）", None, id="a-remark-is-no-name"),
        pytest.param("zh", "某某有限公司的", None, id="no-parentheses"),
    ],
)
def test_short_name_in_parentheses(lang, text, short):
    from beihu_extract.entities import _keys_of_short_names, _short_names_in_parentheses

    rules = load_name_rules(lang)
    end = text.index("公司") + 2
    full = Candidate(0, end, EntityType.ORG, OrgSubtype.COMPANY, Source.RULE, "full")
    added = _short_names_in_parentheses(text, [full], rules)
    assert [text[c.start : c.end] for c in added] == ([short] if short else [])
    keyed = _keys_of_short_names([full, *(replace(c, key="short") for c in added)], text, rules)
    assert keyed[0].key == ("short" if short else "full")


@pytest.mark.parametrize(
    ("lang", "text", "type_", "person"),
    [
        pytest.param("zh", "钟南山院士领衔", EntityType.LOC, True, id="zh-academician"),
        pytest.param("ja", "李沢湘教授の支援", EntityType.ORG, True, id="ja-professor"),
        pytest.param("zh", "中国工程院院士", EntityType.ORG, False, id="an-academy-stays-an-organisation"),
        pytest.param("zh", "钟南山领衔", EntityType.LOC, False, id="no-title"),
    ],
)
def test_a_model_name_with_a_title_is_a_person(lang, text, type_, person):
    from beihu_extract.entities import _titled_person

    end = 3 if text.startswith(("钟南山", "李沢湘")) else 5
    c = Candidate(0, end, type_, OrgSubtype.OTHER if type_ is EntityType.ORG else None, Source.MODEL)
    assert (_titled_person(text, c, load_name_rules(lang)).type is EntityType.PERSON) is person


def test_a_rule_name_made_of_a_known_place_and_a_known_name_is_those_two():
    from beihu_extract.entities import _without_known_names_side_by_side

    place = Candidate(0, 3, EntityType.LOC, None, Source.GAZETTEER, "上海市")
    zone = Candidate(3, 7, EntityType.ZONE, None, Source.GAZETTEER, "上海浦东新区")
    whole = Candidate(0, 7, EntityType.ZONE, None, Source.RULE)
    longer = Candidate(0, 9, EntityType.ZONE, None, Source.RULE)
    kept = _without_known_names_side_by_side([place, zone, whole, longer])
    assert kept == [place, zone, longer]


def test_a_short_name_takes_the_key_of_a_rule_name_written_with_its_place():
    text = "长三角G60科创走廊九城，G60科创走廊"
    full = Candidate(0, 10, EntityType.ZONE, None, Source.RULE, "长三角G60科创走廊")
    short = Candidate(13, 20, EntityType.ZONE, None, Source.RULE, "G60科创走廊")
    model = Candidate(13, 20, EntityType.ZONE, None, Source.MODEL, "G60科创走廊")
    assert [c.key for c in _short_names_after_places([full, short], text, "zh")] == ["长三角G60科创走廊"] * 2
    # a model's name is no full name for others to take
    assert _short_names_after_places([replace(full, source=Source.MODEL), model], text, "zh")[1].key == "G60科创走廊"


def test_a_body_named_with_its_country_stays_one_name():
    from beihu_extract.entities import _without_known_names_side_by_side

    place = Candidate(0, 2, EntityType.LOC, None, Source.GAZETTEER, "美国")
    body = Candidate(2, 5, EntityType.ORG, OrgSubtype.GOVERNMENT, Source.GAZETTEER, "财政部")
    whole = Candidate(0, 5, EntityType.ORG, OrgSubtype.GOVERNMENT, Source.RULE)
    assert _without_known_names_side_by_side([place, body, whole]) == [place, body, whole]
