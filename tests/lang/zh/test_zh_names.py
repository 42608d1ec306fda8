"""Chinese name data: proper-name tags that let a model person through, gazetteer aliases of banks and bodies."""

from __future__ import annotations

import pytest

from beihu_extract.names import (
    TokenLike,
    find_gazetteer_names,
    find_rule_names,
    gazetteer_index,
    is_proper,
    load_name_rules,
)
from beihu_extract.schema import EntityType


@pytest.mark.parametrize(
    ("word", "tag", "proper"),
    [
        ("张伟明", "nr", True),
        ("长春", "ns", True),
        ("中科院", "j", True),
        ("华为", "nz", True),
        ("洞察", "n", False),
        ("模特儿", "n", False),
        ("施咒", "v", False),
    ],
)
def test_proper_tags(word, tag, proper):
    token = TokenLike(0, len(word), word, "X", tag)
    assert is_proper(token, load_name_rules("zh")) is proper


def test_only_model_persons_need_a_proper_word():
    rules = load_name_rules("zh")
    assert EntityType.PERSON not in rules.model_types_without_proper_word
    assert {EntityType.ORG, EntityType.LOC} <= rules.model_types_without_proper_word


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        ("他在建行办理贷款。", "建行", "中国建设银行"),
        ("工商银行湖南省分行", "工商银行", "中国工商银行"),
        ("央行宣布降准。", "央行", "中国人民银行"),
        ("公司在上交所上市。", "上交所", "上海证券交易所"),
        ("据新华社报道", "新华社", "新华通讯社"),
        ("银保监会发布通知", "银保监会", "中国银行保险监督管理委员会"),
    ],
)
def test_gazetteer_aliases(text, name, key):
    found = {(text[m.start : m.end], m.key) for m in find_gazetteer_names(text, gazetteer_index("zh"))}
    assert (name, key) in found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("邯郸市和邢台的企业", ["邯郸市", "邢台"]),
        ("日照市港口", ["日照市"]),
        ("这里日照充足", []),  # 日照 alone is sunlight: only 日照市 is listed
        ("祝平安顺利", []),
    ],
)
def test_prefecture_cities(text, found):
    assert [text[m.start : m.end] for m in find_gazetteer_names(text, gazetteer_index("zh"))] == found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("北京市公安局发布通报。", "北京市公安局"),
        ("合肥市科技局和安徽省发改委联合发文。", "合肥市科技局"),
        ("合肥市科技局和安徽省发改委联合发文。", "安徽省发改委"),
    ],
)
@pytest.mark.model
def test_government_bodies_by_suffix(extractor, text, name):
    record = extractor.extract(text, "t", lang="zh")
    assert (name, "government") in {(e.text, e.subtype.value if e.subtype else None) for e in record.entities}


