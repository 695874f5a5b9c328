"""The store's one view of a task.

Every task with its fields, as the explorer lists and filters them, the exports write them
and search indexes them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from graph.store import GraphStore
from ingest.text import fold, sort_key_vi
from ingest.units import expand_unit
from ontology import META_GRAPH, PERSON, UNIT
from ontology.mapping import file_iri, key_of, task_iri


@dataclass(frozen=True, slots=True)
class TaskView:
    """A task as the store holds it, with every field users see or filter on.

    Attributes:
        id: The task id.
        file: The file it was read from.
        document: The key of the plan or programme it belongs to, or None.
        section: Its section.
        row: Its row.
        text: Its text.
        lead_units: Its lead units, the primary one first, the others in order.
        partner_units: Its partner units, in order.
        leader: Its directing leader.
        period: Its period as written.
        due: Its due date (ISO), read from the period; None for standing work.
        due_start: The first day when the period is a range (ISO).
        cites: Keys of the documents its text cites, in order.
        start: Start offset in the file's text (None when not read).
        end: End offset in the file's text (None when not read).
    """

    id: str
    file: str
    document: str | None
    section: str
    row: str
    text: str
    lead_units: tuple[str, ...]
    partner_units: tuple[str, ...]
    leader: str | None
    period: str | None
    cites: tuple[str, ...]
    start: int | None
    end: int | None
    due: str | None = None
    due_start: str | None = None


def list_tasks(
    store: GraphStore, task_ids: list[str] | None = None, file_sha: str | None = None
) -> list[TaskView]:
    """Every task in the store (or the tasks named, or one file's), with its fields.

    Args:
        store: The store.
        task_ids: Only these tasks; None for all.
        file_sha: Only the tasks of the file with this digest.

    Offsets are read only for named tasks and for one file's: listing every task does
    without them (two scans fewer on a large store).

    Returns:
        The tasks, by file, section and row.
    """
    values = ""
    if task_ids is not None:
        if not task_ids:
            return []
        values = "VALUES ?t { " + " ".join(f"<{task_iri(i)}>" for i in task_ids) + " } "
    graph = f"<{file_iri(file_sha)}>" if file_sha else "?g"
    offsets = bool(values or file_sha)

    # One scan per property inside the file graphs (a task's facts all stand in its file's
    # graph), joined here: a single query joining a dozen properties over the union of the
    # graphs is many times slower on a large store.
    def scan(prop: str) -> dict[str, list]:
        found: dict[str, list] = defaultdict(list)
        for r in store.select(
            f"SELECT ?t ?v WHERE {{ {values} GRAPH {graph} {{ ?t {prop} ?v }} }}"
        ):
            if r["v"] not in found[r["t"]]:
                found[r["t"]].append(r["v"])
        return found

    ids = store.select(
        f"SELECT ?t ?id {'?g' if graph == '?g' else ''} WHERE {{ {values} "
        f"GRAPH {graph} {{ ?t chidao:taskId ?id }} }}"
    )
    paths = {
        str(r["f"]): str(r["p"])
        for r in store.select(
            f"SELECT ?f ?p WHERE {{ GRAPH <{META_GRAPH}> {{ ?f chidao:path ?p }} }}"
        )
    }
    fields = {
        name: scan(prop)
        for name, prop in (
            ("section", "chidao:section"),
            ("row", "chidao:row"),
            ("text", "chidao:text"),
            *((("start", "chidao:start"), ("end", "chidao:end")) if offsets else ()),
            ("primary", "chidao:primaryLeadUnit"),
            ("lead", "chidao:leadUnit"),
            ("partner", "chidao:partnerUnit"),
            ("leader", "chidao:directingLeader"),
            ("period", "chidao:period"),
            ("due", "chidao:dueDate"),
            ("due_start", "chidao:dueStart"),
            ("owner", "chidao:partOf"),
            ("cites", "chidao:cites"),
        )
    }
    labels = _agent_labels(store, graph)

    def one(name: str, t: str, default=None):
        found = fields.get(name, {}).get(t)
        return found[0] if found else default

    tasks = []
    for r in ids:
        t = r["t"]
        primary = [labels.get(u, u) for u in fields["primary"].get(t, [])]
        others = {labels.get(u, u) for u in fields["lead"].get(t, [])} - set(primary)
        leader = one("leader", t)
        tasks.append(
            TaskView(
                id=str(r["id"]),
                file=paths.get(str(r.get("g") or file_iri(file_sha or "")), ""),
                document=key_of(one("owner", t)) if one("owner", t) else None,
                section=str(one("section", t, "")),
                row=str(one("row", t, "")),
                text=str(one("text", t, "")),
                lead_units=(*primary, *sorted(others)),
                partner_units=tuple(sorted({labels.get(u, u) for u in fields["partner"][t]})),
                leader=labels.get(leader, leader) if leader else None,
                period=str(one("period", t)) if one("period", t) else None,
                cites=tuple(sorted(key_of(d) for d in fields["cites"].get(t, []))),
                start=int(one("start", t)) if one("start", t) is not None else None,
                end=int(one("end", t)) if one("end", t) is not None else None,
                due=str(one("due", t)) if one("due", t) is not None else None,
                due_start=str(one("due_start", t)) if one("due_start", t) is not None else None,
            )
        )
    return sorted(tasks, key=lambda t: (t.file, natural_key(t.section), natural_key(t.row)))


def _agent_labels(store: GraphStore, graph: str = "?g") -> dict[str, str]:
    """The label of every unit and leader (each file graph repeats its own)."""
    rows = store.select(
        f"SELECT DISTINCT ?x ?l WHERE {{ GRAPH {graph} {{ ?x rdfs:label ?l }} "
        f'FILTER(STRSTARTS(STR(?x), "{UNIT}") || STRSTARTS(STR(?x), "{PERSON}")) }}'
    )
    return {r["x"]: str(r["l"]) for r in rows}


def natural_key(text: str) -> tuple:
    """Sort key that orders "2" before "10" inside section and row numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text))


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """What the task list is narrowed to; an empty field keeps every task.

    Attributes:
        lead_units: Keep tasks led by one of these units.
        partner_units: Keep tasks with one of these partner units.
        leaders: Keep tasks directed by one of these leaders.
        period: Keep tasks whose period contains this text (diacritics and case ignored).
        cites: Keep tasks citing one of these documents (keys).
        files: Keep tasks read from one of these files.
        text: Keep tasks whose text contains this text (diacritics and case ignored).
    """

    lead_units: tuple[str, ...] = ()
    partner_units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    period: str = ""
    cites: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    text: str = ""


