"""The numeral, unit and date tables load and validate; broken tables are refused with a clear message."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from pydantic import ValidationError

from beihu_extract.numerals import NumeralTableFile, load_numeral_table
from beihu_extract.quantities import QuantityTableFile, load_quantity_table
from beihu_extract.resources import load_json
from beihu_extract.timexes import TimexTableFile, load_timex_table

LANGS = ["ja", "zh"]


def _raw(folder: str, name: str) -> dict:
    return json.loads(files("beihu_extract.resources").joinpath(folder, name).read_text(encoding="utf-8"))


def test_numeral_table_loads_and_validates():
    load_json("common", "numerals.json", NumeralTableFile)
    table = load_numeral_table()
    assert table.digits["两"] == 2 and table.large["亿"] == 10**8 and table.small["千"] == 1000


@pytest.mark.parametrize("lang", LANGS)
def test_unit_table_loads_and_validates(lang):
    data = load_json(lang, "units.json", QuantityTableFile)
    assert data.lang.value == lang
    table = load_quantity_table(lang)
    assert table.lang == lang and table.timex.lang == lang
    assert table.units.at("%", 0) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_timex_table_loads_and_validates(lang):
    data = load_json(lang, "timex.json", TimexTableFile)
    assert data.lang.value == lang
    assert load_timex_table(lang).lang == lang


def test_tables_share_one_schema_across_languages():
    for name in ("units.json", "timex.json"):
        assert _raw("ja", name).keys() == _raw("zh", name).keys()


def test_qianian_differs_by_language_in_data():
    assert load_timex_table("ja").relative_years["前年"].offset == -1
    assert load_timex_table("zh").relative_years["前年"].offset == -2


BROKEN_UNITS = [
    pytest.param(("currencies", 0, "unit"), "EUR", "not one of", id="unknown-currency"),
    pytest.param(("durations", 0, "unit"), "week", "not one of", id="unknown-duration-unit"),
    pytest.param(("measures", 0, "unit"), "KM2", "lower case", id="upper-case-measure"),
    pytest.param(("percents", 0, "unit"), "percent", "% or pt", id="bad-percent-unit"),
    pytest.param(("counted", "stop"), "[", "unterminated", id="bad-regex"),
    pytest.param(("counters", 0, "colour"), "red", "Extra inputs", id="unknown-field"),
]


@pytest.mark.parametrize(("path", "value", "message"), BROKEN_UNITS)
def test_broken_unit_table_is_refused(path, value, message):
    data = _raw("zh", "units.json")
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises((ValidationError, ValueError), match=message):
        QuantityTableFile.model_validate(data)


def test_duplicate_unit_word_is_refused():
    data = _raw("ja", "units.json")
    data["measures"].append({"text": "件", "unit": "t"})
    with pytest.raises(ValidationError, match="listed twice"):
        QuantityTableFile.model_validate(data)


def test_broken_numeral_table_is_refused():
    data = _raw("common", "numerals.json")
    data["large_multipliers"]["万"] = 12000
    with pytest.raises(ValidationError, match="power of ten"):
        NumeralTableFile.model_validate(data)
    data = _raw("common", "numerals.json")
    data["digits"]["十"] = 1
    with pytest.raises(ValidationError, match="listed twice"):
        NumeralTableFile.model_validate(data)


def test_broken_timex_table_is_refused():
    data = _raw("ja", "timex.json")
    data["relative_years"]["前年"] = {"offset": -1, "anchor": "story"}
    with pytest.raises(ValidationError, match="anchor"):
        TimexTableFile.model_validate(data)


def test_rank_pattern_needs_a_number_or_value():
    data = _raw("zh", "units.json")
    data["ranks"]["patterns"].append({"pattern": "{scope}榜首"})
    with pytest.raises(ValidationError, match="neither"):
        QuantityTableFile.model_validate(data)
