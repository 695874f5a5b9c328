"""Theo dõi thời hạn: tasks due in the next days, and overdue ones, by unit and by source."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

SPANS = {"7 ngày tới": 7, "30 ngày tới": 30, "90 ngày tới": 90}
STATUS_NAMES = {"quá hạn": "Quá hạn", "sắp đến hạn": "Sắp đến hạn", "trong hạn": "Trong hạn"}


def read_choices() -> tuple[dt.date, int | None, bool, str | None]:
    """The day to count from, the span ahead, whether overdue tasks count, and the unit."""
    a, b, c = st.columns([2, 2, 3])
    span = a.radio("Đến hạn trong", list(SPANS), index=1, key="due_span")
    overdue = a.checkbox("Gồm cả nhiệm vụ quá hạn", value=True, key="due_overdue")
    today = b.date_input("Tính từ ngày", value=dt.date.today(), format="DD/MM/YYYY", key="due_day")
    unit = c.selectbox(
        "Đơn vị (chủ trì hoặc phối hợp)",
        services.unit_names(),
        index=None,
        placeholder="Mọi đơn vị",
        key="due_unit",
    )
    return today, SPANS[span], overdue, unit


def due_frame(found) -> pd.DataFrame:
    """One row per task: deadline, days left, status, units, sources."""
    return pd.DataFrame(
        [
            {
                "Thời hạn": services.format_date(d.task.due),
                "Còn lại": f"quá {-d.days_left} ngày" if d.days_left < 0 else f"{d.days_left} ngày",
                "Tình trạng": STATUS_NAMES.get(d.status, d.status),
                "Nhiệm vụ": d.task.text,
                "Đơn vị chủ trì": ", ".join(d.task.lead_units),
                "Đơn vị phối hợp": ", ".join(d.task.partner_units),
                "Văn bản giao": services.short_name_of(d.task.document) if d.task.document else "",
                "Thực hiện văn bản": ", ".join(services.short_name_of(k) for k in d.sources),
            }
            for d in found
        ],
        columns=[
            "Thời hạn",
            "Còn lại",
            "Tình trạng",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Văn bản giao",
            "Thực hiện văn bản",
        ],
    )


st.title("Theo dõi thời hạn")
w.require_store()
today, within, overdue, unit = read_choices()
with st.spinner("Đang xét thời hạn các nhiệm vụ…"):
    found = services.deadlines(today, within, overdue, unit)
late = sum(1 for d in found if d.days_left < 0)
a, b, c = st.columns(3)
a.metric("Quá hạn", late if overdue else "—")
b.metric("Sắp đến hạn", len(found) - late)
c.metric("Tính đến ngày", services.format_date(today.isoformat()))
if not found:
    st.info("Không có nhiệm vụ nào đến hạn trong khoảng này.")
else:
    frame = due_frame(found)
    w.task_table(frame, "due_table")
    left, right = st.columns(2)
    w.count_table(
        left, "Theo đơn vị chủ trì", frame["Đơn vị chủ trì"], "Đơn vị chủ trì", "(chưa ghi)"
    )
    sources = frame["Thực hiện văn bản"].str.split(", ").explode()
    w.count_table(right, "Theo văn bản gốc", sources, "Văn bản", "(không rõ)")
    words = [f"đến hạn trong {within} ngày kể từ {services.format_date(today.isoformat())}"]
    if overdue:
        words.append("gồm cả quá hạn")
    if unit:
        words.append(f"đơn vị: {unit}")
    w.export_buttons([d.task for d in found], "THEO DÕI THỜI HẠN", "; ".join(words))
st.caption(
    "Thời hạn đọc từ cột thời gian của mỗi nhiệm vụ (quý, tháng, ngày); nhiệm vụ "
    "“thường xuyên” không có hạn nên không hiện ở đây."
)
