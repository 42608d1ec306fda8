"""Name rules without a model: gazetteer lookup, suffix rules over noun chains, industries in context."""

from __future__ import annotations

import pytest

from beihu_extract.gazetteer import GazetteerEntry
from beihu_extract.names import (
    NameMatch,
    TokenLike,
    _index,
    counted_industries,
    crosses_a_word,
    find_gazetteer_names,
    find_rule_names,
    framed_products,
    gazetteer_index,
    industries_in_use,
    industry_in_context,
    inside_a_word,
    is_generic_phrase,
    load_name_rules,
)
from beihu_extract.schema import EntityType, OrgSubtype


def tokens(*parts: tuple[str, ...]) -> tuple[str, list[TokenLike]]:
    """Build (text, tokens) from (surface, pos) pairs or (surface, pos, tag) triples; a surface " " is a space."""
    text, toks = "", []
    for surface, pos, *tag in parts:
        if surface == " ":
            text += " "
            continue
        toks.append(TokenLike(len(text), len(text) + len(surface), surface, pos, *tag))
        text += surface
    return text, toks


N, P, A, U, S, X = "NOUN", "PROPN", "ADP", "PUNCT", "SYM", "NUM"

RULE_CASES = [
    pytest.param([("長白山", P), ("実験室", N), ("を", A)], "長白山実験室", "ORG", "research", id="lab"),
    pytest.param(
        [("国家", N), ("エネルギー", N), ("集団", N), ("の", A)], "国家エネルギー集団", "ORG", "company", id="group"
    ),
    pytest.param([("長春", P), ("新", N), ("区", N), ("は", A)], "長春新区", "ZONE", None, id="new-area"),
    pytest.param(
        [("中韓", N), ("(", U), ("長春", P), (")", U), ("国際", N), ("合作", N), ("示範", N), ("区", P)],
        "中韓(長春)国際合作示範区",
        "ZONE",
        None,
        id="parenthesised-place",
    ),
    pytest.param(
        [
            ("準", N),
            ("固体", N),
            ("電池", N),
            ("デモンストレーション", N),
            ("ライン", N),
            ("・", S),
            ("プロジェクト", N),
            ("が", A),
        ],
        "準固体電池デモンストレーションライン・プロジェクト",
        "PROJECT",
        None,
        id="katakana-middle-dot",
    ),
    pytest.param(
        [("シーン", N), ("リスト", N), ("発表会", N), ("を", A)], "シーンリスト発表会", "EVENT", None, id="event"
    ),
    pytest.param([("全国", N), ("光谷", P), ("の", A)], None, None, None, id="bare-generic-after-trim"),
    pytest.param([("研究", N), ("開発", N), ("プラットフォーム", N)], None, None, None, id="generic-class"),
    pytest.param([("科学", N), ("城", N), ("は", A)], None, None, None, id="bare-science-city"),
    pytest.param(
        [("23", X), ("の", A), ("金属", N), ("材料", N), ("プラットフォーム", N)], None, None, None, id="counted-class"
    ),
    pytest.param(
        [("200", X), ("P", N), (" ", ""), ("スマート", N), ("計算", N), ("センター", N)],
        "200P スマート計算センター",
        "FAC",
        None,
        id="space-inside-name",
    ),
    pytest.param(
        [("阪和", P), ("電気", N), ("鉄道", N), ("の", A)], "阪和電気鉄道", "ORG", "company", id="railway-company"
    ),
    pytest.param([("金沢", P), ("市", N), ("中心", N), ("部", N), ("の", A)], None, None, None, id="part-of-a-place"),
    pytest.param(
        [("30億", X), ("元", N), ("の", A), ("バイオ", N), ("医薬", N), ("基地", N), ("プロジェクト", N)],
        "バイオ医薬基地プロジェクト",
        "PROJECT",
        None,
        id="described-project-after-money",
    ),
    pytest.param([("重点", N), ("プロジェクト", N)], None, None, None, id="kind-of-project"),
    pytest.param([("張江", P), ("薬谷", N), ("は", A)], "張江薬谷", "ZONE", None, id="pharma-valley"),
    pytest.param(
        [("地下鉄", N), ("19", X), ("号", N), ("線", N), ("が", A)], "地下鉄19号線", "FAC", None, id="metro-line"
    ),
    pytest.param([("と", A), ("武漢駅", P), ("を", A)], "武漢駅", "FAC", None, id="one-word-station"),
    pytest.param([("長春", P), (" ", ""), ("大学", N), ("に", A)], None, None, None, id="space-ends-a-phrase"),
    pytest.param(
        [("中河内", P), ("救命救急センター", N), ("が", A)], "中河内救命救急センター", "FAC", None, id="hospital"
    ),
    pytest.param(
        [("「", U), ("四谷", P, "名詞-固有名詞-地名-一般"), ("怪談", N), ("」", U)],
        None,
        None,
        None,
        id="place-own-name",
    ),
    pytest.param([("紫金", P), ("科技", N), ("城", N), ("で", A)], "紫金科技城", "ZONE", None, id="tech-city"),
    pytest.param(
        [("「", U), ("新松", P), ("ロボット", N), ("スマート", "ADJ"), ("製造", N), ("基地", N), ("プロジェクト", N)],
        "新松ロボットスマート製造基地プロジェクト",
        "PROJECT",
        None,
        id="katakana-adjective-inside",
    ),
    pytest.param(
        [("「", U), ("大連", P), ("蓄電", N), ("発電所", N), ("」", U)], "大連蓄電発電所", "FAC", None, id="power-plant"
    ),
    pytest.param(
        [("「", U), ("光明", P), ("人材", N), ("アパート", N), ("」", U)],
        "光明人材アパート",
        "FAC",
        None,
        id="apartment",
    ),
]


