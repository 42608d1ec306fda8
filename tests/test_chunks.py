"""Splitting long texts for the tokenizer: pieces fit, cover the text, and prefer natural boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from beihu_extract.chunks import split_into_chunks


def _check(text: str, max_bytes: int) -> list[tuple[int, int]]:
    pieces = split_into_chunks(text, max_bytes)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(len(text[a:b].encode("utf-8")) <= max_bytes for a, b in pieces)
    return pieces


def test_short_text_is_one_piece():
    assert split_into_chunks("長春。", 100) == [(0, 3)]


def test_cuts_after_a_line_break_first():
    text = "あ" * 10 + "\n" + "い" * 10
    assert _check(text, 40) == [(0, 11), (11, 21)]


def test_cuts_after_a_sentence_end_when_a_line_is_too_long():
    text = "あいう。えおか。きくけ。こさし"
    pieces = _check(text, 30)
    assert all(text[b - 1] == "。" for _, b in pieces[:-1])


def test_astral_characters_are_never_split():
    text = "𠮷" * 50
    _check(text, 9)


@given(st.text(alphabet=st.sampled_from("長春あア。、\n 1𠮷a"), max_size=300), st.integers(min_value=4, max_value=64))
def test_pieces_always_cover_and_fit(text, max_bytes):
    _check(text, max_bytes)
