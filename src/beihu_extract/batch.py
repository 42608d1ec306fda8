"""Batch runs: a stream of documents through the one extraction path into a resumable output folder.

The output folder is a store keyed by `doc_id`:

- `records.jsonl`: one Record per line, each appended and flushed as soon as it is made;
- `index.jsonl`: `{"doc_id", "sha256", "pipeline"}` per record, appended right after it — the content hash
  that lets a rerun skip what is already done (a Record has no room for it);
- `errors.jsonl`: `{"doc_id", "source", "error", "message"}` for every document that failed;
- `summary.json`: counts, timings, engine, per-worker peak RSS, versions and the resource/model hashes.

A run first brings the store in line with its input: a torn last line (a run killed mid-write) is cut off,
records of input documents whose content changed (or all of them with `force`) and records without an index
entry (killed between the two writes) are dropped, and so are the errors of input documents, which are
retried. Then every input document that has no record yet is extracted and appended. Records of documents
not in the input are kept, so daily folders can go into one store. The index is rewritten before the
records, and appended after them, so at any instant a killed run leaves files to resume from with no
duplicate and no lost record. Memory holds ids and hashes only, never texts or records beyond the chunks
in flight.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from beihu_extract import __version__
from beihu_extract.documents import Document, iter_documents
from beihu_extract.engines import (
    ChunkResult,
    Engine,
    InlineEngine,
    Outcome,
    make_engine,
    ordered_results,
)
from beihu_extract.errors import BeihuError, DocumentError, InputError
from beihu_extract.pipeline import DEFAULT_MAX_CHARS, Extractor, get_extractor, length_error
from beihu_extract.resources import fingerprint

__all__ = [
    "ERRORS_FILE",
    "INDEX_FILE",
    "RECORDS_FILE",
    "SUMMARY_FILE",
    "BatchError",
    "BatchSummary",
    "content_hash",
    "error_entry",
    "pipeline_hash",
    "repair_torn_tail",
    "run_batch",
]

RECORDS_FILE = "records.jsonl"
ERRORS_FILE = "errors.jsonl"
INDEX_FILE = "index.jsonl"
SUMMARY_FILE = "summary.json"
LOCK_FILE = ".lock"

# Documents sent to a worker at once: enough text to keep nlp.pipe busy, small enough to balance workers
# (a Japanese chunk of 4,000 characters is a few seconds of work; Chinese is several times faster).
CHUNK_CHARS = 4_000
CHUNK_DOCS = 8

# Packages whose versions decide what the extraction produces.
_MODEL_PACKAGES = ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core", "jieba", "opencc", "pydantic")


class BatchError(BeihuError):
    """A batch that cannot run on its output folder (another run holds it)."""


@dataclass
class BatchSummary:
    """Counts and timings of one batch run, written to summary.json.

    `documents` counts every input item (readable or not); it equals `skipped + succeeded + failed`.
    `skipped_other_pipeline` counts skipped documents whose record was made with other resources or model
    versions (`--force` redoes them).
    """

    documents: int = 0
    skipped: int = 0
    skipped_other_pipeline: int = 0
    succeeded: int = 0
    failed: int = 0
    characters: int = 0
    records_in_store: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    engine: dict[str, Any] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    resources: str = ""
    pipeline: str = ""
    status: str = "running"

    def to_json(self) -> dict[str, object]:
        """The summary as written to summary.json."""
        extract_s = self.timings.get("extract", 0.0)
        done = self.succeeded + self.failed
        return {
            "status": self.status,
            "documents": self.documents,
            "skipped": self.skipped,
            "skipped_other_pipeline": self.skipped_other_pipeline,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "characters": self.characters,
            "records_in_store": self.records_in_store,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(done / extract_s, 3) if extract_s else None,
            "chars_per_second": round(self.characters / extract_s, 1) if extract_s else None,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "engine": self.engine,
            "peak_rss_mb": self.peak_rss_mb,
            "repairs": self.repairs,
            "versions": self.versions,
            "resources": self.resources,
            "pipeline": self.pipeline,
        }


def error_entry(error: DocumentError, source: str | None = None) -> dict[str, str | None]:
    """The errors.jsonl line of a failed document."""
    return {
        "doc_id": error.doc_id,
        "source": source,
        "error": type(error).__name__,
        "message": error.problem,
    }


def content_hash(doc: Document) -> str:
    """The SHA-256 of what decides a document's record: its text and its language hint."""
    digest = hashlib.sha256()
    digest.update((doc.lang or "").encode())
    digest.update(b"\0")
    digest.update(doc.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """Versions of Python, beihu-extract and every package that shapes the records."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"beihu-extract": __version__, "python": platform.python_version()}
    for dist in _MODEL_PACKAGES:
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            continue
    return out


def pipeline_hash(resources: str | None = None, package_versions: dict[str, str] | None = None) -> str:
    """A short hash of the resources and model versions: equal hashes mean the same extraction."""
    package_versions = package_versions if package_versions is not None else versions()
    payload = json.dumps(
        {"resources": resources or fingerprint(), "versions": {k: v for k, v in package_versions.items()}},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def repair_torn_tail(path: Path) -> int:
    """Cut a last line that has no newline (a write interrupted by a kill); returns the bytes removed.

    Every complete JSON line ends with a newline and holds none inside, so whatever follows the last
    newline is an unfinished write.
    """
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as handle:
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return 0
        keep, pos = 0, size
        while pos > 0:
            start = max(0, pos - 65_536)
            handle.seek(start)
            found = handle.read(pos - start).rfind(b"\n")
            if found >= 0:
                keep = start + found + 1
                break
            pos = start
        handle.truncate(keep)
    return size - keep


def _rewrite(path: Path, lines: Iterable[bytes]) -> None:
    """Replace `path` by `lines` atomically: a kill leaves either the old file or the new one."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        for line in lines:
            handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _raw_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) of a file, newline kept."""
    with path.open("rb") as handle:
        yield from enumerate(handle)


def _json_lines(path: Path) -> Iterator[tuple[int, bytes, dict[str, Any] | None]]:
    """(line number, raw line, parsed object or None when the line is not a JSON object)."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle):
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                obj = None
            yield lineno, raw, obj if isinstance(obj, dict) else None


