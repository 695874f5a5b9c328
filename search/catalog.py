"""What search can return: the passages and tasks of every ingested file, read from the store.

The store and the texts kept beside it are the source of truth; the catalogue is rebuilt from
them file by file (a file is its SHA-256), so the search index follows what `chidao ingest`
wrote without re-running extraction.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import graph.passages
from graph.build import keep_text
from graph.documents import file_titles
from graph.store import GraphStore
from graph.task_list import list_tasks
from ingest.errors import ChidaoError
from ingest.files import file_sha256
from ingest.pipeline import read_document
from ingest.text import fold
from ingest.workspace import text_path
from search.passages import CELL_NAMES, cut_text


@dataclass(frozen=True, slots=True)
class Item:
    """One thing search can return.

    Attributes:
        id: Its number in the index (vectors and BM25 rows carry it).
        kind: "passage" or "task".
        ref: The task id, or "<sha10>:<start>-<end>" for a passage.
        file: The file's path as ingested.
        sha: The file's SHA-256.
        start: Offset of its first character in the file's NFC text.
        end: Offset after its last character.
        text: Its text.
        keys: Keys of the documents it names, cites or belongs to.
        lead: Lead units (tasks).
        partners: Partner units (tasks).
        leader: Directing leader (tasks).
        period: Period (tasks).
        owner: Key of the document the task belongs to (tasks).
        due: The task's due date (ISO), read from its period; None for standing work.
        due_start: The first day when its period is a range (ISO).
        context: What a reader knows from the page around it: the headings and
            introducing items above it, a table row's other cells by column name.
        title: The document's title, issuing body and province.
    """

    id: int
    kind: str
    ref: str
    file: str
    sha: str
    start: int
    end: int
    text: str
    keys: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    leader: str | None = None
    period: str | None = None
    owner: str | None = None
    context: str = ""
    due: str | None = None
    due_start: str | None = None
    title: str = ""

    @property
    def folded(self) -> str:
        """The text folded (lower case, no diacritics), for matching what users type."""
        return fold(self.text)

    @property
    def indexed(self) -> str:
        """What both lanes index: the title, the context, then the text.

        The dense lane embeds the title too: left out, the texts embedded are a third
        shorter, but the samples' recall@5 fell from 0.987 to 0.973 and the development
        archive's MRR from 0.824 to 0.806 (README, Benchmarks).
        """
        return "\n".join(part for part in (self.title, self.context, self.text) if part)


def stored_files(store: GraphStore) -> dict[str, str]:
    """SHA-256 → path of every file the store holds (the first path, where copies share one)."""
    files: dict[str, str] = {}
    for path, sha in sorted(graph.passages.file_digests(store).items()):
        files.setdefault(sha, path)
    return files


def _keys_within(mentions: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    i = bisect_left(mentions, (start, -1, ""))
    keys = []
    while i < len(mentions) and mentions[i][0] < end:
        if mentions[i][2] not in keys:
            keys.append(mentions[i][2])
        i += 1
    return keys


class TextUnavailable(ChidaoError):
    """A stored file whose text is neither in the workspace nor readable at its path."""


def read_text(workspace: Path, sha: str, path: str) -> str:
    """The NFC text of an ingested file.

    It is kept in `<workspace>/texts/` by ingest; a store shared through an endpoint may hold
    files ingested from another workspace, whose text is read again from their path when the
    file there is still the one ingested (same SHA-256), and kept.

    Raises:
        TextUnavailable: Neither is possible.
    """
    text = graph.passages.read_text(workspace, sha)
    if text is not None:
        return text
    source = Path(path)
    if source.is_file() and file_sha256(source) == sha:
        text = read_document(source).text
        keep_text(Path(workspace), sha, text)
        return text
    raise TextUnavailable(
        f"{path}: its text is not in {text_path(workspace, sha).parent} and the file has changed"
    )


def _context(headings: tuple[str, ...], cells) -> str:
    """The lines indexed before an item's text: headings, a row's other cells."""
    named = "; ".join(f"{name}: {value}" for name, value in cells if name != CELL_NAMES["content"])
    return "\n".join(part for part in (" › ".join(headings), named) if part)


def read_file_items(
    store: GraphStore, workspace: Path, sha: str, path: str, first_id: int
) -> list[Item]:
    """The passages and tasks of one ingested file.

    Args:
        store: The store holding the file's graph.
        workspace: The workspace (its texts/ folder holds the file's NFC text).
        sha: The file's SHA-256.
        path: The file's path as ingested.
        first_id: The id of the first item; the others follow.

    Returns:
        Passages first, then tasks, numbered from `first_id`.
    """
    text = read_text(workspace, sha, path)
    mentions = graph.passages.mentions_in_file(store, sha)
    titles = file_titles(store, sha)
    title = titles[0] if titles else ""
    items: list[Item] = []
    passages, outline = cut_text(text)
    starts = [at for at, _ in outline]
    for p in passages:
        items.append(
            Item(
                first_id + len(items),
                "passage",
                f"{sha[:10]}:{p.start}-{p.end}",
                path,
                sha,
                p.start,
                p.end,
                p.text,
                tuple(_keys_within(mentions, p.start, p.end)),
                context=_context(p.context, p.cells),
                title=title,
            )
        )
    tasks = list_tasks(store, file_sha=sha)
    for t in sorted(tasks, key=lambda t: (t.start or 0, t.id)):
        start, end = t.start or 0, t.end or 0
        keys = list(dict.fromkeys([*t.cites, *_keys_within(mentions, start, end)]))
        if t.document and t.document not in keys:
            keys.append(t.document)
        # A task sits under the headings in force where it starts.
        at = bisect_right(starts, start) - 1
        context = _context(outline[at][1] if at >= 0 else (), ())
        items.append(
            Item(
                first_id + len(items),
                "task",
                t.id,
                path,
                sha,
                start,
                end,
                " ".join(t.text.split()),
                tuple(keys),
                t.lead_units,
                t.partner_units,
                t.leader,
                t.period,
                t.document,
                context,
                t.due,
                t.due_start,
                title,
            )
        )
    return items


def tasks_holding(items: Sequence[Item]) -> dict[int, str]:
    """For each passage inside a task's span, the task's id (by the passage's row).

    A task longer than the embedding model's window (512 tokens) is embedded by its head
    only; the passages that cut its text into pieces of at most 600 characters are embedded
    whole, and point to the task through this map, so a hit on any part of a long task leads
    to the task. A passage belongs to the task holding its middle.
    """
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for item in items:
        if item.kind == "task" and item.end > item.start:
            spans.setdefault(item.sha, []).append((item.start, item.end, item.ref))
    for found in spans.values():
        found.sort()
    holding: dict[int, str] = {}
    for row, item in enumerate(items):
        found = spans.get(item.sha) if item.kind == "passage" else None
        if not found:
            continue
        middle = (item.start + item.end) // 2
        at = bisect_right(found, (middle, float("inf"), "")) - 1
        # Tasks do not nest; the nearest one starting before the middle may still hold it.
        if at >= 0 and found[at][0] <= middle < found[at][1]:
            holding[row] = found[at][2]
    return holding


def write_items(items: list[Item], path: Path) -> None:
    """Write items as JSON lines (the caller makes the write atomic)."""
    with open(path, "w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")


def item_from_dict(d: dict) -> Item:
    """An item from the dict `dataclasses.asdict` made of it (and JSON carried)."""
    return Item(
        **{
            **d,
            "keys": tuple(d["keys"]),
            "lead": tuple(d["lead"]),
            "partners": tuple(d["partners"]),
        }
    )


def read_items(path: Path) -> list[Item]:
    """Read items written by `write_items`."""
    with open(path, encoding="utf-8") as src:
        return [item_from_dict(json.loads(line)) for line in src]
