"""chidao's Python API: the application's use cases, each a plain function on a `Workspace`.

The command line (`ui/cli.py`), the explorer (`ui/services.py`) and the benchmarks are thin
adapters over these functions::

    from chidao import Workspace, derive_tasks, ingest_files

    with Workspace.open(".chidao", create=True) as ws:
        ingest_files(ws, ["data/sample"])
    with Workspace.open(".chidao", read_only=True) as ws:
        for task in derive_tasks(ws, "57-NQ/TW").tasks:
            print(task.text, task.lead_unit)

Search and questions load the embedding model on first use; nothing else does.
"""

from chidao.directives import (
    Derivation,
    Origin,
    count_store,
    derive_tasks,
    describe_view,
    find,
    show_document,
    trace_origin,
)
from chidao.exporting import UnknownExportFormat, Validation, export_store, validate_store
from chidao.ingesting import IndexNotUpdated, IngestOutcome, ingest_files, update_search_index
from chidao.questions import BadQuery, ask_question, check_query, search_text
from chidao.workspace import Workspace

__all__ = [
    "BadQuery",
    "Derivation",
    "IndexNotUpdated",
    "IngestOutcome",
    "Origin",
    "UnknownExportFormat",
    "Validation",
    "Workspace",
    "ask_question",
    "check_query",
    "count_store",
    "derive_tasks",
    "describe_view",
    "export_store",
    "find",
    "ingest_files",
    "search_text",
    "show_document",
    "trace_origin",
    "update_search_index",
    "validate_store",
]
