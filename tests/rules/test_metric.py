"""Metric rules: the figure, what it measures, whose it is, its change and time."""

from __future__ import annotations

import pytest

TITLE = "記事\n"
ZH_TITLE = "新闻\n"

METRIC_CASES = [
    pytest.param(
        "ja",
        TITLE + "[哈爾浜新区|ZONE]は全国の国家級新区{19カ所|COUNT:19:カ所:-:中}の中で第9位となった。",
        [],
        id="ja-the-field-of-a-rank-is-no-metric",
    ),
    pytest.param(
        "ja",
        TITLE + "[長春新区|ZONE]には衛星関連企業が{60社余り|COUNT:60:社:more_than:衛星関連企業}集まった。",
        [{"subject": "長春新区", "measure": "衛星関連企業", "quantity": "60社余り"}],
        id="ja-locative-topic-count",
    ),
    pytest.param(
        "ja",
        TITLE
        + "<昨年|2024>、[長春市|LOC]の科学技術成果の地元転化は{3500件|COUNT:3500:件:-:科学技術成果の地元転化}に達し、"
        "{7割以上|PERCENT:70:%:at_least}増加した。",
        [
            {
                "subject": "長春市",
                "measure": "科学技術成果の地元転化",
                "quantity": "3500件",
                "change": "7割以上",
                "direction": "up",
                "time": "2024",
            }
        ],
        id="ja-genitive-owner-with-growth",
    ),
    pytest.param(
        "ja",
        TITLE + "[長光衛星|ORG]は衛星企業である。<昨年|2024>の売上高は{約8億元|MONEY:800000000:CNY:approx}で、"
        "<一昨年|2023>より{35%|PERCENT:35:%}増えた。",
        [
            {
                "subject": "長光衛星",
                "measure": "売上高",
                "quantity": "約8億元",
                "change": "35%",
                "direction": "up",
                "time": "2024",
            }
        ],
        id="ja-inherited-subject-base-year-skipped",
    ),
    pytest.param(
        "ja",
        TITLE + "[長江存儲|ORG]は<昨年|2024>、従業員を{約2000人|COUNT:2000:人:approx:従業員}増やし、"
        "計{1万人余り|COUNT:10000:人:more_than:従業員}となった。",
        [
            {
                "subject": "長江存儲",
                "measure": "従業員",
                "quantity": "1万人余り",
                "change": "約2000人",
                "direction": "up",
                "time": "2024",
            }
        ],
        id="ja-increase-then-total",
    ),
    pytest.param(
        "ja",
        TITLE + "[合肥高新区|ZONE]の売上高は前年比{10%|PERCENT:10:%}増の{50億元|MONEY:5000000000:CNY}だった。",
        [{"subject": "合肥高新区", "measure": "売上高", "quantity": "50億元", "change": "10%", "direction": "up"}],
        id="ja-growth-then-value",
    ),
    pytest.param(
        "ja",
        TITLE
        + "[光谷|ZONE]の研究開発投資強度は{約5%|PERCENT:5:%:approx}で、全国平均を{2.3ポイント|PERCENT:2.3:pt}上回る。",
        [{"subject": "光谷", "measure": "研究開発投資強度", "quantity": "約5%"}],
        id="ja-comparison-with-average-gives-none",
    ),
    pytest.param(
        "ja",
        TITLE + "[新区|ZONE|长春新区]は<2027年|2027>までに衛星関連企業を{100社以上|COUNT:100:社:at_least:衛星関連企業}"
        "に増やす計画で、総投資額{5000万元以上|MONEY:50000000:CNY:at_least}の新規プロジェクトを支援する。",
        [],
        id="ja-target-and-threshold-give-none",
    ),
    pytest.param(
        "ja",
        TITLE + "[北湖未来科学都市|ZONE|北湖未来科学城]は{3|COUNT:3:-:-:大エリア} 大エリアからなる。",
        [],
        id="ja-structural-count-gives-none",
    ),
    pytest.param(
        "ja",
        TITLE + "同社の量子鍵配送装置は、全長{2000キロメートル余り|MEASURE:2000:km:more_than:全長}の量子保密通信幹線"
        "「[京滬幹線|FAC]」に採用された。",
        [{"subject": "京滬幹線", "measure": "全長", "quantity": "2000キロメートル余り"}],
        id="ja-figure-describes-a-name",
    ),
    pytest.param(
        "ja",
        TITLE + "[武漢市|LOC]に{80余り|COUNT:80:-:more_than:大学}の大学が集まり、"
        "在学生は{約130万人|COUNT:1300000:人:approx:在学生}に上る。",
        [
            {"subject": "武漢市", "measure": "大学", "quantity": "80余り"},
            {"subject": "武漢市", "measure": "在学生", "quantity": "約130万人"},
        ],
        id="ja-place-owner-then-inherited",
    ),
    pytest.param(
        "ja",
        TITLE
        + "[南山区|ZONE]のドローン関連企業は<今年6月末|2025-06-30>時点で{約1700社|COUNT:1700:社:approx:時点}に達した。",
        [{"subject": "南山区", "measure": "ドローン関連企業", "quantity": "約1700社", "time": "2025-06-30"}],
        id="ja-topic-phrase-past-a-time-and-a-bad-counted",
    ),
    pytest.param(
        "ja",
        TITLE + "[園区|ZONE]は今後、{3分野|COUNT:3:分野}に重点的に取り組む。",
        [],
        id="ja-structural-counter-gives-none",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "<去年|2024>，[光谷|ZONE]新增科技型企业{1.26万家|COUNT:12600:家:-:科技型企业}，"
        "累计达到{6.8万家|COUNT:68000:家:-:科技型企业}；高新技术企业总数超过{6500家|COUNT:6500:家:-:高新技术企业总数}。",
        [
            {
                "subject": "光谷",
                "measure": "科技型企业",
                "quantity": "6.8万家",
                "change": "1.26万家",
                "direction": "up",
                "time": "2024",
            },
            {"subject": "光谷", "measure": "高新技术企业总数", "quantity": "6500家", "time": "2024"},
        ],
        id="zh-new-then-total-and-inherited-after-semicolon",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "[光谷生物城|ZONE]已集聚相关企业{3600余家|COUNT:3600:家:more_than:相关企业}，"
        "<去年|2024>新增{412家|COUNT:412:家:-:相关企业}。",
        [
            {
                "subject": "光谷生物城",
                "measure": "相关企业",
                "quantity": "3600余家",
                "change": "412家",
                "direction": "up",
                "time": "2024",
            }
        ],
        id="zh-total-then-new",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "<去年|2024>，[苏州工业园区|ZONE]实现地区生产总值{3686亿元|MONEY:368600000000:CNY}，"
        "同比增长{5.8%|PERCENT:5.8:%}；一般公共预算收入{412.6亿元|MONEY:41260000000:CNY}。",
        [
            {
                "subject": "苏州工业园区",
                "measure": "地区生产总值",
                "quantity": "3686亿元",
                "change": "5.8%",
                "direction": "up",
                "time": "2024",
            },
            {"subject": "苏州工业园区", "measure": "一般公共预算收入", "quantity": "412.6亿元", "time": "2024"},
        ],
        id="zh-value-with-growth",
    ),
    pytest.param(
        "zh",
        ZH_TITLE
        + "[科学城|ZONE|北湖未来科学城]已签约项目{46个|COUNT:46:个:-:项目}，签约额同比增长{41.6%|PERCENT:41.6:%}，"
        "增速较<前年|2023>加快{2.6个百分点|PERCENT:2.6:pt}。",
        [
            {"subject": "科学城", "measure": "项目", "quantity": "46个"},
            {"subject": "科学城", "measure": "签约额", "quantity": "41.6%", "change": "41.6%", "direction": "up"},
            {
                "subject": "科学城",
                "measure": "增速",
                "quantity": "2.6个百分点",
                "change": "2.6个百分点",
                "direction": "up",
            },
        ],
        id="zh-growth-only-figures",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "[北湖未来科学城|ZONE]规划面积约177平方公里。"
        "两年来，区内累计集聚国家级研发平台{23个|COUNT:23:个:-:国家级研发平台}。",
        [{"subject": "北湖未来科学城", "measure": "国家级研发平台", "quantity": "23个"}],
        id="zh-backref-resolves-to-zone",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "<今年|2025>以来，已有{31个|COUNT:31:个:-:重大项目}重大项目签约落户[光谷|ZONE]，"
        "协议投资额超过{1200亿元|MONEY:120000000000:CNY:more_than}。",
        [
            {"subject": "光谷", "measure": "重大项目", "quantity": "31个", "time": "2025"},
            {"subject": "光谷", "measure": "协议投资额", "quantity": "1200亿元", "time": "2025"},
        ],
        id="zh-place-after-the-figure",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "[光谷|ZONE]力争到<2027年|2027>光电子信息产业规模达到{一万亿元|MONEY:1000000000000:CNY}；"
        "预计吸引展商{1000家以上|COUNT:1000:家:at_least:展商}。",
        [
            {"subject": "光谷", "measure": "光电子信息产业规模", "quantity": "一万亿元", "time": "2027"},
            {"subject": "光谷", "measure": "展商", "quantity": "1000家以上", "time": "2027"},
        ],
        id="zh-targets-are-figures-with-their-year",
    ),
    pytest.param(
        "zh",
        ZH_TITLE + "[科学城|ZONE|北湖未来科学城]已签约项目46个，其中{5000万元以上|MONEY:50000000:CNY:at_least}项目"
        "{29个|COUNT:29:个:-:5000万元以上项目}，{三|COUNT:3:-:-:区域}大区域协同。",
        [{"subject": "科学城", "measure": "5000万元以上项目", "quantity": "29个"}],
        id="zh-threshold-and-structural-give-none",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), METRIC_CASES)
