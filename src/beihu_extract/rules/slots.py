"""Slot sources: how a rule fills a fact's measure, figures, time, place, status, scope, criterion and market."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from beihu_extract.rules.candidates import unit_candidates
from beihu_extract.rules.match import Match, growth_word
from beihu_extract.rules.phrases import (
    HAS_CONTENT,
    boundary_before,
    is_base_time,
    measure_of,
    phrase_after,
    strip_phrase,
    strip_scope,
)
from beihu_extract.rules.spec import SlotSpec
from beihu_extract.rules.subjects import candidates_before, entity_types, resolve
from beihu_extract.schema import Entity, EntityType, Quantity, Timex

__all__ = ["SOURCES", "fill_slot"]

Source = Callable[[Match, SlotSpec], Any]
# Every slot source by the name rule files use for it.
SOURCES: dict[str, Source] = {}


def _source(fn: Source) -> Source:
    SOURCES[fn.__name__] = fn
    return fn


def _without_subject(m: Match, measure: str | None) -> str | None:
    """A measure without the subject's own name before it (信迪利单抗销售额 → 销售额 for 信迪利单抗)."""
    if measure is None or m.subject is None or not measure.startswith(m.subject.text):
        return measure
    rest = measure[len(m.subject.text) :]
    gen = m.lex.lists["genitive"].at(rest, 0)
    rest = rest[len(gen) :] if gen is not None else rest
    return rest if HAS_CONTENT.search(rest) else measure


@_source
def measure(m: Match, spec: SlotSpec) -> str | None:
    """The measure of the anchor quantity."""
    return _without_subject(m, measure_of(m, m.quantity)) if m.quantity is not None else None


@_source
def partner_measure(m: Match, spec: SlotSpec) -> str | None:
    """The measure of the partner quantity (the running total of a 新增X，累计Y pair)."""
    return _without_subject(m, measure_of(m, m.partner)) if m.partner is not None else None


@_source
def anchor(m: Match, spec: SlotSpec) -> Quantity | None:
    """The anchor quantity itself."""
    return m.quantity


@_source
def partner(m: Match, spec: SlotSpec) -> Quantity | None:
    """The partner quantity."""
    return m.partner


@_source
def growth_direction(m: Match, spec: SlotSpec) -> str | None:
    """Up or down, from the growth word next to the change figure (the partner, else the anchor)."""
    for q in (m.partner, m.quantity):
        if q is not None:
            found = growth_word(m.idx, q, m.unit.segment_of(q.start))
            if found is not None:
                return found[1]
    return None


@_source
def time(m: Match, spec: SlotSpec) -> Timex | None:
    """The time of the anchor: the nearest time before it in the sentence, else one after it in its segment.

    Comparison bases are skipped; with ``{"args": {"skip_triggered": true}}`` so is a time that a
    status word after it already claims (今年5月に稼働を始め、年産5000台… → no time for the capacity).
    """
    lo, _ = m.idx.sentence_span(m.unit)
    before = [t for t in m.idx.timexes_in(lo, m.start) if t.end <= m.start and not is_base_time(m, t)]
    if spec.args.get("skip_triggered"):
        done = [p.start for p in m.produced if p.fact == "milestone" and p.start < m.start]
        before = [t for t in before if not any(t.end <= s for s in done)]
    if before:
        return before[-1]
    _, seg_end = m.segment
    after = [t for t in m.idx.timexes_in(m.end, seg_end) if not is_base_time(m, t)]
    return after[0] if after else None


@_source
def partner_time(m: Match, spec: SlotSpec) -> Timex | None:
    """The time written in the partner's segment before it (…，去年新增412家 → 去年)."""
    if m.partner is None:
        return None
    seg_start, _ = m.unit.segment_of(m.partner.start)
    found = [t for t in m.idx.timexes_in(seg_start, m.partner.start) if not is_base_time(m, t)]
    return found[-1] if found else None


@_source
def place(m: Match, spec: SlotSpec) -> Entity | None:
    """Where a milestone happens: a place marked as one (で/に, 在/落户) near the trigger, else the place
    named as the subject's owner (中韓示範区の金属リチウム… / 长春新区的200P智能计算中心)."""
    subject = m.subject
    types = entity_types(spec)
    cands = unit_candidates(m.idx, m.unit)
    best: Entity | None = None
    for c in cands:
        if c.alias:
            continue
        marked = m.is_word("place", c.role) or m.is_word("locative", c.role) or m.is_word("place_before", c.before)
        if not marked:
            continue
        if c.start > m.end + 12:
            continue
        ent = resolve(m, c)
        if ent is None or ent.type not in types or (subject is not None and ent.key == subject.key):
            continue
        if c.start < m.end:
            best = ent
        elif best is None:
            best = ent
            break
    if best is not None:
        return best
    # 中韓示範区のA及びB: a place owning the first of coordinated names owns them all
    first = m.subjects[0] if m.subjects else None
    for owned in (subject, first):
        if owned is None:
            continue
        for i, c in enumerate(cands):
            if c.entity is owned and i > 0:
                prev = cands[i - 1]
                ent = resolve(m, prev)
                gap = m.text[prev.end : c.start]
                if ent is not None and ent.type in types and m.is_word("genitive", prev.role) and len(gap) <= 3:
                    return ent
    return None


