"""The domain gazetteer: real names of places, zones, institutions, companies and industries, with aliases."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from beihu_extract.resources import load_jsonl
from beihu_extract.schema import EntityType, OrgSubtype

__all__ = ["GazetteerEntry", "load_gazetteer"]


class GazetteerEntry(BaseModel):
    """One real-world entity: its canonical key and the names one language writes it with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(min_length=1)
    type: EntityType
    subtype: OrgSubtype | None = None
    names: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_subtype(self) -> GazetteerEntry:
        if (self.type is EntityType.ORG) != (self.subtype is not None):
            raise ValueError(f"{self.key}: subtype is required for ORG and only for ORG")
        return self


@cache
def load_gazetteer(lang: str) -> tuple[GazetteerEntry, ...]:
    """The gazetteer entries of `lang` (`resources/<lang>/gazetteer.jsonl`)."""
    return tuple(load_jsonl(lang, "gazetteer.jsonl", GazetteerEntry))
