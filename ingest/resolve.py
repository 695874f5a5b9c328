"""Resolve mentions to the real documents they name.

Identity is the số hiệu read into fields, not its spelling: "359-KH/TU" and "359/KH-TU" are
one plan. Two numbers with the same type, number and issuer but different years are two
documents (02/NQ-CP of 2024 and of 2025). Mentions that disagree on a field stay one
document with the disagreement kept as a `Conflict`; nothing is dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ingest.catalogue import issuer_name, load_programmes, type_name
from ingest.extract import format_symbol
from ingest.keys import make_key, normalize_number, parse_key
from ingest.models import Conflict, LegalDocument, Mention
from ingest.text import fold

# Type words and codes that name the same type: Party "Quy định 230-QĐ/TW".
_SAME_TYPE = {frozenset({"QyĐ", "QĐ"}), frozenset({"QyĐ", "QĐi"})}


@dataclass(frozen=True, slots=True)
class Resolution:
    """The documents a list of mentions resolves to.

    Attributes:
        documents: One per real document, in order of first mention.
        keys: `keys[i]` is the key of the document that mention i resolves to.
    """

    documents: tuple[LegalDocument, ...]
    keys: tuple[str, ...]

    def documents_of(self, indices: Iterable[int]) -> list[LegalDocument]:
        """Return the documents of the given mentions, once each, in mention order."""
        by_key = {d.key: d for d in self.documents}
        seen: dict[str, LegalDocument] = {}
        for i in indices:
            seen.setdefault(self.keys[i], by_key[self.keys[i]])
        return list(seen.values())


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _identity(m: Mention) -> tuple[str, str, str, str]:
    return (
        m.type_code or "",
        normalize_number(m.number),
        fold(m.issuer or "").upper(),
        m.locality or "",
    )


def _nearest(m: Mention, candidates: Sequence[tuple[int, Mention]]) -> int | None:
    """The index of the candidate nearest to `m` in the same file, if any."""
    same_file = [(abs(c.start - m.start), i) for i, c in candidates if c.file == m.file]
    return min(same_file)[1] if same_file else None


def _link_full(mentions: Sequence[Mention], uf: _UnionFind) -> set[int]:
    """Join full mentions of one document; return the year-less ones left ambiguous."""
    by_identity: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if not m.short:
            by_identity[_identity(m)].append(i)
    ambiguous: set[int] = set()
    for members in by_identity.values():
        by_year: dict[int, list[int]] = defaultdict(list)
        yearless = []
        for i in members:
            (by_year[mentions[i].year] if mentions[i].year else yearless).append(i)
        for group in by_year.values():
            for i in group[1:]:
                uf.union(group[0], i)
        if len(by_year) == 1:
            anchor = next(iter(by_year.values()))[0]
            for i in yearless:
                uf.union(anchor, i)
            continue
        for i in yearless[1:]:
            uf.union(yearless[0], i)
        dated = [(i, mentions[i]) for g in by_year.values() for i in g]
        for i in yearless:
            near = _nearest(mentions[i], dated) if by_year else None
            if near is not None:
                uf.union(near, i)
            elif by_year:
                ambiguous.add(i)
    # The same number, issuer and date under two type codes is one document written two
    # ways (327/QĐ-UBND and 327/KH-UBND, both of 26/5/2025).
    by_date: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if not m.short and m.date and m.issuer:
            by_date[
                (normalize_number(m.number), fold(m.issuer).upper(), m.date, m.locality or "")
            ].append(i)
    for group in by_date.values():
        for i in group[1:]:
            uf.union(group[0], i)
    return ambiguous


def _link_short(mentions: Sequence[Mention], uf: _UnionFind) -> dict[int, tuple[str, ...]]:
    """Join short forms to the one full document they can mean; return ambiguous ones."""
    full_by_type_number: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if not m.short:
            full_by_type_number[(m.type_code or "", normalize_number(m.number))].append(i)
    ambiguous: dict[int, tuple[str, ...]] = {}
    first_short: dict[tuple[str, str, int | None], int] = {}
    for i, m in enumerate(mentions):
        if not m.short:
            continue
        cands = [
            j
            for j in full_by_type_number.get((m.type_code or "", normalize_number(m.number)), [])
            if m.year is None or mentions[j].year == m.year
        ]
        for scope in ([j for j in cands if mentions[j].file == m.file], cands):
            roots = {uf.find(j) for j in scope}
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)
                break
            if len(roots) > 1:
                ambiguous[i] = tuple(sorted({mentions[j].symbol or "" for j in scope}))
                break
        else:
            sig = (m.type_code or "", normalize_number(m.number), m.year)
            uf.union(first_short.setdefault(sig, i), i)
            continue
        if i in ambiguous:
            sig = (m.type_code or "", normalize_number(m.number), m.year)
            uf.union(first_short.setdefault(sig, i), i)
    return ambiguous


def _majority(values: Iterable) -> object:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)


def _distinct(values: Iterable) -> tuple:
    return tuple(dict.fromkeys(v for v in values if v is not None))


def _type_conflicts(members: Sequence[Mention]) -> tuple[str, ...]:
    codes = list(_distinct(m.type_code for m in members if not m.short))
    for m in members:
        w = m.word_type
        if w and m.type_code and w != m.type_code and frozenset({w, m.type_code}) not in _SAME_TYPE:
            if w not in codes and w not in ("CV", "L"):
                codes.append(w)
    return tuple(codes)


def _programme_decision(members: Sequence[Mention]) -> LegalDocument | None:
    """The decision that approved a programme cited by its short name only ("Đề án 06")."""
    if not all(m.short for m in members):
        return None
    first = members[0]
    programme = load_programmes().get((first.type_code, normalize_number(first.number)))
    if programme is None:
        return None
    code, number, issuer, year, date, normative = programme.decision
    return LegalDocument(
        key=make_key(code, number, issuer, year),
        type_code=code,
        type_name=type_name(code),
        number=number,
        issuer=issuer,
        year=year,
        symbol=format_symbol(number, code, issuer, year if normative else None, "state"),
        date=date,
        issuing_body=issuer_name(issuer),
        subject=f"phê duyệt {programme.name}",
        aliases=_distinct(" ".join(m.surface.split()) for m in members),
        conflicts=(),
        locality=None,
    )


def _build(members: Sequence[Mention], extra: list[Conflict]) -> LegalDocument:
    programme = _programme_decision(members)
    if programme is not None:
        return programme
    full = [m for m in members if not m.short] or list(members)
    type_code = _majority(m.type_code for m in full)
    typed = [m for m in full if m.type_code == type_code] or full
    number = _majority(m.number for m in typed)
    issuer = _majority(m.issuer for m in typed)
    year = _majority(m.year for m in members)
    date = _majority(m.date for m in members)
    conflicts = list(extra)
    types = _type_conflicts(members)
    if len(types) > 1:
        conflicts.append(Conflict("type_code", types, "one document written with different types"))
    dates = _distinct(m.date for m in members)
    if len(dates) > 1:
        conflicts.append(Conflict("date", dates, "mentions give different dates"))
    issuers = _distinct(m.issuer for m in full)
    if len(issuers) > 1:
        conflicts.append(Conflict("issuer", issuers, "mentions give different issuers"))
    years = _distinct(m.year for m in members)
    if len(years) > 1:
        conflicts.append(
            Conflict("year", tuple(str(y) for y in years), "year-less mention placed by proximity")
        )
    locality = _majority(m.locality for m in typed)
    symbol = _majority(m.symbol for m in typed)
    if symbol is None and issuer is not None:
        symbol = format_symbol(number, type_code, issuer, None, "state")
    aliases = _distinct(
        [symbol]
        + [m.written for m in full if not m.short]
        + [" ".join(m.surface.split()) for m in members if m.short]
    )
    return LegalDocument(
        key=make_key(type_code, number, issuer, year, locality),
        type_code=type_code,
        type_name=type_name(type_code),
        number=number,
        issuer=issuer,
        year=year,
        symbol=symbol,
        date=date,
        issuing_body=next((m.issuing_body for m in members if m.issuing_body), None)
        or issuer_name(issuer),
        subject=next((m.subject for m in members if m.subject), None),
        aliases=aliases,
        conflicts=tuple(conflicts),
        locality=locality,
    )


def resolve_mentions(mentions: Sequence[Mention]) -> Resolution:
    """Group mentions into documents.

    Args:
        mentions: Mentions from one or more files; the files together are the scope in
            which a short or year-less mention is matched to a full one.

    Returns:
        The documents and, for each mention, its document's key.
    """
    uf = _UnionFind(len(mentions))
    ambiguous_year = _link_full(mentions, uf)
    ambiguous_short = _link_short(mentions, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    _join_programmes(mentions, groups)
    documents: list[LegalDocument] = []
    keys = [""] * len(mentions)
    used: Counter[str] = Counter()
    for root in sorted(groups):
        members = groups[root]
        extra = []
        for i in members:
            if i in ambiguous_short:
                extra.append(
                    Conflict(
                        "reference",
                        ambiguous_short[i],
                        f"short form '{mentions[i].surface}' may mean any of these",
                    )
                )
            if i in ambiguous_year:
                extra.append(Conflict("year", (), "year not written; several years possible"))
        doc = _build([mentions[i] for i in members], extra)
        used[doc.key] += 1
        if used[doc.key] > 1:
            # Two groups that read alike (an ambiguous leftover): keep them apart, visibly.
            doc = _with_key(doc, f"{doc.key}#{used[doc.key]}")
        documents.append(doc)
        for i in members:
            keys[i] = doc.key
    return Resolution(tuple(documents), tuple(keys))


def _join_programmes(mentions: Sequence[Mention], groups: dict[int, list[int]]) -> None:
    """A programme cited by its short name joins the approving decision the file cites.

    "Đề án 06 (Quyết định số 06/QĐ-TTg …)": one document, not two alike.
    """
    decisions = {}
    for root, members in groups.items():
        decision = _programme_decision([mentions[i] for i in members])
        if decision is not None:
            decisions[root] = decision.key
    if not decisions:
        return  # most files: no group needs the others' keys built twice
    full: dict[str, int] = {}
    for root, members in groups.items():
        if root not in decisions:
            full.setdefault(_build([mentions[i] for i in members], []).key, root)
    for root, key in decisions.items():
        if key in full:
            groups[full[key]].extend(groups.pop(root))


def _with_key(doc: LegalDocument, key: str) -> LegalDocument:
    return replace(doc, key=key)


def link_keys(
    keys: Iterable[str], dates: Mapping[str, Iterable[str]] | None = None
) -> set[tuple[str, str]]:
    """Pairs of keys, from different files, that name one document.

    A function of the set of keys alone, so the links are the same whatever order the files
    came in: a later file that makes a short form ambiguous takes its link away again.
    A year-less key joins the only dated key with its type, number, issuer and province; a
    key without province joins the only one with it; a short form ("Nghị quyết 57", no
    issuer) joins the only document with its type, number, issuer and year. The same
    number, issuer and date under two type codes is one document written two ways
    (327/QĐ-UBND and 327/KH-UBND, both of 26/5/2025). A file's own unnumbered document
    ("@") and a form its own file found ambiguous ("#") join nothing.

    Args:
        keys: Every document key the store holds.
        dates: The dates of issue files give each key, where they give one.

    Returns:
        (less specific, more specific) pairs, to be linked with chidao:sameAs.
    """
    read = {k: parse_key(k) for k in set(keys)}
    parts = {k: p.identity() for k, p in read.items() if not p.is_own and not p.variant}
    dated: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    placed: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for key, (t, n, i, y, place) in parts.items():
        if i == "_":
            continue
        if y != "_":
            dated[(t, n, i, place)].add(key)
            full[(t, n)].add(key)
        if place != "_":
            placed[(t, n, i, y)].add(key)
    pairs: set[tuple[str, str]] = set()
    for key, (t, n, i, y, place) in parts.items():
        if i == "_":
            candidates = full.get((t, n), set())
        elif place == "_" and placed.get((t, n, i, y)):
            # A file that names no province cites a province's document.
            candidates = placed[(t, n, i, y)]
        elif y == "_":
            candidates = dated.get((t, n, i, place), set())
        else:
            continue
        if len(candidates) == 1:
            pairs.add((key, next(iter(candidates))))
    same_day: dict[tuple[str, str, str, str, str], set[str]] = defaultdict(set)
    for key, day_list in (dates or {}).items():
        if key in parts and parts[key][2] != "_":
            _t, n, i, y, place = parts[key]
            for day in day_list:
                same_day[(n, i, y, place, day)].add(key)
    for group in same_day.values():
        first, *others = sorted(group)
        pairs.update((other, first) for other in others)
    return pairs