def test_metric(run, lang, markup, expected):
    assert run(markup, lang, "metric") == expected


def test_example_names_do_not_own_the_count(run):
    facts = run(
        "新闻\n[苏州工业园区|ZONE]规划面积很大。[微软（中国）|ORG]、[思必驰|ORG]等{400余家|COUNT:400:家:more_than:企业}企业在这里设立了研发机构。",
        "zh",
        "metric",
    )
    assert facts == [{"subject": "苏州工业园区", "measure": "企业", "quantity": "400余家"}]


def test_main_zone_when_nothing_is_named(run):
    markup = "[北湖未来科学城|ZONE]の記事\n\n研究者は{約600人|COUNT:600:人:approx:研究者}に上る。"
    assert run(markup, "ja", "metric") == [{"subject": "北湖未来科学城", "measure": "研究者", "quantity": "約600人"}]


def test_title_figure_gets_its_own_fact(run):
    markup = (
        "[光谷|ZONE]去年新增科技型企业超{1.2万家|COUNT:12000:家:more_than:科技型企业}\n\n"
        "[光谷|ZONE]企业超过{1.2万家|COUNT:12000:家:more_than:企业}。"
    )
    facts = run(markup, "zh", "metric")
    assert [f["quantity"] for f in facts] == ["1.2万家", "1.2万家"]


