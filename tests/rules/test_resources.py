"""The fact rule files and lexicons load, validate and refer only to known predicates, sources and lists."""

from __future__ import annotations

from importlib.resources import files

import pytest

from beihu_extract.resources import load_json
from beihu_extract.rules import check_rules
from beihu_extract.rules.lexicon import LexiconFile, WordList, load_lexicon
from beihu_extract.rules.spec import FACT_FILES, RuleFile, load_rules

LANGS = ("ja", "zh")


def _names(lang: str) -> set[str]:
    return {
        p.name for p in files("beihu_extract.resources").joinpath(lang, "facts").iterdir() if p.name.endswith(".json")
    }


def test_same_file_names_in_both_languages():
    assert _names("ja") == _names("zh") == {f"{n}.json" for n in (*FACT_FILES, "lexicon")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fact", FACT_FILES)
def test_rule_file_validates(lang, fact):
    data = load_json(lang, f"facts/{fact}.json", RuleFile)
    assert data.rules, f"{lang}/{fact}.json has no rules"
    assert all(r.id.startswith(f"{lang}.{fact}.") for r in data.rules)


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_validates(lang):
    load_json(lang, "facts/lexicon.json", LexiconFile)
    lex = load_lexicon(lang)
    assert set(lex.maps["status"].values()) == {
        "planned",
        "signed",
        "started",
        "completed",
        "launched",
        "operational",
        "opened",
        "settled",
    }


@pytest.mark.parametrize("lang", LANGS)
def test_rules_refer_to_known_names(lang):
    check_rules(lang)
    ids = [r.id for r in load_rules(lang)]
    assert len(ids) == len(set(ids))


def test_lexicon_rejects_unknown_status():
    data = load_json("ja", "facts/lexicon.json")
    data["maps"]["status"]["着工"] = "begun"
    with pytest.raises(ValueError, match="begun"):
        LexiconFile.model_validate(data)


def test_lexicon_rejects_missing_lists():
    data = load_json("zh", "facts/lexicon.json")
    del data["lists"]["plan"]
    with pytest.raises(ValueError, match="plan"):
        LexiconFile.model_validate(data)


WORDLIST_CASES = [
    pytest.param(["所", "研究所"], "長春光機研究所", 4, "研究所", id="longest-first"),
    pytest.param(["增长", "增"], "同比增长", 2, "增长", id="longest-at-position"),
    pytest.param(["着工"], "着工済み", 1, None, id="no-match"),
]


@pytest.mark.parametrize(("words", "text", "pos", "expected"), WORDLIST_CASES)
def test_wordlist_at(words, text, pos, expected):
    assert WordList(words).at(text, pos) == expected


def test_wordlist_find_and_ending_at():
    wl = WordList(["开工", "开工建设", "竣工"])
    assert wl.find("前年开工建设，今年竣工", 0, 11) == [(2, 6, "开工建设"), (9, 11, "竣工")]
    assert wl.ending_at("前年开工", 4) == "开工"
