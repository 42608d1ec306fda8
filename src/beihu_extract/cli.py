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
) -> None:
    """Extract one Record per document as JSON lines."""
    from dataclasses import replace

    from beihu_extract.documents import iter_documents
    from beihu_extract.errors import DocumentError
    from beihu_extract.pipeline import get_extractor

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
        for _, result in get_extractor().extract_many(docs):
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
    out: Annotated[Path, typer.Option("--out", help="Output folder: records.jsonl, errors.jsonl, summary.json.")],
) -> None:
    """Extract a whole folder or JSONL file; exit 3 when some documents failed (all others are written)."""
    from beihu_extract.batch import run_batch

    if not input.exists():
        raise _fail(f"{input}: no such file or folder")
    summary = run_batch([input], out)
    typer.echo(
        f"{summary.succeeded} records, {summary.failed} errors in {summary.seconds:.1f}s -> {out}",
        err=True,
    )
    if summary.failed:
        raise typer.Exit(3)


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
