"""Metadata parsing table: title, published_at, source, editor and excluded lines in both layouts."""

from __future__ import annotations

import pytest

from beihu_extract.layout import load_layout_rules, parse_layout

JA_FULL = (
    "北湖未来科学都市、本格始動\n"
    "時間: 2025-11-19 10:58 情報源: 長春政事児\n"
    "【字の大きさ: さらに大きく 大きく 標準 印刷\n"
    "\n"
    "本文です。\n"
    "\n"
    "編集:李孟群"
)
ZH_FULL = (
    "长春新区发布会召开\n时间：2025-06-12 09:30 来源：吉林日报\n【字体：大 中 小】\n\n"
    "正文。\n打印本页 关闭窗口\n责任编辑：王明\n"
)

CASES = [
    pytest.param(
        JA_FULL,
        "ja",
        ("北湖未来科学都市、本格始動", "2025-11-19T10:58", "長春政事児", "李孟群"),
        ["metadata", "page chrome", "editor"],
        id="ja-full",
    ),
    pytest.param(
        "見出し\n時間：2025-01-05 08:00 情報源：吉林日報\n\n本文。",
        "ja",
        ("見出し", "2025-01-05T08:00", "吉林日報", None),
        ["metadata"],
        id="ja-fullwidth-colon-no-editor",
    ),
    pytest.param("見出し\n\n本文だけの記事。", "ja", ("見出し", None, None, None), [], id="ja-no-metadata"),
    pytest.param(
        "見出し\n時間: 2025-01-05 08:00\n本文。\n編集: 田中",
        "ja",
        ("見出し", "2025-01-05T08:00", None, "田中"),
        ["metadata", "editor"],
        id="ja-no-source",
    ),
    pytest.param(
        ZH_FULL,
        "zh",
        ("长春新区发布会召开", "2025-06-12T09:30", "吉林日报", "王明"),
        ["metadata", "page chrome", "page chrome", "editor"],
        id="zh-full-with-chrome",
    ),
    pytest.param(
        "标题\n时间：2025-06-12 09:30 来源：长春政事儿\n\n正文。\n编辑：李四",
        "zh",
        ("标题", "2025-06-12T09:30", "长春政事儿", "李四"),
        ["metadata", "editor"],
        id="zh-editor",
    ),
    pytest.param(
        "标题\n发布时间：2025年6月12日 09:30 来源：新华网\n\n正文。\n（责任编辑：赵六）",
        "zh",
        ("标题", "2025-06-12T09:30", "新华网", "赵六"),
        ["metadata", "editor"],
        id="zh-hanzi-date-bracketed-editor",
    ),
    pytest.param("标题\n\n正文没有元数据。", "zh", ("标题", None, None, None), [], id="zh-no-metadata"),
    pytest.param(
        "时间：2025-06-12 09:30 来源：吉林日报\n正文。",
        "zh",
        (None, "2025-06-12T09:30", "吉林日报", None),
        ["metadata"],
        id="zh-metadata-first-no-title",
    ),
    pytest.param(
        "标题\r\n时间：2025-06-12 09:30 来源：吉林日报\r\n正文。\r\n编辑：李四\r\n",
        "zh",
        ("标题", "2025-06-12T09:30", "吉林日报", "李四"),
        ["metadata", "editor"],
        id="zh-crlf",
    ),
    pytest.param(
        "标题\n时间：2025-02-30 09:30 来源：吉林日报\n正文。",
        "zh",
        ("标题", None, "吉林日报", None),
        ["metadata"],
        id="zh-impossible-date",
    ),
]


@pytest.mark.parametrize(("text", "lang", "expected", "excluded"), CASES)
def test_parse_layout(text, lang, expected, excluded):
    layout = parse_layout(text, lang)
    assert (layout.title, layout.published_at, layout.source, layout.editor) == expected
    assert [what for _, _, what in layout.excluded] == excluded


def test_excluded_spans_are_whole_lines():
    layout = parse_layout(JA_FULL, "ja")
    lines = {JA_FULL[a:b] for a, b, _ in layout.excluded}
    assert lines == {
        "時間: 2025-11-19 10:58 情報源: 長春政事児",
        "【字の大きさ: さらに大きく 大きく 標準 印刷",
        "編集:李孟群",
    }


def test_reference_article_layout(reference_text):
    layout = parse_layout(reference_text, "ja")
    assert layout.title == "北湖未来科学都市、本格始動 高品質発展を牽引する「革新のエンジン」になる"
    assert (layout.published_at, layout.source, layout.editor) == ("2025-11-19T10:58", "長春政事児", "李孟群")


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_layout_rules_load_and_compile(lang):
    rules = load_layout_rules(lang)
    assert all(p.groupindex for p in rules.compiled()[0])


def test_cr_only_line_ends():
    text = "标题\r时间：2025-06-12 09:30 来源：吉林日报\r正文。\r编辑：李四"
    layout = parse_layout(text, "zh")
    assert (layout.title, layout.published_at, layout.source, layout.editor) == (
        "标题",
        "2025-06-12T09:30",
        "吉林日报",
        "李四",
    )
    assert [text[a:b] for a, b, _ in layout.excluded] == ["时间：2025-06-12 09:30 来源：吉林日报", "编辑：李四"]
