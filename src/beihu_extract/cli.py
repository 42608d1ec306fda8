"""The `beihu-extract` command line: thin wrappers over the package's functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from beihu_extract import __version__

app = typer.Typer(
    name="beihu-extract",
    help="Typed, offset-grounded records from Japanese and Chinese news on China's regional development.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

LangOption = Annotated[str | None, typer.Option("--lang", help="ja or zh; detected per document when omitted.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"beihu-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Extract entities, quantities, dates and facts from articles into Records (SPEC.md)."""


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="A .txt file, a folder of them, or a JSONL file.")],
    lang: LangOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write JSONL here instead of stdout.")] = None,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse documents longer than this many characters.")
    ] = 2_000_000,
) -> None:
    """Extract one Record per document as JSON lines."""
    from dataclasses import replace

    from beihu_extract.documents import iter_documents
    from beihu_extract.errors import DocumentError
    from beihu_extract.pipeline import DEFAULT_MAX_CHARS, Extractor, get_extractor

    if lang is not None and lang not in ("ja", "zh"):
        raise _fail(f"--lang must be ja or zh, not {lang!r}", 2)
    failures = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    docs = []
    try:
        for item in iter_documents(paths):
            if isinstance(item, DocumentError):
                typer.echo(f"error: {item}", err=True)
                failures += 1
            else:
                docs.append(replace(item, lang=lang or item.lang))
        # The process-wide extractor keeps its loaded pipelines; another limit needs its own extractor.
        extractor = get_extractor() if max_chars == DEFAULT_MAX_CHARS else Extractor(max_chars=max_chars)
        for _, result in extractor.extract_many(docs):
            if isinstance(result, DocumentError):
                typer.echo(f"error: {result}", err=True)
                failures += 1
            else:
                sink.write(result.model_dump_json() + "\n")
                sink.flush()
    finally:
        if out:
            sink.close()
    if failures:
        raise typer.Exit(1)


@app.command()
def batch(
    input: Annotated[Path, typer.Argument(help="A folder of .txt files (recursively) or a JSONL file.")],
    out: Annotated[
        Path, typer.Option("--out", help="Output folder: records.jsonl, index.jsonl, errors.jsonl, summary.json.")
    ],
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Extraction processes, each loading the pipeline once.")
    ] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local, or dask (needs beihu-extract[dask]).")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address tcp://host:port; none starts a local cluster."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Extract again documents whose record is already up to date.")
    ] = False,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse documents longer than this many characters.")
    ] = 2_000_000,
) -> None:
    """Extract a whole folder or JSONL file, resuming an earlier run; exit 3 when some documents failed."""
    from beihu_extract.batch import BatchError, run_batch
    from beihu_extract.engines import EngineError

    if not input.exists():
        raise _fail(f"{input}: no such file or folder")
    if engine not in ("local", "dask"):
        raise _fail(f"--engine must be local or dask, not {engine!r}", 2)
    if scheduler is not None and engine != "dask":
        raise _fail("--scheduler needs --engine dask", 2)
    try:
        summary = run_batch(
            input, out, workers=workers, engine=engine, scheduler=scheduler, force=force, max_chars=max_chars
        )
    except (BatchError, EngineError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(
        f"{summary.succeeded} records, {summary.failed} errors, {summary.skipped} already done "
        f"in {summary.seconds:.1f}s -> {out}",
        err=True,
    )
    if summary.skipped_other_pipeline:
        typer.echo(
            f"note: {summary.skipped_other_pipeline} of the records already done were made by other resources "
            "or model versions; --force extracts them again",
            err=True,
        )
    if summary.failed:
        raise typer.Exit(3)


@app.command()
def export(
    records: Annotated[Path, typer.Argument(help="A records.jsonl file, as written by batch or extract.")],
    to: Annotated[str, typer.Option("--to", help="duckdb, parquet or csv.")] = "duckdb",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="The database file (duckdb) or a folder of one file per table (parquet, csv)."),
    ] = None,
) -> None:
    """Write records as normalized tables documents, entities, quantities, timexes and facts."""
    from beihu_extract.export import FORMATS, ExportError, export_records

    if to not in FORMATS:
        raise _fail(f"--to must be one of {', '.join(FORMATS)}, not {to!r}", 2)
    if out is None:
        out = records.with_suffix(".duckdb") if to == "duckdb" else records.parent / f"{records.stem}-{to}"
    try:
        counts = export_records(records, to, out)
    except ExportError as exc:
        raise _fail(str(exc)) from None
    typer.echo(", ".join(f"{n} {table}" for table, n in counts.items()) + f" -> {out}", err=True)


