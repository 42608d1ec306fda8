"""HTML articles reduced to plain text (title line, then one line per block) with the stdlib HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["declared_charset", "html_to_text", "looks_like_html"]

# Elements whose content is never article text.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select"})
# Elements that start and end a line of text.
_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div"),
        *("dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table"),
        *("tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
# Elements that never have an end tag, so they must not open a skipped region.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# HTML's inter-element white space (not U+3000, which is content in CJK text).
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# A document that opens with a doctype or an <html> tag, after optional white space and comments.
_HTML_START = re.compile(r"\A(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether `text` is clearly an HTML document: it opens with ``<!DOCTYPE html>`` or an ``<html>`` tag."""
    return _HTML_START.match(text[:4096]) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its first 4 KiB, lower-cased, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


class _TextCollector(HTMLParser):
    """Collects the page title and the visible text, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skip: list[str] = []
        self._in_title = False
        self._in_head = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[-1] and tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _SKIP or any(name == "hidden" for name, _ in attrs):
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag == "head":
            self._in_head = True
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self._in_head = False
        elif tag == "pre":
            self._pre += 1
        if tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip and tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title.append(data)
        elif not self._in_head:
            if self._pre:
                # Preformatted text keeps its own line breaks.
                first, *rest = data.split("\n")
                self._line.append(first)
                for part in rest:
                    self._break()
                    self._line.append(part)
            else:
                self._line.append(data)

    def _break(self) -> None:
        line = _HTML_SPACE.sub(" ", "".join(self._line)).strip(" ")
        if line:
            self.lines.append(line)
        self._line = []

    def text(self) -> str:
        """The title line (if the page has one) and the text lines, joined with newlines."""
        self._break()
        lines = list(self.lines)
        title = _HTML_SPACE.sub(" ", "".join(self.title)).strip(" ")
        if title and (not lines or lines[0] != title):
            lines.insert(0, title)
        return "\n".join(lines) + ("\n" if lines else "")


def html_to_text(html: str) -> str:
    """The text of an HTML page as an article: its ``<title>`` as line 1, then one line per block element.

    Scripts, styles and hidden elements are dropped, character references are resolved and runs of
    HTML white space collapse to one space. Offsets of a record made from an HTML page are on this text.
    """
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    return parser.text()
