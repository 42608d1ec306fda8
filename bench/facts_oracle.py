"""Fact rules on gold mentions: facts P/R/F1 per type and optional-slot accuracy per language (tuning articles only).

The entities, quantities and timexes come from the gold records, the tokens from the real pipelines
(ja_ginza, jieba); only the facts are predicted, so the scores measure the rules alone.

    .venv/bin/python bench/facts_oracle.py [--show 101] [--cache /tmp/views.pkl] [--json out/facts_oracle.json]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

from beihu_extract.chunks import split_into_chunks
from beihu_extract.evaluate import read_text, score
from beihu_extract.evaluate.matching import FactMatch, FactView
from beihu_extract.lang import get_language
from beihu_extract.layout import parse_layout
from beihu_extract.rules import FactInput, extract_facts
from beihu_extract.schema import Record
from beihu_extract.view import DocView, build_view

ROOT = Path(__file__).resolve().parent.parent
# Only these articles are tuned on; the held-out ones (eval/splits.json) are never opened here.
TUNING = ("000", "101", "102", "103", "201", "202", "203", "204")


def _path(folder: str, prefix: str, suffix: str) -> Path:
    (hit,) = sorted((ROOT / folder).glob(f"{prefix}_*{suffix}"))
    return hit


def _check_split() -> None:
    held_out = set(json.loads((ROOT / "eval" / "splits.json").read_text(encoding="utf-8"))["held_out"])
    overlap = held_out & set(TUNING)
    if overlap:
        raise SystemExit(f"facts_oracle: {sorted(overlap)} are held out and must not be tuned on")


def _view(text: str, lang: str, nlp) -> DocView:  # type: ignore[no-untyped-def]
    """The spaCy-free view of `text` as the pipeline builds it (non-content lines blanked)."""
    layout = parse_layout(text, lang)
    chars = list(text)
    for start, end, _ in layout.excluded:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    masked = "".join(chars)
    pieces = split_into_chunks(masked, get_language(lang).max_chunk_bytes)
    return build_view(text, lang, [(s, nlp(masked[s:e])) for s, e in pieces])


def load_inputs(cache: Path | None) -> tuple[dict[str, Record], dict[str, tuple[str, FactInput]], float]:
    """Gold records and fact inputs of the tuning articles, and the seconds spent parsing."""
    golds: dict[str, Record] = {}
    texts: dict[str, str] = {}
    for prefix in TUNING:
        text = read_text(_path("corpus", prefix, ".txt"))
        data = json.loads(_path("gold", prefix, ".json").read_text(encoding="utf-8"))
        gold = Record.model_validate(data, context={"text": text})
        golds[gold.doc_id] = gold
        texts[gold.doc_id] = text
    views: dict[str, DocView] = {}
    parse_seconds = 0.0
    if cache is not None and cache.exists():
        views = pickle.loads(cache.read_bytes())
    missing = [d for d in golds if d not in views]
    if missing:
        nlps = {}
        for doc_id in missing:
            lang = golds[doc_id].lang.value
            if lang not in nlps:
                nlps[lang] = get_language(lang).load()
            started = time.perf_counter()
            views[doc_id] = _view(texts[doc_id], lang, nlps[lang])
            parse_seconds += time.perf_counter() - started
        if cache is not None:
            cache.write_bytes(pickle.dumps(views))
    inputs = {}
    for doc_id, gold in golds.items():
        view = views[doc_id]
        inputs[doc_id] = (
            gold.lang.value,
            FactInput(
                text=texts[doc_id],
                sentences=view.sentences,
                tokens=view.tokens,
                entities=tuple(gold.entities),
                quantities=tuple(gold.quantities),
                timexes=tuple(gold.timexes),
                published_at=gold.published_at,
            ),
        )
    return golds, inputs, parse_seconds


def predicted_mentions(golds: dict[str, Record], inputs: dict[str, tuple[str, FactInput]]) -> dict[str, Record]:
    """Swap the gold mentions for the pipeline's own (entities from `extract`, quantities and timexes from
    their finders), so the facts are scored as they would come out end to end. Gold records keep their
    facts; the returned records are the predicted mentions with no facts yet."""
    from beihu_extract.pipeline import get_extractor
    from beihu_extract.quantities import find_quantities, load_quantity_table
    from beihu_extract.schema import Quantity, Timex
    from beihu_extract.timexes import find_timexes, load_timex_table

    out = {}
    for doc_id, (lang, doc) in inputs.items():
        record = get_extractor().extract(doc.text, doc_id, lang)
        skip = [(s, e) for s, e, _ in parse_layout(doc.text, lang).excluded]
        names = [(e.start, e.end) for e in record.entities]
        quantities = [
            Quantity(
                id=f"q{i}",
                text=q.text,
                start=q.start,
                end=q.end,
                kind=q.kind,
                value=float(q.value),
                unit=q.unit,
                qualifier=q.qualifier,
                counted=q.counted,
            )
            for i, q in enumerate(find_quantities(doc.text, load_quantity_table(lang), skip=[*skip, *names]), 1)
        ]
        timexes = [
            Timex(id=f"t{i}", text=t.text, start=t.start, end=t.end, value=t.value)
            for i, t in enumerate(find_timexes(doc.text, load_timex_table(lang), doc.published_at, skip=skip), 1)
        ]
        data = golds[doc_id].model_dump()
        data.update(
            entities=[e.model_dump() for e in record.entities],
            quantities=[q.model_dump() for q in quantities],
            timexes=[t.model_dump() for t in timexes],
            facts=[],
        )
        out[doc_id] = Record.model_validate(data)
        inputs[doc_id] = (
            lang,
            FactInput(
                text=doc.text,
                sentences=doc.sentences,
                tokens=doc.tokens,
                entities=tuple(record.entities),
                quantities=tuple(quantities),
                timexes=tuple(timexes),
                published_at=doc.published_at,
            ),
        )
    return out


def _describe(view: FactView) -> str:
    slots = {k: v for k, v in view.slots.items() if v is not None}
    return f"{view.type} {slots}"


def show(doc_id: str, result, rule_ids: dict[str, dict[str, str]], text: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Print the matched, missed and spurious facts of one document (with `text`, the evidence of each error)."""
    a = result.documents[doc_id].alignments["facts"]
    print(f"== {doc_id}: tp {a.tp} fp {a.fp} fn {a.fn}")

    def evidence(view: FactView) -> None:
        if text is not None:
            start, end = view.evidence
            print(f"       | {text[start:end]}")

    for i, j in a.pairs:
        g, p = a.gold[i], a.predicted[j]
        wrong = FactMatch.differing_slots(g, p)
        note = f"  optional differ: {[(k, g.slots[k], p.slots.get(k)) for k in wrong]}" if wrong else ""
        print(f"  OK  {_describe(p)} [{rule_ids[doc_id].get(p.id)}]{note}")
    for i in a.unmatched_gold:
        print(f"  MISS {_describe(a.gold[i])}")
        evidence(a.gold[i])
    for j in a.unmatched_predicted:
        print(f"  FP   {_describe(a.predicted[j])} [{rule_ids[doc_id].get(a.predicted[j].id)}]")
        evidence(a.predicted[j])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="append", default=[], help="print the fact alignment of these doc prefixes")
    parser.add_argument("--context", action="store_true", help="with --show, print the evidence of each error")
    parser.add_argument("--cache", type=Path, help="pickle of the parsed views, reused across runs")
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument(
        "--mentions",
        choices=("gold", "predicted"),
        default="gold",
        help="run the rules on the gold mentions (default) or on the pipeline's own",
    )
    args = parser.parse_args(argv)
    _check_split()
    golds, inputs, parse_seconds = load_inputs(args.cache)
    bases = golds if args.mentions == "gold" else predicted_mentions(golds, inputs)
    preds: dict[str, Record] = {}
    rule_ids: dict[str, dict[str, str]] = {}
    started = time.perf_counter()
    for doc_id, (lang, doc) in inputs.items():
        out = extract_facts(doc, lang)
        rule_ids[doc_id] = out.rule_ids
        data = bases[doc_id].model_dump()
        data["facts"] = [f.model_dump() for f in out.facts]
        preds[doc_id] = Record.model_validate(data, context={"text": doc.text})
    fact_seconds = time.perf_counter() - started
    result = score(golds, preds)
    report: dict[str, object] = {}
    for lang in ("ja", "zh"):
        s = result.by_lang[lang]
        facts = s.layers["facts"]
        print(
            f"[{lang}] facts P {facts.precision:.3f} R {facts.recall:.3f} F1 {facts.f1:.3f} "
            f"(tp {facts.tp} fp {facts.fp} fn {facts.fn}); optional-slot accuracy {s.optional_slots.value:.3f} "
            f"({s.optional_slots.correct}/{s.optional_slots.total})"
        )
        for t, c in sorted(s.by_type["facts"].items()):
            print(f"    {t:<10} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} (tp {c.tp} fp {c.fp} fn {c.fn})")
        for name, acc in sorted(s.optional_by_slot.items()):
            print(f"    slot {name:<20} {acc.value:.3f} ({acc.correct}/{acc.total})")
        report[lang] = {
            "facts": facts.to_json(),
            "by_type": {t: c.to_json() for t, c in s.by_type["facts"].items()},
            "optional_slots": s.optional_slots.to_json(),
            "optional_by_slot": {n: a.to_json() for n, a in s.optional_by_slot.items()},
        }
    print(
        f"fact stage {fact_seconds * 1000:.1f} ms for {len(inputs)} documents"
        + (f"; parsing took {parse_seconds * 1000:.0f} ms" if parse_seconds else "")
    )
    for prefix in args.show:
        for doc_id in golds:
            if doc_id.startswith(prefix):
                show(doc_id, result, rule_ids, inputs[doc_id][1].text if args.context else None)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
