"""Named predicates of the rule files (`when` / `unless`) and the partner finders of quantity pairs."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from beihu_extract.rules.candidates import unit_candidates
from beihu_extract.rules.match import Match, growth_word, same_measure_unit
from beihu_extract.rules.phrases import SECTOR_TYPES
from beihu_extract.rules.subjects import DEFAULT_TYPES
from beihu_extract.rules.text import clean_counted, dice
from beihu_extract.schema import Quantity

__all__ = ["PARTNERS", "PREDICATES", "evaluate"]

Predicate = Callable[..., bool]
PREDICATES: dict[str, Predicate] = {}
PARTNERS: dict[str, Callable[[Match], Quantity | None]] = {}


def _predicate(fn: Predicate) -> Predicate:
    PREDICATES[fn.__name__] = fn
    return fn


def _partner(fn: Callable[[Match], Quantity | None]) -> Callable[[Match], Quantity | None]:
    PARTNERS[fn.__name__] = fn
    return fn


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def evaluate(m: Match, test: str, args: dict[str, Any]) -> bool:
    """Run the predicate `test` with `args` on `m`."""
    return PREDICATES[test](m, **args)


@_predicate
def word_before(m: Match, lexicon: str, within: int = 6, scope: str = "segment") -> bool:
    """A word of lexicon list `lexicon` ends at most `within` characters before the anchor (outside names).

    ``{"test": "word_before", "lexicon": "new", "within": 12}``: 新增科技型企业1.26万家.
    """
    lo, _ = m.scope(scope)
    return any(e >= m.start - within for _, e, _ in m.idx.find_words(lexicon, max(lo, m.start - within - 8), m.start))


@_predicate
def word_after(m: Match, lexicon: str, within: int = 4, scope: str = "segment") -> bool:
    """A word of lexicon list `lexicon` starts at most `within` characters after the anchor (outside names)."""
    _, hi = m.scope(scope)
    return any(s <= m.end + within for s, _, _ in m.idx.find_words(lexicon, m.end, min(hi, m.end + within + 8)))


@_predicate
def word_in(m: Match, lexicon: str, scope: str = "segment", side: str = "any") -> bool:
    """A word of lexicon list `lexicon` occurs in the scope (segment, unit or sentence), before or after the anchor."""
    lo, hi = m.scope(scope)
    if side == "before":
        hi = m.start
    elif side == "after":
        lo = m.end
    return bool(m.idx.find_words(lexicon, lo, hi))


@_predicate
def text_before(m: Match, pattern: str, scope: str = "segment") -> bool:
    """The scope's text before the anchor matches a regular expression (``re.search``)."""
    lo, _ = m.scope(scope)
    return _regex(pattern).search(m.text[lo : m.start]) is not None


@_predicate
def text_after(m: Match, pattern: str, scope: str = "segment") -> bool:
    """The scope's text after the anchor matches a regular expression (``re.search``)."""
    _, hi = m.scope(scope)
    return _regex(pattern).search(m.text[m.end : hi]) is not None


@_predicate
def anchor_text(m: Match, pattern: str) -> bool:
    """The anchor's own text matches a regular expression (``re.search``)."""
    return _regex(pattern).search(m.text[m.start : m.end]) is not None


@_predicate
def kind_in(m: Match, kinds: list[str]) -> bool:
    """The anchor quantity is of one of `kinds` (COUNT, MONEY …)."""
    return m.quantity is not None and m.quantity.kind.value in kinds


@_predicate
def trigger_in(m: Match, words: list[str]) -> bool:
    """The anchor trigger word is one of `words` (开通, 建成 …)."""
    return m.trigger in words


@_predicate
def status_in(m: Match, values: list[str]) -> bool:
    """The anchor trigger maps to one of the statuses `values` in the lexicon's ``status`` map."""
    return m.trigger is not None and m.lex.maps["status"].get(m.trigger) in values


@_predicate
def counted_in(m: Match, lexicon: str) -> bool:
    """The anchor's counted phrase or counter is a word of lexicon list `lexicon`
    (3つの区域, 3分野: a structural count, not a figure of anyone)."""
    if m.quantity is None:
        return False
    return any(m.is_word(lexicon, w or "") for w in (clean_counted(m.quantity.counted), m.quantity.unit))


@_predicate
def quantity_before(m: Match, scope: str = "segment", unnamed: bool = False) -> bool:
    """A quantity stands before the anchor in the scope (已有11个科研团队入驻: the count, not a name, settles).

    With ``unnamed`` only a count with no name between it and the anchor counts (32个项目集中开工: unnamed
    projects start; 总投资10亿元的[X项目]开工 still has a named subject).
    """
    lo, _ = m.scope(scope)
    found = [q for q in m.idx.quantities_in(lo, m.start) if q.end <= m.start]
    if not unnamed:
        return bool(found)
    names = [c.end for c in unit_candidates(m.idx, m.unit) if c.start < m.start]
    return any(q.kind.value == "COUNT" and not any(q.end <= e <= m.start for e in names) for q in found)


