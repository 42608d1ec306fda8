"""Hand-built records for the evaluation tests: no model, no corpus."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from beihu_extract.schema import Record

Where = str | tuple[int, int]

JA_TEXT = (
    "北湖未来科学都市、本格始動\n"
    "時間: 2025-11-19 10:58 情報源: 長春政事児\n"
    "長春新区には23の国家級研究開発プラットフォームが集積し、300人以上の人材が集まる。"
    "昨年、長春市の成果転化は3500件に達し、7割以上増加した。"
    "金賽薬業の新薬が2025年3月に上市された。長春新区は全国で第14位となった。"
    "光華微電子のレーザ抵抗調整機の世界シェアは60%を超えた。"
    "北湖未来科学城は先進設備製造、光電情報、新材料に重点的に取り組む。\n"
    "編集:李孟群"
)

ZH_TEXT = (
    "长春新区项目总投资1279.2亿元\n"
    "时间：2025-11-19 10:58 来源：长春政事儿\n"
    "2024年，长春新区引进项目近100个，总投资约2亿元。"
    "北湖未来科学城聚焦光电信息、医药健康产业。"
    "吉林一号卫星于2025年11月投入使用。\n"
    "编辑：王明"
)


class DocBuilder:
    """Builds a valid Record over a text; spans are given as a substring (its nth occurrence) or (start, end)."""

    def __init__(self, doc_id: str, text: str, lang: str = "ja", **metadata: Any) -> None:
        self.doc_id, self.text, self.lang = doc_id, text, lang
        self.metadata = {"title": None, "published_at": None, "source": None, "editor": None, **metadata}
        self.entities: list[dict[str, Any]] = []
        self.quantities: list[dict[str, Any]] = []
        self.timexes: list[dict[str, Any]] = []
        self.facts: list[dict[str, Any]] = []
        self._counter = 0

    def _next_id(self, prefix: str) -> str:
        # one running number over all layers, so deleting an item never lets an id repeat
        self._counter += 1
        return f"{prefix}{self._counter}"

    def span(self, where: Where, nth: int = 0) -> tuple[int, int]:
        """The (start, end) of `where`."""
        if isinstance(where, tuple):
            return where
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(where, start + 1)
        return start, start + len(where)

    def _mention(self, prefix: str, bucket: list[dict[str, Any]], where: Where, nth: int, **fields: Any) -> str:
        start, end = self.span(where, nth)
        mention_id = self._next_id(prefix)
        bucket.append({"id": mention_id, "text": self.text[start:end], "start": start, "end": end, **fields})
        return mention_id

    def ent(self, where: Where, type_: str, key: str | None = None, subtype: str | None = None, nth: int = 0) -> str:
        """Add an entity; the key defaults to the surface, an ORG's subtype to company."""
        start, end = self.span(where, nth)
        if subtype is None and type_ == "ORG":
            subtype = "company"
        key = key if key is not None else self.text[start:end]
        return self._mention("e", self.entities, (start, end), 0, type=type_, subtype=subtype, key=key)

    def qty(
        self,
        where: Where,
        kind: str,
        value: float,
        unit: str | None = None,
        qualifier: str = "exact",
        counted: str | None = None,
        nth: int = 0,
    ) -> str:
        """Add a quantity."""
        fields = {"kind": kind, "value": value, "unit": unit, "qualifier": qualifier, "counted": counted}
        return self._mention("q", self.quantities, where, nth, **fields)

    def tmx(self, where: Where, value: str, nth: int = 0) -> str:
        """Add a timex."""
        return self._mention("t", self.timexes, where, nth, value=value)

    def fact(self, type_: str, evidence: Where, nth: int = 0, **slots: Any) -> str:
        """Add a fact with the given slots (ids of this builder's mentions, texts, a status)."""
        fact_id = self._next_id("f")
        self.facts.append({"id": fact_id, "type": type_, "evidence": list(self.span(evidence, nth)), **slots})
        return fact_id

    def data(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            **self.metadata,
            "entities": self.entities,
            "quantities": self.quantities,
            "timexes": self.timexes,
            "facts": self.facts,
        }

    def record(self) -> Record:
        """The record, validated against the text."""
        return Record.model_validate(self.data(), context={"text": self.text})


@pytest.fixture
def doc() -> type[DocBuilder]:
    """The DocBuilder class: ``doc("d1", text)`` starts a record."""
    return DocBuilder


JA_META = {
    "title": "北湖未来科学都市、本格始動",
    "published_at": "2025-11-19T10:58",
    "source": "長春政事児",
    "editor": "李孟群",
}
ZH_META = {
    "title": "长春新区项目总投资1279.2亿元",
    "published_at": "2025-11-19T10:58",
    "source": "长春政事儿",
    "editor": "王明",
}


