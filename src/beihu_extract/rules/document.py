"""What the fact rules read (`FactInput`) and the per-document indexes built once from it (`DocIndex`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from beihu_extract.rules.lexicon import FactLexicon
from beihu_extract.schema import Entity, EntityType, Quantity, Timex
from beihu_extract.view import Token

__all__ = ["DocIndex", "FactInput", "Unit"]

# A sentence ends after these; a clause (the evidence of SPEC 5.14) also after ；.
_SENTENCE_END = frozenset("。！？!?")
_CLAUSE_END = frozenset("；;")
_CUT = re.compile(f"[{''.join(sorted(_SENTENCE_END | _CLAUSE_END))}]")
_SPACE = " \u3000\xa0\t\r\n"
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "NUM", "SYM", "PRON"})
_ALL_HAN = re.compile(r"[\u3400-\u9fff]+")
# A short quotation on one line: a name or a slogan, not a clause.
_QUOTED = re.compile(r"“[^“”\n]{1,20}”|「[^「」\n]{1,20}」|『[^『』\n]{1,20}』")


@dataclass(frozen=True)
class FactInput:
    """Everything the fact rules see of one document; mentions carry the ids the record will use.

    Attributes:
        text: the document as read.
        sentences: (start, end) of the model's sentences; the rules cut their own evidence clauses at
            line breaks and sentence marks, since a model may split inside a name (長春汽車経済技術|開発区).
        tokens: the view's tokens (ja: GiNZA with a dependency parse; zh: jieba words, no parse).
        entities, quantities, timexes: the record's mentions.
        published_at: ISO time of publication, if known.
    """

    text: str
    sentences: tuple[tuple[int, int], ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    published_at: str | None = None


@dataclass(frozen=True)
class Unit:
    """An evidence clause: a sentence, or the part of it up to a ；.

    Attributes:
        index: position among the document's units.
        start, end: the span, trimmed of spaces.
        sentence: index of the sentence it belongs to (units cut at ； share it).
        paragraph: index of the line it lies on (articles put one paragraph on a line).
        is_title: whether it lies on the first line.
        segments: (start, end) of its comma-separated parts, in order.
    """

    index: int
    start: int
    end: int
    sentence: int
    paragraph: int
    is_title: bool
    segments: tuple[tuple[int, int], ...]

    def segment_of(self, pos: int) -> tuple[int, int]:
        """The segment holding `pos` (the last one when `pos` is at the end)."""
        for seg in self.segments:
            if seg[0] <= pos < seg[1]:
                return seg
        return self.segments[-1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return start, end


def _cut_units(text: str) -> list[tuple[int, int, int, int, bool]]:
    """(start, end, sentence, paragraph, is_title) of every non-blank clause, line by line."""
    out: list[tuple[int, int, int, int, bool]] = []
    sentence = 0
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            continue
        if paragraph == 0:
            # the title has no sentence marks of its own: one unit, cut into segments at spaces later
            s, e = _trim(text, line_start, line_end)
            out.append((s, e, sentence, paragraph, True))
            sentence += 1
            continue
        start = line_start
        cuts = [(m.end(), m.group() in _SENTENCE_END) for m in _CUT.finditer(text, line_start, line_end)]
        for cut, ends_sentence in [*cuts, (line_end, True)]:
            s, e = _trim(text, start, cut)
            if s < e and any(not c.isspace() and c not in "。；;" for c in text[s:e]):
                out.append((s, e, sentence, paragraph, False))
            start = cut
            if ends_sentence:
                sentence += 1
    return out


@dataclass
class DocIndex:
    """Indexes over a FactInput that every rule shares: units, mention lookups, masks and the main zone.

    Built once per document; lookups are bisections over sorted lists.
    """

    doc: FactInput
    lex: FactLexicon
    units: list[Unit] = field(init=False)
    entities: list[Entity] = field(init=False)
    quantities: list[Quantity] = field(init=False)
    timexes: list[Timex] = field(init=False)
    cache: dict[str, dict[int, object]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.entities = sorted(self.doc.entities, key=lambda e: (e.start, e.end))
        self.quantities = sorted(self.doc.quantities, key=lambda q: (q.start, q.end))
        self.timexes = sorted(self.doc.timexes, key=lambda t: (t.start, t.end))
        self._ent_starts = [e.start for e in self.entities]
        self._q_starts = [q.start for q in self.quantities]
        self._t_starts = [t.start for t in self.timexes]
        self._word_hits: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}
        self.tokens = self.doc.tokens
        self._tok_starts = [t.start for t in self.tokens]
        n = len(self.text)
        self.name_mask = bytearray(n)
        for e in self.entities:
            self.name_mask[e.start : min(e.end, n)] = b"\x01" * (min(e.end, n) - e.start)
        self.mention_mask = bytearray(self.name_mask)
        for m in (*self.quantities, *self.timexes):
            self.mention_mask[m.start : min(m.end, n)] = b"\x01" * (min(m.end, n) - m.start)
        self.units = [
            Unit(i, s, e, sent, para, title, tuple(self._segments(s, e, title)))
            for i, (s, e, sent, para, title) in enumerate(_cut_units(self.text))
        ]

    # -- segments ---------------------------------------------------------------------------

    def _segments(self, start: int, end: int, title: bool) -> list[tuple[int, int]]:
        """Cut a unit at its segment marks (ja 、 only between clauses, not inside a list of nouns)."""
        marks = [s for s, e, _ in self.lex.lists["segment_marks"].find(self.text, start, end)]
        if title:
            marks += [i for i in range(start, end) if self.text[i] in _SPACE]
        cuts = [start]
        for i in sorted(marks):
            if self.name_mask[i] or (self.text[i] == "、" and self._between_nominals(i)):
                continue
            cuts.append(i + 1)
        cuts.append(end)
        segs = [(a, b) for a, b in pairwise(cuts) if b > a]
        return segs or [(start, end)]

    def _between_nominals(self, i: int) -> bool:
        """Whether the mark at `i` joins two nouns (航空宇宙、光電情報), judged by the tokens around it."""
        if not self.tokens:
            return False
        before = self.token_ending_at(i)
        after = self.token_at(i + 1)
        if before is None or after is None:
            return False
        return self.tokens[before].pos in _NOMINAL_POS and self.tokens[after].pos in _NOMINAL_POS

    # -- tokens -----------------------------------------------------------------------------

    def token_at(self, pos: int) -> int | None:
        """Index of the token covering `pos`, if any."""
        i = bisect_right(self._tok_starts, pos) - 1
        if i >= 0 and self.tokens[i].start <= pos < self.tokens[i].end:
            return i
        return None

    def token_ending_at(self, end: int) -> int | None:
        """Index of the token that ends at or covers `end - 1`."""
        return self.token_at(end - 1) if end > 0 else None

    def tokens_in(self, start: int, end: int) -> range:
        """Indices of the tokens starting inside [start, end)."""
        return range(bisect_left(self._tok_starts, start), bisect_left(self._tok_starts, end))

    @cached_property
    def has_parse(self) -> bool:
        """Whether the tokens carry a dependency parse (ja) or not (zh)."""
        return any(t.dep for t in self.tokens)

    # -- mentions ---------------------------------------------------------------------------

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities starting inside [start, end)."""
        return self.entities[bisect_left(self._ent_starts, start) : bisect_left(self._ent_starts, end)]

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        """Quantities starting inside [start, end)."""
        return self.quantities[bisect_left(self._q_starts, start) : bisect_left(self._q_starts, end)]

    def timexes_in(self, start: int, end: int) -> list[Timex]:
        """Timexes starting inside [start, end)."""
        return self.timexes[bisect_left(self._t_starts, start) : bisect_left(self._t_starts, end)]

    def entity_index_before(self, pos: int) -> int:
        """Index of the last entity starting before `pos` (-1 when none)."""
        return bisect_left(self._ent_starts, pos) - 1

    def paragraph_start(self, paragraph: int) -> int:
        """Where the first unit of `paragraph` starts."""
        starts = self.cache.setdefault("paragraph_starts", {})
        if not starts:
            for u in self.units:
                starts.setdefault(u.paragraph, u.start)
        return starts[paragraph]  # type: ignore[return-value]

    def entity_covering(self, pos: int) -> Entity | None:
        """The entity whose span holds `pos`, if any."""
        i = bisect_right(self._ent_starts, pos) - 1
        if i >= 0 and self.entities[i].start <= pos < self.entities[i].end:
            return self.entities[i]
        return None

    def _hits(self, name: str, outside: str) -> tuple[list[int], list[tuple[int, int, str]]]:
        """Every match of a lexicon list in the whole text outside names (or mentions), found once."""
        key = f"{name}|{outside}"
        cached = self._word_hits.get(key)
        if cached is None:
            mask = self.name_mask if outside == "names" else self.mention_mask
            words = self.lex.backref_words if name == "" else self.lex.words(name)
            hits = [
                (s, e, w)
                for s, e, w in words.find(self.text, 0, len(self.text))
                if not any(mask[s:e]) and not self._inside_a_word(s, e)
            ]
            cached = ([h[0] for h in hits], hits)
            self._word_hits[key] = cached
        return cached

    def _inside_a_word(self, start: int, end: int) -> bool:
        """Whether a one-character hit lies inside a longer word of Han characters (拟 in 模拟, 占 in 霸占)."""
        if end - start != 1:
            return False
        i = self.token_at(start)
        if i is None:
            return False
        tok = self.tokens[i]
        return tok.start < start and bool(_ALL_HAN.fullmatch(self.text[tok.start : tok.end]))

    def find_words(self, name: str, start: int, end: int, *, outside: str = "names") -> list[tuple[int, int, str]]:
        """Matches of lexicon list `name` inside [start, end) that do not overlap a name (or any mention)."""
        starts, hits = self._hits(name, outside)
        return [h for h in hits[bisect_left(starts, start) : bisect_left(starts, end)] if h[1] <= end]

    def find_backrefs(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Back-reference words inside [start, end) outside names (新区 inside 長春新区 is not one)."""
        starts, hits = self._hits("", "names")
        return [h for h in hits[bisect_left(starts, start) : bisect_left(starts, end)] if h[1] <= end]

    # -- document-level facts ---------------------------------------------------------------

    @cached_property
    def main_zone(self) -> Entity | None:
        """The article's main ZONE: its most frequent ZONE key, ties broken by the title, then by order."""
        zones = [e for e in self.entities if e.type is EntityType.ZONE]
        if not zones:
            return None
        counts = Counter(e.key for e in zones)
        best = max(counts.values())
        tops = [k for k, c in counts.items() if c == best]
        title_end = self.units[0].end if self.units and self.units[0].is_title else 0
        in_title = [e.key for e in zones if e.start < title_end and e.key in tops]
        key = in_title[0] if in_title else next(e.key for e in zones if e.key in tops)
        return next(e for e in zones if e.key == key)

    @cached_property
    def quoted(self) -> bytearray:
        """1 for each character inside a short quotation (“经开工业云”, 「麒麟電池」): a status word there is part of
        a name, not a verb (经开工业云 holds 开工)."""
        mask = bytearray(len(self.text))
        for m in _QUOTED.finditer(self.text):
            mask[m.start() + 1 : m.end() - 1] = b"\x01" * (m.end() - m.start() - 2)
        return mask

    @cached_property
    def parenthesised(self) -> frozenset[str]:
        """Ids of names written in parentheses right after another name (微软（中国）, 長飛光纖（長飛）):
        part or alias of that name, never what a back-reference points to."""
        ends = {e.end for e in self.entities}
        out = set()
        for e in self.entities:
            open_at = e.start - 1
            while open_at > 0 and self.text[open_at] in "“‘「『":
                open_at -= 1
            if open_at > 0 and self.text[open_at] in "（(" and open_at in ends:
                out.add(e.id)
        return frozenset(out)

    @cached_property
    def published_year(self) -> int | None:
        """The year of publication, if known."""
        match = re.match(r"(\d{4})", self.doc.published_at or "")
        return int(match.group(1)) if match else None

    def unit_of(self, pos: int) -> Unit | None:
        """The unit holding `pos`, if any."""
        for u in self.units:
            if u.start <= pos < u.end:
                return u
        return None

    @cached_property
    def _sentence_spans(self) -> dict[int, tuple[int, int]]:
        spans: dict[int, tuple[int, int]] = {}
        for u in self.units:
            start = spans[u.sentence][0] if u.sentence in spans else u.start
            spans[u.sentence] = (start, u.end)
        return spans

    def sentence_span(self, unit: Unit) -> tuple[int, int]:
        """The span of the whole sentence of `unit` (its units cut at ； joined)."""
        return self._sentence_spans[unit.sentence]

    def skip_closers(self, pos: int, limit: int) -> int:
        """`pos` moved past closing quotes and a parenthesis right after a name (（以下、長光衛星）)."""
        text, closers = self.text, self.lex.lists["closers"]
        while pos < limit:
            w = closers.at(text, pos)
            if w is not None:
                pos += len(w)
                continue
            if text[pos] in "（(":
                close = text.find("）" if text[pos] == "（" else ")", pos, limit)
                if close != -1 and close - pos <= 30:
                    pos = close + 1
                    continue
            break
        return pos

    def skip_openers_back(self, pos: int, limit: int) -> int:
        """`pos` moved back over opening quotes before a name (「吉林一号」)."""
        openers = self.lex.lists["openers"]
        while pos > limit:
            w = openers.ending_at(self.text, pos)
            if w is None:
                break
            pos -= len(w)
        return pos


def sorted_unique(items: Sequence[Entity]) -> list[Entity]:
    """Entities in text order without repeats of the same span."""
    seen: set[tuple[int, int]] = set()
    out = []
    for e in sorted(items, key=lambda e: e.start):
        if (e.start, e.end) not in seen:
            seen.add((e.start, e.end))
            out.append(e)
    return out