@pytest.mark.parametrize(("parts", "name", "type_", "subtype"), RULE_CASES)
def test_suffix_rules(parts, name, type_, subtype):
    text, toks = tokens(*parts)
    found = [m for m in find_rule_names(text, toks, load_name_rules("ja")) if m.type is not EntityType.INDUSTRY]
    if name is None:
        assert found == []
        return
    (m,) = found
    assert (text[m.start : m.end], m.type.value, m.subtype) == (name, type_, subtype)


INDUSTRY_CASES = [
    pytest.param([("新", N), ("エネルギー", N), ("分野", N)], "新エネルギー", id="field"),
    pytest.param([("医療", N), ("産業", N), ("分野", N)], "医療", id="industry-field"),
    pytest.param([("伝統", N), ("産業", N)], None, id="not-a-sector"),
    pytest.param([("5", X), ("大", N), ("産業", N)], None, id="counted-sectors"),
]


@pytest.mark.parametrize(("parts", "name"), INDUSTRY_CASES)
def test_industry_marker_rule(parts, name):
    text, toks = tokens(*parts)
    found = [m for m in find_rule_names(text, toks, load_name_rules("ja")) if m.type is EntityType.INDUSTRY]
    assert [text[m.start : m.end] for m in found] == ([name] if name else [])


CONTEXT_CASES = [
    pytest.param("新エネルギー分野では", "新エネルギー", True, id="marker-follows"),
    pytest.param("先進設備製造、光電情報、医薬健康などの産業に", "先進設備製造", True, id="enumeration-first"),
    pytest.param("先進設備製造、光電情報、医薬健康などの産業に", "光電情報", True, id="enumeration-middle"),
    pytest.param("100社以上の光電企業が立地した", "光電", False, id="modifier-only"),
]


@pytest.mark.parametrize(("text", "word", "expected"), CONTEXT_CASES)
def test_industry_in_context(text, word, expected):
    start = text.index(word)
    assert industry_in_context(text, start, start + len(word), load_name_rules("ja")) is expected


