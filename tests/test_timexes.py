"""find_timexes: absolute and relative dates in ja and zh, resolution against published_at, false positives."""

from __future__ import annotations

import dataclasses

import pytest

from beihu_extract.schema import Timex
from beihu_extract.timexes import TimexMention, date_spans, find_timexes, load_timex_table

PUB = "2025-11-19T10:58"


def t(lang, text, published_at, *expected, id):
    return pytest.param(lang, text, published_at, list(expected), id=id)


CASES = [
    # absolute dates keep their own year and need no publication date
    t("ja", "2025年11月19日に開催された。", None, ("2025年11月19日", "2025-11-19"), id="ja-full-date"),
    t("ja", "2024年12月に竣工した。", None, ("2024年12月", "2024-12"), id="ja-year-month"),
    t("ja", "長光衛星は2014年に設立された。", None, ("2014年", "2014"), id="ja-year"),
    t("ja", "2027年までに100社以上に増やす。", PUB, ("2027年", "2027"), id="ja-year-future"),
    t("ja", "2025-11-19 10:58 配信", None, ("2025-11-19 10:58", "2025-11-19T10:58"), id="iso-minute"),
    t("ja", "2025/11/19に発表", None, ("2025/11/19", "2025-11-19"), id="slash-date"),
    t("ja", "2019年1月15日14時30分、", None, ("2019年1月15日14時30分", "2019-01-15T14:30"), id="ja-minute"),
    t("ja", "二〇二五年十一月十九日", None, ("二〇二五年十一月十九日", "2025-11-19"), id="kanji-date"),
    t("ja", "２０２５年１１月", None, ("２０２５年１１月", "2025-11"), id="fullwidth-date"),
    t("ja", "2025年度の予算", None, ("2025年度", "2025"), id="ja-fiscal-year-is-the-year"),
    # relative years, months and days resolve against published_at
    t("ja", "昨年、長春市の科学技術成果", PUB, ("昨年", "2024"), id="ja-sakunen"),
    t("ja", "今年3月には着工した。", "2026-01-21T09:00", ("今年3月", "2026-03"), id="ja-kotoshi-month-spec"),
    t("ja", "来年に完成する。", PUB, ("来年", "2026"), id="ja-rainen"),
    t("ja", "一昨年より35%増えた。", "2025-09-24T08:45", ("一昨年", "2023"), id="ja-ototoshi"),
    t("ja", "前年から9割近く増えた。", PUB, ("前年", "2024"), id="ja-zennen-previous-year"),
    t(
        "ja",
        "2019年に設立され、翌年に量産を始めた。",
        PUB,
        ("2019年", "2019"),
        ("翌年", "2020"),
        id="ja-yokunen-counts-from-stated-year",
    ),
    t("ja", "今月12日に打ち上げられた。", "2025-09-24T08:45", ("今月12日", "2025-09-12"), id="ja-kongetsu-day"),
    t("ja", "本日発表した。", PUB, ("本日", "2025-11-19"), id="ja-honjitsu"),
    t("ja", "11月19日に開幕する。", PUB, ("11月19日", "2025-11-19"), id="ja-month-day"),
    # 末 / 底 is the last day of the period (the gold writes 今年6月末 as 2025-06-30)
    t("ja", "今年6月末時点で", "2025-09-24T08:45", ("今年6月末", "2025-06-30"), id="ja-month-end-day"),
    t("ja", "昨年12月末時点で", "2025-09-24T08:45", ("昨年12月末", "2024-12-31"), id="ja-last-year-end"),
    t(
        "ja",
        "昨年だけで15社が入居した。3月末時点で",
        PUB,
        ("昨年", "2024"),
        ("3月末", "2025-03-31"),
        id="ja-month-takes-publication-year",
    ),
    t("zh", "前年，科学城建设全面铺开。", "2025-06-12T09:30", ("前年", "2023"), id="zh-qiannian-year-before-last"),
    t("zh", "去年，长春市科技成果本地转化3500项", PUB, ("去年", "2024"), id="zh-qunian"),
    t("zh", "明年将建成投用。", PUB, ("明年", "2026"), id="zh-mingnian"),
    t("zh", "长白山实验室一期工程去年12月竣工", "2025-06-12T09:30", ("去年12月", "2024-12"), id="zh-last-year-month"),
    t("zh", "截至3月底，", "2025-06-12T09:30", ("3月底", "2025-03-31"), id="zh-month-end-day"),
    t("zh", "截至去年底，", "2025-06-12T09:30", ("去年底", "2024-12-31"), id="zh-year-end-day"),
    t("zh", "6月10日，北湖未来科学城", "2025-06-12T09:30", ("6月10日", "2025-06-10"), id="zh-month-day"),
    t("zh", "2025年11月19号上午", None, ("2025年11月19号", "2025-11-19"), id="zh-hao"),
    t("zh", "10时58分", None, id="zh-time-alone"),
    t("zh", "今年以来，科学城已签约", "2025-06-12T09:30", ("今年", "2025"), id="zh-jinnian"),
    t("zh", "2025年上半年，", None, ("2025年上半年", "2025"), id="zh-half-year-in-year"),
    t("zh", "今年一季度", PUB, ("今年一季度", "2025"), id="zh-quarter-in-year"),
    t("zh", "上月完成签约", "2025-01-22T16:40", ("上月", "2024-12"), id="zh-last-month"),
    t("zh", "本月20日开幕", "2025-01-22T16:40", ("本月20日", "2025-01-20"), id="zh-this-month-day"),
    t("zh", "昨天下午", "2025-01-22T16:40", ("昨天", "2025-01-21"), id="zh-yesterday"),
    t(
        "zh",
        "2019年9月正式投入使用，同年12月",
        None,
        ("2019年9月", "2019-09"),
        ("同年12月", "2019-12"),
        id="zh-same-year",
    ),
    t("zh", "2021年至2025年", None, ("2021年", "2021"), ("2025年", "2025"), id="zh-two-years"),
    # no publication date: relative expressions are dropped, absolute ones stay
    t("ja", "昨年と2024年", None, ("2024年", "2024"), id="ja-no-publication-date"),
    t("zh", "3月底前完成", None, id="zh-month-needs-a-year"),
]


