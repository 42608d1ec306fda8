"""The schema of the fact rule files (`resources/<lang>/facts/<fact>.json`) and their loading."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from beihu_extract.resources import load_json
from beihu_extract.schema import EntityType, Lang, QuantityKind

__all__ = ["FACT_FILES", "Anchor", "Rule", "RuleFile", "SlotSpec", "TestSpec", "load_rules"]

# Rule files in the order their rules are tried on one anchor: a RANK is a ranking before anything
# else, a percentage with a share word a share before a metric.
FACT_FILES: tuple[str, ...] = ("ranking", "share", "metric", "milestone", "focus")

_RULE_ID = re.compile(r"^(ja|zh)\.(metric|ranking|share|milestone|focus)\.[a-z0-9_]+$")

Word = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TestSpec(BaseModel):
    """One condition: a named predicate and its arguments (``{"test": "word_before", "list": "new"}``)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    test: Word

    @property
    def args(self) -> dict[str, Any]:
        """The arguments passed to the predicate."""
        return dict(self.model_extra or {})


class Anchor(_Strict):
    """What a rule starts from: quantities of some kinds, or the words of a trigger list or map."""

    quantities: list[QuantityKind] = []
    trigger: Word | None = None

    @model_validator(mode="after")
    def _one(self) -> Anchor:
        if bool(self.quantities) == (self.trigger is not None):
            raise ValueError("an anchor names either quantity kinds or one trigger lexicon")
        return self


class SlotSpec(_Strict):
    """How one slot is filled.

    Attributes:
        source: named sources tried in order, the first that gives a value wins.
        value: a constant instead (``"up"``).
        types: entity types a subject may have.
        multi: every coordinated subject gets its own fact (奥来徳、永固科技などの…が着工).
        args: extra arguments for the sources.
    """

    source: list[Word] = Field(default=[], alias="from")
    value: Word | None = None
    types: list[EntityType] = []
    multi: bool = False
    args: dict[str, Any] = {}

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("source", mode="before")
    @classmethod
    def _listify(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


class Rule(_Strict):
    """One rule: an anchor, conditions that must hold (`when`) or must not (`unless`), and its slots."""

    id: Word
    doc: str = ""
    anchor: Anchor
    partner: Word | None = None
    when: list[TestSpec] = []
    unless: list[TestSpec] = []
    slots: dict[Word, SlotSpec]

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str) -> str:
        if not _RULE_ID.match(v):
            raise ValueError(f"rule id {v!r} must read <lang>.<fact>.<name>")
        return v

    @property
    def fact(self) -> str:
        """The fact type the rule produces."""
        return self.id.split(".")[1]


class RuleFile(_Strict):
    """The schema of one `resources/<lang>/facts/<fact>.json`.

    A rule reads: start from every anchor (a quantity of the listed kinds, or a word of a trigger
    lexicon) in each evidence clause; keep it when every ``when`` test holds and no ``unless`` test
    does; find a partner quantity if the rule names a finder; then fill each slot from its sources
    in order. For example::

        {"id": "zh.metric.value_with_growth",
         "anchor": {"quantities": ["MONEY", "COUNT"]},
         "partner": "growth_after",
         "unless": [{"test": "word_in", "lexicon": "plan", "scope": "unit", "side": "before"}],
         "slots": {"subject": {"from": ["nearest", "chain", "main_zone"]},
                   "quantity": {"from": "anchor"}, "change": {"from": "partner"},
                   "direction": {"from": "growth_direction"}, "measure": {"from": "measure"}}}

    Rules of one anchor are tried file by file (FACT_FILES order), then in written order; the first
    that makes a fact claims its quantities, so a later rule never reuses them.
    """

    lang: Lang
    fact: Literal["metric", "ranking", "share", "milestone", "focus"]
    rules: list[Rule]

    @model_validator(mode="after")
    def _check(self) -> RuleFile:
        for rule in self.rules:
            lang, fact, _ = rule.id.split(".")
            if lang != self.lang.value or fact != self.fact:
                raise ValueError(f"rule {rule.id} does not belong in {self.lang.value}/{self.fact}")
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate rule ids {dupes}")
        return self


@cache
def load_rules(lang: str) -> tuple[Rule, ...]:
    """Every rule of `lang`, file by file in FACT_FILES order, each file's rules in their written order."""
    rules: list[Rule] = []
    for name in FACT_FILES:
        rules += load_json(lang, f"facts/{name}.json", RuleFile).rules
    return tuple(rules)
