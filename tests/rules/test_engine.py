"""The engine as a whole: provenance, evidence, ids, and the spaCy-free contract of the package."""

from __future__ import annotations

import ast
from pathlib import Path

import beihu_extract.rules as rules_pkg
from beihu_extract.rules import extract_facts
from beihu_extract.schema import Record

from .conftest import build

MARKUP = (
    "[光谷|ZONE]新闻\n<去年|2024>，[光谷|ZONE]实现地区生产总值{约2850亿元|MONEY:285000000000:CNY:approx}，"
    "同比增长{8.2%|PERCENT:8.2:%}，增速在[武汉市|LOC]各区中位列{第一|RANK:1}。[t5项目|PROJECT]<去年6月|2024-06>正式投产。"
)


def test_every_fact_has_a_rule_id_and_evidence_that_slices_the_text():
    doc = build(MARKUP)
    out = extract_facts(doc, "zh")
    assert {f.type for f in out.facts} == {"metric", "ranking", "milestone"}
    for fact in out.facts:
        assert out.rule_ids[fact.id].startswith(f"zh.{fact.type}.")
        start, end = fact.evidence
        assert 0 <= start < end <= len(doc.text)
        assert "\n" not in doc.text[start:end]
    assert len({f.id for f in out.facts}) == len(out.facts)


def test_facts_validate_inside_a_record():
    doc = build(MARKUP)
    facts = extract_facts(doc, "zh").facts
    Record.model_validate(
        {
            "doc_id": "d",
            "lang": "zh",
            "title": None,
            "published_at": None,
            "source": None,
            "editor": None,
            "entities": [e.model_dump() for e in doc.entities],
            "quantities": [q.model_dump() for q in doc.quantities],
            "timexes": [t.model_dump() for t in doc.timexes],
            "facts": [f.model_dump() for f in facts],
        },
        context={"text": doc.text},
    )


def test_empty_document_gives_no_facts():
    assert extract_facts(build(""), "ja").facts == []


def test_nothing_in_rules_imports_spacy():
    folder = Path(rules_pkg.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in ("spacy", "ginza", "jieba") for n in names), path.name