IN_USE_CASES = [
    pytest.param(
        "ja", "集積回路、バイオ医薬、人工知能の集積が加速", ["集積回路", "バイオ医薬", "人工知能"], id="ja-enumeration"
    ),
    pytest.param("ja", "半導体と新エネルギー車の二本柱", ["半導体", "新エネルギー車"], id="ja-pair-with-to"),
    pytest.param("ja", "園区ではバイオ医薬が成長をけん引", ["バイオ医薬"], id="ja-alone-before-ga"),
    pytest.param("ja", "武漢・光谷、光通信で世界首位", ["光通信"], id="ja-alone-before-de"),
    pytest.param("ja", "一汽の新エネルギー車の販売台数", [], id="ja-modifies-a-noun"),
    pytest.param("ja", "100社以上の光電企業が立地した", [], id="ja-compound-modifier"),
    pytest.param(
        "zh", "集成电路、生物医药、人工智能加速集聚", ["集成电路", "生物医药", "人工智能"], id="zh-enumeration"
    ),
    pytest.param("zh", "园区。集成电路是新区的一号产业", ["集成电路"], id="zh-alone-before-shi"),
    pytest.param("zh", "集聚了量子科技企业60家", [], id="zh-modifies-a-noun"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), IN_USE_CASES)
def test_industries_in_use(lang, text, expected):
    matches = find_gazetteer_names(text, gazetteer_index(lang))
    used = industries_in_use(text, matches, load_name_rules(lang))
    assert [text[a:b] for a, b in sorted(used)] == expected


def _gazetteer():
    return _index(
        [
            GazetteerEntry(key="长春", type="LOC", names=("長春",)),
            GazetteerEntry(key="长春新区", type="ZONE", names=("長春新区",)),
            GazetteerEntry(key="人工智能", type="INDUSTRY", names=("AI", "人工知能")),
        ]
    )


def test_gazetteer_longest_match_wins():
    text = "長春新区と長春"
    found = find_gazetteer_names(text, _gazetteer())
    assert [(text[m.start : m.end], m.key) for m in found] == [("長春新区", "长春新区"), ("長春", "长春")]


def test_gazetteer_never_cuts_a_latin_word():
    text = "MAIL と AI"
    assert [text[m.start : m.end] for m in find_gazetteer_names(text, _gazetteer())] == ["AI"]


@pytest.mark.parametrize(
    ("words", "generic"),
    [
        pytest.param(["科学", "城"], True, id="science-city"),
        pytest.param(["開発区"], True, id="development-zone"),
        pytest.param(["長白山"], False, id="name"),
        pytest.param(["新", "質", "生産力", "デジタル", "イノベーション"], False, id="long-enough-to-be-a-name"),
    ],
)
def test_generic_phrases(words, generic):
    assert is_generic_phrase(words, load_name_rules("ja")) is generic


def test_event_name_keeps_its_edition_number():
    text, toks = tokens(
        ("第", "NUM"),
        ("二十", "NUM"),
        ("届", "NUM"),
        ("中国", "PROPN"),
        ("光谷", "PROPN"),
        ("国际", "NOUN"),
        ("博览会", "NOUN"),
    )
    (m,) = [m for m in find_rule_names(text, toks, load_name_rules("zh")) if m.type is EntityType.EVENT]
    assert text[m.start : m.end] == "第二十届中国光谷国际博览会"


def test_chinese_facility_suffix_beats_research_centre():
    text, toks = tokens(("合肥", "PROPN"), ("滨湖", "PROPN"), ("国际", "NOUN"), ("会展中心", "NOUN"))
    (m,) = find_rule_names(text, toks, load_name_rules("zh"))
    assert (text[m.start : m.end], m.type) == ("合肥滨湖国际会展中心", EntityType.FAC)


