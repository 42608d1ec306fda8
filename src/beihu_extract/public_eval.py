"""Scores on the public datasets, each beside its baseline run in the same command (`make eval-public`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from beihu_extract.documents import Document
from beihu_extract.evaluate.datasets import (
    Span,
    SpanDoc,
    SpanScores,
    read_cluener,
    read_conllu_ne,
    read_iob2,
    read_stockmark,
    score_spans,
    stockmark_sample,
)
from beihu_extract.labels import load_label_map
from beihu_extract.pipeline import Extractor
from beihu_extract.resources import load_json
from beihu_extract.schema import Entity, Quantity, Record

__all__ = ["PublicResult", "run_public_eval"]


@dataclass(frozen=True)
class PublicResult:
    """One dataset scored by the extractor and by its baseline."""

    dataset: str
    system: str
    scores: SpanScores

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "system": self.system,
            **self.scores.micro(),
            "by_label": self.scores.by_label(),
        }


def _type_key(entity: Entity) -> str:
    return f"{entity.type.value}.{entity.subtype.value}" if entity.subtype else entity.type.value


def _records(extractor: Extractor, docs: list[SpanDoc], lang: str) -> dict[str, Record]:
    stream = (Document(doc_id=d.doc_id, text=d.text, lang=lang) for d in docs)
    out = {}
    for doc, result in extractor.extract_many(stream):
        if isinstance(result, Record):
            out[doc.doc_id] = result
    return out


def _entity_spans(records: Mapping[str, Record], mapping: Mapping[str, str]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for doc_id, record in records.items():
        spans = []
        for e in record.entities:
            label = mapping.get(_type_key(e)) or mapping.get(e.type.value)
            if label:
                spans.append((e.start, e.end, label))
        out[doc_id] = spans
    return out


def _raw_model_spans(
    extractor: Extractor, docs: list[SpanDoc], lang: str, label_of: Callable[[str], str | None]
) -> dict[str, list[Span]]:
    """The raw statistical pipeline of `lang`, without any beihu component, labels mapped by `label_of`."""
    nlp = extractor.nlp(lang)
    ours = [name for name in nlp.pipe_names if name.startswith("beihu_")]
    out: dict[str, list[Span]] = {}
    with nlp.select_pipes(disable=ours):
        for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
            out[doc.doc_id] = [
                (e.start_char, e.end_char, label) for e in sdoc.ents if (label := label_of(e.label_)) is not None
            ]
    return out


def _core_span(text: str, start: int, trim: Mapping[str, list[str]]) -> tuple[int, int]:
    """A quantity's span without the qualifier words at its edges (約2億元 -> 2億元), as UD GSD marks numbers."""
    begin, end = 0, len(text)
    for prefix in sorted(trim["prefixes"], key=len, reverse=True):
        if text.startswith(prefix) and len(prefix) < end:
            begin = len(prefix)
            break
    for suffix in sorted(trim["suffixes"], key=len, reverse=True):
        if text.endswith(suffix) and end - len(suffix) > begin:
            end -= len(suffix)
            break
    return start + begin, start + end


_RANGE_START = re.compile(r"[0-9０-９.,．，]+$")


def _gsd_span(document: str, quantity: Quantity, trim: Mapping[str, list[str]], kinds: Mapping[str, str]) -> Span:
    """A quantity as UD GSD marks it: qualifiers trimmed, a range's lower bound taken in (2~3cm), 5割引 whole,
    2倍 a QUANTITY."""
    start, end = _core_span(quantity.text, quantity.start, trim)
    if start > 1 and document[start - 1] in trim["range_marks"]:
        lower = _RANGE_START.search(document, 0, start - 1)
        if lower is not None:
            start = lower.start()
    label = kinds[quantity.kind.value]
    if quantity.kind.value == "PERCENT":
        if quantity.text.endswith(tuple(trim["multiplications"])):
            label = "QUANTITY"
        elif end == quantity.end:
            end += next((len(w) for w in trim["percent_followers"] if document.startswith(w, end)), 0)
    return start, end, label


def _jieba_spans(docs: Iterable[SpanDoc], mapping: Mapping[str, str]) -> dict[str, list[Span]]:
    import jieba.posseg

    out: dict[str, list[Span]] = {}
    for doc in docs:
        spans, pos = [], 0
        for pair in jieba.posseg.cut(doc.text):
            start = doc.text.find(pair.word, pos)
            if start < 0:
                continue
            pos = start + len(pair.word)
            if pair.flag in mapping:
                spans.append((start, pos, mapping[pair.flag]))
        out[doc.doc_id] = spans
    return out