def build_ja(doc_id: str = "ja1") -> DocBuilder:
    """A fully annotated Japanese document: every layer, every fact type."""
    b = DocBuilder(doc_id, JA_TEXT, "ja", **JA_META)
    b.ent("北湖未来科学都市", "ZONE", key="北湖未来科学城")
    shinku = b.ent("長春新区", "ZONE", key="长春新区")
    platforms = b.qty("23", "COUNT", 23, counted="国家級研究開発プラットフォーム")
    people = b.qty("300人以上", "COUNT", 300, unit="人", qualifier="at_least")
    last_year = b.tmx("昨年", "2024")
    city = b.ent("長春市", "LOC", key="长春市")
    cases = b.qty("3500件", "COUNT", 3500, unit="件")
    rise = b.qty("7割以上", "PERCENT", 70, unit="%", qualifier="at_least")
    gensci = b.ent("金賽薬業", "ORG", key="金赛药业")
    march = b.tmx("2025年3月", "2025-03")
    shinku2 = b.ent("長春新区", "ZONE", key="长春新区", nth=1)
    rank = b.qty("第14位", "RANK", 14)
    hg = b.ent("光華微電子", "ORG", key="光华微电子")
    b.ent("レーザ抵抗調整機", "PRODUCT", key="激光调阻机")
    share = b.qty("60%", "PERCENT", 60, unit="%", qualifier="more_than")
    beihu = b.ent("北湖未来科学城", "ZONE", key="北湖未来科学城")
    industries = [
        b.ent("先進設備製造", "INDUSTRY", key="先进装备制造"),
        b.ent("光電情報", "INDUSTRY", key="光电信息"),
        b.ent("新材料", "INDUSTRY", key="新材料"),
    ]
    platforms_sentence = "長春新区には23の国家級研究開発プラットフォームが集積し、300人以上の人材が集まる。"
    b.fact("metric", platforms_sentence, subject=shinku, measure="国家級研究開発プラットフォーム", quantity=platforms)
    b.fact("metric", platforms_sentence, subject=shinku, measure="人材", quantity=people)
    b.fact(
        "metric",
        "昨年、長春市の成果転化は3500件に達し、7割以上増加した。",
        subject=city,
        measure="成果転化",
        quantity=cases,
        change=rise,
        direction="up",
        time=last_year,
    )
    b.fact("milestone", "金賽薬業の新薬が2025年3月に上市された。", subject=gensci, status="launched", time=march)
    b.fact("ranking", "長春新区は全国で第14位となった。", subject=shinku2, rank=rank, scope="全国")
    b.fact(
        "share",
        "光華微電子のレーザ抵抗調整機の世界シェアは60%を超えた。",
        subject=hg,
        share=share,
        market="レーザ抵抗調整機",
        scope="世界",
    )
    b.fact(
        "focus",
        "北湖未来科学城は先進設備製造、光電情報、新材料に重点的に取り組む。",
        subject=beihu,
        industries=industries,
    )
    return b


def build_zh(doc_id: str = "zh1") -> DocBuilder:
    """A fully annotated Chinese document."""
    b = DocBuilder(doc_id, ZH_TEXT, "zh", **ZH_META)
    title_zone = b.ent("长春新区", "ZONE", key="长春新区")
    title_money = b.qty("1279.2亿元", "MONEY", 127920000000, unit="CNY")
    year = b.tmx("2024年", "2024")
    zone = b.ent("长春新区", "ZONE", key="长春新区", nth=1)
    projects = b.qty("近100个", "COUNT", 100, unit="个", qualifier="nearly", counted="项目")
    money = b.qty("约2亿元", "MONEY", 200000000, unit="CNY", qualifier="approx")
    beihu = b.ent("北湖未来科学城", "ZONE", key="北湖未来科学城")
    industries = [b.ent("光电信息", "INDUSTRY"), b.ent("医药健康", "INDUSTRY")]
    sat = b.ent("吉林一号", "PRODUCT")
    nov = b.tmx("2025年11月", "2025-11")
    b.fact("metric", "长春新区项目总投资1279.2亿元", subject=title_zone, measure="项目总投资", quantity=title_money)
    b.fact(
        "metric", "2024年，长春新区引进项目近100个，", subject=zone, measure="引进项目", quantity=projects, time=year
    )
    b.fact("metric", "总投资约2亿元。", subject=zone, measure="总投资", quantity=money, time=year)
    b.fact("focus", "北湖未来科学城聚焦光电信息、医药健康产业。", subject=beihu, industries=industries)
    b.fact("milestone", "吉林一号卫星于2025年11月投入使用。", subject=sat, status="operational", time=nov)
    return b


@pytest.fixture
def ja_doc() -> DocBuilder:
    """A fresh builder holding the full Japanese annotation (modify it to make a prediction)."""
    return build_ja()


