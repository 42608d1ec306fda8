"""Quantities (counts, money, percentages, ranks, durations, measures) in ja / zh text, from per-language tables."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from beihu_extract.numerals import NumeralTable, fold_chars, load_numeral_table, parse_numeral
from beihu_extract.resources import load_json
from beihu_extract.schema import CURRENCIES, DURATION_UNITS, Lang, Qualifier, QuantityKind
from beihu_extract.timexes import TimexTable, date_spans, load_timex_table

__all__ = [
    "QuantityMention",
    "QuantityTable",
    "QuantityTableFile",
    "find_quantities",
    "load_quantity_table",
]

Word = Annotated[str, Field(min_length=1)]

# A clause ends at these marks (folded forms): a "clause" qualifier such as 约占 reaches no further back.
_CLAUSE_MARKS = frozenset(",。;!?:\n、")
# A number glued to these on its left belongs to a code or name, not a quantity: H20, COVID-19, 10:58.
_LEFT_GLUE = frozenset("-_/#:.+")
# A bare four-digit number of these years names an edition or a year (大賞2012の), never a count.
_YEAR_LIKE = re.compile(r"1[89][0-9]{2}|20[0-9]{2}")
# A minus sign (folded forms): -5℃, −1dB.
_MINUS = frozenset("-\u2212")
# Katakana that only continue a word: small kana and the long mark.
_KANA_CONTINUATION = frozenset("ァィゥェォャュョッヮヵヶー")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
# Exclusions are looked for this far around a candidate; no exclusion word or pattern match is longer.
_EXCLUSION_REACH = 32


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CounterEntry(_Strict):
    """A counter after a number (件, 社, 个, 家).

    ``unit`` defaults to the text; ``in_span: false`` leaves it out of the span (23の…, 3 大エリア);
    ``kanji_after_word: false`` refuses a kanji numeral glued to a preceding Han character
    (中野正三の is a name, not 3); ``max_value`` and ``takes_qualifiers: false`` keep a structural
    count such as 三大 (SPEC 5.9) from reading 150万大关 or 英超四大豪门 as counts.
    """

    text: Word
    unit: Word | None
    in_span: bool = True
    kanji_after_word: bool = True
    max_value: Annotated[int, Field(ge=1)] | None = None
    takes_qualifiers: bool = True

    @model_validator(mode="before")
    @classmethod
    def _default_unit(cls, data: Any) -> Any:
        if isinstance(data, dict) and "unit" not in data:
            return {**data, "unit": data.get("text")}
        return data


class UnitEntry(_Strict):
    """A currency, percent, measure or duration word with its normalized unit and factor (割 -> %, x10).

    ``boundary: true`` accepts the word only before punctuation or the end of the text (400P，).
    """

    text: Word
    unit: Word
    factor: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    boundary: bool = False


class QualifierEntry(_Strict):
    """A qualifier word, optionally limited to some kinds (近 is not "nearly" in 近4年来, SPEC 5.12)."""

    text: Word
    qualifier: Qualifier
    only_kinds: list[QuantityKind] | None = None
    except_kinds: list[QuantityKind] = []

    def applies_to(self, kind: QuantityKind) -> bool:
        """Whether this qualifier may qualify a quantity of `kind`."""
        if self.only_kinds is not None and kind not in self.only_kinds:
            return False
        return kind not in self.except_kinds


class QualifierLists(_Strict):
    """Qualifier words by position.

    ``before`` the number (約, 超过), ``inner`` between number and counter (5万余人), ``after`` the
    counter (300人以上), ``detached`` after one of ``detached_particles`` and outside the span
    (60%を超え), ``clause`` earlier in the clause and outside the span (约占全市的34%).
    """

    before: list[QualifierEntry]
    inner: list[QualifierEntry]
    after: list[QualifierEntry]
    detached_particles: list[str]
    detached: list[QualifierEntry]
    clause: list[QualifierEntry]


class YearlyMarker(_Strict):
    """A word before a capacity (年産, 年产能); ``in_span`` takes it into the span when adjacent."""

    text: Word
    in_span: bool


class YearlyRules(_Strict):
    """Yearly capacity (年産200基, 年产能可达5000台, 24万台/年): the unit becomes ``<unit>/year``."""

    markers: list[YearlyMarker]
    gap_words: list[Word]
    suffixes: list[Word]


class RankPattern(_Strict):
    """A rank regex over folded text with ``{scope}``, ``{num}`` and ``{end}`` placeholders.

    ``value`` fixes the rank where the pattern has no number (首位); one of ``after_words`` must
    precede the match (位列第一, but not 第一，加强…).
    """

    pattern: Word
    value: Annotated[int, Field(ge=1)] | None = None
    qualifier: Qualifier = Qualifier.EXACT
    after_words: list[Word] = []


class RankRules(_Strict):
    """Rank patterns with the scope words a span takes in (全国第一位) and the regex of a rank's end."""

    scope_words: list[Word]
    end: Word
    patterns: list[RankPattern]


