"""Package data: gazetteers, label maps, lexicons and tables, read with importlib.resources."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

__all__ = ["ResourceError", "data_roots", "fingerprint", "load_json", "load_jsonl", "resource_path"]

T = TypeVar("T")


class ResourceError(RuntimeError):
    """A packaged resource file that is missing or does not validate."""


def resource_path(folder: str, name: str) -> Traversable:
    """The packaged file `resources/<folder>/<name>` (folder: ja, zh or common)."""
    return files(__name__).joinpath(folder, name)


@cache
def _read_text(folder: str, name: str) -> str:
    path = resource_path(folder, name)
    if not path.is_file():
        raise ResourceError(f"resource {folder}/{name} is missing")
    return path.read_text(encoding="utf-8")


def load_json(folder: str, name: str, model: type[T] | Any = None) -> Any:
    """Read `resources/<folder>/<name>` as JSON, validated against `model` (a type or pydantic model) if given."""
    try:
        data = json.loads(_read_text(folder, name))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"resource {folder}/{name}: invalid JSON: {exc}") from exc
    if model is None:
        return data
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        raise ResourceError(f"resource {folder}/{name} does not validate: {exc}") from exc


def load_jsonl(folder: str, name: str, model: type[BaseModel]) -> list[Any]:
    """Read `resources/<folder>/<name>` as JSON lines, each validated against `model`."""
    items = []
    for lineno, line in enumerate(_read_text(folder, name).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(model.model_validate_json(line))
        except ValidationError as exc:
            raise ResourceError(f"resource {folder}/{name} line {lineno} does not validate: {exc}") from exc
    return items


def data_roots() -> dict[str, Traversable]:
    """The folders of packaged data that shape a record: the resources and the shipped models."""
    roots = {"": files(__name__)}
    models = files(__name__.rpartition(".")[0]) / "models"
    if models.is_dir():
        roots["models/"] = models
    return roots


def fingerprint(roots: dict[str, Traversable] | None = None) -> str:
    """A short hash of every packaged data file under `roots` (by default `data_roots()`).

    Recorded with batch runs for provenance: a changed lexicon, gazetteer or model weight changes it.
    """
    digest = hashlib.sha256()

    def walk(node: Traversable, prefix: str) -> None:
        for item in sorted(node.iterdir(), key=lambda p: p.name):
            if item.name.startswith(("_", ".")):
                continue
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif not item.name.endswith(".py"):
                digest.update(f"{prefix}{item.name}\0".encode())
                digest.update(item.read_bytes())

    for prefix, root in (roots if roots is not None else data_roots()).items():
        walk(root, prefix)
    return digest.hexdigest()[:16]
