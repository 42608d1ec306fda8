"""Share rules: who holds the share, the percentage, of what market and of what whole."""

from __future__ import annotations

import pytest

SHARE_CASES = [
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
