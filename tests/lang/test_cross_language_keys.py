"""A Japanese and a Chinese article about the same entities give them the same canonical keys (SPEC 2.4)."""

from __future__ import annotations

import pytest

from ..conftest import CORPUS, REFERENCE_ID

pytestmark = pytest.mark.model

# The reference article (ja) and 201 (zh) both report on Changchun's Beihu science city.
SHARED = [
    ("ZONE", "北湖未来科学城"),  # 北湖未来科学都市 / 北湖未来科学城 / 长春北湖未来科学城
    ("ZONE", "长春新区"),
    ("ZONE", "中韩(长春)国际合作示范区"),  # 中韓(長春)国際合作示範区, 中韓示範区, 中韩（长春）国际合作示范区
    ("ZONE", "长春经济技术开发区"),
    ("ORG", "长白山实验室"),
    ("ORG", "金赛药业"),
    ("ORG", "光华微电子"),
    ("PRODUCT", "吉林一号"),
    ("INDUSTRY", "新能源"),  # 新エネルギー / 新能源
    ("INDUSTRY", "先进装备制造"),  # 先進設備製造 / 先进装备制造
]


def test_same_entities_same_keys_across_languages(extractor):
    ja = extractor.extract((CORPUS / f"{REFERENCE_ID}.txt").read_text(encoding="utf-8"), "ja-article")
    zh = extractor.extract(next(CORPUS.glob("201_*.txt")).read_text(encoding="utf-8"), "zh-article")
    assert (ja.lang, zh.lang) == ("ja", "zh")
    ja_keys = {(e.type.value, e.key) for e in ja.entities}
    zh_keys = {(e.type.value, e.key) for e in zh.entities}
    for pair in SHARED:
        assert pair in ja_keys, f"{pair} not in the Japanese article's keys"
        assert pair in zh_keys, f"{pair} not in the Chinese article's keys"