GROWTH_CASES = [
    pytest.param(
        "zh",
        "新闻\n[合肥高新区|ZONE]出口额{300亿元|MONEY:30000000000:CNY}，降幅达{4.1%|PERCENT:4.1:%}。",
        {"subject": "合肥高新区", "measure": "出口额", "quantity": "300亿元", "change": "4.1%", "direction": "down"},
        id="zh-size-of-the-fall",
    ),
    pytest.param(
        "zh",
        "新闻\n[合肥高新区|ZONE]规上工业增加值{820亿元|MONEY:82000000000:CNY}，增幅为{12.3%|PERCENT:12.3:%}。",
        {
            "subject": "合肥高新区",
            "measure": "规上工业增加值",
            "quantity": "820亿元",
            "change": "12.3%",
            "direction": "up",
        },
        id="zh-size-of-the-rise",
    ),
    pytest.param(
        "ja",
        "記事\n[寧徳時代|ORG]は電池企業である。同社の純利益は{約250億元|MONEY:25000000000:CNY:approx}で、"
        "前年同期比{3.2%|PERCENT:3.2:%}減少した。",
        {"subject": "寧徳時代", "measure": "純利益", "quantity": "約250億元", "change": "3.2%", "direction": "down"},
        id="ja-same-period-lead-and-a-fall",
    ),
    pytest.param(
        "ja",
        "記事\n[蘇州工業園区|ZONE]の輸出額は{900億元|MONEY:90000000000:CNY}で、前年比{4%|PERCENT:4:%}下落した。",
        {"subject": "蘇州工業園区", "measure": "輸出額", "quantity": "900億元", "change": "4%", "direction": "down"},
        id="ja-price-like-fall",
    ),
    pytest.param(
        "zh",
        "新闻\n[宁德时代|ORG]发布财报。该公司营业收入{1780亿元|MONEY:178000000000:CNY}，较上年同期下降{3.2%|PERCENT:3.2:%}。",
        {"subject": "宁德时代", "measure": "营业收入", "quantity": "1780亿元", "change": "3.2%", "direction": "down"},
        id="zh-backref-company-and-a-fall",
    ),
    pytest.param(
        "zh",
        "新闻\n[合肥高新区|ZONE]出口额{420亿元|MONEY:42000000000:CNY}，比上年同期下跌{6%|PERCENT:6:%}。",
        {"subject": "合肥高新区", "measure": "出口额", "quantity": "420亿元", "change": "6%", "direction": "down"},
        id="zh-same-period-lead-and-a-drop",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), GROWTH_CASES)
