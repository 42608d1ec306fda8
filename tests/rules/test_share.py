"""Share rules: who holds the share, the percentage, of what market and of what whole."""

from __future__ import annotations

import pytest

SHARE_CASES = [
    pytest.param(
        "ja",
        "記事\n[張江科学城|ZONE]は上海にある。[上海市|LOC]の集積回路産業の売上高の{約6割|PERCENT:60:%:approx}を"
        "[同科学城|ZONE|張江科学城]が占める。",
        [{"subject": "同科学城", "share": "約6割", "market": "売上高"}],
        id="ja-the-part-a-subject-takes",
    ),
    pytest.param(
        "zh",
        "新闻\n[京东方|ORG]液晶面板出货量占据全球{25%|PERCENT:25:%}以上的市场份额。",
        [{"subject": "京东方", "share": "25%", "market": "液晶面板出货量", "scope": "全球"}],
        id="zh-zhanju-a-scope",
    ),
    pytest.param(
        "ja",
        "記事\n[大疆|ORG]は世界の民生用ドローン市場で{7割|PERCENT:70:%:more_than}を超えるシェアを持つ。",
        [{"subject": "大疆", "share": "7割", "market": "民生用ドローン", "scope": "世界"}],
        id="ja-market-named-before-the-figure",
    ),
    pytest.param(
        "ja",
        "記事\n[宇樹科技|ORG]の四足歩行ロボットは世界市場で{6割以上|PERCENT:60:%:at_least}のシェアを持つ。",
        [{"subject": "宇樹科技", "share": "6割以上", "market": "四足歩行ロボット", "scope": "世界市場"}],
        id="ja-owner-of-the-topic-phrase",
    ),
    pytest.param(
        "ja",
        "記事\n[光華微電子|ORG]のコア製品である[レーザ抵抗調整機|PRODUCT]の世界シェアは{60%|PERCENT:60:%:more_than}を超えた。",
        [{"subject": "光華微電子", "share": "60%", "market": "レーザ抵抗調整機", "scope": "世界"}],
        id="ja-company-not-product",
    ),
    pytest.param(
        "ja",
        "記事\n国内の商業リモートセンシング衛星データ市場では、[長光衛星|ORG]のシェアが{4割近く|PERCENT:40:%:nearly}に達している。",
        [{"subject": "長光衛星", "share": "4割近く", "market": "商業リモートセンシング衛星データ", "scope": "国内"}],
        id="ja-market-from-shijo",
    ),
    pytest.param(
        "ja",
        "記事\n[吉林省|LOC]の自動車生産に占める[長春市|LOC]の割合は{9割|PERCENT:90:%:more_than}を超える。",
        [{"subject": "長春市", "share": "9割", "market": "自動車生産", "scope": "吉林省"}],
        id="ja-share-of-a-place",
    ),
    pytest.param(
        "ja",
        "記事\n[長光衛星|ORG]の従業員は{3000人|COUNT:3000:人:more_than:従業員}を超え、そのうち研究開発人員が{約6割|PERCENT:60:%:approx}を占める。",
        [],
        id="ja-part-of-staff-is-a-metric",
    ),
    pytest.param(
        "ja",
        "記事\n[園区|ZONE]の関連企業は{2400社余り|COUNT:2400:社:more_than:関連企業}で、市全体の{6割|PERCENT:60:%}を占める。",
        [{"subject": "園区", "share": "6割", "market": "関連企業", "scope": "市全体"}],
        id="ja-part-of-the-city",
    ),
    pytest.param(
        "zh",
        "新闻\n[锐科激光|ORG]的[光纤激光器|PRODUCT]国内市场占有率超过{三成|PERCENT:30:%:more_than}。",
        [{"subject": "锐科激光", "share": "三成", "market": "光纤激光器", "scope": "国内"}],
        id="zh-market-share-word",
    ),
    pytest.param(
        "zh",
        "新闻\n[苏州工业园区|ZONE]实际使用外资{21.3亿美元|MONEY:2130000000:USD}，约占全市的{34%|PERCENT:34:%:approx}。",
        [{"subject": "苏州工业园区", "share": "34%", "market": "实际使用外资", "scope": "全市"}],
        id="zh-part-of-the-city",
    ),
    pytest.param(
        "zh",
        "新闻\n区内数字经济核心产业增加值超过1000亿元，占[武汉市|LOC]的比重超过{40%|PERCENT:40:%:more_than}。",
        [],
        id="zh-no-holder-no-share",
    ),
    pytest.param(
        "ja",
        "記事\n[比亜迪|ORG]の新エネルギー車の国内市場シェアは{約35%|PERCENT:35:%:approx}に達した。",
        [{"subject": "比亜迪", "share": "約35%", "market": "新エネルギー車", "scope": "国内市場"}],
        id="ja-market-before-scope-and-share-word",
    ),
    pytest.param(
        "ja",
        "記事\n[寧徳時代|ORG]は車載電池の世界シェアで{37%|PERCENT:37:%}を占める。",
        [{"subject": "寧徳時代", "share": "37%", "market": "車載電池", "scope": "世界"}],
        id="ja-market-of-a-topic-company",
    ),
    pytest.param(
        "ja",
        "記事\n[華星光電|ORG]の大型パネル出荷量は世界市場の{3割|PERCENT:30:%}を占める。",
        [{"subject": "華星光電", "share": "3割", "market": "大型パネル出荷量", "scope": "世界市場"}],
        id="ja-market-is-the-topic-phrase",
    ),
    pytest.param(
        "zh",
        "新闻\n[宁德时代|ORG]动力电池全球市场占有率达{37%|PERCENT:37:%}。",
        [{"subject": "宁德时代", "share": "37%", "market": "动力电池", "scope": "全球"}],
        id="zh-market-before-scope-and-share-word",
    ),
    pytest.param(
        "zh",
        "新闻\n[华星光电|ORG]大尺寸面板出货量占全球市场的{三成|PERCENT:30:%}。",
        [{"subject": "华星光电", "share": "三成", "market": "大尺寸面板出货量", "scope": "全球"}],
        id="zh-market-before-zhan-when-the-whole-is-a-scope",
    ),
    pytest.param(
        "zh",
        "新闻\n[深圳市|LOC]研发投入{1880亿元|MONEY:188000000000:CNY}，占地区生产总值的{5.1%|PERCENT:5.1:%}。",
        [{"subject": "深圳市", "share": "5.1%", "market": "地区生产总值"}],
        id="zh-market-is-the-named-whole-after-zhan",
    ),
    pytest.param(
        "zh",
        "新闻\n[高新区|ZONE]集聚软件企业{900家|COUNT:900:家:-:软件企业}，占全省总数的{四成|PERCENT:40:%}。",
        [{"subject": "高新区", "share": "四成", "market": "软件企业", "scope": "全省"}],
        id="zh-a-bare-total-is-no-market",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), SHARE_CASES)
def test_share(run, lang, markup, expected):
    assert run(markup, lang, "share") == expected


def test_place_after_zhan_is_the_scope(run):
    markup = (
        "[东湖高新区|ZONE]的新闻\n"
        "区内数字经济核心产业增加值超过1000亿元，占[武汉市|LOC]的比重超过{40%|PERCENT:40:%:more_than}。"
    )
    assert run(markup, "zh", "share") == [{"subject": "东湖高新区", "share": "40%", "scope": "武汉市"}]
