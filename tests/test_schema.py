"""The Record models: round trip, invariants, references, and the committed JSON Schema."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from beihu_extract.schema import Record, check_offsets, record_json_schema

from .conftest import GOLD, ROOT

TEXT = "長春新区は全国で第14位、シェアは60%を超え、2024年に着工した。"


def _record(**changes) -> dict:
    data = {
        "doc_id": "d1",
        "lang": "ja",
        "title": None,
        "published_at": "2025-11-19T10:58",
        "source": None,
        "editor": None,
        "entities": [
            {"id": "e1", "text": "長春新区", "start": 0, "end": 4, "type": "ZONE", "subtype": None, "key": "长春新区"}
        ],
        "quantities": [
            {
                "id": "q1",
                "text": "第14位",
                "start": 8,
                "end": 12,
                "kind": "RANK",
                "value": 14,
                "unit": None,
                "qualifier": "exact",
                "counted": None,
            },
            {
                "id": "q2",
                "text": "60%",
                "start": 17,
                "end": 20,
                "kind": "PERCENT",
                "value": 60,
                "unit": "%",
                "qualifier": "more_than",
                "counted": None,
            },
        ],
        "timexes": [{"id": "t1", "text": "2024年", "start": 24, "end": 29, "value": "2024"}],
        "facts": [
            {"id": "f1", "type": "ranking", "evidence": [0, 13], "subject": "e1", "rank": "q1", "scope": "全国"},
            {"id": "f2", "type": "share", "evidence": [0, 23], "subject": "e1", "share": "q2"},
            {"id": "f3", "type": "milestone", "evidence": [0, 35], "subject": "e1", "status": "started", "time": "t1"},
        ],
    }
    data.update(changes)
    return data


def test_round_trip_is_lossless():
    record = Record.model_validate(_record(), context={"text": TEXT})
    again = Record.model_validate_json(record.model_dump_json(), context={"text": TEXT})
    assert again == record
    assert json.loads(record.model_dump_json())["facts"][0]["type"] == "ranking"


def test_facts_are_a_discriminated_union():
    record = Record.model_validate(_record())
    assert [type(f).__name__ for f in record.facts] == ["RankingFact", "ShareFact", "MilestoneFact"]


BAD_RECORDS = [
    pytest.param({"extra_field": 1}, id="extra-field"),
    pytest.param({"lang": "en"}, id="unknown-lang"),
    pytest.param({"published_at": "2025-11-19"}, id="published-at-without-time"),
    pytest.param(
        {
            "entities": [
                {
                    "id": "e1",
                    "text": "長春新区",
                    "start": 4,
                    "end": 4,
                    "type": "ZONE",
                    "subtype": None,
                    "key": "长春新区",
                }
            ]
        },
        id="empty-span",
    ),
    pytest.param(
        {
            "entities": [
                {
                    "id": "e1",
                    "text": "長春新区",
                    "start": 0,
                    "end": 4,
                    "type": "ORG",
                    "subtype": None,
                    "key": "长春新区",
                }
            ]
        },
        id="org-without-subtype",
    ),
    pytest.param(
        {
            "entities": [
                {
                    "id": "e1",
                    "text": "長春新区",
                    "start": 0,
                    "end": 4,
                    "type": "ZONE",
                    "subtype": "company",
                    "key": "长春新区",
                }
            ]
        },
        id="subtype-on-zone",
    ),
    pytest.param(
        {
            "entities": [
                {
                    "id": "e1",
                    "text": "長春新区",
                    "start": 0,
                    "end": 4,
                    "type": "ZONE",
                    "subtype": None,
                    "key": "长春 新区",
                }
            ]
        },
        id="key-with-space",
    ),
    pytest.param(
        {"timexes": [{"id": "t1", "text": "2024年", "start": 24, "end": 29, "value": "2024-13"}]}, id="timex-bad-month"
    ),
]


@pytest.mark.parametrize("changes", BAD_RECORDS)
def test_invalid_records_are_rejected(changes):
    with pytest.raises(ValidationError):
        Record.model_validate(_record(**changes))


def test_quantity_unit_must_fit_kind():
    data = _record()
    data["quantities"][1]["unit"] = "CNY"
    with pytest.raises(ValidationError, match="not allowed for PERCENT"):
        Record.model_validate(data)


def test_fact_references_must_resolve():
    data = _record()
    data["facts"][0]["rank"] = "q2"  # a PERCENT, not a RANK
    with pytest.raises(ValidationError, match="RANK"):
        Record.model_validate(data)
    data = _record()
    data["facts"][2]["subject"] = "e9"
    with pytest.raises(ValidationError, match="not a entity id"):
        Record.model_validate(data)


def test_duplicate_ids_are_rejected():
    data = _record()
    data["timexes"][0]["id"] = "q1"
    with pytest.raises(ValidationError, match="duplicate ids"):
        Record.model_validate(data)


def test_mentions_must_slice_the_text():
    with pytest.raises(ValidationError, match="text\\[0:4\\]"):
        Record.model_validate(_record(), context={"text": "X" + TEXT})
    record = Record.model_validate(_record())
    check_offsets(record, TEXT)


def test_gold_files_validate_with_the_models():
    for path in sorted(GOLD.glob("*.json")):
        text = (ROOT / "corpus" / f"{path.stem}.txt").read_text(encoding="utf-8")
        Record.model_validate_json(path.read_text(encoding="utf-8"), context={"text": text})


def test_committed_json_schema_is_current():
    committed = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    assert committed == record_json_schema(), "schemas/ is stale: run `make schema`"


def test_json_schema_accepts_a_valid_record():
    jsonschema = pytest.importorskip("jsonschema")
    record = Record.model_validate(_record())
    jsonschema.validate(json.loads(record.model_dump_json()), record_json_schema())
