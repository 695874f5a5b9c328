"""Errors raised while reading input, each named for its cause.

Every error carries the file it concerns; `str(err)` is the one line the CLI prints.
"""

from __future__ import annotations


class ChidaoError(Exception):
    """Base of every error chidao raises on purpose."""


class BadRequest(ChidaoError):
    """A request chidao will not carry out as asked; the CLI exits with status 2.

    For example a query too long, an unknown export format, a missing folder.
    """


class BadInput(ChidaoError):
    """A file that cannot be read as a document; the CLI exits with status 2.

    Attributes:
        path: The file as the user named it.
        reason: A short human-readable cause, without the file name.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(BadInput):
    """The file type is not one chidao reads (`ingest.load.SUPPORTED_SUFFIXES`)."""


class EmptyFile(BadInput):
    """The file has no bytes, or no text after reading."""


class FileTooLarge(BadInput):
    """The file is over the configured size limit."""


class CorruptFile(BadInput):
    """A .docx or .pdf whose container cannot be parsed."""


class NoTextLayer(BadInput):
    """A PDF with pages but no extractable text (a scan without OCR)."""


class UndecodableText(BadInput):
    """A text file in no encoding chidao recognises (or a binary file)."""
