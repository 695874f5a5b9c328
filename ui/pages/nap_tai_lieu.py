"""Nạp tài liệu: upload .txt/.docx/.pdf files, watch them being read, see what was added."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

# An upload never replaces another file; "unchanged" is content the store already holds.
STATUS_NAMES = {"added": "Đã thêm", "replaced": "Đã thay", "unchanged": "Đã có"}


def run_ingest(files) -> services.UploadOutcome:
    """Ingest the uploaded files with a progress bar and a line per file."""
    bar = st.progress(0.0, text="Đang nạp…")
    done = [0]
    with st.status("Đang đọc tài liệu…", expanded=True) as status:

        def progress(line: str) -> None:
            done[0] += 1
            bar.progress(min(1.0, done[0] / max(1, len(files))), text=w.short(line, 120))
            status.write(w.md(line))

        def index_progress(done: int, total: int) -> None:
            bar.progress(
                min(1.0, done / max(1, total)),
                text=f"Đang cập nhật chỉ mục tìm kiếm: {done}/{total}",
            )

        outcome = services.ingest_uploads(
            [(f.name, f.getvalue()) for f in files], progress, index_progress
        )
        status.update(label="Đã nạp xong", state="complete", expanded=False)
    bar.progress(1.0, text="Hoàn tất")
    return outcome


def show_outcome(outcome: services.UploadOutcome) -> None:
    """What was added, what was refused and why, and the text of each new file."""
    for name, reason in outcome.rejected:
        st.error(f"Đã từ chối {w.md(name)}: {w.md(reason)}")
    report = outcome.report
    if report is None:
        return
    for name, _reason in report.skipped:
        st.error(
            f"Không đọc được {w.md(Path(name).name)}: {w.md(services.explain_skip(report, name))}"
        )
    w.technical({Path(name).name: reason for name, reason in report.skipped})
    new = [f for f in report.files if f.status != "unchanged"]
    known = len(report.files) - len(new)
    if known:
        st.info(f"{known} tệp đã có trong kho (cùng nội dung); không nạp lại.")
    if new:
        st.success(
            f"Đã nạp {len(new)} tệp: {report.documents} văn bản, "
            f"{report.tasks} nhiệm vụ, {report.mentions} lần trích dẫn."
        )
    if report.files:
        st.dataframe(
            pd.DataFrame(
                [
                    (
                        Path(f.file).name,
                        STATUS_NAMES.get(f.status, f.status),
                        f.documents,
                        f.tasks,
                        f.mentions,
                    )
                    for f in report.files
                ],
                columns=["Tệp", "Trạng thái", "Văn bản", "Nhiệm vụ", "Trích dẫn"],
            ),
            hide_index=True,
            width="stretch",
        )
    if outcome.index_note:
        st.info(outcome.index_note)
    for f in report.files:
        text = services.file_text(f.file)
        if text is None:
            continue
        with st.expander(f"Nội dung: {w.md(Path(f.file).name)}", expanded=len(report.files) == 1):
            # Shown as plain text: whatever markup the file holds stays text.
            st.text(text[:3000] + ("…" if len(text) > 3000 else ""))


st.title("Nạp tài liệu")
w.require_store()
limit = services.max_upload_bytes()
st.markdown(
    f"Nhận tệp **{', '.join('.' + t for t in services.UPLOAD_TYPES)}**, "
    f"mỗi tệp tối đa **{services.megabytes(limit)}**. Tệp hỏng hay sai loại bị từ chối kèm lý do; "
    "các tệp khác vẫn được nạp."
)
# Streamlit writes its drop zone and button in English ("Upload", "50MB per file"); the
# words are replaced for Vietnamese users (the limit is said above in Vietnamese).
st.html(
    "<style>"
    '[data-testid="stFileUploaderDropzoneInstructions"] {display:none}'
    '[data-testid="stFileUploaderDropzone"] button > div {display:none}'
    '[data-testid="stFileUploaderDropzone"] button::after {content:"Chọn tệp từ máy"}'
    "</style>"
)
uploads = st.file_uploader(
    "Chọn tệp",
    # Types are checked below rather than by the widget, so a wrong file gets a clear
    # Vietnamese reason instead of being silently hidden from the picker.
    accept_multiple_files=True,
    key="uploads",
    max_upload_size=max(1, math.ceil(limit / 1024 / 1024)),
)
for f in uploads or []:
    reason = services.check_upload(f.name, f.size)
    if reason:
        st.error(f"Sẽ từ chối {w.md(f.name)}: {w.md(reason)}")
if st.button("Nạp vào kho", type="primary", disabled=not uploads, key="ingest_button"):
    st.session_state["upload_outcome"] = run_ingest(uploads)
outcome = st.session_state.get("upload_outcome")
if outcome is not None:
    show_outcome(outcome)
