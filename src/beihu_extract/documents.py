"""Reading documents: .txt files, folders of them, and JSONL files of {"id", "text", "lang"?, "url"?}."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from beihu_extract.errors import InputError

__all__ = ["Document", "decode_document", "iter_documents", "read_text_file"]


@dataclass(frozen=True, slots=True)
class Document:
    """One article to extract. `source` says where it came from (a path, or path:line for JSONL)."""

    doc_id: str
    text: str
    lang: str | None = None
    source: str | None = None
    url: str | None = None


def decode_document(data: bytes, doc_id: str) -> str:
    """Decode the bytes of one article: UTF-8, a leading BOM removed, line ends kept (SPEC 1).

    Raises:
        InputError: the bytes are not UTF-8 text, look binary, or hold no text.
    """
    if b"\x00" in data:
        raise InputError(doc_id, "binary content (NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(doc_id, f"not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from None
    if not text.strip():
        raise InputError(doc_id, "empty article (no text)")
    return text


def read_text_file(path: Path) -> Document:
    """Read one `.txt` article; its doc_id is the file stem.

    Raises:
        InputError: the file is missing, unreadable, not UTF-8, binary or empty.
    """
    doc_id = path.stem
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    try:
        text = decode_document(data, doc_id)
    except InputError as exc:
        raise InputError(str(path), exc.problem) from None
    return Document(doc_id=doc_id, text=text, source=str(path))


def _iter_jsonl(path: Path) -> Iterator[Document | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror}")
        return
    seen: set[str] = set()
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield InputError(where, f"malformed JSON line: {exc}")
                continue
            if not isinstance(obj, dict):
                yield InputError(where, "a JSONL line must be an object")
                continue
            doc_id, text, lang, url = obj.get("id"), obj.get("text"), obj.get("lang"), obj.get("url")
            if not isinstance(doc_id, str) or not doc_id:
                yield InputError(where, "missing or non-string 'id'")
                continue
            if not isinstance(text, str):
                yield InputError(doc_id, f"{where}: missing or non-string 'text'")
                continue
            if not text.strip():
                yield InputError(doc_id, f"{where}: empty article (no text)")
                continue
            if lang is not None and lang not in ("ja", "zh"):
                yield InputError(doc_id, f"{where}: unsupported 'lang' {lang!r} (expected ja or zh)")
                continue
            if doc_id in seen:
                yield InputError(doc_id, f"{where}: duplicate id")
                continue
            seen.add(doc_id)
            text = text.removeprefix("\ufeff")
            yield Document(doc_id=doc_id, text=text, lang=lang, source=where, url=url if isinstance(url, str) else None)


def iter_documents(paths: Iterable[Path]) -> Iterator[Document | InputError]:
    """Every document named by `paths`, in order; a problem is yielded as an InputError, never raised.

    A path is a `.txt` file, a folder (its `.txt` files, recursively, in sorted order) or a `.jsonl` file.
    """
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield InputError(str(path), "folder holds no .txt files")
            for file in files:
                yield from _read_or_error(file)
        elif path.suffix == ".jsonl":
            if not path.exists():
                yield InputError(str(path), "no such file")
            else:
                yield from _iter_jsonl(path)
        else:
            yield from _read_or_error(path)


def _read_or_error(path: Path) -> Iterator[Document | InputError]:
    try:
        yield read_text_file(path)
    except InputError as exc:
        yield exc
