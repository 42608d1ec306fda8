"""The evaluation package stays free of spaCy, so scoring runs without a model."""

from __future__ import annotations

import subprocess
import sys


def test_evaluate_imports_no_spacy() -> None:
    code = "import beihu_extract.evaluate, sys; assert 'spacy' not in sys.modules, 'spacy was imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
