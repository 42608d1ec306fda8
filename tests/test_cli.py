"""The command line, in process: extract, batch, schema, version, and clear one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from beihu_extract import __version__
from beihu_extract.cli import app
from beihu_extract.schema import Record, record_json_schema

from .conftest import CORPUS, REFERENCE_ID

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"beihu-extract {__version__}"


def test_schema_writes_the_generated_schema(tmp_path):
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "record.schema.json").read_text(encoding="utf-8")) == record_json_schema()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(None, "no such file", id="missing"),
        pytest.param(b"\xff\xfe\x00", "binary content", id="binary"),
        pytest.param(b"Caf\xe9 au lait", "not UTF-8", id="not-utf8"),
        pytest.param(b"", "empty article", id="empty"),
    ],
)
def test_unreadable_input_is_one_line_and_non_zero(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {path}: {problem}" or problem in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_lang_option(tmp_path):
    result = runner.invoke(app, ["extract", "--lang", "en", str(tmp_path)])
    assert result.exit_code == 2
    assert "--lang must be ja or zh" in result.stderr


@pytest.mark.model
def test_extract_reference_article(tmp_path):
    out = tmp_path / "r.jsonl"
    result = runner.invoke(app, ["extract", str(CORPUS / f"{REFERENCE_ID}.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    text = (CORPUS / f"{REFERENCE_ID}.txt").read_text(encoding="utf-8")
    record = Record.model_validate_json(line, context={"text": text})
    assert record.doc_id == REFERENCE_ID and record.editor == "李孟群"


@pytest.mark.model
def test_extract_jsonl_to_stdout_with_lang_override(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "k1", "text": "長春新区"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--lang", "ja", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["lang"] == "ja"


@pytest.mark.model
def test_batch_writes_records_errors_and_summary(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("長春新区の発展\n\n長春新区は吉林省にある。", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(src), "--out", str(out)])
    assert result.exit_code == 3, result.output
    records = [json.loads(x) for x in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ["good"]
    assert sorted(e["doc_id"].rsplit("/", 1)[-1] for e in errors) == ["binary.txt", "empty.txt"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["documents"], summary["succeeded"], summary["failed"]) == (3, 1, 2)


@pytest.mark.model
def test_show_writes_a_page_with_every_mention(tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["show", str(CORPUS / f"{REFERENCE_ID}.txt"), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<mark") >= 50
    assert "http://" not in page and "https://" not in page


def test_show_missing_file_is_one_line(tmp_path):
    result = runner.invoke(app, ["show", str(tmp_path / "nope.txt"), "--html", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