def _tokens(*parts: tuple[str, str]) -> tuple[str, list[TokenLike]]:
    text, toks = "", []
    for surface, pos in parts:
        toks.append(TokenLike(len(text), len(text) + len(surface), surface, pos, ""))
        text += surface
    return text, toks


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        pytest.param(
            [("的", "PART"), ("先进", "ADJ"), ("封测", "VERB"), ("基地", "NOUN"), ("二期", "ADJ"), ("项目", "NOUN")],
            "先进封测基地二期项目",
            id="description-after-de",
        ),
        pytest.param(
            [("的", "PART"), ("28", "NUM"), ("纳米", "NOUN"), ("扩产", "VERB"), ("项目", "NOUN")],
            "28纳米扩产项目",
            id="number-and-verb-inside",
        ),
        pytest.param(
            [("。", "PUNCT"), ("新区", "NOUN"), ("计划", "NOUN"), ("引进", "VERB"), ("项目", "NOUN")],
            None,
            id="plan-to-attract-projects",
        ),
        pytest.param([("已", "ADV"), ("签约", "VERB"), ("重大", "ADJ"), ("项目", "NOUN")], None, id="kind-of-project"),
        pytest.param(
            [
                ("，", "PUNCT"),
                ("南京江北新区", "PROPN"),
                ("三季度", "NUM"),
                ("重大项目", "NOUN"),
                ("集中", "VERB"),
                ("开工", "VERB"),
                ("活动", "NOUN"),
                ("在", "ADP"),
            ],
            "南京江北新区三季度重大项目集中开工活动",
            id="event-described-after-its-zone",
        ),
        pytest.param([("开展", "VERB"), ("科普", "NOUN"), ("活动", "NOUN")], None, id="activity-after-a-verb"),
        pytest.param([("，", "PUNCT"), ("32个", "NUM"), ("项目", "NOUN")], None, id="count-of-projects"),
        pytest.param(
            [("，", "PUNCT"), ("一场", "NUM"), ("成果", "NOUN"), ("对接", "VERB"), ("活动", "NOUN")],
            None,
            id="count-of-events",
        ),
        pytest.param(
            [
                ("，", "PUNCT"),
                ("成都高新区", "PROPN"),
                ("促成", "VERB"),
                ("科技", "NOUN"),
                ("成果", "NOUN"),
                ("转化", "VERB"),
                ("项目", "NOUN"),
            ],
            None,
            id="zone-as-subject-of-a-verb",
        ),
        pytest.param(
            [("承担", "VERB"), ("国家级", "NOUN"), ("科研", "VERB"), ("项目", "NOUN")], None, id="after-a-verb"
        ),
        pytest.param(
            [
                ("。", "PUNCT"),
                ("光明", "NOUN"),
                ("合成", "VERB"),
                ("生物", "NOUN"),
                ("创新", "VERB"),
                ("产业园", "NOUN"),
                ("二期", "ADJ"),
                ("项目", "NOUN"),
            ],
            "光明合成生物创新产业园二期项目",
            id="description-longer-than-noun-chain",
        ),
        pytest.param(
            [
                ("的", "PART"),
                ("模拟", "VERB"),
                ("特色", "NOUN"),
                ("工艺", "NOUN"),
                ("晶圆", "NOUN"),
                ("生产线", "NOUN"),
                ("三期", "ADV"),
                ("项目", "NOUN"),
            ],
            "模拟特色工艺晶圆生产线三期项目",
            id="description-opening-with-a-verb-after-de",
        ),
        pytest.param(
            [
                ("）", "PUNCT"),
                ("产业区", "NOUN"),
                ("开工", "VERB"),
                ("建设", "NOUN"),
                ("储能电池", "NOUN"),
                ("二期", "ADJ"),
                ("项目", "NOUN"),
            ],
            "储能电池二期项目",
            id="a-description-never-reaches-back-over-building",
        ),
        pytest.param(
            [("开工", "VERB"), ("建设", "NOUN"), ("动力电池", "NOUN"), ("四期", "ADP"), ("项目", "NOUN")],
            "动力电池四期项目",
            id="building-is-no-part-of-the-name",
        ),
    ],
)
def test_descriptive_project_names(parts, name):
    text, toks = _tokens(*parts)
    found = [text[m.start : m.end] for m in find_rule_names(text, toks, load_name_rules("zh"))]
    assert found == ([name] if name else [])


