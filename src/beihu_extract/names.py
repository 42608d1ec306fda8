"""Name finding without a model: gazetteer lookup and suffix rules over noun chains (pure, spaCy-free)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property

import opencc
from pydantic import BaseModel, ConfigDict, Field, model_validator

from beihu_extract.gazetteer import GazetteerEntry, load_gazetteer
from beihu_extract.keys import normalize_key
from beihu_extract.numerals import parse_numeral
from beihu_extract.resources import load_json
from beihu_extract.schema import EntityType, OrgSubtype

__all__ = [
    "GazetteerIndex",
    "NameMatch",
    "NameRules",
    "TokenLike",
    "extend_person_spans",
    "find_gazetteer_names",
    "find_rule_names",
    "fold_width",
    "gazetteer_index",
    "industry_in_context",
    "is_foreign_word",
    "is_generic_phrase",
    "is_proper",
    "load_name_rules",
    "noun_chains",
]


@dataclass(frozen=True, slots=True)
class TokenLike:
    """The little a name rule needs of a token."""

    start: int
    end: int
    text: str
    pos: str
    tag: str = ""


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name found by the gazetteer or a rule; `rule` says which (a gazetteer key or a rule id)."""

    start: int
    end: int
    type: EntityType
    subtype: OrgSubtype | None
    rule: str
    key: str | None = None


# ---------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class GazetteerIndex:
    """Every written name of a language's gazetteer, for longest-match lookup at each character.

    `variants` names the OpenCC conversion that folds variant characters before lookup (ja t2jp:
    光纖 → 光繊; zh t2s: 長春 → 长春), one character for one, so offsets stay those of the raw text.
    """

    names: dict[str, GazetteerEntry]
    lengths: dict[str, tuple[int, ...]]  # first character -> name lengths, longest first
    variants: str | None = None

    def fold(self, text: str) -> str:
        """`text` as names are looked up: width-folded, then with variant characters folded."""
        folded = fold_width(text)
        if self.variants is None:
            return folded
        return "".join(_fold_variant(ch, self.variants) for ch in folded)


def fold_width(text: str) -> str:
    """Text with each character NFKC-folded where that keeps it one character (（ → (, Ａ → A), same length.

    Matching on the folded text lets `中韓（長春）` find `中韓(長春)` while offsets stay those of the raw text.
    """
    return "".join(_fold_char(ch) for ch in text)


@cache
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


@cache
def _fold_variant(ch: str, config: str) -> str:
    if ch.isascii():
        return ch
    folded = _opencc(config).convert(ch)
    return folded if len(folded) == 1 else ch


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _index(entries: Iterable[GazetteerEntry], variants: str | None = None) -> GazetteerIndex:
    names: dict[str, GazetteerEntry] = {}
    lengths: dict[str, set[int]] = defaultdict(set)
    fold = GazetteerIndex({}, {}, variants).fold
    for entry in entries:
        for written in entry.names:
            name = fold(written)
            # The first entry that lists a name keeps it: aliases never steal a full name.
            if name and name not in names:
                names[name] = entry
                lengths[name[0]].add(len(name))
    return GazetteerIndex(
        names=names, lengths={ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}, variants=variants
    )


@cache
def gazetteer_index(lang: str) -> GazetteerIndex:
    """The lookup index of `lang`'s gazetteer."""
    return _index(load_gazetteer(lang), load_name_rules(lang).gazetteer_variants)


_KATAKANA = re.compile(r"[\u30a0-\u30ff\uff66-\uff9d]")
_LATIN = re.compile(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]")


def _same_script_word(a: str, b: str) -> bool:
    """Whether a and b would be one word: two Latin letters/digits or two katakana (AI|oT, エネルギ|ー)."""
    return bool((_LATIN.match(a) and _LATIN.match(b)) or (_KATAKANA.match(a) and _KATAKANA.match(b)))


def find_gazetteer_names(text: str, index: GazetteerIndex) -> list[NameMatch]:
    """Longest gazetteer names, left to right, never cutting a Latin or katakana word.

    Names are looked up on the folded text (`GazetteerIndex.fold`), so full-width and half-width forms
    and variant characters all match.
    """
    text = index.fold(text)
    out: list[NameMatch] = []
    i, n = 0, len(text)
    while i < n:
        for length in index.lengths.get(text[i], ()):
            j = i + length
            if j > n or text[i:j] not in index.names:
                continue
            if (i > 0 and _same_script_word(text[i - 1], text[i])) or (
                j < n and _same_script_word(text[j - 1], text[j])
            ):
                continue
            entry = index.names[text[i:j]]
            out.append(NameMatch(i, j, entry.type, entry.subtype, f"gazetteer:{entry.key}", entry.key))
            i = j
            break
        else:
            i += 1
    return out


# ---------------------------------------------------------------- suffix rules


