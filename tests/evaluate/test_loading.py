"""Loading gold and predictions: validation against the text, and errors that name the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from beihu_extract.evaluate import EvalInputError, load_gold, load_predictions, load_texts, read_text


def _write_gold(root: Path, builder: Any, data: dict[str, Any] | None = None) -> Path:
    (root / "gold").mkdir(exist_ok=True)
    (root / "corpus").mkdir(exist_ok=True)
    (root / "corpus" / f"{builder.doc_id}.txt").write_text(builder.text, encoding="utf-8", newline="")
    path = root / "gold" / f"{builder.doc_id}.json"
    path.write_text(json.dumps(data or builder.data(), ensure_ascii=False), encoding="utf-8")
    return path


def test_load_gold_validates_against_the_corpus(tmp_path: Path, ja_doc: Any, zh_doc: Any) -> None:
    _write_gold(tmp_path, ja_doc)
    _write_gold(tmp_path, zh_doc)
    gold = load_gold(tmp_path / "gold")
    assert list(gold) == ["ja1", "zh1"]
    assert gold["ja1"] == ja_doc.record()


def test_load_gold_with_an_explicit_corpus_dir(tmp_path: Path, ja_doc: Any) -> None:
    _write_gold(tmp_path, ja_doc)
    (tmp_path / "corpus").rename(tmp_path / "texts")
    assert list(load_gold(tmp_path / "gold", tmp_path / "texts")) == ["ja1"]


def test_bad_offset_names_the_file(tmp_path: Path, ja_doc: Any) -> None:
    data = ja_doc.data()
    data["entities"][0]["start"] += 1
    data["entities"][0]["end"] += 1
    path = _write_gold(tmp_path, ja_doc, data)
    with pytest.raises(EvalInputError, match=str(path).replace("\\", "\\\\")) as err:
        load_gold(tmp_path / "gold")
    assert "e1" in str(err.value)


def test_missing_text_names_the_file(tmp_path: Path, ja_doc: Any) -> None:
    path = _write_gold(tmp_path, ja_doc)
    (tmp_path / "corpus" / "ja1.txt").unlink()
    with pytest.raises(EvalInputError, match="no text") as err:
        load_gold(tmp_path / "gold")
    assert str(err.value).startswith(str(path))


def test_doc_id_must_be_the_file_stem(tmp_path: Path, ja_doc: Any) -> None:
    data = ja_doc.data()
    data["doc_id"] = "other"
    _write_gold(tmp_path, ja_doc, data)
    with pytest.raises(EvalInputError, match="differs from the file name"):
        load_gold(tmp_path / "gold")


def test_invalid_json_names_the_file(tmp_path: Path, ja_doc: Any) -> None:
    path = _write_gold(tmp_path, ja_doc)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(EvalInputError, match="not valid JSON"):
        load_gold(tmp_path / "gold")


def test_missing_gold_folder(tmp_path: Path) -> None:
    with pytest.raises(EvalInputError, match="no such gold folder"):
        load_gold(tmp_path / "nowhere")


def test_read_text_drops_bom_and_keeps_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff題\r\n本文\r\n".encode())
    assert read_text(path) == "題\r\n本文\r\n"
    assert load_texts(tmp_path) == {"a": "題\r\n本文\r\n"}
    assert load_texts(tmp_path, ["a", "missing"]) == {"a": "題\r\n本文\r\n"}


def test_load_predictions_jsonl_and_folder(tmp_path: Path, ja_doc: Any, zh_doc: Any) -> None:
    jsonl = tmp_path / "pred.jsonl"
    lines = [json.dumps(b.data(), ensure_ascii=False) for b in (ja_doc, zh_doc)]
    jsonl.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    assert list(load_predictions(jsonl, {"ja1": ja_doc.text})) == ["ja1", "zh1"]
    folder = tmp_path / "pred"
    folder.mkdir()
    for b in (ja_doc, zh_doc):
        (folder / f"{b.doc_id}.json").write_text(json.dumps(b.data(), ensure_ascii=False), encoding="utf-8")
    assert set(load_predictions(folder)) == {"ja1", "zh1"}


def test_load_predictions_errors_name_file_and_line(tmp_path: Path, ja_doc: Any) -> None:
    jsonl = tmp_path / "pred.jsonl"
    line = json.dumps(ja_doc.data(), ensure_ascii=False)
    jsonl.write_text(f"{line}\n{line}\n", encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"pred\.jsonl:2: doc_id 'ja1' appears twice"):
        load_predictions(jsonl)
    jsonl.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"pred\.jsonl:1: not a valid Record"):
        load_predictions(jsonl, {"ja1": "x" + ja_doc.text})
