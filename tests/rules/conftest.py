"""A small markup for hand-built fact inputs: names, figures and dates written inline, no model loaded.

``[長春新区|ZONE]`` is an entity (``[text|TYPE|key]`` to give a key), ``{60社余り|COUNT:60:社:more_than:衛星関連企業}``
a quantity (KIND:value[:unit[:qualifier[:counted]]], ``-`` for none) and ``<昨年|2024>`` a timex.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest

from beihu_extract.rules import FactInput, extract_facts
from beihu_extract.schema import Entity, EntityType, Fact, Quantity, Timex

_MARK = re.compile(
    r"\[(?P<e>[^\[\]|]+)\|(?P<etype>[A-Z]+)(?:\|(?P<key>[^\]]+))?\]"
    r"|\{(?P<q>[^{}|]+)\|(?P<qspec>[^}]+)\}"
    r"|<(?P<t>[^<>|]+)\|(?P<tval>[^>]+)>"
)


def build(markup: str, published_at: str | None = "2025-06-01T10:00") -> FactInput:
    """The FactInput of `markup`: its plain text and the mentions marked in it, ids e1…, q1…, t1…."""
    text, entities, quantities, timexes = "", [], [], []
    pos = 0
    for m in _MARK.finditer(markup):
        text += markup[pos : m.start()]
        pos = m.end()
        start = len(text)
        if m.group("e"):
            name = m.group("e")
            etype = EntityType(m.group("etype"))
            entities.append(
                Entity(
                    id=f"e{len(entities) + 1}",
                    text=name,
                    start=start,
                    end=start + len(name),
                    type=etype,
                    subtype="company" if etype is EntityType.ORG else None,
                    key=m.group("key") or unicodedata.normalize("NFKC", name),
                )
            )
            text += name
        elif m.group("q"):
            span = m.group("q")
            kind, value, *rest = m.group("qspec").split(":")
            unit, qualifier, counted = ([*rest, "-", "-", "-"])[:3]
            quantities.append(
                Quantity(
                    id=f"q{len(quantities) + 1}",
                    text=span,
                    start=start,
                    end=start + len(span),
                    kind=kind,
                    value=float(value),
                    unit=None if unit == "-" else unit,
                    qualifier="exact" if qualifier == "-" else qualifier,
                    counted=None if counted == "-" else counted,
                )
            )
            text += span
        else:
            span = m.group("t")
            timexes.append(
                Timex(id=f"t{len(timexes) + 1}", text=span, start=start, end=start + len(span), value=m.group("tval"))
            )
            text += span
    text += markup[pos:]
    return FactInput(
        text=text,
        entities=tuple(entities),
        quantities=tuple(quantities),
        timexes=tuple(timexes),
        published_at=published_at,
    )


def describe(fact: Fact, doc: FactInput) -> dict[str, object]:
    """A fact with its mention slots replaced by their texts (timexes by their values), for readable asserts."""
    mentions: dict[str, Entity | Quantity | Timex] = {m.id: m for m in (*doc.entities, *doc.quantities, *doc.timexes)}
    out: dict[str, object] = {}
    for name, value in fact.model_dump(exclude={"id", "evidence", "type"}).items():
        if value is None:
            continue
        if isinstance(value, list):
            out[name] = [mentions[v].text for v in value]
        elif isinstance(value, str) and value in mentions:
            mention = mentions[value]
            out[name] = mention.value if isinstance(mention, Timex) else mention.text
        else:
            out[name] = value
    return out


Run = Callable[..., list[dict[str, object]]]


@pytest.fixture
def run() -> Run:
    """``run(markup, lang, type=None)``: the described facts of a marked-up text (only one type if given)."""

    def _run(markup: str, lang: str, fact_type: str | None = None, **kwargs: str | None) -> list[dict[str, object]]:
        doc = build(markup, **kwargs)
        facts = extract_facts(doc, lang).facts
        return [describe(f, doc) for f in facts if fact_type is None or f.type == fact_type]

    return _run