class SuffixRule(BaseModel):
    """A name ending: what a noun chain ending with `suffix` names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    suffix: str = Field(min_length=1)
    type: EntityType
    subtype: OrgSubtype | None = None
    weak: bool = Field(
        default=False, description="a common ending (会社, センター): the name part must hold a proper-name word"
    )
    descriptive: bool = Field(
        default=False,
        description="a weak ending that a description of one thing still names (28纳米扩产项目): "
        "enough words that are not generic stand for a proper-name word",
    )
    foreign: bool = Field(
        default=False,
        description="an ending that names something only after a foreign name in katakana or Latin letters "
        "(ロイター通信, Xojo社; 約1000社 and 量子保密通信 are none)",
    )

    @model_validator(mode="after")
    def _check_subtype(self) -> SuffixRule:
        if (self.type is EntityType.ORG) != (self.subtype is not None):
            raise ValueError(f"{self.suffix}: subtype is required for ORG and only for ORG")
        return self


class NameRules(BaseModel):
    """One language's name rules (`resources/<lang>/name_rules.json`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    chain_pos: frozenset[str] = Field(description="parts of speech that continue a name")
    chain_words: frozenset[str] = Field(
        default=frozenset(), description="words that continue a name whatever their tag (zh 创新 is tagged a verb)"
    )
    suffixes: tuple[SuffixRule, ...]
    suffix_exceptions: frozenset[str] = Field(
        default=frozenset(),
        description="words that end with a suffix but name a part or a place, never an entity (中心部, 北部)",
    )
    generic_words: frozenset[str] = Field(
        description="words that alone never make a name part (研究開発 + プラットフォーム is no name)"
    )
    left_trim: tuple[str, ...] = Field(description="leading words dropped from a chain (全国, 同, 各)")
    counted_before: str = Field(
        description="regex anchored at the chain start: a chain after a count (23の…, 23个…) names a class"
    )
    industry_markers: tuple[str, ...] = Field(description="X + marker: X is an INDUSTRY (分野, 産業)")
    industry_list_end: str = Field(description="regex: what closes an enumeration of industries")
    not_industries: frozenset[str] = Field(description="X that are no sector (伝統, 優位, 未来)")
    gazetteer_variants: str | None = Field(
        default=None, description="OpenCC conversion folding variant characters before gazetteer lookup (t2jp, t2s)"
    )
    gazetteer_within_words: frozenset[EntityType] = Field(
        default=frozenset(),
        description="types whose gazetteer names never cut a word of the tokenizer (zh: jieba knows those names, "
        "so 其中|国家 holds no 中国)",
    )
    gazetteer_whole_words: frozenset[EntityType] = Field(
        default=frozenset(),
        description="types whose gazetteer names are never part of one word of the tokenizer (ja LOC: 日本 in 日本語)",
    )
    product_frames: tuple[str, ...] = Field(
        default=(),
        description="regexes of a product's launch or make, the product's name in group `name` "
        "(zh 研发的 + X + 于…上市; ja 「X」 + の量産を開始)",
    )
    max_product_chars: int = Field(default=20, ge=1, description="the longest name a product frame takes")
    industry_counted_list: str = Field(
        default="(?!)",
        description="regex of what closes an enumeration by counting it, with the count in group `n` "
        "(ja の5分野, zh 五大产业): when the count equals the items, every item is a sector",
    )
    industry_list_separators: str = Field(
        default="、", description="regex: what separates the items of an enumeration of sectors (、)"
    )
    industry_item_stop_tags: tuple[str, ...] = Field(
        default=(), description="tag prefixes of words that open no item of an enumeration (ja 今後: 副詞可能)"
    )
    industry_last_joiner: str = Field(
        default="(?!)", description="regex: what may join the last item of a counted enumeration (zh 和)"
    )
    industry_focus_list: str = Field(
        default="(?!)",
        description="regex of an enumeration of sectors opened by a focus verb and closed by a sector marker, "
        "the items in group `items` (zh 重点发展 + 半导体、智能终端、光子 + 等产业)",
    )
    industry_item_breaks: str = Field(
        default="(?!)", description="regex: what no item of a counted enumeration holds (a particle, a clause mark)"
    )
    industry_joiners: str = Field(
        default="(?!)", description="regex: what joins two sector words of one enumeration (、, や, と; zh 和, 与)"
    )
    industry_alone_before: str = Field(
        default="(?!)", description="regex: what may stand before a sector word used on its own (a particle, a comma)"
    )
    industry_alone_after: str = Field(
        default="(?!)", description="regex: what follows a sector word used on its own (バイオ医薬が, 光通信で)"
    )
    max_industry_chars: int = Field(ge=1)
    min_tokens_generic_name: int = Field(
        ge=1, description="a name part of only generic words still names something from this many words on"
    )
    descriptive_pos: frozenset[str] = Field(
        default=frozenset(), description="parts of speech inside a description before a descriptive suffix"
    )
    descriptive_opens: str = Field(
        default="(?!)", description="regex anchored at a description's start: what it follows (的, a comma)"
    )
    owner_apart_phase: str = Field(
        default="",
        description="regex of a phase (一期, 二期): a project named after a known organisation starts after it "
        "(中国一汽 | 红旗繁荣工厂二期项目), and there is none where only a phase and a suffix are left (一期工程); "
        "empty: the owner stays inside the name",
    )
    min_descriptive_words: int = Field(
        default=2, ge=1, description="words that are not generic a name part needs before a descriptive suffix"
    )
    event_ordinal: str = Field(
        default="", description="regex of an edition number an event name starts with (第20届, 第1回)"
    )
    proper_tags: tuple[str, ...] = Field(default=(), description="tag prefixes of proper-name words (ja 名詞-固有名詞)")
    own_name_tags: tuple[str, ...] = Field(
        default=(),
        description="tag prefixes of words that are a place's or a person's own name: a one-character suffix "
        "is not cut from them (ja 四谷 is no 四 + 谷, while 武漢駅 is 武漢 + 駅)",
    )
    common_noun_tag: str = Field(
        default="\uffff", description="tag prefix of common nouns (ja 名詞-普通名詞); the default matches none"
    )
    model_company_endings: tuple[str, ...] = Field(
        default=(),
        description="legal forms that make a model entity ending with them a company, whatever its label "
        "(zh 厦门天马显示科技有限公司 read as a place)",
    )
    model_trailing_tags: tuple[str, ...] = Field(
        default=(),
        description="tag prefixes of words a model entity of `model_trailing_types` does not end with "
        "(ja: 東北地区 | 振興, 北東アジア | 協力: a verbal noun after a place is what happens there)",
    )
    model_trailing_types: frozenset[EntityType] = Field(
        default=frozenset(), description="the model entity types `model_trailing_tags` are cut from"
    )
    lone_common_noun_not_name: frozenset[EntityType] = Field(
        default=frozenset(), description="model entity types never named by one common noun alone (終戦, 急成長)"
    )
    person_tags: tuple[str, ...] = Field(default=(), description="tags of given and family names (ja 人名-姓/名)")
    person_family_tags: tuple[str, ...] = Field(
        default=(), description="tags of family names a person span grows back over (ja 人名-姓: 李澤 + 湘)"
    )
    person_joiners: tuple[str, ...] = Field(
        default=(), description="marks inside a foreign person's name, between katakana words (アドルフ・ヴュルト)"
    )
    model_types_without_proper_word: frozenset[EntityType] = Field(
        default=frozenset(), description="model entity types kept without a proper-name word (titles, armies)"
    )
    company_prefixes: tuple[str, ...] = Field(
        default=(), description="legal forms written before a company's name (株式会社フェローピクチャーズ)"
    )
    measure_words: frozenset[str] = Field(
        default=frozenset(), description="words that end a figure's measure and never a name (产量, 营收, 规模)"
    )
    company_legal_suffixes: tuple[str, ...] = Field(
        default=(), description="legal forms written after a company's name, longest first (股份有限公司, 有限公司)"
    )
    description_stops: frozenset[str] = Field(
        default=frozenset(), description="words a description never reaches back over (zh 开工, 建设: 开工建设 | X项目)"
    )
    place_facility_heads: frozenset[str] = Field(
        default=frozenset(),
        description="words after a place's name that describe a site, not name one (西安工場, 深圳キャンパス)",
    )
    genitive_words: frozenset[str] = Field(
        default=frozenset(), description="attributive particles a description may open after with a verb (zh 的)"
    )
    person_titles: tuple[str, ...] = Field(
        default=(),
        description="titles written right after a person's name (院士, 教授, 社長): a model name so followed is one",
    )
    short_name_openers: tuple[str, ...] = Field(
        default=(), description="words that open a short name in parentheses, longest first (zh 以下简称, 简称)"
    )
    industry_owner_tags: tuple[str, ...] = Field(
        default=(),
        description="tag prefixes of words that own the sector after them (zh ns, nt: 江北新区 | 集成电路产业)",
    )
    organization_heads: frozenset[str] = Field(
        default=frozenset(),
        description="last words of a model ORG span that make it a name without a proper-name word (海軍, 国際開発庁)",
    )

    @model_validator(mode="after")
    def _longest_first(self) -> NameRules:
        object.__setattr__(self, "suffixes", tuple(sorted(self.suffixes, key=lambda r: -len(r.suffix))))
        object.__setattr__(self, "short_name_openers", tuple(sorted(self.short_name_openers, key=len, reverse=True)))
        return self

    @cached_property
    def zone_suffixes(self) -> tuple[str, ...]:
        """The suffixes of two or more characters that end a zone's name (新区, 高新区, 開発区)."""
        return tuple(r.suffix for r in self.suffixes if r.type is EntityType.ZONE and len(r.suffix) > 1)

    @cached_property
    def strong_suffixes(self) -> frozenset[str]:
        """The suffixes of two or more characters that are not weak: each ends a name on its own."""
        return frozenset(r.suffix for r in self.suffixes if len(r.suffix) > 1 and not r.weak)


