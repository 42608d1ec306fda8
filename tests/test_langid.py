"""Language detection table: kana means Japanese, Han without kana means Chinese."""

from __future__ import annotations

import pytest

from beihu_extract.errors import LanguageError
from beihu_extract.langid import detect_language, resolve_language

CASES = [
    pytest.param("長春新区は発展している。", "ja", id="ja-hiragana"),
    pytest.param("レーザ抵抗調整機", "ja", id="ja-katakana-only"),
    pytest.param("ｶﾞｲﾄﾞ", "ja", id="ja-half-width-katakana"),
    pytest.param("長春新区", "zh", id="kanji-only-reads-as-zh"),
    pytest.param("长春新区今年新增企业300家。", "zh", id="zh-simplified"),
    pytest.param("長春新區今年新增企業300家。", "zh", id="zh-traditional"),
    pytest.param("𠮷野家", "zh", id="astral-han"),
    pytest.param("长春新区の発展", "ja", id="mixed-with-kana"),
    pytest.param("2025-11-19 10:58", None, id="digits-only"),
    pytest.param("Changchun New Area", None, id="latin-only"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_explicit_language_overrides_detection():
    assert resolve_language("長春新区は発展している。", "d", "zh") == "zh"


def test_undetectable_language_names_the_document():
    with pytest.raises(LanguageError, match=r"^doc-7: no Japanese or Chinese"):
        resolve_language("hello", "doc-7")


def test_unsupported_language_is_rejected():
    with pytest.raises(LanguageError, match="unsupported language 'en'"):
        resolve_language("長春", "d", "en")
