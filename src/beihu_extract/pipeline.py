"""The one path from article to record: `extract()` for one text, `Extractor.extract_many()` for a stream."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from beihu_extract.chunks import split_into_chunks
from beihu_extract.documents import Document, document_provenance
from beihu_extract.entities import entity_layer
from beihu_extract.errors import BeihuError, DocumentError, DocumentTooLongError
from beihu_extract.lang import get_language
from beihu_extract.langid import resolve_language
from beihu_extract.layout import Layout, parse_layout
from beihu_extract.quantities import find_quantities, load_quantity_table
from beihu_extract.rules import FactInput, extract_facts
from beihu_extract.schema import Entity, Fact, Lang, Quantity, Record, Timex
from beihu_extract.timexes import find_timexes, load_timex_table
from beihu_extract.view import DocView, build_view

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MAX_CHARS", "Extractor", "extract", "get_extractor", "length_error"]

# Documents longer than this (code points) are refused by default: 2,000,000 is some 40 long articles.
DEFAULT_MAX_CHARS = 2_000_000

# The longest piece of text (UTF-8 bytes) handed to a pipeline at once, when the language's hard limit is higher.
# GiNZA's working memory grows faster than the length of one text (some 75 MB more at 3,000 characters, 490 MB
# at 12,000), so a long article is analysed in pieces of a few paragraphs; articles of ordinary length (up to
# some 4,000 characters) stay whole.
PIECE_BYTES = 12_000
# The most characters analysed in one `nlp.pipe` batch, so that many long pieces are not held at once.
PIPE_CHARS = 16_000


def length_error(doc: Document, max_chars: int) -> DocumentTooLongError | None:
    """The error of a document longer than `max_chars` characters (`--max-chars`), or None."""
    if len(doc.text) <= max_chars:
        return None
    return DocumentTooLongError(
        doc.doc_id, f"too long: {len(doc.text):,} characters, over the limit of {max_chars:,} (--max-chars)"
    )


def _pipe_batches(pieces: list[_Piece], max_items: int) -> Iterator[list[_Piece]]:
    """Consecutive batches of at most `max_items` pieces and, beyond their first piece, PIPE_CHARS characters."""
    batch: list[_Piece] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= max_items or size + len(piece[2]) > PIPE_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[2])
    if batch:
        yield batch


@dataclass(frozen=True)
class _Prepared:
    """A document with its language and layout decided, cut into tokenizer-sized pieces."""

    doc: Document
    lang: Lang
    layout: Layout
    masked: str
    chunks: tuple[tuple[int, int], ...]


# A piece of a document for the pipeline: the document, the piece's start offset in it, its text.
_Piece = tuple[_Prepared, int, str]


def _mask(text: str, layout: Layout) -> str:
    """`text` with the non-content lines blanked out (same length, so offsets do not move)."""
    if not layout.excluded:
        return text
    chars = list(text)
    for start, end, _ in layout.excluded:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


class Extractor:
    """Loads each language's pipeline once and turns documents into Records.

    Args:
        batch_size: documents analysed together by `nlp.pipe` in `extract_many`.
        max_chars: longer documents fail with a DocumentTooLongError (`--max-chars`).
    """

    def __init__(self, *, batch_size: int = 16, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        if max_chars < 1:
            raise ValueError(f"max_chars must be at least 1, not {max_chars}")
        self.batch_size = batch_size
        self.max_chars = max_chars
        self._nlp: dict[Lang, Language] = {}

    def nlp(self, lang: Lang) -> Language:
        """The spaCy pipeline of `lang`, loaded on first use."""
        if lang not in self._nlp:
            self._nlp[lang] = get_language(lang).load()
        return self._nlp[lang]

    def extract(self, text: str, doc_id: str, lang: str | None = None) -> Record:
        """Extract one document.

        Raises:
            DocumentError: the document cannot be processed (the message names it and the problem).
        """
        ((_, result),) = self.extract_many([Document(doc_id=doc_id, text=text, lang=lang)], catch_internal=False)
        if isinstance(result, BeihuError):
            raise result
        return result

    def extract_many(
        self, docs: Iterable[Document], *, catch_internal: bool = True
    ) -> Iterator[tuple[Document, Record | DocumentError]]:
        """Extract a stream of documents in order, yielding (document, record or error) pairs.

        A failing document yields its error and the stream goes on. With `catch_internal`, an
        unexpected exception is also turned into a DocumentError naming the document.
        """
        it = iter(docs)
        while batch := list(islice(it, self.batch_size)):
            yield from self._extract_batch(batch, catch_internal)

    def _extract_batch(
        self, batch: list[Document], catch_internal: bool
    ) -> Iterator[tuple[Document, Record | DocumentError]]:
        prepared: list[_Prepared | DocumentError] = [
            self._guard(doc, self._prepare, doc, catch=catch_internal) for doc in batch
        ]
        views = self._analyse([p for p in prepared if isinstance(p, _Prepared)])
        for doc, prep in zip(batch, prepared, strict=True):
            if isinstance(prep, DocumentError):
                yield doc, prep
                continue
            yield doc, self._guard(doc, self._build_record, prep, views[id(prep)], catch=catch_internal)

    @staticmethod
    def _guard(doc: Document, fn, *args, catch: bool):  # type: ignore[no-untyped-def]
        try:
            return fn(*args)
        except DocumentError as exc:
            return exc
        except Exception as exc:
            if not catch:
                raise
            return DocumentError(doc.doc_id, f"internal error {type(exc).__name__}: {exc}")

    def _prepare(self, doc: Document) -> _Prepared:
        if not doc.text.strip():
            raise DocumentError(doc.doc_id, "empty article (no text)")
        too_long = length_error(doc, self.max_chars)
        if too_long is not None:
            raise too_long
        lang = resolve_language(doc.text, doc.doc_id, doc.lang)
        layout = parse_layout(doc.text, lang)
        masked = _mask(doc.text, layout)
        chunks = split_into_chunks(masked, min(PIECE_BYTES, get_language(lang).max_chunk_bytes))
        return _Prepared(doc=doc, lang=lang, layout=layout, masked=masked, chunks=tuple(chunks))

    def _analyse(self, prepared: list[_Prepared]) -> dict[int, DocView]:
        """Run each language's pipeline over all pieces of the batch at once; one view per document."""
        by_lang: dict[Lang, list[_Prepared]] = defaultdict(list)
        for prep in prepared:
            by_lang[prep.lang].append(prep)
        views: dict[int, DocView] = {}
        for lang, group in by_lang.items():
            nlp = self.nlp(lang)
            pieces = [(prep, start, prep.masked[start:end]) for prep in group for start, end in prep.chunks]
            per_doc: dict[int, list] = defaultdict(list)
            for batch in _pipe_batches(pieces, self.batch_size):
                spacy_docs = nlp.pipe((text for _, _, text in batch), batch_size=len(batch))
                for (prep, start, _), sdoc in zip(batch, spacy_docs, strict=True):
                    per_doc[id(prep)].append((start, sdoc))
            for prep in group:
                views[id(prep)] = build_view(prep.doc.text, lang, per_doc[id(prep)])
        return views

    @staticmethod
    def _facts(
        view: DocView,
        layout: Layout,
        lang: Lang,
        entities: list[Entity],
        quantities: list[Quantity],
        timexes: list[Timex],
    ) -> list[Fact]:
        """The typed facts, each carrying the id of the rule that made it (provenance)."""
        out = extract_facts(
            FactInput(
                view.text,
                view.sentences,
                view.tokens,
                tuple(entities),
                tuple(quantities),
                tuple(timexes),
                layout.published_at,
            ),
            lang,
        )
        return [f.model_copy(update={"rule": out.rule_ids[f.id]}) for f in out.facts]

    def _build_record(self, prep: _Prepared, view: DocView) -> Record:
        text, lang = prep.doc.text, prep.lang
        entities = [
            Entity(
                id=f"e{i}",
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                type=c.type,
                subtype=c.subtype,
                key=c.key,
            )
            for i, c in enumerate(entity_layer(view, prep.layout, get_language(lang).model_ner), start=1)
        ]
        layout = prep.layout
        lines = [(start, end) for start, end, _ in layout.excluded]
        quantities = [
            Quantity(
                id=f"q{i}",
                text=m.text,
                start=m.start,
                end=m.end,
                kind=m.kind,
                value=float(m.value),
                unit=m.unit,
                qualifier=m.qualifier,
                counted=m.counted,
            )
            for i, m in enumerate(
                find_quantities(text, load_quantity_table(lang), skip=[*lines, *((e.start, e.end) for e in entities)]),
                start=1,
            )
        ]
        timexes = [
            Timex(id=f"t{i}", text=m.text, start=m.start, end=m.end, value=m.value)
            for i, m in enumerate(find_timexes(text, load_timex_table(lang), layout.published_at, skip=lines), start=1)
        ]
        facts = self._facts(view, layout, lang, entities, quantities, timexes)
        # Validated once, with the text, so every mention is checked to slice it exactly.
        return Record.model_validate(
            {
                "doc_id": prep.doc.doc_id,
                "lang": lang,
                "title": layout.title,
                "published_at": layout.published_at,
                "source": layout.source,
                "editor": layout.editor,
                "entities": entities,
                "quantities": quantities,
                "timexes": timexes,
                "facts": facts,
                # How the document was read (encoding, HTML, language, warnings): not scored, see Record.provenance.
                "provenance": document_provenance(prep.doc, lang),
            },
            context={"text": text},
        )


_DEFAULT: Extractor | None = None


def get_extractor() -> Extractor:
    """The process-wide extractor (pipelines are loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(text: str, doc_id: str, lang: str | None = None) -> Record:
    """Extract the Record of one article (SPEC 2).

    Args:
        text: the article as read (UTF-8 decoded, BOM removed, line ends kept).
        doc_id: its id, used in the record and in every error message.
        lang: ``ja`` or ``zh`` to skip language detection.

    Raises:
        DocumentError: the article cannot be processed; the message names it and the problem.
    """
    return get_extractor().extract(text, doc_id, lang)
