"""Nhiệm vụ: every task, filtered; each row opens its chain of directives.

Filters: lead unit, partner unit, leader, period, cited document, source file, text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

SHOWN_ROWS = 5000


def read_filter() -> services.TaskFilter:
    """The filters the user set in the sidebar-like panel."""
    facets = services.task_facets()
    with st.expander("Bộ lọc", expanded=True):
        a, b, c = st.columns(3)
        lead = a.multiselect("Đơn vị chủ trì", facets["lead"], key="f_lead", placeholder="Tất cả")
        partner = b.multiselect(
            "Đơn vị phối hợp", facets["partner"], key="f_partner", placeholder="Tất cả"
        )
        leader = c.multiselect(
            "Lãnh đạo chỉ đạo", facets["leader"], key="f_leader", placeholder="Tất cả"
        )
        d, e, f = st.columns(3)
        period = d.text_input("Thời gian thực hiện (vd. quy III/2025)", key="f_period")
        cites = e.multiselect(
            "Văn bản được trích dẫn",
            facets["cites"],
            format_func=services.short_name_of,
            key="f_cites",
            placeholder="Tất cả",
        )
        files = f.multiselect(
            "Tệp nguồn",
            facets["file"],
            format_func=w.file_name,
            key="f_file",
            placeholder="Tất cả",
        )
        text = st.text_input("Nội dung chứa (không cần dấu)", key="f_text")
    return services.TaskFilter(
        lead_units=tuple(lead),
        partner_units=tuple(partner),
        leaders=tuple(leader),
        period=period,
        cites=tuple(cites),
        files=tuple(files),
        text=text,
    )


COLUMNS = [
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Lãnh đạo chỉ đạo",
    "Thời hạn",
    "Thuộc văn bản",
    "Trích dẫn",
    "Nguồn",
    "Mục",
    "STT",
]


def task_frame(tasks) -> pd.DataFrame:
    """One row per task, as people read it (no ids, no paths)."""
    return pd.DataFrame(
        [
            {
                "Nhiệm vụ": t.text,
                "Đơn vị chủ trì": ", ".join(t.lead_units),
                "Đơn vị phối hợp": ", ".join(t.partner_units),
                "Lãnh đạo chỉ đạo": t.leader or "",
                "Thời hạn": services.deadline_text(t),
                "Thuộc văn bản": services.short_name_of(t.document) if t.document else "",
                "Trích dẫn": ", ".join(services.short_name_of(k) for k in t.cites),
                "Nguồn": w.file_name(t.file),
                "Mục": t.section,
                "STT": t.row,
            }
            for t in tasks
        ],
        columns=COLUMNS,
    )


def describe_filter(flt: services.TaskFilter) -> str:
    """The filter in words, for the title of an export."""
    parts = []
    if flt.lead_units:
        parts.append("chủ trì: " + ", ".join(flt.lead_units))
    if flt.partner_units:
        parts.append("phối hợp: " + ", ".join(flt.partner_units))
    if flt.leaders:
        parts.append("lãnh đạo chỉ đạo: " + ", ".join(flt.leaders))
    if flt.period.strip():
        parts.append("thời gian: " + flt.period.strip())
    if flt.cites:
        parts.append("trích dẫn: " + ", ".join(services.short_name_of(k) for k in flt.cites))
    if flt.files:
        parts.append("tệp: " + ", ".join(w.file_name(f) for f in flt.files))
    if flt.text.strip():
        parts.append(f"nội dung có “{flt.text.strip()}”")
    return "; ".join(parts)


def show_chain(task_id: str) -> None:
    """The task, its evidence and every chain of directives above it."""
    task = services.task_record(task_id)
    if task is None:
        st.error(f"Không có nhiệm vụ mã '{w.md(task_id)}' trong kho.")
        return
    st.subheader("Chuỗi chỉ đạo của nhiệm vụ")
    passage = services.evidence(task.file, task.start, task.end)
    if passage is not None:
        w.show_passage(passage)
    else:
        st.text(task.text)
    _origin, chains = services.trace_chains(task_id)
    for n, chain in enumerate(chains, 1):
        st.markdown(f"**Chuỗi {n}:** " + w.md(w.chain_text(chain)))
        for key in chain:
            w.document_link(key, prefix="\u2003")
    w.graph_link(task_id)


st.title("Nhiệm vụ")
w.require_store()
all_tasks = services.list_tasks()
flt = read_filter()
kept = services.filter_tasks(flt)
st.markdown(f"**{len(kept)}** / {len(all_tasks)} nhiệm vụ")
if len(kept) > SHOWN_ROWS:
    st.caption(f"Bảng hiện {SHOWN_ROWS} nhiệm vụ đầu; thu hẹp bộ lọc để xem các nhiệm vụ khác.")
shown = kept[:SHOWN_ROWS]
frame = task_frame(shown)
event = w.task_table(frame, "task_table", on_select="rerun", selection_mode="single-row")
st.caption("Chọn một dòng để xem chuỗi văn bản chỉ đạo của nhiệm vụ.")
rows = event.selection.rows if event is not None else []
selected = shown[rows[0]].id if rows else st.query_params.get("task")
if kept:
    w.export_buttons(kept, "", describe_filter(flt))
if selected:
    show_chain(str(selected))