@pytest.mark.parametrize(
    ("parts", "name", "type_"),
    [
        pytest.param(
            [("的", "PART"), ("地球", "NOUN"), ("系统", "NOUN"), ("数值", "NOUN"), ("模拟装置", "NOUN")],
            "地球系统数值模拟装置",
            "FAC",
            id="simulation-facility",
        ),
        pytest.param(
            [("，", "PUNCT"), ("西达", "PROPN"), ("基奥", "PROPN"), ("仑赛", "PROPN"), ("注射液", "NOUN")],
            "西达基奥仑赛注射液",
            "PRODUCT",
            id="injection",
        ),
        pytest.param(
            [("的", "PART"), ("100G", "PROPN"), ("硅光", "NOUN"), ("收发", "VERB"), ("芯片", "NOUN")],
            "100G硅光收发芯片",
            "PRODUCT",
            id="described-chip",
        ),
        pytest.param([("，", "PUNCT"), ("汽车", "NOUN"), ("芯片", "NOUN")], None, None, id="kind-of-chip"),
        pytest.param(
            [("的", "PART"), ("华虹", "PROPN"), ("宏力", "NOUN"), ("封测", "VERB"), ("有限公司", "NOUN")],
            "华虹宏力封测有限公司",
            "ORG",
            id="company-name-holding-a-verb",
        ),
        pytest.param(
            [
                ("，", "PUNCT"),
                ("国家", "NOUN"),
                ("川藏", "NOUN"),
                ("铁路", "NOUN"),
                ("技术创新", "NOUN"),
                ("中心", "NOUN"),
            ],
            "国家川藏铁路技术创新中心",
            "ORG",
            id="innovation-centre",
        ),
        pytest.param(
            [("的", "PART"), ("光子", "NOUN"), ("芯片", "NOUN"), ("中试", "NOUN"), ("平台", "NOUN")],
            "光子芯片中试平台",
            "FAC",
            id="pilot-platform",
        ),
        pytest.param(
            [("，", "PUNCT"), ("国家", "NOUN"), ("技术", "NOUN"), ("创新中心", "NOUN")], None, None, id="kind-of-centre"
        ),
        pytest.param(
            [("，", "PUNCT"), ("华晨宝马", "PROPN"), ("沈阳", "PROPN"), ("生产", "NOUN"), ("基地", "NOUN")],
            "华晨宝马沈阳生产基地",
            "FAC",
            id="production-base",
        ),
        pytest.param(
            [("的", "PART"), ("合肥", "PROPN"), ("量子", "NOUN"), ("科技产业", "NOUN"), ("基金", "NOUN")],
            "合肥量子科技产业基金",
            "ORG",
            id="industry-fund",
        ),
        pytest.param(
            [("共建", "VERB"), ("中新", "NOUN"), ("智能", "NOUN"), ("制造", "VERB"), ("合作", "NOUN"), ("园", "ADJ")],
            "中新智能制造合作园",
            "ZONE",
            id="park-word-cut-after-a-noun",
        ),
    ],
)
def test_product_and_facility_endings(parts, name, type_):
    text, toks = _tokens(*parts)
    found = [(text[m.start : m.end], m.type.value) for m in find_rule_names(text, toks, load_name_rules("zh"))]
    assert found == ([(name, type_)] if name else [])


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        pytest.param(
            [
                ("，", "PUNCT"),
                ("第三届", "NUM"),
                ("辽宁", "PROPN"),
                ("科技", "NOUN"),
                ("创新", "VERB"),
                ("成果", "NOUN"),
                ("对接", "VERB"),
                ("会", "VERB"),
                ("在", "ADP"),
            ],
            "第三届辽宁科技创新成果对接会",
            id="meeting-word-cut-into-two-verbs",
        ),
        pytest.param(
            [
                ("，", "PUNCT"),
                ("怀柔", "PROPN"),
                ("科学", "NOUN"),
                ("中心", "NOUN"),
                ("建设", "NOUN"),
                ("推进", "VERB"),
                ("会", "VERB"),
                ("在", "ADP"),
            ],
            "怀柔科学中心建设推进会",
            id="longest-suffix-wins-over-centre",
        ),
        pytest.param(
            [
                ("，", "PUNCT"),
                ("长三角", "PROPN"),
                ("重大项目", "NOUN"),
                ("集中", "VERB"),
                ("签约", "VERB"),
                ("仪式", "NOUN"),
                ("在", "ADP"),
            ],
            "长三角重大项目集中签约仪式",
            id="signing-ceremony",
        ),
        pytest.param(
            [("，", "PUNCT"), ("世界", "NOUN"), ("大学生", "NOUN"), ("夏季", "ADV"), ("运动会", "NOUN")],
            "世界大学生夏季运动会",
            id="games-with-season",
        ),
        pytest.param(
            [("，", "PUNCT"), ("厦门", "PROPN"), ("国际", "NOUN"), ("创业", "NOUN"), ("大赛", "NOUN")],
            "厦门国际创业大赛",
            id="contest",
        ),
        pytest.param(
            [("，", "PUNCT"), ("双方", "NOUN"), ("对接", "VERB"), ("会", "VERB")], None, id="generic-name-part"
        ),
        pytest.param([("将", "ADV"), ("对接", "VERB"), ("会", "VERB")], None, id="no-name-before-the-verbs"),
    ],
)
def test_event_suffixes_the_segmenter_cuts(parts, name):
    text, toks = _tokens(*parts)
    found = [(text[m.start : m.end], m.type.value) for m in find_rule_names(text, toks, load_name_rules("zh"))]
    assert found == ([(name, "EVENT")] if name else [])


@pytest.mark.parametrize(
    ("parts", "sector"),
    [
        pytest.param(
            [("江北新区", "PROPN", "ns"), ("集成电路", "PROPN", "nz"), ("产业", "NOUN", "n")], "集成电路", id="zone"
        ),
        pytest.param(
            [("火炬", "NOUN", "n"), ("高新区", "PROPN", "nr"), ("新能源", "NOUN", "n"), ("产业", "NOUN", "n")],
            "新能源",
            id="zone-word-mistagged",
        ),
        pytest.param([("合肥", "PROPN", "ns"), ("量子", "NOUN", "n"), ("产业", "NOUN", "n")], "量子", id="city"),
        pytest.param([("生物", "NOUN", "n"), ("医药", "NOUN", "n"), ("产业", "NOUN", "n")], "生物医药", id="no-owner"),
    ],
)
def test_the_sector_starts_after_its_zone_or_place(parts, sector):
    text, toks = "，", []
    for surface, pos, tag in parts:
        toks.append(TokenLike(len(text), len(text) + len(surface), surface, pos, tag))
        text += surface
    found = [
        text[m.start : m.end] for m in find_rule_names(text, toks, load_name_rules("zh")) if m.type.value == "INDUSTRY"
    ]
    assert found == [sector]
