"""Ranking rules: what is ranked, the rank, the set ranked in (scope) and by what (criterion)."""

from __future__ import annotations

import pytest

RANKING_CASES = [
    pytest.param(
        "zh",
        "新闻\n[京东方|ORG]在[成都|LOC]建设的生产线持续满产，其[柔性AMOLED显示屏|PRODUCT]出货量位居{国内第一|RANK:1}。",
        [{"subject": "京东方", "rank": "国内第一", "scope": "国内", "criterion": "柔性AMOLED显示屏出货量"}],
        id="zh-its-product-ranks-for-the-company",
    ),
    pytest.param(
        "zh",
        "新闻\n[苏州工业园区|ZONE]在<2024年|2024>中国百强区排名中位列{第8|RANK:8}。",
        [{"subject": "苏州工业园区", "rank": "第8", "scope": "中国百强区"}],
        id="zh-frame-runs-past-the-zhong-of-a-name",
    ),
    pytest.param(
        "zh",
        "新闻\n[宁德时代|ORG]动力电池装机量连续{七年|DURATION:7:year}位居{全球第一|RANK:1}。",
        [{"subject": "宁德时代", "rank": "全球第一", "scope": "全球", "criterion": "动力电池装机量"}],
        id="zh-criterion-without-a-streak",
    ),
    pytest.param(
        "ja",
        "記事\n[寧徳時代|ORG]は車載電池の搭載量で{7年|DURATION:7:year}連続で{世界首位|RANK:1}となった。",
        [{"subject": "寧徳時代", "rank": "世界首位", "scope": "世界", "criterion": "車載電池の搭載量"}],
        id="ja-criterion-without-a-streak",
    ),
    pytest.param(
        "ja",
        "記事\n[合肥高新区|ZONE]は国家級ハイテク区の総合評価で、{第7位|RANK:7}から{第6位|RANK:6}に上昇した。",
        [{"subject": "合肥高新区", "rank": "第6位", "scope": "国家級ハイテク区", "criterion": "総合評価"}],
        id="ja-criterion-in-the-segment-before",
    ),
    pytest.param(
        "ja",
        "記事\n[東湖高新区|ZONE]は国家級ハイテク区の総合評価で{全国第4位|RANK:4}となった。",
        [{"subject": "東湖高新区", "rank": "全国第4位", "scope": "国家級ハイテク区", "criterion": "総合評価"}],
        id="ja-named-set-narrower-than-the-rank-scope-word",
    ),
    pytest.param(
        "ja",
        "記事\n[合肥市|LOC]の新エネルギー車の生産台数は全国の都市で{第3位|RANK:3}だった。",
        [{"subject": "合肥市", "rank": "第3位", "scope": "全国の都市", "criterion": "新エネルギー車の生産台数"}],
        id="ja-owner-of-the-topic-phrase",
    ),
    pytest.param(
        "ja",
        "記事\n[東湖高新区|ZONE]は全国の国家級ハイテク区の総合評価ランキングで{第4位|RANK:4}に入った。",
        [{"subject": "東湖高新区", "rank": "第4位", "scope": "全国の国家級ハイテク区", "criterion": "総合評価"}],
        id="ja-scope-phrase-holding-the-criterion",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]は全国バイオ医薬園区の中で産業総合力が{第14位|RANK:1}にランクインし、"
        "[東北地区|LOC]で{首位|RANK:1}を占めている。",
        [
            {"subject": "長春新区", "rank": "第14位", "scope": "全国バイオ医薬園区", "criterion": "産業総合力"},
            {"subject": "長春新区", "rank": "首位", "scope": "東北地区", "criterion": "産業総合力"},
        ],
        id="ja-frame-scope-then-place-scope",
    ),
    pytest.param(
        "ja",
        "記事\n<昨年|2024>、[長春市|LOC]の自動車生産台数は{約240万台|COUNT:2400000:台:approx:自動車生産台数}で、"
        "全国の都市の中で{第3位|RANK:3}だった。",
        [{"subject": "長春市", "rank": "第3位", "scope": "全国の都市", "criterion": "自動車生産台数"}],
        id="ja-criterion-from-the-figure-before",
    ),
    pytest.param(
        "ja",
        "[武漢|LOC]・[光谷|ZONE]、光通信で{世界首位|RANK:1}を維持\n本文。",
        [{"subject": "光谷", "rank": "世界首位", "scope": "世界", "criterion": "光通信"}],
        id="ja-title-topic",
    ),
    pytest.param(
        "zh",
        "新闻\n[长春新区|ZONE]在全国生物医药园区综合竞争力排名中位列{第14位|RANK:14}，在[东北地区|LOC]位居{首位|RANK:1}。",
        [
            {"subject": "长春新区", "rank": "第14位", "scope": "全国生物医药园区", "criterion": "综合竞争力"},
            {"subject": "长春新区", "rank": "首位", "scope": "东北地区", "criterion": "综合竞争力"},
        ],
        id="zh-frame-split-into-scope-and-criterion",
    ),
    pytest.param(
        "zh",
        "新闻\n在科技部发布的国家高新区综合评价中，[东湖高新区|ZONE]稳居{前五|RANK:5:-:at_most}。",
        [{"subject": "东湖高新区", "rank": "前五", "scope": "国家高新区", "criterion": "综合评价"}],
        id="zh-frame-in-an-earlier-segment",
    ),
    pytest.param(
        "zh",
        "新闻\n[合肥高新区|ZONE]由{第7位|RANK:7}升至{第6位|RANK:6}。",
        [{"subject": "合肥高新区", "rank": "第6位"}],
        id="zh-only-the-current-rank",
    ),
    pytest.param(
        "zh",
        "新闻\n[本源量子|ORG]累计申请专利超过800项，数量位列国内量子计算企业{首位|RANK:1}。",
        [{"subject": "本源量子", "rank": "首位", "scope": "国内量子计算企业", "criterion": "数量"}],
        id="zh-scope-between-verb-and-rank",
    ),
    pytest.param(
        "zh",
        "新闻\n[长飞|ORG]的[光纤预制棒|PRODUCT]产销量连续多年位居{全球第一|RANK:1}。",
        [{"subject": "长飞", "rank": "全球第一", "scope": "全球", "criterion": "光纤预制棒产销量"}],
        id="zh-company-owns-its-product-ranking",
    ),
    pytest.param(
        "zh",
        "新闻\n在<2024年|2024>全国高新区综合评价中，[西安高新区|ZONE]排名{第5位|RANK:5}。",
        [{"subject": "西安高新区", "rank": "第5位", "scope": "全国高新区", "criterion": "综合评价"}],
        id="zh-frame-opening-with-a-year",
    ),
    pytest.param(
        "zh",
        "新闻\n[中关村|ZONE]在全球科技集群排名中位列{第3|RANK:3}。",
        [{"subject": "中关村", "rank": "第3", "scope": "全球科技集群"}],
        id="zh-frame-leaves-no-one-character-criterion",
    ),
    pytest.param(
        "ja",
        "記事\n[深圳市|LOC]は全国の都市の中で特許出願件数が{第1位|RANK:1}となった。",
        [{"subject": "深圳市", "rank": "第1位", "scope": "全国の都市", "criterion": "特許出願件数"}],
        id="ja-frame-then-criterion",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), RANKING_CASES)
def test_ranking(run, lang, markup, expected):
    assert run(markup, lang, "ranking") == expected
