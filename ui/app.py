"""The chidao explorer: `streamlit run ui/app.py` (the workspace is $CHIDAO_WORKSPACE).

Eight pages, every label in Vietnamese; the pages call `ui.services` and nothing else of
chidao.
"""

from __future__ import annotations

import streamlit as st

from ui import services

st.set_page_config(page_title="chidao — Tra cứu văn bản chỉ đạo", page_icon="📑", layout="wide")

PAGES = [
    st.Page(
        "pages/tim_kiem.py",
        title="Tìm kiếm & Hỏi đáp",
        icon=":material/search:",
        url_path="tim-kiem",
        default=True,
    ),
    st.Page("pages/van_ban.py", title="Văn bản", icon=":material/description:", url_path="van-ban"),
    st.Page("pages/nhiem_vu.py", title="Nhiệm vụ", icon=":material/task:", url_path="nhiem-vu"),
    st.Page(
        "pages/thoi_han.py",
        title="Theo dõi thời hạn",
        icon=":material/event:",
        url_path="thoi-han",
    ),
    st.Page("pages/don_vi.py", title="Đơn vị", icon=":material/groups:", url_path="don-vi"),
    st.Page("pages/do_thi.py", title="Đồ thị", icon=":material/hub:", url_path="do-thi"),
    st.Page(
        "pages/nap_tai_lieu.py",
        title="Nạp tài liệu",
        icon=":material/upload_file:",
        url_path="nap-tai-lieu",
    ),
    st.Page(
        "pages/chat_luong.py",
        title="Chất lượng dữ liệu",
        icon=":material/fact_check:",
        url_path="chat-luong",
    ),
]

# Streamlit shows an English "Page not found" dialog over the right page when the first
# session of a server opens a link to a page other than the first (streamlit/streamlit#9992),
# and the page cannot scroll until it is closed: it is closed here. Hiding it by CSS would
# leave the page unable to scroll. The script is ours; nothing from files or users is in it.
CLOSE_PAGE_NOT_FOUND = """<script>
(function close(tries) {
  const dialog = [...document.querySelectorAll('[data-testid="stDialog"]')]
    .find((d) => d.textContent.includes("Page not found"));
  const button = dialog && dialog.querySelector('button[aria-label="Close"]');
  if (button) { button.click(); } else if (tries > 0) { setTimeout(() => close(tries - 1), 100); }
})(50);
</script>"""
st.html(CLOSE_PAGE_NOT_FOUND, unsafe_allow_javascript=True)
# What `chidao ingest` published while the explorer was open is shown from the next page on.
services.follow_writers()
# Every page runs in a fresh script; the long lists load once per process, in the background.
services.warm_up()
st.navigation(PAGES).run()
