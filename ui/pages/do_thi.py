"""Đồ thị: the graph around a document or a task, laid out by level, capped and expandable."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import services
from ui.pages import _widgets as w

try:  # the drawing component; without it the page lists the nodes instead
    from streamlit_echarts import st_echarts
except ImportError:
    st_echarts = None

STEP = 150
ROW_WIDTH = 8
# Party red (at every level), Government orange, province blue, department green, task grey.
COLOURS = ("#c0392b", "#e67e22", "#2e86c1", "#28b463", "#7f8c8d")
CATEGORIES = ("Cơ quan Đảng", "Chính phủ, bộ, ngành", "Chính quyền tỉnh", "Sở, ngành", "Nhiệm vụ")
EDGE_NAMES = {
    "applies": "thực hiện",
    "issues": "ban hành",
    "sameAs": "cùng văn bản",
    "partOf": "thuộc",
    "cites": "trích dẫn",
}


def positions(view) -> dict[str, tuple[float, float]]:
    """Each node's place: one band per level, top to bottom, wrapped every ROW_WIDTH nodes.

    In each band the Party bodies' documents stand to the left, the State's to the right, so
    a Tỉnh ủy's plan sits in the Party column beside the People's Committee's decision.
    """
    by_level: dict[int, list] = {}
    for node in view.nodes:
        by_level.setdefault(node.level, []).append(node)
    places: dict[str, tuple[float, float]] = {}
    y = 0.0
    for level in sorted(by_level):
        nodes = sorted(by_level[level], key=lambda n: not n.party)
        for n, node in enumerate(nodes):
            row, col = divmod(n, ROW_WIDTH)
            in_row = min(ROW_WIDTH, len(nodes) - row * ROW_WIDTH)
            places[node.id] = ((col - (in_row - 1) / 2) * 240.0, y + row * 60.0)
        y += 60.0 * ((len(nodes) - 1) // ROW_WIDTH + 1) + 90.0
    return places


def category(node) -> int:
    """A node's colour: Party bodies red at every level, the others by their level."""
    return 0 if node.party else node.level


def chart_options(view) -> dict:
    """ECharts options of the view; labels are drawn on a canvas, never parsed as HTML."""
    places = positions(view)
    index = {node.id: n for n, node in enumerate(view.nodes)}
    data = [
        {
            "id": node.id,
            "name": node.label,
            "value": node.detail,
            "x": places[node.id][0],
            "y": places[node.id][1],
            "category": category(node),
            "symbolSize": 34 if node.id == view.center else (14 if node.kind == "task" else 22),
            "symbol": "roundRect" if node.kind == "task" else "circle",
            # A task is labelled by the start of its text; all of it shows on hover.
            "label": {"show": True, "fontSize": 10 if node.kind != "task" else 8},
        }
        for node in view.nodes
    ]
    links = [
        {"source": index[e.source], "target": index[e.target], "value": EDGE_NAMES[e.relation]}
        for e in view.edges
        if e.source in index and e.target in index
    ]
    return {
        "tooltip": {"renderMode": "richText", "confine": True},
        "legend": [{"data": list(CATEGORIES)}],
        "color": list(COLOURS),
        "series": [
            {
                "type": "graph",
                "layout": "none",
                "roam": True,
                "data": data,
                "links": links,
                "categories": [{"name": name} for name in CATEGORIES],
                "edgeSymbol": ["none", "arrow"],
                "edgeSymbolSize": 7,
                "label": {"show": True, "position": "bottom", "fontSize": 10},
                "lineStyle": {"color": "source", "opacity": 0.6},
                "emphasis": {"focus": "adjacency"},
            }
        ],
    }


CLICK = (
    "function(params) { if (params.dataType === 'node') "
    "{ return {id: params.data.id, at: Date.now()}; } }"
)


def remember_click() -> None:
    """Keep the clicked node so the script opens its page (once per click)."""
    value = st.session_state.get("graph_chart")
    event = getattr(value, "chart_event", None) if value is not None else None
    if event is None and isinstance(value, dict):
        event = value.get("chart_event")
    if isinstance(event, dict) and event.get("id"):
        st.session_state["graph_open"] = event["id"]


def open_clicked(view) -> None:
    """Go to the page of the node clicked on the chart."""
    target = st.session_state.pop("graph_open", None)
    kinds = {node.id: node.kind for node in view.nodes}
    if target in kinds:
        page = w.PAGES["document"] if kinds[target] == "document" else w.PAGES["tasks"]
        st.switch_page(
            page, query_params={"doc" if kinds[target] == "document" else "task": target}
        )


def pick_center() -> str | None:
    """The node to centre on: ?node= in the address, or a typed số hiệu."""
    typed = st.text_input("Số hiệu văn bản (vd. 57-NQ/TW)", key="graph_typed")
    if typed.strip():
        if services.task_record(typed.strip()) is not None:
            return typed.strip()
        try:
            return services.find_document(typed)
        except services.AmbiguousReference as err:
            st.warning(f"'{w.md(typed)}' khớp với {len(err.candidates)} văn bản; hãy ghi rõ hơn.")
        except services.UnknownDocument:
            st.error(f"Không tìm thấy '{w.md(typed)}' trong kho.")
        return None
    return st.query_params.get("node")


def show_table(view) -> None:
    """The nodes as a table (when the chart cannot be drawn, and for reading)."""
    st.dataframe(
        pd.DataFrame(
            [(n.label, CATEGORIES[category(n)], n.detail) for n in view.nodes],
            columns=["Nút", "Cơ quan", "Mô tả"],
        ),
        hide_index=True,
        width="stretch",
    )


st.title("Đồ thị")
w.require_store()
center = pick_center()
if not center:
    st.info("Nhập số hiệu văn bản (vd. 57-NQ/TW) hoặc mở đồ thị từ trang Văn bản, Nhiệm vụ.")
    st.stop()
if st.session_state.get("graph_center") != center:
    st.session_state["graph_center"] = center
    st.session_state["graph_cap"] = STEP
cap = st.session_state.get("graph_cap", STEP)
view = services.neighbourhood(center, cap)
open_clicked(view)
st.markdown(
    f"**{len(view.nodes)} nút**, {len(view.edges)} cạnh"
    + (f"; còn {view.hidden} nút chưa hiện" if view.hidden else "")
)
st.caption(
    "Từ trên xuống: Trung ương → Chính phủ, bộ, ngành → Tỉnh → Sở, ngành → Nhiệm vụ; "
    "văn bản của cơ quan Đảng màu đỏ, bên trái mỗi tầng. Bấm vào một nút để mở trang của nó."
)
if view.hidden and st.button(f"Mở rộng thêm {STEP} nút", key="graph_more"):
    st.session_state["graph_cap"] = cap + STEP
    st.rerun()
if st_echarts is not None:
    st_echarts(
        chart_options(view),
        events={"click": CLICK},
        height="640px",
        key="graph_chart",
        on_change=remember_click,
    )
else:
    st.info("Chưa cài thành phần vẽ đồ thị (streamlit-echarts); các nút được liệt kê dưới đây.")
with st.expander("Danh sách nút", expanded=st_echarts is None):
    show_table(view)
