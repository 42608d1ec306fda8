"""Reading documents: .txt and .html files, folders of .txt files, and JSONL files of {"id", "text", ...}."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from beihu_extract.errors import EncodingError, InputError
from beihu_extract.html_input import declared_charset, html_to_text, looks_like_html
from beihu_extract.langid import detect_language
from beihu_extract.schema import Lang, Provenance

__all__ = [
    "HTML_SUFFIXES",
    "Decoded",
    "Document",
    "decode_bytes",
    "decode_document",
    "document_provenance",
    "iter_documents",
    "read_text_file",
]

HTML_SUFFIXES = frozenset({".html", ".htm"})

# Codecs tried, in this order, on bytes that are not UTF-8. GB18030 covers GB2312 and GBK; CP932 is
# Windows' Shift_JIS; EUC-JP is tried so that EUC-JP Japanese is not read as (valid but wrong) GBK.
_FALLBACK_CODECS = ("gb18030", "cp932", "euc_jp")
# What a page may declare in <meta charset> -> the codec that reads it.
_DECLARED = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "euc_jp": "euc_jp",
}
# A fallback decoding is accepted when at least this share of its non-space characters is plausible
# news text, and it beats every other plausible decoding by _MARGIN; otherwise the file is refused.
_PLAUSIBLE = 0.95
_MARGIN = 0.05

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Punctuation and symbols of CJK news: general punctuation, letterlike and number forms, arrows, math,
# enclosed alphanumerics (①), geometric shapes (○■), CJK symbols and punctuation, squared units (㎢),
# full-width forms.
_NEWS_SYMBOLS = re.compile(
    r"[\u2010-\u205e\u2100-\u218f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u25a0-\u25ff\u2600-\u26ff"
    r"\u3000-\u303f\u3200-\u33ff\uff01-\uff60\uffe0-\uffe6]"
)


@dataclass(frozen=True, slots=True)
class Document:
    """One article to extract. `source` says where it came from (a path, or path:line for JSONL).

    `encoding` is the codec its bytes were decoded with (None when it was given as a string),
    `text_format` is ``html`` when `text` was reduced from an HTML page, and `warnings` say what
    was guessed or changed on the way; all three go into the record's provenance.
    """

    doc_id: str
    text: str
    lang: str | None = None
    source: str | None = None
    url: str | None = None
    encoding: str | None = None
    text_format: str = "text"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of some bytes, the codec that read them and what was guessed on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _plausibility(text: str) -> float:
    """The share of the non-space characters of `text` that are plausible in Japanese or Chinese news.

    ASCII, kana, CJK punctuation and full-width forms are plausible. Han characters are judged by the
    script the text is in: with kana (Japanese) they must be JIS X 0208 kanji (encodable in CP932),
    without (Chinese) they must be GB2312 hanzi. Mojibake breaks exactly this: Shift_JIS read as GBK
    gives rare hanzi and no kana, GBK read as Shift_JIS gives half-width katakana, EUC-JP read as GBK
    gives simplified-only hanzi between the kana.
    """
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    kana = sum(1 for ch in chars if _KANA.match(ch))
    han = sum(1 for ch in chars if _HAN.match(ch))
    japanese = kana > 0 and kana >= 0.05 * (kana + han)
    good = 0
    for ch in chars:
        if " " < ch < "\x7f" or _KANA.match(ch) or _NEWS_SYMBOLS.match(ch):
            good += 1
        elif _HAN.match(ch):
            good += _encodable(ch, "cp932" if japanese else "gb2312")
    return good / len(chars)


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, doc_id: str, *, declared: str | None = None) -> Decoded:
    """Decode the bytes of one article (SPEC 1, extended to the encodings of Chinese and Japanese sites).

    UTF-8 (a leading BOM removed, line ends kept) is read as is. UTF-16 with a byte order mark, a
    charset the page declares (`declared`, e.g. from an HTML ``<meta>``), GB18030/GBK, Shift_JIS/CP932
    and EUC-JP are read with a warning, and only when exactly one reading is plausible text: the
    result is never mojibake.

    Raises:
        EncodingError: the bytes are no text in a supported encoding, or could be read more than one way.
        InputError: the bytes look binary, or hold no text.
    """
    decoded = _decode(data, doc_id, declared)
    if not decoded.text.strip():
        raise InputError(doc_id, "empty article (no text)")
    return decoded


def _decode(data: bytes, doc_id: str, declared: str | None) -> Decoded:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        text = _strict(data, "utf-16")
        if text is not None and "\x00" not in text:
            return Decoded(text, "utf-16", ("not UTF-8: decoded as UTF-16 (byte order mark)",))
    if b"\x00" in data:
        raise InputError(doc_id, "binary content (NUL bytes), not a text article")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}: {data[exc.start : exc.start + 1]!r}"
    codec = _DECLARED.get(declared or "")
    if codec is not None:
        text = _strict(data, codec)
        if text is not None and _plausibility(text) >= _PLAUSIBLE:
            return Decoded(text, codec, (f"not UTF-8: decoded as {codec}, the charset the page declares",))
    readings = []
    for codec in _FALLBACK_CODECS:
        text = _strict(data, codec)
        if text is not None:
            readings.append((_plausibility(text), codec, text))
    readings.sort(key=lambda r: r[0], reverse=True)
    plausible = [r for r in readings if r[0] >= _PLAUSIBLE]
    if not plausible:
        raise EncodingError(doc_id, f"not UTF-8 ({where}), and not readable as GB18030/GBK, Shift_JIS or EUC-JP text")
    if len(plausible) > 1 and plausible[0][0] - plausible[1][0] < _MARGIN:
        names = " or ".join(codec for _, codec, _ in plausible)
        raise EncodingError(doc_id, f"not UTF-8 ({where}), and the encoding is ambiguous ({names}); convert to UTF-8")
    score, codec, text = plausible[0]
    if codec == "gb18030" and not _KANA.search(text) and any(c == "euc_jp" for _, c, _ in readings):
        # GB2312 and EUC-JP share their byte structure: Han-only bytes that both read are Chinese or
        # kanji-only Japanese, and nothing in the characters says which.
        raise EncodingError(
            doc_id, f"not UTF-8 ({where}), and the encoding is ambiguous (gb18030 or euc_jp); convert to UTF-8"
        )
    return Decoded(text, codec, (f"not UTF-8: decoded as {codec} ({score:.0%} of characters plausible)",))


def decode_document(data: bytes, doc_id: str) -> str:
    """The text of the bytes of one article, as `decode_bytes` reads it.

    Raises:
        InputError: the bytes are not text in a supported encoding, look binary, or hold no text.
    """
    return decode_bytes(data, doc_id).text


def _from_html(text: str, doc_id: str) -> str:
    """The article text of an HTML page (offsets of its record are on this text)."""
    reduced = html_to_text(text)
    if not reduced.strip():
        raise InputError(doc_id, "HTML page holds no text")
    return reduced


def read_text_file(path: Path) -> Document:
    """Read one `.txt` (or `.html`/`.htm`) article; its doc_id is the file stem.

    A `.html`/`.htm` file, or a file whose text is clearly an HTML document, is reduced to text
    (title line, then one line per block element).

    Raises:
        InputError: the file is missing, unreadable, binary, empty or in no supported encoding.
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
    is_html = path.suffix.lower() in HTML_SUFFIXES
    try:
        declared = declared_charset(data) if is_html or data.lstrip()[:1] == b"<" else None
        decoded = decode_bytes(data, doc_id, declared=declared)
        text, text_format = decoded.text, "text"
        if is_html or looks_like_html(text):
            text, text_format = _from_html(text, doc_id), "html"
    except InputError as exc:
        raise type(exc)(str(path), exc.problem) from None
    return Document(
        doc_id=doc_id,
        text=text,
        source=str(path),
        encoding=decoded.encoding,
        text_format=text_format,
        warnings=decoded.warnings,
    )


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
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
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
            text_format = "text"
            if looks_like_html(text):
                try:
                    text = _from_html(text, doc_id)
                except InputError as exc:
                    yield InputError(doc_id, f"{where}: {exc.problem}")
                    continue
                text_format = "html"
            yield Document(
                doc_id=doc_id,
                text=text,
                lang=lang,
                source=where,
                url=url if isinstance(url, str) else None,
                encoding="utf-8",
                text_format=text_format,
            )


