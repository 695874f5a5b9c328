"""The words documents name their sections and table columns with.

Read once from `ingest/data/vocabulary.yaml` and folded for matching.

The readers of assignments, task lists and tables take their heading and column words from
here, so a word learnt from a new document is added in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ingest.text import fold


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The folded words of `vocabulary.yaml`.

    Attributes:
        headings: Kind of section ("assigning", "descriptive" …) → its folded phrases.
        table_columns: Task field ("content", "lead" …) → the folded phrases of a header cell
            naming it, in the order they are tried.
        column_names: The folded phrases a header cell may hold: the fields' and others.
        table_header_words: The folded words a table's header row is made of.
        questions: What a question asks for ("lead", "due" …) → the folded phrases it asks with.
    """

    headings: dict[str, tuple[str, ...]]
    table_columns: tuple[tuple[str, tuple[str, ...]], ...]
    column_names: tuple[str, ...]
    table_header_words: frozenset[str]
    questions: dict[str, tuple[str, ...]]

    def question_pattern(self, kind: str) -> str:
        """A regex group of one kind of question cue's phrases, as whole words."""
        return rf"\b({alternation(self.questions[kind])})\b"

    def heading_pattern(self, kind: str) -> str:
        """A regex alternation of one kind of heading's phrases (no anchors, no groups)."""
        return alternation(self.headings[kind])


def alternation(phrases: tuple[str, ...]) -> str:
    """A regex matching any of the folded phrases, the longest first, spaces as written."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _folded(phrases) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(fold(str(p)).split()) for p in phrases))


@cache
def load_vocabulary() -> Vocabulary:
    """Read the vocabulary shipped with the package (once)."""
    raw = yaml.safe_load(
        resources.files("ingest.data").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    )
    columns = tuple((name, _folded(words)) for name, words in raw["table_columns"].items())
    return Vocabulary(
        headings={kind: _folded(words) for kind, words in raw["headings"].items()},
        table_columns=columns,
        column_names=_folded([*(p for _, ps in columns for p in ps), *raw["column_names"]]),
        table_header_words=frozenset(
            w for phrase in _folded(raw["table_header_words"]) for w in phrase.split()
        ),
        questions={kind: _folded(words) for kind, words in raw["questions"].items()},
    )
