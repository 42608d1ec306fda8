"""find_quantities: phrase tables for ja and zh, false positives, and the reference article by hand."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from beihu_extract.quantities import QuantityMention, find_quantities, load_quantity_table
from beihu_extract.schema import Qualifier, Quantity, QuantityKind

COUNT, MONEY, PERCENT = QuantityKind.COUNT, QuantityKind.MONEY, QuantityKind.PERCENT
RANK, DURATION, MEASURE = QuantityKind.RANK, QuantityKind.DURATION, QuantityKind.MEASURE
EXACT, APPROX, AT_LEAST = Qualifier.EXACT, Qualifier.APPROX, Qualifier.AT_LEAST
MORE_THAN, NEARLY, LESS_THAN, AT_MOST = Qualifier.MORE_THAN, Qualifier.NEARLY, Qualifier.LESS_THAN, Qualifier.AT_MOST
ANY = object()  # the counted phrase is not checked (a heuristic reading)


def q(sentence, text, kind, value, unit=None, qualifier=EXACT, counted=None, *, id):
    return pytest.param(sentence, text, kind, Decimal(value), unit, qualifier, counted, id=id)


JA_PHRASES = [
    q(
        "科学城には23の国家級研究開発プラットフォームと",
        "23",
        COUNT,
        "23",
        counted="国家級研究開発プラットフォーム",
        id="bare-no-count",
    ),
    q(
        "300人以上の「両院院士」などのハイレベル人材が集まる。",
        "300人以上",
        COUNT,
        "300",
        "人",
        AT_LEAST,
        "「両院院士」などのハイレベル人材",
        id="nin-ijou-quoted-counted",
    ),
    q("転化件数は3500件に達した。", "3500件", COUNT, "3500", "件", counted="転化件数", id="ken-backward-counted"),
    q(
        "関連企業は累計150社余りとなった。",
        "150社余り",
        COUNT,
        "150",
        "社",
        MORE_THAN,
        counted="関連企業",
        id="ruikei-backward",
    ),
    q("昨年は7割以上増加した。", "7割以上", PERCENT, "70", "%", AT_LEAST, id="wari-at-least"),
    q("3つの区域が連携し、", "3つ", COUNT, "3", "つ", counted="区域", id="tsu"),
    q("産業総合力が第14位にランクインした。", "第14位", RANK, "14", id="rank-dai-i"),
    q("東北地区で首位を占めている。", "首位", RANK, "1", id="rank-shui"),
    q("レーザ抵抗調整機の世界シェアは60%を超え、", "60%", PERCENT, "60", "%", MORE_THAN, id="percent-wo-koe"),
    q("100社以上の光電企業が立地した。", "100社以上", COUNT, "100", "社", AT_LEAST, "光電企業", id="sha-at-least"),
    q("輸入輸送量は全国第一位となっている。", "全国第一位", RANK, "1", id="rank-with-scope"),
    q("この 2 年間で示した急成長", "2 年間", DURATION, "2", "year", id="duration-with-space"),
    q("長春新区などの 3 大エリアが持つ", "3", COUNT, "3", counted="エリア", id="dai-outside-span"),
    q("総投資額は約2億元に上る。", "約2億元", MONEY, "200000000", "CNY", APPROX, id="money-approx-oku-gen"),
    q("売上高は1279.2億元だった。", "1279.2億元", MONEY, "127920000000", "CNY", id="money-decimal-oku"),
    q("約15億円を投じる。", "約15億円", MONEY, "1500000000", "JPY", APPROX, id="money-yen"),
    q("約1.2億ドルの契約を結んだ。", "約1.2億ドル", MONEY, "120000000", "USD", APPROX, id="money-dollar"),
    q("従業員は3000人を超え、", "3000人", COUNT, "3000", "人", MORE_THAN, "従業員", id="nin-wo-koe-backward"),
    q("衛星関連企業が60社余り集まった。", "60社余り", COUNT, "60", "社", MORE_THAN, "衛星関連企業", id="sha-amari"),
    q("シェアが4割近くに達している。", "4割近く", PERCENT, "40", "%", NEARLY, id="wari-chikaku"),
    q(
        "建築面積は約8.6万平方メートルで",
        "約8.6万平方メートル",
        MEASURE,
        "86000",
        "m2",
        APPROX,
        "建築面積",
        id="measure-m2",
    ),
    q("計画面積は22.46㎢で", "22.46㎢", MEASURE, "22.46", "km2", counted="計画面積", id="measure-km2-sign"),
    q("年産200基の小型衛星工場", "年産200基", MEASURE, "200", "基/year", counted="小型衛星工場", id="yearly-prefix"),
    q("年産能力は20万台に達した。", "20万台", MEASURE, "200000", "台/year", counted=ANY, id="yearly-separated"),
    q("研究開発人員が約6割を占める。", "約6割", PERCENT, "60", "%", APPROX, id="wari-approx"),
    q("国内外の20以上の業種で使われ", "20以上", COUNT, "20", None, AT_LEAST, "業種", id="no-count-ijou"),
    q("顧客は30余りの国・地域に及ぶ。", "30余り", COUNT, "30", None, MORE_THAN, "国・地域", id="no-count-amari"),
    q("先進設備製造の5大産業に取り組む。", "5", COUNT, "5", counted="産業", id="dai-no-space"),
    q("比率は3ポイント上昇した。", "3ポイント", PERCENT, "3", "pt", id="point"),
    q("設立から約11年で", "約11年", DURATION, "11", "year", APPROX, id="duration-approx"),
    q("量産まで18カ月かかった。", "18カ月", DURATION, "18", "month", id="duration-kagetsu"),
    q("1万人超が参加した。", "1万人超", COUNT, "10000", "人", MORE_THAN, id="man-nin-cho"),
    q("十七の研究所が集まる。", "十七", COUNT, "17", counted="研究所", id="kanji-no-count"),
    q("過去1年間で倍増した。", "過去1年間", DURATION, "1", "year", id="kako-duration"),
    q("生産能力は24万台/年に達する。", "24万台/年", MEASURE, "240000", "台/year", counted=ANY, id="per-year-suffix"),
    q("１２０社が入居する。", "１２０社", COUNT, "120", "社", counted=None, id="fullwidth-digits"),
    q("TIR輸送を3,600件処理した。", "3,600件", COUNT, "3600", "件", counted="TIR輸送", id="separator"),
    q("研究開発費が10%未満の企業", "10%未満", PERCENT, "10", "%", LESS_THAN, id="percent-less-than"),
    q("エネルギー密度が350Wh/kgに達し", "350Wh/kg", MEASURE, "350", "wh/kg", counted=ANY, id="measure-ratio"),
    q(
        "研究開発機関を10カ所以上誘致する。",
        "10カ所以上",
        COUNT,
        "10",
        "カ所",
        AT_LEAST,
        "研究開発機関",
        id="kasho-wo-backward",
    ),
    q(
        "プラットフォームが70余り集まり",
        "70余り",
        COUNT,
        "70",
        None,
        MORE_THAN,
        "プラットフォーム",
        id="bare-closed-by-qualifier",
    ),
    q("2歳半の子供を連れて", "2歳半", COUNT, "2.5", "歳", counted=ANY, id="age-and-a-half"),
    q("移動に1時間半かかった。", "1時間半", DURATION, "1.5", "hour", id="duration-and-a-half"),
    q("排気量1.5リッターのエンジン", "1.5リッター", MEASURE, "1.5", "l", counted=ANY, id="measure-litre"),
    q("西条6万8600石を与えられた。", "6万8600石", MEASURE, "68600", "koku", counted=ANY, id="measure-koku"),
    q("60歳代の男性が入院した。", "60歳代", COUNT, "60", "歳代", counted=ANY, id="counter-age-band"),
    q("通算2000安打を達成した。", "2000安打", COUNT, "2000", "安打", counted=ANY, id="counter-hits"),
    q("与党が166議席を獲得した。", "166議席", COUNT, "166", "議席", counted=ANY, id="counter-seats"),
    q("10代の若者に人気がある。", "10代", COUNT, "10", "代", counted=ANY, id="counter-age-decade"),
    q(
        "毎時0.5マイクロシーベルトを観測した。",
        "0.5マイクロシーベルト",
        MEASURE,
        "0.5",
        "usv",
        counted=ANY,
        id="measure-sievert",
    ),
    q("出力は300馬力に達する。", "300馬力", MEASURE, "300", "hp", counted=ANY, id="measure-horsepower"),
    q("切手は50銭だった。", "50銭", MONEY, "0.50", "JPY", id="money-sen"),
    q("目標の100万人を目指す。", "100万人", COUNT, "1000000", "人", counted=ANY, id="nin-before-mezasu"),
    q("定員は1人だけだ。", "1人", COUNT, "1", "人", counted=ANY, id="arabic-one-person"),
    q("標高1,600-2,200メートルの山地", "2,200メートル", MEASURE, "2200", "m", counted=ANY, id="range-upper-bound"),
    q("価格は$100だった。", "$100", MONEY, "100", "USD", id="money-dollar-sign"),
    q("＄1,000以上の寄付", "＄1,000以上", MONEY, "1000", "USD", AT_LEAST, id="money-fullwidth-dollar"),
    q("￥3,000の商品", "￥3,000", MONEY, "3000", "JPY", id="money-yen-sign"),
    q("8インチディスクを採用した。", "8インチ", MEASURE, "8", "inch", counted=ANY, id="unit-before-katakana-word"),
    q("ドライバーを一人連れて行きたい。", "一人", COUNT, "1", "人", counted=ANY, id="kanji-one-person"),
    q("首輪に鈴を一つつける。", "一つ", COUNT, "1", "つ", counted=ANY, id="kanji-one-tsu"),
    q("試験で8点を獲得した。", "8点", COUNT, "8", "点", counted=ANY, id="counter-ten"),
    q("県内の8市町村が参加した。", "8市町村", COUNT, "8", "市町村", counted=ANY, id="counter-municipalities"),
    q("全国に120店舗を展開する。", "120店舗", COUNT, "120", "店舗", counted=ANY, id="counter-tenpo"),
    q("100坪の土地を購入した。", "100坪", MEASURE, "100", "tsubo", counted=ANY, id="measure-tsubo"),
    q("2GBのメモリを積む。", "2GB", MEASURE, "2", "gb", counted=ANY, id="measure-gigabyte"),
    q("800MHzで動作する。", "800MHz", MEASURE, "800", "mhz", counted=ANY, id="measure-megahertz"),
    q("気温は-5℃まで下がった。", "-5℃", MEASURE, "-5", "°c", counted=ANY, id="measure-negative"),
    q("出力を必ず-1dB絞る。", "-1dB", MEASURE, "-1", "db", counted=ANY, id="measure-negative-after-kana"),
    q("現地に2週間滞在した。", "2週間", DURATION, "14", "day", id="duration-weeks"),
    q("工事は3カ月間続いた。", "3カ月間", DURATION, "3", "month", id="duration-kagetsukan"),
    q("その3分の2近くが賛成した。", "3分の2近く", PERCENT, "66.67", "%", NEARLY, id="fraction-nearly"),
    q("住民の三分の一以上が反対した。", "三分の一以上", PERCENT, "33.33", "%", AT_LEAST, id="fraction-kanji"),
    q("売上高は2倍に増えた。", "2倍", PERCENT, "200", "%", id="multiple"),
    q("支持率は田老66・0%と高い。", "66・0%", PERCENT, "66.0", "%", id="decimal-nakaguro"),
]

ZH_PHRASES = [
    q("科学城已签约项目46个，", "46个", COUNT, "46", "个", counted="项目", id="ge-backward"),
    q("举行，32个项目集中开工，", "32个", COUNT, "32", "个", counted="项目", id="ge-after-comma"),
    q("总投资约186亿元。", "约186亿元", MONEY, "18600000000", "CNY", APPROX, id="money-yi-yuan"),
    q("投资5000万元以上的项目", "5000万元以上", MONEY, "50000000", "CNY", AT_LEAST, id="money-at-least"),
    q("签约额同比增长41.6%。", "41.6%", PERCENT, "41.6", "%", id="percent-decimal"),
    q("规划面积约177平方公里，", "约177平方公里", MEASURE, "177", "km2", APPROX, "规划面积", id="km2"),
    q("统筹三大区域的科创资源", "三", COUNT, "3", counted="区域", id="san-da"),
    q("两年来，区内累计集聚", "两年来", DURATION, "2", "year", id="liang-nian-lai"),
    q("累计集聚国家级研发平台23个、", "23个", COUNT, "23", "个", counted="国家级研发平台", id="platforms"),
    q(
        "全职引进“两院院士”等高层次人才300人以上。",
        "300人以上",
        COUNT,
        "300",
        "人",
        AT_LEAST,
        "“两院院士”等高层次人才",
        id="ren-yishang-quoted",
    ),
    q("建筑面积约8.6万平方米，", "约8.6万平方米", MEASURE, "86000", "m2", APPROX, "建筑面积", id="wan-m2"),
    q("同比增长七成以上，", "七成以上", PERCENT, "70", "%", AT_LEAST, id="cheng-at-least"),
    q("在全国生物医药园区中排名第14位，", "第14位", RANK, "14", id="rank-di-wei"),
    q("在东北地区居首位。", "首位", RANK, "1", id="rank-shouwei"),
    q("全球市场占有率超过60%。", "超过60%", PERCENT, "60", "%", MORE_THAN, id="chaoguo-percent"),
    q("“吉林一号”在轨卫星已达117颗，", "117颗", COUNT, "117", "颗", counted="在轨卫星", id="ke-backward"),
    q("实现产值一千二百七十九点二亿元，", "一千二百七十九点二亿元", MONEY, "127920000000", "CNY", id="hanzi-money"),
    q("研发投入强度提高0.5个百分点。", "0.5个百分点", PERCENT, "0.5", "pt", id="percentage-points"),
    q("货值约9.3亿美元。", "约9.3亿美元", MONEY, "930000000", "USD", APPROX, id="usd"),
    q("进口货运量位居全国第一。", "全国第一", RANK, "1", id="rank-scope-no-wei"),
    q("服务企业近1800家。", "近1800家", COUNT, "1800", "家", NEARLY, "企业", id="jin-nearly"),
    q("未来三年，科学城将", "未来三年", DURATION, "3", "year", id="weilai-duration"),
    q("设计年产能2GWh；", "2GWh", MEASURE, "2", "gwh/year", counted="设计年产能", id="yearly-gwh"),
    q("售价70.8万元起。", "70.8万元", MONEY, "708000", "CNY", AT_LEAST, id="qi-at-least"),
    q("在全国城市中位列前三。", "前三", RANK, "3", None, AT_MOST, id="qian-san"),
    q("同比增长近一倍，", "近一倍", PERCENT, "100", "%", NEARLY, id="bei"),
    q("实际使用外资约占全市的34%。", "34%", PERCENT, "34", "%", APPROX, id="yuezhan-clause"),
    q("以不到全市4%的土地面积", "4%", PERCENT, "4", "%", LESS_THAN, id="budao-clause"),
    q("新增科技型企业超1.2万家，", "超1.2万家", COUNT, "12000", "家", MORE_THAN, "科技型企业", id="chao-wan-jia"),
    q("集聚相关企业3600余家，", "3600余家", COUNT, "3600", "家", MORE_THAN, "相关企业", id="yu-jia"),
    q("吸引了来自15个国家和地区的专家", "15个", COUNT, "15", "个", counted="国家和地区", id="he-joiner"),
    q("引进各类人才超过60万人", "超过60万人", COUNT, "600000", "人", MORE_THAN, "各类人才", id="wan-ren"),
    q("规模以上工业增加值增长一成左右。", "一成左右", PERCENT, "10", "%", APPROX, id="yi-cheng-zuoyou"),
    q("苏州工业园区位列第一；", "第一", RANK, "1", id="rank-after-verb"),
    q("运送货物超过530万吨，", "超过530万吨", MEASURE, "5300000", "t", MORE_THAN, "货物", id="tonnes"),
    q("从开工到投产用时14个月，", "14个月", DURATION, "14", "month", id="ge-yue"),
    q("五年多来，创新港聚焦", "五年多", DURATION, "5", "year", MORE_THAN, id="nian-duo"),
    q("谷胱甘肽年产能达到200吨，", "200吨", MEASURE, "200", "t/year", counted=ANY, id="yearly-gap-word"),
    q("算力规模扩容至400P，", "400P", MEASURE, "400", "pflops", counted="算力规模", id="petaflops"),
    q("建成200P智能算力", "200P智能算力", MEASURE, "200", "pflops", counted=ANY, id="petaflops-named"),
    q("去年开行中欧班列5100余列，", "5100余列", COUNT, "5100", "列", MORE_THAN, "中欧班列", id="lie"),
    q("占比达到百分之三十。", "百分之三十", PERCENT, "30", "%", id="baifenzhi"),
    q("去年新能源汽车产量超百万辆", "超百万辆", COUNT, "1000000", "辆", MORE_THAN, ANY, id="bare-baiwan"),
    q("累计完成投资约3,600亿元", "约3,600亿元", MONEY, "360000000000", "CNY", APPROX, id="separator-yi"),
    q("规划年产能15万辆", "15万辆", MEASURE, "150000", "辆/year", counted="规划年产能", id="yearly-liang"),
    q("常住人口达到300多万人", "300多万人", COUNT, "3000000", "人", MORE_THAN, "常住人口", id="duo-before-wan"),
    q("总装机10万千瓦", "10万千瓦", MEASURE, "100000", "kw", counted=ANY, id="wan-qianwa"),
    q("累计达到80家左右。", "80家左右", COUNT, "80", "家", APPROX, None, id="zuoyou"),
    q("短短1.2公里的街道两侧", "1.2公里", MEASURE, "1.2", "km", counted="街道两侧", id="km-de-link"),
    q("已投资初创企业23家。", "23家", COUNT, "23", "家", counted="初创企业", id="jia-backward-stop-word"),
    q("孩子三岁半了。", "三岁半", COUNT, "3.5", "岁", counted=ANY, id="age-and-a-half"),
    q("用了两年半时间。", "两年半", DURATION, "2.5", "year", id="duration-and-a-half"),
    q("树高2-3米。", "3米", MEASURE, "3", "m", counted=ANY, id="range-upper-bound"),
    q("售价￥3000元。", "￥3000元", MONEY, "3000", "CNY", id="money-yuan-sign-and-word"),
    q("融资US$500万。", "US$500万", MONEY, "5000000", "USD", id="money-us-dollar-sign"),
    q("院里养了3只猫。", "3只", COUNT, "3", "只", counted=ANY, id="counter-zhi"),
    q("他今年35岁。", "35岁", COUNT, "35", "岁", counted=ANY, id="counter-age"),
    q("今年已举办了20次活动。", "20次", COUNT, "20", "次", counted=ANY, id="counter-ci"),
    q("全长120厘米。", "120厘米", MEASURE, "120", "cm", counted=ANY, id="measure-cm"),
    q("配备3GB内存。", "3GB", MEASURE, "3", "gb", counted=ANY, id="measure-gigabyte"),
    q("气温降至-5℃。", "-5℃", MEASURE, "-5", "°c", counted=ANY, id="measure-negative"),
    q("项目两个星期后开工。", "两个星期", DURATION, "14", "day", id="duration-weeks"),
    q("占全市的三分之一以上。", "三分之一以上", PERCENT, "33.33", "%", AT_LEAST, id="fraction"),
    q("产量是去年的十分之一。", "十分之一", PERCENT, "10", "%", id="fraction-tenth"),
]


def _one(lang, sentence):
    found = find_quantities(sentence, load_quantity_table(lang))
    for m in found:
        assert sentence[m.start : m.end] == m.text
    assert len(found) == 1, [(m.text, m.kind.value, m.value) for m in found]
    return found[0]


def _check(found, text, kind, value, unit, qualifier, counted):
    assert (found.text, found.kind, found.unit, found.qualifier) == (text, kind, unit, qualifier)
    assert found.value == value
    if counted is not ANY:
        assert found.counted == counted


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit", "qualifier", "counted"), JA_PHRASES)
def test_ja_phrases(sentence, text, kind, value, unit, qualifier, counted):
    _check(_one("ja", sentence), text, kind, value, unit, qualifier, counted)


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit", "qualifier", "counted"), ZH_PHRASES)
def test_zh_phrases(sentence, text, kind, value, unit, qualifier, counted):
    _check(_one("zh", sentence), text, kind, value, unit, qualifier, counted)


def test_tables_are_balanced():
    assert len(JA_PHRASES) >= 30 and len(ZH_PHRASES) >= 30


NOTHING = [
    pytest.param("ja", "「吉林一号」が世界最大の衛星コンステレーションとなった。", id="ja-name-with-number"),
    pytest.param("ja", "第1弾として公開した。", id="ja-dai-dan"),
    pytest.param("ja", "第二期建設も計画中。", id="ja-dai-ki"),
    pytest.param("ja", "一つ一つの革新成果に対し", id="ja-hitotsu-hitotsu"),
    pytest.param("ja", "水素基盤化学工業一体化プロジェクト", id="ja-ittaika"),
    pytest.param("ja", "一路邁進する", id="ja-ichiro"),
    pytest.param("ja", "「一五五」高品質発展ビジョン", id="ja-quoted-code"),
    pytest.param("ja", "「34311」プロジェクト", id="ja-quoted-arabic"),
    pytest.param("ja", "第14次五カ年計画の期間中", id="ja-five-year-plan"),
    pytest.param("ja", "2025年11月19日に開催された。", id="ja-date"),
    pytest.param("ja", "2024年12月に竣工した。", id="ja-year-month"),
    pytest.param("ja", "2025年度の予算", id="ja-fiscal-year"),
    pytest.param("ja", "1990年代に設立", id="ja-decade"),
    pytest.param("ja", "一連の重要プロジェクト", id="ja-ichiren"),
    pytest.param("ja", "統一的に推進している。", id="ja-touitsu"),
    pytest.param("ja", "唯一の企業", id="ja-yuiitsu"),
    pytest.param("ja", "一流の大学", id="ja-ichiryu"),
    pytest.param("ja", "一つの拠点となる", id="ja-indefinite-one"),
    pytest.param("ja", "中野正三の弟子", id="ja-person-name-no"),
    pytest.param("ja", "六本木の美術館", id="ja-place-name"),
    pytest.param("ja", "昭和60年の出来事", id="ja-era-year"),
    pytest.param("ja", "史上2人目のメダル", id="ja-ordinal-me"),
    pytest.param("ja", "数十社が参加した。", id="ja-vague-su"),
    pytest.param("ja", "長春新区の 200P スマート計算センターは運用を開始", id="ja-facility-name"),
    pytest.param("ja", "5Gネットワークを整備", id="ja-5g"),
    pytest.param("ja", "COVID-19の影響", id="ja-code"),
    pytest.param("ja", "ポット1に入る", id="ja-label"),
    pytest.param("ja", "初冬の長春は、世界最大の", id="ja-superlative"),
    pytest.param("ja", "相手GKと1対1になった", id="ja-score"),
    pytest.param("ja", "IronPython 3が開発中である。", id="ja-version"),
    pytest.param("ja", "赤間文三大阪府知事に", id="ja-name-before-dai"),
    pytest.param("ja", "五大湖の南に", id="ja-great-lakes"),
    pytest.param("ja", "コパ・アメリカ2011のメンバー", id="ja-event-year-name"),
    pytest.param("ja", "柱の一つである入場料収入", id="ja-one-of"),
    pytest.param("ja", "一人の男が現れた", id="ja-indefinite-person"),
    pytest.param("ja", "アンジェロの一人娘である", id="ja-only-daughter"),
    pytest.param("ja", "一足先に帰った", id="ja-hitoashi-saki"),
    pytest.param("ja", "精一杯頑張った", id="ja-seiippai"),
    pytest.param("ja", "一戸建ての住宅", id="ja-ikkodate"),
    pytest.param("ja", "誰一人来なかった", id="ja-daremo"),
    pytest.param("ja", "A-5mの区画", id="ja-minus-in-code"),
    pytest.param("ja", "一部の地域では", id="ja-ichibu"),
    pytest.param("ja", "日本おもちゃ大賞2012のボーイズ部門", id="ja-edition-year"),
    pytest.param("ja", "派生型ヴィルガ 32が少量輸出された", id="ja-model-after-space"),
    pytest.param("ja", "5-4で勝利した", id="ja-score-hyphen"),
    pytest.param("ja", "12-13シーズンまで在籍", id="ja-season-years"),
    pytest.param("ja", "本作の隠しキャラクターの1人。", id="ja-one-of-arabic"),
    pytest.param("ja", "5着に敗れた。", id="ja-race-placing"),
    pytest.param("ja", "ミス・ユニバース2008ページェントにおいて", id="ja-katakana-word-goes-on"),
    pytest.param("ja", "2戦目のフランス戦", id="ja-ordinal-game"),
    pytest.param("ja", "5代将軍綱吉", id="ja-ordinal-generation"),
    pytest.param("ja", "千代田区の本社", id="ja-chiyoda"),
    pytest.param("ja", "九州と四国", id="ja-kyushu"),
    pytest.param("ja", "一貫して取り組む", id="ja-ikkan"),
    pytest.param("ja", "体育科2年2組所属の生徒", id="ja-school-class"),
    pytest.param("zh", "“吉林一号”卫星星座", id="zh-name-with-number"),
    pytest.param("zh", "第二期工程", id="zh-di-qi"),
    pytest.param("zh", "第3批重点项目", id="zh-di-pi"),
    pytest.param("zh", "打造一个重要平台", id="zh-indefinite-yige"),
    pytest.param("zh", "推进一体化发展", id="zh-yitihua"),
    pytest.param("zh", "一路向前", id="zh-yilu"),
    pytest.param("zh", "“十四五”时期", id="zh-quoted-plan"),
    pytest.param("zh", "十四五规划", id="zh-plan"),
    pytest.param("zh", "第十四个五年规划", id="zh-plan-long"),
    pytest.param("zh", "奋战在第一线", id="zh-diyixian"),
    pytest.param("zh", "2025年11月19日召开", id="zh-date"),
    pytest.param("zh", "2024年12月竣工", id="zh-year-month"),
    pytest.param("zh", "今年1-10月", id="zh-month-range"),
    pytest.param("zh", "2021-2025年", id="zh-year-range"),
    pytest.param("zh", "唯一的", id="zh-weiyi"),
    pytest.param("zh", "统一规划", id="zh-tongyi"),
    pytest.param("zh", "一流大学", id="zh-yiliu"),
    pytest.param("zh", "一批重大项目", id="zh-yipi"),
    pytest.param("zh", "几十家企业", id="zh-vague-ji"),
    pytest.param("zh", "数百家企业", id="zh-vague-shu"),
    pytest.param("zh", "一头钻入崇山峻岭四处寻访", id="zh-sichu"),
    pytest.param("zh", "上轮以3比0大胜", id="zh-score"),
    pytest.param("zh", "保持两位数增长", id="zh-liangweishu"),
    pytest.param("zh", "七台河市", id="zh-city-name"),
    pytest.param("zh", "长春市九台区", id="zh-district-name"),
    pytest.param("zh", "前三季度", id="zh-first-three-quarters"),
    pytest.param("zh", "H20芯片", id="zh-chip-name"),
    pytest.param("zh", "乐道L60上市", id="zh-model-name"),
    pytest.param("zh", "把创新放在首位", id="zh-priority-idiom"),
    pytest.param("zh", "主胜赔2.80处于高位", id="zh-fractional-count"),
    pytest.param("zh", "浏览量已经突破了150万大关", id="zh-milestone-daguan"),
    pytest.param("zh", "本轮英超四大豪门悉数亮相", id="zh-chao-inside-word"),
    pytest.param("zh", "一次性补贴", id="zh-yicixing"),
    pytest.param("zh", "一本书", id="zh-indefinite-book"),
]


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_not_quantities(lang, text):
    found = find_quantities(text, load_quantity_table(lang))
    assert found == [], [(m.text, m.kind.value, m.value) for m in found]


def test_skip_spans_block_names():
    text = "吉林一号的200P智能算力"
    table = load_quantity_table("zh")
    assert [m.text for m in find_quantities(text, table)] == ["200P智能算力"]
    assert find_quantities(text, table, skip=[(4, 12)]) == []
    assert [m.text for m in find_quantities(text, table, skip=[(0, 4)])] == ["200P智能算力"]


def test_nakaguro_is_a_decimal_mark_only_before_a_percent_or_measure():
    table = load_quantity_table("ja")
    assert [m.text for m in find_quantities("1・2号機が停止した", table)] == ["2号機"]
    assert [(m.text, m.value) for m in find_quantities("全長1・5mの", table)] == [("1・5m", Decimal("1.5"))]


def test_half_joins_only_durations_measures_and_ages():
    table = load_quantity_table("ja")
    assert [(m.text, m.value) for m in find_quantities("3人半ずつ", table)] == [("3人", Decimal(3))]


def test_dates_are_not_durations():
    table = load_quantity_table("zh")
    found = find_quantities("2025年建成，运营3年，2024年12月投产", table)
    assert [(m.text, m.kind) for m in found] == [("3年", DURATION)]


def test_mentions_are_frozen_and_convert_to_schema():
    mention = _one("zh", "总投资约186亿元。")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.value = Decimal(1)  # type: ignore[misc]
    quantity = Quantity(id="q1", **{f.name: getattr(mention, f.name) for f in dataclasses.fields(QuantityMention)})
    assert quantity.value == 18600000000.0


# Every quantity of the reference article, written by hand from the text and SPEC 2.2 / 5.
REFERENCE = [
    ("2 年間", DURATION, "2", "year", EXACT, None),
    ("3", COUNT, "3", None, EXACT, ANY),  # 3 大エリア: only the numeral is the span
    ("23", COUNT, "23", None, EXACT, "国家級研究開発プラットフォーム"),
    ("156", COUNT, "156", None, EXACT, "省級研究開発プラットフォーム"),
    ("300人以上", COUNT, "300", "人", AT_LEAST, "「両院院士」などのハイレベル人材"),
    ("3500件", COUNT, "3500", "件", EXACT, ANY),
    ("7割以上", PERCENT, "70", "%", AT_LEAST, None),
    ("3つ", COUNT, "3", "つ", EXACT, "区域"),
    ("第14位", RANK, "14", None, EXACT, None),
    ("首位", RANK, "1", None, EXACT, None),
    ("60%", PERCENT, "60", "%", MORE_THAN, None),  # 60%を超え
    ("100社以上", COUNT, "100", "社", AT_LEAST, "光電企業"),
    ("16", COUNT, "16", None, EXACT, "シーン機会"),
    ("32", COUNT, "32", None, EXACT, "シーン能力リスト"),
    ("全国第一位", RANK, "1", None, EXACT, None),
]


def _metadata_spans(text):
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.startswith(("時間", "【", "編集")):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def test_reference_article(reference_text):
    found = find_quantities(reference_text, load_quantity_table("ja"), skip=_metadata_spans(reference_text))
    assert [m.text for m in found] == [r[0] for r in REFERENCE]
    for mention, (text, kind, value, unit, qualifier, counted) in zip(found, REFERENCE, strict=True):
        assert reference_text[mention.start : mention.end] == mention.text
        _check(mention, text, kind, Decimal(value), unit, qualifier, counted)
    # the number in a name 「一五五」, 第1弾, 第二期, 一つ一つ and 200P スマート計算センター yield nothing
    assert not any(m.text in ("一五五", "1", "二", "一つ", "200P") for m in found)