@_source
def status(m: Match, spec: SlotSpec) -> str | None:
    """The trigger's status; a plan word before it in its segment makes any status ``planned`` (预计2026年竣工)."""
    if m.trigger is None:
        return None
    value = m.lex.maps["status"][m.trigger]
    seg_start, _ = m.segment
    if m.idx.find_words("plan", seg_start, m.start):
        return "planned"
    return value


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _frame_start(m: Match) -> int:
    """Where frames of the anchor may start: the unit, after any ranking made before it (a frame serves one rank)."""
    ranks = [p.quantity.end for p in m.produced if p.fact == "ranking" and p.quantity is not None]
    return max([m.unit.start, *(r for r in ranks if r <= m.start)])


def _frame(m: Match, patterns: list[str]) -> re.Match[str] | None:
    """The last frame (在X中 / Xの中で) before the anchor in its unit; offsets count from `_frame_start`."""
    text = m.text[_frame_start(m) : m.start]
    best = None
    for p in patterns:
        for hit in _regex(p).finditer(text):
            if best is None or hit.start() > best.start():
                best = hit
    return best


def _frame_inner(m: Match, hit: re.Match[str]) -> str:
    """The content of a frame without a leading time and its particle (在2024年全国高新区评价中 → 全国高新区评价)."""
    start = _frame_start(m) + hit.start("x")
    end = _frame_start(m) + hit.end("x")
    for t in m.idx.timexes_in(start, end):
        if t.start == start and t.end < end:
            start = t.end
            gen = m.lex.lists["genitive"].at(m.text, start)
            start += len(gen) if gen is not None and start + len(gen) < end else 0
    return m.text[start:end]


def _split_frame(m: Match, inner: str) -> tuple[str, str | None]:
    """Scope and criterion of a frame's content: 全国生物医药园区综合竞争力排名 → (全国生物医药园区, 综合竞争力)."""
    cut = m.lex.lists["frame_cut"]
    for i in range(len(inner) - 1, -1, -1):
        w = cut.ending_at(inner, i + 1)
        if w is not None:
            inner = inner[i + 1 :]
            break
    crit = m.lex.lists["criteria"]
    for i in range(len(inner)):
        w = crit.at(inner, i)
        if w is not None and i > 0:
            tail = inner[i:]
            for suffix in m.lex.lists["frame_tail"].words:
                tail = tail.removesuffix(suffix)
            return inner[:i], tail or None
    for suffix in m.lex.lists["frame_tail"].words:
        inner = inner.removesuffix(suffix)
    return inner, None


@_source
def rank_scope(m: Match, spec: SlotSpec) -> str | None:
    """The set ranked in: the scope word of the rank itself (全国第一), else a frame (在X中 / Xの中で),
    else the words between a rank verb and the rank (位列国内量子计算企业首位), else a scope-like Xで."""
    scope_words = m.lex.lists["scope"]
    w = scope_words.at(m.text, m.start)
    if w is not None:
        # 国家級ハイテク区の総合評価で全国第4位: the set named with the criterion is narrower than 全国
        named = _named_split(m, spec.args.get("frames", []))
        return named[0] if named is not None else w
    hit = _frame(m, spec.args.get("frames", []))
    if hit is not None:
        return _split_frame(m, _frame_inner(m, hit))[0] or None
    seg_start, _ = m.segment
    verbs = m.idx.find_words("rank_verbs", seg_start, m.start)
    if verbs and verbs[-1][1] < m.start:
        between = strip_phrase(m, verbs[-1][1], m.start)
        if between:
            return between
    for c in reversed(candidates_before(m, seg_start)):
        # 東北地区で首位: a place marked as where the rank holds
        placed = m.is_word("place", c.role) or m.is_word("locative", c.role)
        if placed and c.type is EntityType.LOC:
            return c.entity.text if c.entity is not None else None
    for part in reversed(_criterion_parts(m, spec.args.get("frames", []))):
        if _scope_like(m, part) or _split_part(m, part)[1]:
            return _split_part(m, part)[0]
    return None


def _named_split(m: Match, frames: list[str]) -> tuple[str, str] | None:
    """The last phrase before the rank that names both a set and a criterion (国家級ハイテク区の総合評価), if any."""
    if _frame(m, frames) is not None:
        return None
    for part in reversed(_criterion_parts(m, frames)):
        scope, crit = _split_part(m, part)
        if crit:
            return scope, crit
    return None


