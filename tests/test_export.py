"""Exports: DuckDB, Parquet and CSV tables hold exactly the records, with fact slots resolved to mentions."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import duckdb
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from beihu_extract import schema
from beihu_extract.cli import app
from beihu_extract.export import TABLES, ExportError, export_records, read_records, table_schemas
from beihu_extract.schema import MilestoneFact, Record

runner = CliRunner()

TEXT_A = "長春新区で工場着工\n2025年3月、長春新区で新材料の工場が着工した。総投資は約2億元。重点は新材料と光電情報。"
TEXT_B = "长春新区排名\n长春新区位列全国第14位。"


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _record_a() -> Record:
    t = TEXT_A

    def ent(i: int, part: str, typ: str, nth: int = 0) -> dict:
        s, e = _span(t, part, nth)
        return {"id": f"e{i}", "text": part, "start": s, "end": e, "type": typ, "subtype": None, "key": part}

    entities = [
        ent(1, "長春新区", "ZONE"),
        ent(2, "長春新区", "ZONE", 1),
        ent(3, "新材料", "INDUSTRY"),
        ent(4, "新材料", "INDUSTRY", 1),
        ent(5, "光電情報", "INDUSTRY"),
    ]
    qs, qe = _span(t, "約2億元")
    ts, te = _span(t, "2025年3月")
    data = {
        "doc_id": "a",
        "lang": "ja",
        "title": "長春新区で工場着工",
        "published_at": "2025-11-19T10:58",
        "source": "長春政事児",
        "editor": None,
        "entities": entities,
        "quantities": [
            {
                "id": "q1",
                "text": "約2億元",
                "start": qs,
                "end": qe,
                "kind": "MONEY",
                "value": 200000000.0,
                "unit": "CNY",
                "qualifier": "approx",
                "counted": None,
            }
        ],
        "timexes": [{"id": "t1", "text": "2025年3月", "start": ts, "end": te, "value": "2025-03"}],
        "facts": [
            {
                "id": "f1",
                "type": "milestone",
                "evidence": list(_span(t, "2025年3月、長春新区で新材料の工場が着工した。")),
                "subject": "e2",
                "status": "started",
                "time": "t1",
                "place": "e2",
            },
            {"id": "f2", "type": "metric", "evidence": list(_span(t, "総投資は約2億元。")), "subject": "e2",
             "measure": "総投資", "quantity": "q1"},
            {"id": "f3", "type": "focus", "evidence": list(_span(t, "重点は新材料と光電情報。")), "subject": "e2",
             "industries": ["e4", "e5"]},
        ],
    }  # fmt: skip
    if "rule" in MilestoneFact.model_fields:  # provenance, where the schema has it
        data["facts"][0]["rule"] = "ja.milestone.started"
    if "provenance" in Record.model_fields:
        data["provenance"] = {
            "encoding": "utf-8",
            "text_chars": len(t),
            "text_sha256": hashlib.sha256(t.encode()).hexdigest(),
            "lang_detected": "ja",
            "lang_source": "detected",
            "warnings": ["a test warning"],
        }
    return Record.model_validate(data, context={"text": t})


def _record_b() -> Record:
    t = TEXT_B
    s, e = _span(t, "长春新区", 1)
    rs, re_ = _span(t, "第14位")
    data = {
        "doc_id": "b",
        "lang": "zh",
        "title": "长春新区排名",
        "published_at": None,
        "source": None,
        "editor": None,
        "entities": [{"id": "e1", "text": "长春新区", "start": s, "end": e, "type": "ZONE", "subtype": None,
                      "key": "长春新区"}],
        "quantities": [{"id": "q1", "text": "第14位", "start": rs, "end": re_, "kind": "RANK", "value": 14.0,
                        "unit": None, "qualifier": "exact", "counted": None}],
        "timexes": [],
        "facts": [{"id": "f1", "type": "ranking", "evidence": [s, len(t)], "subject": "e1", "rank": "q1",
                   "scope": "全国"}],
    }  # fmt: skip
    return Record.model_validate(data, context={"text": t})


@pytest.fixture
def records_file(tmp_path) -> Path:
    path = tmp_path / "records.jsonl"
    empty = Record(
        doc_id="c",
        lang="ja",
        title=None,
        published_at=None,
        source=None,
        editor=None,
        entities=[],
        quantities=[],
        timexes=[],
        facts=[],
    )
    path.write_text("".join(r.model_dump_json() + "\n" for r in (_record_a(), _record_b(), empty)), encoding="utf-8")
    return path


def _expected_counts(path: Path) -> dict[str, int]:
    records = list(read_records(path))
    counts = {"documents": len(records)}
    for table in ("entities", "quantities", "timexes", "facts"):
        counts[table] = sum(len(getattr(r, table)) for r in records)
    return counts


def _mentions_by_key(records: list[Record], layer: str) -> dict[tuple[str, str], dict]:
    out = {}
    for r in records:
        for m in getattr(r, layer):
            row = m.model_dump(mode="json")
            row["start_offset"], row["end_offset"] = row.pop("start"), row.pop("end")
            out[(r.doc_id, m.id)] = row
    return out


def _flat(data: dict) -> dict:
    """The documents row of a record's dump: its nested provenance as `provenance_<field>` columns."""
    out = {k: v for k, v in data.items() if k != "provenance"}
    provenance = getattr(schema, "Provenance", None)
    if provenance is not None:
        for name in provenance.model_fields:
            out[f"provenance_{name}"] = (data.get("provenance") or {}).get(name)
    return out


