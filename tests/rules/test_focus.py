"""Focus rules: the INDUSTRY list a subject concentrates on."""

from __future__ import annotations

import pytest

FOCUS_CASES = [
    pytest.param(
        "zh",
        "新闻\n[西安高新区|ZONE]聚焦[集成电路|INDUSTRY]产业、[生物医药|INDUSTRY]产业和[人工智能|INDUSTRY]产业。",
        [{"subject": "西安高新区", "industries": ["集成电路", "生物医药", "人工智能"]}],
        id="zh-each-sector-with-its-sector-word",
    ),
    pytest.param(
        "ja",
        "記事\n[西安高新区|ZONE]は[半導体|INDUSTRY]産業、[バイオ医薬|INDUSTRY]産業、[人工知能|INDUSTRY]産業に重点的に取り組む。",
        [{"subject": "西安高新区", "industries": ["半導体", "バイオ医薬", "人工知能"]}],
        id="ja-each-sector-with-its-sector-word",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]は<今年|2025>、[光電情報|INDUSTRY]や[バイオ医薬|INDUSTRY]などの産業を主導産業として育成する。",
        [{"subject": "長春新区", "industries": ["光電情報", "バイオ医薬"]}],
        id="ja-leading-industries",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]は[光電情報|INDUSTRY]、[バイオ医薬|INDUSTRY]の2大産業を柱とする産業体系を築いた。",
        [{"subject": "長春新区", "industries": ["光電情報", "バイオ医薬"]}],
        id="ja-pillar-industries",
    ),
    pytest.param(
        "zh",
        "新闻\n[西安高新区|ZONE]着力打造[集成电路|INDUSTRY]、[生物医药|INDUSTRY]等产业集群。",
        [{"subject": "西安高新区", "industries": ["集成电路", "生物医药"]}],
        id="zh-clusters-to-build",
    ),
    pytest.param(
        "zh",
        "新闻\n[西安高新区|ZONE]以[集成电路|INDUSTRY]、[生物医药|INDUSTRY]为主导产业。",
        [{"subject": "西安高新区", "industries": ["集成电路", "生物医药"]}],
        id="zh-list-before-leading-industries",
    ),
    pytest.param(
        "ja",
        "記事\n[北湖未来科学城|ZONE]は、[先進設備製造|INDUSTRY]、[光電情報|INDUSTRY]、[新材料|INDUSTRY]などの産業に重点的に取り組んでいる。",
        [{"subject": "北湖未来科学城", "industries": ["先進設備製造", "光電情報", "新材料"]}],
        id="ja-list-before-verb",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]の担当者によると、[新区|ZONE|长春新区]は今後、[航空宇宙|INDUSTRY]、[バイオ医薬|INDUSTRY]の{5|COUNT:5:-:-:大産業}大産業に重点的に取り組む。",
        [{"subject": "新区", "industries": ["航空宇宙", "バイオ医薬"]}],
        id="ja-topic-not-the-genitive",
    ),
    pytest.param(
        "zh",
        "新闻\n[北湖未来科学城|ZONE]规划面积约177平方公里，统筹[长春新区|ZONE]、[中韩示范区|ZONE]的资源，"
        "聚焦[先进装备制造|INDUSTRY]、[光电信息|INDUSTRY]等产业。",
        [{"subject": "北湖未来科学城", "industries": ["先进装备制造", "光电信息"]}],
        id="zh-sentence-subject-not-nearest",
    ),
    pytest.param(
        "zh",
        "新闻\n作为[合肥综合性国家科学中心|ORG]的核心承载区，[合肥高新区|ZONE]重点发展[量子信息|INDUSTRY]、[人工智能|INDUSTRY]等产业，"
        "并前瞻布局[量子科技|INDUSTRY]、[脑科学|INDUSTRY]等未来产业。",
        [
            {"subject": "合肥高新区", "industries": ["量子信息", "人工智能"]},
            {"subject": "合肥高新区", "industries": ["量子科技", "脑科学"]},
        ],
        id="zh-two-focus-verbs",
    ),
    pytest.param(
        "zh",
        "新闻\n[园区|ZONE]聚焦创新。",
        [],
        id="zh-no-industries-no-fact",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), FOCUS_CASES)
def test_focus(run, lang, markup, expected):
    assert run(markup, lang, "focus") == expected
