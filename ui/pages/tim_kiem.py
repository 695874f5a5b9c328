"""Tìm kiếm & Hỏi đáp: one box for searches and questions, answers with their evidence."""

from __future__ import annotations

import streamlit as st

from search.hybrid import MAX_QUERY_CHARS
from ui import services
from ui.pages import _widgets as w

KIND_NAMES = {"task": "Nhiệm vụ", "passage": "Đoạn văn", "document": "Văn bản"}


def read_filters() -> dict[str, str | None]:
    """The document, unit and period the user narrowed the search to."""
    with st.expander("Bộ lọc"):
        a, b, c = st.columns(3)
        docs = services.list_documents()
        by_key = services.documents_by_key()
        document = a.selectbox(
            "Văn bản",
            [d.key for d in docs],
            index=None,
            format_func=lambda k: by_key[k].name,
            placeholder="Mọi văn bản",
            key="s_doc",
        )
        unit = b.text_input("Đơn vị", key="s_unit")
        period = c.text_input("Thời gian (vd. 2025, quý III)", key="s_period")
    return {"document": document, "unit": unit.strip() or None, "period": period.strip() or None}


def show_document_match(text: str) -> None:
    """When the box holds a số hiệu: the document it names (or the candidates)."""
    try:
        key = services.find_document(text)
    except services.AmbiguousReference as err:
        st.markdown(f"**Văn bản:** '{w.md(text)}' khớp với {len(err.candidates)} văn bản")
        w.candidate_links(err.candidates)
        return
    except services.UnknownDocument:
        return
    info = services.show_document(key)
    st.markdown("**Văn bản khớp với số hiệu**")
    title = services.name_of(key)
    if info.subject:
        title += " — " + w.short(info.subject, 120)
    w.document_link(key, title)


def show_answer(question: str) -> None:
    """The answer to a question, with each source's passage marked."""
    with st.spinner("Đang tìm câu trả lời…"):
        answer = services.ask(question)
    st.subheader("Trả lời")
    st.text(answer.answer)
    for item in answer.items[:20]:
        kind = item.get("kind")
        doc_key = item.get("key") or (item.get("id") if kind == "document" else None)
        if doc_key:
            w.document_link(str(doc_key))
        elif kind == "task" and item.get("id"):
            w.task_link(str(item["id"]), w.short(str(item.get("text") or "Nhiệm vụ")))
    if answer.sources:
        st.markdown("**Nguồn**")
    for source in answer.sources[:10]:
        passage = services.evidence(source.file, source.start, source.end)
        if passage is not None:
            w.show_passage(passage)
        else:
            st.text(source.text)
            st.caption(w.md("Nguồn: " + w.file_name(source.file)))
    w.technical(
        {
            "Loại câu hỏi": getattr(answer, "intent", None),
            "Nguồn (tệp, ký tự)": [f"{s.file} {s.start}–{s.end}" for s in answer.sources[:10]],
        }
    )


def show_hits(text: str, filters: dict) -> None:
    """Search hits, each with its passage marked; scores and lanes folded away."""
    with st.spinner("Đang tìm kiếm…"):
        hits = services.search(text, k=10, **filters)
    st.subheader(f"Kết quả tìm kiếm ({len(hits)})")
    if not hits:
        st.info("Không có kết quả.")
    for n, hit in enumerate(hits, 1):
        st.markdown(f"**{n}. {KIND_NAMES.get(hit.kind, 'Kết quả')}**")
        passage = services.evidence(hit.file, hit.start, hit.end)
        if passage is not None:
            w.show_passage(passage)
        else:
            st.text(hit.text)
        if hit.kind == "task" or hit.task:
            w.task_link(hit.task or hit.id, "Xem chuỗi chỉ đạo của nhiệm vụ")
        elif hit.kind == "document":
            w.document_link(hit.id)
    w.technical(
        {
            f"{n}": f"điểm {h.score:.3f} · {', '.join(h.lanes)} · {h.file} {h.start}–{h.end}"
            for n, h in enumerate(hits, 1)
        }
    )


st.title("Tìm kiếm & Hỏi đáp")
w.require_store()
query = st.text_input(
    "Tìm kiếm hoặc đặt câu hỏi",
    placeholder="vd. nghi quyet 57 · Nhiệm vụ nào thực hiện Nghị quyết 57?",
    key="query",
    max_chars=MAX_QUERY_CHARS,
)
filters = read_filters()
if query.strip():
    show_document_match(query)
    try:
        if services.is_question(query):
            show_answer(query)
        show_hits(query, filters)
    except services.SearchUnavailable as err:
        st.info(f"{err}: chỉ tra được theo số hiệu văn bản cho đến khi chỉ mục được xây dựng.")
else:
    totals = services.stats()
    a, b, c, d = st.columns(4)
    a.metric("Tệp", totals["files"])
    b.metric("Văn bản", totals["documents"])
    c.metric("Nhiệm vụ", totals["tasks"])
    d.metric("Lần trích dẫn", totals["mentions"])
