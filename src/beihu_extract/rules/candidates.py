"""Subject candidates (names and bare back-references) with the role their context gives them, and the subject chain."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from beihu_extract.rules.document import DocIndex, Unit
from beihu_extract.rules.lexicon import Backref
from beihu_extract.schema import Entity, EntityType

__all__ = ["Candidate", "SubjectChain", "unit_candidates", "unit_topic"]

# Dependency labels of a relative clause head (GiNZA): a name governed by one is not the clause's subject.
_RELATIVE_DEPS = frozenset({"acl"})


@dataclass(frozen=True)
class Candidate:
    """A possible subject: a named entity, or a bare back-reference word to resolve.

    Attributes:
        start, end: the span in the text.
        entity: the named mention, or None for a back-reference.
        backref: the back-reference entry, or None for a name.
        role: the particle or word right after it, past closing quotes (は, の, 的, など …), or "".
        before: the preposition right before it (zh 在, 与 …), looked for across a list of names, or "".
        relative: it sits in a relative clause (ja parse: 長光衛星が開発した「吉林一号」).
        alias: it is a parenthesised alias of the name before it (長光衛星技術股份有限公司（以下、長光衛星）).
        coordinated_with: index (in its unit's list) of the previous name it is listed with (A、B / A及びB).
        example: it belongs to a list of examples (微软（中国）、思必驰等400余家企业: both are).
    """

    start: int
    end: int
    entity: Entity | None
    backref: Backref | None
    role: str
    before: str
    relative: bool = False
    alias: bool = False
    coordinated_with: int | None = None
    example: bool = False

    @property
    def type(self) -> EntityType | None:
        """The entity type (None for a back-reference)."""
        return self.entity.type if self.entity is not None else None


def _role_after(idx: DocIndex, end: int, limit: int) -> str:
    """The particle right after a mention, past closing quotes and a parenthesised alias."""
    pos = idx.skip_closers(end, limit)
    best = idx.lex.role_words.at(idx.text, pos) or ""
    if pos + len(best) > limit:
        best = ""
    if not best and idx.text[pos : pos + 1] in ("、", "，", ",", "：", ":") and pos < limit:
        best = idx.text[pos]
    return best


def _preposition_before(idx: DocIndex, start: int, floor: int, names: list[tuple[int, int]]) -> str:
    """The preposition governing a mention, walking back over a list of names (在A、B和C → 在 for C)."""
    lex = idx.lex
    pos = idx.skip_openers_back(start, floor)
    ends = {e: s for s, e in names}
    for _ in range(8):
        w = lex.lists["excluding_before"].ending_at(idx.text, pos)
        if w is not None and pos - len(w) >= floor:
            return w
        joiner = lex.lists["list_joiners"].ending_at(idx.text, pos)
        if joiner is None or pos - len(joiner) < floor:
            return ""
        prev_end = idx.skip_openers_back(pos - len(joiner), floor)
        prev_end = _skip_closers_back(idx, prev_end, floor)
        if prev_end not in ends:
            return ""
        pos = idx.skip_openers_back(ends[prev_end], floor)
    return ""


def _skip_closers_back(idx: DocIndex, pos: int, floor: int) -> int:
    closers = idx.lex.lists["closers"]
    while pos > floor:
        w = closers.ending_at(idx.text, pos)
        if w is None:
            break
        pos -= len(w)
    return pos


def _in_relative_clause(idx: DocIndex, end: int) -> bool:
    """Whether the name ending at `end` depends on a relative-clause verb after it (ja parse only)."""
    if not idx.has_parse:
        return False
    i = idx.token_ending_at(end)
    if i is None:
        return False
    tok = idx.tokens[i]
    for _ in range(3):
        head = idx.tokens[tok.head]
        if tok.head == i or head.sent != tok.sent:
            return False
        if head.pos in ("VERB", "ADJ", "AUX") or head.dep in _RELATIVE_DEPS:
            return head.dep in _RELATIVE_DEPS and tok.head > i and _modifies_next(idx, tok.head)
        if head.pos not in ("NOUN", "PROPN", "NUM"):
            return False
        i, tok = tok.head, head
    return False


def _modifies_next(idx: DocIndex, head: int) -> bool:
    """A relative clause runs straight into the noun it modifies; a verb followed by a comma
    continues the sentence instead (…首位を保ち、昨年の… is not a relative clause whatever its label)."""
    j = head + 1
    tokens, openers = idx.tokens, idx.lex.lists["openers"]
    while j < len(tokens) and tokens[j].head == head and tokens[j].dep in ("aux", "mark", "fixed", "cop"):
        j += 1
    while j < len(tokens) and tokens[j].pos == "PUNCT" and openers.at(tokens[j].text, 0) == tokens[j].text:
        j += 1  # が開発した「吉林一号」: an opening quote still leads into the modified name
    return j < len(tokens) and tokens[j].pos != "PUNCT"


def _is_head_position(idx: DocIndex, unit: Unit, start: int, end: int) -> bool:
    """A head-only back-reference counts at a segment head (after times and adverbs) or before a genitive."""
    lex = idx.lex
    if lex.lists["genitive"].at(idx.text, end) or idx.text[end : end + 1] in ("内",):
        return True
    seg_start, _ = unit.segment_of(start)
    pos = seg_start
    while pos < start:
        if idx.text[pos].isspace():
            pos += 1
            continue
        t = next((t for t in idx.timexes_in(pos, pos + 1)), None)
        if t is not None:
            pos = t.end
            continue
        w = lex.lists["adverbs"].at(idx.text, pos)
        if w is not None:
            pos += len(w)
            continue
        return False
    return True


def unit_candidates(idx: DocIndex, unit: Unit) -> list[Candidate]:
    """Every subject candidate of `unit`, in text order (cached on the index)."""
    cache = idx.cache.setdefault("candidates", {})
    if unit.index in cache:
        return cache[unit.index]  # type: ignore[return-value]
    spans: list[tuple[int, int, Entity | None, Backref | None]] = [
        (e.start, e.end, e, None) for e in idx.entities_in(unit.start, unit.end)
    ]
    lex = idx.lex
    for s, e, w in idx.find_backrefs(unit.start, unit.end):
        entry = lex.backref(w)
        if entry.head_only and not _is_head_position(idx, unit, s, e):
            continue
        spans.append((s, e, None, entry))
    spans.sort(key=lambda x: x[0])
    names = [(s, e) for s, e, _, _ in spans]
    out: list[Candidate] = []
    for i, (s, e, ent, ref) in enumerate(spans):
        alias = False
        if i > 0 and ent is not None:
            prev_end = names[i - 1][1]
            gap = idx.text[prev_end:s]
            alias = gap.startswith(("（", "(")) and len(gap) <= 12 and ")" not in gap and "）" not in gap
        coordinated = None
        if i > 0:
            prev_end = idx.skip_closers(names[i - 1][1], s)
            gap = idx.text[prev_end : idx.skip_openers_back(s, prev_end)]
            if gap and lex.lists["list_joiners"].at(gap, 0) == gap:
                coordinated = len(out) - 1
        out.append(
            Candidate(
                start=s,
                end=e,
                entity=ent,
                backref=ref,
                role=_role_after(idx, e, unit.end),
                before=_preposition_before(idx, s, unit.start, names[:i]),
                relative=_in_relative_clause(idx, e),
                alias=alias,
                coordinated_with=coordinated,
            )
        )
    examples = lex.lists["examples"]
    for i in range(len(out) - 1, -1, -1):
        if out[i].role and examples.at(out[i].role, 0) == out[i].role:
            k: int | None = i
            while k is not None:
                out[k] = replace(out[k], example=True)
                # 微软（中国）、思必驰等: the list runs on past a parenthesised part of the name before
                k = out[k].coordinated_with if out[k].coordinated_with is not None or not out[k].alias else k - 1
    cache[unit.index] = out
    return out


def _matches(entity: Entity, ref: Backref) -> bool:
    if entity.type not in ref.types:
        return False
    if not ref.suffixes:
        return True
    return any(entity.text.endswith(s) or entity.key.endswith(s) for s in ref.suffixes)


@dataclass
class SubjectChain:
    """The subjects named so far: per paragraph (for inheritance) and for the whole document (for back-references).

    "A bare back-reference or a missing subject takes the nearest earlier named subject of the
    paragraph, else the article's main ZONE" (SPEC 2.5, 5.5).
    """

    idx: DocIndex
    paragraph: int = -1
    in_paragraph: list[Entity] = field(default_factory=list)
    in_document: list[Entity] = field(default_factory=list)

    def enter(self, unit: Unit) -> None:
        """Move to `unit`; a new paragraph starts with no inherited subject."""
        if unit.paragraph != self.paragraph:
            self.paragraph = unit.paragraph
            self.in_paragraph = []

    def note(self, entity: Entity) -> None:
        """Record `entity` as the latest subject."""
        self.in_paragraph.append(entity)
        self.in_document.append(entity)

    def current(self, types: frozenset[EntityType]) -> Entity | None:
        """The latest subject of the paragraph of one of `types`."""
        return next((e for e in reversed(self.in_paragraph) if e.type in types), None)

    def resolve(self, ref: Backref, pos: int, unit: Unit) -> Entity | None:
        """The named mention a back-reference at `pos` points to.

        Looked for, in order: the latest matching subject of the paragraph, the nearest matching
        name earlier in the paragraph, the latest matching subject of the document, the nearest
        matching name earlier in the document, and the main ZONE.
        """
        idx = self.idx
        hit = next((e for e in reversed(self.in_paragraph) if _matches(e, ref)), None)
        if hit is not None:
            return hit
        para_start = idx.paragraph_start(unit.paragraph)
        # walk back from `pos` (a long article has many names: never list them all)
        j = idx.entity_index_before(pos)
        while j >= 0 and idx.entities[j].start >= para_start:
            e = idx.entities[j]
            if _matches(e, ref) and e.id not in idx.parenthesised:
                return e
            j -= 1
        hit = next((e for e in reversed(self.in_document) if _matches(e, ref)), None)
        if hit is not None:
            return hit
        while j >= 0:
            e = idx.entities[j]
            if _matches(e, ref) and e.id not in idx.parenthesised:
                return e
            j -= 1
        zone = idx.main_zone
        if zone is not None and _matches(zone, ref):
            return zone
        if zone is not None and EntityType.ZONE in ref.types and not ref.suffixes:
            return zone
        return None


_NOT_TOPICS = frozenset({EntityType.INDUSTRY, EntityType.PERSON})


def unit_topic(idx: DocIndex, unit: Unit, chain: SubjectChain) -> Entity | None:
    """Who a clause is about: its first topic (長光衛星は…), else the owner of its first topic phrase
    (長光衛星の売上高は…); in a language without topic particles, its first free name (zh).
    """
    lex = idx.lex
    topic, genitive, breaks = lex.lists["topic"], lex.lists["genitive"], lex.lists["np_breaks"]
    cands = [
        c
        for c in unit_candidates(idx, unit)
        if not (c.alias or c.relative or c.before or c.example) and c.type not in _NOT_TOPICS
    ]

    def resolved(c: Candidate) -> Entity | None:
        """The candidate's named mention if it may be a topic."""
        ent = c.entity if c.entity is not None else chain.resolve(c.backref, c.start, unit)  # type: ignore[arg-type]
        return ent if ent is not None and ent.type not in _NOT_TOPICS else None

    if not topic:
        return next((e for c in cands if (e := resolved(c)) is not None), None)
    for c in cands:
        if c.role and topic.at(c.role, 0) == c.role:
            return resolved(c)
    for c in cands:
        if not (c.role and genitive.at(c.role, 0) == c.role):
            continue
        pos = idx.skip_closers(c.end, unit.end) + len(c.role)
        while pos < unit.end and not topic.at(idx.text, pos):
            if breaks.at(idx.text, pos) or idx.name_mask[pos]:
                break
            pos += 1
        if pos < unit.end and topic.at(idx.text, pos):
            return resolved(c)
    return None
