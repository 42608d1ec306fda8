"""Loading gold records, predicted records and corpus texts for evaluation, with errors that name the file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from beihu_extract.schema import Record

__all__ = ["EvalInputError", "load_gold", "load_predictions", "load_texts", "read_text"]


class EvalInputError(ValueError):
    """A gold, prediction or corpus file that cannot be used; the message starts with the file's path."""


def read_text(path: str | Path) -> str:
    """Read a document as SPEC 1 says: UTF-8, a leading BOM removed, line ends kept as they are."""
    return Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")


def load_texts(corpus_dir: str | Path, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Read ``<corpus_dir>/<doc_id>.txt`` for the given ids (all ``*.txt`` files when None).

    Args:
        corpus_dir: The folder of documents.
        doc_ids: The ids to read; ids without a file are left out of the result.

    Returns:
        The texts by doc id.
    """
    corpus = Path(corpus_dir)
    if doc_ids is None:
        return {p.stem: read_text(p) for p in sorted(corpus.glob("*.txt"))}
    paths = {doc_id: corpus / f"{doc_id}.txt" for doc_id in doc_ids}
    return {doc_id: read_text(p) for doc_id, p in paths.items() if p.is_file()}


def _validate(data: Any, where: str, text: str | None) -> Record:
    context = {"text": text} if text is not None else None
    try:
        return Record.model_validate(data, context=context)
    except ValidationError as exc:
        raise EvalInputError(f"{where}: not a valid Record: {exc}") from exc


def load_gold(gold_dir: str | Path, corpus_dir: str | Path | None = None) -> dict[str, Record]:
    """Load and validate every ``<gold_dir>/<doc_id>.json`` against its text ``<corpus_dir>/<doc_id>.txt``.

    Each file is validated with ``Record.model_validate(data, context={"text": text})``, so every
    mention must slice the document exactly.

    Args:
        gold_dir: The folder of gold records.
        corpus_dir: The folder of documents; defaults to ``corpus`` beside `gold_dir`.

    Returns:
        The gold records by doc id, in id order.

    Raises:
        EvalInputError: Naming the file, when the folder is missing, a text is missing, a file is not
            JSON, a record does not validate against its text, or its ``doc_id`` is not the file stem.
    """
    gold_path = Path(gold_dir)
    corpus = Path(corpus_dir) if corpus_dir is not None else gold_path.parent / "corpus"
    if not gold_path.is_dir():
        raise EvalInputError(f"{gold_path}: no such gold folder")
    records: dict[str, Record] = {}
    for path in sorted(gold_path.glob("*.json")):
        text_path = corpus / f"{path.stem}.txt"
        if not text_path.is_file():
            raise EvalInputError(f"{path}: no text {text_path} for this gold file")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{path}: not valid JSON: {exc}") from exc
        record = _validate(data, str(path), read_text(text_path))
        if record.doc_id != path.stem:
            raise EvalInputError(f"{path}: doc_id {record.doc_id!r} differs from the file name {path.stem!r}")
        records[record.doc_id] = record
    return records


def load_predictions(path: str | Path, texts: Mapping[str, str] | None = None) -> dict[str, Record]:
    """Load predicted records from a JSONL file (one Record per line) or a folder of ``*.json`` files.

    Args:
        path: The JSONL file or the folder.
        texts: Document texts by id; when given, a record whose text is known is validated against it.

    Returns:
        The records by doc id.

    Raises:
        EvalInputError: Naming the file (and line), when a record is not valid or an id repeats.
    """
    source = Path(path)
    items: list[tuple[str, Any]] = []
    if source.is_dir():
        for p in sorted(source.glob("*.json")):
            try:
                items.append((str(p), json.loads(p.read_text(encoding="utf-8"))))
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{p}: not valid JSON: {exc}") from exc
    elif source.is_file():
        for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((f"{source}:{n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{source}:{n}: not valid JSON: {exc}") from exc
    else:
        raise EvalInputError(f"{source}: no such file or folder")
    records: dict[str, Record] = {}
    for where, data in items:
        doc_id = data.get("doc_id") if isinstance(data, dict) else None
        text = texts.get(doc_id) if texts is not None and isinstance(doc_id, str) else None
        record = _validate(data, where, text)
        if record.doc_id in records:
            raise EvalInputError(f"{where}: doc_id {record.doc_id!r} appears twice")
        records[record.doc_id] = record
    return records
