"""The layout of an article (SPEC 1): title, metadata line, editor line and page chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from beihu_extract.resources import load_json

__all__ = ["Layout", "LayoutRules", "load_layout_rules", "parse_layout"]

# Characters stripped around a line before it is matched, as the annotation guide does.
_WS = " \u3000\xa0\t\r\n"


class LayoutRules(BaseModel):
    """Patterns of one language's non-content lines (`resources/<lang>/layout.json`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metadata: list[str] = Field(min_length=1)
    editor: list[str] = Field(min_length=1)
    chrome: list[str]
    header_lines: int = Field(ge=1, description="the metadata line is looked for in the first N lines")
    footer_lines: int = Field(ge=1, description="the editor line is looked for in the last N non-blank lines")

    def compiled(self) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], list[re.Pattern[str]]]:
        return (
            [re.compile(p) for p in self.metadata],
            [re.compile(p) for p in self.editor],
            [re.compile(p) for p in self.chrome],
        )


@cache
def load_layout_rules(lang: str) -> LayoutRules:
    """The layout rules of `lang`, read from package data."""
    return load_json(lang, "layout.json", LayoutRules)


@cache
def _patterns(lang: str) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], list[re.Pattern[str]]]:
    return load_layout_rules(lang).compiled()


@dataclass(frozen=True)
class Layout:
    """What the layout says about a document; `excluded` are (start, end, what) spans of non-content lines."""

    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    editor: str | None = None
    excluded: tuple[tuple[int, int, str], ...] = field(default_factory=tuple)

    def is_excluded(self, start: int, end: int) -> bool:
        """Whether the span start-end touches a non-content line."""
        return any(start < b and end > a for a, b, _ in self.excluded)


_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line; CRLF, CR and LF all end a line (old Mac files use CR alone)."""
    out, offset = [], 0
    for m in _LINE_END.finditer(text):
        out.append((offset, text[offset : m.start()]))
        offset = m.end()
    out.append((offset, text[offset:]))
    return out


def _first_match(patterns: list[re.Pattern[str]], line: str) -> re.Match[str] | None:
    for pattern in patterns:
        m = pattern.match(line)
        if m:
            return m
    return None


def parse_layout(text: str, lang: str) -> Layout:
    """Read the title, metadata, editor and page-chrome lines of `text` (SPEC section 1).

    Line 1 is the title unless it is itself a metadata or chrome line. The metadata line is looked
    for among the first lines, the editor line among the last non-blank ones; chrome lines anywhere.
    `published_at` is filled only when the metadata line gives a date and a time (``YYYY-MM-DDTHH:MM``).

    Args:
        text: the document as read (offsets of `excluded` index into it).
        lang: ``ja`` or ``zh``: which patterns to use.
    """
    rules = load_layout_rules(lang)
    meta_patterns, editor_patterns, chrome_patterns = _patterns(lang)
    lines = _lines(text)
    excluded: list[tuple[int, int, str]] = []
    published_at = source = editor = title = None
    meta_line = editor_line = None

    for i, (offset, line) in enumerate(lines[: rules.header_lines]):
        m = _first_match(meta_patterns, line.strip(_WS))
        if m:
            published_at = _iso_minute(m)
            source = (m.groupdict().get("source") or "").strip(_WS) or None
            meta_line = i
            excluded.append((offset, offset + len(line), "metadata"))
            break

    nonblank = [i for i, (_, line) in enumerate(lines) if line.strip(_WS)]
    for i in reversed(nonblank[-rules.footer_lines :]):
        if i == 0 or i == meta_line:
            continue
        m = _first_match(editor_patterns, lines[i][1].strip(_WS))
        if m:
            editor = m.group("editor").strip(_WS)
            editor_line = i
            offset, line = lines[i]
            excluded.append((offset, offset + len(line), "editor"))
            break

    for i, (offset, line) in enumerate(lines):
        if i in (meta_line, editor_line):
            continue
        stripped = line.strip(_WS)
        if stripped and _first_match(chrome_patterns, stripped):
            excluded.append((offset, offset + len(line), "page chrome"))

    if lines and meta_line != 0 and not any(a == 0 for a, _, _ in excluded):
        title = lines[0][1].strip(_WS) or None
    excluded.sort()
    return Layout(title=title, published_at=published_at, source=source, editor=editor, excluded=tuple(excluded))


def _iso_minute(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        year, month, day = int(g["year"]), int(g["month"]), int(g["day"])
        hour, minute = int(g["hour"]), int(g["minute"])
    except (KeyError, TypeError, ValueError):
        return None
    try:
        return datetime(year, month, day, hour, minute).strftime("%Y-%m-%dT%H:%M")
    except ValueError:  # 2025-02-30 is no date
        return None