def _check_round_trip(tables: dict[str, list[dict]], records_path: Path) -> None:
    records = list(read_records(records_path))
    assert {t: len(rows) for t, rows in tables.items()} == _expected_counts(records_path)
    docs = {row["doc_id"]: row for row in tables["documents"]}
    for r in records:
        expected = _flat(r.model_dump(mode="json", exclude={"entities", "quantities", "timexes", "facts"}))
        assert docs[r.doc_id] == expected
    for layer in ("entities", "quantities", "timexes"):
        got = {(row["doc_id"], row["id"]): {k: v for k, v in row.items() if k != "doc_id"} for row in tables[layer]}
        assert got == _mentions_by_key(records, layer)
    facts = {(row["doc_id"], row["id"]): row for row in tables["facts"]}
    for r in records:
        texts = {m.id: m.text for m in r.mentions()}
        for fact in r.facts:
            row = facts[(r.doc_id, fact.id)]
            for name, value in fact.model_dump(mode="json").items():
                if name == "evidence":
                    assert [row["evidence_start"], row["evidence_end"]] == value
                elif name == "industries":
                    assert (row["industries_ids"], row["industries_texts"]) == (value, [texts[v] for v in value])
                elif f"{name}_id" in row:
                    assert (row[f"{name}_id"], row[f"{name}_text"]) == (value, texts.get(value))
                else:
                    assert row[name] == value, name
    milestone = facts[("a", "f1")]
    assert (milestone["type"], milestone["status"]) == ("milestone", "started")
    assert (milestone["subject_id"], milestone["subject_text"]) == ("e2", "長春新区")
    assert (milestone["place_id"], milestone["place_text"], milestone["time_text"]) == ("e2", "長春新区", "2025年3月")
    assert (milestone["evidence_start"], milestone["evidence_end"]) == tuple(records[0].facts[0].evidence)
    assert milestone["quantity_id"] is None and milestone["measure"] is None
    metric = facts[("a", "f2")]
    assert (metric["measure"], metric["quantity_id"], metric["quantity_text"]) == ("総投資", "q1", "約2億元")
    focus = facts[("a", "f3")]
    assert focus["industries_ids"] == ["e4", "e5"] and focus["industries_texts"] == ["新材料", "光電情報"]
    ranking = facts[("b", "f1")]
    assert (ranking["rank_id"], ranking["rank_text"], ranking["scope"]) == ("q1", "第14位", "全国")


