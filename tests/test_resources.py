"""Every packaged resource file loads and validates."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from beihu_extract.labels import load_label_map
from beihu_extract.layout import load_layout_rules
from beihu_extract.resources import data_roots, fingerprint, load_json
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


def test_fingerprint_covers_the_shipped_models():
    roots = data_roots()
    assert "models/" in roots
    assert any(item.name == "zh_uner_ner" for item in roots["models/"].iterdir())


def test_fingerprint_changes_with_any_data_file(tmp_path):
    resources, models = tmp_path / "resources", tmp_path / "models" / "ner"
    resources.mkdir()
    models.mkdir(parents=True)
    (resources / "units.json").write_text("{}", encoding="utf-8")
    (models / "model").write_bytes(b"\x00\x01")
    (models / "loader.py").write_text("# code is not data\n", encoding="utf-8")

    def current() -> str:
        return fingerprint({"": resources, "models/": tmp_path / "models"})

    before = current()
    (models / "loader.py").write_text("# changed code\n", encoding="utf-8")
    assert current() == before
    (models / "model").write_bytes(b"\x00\x02")
    after_model = current()
    assert after_model != before
    (resources / "units.json").write_text('{"a": 1}', encoding="utf-8")
    assert current() not in (before, after_model)
