"""The one extraction path on real documents: records validate and every mention slices the text."""

from __future__ import annotations

from itertools import pairwise

import pytest

from beihu_extract.documents import Document
from beihu_extract.errors import DocumentError, LanguageError
from beihu_extract.schema import Record, check_offsets

from .conftest import CORPUS, REFERENCE_ID

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def reference_record(extractor, reference_text) -> Record:
    return extractor.extract(reference_text, REFERENCE_ID)


def test_reference_metadata(reference_record):
    r = reference_record
    assert r.lang == "ja"
    assert r.title == "北湖未来科学都市、本格始動 高品質発展を牽引する「革新のエンジン」になる"
    assert (r.published_at, r.source, r.editor) == ("2025-11-19T10:58", "長春政事児", "李孟群")


def test_reference_offsets_are_exact(reference_record, reference_text):
    assert reference_record.entities, "the reference article has named entities"
    for m in reference_record.mentions():
        assert reference_text[m.start : m.end] == m.text
    check_offsets(reference_record, reference_text)


def test_nothing_from_metadata_or_editor_lines(reference_record, reference_text):
    meta_start = reference_text.index("時間:")
    body_start = reference_text.index("\n", reference_text.index("【字の大きさ")) + 1
    editor_start = reference_text.rindex("編集:")
    for m in reference_record.mentions():
        assert not (meta_start <= m.start < body_start), m
        assert m.start < editor_start, m


def test_entity_spans_never_overlap_or_start_with_quotes(reference_record):
    ents = sorted(reference_record.entities, key=lambda e: e.start)
    for a, b in pairwise(ents):
        assert a.end <= b.start
    for e in ents:
        assert e.text[0] not in "「」“”" and e.text[-1] not in "「」“”"


def test_every_corpus_article_extracts(extractor):
    docs = [Document(doc_id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    results = list(extractor.extract_many(docs))
    assert [d.doc_id for d, _ in results] == [d.doc_id for d in docs]
    for doc, result in results:
        assert isinstance(result, Record), result
        check_offsets(result, doc.text)


def test_chinese_document_gives_a_valid_record(extractor):
    text = "长春新区发布会召开\n时间：2025-06-12 09:30 来源：吉林日报\n\n长春新区今年新增企业300家。\n责任编辑：王明\n"
    record = extractor.extract(text, "zh-1")
    assert record.lang == "zh"
    assert (record.title, record.published_at, record.source, record.editor) == (
        "长春新区发布会召开",
        "2025-06-12T09:30",
        "吉林日报",
        "王明",
    )
    check_offsets(record, text)


def test_language_override(extractor):
    record = extractor.extract("長春新区", "k", lang="ja")
    assert record.lang == "ja"


def test_long_article_is_split_and_offsets_stay_exact(extractor, reference_text):
    body = reference_text.split("\n", 3)[3]
    text = reference_text + body * 5  # ~60k characters, over SudachiPy's 49,149-byte limit
    assert len(text.encode("utf-8")) > 49_149
    record = extractor.extract(text, "long")
    check_offsets(record, text)
    assert max(e.end for e in record.entities) > len(text) - len(body)


def test_long_article_is_analysed_in_paragraph_sized_pieces(reference_text):
    from beihu_extract.pipeline import PIECE_BYTES, Extractor

    text = "\n".join([reference_text] * 6)
    prepared = Extractor()._prepare(Document("long", text))  # no model is loaded to prepare
    assert len(prepared.chunks) > 1
    assert all(len(prepared.masked[a:b].encode()) <= PIECE_BYTES for a, b in prepared.chunks)
    assert [a for a, _ in prepared.chunks[1:]] == [b for _, b in prepared.chunks[:-1]]
    # an article of ordinary length stays whole
    assert len(Extractor()._prepare(Document("one", reference_text)).chunks) == 1


@pytest.mark.parametrize(
    ("sizes", "max_items", "expected"),
    [
        pytest.param([100] * 5, 2, [2, 2, 1], id="by-count"),
        pytest.param([9_000, 9_000, 100, 100], 16, [1, 3], id="by-characters"),
        pytest.param([20_000, 50], 16, [1, 1], id="one-piece-over-the-budget-alone"),
    ],
)
def test_pipe_batches_bound_pieces_and_characters(sizes, max_items, expected):
    from beihu_extract.pipeline import PIPE_CHARS, _pipe_batches

    assert PIPE_CHARS == 16_000  # the sizes above are chosen around it
    pieces = [(None, i, "字" * n) for i, n in enumerate(sizes)]
    batches = list(_pipe_batches(pieces, max_items))  # type: ignore[arg-type]
    assert [len(b) for b in batches] == expected
    assert [piece for batch in batches for piece in batch] == pieces


@pytest.mark.parametrize(
    ("text", "error", "match"),
    [
        pytest.param("   \n\u3000", DocumentError, "empty article", id="whitespace-only"),
        pytest.param("hello world", LanguageError, "no Japanese or Chinese", id="no-cjk"),
    ],
)
def test_bad_documents_raise_typed_errors(extractor, text, error, match):
    with pytest.raises(error, match=f"^bad: {match}"):
        extractor.extract(text, "bad")


def test_one_bad_document_does_not_stop_the_stream(extractor):
    docs = [Document("a", "長春新区の発展。"), Document("b", ""), Document("c", "长春新区今年新增企业。")]
    results = [r for _, r in extractor.extract_many(docs)]
    assert isinstance(results[0], Record) and isinstance(results[2], Record)
    assert isinstance(results[1], DocumentError) and results[1].doc_id == "b"


def test_reference_numbers_and_dates(reference_record):
    quantities = {q.text: (q.kind.value, q.value, q.unit, q.qualifier.value) for q in reference_record.quantities}
    assert quantities["23"] == ("COUNT", 23, None, "exact")
    assert quantities["60%"] == ("PERCENT", 60, "%", "more_than")
    assert quantities["7割以上"] == ("PERCENT", 70, "%", "at_least")
    assert quantities["第14位"] == ("RANK", 14, None, "exact")
    assert "吉林一号" not in {q.text for q in reference_record.quantities}
    assert [(t.text, t.value) for t in reference_record.timexes] == [("昨年", "2024")]
