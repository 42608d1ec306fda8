"""Dates in ja / zh text, resolved to ISO 8601 at the stated granularity, from per-language tables."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from beihu_extract.numerals import fold_chars, load_numeral_table, parse_numeral
from beihu_extract.resources import load_json
from beihu_extract.schema import Lang

__all__ = [
    "TimexMention",
    "TimexTable",
    "TimexTableFile",
    "date_spans",
    "find_timexes",
    "load_timex_table",
]

Word = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Extension(_Strict):
    """A word after a year or month that keeps its granularity (2025年度, 3月末, 今年上半年).

    ``resolve: last_day`` turns it into the last day of the period instead (ja 6月末 -> 2025-06-30).
    """

    text: Word
    resolve: Literal["period", "last_day"] = "period"


class RelativeYear(_Strict):
    """A relative year word: ``offset`` years from its anchor.

    The anchor is the publication year, or for ``context`` the year stated last in the same paragraph
    (2019年…同年12月 -> 2019-12; without a stated year, the publication year).
    """

    offset: int
    anchor: Literal["publication", "context"] = "publication"

    @model_validator(mode="before")
    @classmethod
    def _from_int(cls, data: Any) -> Any:
        return {"offset": data} if isinstance(data, int) else data


class TimexTableFile(_Strict):
    """The schema of `resources/<lang>/timex.json`."""

    lang: Lang
    year_mark: Word
    month_mark: Word
    day_marks: list[Word] = Field(min_length=1)
    relative_years: dict[Word, RelativeYear]
    relative_months: dict[Word, int]
    relative_days: dict[Word, int]
    relative_left_blockers: list[Word]
    relative_right_blockers: list[Word]
    year_right_blockers: list[Word]
    year_extensions: list[Extension]
    month_extensions: list[Extension]
    time_marks: list[Word] = Field(min_length=1)
    minute_marks: list[Word]
    range_marks: list[Word] = Field(min_length=1)

    @field_validator("year_extensions", "month_extensions")
    @classmethod
    def _unique(cls, items: list[Extension]) -> list[Extension]:
        texts = [item.text for item in items]
        if len(set(texts)) != len(texts):
            raise ValueError(f"extension listed twice in {texts}")
        return items


@dataclass(frozen=True)
class TimexMention:
    """A date in the text: ``text == document[start:end]``; ``value`` is ISO 8601 ("2024", "2025-11-19")."""

    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True)
class TimexTable:
    """One language's date words and the regular expressions built from them once."""

    lang: str
    start: re.Pattern[str]  # where a date can begin: ISO, range, year, month or relative day
    month: re.Pattern[str]  # a month right after a year (今年3月, 2025年11月)
    day: re.Pattern[str]
    time: re.Pattern[str]
    relative_years: dict[str, RelativeYear]
    relative_months: dict[str, int]
    relative_days: dict[str, int]
    relative_left_blockers: tuple[str, ...]
    relative_right_blockers: tuple[str, ...]
    year_right_blockers: tuple[str, ...]
    year_extensions: dict[str, str]
    month_extensions: dict[str, str]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so 一昨年 wins over 昨年."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in items) + ")" if items else "(?!)"


def _build(data: TimexTableFile) -> TimexTable:
    numerals = load_numeral_table()
    kd = numerals.digit_class
    kn = "[" + kd[1:-1] + "".join(re.escape(c) for c in numerals.small if numerals.small[c] == 10) + "]"
    year_mark, month_mark = re.escape(data.year_mark), re.escape(data.month_mark)
    days = _alternation(data.day_marks)
    ranges = _alternation(data.range_marks)
    month_number = rf"(?:(?<![0-9.])[0-9]{{1,2}}|(?<!{kn}){kn}{{1,3}})"
    month = rf"(?:(?P<m>{month_number})\s?{month_mark}|(?P<rm>{_alternation(data.relative_months)}))"
    start = "|".join(
        [
            # 2021-2025年, 1-10月: a range is no single ISO value; matched so nothing else claims it
            rf"(?P<range>(?<![0-9.])[0-9]{{1,4}}\s?{ranges}\s?[0-9]{{1,4}}\s?(?:{year_mark}|{month_mark}))",
            r"(?P<iso>(?<![0-9.])(?P<iy>[0-9]{4})(?P<sep>[-/.])(?P<im>[0-9]{1,2})(?P=sep)(?P<id>[0-9]{1,2})"
            r"(?![0-9])(?:(?:\s|T)(?P<ih>[0-9]{1,2}):(?P<imi>[0-9]{2})(?![0-9]))?)",
            rf"(?:(?P<y>(?<![0-9.])[0-9]{{4}}|(?<!{kd}){kd}{{4}})\s?{year_mark})",
            rf"(?P<ry>{_alternation(data.relative_years)})",
            month,
            rf"(?P<rd>{_alternation(data.relative_days)})",
        ]
    )
    minute = _alternation(data.minute_marks)
    return TimexTable(
        lang=data.lang.value,
        start=re.compile(start),
        month=re.compile(month),
        day=re.compile(rf"\s?(?P<d>[0-9]{{1,2}}|{kn}{{1,3}})\s?{days}"),
        time=re.compile(
            rf"\s?(?P<hh>[0-9]{{1,2}})\s?{_alternation(data.time_marks)}\s?(?P<mi>[0-9]{{2}})(?![0-9])(?:{minute})?"
        ),
        relative_years=dict(data.relative_years),
        relative_months=dict(data.relative_months),
        relative_days=dict(data.relative_days),
        relative_left_blockers=tuple(data.relative_left_blockers),
        relative_right_blockers=tuple(data.relative_right_blockers),
        year_right_blockers=tuple(data.year_right_blockers),
        year_extensions={e.text: e.resolve for e in data.year_extensions},
        month_extensions={e.text: e.resolve for e in data.month_extensions},
    )