class ExclusionRules(_Strict):
    """Words and ``{num}`` regex patterns whose numbers are never quantities (一つ一つ, 第{num}次…)."""

    words: list[Word]
    patterns: list[Word]


class QuotePair(_Strict):
    """Quotation marks whose short content is a name: numbers inside are not quantities (「一五五」)."""

    open: Annotated[str, Field(min_length=1, max_length=1)]
    close: Annotated[str, Field(min_length=1, max_length=1)]
    max_length: Annotated[int, Field(ge=1)]


class IndefiniteContext(_Strict):
    """Where ``一`` + counter is the article "a" / "one of" rather than a count.

    Without this table every ``一`` + counter is indefinite (一个项目). With it, only a ``一`` + counter
    preceded by one of ``before`` (柱の一つ, "one of") or followed by one of ``after`` (一つの, "a")
    is; elsewhere it counts (ドライバーを一人連れて).
    """

    before: list[Word]
    after: list[Word]


class CountedRules(_Strict):
    """How the counted noun phrase is read around a count, character by character."""

    links: list[Word]
    forward_needs_link: bool
    joiners: list[Word]
    stop: Word
    stop_words: list[Word]
    backward_markers: list[Word]
    backward_links: Annotated[int, Field(ge=0)]
    max_length: Annotated[int, Field(ge=1)]


class QuantityTableFile(_Strict):
    """The schema of `resources/<lang>/units.json`."""

    lang: Lang
    counters: list[CounterEntry]
    currencies: list[UnitEntry]
    percents: list[UnitEntry]
    percent_prefixes: list[UnitEntry]
    currency_prefixes: list[UnitEntry]
    measures: list[UnitEntry]
    durations: list[UnitEntry]
    duration_prefixes: list[Word]
    qualifiers: QualifierLists
    yearly: YearlyRules
    ranks: RankRules
    ordinal_prefixes: list[Word]
    vague_prefixes: list[Word]
    indefinite_numerals: list[Word]
    indefinite_context: IndefiniteContext | None
    fraction_words: list[Word]
    half_words: list[Word]
    half_counters: list[Word]
    decimal_marks: list[Annotated[str, Field(min_length=1, max_length=1)]]
    bare_number_followers: list[Word]
    bare_number_with_qualifier: bool
    exclusions: ExclusionRules
    quotes: list[QuotePair]
    counted: CountedRules

    @model_validator(mode="after")
    def _check(self) -> QuantityTableFile:
        texts = [u.text for u in (*self.counters, *self.currencies, *self.percents, *self.measures, *self.durations)]
        duplicates = sorted({t for t in texts if texts.count(t) > 1})
        if duplicates:
            raise ValueError(f"unit words listed twice: {duplicates}")
        for entry in (*self.currencies, *self.currency_prefixes):
            if entry.unit not in CURRENCIES:
                raise ValueError(f"currency {entry.text!r}: {entry.unit!r} is not one of {sorted(CURRENCIES)}")
        for entry in (*self.percents, *self.percent_prefixes):
            if entry.unit not in ("%", "pt"):
                raise ValueError(f"percent {entry.text!r}: unit must be % or pt")
        for entry in self.durations:
            if entry.unit not in DURATION_UNITS:
                raise ValueError(f"duration {entry.text!r}: {entry.unit!r} is not one of {sorted(DURATION_UNITS)}")
        for entry in self.measures:
            if entry.unit != entry.unit.lower() or " " in entry.unit or entry.unit.endswith("/year"):
                raise ValueError(f"measure {entry.text!r}: unit {entry.unit!r} must be lower case, one word")
        placeholders = {"{scope}": "(?:x)", "{num}": "(?P<num>0)", "{end}": f"(?:{self.ranks.end})"}
        patterns = [self.counted.stop, f"(?={self.ranks.end})", *self.exclusions.patterns]
        for rank in self.ranks.patterns:
            pattern = rank.pattern
            for placeholder, stand_in in placeholders.items():
                pattern = pattern.replace(placeholder, stand_in)
            patterns.append(pattern)
            if rank.value is None and "(?P<num>" not in pattern:
                raise ValueError(f"rank pattern {rank.pattern!r} has neither {{num}} nor a value")
        for pattern in patterns:
            try:
                re.compile(pattern.replace("{num}", "0"))
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return self


@dataclass(frozen=True)
class QuantityMention:
    """A number with meaning: ``text == document[start:end]``; kinds, units and qualifiers as SPEC 2.2."""

    start: int
    end: int
    text: str
    kind: QuantityKind
    value: Decimal
    unit: str | None
    qualifier: Qualifier
    counted: str | None


