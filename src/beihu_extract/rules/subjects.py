"""Subject sources: the named ways a rule finds who a fact is about, tried in the order the rule lists them."""

from __future__ import annotations

import re
from collections.abc import Callable

from beihu_extract.rules.candidates import Candidate, unit_candidates
from beihu_extract.rules.match import Match
from beihu_extract.rules.phrases import SECTOR_TYPES, np_clean, phrase_before, written_before
from beihu_extract.rules.spec import SlotSpec
from beihu_extract.rules.text import QUOTES
from beihu_extract.schema import Entity, EntityType

__all__ = ["DEFAULT_TYPES", "SUBJECT_SOURCES", "candidates_before", "entity_types", "resolve", "subjects", "usable"]

# Entity types that may own a figure or reach a milestone unless a rule narrows them.
DEFAULT_TYPES = frozenset(
    {
        EntityType.ZONE,
        EntityType.ORG,
        EntityType.LOC,
        EntityType.FAC,
        EntityType.PRODUCT,
        EntityType.PROJECT,
        EntityType.EVENT,
    }
)

SubjectSource = Callable[[Match, SlotSpec], list[Entity]]
# Every subject source by the name rule files use for it.
SUBJECT_SOURCES: dict[str, SubjectSource] = {}
# Verb endings between a status verb and the name it modifies (開通|した|地下鉄19号線).
_HIRAGANA = re.compile(r"[\u3041-\u309f]")


def _subject_source(fn: SubjectSource) -> SubjectSource:
    SUBJECT_SOURCES[fn.__name__] = fn
    return fn


def entity_types(spec: SlotSpec) -> frozenset[EntityType]:
    """The entity types a slot accepts (the spec's, else every type that can own a figure)."""
    return frozenset(spec.types) if spec.types else DEFAULT_TYPES


def resolve(m: Match, c: Candidate) -> Entity | None:
    """The named mention a candidate stands for (itself, or what its back-reference points to)."""
    if c.entity is not None:
        return c.entity
    assert c.backref is not None
    return m.chain.resolve(c.backref, c.start, m.unit)


def usable(m: Match, c: Candidate, spec: SlotSpec, *, examples: bool = False, relative: bool = False) -> bool:
    """Whether a candidate may be a subject: not an alias, not governed by an excluding word, of an allowed type."""
    if c.alias or (c.relative and not relative):
        return False
    if c.before:
        return False
    if m.is_word("excluding_after", c.role):
        return False
    if (c.example or m.is_word("examples", c.role)) and not examples:
        return False
    ent = resolve(m, c)
    return ent is not None and ent.type in entity_types(spec)


def candidates_before(m: Match, lo: int | None = None) -> list[Candidate]:
    """The candidates of the anchor's unit that end before the anchor (and start at or after `lo`)."""
    lo = m.unit.start if lo is None else lo
    return [c for c in unit_candidates(m.idx, m.unit) if lo <= c.start and c.end <= m.start]


def _owner_of_product(m: Match, c: Candidate, spec: SlotSpec) -> Candidate:
    """A product stands for the company named as its owner (长飞…的光纤预制棒产销量 → 长飞).

    ``"product_owner": "adjacent"`` takes a company right before it with a genitive (X的Y);
    ``"phrase"`` one anywhere in the product's noun phrase (鋭科激光の産業用ファイバーレーザー),
    else the company that is the clause's topic. After a possessive pronoun (其) the owner is the
    company named last before it in the clause. Back-references (同社の…) are not owners here.
    """
    mode = spec.args.get("product_owner")
    if not mode or c.type is not EntityType.PRODUCT:
        return c
    cands = unit_candidates(m.idx, m.unit)
    i = cands.index(c)
    if m.lex.lists["possessive"].ending_at(m.text, c.start) is not None:
        # 京东方…，其柔性AMOLED显示屏出货量: 其 points back to the company the clause is about
        owner = next((p for p in reversed(cands[:i]) if p.entity is not None and p.type is EntityType.ORG), None)
        if owner is not None:
            return owner
    for prev in reversed(cands[:i]):
        if prev.entity is None or prev.type is not EntityType.ORG or not m.is_word("genitive", prev.role):
            continue
        start = m.idx.skip_closers(prev.end, c.start) + len(prev.role)
        gap = m.text[start : c.start].strip(QUOTES + " ")
        if gap == "" or (mode == "phrase" and np_clean(m, start, c.start)):
            return prev
        break
    if mode == "phrase":
        for prev in reversed(cands[:i]):
            named_org = prev.entity is not None and prev.type is EntityType.ORG
            if named_org and m.is_word("topic", prev.role) and not prev.relative:
                return prev
    return c


