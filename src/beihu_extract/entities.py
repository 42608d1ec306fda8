"""The entity layer: candidates from the model, the gazetteer and the rules, merged in one place."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

from beihu_extract.keys import key_maker
from beihu_extract.labels import LabelMap, load_label_map
from beihu_extract.layout import Layout
from beihu_extract.names import (
    NameMatch,
    NameRules,
    TokenLike,
    extend_person_spans,
    gazetteer_index,
    is_foreign_word,
    is_generic_phrase,
    is_proper,
    load_name_rules,
)
from beihu_extract.schema import EntityType, OrgSubtype
from beihu_extract.view import DocView, LabelledSpan

__all__ = [
    "Candidate",
    "Source",
    "candidates_from_model",
    "candidates_from_names",
    "entity_layer",
    "merge_candidates",
    "model_span_end",
    "model_span_is_generic",
    "trim_span",
]

# Quotation marks are outside entity spans (SPEC 2.1).
QUOTES = frozenset("「」『』“”‘’\"'《》〈〉【】")
_WS = frozenset(" \u3000\xa0\t\r\n")


class Source(IntEnum):
    """Where a candidate comes from; a higher value wins a conflict of equal length."""

    MODEL = 1
    RULE = 2
    GAZETTEER = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible entity before merging."""

    start: int
    end: int
    type: EntityType
    subtype: OrgSubtype | None
    source: Source
    key: str | None = None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink start-end so that it neither begins nor ends with whitespace or a quotation mark."""
    while start < end and (text[start] in _WS or text[start] in QUOTES):
        start += 1
    while end > start and (text[end - 1] in _WS or text[end - 1] in QUOTES):
        end -= 1
    return start, end


def candidates_from_model(
    spans: Iterable[LabelledSpan],
    labels: LabelMap,
    is_generic: Callable[[int, int, EntityType], bool] | None = None,
    bounds: Callable[[int, int, EntityType], tuple[int, int] | None] | None = None,
) -> list[Candidate]:
    """Model entity spans whose label the map knows, as candidates of SPEC types.

    `bounds(start, end, type)` corrects a span's end (None: nothing of it is left); `is_generic(start, end,
    type)` drops spans that name a class rather than one thing (科学城, 開発区), except for labels whose
    names are often common words (a team called 巨人).
    """
    out = []
    for span in spans:
        target = labels.get(span.label)
        if target is None:
            continue
        start, end = span.start, span.end
        if bounds is not None:
            if (fixed := bounds(start, end, target.type)) is None:
                continue
            start, end = fixed
        if target.common_words or not (is_generic and is_generic(start, end, target.type)):
            out.append(Candidate(start, end, target.type, target.subtype, Source.MODEL))
    return out


def model_span_end(tokens: Sequence[TokenLike], type_: EntityType, rules: NameRules) -> int | None:
    """Where a model entity over `tokens` really ends; None when no word of it is left.

    A name never ends with a particle: 第9回アジア冬季競技大会の閉幕から ends before its first particle
    (…大会). Words of `model_trailing_tags` are cut from the end (東北地区 | 振興).
    """
    if not tokens:
        return None
    kept = list(tokens)
    if kept[-1].pos == "ADP":
        first = next(i for i, t in enumerate(kept) if t.pos == "ADP")
        kept = kept[:first]
    trailing = rules.model_trailing_tags if type_ in rules.model_trailing_types else ()
    while len(kept) > 1 and trailing and kept[-1].tag.startswith(trailing):
        kept.pop()
    return kept[-1].end if kept else None


def candidates_from_names(names: Iterable[NameMatch]) -> list[Candidate]:
    """Gazetteer and rule names as candidates."""
    return [
        Candidate(m.start, m.end, m.type, m.subtype, Source.GAZETTEER if m.key else Source.RULE, m.key) for m in names
    ]


def _promote_names_around_places(candidates: list[Candidate]) -> list[Candidate]:
    """Model names built on a known name win over it: 東京ドーム over 東京, トヨタ自動車工業 over トヨタ自動車.

    A model candidate that strictly contains names of tier 1, each a LOC or of the model's own
    type, joins tier 1 (as a rule would), so the longest-name principle can pick it. It must add
    characters of its own: 浙江省杭州市 read as one person is only two known places side by side
    (read as one place, it stays one place, as general-domain NER data writes it).
    """
    names = [c for c in candidates if c.source is not Source.MODEL]
    out = []
    for c in candidates:
        if c.source is Source.MODEL:
            inside = [n for n in names if n.start < c.end and n.end > c.start]
            if (
                inside
                and all(
                    n.type in (EntityType.LOC, c.type)
                    and c.start <= n.start
                    and n.end <= c.end
                    and (n.end - n.start) < (c.end - c.start)
                    for n in inside
                )
                and (c.type is EntityType.LOC or sum(n.end - n.start for n in _disjoint(inside)) < c.end - c.start)
            ):
                c = Candidate(c.start, c.end, c.type, c.subtype, Source.RULE, c.key)
        out.append(c)
    return out


def _disjoint(spans: list[Candidate]) -> list[Candidate]:
    """The longest non-overlapping spans among `spans`, longest first."""
    taken: list[Candidate] = []
    for c in sorted(spans, key=lambda c: -(c.end - c.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return taken


def merge_candidates(text: str, candidates: Iterable[Candidate], layout: Layout) -> list[Candidate]:
    """The flat entity layer: the one documented place where sources meet.

    Precedence, in two tiers:
    1. gazetteer and rule names: a longer span wins over a shorter overlapping one (flat, longest
       name, SPEC 2.1); at equal length the gazetteer wins over a rule; then the earlier span;
    2. model entities fill only characters that no name of tier 1 covers (the domain lists know
       better than a general-purpose model, which reads 長春 as a person or a sports team);
       except that a model name strictly containing only known places joins tier 1 (東京ドーム).
    Spans are trimmed of whitespace and quotes first; nothing touching a metadata, editor or
    page-chrome line is kept.
    """
    trimmed: list[Candidate] = []
    for c in candidates:
        start, end = trim_span(text, c.start, c.end)
        if start >= end or layout.is_excluded(start, end):
            continue
        trimmed.append(Candidate(start, end, c.type, c.subtype, c.source, c.key))
    trimmed = _promote_names_around_places(trimmed)
    trimmed.sort(key=lambda c: (c.source == Source.MODEL, -(c.end - c.start), -c.source, c.start))
    taken: list[Candidate] = []
    occupied = bytearray(len(text))
    for c in trimmed:
        if any(occupied[c.start : c.end]):
            continue
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken


def entity_layer(view: DocView, layout: Layout, model_ner: bool) -> list[Candidate]:
    """The entity layer of one document: candidates from every source, merged, each with its key.

    Args:
        view: the processed document.
        layout: its layout (nothing is kept from non-content lines).
        model_ner: whether the language's statistical NER feeds candidates (through `labels.json`).
    """
    lang, text = view.lang, view.text
    rules = load_name_rules(lang)
    candidates = candidates_from_names(view.names)
    if model_ner:
        labels = load_label_map(lang)
        spans = _widen_persons(view, labels, rules)

        def tokens_of(start: int, end: int) -> list[TokenLike]:
            return [TokenLike(t.start, t.end, t.text, t.pos, t.tag) for t in view.tokens_in(start, end)]

        def is_generic(start: int, end: int, type_: EntityType) -> bool:
            if type_ is EntityType.ORG and _fills_brackets(text, start, end):
                return False  # 「“劇団”スポーツ」: a group the brackets set off is named, whatever its words
            return model_span_is_generic(tokens_of(start, end), type_, rules)

        def bounds(start: int, end: int, type_: EntityType) -> tuple[int, int] | None:
            tokens = tokens_of(start, end)
            if not tokens or tokens[0].start != start or tokens[-1].end != end:
                return start, end  # a span that cuts a word is left as the model gave it
            new_end = model_span_end(tokens, type_, rules)
            return None if new_end is None else (start, new_end)

        model = [
            _titled_person(text, _as_company(text, c, rules), rules)
            for c in candidates_from_model(spans, labels, is_generic, bounds)
        ]
        # a name never ends with a hyphen: PD- of PD-1 is a word cut in two
        candidates += [_person_as_organization(text, c, rules) for c in model if not text.endswith("-", 0, c.end)]
    candidates += _extended_companies(text, candidates, rules)
    candidates = _owners_apart(text, candidates, rules)
    candidates += _short_names_in_parentheses(text, candidates, rules)
    candidates = _without_known_names_side_by_side(candidates)
    keys = key_maker(lang)
    merged = [
        c if c.key else replace(c, key=keys.key(text[c.start : c.end], c.type, c.subtype))
        for c in merge_candidates(text, candidates, layout)
    ]
    merged = _keys_of_short_names(_unify_company_keys(merged, text), text, rules)
    return _short_names_after_places(merged, text, lang)


def _without_known_names_side_by_side(candidates: list[Candidate]) -> list[Candidate]:
    """A rule zone that is only a known place and a known name written together is those two names
    (上海市 + 浦東新区, not one zone 上海市浦東新区)."""
    known = [c for c in candidates if c.source is Source.GAZETTEER]
    places = {c.start: c.end for c in known if c.type is EntityType.LOC}
    ends = {(c.start, c.end) for c in known}
    return [
        c
        for c in candidates
        if not (
            c.source is Source.RULE
            and c.type is EntityType.ZONE  # 美国财政部, 中国外交部: a body named with its country is one name
            and (mid := places.get(c.start)) is not None
            and mid < c.end
            and (mid, c.end) in ends
        )
    ]


def _short_name_after(text: str, end: int, rules: NameRules) -> tuple[int, int] | None:
    """The span of a short name given in parentheses right after a name: （视源股份）, （以下简称“飞腾”）."""
    if end >= len(text) or text[end] not in "（(":
        return None
    close = next((i for i in range(end + 1, min(len(text), end + 16)) if text[i] in "）)"), None)
    if close is None:
        return None
    start = end + 1
    opener = next((w for w in rules.short_name_openers if text.startswith(w, start)), "")
    start, stop = trim_span(text, start + len(opener), close)
    if not 2 <= stop - start <= 10 or any(ch in "，,、。；;：:" for ch in text[start:stop]):
        return None
    return start, stop


def _short_names_in_parentheses(text: str, candidates: Sequence[Candidate], rules: NameRules) -> list[Candidate]:
    """A company's short name given in parentheses after its full name is that company too (SPEC 5.4):
    广州视源电子科技股份有限公司（视源股份）. Only where nothing else is found there."""
    out = []
    for c in candidates:
        if c.type is not EntityType.ORG or c.subtype is not OrgSubtype.COMPANY:
            continue
        span = _short_name_after(text, c.end, rules)
        if span is None or any(o.start < span[1] and o.end > span[0] for o in candidates):
            continue
        out.append(Candidate(span[0], span[1], EntityType.ORG, OrgSubtype.COMPANY, Source.RULE))
    return out


def _keys_of_short_names(candidates: list[Candidate], text: str, rules: NameRules) -> list[Candidate]:
    """A company written with its short name in parentheses takes the short name's key, wherever its full name
    appears in the article (GAZETTEER.md: a company's key is the short name news uses)."""
    by_span = {(c.start, c.end): c for c in candidates}
    keys: dict[str, str] = {}  # name as written -> the key both forms take
    for c in candidates:
        if c.type is EntityType.ORG and c.subtype is OrgSubtype.COMPANY:
            span = _short_name_after(text, c.end, rules)
            short = by_span.get(span) if span else None
            if short is None or short.type is not EntityType.ORG or not short.key or not c.key:
                continue
            # a key the gazetteer gives the full name wins (長飛光纖光纜 → 长飞光纤); else the short name's
            key = c.key if c.source is Source.GAZETTEER and short.source is not Source.GAZETTEER else short.key
            keys.setdefault(text[c.start : c.end], key)
            keys.setdefault(text[short.start : short.end], key)
    if not keys:
        return candidates
    return [
        replace(c, key=keys[text[c.start : c.end]]) if c.type is EntityType.ORG and text[c.start : c.end] in keys else c
        for c in candidates
    ]


def _fills_brackets(text: str, start: int, end: int) -> bool:
    """Whether start-end is all that a pair of corner brackets holds, quotation marks aside (「“劇団”スポーツ」)."""
    while start > 0 and text[start - 1] in QUOTES and text[start - 1] not in "「『":
        start -= 1
    while end < len(text) and text[end] in QUOTES and text[end] not in "」』":
        end += 1
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in "「『"
        and text[end] == {"「": "」", "『": "』"}[text[start - 1]]
    )


def _as_company(text: str, c: Candidate, rules: NameRules) -> Candidate:
    """A model entity that ends with a company's legal form is that company, whatever the model's label."""
    if rules.model_company_endings and text[c.start : c.end].endswith(rules.model_company_endings):
        return replace(c, type=EntityType.ORG, subtype=OrgSubtype.COMPANY)
    return c


def _titled_person(text: str, c: Candidate, rules: NameRules) -> Candidate:
    """A model name followed by a person's title is that person, whatever the model's label (钟南山 + 院士);
    not a name that ends like an organisation (中国工程院 + 院士)."""
    if c.type is EntityType.PERSON or not rules.person_titles or not text.startswith(rules.person_titles, c.end):
        return c
    name = text[c.start : c.end]
    if _ends_with_head(name, rules) or any(name.endswith(r.suffix) for r in rules.suffixes if len(r.suffix) > 1):
        return c
    return replace(c, type=EntityType.PERSON, subtype=None)


def _person_as_organization(text: str, c: Candidate, rules: NameRules) -> Candidate:
    """A model person whose name ends with an organisation's head word is that organisation (中国汽車工業協会)."""
    name = text[c.start : c.end]
    if c.type is EntityType.PERSON and any(len(h) > 1 and name.endswith(h) for h in rules.organization_heads):
        return replace(c, type=EntityType.ORG, subtype=OrgSubtype.OTHER)
    return c


def _extended_companies(text: str, candidates: Sequence[Candidate], rules: NameRules) -> list[Candidate]:
    """Company names that go on over a place in parentheses and a legal form written after them.

    大众汽车 + （安徽）, 台积电 + （南京）有限公司, 陕西有色金属控股集团 + 有限责任公司: the longer
    span is the company's name as written (SPEC 2.1, longest name). A legal form alone keeps the
    company's key (GAZETTEER.md: the registered name is an alias); a place makes another company.
    """
    places = {c.start: c for c in candidates if c.type is EntityType.LOC and c.source is Source.GAZETTEER}
    out = []
    for c in candidates:
        if c.type is not EntityType.ORG or c.subtype is not OrgSubtype.COMPANY:
            continue
        end, key = c.end, c.key
        place = places.get(end + 1) if text[end : end + 1] in "(（" else None
        if place is not None and text[place.end : place.end + 1] in ")）":
            end, key = place.end + 1, None
        legal = next((s for s in rules.company_legal_suffixes if text.startswith(s, end)), None)
        if legal:
            end += len(legal)
        if end > c.end:
            out.append(Candidate(c.start, end, c.type, c.subtype, Source.RULE, key))
    return out


def _owners_apart(text: str, candidates: list[Candidate], rules: NameRules) -> list[Candidate]:
    """A project named after its owner starts after the owner: 中国一汽 | 红旗繁荣工厂二期项目.

    Where the language's rules say so (`owner_apart_phase`), a rule PROJECT that begins with a
    known organisation begins where that name ends; when only a phase and a suffix are left
    (长白山实验室 | 一期工程), there is no project name at all.
    """
    if not rules.owner_apart_phase:
        return candidates
    owners: dict[int, int] = {}
    for c in candidates:
        if c.type is EntityType.ORG and c.source is Source.GAZETTEER:
            owners[c.start] = max(owners.get(c.start, c.end), c.end)
    phase = re.compile(rules.owner_apart_phase)
    out = []
    for c in candidates:
        end = owners.get(c.start)
        if c.type is EntityType.PROJECT and c.source is Source.RULE and end is not None and end < c.end:
            rest = phase.sub("", text[end : c.end])
            if not rest or is_generic_phrase([rest], rules):
                continue
            c = replace(c, start=end)
        out.append(c)
    return out


def model_span_is_generic(tokens: Sequence[TokenLike], type_: EntityType, rules: NameRules) -> bool:
    """Whether a model entity of `type_` over `tokens` names a class or a description rather than one thing.

    シェア, 急成長, 地下鉄: common nouns only, no word of a proper name. Titles of works and events are
    often common words (ロックマンシリーズ, こころ), so for those types only a description is dropped:
    a phrase with a particle inside (黄金の立地), unless a foreign or proper word marks it as a title
    (ノルウェイの森), and for the types of `lone_common_noun_not_name` also a lone common noun (終戦,
    急成長; a lone 四季 may be a title). An organisation that ends with a head word (海軍, 国際開発庁)
    needs no proper-name word.
    """
    if not tokens:
        return True
    numbered_title = type_ in rules.model_types_without_proper_word and len(tokens) > 1 and tokens[0].pos == "NUM"
    if not numbered_title and is_generic_phrase([t.text for t in tokens], rules):
        return True  # a numbered title (538モデル) names a work even when its words are generic
    if any(tokens[-1].text.endswith(w) for w in rules.measure_words):
        return True  # 合肥市新能源汽车产量: a figure's measure, not a name
    if (
        len(tokens) > 1
        and tokens[-1].text in rules.place_facility_heads
        and rules.own_name_tags
        and all(t.tag.startswith(rules.own_name_tags) for t in tokens[:-1])
    ):
        return True  # 西安工場, 深圳キャンパス: a site described by its place
    if not rules.proper_tags:
        return False
    marked = [is_proper(t, rules) or is_foreign_word(t.text) for t in tokens]
    if type_ in rules.model_types_without_proper_word:
        lone = len(tokens) == 1 and tokens[0].tag.startswith(rules.common_noun_tag) and not marked[0]
        if lone and type_ in rules.lone_common_noun_not_name:
            return True
        return any(t.pos in ("ADP", "AUX", "VERB") for t in tokens) and not any(marked)
    if type_ is EntityType.ORG and _ends_with_head(tokens[-1].text, rules):
        return False
    if type_ is EntityType.PERSON:
        # 光子計数: the model's PROPN is no proof of a name where the dictionary knows the words as common nouns
        return not any(is_proper(t, rules, by_tag=True) or is_foreign_word(t.text) for t in tokens)
    return not any(is_proper(t, rules) for t in tokens)


def _ends_with_head(word: str, rules: NameRules) -> bool:
    """Whether a word is, or ends with, an organisation head word (海軍, 開発庁 → 庁)."""
    return any(word.endswith(head) for head in rules.organization_heads)


def _unify_company_keys(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Within one article, a company's full name takes the key of its short name written there.

    本源量子计算科技(合肥)股份有限公司 … 本源量子 : both get the key of 本源量子 (the established short
    name, GAZETTEER.md), when the full name contains the short one.
    """
    companies = [c for c in candidates if c.type is EntityType.ORG and c.subtype is OrgSubtype.COMPANY]
    short = sorted({(text[c.start : c.end], c.key) for c in companies}, key=lambda nk: len(nk[0]))
    out = []
    for c in candidates:
        if c in companies and c.source is not Source.GAZETTEER:  # the gazetteer's key of a full name stands
            name = text[c.start : c.end]
            for alias, key in short:
                if len(alias) >= 2 and len(alias) < len(name) and alias in name:
                    c = replace(c, key=key)
                    break
        out.append(c)
    return out


def _short_names_after_places(candidates: list[Candidate], text: str, lang: str) -> list[Candidate]:
    """Within one article, a zone or organisation written without its leading place takes the key of the
    name written with it (厦门火炬高新区 … 火炬高新区: SPEC 5.4, a short name shares the full name's key).

    Only where the words dropped are a place the gazetteer knows, the full name is one of the lists or the
    rules (长三角G60科创走廊 … G60科创走廊), and the short name is no name of its own.
    """
    index = gazetteer_index(lang)
    kinds = (EntityType.ZONE, EntityType.ORG)
    full = {
        (c.type, text[c.start : c.end]): c.key for c in candidates if c.type in kinds and c.source is not Source.MODEL
    }
    keys: dict[tuple[EntityType, str], str | None] = {}

    def key_of(type_: EntityType, name: str) -> str | None:
        if (type_, name) not in keys:
            keys[type_, name] = next(
                (
                    key
                    for (t, whole), key in full.items()
                    if t is type_
                    and len(whole) > len(name)
                    and whole.endswith(name)
                    and (place := index.names.get(whole[: len(whole) - len(name)])) is not None
                    and place.type is EntityType.LOC
                ),
                None,
            )
        return keys[type_, name]

    out = []
    for c in candidates:
        name = text[c.start : c.end]
        if c.type in kinds and c.source is not Source.GAZETTEER and len(name) >= 3 and (key := key_of(c.type, name)):
            c = replace(c, key=key)
        out.append(c)
    return out


def _widen_persons(view: DocView, labels: LabelMap, rules: NameRules) -> list[LabelledSpan]:
    """Model spans with person names widened over adjacent name words (梶原 + 一騎)."""
    spans = list(view.spans.get("model", ()))
    persons = [(s.start, s.end) for s in spans if (t := labels.get(s.label)) and t.type is EntityType.PERSON]
    if not persons:
        return spans
    tokens = [TokenLike(t.start, t.end, t.text, t.pos, t.tag) for t in view.tokens]
    widened = extend_person_spans(persons, tokens, view.text, rules)
    out = []
    for s in spans:
        new = widened.get((s.start, s.end))
        out.append(replace(s, start=new[0], end=new[1]) if new else s)
    return out