@cache
def load_name_rules(lang: str) -> NameRules:
    """The name rules of `lang`."""
    return load_json(lang, "name_rules.json", NameRules)


# Characters that may join two name tokens: ・ between katakana words, parentheses around a place.
_OPEN, _CLOSE = "(（", ")）"


def _continues(tok: TokenLike, rules: NameRules) -> bool:
    return (tok.pos in rules.chain_pos or tok.text in rules.chain_words) and bool(tok.text.strip())


def _split_suffix(tokens: Sequence[TokenLike], i: int, rules: NameRules, text: str) -> int:
    """How many words from i spell a suffix the tokenizer cut in two (对接|会, 签约|仪式), or 0."""
    for j in range(i + 1, min(i + 3, len(tokens))):
        if text[tokens[j - 1].end : tokens[j].start]:
            return 0  # nothing, not even a space, between the pieces of one word
        if text[tokens[i].start : tokens[j].end] in rules.strong_suffixes:
            return j - i + 1
    return 0


def noun_chains(tokens: Sequence[TokenLike], rules: NameRules, text: str) -> list[list[TokenLike]]:
    """Maximal runs of name-like tokens, allowing `・` between katakana and `(place)` inside.

    Two tokens belong to one chain only if nothing but a single ASCII space separates them
    (`200P スマート計算センター`). A suffix the tokenizer cut into words of other kinds
    (推进|会: two verbs) still ends the chain before it.
    """
    chains: list[list[TokenLike]] = []
    current: list[TokenLike] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        joined = bool(current) and _adjacent(current[-1], tok, text)
        width = _split_suffix(tokens, i, rules, text)
        if width and not all(_continues(t, rules) for t in tokens[i : i + width]):
            if current and not joined:
                chains.append(current)
                current = []
            current.extend(tokens[i : i + width])
            i += width
            continue
        if _continues(tok, rules):
            if current and not joined:
                chains.append(current)
                current = []
            current.append(tok)
            i += 1
            continue
        if joined and tok.text == "・" and i + 1 < n:
            nxt = tokens[i + 1]
            if _KATAKANA.match(current[-1].text[-1]) and _KATAKANA.match(nxt.text[0]) and _continues(nxt, rules):
                current.append(tok)
                i += 1
                continue
        if joined and tok.text in _OPEN:
            close = _parenthesised(tokens, i, rules)
            if close is not None:
                current.extend(tokens[i : close + 1])
                i = close + 1
                continue
        if current:
            chains.append(current)
            current = []
        i += 1
    if current:
        chains.append(current)
    return chains


