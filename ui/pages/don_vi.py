"""Đơn vị: everything one unit leads or partners in, with the directives each comes from."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w


def unit_frame(tasks) -> pd.DataFrame:
    """One row per task: the task, deadline, the document giving it, its source directives."""
    return pd.DataFrame(
        [
            {
                "Nhiệm vụ": t.text,
                "Thời hạn": services.deadline_text(t),
                "Đơn vị chủ trì": ", ".join(t.lead_units),
                "Đơn vị phối hợp": ", ".join(t.partner_units),
                "Văn bản giao": services.short_name_of(t.document) if t.document else "",
                "Thực hiện văn bản": ", ".join(
                    services.short_name_of(k) for k in services.sources_of(t)
                ),
            }
            for t in tasks
        ],
        columns=[
            "Nhiệm vụ",
            "Thời hạn",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Văn bản giao",
            "Thực hiện văn bản",
        ],
    )


def show_tasks(title: str, tasks, unit: str, role: str) -> None:
    """A unit's tasks in one role, with exports."""
    st.subheader(f"{title} ({len(tasks)})")
    if not tasks:
        st.caption("Không có.")
        return
    w.task_table(unit_frame(tasks), f"unit_{role}")
    w.export_buttons(tasks, f"DO {unit.upper()} {role.upper()}")


st.title("Đơn vị")
w.require_store()
units = services.unit_names()
wanted = st.query_params.get("unit")
unit = st.selectbox(
    "Chọn đơn vị",
    units,
    index=units.index(wanted) if wanted in units else None,
    placeholder="Chọn đơn vị…",
    key="unit_pick",
)
if unit:
    if st.query_params.get("unit") != unit:
        st.query_params["unit"] = unit
    with st.spinner("Đang tìm nhiệm vụ của đơn vị…"):
        leads, partners = services.unit_tasks(unit)
    show_tasks("Nhiệm vụ chủ trì", leads, unit, "chủ trì")
    show_tasks("Nhiệm vụ phối hợp", partners, unit, "phối hợp")
elif not units:
    st.info("Kho chưa có nhiệm vụ nào ghi đơn vị thực hiện.")
