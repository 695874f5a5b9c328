"""Small view helpers the pages share: escaping, marked passages, links between pages.

Everything that comes from files or users is escaped here before Streamlit renders it:
markdown specials for labels, HTML for the marked passages.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePath

import streamlit as st

from ui import services

PAGES = {
    "search": "pages/tim_kiem.py",
    "document": "pages/van_ban.py",
    "tasks": "pages/nhiem_vu.py",
    "deadlines": "pages/thoi_han.py",
    "unit": "pages/don_vi.py",
    "graph": "pages/do_thi.py",
    "upload": "pages/nap_tai_lieu.py",
    "quality": "pages/chat_luong.py",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md(text: object) -> str:
    """Text escaped for Streamlit markdown: shown as typed, never as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def marked_html(text: str, start: int, end: int) -> str:
    """HTML of a passage with text[start:end] in <mark>; everything escaped first."""
    return (
        '<div style="line-height:1.6">'
        + html.escape(text[:start])
        + "<mark>"
        + html.escape(text[start:end])
        + "</mark>"
        + html.escape(text[end:])
        + "</div>"
    )


def show_passage(passage, caption: str | None = None) -> None:
    """A passage with its marked span, and the name of the file it comes from."""
    st.html(marked_html(passage.text, passage.mark_start, passage.mark_end))
    st.caption(md(caption or f"Nguồn: {file_name(passage.file)}"))


def file_name(path: str) -> str:
    """A file as people know it: its name, without the folders of this machine."""
    return PurePath(path).name if path else ""


def technical(rows: dict[str, object]) -> None:
    """Keys, codes, scores, offsets and paths, folded away under "Chi tiết kỹ thuật"."""
    shown = {k: v for k, v in rows.items() if v not in (None, "", [], ())}
    if not shown:
        return
    with st.expander("Chi tiết kỹ thuật"):
        st.json(shown, expanded=True)


def document_link(key: str, label: str | None = None, prefix: str = "") -> None:
    """A link to a document's page."""
    st.page_link(
        PAGES["document"],
        label=prefix + md(label or services.name_of(key)),
        query_params={"doc": key},
        icon=":material/description:",
    )


def graph_link(node: str, label: str = "Xem trên đồ thị") -> None:
    """A link to the graph page centred on a document or a task."""
    st.page_link(PAGES["graph"], label=label, query_params={"node": node}, icon=":material/hub:")


def task_link(task_id: str, label: str) -> None:
    """A link to a task's chain of directives on the task page."""
    st.page_link(
        PAGES["tasks"], label=md(label), query_params={"task": task_id}, icon=":material/task:"
    )


def require_store():
    """The store, or one clear line and a stop when it cannot be opened."""
    try:
        return services.get_store()
    except services.ChidaoError as err:
        st.error(f"Không mở được kho dữ liệu: {err}")
        st.stop()


def chain_text(chain) -> str:
    """A chain of documents as "A → B → C" by their short names."""
    return " → ".join(services.short_name_of(k) for k in chain)


def short(text: str, width: int = 90) -> str:
    """Text on one line, cut to `width` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def candidate_links(candidates) -> None:
    """A link to each document an ambiguous reference may name: (key, số hiệu, title)."""
    for key, _symbol, _title in candidates:
        # Its full name (body, date) tells it apart from its namesakes.
        document_link(key, services.name_of(key))


def export_buttons(tasks, subject: str, filters: str = "") -> None:
    """Excel and Word downloads of a task list, titled with what it lists."""
    name = "nhiem-vu"
    downloads = (
        ("Tải Excel (.xlsx)", services.work_workbook, "xlsx", services.XLSX_MIME),
        ("Tải Word để in (.docx)", services.work_document, "docx", services.DOCX_MIME),
    )
    for column, (label, write, suffix, mime) in zip(st.columns(2), downloads, strict=True):
        column.download_button(
            label,
            lambda write=write: write(tasks, subject, filters),
            file_name=f"{name}.{suffix}",
            mime=mime,
            on_click="ignore",
            key=f"export_{suffix}_{subject}",
        )


def task_table(frame, key: str, **options):
    """A table of tasks, the task's text given the most room; returns the table's event."""
    return st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={"Nhiệm vụ": st.column_config.TextColumn(width="large")},
        key=key,
        **options,
    )


def count_table(where, title: str, values, column: str, blank: str) -> None:
    """How many tasks have each value, most first, under a bold title.

    Args:
        where: The column (or st) to draw in.
        title: The title above the table.
        values: One value per task (a pandas Series).
        column: The values' column name.
        blank: What an empty value is shown as ("(chưa ghi)").
    """
    where.markdown(f"**{title}**")
    where.dataframe(
        values.replace("", blank)
        .value_counts()
        .rename_axis(column)
        .reset_index(name="Số nhiệm vụ"),
        hide_index=True,
        width="stretch",
    )
