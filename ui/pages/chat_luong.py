"""Chất lượng dữ liệu: what a careful user fixes or checks first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

CONFLICT_FIELDS = {"type_code": "Loại văn bản", "date": "Ngày ban hành", "year": "Năm"}
PROBLEM_KINDS = {"unresolved": "Chưa xác định", "ambiguous": "Mơ hồ"}
MISSING_NAMES = {"number": "số", "issuer": "cơ quan ban hành", "year": "năm"}


def files_text(files) -> str:
    """File names, one a line, without this machine's folders."""
    return "\n".join(w.file_name(f) for f in files)


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
                    services.short_name_of(r.key),
                    CONFLICT_FIELDS.get(r.field, "Thông tin khác"),
                    " / ".join(
                        services.format_date(v) if r.field == "date" else v for v in r.values
                    ),
                    files_text(r.files),
                )
                for r in rows
            ],
            columns=["Văn bản", "Thông tin", "Các giá trị", "Tệp"],
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
                    PROBLEM_KINDS.get(p.kind, "Chưa rõ"),
                    "; ".join(p.surfaces) or services.short_name_of(p.key),
                    ", ".join(MISSING_NAMES.get(m, m) for m in p.missing),
                    "; ".join(services.name_of(c) for c in p.candidates),
                    files_text(p.files),
                )
                for p in rows
            ],
            columns=["Loại", "Cách viết", "Thiếu", "Có thể là", "Tệp"],
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
                    services.name_of(c.key),
                    services.LEVELS[services.level_of(c.key)],
                    c.mentions,
                    len(c.files),
                )
                for c in rows
            ],
            columns=["Văn bản", "Cấp", "Số lần trích dẫn", "Số tệp"],
        ),
        hide_index=True,
        width="stretch",
    )


def show_shacl() -> None:
    """The store checked against the data rules, on request (slow on a large store)."""
    st.subheader("Kiểm tra ràng buộc dữ liệu")
    st.caption(
        "Đối chiếu toàn bộ kho với các quy tắc dữ liệu (mỗi nhiệm vụ có nội dung, mỗi trích "
        "dẫn trỏ đến một văn bản…)."
    )
    if st.button("Chạy kiểm tra", key="run_shacl"):
        st.session_state["shacl_run"] = True
    if not st.session_state.get("shacl_run"):
        return
    results = services.shacl_violations()
    if not results:
        st.success("Kho dữ liệu đạt mọi ràng buộc.")
        return
    st.warning(f"{len(results)} kết quả vi phạm hoặc cảnh báo.")
    severity = {"Violation": "Vi phạm", "Warning": "Cảnh báo", "Info": "Thông tin"}
    st.dataframe(
        pd.DataFrame(
            [
                (severity.get(r.get("severity", ""), "Vi phạm"), r.get("message", ""))
                for r in results
            ],
            columns=["Mức", "Thông báo"],
        ),
        hide_index=True,
        width="stretch",
    )
    w.technical({"Kết quả SHACL (ontology/shapes.ttl)": results})


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