@dataclass(frozen=True)
class _Unit:
    text: str
    kind: QuantityKind
    unit: str | None
    factor: Decimal
    in_span: bool
    boundary: bool
    kanji_after_word: bool = True
    max_value: int | None = None
    takes_qualifiers: bool = True


@dataclass(frozen=True)
class _Rank:
    regex: re.Pattern[str]
    value: int | None
    qualifier: Qualifier
    after_words: tuple[str, ...]


class _Lexicon:
    """Words -> payload, matched longest first at or before a position."""

    def __init__(self, items: Iterable[tuple[str, Any]]) -> None:
        self.words: dict[str, Any] = dict(items)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)

    def at(self, text: str, pos: int) -> tuple[str, Any] | None:
        """The longest word that starts at `pos`."""
        for n in self.lengths:
            word = text[pos : pos + n]
            if len(word) == n and word in self.words:
                return word, self.words[word]
        return None

    def before(self, text: str, pos: int) -> tuple[str, Any] | None:
        """The longest word that ends at `pos`."""
        for n in self.lengths:
            if n <= pos and (word := text[pos - n : pos]) in self.words:
                return word, self.words[word]
        return None


@dataclass(frozen=True)
class QuantityTable:
    """One language's quantity words and the regular expressions built from them once.

    Build it with `load_quantity_table`; `timex` is the same language's date table, used so that no
    quantity claims a date (2025年 is never a DURATION).
    """

    lang: str
    numerals: NumeralTable
    numeral: re.Pattern[str]
    units: _Lexicon
    unit_prefixes: _Lexicon
    duration_prefixes: _Lexicon
    before: _Lexicon
    inner: _Lexicon
    after: _Lexicon
    detached_particles: tuple[str, ...]
    detached: _Lexicon
    clause: tuple[QualifierEntry, ...]
    yearly_markers: _Lexicon
    yearly_gaps: _Lexicon
    yearly_suffixes: _Lexicon
    ranks: tuple[_Rank, ...]
    ordinal_prefixes: tuple[str, ...]
    vague_prefixes: tuple[str, ...]
    indefinite: frozenset[str]
    indefinite_context: IndefiniteContext | None
    fractions: _Lexicon
    halves: _Lexicon
    half_counters: frozenset[str]
    decimal_marks: re.Pattern[str] | None
    bare_followers: tuple[str, ...]
    bare_with_qualifier: bool
    exclusions: re.Pattern[str] | None
    quotes: tuple[QuotePair, ...]
    counted: CountedRules
    counted_stop: re.Pattern[str]
    counted_stop_words: _Lexicon
    counted_links: _Lexicon
    counted_joiners: _Lexicon
    counted_markers: _Lexicon
    timex: TimexTable


def _alternation(words: Iterable[str]) -> str:
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in items) + ")" if items else "(?!)"


def _build(data: QuantityTableFile, timex: TimexTable) -> QuantityTable:
    numerals = load_numeral_table()
    units: list[tuple[str, _Unit]] = [
        (
            c.text,
            _Unit(
                c.text,
                QuantityKind.COUNT,
                c.unit,
                Decimal(1),
                c.in_span,
                False,
                c.kanji_after_word,
                c.max_value,
                c.takes_qualifiers,
            ),
        )
        for c in data.counters
    ]
    for kind, entries in (
        (QuantityKind.MONEY, data.currencies),
        (QuantityKind.PERCENT, data.percents),
        (QuantityKind.MEASURE, data.measures),
        (QuantityKind.DURATION, data.durations),
    ):
        units += [(u.text, _Unit(u.text, kind, u.unit, u.factor, True, u.boundary)) for u in entries]
    prefixes = [
        (u.text, _Unit(u.text, QuantityKind.PERCENT, u.unit, u.factor, True, False)) for u in data.percent_prefixes
    ]
    prefixes += [
        (u.text, _Unit(u.text, QuantityKind.MONEY, u.unit, u.factor, True, False)) for u in data.currency_prefixes
    ]
    ranks = []
    numeral = numerals.pattern
    for rank in data.ranks.patterns:
        pattern = (
            rank.pattern.replace("{scope}", _alternation(data.ranks.scope_words))
            .replace("{num}", f"(?P<num>{numeral})")
            .replace("{end}", f"(?:{data.ranks.end})")
        )
        ranks.append(_Rank(re.compile(pattern), rank.value, rank.qualifier, tuple(rank.after_words)))
    return QuantityTable(
        lang=data.lang.value,
        numerals=numerals,
        numeral=re.compile(numeral),
        units=_Lexicon(units),
        unit_prefixes=_Lexicon(prefixes),
        duration_prefixes=_Lexicon((w, w) for w in data.duration_prefixes),
        before=_Lexicon((q.text, q) for q in data.qualifiers.before),
        inner=_Lexicon((q.text, q) for q in data.qualifiers.inner),
        after=_Lexicon((q.text, q) for q in data.qualifiers.after),
        detached_particles=tuple(sorted(data.qualifiers.detached_particles, key=len, reverse=True)),
        detached=_Lexicon((q.text, q) for q in data.qualifiers.detached),
        clause=tuple(data.qualifiers.clause),
        yearly_markers=_Lexicon((m.text, m) for m in data.yearly.markers),
        yearly_gaps=_Lexicon((w, w) for w in data.yearly.gap_words),
        yearly_suffixes=_Lexicon((w, w) for w in data.yearly.suffixes),
        ranks=tuple(ranks),
        ordinal_prefixes=tuple(data.ordinal_prefixes),
        vague_prefixes=tuple(data.vague_prefixes),
        indefinite=frozenset(data.indefinite_numerals),
        indefinite_context=data.indefinite_context,
        fractions=_Lexicon((w, w) for w in data.fraction_words),
        halves=_Lexicon((w, w) for w in data.half_words),
        half_counters=frozenset(data.half_counters),
        decimal_marks=_decimal_mark_regex(data),
        bare_followers=tuple(data.bare_number_followers),
        bare_with_qualifier=data.bare_number_with_qualifier,
        exclusions=_exclusion_regex(data.exclusions, numerals),
        quotes=tuple(data.quotes),
        counted=data.counted,
        counted_stop=re.compile(data.counted.stop),
        counted_stop_words=_Lexicon((w, w) for w in data.counted.stop_words),
        counted_links=_Lexicon((w, w) for w in data.counted.links),
        counted_joiners=_Lexicon((w, w) for w in data.counted.joiners),
        counted_markers=_Lexicon((w, w) for w in data.counted.backward_markers),
        timex=timex,
    )


