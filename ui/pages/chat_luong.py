"""Chất lượng dữ liệu: what a careful user fixes or checks first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

CONFLICT_FIELDS = {"type_code": "Loại văn bản", "date": "Ngày", "year": "Năm"}
PROBLEM_KINDS = {"unresolved": "Chưa xác định", "ambiguous": "Mơ hồ"}


def show_conflicts(rows) -> None:
    """Documents whose mentions disagree: the first thing to check in the source files."""
    st.subheader(f"Mâu thuẫn giữa các tệp ({len(rows)})")
    st.caption("Cùng một văn bản nhưng các tệp ghi khác nhau: kiểm tra bản gốc rồi sửa tệp sai.")
    if not rows:
        st.success("Không có mâu thuẫn.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                (
                    r.symbol or r.key,
                    CONFLICT_FIELDS.get(r.field, r.field),
                    " / ".join(r.values),
                    "\n".join(r.files),
                    r.key,
                )
                for r in rows
            ],
            columns=["Văn bản", "Trường", "Các giá trị", "Tệp", "Khóa"],
        ),
        hide_index=True,
        width="stretch",
    )
    for r in rows[:20]:
        w.document_link(r.key, prefix="Mở ")


def show_problems(rows) -> None:
    """References that name no single complete document."""
    st.subheader(f"Tham chiếu chưa xác định hoặc mơ hồ ({len(rows)})")
    st.caption(
        "Số hiệu thiếu năm, cơ quan ban hành hoặc khớp nhiều văn bản: "
        "các nhiệm vụ trích dẫn chúng có thể không nối vào chuỗi chỉ đạo."
    )
    if not rows:
        st.success("Mọi tham chiếu đều xác định.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                (
                    PROBLEM_KINDS.get(p.kind, p.kind),
                    "; ".join(p.surfaces) or p.key,
                    ", ".join(p.missing),
                    ", ".join(
                        services.label_of(c) + f" ({services.key_year(c)})" for c in p.candidates
                    ),
                    "\n".join(p.files),
                    p.key,
                )
                for p in rows
            ],
            columns=["Loại", "Cách viết", "Thiếu", "Có thể là", "Tệp", "Khóa"],
        ),
        hide_index=True,
        width="stretch",
    )


def show_cited_only(rows) -> None:
    """Documents cited but never ingested, most cited first: the files worth adding."""
    st.subheader(f"Văn bản được trích dẫn nhưng chưa nạp ({len(rows)})")
    st.caption("Nạp các văn bản được trích dẫn nhiều nhất để nối tiếp chuỗi chỉ đạo.")
    st.dataframe(
        pd.DataFrame(
            [
                (
                    c.symbol or c.key,
                    services.LEVELS[services.level_of(c.key)],
                    c.mentions,
                    len(c.files),
                    c.key,
                )
                for c in rows
            ],
            columns=["Văn bản", "Cấp", "Số lần trích dẫn", "Số tệp", "Khóa"],
        ),
        hide_index=True,
        width="stretch",
    )


def show_shacl() -> None:
    """SHACL results, on request (slow on a large store)."""
    st.subheader("Kiểm tra theo SHACL")
    st.caption("Đối chiếu toàn bộ kho với các ràng buộc trong ontology/shapes.ttl.")
    if st.button("Chạy kiểm tra SHACL", key="run_shacl"):
        st.session_state["shacl_run"] = True
    if not st.session_state.get("shacl_run"):
        return
    results = services.shacl_violations()
    if not results:
        st.success("Kho dữ liệu phù hợp với mọi ràng buộc SHACL.")
        return
    st.warning(f"{len(results)} kết quả vi phạm hoặc cảnh báo.")
    st.dataframe(
        pd.DataFrame(results).rename(
            columns={
                "severity": "Mức",
                "focus": "Nút",
                "path": "Thuộc tính",
                "message": "Thông báo",
                "value": "Giá trị",
            }
        ),
        hide_index=True,
        width="stretch",
    )


st.title("Chất lượng dữ liệu")
w.require_store()
report = services.quality()
a, b, c = st.columns(3)
a.metric("Mâu thuẫn", len(report.conflicts))
b.metric("Tham chiếu chưa xác định / mơ hồ", len(report.problems))
c.metric("Trích dẫn nhưng chưa nạp", len(report.cited_only))
show_conflicts(report.conflicts)
show_problems(report.problems)
show_cited_only(report.cited_only)
show_shacl()
