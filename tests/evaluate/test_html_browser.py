"""The HTML report as headless Chromium renders it: every mention's mark is in the DOM, nothing is fetched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from beihu_extract.evaluate import render_document_html, score, write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).is_file(),
        reason="chromium is not installed (apt-get update && apt-get install -y chromium)",
    ),
]

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)|<link\b|@import|url\(""", re.I)


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local page with networking features off."""
    args = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *extra,
        page.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _section(html: str, doc_id: str) -> str:
    start = html.index(f'id="doc-{doc_id}"')
    return html[start : html.index("</section>", start)]


def test_rendered_report_has_every_mark(example: tuple, tmp_path: Path, marks: Any) -> None:
    gold, predicted, texts = example
    page = write_html(score(gold, predicted), gold, predicted, texts, tmp_path / "out" / "eval.html")
    source = page.read_text(encoding="utf-8")
    assert not EXTERNAL.search(source)
    dom = chromium(page, tmp_path / "profile", "--dump-dom").stdout
    assert 'data-js="ready"' in dom, "the inline script did not run"
    assert not EXTERNAL.search(dom)
    for doc_id in gold:
        section = marks.collect(_section(dom, doc_id))
        marks.assert_cover(section, "gold", gold[doc_id])
        if doc_id in predicted:
            marks.assert_cover(section, "pred", predicted[doc_id])


def test_rendered_document_page(ja_doc: Any, tmp_path: Path, marks: Any) -> None:
    record = ja_doc.record()
    page = tmp_path / "doc.html"
    page.write_text(render_document_html(ja_doc.text, record), encoding="utf-8")
    dom = chromium(page, tmp_path / "profile", "--dump-dom").stdout
    marks.assert_cover(marks.collect(dom), "pred", record)
    assert not EXTERNAL.search(dom)


def test_screenshot(example: tuple, tmp_path: Path) -> None:
    gold, predicted, texts = example
    page = write_html(score(gold, predicted), gold, predicted, texts, tmp_path / "eval.html")
    shot = tmp_path / "eval.png"
    chromium(page, tmp_path / "profile", "--window-size=1400,1800", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000  # a blank page compresses to far less