@_predicate
def place_before_word(m: Match, lexicon: str) -> bool:
    """A place (LOC name or scope word) precedes a word of lexicon list `lexicon` before the anchor in its unit
    (吉林省の自動車生産に占める…: a share of a place's whole)."""
    found = m.idx.find_words(lexicon, m.unit.start, m.start)
    if not found:
        return False
    last = found[-1][0]
    if m.idx.find_words("scope", m.unit.start, last):
        return True
    return any(e.type.value == "LOC" for e in m.idx.entities_in(m.unit.start, last))


@_predicate
def range_start(m: Match, after: str, before: str = "") -> bool:
    """The anchor is the start of a "from A to B" (由300家增至800家 / 300社から800社に): `after` matches right
    after it, `before` (if given) right before it, and a later figure of the same unit follows in its segment.
    Only B gets a fact (SPEC 5.7)."""
    seg_start, seg_end = m.segment
    if m.quantity is None or not _regex(after).search(m.text[m.end : seg_end]):
        return False
    if before and not _regex(before).search(m.text[seg_start : m.start]):
        return False
    return any(same_measure_unit(q, m.quantity) for q in m.idx.quantities_in(m.end, seg_end))


@_predicate
def unnamed_head(m: Match, lexicon: str, reach: int = 8) -> bool:
    """The clause is about an unnamed thing a name owns or made (国盾量子的量子通信产业化基地项目…，总投资约12亿元 /
    信达生物自主研发的…注射液已获批7项适应症): the nearest name before the anchor is followed, within `reach`
    characters, by a genitive, and the noun phrase after it ends in a word of lexicon list `lexicon`
    (项目, 工厂, 芯片 …) with no name of its own. The figure is the thing's, and the thing has no name to hold it."""
    idx, text = m.idx, m.text
    cands = [
        c
        for c in unit_candidates(idx, m.unit)
        if c.end <= m.start and c.entity is not None and not (c.before or c.alias) and c.type in DEFAULT_TYPES
    ]
    if not cands:
        return False
    c = cands[-1]
    gens = [g for g in idx.find_words("genitive", c.end, min(c.end + reach + 1, m.start))]
    if not gens:
        return False
    pos = gens[0][1]
    stops = (idx.lex.lists["np_breaks"], idx.lex.lists["adverbs"], idx.lex.lists["np_stops"])
    end = pos
    while end < m.start:
        ent = idx.entity_covering(end)
        if ent is not None and ent.type in SECTOR_TYPES:
            end = ent.end  # 量子通信产业化基地项目: a sector named inside the phrase
            continue
        if idx.mention_mask[end] or text[end] in "，,。；;（(、：:" or any(s.at(text, end) for s in stops):
            break
        end += 1
    phrase = text[pos:end].rstrip()
    return bool(phrase) and idx.lex.lists[lexicon].ending_at(phrase, len(phrase)) is not None


@_predicate
def outside_owner(m: Match, lexicon: str) -> bool:
    """The clause opens with a whole beyond any name of the article (全国の新エネルギー車販売台数は… /
    全国新能源汽车产量…), a word of lexicon list `lexicon`, and names nothing between it and the anchor:
    the figure is the nation's or the world's, nobody's to inherit."""
    idx, text = m.idx, m.text
    pos, adverbs = m.unit.start, idx.lex.lists["adverbs"]
    while pos < m.start:
        t = next(iter(idx.timexes_in(pos, pos + 1)), None)
        if t is not None:
            pos = t.end
        elif text[pos] in " \u3000，,、：:" or text[pos].isspace():
            pos += 1
        elif (w := adverbs.at(text, pos)) is not None:
            pos += len(w)
        else:
            break
    word = idx.lex.lists[lexicon].at(text, pos)
    if word is None or pos + len(word) > m.start:
        return False
    return not any(pos < c.start < m.start for c in unit_candidates(idx, m.unit))


@_predicate
def qualifier_in(m: Match, values: list[str]) -> bool:
    """The anchor quantity's qualifier is one of `values`."""
    return m.quantity is not None and m.quantity.qualifier.value in values


@_predicate
def unit_matches(m: Match, pattern: str) -> bool:
    """The anchor quantity's unit matches a regular expression (``"/year$"``: a yearly capacity)."""
    return m.quantity is not None and _regex(pattern).search(m.quantity.unit or "") is not None


@_predicate
def growth(m: Match) -> bool:
    """A growth word stands next to the anchor quantity (35%増えた, 同比增长6.3%)."""
    return m.quantity is not None and growth_word(m.idx, m.quantity, m.segment) is not None


@_predicate
def future_time(m: Match, side: str = "before", scope: str = "unit") -> bool:
    """A timex later than the year of publication stands in the scope: a target (力争到2027年…)."""
    year = m.idx.published_year
    if year is None:
        return False
    lo, hi = m.scope(scope)
    if side == "before":
        hi = m.start
    elif side == "after":
        lo = m.end
    return any(t.value[:4].isdigit() and int(t.value[:4]) > year for t in m.idx.timexes_in(lo, hi))


@_predicate
def is_title(m: Match) -> bool:
    """The anchor lies in the title."""
    return m.unit.is_title


