"""`beihu-extract eval`: extract the corpus, score it against gold, write reports, apply the regression gate."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from beihu_extract.documents import Document
from beihu_extract.evaluate import (
    Regression,
    compare_to_baseline,
    load_gold,
    load_texts,
    print_report,
    score,
    write_baseline,
    write_html,
    write_json,
)
from beihu_extract.pipeline import Extractor
from beihu_extract.schema import Record

__all__ = ["EvaluationOutcome", "run_evaluation"]


@dataclass
class EvaluationOutcome:
    """What an evaluation run found: the scores (flat JSON) and the regressions against the baseline."""

    scores: dict[str, object]
    regressions: list[Regression] = field(default_factory=list)


def _held_out(splits: Path | None) -> tuple[str, ...]:
    if splits is None or not splits.exists():
        return ()
    return tuple(json.loads(splits.read_text(encoding="utf-8")).get("held_out", ()))


def run_evaluation(
    corpus: Path,
    gold_dir: Path,
    *,
    json_out: Path | None = None,
    html_out: Path | None = None,
    baseline: Path | None = None,
    update_baseline: bool = False,
    splits: Path | None = None,
    extractor: Extractor | None = None,
    console: Console | None = None,
) -> EvaluationOutcome:
    """Extract every corpus article that has gold, score it, report, and compare with the baseline.

    Articles whose doc_id starts with a `held_out` prefix of `splits` are also scored apart
    (`held_out` and `tuning` sections), so accuracy on unseen articles stays visible.
    """
    console = console or Console()
    gold = load_gold(gold_dir, corpus)
    texts = load_texts(corpus, gold.keys())
    extractor = extractor or Extractor()
    predicted: dict[str, Record] = {}
    docs = [Document(doc_id=doc_id, text=texts[doc_id]) for doc_id in sorted(gold)]
    for doc, result in extractor.extract_many(docs):
        if isinstance(result, Record):
            predicted[doc.doc_id] = result
        else:
            console.print(f"[red]error[/red] {result}")
    result = score(gold, predicted)
    print_report(result, console)
    scores = result.to_json()

    held = _held_out(splits)
    if held:
        parts = {
            "held_out": [d for d in gold if d.startswith(held)],
            "tuning": [d for d in gold if not d.startswith(held)],
        }
        for name, ids in parts.items():
            part = score({d: gold[d] for d in ids}, {d: predicted[d] for d in ids if d in predicted})
            console.rule(f"{name}: {len(ids)} articles")
            print_report(part, console, by_type=False)
            scores[name] = part.to_json()

    if json_out is not None:
        write_json(result, json_out)
        if held:  # the split sections ride along in the same file
            json_out.write_text(json.dumps(scores, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if html_out is not None:
        write_html(result, gold, predicted, texts, html_out)
    regressions: list[Regression] = []
    if baseline is not None:
        if update_baseline:
            write_baseline(result, baseline)
            console.print(f"baseline written to {baseline}")
        elif baseline.exists():
            regressions = compare_to_baseline(result, baseline)
        else:
            console.print(f"[yellow]no baseline at {baseline}; run make eval-update to create it[/yellow]")
    return EvaluationOutcome(scores=scores, regressions=regressions)
