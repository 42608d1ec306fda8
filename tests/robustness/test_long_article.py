"""A 1 MB Japanese article (the reference article repeated) extracts with every mention exact."""

from __future__ import annotations

import pytest

from beihu_extract.lang import get_language
from beihu_extract.schema import Record

from .cases import REFERENCE


@pytest.mark.model
def test_one_megabyte_article_extracts_with_exact_offsets(extractor):
    copies = -(-1_000_000 // len(REFERENCE.encode()))
    text = "\n".join([REFERENCE] * copies)
    assert len(text.encode()) >= 1_000_000
    assert len(text.encode()) > get_language("ja").max_chunk_bytes  # so it must be cut and merged
    record = extractor.extract(text, "long")
    Record.model_validate(record.model_dump(), context={"text": text})
    assert all(text[m.start : m.end] == m.text for m in record.mentions())
    # The layout (title, metadata) belongs to the first copy; every later copy is body text.
    single = extractor.extract(REFERENCE, "one")
    assert record.title == single.title
    assert len(record.entities) >= (copies - 1) * len(single.entities) * 0.9
    assert len(record.quantities) >= (copies - 1) * len(single.quantities) * 0.9
