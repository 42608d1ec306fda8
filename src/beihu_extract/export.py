"""Export records.jsonl to normalized tables (documents, entities, quantities, timexes, facts): DuckDB, Parquet, CSV.

Every table is keyed by `doc_id`; mentions by (`doc_id`, `id`). The columns are derived from the pydantic
models of `schema.py`, so a field added to the record appears in the tables without a change here. Mention
offsets are `start_offset` / `end_offset` (``end`` is an SQL keyword). A fact row has one column per slot of
every fact type (null where the type has no such slot); a slot that refers to a mention is resolved into
`<slot>_id` and `<slot>_text`, a list of entity references (`industries`) into `<slot>_ids` and `<slot>_texts`.
Records are read, validated and written in batches, so memory does not grow with the file.
"""

from __future__ import annotations

import json
import os
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel, ValidationError

from beihu_extract.errors import BeihuError
from beihu_extract.schema import (
    FACT_REFERENCES,
    Entity,
    FocusFact,
    MetricFact,
    MilestoneFact,
    Quantity,
    RankingFact,
    Record,
    ShareFact,
    Timex,
)

__all__ = ["FORMATS", "TABLES", "ExportError", "export_records", "read_records", "record_rows", "table_schemas"]

Format = Literal["duckdb", "parquet", "csv"]
FORMATS: tuple[str, ...] = ("duckdb", "parquet", "csv")
TABLES: tuple[str, ...] = ("documents", "entities", "quantities", "timexes", "facts")
FACT_MODELS: tuple[type[BaseModel], ...] = (MetricFact, RankingFact, ShareFact, MilestoneFact, FocusFact)
_MENTION_MODELS: dict[str, type[BaseModel]] = {"entities": Entity, "quantities": Quantity, "timexes": Timex}
_RENAMED = {"start": "start_offset", "end": "end_offset"}
BATCH_RECORDS = 1_000


class ExportError(BeihuError):
    """A records file that cannot be exported (unreadable, a line that is not a Record, duplicate doc_ids)."""


def _strip(annotation: Any) -> list[Any]:
    """The concrete types of an annotation: Annotated and Optional removed, unions flattened."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _strip(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _strip(arg) if t is not type(None)]
    return [annotation]


def _arrow_type(annotation: Any) -> pa.DataType:
    kinds = _strip(annotation)
    if all(k is int for k in kinds):
        return pa.int64()
    if all(k in (int, float) for k in kinds):
        return pa.float64()
    if all(get_origin(k) is list for k in kinds):
        return pa.list_(pa.string())
    return pa.string()  # str, enums, literals


@dataclass(frozen=True)
class _Column:
    """One table column: its name, where its value sits in the model's JSON dump, and its Arrow type."""

    name: str
    path: tuple[str, ...]
    type: pa.DataType


def _model_type(annotation: Any) -> type[BaseModel] | None:
    kinds = _strip(annotation)
    if len(kinds) == 1 and isinstance(kinds[0], type) and issubclass(kinds[0], BaseModel):
        return kinds[0]
    return None


def _columns(model: type[BaseModel], skip: frozenset[str] = frozenset(), prefix: tuple[str, ...] = ()) -> list[_Column]:
    """The columns of `model`'s fields; a nested model (a record's `provenance`) becomes `<field>_<subfield>`."""
    columns = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        nested = _model_type(info.annotation)
        if nested is not None:
            columns += _columns(nested, prefix=(*prefix, name))
        else:
            column = "_".join((*prefix, _RENAMED.get(name, name)))
            columns.append(_Column(column, (*prefix, name), _arrow_type(info.annotation)))
    return columns


def _row(data: dict[str, Any], columns: list[_Column]) -> dict[str, Any]:
    """The values of `columns` out of a model's JSON dump (a missing nested model gives nulls)."""
    row = {}
    for column in columns:
        value: Any = data
        for key in column.path:
            value = value.get(key) if isinstance(value, dict) else None
        row[column.name] = value
    return row


_DOCUMENT_COLUMNS = _columns(Record, skip=frozenset(TABLES))
_MENTION_COLUMNS = {table: _columns(model) for table, model in _MENTION_MODELS.items()}


@dataclass(frozen=True)
class _FactSlot:
    """How one fact field becomes columns: plain, a mention reference, a list of entity references, a span."""

    name: str
    kind: Literal["plain", "ref", "refs", "span"]
    layer: str | None = None


