"""Canonical keys: NFKC, simplified characters, translated parts, gazetteer aliases (SPEC 2.4, 5.3, 5.4)."""

from __future__ import annotations

import pytest

from beihu_extract.keys import key_maker, normalize_key
from beihu_extract.schema import EntityType, OrgSubtype

JA_KEYS = [
    pytest.param("長春", "长春", id="shinjitai-to-simplified"),
    pytest.param("金賽薬業", "金赛药业", id="company"),
    pytest.param("吉林省", "吉林省", id="unchanged"),
    pytest.param("中韓（長春）国際合作示範区", "中韩(长春)国际合作示范区", id="full-width-parens-nfkc"),
    pytest.param("国家エネルギー集団", "国家能源集团", id="translated-part"),
    pytest.param("研究開発センター", "研究开发中心", id="variant-char-fixed"),
    pytest.param("200P スマート計算センター", "200P智能计算中心", id="no-spaces"),
    pytest.param("未来科技城重点プロジェクト集中契約式", "未来科技城重点项目集中签约仪式", id="signing-ceremony"),
    pytest.param("国家情報光電子革新センター", "国家信息光电子创新中心", id="kakushin-is-chuangxin"),
    pytest.param("合成生物研究重大科学技術インフラ施設", "合成生物研究重大科技基础设施", id="major-infrastructure"),
    pytest.param("深港協力発展フォーラム", "深港合作发展论坛", id="kyoryoku-is-hezuo"),
    pytest.param("大連フロー電池蓄電ピーク調整発電所", "大连液流电池储能调峰电站", id="energy-storage-terms"),
]


@pytest.mark.parametrize(
    ("lang", "name", "key"),
    [
        pytest.param("ja", "浦東新区政府", "浦东新区人民政府", id="ja-local-government"),
        pytest.param("zh", "浦东新区政府", "浦东新区人民政府", id="zh-local-government"),
        pytest.param("zh", "陕西省人民政府", "陕西省人民政府", id="official-name-kept"),
    ],
)
def test_government_keys(lang, name, key):
    assert key_maker(lang).key(name, EntityType.ORG, OrgSubtype.GOVERNMENT) == key


@pytest.mark.parametrize(("name", "key"), JA_KEYS)
def test_japanese_keys(name, key):
    assert key_maker("ja").key(name) == key


ZH_KEYS = [
    pytest.param("长春新区", "长春新区", id="simplified-unchanged"),
    pytest.param("長春新區", "长春新区", id="traditional-to-simplified"),
    pytest.param("长春 新区", "长春新区", id="spaces-removed"),
]


@pytest.mark.parametrize(("name", "key"), ZH_KEYS)
def test_chinese_keys(name, key):
    assert key_maker("zh").key(name) == key


def test_different_names_stay_different():
    keys = key_maker("ja")
    assert keys.key("長春") != keys.key("長春市")
    assert keys.key("吉林省") != keys.key("吉林市")


def test_same_entity_same_key_across_languages():
    assert key_maker("ja").key("長春経済技術開発区", EntityType.ZONE) == key_maker("zh").key(
        "长春经济技术开发区", EntityType.ZONE
    )


def test_normalize_key():
    assert normalize_key(" ＡＢ　Ｃ\t1 ") == "ABC1"
