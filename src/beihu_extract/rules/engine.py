"""The rule engine: finds anchors clause by clause, tests each rule's conditions and fills its slots."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from pydantic import TypeAdapter

from beihu_extract.rules.candidates import SubjectChain, unit_topic
from beihu_extract.rules.document import DocIndex, FactInput, Unit
from beihu_extract.rules.lexicon import load_lexicon
from beihu_extract.rules.match import Match, Produced
from beihu_extract.rules.predicates import PARTNERS, PREDICATES, evaluate
from beihu_extract.rules.slots import SOURCES, fill_slot
from beihu_extract.rules.spec import Rule, load_rules
from beihu_extract.rules.subjects import SUBJECT_SOURCES, subjects
from beihu_extract.schema import (
    Entity,
    Fact,
    FocusFact,
    Lang,
    MetricFact,
    MilestoneFact,
    Quantity,
    RankingFact,
    ShareFact,
    Timex,
)

__all__ = ["FactOutput", "apply_rules", "check_rules", "extract_facts"]

_FACT = TypeAdapter(Fact)
# Slots that hold a mention id rather than a text or a constant.
_MENTION_SLOTS = frozenset({"subject", "quantity", "change", "rank", "share", "time", "place"})
# The slots a fact cannot do without, read from the schema (SPEC 2.5, bold slots).
_REQUIRED = {
    model.model_fields["type"].default: frozenset(
        name for name, f in model.model_fields.items() if f.is_required() and name not in ("id", "evidence")
    )
    for model in (MetricFact, RankingFact, ShareFact, MilestoneFact, FocusFact)
}


class FactOutput(NamedTuple):
    """The facts of one document and, per fact id, the id of the rule that made it (provenance)."""

    facts: list[Fact]
    rule_ids: dict[str, str]


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    rule: _CompiledRule
    quantity: Quantity | None = None
    trigger: str | None = None


@cache
def check_rules(lang: str) -> None:
    """Fail fast on a rule that names an unknown predicate, partner, source or lexicon list.

    Raises:
        ValueError: naming the rule and what it refers to.
    """
    lex = load_lexicon(lang)
    known_lists = set(lex.lists) | set(lex.maps)
    for rule in load_rules(lang):
        if rule.anchor.trigger is not None and rule.anchor.trigger not in known_lists:
            raise ValueError(f"{rule.id}: unknown trigger lexicon {rule.anchor.trigger!r}")
        if rule.partner is not None and rule.partner not in PARTNERS:
            raise ValueError(f"{rule.id}: unknown partner finder {rule.partner!r}")
        for test in (*rule.when, *rule.unless):
            if test.test not in PREDICATES:
                raise ValueError(f"{rule.id}: unknown predicate {test.test!r}")
            for key in ("lexicon", "lexicons"):
                names = test.args.get(key)
                for name in [names] if isinstance(names, str) else names or []:
                    if name not in known_lists:
                        raise ValueError(f"{rule.id}: unknown lexicon list {name!r}")
        for slot, spec in rule.slots.items():
            table = SUBJECT_SOURCES if slot == "subject" else SOURCES
            unknown = [s for s in spec.source if s not in table]
            if unknown:
                raise ValueError(f"{rule.id}: slot {slot} has unknown sources {unknown}")


@dataclass(frozen=True)
class _CompiledRule:
    """A rule with its tests' arguments read once (rules run thousands of times per corpus)."""

    rule: Rule
    order: int
    when: tuple[tuple[str, dict[str, Any]], ...]
    unless: tuple[tuple[str, dict[str, Any]], ...]


@cache
def _compiled(lang: str) -> tuple[_CompiledRule, ...]:
    check_rules(lang)
    return tuple(
        _CompiledRule(
            rule,
            i,
            tuple((t.test, t.args) for t in rule.when),
            tuple((t.test, t.args) for t in rule.unless),
        )
        for i, rule in enumerate(load_rules(lang))
    )


def _anchors(idx: DocIndex, unit: Unit, rules: tuple[_CompiledRule, ...]) -> list[_Anchor]:
    """Every (anchor, rule) pair of a unit, in text order, rules in file order for one anchor."""
    out: list[_Anchor] = []
    quantities = idx.quantities_in(unit.start, unit.end)
    triggers: dict[str, list[tuple[int, int, str]]] = {}
    for c in rules:
        anchor = c.rule.anchor
        if anchor.quantities:
            out += [_Anchor(q.start, q.end, c, quantity=q) for q in quantities if q.kind in anchor.quantities]
        else:
            name = anchor.trigger
            assert name is not None
            if name not in triggers:
                hits = idx.find_words(name, unit.start, unit.end, outside="mentions")
                triggers[name] = [h for h in hits if not idx.quoted[h[0]]]
            out += [_Anchor(s, e, c, trigger=w) for s, e, w in triggers[name]]
    out.sort(key=lambda a: (a.start, a.rule.order))
    return out


def _mention_id(value: Any) -> Any:
    if isinstance(value, Entity | Quantity | Timex):
        return value.id
    if isinstance(value, list):
        return [_mention_id(v) for v in value]
    return value