@_predicate
def role_before(m: Match, lexicons: list[str]) -> bool:
    """A name or back-reference with a role of one of the lexicon `lists` precedes the anchor in its unit.

    ``{"test": "role_before", "lexicons": ["topic", "locative"]}``: the clause already has a subject.
    """
    roles = [m.lex.lists[name] for name in lexicons]
    for c in unit_candidates(m.idx, m.unit):
        if c.start >= m.start:
            break
        if any(r.at(c.role, 0) == c.role for r in roles if c.role):
            return True
    return False


@_predicate
def dep_in(m: Match, deps: list[str]) -> bool:
    """The anchor's last token attaches with one of `deps` (ja parse; false without a parse)."""
    i = m.idx.token_ending_at(m.end)
    return i is not None and m.idx.tokens[i].dep in deps


@_predicate
def lemma_in(m: Match, lemmas: list[str]) -> bool:
    """The token at the anchor has one of `lemmas` (ja: 開通させた and 開通し share the lemma 開通)."""
    i = m.idx.token_at(m.start)
    return i is not None and m.idx.tokens[i].lemma in lemmas


@_predicate
def all_of(m: Match, tests: list[dict[str, Any]]) -> bool:
    """Every one of the nested tests holds (``unless`` otherwise means any one of them)."""
    return all(evaluate(m, t["test"], {k: v for k, v in t.items() if k != "test"}) for t in tests)


# -- partner finders --------------------------------------------------------------------------------


def _later_quantities(m: Match) -> list[Quantity]:
    assert m.quantity is not None
    return [q for q in m.idx.quantities_in(m.end, m.unit.end) if q.start >= m.quantity.end]


def _prefix_is_lead(m: Match, q: Quantity) -> bool:
    """Only growth leads, times and growth words stand between its segment start and `q`
    (同比增长 / 較上年提高 / 一昨年より): the growth belongs to the figure before."""
    seg_start, _ = m.unit.segment_of(q.start)
    lo = max(seg_start, m.quantity.end if m.quantity else seg_start)
    pos = lo
    idx = m.idx
    leads, growth = idx.lex.lists["growth_leads"], idx.lex.words("growth")
    while pos < q.start:
        ch = idx.text[pos]
        if ch.isspace() or ch in "，,、（(为达了约":
            pos += 1
            continue
        t = next((t for t in idx.timexes_in(pos, pos + 1)), None)
        if t is not None:
            pos = t.end
            continue
        w = leads.at(idx.text, pos) or growth.at(idx.text, pos)
        if w is None:
            return False
        pos += len(w)
    return True


@_partner
def growth_after(m: Match) -> Quantity | None:
    """The growth figure right after the anchor: 约2850亿元，同比增长8.2% / 約8億元で、一昨年より35%増えた."""
    if m.quantity is None:
        return None
    later = _later_quantities(m)
    if not later:
        return None
    g = later[0]
    if growth_word(m.idx, g, m.unit.segment_of(g.start)) is None:
        return None
    if g.kind.value != "PERCENT" and not same_measure_unit(g, m.quantity):
        return None
    return g if _prefix_is_lead(m, g) else None


def _bare_counted(m: Match, q: Quantity) -> str:
    """The counted phrase without new / total markers (人才总量 → 人才), for comparing two figures' things."""
    text = clean_counted(q.counted) or ""
    for name in ("new", "total"):
        for w in m.lex.lists[name].words:
            text = text.replace(w, "")
    return text


@_partner
def value_after_growth(m: Match) -> Quantity | None:
    """The figure a growth figure qualifies right after it: 前年比10%増の50億元 → 50億元."""
    if m.quantity is None or growth_word(m.idx, m.quantity, m.segment) is None:
        return None
    later = _later_quantities(m)
    if not later or later[0].start >= m.segment[1]:
        return None
    between = m.text[m.quantity.end : later[0].start]
    word = m.lex.words("growth").at(between, 0)
    if word is None or m.lex.lists["genitive"].at(between, len(word)) != between[len(word) :]:
        return None
    return later[0]


def _marked_partner(m: Match, marks: str, *, same_thing: bool) -> Quantity | None:
    if m.quantity is None:
        return None
    for q in _later_quantities(m):
        if not same_measure_unit(q, m.quantity):
            continue
        seg_start, _ = m.unit.segment_of(q.start)
        found = m.idx.find_words(marks, max(seg_start, q.start - 8), q.start)
        if not found:
            continue
        # 新引进高层次人才1260人，各类人才总量超过40万人: different things, two metrics
        a, b = _bare_counted(m, m.quantity), _bare_counted(m, q)
        if same_thing and a and b and dice(a, b) < 0.5:
            return None
        return q
    return None


@_partner
def total_after(m: Match) -> Quantity | None:
    """A later figure in the same unit, marked as a running total (累计达到6.8万家 / 計1万人余り)."""
    return _marked_partner(m, "total", same_thing=True)


@_partner
def new_after(m: Match) -> Quantity | None:
    """A later figure in the same unit, marked as new (累计入驻102家，今年以来新增19家)."""
    return _marked_partner(m, "new", same_thing=False)