def test_growth_binds_to_the_figure_before(run, lang, markup, expected):
    assert run(markup, lang, "metric") == [expected]


def test_owner_written_inside_the_counted_phrase(run):
    # the counted phrase may run into the owner's name (长春市科技成果本地转化): the name still owns the figure
    markup = (
        "[北湖未来科学城|ZONE]的新闻\n[长春市|LOC]科技成果本地转化{3500项|COUNT:3500:项:-:长春市科技成果本地转化}。"
    )
    assert run(markup, "zh", "metric") == [{"subject": "长春市", "measure": "科技成果本地转化", "quantity": "3500项"}]


def test_examples_run_past_a_parenthesised_name_part(run):
    markup = (
        "[苏州工业园区|ZONE]的新闻\n[微软|ORG]（[中国|LOC]）、[思必驰|ORG]等{400余家|COUNT:400:家:more_than:企业}企业"
        "在这里设立了研发机构。"
    )
    assert run(markup, "zh", "metric") == [{"subject": "苏州工业园区", "measure": "企业", "quantity": "400余家"}]


SUBJECT_CASES = [
    pytest.param(
        "ja",
        "記事\n[中国|LOC]の新エネルギー車生産台数は<昨年|2024>、{1000万台|COUNT:10000000:台:more_than:新エネルギー車生産台数}"
        "を突破した。",
        {"subject": "中国", "measure": "新エネルギー車生産台数", "quantity": "1000万台", "time": "2024"},
        id="ja-owner-of-the-topic-phrase-across-a-comma",
    ),
    pytest.param(
        "ja",
        "[長春新区|ZONE]の記事\n[蘇州工業園区|ZONE]は外資を呼び込んでいる。同園区の輸出入総額は{6000億元|MONEY:600000000000:CNY}だった。",
        {"subject": "蘇州工業園区", "measure": "輸出入総額", "quantity": "6000億元"},
        id="ja-same-park-back-reference",
    ),
    pytest.param(
        "zh",
        "[长春新区|ZONE]的新闻\n[一汽集团|ORG]发布年报。该集团全年整车销量{320万辆|COUNT:3200000:辆:-:整车销量}。",
        {"subject": "一汽集团", "measure": "整车销量", "quantity": "320万辆"},
        id="zh-group-back-reference",
    ),
    pytest.param(
        "ja",
        "[長春新区|ZONE]の記事\n[杭州市|LOC]の西部に[杭州城西科創大走廊|ZONE]がある。[浙江大学|ORG]も集まる。"
        "同走廊の付加価値額は{約3200億元|MONEY:320000000000:CNY:approx}だった。",
        {"subject": "杭州城西科創大走廊", "measure": "付加価値額", "quantity": "約3200億元"},
        id="ja-corridor-back-reference",
    ),
    pytest.param(
        "zh",
        "[长春新区|ZONE]的新闻\n[西安|LOC]建有[中国西部科技创新港|ZONE]。[西安交通大学|ORG]入驻其中。"
        "该港已集聚科研人员{2万余人|COUNT:20000:人:more_than:科研人员}。",
        {"subject": "中国西部科技创新港", "measure": "科研人员", "quantity": "2万余人"},
        id="zh-harbour-back-reference",
    ),
    pytest.param(
        "zh",
        "[光明科学城|ZONE]的新闻\n[光明科学城|ZONE]位于深圳。[光明区|LOC]相关负责人表示，"
        "到<2030年|2030>将建成重大科技基础设施{15个以上|COUNT:15:个:at_least:重大科技基础设施}。",
        {"subject": "光明科学城", "measure": "重大科技基础设施", "quantity": "15个以上", "time": "2030"},
        id="zh-the-source-of-a-statement-owns-no-figure",
    ),
    pytest.param(
        "ja",
        "[長春新区|ZONE]の記事\n[長春新区|ZONE]は国家級新区だ。[長春市|LOC]の担当者によると、"
        "研究者は{約600人|COUNT:600:人:approx:研究者}に上る。",
        {"subject": "長春新区", "measure": "研究者", "quantity": "約600人"},
        id="ja-the-source-of-a-statement-owns-no-figure",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), SUBJECT_CASES)
