"""Chinese: spaCy's zh language tokenized by jieba.posseg, a rule-based sentence splitter and a packaged NER."""

from __future__ import annotations

import logging
from functools import cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from beihu_extract.lang import LanguageSupport
from beihu_extract.resources import load_json
from beihu_extract.schema import Lang

if TYPE_CHECKING:
    from collections.abc import Callable

    import jieba.posseg
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from thinc.api import Model

PIPELINE = "zh_jieba_posseg+uner_ner"
# The compact PER/ORG/LOC model trained by `make train-zh` on UNER Chinese-GSDSimp (CC BY-SA 4.0, see the
# LICENSE and ATTRIBUTION.md beside it), shipped as package data.
NER_MODEL = ("models", "zh_uner_ner")
# The model's embedding layer, named in its config.cfg (registered by `register_ner_architectures`).
ZH_HASH_EMBED = "beihu.ZhHashEmbed.v1"
MAX_CHUNK_BYTES = 40_000
# The component that drops model persons of one character (a surname or a word alone: 云, 李, 贺, never a name).
PERSON_FILTER = "beihu_zh_person_filter"
MIN_PERSON_CHARS = 2
# Sentence ends of Chinese running text (full-width forms included).
SENTENCE_ENDS = ["。", "！", "？", "；", "!", "?", "…"]


@cache
def _pos_map() -> dict[str, str]:
    """jieba's ICTCLAS-style tags mapped to Universal POS (`resources/zh/jieba_pos.json`)."""
    return load_json("zh", "jieba_pos.json")["tags"]


@cache
def user_words() -> tuple[tuple[str, str], ...]:
    """Words the tokenizer keeps whole, with their jieba tag: the domain words of `jieba_pos.json` and every
    Chinese gazetteer name, tagged by its type.

    jieba cuts names it does not know at the wrong places (友达|光电, 中|新苏州工业园区), and a name whose
    edge falls inside a word can be found neither by the rules nor by the model.
    """
    from beihu_extract.gazetteer import load_gazetteer

    user_dict = load_json("zh", "jieba_pos.json")["user_dict"]
    tags = user_dict["type_tags"]
    words: dict[str, str] = dict(user_dict.get("words", {}))
    for entry in load_gazetteer("zh"):
        tag = tags.get(entry.type.value)
        if tag is None:
            continue
        for name in entry.names:
            if len(name) > 1 and not name.isascii():
                words.setdefault(name, tag)
    return tuple(sorted(words.items()))


@cache
def _split_suffixes() -> tuple[str, ...]:
    """Name suffixes of two characters or more (`name_rules.json`), longest first."""
    from beihu_extract.names import load_name_rules

    return tuple(r.suffix for r in load_name_rules("zh").suffixes if len(r.suffix) > 1)


def split_place_names(word: str, flag: str, tag_of: Callable[[str], str | None]) -> list[tuple[str, str]]:
    """An organization word that jieba keeps whole, cut into its place and its suffix: 郑州市政府 -> 郑州市 + 政府.

    Only a word tagged nt whose head is a place word (ns) and whose tail is a name suffix is cut, so
    that the suffix rules can name and type it (a government, a university) as they do 合肥市 + 政府.
    """
    if flag != "nt":
        return [(word, flag)]
    for suffix in _split_suffixes():
        head = word[: -len(suffix)]
        if len(head) >= 2 and word.endswith(suffix) and tag_of(head) == "ns":
            return [(head, "ns"), (suffix, tag_of(suffix) or "n")]
    return [(word, flag)]


@cache
def _cutter() -> jieba.posseg.POSTokenizer:
    """A jieba.posseg cutter of its own (the module-level jieba stays as shipped).

    It knows `user_words`, and tags the verbs of `jieba_pos.json`'s `retag` as verbs.
    """
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, tag in user_words():
        tokenizer.add_word(word, tag=tag)
    cutter = jieba.posseg.POSTokenizer(tokenizer)
    cutter.word_tag_tab.update(load_json("zh", "jieba_pos.json")["retag"]["words"])
    cutter.makesure_userdict_loaded()
    return cutter