@cache
def load_timex_table(lang: str) -> TimexTable:
    """The date table of `resources/<lang>/timex.json`, validated and compiled once per language.

    Args:
        lang: ``ja`` or ``zh``.
    """
    data = load_json(str(Lang(lang)), "timex.json", TimexTableFile)
    if data.lang.value != lang:
        raise ValueError(f"resources/{lang}/timex.json says lang {data.lang.value!r}")
    return _build(data)


@dataclass
class _Date:
    """A date being read: what the text states, before resolution."""

    start: int
    end: int
    year: int | None = None  # stated year (2025年)
    year_offset: int | None = None  # relative year (昨年 -> -1)
    year_anchor: str = "publication"
    month: int | None = None
    month_offset: int | None = None
    day: int | None = None
    day_offset: int | None = None
    hour: int | None = None
    minute: int | None = None
    resolve: str = "period"
    annotate: bool = True  # False for shapes that only keep quantities away (ranges, 1990年代)


def _word_at(text: str, pos: int, words: Iterable[str]) -> str | None:
    """The longest of `words` that starts at `pos`."""
    best = None
    for word in words:
        if text.startswith(word, pos) and (best is None or len(word) > len(best)):
            best = word
    return best


def _number(token: str) -> int | None:
    try:
        value = parse_numeral(token)
    except ValueError:
        return None
    return int(value) if value == value.to_integral_value() else None


def _read(folded: str, m: re.Match[str], table: TimexTable) -> _Date:
    """Extend one start match (a year, month, relative day, ISO date or range) as far as the date goes."""
    found = _Date(start=m.start(), end=m.end())
    if m.group("range"):
        found.annotate = False
        return found
    if m.group("iso"):
        found.year, found.month, found.day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        if m.group("ih"):
            found.hour, found.minute = int(m.group("ih")), int(m.group("imi"))
        return found
    if m.group("rd"):
        found.day_offset = table.relative_days[m.group("rd")]
        found.annotate = not folded.endswith(table.relative_left_blockers, 0, m.start())
        return found
    if m.group("y") or m.group("ry"):
        if m.group("y"):
            found.year = _number(m.group("y"))
            if folded.startswith(table.year_right_blockers, m.end()):  # 1990年代 is a decade
                found.annotate = False
                return found
        else:
            relative = table.relative_years[m.group("ry")]
            found.year_offset, found.year_anchor = relative.offset, relative.anchor
            blocked = folded.endswith(table.relative_left_blockers, 0, m.start()) or folded.startswith(
                table.relative_right_blockers, m.end()
            )
            if blocked:  # 前年比 is "year on year", 将来年… is not 来年
                found.annotate = False
                return found
        month = table.month.match(folded, m.end())
        if month is None:
            extension = _word_at(folded, m.end(), table.year_extensions)
            if extension is not None:
                found.end += len(extension)
                found.resolve = table.year_extensions[extension]
            return found
        m = month
    _read_month(folded, m, table, found)
    return found


def _read_month(folded: str, m: re.Match[str], table: TimexTable, found: _Date) -> None:
    if m.group("rm"):
        found.month_offset = table.relative_months[m.group("rm")]
    else:
        found.month = _number(m.group("m"))
    found.end = m.end()
    day = table.day.match(folded, found.end)
    if day is not None:
        found.day = _number(day.group("d"))
        found.end = day.end()
        time = table.time.match(folded, found.end)
        if time is not None:
            found.hour, found.minute = int(time.group("hh")), int(time.group("mi"))
            found.end = time.end()
        return
    extension = _word_at(folded, found.end, table.month_extensions)
    if extension is not None:
        found.end += len(extension)
        found.resolve = table.month_extensions[extension]