class _Run:
    """One document's pass: anchors claimed so far, facts made, and the subject chain."""

    def __init__(self, doc: FactInput, lang: str) -> None:
        self.rules = _compiled(lang)
        self.idx = DocIndex(doc, load_lexicon(lang))
        self.chain = SubjectChain(self.idx)
        self.claimed: set[str] = set()
        self.done_triggers: set[tuple[int, str]] = set()
        self.out: list[tuple[dict[str, Any], str]] = []
        self.seen: set[tuple[Any, ...]] = set()

    def run(self) -> list[tuple[dict[str, Any], str]]:
        """Every fact's slots with its rule id, clause by clause, anchors in text order."""
        for unit in self.idx.units:
            self.chain.enter(unit)
            produced: list[Produced] = []
            for a in _anchors(self.idx, unit, self.rules):
                if a.quantity is not None and a.quantity.id in self.claimed:
                    continue
                if a.quantity is None and (a.start, a.rule.rule.fact) in self.done_triggers:
                    continue
                self._try(unit, a, produced)
            if not produced:
                self._note_topic(unit)
        return self.out

    def _try(self, unit: Unit, a: _Anchor, produced: list[Produced]) -> None:
        rule = a.rule.rule
        m = Match(self.idx, unit, self.chain, a.start, a.end, a.quantity, a.trigger, produced=produced)
        if not all(evaluate(m, test, args) for test, args in a.rule.when):
            return
        if rule.partner is not None:
            m.partner = PARTNERS[rule.partner](m)
            if m.partner is None or m.partner.id in self.claimed:
                return
        if any(evaluate(m, test, args) for test, args in a.rule.unless):
            return
        facts = self._build(m, rule)
        if not facts:
            return
        for slots in facts:
            # the same fact twice from one clause (从开工到投产: 投产 twice) is kept once
            key = tuple(sorted((k, str(_mention_id(v))) for k, v in slots.items() if k not in ("_subject", "evidence")))
            if key in self.seen:
                continue
            self.seen.add(key)
            self.out.append((slots, rule.id))
        subject = facts[0]["_subject"]
        texts = {k: v for k, v in facts[0].items() if isinstance(v, str) and k not in _MENTION_SLOTS}
        produced.append(Produced(a.start, rule.fact, subject, texts, a.quantity))
        self.chain.note(subject)
        for q in (a.quantity, m.partner):
            if q is not None:
                self.claimed.add(q.id)
        if a.quantity is None:
            self.done_triggers.add((a.start, rule.fact))

    def _build(self, m: Match, rule: Rule) -> list[dict[str, Any]]:
        subject_spec = rule.slots.get("subject")
        if subject_spec is None:
            return []
        found = subjects(m, subject_spec)
        if not found:
            return []
        facts = []
        m.subjects = found
        for subject in found:
            m.subject = subject
            slots: dict[str, Any] = {"type": rule.fact, "evidence": (m.unit.start, m.unit.end)}
            for name, spec in rule.slots.items():
                if name == "subject":
                    continue
                value = fill_slot(m, name, spec)
                if value is not None:
                    slots[name] = value
            slots["subject"] = subject
            slots["_subject"] = subject
            if _REQUIRED[rule.fact] <= slots.keys():
                facts.append(slots)
        return facts

    def _note_topic(self, unit: Unit) -> None:
        """A clause without facts still names who the next ones are about (長光衛星は…企業である。)."""
        topic = unit_topic(self.idx, unit, self.chain)
        if topic is not None:
            self.chain.note(topic)


def apply_rules(doc: FactInput, lang: str) -> list[tuple[Fact, str]]:
    """Run the rules of `lang` over `doc`: each fact with the id of the rule that made it.

    Fact ids are ``f1``, ``f2`` … in the order the facts were made (text order of their anchors).
    A fact missing a required slot is not made.
    """
    made = _Run(doc, lang).run()
    out: list[tuple[Fact, str]] = []
    for slots, rule_id in made:
        data = {k: _mention_id(v) for k, v in slots.items() if not k.startswith("_")}
        data["id"] = f"f{len(out) + 1}"
        try:
            fact = _FACT.validate_python(data)
        except ValueError:
            continue  # a slot the schema refuses (an empty text) drops that fact, not the document
        out.append((fact, rule_id))
    return out


def extract_facts(doc: FactInput, lang: str) -> FactOutput:
    """The typed facts of one document (SPEC 2.5) with the rule id behind each.

    Args:
        doc: the document with its mentions (ids as in the record).
        lang: ``ja`` or ``zh``; picks the rule files and lexicons under ``resources/<lang>/facts/``.

    Raises:
        ValueError: `lang` is not a supported language.

    Returns:
        ``FactOutput(facts, rule_ids)``: ``rule_ids[fact.id]`` is the ``<lang>.<fact>.<name>`` id of
        the rule that made the fact. Every fact's ``evidence`` is the clause holding its anchor.
    """
    pairs = apply_rules(doc, Lang(lang).value)
    return FactOutput([f for f, _ in pairs], {f.id: r for f, r in pairs})