def unit_key(name: str) -> str:
    """What tells units apart: the name written in full, without case or diacritics.

    "Sở KH&CN" and "Sở Khoa học và Công nghệ" have one key.
    """
    return " ".join(fold(expand_unit(name)).split())


def _lost_marks(name: str) -> bool:
    """Whether a unit's name is words a scan stripped of their diacritics ("Van Phong")."""
    words = [w for w in name.split() if any(c.islower() for c in w)]
    return len(words) >= 2 and fold(name) == name.lower()


def name_units(names) -> list[str]:
    """Units once each, written in full, in Vietnamese order, for lists to pick from.

    Of the spellings of one unit, one with diacritics wins over one a scan lost them in; a
    name a scan stripped of every mark ("Cac phong, don vi") is left out of the list (its
    tasks keep it, and are found by the text filter).
    """
    kept: dict[str, str] = {}
    for name in names:
        if not name or _lost_marks(name):
            continue
        full = expand_unit(" ".join(name.split()))
        key = unit_key(full)
        if key not in kept or fold(kept[key]) == kept[key].lower():
            kept[key] = full
    return sorted(kept.values(), key=sort_key_vi)


def filter_tasks(tasks: list[TaskView], flt: TaskFilter) -> list[TaskView]:
    """The tasks a filter keeps, in their order.

    Units and leaders are compared without diacritics or case, as users type them; a unit
    matches however its name is abbreviated ("Sở KH&CN" is "Sở Khoa học và Công nghệ").
    """

    def folded(values) -> set[str]:
        return {unit_key(v) for v in values}

    leads, partners, leaders = (
        folded(flt.lead_units),
        folded(flt.partner_units),
        folded(flt.leaders),
    )
    period, text = fold(flt.period.strip()), fold(flt.text.strip())
    cites, files = set(flt.cites), set(flt.files)
    kept = []
    for t in tasks:
        if leads and not leads & folded(t.lead_units):
            continue
        if partners and not partners & folded(t.partner_units):
            continue
        if leaders and not (t.leader and folded([t.leader]) & leaders):
            continue
        if period and period not in fold(t.period or ""):
            continue
        if cites and not cites.intersection(t.cites):
            continue
        if files and t.file not in files:
            continue
        if text and text not in fold(t.text):
            continue
        kept.append(t)
    return kept


def task_ids_of_file(store: GraphStore, path: str) -> list[str]:
    """The ids of the tasks read from one file."""
    rows = store.select(
        "SELECT DISTINCT ?id WHERE { ?f chidao:path "
        f'"{_escape_literal(path)}" . GRAPH ?f {{ ?t chidao:taskId ?id }} }}'
    )
    return sorted(str(r["id"]) for r in rows)


def _escape_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