def _adjacent(a: TokenLike, b: TokenLike, text: str) -> bool:
    """Nothing between two words, or one ASCII space next to a Latin letter or digit (200P スマート計算センター);
    a space between two Japanese or Chinese words ends a phrase (…高等学校 バレーボール部)."""
    gap = text[a.end : b.start]
    if gap == " ":
        return _ascii_alnum(a.text[-1:]) or _ascii_alnum(b.text[:1])
    return gap == ""


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _parenthesised(tokens: Sequence[TokenLike], i: int, rules: NameRules) -> int | None:
    """Index of the closing parenthesis of a short `(name)` group at i that a name continues after."""
    for j in range(i + 1, min(i + 5, len(tokens))):
        if tokens[j].text in _CLOSE:
            inner_ok = j > i + 1 and all(_continues(t, rules) for t in tokens[i + 1 : j])
            after_ok = j + 1 < len(tokens) and _continues(tokens[j + 1], rules)
            return j if inner_ok and after_ok else None
    return None


def find_rule_names(text: str, tokens: Sequence[TokenLike], rules: NameRules) -> list[NameMatch]:
    """Names that end with a known suffix (zones, companies, institutes, projects, events) and industries.

    In each noun chain the longest prefix that ends with a suffix is the name, after dropping
    leading words such as 全国; it is kept only if its name part (before the suffix) holds a word
    that is not generic, so 国家級研究開発プラットフォーム is no name but 長白山実験室 is.
    """
    out: list[NameMatch] = []
    for chain in noun_chains(tokens, rules, text):
        match = _suffix_name(text, chain, rules)
        if match is not None:
            out.append(match)
        industry = _industry_before_marker(text, chain, rules)
        if industry is not None:
            out.append(industry)
    out += counted_industries(text, tokens, rules)
    out += framed_products(text, tokens, rules)
    by_end = {m.end: i for i, m in enumerate(out)}
    for chain in _descriptive_chains(tokens, rules, text):
        if (match := _suffix_name(text, chain, rules)) is None:
            continue
        i = by_end.get(match.end)
        if i is None:
            out.append(match)
        elif match.start < out[i].start and match.type is out[i].type:
            # 光明合成生物创新产业园二期项目: the description reaches back over a verb (合成) the noun chain stops at
            out[i] = match
    return out