def _decimal_mark_regex(data: QuantityTableFile) -> re.Pattern[str] | None:
    """A decimal mark other than "." between digits, read so only before a percent or measure (66・0%)."""
    if not data.decimal_marks:
        return None
    marks = "".join(re.escape(m) for m in data.decimal_marks)
    units = _alternation(u.text for u in (*data.percents, *data.measures))
    return re.compile(f"(?<=[0-9])[{marks}](?=[0-9]+{units})")


def _exclusion_regex(rules: ExclusionRules, numerals: NumeralTable) -> re.Pattern[str] | None:
    numeral_chars = "".join(re.escape(c) for c in sorted(numerals.chars)) + "0-9"
    parts = []
    for word in sorted(set(rules.words), key=len, reverse=True):
        # 一个 must not fire inside 十一个: a word that starts with a numeral starts a number
        guard = f"(?<![{numeral_chars}])" if word[0] in numerals.chars else ""
        parts.append(guard + re.escape(word))
    parts += [p.replace("{num}", f"(?:{numerals.pattern})") for p in rules.patterns]
    return re.compile("|".join(parts)) if parts else None


@cache
def load_quantity_table(lang: str) -> QuantityTable:
    """The quantity table of `resources/<lang>/units.json` (with the language's date table), built once.

    Args:
        lang: ``ja`` or ``zh``.

    Raises:
        ResourceError: the file is missing or does not validate.
    """
    data = load_json(str(Lang(lang)), "units.json", QuantityTableFile)
    if data.lang.value != lang:
        raise ValueError(f"resources/{lang}/units.json says lang {data.lang.value!r}")
    return _build(data, load_timex_table(lang))


class _Spans:
    """A set of half-open spans with a logarithmic overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether `start:end` shares a character with any span of the set."""
        i = bisect.bisect_left(self.ends, start + 1)
        return i < len(self.starts) and self.starts[i] < end


