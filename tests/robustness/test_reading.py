"""Reading bad and hostile input without a model: encodings, HTML, JSONL, provenance, typed errors."""

from __future__ import annotations

import json
import pickle

import pytest

from beihu_extract.documents import Document, decode_bytes, document_provenance, iter_documents, read_text_file
from beihu_extract.errors import DocumentError, DocumentTooLongError, EncodingError, InputError, LanguageError
from beihu_extract.html_input import html_to_text, looks_like_html
from beihu_extract.pipeline import Extractor
from beihu_extract.schema import Lang, Provenance, Record

from .cases import BAD, GOOD, HTML_PAGE, JA_LEGACY, MIXED, REFERENCE, ZH_TEXT

DECODE_CASES = [
    pytest.param(REFERENCE.encode(), REFERENCE, "utf-8", id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + REFERENCE.encode(), REFERENCE, "utf-8", id="utf-8-bom"),
    pytest.param(REFERENCE.encode("utf-16"), REFERENCE, "utf-16", id="utf-16-bom"),
    pytest.param(REFERENCE.encode("gb18030"), REFERENCE, "gb18030", id="gbk-japanese"),
    pytest.param(ZH_TEXT.encode("gb18030"), ZH_TEXT, "gb18030", id="gbk-chinese"),
    pytest.param(
        ZH_TEXT.encode("gbk", errors="replace"),
        ZH_TEXT.encode("gbk", errors="replace").decode("gbk"),
        "gb18030",
        id="gbk-strict",
    ),
    pytest.param(JA_LEGACY.encode("cp932"), JA_LEGACY, "cp932", id="shift-jis"),
    pytest.param(JA_LEGACY.encode("euc_jp"), JA_LEGACY, "euc_jp", id="euc-jp"),
    pytest.param("見出し\r\n本文。\r本文\n".encode(), "見出し\r\n本文。\r本文\n", "utf-8", id="line-ends-kept"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), DECODE_CASES)
def test_decoding_reads_each_encoding_exactly(data, text, encoding):
    decoded = decode_bytes(data, "doc")
    assert decoded.text == text
    assert decoded.encoding == encoding
    # A fallback encoding is never silent.
    assert bool(decoded.warnings) == (encoding != "utf-8")


