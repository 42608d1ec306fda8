"""Train the compact Chinese NER shipped in `src/beihu_extract/models/zh_uner_ner/` (`make train-zh`).

Data: UNER Chinese-GSDSimp (CC BY-SA 4.0), read in place from `<datasets>/uner-zh-gsdsimp/`: the train split
trains, the dev split selects the epoch; the test split is never read here (it is scored once, at the end, by
`beihu-extract eval-public`). CLUENER is evaluation-only and is not read either.

Each sentence is re-tokenized by the project's own `JiebaTokenizer`, so the model learns on the tokens it will
see at inference. Gold character spans are aligned to the jieba tokens; a span whose edges fall inside a jieba
word (高蓓 in 女高|蓓) cannot be represented, so its tokens are marked *missing* (no loss either way) rather
than *outside*, and the count of such spans is reported and stored in the model's meta.json.

The run is reproducible: a fixed seed drives shuffling, dropout and initialisation (CPU only), and the output
holds only the `ner` component (with its own hash-embedding tok2vec) and the strings of its labels.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import fix_random_seed, load_config, load_model_from_config, minibatch, registry

from beihu_extract.evaluate.datasets import SpanDoc, read_iob2, score_spans
from beihu_extract.lang.zh import JiebaTokenizer, register_ner_architectures

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = Path(__file__).resolve().with_name("zh_ner.cfg")
DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
DEFAULT_OUT = ROOT / "src" / "beihu_extract" / "models" / "zh_uner_ner"
DATASET = "uner-zh-gsdsimp"
SPLIT_FILE = "zh_gsdsimp-ud-{split}.iob2"
# Files of the output folder written by hand, kept when the model is rebuilt.
KEEP = frozenset({"LICENSE", "ATTRIBUTION.md", "README.md"})


@dataclass
class AlignStats:
    """How many gold spans survived the move to jieba tokens."""

    sentences: int = 0
    spans: int = 0
    lost: Counter[str] | None = None

    def as_dict(self) -> dict[str, object]:
        lost = self.lost or Counter()
        return {
            "sentences": self.sentences,
            "spans": self.spans,
            "lost_spans": sum(lost.values()),
            "lost_by_label": dict(sorted(lost.items())),
        }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def read_split(datasets: Path, split: str) -> list[SpanDoc]:
    """One UNER split, read in place."""
    if split == "test":
        raise ValueError("the test split is for the final measurement only")
    return read_iob2(datasets / DATASET / SPLIT_FILE.format(split=split))


def to_examples(docs: list[SpanDoc], tokenizer: JiebaTokenizer) -> tuple[list[Example], AlignStats]:
    """Training examples on jieba tokens; gold spans that do not fall on token edges become missing tokens."""
    stats = AlignStats(lost=Counter())
    examples = []
    for sdoc in docs:
        predicted = tokenizer(sdoc.text)
        reference = predicted.copy()
        ents: list[Span] = []
        unaligned: list[Span] = []
        for start, end, label in sdoc.spans:
            stats.spans += 1
            span = reference.char_span(start, end, label=label)
            if span is None:
                stats.lost[label] += 1
                unaligned.append(reference.char_span(start, end, alignment_mode="expand"))
            else:
                ents.append(span)
        covered = {i for span in ents for i in range(span.start, span.end)}
        # Two lost spans may share a jieba word (a|b in one token): each token is marked once.
        lost_tokens = {i for span in unaligned for i in range(span.start, span.end)} - covered
        missing = [reference[i : i + 1] for i in sorted(lost_tokens)]
        reference.set_ents(ents, missing=missing)
        examples.append(Example(predicted, reference))
        stats.sentences += 1
    return examples, stats


def dev_scores(nlp: Language, docs: list[Doc], gold: list[SpanDoc]) -> dict[str, object]:
    """Strict span scores of the model alone against the original (character) gold of dev."""
    ner = nlp.get_pipe("ner")
    predicted = {}
    for sdoc, doc in zip(gold, ner.pipe(d.copy() for d in docs), strict=True):
        predicted[sdoc.doc_id] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    scores = score_spans(gold, predicted)
    return {**scores.micro(), "by_label": scores.by_label()}


def replace_mentions(docs: list[SpanDoc], settings: dict) -> list[SpanDoc]:
    """Copies of the training sentences with names swapped for other training names of the same label.

    Mention replacement (Dai & Adel 2020): the contexts stay, the names change, so the model leans less
    on remembering names. Copies are re-segmented by jieba like any sentence.
    """
    rng = random.Random(int(settings["seed"]))
    prob = float(settings["replace_prob"])
    pool: dict[str, list[str]] = {}
    for sdoc in docs:
        for start, end, label in sdoc.spans:
            pool.setdefault(label, []).append(sdoc.text[start:end])
    out = []
    for copy in range(int(settings["copies"])):
        for sdoc in docs:
            if not sdoc.spans:
                continue
            parts, spans, pos, shift = [], [], 0, 0
            for start, end, label in sorted(sdoc.spans):
                name = rng.choice(pool[label]) if rng.random() < prob else sdoc.text[start:end]
                parts += [sdoc.text[pos:start], name]
                spans.append((start + shift, start + shift + len(name), label))
                shift += len(name) - (end - start)
                pos = end
            parts.append(sdoc.text[pos:])
            out.append(SpanDoc(f"{sdoc.doc_id}-mr{copy}", "".join(parts), tuple(spans)))
    return out


def pretrain_on_lexicon(nlp: Language, settings: dict, optimizer) -> dict[str, object]:
    """Teach the word embedding what names look like from jieba's lexicon, before NER training.

    jieba's dictionary tags some 100,000 words as person (nr, nrfg, nrt), place (ns) or organization (nt)
    names. The embedding layer of the NER (word, character slices; no context) learns to tell these classes
    and other words apart, so that characters rare in UNER train (斯 of transliterations, 县 of places) come
    with a prior. jieba ships with beihu-extract (MIT license).
    """
    import jieba.posseg
    from thinc.api import Softmax, chain, with_array

    rng = random.Random(int(settings["seed"]))
    classes = settings["classes"]
    names = sorted(set(classes.values()))
    by_class: dict[str, list[str]] = {c: [] for c in [*names, "other"]}
    for word, tag in sorted(jieba.posseg.dt.word_tag_tab.items()):
        if word.strip():
            by_class[classes.get(tag, "other")].append(word)
    cap = int(settings["max_per_class"])
    words = [(w, i) for i, c in enumerate([*names, "other"]) for w in rng.sample(by_class[c], min(cap, len(by_class[c])))]
    # The parser's tok2vec is chain(chain(embed, encode), list2array, linear); the embedding is context-free.
    embed = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0].layers[0]
    head = with_array(Softmax(len(names) + 1, embed.get_dim("nO")))
    head.initialize()
    model = chain(embed, head)
    size = int(settings["doc_words"])
    history = []
    for _ in range(int(settings["epochs"])):
        rng.shuffle(words)
        docs = [words[i : i + size] for i in range(0, len(words), size)]
        total, right = 0, 0
        for start in range(0, len(docs), int(settings["batch_docs"])):
            batch = docs[start : start + int(settings["batch_docs"])]
            inputs = [Doc(nlp.vocab, words=[w for w, _ in chunk]) for chunk in batch]
            truths = [model.ops.asarray1i([c for _, c in chunk]) for chunk in batch]
            guesses, backprop = model.begin_update(inputs)
            # softmax + cross-entropy: the gradient is (p - onehot) / n
            flat, truth = model.ops.flatten(guesses), model.ops.xp.concatenate(truths)
            onehot = model.ops.xp.eye(flat.shape[1], dtype="f")[truth]
            backprop(model.ops.unflatten((flat - onehot) / len(truth), [len(t) for t in truths]))
            model.finish_update(optimizer)
            right += int((flat.argmax(axis=1) == truth).sum())
            total += len(truth)
        history.append(round(right / total, 4))
    return {"words": len(words), "per_class": {c: len(v) for c, v in by_class.items()}, "accuracy_by_epoch": history}


def train(config_path: Path, datasets: Path, out: Path, max_epochs: int | None = None) -> dict[str, object]:
    """Train on UNER train, keep the epoch best on dev, write the model to `out`; returns the training report."""
    began = time.perf_counter()
    register_ner_architectures()
    config = load_config(config_path)
    settings = config["training"]
    seed = int(settings["seed"])
    fix_random_seed(seed)
    rng = random.Random(seed)

    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    tokenizer = JiebaTokenizer(nlp.vocab)
    train_docs, dev_docs = read_split(datasets, "train"), read_split(datasets, "dev")
    train_examples, train_stats = to_examples(train_docs, tokenizer)
    if "augment" in config:
        extra, _ = to_examples(replace_mentions(train_docs, config["augment"]), tokenizer)
        log(f"augment: {len(extra)} sentences with mentions replaced")
        train_examples += extra
    dev_examples, dev_stats = to_examples(dev_docs, tokenizer)
    dev_tokens = [eg.predicted for eg in dev_examples]
    log(f"train: {train_stats.as_dict()}")
    log(f"dev:   {dev_stats.as_dict()}")

    optimizer = registry.resolve({"optimizer": settings["optimizer"]})["optimizer"]
    nlp.initialize(lambda: train_examples, sgd=optimizer)
    lexicon_report = None
    if "lexicon" in config:
        lexicon_report = pretrain_on_lexicon(nlp, config["lexicon"], registry.resolve({"o": settings["optimizer"]})["o"])
        log(f"lexicon: {lexicon_report}")
    epochs = int(max_epochs or settings["max_epochs"])
    best: tuple[float, int, bytes, dict[str, object]] | None = None
    history = []
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        order = list(train_examples)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=int(settings["batch_size"])):
            nlp.update(batch, drop=float(settings["dropout"]), sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = dev_scores(nlp, dev_tokens, dev_docs)
            f1 = float(scores["f1"])
            if best is None or f1 > best[0]:
                best = (f1, epoch, nlp.get_pipe("ner").to_bytes(exclude=["vocab"]), scores)
        history.append({"epoch": epoch, "loss": round(losses.get("ner", 0.0), 2), "dev_f1": f1})
        log(
            f"epoch {epoch:2d}  loss {losses.get('ner', 0.0):9.2f}  dev P {scores['p']:.3f} R {scores['r']:.3f} "
            f"F1 {f1:.3f}  best {best[0]:.3f}@{best[1]}  {time.perf_counter() - started:.0f}s"
        )
        if epoch - best[1] >= int(settings["patience"]):
            break
    assert best is not None
    best_f1, best_epoch, ner_bytes, best_scores = best

    # A fresh pipeline from the same config holds only the label strings, not the training vocabulary.
    final = load_model_from_config(config, auto_fill=True, validate=True)
    final.get_pipe("ner").from_bytes(ner_bytes, exclude=["vocab"])
    report = {
        "seed": seed,
        "epochs_run": len(history),
        "best_epoch": best_epoch,
        "dev": best_scores,
        "alignment": {"train": train_stats.as_dict(), "dev": dev_stats.as_dict()},
        "lexicon": lexicon_report,
        "history": history,
        "seconds": round(time.perf_counter() - began, 1),
    }
    final.meta.update(
        {
            "name": "uner_ner",
            "version": "1.0.0",
            "spacy_version": ">=3.8.0,<3.9.0",
            "description": (
                "Compact PER/ORG/LOC tagger over jieba.posseg tokens for beihu-extract, trained on UNER "
                "Chinese-GSDSimp (train, selected on dev). A derived work of UNER / UD_Chinese-GSDSimp under "
                "CC BY-SA 4.0: see ATTRIBUTION.md and LICENSE beside it."
            ),
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "UNER Chinese-GSDSimp (Universal NER v1)",
                    "url": "https://github.com/UniversalNER/UNER_Chinese-GSDSimp",
                    "license": "CC BY-SA 4.0",
                    "author": "Mayhew et al., NAACL 2024",
                }
            ],
            "performance": {"dev_strict_f1": best_f1, "dev_p": best_scores["p"], "dev_r": best_scores["r"]},
            "beihu_training": {k: v for k, v in report.items() if k != "history"},
        }
    )
    write_model(final, out)
    return report


def write_model(nlp: Language, out: Path) -> None:
    """Replace the spaCy files of `out` with `nlp`, keeping the hand-written license files."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        staged = Path(tmp) / "model"
        nlp.to_disk(staged)
        for item in out.iterdir():
            if item.name in KEEP:
                continue
            shutil.rmtree(item) if item.is_dir() else item.unlink()
        for item in staged.iterdir():
            shutil.move(str(item), out / item.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS, help="the shared datasets folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the model is written")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--max-epochs", type=int, default=None, help="override [training] max_epochs (smoke runs)")
    args = parser.parse_args(argv)
    spacy.require_cpu()
    report = train(args.config, args.datasets, args.out, args.max_epochs)
    summary = {k: v for k, v in report.items() if k != "history"}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    log(f"model written to {args.out} in {report['seconds']}s (best epoch {report['best_epoch']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
