"""spaCy components of beihu-extract, registered under `beihu_*` factory names on import."""

from beihu_extract.components.names import NameFinder

__all__ = ["NameFinder"]