def _descriptive_chains(tokens: Sequence[TokenLike], rules: NameRules, text: str) -> list[list[TokenLike]]:
    """Runs of words that end with a descriptive suffix and may hold verbs and adjectives (先进 封测 基地 项目).

    A description names one project only where it opens its phrase: after the attributive
    particle or a punctuation mark (长江存储的 + 国家存储器基地二期项目), never after a verb
    (计划引进项目), and it never opens with a verb itself.
    """
    suffixes = {r.suffix for r in rules.suffixes if r.descriptive}
    if not suffixes or not rules.descriptive_pos:
        return []
    opens = _counted_pattern(rules.descriptive_opens)
    chains = []
    for k, tok in enumerate(tokens):
        if tok.text not in suffixes:
            continue
        i = k
        while (
            i > 0
            and _adjacent(tokens[i - 1], tokens[i], text)
            and (tokens[i - 1].pos in rules.descriptive_pos or tokens[i - 1].text in rules.chain_words)
            and not (tokens[i - 1].pos == "PROPN" and tokens[i].pos == "VERB")  # 成都高新区 | 促成…: a subject
            and tokens[i - 1].text not in rules.description_stops  # 开工建设 | 储能电池二期项目
        ):
            i -= 1
        # it opens with a verb only right after the attributive particle (的 + 模拟特色工艺晶圆生产线三期项目)
        while i < k and tokens[i].pos == "VERB" and not _after_genitive(tokens, i, rules, text):
            i += 1
        if i < k and opens.search(text[max(0, tokens[i].start - 4) : tokens[i].start]):
            chains.append(_after_leading_count(text, list(tokens[i : k + 1]), rules))
    return chains


def _after_genitive(tokens: Sequence[TokenLike], i: int, rules: NameRules, text: str) -> bool:
    return i > 0 and tokens[i - 1].text in rules.genitive_words and _adjacent(tokens[i - 1], tokens[i], text)


def _after_leading_count(text: str, chain: list[TokenLike], rules: NameRules) -> list[TokenLike]:
    """The chain without a count it opens with: 32个 + 项目, 一场 + 对接活动 (a count names no thing)."""
    count = _counted_pattern(rules.counted_before)
    for j in range(len(chain) - 1, 0, -1):
        m = count.search(text[chain[0].start : chain[j - 1].end])
        if m is not None and m.start() == 0:
            return chain[j:]
    return chain


@cache
def _suffix_exception_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """Every occurrence of any of `words`, overlapping ones included (a lookahead, longest word first)."""
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"(?=({alternation}))")


