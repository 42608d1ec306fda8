"""Terminal, JSON and HTML reports: every mention gets a mark, pages are self-contained and escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rich.console import Console

from beihu_extract.evaluate import (
    print_report,
    render_document_html,
    render_report_html,
    score,
    write_html,
    write_json,
)

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)|<link\b|@import|url\(""", re.I)


def test_html_report_marks_every_mention(tmp_path: Path, example: tuple, marks: Any) -> None:
    gold, predicted, texts = example
    result = score(gold, predicted)
    path = write_html(result, gold, predicted, texts, tmp_path / "out" / "eval.html")
    assert path == tmp_path / "out" / "eval.html"
    html = path.read_text(encoding="utf-8")
    marks.collect(html)  # the whole page parses with every mark closed
    # mention ids repeat across documents, so each document's section is checked on its own
    for doc_id in result.documents:
        section = marks.collect(_section(html, doc_id))
        marks.assert_cover(section, "gold", gold[doc_id])
        if doc_id in predicted:
            marks.assert_cover(section, "pred", predicted[doc_id])
        else:
            assert not [m for m in section.marks if m["attrs"].get("data-side") == "pred"]
    assert 'id="doc-zz9"' not in html


def _section(html: str, doc_id: str) -> str:
    start = html.index(f'<section class="doc" id="doc-{doc_id}">')
    return html[start : html.index("</section>", start)]


def test_html_report_lists_every_error_kind(example: tuple, tmp_path: Path) -> None:
    gold, predicted, texts = example
    html = write_html(score(gold, predicted), gold, predicted, texts, tmp_path / "eval.html").read_text("utf-8")
    ja1 = _section(html, "ja1")
    for heading in (
        "Misses (",
        "Spurious (",
        "Boundary errors",
        "Type errors",
        "Value errors",
        "Fact slot mismatches",
    ):
        assert heading in ja1, heading
    assert 'data-status="boundary"' in ja1 and 'data-status="spurious"' in ja1
    assert "Not predicted: all gold counts as missed." in _section(html, "ja2")
    assert "Predicted without gold (not scored): zz9" in html
    assert "Missed facts (1)" in _section(html, "zh1")


def test_html_is_self_contained(example: tuple, tmp_path: Path) -> None:
    gold, predicted, texts = example
    html = write_html(score(gold, predicted), gold, predicted, texts, tmp_path / "eval.html").read_text("utf-8")
    assert not EXTERNAL.search(html)
    assert "<style>" in html and "<script>" in html
    assert "<script src" not in html
    page = render_document_html(texts["ja1"], predicted["ja1"])
    assert not EXTERNAL.search(page)


def test_html_escapes_text_and_attributes(doc: Any, marks: Any) -> None:
    text = '見出し<script>alert("x")</script>\n「A&B」社が<b>上場</b>'
    b = doc("x1", text)
    b.ent("A&B", "ORG", key='A&B"><i>')
    b.qty("<b>", "COUNT", 1)
    record = b.record()
    page = render_document_html(text, record)
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<i>" not in page
    collector = marks.collect(page)
    marks.assert_cover(collector, "pred", record)
    entity = next(m for m in collector.marks if m["attrs"].get("data-id") == "e1")
    assert 'key A&B"><i>' in entity["attrs"]["title"]  # the parser unescapes what went in escaped


def test_crossing_marks_are_split_and_stay_nested(doc: Any, marks: Any) -> None:
    text = "ABCDEFGHIJ"
    b = doc("x", text)
    b.ent((0, 4), "ORG")
    b.qty((2, 6), "COUNT", 1)  # crosses the entity's end
    b.tmx((3, 8), "2024")  # crosses both
    b.qty((2, 6), "RANK", 2)  # same span as the other quantity
    record = b.record()
    collector = marks.collect(render_document_html(text, record))
    marks.assert_cover(collector, "pred", record)
    parts = [m["attrs"]["data-part"] for m in collector.marks if m["attrs"].get("data-id") == "t3"]
    assert len(parts) > 1 and parts[0] == "0"
    assert collector.max_depth >= 3


def test_document_page_shows_types_values_and_keys(ja_doc: Any, marks: Any) -> None:
    record = ja_doc.record()
    page = render_document_html(ja_doc.text, record)
    collector = marks.collect(page)
    marks.assert_cover(collector, "pred", record)
    titles = " ".join(m["attrs"]["title"] for m in collector.marks if "title" in m["attrs"])
    assert "key 北湖未来科学城" in titles
    assert "value 300" in titles and "at_least" in titles
    assert "TIMEX · value 2024" in titles
    assert "ORG/company" in titles
    assert "focus" in page and "industries" in page
    assert "data-status" not in page


def test_print_report(example: tuple) -> None:
    gold, predicted, _ = example
    console = Console(record=True, width=200, color_system=None)
    print_report(score(gold, predicted), console)
    out = console.export_text()
    for needle in ("All documents (3)", "ja (2)", "zh (1)", "Entities (strict)", "By type / kind", "ja2", "zz9"):
        assert needle in out, needle
    assert "metadata accuracy 0.583 (7/12)" in out


def test_write_json(example: tuple, tmp_path: Path) -> None:
    gold, predicted, _ = example
    result = score(gold, predicted)
    path = write_json(result, tmp_path / "out" / "eval.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(result.to_json()))
    assert data["missing_ids"] == ["ja2"] and data["extra_ids"] == ["zz9"]


def test_missing_text_still_renders(example: tuple, marks: Any) -> None:
    gold, predicted, texts = example
    html = render_report_html(score(gold, predicted), gold, predicted, {"zh1": texts["zh1"]})
    assert "The document text is not available." in _section(html, "ja1")
    marks.assert_cover(marks.collect(_section(html, "zh1")), "gold", gold["zh1"])
