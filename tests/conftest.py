"""Shared fixtures: paths of the bundled corpus and a session-wide extractor (models load once, on first use)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"
REFERENCE_ID = "000_3b836e4530a82553"


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (CORPUS / f"{REFERENCE_ID}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def extractor():
    from beihu_extract.pipeline import get_extractor

    return get_extractor()
