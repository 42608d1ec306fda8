"""The project's own error types: every failure on a document names the document."""

from __future__ import annotations

__all__ = ["BeihuError", "DocumentError", "DocumentTooLongError", "EncodingError", "InputError", "LanguageError"]


class BeihuError(Exception):
    """Base class of every error beihu-extract raises on purpose."""


class DocumentError(BeihuError):
    """A document that cannot be extracted; the message names the document and the problem."""

    def __init__(self, doc_id: str, problem: str) -> None:
        self.doc_id = doc_id
        self.problem = problem
        super().__init__(f"{doc_id}: {problem}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Keeps the two-argument constructor across pickling (worker processes send errors back).
        return (type(self), (self.doc_id, self.problem))


class InputError(DocumentError):
    """A file or input line that cannot be read as a document (missing, not UTF-8, empty, malformed)."""


class EncodingError(InputError):
    """Bytes that are not UTF-8 and not recognisably GB18030/GBK, Shift_JIS/CP932 or EUC-JP text."""


class LanguageError(DocumentError):
    """A document whose language cannot be detected or is not supported."""


class DocumentTooLongError(DocumentError):
    """A document longer than the extractor's `max_chars` limit (`--max-chars`)."""
