"""Canonical keys (SPEC 2.4): the simplified-Chinese full name that joins an entity across articles and languages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import opencc

from beihu_extract.gazetteer import load_gazetteer
from beihu_extract.resources import ResourceError, load_json
from beihu_extract.schema import EntityType, OrgSubtype

__all__ = ["KeyMaker", "key_maker", "normalize_key"]

_SPACES = re.compile(r"\s+")


def normalize_key(name: str) -> str:
    """NFKC without any whitespace: the form every key is stored in."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name))


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@dataclass(frozen=True)
class KeyMaker:
    """Builds keys for one language: gazetteer aliases first, then translated parts and character conversion.

    Attributes:
        aliases: normalized name -> key, per entity type (None: any type).
        parts: translated parts replaced before conversion (株式会社 -> 股份有限公司).
        conversions: OpenCC configurations applied in order (ja: jp2t then t2s; zh: t2s).
        char_fixes: characters OpenCC leaves in a variant form, mapped to standard simplified (硏 -> 研).
        company_legal_forms: legal forms a company key drops.
        government_forms: short endings of government names and the official ending they stand for
            (政府 -> 人民政府).
    """

    aliases: Mapping[tuple[EntityType | None, str], str]
    parts: tuple[tuple[str, str], ...]
    conversions: tuple[str, ...]
    char_fixes: Mapping[str, str] = field(default_factory=dict)
    company_legal_forms: tuple[str, ...] = ()
    government_forms: Mapping[str, str] = field(default_factory=dict)

    def convert(self, name: str) -> str:
        """The character conversion of `name` to simplified Chinese, without gazetteer lookup."""
        out = normalize_key(name)
        for source, target in self.parts:
            out = out.replace(source, target)
        for config in self.conversions:
            out = _converter(config).convert(out)
        if self.char_fixes:
            out = "".join(self.char_fixes.get(ch, ch) for ch in out)
        return out

    def key(self, name: str, type_: EntityType | None = None, subtype: OrgSubtype | None = None) -> str:
        """The canonical key of the entity named `name` (of type `type_` and ORG subtype, when known)."""
        norm = normalize_key(name)
        for probe in ((type_, norm), (None, norm)):
            if probe in self.aliases:
                return self.aliases[probe]
        key = self.convert(name)
        if subtype is OrgSubtype.GOVERNMENT:
            # 浦東新区政府 -> 浦东新区人民政府: a local government is keyed by its official name
            for short, full in self.government_forms.items():
                if key.endswith(short) and not key.endswith(full) and len(key) > len(short):
                    return key[: -len(short)] + full
        if subtype is OrgSubtype.COMPANY:
            # 华工科技产业股份有限公司 -> 华工科技产业: company keys carry no legal form (GAZETTEER.md)
            for form in self.company_legal_forms:
                if key.endswith(form) and len(key) > len(form):
                    return key[: -len(form)]
        return key


@cache
def key_maker(lang: str) -> KeyMaker:
    """The key maker of `lang`, built from package data (gazetteer, key tables, conversion settings)."""
    settings = load_json(lang, "keys.json")
    parts: dict[str, str] = {}
    for name in settings.get("parts", []):
        parts.update(load_json("common", name, dict[str, str]))
    fixes: dict[str, str] = {}
    for name in settings.get("char_fixes", []):
        fixes.update(load_json("common", name, dict[str, str]))
    aliases: dict[tuple[EntityType | None, str], str] = {}
    try:
        entries = load_gazetteer(lang)
    except ResourceError:
        entries = ()
    for entry in entries:
        for written in (*entry.names, entry.key):
            norm = normalize_key(written)
            aliases.setdefault((entry.type, norm), entry.key)
            aliases.setdefault((None, norm), entry.key)
    # Longest parts first so that 株式会社 is replaced before 会社.
    ordered = tuple(sorted(parts.items(), key=lambda kv: -len(kv[0])))
    return KeyMaker(
        aliases=aliases,
        parts=ordered,
        conversions=tuple(settings["opencc"]),
        char_fixes=fixes,
        company_legal_forms=tuple(sorted(settings.get("company_legal_forms", []), key=len, reverse=True)),
        government_forms=settings.get("government_forms", {}),
    )