def _duckdb_tables(path: Path) -> dict[str, list[dict]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in TABLES:
            cursor = con.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            out[table] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        return out
    finally:
        con.close()


def test_duckdb_round_trip(records_file, tmp_path):
    db = tmp_path / "records.duckdb"
    counts = export_records(records_file, "duckdb", db)
    assert counts == _expected_counts(records_file)
    _check_round_trip(_duckdb_tables(db), records_file)


def test_parquet_round_trip(records_file, tmp_path):
    folder = tmp_path / "parquet"
    export_records(records_file, "parquet", folder)
    tables = {t: pq.read_table(folder / f"{t}.parquet").to_pylist() for t in TABLES}
    assert {t: pq.read_schema(folder / f"{t}.parquet") for t in TABLES} == table_schemas()
    _check_round_trip(tables, records_file)


def test_csv_round_trip(records_file, tmp_path):
    folder = tmp_path / "csv"
    export_records(records_file, "csv", folder)
    schemas = table_schemas()
    tables = {}
    for table in TABLES:
        types = {f.name: f.type for f in schemas[table] if not str(f.type).startswith("list")}
        options = pcsv.ConvertOptions(column_types=types, strings_can_be_null=True)
        rows = pcsv.read_csv(folder / f"{table}.csv", convert_options=options).to_pylist()
        lists = [f.name for f in schemas[table] if str(f.type).startswith("list")]
        for row in rows:
            for name in lists:
                if row[name] is not None:
                    row[name] = json.loads(row[name])
        tables[table] = rows
    _check_round_trip(tables, records_file)


def test_readme_sample_query_finds_started_milestones_with_their_zones(records_file, tmp_path):
    db = tmp_path / "records.duckdb"
    export_records(records_file, "duckdb", db)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    query = readme.split("<!-- sample-query -->")[1].split("```sql")[1].split("```")[0]
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(query).fetchall()
    con.close()
    assert rows == [("a", "長春新区", "started", "長春新区", "長春新区", "2025-03", "長春新区で工場着工")]


def test_readme_documents_every_column():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exports")[1].split("\n## ")[0]
    wildcards = re.findall(r"`([a-z_]+_)\*`", section)  # `provenance_*` documents every provenance column
    missing = {
        f"{t}.{f.name}"
        for t, schema in table_schemas().items()
        for f in schema
        if f"`{f.name}`" not in section and not any(f.name.startswith(w) for w in wildcards)
    }
    assert not missing


def test_export_replaces_its_tables_and_keeps_others(records_file, tmp_path):
    db = tmp_path / "records.duckdb"
    export_records(records_file, "duckdb", db)
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE mine AS SELECT 1 AS x")
    con.close()
    export_records(records_file, "duckdb", db)
    tables = _duckdb_tables(db)
    assert len(tables["documents"]) == 3
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT x FROM mine").fetchall() == [(1,)]
    con.close()


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        pytest.param('{"doc_id": "d", "lang"', "unfinished last line", id="torn"),
        pytest.param('{"doc_id": "x"}\n', "not a Record", id="not-a-record"),
        pytest.param(None, "duplicate doc_id 'a'", id="duplicate"),
    ],
)
def test_bad_records_file_is_an_error_naming_the_line_and_nothing_is_replaced(records_file, tmp_path, tail, message):
    db = tmp_path / "records.duckdb"
    export_records(records_file, "duckdb", db)
    with records_file.open("a", encoding="utf-8") as handle:
        handle.write(tail if tail is not None else _record_a().model_dump_json() + "\n")
    with pytest.raises(ExportError, match=message) as info:
        export_records(records_file, "duckdb", db, batch_records=1)
    assert f"{records_file}:4" in str(info.value)
    assert len(_duckdb_tables(db)["documents"]) == 3  # the earlier export is intact


def test_cli_export_every_format(records_file, tmp_path):
    for fmt, out in (("duckdb", tmp_path / "r.duckdb"), ("parquet", tmp_path / "pq"), ("csv", tmp_path / "csv")):
        result = runner.invoke(app, ["export", str(records_file), "--to", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "3 documents, 6 entities, 2 quantities, 1 timexes, 4 facts" in result.stderr
    result = runner.invoke(app, ["export", str(records_file), "--to", "xlsx", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    result = runner.invoke(
        app, ["export", str(tmp_path / "missing.jsonl"), "--to", "csv", "--out", str(tmp_path / "m")]
    )
    assert result.exit_code == 1 and "no such file" in result.stderr
