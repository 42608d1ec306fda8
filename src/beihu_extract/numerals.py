"""Kanji / hanzi / Arabic numerals for both languages, parsed to exact Decimals from a data table."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache, lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from beihu_extract.resources import load_json

__all__ = [
    "NumeralTable",
    "NumeralTableFile",
    "fold_chars",
    "load_numeral_table",
    "parse_numeral",
]

Char = Annotated[str, Field(min_length=1, max_length=1)]


class NumeralTableFile(BaseModel):
    """The schema of `resources/common/numerals.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    digits: dict[Char, Annotated[int, Field(ge=0, le=9)]]
    small_multipliers: dict[Char, int]
    large_multipliers: dict[Char, int]
    decimal_points: list[Char] = Field(min_length=1)
    group_separator: Char

    @model_validator(mode="after")
    def _check(self) -> NumeralTableFile:
        chars = [*self.digits, *self.small_multipliers, *self.large_multipliers, *self.decimal_points]
        duplicates = sorted({c for c in chars if chars.count(c) > 1})
        if duplicates:
            raise ValueError(f"characters listed twice: {duplicates}")
        if any(c.isascii() for c in chars):
            raise ValueError("Arabic digits and ASCII marks are built in; list only kanji / hanzi characters")
        for name, table in (("small", self.small_multipliers), ("large", self.large_multipliers)):
            for char, value in table.items():
                if value < 10 or str(value).rstrip("0") != "1":
                    raise ValueError(f"{name} multiplier {char!r} = {value} is not a power of ten")
        small, large = self.small_multipliers.values(), self.large_multipliers.values()
        if small and large and max(small) >= min(large):
            raise ValueError("every small multiplier must be below every large multiplier")
        return self


@dataclass(frozen=True)
class NumeralTable:
    """The numeral characters and the regular expression of one numeral, built once from the data file.

    Attributes:
        digits: kanji / hanzi digit -> value (〇 -> 0, 两 -> 2).
        small: 十 / 百 / 千 -> value.
        large: 万 / 亿 / 億 / 兆 -> value.
        points: characters that mark a decimal point between kanji digits (点).
        digit_class: a regex character class of the kanji digits, for other modules' patterns.
        pattern: a regex (no groups) matching one numeral in folded text, as long as possible:
            ``3,600``, ``1279.2亿``, ``3万5000``, ``一千二百七十九点二亿``, ``千亿``.
    """

    digits: dict[str, int]
    small: dict[str, int]
    large: dict[str, int]
    points: frozenset[str]
    separator: str
    digit_class: str
    pattern: str

    @property
    def chars(self) -> frozenset[str]:
        """Every kanji / hanzi character that can be part of a numeral."""
        return frozenset(self.digits) | frozenset(self.small) | frozenset(self.large) | self.points


def _char_class(chars: object) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"  # type: ignore[attr-defined]


def _build_table(data: NumeralTableFile) -> NumeralTable:
    digit = _char_class(data.digits)
    small = _char_class(data.small_multipliers)
    large = _char_class(data.large_multipliers)
    point = _char_class(data.decimal_points)
    sep = re.escape(data.group_separator)
    smallest = min(data.small_multipliers, key=data.small_multipliers.__getitem__)
    bigger_small = _char_class(set(data.small_multipliers) - {smallest}) if len(data.small_multipliers) > 1 else "(?!)"
    numeral_char = _char_class({*data.digits, *data.small_multipliers, *data.large_multipliers})
    # 3,600 groups by three only: "1,2345" is not one number; "3,600.5" is
    arabic = rf"(?:[0-9]{{1,3}}(?:{sep}[0-9]{{3}})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
    arabic_group = rf"{arabic}{small}?"  # 3, 1.2, 3千
    kanji_group = rf"(?:{digit}|{small})+(?:{point}{digit}+)?"  # 二十三, 一千二百七十九点二
    group = rf"(?:{arabic_group}|{kanji_group})"
    # A numeral starts with an Arabic digit not glued to another number (the 600 of 3,600; a comma after a
    # word is punctuation: 举行，32个), or a kanji digit / 十 not glued to
    # a numeral character; bare 百 / 千 start one only before a large multiplier (千亿, 百万), because on
    # their own they are idioms far more often than numbers (百姓, 千人計画).
    start = (
        rf"(?:(?<![0-9])(?<![0-9][.{sep}])(?=[0-9])"
        rf"|(?<!{numeral_char})(?={digit}|{re.escape(smallest)}|{bigger_small}{small}*{large}))"
    )
    pattern = rf"{start}{group}(?:{large}+{group}?)*"
    return NumeralTable(
        digits=dict(data.digits),
        small=dict(data.small_multipliers),
        large=dict(data.large_multipliers),
        points=frozenset(data.decimal_points),
        separator=data.group_separator,
        digit_class=digit,
        pattern=pattern,
    )


@cache
def load_numeral_table() -> NumeralTable:
    """The numeral table of `resources/common/numerals.json`, validated and compiled once."""
    return _build_table(load_json("common", "numerals.json", NumeralTableFile))


class _FoldMap(dict[int, str]):
    """A lazily filled `str.translate` map: each character to its one-character NFKC form."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        # Only length-preserving folds keep offsets aligned: ㎢ (-> "km2") stays as it is. Circled and
        # other enclosed digits (① -> 1) are list bullets, not numbers, so only full-width digits and
        # superscripts (km² -> km2) become ASCII digits.
        if len(folded) != 1 or (folded.isdigit() and not ("\uff10" <= char <= "\uff19" or char in "²³¹")):
            folded = char
        self[code] = folded
        return folded


_FOLD = _FoldMap({code: chr(code) for code in range(128)})


def fold_chars(text: str) -> str:
    """Fold full-width and compatibility characters one by one, keeping every offset.

    ``３，６００％`` becomes ``3,600%`` and the ideographic space an ASCII space; characters whose NFKC
    form is longer than one character are kept, so ``len(fold_chars(t)) == len(t)`` always holds and
    a match at ``[i:j]`` of the folded text is the span ``[i:j]`` of the original.
    """
    return text.translate(_FOLD)


@dataclass
class _State:
    """The running sums of a multiplier-form numeral (一亿二千三百万)."""

    bigs: list[tuple[Decimal, int]]  # closed terms of large multipliers: (value, multiplier)
    group: Decimal = Decimal(0)  # sum of this group's 千 / 百 / 十 terms
    pending: Decimal | None = None  # a digit or Arabic number waiting for its multiplier
    pending_kanji_after: int = 0  # the multiplier right before a pending kanji digit (一百五 -> 100)
    last_small: int | None = None
    has_fraction: bool = False


def parse_numeral(text: str) -> Decimal:
    """Parse one numeral of either language to an exact Decimal.

    Accepts Arabic digits with separators (``3,600``, ``3，600``), full-width digits, kanji / hanzi
    numerals (``二十三``, ``三千五百``, ``一千二百七十九点二``, ``二〇二五``, ``一五五``), decimals before a
    multiplier (``1279.2亿``, ``8.44万``), mixed forms (``3万5000``, ``1.2万``) and bare multipliers
    (``千亿``, ``百万``, ``万亿``).

    Args:
        text: the numeral alone, without unit or counter.

    Returns:
        The value; integral values have no fractional digits (``Decimal("127920000000")``).

    Raises:
        ValueError: the text is empty, has a character that is not part of a numeral, groups Arabic
            digits wrongly (``1,2345``), or is not a well-formed or unambiguous numeral (``三四``,
            ``万万``, and ``一百五``, which is 105 in Japanese but 150 in colloquial Chinese).
    """
    return _parse_folded(fold_chars(text).strip(), text)


@lru_cache(maxsize=4096)
def _parse_folded(folded: str, original: str) -> Decimal:
    """`parse_numeral` on folded text, cached: a document repeats its numbers and their candidates."""
    if not folded:
        raise ValueError(f"empty numeral {original!r}")
    tokens = _tokenize(folded, load_numeral_table(), original)
    with localcontext() as ctx:
        ctx.prec = 60
        positional = _positional(tokens, original)
        value = positional if positional is not None else _evaluate(tokens, original)
    return _plain(value)


# token kinds: "arabic" (Decimal), "digit" (kanji digit), "small", "large", "point"
_Token = tuple[str, Decimal]


def _tokenize(folded: str, table: NumeralTable, original: str) -> list[_Token]:
    tokens: list[_Token] = []
    arabic = re.compile(r"[0-9][0-9" + re.escape(table.separator) + r"]*(?:\.[0-9]+)?")
    grouped = re.compile(r"[0-9]{1,3}(?:" + re.escape(table.separator) + r"[0-9]{3})*(?:\.[0-9]+)?")
    i = 0
    while i < len(folded):
        char = folded[i]
        if "0" <= char <= "9":
            run = arabic.match(folded, i)
            assert run is not None
            digits = run.group()
            if table.separator in digits and not grouped.fullmatch(digits):
                raise ValueError(f"{original!r}: digits grouped wrongly in {digits!r} (expected groups of three)")
            tokens.append(("arabic", Decimal(digits.replace(table.separator, ""))))
            i = run.end()
            continue
        if char in table.digits:
            tokens.append(("digit", Decimal(table.digits[char])))
        elif char in table.small:
            tokens.append(("small", Decimal(table.small[char])))
        elif char in table.large:
            tokens.append(("large", Decimal(table.large[char])))
        elif char in table.points:
            tokens.append(("point", Decimal(0)))
        else:
            raise ValueError(f"{original!r}: {char!r} at {i} is not part of a numeral")
        i += 1
    return tokens


def _positional(tokens: list[_Token], original: str) -> Decimal | None:
    """Digit-by-digit kanji (二〇二五, 一五五, 三点五), or None when the numeral has multipliers.

    Raises:
        ValueError: two digits side by side (三四), which is an estimate ("three or four").
    """
    kinds = [kind for kind, _ in tokens]
    if any(kind not in ("digit", "point") for kind in kinds) or kinds.count("point") > 1:
        return None
    if kinds[0] == "point" or kinds[-1] == "point":
        return None
    digits = "".join("." if kind == "point" else str(int(value)) for kind, value in tokens)
    whole = digits.partition(".")[0]
    # 三四 / 七八 are "three or four", "seven or eight" (an estimate), not 34 or 78
    if len(whole) == 2 and "0" not in whole:
        raise ValueError(f"{original!r} read digit by digit is an estimate of two numbers, not one number")
    return Decimal(digits)


def _evaluate(tokens: list[_Token], original: str) -> Decimal:
    state = _State(bigs=[])
    previous = ""  # kind of the previous token
    previous_multiplier = 0
    zero_gap = False  # a 零 since the last multiplier: 一百零五 is unambiguous
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "digit" and value == 0 and state.pending is None and tokens[i + 1 : i + 2] == [("point", 0)]:
            state.pending = value  # 零点五万: a zero before the point is the whole part
        elif kind == "digit" and value == 0:
            zero_gap = True
        elif kind in ("digit", "arabic"):
            if state.pending is not None:
                raise ValueError(f"{original!r}: two numbers in a row without a multiplier")
            state.pending = value
            state.has_fraction = False
            if kind == "digit" and previous in ("small", "large") and not zero_gap:
                state.pending_kanji_after = previous_multiplier
            else:
                state.pending_kanji_after = 0
        elif kind == "point":
            i = _fraction(tokens, i, state, previous, original)
        elif kind == "small":
            _apply_small(state, int(value), at_start=i == 0 or (zero_gap and value == 10), original=original)
            zero_gap = False
        else:
            _apply_large(state, int(value), at_start=i == 0, original=original)
            zero_gap = False
        if kind in ("small", "large"):
            previous_multiplier = int(value)
        previous = kind
        i += 1
    _check_trailing_digit(state, original)
    total = state.group + (state.pending or 0)
    return total + sum((v for v, _ in state.bigs), Decimal(0))


def _fraction(tokens: list[_Token], i: int, state: _State, previous: str, original: str) -> int:
    """Read the digits after 点 into the pending number; return the index of the last one read."""
    j = i + 1
    digits = ""
    while j < len(tokens) and tokens[j][0] == "digit":
        digits += str(int(tokens[j][1]))
        j += 1
    if not digits or state.has_fraction or previous == "arabic":
        raise ValueError(f"{original!r}: a decimal point needs kanji digits after it and only one per number")
    if state.pending is None and previous != "small":
        raise ValueError(f"{original!r}: a decimal point needs a number before it")
    # 十点五 -> 10 + .5; 七十九点二 -> 70 + 9.2
    state.pending = (state.pending or Decimal(0)) + Decimal("0." + digits)
    state.has_fraction = True
    state.pending_kanji_after = 0
    return j - 1


def _apply_small(state: _State, multiplier: int, *, at_start: bool, original: str) -> None:
    if state.pending is None:
        # a bare 十 / 千 opens a numeral (十二, 千亿), and 十 may follow 零 (五万零十), but a bare multiplier
        # cannot follow another one (万千)
        if not at_start:
            raise ValueError(f"{original!r}: multiplier {multiplier} has no number before it")
        state.pending = Decimal(1)
    if state.last_small is not None and multiplier >= state.last_small:
        raise ValueError(f"{original!r}: multipliers out of order ({state.last_small} then {multiplier})")
    state.group += state.pending * multiplier
    state.last_small = multiplier
    state.pending = None
    state.pending_kanji_after = 0


def _apply_large(state: _State, multiplier: int, *, at_start: bool, original: str) -> None:
    _check_trailing_digit(state, original)
    present = state.pending is not None or state.last_small is not None
    value = state.group + (state.pending or 0)
    # 万亿 and 一万二千亿: the smaller large terms before 亿 are multiplied by it too
    while state.bigs and state.bigs[-1][1] < multiplier:
        value += state.bigs.pop()[0]
        present = True
    if not present:
        if not at_start:
            raise ValueError(f"{original!r}: multiplier {multiplier} has no number before it")
        value = Decimal(1)
    if state.bigs and state.bigs[-1][1] <= multiplier:
        raise ValueError(f"{original!r}: multiplier {multiplier} repeated or out of order")
    state.bigs.append((value * multiplier, multiplier))
    state.group = Decimal(0)
    state.pending = None
    state.last_small = None
    state.pending_kanji_after = 0


def _check_trailing_digit(state: _State, original: str) -> None:
    # 一百五 is 105 in Japanese but 150 in colloquial Chinese; 两万五 likewise. Refuse to guess.
    if state.pending is not None and state.pending_kanji_after >= 100:
        raise ValueError(
            f"{original!r}: a single digit after multiplier {state.pending_kanji_after} is ambiguous "
            "(一百五 may mean 105 or 150: write 一百零五 or 一百五十)"
        )


def _plain(value: Decimal) -> Decimal:
    """Drop trailing fractional zeros without switching to exponent notation (1.20E+3 -> 1200)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
