"""Label maps: a statistical model's entity labels mapped to SPEC types, as data (`resources/<lang>/labels.json`)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from beihu_extract.resources import load_json
from beihu_extract.schema import EntityType, OrgSubtype

__all__ = ["LabelMap", "LabelTarget", "load_label_map"]


class LabelTarget(BaseModel):
    """The SPEC type (and ORG subtype) one model label maps to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: EntityType
    subtype: OrgSubtype | None = None
    common_words: bool = Field(
        default=False,
        description="names of this label are often common words (巨人, レッズ: teams), kept without a proper-name word",
    )

    @model_validator(mode="after")
    def _check_subtype(self) -> LabelTarget:
        if (self.type is EntityType.ORG) != (self.subtype is not None):
            raise ValueError("subtype is required for ORG and only for ORG")
        return self


class LabelMap(BaseModel):
    """A model's label set mapped to SPEC types; labels not listed give no entity."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    labels: dict[str, LabelTarget]

    def get(self, label: str) -> LabelTarget | None:
        return self.labels.get(label)


@cache
def load_label_map(lang: str) -> LabelMap:
    """The label map of `lang`'s statistical NER."""
    return load_json(lang, "labels.json", LabelMap)