@pytest.mark.parametrize(
    ("span", "words", "crosses"),
    [
        pytest.param((2, 4), [(0, 2), (2, 4)], False, id="whole-words"),
        pytest.param((1, 3), [(0, 2), (2, 4)], True, id="其中|国家"),
        pytest.param((0, 2), [(0, 5)], False, id="inside-one-longer-word"),
    ],
)
def test_crosses_a_word(span, words, crosses):
    match = NameMatch(span[0], span[1], EntityType.LOC, None, "gazetteer:x", "x")
    tokens = [TokenLike(a, b, "x" * (b - a), "NOUN") for a, b in words]
    assert crosses_a_word(match, tokens) is crosses


@pytest.mark.parametrize(
    ("lang", "text", "name", "key"),
    [
        pytest.param(
            "ja",
            "武漢鋭科光纖激光技術股份有限公司の",
            "武漢鋭科光纖激光技術股份有限公司",
            "锐科激光",
            id="ja-traditional",
        ),
        pytest.param("zh", "長春新區的企业", "長春新區", "长春新区", id="zh-traditional"),
    ],
)
def test_variant_characters_match(lang, text, name, key):
    found = {(text[m.start : m.end], m.key) for m in find_gazetteer_names(text, gazetteer_index(lang))}
    assert (name, key) in found


ENUMERATION_CASES = [
    pytest.param(
        "ja",
        [
            ("区", N),
            ("は", A),
            ("今後", N),
            ("、", U),
            ("ロボット", N),
            ("、", U),
            ("ソフトウエア", N),
            ("、", U),
            ("医療", N),
            ("機器", N),
            ("の", A),
            ("3", X),
            ("分野", N),
            ("を", A),
        ],
        ["ロボット", "ソフトウエア", "医療機器"],
        id="ja-count-closes-the-list",
    ),
    pytest.param(
        "ja",
        [("市", N), ("も", A), ("新型", N), ("蓄電", N), ("、", U), ("水素", N), ("の", A), ("2", X), ("分野", N)],
        ["新型蓄電", "水素"],
        id="ja-first-item-after-particle",
    ),
    pytest.param(
        "ja",
        [("区", N), ("は", A), ("ロボット", N), ("、", U), ("医療", N), ("の", A), ("3", X), ("分野", N)],
        [],
        id="ja-count-must-match",
    ),
    pytest.param(
        "ja",
        [("今後", N, "名詞-普通名詞-副詞可能"), ("、", U), ("ロボット", N), ("の", A), ("2", X), ("分野", N)],
        [],
        id="ja-adverbial-noun-is-no-item",
    ),
    pytest.param(
        "zh",
        [
            ("新区", "PROPN"),
            ("聚焦", "VERB"),
            ("集成电路", "PROPN"),
            ("、", U),
            ("生物医药", N),
            ("和", "CCONJ"),
            ("智能", N),
            ("制造", "VERB"),
            ("三大", N),
            ("产业", N),
            ("。", U),
        ],
        ["集成电路", "生物医药", "智能制造"],
        id="zh-count-last-joined-by-he",
    ),
    pytest.param(
        "zh",
        [("重点发展", "VERB"), ("光子", N), ("、", U), ("软件和信息服务", N), ("等", "PART"), ("产业", N)],
        ["光子", "软件和信息服务"],
        id="zh-focus-verb-opens-the-list",
    ),
    pytest.param(
        "zh",
        [("重点发展", "VERB"), ("光子", N), ("、", U), ("软件的", N), ("服务", N), ("等", "PART"), ("产业", N)],
        [],
        id="zh-no-item-with-de",
    ),
]


@pytest.mark.parametrize(("lang", "parts", "names"), ENUMERATION_CASES)
def test_sectors_named_by_their_enumeration(lang, parts, names):
    text, toks = tokens(*parts)
    assert [text[m.start : m.end] for m in counted_industries(text, toks, load_name_rules(lang))] == names


