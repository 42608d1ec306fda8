"""Noun phrases around figures: where they start and end, and their text without function words."""

from __future__ import annotations

import re

from beihu_extract.rules.candidates import unit_candidates
from beihu_extract.rules.match import Match
from beihu_extract.rules.text import QUOTES, clean_counted
from beihu_extract.schema import EntityType, Quantity, Timex

__all__ = [
    "HAS_CONTENT",
    "PUNCT",
    "boundary_before",
    "is_base_time",
    "measure_of",
    "np_clean",
    "phrase_after",
    "phrase_before",
    "strip_phrase",
    "strip_scope",
    "written_before",
]

# Names that belong inside a measure rather than closing it off (园区|生物医药产业产值 keeps 生物医药).
SECTOR_TYPES = frozenset({EntityType.INDUSTRY, EntityType.PRODUCT})
# Punctuation and spaces trimmed from the edges of a phrase.
PUNCT = "，,、。；;：:！？!?（）()【】・…\u3000 \n\t"

# A measure names something: it has a character other than kana particles and punctuation (まで is none).
HAS_CONTENT = re.compile(r"[^\u3041-\u309f\W]")


def np_clean(m: Match, start: int, end: int) -> bool:
    """No phrase break (particle, comma) between two positions, so both lie in one noun phrase.

    A time and its particle do not break it (一汽の…販売台数は今年8月末までに約35万台), a name with a
    topic particle does (同社の全固体電池「金石電池」はエネルギー密度が…: the topic owns the figure).
    """
    lists = m.lex.lists
    breaks, glue = lists["np_breaks"], lists["np_glue"]
    particles = [lists[n] for n in ("np_breaks", "topic", "locative", "genitive")]
    times = {t.start: t.end for t in m.idx.timexes_in(start, end)}
    topics = {c.start for c in unit_candidates(m.idx, m.unit) if c.entity is not None and m.is_word("topic", c.role)}
    pos = start
    while pos < end:
        if pos in times:
            pos = times[pos]
            for _ in range(2):
                w = max((p.at(m.text, pos) or "" for p in particles), key=len)
                pos += len(w)
            continue
        if pos in topics:
            return False
        g = glue.at(m.text, pos)
        if g is not None:
            pos += len(g)
            continue
        if not m.idx.name_mask[pos] and breaks.at(m.text, pos) is not None:
            return False
        pos += 1
    return True


def strip_phrase(m: Match, start: int, end: int) -> str:
    """The text of [start, end) without edge punctuation, times, function words (measure_strip) and particles."""
    lex, text = m.lex, m.text
    edges = ("measure_strip", "adverbs", "topic", "genitive", "possessive", "object", "place", "rank_verbs")
    edge_lists = [lex.lists[n] for n in edges]
    edge_lists.append(lex.words("growth"))
    leads = lex.lists["growth_leads"]
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (text[start] in PUNCT or text[start] in QUOTES):
            start, changed = start + 1, True
        while end > start and (text[end - 1] in PUNCT or text[end - 1] in QUOTES):
            end, changed = end - 1, True
        # times and durations at the edges (连续七年 / 7年連続) say when or how long, not what
        durations = [q for q in m.idx.quantities_in(start, end) if q.kind.value == "DURATION"]
        spans = [*m.idx.timexes_in(start, end), *durations]
        for t in spans:
            if t.start == start:
                start, changed = t.end, True
            elif t.end == end:
                end, changed = t.start, True
        for wl in (*edge_lists, leads):
            w = wl.at(text, start)
            if w is not None and start + len(w) <= end:
                start, changed = start + len(w), True
            w = wl.ending_at(text, end)
            if w is not None and end - len(w) >= start:
                end, changed = end - len(w), True
    return text[start:end].strip(PUNCT + QUOTES)


def boundary_before(m: Match, pos: int, seg_start: int, *, figures: bool = True, times: bool = True) -> int:
    """Where a phrase ending at `pos` may start: after the last name, time or figure before it (and its particle).
    A duration does not cut it (动力电池装机量连续七年位居…: the phrase runs past 七年)."""
    lo = seg_start
    marks: list[tuple[int, int]] = []
    for c in unit_candidates(m.idx, m.unit):
        if seg_start <= c.start and c.end <= pos and (c.entity is None or c.entity.type not in SECTOR_TYPES):
            marks.append((c.end, c.end + len(c.role) if c.role and not m.is_word("list_joiners", c.role) else c.end))
    for t in m.idx.timexes_in(seg_start, pos) if times else ():
        if t.end <= pos and not is_base_time(m, t):
            marks.append((t.end, t.end))
    for q in m.idx.quantities_in(seg_start, pos) if figures else ():
        if q.end <= pos and q.kind.value != "DURATION":
            marks.append((q.end, q.end))
    for end, after in marks:
        after = m.idx.skip_closers(after, pos) if after == end else after
        lo = max(lo, min(after, pos))
    return lo


def phrase_after(m: Match, q: Quantity) -> str | None:
    """The noun phrase a figure modifies: 約30億円の投資案件 → 投資案件; 全市约15%的地区生产总值 → 地区生产总值."""
    _, seg_end = m.unit.segment_of(q.start)
    pos = m.idx.skip_closers(q.end, seg_end)
    skip = m.lex.lists["measure_skip"].at(m.text, pos)
    if skip is not None:
        pos += len(skip)
    gen = m.lex.lists["genitive"].at(m.text, pos)
    if gen is None:
        return None
    pos += len(gen)
    end = pos
    breaks = m.lex.lists["np_breaks"]
    while end < seg_end and m.text[end] not in PUNCT:
        if not m.idx.name_mask[end] and (breaks.at(m.text, end) or m.lex.lists["topic"].at(m.text, end)):
            break
        end += 1
    phrase = strip_phrase(m, pos, end)
    return phrase or None


