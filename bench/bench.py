"""Throughput of the full extraction beside the raw models on the same text, as ratios (`make bench`)."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from beihu_extract.documents import Document
from beihu_extract.langid import detect_language
from beihu_extract.pipeline import Extractor


def _timed(fn: Callable[[], object], repeat: int) -> float:
    """The best wall time of `repeat` runs (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _corpus(folder: Path, lang: str, target_chars: int) -> list[Document]:
    """Documents of `lang` from `folder`, repeated until they hold about `target_chars` characters."""
    base = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if detect_language(text) == lang:
            base.append(Document(doc_id=path.stem, text=text, lang=lang))
    docs: list[Document] = []
    while base and sum(len(d.text) for d in docs) < target_chars:
        docs += [Document(f"{d.doc_id}#{len(docs) + i}", d.text, lang) for i, d in enumerate(base)]
    return docs


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_language(lang: str, docs: list[Document], extractor: Extractor, repeat: int) -> dict[str, object]:
    chars = sum(len(d.text) for d in docs)
    nlp = extractor.nlp(lang)
    texts = [d.text for d in docs]
    extractor.extract(docs[0].text, "warm-up", lang)  # load and warm the pipeline before timing

    def full() -> None:
        for _, result in extractor.extract_many(docs):
            if not hasattr(result, "entities"):
                raise SystemExit(f"bench: {result}")

    if lang == "ja":
        baseline_name = "raw ja_ginza nlp.pipe"

        def baseline() -> None:
            for _ in nlp.pipe(texts):
                pass
    else:
        import jieba.posseg

        baseline_name = "jieba.posseg"

        def baseline() -> None:
            for text in texts:
                list(jieba.posseg.cut(text))

    base_s = _timed(baseline, repeat)
    full_s = _timed(full, repeat)
    return {
        "documents": len(docs),
        "characters": chars,
        "baseline": baseline_name,
        "baseline_chars_per_s": round(chars / base_s, 1),
        "full_chars_per_s": round(chars / full_s, 1),
        "full_docs_per_s": round(len(docs) / full_s, 2),
        "ratio_full_to_baseline": round(base_s / full_s, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, default=Path("out/bench.json"))
    parser.add_argument("--chars", type=int, default=100_000, help="characters of text per language")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    extractor = Extractor()
    report: dict[str, object] = {}
    for lang in ("ja", "zh"):
        docs = _corpus(args.corpus, lang, args.chars)
        if not docs:
            print(f"{lang}: no articles in {args.corpus}, skipped", file=sys.stderr)
            continue
        report[lang] = result = bench_language(lang, docs, extractor, args.repeat)
        print(
            f"{lang}: {result['characters']:,} chars in {result['documents']} docs | "
            f"full {result['full_chars_per_s']:,.0f} chars/s, {result['baseline']} "
            f"{result['baseline_chars_per_s']:,.0f} chars/s | ratio {result['ratio_full_to_baseline']:.2f}x"
        )
    report["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    print(f"peak RSS: {report['peak_rss_mb']:,.0f} MB")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
