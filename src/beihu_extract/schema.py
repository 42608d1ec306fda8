"""The record of SPEC.md section 2 as pydantic models: the single source of truth in code."""

from __future__ import annotations

import math
import unicodedata
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "Direction",
    "Entity",
    "EntityType",
    "Fact",
    "FocusFact",
    "Lang",
    "MetricFact",
    "MilestoneFact",
    "OrgSubtype",
    "Provenance",
    "Qualifier",
    "Quantity",
    "QuantityKind",
    "RankingFact",
    "Record",
    "ShareFact",
    "Status",
    "Timex",
]


class Lang(StrEnum):
    JA = "ja"
    ZH = "zh"


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    LOC = "LOC"
    ZONE = "ZONE"
    FAC = "FAC"
    PRODUCT = "PRODUCT"
    PROJECT = "PROJECT"
    EVENT = "EVENT"
    INDUSTRY = "INDUSTRY"


class OrgSubtype(StrEnum):
    COMPANY = "company"
    RESEARCH = "research"
    GOVERNMENT = "government"
    OTHER = "other"


class QuantityKind(StrEnum):
    COUNT = "COUNT"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    RANK = "RANK"
    DURATION = "DURATION"
    MEASURE = "MEASURE"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    NEARLY = "nearly"


class Status(StrEnum):
    PLANNED = "planned"
    SIGNED = "signed"
    STARTED = "started"
    COMPLETED = "completed"
    LAUNCHED = "launched"
    OPERATIONAL = "operational"
    OPENED = "opened"
    SETTLED = "settled"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


CURRENCIES = frozenset({"CNY", "JPY", "USD"})
DURATION_UNITS = frozenset({"year", "month", "day", "hour"})

_ISO_TIMEX = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?)?)?$"
_ISO_MINUTE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$"

Id = Annotated[str, Field(min_length=1)]
Offset = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, frozen=False)


class Mention(_Model):
    """A span of the document: `text == document[start:end]`, end exclusive, code points."""

    id: Id
    text: Annotated[str, Field(min_length=1)]
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _check_offsets(self) -> Mention:
        if not self.start < self.end:
            raise ValueError(f"{self.id}: start {self.start} must be < end {self.end}")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"{self.id}: span {self.start}-{self.end} has length {self.end - self.start} "
                f"but text {self.text!r} has length {len(self.text)}"
            )
        return self


class Entity(Mention):
    """A named mention (SPEC 2.1)."""

    type: EntityType
    subtype: OrgSubtype | None
    key: Annotated[str, Field(min_length=1)]

    @model_validator(mode="after")
    def _check_subtype(self) -> Entity:
        if self.type is EntityType.ORG and self.subtype is None:
            raise ValueError(f"{self.id}: an ORG needs a subtype")
        if self.type is not EntityType.ORG and self.subtype is not None:
            raise ValueError(f"{self.id}: subtype is for ORG only, not {self.type.value}")
        return self

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if key != unicodedata.normalize("NFKC", key) or any(ch.isspace() for ch in key):
            raise ValueError(f"key {key!r} must be NFKC-normalized and without spaces")
        return key


class Quantity(Mention):
    """A number with meaning (SPEC 2.2)."""

    kind: QuantityKind
    value: float
    unit: str | None
    qualifier: Qualifier
    counted: str | None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("value must be finite")
        return value

    @model_validator(mode="after")
    def _check_unit(self) -> Quantity:
        kind, unit = self.kind, self.unit
        ok = {
            QuantityKind.MONEY: unit in CURRENCIES,
            QuantityKind.PERCENT: unit in ("%", "pt"),
            QuantityKind.RANK: unit is None,
            QuantityKind.DURATION: unit in DURATION_UNITS,
            QuantityKind.MEASURE: _is_measure_unit(unit),
            QuantityKind.COUNT: unit is None or (unit != "" and unit.strip() == unit),
        }[kind]
        if not ok:
            raise ValueError(f"{self.id}: unit {unit!r} is not allowed for {kind.value}")
        if self.counted is not None and kind not in (QuantityKind.COUNT, QuantityKind.MEASURE):
            raise ValueError(f"{self.id}: counted is for COUNT and MEASURE only")
        if self.counted == "":
            raise ValueError(f"{self.id}: counted must be null or non-empty")
        return self