def iter_documents(paths: Iterable[Path]) -> Iterator[Document | InputError]:
    """Every document named by `paths`, in order; a problem is yielded as an InputError, never raised.

    A path is a `.txt` or `.html` file, a folder (its `.txt` files, recursively, in sorted order) or a
    `.jsonl` file.
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


# Japanese news has some 35-50% kana among its kana and Han characters; below 20% the text is mixed.
_MIXED_KANA_SHARE = 0.2


def document_provenance(doc: Document, lang: Lang) -> Provenance:
    """How `doc` was read and which language it was processed in, for the record's `provenance`.

    Mixed Japanese and Chinese text is processed in one language (kana means Japanese, SPEC 1); a
    warning says so when the kana are only a small share of the CJK characters, or when the language
    given disagrees with the one detected.
    """
    text = doc.text
    detected = detect_language(text)
    warnings = list(doc.warnings)
    kana, han = len(_KANA.findall(text)), len(_HAN.findall(text))
    if kana and han and kana < _MIXED_KANA_SHARE * (kana + han):
        warnings.append(
            f"mixed Japanese and Chinese text ({kana} kana among {kana + han} kana and Han characters): "
            f"processed as {lang.value}"
        )
    if doc.lang is not None and detected is not None and detected is not lang:
        warnings.append(f"language given as {lang.value}, but the text looks {detected.value}")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
    if controls:
        warnings.append(f"{controls} control characters kept in the text (offsets count them)")
    return Provenance(
        encoding=doc.encoding,
        text_format=doc.text_format,
        text_chars=len(text),
        text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        lang_detected=detected,
        lang_source="given" if doc.lang is not None else "detected",
        warnings=warnings,
    )
