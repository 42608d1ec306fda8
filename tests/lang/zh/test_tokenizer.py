"""The Chinese tokenizer: jieba.posseg with the gazetteer names as words and verbs jieba tags as nouns retagged."""

from __future__ import annotations

import pytest
from spacy.vocab import Vocab

from beihu_extract.lang.zh import JiebaTokenizer, split_place_names, user_words


@pytest.fixture(scope="module")
def tokenize():
    return JiebaTokenizer(Vocab())


@pytest.mark.parametrize(
    ("text", "word", "tag"),
    [
        pytest.param("中新苏州工业园区管委会发布数据。", "中新苏州工业园区", "ns", id="zone-kept-whole"),
        pytest.param(
            "中新苏州工业园区开发集团股份有限公司成立。",
            "中新苏州工业园区开发集团股份有限公司",
            "nt",
            id="gazetteer-company-kept-whole",
        ),
        pytest.param("他在建设银行办理贷款。", "建设银行", "nt", id="bank"),
        pytest.param("项目落户光谷。", "落户", "v", id="verb-tagged-noun"),
        pytest.param("营收同比增长18.6%。", "同比", "d", id="adverb-tagged-abbreviation"),
        pytest.param("推动高水平科技自立自强。", "高水平", "n", id="common-word-tagged-person"),
        pytest.param("力争到2027年突破千亿元。", "力争", "v", id="verb-tagged-proper-noun"),
        pytest.param("他在建设银行办理贷款。", "办理", "v", id="verb-before-name"),
        pytest.param("举办第二届中韩产业合作推介会。", "中韩", "j", id="bilateral-abbreviation"),
        pytest.param("储能调峰电站二期工程全面竣工。", "二期工程", "n", id="phase-of-works-a-noun"),
    ],
)
def test_words_and_tags(tokenize, text, word, tag):
    doc = tokenize(text)
    assert (word, tag) in {(t.text, t.tag_) for t in doc}


@pytest.mark.parametrize("text", ["项目落户光谷。", "Ａ股 上市公司\n友达光电（苏州）有限公司", ""])
def test_tokens_cover_the_text(tokenize, text):
    assert tokenize(text).text == text


def test_verbs_are_not_nouns(tokenize):
    doc = tokenize("项目落户光谷。")
    assert next(t for t in doc if t.text == "落户").pos_ == "VERB"


def test_user_words_come_from_the_gazetteer():
    words = dict(user_words())
    assert words["中国工商银行"] == "nt"
    assert words["合肥"] == "ns"
    assert all(len(w) > 1 for w in words)


def test_module_jieba_is_left_as_shipped(tokenize):
    import jieba.posseg

    tokenize("项目落户光谷。")
    assert jieba.posseg.dt.word_tag_tab.get("落户") == "n"


TAGS = {"郑州市": "ns", "美国": "ns", "南京": "ns", "中央": "n", "政府": "n", "大学": "n"}


@pytest.mark.parametrize(
    ("word", "flag", "parts"),
    [
        ("郑州市政府", "nt", [("郑州市", "ns"), ("政府", "n")]),
        ("美国政府", "nt", [("美国", "ns"), ("政府", "n")]),
        ("南京大学", "nt", [("南京", "ns"), ("大学", "n")]),
        ("中央政府", "nt", [("中央政府", "nt")]),  # 中央 is no place
        ("南京大学", "n", [("南京大学", "n")]),  # only organization words are cut
        ("北京市公安局", "nt", [("北京市公安局", "nt")]),  # one-character suffix
    ],
)
def test_split_place_names(word, flag, parts):
    assert split_place_names(word, flag, TAGS.get) == parts


def test_government_of_a_city_is_named(tokenize):
    assert [(t.text, t.tag_) for t in tokenize("郑州市政府发布通知")][:2] == [("郑州市", "ns"), ("政府", "n")]


def test_set_phrases_are_no_nouns(tokenize):
    doc = tokenize("中国和新加坡两国政府")
    assert next(t for t in doc if t.text == "两国政府").pos_ == "X"