def phrase_before(m: Match, pos: int) -> str | None:
    """The phrase before a figure in its segment; where a topic particle marks it, the phrase it marks
    (一汽の新エネルギー車の販売台数は今年8月末までに約35万台 → 新エネルギー車の販売台数)."""
    seg_start, _ = m.unit.segment_of(pos)
    # a time between the topic and the figure does not cut the phrase off (…企業は今年6月末時点で約1700社)
    lo_names = boundary_before(m, pos, seg_start, times=False)
    topics = m.idx.find_words("topic", lo_names, pos)
    phrase = strip_phrase(m, lo_names, topics[-1][0]) if topics else ""
    if not phrase:
        phrase = strip_phrase(m, boundary_before(m, pos, seg_start), pos)
    return phrase if HAS_CONTENT.search(phrase) else None


def measure_of(m: Match, q: Quantity) -> str | None:
    """What a figure measures: its counted phrase, else the phrase it modifies, else the phrase before it.

    A bare total word (总数达到186个 → 总数) measures nothing by itself: None, so a rule can fall back to
    the measure of the other figure of the pair.
    """
    found = _measure_of(m, q)
    return None if found is None or m.is_word("total", found) else found


def _measure_of(m: Match, q: Quantity) -> str | None:
    counted = clean_counted(q.counted)
    unit_names = m.idx.entities_in(m.unit.start, m.unit.end)
    names = {e.text for e in unit_names}
    if counted in names:
        counted = None
    after = phrase_after(m, q)
    # 全長2000キロメートル余りの量子保密通信幹線「京滬幹線」: a figure describing a name measures what is
    # written before it, not the name's description
    owners = [e.text for e in unit_names if e.type not in SECTOR_TYPES and e.start >= q.end]
    if counted and any(n in counted for n in owners):
        counted = None
    if after and any(n in after for n in owners):
        after = phrase_before(m, q.start) or after
    if after and (q.unit or "").endswith("/year"):
        # 年産200基の小型衛星の生産能力: a yearly capacity measures the capacity (the head noun), not what is made
        gen = m.lex.lists["genitive"]
        cuts = [i + len(w) for i in range(len(after)) if (w := gen.at(after, i)) is not None]
        return after[cuts[-1] :] if cuts and cuts[-1] < len(after) else after
    if counted:
        seg_start, seg_end = m.unit.segment_of(q.start)
        after_at = m.text.find(counted, q.end, seg_end)
        if after_at != -1 and after_at - q.end <= 3:
            return counted  # 23の国家級研究開発プラットフォーム: written right after the number
        if m.text.rfind(counted, seg_start, q.start) == -1:
            return counted  # not written next to the figure: take the quantity layer's word for it
        span = written_before(m, q, counted)
        if span is None:
            # …時点で180件: a particle between, not what is counted; 由300家增至800家: nothing but a verb between,
            # so the quantity layer's word stands
            return after or phrase_before(m, q.start) or counted
        # a counted phrase read back from the number may run into the owner or a time (北湖未来科学城规划面积,
        # 今年以来新|增19家): keep only what follows them, without edge function words
        lo = max(span[0], boundary_before(m, span[1], seg_start, figures=False))
        phrase = strip_phrase(m, lo, span[1])
        if HAS_CONTENT.search(phrase):
            return phrase
    return after or phrase_before(m, q.start)


def written_before(m: Match, q: Quantity, phrase: str) -> tuple[int, int] | None:
    """The span of `phrase` where it is written right before the figure, if it is.

    At most a short verb may stand between (总数达到186个); a particle may not (…時点で180件: 時点
    is where the count is taken, not what is counted).
    """
    seg_start, _ = m.unit.segment_of(q.start)
    at = m.text.rfind(phrase, seg_start, q.start)
    if at == -1 or q.start - (at + len(phrase)) > 4:
        return None
    gap = m.text[at + len(phrase) : q.start]
    lists = m.lex.lists
    if any(lists[n].find(gap, 0, len(gap)) for n in ("topic", "locative", "place", "object", "genitive")):
        return None
    return at, at + len(phrase)


def is_base_time(m: Match, t: Timex) -> bool:
    """A time that is only the base of a comparison (一昨年より, 较上年, 前年から)."""
    lex = m.lex
    after = m.idx.skip_closers(t.end, min(t.end + 4, len(m.text)))
    if lex.lists["time_base_after"].at(m.text, after):
        return True
    return lex.lists["time_base_before"].ending_at(m.text, t.start) is not None


def strip_scope(m: Match, start: int, end: int) -> str:
    """A phrase without a leading scope word or place and its genitive (国内の…データ → …データ)."""
    while True:
        w = m.lex.lists["scope"].at(m.text, start)
        ent = m.idx.entity_covering(start)
        if w is None and (ent is None or ent.start != start or ent.type is not EntityType.LOC):
            break
        start += len(w) if w is not None else ent.end - ent.start  # type: ignore[union-attr]
        gen = m.lex.lists["genitive"].at(m.text, start)
        if gen is not None:
            start += len(gen)
    return strip_phrase(m, start, end)