# Records are written by pydantic with doc_id first: `{"doc_id":"…",` — read it without parsing the rest.
_DOC_ID_PREFIX = re.compile(rb'^\{"doc_id":("(?:[^"\\]|\\.)*"),')


def _record_ids(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, doc_id or None when the line is not a JSON object with a string doc_id)."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle):
            match = _DOC_ID_PREFIX.match(raw)
            if match and raw.rstrip().endswith(b"}"):
                yield lineno, json.loads(match[1])
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                obj = None
            doc_id = obj.get("doc_id") if isinstance(obj, dict) else None
            yield lineno, doc_id if isinstance(doc_id, str) else None


@dataclass
class _InputScan:
    """What a first pass over the input learns: ids and hashes only."""

    hashes: dict[str, str] = field(default_factory=dict)
    error_ids: set[str] = field(default_factory=set)
    items: int = 0


def _scan_input(inputs: Sequence[Path]) -> _InputScan:
    scan = _InputScan()
    for item in iter_documents(inputs):
        scan.items += 1
        if isinstance(item, InputError):
            scan.error_ids.add(item.doc_id)
        else:
            scan.hashes.setdefault(item.doc_id, content_hash(item))
    return scan


class _Store:
    """The output folder: reconciles it with the input, then appends records, index entries and errors."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir
        self.records = out_dir / RECORDS_FILE
        self.index = out_dir / INDEX_FILE
        self.errors = out_dir / ERRORS_FILE
        self.repairs: dict[str, int] = {}
        self.record_count = 0
        self.other_pipeline = 0
        self._handles: dict[str, IO[bytes]] = {}
        self._lock: IO[bytes] | None = None

    def lock(self) -> None:
        """Take the folder's lock for this process's lifetime: two runs appending to one store would mix.

        Raises:
            BatchError: another batch holds the lock.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return
        handle = (self.dir / LOCK_FILE).open("ab")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise BatchError(f"{self.dir}: another batch is writing to this folder") from None
        self._lock = handle

    def unlock(self) -> None:
        """Release the folder's lock."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def reconcile(self, scan: _InputScan, *, force: bool, pipeline: str) -> set[str]:
        """Repair and compact the store for this input; returns the ids whose records are up to date."""
        for path in (self.records, self.index, self.errors):
            torn = repair_torn_tail(path)
            if torn:
                self.repairs[f"torn_bytes_{path.stem}"] = torn
        hashes: dict[str, tuple[str, str]] = {}
        index_lines = 0
        for _, _, obj in _json_lines(self.index):
            index_lines += 1
            if obj and isinstance(obj.get("doc_id"), str) and isinstance(obj.get("sha256"), str):
                hashes[obj["doc_id"]] = (obj["sha256"], str(obj.get("pipeline", "")))
        last_line: dict[str, int] = {}  # a doc_id's last line in records.jsonl; earlier ones are duplicates
        record_lines = 0
        for lineno, doc_id in _record_ids(self.records):
            record_lines += 1
            if doc_id is not None:
                last_line[doc_id] = lineno
        done = {
            doc_id
            for doc_id in last_line
            if not force and doc_id in scan.hashes and hashes.get(doc_id, ("", ""))[0] == scan.hashes[doc_id]
        }
        # input documents that changed, were forced, or lost their index entry to a kill: extracted again
        drop = {doc_id for doc_id in last_line if doc_id in scan.hashes and doc_id not in done}
        kept = sorted((d for d in last_line if d not in drop), key=last_line.__getitem__)
        keep_lines = {last_line[d] for d in kept}
        entries = [_index_line(d, *hashes[d]) for d in kept if d in hashes]
        if len(keep_lines) != record_lines:
            self.repairs["records_replaced"] = len(drop)
            self.repairs["records_invalid_or_duplicate"] = record_lines - len(last_line)
            # index first: a kill between the two rewrites leaves a record without an entry, which is redone
            _rewrite(self.index, entries)
            _rewrite(self.records, (raw for lineno, raw in _raw_lines(self.records) if lineno in keep_lines))
        elif index_lines != len(entries):
            _rewrite(self.index, entries)
        retried = scan.hashes.keys() | scan.error_ids
        if any(obj is None or obj.get("doc_id") in retried for _, _, obj in _json_lines(self.errors)):
            _rewrite(
                self.errors,
                (
                    raw
                    for _, raw, obj in _json_lines(self.errors)
                    if obj is not None and obj.get("doc_id") not in retried
                ),
            )
        self.record_count = len(kept)
        self.other_pipeline = sum(1 for doc_id in done if hashes[doc_id][1] != pipeline)
        return done

    def __enter__(self) -> _Store:
        self.lock()
        return self

    def __exit__(self, *exc: object) -> None:
        self.unlock()

    @contextmanager
    def appending(self) -> Iterator[None]:
        """Open records, index and errors for appending for the duration of the block."""
        try:
            for path in (self.records, self.index, self.errors):
                self._handles[path.name] = path.open("ab")
            yield
        finally:
            for handle in self._handles.values():
                handle.close()
            self._handles.clear()

    def _append(self, name: str, line: str) -> None:
        handle = self._handles[name]
        handle.write(line.encode("utf-8") + b"\n")
        handle.flush()

    def add_record(self, doc_id: str, record_json: str, sha256: str, pipeline: str) -> None:
        """Append the record, then its index entry; each flushed, so a kill loses at most this document."""
        self._append(RECORDS_FILE, record_json)
        self._handles[INDEX_FILE].write(_index_line(doc_id, sha256, pipeline))
        self._handles[INDEX_FILE].flush()
        self.record_count += 1

    def add_error(self, entry: dict[str, str | None]) -> None:
        """Append one errors.jsonl entry."""
        self._append(ERRORS_FILE, json.dumps(entry, ensure_ascii=False))


def _index_line(doc_id: str, sha256: str, pipeline: str) -> bytes:
    return (json.dumps({"doc_id": doc_id, "sha256": sha256, "pipeline": pipeline}, ensure_ascii=False) + "\n").encode()


_WHERE = re.compile(r"^(?P<where>.+:\d+): ")


def _input_error_outcome(error: InputError) -> Outcome:
    """An unreadable input as an outcome; its source is the file, or the JSONL line it came from."""
    match = _WHERE.match(error.problem)
    source = match["where"] if match else error.doc_id
    return Outcome(error.doc_id, source, 0, error=error_entry(error, source))


def _work(
    inputs: Sequence[Path],
    done: set[str],
    summary: BatchSummary,
    hashes: dict[str, str],
    *,
    chunk_chars: int,
    chunk_docs: int,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[list[Document] | Outcome]:
    """The second pass over the input: chunks of documents to extract and the input errors, in input order.

    Skipped documents are counted and left out; a document over `max_chars` becomes its error here, without
    being sent to a worker. `hashes` receives the content hash of every document sent
    (the writer pops it when the record is stored), so it only ever holds the documents in flight.
    """
    seen: dict[str, str | None] = {}
    chunk: list[Document] = []
    size = 0
    for item in iter_documents(inputs):
        summary.documents += 1
        if isinstance(item, InputError):
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield _input_error_outcome(item)
            continue
        if item.doc_id in seen:
            if chunk:
                yield chunk
                chunk, size = [], 0
            dup = InputError(item.doc_id, f"duplicate doc_id (first read from {seen[item.doc_id]})")
            yield Outcome(item.doc_id, item.source, 0, error=error_entry(dup, item.source))
            continue
        seen[item.doc_id] = item.source
        if item.doc_id in done:
            summary.skipped += 1
            continue
        too_long = length_error(item, max_chars)
        if too_long is not None:
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield Outcome(item.doc_id, item.source, len(item.text), error=error_entry(too_long, item.source))
            continue
        hashes[item.doc_id] = content_hash(item)
        chunk.append(item)
        size += len(item.text)
        if size >= chunk_chars or len(chunk) >= chunk_docs:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def run_batch(
    inputs: Path | Iterable[Path],
    out_dir: Path,
    *,
    workers: int = 1,
    engine: str | Engine = "local",
    scheduler: str | None = None,
    force: bool = False,
    extractor: Extractor | None = None,
    progress: bool | None = None,
    chunk_chars: int = CHUNK_CHARS,
    chunk_docs: int = CHUNK_DOCS,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> BatchSummary:
    """Extract every document of `inputs` into the store `out_dir`, resuming where an earlier run stopped.

    Args:
        inputs: folders of `.txt` files (recursively), `.txt` files or JSONL files; read twice (scan, run).
        out_dir: the output folder (records.jsonl, index.jsonl, errors.jsonl, summary.json).
        workers: extraction processes (`--workers`); 1 extracts in this process.
        engine: ``local`` or ``dask``, or a ready Engine.
        scheduler: a Dask scheduler address (``tcp://host:port``); none starts a local cluster.
        force: extract again documents whose record is up to date.
        extractor: the Extractor of an in-process run (defaults to the process-wide one).
        progress: show a progress bar; by default only when stderr is a terminal.
        chunk_chars, chunk_docs: the size of the chunks sent to workers.
        max_chars: documents longer than this many characters fail with DocumentTooLongError (`--max-chars`).

    Returns:
        The summary, also written to `out_dir/summary.json`.

    Raises:
        BatchError: another batch is writing to `out_dir`.
        EngineError: the engine cannot start or lost a worker (what was written is kept; rerun to resume).
    """
    paths = [inputs] if isinstance(inputs, Path) else list(inputs)
    started = time.perf_counter()
    package_versions = versions()
    resources = fingerprint()
    pipeline = pipeline_hash(resources, package_versions)
    summary = BatchSummary(versions=package_versions, resources=resources, pipeline=pipeline)
    if isinstance(engine, Engine):
        runner = engine
    elif engine == "local" and workers == 1:
        if extractor is None:
            # the process-wide extractor keeps its loaded pipelines; another limit needs its own extractor
            extractor = get_extractor() if max_chars == DEFAULT_MAX_CHARS else Extractor(max_chars=max_chars)
        runner = InlineEngine(extractor)
    else:
        runner = make_engine(engine, workers, scheduler=scheduler, max_chars=max_chars)
    show = sys.stderr.isatty() if progress is None else progress
    with _Store(out_dir) as store:
        try:
            scan = _scan_input(paths)
            done = store.reconcile(scan, force=force, pipeline=pipeline)
            summary.timings["scan"] = time.perf_counter() - started
            todo = scan.items - len(done)
            del scan
            t0 = time.perf_counter()
            with runner, store.appending():
                summary.timings["startup"] = time.perf_counter() - t0
                summary.engine = runner.describe()
                t1 = time.perf_counter()
                in_flight: dict[str, str] = {}
                work = _work(
                    paths, done, summary, in_flight, chunk_chars=chunk_chars, chunk_docs=chunk_docs, max_chars=max_chars
                )
                for outcome, chunk in _with_progress(ordered_results(runner, work), todo, show):
                    _store_outcome(store, outcome, chunk, summary, in_flight, pipeline)
                summary.timings["extract"] = time.perf_counter() - t1
            summary.status = "completed"
        except KeyboardInterrupt:
            summary.status = "interrupted"
            raise
        except BaseException:
            summary.status = "failed"
            raise
        finally:
            summary.records_in_store = store.record_count
            summary.skipped_other_pipeline = store.other_pipeline
            summary.repairs = store.repairs
            summary.seconds = time.perf_counter() - started
            summary.timings["total"] = summary.seconds
            _write_summary(store.dir / SUMMARY_FILE, summary)
    return summary


def _store_outcome(
    store: _Store,
    outcome: Outcome,
    chunk: ChunkResult | None,
    summary: BatchSummary,
    in_flight: dict[str, str],
    pipeline: str,
) -> None:
    if chunk is not None:
        key = f"pid {chunk.pid}"
        summary.peak_rss_mb[key] = round(max(summary.peak_rss_mb.get(key, 0.0), chunk.peak_rss_mb), 1)
        summary.characters += outcome.characters
    sha256 = in_flight.pop(outcome.doc_id, "") if chunk is not None else ""
    if outcome.record_json is not None:
        store.add_record(outcome.doc_id, outcome.record_json, sha256, pipeline)
        summary.succeeded += 1
    else:
        assert outcome.error is not None
        store.add_error(outcome.error)
        summary.failed += 1


def _write_summary(path: Path, summary: BatchSummary) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _with_progress(
    results: Iterator[tuple[Outcome, ChunkResult | None]], total: int, show: bool
) -> Iterator[tuple[Outcome, ChunkResult | None]]:
    """Pass `results` through, drawing a rich progress bar with documents/s and characters/s when `show`."""
    if not show:
        yield from results
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    chars = 0
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task("extracting", total=total, rate="")
        for done, (outcome, chunk) in enumerate(results, start=1):
            chars += outcome.characters
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{done / elapsed:.1f} docs/s {chars / elapsed:,.0f} chars/s")
            yield outcome, chunk
