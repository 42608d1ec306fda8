"""The packaged Chinese NER: shipped as package data with its license, loaded offline, finding names."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from beihu_extract.labels import load_label_map
from beihu_extract.lang import get_language
from beihu_extract.lang.zh import NER_MODEL
from beihu_extract.schema import EntityType

MODEL_DIR = files("beihu_extract").joinpath(*NER_MODEL)

# (sentence, an entity the model alone should find in it, its UNER label)
SENTENCES = [
    pytest.param("张伟明在上海出生，后来在北京工作。", "张伟明", "PER", id="person"),
    pytest.param("张伟明在上海出生，后来在北京工作。", "上海", "LOC", id="city"),
    pytest.param("联合国秘书长古特雷斯在纽约发表讲话。", "联合国", "ORG", id="organization"),
]


@pytest.fixture(scope="session")
def zh_nlp():
    return get_language("zh").load()


def test_model_files_are_package_data():
    for name in ("config.cfg", "meta.json", "LICENSE", "ATTRIBUTION.md"):
        assert MODEL_DIR.joinpath(name).is_file(), name
    assert MODEL_DIR.joinpath("ner", "model").is_file()


def test_license_and_attribution_beside_the_model():
    license_text = MODEL_DIR.joinpath("LICENSE").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in license_text
    assert "Section 3 -- License Conditions." in license_text
    attribution = MODEL_DIR.joinpath("ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in (
        "UNER Chinese-GSDSimp",
        "Mayhew",
        "NAACL 2024",
        "UD_Chinese-GSDSimp",
        "1f0307599dece7b83f4cba90ce9b63ef37a7b162",
        "7767ea58f565d78517ac328286434a54b16adf83",
        "derived work",
        "CC BY-SA 4.0",
    ):
        assert needle in attribution, needle
    meta = json.loads(MODEL_DIR.joinpath("meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert sorted(meta["labels"]["ner"]) == ["LOC", "ORG", "PER"]


def test_label_map_covers_the_model_labels():
    labels = load_label_map("zh")
    assert labels.get("PER").type is EntityType.PERSON
    assert labels.get("LOC").type is EntityType.LOC
    assert labels.get("ORG").type is EntityType.ORG and labels.get("ORG").subtype is not None
    assert get_language("zh").model_ner


@pytest.mark.model
def test_pipeline_runs_the_packaged_ner_before_names(zh_nlp):
    names = zh_nlp.pipe_names
    assert names.index("ner") < names.index("beihu_names")
    assert sorted(zh_nlp.get_pipe("ner").labels) == ["LOC", "ORG", "PER"]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "label"), SENTENCES)
def test_model_finds_names(zh_nlp, text, name, label):
    doc = zh_nlp(text)
    assert (name, label) in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.model
def test_model_names_reach_the_record(extractor):
    record = extractor.extract("张伟明在上海出生，后来在北京工作。", doc_id="zh-ner", lang="zh")
    assert any(e.type is EntityType.PERSON and e.text == "张伟明" for e in record.entities)


@pytest.mark.parametrize(
    ("words", "ents", "kept"),
    [
        (["云", "说"], [(0, 1, "PER")], []),
        (["李明", "说"], [(0, 1, "PER")], ["李明"]),
        (["沪", "上"], [(0, 1, "LOC")], ["沪"]),
    ],
)
def test_one_character_persons_are_dropped(words, ents, kept):
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from beihu_extract.lang.zh import drop_short_persons

    doc = Doc(Vocab(), words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    assert [e.text for e in drop_short_persons(doc).ents] == kept


@pytest.mark.model
def test_person_filter_runs_after_the_model(zh_nlp):
    from beihu_extract.lang.zh import PERSON_FILTER

    names = zh_nlp.pipe_names
    assert names.index("ner") < names.index(PERSON_FILTER) < names.index("beihu_names")
