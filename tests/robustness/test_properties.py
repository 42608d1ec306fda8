"""Property tests: on any Unicode text, `extract` gives an exact, valid Record or the project's own typed error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beihu_extract.errors import BeihuError
from beihu_extract.schema import Record

pytestmark = pytest.mark.model

# Characters the news is made of, and the ones hostile input brings: kana, CJK (with astral 𠮷),
# digits (ASCII, full-width, kanji), units and qualifiers, punctuation, line ends and control characters.
_PIECES = st.sampled_from(
    [
        *"あいうえおのをはがアイウエオカタナー",
        *"長春新区吉林省北湖未来科学都市企業人件億万亿元円年月日割成第位以上约約近",
        *"0123456789０１２３４５６７８９一二三十百千",
        *"、。，．！？「」“”（）()%％:：・—…~ ",
        *"\n\r\t\x00\x07\x0b\x0c\x1c\x1d\x85\u2028\u3000\ufeff",
        "𠮷",
        "😀",
        "2025年11月19日",
        "300人以上",
        "約2億元",
        "時間: 2025-11-19 10:58 情報源: 長春",
        "編集:李",
    ]
)
_TEXT = st.one_of(
    st.lists(_PIECES, max_size=60).map("".join),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, lang=st.sampled_from([None, "ja", "zh"]))
def test_extract_is_exact_or_a_typed_error(extractor, text, lang):
    try:
        record = extractor.extract(text, "prop", lang)
    except BeihuError:
        return
    Record.model_validate(record.model_dump(), context={"text": text})
    for mention in record.mentions():
        assert text[mention.start : mention.end] == mention.text
    for fact in record.facts:
        assert 0 <= fact.evidence[0] < fact.evidence[1] <= len(text)