def run_public_eval(
    datasets: Path, extractor: Extractor | None = None, only: set[str] | None = None
) -> list[PublicResult]:
    """Score every public dataset found under `datasets` (the shared folder, read in place).

    Args:
        datasets: the folder holding stockmark-ner-wikipedia/, ud-japanese-gsd-ne/, cluener2020/, uner-zh-gsdsimp/.
        extractor: the extractor to use (a new one by default).
        only: dataset names to run (stockmark, gsd-numbers, cluener, uner); all by default.
    """
    extractor = extractor or Extractor(batch_size=64)
    maps = load_json("common", "public_datasets.json")
    ja_labels = load_label_map("ja")
    results: list[PublicResult] = []

    def wanted(name: str, path: Path) -> bool:
        return (only is None or name in only) and path.exists()

    path = datasets / "stockmark-ner-wikipedia" / "ner.json"
    if wanted("stockmark", path):
        gold = stockmark_sample(read_stockmark(path))
        stock = maps["stockmark"]

        def ene_to_stockmark(label: str) -> str | None:
            target = ja_labels.get(label)
            if target is None:
                return None
            return stock.get(f"{target.type.value}.{target.subtype.value}" if target.subtype else target.type.value)

        raw = _raw_model_spans(extractor, gold, "ja", ene_to_stockmark)
        results.append(PublicResult("stockmark ner-wikipedia (1,000 sample)", "raw ja_ginza", score_spans(gold, raw)))
        ours = _entity_spans(_records(extractor, gold, "ja"), stock)
        results.append(PublicResult("stockmark ner-wikipedia (1,000 sample)", "beihu-extract", score_spans(gold, ours)))

    path = datasets / "ud-japanese-gsd-ne" / "ja_gsd-ud-test.ne.conllu"
    if wanted("gsd-numbers", path):
        from ginza.ene_ontonotes_mapper import ENE_ONTONOTES_MAPPING

        numeric = {"MONEY", "PERCENT", "QUANTITY"}
        gold = [SpanDoc(d.doc_id, d.text, tuple(s for s in d.spans if s[2] in numeric)) for d in read_conllu_ne(path)]
        raw = _raw_model_spans(
            extractor, gold, "ja", lambda label: m if (m := ENE_ONTONOTES_MAPPING.get(label)) in numeric else None
        )
        results.append(
            PublicResult("UD Japanese GSD NE test (MONEY/PERCENT/QUANTITY)", "raw ja_ginza", score_spans(gold, raw))
        )
        kinds = maps["gsd_numbers"]
        records = _records(extractor, gold, "ja")
        trim = maps["gsd_trim"]
        texts = {d.doc_id: d.text for d in gold}
        ours = {
            doc_id: [_gsd_span(texts[doc_id], q, trim, kinds) for q in r.quantities if q.kind.value in kinds]
            for doc_id, r in records.items()
        }
        results.append(
            PublicResult("UD Japanese GSD NE test (MONEY/PERCENT/QUANTITY)", "beihu-extract", score_spans(gold, ours))
        )

    for name, path, reader, label_map, prediction_map in (
        ("cluener", datasets / "cluener2020" / "dev.json", read_cluener, maps["cluener"], "chinese"),
        ("uner", datasets / "uner-zh-gsdsimp" / "zh_gsdsimp-ud-test.iob2", read_iob2, None, "uner"),
    ):
        if not wanted(name, path):
            continue
        docs = reader(path)
        if label_map is not None:
            docs = [
                SpanDoc(d.doc_id, d.text, tuple((s, e, label_map[lab]) for s, e, lab in d.spans if lab in label_map))
                for d in docs
            ]
        title = "CLUENER 2020 dev (PER/ORG/LOC)" if name == "cluener" else "UNER Chinese GSDSimp test"
        results.append(PublicResult(title, "jieba.posseg", score_spans(docs, _jieba_spans(docs, maps["jieba_posseg"]))))
        ours = _entity_spans(_records(extractor, docs, "zh"), maps[prediction_map])
        results.append(PublicResult(title, "beihu-extract", score_spans(docs, ours)))
    return results
