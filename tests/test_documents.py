"""Reading inputs: files, folders and JSONL; every problem is a typed error naming the document."""

from __future__ import annotations

import json

import pytest

from beihu_extract.documents import Document, iter_documents, read_text_file
from beihu_extract.errors import InputError


def test_bom_removed_and_line_ends_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff見出し\r\n本文。\r\n".encode())
    doc = read_text_file(path)
    assert doc.doc_id == "a"
    assert doc.text == "見出し\r\n本文。\r\n"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"", "empty article", id="empty"),
        pytest.param(b" \n\t\n", "empty article", id="whitespace"),
        pytest.param("長春".encode("shift_jis"), "not UTF-8", id="shift-jis"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "binary content", id="binary"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as info:
        read_text_file(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("長春", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("吉林", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert [getattr(i, "doc_id", None) for i in items] == ["b", str(tmp_path / "empty.txt"), "a"]
    assert isinstance(items[1], InputError)


def test_jsonl_good_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "x1", "text": "長春新区", "lang": "ja", "url": "https://example.org/1"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x2"}),
        json.dumps({"id": "x1", "text": "重复"}, ensure_ascii=False),
        json.dumps({"id": "../../x3", "text": "长春"}, ensure_ascii=False),
        json.dumps({"id": "x4", "text": "长春", "lang": "en"}),
        "",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.doc_id for d in docs] == ["x1", "../../x3"]
    assert docs[0].url == "https://example.org/1" and docs[0].lang == "ja"
    assert docs[0].source == f"{path}:1"
    assert [e.problem.split(": ", 1)[-1] for e in errors] == [
        errors[0].problem.split(": ", 1)[-1],
        "missing or non-string 'text'",
        "duplicate id",
        "unsupported 'lang' 'en' (expected ja or zh)",
    ]
    assert errors[0].doc_id == f"{path}:2" and "malformed JSON" in errors[0].problem