def _suffix_exception_spans(text: str, start: int, end: int, words: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of `words` inside text[start:end]; a shorter word starting at the same place lies inside."""
    pattern = _suffix_exception_pattern(words)
    if pattern is None:
        return []
    return [(m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(text, start, end)]


def _suffix_name(text: str, chain: list[TokenLike], rules: NameRules) -> NameMatch | None:
    while chain and chain[0].text in rules.left_trim:
        chain = chain[1:]
    while len(chain) > 1 and chain[0].pos == "NUM" and chain[1].text in rules.left_trim:
        chain = chain[2:]  # 2012年株式会社…: a date before the name is no part of it
    if chain and chain[0].text in rules.company_prefixes and len(chain) > 1:
        rest = chain[1:]
        if any(is_proper(t, rules) or _KATAKANA.match(t.text[:1]) for t in rest):
            return NameMatch(chain[0].start, rest[-1].end, EntityType.ORG, OrgSubtype.COMPANY, "prefix:company")
    if not chain or _after_count(text, chain[0].start, rules):
        return None
    # 金沢市中心部: no name ends inside or with a word such as 中心部 (neither 部 nor 中心 is a suffix there)
    blocked = _suffix_exception_spans(text, chain[0].start, chain[-1].end, rules.suffix_exceptions)
    for k in range(len(chain), 0, -1):
        start, end = chain[0].start, chain[k - 1].end
        name = text[start:end]
        rule = next(
            (r for r in rules.suffixes if name.endswith(r.suffix) and _aligned(chain[:k], r.suffix, rules)), None
        )
        if rule is None or any(a < end <= b for a, b in blocked):
            continue
        name_part = [t for t in chain[:k] if t.end <= end - len(rule.suffix)]
        last = chain[k - 1]
        if len(rule.suffix) == 1 and last.end - last.start > 1 and last.end == end:
            if rules.own_name_tags and last.tag.startswith(rules.own_name_tags):
                continue  # 四谷, 渋谷: the word is a place's own name, not a name and a suffix
            # 武漢駅 is one word: its name part is 武漢, a part of that word
            name_part.append(replace(last, end=end - len(rule.suffix), text=last.text[: -len(rule.suffix)]))
        if not name_part or is_generic_phrase([t.text for t in name_part], rules, with_suffixes=False):
            return None
        if rule.foreign and not is_foreign_word(name_part[-1].text):
            continue
        if rule.weak and not any(is_proper(t, rules) for t in name_part) and not _descriptive(name_part, rule, rules):
            return None  # 提携会社, 翻訳会社: a kind of company, not a company
        if rule.type is EntityType.EVENT and rules.event_ordinal:
            # 第二十届中国光谷国际光电子博览会: the edition is part of the event's name
            m = _counted_pattern(rules.event_ordinal).search(text[max(0, start - 8) : start])
            start -= len(m.group(0)) if m else 0
        return NameMatch(start, end, rule.type, rule.subtype, f"suffix:{rule.suffix}")
    return None


_HAN = re.compile(r"[\u3400-\u9fff]")
_COUNTED_SECTORS = re.compile(r"[0-9０-９一二三四五六七八九十]+大$")  # 三大 (jieba may tag it j)
_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


def _descriptive(name_part: list[TokenLike], rule: SuffixRule, rules: NameRules) -> bool:
    """Whether a name part describes one thing in enough words of its own (先进封测基地二期 + 项目).

    重点 + 项目, 重要合作 + 项目 are kinds of project: their words are generic.
    """
    if not rule.descriptive:
        return False
    own = [t for t in name_part if not _generic(t.text, rules)]
    return len(own) >= rules.min_descriptive_words


def is_proper(token: TokenLike, rules: NameRules, *, by_tag: bool = False) -> bool:
    """Whether a token looks like part of a proper name: tagged so, Latin, or a lone Han character.

    A lone Han character is typical of a transliterated Chinese name (中科研伸: 伸, 吉翼: 吉). With
    `by_tag`, only the dictionary's tag counts, not the part of speech a model gave the word.
    """
    return (
        (token.pos == "PROPN" and not (by_tag and rules.proper_tags))
        or any(token.tag.startswith(t) for t in rules.proper_tags)
        or bool(_LETTER.match(token.text))
        or (len(token.text) == 1 and bool(_HAN.match(token.text)))
    )


def is_foreign_word(word: str) -> bool:
    """Whether a word is written in katakana or Latin letters (a loanword or a foreign name)."""
    return bool(_KATAKANA.match(word[:1]) or _LETTER.match(word[:1]))


def _aligned(chain: list[TokenLike], suffix: str, rules: NameRules) -> bool:
    """A one-character suffix (局, 部) must be a whole token: 布局 does not end a name with 局.

    A proper-name word that ends with it is aligned too: 武漢駅 is one word of the tokenizer.
    """
    last = chain[-1]
    return (
        len(suffix) > 1
        or last.text == suffix
        or (len(last.text) > 1 and last.text.endswith(suffix) and is_proper(last, rules))
    )


def _generic(word: str, rules: NameRules) -> bool:
    return word in rules.generic_words or normalize_key(word).isdigit()


def is_generic_phrase(words: Sequence[str], rules: NameRules, *, with_suffixes: bool = True) -> bool:
    """Whether words (tokens of a whole span, or of a name part before its suffix) name a class.

    True when the words spell out only generic words (and name suffixes, with `with_suffixes`)
    and there are fewer than `min_tokens_generic_name` of them: 研究開発 + プラットフォーム,
    科学 + 城, 開発区.
    """
    if len(words) >= rules.min_tokens_generic_name:
        return False
    return _segments_into(normalize_key("".join(words)), _generic_vocabulary(rules, with_suffixes))


@cache
def _generic_vocabulary(rules: NameRules, with_suffixes: bool) -> frozenset[str]:
    return rules.generic_words | {r.suffix for r in rules.suffixes} if with_suffixes else rules.generic_words


def _segments_into(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether text is a concatenation of vocabulary words and digits (開発区, 研究開発プラットフォーム)."""
    if not text:
        return False
    longest = max(map(len, vocabulary), default=0)
    ok = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - longest), end):
            if ok[start] and (text[start:end] in vocabulary or text[start:end].isdigit()):
                ok[end] = True
                break
    return ok[-1]


def _after_count(text: str, start: int, rules: NameRules) -> bool:
    """Whether the chain follows a count (23の国家級…, 23个国家级…): then it names a class."""
    return _counted_pattern(rules.counted_before).search(text[max(0, start - 12) : start]) is not None


@cache
def _counted_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern + "$")


def _industry_before_marker(text: str, chain: list[TokenLike], rules: NameRules) -> NameMatch | None:
    """`X分野` / `X産業` (SPEC 5.2): X is an INDUSTRY when it is short and a sector word."""
    for k in range(len(chain) - 1, 0, -1):
        if chain[k].text not in rules.industry_markers:
            continue
        head = chain[:k]
        # 医療産業分野: the sector is 医療 (drop a marker that ends the head as well)
        while head and head[-1].text in rules.industry_markers:
            head = head[:-1]
        if any(t.pos == "NUM" or _COUNTED_SECTORS.match(t.text) for t in head):  # 5大産業 counts sectors
            return None
        while len(head) > 1 and head[0].text in rules.left_trim:
            head = head[1:]
        # 江北新区 | 集成电路产业: the sector is what follows the zone or place that owns it
        owner = max((j for j, t in enumerate(head[:-1]) if _owns_a_sector(t, rules)), default=-1)
        head = head[owner + 1 :]
        start, end = head[0].start, head[-1].end
        name = text[start:end]
        if len(name) > rules.max_industry_chars or name in rules.not_industries:
            return None
        if is_generic_phrase([t.text for t in head], rules, with_suffixes=False):
            return None
        return NameMatch(start, end, EntityType.INDUSTRY, None, "industry:marker")
    return None