REFUSED = [
    pytest.param("Café crème".encode("latin-1"), EncodingError, "not UTF-8", id="latin-1"),
    pytest.param("長春".encode("cp932"), EncodingError, "not UTF-8", id="short-kanji-only-sjis"),
    # GB2312 and EUC-JP share their byte structure: kanji-only EUC-JP would read as valid, wrong hanzi.
    pytest.param("編集:李孟群".encode("euc_jp"), EncodingError, "ambiguous", id="kanji-only-euc-jp"),
    pytest.param("长春新区".encode("gb2312"), EncodingError, "ambiguous", id="short-hanzi-only-gb2312"),
    pytest.param(bytes(range(0x80, 0x100)) * 4, EncodingError, "not UTF-8", id="high-bytes"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", InputError, "binary", id="binary"),
    pytest.param("\ufeff \n".encode(), InputError, "empty", id="bom-and-space"),
]


@pytest.mark.parametrize(("data", "error", "problem"), REFUSED)
def test_undecodable_bytes_are_a_clear_error_never_mojibake(data, error, problem):
    with pytest.raises(error, match=problem) as info:
        decode_bytes(data, "doc")
    assert str(info.value).startswith("doc: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_name_the_file(tmp_path, name):
    data, problem = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    items = list(iter_documents([path]))
    if problem.startswith("no Japanese"):  # readable; refused later, by language detection
        assert isinstance(items[0], Document)
        return
    (error,) = items
    assert isinstance(error, InputError)
    assert problem in error.problem and error.doc_id == str(path)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_files_are_read_with_their_provenance(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(GOOD[name])
    doc = read_text_file(path)
    assert doc.text.strip()
    assert doc.text_format == ("html" if name.endswith(".html") else "text")
    assert doc.encoding is not None


def test_html_is_reduced_to_title_and_block_lines():
    assert looks_like_html(HTML_PAGE)
    assert html_to_text(HTML_PAGE) == (
        "長春新区の発展\n2025年、長春新区は300社以上の企業を誘致した。\n吉林省&長春市の協力。\n"
    )


HTML_CASES = [
    pytest.param("<html><body><p>a<br>b</p></body></html>", "a\nb\n", id="br"),
    pytest.param("<html><p>x  \n  y</p><pre>l1\nl2</pre></html>", "x y\nl1\nl2\n", id="spaces-and-pre"),
    pytest.param("<html><p>长\u3000春</p><!-- <p>注释</p> --></html>", "长\u3000春\n", id="ideographic-space-kept"),
    pytest.param("<html><p>a<svg><svg></svg>hidden</svg>b</p></html>", "ab\n", id="nested-skip"),
    pytest.param("<html><p>unclosed <b>tags", "unclosed tags\n", id="unclosed"),
    pytest.param("<html><p>&lt;script&gt; &#128512; &unknown;</p>", "<script> 😀 &unknown;\n", id="references"),
]


@pytest.mark.parametrize(("html", "text"), HTML_CASES)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><p>x", True),
        ("  <!-- c -->\n<HTML lang=ja>", True),
        ("<p>a paragraph</p>", False),
        ("長春 <html> in running text", False),
        ("<htmlx>", False),
    ],
)
def test_only_clearly_html_text_is_treated_as_html(text, is_html):
    assert looks_like_html(text) is is_html


def test_html_page_declaring_gbk(tmp_path):
    page = '<html><head><meta charset="gbk"><title>长春</title></head><body><p>长春新区</p></body></html>'
    path = tmp_path / "p.htm"
    path.write_bytes(page.encode("gbk"))
    doc = read_text_file(path)
    assert doc.text == "长春\n长春新区\n"
    assert doc.encoding == "gb18030" and "declares" in doc.warnings[0]


def test_jsonl_html_text_is_reduced_and_ids_stay_strings(tmp_path):
    lines = [
        json.dumps({"id": "../../h", "text": HTML_PAGE}, ensure_ascii=False),
        json.dumps({"id": "e", "text": "<!doctype html><html><script>x</script></html>"}),
        "[" * 100_000,
        json.dumps({"id": "t", "text": "長春\r\n本文"}, ensure_ascii=False),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [(d.doc_id, d.text_format) for d in docs] == [("../../h", "html"), ("t", "text")]
    assert docs[1].text == "長春\r\n本文"
    assert ["no text" in errors[0].problem, "malformed JSON" in errors[1].problem] == [True, True]
    assert errors[1].doc_id == f"{path}:3"


@pytest.mark.parametrize(
    ("text", "lang", "warning"),
    [
        pytest.param(MIXED, "ja", "mixed Japanese and Chinese", id="mixed"),
        pytest.param(REFERENCE, "ja", None, id="japanese"),
        pytest.param(ZH_TEXT, "zh", None, id="chinese"),
        pytest.param("長春\x07\x1c本文です", "ja", "2 control characters", id="controls"),
    ],
)
def test_provenance_says_which_language_and_why(text, lang, warning):
    prov = document_provenance(Document(doc_id="d", text=text), Lang(lang))
    assert prov.lang_detected == Lang(lang) and prov.lang_source == "detected"
    assert prov.text_chars == len(text)
    if warning is None:
        assert prov.warnings == []
    else:
        assert any(warning in w for w in prov.warnings)


def test_provenance_notes_a_given_language_that_disagrees():
    prov = document_provenance(Document(doc_id="d", text=REFERENCE, lang="zh"), Lang.ZH)
    assert prov.lang_source == "given"
    assert any("looks ja" in w for w in prov.warnings)


def test_provenance_is_optional_and_strict():
    fields = {"doc_id": "d", "lang": "ja", "title": None, "published_at": None, "source": None, "editor": None}
    empty = {"entities": [], "quantities": [], "timexes": [], "facts": []}
    assert Record.model_validate({**fields, **empty}).provenance is None
    with pytest.raises(ValueError, match="extra"):
        Provenance.model_validate({"encoding": "utf-8", "guess": 1})


def test_max_chars_is_a_clear_error_before_any_model_loads():
    extractor = Extractor(max_chars=10)
    ((_, result),) = extractor.extract_many([Document(doc_id="long", text="長" * 11)])
    assert isinstance(result, DocumentTooLongError)
    assert str(result) == "long: too long: 11 characters, over the limit of 10 (--max-chars)"
    assert extractor._nlp == {}
    with pytest.raises(ValueError):
        Extractor(max_chars=0)


@pytest.mark.parametrize("error", [DocumentError, InputError, EncodingError, LanguageError, DocumentTooLongError])
def test_errors_survive_pickling_to_and_from_workers(error):
    copy = pickle.loads(pickle.dumps(error("d", "problem")))
    assert type(copy) is error and copy.doc_id == "d" and str(copy) == "d: problem"
