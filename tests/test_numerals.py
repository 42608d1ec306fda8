"""parse_numeral and fold_chars: table-driven cases and round trips of rendered numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beihu_extract.numerals import fold_chars, load_numeral_table, parse_numeral

PARSE_CASES = [
    pytest.param("23", "23", id="arabic"),
    pytest.param("3,600", "3600", id="arabic-comma"),
    pytest.param("3，600", "3600", id="arabic-fullwidth-comma"),
    pytest.param("1,234,567.25", "1234567.25", id="arabic-comma-decimal"),
    pytest.param("２３", "23", id="fullwidth-digits"),
    pytest.param("１２．５", "12.5", id="fullwidth-decimal"),
    pytest.param("0.5", "0.5", id="arabic-below-one"),
    pytest.param("十", "10", id="bare-ten"),
    pytest.param("十二", "12", id="ten-two"),
    pytest.param("二十三", "23", id="kanji-23"),
    pytest.param("三千五百", "3500", id="kanji-3500"),
    pytest.param("一百零五", "105", id="zero-placeholder"),
    pytest.param("两千", "2000", id="liang"),
    pytest.param("兩百", "200", id="liang-traditional"),
    pytest.param("一千二百七十九点二", "1279.2", id="kanji-decimal"),
    pytest.param("一千二百七十九点二亿", "127920000000", id="kanji-decimal-yi"),
    pytest.param("十点五", "10.5", id="ten-point-five"),
    pytest.param("零点五", "0.5", id="zero-point-five"),
    pytest.param("1279.2亿", "127920000000", id="arabic-decimal-yi"),
    pytest.param("8.44万", "84400", id="arabic-decimal-wan"),
    pytest.param("1.2万", "12000", id="arabic-1.2-wan"),
    pytest.param("3万5000", "35000", id="mixed-wan"),
    pytest.param("1億2000万", "120000000", id="mixed-oku-man"),
    pytest.param("3千", "3000", id="arabic-qian"),
    pytest.param("1万2千", "12000", id="arabic-wan-qian"),
    pytest.param("千亿", "100000000000", id="bare-qianyi"),
    pytest.param("百万", "1000000", id="bare-baiwan"),
    pytest.param("万亿", "1000000000000", id="compound-wanyi"),
    pytest.param("一万亿", "1000000000000", id="one-wanyi"),
    pytest.param("一万二千亿", "1200000000000", id="wan-inside-yi"),
    pytest.param("一亿二千万", "120000000", id="yi-then-wan"),
    pytest.param("二万四千三百亿", "2430000000000", id="gold-24300-yi"),
    pytest.param("一千零八十六亿", "108600000000", id="gold-1086-yi"),
    pytest.param("三千零五十亿", "305000000000", id="gold-3050-yi"),
    pytest.param("1兆", "1000000000000", id="cho"),
    pytest.param("二〇二五", "2025", id="positional-year"),
    pytest.param("一五五", "155", id="positional-code"),
    pytest.param("五", "5", id="single-digit"),
    pytest.param(" 23 ", "23", id="surrounding-space"),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_numeral(text, expected):
    value = parse_numeral(text)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


def test_integral_values_have_no_fraction_digits():
    assert str(parse_numeral("1279.2亿")) == "127920000000"
    assert str(parse_numeral("1.50")) == "1.5"


ERROR_CASES = [
    pytest.param("", "empty", id="empty"),
    pytest.param("   ", "empty", id="blank"),
    pytest.param("1,2345", "grouped", id="bad-grouping"),
    pytest.param("12,34", "grouped", id="short-group"),
    pytest.param("abc", "not part of a numeral", id="latin"),
    pytest.param("3个", "not part of a numeral", id="with-counter"),
    pytest.param("-5", "not part of a numeral", id="sign"),
    pytest.param("三四", "estimate", id="three-or-four"),
    pytest.param("一百五", "ambiguous", id="yibaiwu-105-or-150"),
    pytest.param("两万五", "ambiguous", id="liangwanwu"),
    pytest.param("万万", "no number", id="wanwan"),
    pytest.param("3万5000万", "repeated", id="wan-twice"),
    pytest.param("千百", "no number", id="bare-after-multiplier"),
    pytest.param("三百五千", "out of order", id="small-out-of-order"),
    pytest.param("3五", "two numbers", id="arabic-then-kanji"),
    pytest.param("点五", "number before", id="leading-point"),
    pytest.param("一点", "kanji digits after", id="trailing-point"),
    pytest.param("1.5点五", "kanji digits after", id="two-points"),
]


@pytest.mark.parametrize(("text", "message"), ERROR_CASES)
def test_parse_numeral_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        parse_numeral(text)


FOLD_CASES = [
    pytest.param("３，６００％", "3,600%", id="fullwidth"),
    pytest.param("２　年間", "2 年間", id="ideographic-space"),
    pytest.param("22.46㎢", "22.46㎢", id="km2-sign-kept"),
    pytest.param("km²", "km2", id="superscript"),
    pytest.param("①３", "①3", id="circled-digit-kept"),
    pytest.param("ｶﾞ", "カ\u3099", id="halfwidth-kana-one-by-one"),
]


@pytest.mark.parametrize(("text", "expected"), FOLD_CASES)
def test_fold_chars(text, expected):
    folded = fold_chars(text)
    assert folded == expected
    assert len(folded) == len(text)


def test_numeral_pattern_finds_whole_numerals():
    import re

    pattern = re.compile(load_numeral_table().pattern)
    text = fold_chars("总投资一千二百七十九点二亿元，达3,600件和8.44万平方米，第二期")
    found = [m.group() for m in pattern.finditer(text)]
    assert found == ["一千二百七十九点二亿", "3,600", "8.44万", "二"]


# --- round trips: render a number the way news text writes it, parse it back exactly ---

DIGITS = "零一二三四五六七八九"
GROUPS = [(10**12, "兆"), (10**8, "亿"), (10**4, "万"), (1, "")]


def _four(n: int, *, leading: bool, liang: bool) -> str:
    """0 < n < 10000 in kanji, with 零 for a gap (一千零五); 十二 rather than 一十二 when it leads."""
    out, gap = "", False
    for value, unit in ((n // 1000, "千"), (n // 100 % 10, "百"), (n // 10 % 10, "十"), (n % 10, "")):
        if value == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        digit = "两" if liang and value == 2 and unit in ("千", "百") else DIGITS[value]
        if unit == "十" and value == 1 and leading and not out:
            digit = ""
        out += digit + unit
    return out


def to_kanji(n: int, *, liang: bool = False) -> str:
    """A non-negative integer as Chinese-style kanji: 10005 -> 一万零五, 1279 -> 一千二百七十九."""
    if n == 0:
        return "零"
    out, gap = "", False
    for size, mark in GROUPS:
        group = n // size % 10000
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _four(group, leading=not out, liang=liang) + mark
        gap = False
    return out


def to_fullwidth(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789,."})


def test_to_kanji_renders_known_forms():
    assert to_kanji(1279) == "一千二百七十九"
    assert to_kanji(10005) == "一万零五"
    assert to_kanji(12) == "十二"
    assert to_kanji(100005000) == "一亿零五千"
    assert to_kanji(2430000000000) == "二兆四千三百亿"


integers = st.integers(min_value=0, max_value=10**16 - 1)


@given(n=integers, liang=st.booleans())
def test_kanji_round_trip(n, liang):
    assert parse_numeral(to_kanji(n, liang=liang)) == n


@given(n=integers)
def test_arabic_round_trip(n):
    for text in (str(n), f"{n:,}", f"{n:,}".replace(",", "，"), to_fullwidth(f"{n:,}")):
        assert parse_numeral(text) == n, text


@given(n=st.integers(min_value=10**4, max_value=10**12))
def test_mixed_wan_round_trip(n):
    high, low = divmod(n, 10**4)
    if low >= 1000:
        text = f"{high}万{low}"  # 3万5000
    elif low:
        text = f"{high}万零{to_kanji(low)}"  # 3万零五十
    else:
        text = f"{high}万"
    assert parse_numeral(text) == n, text


decimals = st.decimals(min_value=0, max_value=9999, places=3, allow_nan=False, allow_infinity=False)


@given(d=decimals, mark=st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("億", 10**8)]))
def test_decimal_round_trip(d, mark):
    suffix, factor = mark
    whole, _, fraction = f"{d:f}".partition(".")
    fraction = fraction.rstrip("0")
    kanji = to_kanji(int(whole)) + ("点" + "".join(DIGITS[int(c)] for c in fraction) if fraction else "")
    if int(whole) == 0 and suffix and not fraction:
        return  # 零万 is not written
    expected = d * factor
    assert parse_numeral(f"{d:f}{suffix}") == expected
    assert parse_numeral(to_fullwidth(f"{d:f}") + suffix) == expected
    assert parse_numeral(kanji + suffix) == expected, kanji + suffix