def _fact_slots() -> list[_FactSlot]:
    slots: dict[str, _FactSlot] = {}
    for model in FACT_MODELS:
        fact_type = model.model_fields["type"].default
        references = FACT_REFERENCES.get(fact_type, {})
        for name, info in model.model_fields.items():
            if name in ("id", "type") or name in slots:
                continue
            if name == "evidence":
                slots[name] = _FactSlot(name, "span")
            elif name in references:
                slots[name] = _FactSlot(name, "ref", references[name])
            elif get_origin(_strip(info.annotation)[0]) is list:
                slots[name] = _FactSlot(name, "refs", "entity")  # a list slot holds entity ids (industries)
            else:
                slots[name] = _FactSlot(name, "plain")
    return list(slots.values())


_SLOTS = _fact_slots()


def _fact_fields() -> list[pa.Field]:
    fields = [pa.field("doc_id", pa.string()), pa.field("id", pa.string()), pa.field("type", pa.string())]
    annotations = {n: i.annotation for m in FACT_MODELS for n, i in m.model_fields.items()}
    for slot in _SLOTS:
        if slot.kind == "span":
            fields += [pa.field(f"{slot.name}_start", pa.int64()), pa.field(f"{slot.name}_end", pa.int64())]
        elif slot.kind == "ref":
            fields += [pa.field(f"{slot.name}_id", pa.string()), pa.field(f"{slot.name}_text", pa.string())]
        elif slot.kind == "refs":
            fields += [
                pa.field(f"{slot.name}_ids", pa.list_(pa.string())),
                pa.field(f"{slot.name}_texts", pa.list_(pa.string())),
            ]
        else:
            fields.append(pa.field(slot.name, _arrow_type(annotations[slot.name])))
    return fields