@app.command("eval")
def eval_cmd(
    corpus: Annotated[Path, typer.Option("--corpus", help="Folder of the articles.")] = Path("corpus"),
    gold: Annotated[Path, typer.Option("--gold", help="Folder of the gold records.")] = Path("gold"),
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the error report as HTML here.")] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Fail when a layer's F1 falls more than 0.01 below this file.")
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Rewrite --baseline with these scores.")
    ] = False,
    splits: Annotated[
        Path | None, typer.Option("--splits", help="JSON with held_out doc-id prefixes, reported apart.")
    ] = None,
) -> None:
    """Extract the corpus and score it against gold per SPEC section 4."""
    from beihu_extract.evaluation_run import run_evaluation

    try:
        outcome = run_evaluation(
            corpus,
            gold,
            json_out=json_out,
            html_out=html_out,
            baseline=baseline,
            update_baseline=update_baseline,
            splits=splits,
        )
    except (OSError, ValueError) as exc:
        raise _fail(str(exc)) from None
    if outcome.regressions:
        typer.echo("regressions below the baseline:", err=True)
        for regression in outcome.regressions:
            typer.echo(f"  {regression}", err=True)
        raise typer.Exit(1)


@app.command("eval-public")
def eval_public(
    datasets: Annotated[Path, typer.Option("--datasets", help="Folder of the public datasets (read in place).")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="stockmark, gsd-numbers, cluener or uner; repeatable.")
    ] = None,
) -> None:
    """Score the public datasets, each beside its baseline (raw ja_ginza, jieba.posseg) in the same run."""
    from rich.console import Console
    from rich.table import Table

    from beihu_extract.public_eval import run_public_eval

    if not datasets.is_dir():
        raise _fail(f"{datasets}: no such folder")
    results = run_public_eval(datasets, only=set(only) if only else None)
    if not results:
        raise _fail(f"{datasets}: none of the public datasets found")
    table = Table(title="Public datasets (strict span match)")
    for column in ("dataset", "system", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column in ("dataset", "system") else "right")
    for r in results:
        m = r.scores.micro()
        table.add_row(
            r.dataset,
            r.system,
            f"{m['p']:.3f}",
            f"{m['r']:.3f}",
            f"{m['f1']:.3f}",
            str(m["tp"]),
            str(m["fp"]),
            str(m["fn"]),
        )
    Console().print(table)
    by_label = Table(title="F1 by label")
    for column in ("dataset", "system", "label", "F1", "support"):
        by_label.add_column(column)
    for r in results:
        for label, v in r.scores.by_label().items():
            by_label.add_row(r.dataset, r.system, label, f"{v['f1']:.3f}", str(v["tp"] + v["fn"]))
    Console().print(by_label)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(
            json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


@app.command()
def show(
    path: Annotated[Path, typer.Argument(help="One article (.txt).")],
    html: Annotated[Path, typer.Option("--html", help="Write the page here.")],
    lang: LangOption = None,
) -> None:
    """Extract one article and write it as a self-contained HTML page with every mention highlighted."""
    from beihu_extract.documents import read_text_file
    from beihu_extract.errors import DocumentError
    from beihu_extract.evaluate import render_document_html
    from beihu_extract.pipeline import extract as extract_one

    try:
        doc = read_text_file(path)
        record = extract_one(doc.text, doc.doc_id, lang or doc.lang)
    except DocumentError as exc:
        raise _fail(str(exc)) from None
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(render_document_html(doc.text, record), encoding="utf-8")
    typer.echo(str(html))


@app.command("schema")
def schema_cmd(
    out: Annotated[Path, typer.Option("--out", help="Folder to write record.schema.json into.")] = Path("schemas"),
) -> None:
    """Write the JSON Schema of a Record, generated from the pydantic models."""
    from beihu_extract.schema import record_json_schema

    out.mkdir(parents=True, exist_ok=True)
    target = out / "record.schema.json"
    target.write_text(json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    typer.echo(str(target))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