def _owns_a_sector(token: TokenLike, rules: NameRules) -> bool:
    """A word that names where a sector is, not the sector: a zone word (新区, 高新区) or a place's name."""
    if rules.industry_owner_tags and token.tag.startswith(rules.industry_owner_tags):
        return True
    return token.text.endswith(rules.zone_suffixes)


def _word_edges(tokens: Sequence[TokenLike]) -> tuple[set[int], set[int]]:
    """The offsets where words of the text start and where they end."""
    return {t.start for t in tokens}, {t.end for t in tokens}


def _words_within(tokens: Sequence[TokenLike], start: int, end: int) -> list[TokenLike]:
    """The words that lie wholly inside start-end."""
    return [t for t in tokens if start <= t.start and t.end <= end]


def framed_products(text: str, tokens: Sequence[TokenLike], rules: NameRules) -> list[NameMatch]:
    """Products named by the frame of their launch: 百克生物研发的 + 带状疱疹减毒活疫苗 + 于前年获批上市,
    光子計数CT「NeuMiva」の量産を開始. The name (group `name` of a `product_frames` pattern) must begin and
    end at word boundaries and hold no word of a sentence's frame (a verb, a particle, an adverb such as 去年).
    """
    starts, ends = _word_edges(tokens)
    out = []
    for pattern in rules.product_frames:
        for m in re.finditer(pattern, text):
            a, b = m.span("name")
            if a not in starts or b not in ends or b - a > rules.max_product_chars:
                continue
            inside = _words_within(tokens, a, b)
            if (
                not inside
                or any(t.pos in ("ADP", "ADV", "AUX", "PART", "PUNCT", "SCONJ", "CCONJ") for t in inside)
                or inside[0].pos == "VERB"
                or inside[-1].pos == "VERB"
            ):
                continue
            if is_generic_phrase([t.text for t in inside], rules) or any((o.start, o.end) == (a, b) for o in out):
                continue
            out.append(NameMatch(a, b, EntityType.PRODUCT, None, "product:frame"))
    return out


def counted_industries(text: str, tokens: Sequence[TokenLike], rules: NameRules) -> list[NameMatch]:
    """Sectors named by the frame of their enumeration rather than by a list of sector words.

    Two frames: a count that closes the enumeration and equals its items (ロボット、集積回路装備、…、
    航空宇宙の5分野; 集成电路、生物医药和智能制造三大产业: the first item starts after the last word that
    cannot be part of a name, and the last may be joined by 和), and a focus verb that opens it where a
    sector marker closes it (重点发展半导体、智能终端、光子等产业).
    """
    starts, ends = _word_edges(tokens)
    separator = re.compile(rules.industry_list_separators)
    last_joiner = re.compile(rules.industry_last_joiner)
    breaks = re.compile(rules.industry_item_breaks)

    def pieces(begin: int, end: int) -> list[tuple[int, int]]:
        out, prev = [], begin
        for sep in separator.finditer(text, begin, end):
            out.append((prev, sep.start()))
            prev = sep.end()
        return [*out, (prev, end)]

    def sectors(items: list[tuple[int, int]]) -> list[NameMatch]:
        if all(
            a in starts
            and b in ends
            and 0 < b - a <= rules.max_industry_chars
            and not breaks.search(text, a, b)
            and text[a:b] not in rules.not_industries
            for a, b in items
        ):
            return [NameMatch(a, b, EntityType.INDUSTRY, None, "industry:enumeration") for a, b in items]
        return []

    found: list[NameMatch] = []
    for m in re.finditer(rules.industry_counted_list, text):
        try:
            count = int(parse_numeral(m.group("n")))
        except (ValueError, ArithmeticError):
            continue
        begin = max(text.rfind(c, 0, m.start()) for c in "。！？；;，,\n") + 1
        items = pieces(begin, m.start())
        if len(items) == count - 1 and (j := last_joiner.search(text, *items[-1])) is not None:
            items[-1:] = [(items[-1][0], j.start()), (j.end(), items[-1][1])]
        if not 2 <= count <= min(12, len(items)):
            continue
        items = items[-count:]
        run = _words_within(tokens, *items[0])
        k = len(run)
        while (
            k > 0
            and (_continues(run[k - 1], rules) or run[k - 1].pos == "ADJ")
            and not (rules.industry_item_stop_tags and run[k - 1].tag.startswith(rules.industry_item_stop_tags))
        ):
            k -= 1
        if k < len(run):
            found += sectors([(run[k].start, items[0][1]), *items[1:]])
    for m in re.finditer(rules.industry_focus_list, text):
        items = pieces(m.start("items"), m.end("items"))
        if len(items) >= 2:
            found += sectors(items)
    return found


