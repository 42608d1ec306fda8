"""Every packaged resource file loads and validates."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from beihu_extract.labels import load_label_map
from beihu_extract.layout import load_layout_rules
from beihu_extract.resources import fingerprint, load_json
from beihu_extract.schema import EntityType

ROOT = files("beihu_extract.resources")
JSON_FILES = sorted(
    f"{folder.name}/{item.name}"
    for folder in ROOT.iterdir()
    if folder.is_dir() and not folder.name.startswith("_")
    for item in folder.iterdir()
    if item.name.endswith((".json", ".jsonl"))
)


@pytest.mark.parametrize("name", JSON_FILES)
def test_resource_is_valid_json(name):
    text = ROOT.joinpath(name).read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        for line in filter(str.strip, text.splitlines()):
            json.loads(line)
    else:
        json.loads(text)


def test_ja_label_map_covers_core_labels():
    labels = load_label_map("ja")
    assert labels.get("Company").type is EntityType.ORG and labels.get("Company").subtype == "company"
    assert labels.get("Research_Institute").subtype == "research"
    assert labels.get("Province").type is EntityType.LOC
    assert labels.get("Date") is None and labels.get("Percent") is None


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_language_tables_load(lang):
    load_layout_rules(lang)
    settings = load_json(lang, "keys.json")
    assert settings["opencc"]


def test_fingerprint_is_stable():
    assert fingerprint() == fingerprint()
    assert len(fingerprint()) == 16
