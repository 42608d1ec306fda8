"""Readers of the public NER datasets (read in place, never copied) and a strict span scorer for them."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "SpanDoc",
    "SpanScores",
    "read_cluener",
    "read_conllu_ne",
    "read_iob2",
    "read_stockmark",
    "score_spans",
    "stockmark_sample",
]

Span = tuple[int, int, str]


@dataclass(frozen=True)
class SpanDoc:
    """One sentence with its labelled spans (end exclusive, code points)."""

    doc_id: str
    text: str
    spans: tuple[Span, ...]


# ---------------------------------------------------------------- readers


def read_stockmark(path: Path) -> list[SpanDoc]:
    """stockmark ner-wikipedia `ner.json`: `{"curid", "text", "entities": [{"span": [s, e], "type"}]}`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        SpanDoc(f"stockmark-{i}", rec["text"], tuple((e["span"][0], e["span"][1], e["type"]) for e in rec["entities"]))
        for i, rec in enumerate(data)
    ]


def stockmark_sample(docs: list[SpanDoc], size: int = 1000, seed: int = 0) -> list[SpanDoc]:
    """The fixed evaluation sample: `random.Random(seed).sample(range(len(docs)), size)`, in that order."""
    return [docs[i] for i in random.Random(seed).sample(range(len(docs)), size)]


def read_cluener(path: Path) -> list[SpanDoc]:
    """CLUENER 2020 JSON lines: `label[type][surface] = [[start, end_inclusive], ...]`."""
    docs = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        rec = json.loads(line)
        spans = [
            (start, end + 1, label)
            for label, surfaces in rec.get("label", {}).items()
            for offsets in surfaces.values()
            for start, end in offsets
        ]
        docs.append(SpanDoc(f"cluener-{i}", rec["text"], tuple(sorted(spans))))
    return docs


def _sentences(path: Path) -> Iterator[tuple[dict[str, str], list[list[str]]]]:
    comments: dict[str, str] = {}
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            comments[key.strip()] = value.strip()
        elif line.strip():
            rows.append(line.split("\t"))
        elif rows:
            yield comments, rows
            comments, rows = {}, []
    if rows:
        yield comments, rows


def _align(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Character offsets of consecutive token forms in text (whitespace between them skipped)."""
    out, pos = [], 0
    for form in forms:
        start = text.find(form, pos)
        if start < 0:
            raise ValueError(f"token {form!r} not found in {text!r} after {pos}")
        out.append((start, start + len(form)))
        pos = start + len(form)
    return out


def _decode_tags(offsets: list[tuple[int, int]], tags: list[str]) -> list[Span]:
    """Spans from BIO / BIOES / BILUO tags (`B-ORG`, `I-ORG`, `L-ORG`, `U-ORG`, `E-`, `S-`, `O`).

    An I/L/E tag that does not continue a span of its label starts one (lenient IOB decoding).
    """
    spans: list[Span] = []
    current: list | None = None  # [start, end, label]
    for (start, end), tag in zip(offsets, tags, strict=True):
        prefix, _, label = tag.partition("-")
        if prefix == "O" or not label:
            if current:
                spans.append(tuple(current))
            current = None
            continue
        if prefix in ("B", "U", "S") or current is None or current[2] != label:
            if current:
                spans.append(tuple(current))
            current = [start, end, label]
        else:
            current[1] = end
        if prefix in ("U", "S", "L", "E"):
            spans.append(tuple(current))
            current = None
    if current:
        spans.append(tuple(current))
    return spans


def read_conllu_ne(path: Path) -> list[SpanDoc]:
    """UD Japanese GSD with the NE layer: `NE=<BILUO>-<LABEL>` in MISC, offsets aligned to `# text`."""
    docs = []
    for comments, rows in _sentences(path):
        rows = [r for r in rows if r[0].isdigit()]  # skip multiword ranges and empty nodes
        text = comments["text"]
        offsets = _align(text, (r[1] for r in rows))
        tags = []
        for r in rows:
            misc = dict(kv.split("=", 1) for kv in r[9].split("|") if "=" in kv) if len(r) > 9 else {}
            tags.append(misc.get("NE", "O"))
        docs.append(SpanDoc(comments.get("sent_id", f"conllu-{len(docs)}"), text, tuple(_decode_tags(offsets, tags))))
    return docs


def read_iob2(path: Path) -> list[SpanDoc]:
    """Universal NER `.iob2`: token in column 2, IOB2 tag in column 3, offsets aligned to `# text`."""
    docs = []
    for comments, rows in _sentences(path):
        text = comments.get("text") or "".join(r[1] for r in rows)
        offsets = _align(text, (r[1] for r in rows))
        docs.append(
            SpanDoc(
                comments.get("sent_id", f"iob2-{len(docs)}"), text, tuple(_decode_tags(offsets, [r[2] for r in rows]))
            )
        )
    return docs


# ---------------------------------------------------------------- scoring


@dataclass
class SpanScores:
    """Strict span scores (same start, end and label), micro over documents and per label."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}

    def micro(self) -> dict[str, float | int]:
        return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def by_label(self) -> dict[str, dict[str, float | int]]:
        labels = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        return {lab: self._prf(self.tp[lab], self.fp[lab], self.fn[lab]) for lab in labels}


def score_spans(gold: Iterable[SpanDoc], predicted: Mapping[str, Iterable[Span]]) -> SpanScores:
    """Strict span P/R/F1: a predicted span counts when a gold span has the same start, end and label.

    Predictions are joined to gold by `doc_id`; a gold sentence without predictions counts as empty.
    """
    scores = SpanScores()
    for doc in gold:
        g = Counter(doc.spans)
        p = Counter(predicted.get(doc.doc_id, ()))
        for span, n in (g & p).items():
            scores.tp[span[2]] += n
        for span, n in (p - g).items():
            scores.fp[span[2]] += n
        for span, n in (g - p).items():
            scores.fn[span[2]] += n
    return scores
