"""Batch runs: a stream of documents through the one extraction path into records.jsonl and errors.jsonl."""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from beihu_extract import __version__
from beihu_extract.documents import Document, iter_documents
from beihu_extract.errors import DocumentError, InputError
from beihu_extract.pipeline import Extractor
from beihu_extract.resources import fingerprint
from beihu_extract.schema import Record

__all__ = ["BatchSummary", "error_entry", "run_batch"]


@dataclass
class BatchSummary:
    """Counts and timings of one batch run, written to summary.json."""

    documents: int = 0
    succeeded: int = 0
    failed: int = 0
    characters: int = 0
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    resources: str = ""

    def to_json(self) -> dict[str, object]:
        rate = self.seconds or float("nan")
        return {
            "documents": self.documents,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.documents / rate, 3) if self.seconds else None,
            "chars_per_second": round(self.characters / rate, 1) if self.seconds else None,
            "versions": self.versions,
            "resources": self.resources,
        }


def error_entry(error: DocumentError, source: str | None = None) -> dict[str, str | None]:
    """The errors.jsonl line of a failed document."""
    return {
        "doc_id": error.doc_id,
        "source": source,
        "error": type(error).__name__,
        "message": error.problem,
    }


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"beihu-extract": __version__, "python": platform.python_version()}
    for dist in ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core", "jieba", "opencc", "pydantic"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            continue
    return out


def _stream(inputs: Iterable[Path], errors: list[tuple[InputError, str | None]]) -> Iterator[Document]:
    for item in iter_documents(inputs):
        if isinstance(item, InputError):
            errors.append((item, None))
        else:
            yield item


def run_batch(
    inputs: Iterable[Path],
    out_dir: Path,
    *,
    extractor: Extractor | None = None,
    progress: bool | None = None,
) -> BatchSummary:
    """Extract every document of `inputs` into `out_dir/records.jsonl`; failures go to `errors.jsonl`.

    Each record is appended and flushed as soon as it is made, so an interrupted run keeps
    everything it finished. `summary.json` holds counts, timings, versions and a resource hash.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    extractor = extractor or Extractor()
    summary = BatchSummary(versions=_versions(), resources=fingerprint())
    show = sys.stderr.isatty() if progress is None else progress
    started = time.perf_counter()
    input_errors: list[tuple[InputError, str | None]] = []
    with (
        (out_dir / "records.jsonl").open("w", encoding="utf-8") as records,
        (out_dir / "errors.jsonl").open("w", encoding="utf-8") as errors,
    ):
        results = extractor.extract_many(_stream(inputs, input_errors))
        for doc, result in _with_progress(results, show):
            _drain(input_errors, errors, summary)
            summary.documents += 1
            summary.characters += len(doc.text)
            if isinstance(result, Record):
                _write_line(records, result.model_dump_json())
                summary.succeeded += 1
            else:
                _write_line(errors, json.dumps(error_entry(result, doc.source), ensure_ascii=False))
                summary.failed += 1
        _drain(input_errors, errors, summary)
    summary.seconds = time.perf_counter() - started
    (out_dir / "summary.json").write_text(
        json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return summary


def _drain(pending: list[tuple[InputError, str | None]], errors: IO[str], summary: BatchSummary) -> None:
    for error, source in pending:
        _write_line(errors, json.dumps(error_entry(error, source), ensure_ascii=False))
        summary.documents += 1
        summary.failed += 1
    pending.clear()


def _write_line(handle: IO[str], line: str) -> None:
    handle.write(line + "\n")
    handle.flush()


def _with_progress(results: Iterator, show: bool) -> Iterator:
    if not show:
        yield from results
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    chars = 0
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("extracting", total=None, rate="")
        for doc, result in results:
            chars += len(doc.text)
            elapsed = max(time.perf_counter() - started, 1e-9)
            done = bar.tasks[0].completed + 1
            bar.update(task, advance=1, rate=f"{done / elapsed:.1f} docs/s {chars / elapsed:,.0f} chars/s")
            yield doc, result
