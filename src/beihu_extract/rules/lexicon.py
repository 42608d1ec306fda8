"""The fact rules' lexicons (`resources/<lang>/facts/lexicon.json`): word lists, word maps, back-references."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from beihu_extract.resources import load_json
from beihu_extract.schema import Direction, EntityType, Lang, Status

__all__ = [
    "MAP_VALUES",
    "REQUIRED_LISTS",
    "ROLE_LISTS",
    "Backref",
    "FactLexicon",
    "LexiconFile",
    "WordList",
    "load_lexicon",
]

Word = Annotated[str, Field(min_length=1)]

# The lists the engine itself reads; rule files may name any other list of the file.
REQUIRED_LISTS: tuple[str, ...] = (
    "topic",
    "locative",
    "genitive",
    "place",
    "excluding_after",
    "excluding_before",
    "list_joiners",
    "examples",
    "segment_marks",
    "closers",
    "openers",
    "plan",
    "growth_leads",
    "new",
    "total",
    "scope",
    "share",
    "focus",
    "measure_strip",
    "time_base_after",
    "time_base_before",
    "adverbs",
    "object",
    "possessive",
    "target",
    "place_before",
    "np_breaks",
    "np_glue",
    "np_stops",
    "sector_words",
    "measure_skip",
    "rank_verbs",
    "frame_cut",
    "criteria",
    "frame_tail",
    "criterion_cuts",
    "share_before",
    "share_of",
    "market_strip",
    "comparison",
    "structural",
)

# The lists whose words can follow a name and give it its role (は, の, 的, など …).
ROLE_LISTS: tuple[str, ...] = (
    "topic",
    "locative",
    "genitive",
    "place",
    "object",
    "excluding_after",
    "examples",
    "list_joiners",
)

# The word maps the engine reads, with the values each may take.
MAP_VALUES: dict[str, frozenset[str]] = {
    "status": frozenset(s.value for s in Status),
    "growth": frozenset(d.value for d in Direction),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Backref(_Strict):
    """A bare word that points back to a named mention (同社 → the last company; 新区 → the last …新区).

    Attributes:
        word: the word as written.
        types: the entity types it may refer to.
        suffixes: when given, the referent's text or key must end with one of them (科学城 → 北湖未来科学城).
        head_only: the word is a back-reference only at the head of a segment or before a genitive
            (zh 园区 in 园区生物医药产业产值, not in 全国生物医药园区).
    """

    word: Word
    types: Annotated[list[EntityType], Field(min_length=1)]
    suffixes: list[Word] = []
    head_only: bool = False


class LexiconFile(_Strict):
    """The schema of `resources/<lang>/facts/lexicon.json`."""

    lang: Lang
    lists: dict[Word, list[Word]]
    maps: dict[Word, dict[Word, Word]]
    backrefs: list[Backref]

    @model_validator(mode="after")
    def _check(self) -> LexiconFile:
        missing = [name for name in (*REQUIRED_LISTS,) if name not in self.lists]
        if missing:
            raise ValueError(f"lexicon lists missing: {missing}")
        for name, allowed in MAP_VALUES.items():
            if name not in self.maps:
                raise ValueError(f"lexicon map {name!r} missing")
            wrong = sorted(v for v in self.maps[name].values() if v not in allowed)
            if wrong:
                raise ValueError(f"map {name!r}: values {wrong} not in {sorted(allowed)}")
        return self


class WordList:
    """Words matched literally in running text, longest first (所 never wins over 研究所)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
        self._by_first: dict[str, tuple[str, ...]] = {}
        for w in self.words:
            self._by_first[w[0]] = (*self._by_first.get(w[0], ()), w)
        self._by_last: dict[str, tuple[str, ...]] = {}
        for w in self.words:
            self._by_last[w[-1]] = (*self._by_last.get(w[-1], ()), w)
        # one alternation, longest words first, so the regex engine finds the same leftmost-longest matches
        self._pattern = re.compile("|".join(re.escape(w) for w in self.words)) if self.words else None

    def __bool__(self) -> bool:
        return bool(self.words)

    def at(self, text: str, pos: int) -> str | None:
        """The longest word starting at `pos`, if any."""
        if pos >= len(text):
            return None
        for w in self._by_first.get(text[pos], ()):
            if text.startswith(w, pos):
                return w
        return None

    def ending_at(self, text: str, end: int) -> str | None:
        """The longest word ending just before `end`, if any."""
        if end <= 0:
            return None
        for w in self._by_last.get(text[end - 1], ()):
            if end - len(w) >= 0 and text.startswith(w, end - len(w)):
                return w
        return None

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Every non-overlapping longest match inside text[start:end], left to right."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), m.group()) for m in self._pattern.finditer(text, start, end)]


@dataclass(frozen=True)
class FactLexicon:
    """One language's lexicons, ready for matching."""

    lang: str
    lists: Mapping[str, WordList]
    maps: Mapping[str, Mapping[str, str]]
    map_words: Mapping[str, WordList]
    backrefs: tuple[Backref, ...]
    backref_words: WordList
    role_words: WordList

    def words(self, name: str) -> WordList:
        """The word list `name` (a list or the keys of a map).

        Raises:
            KeyError: no list or map has that name.
        """
        if name in self.lists:
            return self.lists[name]
        return self.map_words[name]

    def backref(self, word: str) -> Backref:
        """The back-reference entry of `word`."""
        return next(b for b in self.backrefs if b.word == word)


def build_lexicon(data: LexiconFile) -> FactLexicon:
    """Compile a validated lexicon file into word lists."""
    return FactLexicon(
        lang=data.lang.value,
        lists={name: WordList(words) for name, words in data.lists.items()},
        maps={name: dict(m) for name, m in data.maps.items()},
        map_words={name: WordList(m) for name, m in data.maps.items()},
        backrefs=tuple(data.backrefs),
        backref_words=WordList(b.word for b in data.backrefs),
        role_words=WordList(w for name in ROLE_LISTS for w in data.lists[name]),
    )


@cache
def load_lexicon(lang: str) -> FactLexicon:
    """The fact lexicon of `lang`, read and validated from package data."""
    return build_lexicon(load_json(lang, "facts/lexicon.json", LexiconFile))