def test_subject_attribution(run, lang, markup, expected):
    assert run(markup, lang, "metric") == [expected]


RANGE_CASES = [
    pytest.param(
        "zh",
        "新闻\n[长春新区|ZONE]高新技术企业数量由{300家|COUNT:300:家:-:高新技术企业}增至{800家|COUNT:800:家:-:高新技术企业}。",
        [{"subject": "长春新区", "measure": "高新技术企业", "quantity": "800家"}],
        id="zh-from-a-to-b",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]のハイテク企業数は{300社|COUNT:300:社:-:ハイテク企業}から{800社|COUNT:800:社:-:ハイテク企業}"
        "に増えた。",
        [{"subject": "長春新区", "measure": "ハイテク企業", "quantity": "800社"}],
        id="ja-from-a-to-b",
    ),
    pytest.param(
        "zh",
        "新闻\n[长飞科技园项目|PROJECT]总投资{30亿元|MONEY:3000000000:CNY}，建成后可实现年产值{50亿元|MONEY:5000000000:CNY}。",
        [
            {"subject": "长飞科技园项目", "measure": "总投资", "quantity": "30亿元"},
            {"subject": "长飞科技园项目", "measure": "年产值", "quantity": "50亿元"},
        ],
        id="zh-expected-output-without-its-lead",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), RANGE_CASES)
def test_ranges_and_measures(run, lang, markup, expected):
    assert run(markup, lang, "metric") == expected


def test_headline_owner_of_the_phrase(run):
    markup = "[合肥|LOC]の新エネ車生産、{137万台|COUNT:1370000:台:-:新エネ車生産}を突破\n本文。"
    assert run(markup, "ja", "metric") == [{"subject": "合肥", "measure": "新エネ車生産", "quantity": "137万台"}]


def test_unresolved_back_reference_inherits_nothing(run):
    # the meeting was never named: its visitors are nobody else's figure
    markup = (
        "[合肥市|LOC]の記事\n[合肥市|LOC]は量子の街だ。<昨年|2024>の同大会には国内外から"
        "{約2000人|COUNT:2000:人:approx:参加者}の参加者が集まった。"
    )
    assert run(markup, "ja", "metric") == []


def test_figure_describing_a_name_measures_what_is_before_it(run):
    # the quantity layer may take the described name for the counted phrase
    markup = (
        "記事\n同社の装置は、全長{2000キロメートル余り|MEASURE:2000:km:more_than:量子保密通信幹線「京滬幹線」}"
        "の量子保密通信幹線「[京滬幹線|FAC]」に採用された。"
    )
    expected = {"subject": "京滬幹線", "measure": "全長", "quantity": "2000キロメートル余り"}
    assert run(markup, "ja", "metric") == [expected]


