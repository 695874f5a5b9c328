"""Văn bản: one document — its fields, aliases, conflicts, hierarchy, derived tasks, citations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

CONFLICT_FIELDS = {"type_code": "loại văn bản", "date": "ngày ban hành", "year": "năm"}
RELATION_NAMES = {"applies": "thực hiện", "issues": "ban hành", "sameAs": "cùng văn bản"}
TREE_SHOWN = 120


def typed_document() -> str | None:
    """The document asked for: a typed số hiệu, else ?doc= in the address."""
    typed = st.text_input(
        "Nhập số hiệu hoặc tên ngắn (vd. 57-NQ/TW, nghi quyet 57)", key="doc_typed"
    )
    if not typed.strip():
        wanted = st.query_params.get("doc")
        return wanted if wanted in services.documents_by_key() else None
    try:
        key = services.find_document(typed)
    except services.AmbiguousReference as err:
        st.warning(f"'{w.md(typed)}' khớp với {len(err.candidates)} văn bản; chọn một:")
        w.candidate_links(err.candidates)
        return None
    except services.UnknownDocument:
        st.error(f"Không tìm thấy văn bản '{w.md(typed)}' trong kho.")
        return None
    if st.query_params.get("doc") != key:
        st.query_params["doc"] = key
    return key


def pick_from_list(current: str | None, where) -> str | None:
    """Every document in a list to choose from (thousands on a large store: drawn last)."""
    docs = services.list_documents()
    if not docs:
        st.info("Kho chưa có văn bản nào. Hãy nạp tài liệu trước.")
        return None
    by_key = services.documents_by_key()
    keys = [d.key for d in docs]
    choice = where.selectbox(
        "Chọn văn bản trong danh sách" if current is None else "Chọn văn bản khác",
        keys,
        index=keys.index(current) if current in by_key else None,
        format_func=lambda k: by_key[k].name,
        placeholder="Chọn văn bản…",
        key="doc_list",
    )
    if choice and choice != current:
        st.query_params["doc"] = choice
        st.rerun()
    return choice


def show_header(key: str, info: services.DocumentView) -> None:
    """The document's name, subject, issuer, date and signer; its codes folded away."""
    st.header(w.md(services.name_of(key)))
    if info.subject:
        st.markdown(f"*{w.md(info.subject)}*")
    rows = [
        ("Số hiệu", info.symbol),
        ("Loại văn bản", services.type_name(info.type_code)),
        ("Cơ quan ban hành", services.body_of(key, info.issuing_body)),
        ("Ngày ban hành", services.format_date(info.date)),
    ]
    rows += [("Người ký", f"{s.capacity} {s.name}".strip()) for s in info.signers]
    shown = [(name, str(value)) for name, value in rows if value]
    st.dataframe(
        pd.DataFrame(shown, columns=["Thông tin", "Nội dung"]), hide_index=True, width="stretch"
    )
    if len(info.aliases) > 1:
        st.markdown("**Các cách viết số hiệu:** " + ", ".join(w.md(a) for a in info.aliases))
    seen = set()
    for c in info.conflicts:
        if (c.field, c.values) in seen:
            continue
        seen.add((c.field, c.values))
        name = CONFLICT_FIELDS.get(c.field, "một thông tin")
        shown_values = [services.format_date(v) if c.field == "date" else v for v in c.values]
        st.warning(f"Các tệp ghi khác nhau về {name}: " + " / ".join(w.md(v) for v in shown_values))


def show_technical(key: str, info: services.DocumentView) -> None:
    """Keys and codes, for whoever needs them, folded away."""
    w.technical(
        {
            "Khóa": key,
            "Mã loại": info.type_code,
            "Mã cơ quan": info.issuer,
            "Năm": info.year,
            "Khóa cùng văn bản": list(info.same_as),
        }
    )


def show_tree(title: str, key: str, direction: str) -> None:
    """The documents above or below, as an indented list of links."""
    tree = services.document_tree(key, direction)
    st.markdown(f"**{title}** ({tree.size - 1} văn bản)")
    if tree.size == 1:
        st.caption("Không có.")
        return
    shown = 0
    stack = [(child, 0) for child in reversed(tree.root.children)]
    while stack and shown < TREE_SHOWN:
        node, depth = stack.pop()
        relation = RELATION_NAMES.get(node.relation or "", "")
        prefix = "\u2003" * depth + "└ "
        w.document_link(node.key, f"{services.name_of(node.key)} ({relation})", prefix=prefix)
        shown += 1
        stack.extend((child, depth + 1) for child in reversed(node.children))
    rest = tree.size - 1 - shown + tree.hidden
    if rest > 0:
        st.caption(f"… và {rest} văn bản khác (xem trên đồ thị).")