def table_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each table, derived from the record models."""
    doc_id = pa.field("doc_id", pa.string())
    schemas = {"documents": pa.schema([pa.field(c.name, c.type) for c in _DOCUMENT_COLUMNS])}
    for table, columns in _MENTION_COLUMNS.items():
        schemas[table] = pa.schema([doc_id, *(pa.field(c.name, c.type) for c in columns)])
    schemas["facts"] = pa.schema(_fact_fields())
    return schemas


def record_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """The rows of one record in every table, with fact references resolved to mention ids and texts."""
    data = record.model_dump(mode="json")
    doc_id = record.doc_id
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    rows["documents"].append(_row(data, _DOCUMENT_COLUMNS))
    texts: dict[str, dict[str, str]] = {"entity": {}, "quantity": {}, "timex": {}}
    for table, layer in (("entities", "entity"), ("quantities", "quantity"), ("timexes", "timex")):
        for mention in data[table]:
            texts[layer][mention["id"]] = mention["text"]
            rows[table].append({"doc_id": doc_id, **_row(mention, _MENTION_COLUMNS[table])})
    for fact in data["facts"]:
        row: dict[str, Any] = {"doc_id": doc_id, "id": fact["id"], "type": fact["type"]}
        for slot in _SLOTS:
            value = fact.get(slot.name)
            if slot.kind == "span":
                row[f"{slot.name}_start"], row[f"{slot.name}_end"] = value if value is not None else (None, None)
            elif slot.kind == "ref":
                row[f"{slot.name}_id"] = value
                row[f"{slot.name}_text"] = texts[slot.layer or ""].get(value) if value is not None else None
            elif slot.kind == "refs":
                row[f"{slot.name}_ids"] = value
                row[f"{slot.name}_texts"] = [texts["entity"][v] for v in value] if value is not None else None
            else:
                row[slot.name] = value
        rows["facts"].append(row)
    return rows


def read_records(path: Path) -> Iterator[Record]:
    """The Records of a JSONL file, validated; a bad or repeated line raises ExportError naming the line."""
    seen: set[str] = set()
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = Record.model_validate_json(raw)
            except ValidationError as exc:
                torn = "" if raw.endswith(b"\n") else " (an unfinished last line: rerun the batch to repair it)"
                first = exc.errors()[0]
                raise ExportError(f"{path}:{lineno}: not a Record{torn}: {first['msg']}") from None
            if record.doc_id in seen:
                raise ExportError(f"{path}:{lineno}: duplicate doc_id {record.doc_id!r}")
            seen.add(record.doc_id)
            yield record


class _Sink:
    """Receives the batches of each table; `commit` makes the output visible only when all went well."""

    def write(self, table: str, batch: pa.Table) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


class _DuckDBSink(_Sink):
    """The five tables in a DuckDB database file, replaced in one transaction (other tables are kept)."""

    def __init__(self, path: Path, schemas: dict[str, pa.Schema]) -> None:
        import duckdb

        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(path))
        self.con.begin()
        for table, schema in schemas.items():
            self.con.register("_beihu_empty", schema.empty_table())
            self.con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM _beihu_empty')
            self.con.unregister("_beihu_empty")

    def write(self, table: str, batch: pa.Table) -> None:
        self.con.register("_beihu_batch", batch)
        self.con.execute(f'INSERT INTO "{table}" SELECT * FROM _beihu_batch')
        self.con.unregister("_beihu_batch")

    def commit(self) -> None:
        self.con.commit()
        self.con.close()

    def abort(self) -> None:
        self.con.rollback()
        self.con.close()


class _FileSink(_Sink):
    """One file per table in a folder (Parquet or CSV), each written to a temporary name and renamed at the end."""

    def __init__(self, folder: Path, schemas: dict[str, pa.Schema], fmt: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.paths = {t: folder / f"{t}.{fmt}" for t in schemas}
        self.writers: dict[str, Any] = {}
        for table, schema in schemas.items():
            tmp = self._tmp(table)
            if fmt == "parquet":
                import pyarrow.parquet as pq

                self.writers[table] = pq.ParquetWriter(tmp, schema)
            else:
                import pyarrow.csv as pcsv

                self.writers[table] = pcsv.CSVWriter(tmp, _csv_schema(schema))

    def _tmp(self, table: str) -> Path:
        return self.paths[table].with_name(self.paths[table].name + ".tmp")

    def write(self, table: str, batch: pa.Table) -> None:
        self.writers[table].write_table(batch if self.fmt == "parquet" else _csv_table(batch))

    def commit(self) -> None:
        for table, writer in self.writers.items():
            writer.close()
            os.replace(self._tmp(table), self.paths[table])

    def abort(self) -> None:
        for table, writer in self.writers.items():
            writer.close()
            self._tmp(table).unlink(missing_ok=True)


def _csv_schema(schema: pa.Schema) -> pa.Schema:
    """CSV has no lists: list columns become JSON arrays in a string column."""
    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in schema])


def _csv_table(table: pa.Table) -> pa.Table:
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        if pa.types.is_list(field.type):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in column.to_pylist()]
            column = pa.array(values, type=pa.string())
        columns.append(column)
    return pa.table(columns, schema=_csv_schema(table.schema))


def export_records(records: Path, to: Format | str, out: Path, *, batch_records: int = BATCH_RECORDS) -> dict[str, int]:
    """Write the records of `records` (JSONL) as the five normalized tables.

    Args:
        records: a records.jsonl file (one Record per line).
        to: ``duckdb`` (`out` is the database file), ``parquet`` or ``csv`` (`out` is a folder of
            `<table>.parquet` / `<table>.csv`).
        out: where to write.
        batch_records: records validated and converted per batch.

    Returns:
        The number of rows written to each table.

    Raises:
        ExportError: the file cannot be read, a line is not a valid Record, or a doc_id repeats;
            nothing is replaced then.
    """
    if to not in FORMATS:
        raise ExportError(f"unknown format {to!r} (expected one of {', '.join(FORMATS)})")
    if not records.is_file():
        raise ExportError(f"{records}: no such file")
    schemas = table_schemas()
    sink: _Sink = _DuckDBSink(out, schemas) if to == "duckdb" else _FileSink(out, schemas, to)
    counts = dict.fromkeys(TABLES, 0)
    pending: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}

    def flush() -> None:
        for table, rows in pending.items():
            if rows:
                sink.write(table, pa.Table.from_pylist(rows, schema=schemas[table]))
                counts[table] += len(rows)
                rows.clear()

    try:
        for n, record in enumerate(read_records(records), start=1):
            for table, rows in record_rows(record).items():
                pending[table] += rows
            if n % batch_records == 0:
                flush()
        flush()
    except BaseException:
        sink.abort()
        raise
    sink.commit()
    return counts