@pytest.fixture
def zh_doc() -> DocBuilder:
    """A fresh builder holding the full Chinese annotation."""
    return build_zh()


@pytest.fixture
def builders() -> dict[str, Any]:
    """The builder functions, for tests that need several copies: ``builders["ja"]("id")``."""
    return {"ja": build_ja, "zh": build_zh}


class MarkCollector(HTMLParser):
    """Collects every `<mark>` of a page: its attributes and the text inside it (nested marks included)."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, Any]] = []
        self.open: list[dict[str, Any]] = []
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            mark = {"attrs": dict(attrs), "text": ""}
            self.marks.append(mark)
            self.open.append(mark)
            self.max_depth = max(self.max_depth, len(self.open))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            mark["text"] += data

    def mention_texts(self) -> dict[tuple[str, str], str]:
        """Per (data-side, data-id), the text of the mention's parts joined in order."""
        out: dict[tuple[str, str], str] = {}
        for mark in self.marks:
            a = mark["attrs"]
            if "data-id" in a:
                key = (a["data-side"], a["data-id"])
                out[key] = out.get(key, "") + mark["text"]
        return out


def collect_marks(html: str) -> MarkCollector:
    """Parse `html` and return its marks; fails if a mark is left open."""
    parser = MarkCollector()
    parser.feed(html)
    parser.close()
    assert not parser.open, "unclosed <mark>"
    return parser


def assert_marks_cover(collector: MarkCollector, side: str, record: Record) -> None:
    """Every mention of `record` has marks on `side` whose joined text is the mention's text."""
    texts = collector.mention_texts()
    layers = {"e": "entity", "q": "quantity", "t": "timex"}
    for m in record.mentions():
        assert texts.get((side, m.id)) == m.text, (side, m.id, m.text)
        first = next(
            k["attrs"]
            for k in collector.marks
            if k["attrs"].get("data-id") == m.id and k["attrs"].get("data-side") == side
        )
        layer = layers[m.id[0]]
        assert first["data-layer"] == layer
        assert f"l-{layer}" in first["class"].split()
        assert first["data-type"]
        assert first["title"]


@pytest.fixture
def marks() -> Any:
    """Helpers to parse marks out of a page: ``marks.collect(html)``, ``marks.assert_cover(c, side, record)``."""

    class _Marks:
        collect = staticmethod(collect_marks)
        assert_cover = staticmethod(assert_marks_cover)

    return _Marks


def _reshape(b: DocBuilder, bucket: list[dict[str, Any]], index: int, start: int, end: int) -> None:
    bucket[index].update(start=start, end=end, text=b.text[start:end])


def build_example() -> tuple[dict[str, Record], dict[str, Record], dict[str, str]]:
    """Gold and predictions over three documents with every kind of error, and their texts.

    ja1 carries an entity boundary error, a type error, a miss, a spurious entity, quantity value,
    qualifier and kind errors, a timex value error, two fact slot errors and a wrong title; zh1 lacks
    a fact and has a value within tolerance; ja2 is not predicted; zz9 is predicted without gold.
    """
    gold = {"ja1": build_ja("ja1").record(), "zh1": build_zh("zh1").record(), "ja2": build_ja("ja2").record()}
    ja = build_ja("ja1")
    start, end = ja.span("長春新区")
    _reshape(ja, ja.entities, 1, start, end - 1)  # 長春新 — boundary
    ja.entities[2]["type"] = "ZONE"  # 長春市 LOC -> ZONE — type
    del ja.entities[6]  # レーザ抵抗調整機 — miss
    ja.ent("人材", "ORG", key="人材")  # spurious
    ja.quantities[0].update(kind="PERCENT", unit="%", counted=None)  # 23 COUNT -> PERCENT — kind
    ja.quantities[2]["value"] = 350  # 3500件 — value
    ja.quantities[3]["qualifier"] = "exact"  # 7割以上 — qualifier
    ja.timexes[0]["value"] = "2025"  # 昨年 — timex value
    ja.facts[3]["status"] = "started"  # milestone slot
    ja.facts[6]["industries"] = ja.facts[6]["industries"][:1]  # focus: Jaccard 1/3
    ja.metadata["title"] = "北湖未来科学都市"
    zh = build_zh("zh1")
    zh.quantities[0]["value"] = 127920000000 * (1 + 5e-7)
    del zh.facts[4]
    predicted = {"ja1": ja.record(), "zh1": zh.record(), "zz9": build_zh("zz9").record()}
    texts = {"ja1": JA_TEXT, "ja2": JA_TEXT, "zh1": ZH_TEXT, "zz9": ZH_TEXT}
    return gold, predicted, texts


@pytest.fixture
def example() -> tuple[dict[str, Record], dict[str, Record], dict[str, str]]:
    """``(gold, predicted, texts)`` of :func:`build_example`."""
    return build_example()
