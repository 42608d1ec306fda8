"""The entity layer: candidates from the model, the gazetteer and the rules, merged in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from beihu_extract.labels import LabelMap
from beihu_extract.layout import Layout
from beihu_extract.names import NameMatch
from beihu_extract.schema import EntityType, OrgSubtype
from beihu_extract.view import LabelledSpan

__all__ = ["Candidate", "Source", "candidates_from_model", "candidates_from_names", "merge_candidates", "trim_span"]

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
    spans: Iterable[LabelledSpan], labels: LabelMap, is_generic: Callable[[int, int], bool] | None = None
) -> list[Candidate]:
    """Model entity spans whose label the map knows, as candidates of SPEC types.

    `is_generic(start, end)` drops spans that name a class rather than one thing (科学城, 開発区).
    """
    out = []
    for span in spans:
        target = labels.get(span.label)
        if target is not None and not (is_generic and is_generic(span.start, span.end)):
            out.append(Candidate(span.start, span.end, target.type, target.subtype, Source.MODEL))
    return out


def candidates_from_names(names: Iterable[NameMatch]) -> list[Candidate]:
    """Gazetteer and rule names as candidates."""
    return [
        Candidate(m.start, m.end, m.type, m.subtype, Source.GAZETTEER if m.key else Source.RULE, m.key) for m in names
    ]


def merge_candidates(text: str, candidates: Iterable[Candidate], layout: Layout) -> list[Candidate]:
    """The flat entity layer: the one documented place where sources meet.

    Precedence, in two tiers:
    1. gazetteer and rule names: a longer span wins over a shorter overlapping one (flat, longest
       name, SPEC 2.1); at equal length the gazetteer wins over a rule; then the earlier span;
    2. model entities fill only characters that no name of tier 1 covers (the domain lists know
       better than a general-purpose model, which reads 長春 as a person or a sports team).
    Spans are trimmed of whitespace and quotes first; nothing touching a metadata, editor or
    page-chrome line is kept.
    """
    trimmed: list[Candidate] = []
    for c in candidates:
        start, end = trim_span(text, c.start, c.end)
        if start >= end or layout.is_excluded(start, end):
            continue
        trimmed.append(Candidate(start, end, c.type, c.subtype, c.source, c.key))
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