def _split_part(m: Match, part: str) -> tuple[str, str | None]:
    """A scope phrase that also names the criterion, cut at its first criterion word:
    全国の国家級ハイテク区の総合評価ランキング → (全国の国家級ハイテク区, 総合評価)."""
    crit = m.lex.lists["criteria"]
    for i in range(1, len(part)):
        if crit.at(part, i) is not None:
            scope = part[:i]
            gen = m.lex.lists["genitive"].ending_at(scope, len(scope))
            if gen is None and not _scope_like(m, scope):
                continue  # 産業総合力 is one criterion, not a set and a criterion
            scope = scope[: len(scope) - len(gen)] if gen is not None and len(gen) < len(scope) else scope
            tail = part[i:]
            for suffix in m.lex.lists["frame_tail"].words:
                tail = tail.removesuffix(suffix)
            return scope, tail or None
    return part, None


def _scope_like(m: Match, phrase: str) -> bool:
    lex = m.lex
    if any(lex.lists["scope"].at(phrase, i) for i in range(len(phrase))):
        return True
    return any(e.text == phrase and e.type is EntityType.LOC for e in m.idx.entities_in(m.unit.start, m.end))


def _criterion_parts(m: Match, frames: list[str]) -> list[str]:
    """The phrase before a rank, cut at the criterion marks (ja で): 国内市場でシェア → [国内市場, シェア].

    When the rank's own segment holds nothing before it but figures, the phrase ending the segment
    before is read instead (総合評価で、第7位から第6位に上昇した → 総合評価)."""
    out = _parts_before(m, frames, m.segment[0], m.start)
    seg_start, _ = m.segment
    if out or m.produced or seg_start <= m.unit.start:
        return out
    prev_start, prev_end = m.unit.segment_of(seg_start - 1)
    return _parts_before(m, frames, prev_start, prev_end)


def _parts_before(m: Match, frames: list[str], seg_start: int, end: int) -> list[str]:
    lo = boundary_before(m, end, seg_start)
    hit = _frame(m, frames)
    if hit is not None:
        lo = max(lo, hit.end() + _frame_start(m))
    text = m.text[lo:end]
    cuts = m.lex.lists["criterion_cuts"]
    parts, i, last = [], 0, 0
    while i < len(text):
        w = cuts.at(text, i)
        if w is not None:
            parts.append((lo + last, lo + i))
            i += len(w)
            last = i
        else:
            i += 1
    parts.append((lo + last, lo + len(text)))
    out = []
    for s, e in parts:
        phrase = strip_phrase(m, s, e)
        if phrase:
            out.append(phrase)
    return out


@_source
def criterion(m: Match, spec: SlotSpec) -> str | None:
    """What the ranking is by: the frame's criterion (综合竞争力), else the phrase before the rank that is not
    its scope (産業総合力が第14位, 增速在…中位列第一), else the previous measure or criterion of the clause."""
    frames = spec.args.get("frames", [])
    hit = _frame(m, frames)
    if hit is not None:
        crit = _split_frame(m, _frame_inner(m, hit))[1]
        if crit:
            return crit
        at = hit.start() + _frame_start(m)
        seg_start, _ = m.unit.segment_of(at)
        lo = boundary_before(m, at, seg_start)
        before = strip_phrase(m, lo, at)
        if before:
            return before
    seg_start, _ = m.segment
    floor = seg_start
    if hit is not None:
        floor = max(floor, hit.end() + _frame_start(m))
    verbs = m.idx.find_words("rank_verbs", floor, m.start)
    if verbs:
        end = verbs[-1][0]
        lo = max(boundary_before(m, end, seg_start), floor)
        phrase = strip_phrase(m, lo, end)
        # 在…排名中位列第3: a lone 中 left over from the frame is no criterion
        if len(phrase) > 1:
            return phrase
    for part in reversed(_criterion_parts(m, frames)):
        crit = _split_part(m, part)[1]
        if crit:
            return crit
        if len(part) > 1 and not _scope_like(m, part):
            return part
    for p in reversed(m.produced):
        for key in ("criterion", "measure"):
            if p.texts.get(key):
                return p.texts[key]
    return None


@_source
def share_scope(m: Match, spec: SlotSpec) -> str | None:
    """The whole a share is of: a place after 占 or before に占める, else a scope word before it (世界 / 国内市場)."""
    lo = m.unit.start
    found = m.idx.find_words("scope", lo, m.start)
    for c in unit_candidates(m.idx, m.unit):
        if c.end > m.start or c.entity is None or c.entity.type is not EntityType.LOC:
            continue
        if c.before and m.is_word("share_before", c.before):
            return c.entity.text
        if m.idx.find_words("share_of", c.end, m.start):
            return c.entity.text
    if found:
        return found[-1][2]
    return None