def find_quantities(
    text: str,
    table: QuantityTable,
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> list[QuantityMention]:
    """Find the quantities of `text` (SPEC 2.2 and 5): counts, money, percentages, ranks, durations, measures.

    A kanji / hanzi number counts only with a counter, unit, currency or の after it; an Arabic number
    also before a particle listed in the table (3500に). Dates (the language's timex shapes), numbers
    in short quotes (「一五五」), after an ordinal prefix (第1弾, 第二期), in excluded words (一つ一つ,
    十四五) and in `skip` spans are never quantities.

    Args:
        text: the document text (offsets are code points into it).
        table: the language's table (`load_quantity_table`).
        skip: spans no quantity may overlap: entity names (吉林一号, 200P スマート計算センター), the
            metadata line, page chrome.

    Returns:
        The quantities in text order, none overlapping another.
    """
    folded = fold_chars(text)
    if table.decimal_marks is not None:
        folded = table.decimal_marks.sub(".", folded)  # one character for one: offsets stay
    blocked = _Spans([*skip, *date_spans(text, table.timex), *_quoted_spans(folded, table)])
    mentions = _find_ranks(text, folded, table, blocked)
    ranked = _Spans((m.start, m.end) for m in mentions)
    pos = 0
    while (match := table.numeral.search(folded, pos)) is not None:
        pos = match.end()
        if ranked.overlaps(match.start(), match.end()) or blocked.overlaps(match.start(), match.end()):
            continue
        mention = _read_quantity(text, folded, match, table)
        if mention is None or blocked.overlaps(mention.start, mention.end):
            continue
        if ranked.overlaps(mention.start, mention.end) or _is_excluded(folded, mention.start, mention.end, table):
            continue
        mentions.append(mention)
        pos = max(pos, mention.end)
    return sorted(mentions, key=lambda m: m.start)


def _is_excluded(folded: str, start: int, end: int, table: QuantityTable) -> bool:
    """Whether an exclusion word or pattern overlaps `start:end` (一つ一つ, 十四五, 第14次五カ年計画).

    Searched only around the candidate: exclusions are short, and one regex of many alternatives over
    the whole text costs more than the rest of the scan.
    """
    if table.exclusions is None:
        return False
    lo, hi = max(0, start - _EXCLUSION_REACH), min(len(folded), end + _EXCLUSION_REACH)
    return any(m.start() < end and start < m.end() for m in table.exclusions.finditer(folded, lo, hi))


def _quoted_spans(folded: str, table: QuantityTable) -> list[tuple[int, int]]:
    """The contents of short quotes, names rather than text: 「一五五」, “十四五”."""
    spans = []
    for pair in table.quotes:
        start = folded.find(pair.open)
        while start >= 0:
            close = folded.find(pair.close, start + 1, start + 2 + pair.max_length)
            if close >= 0:
                spans.append((start + 1, close))
            start = folded.find(pair.open, start + 1)
    return spans


def _find_ranks(text: str, folded: str, table: QuantityTable, blocked: _Spans) -> list[QuantityMention]:
    found: list[QuantityMention] = []
    for rank in table.ranks:
        for m in rank.regex.finditer(folded):
            if rank.after_words and not folded.endswith(rank.after_words, 0, m.start()):
                continue
            if blocked.overlaps(m.start(), m.end()) or _is_excluded(folded, m.start(), m.end(), table):
                continue  # 把创新放在首位 is a priority, not a rank
            if rank.value is not None:
                value = Decimal(rank.value)
            else:
                try:
                    value = parse_numeral(m.group("num"))
                except ValueError:
                    continue
                if value < 1 or value != value.to_integral_value():
                    continue
            found.append(
                QuantityMention(
                    m.start(), m.end(), text[m.start() : m.end()], QuantityKind.RANK, value, None, rank.qualifier, None
                )
            )
    # several patterns can match one rank (全国第一位 and 第一位): keep the earliest, then the longest
    kept: list[QuantityMention] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


@dataclass
class _Candidate:
    """A numeral with what follows it: the unit, the span end, and where the counted phrase may start."""

    start: int
    end: int  # span end
    consumed: int  # end of everything read after the number (an outside counter such as の included)
    kind: QuantityKind
    value: Decimal
    unit: str | None
    qualifiers: list[QualifierEntry]
    outside_counter: bool
    yearly: bool = False


def _read_quantity(text: str, folded: str, match: re.Match[str], table: QuantityTable) -> QuantityMention | None:
    start = match.start()
    signed = _minus_before(folded, start)
    # 2-3cm: the upper bound of a range, taken only with a unit
    ranged = start > 1 and folded[start - 1] == "-" and folded[start - 2].isdigit()
    if start and not (signed or ranged) and (folded[start - 1] in _LEFT_GLUE or _is_latin(folded[start - 1])):
        return None  # H20, COVID-19, 10:58, S800
    if start > 1 and folded[start - 1] == " " and _is_latin(folded[start - 2]):
        return None  # Python 3, Windows NT 3.51: a version
    if folded.endswith(table.ordinal_prefixes, 0, start):
        return None  # 第1弾 and 第二期 are ordinals
    if not folded[start].isdigit() and folded.endswith(table.vague_prefixes, 0, start):
        return None  # 数十社, 几百家, 上千 are vague; 建成200P is not
    if folded[start] == "0" and folded[start + 1 : start + 2].isdigit():
        return None  # 0002, 08年: codes and clipped years
    prefix = table.unit_prefixes.before(folded, start)
    best: _Candidate | None = None
    # Try every way to split the match into numeral + unit, longest numeral first: 300千瓦 is 300 + 千瓦
    # (no unit follows 300千), and on a tie the longer unit wins: 5千米 is 5 km, not 5000 m.
    for end in range(match.end(), start, -1):
        if table.numeral.fullmatch(folded, start, end) is None:
            continue
        try:
            value = parse_numeral(folded[start:end])
        except ValueError:
            continue
        candidate = _attach(folded, start, end, value, table, prefix[1] if prefix else None)
        if candidate is not None and (best is None or candidate.consumed >= best.consumed):
            best = candidate
    if best is None:
        return None
    if ranged and (best.unit is None or best.outside_counter):
        return None  # 5-4 is a score, 03-1234 a number
    if signed:
        if best.kind is not QuantityKind.MEASURE or prefix:
            return None  # only a measure is negative (-5℃, -1dB); A-1 is a code
        best.value, start = -best.value, start - 1
    span_start = start - len(prefix[0]) if prefix else start
    span_start, qualifiers = _read_before(folded, span_start, best, table)
    qualifier = next((q.qualifier for q in qualifiers if q.applies_to(best.kind)), Qualifier.EXACT)
    counted = None
    if best.kind in (QuantityKind.COUNT, QuantityKind.MEASURE):
        counted = _counted_phrase(text, folded, span_start, best, table)
    return QuantityMention(
        span_start, best.end, text[span_start : best.end], best.kind, best.value, best.unit, qualifier, counted
    )


def _minus_before(folded: str, start: int) -> bool:
    """A minus sign right before `start` that is not a hyphen inside a word or a range (-5℃, not A-5 or 2-5)."""
    if start == 0 or folded[start - 1] not in _MINUS:
        return False
    before = folded[start - 2] if start > 1 else " "
    return not ((before.isascii() and before.isalnum()) or before in _LEFT_GLUE)


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _latin_glued(folded: str, pos: int) -> bool:
    """A Latin letter on both sides of `pos`: the unit goes on into a word (5min, 2GWhs)."""
    return 0 < pos < len(folded) and all(c.isascii() and c.isalpha() for c in folded[pos - 1 : pos + 1])


def _katakana_glued(folded: str, pos: int) -> bool:
    """A katakana unit whose word goes on: a small kana or long mark cannot start a word (ページェント is no ページ).

    Any other katakana after the unit starts a new word: 8インチディスク is 8 inches.
    """
    return 0 < pos < len(folded) and bool(_KATAKANA.match(folded[pos - 1])) and folded[pos] in _KANA_CONTINUATION


def _boundary_after(folded: str, pos: int) -> bool:
    return pos >= len(folded) or folded[pos] == "\n" or unicodedata.category(folded[pos]).startswith("P")


def _attach(
    folded: str, start: int, end: int, value: Decimal, table: QuantityTable, prefix: _Unit | None
) -> _Candidate | None:
    """Read what follows a numeral: inner qualifier, counter or unit, /年, after and detached qualifiers."""
    pos = end
    qualifiers: list[QualifierEntry] = []
    fraction = _fraction(folded, start, end, value, table) if prefix is None else None
    if fraction is not None:
        span_end, percent = fraction  # 3分の2以上: a share, in percent
        after = table.after.at(folded, span_end)
        if after is not None and after[1].applies_to(QuantityKind.PERCENT):
            qualifiers.append(after[1])
            span_end += len(after[0])
        return _Candidate(start, span_end, span_end, QuantityKind.PERCENT, percent, "%", qualifiers, False)
    inner = table.inner.at(folded, pos)
    if inner is not None:
        qualifiers.append(inner[1])
        pos += len(inner[0])
        large = table.numerals.large.get(folded[pos : pos + 1])
        if large is not None:
            value *= large  # 300多万人: the qualifier sits before the multiplier
            pos += 1
    unit = prefix
    unit_end = pos
    if prefix is not None and prefix.kind is QuantityKind.MONEY:
        repeated = table.units.at(folded, pos)
        if repeated is not None and repeated[1].kind is QuantityKind.MONEY and repeated[1].unit == prefix.unit:
            unit_end = pos + len(repeated[0])  # ￥3000元: the currency written twice
    if unit is None:
        gap = 1 if folded[pos : pos + 1] == " " else 0  # "2 年間", "3 大エリア"
        found = table.units.at(folded, pos + gap)
        if found is not None:
            unit = found[1]
            unit_end = pos + gap + len(found[0])
            if (
                (unit.boundary and not _boundary_after(folded, unit_end))
                or _latin_glued(folded, unit_end)
                or _katakana_glued(folded, unit_end)
            ):
                unit = None  # 200P スマート計算センター is a name; 5min is not 5 m; 2008ページェント is no page
    numeral = folded[start:end]
    arabic = any("0" <= c <= "9" for c in numeral)
    label_end = start - 1 if start > 1 and folded[start - 1] == " " else start
    if (unit is None or not unit.in_span) and label_end and _KATAKANA.match(folded[label_end - 1]):
        return None  # ポット1に, コパ・アメリカ2011の, ヴィルガ 32が: a label or a name
    if (unit is None or not unit.in_span) and _YEAR_LIKE.fullmatch(numeral):
        return None  # 大賞2012の, 選手権2010に: a year in a name, not a count
    if unit is None:
        # a bare number counts only when written in Arabic digits and followed by a listed particle (3500に)
        # or, where the table allows it, closed by a qualifier (プラットフォームが70余り集まり)
        closed = bool(qualifiers) and table.bare_with_qualifier
        if not arabic or not (closed or folded.startswith(table.bare_followers, pos)):
            return None
        return _Candidate(start, pos, pos, QuantityKind.COUNT, value, None, qualifiers, False)
    if unit.kind is QuantityKind.COUNT and numeral in table.indefinite and _indefinite(folded, start, unit_end, table):
        return None  # 一个 / 一つの are "a", "one" as an article
    if not unit.kanji_after_word and not arabic and start and _HAN.match(folded[start - 1]):
        return None
    if unit.kind is QuantityKind.COUNT and value != value.to_integral_value():
        return None  # 2.80处于高位: a count is whole
    if unit.max_value is not None and value > unit.max_value:
        return None
    if not unit.takes_qualifiers:
        qualifiers = []
        if table.before.before(folded, start) is not None:
            return None  # 英超四大豪门: the 超 belongs to a word, not to 四大
    kind, unit_name = unit.kind, unit.unit
    value *= unit.factor
    if not unit.in_span:
        return _Candidate(start, pos, unit_end, kind, value, unit_name, qualifiers, True)
    span_end = unit_end
    half = table.halves.at(folded, span_end)
    halved = kind in (QuantityKind.DURATION, QuantityKind.MEASURE) or unit.text in table.half_counters
    if half is not None and halved and folded[span_end + len(half[0]) : span_end + len(half[0]) + 1] != "ば":
        value += unit.factor / 2  # 2年半, 3歳半, 1キロ半; 2年半ば is mid-year
        span_end += len(half[0])
    yearly = False
    suffix = table.yearly_suffixes.at(folded, span_end)
    if suffix is not None and kind in (QuantityKind.COUNT, QuantityKind.MEASURE):
        kind, unit_name, yearly = QuantityKind.MEASURE, f"{unit_name}/year", True  # 24万台/年
        span_end += len(suffix[0])
    after = table.after.at(folded, span_end)
    if after is not None and after[1].applies_to(kind):
        qualifiers.append(after[1])
        span_end += len(after[0])
    consumed = span_end
    for particle in table.detached_particles:
        if folded.startswith(particle, span_end):
            detached = table.detached.at(folded, span_end + len(particle))
            if detached is not None and detached[1].applies_to(kind):
                qualifiers.append(detached[1])  # 60%を超え: the particle phrase stays outside the span
                break
    return _Candidate(start, span_end, consumed, kind, value, unit_name, qualifiers, False, yearly)


def _indefinite(folded: str, start: int, end: int, table: QuantityTable) -> bool:
    """Whether ``一`` + counter at `start:end` is an article (一个, 一つの, 柱の一つ) rather than a count."""
    context = table.indefinite_context
    if context is None:
        return True
    return folded.endswith(tuple(context.before), 0, start) or folded.startswith(tuple(context.after), end)


def _fraction(folded: str, start: int, end: int, value: Decimal, table: QuantityTable) -> tuple[int, Decimal] | None:
    """A fraction 3分の2 / 三分之一 after the denominator at `start:end`: its end and its value in percent."""
    word = table.fractions.at(folded, end)
    if word is None or value == 0:
        return None
    match = table.numeral.match(folded, end + len(word[0]))
    if match is None:
        return None
    try:
        numerator = parse_numeral(match.group())
    except ValueError:
        return None
    percent = (numerator / value * 100).quantize(Decimal("0.01"))
    return match.end(), percent.to_integral_value() if percent == percent.to_integral_value() else percent


def _read_before(
    folded: str, span_start: int, best: _Candidate, table: QuantityTable
) -> tuple[int, list[QualifierEntry]]:
    """Extend the span over words before the number; return the new start and every qualifier found."""
    qualifiers = list(best.qualifiers)
    if best.kind is QuantityKind.DURATION:
        duration_prefix = table.duration_prefixes.before(folded, span_start)
        if duration_prefix is not None:
            span_start -= len(duration_prefix[0])  # 过去一年, 未来三年
    before = table.before.before(folded, span_start)
    if before is not None and before[1].applies_to(best.kind):
        qualifiers.insert(0, before[1])
        span_start -= len(before[0])
    if best.kind in (QuantityKind.COUNT, QuantityKind.MEASURE) and best.unit and not best.yearly:
        pos = span_start
        gap = table.yearly_gaps.before(folded, pos)
        if gap is not None:
            pos -= len(gap[0])
        marker = table.yearly_markers.before(folded, pos)
        if marker is not None:
            best.kind, best.unit, best.yearly = QuantityKind.MEASURE, f"{best.unit}/year", True
            if marker[1].in_span and pos == span_start:
                span_start -= len(marker[0])  # 年産200基
    clause_start = span_start
    while clause_start > 0 and folded[clause_start - 1] not in _CLAUSE_MARKS:
        clause_start -= 1
    clause = folded[clause_start:span_start]
    qualifiers += [q for q in table.clause if q.text in clause]  # 约占全市的34%
    return span_start, qualifiers


def _counted_phrase(text: str, folded: str, span_start: int, best: _Candidate, table: QuantityTable) -> str | None:
    """The counted noun phrase as written: after the counter (or の / 的), else before the number.

    ``23の国家級研究開発プラットフォームと`` -> 国家級研究開発プラットフォーム; ``32个项目集中开工`` -> 项目;
    ``従業員は3000人を超え`` (nothing after) -> 従業員. Character-level and heuristic: a dependency parse
    can refine it later.
    """
    rules = table.counted
    pos = best.consumed
    linked = best.outside_counter
    link = table.counted_links.at(folded, pos)
    if link is not None and not linked:
        pos += len(link[0])
        linked = True
    phrase = None
    if linked or not rules.forward_needs_link:
        phrase = _read_forward(text, folded, pos, table)
    if not phrase:
        phrase = _read_backward(text, folded, span_start, table)
    return phrase or None


def _read_forward(text: str, folded: str, pos: int, table: QuantityTable) -> str | None:
    """The noun phrase starting at `pos`, up to a stop character or stop word."""
    rules = table.counted
    openers = {pair.open: pair.close for pair in table.quotes}
    i = pos
    limit = min(len(folded), pos + rules.max_length)
    while i < limit:
        char = folded[i]
        if char in openers:
            close = folded.find(openers[char], i + 1, limit)
            if close < 0:
                break
            i = close + 1  # 「両院院士」などのハイレベル人材: a quoted name is part of the phrase
            continue
        joiner = table.counted_joiners.at(folded, i)
        if joiner is not None and i > pos and not _starts_number(folded, i + len(joiner[0]), table):
            i += len(joiner[0])  # 国家和地区; but 平台和3个中心 is two counts
            continue
        # a stop word ends a phrase but cannot open one: 3个服务中心 keeps 服务, 企业服务… would stop
        if (i > pos and table.counted_stop_words.at(folded, i) is not None) or table.counted_stop.match(char):
            break
        i += 1
    else:
        if i < len(folded):
            return None  # no end within max_length: too unsure to report
    return _trim(text[pos:i], table)


def _read_backward(text: str, folded: str, end: int, table: QuantityTable) -> str | None:
    """The noun phrase ending at `end` (the number's start), after skipping particles such as は."""
    rules = table.counted
    closers = {pair.close: pair.open for pair in table.quotes}
    while (marker := table.counted_markers.before(folded, end)) is not None:
        end -= len(marker[0])  # 従業員は3000人, 来訪者は延べ3万人: skip the particle and 延べ
    i = end
    links = 0
    after_joiner = False
    limit = max(0, end - rules.max_length)
    while i > limit:
        char = folded[i - 1]
        if char in closers:
            opener = folded.rfind(closers[char], limit, i - 1)
            # “两院院士”等高层次人才 keeps the quote before 等; 「吉林一号」在軌衛星 stops at the name
            if opener < 0 or not after_joiner:
                break
            i = opener
            continue
        joiner = table.counted_joiners.before(folded, i)
        if joiner is not None and i < end:
            i -= len(joiner[0])
            after_joiner = True
            continue
        link = table.counted_links.before(folded, i)
        if link is not None and i < end:
            before_link = folded[i - len(link[0]) - 1 : i - len(link[0])]
            # with backward_links 1, 科学技術成果の地元転化 crosses one の; 「吉林一号」の衛星 never does
            if links < rules.backward_links and before_link and before_link not in closers:
                links += 1
                i -= len(link[0])
                continue
            break
        if table.counted_stop_words.before(folded, i) is not None or table.counted_stop.match(char):
            break
        after_joiner = False
        i -= 1
    else:
        if i > 0:
            return None  # no start within max_length: too unsure to report
    return _trim(text[i:end], table)


def _starts_number(folded: str, pos: int, table: QuantityTable) -> bool:
    return pos < len(folded) and ("0" <= folded[pos] <= "9" or folded[pos] in table.numerals.chars)


def _trim(phrase: str, table: QuantityTable) -> str | None:
    """Drop spaces, a trailing joiner (院士等 -> 院士) and a leading link (的厂房 -> 厂房)."""
    phrase = phrase.strip()
    joiner = table.counted_joiners.before(phrase, len(phrase))
    if joiner is not None:
        phrase = phrase[: -len(joiner[0])].strip()
    link = table.counted_links.at(phrase, 0)
    if link is not None:
        phrase = phrase[len(link[0]) :].strip()
    return phrase or None