UNNAMED_HEAD_CASES = [
    pytest.param(
        "新闻\n<今年3月|2025-03>，[比亚迪|ORG]的[动力电池|INDUSTRY]生产基地项目在园区开工，"
        "总投资约{80亿元|MONEY:8000000000:CNY:approx}。",
        [],
        id="owner-of-an-unnamed-project",
    ),
    pytest.param(
        "新闻\n[恒瑞医药|ORG]自主研发的抗肿瘤新药已获批{5项|COUNT:5:项:-:适应症}适应症。",
        [],
        id="maker-of-an-unnamed-drug",
    ),
    pytest.param(
        "新闻\n[长飞|ORG]的光纤预制棒产销量达到{2万吨|MEASURE:20000:t:-:光纤预制棒产销量}。",
        [{"subject": "长飞", "measure": "光纤预制棒产销量", "quantity": "2万吨"}],
        id="owner-of-a-measure-keeps-its-figure",
    ),
]


@pytest.mark.parametrize(("markup", "expected"), UNNAMED_HEAD_CASES)
def test_unnamed_thing_holds_its_own_figure(run, markup, expected):
    assert run(markup, "zh", "metric") == expected


OUTSIDE_CASES = [
    pytest.param(
        "ja",
        "[光谷|ZONE]の記事\n<昨年|2024>、全国の新エネルギー車販売台数は{1287万台|COUNT:12870000:台:-:新エネルギー車販売台数}に達した。",
        [],
        id="ja-the-nations-figure",
    ),
    pytest.param(
        "zh",
        "[合肥高新区|ZONE]的新闻\n<去年|2024>，全国新能源汽车产量达到{1288万辆|COUNT:12880000:辆:-:新能源汽车产量}。",
        [],
        id="zh-the-nations-figure",
    ),
    pytest.param(
        "ja",
        "記事\n[光谷|ZONE]のハイテク企業は全国で最多の{6500社|COUNT:6500:社:-:ハイテク企業}に上る。",
        [{"subject": "光谷", "measure": "ハイテク企業", "quantity": "6500社"}],
        id="ja-a-named-holder-compared-with-the-nation",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), OUTSIDE_CASES)
def test_figures_of_the_nation_are_nobodys(run, lang, markup, expected):
    assert run(markup, lang, "metric") == expected


DESCRIBED_CASES = [
    pytest.param(
        "zh",
        "[苏州工业园区|ZONE]的新闻\n总投资{50亿元|MONEY:5000000000:CNY}的[长飞科技园项目|PROJECT]正式开工。",
        [{"subject": "长飞科技园项目", "measure": "总投资", "quantity": "50亿元"}],
        id="zh-figure-before-the-named-project",
    ),
    pytest.param(
        "ja",
        "[蘇州工業園区|ZONE]の記事\n総投資額{50億元|MONEY:5000000000:CNY}の[長飛科技園プロジェクト|PROJECT]が着工した。",
        [{"subject": "長飛科技園プロジェクト", "measure": "総投資額", "quantity": "50億元"}],
        id="ja-figure-before-the-named-project",
    ),
    pytest.param(
        "zh",
        "[苏州工业园区|ZONE]的新闻\n其中[信迪利单抗|PRODUCT]销售额约{30亿元|MONEY:3000000000:CNY:approx}。",
        [{"subject": "信迪利单抗", "measure": "销售额", "quantity": "30亿元"}],
        id="zh-measure-without-the-subjects-name",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), DESCRIBED_CASES)
def test_named_holder_of_a_described_figure(run, lang, markup, expected):
    assert run(markup, lang, "metric") == expected


WHOLE_PLACE_CASES = [
    pytest.param(
        "[长春新区|ZONE]的新闻\n[长春新区|ZONE]是国家级新区。[一汽|ORG]在区内建有工厂。全区规上工业总产值增长{8.1%|PERCENT:8.1:%}。",
        {"subject": "长春新区", "measure": "规上工业总产值", "quantity": "8.1%", "change": "8.1%", "direction": "up"},
        id="whole-zone-not-the-company-before",
    ),
    pytest.param(
        "[南山区|ZONE]的新闻\n[深圳|LOC]是创新之城。[华为|ORG]总部位于此。全市研发投入{1880亿元|MONEY:188000000000:CNY}。",
        {"subject": "深圳", "measure": "研发投入", "quantity": "1880亿元"},
        id="whole-city-is-the-city-named-before",
    ),
]


@pytest.mark.parametrize(("markup", "expected"), WHOLE_PLACE_CASES)
def test_whole_place_words_refer_back(run, markup, expected):
    assert run(markup, "zh", "metric") == [expected]