@cache
def _list_patterns(list_end: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    closing = re.compile(list_end)
    item = re.compile(r"[、，,・と及和与や]([^、，,。；;！？\n「」]{1,16}?)(?=[、，,]|" + list_end + ")")
    return closing, item


def industry_in_context(text: str, start: int, end: int, rules: NameRules) -> bool:
    """Whether a sector word at start-end is used as a sector (SPEC 5.2).

    True when a marker follows it (新エネルギー分野), or when it is one item of an enumeration
    that the marker closes (先進設備製造、光電情報…などの産業). A sector word that only modifies
    a noun (光電企業) is not an industry.
    """
    rest = text[end : end + 120]
    closing, item = _list_patterns(rules.industry_list_end)
    if closing.match(rest):
        return True
    # Walk over the following list items: 、item、item…など(の)産業
    pos = 0
    while True:
        m = item.match(rest, pos)
        if not m:
            return False
        pos = m.end()
        if closing.match(rest, pos):
            return True


def crosses_a_word(match: NameMatch, tokens: Sequence[TokenLike]) -> bool:
    """Whether a word of the text begins outside the name and ends inside it, or the other way round.

    其中|国家: the 中国 that the characters show is not written there.
    """
    return any(
        (t.start < match.start < t.end < match.end) or (match.start < t.start < match.end < t.end) for t in tokens
    )


def inside_a_word(match: NameMatch, tokens: Sequence[TokenLike]) -> bool:
    """Whether one word of the text holds the name and more (日本 in 日本語, 全日本)."""
    return any(
        t.start <= match.start and match.end <= t.end and t.end - t.start > match.end - match.start for t in tokens
    )


def industries_in_use(text: str, matches: Sequence[NameMatch], rules: NameRules) -> set[tuple[int, int]]:
    """The spans of gazetteer sector words that `text` uses as sectors (SPEC 5.2).

    A sector word is used as a sector when a marker follows it or closes its enumeration
    (`industry_in_context`), when it is one of two or more sector words joined into one
    enumeration (集積回路、バイオ医薬、人工知能の集積; 半導体と新エネルギー車), or when it stands on
    its own between particles (バイオ医薬が成長をけん引, 光通信で世界首位). A sector word that only
    modifies a noun (光電企業, 新エネルギー車の販売 → 新エネルギー) stays out.
    """
    sectors = sorted((m for m in matches if m.type is EntityType.INDUSTRY), key=lambda m: m.start)
    joiner, before, after = _alone_patterns(
        rules.industry_joiners, rules.industry_alone_before, rules.industry_alone_after
    )
    used = {(m.start, m.end) for m in sectors if industry_in_context(text, m.start, m.end, rules)}
    for a, b in itertools.pairwise(sectors):
        if joiner.fullmatch(text, a.end, b.start):
            used |= {(a.start, a.end), (b.start, b.end)}
    for m in sectors:
        if (m.start == 0 or before.match(text, m.start - 1)) and after.match(text, m.end):
            used.add((m.start, m.end))
    return used


@cache
def _alone_patterns(joiners: str, before: str, after: str) -> tuple[re.Pattern[str], ...]:
    return re.compile(joiners), re.compile(before), re.compile(after)


def extend_person_spans(
    spans: Sequence[tuple[int, int]], tokens: Sequence[TokenLike], text: str, rules: NameRules
) -> dict[tuple[int, int], tuple[int, int]]:
    """Widen person spans over adjacent name words: 梶原 + 一騎, 舞城 + 王太郎, アドルフ + ・ + ヴュルト.

    Returns old span -> new span for the spans that change. A span grows over the next token
    while that token is tagged a given/family name or is a joiner (・) followed by a name word,
    and back over one family name just before it (李澤 + 湘); spans that become adjacent merge.
    """
    if not rules.person_tags or not spans:
        return {}
    by_start = {t.start: i for i, t in enumerate(tokens)}
    by_end = {t.end: i for i, t in enumerate(tokens)}
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for start, end in spans:
        i = by_end.get(end)
        if i is None or start not in by_start:
            continue
        first = by_start[start]
        if (
            first > 0
            and tokens[first - 1].tag in rules.person_family_tags
            and tokens[first - 1].end == start
            and (tokens[first - 1].start, tokens[first - 1].end) not in spans
        ):
            start_new = tokens[first - 1].start  # 李澤 + 湘: a family name before the given name the model found
        else:
            start_new = start
        new_end = end
        while i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt.start != tokens[i].end:
                break
            if nxt.tag in rules.person_tags or (nxt.start, nxt.end) in spans:
                i += 1
            elif (
                nxt.text in rules.person_joiners
                and i + 2 < len(tokens)
                and _KATAKANA.match(tokens[i].text[-1:])
                and _KATAKANA.match(tokens[i + 2].text[:1])
            ):
                i += 2  # ・ joins katakana words of one name; between kanji names it lists people
            else:
                break
            new_end = tokens[i].end
        if (start_new, new_end) != (start, end):
            out[(start, end)] = (start_new, new_end)
    return out