def _with_coordinated(m: Match, c: Candidate, spec: SlotSpec) -> list[Entity]:
    """The candidate and the names listed with it (奥来徳、永固科技 / A及びB), in text order."""
    first = resolve(m, c)
    if first is None:
        return []
    if not spec.multi:
        return [first]
    cands = unit_candidates(m.idx, m.unit)
    i = cands.index(c)
    lo = i
    while cands[lo].coordinated_with is not None:
        lo -= 1
    hi = i
    while hi + 1 < len(cands) and cands[hi + 1].coordinated_with == hi:
        hi += 1
    out = []
    for k in range(lo, hi + 1):
        ent = resolve(m, cands[k])
        if ent is not None and ent.type in entity_types(spec) and not cands[k].alias and ent not in out:
            out.append(ent)
    return out or [first]


def _pick(m: Match, cands: list[Candidate], spec: SlotSpec) -> list[Entity]:
    for c in cands:
        c = _owner_of_product(m, c, spec)
        ent = resolve(m, c)
        if ent is not None and ent.type in entity_types(spec):
            return _with_coordinated(m, c, spec)
    return []


@_subject_source
def modified_entity(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name the figure describes: 全長2000キロメートル余りの量子保密通信幹線「京滬幹線」."""
    _, seg_end = m.segment
    pos = m.idx.skip_closers(m.end, seg_end)
    gen = m.lex.lists["genitive"].at(m.text, pos)
    if gen is None:
        return []
    pos += len(gen)
    for c in unit_candidates(m.idx, m.unit):
        if c.entity is None or c.start < pos or c.start >= seg_end:
            continue
        described = m.text[pos : c.start].strip(QUOTES + " ")
        if not described and m.quantity is not None and phrase_before(m, m.quantity.start):
            # 总投资50亿元的长飞科技园项目 / 総投資額50億元の…プロジェクト: what the figure measures is written
            # before it, so the name after it owns the figure
            return [c.entity] if c.entity.type in entity_types(spec) else []
        if not described or c.start - pos > 30 or not np_clean(m, pos, c.start):
            # 72個の量子ビット: a name right after the figure is what is counted, not what is described
            return []
        return [c.entity] if c.entity.type in entity_types(spec) else []
    return []


@_subject_source
def genitive_owner(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name the measured phrase belongs to: 長春市の科学技術成果の地元転化は3500件 → 長春市."""
    seg_start, _ = m.segment
    for c in reversed(candidates_before(m, seg_start)):
        if not m.is_word("genitive", c.role) or not usable(m, c, _any_type(spec), relative=True):
            continue
        if not np_clean(m, c.end, m.start):
            continue
        picked = _pick(m, [c], spec)
        if picked:
            return picked
    return []


def _any_type(spec: SlotSpec) -> SlotSpec:
    return spec.model_copy(update={"types": list(DEFAULT_TYPES)})


@_subject_source
def topic(m: Match, spec: SlotSpec) -> list[Entity]:
    """The nearest topic or subject before the anchor (は / が / も), outside relative clauses."""
    seg_start, _ = m.segment
    cands = [
        c
        for c in candidates_before(m)
        if (m.is_word("topic", c.role) or (c.start >= seg_start and m.is_word("locative", c.role)))
        and usable(m, c, _any_type(spec))
    ]
    return _pick(m, list(reversed(cands)), spec)


@_subject_source
def topic_owner(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name owning the topic phrase before the anchor: 中国の新エネルギー車生産台数は昨年、1000万台 → 中国;
    none when a name of its own is the nearer topic (Xの企業は…、Y社は売上高が: Y社, found by ``topic``)."""
    lists = m.lex.lists
    topic_words = lists["topic"]
    if not topic_words:
        return []
    for c in reversed(candidates_before(m)):
        if m.is_word("topic", c.role) or m.is_word("locative", c.role):
            return []
        if not m.is_word("genitive", c.role) or not usable(m, c, _any_type(spec), relative=True):
            continue
        pos = m.idx.skip_closers(c.end, m.start) + len(c.role)
        while pos < m.start and not topic_words.at(m.text, pos):
            if lists["np_breaks"].at(m.text, pos) or m.idx.name_mask[pos] or m.idx.mention_mask[pos]:
                break
            pos += 1
        if pos < m.start and pos > c.end + len(c.role) and topic_words.at(m.text, pos):
            return _pick(m, [c], spec)
    return []


@_subject_source
def place_owner(m: Match, spec: SlotSpec) -> list[Entity]:
    """A place marked as where the counted things are, before them in the segment: 武漢市に80余りの大学が集まり."""
    seg_start, _ = m.segment
    cands = [
        c
        for c in candidates_before(m, seg_start)
        if m.is_word("place", c.role) and c.type in (EntityType.ZONE, EntityType.LOC) and usable(m, c, spec)
    ]
    return _pick(m, list(reversed(cands)), spec)


@_subject_source
def locative_topic(m: Match, spec: SlotSpec) -> list[Entity]:
    """The nearest place-topic before the anchor (長春新区には / 光谷では)."""
    cands = [c for c in candidates_before(m) if m.is_word("locative", c.role) and usable(m, c, spec, relative=False)]
    return _pick(m, list(reversed(cands)), spec)


@_subject_source
def title_topic(m: Match, spec: SlotSpec) -> list[Entity]:
    """In the title, the nearest name before the anchor, whatever follows it (武漢・光谷、光通信で世界首位),
    else the nearest owner (合肥の新エネ車生産、137万台を突破)."""
    if not m.unit.is_title:
        return []
    cands = [c for c in candidates_before(m) if usable(m, c, spec)]
    free = [c for c in cands if not m.is_word("genitive", c.role)]
    # 合肥の新エネ車生産、137万台を突破: with no free name, the owner of the headline's phrase
    return _pick(m, list(reversed(free or cands)), spec)


@_subject_source
def after_locative(m: Match, spec: SlotSpec) -> list[Entity]:
    """A place named after the figure that it gathers in: 31个重大项目签约落户光谷 / 投資案件が同区でまとまった."""
    _, seg_end = m.segment
    for c in unit_candidates(m.idx, m.unit):
        if c.start < m.end or c.start >= seg_end:
            continue
        placed = m.is_word("place", c.role) or m.is_word("locative", c.role) or m.is_word("place_before", c.before)
        if placed and not c.alias:
            ent = resolve(m, c)
            if ent is not None and ent.type in entity_types(spec):
                return [ent]
    return []


@_subject_source
def nearest(m: Match, spec: SlotSpec) -> list[Entity]:
    """The nearest usable name or back-reference before the anchor in its clause (zh clause subject)."""
    inside = _counted_span(m)
    cands = [
        c
        for c in candidates_before(m)
        if usable(m, c, spec, examples=spec.multi)
        and not (inside[0] <= c.start and c.end <= inside[1] and c.type in SECTOR_TYPES)
        and not (spec.args.get("head") and _owns_a_phrase(m, c))
    ]
    return _pick(m, list(reversed(cands)), spec)


def _owns_a_phrase(m: Match, c: Candidate) -> bool:
    """A genitive stands between the name and the anchor outside names: the name owns or made the thing
    the clause is about (长江存储的…二期项目前年开工 / 研究所牵头建设的…实验站竣工), so it is not its subject."""
    return bool(m.idx.find_words("genitive", c.end, m.start))


def _counted_span(m: Match) -> tuple[int, int]:
    """Where the anchor's counted phrase is written right before it, if it is (量子密钥分发设备年产能可达5000台);
    a product or sector named inside it is what is measured, not who owns the figure, while a place or
    company that opens it still owns the figure (长春市科技成果本地转化3500项)."""
    q = m.quantity
    if q is None or not q.counted:
        return (m.start, m.start)
    return written_before(m, q, q.counted) or (m.start, m.start)


@_subject_source
def sentence_topic(m: Match, spec: SlotSpec) -> list[Entity]:
    """The first usable name or back-reference of the clause before the anchor (its sentence subject)."""
    cands = [c for c in candidates_before(m) if usable(m, c, spec) and not m.is_word("genitive", c.role)]
    return _pick(m, cands, spec)


@_subject_source
def object_after(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name right after a transitive trigger: 开通了…中欧班列 / 建成中韩城市馆."""
    _, seg_end = m.segment
    cands = [c for c in unit_candidates(m.idx, m.unit) if m.end <= c.start < seg_end]
    cands = [c for c in cands if usable(m, c, spec)]
    return _pick(m, cands[:1], spec)


@_subject_source
def object_before(m: Match, spec: SlotSpec) -> list[Entity]:
    """The nearest object before a transitive trigger: 中欧班列を開通させた."""
    cands = [c for c in candidates_before(m) if m.is_word("object", c.role) and usable(m, c, spec)]
    return _pick(m, list(reversed(cands))[:1], spec)


def _right_before(m: Match, spec: SlotSpec, lexicon: str) -> list[Entity]:
    """The name written right before the trigger with a particle of `lexicon` between them."""
    cands = [
        c
        for c in candidates_before(m)
        if m.is_word(lexicon, c.role)
        and c.entity is not None
        and m.idx.skip_closers(c.end, m.start) + len(c.role) == m.start
        and usable(m, c, spec)
    ]
    return _pick(m, cands[-1:], spec)


@_subject_source
def genitive_before(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name right before the trigger with a genitive: 「NeuMiva」の量産を開始した."""
    return _right_before(m, spec, "genitive")


@_subject_source
def target_before(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name the trigger works on, written right before it with a particle of the `target` list: 「…プロジェクト」に
    着工した (a place written with で is where, not what: 北湖未来科学都市で竣工した)."""
    return _right_before(m, spec, "target")


@_subject_source
def modified_by_trigger(m: Match, spec: SlotSpec) -> list[Entity]:
    """The name a trigger modifies as a relative clause: 2023年12月に開通した地下鉄19号線."""
    _, seg_end = m.segment
    pos = m.end
    while pos < seg_end and pos - m.end < 6 and _HIRAGANA.match(m.text[pos]):
        pos += 1
    pos = m.idx.skip_closers(pos, seg_end)
    while pos < seg_end and m.lex.lists["openers"].at(m.text, pos):
        pos += 1
    for c in unit_candidates(m.idx, m.unit):
        if c.start == pos and c.entity is not None and c.entity.type in entity_types(spec):
            return [c.entity]
    return []


@_subject_source
def examples(m: Match, spec: SlotSpec) -> list[Entity]:
    """Names given as examples of what the trigger is about: 奥来徳、永固科技などの産業プロジェクトが着工."""
    cands = [c for c in candidates_before(m) if m.is_word("examples", c.role) and usable(m, c, spec, examples=True)]
    return _pick(m, list(reversed(cands))[:1], spec)


def _unresolved_backref(m: Match) -> bool:
    """The clause names its own subject with a back-reference nothing earlier resolves (昨年の同大会には…
    in an article that never named the meeting): no other subject may be inherited for it."""
    roles = ("topic", "locative", "genitive")
    for c in candidates_before(m):
        if c.backref is None or c.before or c.alias:
            continue
        if any(m.is_word(r, c.role) for r in roles) and resolve(m, c) is None:
            return True
    return False


@_subject_source
def chain(m: Match, spec: SlotSpec) -> list[Entity]:
    """The latest subject of the paragraph (inheritance)."""
    if _unresolved_backref(m):
        return []
    ent = m.chain.current(entity_types(spec))
    return [ent] if ent is not None else []


@_subject_source
def main_zone(m: Match, spec: SlotSpec) -> list[Entity]:
    """The article's main ZONE."""
    if _unresolved_backref(m):
        return []
    zone = m.idx.main_zone
    return [zone] if zone is not None and zone.type in entity_types(spec) else []


def subjects(m: Match, spec: SlotSpec) -> list[Entity]:
    """The subject(s) of a fact: the first source of the spec that finds one (several when ``multi``)."""
    for name in spec.source:
        found = SUBJECT_SOURCES[name](m, spec)
        if found:
            return found if spec.multi else found[:1]
    return []