@pytest.mark.parametrize(("lang", "text", "published_at", "expected"), CASES)
def test_find_timexes(lang, text, published_at, expected):
    found = find_timexes(text, load_timex_table(lang), published_at)
    for m in found:
        assert text[m.start : m.end] == m.text
        Timex(id="t1", text=m.text, start=m.start, end=m.end, value=m.value)
    assert [(m.text, m.value) for m in found] == expected


NOT_DATES = [
    pytest.param("ja", "初冬の長春は、", id="ja-season"),
    pytest.param("ja", "近年、急成長している。", id="ja-kinnen"),
    pytest.param("ja", "年内に完成する予定", id="ja-nennai"),
    pytest.param("ja", "年明けに着工する。", id="ja-nenake"),
    pytest.param("ja", "現在、加速発展の黄金期を迎えている。", id="ja-genzai"),
    pytest.param("ja", "前年比で3%増えた。", id="ja-zennenhi"),
    pytest.param("ja", "今年中に車載試験を始める。", id="ja-kotoshi-juu"),
    pytest.param("ja", "1990年代に設立された。", id="ja-decade"),
    pytest.param("ja", "上半期の売上高", id="ja-half-without-year"),
    pytest.param("ja", "第14次五カ年計画", id="ja-plan"),
    pytest.param("ja", "この 2 年間で", id="ja-duration"),
    pytest.param("ja", "土宮明日架", id="ja-name"),
    pytest.param("zh", "当下，", id="zh-dangxia"),
    pytest.param("zh", "近年来，", id="zh-jinnianlai"),
    pytest.param("zh", "上半年，", id="zh-half-without-year"),
    pytest.param("zh", "“十四五”时期", id="zh-plan"),
    pytest.param("zh", "2021—2025年", id="zh-year-range"),
    pytest.param("zh", "三个月内交付", id="zh-duration"),
    pytest.param("zh", "聪明年轻人", id="zh-inside-word"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_DATES)
def test_not_dates(lang, text):
    assert find_timexes(text, load_timex_table(lang), PUB) == []


def test_month_range_keeps_the_year_word():
    found = find_timexes("今年1-10月", load_timex_table("zh"), PUB)
    assert [(m.text, m.value) for m in found] == [("今年", "2025")]


def test_skip_drops_the_metadata_line():
    text = "标题\n时间：2025-11-19 10:58 来源：长春政事儿\n去年，"
    line = (3, 3 + len("时间：2025-11-19 10:58 来源：长春政事儿"))
    found = find_timexes(text, load_timex_table("zh"), PUB, skip=[line])
    assert [(m.text, m.value) for m in found] == [("去年", "2024")]


def test_bad_published_at():
    with pytest.raises(ValueError, match="not an ISO date"):
        find_timexes("去年", load_timex_table("zh"), "19.11.2025")


def test_date_spans_cover_unresolvable_dates():
    text = "3月末と1990年代と2021-2025年"
    spans = date_spans(text, load_timex_table("ja"))
    assert [text[s:e] for s, e in spans] == ["3月末", "1990年", "2021-2025年"]


def test_mentions_are_frozen():
    mention = find_timexes("2024年", load_timex_table("zh"), None)[0]
    assert mention == TimexMention(0, 5, "2024年", "2024")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.value = "2025"  # type: ignore[misc]
