"""Milestone rules: what reached which status, when and where."""

from __future__ import annotations

import pytest

MILESTONE_CASES = [
    pytest.param(
        "ja",
        "記事\n[東軟医療システム|ORG]は<今年3月|2025-03>、光子計数CT「[NeuMiva|PRODUCT]」の量産を開始した。",
        [{"subject": "NeuMiva", "status": "launched", "time": "2025-03"}],
        id="ja-a-product-goes-into-production",
    ),
    pytest.param(
        "ja",
        "記事\n[弗迪電池|ORG]は<今年6月|2025-06>、[璧山区|LOC]の新工場でバッテリーの生産を開始した。",
        [{"subject": "弗迪電池", "status": "launched", "time": "2025-06"}],
        id="ja-an-unnamed-product-leaves-the-maker",
    ),
    pytest.param(
        "zh",
        "新闻\n<今年9月|2025-09>，[香港科技大学|ORG]与[光明区|LOC]签约共建[深港合成生物联合创新中心|ORG]，首期投入{5000万元|MONEY:50000000:CNY}。",
        [{"subject": "深港合成生物联合创新中心", "status": "signed", "time": "2025-09"}],
        id="zh-signed-to-found-an-institute",
    ),
    pytest.param(
        "zh",
        "新闻\n[厦门新能安科技有限公司|ORG]在[火炬产业区|ZONE]开工建设[储能电池二期项目|PROJECT]，总投资约{80亿元|MONEY:8000000000:CNY}。",
        [{"subject": "储能电池二期项目", "status": "started", "place": "火炬产业区"}],
        id="zh-started-building-a-named-project",
    ),
    pytest.param(
        "ja",
        "記事\n[TCL華星|ORG]は<今年10月|2025-10>、[光明区|LOC]で「[OLEDパネル生産ラインプロジェクト|PROJECT]」に着工した。",
        [{"subject": "OLEDパネル生産ラインプロジェクト", "status": "started", "time": "2025-10", "place": "光明区"}],
        id="ja-started-work-on-a-named-project",
    ),
    pytest.param(
        "ja",
        "記事\n「[衛星産業パーク第2期プロジェクト|PROJECT]」が[北湖未来科学都市|ZONE]で竣工した。",
        [{"subject": "衛星産業パーク第2期プロジェクト", "status": "completed", "place": "北湖未来科学都市"}],
        id="ja-completed-where-is-no-what",
    ),
    pytest.param(
        "ja",
        "記事\n<昨年9月|2024-09>に開校した[深圳理工大学|ORG]は、学生を受け入れた。",
        [{"subject": "深圳理工大学", "status": "opened", "time": "2024-09"}],
        id="ja-university-opened",
    ),
    pytest.param(
        "ja",
        "記事\n[合肥工場|FAC]は<昨年末|2024-12>に量産に入った。",
        [{"subject": "合肥工場", "status": "launched", "time": "2024-12"}],
        id="ja-enters-mass-production",
    ),
    pytest.param(
        "ja",
        "記事\n[長飛科技園プロジェクト|PROJECT]が<今年3月|2025-03>に着工し、<2027年|2027>の完成を予定している。",
        [
            {"subject": "長飛科技園プロジェクト", "status": "started", "time": "2025-03"},
            {"subject": "長飛科技園プロジェクト", "status": "planned", "time": "2027"},
        ],
        id="ja-started-and-scheduled",
    ),
    pytest.param(
        "zh",
        "新闻\n[长飞科技园项目|PROJECT]建成投用后，年产值可达{50亿元|MONEY:5000000000:CNY}。",
        [],
        id="zh-after-completion-is-no-status",
    ),
    pytest.param(
        "ja",
        "記事\n[中欧班列|FAC]は<2023年|2023>に運行を開始した。",
        [{"subject": "中欧班列", "status": "operational", "time": "2023"}],
        id="ja-service-starts-running",
    ),
    pytest.param(
        "zh",
        "新闻\n[长春国际机场T2航站楼|FAC]于<去年12月|2024-12>正式启用。",
        [{"subject": "长春国际机场T2航站楼", "status": "operational", "time": "2024-12"}],
        id="zh-put-into-use",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]には<今年|2025>、[吉林大学|ORG]の研究院が入居した。",
        [{"subject": "吉林大学", "status": "settled", "time": "2025", "place": "長春新区"}],
        id="ja-owner-of-an-unnamed-newcomer-settles",
    ),
    pytest.param(
        "ja",
        "記事\n[寧徳時代|ORG]は<今年3月|2025-03>、新型電池「[麒麟電池|PRODUCT]」を発売した。",
        [{"subject": "麒麟電池", "status": "launched", "time": "2025-03"}],
        id="ja-launched-object-not-the-maker",
    ),
    pytest.param(
        "ja",
        "記事\n[無錫工場|FAC]の着工式が<今月|2025-06>開かれた。",
        [],
        id="ja-ceremony-noun-is-no-status",
    ),
    pytest.param(
        "zh",
        "新闻\n[宁德时代|ORG]自主研发的新一代储能电池于<今年3月|2025-03>实现量产。",
        [],
        id="zh-maker-of-an-unnamed-product-is-not-its-subject",
    ),
    pytest.param(
        "zh",
        "新闻\n[宁德时代|ORG]自主研发的[麒麟电池|PRODUCT]于<今年3月|2025-03>实现量产。",
        [{"subject": "麒麟电池", "status": "launched", "time": "2025-03"}],
        id="zh-named-product-after-its-maker",
    ),
    pytest.param(
        "zh",
        "新闻\n[合肥高新区|ZONE]的二期项目<去年|2024>开工。",
        [],
        id="zh-owner-of-an-unnamed-project-is-not-its-subject",
    ),
    pytest.param(
        "zh",
        "新闻\n[西安高新区|ZONE]举行重大项目集中开工仪式，{25个|COUNT:25:个:-:项目}项目集中开工。",
        [],
        id="zh-ceremony-and-counted-projects-give-none",
    ),
    pytest.param(
        "zh",
        "新闻\n[滨海新区|ZONE]推出“智造开工宝”服务平台。",
        [],
        id="zh-status-word-inside-a-quoted-name",
    ),
    pytest.param(
        "ja",
        "記事\n[金賽薬業|ORG]の[長効型ホルモン|PRODUCT]が上市された。",
        [{"subject": "長効型ホルモン", "status": "launched"}],
        id="ja-launched",
    ),
    pytest.param(
        "ja",
        "記事\n[奥来徳|ORG]、[永固科技|ORG]などの産業プロジェクトが着工した。",
        [{"subject": "奥来徳", "status": "started"}, {"subject": "永固科技", "status": "started"}],
        id="ja-examples-each-start",
    ),
    pytest.param(
        "ja",
        "記事\n[中韓示範区|ZONE]の[負極材料プラットフォーム|ORG]及び[示範ライン・プロジェクト|PROJECT]が着工済み。",
        [
            {"subject": "負極材料プラットフォーム", "status": "started", "place": "中韓示範区"},
            {"subject": "示範ライン・プロジェクト", "status": "started", "place": "中韓示範区"},
        ],
        id="ja-coordinated-subjects-share-place",
    ),
    pytest.param(
        "ja",
        "記事\n[長春新区|ZONE]は[中欧班列|FAC]を開通させた。[経済技術開発区|ZONE]は輸送ルートを開通させた。",
        [{"subject": "中欧班列", "status": "opened"}],
        id="ja-opened-object-only",
    ),
    pytest.param(
        "ja",
        "記事\n<2023年12月|2023-12>に開通した[地下鉄19号線|FAC]が[光谷|ZONE]と駅を結ぶ。",
        [{"subject": "地下鉄19号線", "status": "opened", "time": "2023-12"}],
        id="ja-opened-relative-clause",
    ),
    pytest.param(
        "ja",
        "記事\n<今年1月|2025-01>、研究施設「[蘇州実験室|ORG]」が開業した。",
        [{"subject": "蘇州実験室", "status": "opened", "time": "2025-01"}],
        id="ja-opened-subject",
    ),
    pytest.param(
        "ja",
        "記事\n[吉翼会社|ORG]が[科学城|ZONE|北湖未来科学城]に定着した。「[芯光智谷|ZONE]」には{100社以上|COUNT:100:社:at_least:光電企業}の光電企業が立地した。",
        [{"subject": "吉翼会社", "status": "settled", "place": "科学城"}],
        id="ja-settled-needs-a-named-newcomer",
    ),
    pytest.param(
        "ja",
        "記事\n[武漢光源|FAC]は<昨年12月|2024-12>に本体工事が着工し、<2026年|2026>の完成を目指す。",
        [
            {"subject": "武漢光源", "status": "started", "time": "2024-12"},
            {"subject": "武漢光源", "status": "planned", "time": "2026"},
        ],
        id="ja-started-then-planned",
    ),
    pytest.param(
        "ja",
        "記事\n[長光衛星|ORG]の売上高は伸びた。<今年|2025>に入り、中東の企業と契約を結んだ。",
        [{"subject": "長光衛星", "status": "signed", "time": "2025"}],
        id="ja-signed-inherits-subject",
    ),
    pytest.param(
        "zh",
        "新闻\n[长江存储|ORG]的[国家存储器基地二期项目|PROJECT]<前年|2023>开工，预计<2026年|2026>竣工。",
        [
            {"subject": "国家存储器基地二期项目", "status": "started", "time": "2023"},
            {"subject": "国家存储器基地二期项目", "status": "planned", "time": "2026"},
        ],
        id="zh-started-then-planned",
    ),
    pytest.param(
        "zh",
        "新闻\n[尊界超级工厂|FAC]<今年5月|2025-05>投产，从开工到投产用时14个月。",
        [{"subject": "尊界超级工厂", "status": "launched", "time": "2025-05"}],
        id="zh-from-to-gives-no-more",
    ),
    pytest.param(
        "zh",
        "新闻\n[长春新区|ZONE]开通了[长春|LOC]至[莫斯科|LOC]“点对点”[中欧班列|FAC]。",
        [{"subject": "中欧班列", "status": "opened"}],
        id="zh-opened-object",
    ),
    pytest.param(
        "zh",
        "新闻\n[光谷实验室|ORG]、[东湖实验室|ORG]等4家省级实验室均落户[光谷|ZONE]。",
        [
            {"subject": "光谷实验室", "status": "settled", "place": "光谷"},
            {"subject": "东湖实验室", "status": "settled", "place": "光谷"},
        ],
        id="zh-settled-examples",
    ),
    pytest.param(
        "zh",
        "新闻\n[长白山实验室|ORG]一期工程竣工，已有{11个|COUNT:11:个:-:科研团队}科研团队入驻。",
        [{"subject": "长白山实验室", "status": "completed"}],
        id="zh-unnamed-newcomers-do-not-settle",
    ),
    pytest.param(
        "zh",
        "新闻\n[长春新区|ZONE]的[200P智能计算中心|FAC]已投入运营，二期工程正在规划中；",
        [
            {"subject": "200P智能计算中心", "status": "operational", "place": "长春新区"},
            {"subject": "200P智能计算中心", "status": "planned", "place": "长春新区"},
        ],
        id="zh-operational-and-planned-with-owner-place",
    ),
    pytest.param(
        "zh",
        "新闻\n[园区|ZONE]力争新增上市企业10家；[项目|PROJECT]建成后年产能可达5000台。",
        [],
        id="zh-status-words-used-as-nouns",
    ),
]


@pytest.mark.parametrize(("lang", "markup", "expected"), MILESTONE_CASES)
def test_milestone(run, lang, markup, expected):
    assert run(markup, lang, "milestone") == expected
