"""Văn bản: one document — its fields, aliases, conflicts, hierarchy, derived tasks, citations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

FIELD_NAMES = {
    "symbol": "Số hiệu",
    "type_code": "Loại văn bản",
    "number": "Số",
    "issuer": "Cơ quan (mã)",
    "issuing_body": "Cơ quan ban hành",
    "date": "Ngày ban hành",
    "year": "Năm",
    "subject": "Trích yếu",
    "key": "Khóa",
}
CONFLICT_FIELDS = {"type_code": "loại văn bản", "date": "ngày", "year": "năm"}
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
        format_func=lambda k: f"{by_key[k].label} — {services.LEVELS[by_key[k].level]}",
        placeholder="Chọn văn bản…",
        key="doc_list",
    )
    if choice and choice != current:
        st.query_params["doc"] = choice
        st.rerun()
    return choice


def show_header(key: str, info: services.DocumentView) -> None:
    """Số hiệu, type, issuer, date, subject; aliases; conflicts."""
    st.header(w.md(info.symbol or services.label_of(key)))
    if info.subject:
        st.markdown(f"*{w.md(info.subject)}*")
    fields = [(name, getattr(info, f)) for f, name in FIELD_NAMES.items()]
    rows = [(name, str(value)) for name, value in fields if value not in (None, "")]
    rows += [("Người ký", f"{s.capacity} {s.name}") for s in info.signers]
    st.dataframe(
        pd.DataFrame(rows, columns=["Trường", "Giá trị"]), hide_index=True, width="stretch"
    )
    if info.aliases:
        st.markdown("**Các cách viết số hiệu:** " + ", ".join(w.md(a) for a in info.aliases))
    seen = set()
    for c in info.conflicts:
        if (c.field, c.values) in seen:
            continue
        seen.add((c.field, c.values))
        name = CONFLICT_FIELDS.get(c.field, c.field)
        values = " / ".join(w.md(v) for v in c.values)
        st.warning(f"Mâu thuẫn về {name}: các tệp ghi {values}")
    if info.same_as:
        st.markdown("**Cùng văn bản với:**")
        for k in info.same_as:
            w.document_link(k)


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
        w.document_link(node.key, f"{services.label_of(node.key)} ({relation})", prefix=prefix)
        shown += 1
        stack.extend((child, depth + 1) for child in reversed(node.children))
    rest = tree.size - 1 - shown + tree.hidden
    if rest > 0:
        st.caption(f"… và {rest} văn bản khác (xem trên đồ thị).")


def derived_frame(key: str) -> pd.DataFrame:
    """The tasks that derive from the document, one row each."""
    tasks = services.derive_tasks(key)
    return pd.DataFrame(
        [
            {
                "Nhiệm vụ": t.text,
                "Mục": t.section,
                "STT": t.row,
                "Đơn vị chủ trì": t.lead_unit or "",
                "Cách": "Trực tiếp" if len(t.via) <= 1 else "Qua chuỗi",
                "Chuỗi chỉ đạo": w.chain_text(t.via),
                "Tệp": t.file,
                "Mã": t.id,
            }
            for t in tasks
        ],
        columns=["Nhiệm vụ", "Mục", "STT", "Đơn vị chủ trì", "Cách", "Chuỗi chỉ đạo", "Tệp", "Mã"],
    )


def show_derived(key: str) -> None:
    """The derived tasks in a sortable table, with export."""
    with st.spinner("Đang tìm các nhiệm vụ phát sinh…"):
        frame = derived_frame(key)
    direct = int((frame["Cách"] == "Trực tiếp").sum())
    st.markdown(
        f"**{len(frame)} nhiệm vụ** phát sinh từ văn bản này "
        f"({direct} trực tiếp, {len(frame) - direct} qua chuỗi văn bản)"
    )
    if frame.empty:
        return
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={"Nhiệm vụ": st.column_config.TextColumn(width="large")},
        key="derived_table",
    )
    name = services.label_of(key).replace("/", "-")
    downloads = (
        ("Tải Excel (.xlsx)", services.to_excel, "xlsx", services.XLSX_MIME),
        ("Tải CSV", services.to_csv, "csv", "text/csv"),
    )
    for column, (label, write, suffix, mime) in zip(st.columns(2), downloads, strict=True):
        column.download_button(
            label,
            lambda write=write: write(frame),
            file_name=f"nhiem-vu-{name}.{suffix}",
            mime=mime,
            on_click="ignore",
        )


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
    show_header(key, services.show_document(key))
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
    pick_from_list(key, st.sidebar)
elif not st.session_state.get("doc_typed", "").strip():
    pick_from_list(None, st)