DERIVED_COLUMNS = [
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Cách phát sinh",
    "Đơn vị phối hợp",
    "Văn bản giao",
    "Nguồn",
]


def derived_tasks(key: str, with_bases: bool) -> tuple[list, dict[str, str]]:
    """The tasks that derive from the document, and how each derives (by task id)."""
    tasks = services.derive_tasks(key)
    how = {t.id: services.how_derived(t, False) for t in tasks}
    if with_bases:
        extra = [t for t in services.derive_tasks(key, True) if t.id not in how]
        how |= {t.id: services.how_derived(t, True) for t in extra}
        tasks = tasks + extra
    return tasks, how


def derived_frame(tasks, how: dict[str, str]) -> tuple[pd.DataFrame, list]:
    """One row per derived task, with its deadline and how it derives; and the task records."""
    known = services.tasks_by_id()
    records = [known.get(t.id) for t in tasks]
    rows = []
    for t, record in zip(tasks, records, strict=True):
        rows.append(
            {
                "Nhiệm vụ": t.text,
                "Đơn vị chủ trì": ", ".join(record.lead_units) if record else t.lead_unit or "",
                "Đơn vị phối hợp": ", ".join(record.partner_units) if record else "",
                "Thời hạn": services.deadline_text(record) if record else "",
                "Cách phát sinh": how[t.id],
                "Văn bản giao": services.short_name_of(record.document)
                if record and record.document
                else "",
                "Nguồn": w.file_name(t.file),
            }
        )
    return pd.DataFrame(rows, columns=DERIVED_COLUMNS), [r for r in records if r]


def show_counts(frame: pd.DataFrame) -> None:
    """How many tasks each lead unit has, and how many fall due at each deadline."""
    left, right = st.columns(2)
    leads, deadlines = frame["Đơn vị chủ trì"], frame["Thời hạn"]
    w.count_table(left, "Số nhiệm vụ theo đơn vị chủ trì", leads, "Đơn vị chủ trì", "(chưa ghi)")
    w.count_table(right, "Số nhiệm vụ theo thời hạn", deadlines, "Thời hạn", "(không ghi thời hạn)")


def show_derived(key: str) -> None:
    """The derived tasks in a sortable table, with counts and exports."""
    with_bases = st.toggle(
        "Gồm cả văn bản căn cứ",
        key="with_bases",
        help="Cũng tính nhiệm vụ của các văn bản nêu văn bản này trong phần Căn cứ.",
    )
    with st.spinner("Đang tìm các nhiệm vụ phát sinh…"):
        tasks, how = derived_tasks(key, with_bases)
        frame, records = derived_frame(tasks, how)
    direct = int((frame["Cách phát sinh"] == "Trực tiếp").sum())
    by_base = int((frame["Cách phát sinh"] == "Theo căn cứ").sum())
    summary = f"**{len(frame)} nhiệm vụ** phát sinh từ văn bản này ({direct} trực tiếp, "
    summary += f"{len(frame) - direct - by_base} qua văn bản thực hiện"
    summary += f", {by_base} theo căn cứ)" if with_bases else ")"
    st.markdown(summary)
    if frame.empty:
        return
    w.task_table(frame, "derived_table")
    show_counts(frame)
    subject = "THỰC HIỆN " + services.name_of(key).upper()
    w.export_buttons(records, subject, "gồm cả văn bản căn cứ" if with_bases else "")


def show_citations(key: str) -> None:
    """The sentences that cite the document, the citation marked."""
    passages, total = services.citing_passages(key)
    st.markdown(f"**{total} lần được trích dẫn**")
    for p in passages:
        w.show_passage(p)
    if total > len(passages):
        st.caption(f"… và {total - len(passages)} lần khác.")


st.title("Văn bản")
w.require_store()
key = typed_document()
if key:
    # The page's own content first, the long list of every document last: first paint
    # must not wait for thousands of options.
    info = services.show_document(key)
    show_header(key, info)
    w.graph_link(key)
    above, below = st.columns(2)
    with above:
        show_tree("Văn bản cấp trên (văn bản này thực hiện)", key, "up")
    with below:
        show_tree("Văn bản cấp dưới (thực hiện văn bản này)", key, "down")
    st.subheader("Nhiệm vụ phát sinh")
    show_derived(key)
    st.subheader("Các câu trích dẫn văn bản này")
    show_citations(key)
    show_technical(key, info)
    pick_from_list(key, st.sidebar)
elif not st.session_state.get("doc_typed", "").strip():
    pick_from_list(None, st)
