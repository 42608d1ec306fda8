"""Evaluation of records against gold per SPEC section 4: loading, matching, scoring, reports and the baseline gate."""

from beihu_extract.evaluate.baseline import (
    DEFAULT_BASELINE,
    Regression,
    compare_to_baseline,
    load_baseline,
    write_baseline,
)
from beihu_extract.evaluate.diagnostics import Diagnosis, diagnose
from beihu_extract.evaluate.loading import EvalInputError, load_gold, load_predictions, load_texts, read_text
from beihu_extract.evaluate.matching import LAYERS
from beihu_extract.evaluate.report import (
    print_report,
    render_document_html,
    render_report_html,
    write_html,
    write_json,
)
from beihu_extract.evaluate.scoring import Counts, DocumentResult, EvalResult, Scores, score

__all__ = [
    "DEFAULT_BASELINE",
    "LAYERS",
    "Counts",
    "Diagnosis",
    "DocumentResult",
    "EvalInputError",
    "EvalResult",
    "Regression",
    "Scores",
    "compare_to_baseline",
    "diagnose",
    "load_baseline",
    "load_gold",
    "load_predictions",
    "load_texts",
    "print_report",
    "read_text",
    "render_document_html",
    "render_report_html",
    "score",
    "write_baseline",
    "write_html",
    "write_json",
]