def _is_measure_unit(unit: str | None) -> bool:
    if not unit:
        return False
    base = unit.removesuffix("/year")
    return bool(base) and base == base.lower() and " " not in base


class Timex(Mention):
    """A date or time, ISO 8601 at the stated granularity (SPEC 2.3)."""

    value: Annotated[str, Field(pattern=_ISO_TIMEX)]


class _Fact(_Model):
    id: Id
    evidence: tuple[Offset, Offset]
    rule: Annotated[str, Field(pattern=r"^(ja|zh)\.[a-z]+\.[a-z0-9_]+$")] | None = Field(
        default=None,
        description="Provenance: the id of the rule that produced the fact (`<lang>.<fact>.<name>`); "
        "absent in hand-written gold.",
    )

    @field_validator("evidence")
    @classmethod
    def _check_evidence(cls, evidence: tuple[int, int]) -> tuple[int, int]:
        if not evidence[0] < evidence[1]:
            raise ValueError(f"evidence {list(evidence)} must have start < end")
        return evidence


class MetricFact(_Fact):
    type: Literal["metric"] = "metric"
    subject: Id
    measure: Annotated[str, Field(min_length=1)]
    quantity: Id
    change: Id | None = None
    direction: Direction | None = None
    time: Id | None = None


class RankingFact(_Fact):
    type: Literal["ranking"] = "ranking"
    subject: Id
    rank: Id
    scope: str | None = None
    criterion: str | None = None


class ShareFact(_Fact):
    type: Literal["share"] = "share"
    subject: Id
    share: Id
    market: str | None = None
    scope: str | None = None


class MilestoneFact(_Fact):
    type: Literal["milestone"] = "milestone"
    subject: Id
    status: Status
    time: Id | None = None
    place: Id | None = None


class FocusFact(_Fact):
    type: Literal["focus"] = "focus"
    subject: Id
    industries: Annotated[list[Id], Field(min_length=1)]


Fact = Annotated[
    MetricFact | RankingFact | ShareFact | MilestoneFact | FocusFact,
    Field(discriminator="type"),
]

# slot name -> layer it refers to, per fact type; "rank" and "share" name quantity slots of a given kind
_ENTITY, _QUANTITY, _TIMEX = "entity", "quantity", "timex"
FACT_REFERENCES: dict[str, dict[str, str]] = {
    "metric": {"subject": _ENTITY, "quantity": _QUANTITY, "change": _QUANTITY, "time": _TIMEX},
    "ranking": {"subject": _ENTITY, "rank": _QUANTITY},
    "share": {"subject": _ENTITY, "share": _QUANTITY},
    "milestone": {"subject": _ENTITY, "time": _TIMEX, "place": _ENTITY},
    "focus": {"subject": _ENTITY},
}
_REQUIRED_KIND = {"rank": QuantityKind.RANK, "share": QuantityKind.PERCENT}


class Provenance(_Model):
    """How the document was read: the text that the record's offsets index into, and what was guessed."""

    encoding: str | None = Field(
        default=None,
        description="The codec the document's bytes were decoded with (utf-8, gb18030, cp932, euc_jp, utf-16); "
        "null when the text was given as a string.",
    )
    text_format: Literal["text", "html"] = Field(
        default="text",
        description="html: the document was an HTML page, reduced to text (its <title> as line 1, then one "
        "line per block element) before extraction; offsets are on that text, not on the markup.",
    )
    text_chars: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="The length in code points of the text the offsets index into."
    )
    text_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="The SHA-256 of that text in UTF-8, to check a copy of it."
    )
    lang_detected: Lang | None = Field(
        default=None, description="The language detected from the text (kana: ja, else CJK: zh), null if none."
    )
    lang_source: Literal["given", "detected"] | None = Field(
        default=None, description="Whether `lang` was given with the document or detected."
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="What was guessed or changed while reading: a fallback encoding, mixed ja/zh text, "
        "a given language that disagrees with the text, control characters kept.",
    )