class JiebaTokenizer:
    """Segments with jieba.posseg: each word becomes a token, its jieba flag in `tag_`, a UD tag in `pos_`.

    The words cover the text exactly (whitespace included), so character offsets never move.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        cutter = _cutter()
        self._cut = cutter.cut
        self._tag_of = cutter.word_tag_tab.get
        self._pos = _pos_map()

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words, tags = [], []
        for pair in self._cut(text):
            if pair.word:
                for word, tag in split_place_names(pair.word, pair.flag, self._tag_of):
                    words.append(word)
                    tags.append(tag)
        if "".join(words) != text:  # jieba drops nothing today; fall back to characters if it ever does
            words, tags = list(text), ["x"] * len(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        for token, tag in zip(doc, tags, strict=True):
            token.tag_ = tag
            token.pos_ = self._pos.get(tag, "X") if not token.is_space else "SPACE"
        return doc


def zh_hash_embed(
    width: int, attrs: list[str], rows: list[int], char_slices: list[list[int | None]], char_rows: list[int]
) -> Model[list[Doc], list]:
    """spaCy's MultiHashEmbed plus hash embeddings of character slices of each word.

    Chinese names are told by their characters more than by whole words, which are sparse: 临榆县 and
    格拉尼库斯河 end in a place character, 司马攸 begins with a surname, 斯 and 尔 mark transliterations.
    A slice `[start, end]` embeds `word[start:end]` (`[-1, null]`: the last character; `[0, 2]`: the first
    two); a word too short for it gives the empty string, a feature of its own.

    Args:
        width: the output width and the width of every table.
        attrs: token attributes embedded as in MultiHashEmbed (NORM, PREFIX, SUFFIX, SHAPE, TAG...).
        rows: rows of each attribute's table.
        char_slices: the character slices embedded.
        char_rows: rows of each slice's table.
    """
    from spacy.attrs import intify_attr
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    if len(rows) != len(attrs) or len(char_rows) != len(char_slices):
        raise ValueError("one row count per attribute and per character slice")
    columns = [intify_attr(a) for a in attrs]
    slices = [(int(a) if a is not None else None, int(b) if b is not None else None) for a, b in char_slices]
    features = _zh_features(columns, slices)
    tables = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate([*rows, *char_rows])]
    mix = Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)
    return chain(features, list2ragged(), with_array(concatenate(*tables)), with_array(mix), ragged2list())


def _zh_features(columns: list[int], slices: list[tuple[int | None, int | None]]) -> Model:
    """A thinc layer: per token, the attribute IDs of `columns`, then the hashes of the character slices."""
    from thinc.api import Model

    return Model("zh_features", _zh_features_forward, attrs={"columns": columns, "slices": slices})


def _zh_features_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list, object]:
    import numpy
    from spacy.strings import hash_string

    columns, slices = model.attrs["columns"], [slice(a, b) for a, b in model.attrs["slices"]]
    out = []
    for doc in docs:
        attrs = doc.to_array(columns).reshape((len(doc), len(columns)))
        chars = numpy.array([[hash_string(t.text[s]) for s in slices] for t in doc], dtype="uint64").reshape(
            (len(doc), len(slices))
        )
        out.append(model.ops.asarray2i(numpy.hstack([attrs.astype("uint64"), chars]), dtype="uint64"))
    return out, lambda d_features: []


def register_ner_architectures() -> None:
    """Make the packaged NER's layers known to spaCy (needed to build, train or load it; idempotent)."""
    from spacy.util import registry

    registry.architectures.register(ZH_HASH_EMBED, func=zh_hash_embed)


def load_ner_model() -> Language:
    """The packaged NER pipeline (only its `ner` component is meant to be used: it reads jieba tokens and tags)."""
    import spacy

    register_ner_architectures()
    with as_file(files("beihu_extract").joinpath(*NER_MODEL)) as path:
        return spacy.load(path)


def drop_short_persons(doc: Doc) -> Doc:
    """Drop model PER spans shorter than MIN_PERSON_CHARS characters."""
    doc.ents = [e for e in doc.ents if e.label_ != "PER" or len(e.text.strip()) >= MIN_PERSON_CHARS]
    return doc


def load() -> Language:
    """A spaCy zh pipeline: jieba.posseg tokens, sentences, the packaged NER and name finding; nothing downloaded."""
    import spacy
    from spacy.language import Language

    import beihu_extract.components  # noqa: F401 - registers the beihu_* factories

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    nlp.add_pipe("ner", source=load_ner_model())
    if not Language.has_factory(PERSON_FILTER):
        Language.component(PERSON_FILTER, func=drop_short_persons)
    nlp.add_pipe(PERSON_FILTER)
    nlp.add_pipe("beihu_names", last=True, config={"lang": "zh"})
    return nlp


SUPPORT = LanguageSupport(code=Lang.ZH, pipeline=PIPELINE, load=load, max_chunk_bytes=MAX_CHUNK_BYTES, model_ner=True)