@_source
def market(m: Match, spec: SlotSpec) -> str | None:
    """What a share is of: the phrase the figure modifies (全市约15%的地区生产总值), a product named before it,
    the X of X市場 / Xに占める, or the measure of the figure before it in the clause."""
    q = m.quantity
    if q is not None:
        after = phrase_after(m, q)
        if after and m.lex.lists["share"].at(after, 0) != after:
            return after
    for c in reversed(candidates_before(m)):
        if c.entity is not None and c.entity.type is EntityType.PRODUCT:
            return c.entity.text
    phrase = _share_phrase(m)
    if phrase:
        return phrase
    for pattern in spec.args.get("patterns", []):
        hits = list(_regex(pattern).finditer(m.text, m.unit.start, m.start))
        if hits:
            x = hits[-1]
            phrase = strip_scope(m, x.start("x"), x.end("x"))
            if phrase:
                return phrase
    for p in reversed(m.produced):
        for key in ("measure", "criterion"):
            if p.texts.get(key):
                return p.texts[key]
    return None


def _share_phrase(m: Match) -> str | None:
    """The phrase a share is of, read before its share word, 占 / に占める, or the topic particle:
    动力电池全球市场占有率 → 动力电池; 新エネルギー車の国内市場シェア → 新エネルギー車;
    大尺寸面板出货量占全球市场的三成 → 大尺寸面板出货量; 大型パネル出荷量は世界市場の3割 → 大型パネル出荷量;
    but a whole named after 占 is what the share is of: 占园区规上工业总产值的近四成 → 规上工业总产值."""
    seg_start, _ = m.segment
    for names in (("share",), ("share_before", "share_of"), ("topic",)):
        hits = [h for name in names for h in m.idx.find_words(name, seg_start, m.start)]
        if not hits:
            continue
        last = max(hits)
        if names[0] == "share_before" and m.is_word("share_before", last[2]):
            whole = _market_text(m, m.idx.skip_closers(last[1], m.start), m.start)
            if whole:
                return whole
        return _market_text(m, boundary_before(m, last[0], seg_start), last[0])
    return None


def _market_text(m: Match, start: int, end: int) -> str | None:
    """A market phrase without scope words, market words and particles at its edges (全球市场的 → none)."""
    strip = [m.lex.lists["scope"], m.lex.lists["market_strip"], m.lex.lists["share_before"]]
    changed = True
    while changed and start < end:
        changed = False
        for words in strip:
            w = words.ending_at(m.text, end)
            if w is not None and end - len(w) >= start:
                end, changed = end - len(w), True
            w = words.at(m.text, start)
            if w is not None and start + len(w) <= end:
                start, changed = start + len(w), True
    phrase = strip_scope(m, start, end) if start < end else ""
    # 占全国总数的近三成: a bare total is no market
    return phrase if HAS_CONTENT.search(phrase) and not m.is_word("total", phrase) else None


@_source
def industries(m: Match, spec: SlotSpec) -> list[Entity]:
    """The listed INDUSTRY names next to a focus verb: before it (ja …などの産業に重点的に取り組む),
    or after it (zh 聚焦先进装备制造、…等产业), within ``args.gap`` characters."""
    gap = spec.args.get("gap", 12)
    side = spec.args.get("side", "before")
    inds = [e for e in m.idx.entities_in(m.unit.start, m.unit.end) if e.type is EntityType.INDUSTRY]
    runs: list[list[Entity]] = []
    joiners = m.lex.lists["list_joiners"]
    for e in inds:
        if runs:
            prev = runs[-1][-1]
            between = m.text[m.idx.skip_closers(prev.end, e.start) : m.idx.skip_openers_back(e.start, prev.end)]
            between = between.strip(" \u3000")
            # 集成电路产业、生物医药产业: each sector may carry its own sector word
            suffix = m.lex.lists["sector_words"].at(between, 0)
            between = between[len(suffix) :] if suffix is not None else between
            if between == "" or joiners.at(between, 0) == between:
                runs[-1].append(e)
                continue
        runs.append([e])
    if side == "before":
        near = [r for r in runs if r[-1].end <= m.start and m.start - r[-1].end <= gap]
        return near[-1] if near else []
    near = [r for r in runs if r[0].start >= m.end and r[0].start - m.end <= gap]
    return near[0] if near else []


def fill_slot(m: Match, name: str, spec: SlotSpec) -> Any:
    """The value of one slot: the spec's constant, or the first of its sources that gives one."""
    if spec.value is not None:
        return spec.value
    for source in spec.source:
        value = SOURCES[source](m, spec)
        if value not in (None, "", []):
            return value
    return None