class Record(_Model):
    """One document's extraction (SPEC 2).

    Validate with ``Record.model_validate(data, context={"text": text})`` to also check
    that every mention slices the document exactly and every fact's evidence lies in it.
    """

    doc_id: Annotated[str, Field(min_length=1)]
    lang: Lang
    title: str | None
    published_at: Annotated[str, Field(pattern=_ISO_MINUTE)] | None
    source: str | None
    editor: str | None
    entities: list[Entity]
    quantities: list[Quantity]
    timexes: list[Timex]
    facts: list[Fact]
    provenance: Provenance | None = Field(
        default=None,
        description="How the document was read (optional; absent in hand-written gold, not scored). Every "
        "start/end and evidence offset is a code-point index into the decoded text stated here: the bytes "
        "decoded with `encoding` (a leading BOM removed, line ends CRLF/CR/LF kept as they are), and for "
        "`text_format` html the text reduced from the page.",
    )

    @model_validator(mode="after")
    def _check_references(self) -> Record:
        layers: dict[str, dict[str, Mention]] = {
            _ENTITY: {e.id: e for e in self.entities},
            _QUANTITY: {q.id: q for q in self.quantities},
            _TIMEX: {t.id: t for t in self.timexes},
        }
        ids = [m.id for m in self.mentions()] + [f.id for f in self.facts]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"{self.doc_id}: duplicate ids {duplicates}")
        entities = sorted(self.entities, key=lambda e: (e.start, e.end))
        for a, b in pairwise(entities):
            if b.start < a.end:
                raise ValueError(f"{self.doc_id}: entities {a.id} and {b.id} overlap")
        for fact in self.facts:
            for slot, layer in FACT_REFERENCES[fact.type].items():
                ref = getattr(fact, slot)
                if ref is None:
                    continue
                target = layers[layer].get(ref)
                if target is None:
                    raise ValueError(f"{self.doc_id}: fact {fact.id} {slot}={ref!r} is not a {layer} id")
                need = _REQUIRED_KIND.get(slot)
                if need is not None and target.kind is not need:  # type: ignore[attr-defined]
                    raise ValueError(f"{self.doc_id}: fact {fact.id} {slot} must be a {need.value} quantity")
            if isinstance(fact, FocusFact):
                for ref in fact.industries:
                    ent = layers[_ENTITY].get(ref)
                    if ent is None or ent.type is not EntityType.INDUSTRY:  # type: ignore[attr-defined]
                        raise ValueError(f"{self.doc_id}: fact {fact.id} industry {ref!r} is not an INDUSTRY entity")
        return self

    @model_validator(mode="after")
    def _check_text(self, info: ValidationInfo) -> Record:
        text = (info.context or {}).get("text") if info is not None else None
        if text is not None:
            check_offsets(self, text)
        return self

    def mentions(self) -> list[Mention]:
        """Every entity, quantity and timex, in that order."""
        return [*self.entities, *self.quantities, *self.timexes]


class OffsetError(ValueError):
    """A mention or evidence span that does not match the document text."""


def check_offsets(record: Record, text: str) -> None:
    """Raise OffsetError unless every mention of `record` slices `text` exactly."""
    n = len(text)
    for m in record.mentions():
        if m.end > n or text[m.start : m.end] != m.text:
            raise OffsetError(
                f"{record.doc_id}: {m.id} {m.text!r} != text[{m.start}:{m.end}] {text[m.start : m.end]!r}"
            )
    for f in record.facts:
        if f.evidence[1] > n:
            raise OffsetError(f"{record.doc_id}: fact {f.id} evidence {list(f.evidence)} beyond the text ({n})")


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of a Record, as written to `schemas/record.schema.json`."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
