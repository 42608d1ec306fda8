"""Batch runs: records, errors and summary; resuming by doc_id and content hash; kill -9; workers; dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beihu_extract.batch import (
    ERRORS_FILE,
    INDEX_FILE,
    RECORDS_FILE,
    SUMMARY_FILE,
    BatchError,
    repair_torn_tail,
    run_batch,
)
from beihu_extract.cli import app
from beihu_extract.documents import Document, iter_documents
from beihu_extract.errors import DocumentError
from beihu_extract.schema import Record

runner = CliRunner()


class FakeExtractor:
    """Stands in for the pipeline: an empty Record per document, an error for texts containing FAIL."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def extract_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Record | DocumentError]]:
        for doc in docs:
            self.calls[doc.doc_id] += 1
            if "FAIL" in doc.text:
                yield doc, DocumentError(doc.doc_id, "cannot extract")
                continue
            record = Record(
                doc_id=doc.doc_id,
                lang=doc.lang or "ja",
                title=doc.text.splitlines()[0],
                published_at=None,
                source=None,
                editor=None,
                entities=[],
                quantities=[],
                timexes=[],
                facts=[],
            )
            yield doc, record


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write_folder(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _ids(out: Path) -> list[str]:
    return [r["doc_id"] for r in _jsonl(out / RECORDS_FILE)]


def test_records_errors_and_summary_in_input_order(tmp_path):
    src = _write_folder(tmp_path / "in", {"b": "二\n本文", "a": "一\n本文", "c": "三\nFAIL"})
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    summary = run_batch(src, out, extractor=FakeExtractor(), progress=False)
    assert _ids(out) == ["a", "b"]
    errors = _jsonl(out / ERRORS_FILE)
    assert [(e["doc_id"].rsplit("/", 1)[-1], e["error"]) for e in errors] == [
        ("c", "DocumentError"),
        ("empty.txt", "InputError"),
    ]
    assert errors[0]["source"].endswith("c.txt") and errors[0]["message"] == "cannot extract"
    data = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert (data["documents"], data["skipped"], data["succeeded"], data["failed"]) == (4, 0, 2, 2)
    assert data["status"] == "completed" and data["records_in_store"] == 2
    assert data["resources"] and data["pipeline"] and data["versions"]["beihu-extract"]
    assert set(data["timings"]) >= {"scan", "startup", "extract", "total"}
    assert summary.failed == 2


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文", "b": "二\n本文"})
    run_batch(src, tmp_path / "quiet", extractor=FakeExtractor())  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""
    run_batch(src, tmp_path / "shown", extractor=FakeExtractor(), progress=True)
    err = capsys.readouterr().err
    assert "extracting" in err and "docs/s" in err and "chars/s" in err


def test_rerun_skips_done_documents_and_retries_failed_ones(tmp_path):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文", "b": "二\nFAIL"})
    out = tmp_path / "out"
    run_batch(src, out, extractor=FakeExtractor(), progress=False)
    fake = FakeExtractor()
    summary = run_batch(src, out, extractor=fake, progress=False)
    assert fake.calls == {"b": 1}
    assert (summary.skipped, summary.succeeded, summary.failed) == (1, 0, 1)
    assert _ids(out) == ["a"]
    assert [e["doc_id"] for e in _jsonl(out / ERRORS_FILE)] == ["b"]  # the retried error replaces the old one


def test_changed_document_is_extracted_again_and_replaces_its_record(tmp_path):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文", "b": "二\n本文"})
    out = tmp_path / "out"
    run_batch(src, out, extractor=FakeExtractor(), progress=False)
    (src / "a.txt").write_text("新しい見出し\n本文", encoding="utf-8")
    fake = FakeExtractor()
    run_batch(src, out, extractor=fake, progress=False)
    assert fake.calls == {"a": 1}
    records = _jsonl(out / RECORDS_FILE)
    assert sorted(r["doc_id"] for r in records) == ["a", "b"]
    assert {r["doc_id"]: r["title"] for r in records}["a"] == "新しい見出し"
    assert len(_jsonl(out / INDEX_FILE)) == 2


def test_force_extracts_everything_again_without_duplicates(tmp_path):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文", "b": "二\n本文"})
    out = tmp_path / "out"
    run_batch(src, out, extractor=FakeExtractor(), progress=False)
    fake = FakeExtractor()
    run_batch(src, out, extractor=fake, force=True, progress=False)
    assert fake.calls == {"a": 1, "b": 1}
    assert _ids(out) == ["a", "b"]


def test_language_hint_is_part_of_the_content_hash(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "k", "text": "長春"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_batch(src, out, extractor=FakeExtractor(), progress=False)
    src.write_text(json.dumps({"id": "k", "text": "長春", "lang": "zh"}) + "\n", encoding="utf-8")
    fake = FakeExtractor()
    run_batch(src, out, extractor=fake, progress=False)
    assert fake.calls == {"k": 1}
    assert [r["lang"] for r in _jsonl(out / RECORDS_FILE)] == ["zh"]


def test_records_of_documents_not_in_the_input_are_kept(tmp_path):
    out = tmp_path / "out"
    run_batch(_write_folder(tmp_path / "day1", {"a": "一\n本文"}), out, extractor=FakeExtractor(), progress=False)
    run_batch(_write_folder(tmp_path / "day2", {"b": "二\n本文"}), out, extractor=FakeExtractor(), progress=False)
    assert _ids(out) == ["a", "b"]


def test_torn_last_line_and_record_without_index_entry_are_repaired(tmp_path):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文", "b": "二\n本文", "c": "三\n本文"})
    out = tmp_path / "out"
    run_batch(src, out, extractor=FakeExtractor(), progress=False)
    # a kill between the record and its index entry, then one in the middle of writing the next record
    index = out / INDEX_FILE
    index.write_text("".join(index.read_text(encoding="utf-8").splitlines(keepends=True)[:1]), encoding="utf-8")
    with (out / RECORDS_FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"doc_id": "c", "lang": "j')
    fake = FakeExtractor()
    summary = run_batch(src, out, extractor=fake, progress=False)
    assert fake.calls == {"b": 1, "c": 1}
    assert sorted(_ids(out)) == ["a", "b", "c"]
    assert summary.repairs["torn_bytes_records"] > 0
    assert [e["doc_id"] for e in _jsonl(index)] == _ids(out)


def test_duplicate_doc_id_in_a_folder_is_an_error_not_a_second_record(tmp_path):
    src = tmp_path / "in"
    _write_folder(src / "x", {"a": "一\n本文"})
    _write_folder(src / "y", {"a": "二\n本文"})
    out = tmp_path / "out"
    summary = run_batch(src, out, extractor=FakeExtractor(), progress=False)
    assert _ids(out) == ["a"]
    (error,) = _jsonl(out / ERRORS_FILE)
    assert "duplicate doc_id" in error["message"] and error["source"].endswith("y/a.txt")
    assert summary.failed == 1


def test_a_second_run_on_the_same_folder_is_refused_while_the_first_holds_it(tmp_path):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文"})
    out = tmp_path / "out"
    holder = tmp_path / "holder"
    code = (
        "import fcntl, sys, time; from pathlib import Path; p = Path(sys.argv[1]); p.mkdir(parents=True); "
        "h = (p / '.lock').open('ab'); fcntl.flock(h, fcntl.LOCK_EX); Path(sys.argv[2]).touch(); time.sleep(30)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(out), str(holder)])
    try:
        while not holder.exists():
            time.sleep(0.01)
        with pytest.raises(BatchError, match="another batch"):
            run_batch(src, out, extractor=FakeExtractor(), progress=False)
    finally:
        proc.kill()
        proc.wait()
    assert run_batch(src, out, extractor=FakeExtractor(), progress=False).succeeded == 1


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        pytest.param(b"", b"", id="empty"),
        pytest.param(b'{"a": 1}\n', b'{"a": 1}\n', id="complete"),
        pytest.param(b'{"a": 1}\n{"b"', b'{"a": 1}\n', id="torn"),
        pytest.param(b'{"a"', b"", id="only-torn"),
    ],
)
def test_repair_torn_tail(tmp_path, content, kept):
    path = tmp_path / "f.jsonl"
    path.write_bytes(content)
    assert repair_torn_tail(path) == len(content) - len(kept)
    assert path.read_bytes() == kept


def test_cli_rejects_scheduler_without_dask_and_unknown_engine(tmp_path):
    src = _write_folder(tmp_path / "in", {"a": "一\n本文"})
    result = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.stderr
    result = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert result.exit_code == 2 and "local or dask" in result.stderr


# --- with the real pipeline -----------------------------------------------------------------------------

GOOD = {
    "ja1": "長春新区の発展\n\n長春新区は吉林省にある。金賽薬業が新工場を着工した。",
    "ja2": "北湖未来科学都市\n\n北湖未来科学都市には研究機関が集まる。",
    "zh1": "长春新区发展\n\n长春新区位于吉林省，金赛药业新工厂开工。",
}


@pytest.mark.model
def test_cli_folder_with_an_empty_and_a_binary_file_exits_3(tmp_path, extractor):
    src = _write_folder(tmp_path / "in", GOOD)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x01")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(src), "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert _ids(out) == sorted(GOOD)
    errors = _jsonl(out / ERRORS_FILE)
    assert sorted(Path(e["doc_id"]).name for e in errors) == ["binary.txt", "empty.txt"]
    assert all(e["error"] == "InputError" and e["message"] and e["source"] for e in errors)
    for record in _jsonl(out / RECORDS_FILE):
        Record.model_validate(record, context={"text": GOOD[record["doc_id"]]})
    # the one extraction path: the same records as extract_many over the same documents
    docs = [d for d in iter_documents([src]) if isinstance(d, Document)]
    expected = [r.model_dump_json() for _, r in extractor.extract_many(docs)]
    assert (out / RECORDS_FILE).read_text(encoding="utf-8").splitlines() == expected
    summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert (summary["documents"], summary["succeeded"], summary["failed"]) == (5, 3, 2)


def _kill_input(path: Path, n: int) -> list[str]:
    """A JSONL file of `n` short Japanese articles (one language, so the killed run loads one model)."""
    ids = [f"d{i:03d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as handle:
        for i, doc_id in enumerate(ids):
            text = (
                f"長春新区の発展 第{i}報\n\n長春新区は吉林省にある。北湖未来科学都市では{i + 2}社が研究開発を進める。"
            )
            handle.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return ids


@pytest.mark.model
def test_kill_9_mid_batch_then_rerun_gives_every_document_exactly_once(tmp_path, extractor):
    src = tmp_path / "in.jsonl"
    ids = _kill_input(src, 48)
    out = tmp_path / "out"
    records = out / RECORDS_FILE
    command = [sys.executable, "-m", "beihu_extract.cli", "batch", str(src), "--out", str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            if records.exists() and records.stat().st_size > 0:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"the batch ended before it could be killed: {proc.stderr.read()!r}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    done_before = len(_ids(out)) if records.read_bytes().endswith(b"\n") else None
    assert done_before is None or done_before < len(ids), "the kill came after the last record"
    with records.open("ab") as handle:  # and a write torn by the kill, whether or not it happened to land so
        handle.write(b'{"doc_id": "d0')
    result = runner.invoke(app, ["batch", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _ids(out) == sorted(_ids(out))  # the resumed run appends in input order
    assert Counter(_ids(out)) == Counter(ids)
    summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert summary["skipped"] > 0 and summary["skipped"] + summary["succeeded"] == len(ids)
    assert summary["repairs"]["torn_bytes_records"] > 0


@pytest.mark.model
def test_two_worker_processes_give_the_records_of_one_in_input_order(tmp_path, extractor):
    src = _write_folder(tmp_path / "in", {k: v for k, v in GOOD.items() if k.startswith("ja")})
    run_batch(src, tmp_path / "one", extractor=extractor, progress=False)
    summary = run_batch(src, tmp_path / "two", workers=2, chunk_docs=1, progress=False)
    assert summary.engine == {"engine": "local", "workers": 2}
    assert len(summary.peak_rss_mb) == 2, "both processes extracted"
    one = (tmp_path / "one" / RECORDS_FILE).read_text(encoding="utf-8")
    assert (tmp_path / "two" / RECORDS_FILE).read_text(encoding="utf-8") == one


@pytest.mark.model
def test_dask_local_cluster_gives_the_same_records_as_the_local_engine(tmp_path, extractor):
    pytest.importorskip("distributed")
    src = _write_folder(tmp_path / "in", GOOD)
    run_batch(src, tmp_path / "local", extractor=extractor, progress=False)
    summary = run_batch(src, tmp_path / "dask", engine="dask", workers=1, chunk_docs=1, progress=False)
    assert summary.engine["engine"] == "dask" and summary.engine["scheduler"] == "local cluster"
    assert summary.succeeded == len(GOOD)
    local = (tmp_path / "local" / RECORDS_FILE).read_text(encoding="utf-8")
    assert (tmp_path / "dask" / RECORDS_FILE).read_text(encoding="utf-8") == local