PRODUCT_FRAME_CASES = [
    pytest.param(
        "zh",
        [
            ("百克生物", P),
            ("研发", "VERB"),
            ("的", "PART"),
            ("带状疱疹", N),
            ("减毒", "VERB"),
            ("活", N),
            ("疫苗", N),
            ("于", "ADP"),
            ("前年", N),
            ("获批", "VERB"),
            ("上市", "VERB"),
            ("。", U),
        ],
        ["带状疱疹减毒活疫苗"],
        id="zh-developed-then-launched",
    ),
    pytest.param(
        "zh",
        [("研发", "VERB"), ("的", "PART"), ("产品", N), ("和", "CCONJ"), ("服务", N), ("上市", "VERB")],
        [],
        id="zh-no-conjunction-inside",
    ),
    pytest.param(
        "ja",
        [("光子", N), ("CT", N), ("「", U), ("NeuMiva", P), ("」", U), ("の", A), ("量産", N), ("を", A), ("開始", N)],
        ["NeuMiva"],
        id="ja-quoted-name-mass-produced",
    ),
    pytest.param(
        "ja",
        [("「", U), ("NeuMiva", P), ("」", U), ("の", A), ("説明", N), ("を", A), ("開始", N)],
        [],
        id="ja-quoted-name-without-a-launch",
    ),
    pytest.param(
        "zh",
        [("锐科激光", P), ("的", "PART"), ("光纤", N), ("激光器", N), ("国内", N), ("市场", N), ("占有率", N)],
        ["光纤激光器"],
        id="zh-product-of-a-market-share",
    ),
    pytest.param(
        "zh",
        [("其", "PRON"), ("柔性", N), ("AMOLED", P), ("显示屏", N), ("出货量", N), ("位居", "VERB")],
        ["柔性AMOLED显示屏"],
        id="zh-product-of-a-ranking",
    ),
    pytest.param(
        "zh",
        [("的", "PART"), ("隆基绿能", P), ("去年", "ADV"), ("光伏组件", N), ("出货量", N), ("位居", "VERB")],
        [],
        id="zh-no-time-word-inside",
    ),
    pytest.param(
        "zh",
        [
            ("金赛药业", P),
            ("的", "PART"),
            ("长效", N),
            ("重组", "VERB"),
            ("人", N),
            ("促卵泡激素", N),
            ("于", "ADP"),
            ("今年", N),
            ("3月", "NUM"),
            ("获批", "VERB"),
            ("上市", "VERB"),
        ],
        ["长效重组人促卵泡激素"],
        id="zh-approved-for-sale",
    ),
    pytest.param(
        "ja",
        [
            ("金賽薬業", P),
            ("の", A),
            ("長効型", N),
            ("組換え", N),
            ("ヒト", N),
            ("卵胞刺激ホルモン", N),
            ("が", A),
            ("上市", N),
            ("さ", "AUX"),
            ("れ", "AUX"),
            ("た", "AUX"),
        ],
        ["長効型組換えヒト卵胞刺激ホルモン"],
        id="ja-put-on-the-market",
    ),
    pytest.param(
        "ja",
        [("が", A), ("反射", N), ("フィルム", N), ("の", A), ("出荷", N), ("量", N), ("で", A), ("世界", N), ("第", N)],
        ["反射フィルム"],
        id="ja-product-of-a-ranking",
    ),
    pytest.param(
        "ja",
        [
            ("である", "AUX"),
            ("溶接", N),
            ("ロボット", N),
            ("は", A),
            ("、", U),
            ("国内", N),
            ("市場", N),
            ("で", A),
            ("の", A),
            ("シェア", N),
        ],
        ["溶接ロボット"],
        id="ja-product-of-a-market-share",
    ),
]


