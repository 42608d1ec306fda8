"""Every bad-input case through `beihu-extract extract` and `run_batch`: a clear error or exact offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beihu_extract.batch import ERRORS_FILE, RECORDS_FILE, run_batch
from beihu_extract.cli import app
from beihu_extract.documents import read_text_file
from beihu_extract.schema import Record

from .cases import BAD, GOOD, HTML_PAGE, MIXED

pytestmark = pytest.mark.model
runner = CliRunner()

# The records the good cases must give: language, and the provenance that says how they were read.
EXPECTED = {
    "bom.txt": ("ja", "utf-8", "text"),
    "crlf.txt": ("ja", "utf-8", "text"),
    "cr.txt": ("ja", "utf-8", "text"),
    "sjis.txt": ("ja", "cp932", "text"),
    "eucjp.txt": ("ja", "euc_jp", "text"),
    "gbk_ja.txt": ("ja", "gb18030", "text"),
    "gbk_zh.txt": ("zh", "gb18030", "text"),
    "utf16.txt": ("ja", "utf-16", "text"),
    "page.html": ("ja", "utf-8", "html"),
    "astral.txt": ("ja", "utf-8", "text"),
    "mixed.txt": ("ja", "utf-8", "text"),
    "no_title.txt": ("ja", "utf-8", "text"),
}


def _write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _assert_exact(record: dict, text: str) -> Record:
    """The record validates against the schema and every mention slices `text` exactly."""
    parsed = Record.model_validate(record, context={"text": text})
    for mention in parsed.mentions():
        assert text[mention.start : mention.end] == mention.text
    return parsed


@pytest.fixture(scope="module")
def good_run(tmp_path_factory, extractor):
    """One `extract` run over every good case (the models load once)."""
    folder = tmp_path_factory.mktemp("good")
    paths = _write(folder, GOOD)
    out = folder / "records.jsonl"
    result = runner.invoke(app, ["extract", *map(str, paths), "--out", str(out)])
    return folder, result, {r["doc_id"]: r for r in _jsonl(out)}


def test_extract_gives_every_good_case_a_record(good_run):
    _, result, records = good_run
    assert result.exit_code == 0, result.output
    assert sorted(records) == sorted(Path(name).stem for name in GOOD)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_extract_offsets_are_exact_on_the_decoded_text(good_run, name):
    folder, _, records = good_run
    record = records[Path(name).stem]
    text = read_text_file(folder / name).text
    parsed = _assert_exact(record, text)
    lang, encoding, text_format = EXPECTED[name]
    assert parsed.lang == lang
    assert parsed.provenance is not None
    assert (parsed.provenance.encoding, parsed.provenance.text_format) == (encoding, text_format)
    assert parsed.provenance.text_chars == len(text)
    assert parsed.entities or parsed.quantities


def test_line_ends_do_not_move_mentions(good_run):
    _, _, records = good_run
    lf = [(e["text"], e["type"]) for e in records["bom"]["entities"]]
    assert [(e["text"], e["type"]) for e in records["crlf"]["entities"]] == lf


def test_astral_and_control_characters_count_one_code_point(good_run):
    _, _, records = good_run
    text = GOOD["astral.txt"].decode()
    names = {e["text"]: e["start"] for e in records["astral"]["entities"]}
    assert "長春市" in names and text[names["長春市"] : names["長春市"] + 3] == "長春市"
    assert any("control characters" in w for w in records["astral"]["provenance"]["warnings"])


def test_mixed_text_names_its_language(good_run):
    _, _, records = good_run
    provenance = records["mixed"]["provenance"]
    assert provenance["lang_detected"] == "ja"
    assert any("mixed Japanese and Chinese" in w for w in provenance["warnings"])
    assert MIXED.startswith(records["mixed"]["title"])


def test_html_offsets_are_on_the_reduced_text(good_run):
    _, _, records = good_run
    record = records["page"]
    assert record["title"] == "長春新区の発展"
    assert "偽の段落" not in json.dumps(record, ensure_ascii=False)
    assert "<p>" in HTML_PAGE and all("<" not in e["text"] for e in record["entities"])


def test_extract_bad_cases_give_one_line_errors_and_no_traceback(tmp_path, extractor):
    paths = _write(tmp_path, {name: data for name, (data, _) in BAD.items()})
    result = runner.invoke(app, ["extract", *map(str, paths), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(BAD)
    for name, (_, problem) in BAD.items():
        (line,) = [line for line in lines if f"/{name}:" in line or line.startswith(f"error: {Path(name).stem}:")]
        assert line.startswith("error: ") and problem in line


def test_max_chars_option(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(GOOD["no_title.txt"])
    result = runner.invoke(app, ["extract", str(path), "--max-chars", "10"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: long: too long: 26 characters, over the limit of 10 (--max-chars)"
    assert runner.invoke(app, ["extract", str(path), "--max-chars", "0"]).exit_code == 2


def test_batch_max_chars_option_fails_only_the_long_document(tmp_path, extractor):
    folder = tmp_path / "in"
    _write(folder, {"long.txt": GOOD["no_title.txt"], "short.txt": "長春新区".encode()})
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--max-chars", "10"])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    (error,) = [json.loads(line) for line in (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    assert error["doc_id"] == "long" and error["error"] == "DocumentTooLongError"
    assert error["message"] == "too long: 26 characters, over the limit of 10 (--max-chars)"
    assert error["source"].endswith("long.txt")
    (record,) = [json.loads(line) for line in (out / RECORDS_FILE).read_text(encoding="utf-8").splitlines()]
    assert record["doc_id"] == "short"
    # a higher limit on the next run extracts the document that was too long, and only it
    again = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--max-chars", "100"])
    assert again.exit_code == 0, again.output
    ids = [json.loads(line)["doc_id"] for line in (out / RECORDS_FILE).read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["long", "short"]


def test_batch_keeps_going_and_every_record_is_exact(tmp_path, extractor):
    folder = tmp_path / "in"
    paths = _write(folder, {**GOOD, **{name: data for name, (data, _) in BAD.items()}})
    lines = [
        json.dumps({"id": "../../escape", "text": HTML_PAGE}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "n", "text": 3}),
        json.dumps({"id": "feed-mixed", "text": MIXED}, ensure_ascii=False),
        json.dumps({"id": "feed-mixed", "text": MIXED}, ensure_ascii=False),
    ]
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    html = [p for p in paths if p.suffix == ".html"]
    out = tmp_path / "out"
    summary = run_batch([folder, *html, jsonl], out, extractor=extractor, progress=False)
    records = {r["doc_id"]: r for r in _jsonl(out / RECORDS_FILE)}
    errors = _jsonl(out / ERRORS_FILE)
    texts = {p.stem: read_text_file(p).text for p in paths if p.name in GOOD}
    texts["../../escape"] = read_text_file(folder / "page.html").text
    for doc_id, record in records.items():
        _assert_exact(record, texts.get(doc_id, MIXED))
    assert set(texts) <= set(records)
    assert summary.failed == len(errors) == len(BAD) + 3
    messages = " | ".join(e["message"] for e in errors)
    for needle in ("malformed JSON", "non-string 'text'", "duplicate id", "no Japanese or Chinese"):
        assert needle in messages
    assert not (tmp_path / "escape").exists()