def _scan(text: str, table: TimexTable) -> list[_Date]:
    folded = fold_chars(text)
    found: list[_Date] = []
    pos = 0
    while (m := table.start.search(folded, pos)) is not None:
        item = _read(folded, m, table)
        found.append(item)
        pos = max(item.end, m.start() + 1)
    return found


def date_spans(text: str, table: TimexTable) -> list[tuple[int, int]]:
    """Every date-shaped span of `text`, annotated or not: the spans no quantity may claim.

    Besides the timexes this includes dates that cannot be resolved without a publication date
    (3月, 昨年), ranges (2021-2025年, 1-10月) and decades (1990年代), so ``2025年`` never becomes a
    DURATION of 2025 years.

    Args:
        text: the document text.
        table: the language's date table (`load_timex_table`).
    """
    return [(d.start, d.end) for d in _scan(text, table)]


def _parse_published(published_at: str | None) -> date | None:
    if published_at is None:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published_at)
    if match is None:
        raise ValueError(f"published_at {published_at!r} is not an ISO date (YYYY-MM-DD[THH:MM])")
    return date(int(match[1]), int(match[2]), int(match[3]))


def _resolve(d: _Date, published: date | None, context_year: int | None) -> str | None:
    """The ISO value of a read date, or None when it is incomplete, invalid or cannot be anchored.

    A month without a year (3月末, 5月) takes the publication year, as the gold does even after
    去年10月 in the same paragraph; only relative words with a ``context`` anchor (同年, 翌年) use the
    year stated earlier in the paragraph.
    """
    if d.day_offset is not None:
        if published is None:
            return None
        return (published + timedelta(days=d.day_offset)).isoformat()
    year = d.year
    if d.year_offset is not None:
        anchor = context_year if d.year_anchor == "context" and context_year is not None else None
        if anchor is None:
            if published is None:
                return None
            anchor = published.year
        year = anchor + d.year_offset
    month = d.month
    if d.month_offset is not None:
        if published is None:
            return None
        months = published.year * 12 + published.month - 1 + d.month_offset
        year, month = (year if year is not None else months // 12), months % 12 + 1
    if year is None:
        if published is None or month is None:
            return None
        year = published.year
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}-12-31" if d.resolve == "last_day" else f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if d.day is None:
        if d.resolve == "last_day":
            return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
        return f"{year:04d}-{month:02d}"
    try:
        day = date(year, month, d.day)
    except ValueError:
        return None
    if d.hour is None or d.minute is None:
        return day.isoformat()
    if not (0 <= d.hour <= 23 and 0 <= d.minute <= 59):
        return day.isoformat()
    return f"{day.isoformat()}T{d.hour:02d}:{d.minute:02d}"


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def find_timexes(
    text: str,
    table: TimexTable,
    published_at: str | None,
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> list[TimexMention]:
    """Find the dates of `text` and resolve them to ISO 8601 at the granularity the text states.

    Absolute dates (2025年11月19日, 2025-11-19, 2024年12月, 2024年) keep their own year. Relative ones
    (昨年 / 去年, 今年3月, 今月12日) are resolved against `published_at` and are dropped when it is None,
    except words counted from a year stated earlier in the paragraph (同年, 翌年).
    A month without a year (3月末, 11月19日) takes the publication year. 末 / 底 resolve to the last day
    (3月末 -> 2025-03-31). Seasons and vague times (初冬, 近年, 年内) are not dates; ranges
    (2021-2025年), decades (1990年代) and half-years or quarters without a year are not annotated.

    Args:
        text: the document text (offsets are code points into it).
        table: the language's date table (`load_timex_table`).
        published_at: the publication time, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``, or None.
        skip: spans where no timex may start or end (the metadata line, page chrome).

    Returns:
        The timexes in text order, none overlapping another or a `skip` span.

    Raises:
        ValueError: `published_at` is not an ISO date.
    """
    published = _parse_published(published_at)
    mentions: list[TimexMention] = []
    context_year: int | None = None
    line_end = -1  # the paragraph of the context year ends here
    for item in _scan(text, table):
        if item.start > line_end:
            context_year = None
            newline = text.find("\n", item.start)
            line_end = len(text) if newline < 0 else newline
        if not item.annotate or _overlaps(item.start, item.end, skip):
            continue
        value = _resolve(item, published, context_year)
        if value is None:
            continue
        if item.year is not None or item.year_offset is not None:
            context_year = int(value[:4])
        mentions.append(TimexMention(item.start, item.end, text[item.start : item.end], value))
    return mentions