@pytest.mark.parametrize(("lang", "parts", "names"), PRODUCT_FRAME_CASES)
def test_products_named_by_their_launch(lang, parts, names):
    text, toks = tokens(*parts)
    assert [text[m.start : m.end] for m in framed_products(text, toks, load_name_rules(lang))] == names


@pytest.mark.parametrize(
    ("span", "words", "inside"),
    [
        pytest.param((0, 2), [(0, 2), (2, 3)], False, id="a-word-of-its-own"),
        pytest.param((0, 2), [(0, 3)], True, id="日本|語-is-one-word"),
        pytest.param((1, 3), [(0, 3)], True, id="全日本"),
        pytest.param((1, 3), [(0, 2), (2, 4)], False, id="crossing-is-another-test"),
    ],
)
def test_inside_a_word(span, words, inside):
    match = NameMatch(span[0], span[1], EntityType.LOC, None, "gazetteer:x", "x")
    tokens = [TokenLike(a, b, "x" * (b - a), "NOUN") for a, b in words]
    assert inside_a_word(match, tokens) is inside


def test_japanese_gazetteer_places_are_whole_words():
    assert EntityType.LOC in load_name_rules("ja").gazetteer_whole_words


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        pytest.param([("、", "PUNCT"), ("ロイター", "PROPN"), ("通信", "NOUN")], "ロイター通信", id="news-agency"),
        pytest.param([("、", "PUNCT"), ("Xojo", "PROPN"), ("社", "NOUN")], "Xojo社", id="foreign-company"),
        pytest.param([("、", "PUNCT"), ("イベリア", "PROPN"), ("航空", "NOUN")], "イベリア航空", id="airline"),
        pytest.param([("の", "ADP"), ("量子", "NOUN"), ("保密", "NOUN"), ("通信", "NOUN")], None, id="a-technology"),
        pytest.param([("は", "ADP"), ("約", "NOUN"), ("1000", "NUM"), ("社", "NOUN")], None, id="a-count"),
    ],
)
def test_endings_that_name_only_after_a_foreign_name(parts, name):
    text, toks = tokens(*parts)
    found = [text[m.start : m.end] for m in find_rule_names(text, toks, load_name_rules("ja"))]
    assert found == ([name] if name else [])


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        pytest.param([("、", "PUNCT"), ("米国", "PROPN"), ("議会", "NOUN")], "米国議会", id="legislature"),
        pytest.param([("、", "PUNCT"), ("東京", "PROPN"), ("高裁", "NOUN")], "東京高裁", id="court"),
    ],
)
def test_legislatures_and_courts_are_government_bodies(parts, name):
    text, toks = tokens(*parts)
    found = [(text[m.start : m.end], m.subtype) for m in find_rule_names(text, toks, load_name_rules("ja"))]
    assert found == [(name, OrgSubtype.GOVERNMENT)]


def test_a_name_after_このうち_leaves_it_out():
    text, toks = tokens(
        ("この", "DET"), ("うち", "NOUN"), ("西安", "PROPN"), ("材料", "NOUN"), ("科技", "NOUN"), ("は", "ADP")
    )
    found = [text[m.start : m.end] for m in find_rule_names(text, toks, load_name_rules("ja"))]
    assert found == ["西安材料科技"]


@pytest.mark.parametrize(
    ("lang", "parts", "name"),
    [
        pytest.param(
            "zh", [("的", "PART"), ("临港", "PROPN"), ("科创区", "NOUN")], "临港科创区", id="zh-sci-tech-area"
        ),
        pytest.param(
            "ja", [("、", "PUNCT"), ("甬江", "PROPN"), ("科創区", "NOUN")], "甬江科創区", id="ja-sci-tech-area"
        ),
    ],
)
def test_science_and_technology_areas_are_zones(lang, parts, name):
    text, toks = tokens(*parts)
    found = [(text[m.start : m.end], m.type) for m in find_rule_names(text, toks, load_name_rules(lang))]
    assert found == [(name, EntityType.ZONE)]
