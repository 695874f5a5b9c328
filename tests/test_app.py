"""Smoke tests of the explorer: every page run from ui/app.py with Streamlit's AppTest.

The workspace is built once from the sample corpus; uploads go to a workspace of their own
so that they change nothing the other tests read.
"""

from __future__ import annotations

import os

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.build import ingest_paths
from graph.store import open_store
from tests.conftest import ROOT, SAMPLE, copy_workspace, json_lines, run_cli
from ui import services

APP = str(ROOT / "ui" / "app.py")
NQ57 = "NQ:57:TW:2024"
NQ57_NAME = "Nghị quyết 57\\-NQ/TW của Bộ Chính trị \\(22/12/2024\\)"
DIRECT_TASK = "Triển khai Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024"
CHAIN_TASK = "Tiếp tục tham mưu triển khai có hiệu quả các nhiệm vụ về khoa học"


@pytest.fixture(scope="session")
def sample_ws(tmp_path_factory, indexed_sample):
    # A copy: the app keeps its store open (and locked) for the rest of the session.
    return copy_workspace(indexed_sample, tmp_path_factory.mktemp("app") / "ws")


def open_app(ws, monkeypatch) -> AppTest:
    """The app on a workspace, with the caches of any other workspace forgotten."""
    monkeypatch.setenv("CHIDAO_WORKSPACE", str(ws))
    # Background loading would race the cache clearing between workspaces of one process.
    monkeypatch.setattr(services, "warm_up", lambda: None)
    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=120)


def go(at: AppTest, page: str, **params: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def links(at: AppTest) -> list[str]:
    return [p.proto.label for p in at.get("page_link")]


def htmls(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_every_page_runs_with_its_vietnamese_title(sample_ws, monkeypatch):
    at = open_app(sample_ws, monkeypatch)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Tìm kiếm & Hỏi đáp"
    titles = {
        "van_ban": "Văn bản",
        "nhiem_vu": "Nhiệm vụ",
        "thoi_han": "Theo dõi thời hạn",
        "don_vi": "Đơn vị",
        "do_thi": "Đồ thị",
        "nap_tai_lieu": "Nạp tài liệu",
        "chat_luong": "Chất lượng dữ liệu",
    }
    for page, title in titles.items():
        go(at, page)
        assert at.title[0].value == title


def test_search_home_shows_the_totals(sample_ws, monkeypatch):
    at = open_app(sample_ws, monkeypatch)
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nhiệm vụ"] == "113" and metrics["Tệp"] == "5"


def test_search_without_diacritics_finds_nq57(sample_ws, monkeypatch):
    at = open_app(sample_ws, monkeypatch)
    at.run()
    at.text_input(key="query").input("nghi quyet 57").run()
    assert not at.exception
    assert any(label.startswith(NQ57_NAME + " — về đột phá") for label in links(at))
    # The hits below the document links, the first one the passage naming it.
    assert any(h.value.startswith("Kết quả tìm kiếm") for h in at.subheader)
    assert not any("Chưa có chỉ mục tìm kiếm" in i.value for i in at.info)


def test_ambiguous_reference_lists_candidates_by_year(sample_ws, monkeypatch):
    at = open_app(sample_ws, monkeypatch)
    at.run()
    at.text_input(key="query").input("nghi quyet 02").run()
    assert {
        "Nghị quyết 02/NQ\\-CP của Chính phủ \\(07/01/2024\\)",
        "Nghị quyết 02/NQ\\-CP của Chính phủ \\(08/01/2025\\)",
    } <= set(links(at))


def test_question_returns_an_answer_with_a_marked_source(sample_ws, monkeypatch):
    at = open_app(sample_ws, monkeypatch)
    at.run()
    at.text_input(key="query").input("Nhiệm vụ nào thực hiện Nghị quyết 57?").run()
    assert not at.exception
    assert "Trả lời" in [s.value for s in at.subheader]
    assert at.text[0].value.strip()
    assert any("<mark>" in body for body in htmls(at))


def test_nq57_page_lists_its_derived_tasks(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "van_ban", doc=NQ57)
    assert at.header[0].value == NQ57_NAME
    fields = next(d.value for d in at.dataframe if "Thông tin" in d.value.columns)
    assert dict(zip(fields["Thông tin"], fields["Nội dung"], strict=True)) == {
        "Số hiệu": "57-NQ/TW",
        "Loại văn bản": "Nghị quyết",
        "Cơ quan ban hành": "Bộ Chính trị",  # a report wrote "Bo Chinh tri"
        "Ngày ban hành": "22/12/2024",
    }
    assert "5 nhiệm vụ** phát sinh từ văn bản này (4 trực tiếp, 1 qua văn bản thực hiện)" in (
        markdown(at)
    )
    table = next(d.value for d in at.dataframe if "Nhiệm vụ" in d.value.columns)
    texts = list(table["Nhiệm vụ"])
    assert any(t.startswith(DIRECT_TASK) for t in texts)
    chained = table[table["Nhiệm vụ"].str.startswith(CHAIN_TASK)]
    assert list(chained["Cách phát sinh"]) == ["Qua Kế hoạch 359-KH/TU (Quảng Ngãi)"]
    assert list(chained["Thời hạn"]) == ["Tháng 8/2025 (31/08/2025)"]
    assert list(chained["Nguồn"]) == ["003_8056d9e22a67d95b.txt"]  # a name, not a path
    # The tree below, by names, and the sentences that cite it, marked.
    assert any(
        label.startswith("\u2003└ Kế hoạch 1587/KH\\-SKHCN") and label.endswith("\\(thực hiện\\)")
        for label in links(at)
    )
    assert "10 lần được trích dẫn" in markdown(at)
    assert any("<mark>Nghị quyết số 57-NQ/TW</mark>" in body for body in htmls(at))
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Tải Excel (.xlsx)", "Tải Word để in (.docx)"]
    # Counts by unit and by deadline.
    counts = next(d.value for d in at.dataframe if "Thời hạn" in d.value.columns[:1])
    assert (
        dict(zip(counts["Thời hạn"], counts["Số nhiệm vụ"], strict=True))[
            "Tháng 8/2025 (31/08/2025)"
        ]
        == 1
    )
    # Keys and codes only in the technical details.
    assert not any("NQ:57:TW:2024" in m for m in markdown(at).split("\n"))
    assert [e.label for e in at.expander][-1] == "Chi tiết kỹ thuật"


def test_the_document_page_adds_the_plans_based_on_it(sample_ws, monkeypatch):
    # Quyết định 04/2025/QĐ-UBND is only named among the "Căn cứ" of the programmes.
    at = go(open_app(sample_ws, monkeypatch), "van_ban", doc="QĐ:4:UBND:2025:quang-ngai")
    assert "**0 nhiệm vụ** phát sinh" in markdown(at)
    at.toggle(key="with_bases").set_value(True).run()
    after = next(d.value for d in at.dataframe if "Cách phát sinh" in d.value.columns)
    assert len(after) == 18 and set(after["Cách phát sinh"]) == {"Theo căn cứ"}
    assert "(0 trực tiếp, 0 qua văn bản thực hiện, 18 theo căn cứ)" in markdown(at)


def test_the_explorer_reads_a_graph_served_by_an_endpoint(oxigraph_server, tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    store = open_store(ws, endpoint=oxigraph_server)
    try:
        ingest_paths(store, ws, [SAMPLE])
    finally:
        store.close()
    monkeypatch.setenv("CHIDAO_ENDPOINT", oxigraph_server)
    at = go(open_app(ws, monkeypatch), "van_ban", doc=NQ57)
    assert "5 nhiệm vụ" in markdown(at)
    table = next(d.value for d in at.dataframe if "Nhiệm vụ" in d.value.columns)
    assert any(t.startswith(DIRECT_TASK) for t in table["Nhiệm vụ"])
    # No embedded store was opened, so a command on the same workspace runs meanwhile.
    assert not (ws / "store").exists()
    result = run_cli("stats", "-w", str(ws), "--json", env={"CHIDAO_ENDPOINT": oxigraph_server})
    assert result.returncode == 0 and json_lines(result.stdout)[0]["tasks"] == 113


def test_a_signed_report_shows_its_signer(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "van_ban", doc="BC:_:_:2025@aa53d608d5")
    assert at.header[0].value.startswith("Báo cáo tình hình thực hiện Nghị quyết số 02/NQ\\-CP")
    fields = next(d.value for d in at.dataframe if "Thông tin" in d.value.columns)
    assert dict(zip(fields["Thông tin"], fields["Nội dung"], strict=True))["Người ký"] == (
        "GIÁM ĐỐC Trần Thanh Trường"
    )


def test_document_typed_without_diacritics_and_its_conflict(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "van_ban")
    at.text_input(key="doc_typed").input("quyet dinh 327").run()
    assert at.header[0].value == (
        "Quyết định 327/QĐ\\-UBND của Ủy ban nhân dân tỉnh Quảng Ngãi \\(26/05/2025\\)"
    )
    assert [w.value for w in at.warning] == ["Các tệp ghi khác nhau về loại văn bản: KH / QĐ"]
    assert "**Các cách viết số hiệu:** 327/KH\\-UBND, 327/QĐ\\-UBND" in markdown(at)


def test_tasks_page_filters_and_opens_a_chain(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "nhiem_vu")
    assert "**113** / 113 nhiệm vụ" in markdown(at)
    at.multiselect(key="f_lead").select("Phòng KH-CN").run()
    assert "**14** / 113 nhiệm vụ" in markdown(at)
    assert set(at.dataframe[0].value["Đơn vị chủ trì"]) == {"Phòng KH-CN"}
    at.text_input(key="f_text").input("ke hoach thuc hien nghi quyet so 57").run()
    assert len(at.dataframe[0].value) == 1
    at.query_params["task"] = "6cfe289130:II.1:1"
    at.run()
    assert "Chuỗi chỉ đạo của nhiệm vụ" in [s.value for s in at.subheader]
    assert "**Chuỗi 4:** Nghị quyết 03/NQ\\-CP → Nghị quyết 57\\-NQ/TW" in markdown(at)
    assert any(
        body.startswith('<div style="line-height:1.6"><mark>Triển khai') for body in htmls(at)
    )


def test_graph_page_draws_levels_and_expands(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "do_thi", node=NQ57)
    assert "**10 nút**, 15 cạnh" in markdown(at)
    nodes = at.dataframe[0].value
    assert list(nodes["Nút"])[:2] == ["Nghị quyết 57-NQ/TW", "Kế hoạch 359-KH/TU (Quảng Ngãi)"]
    # The Tỉnh ủy's plan is a Party body's, coloured as the Party's, not as the province's.
    kinds = dict(zip(nodes["Nút"], nodes["Cơ quan"], strict=True))
    assert kinds["Kế hoạch 359-KH/TU (Quảng Ngãi)"] == "Cơ quan Đảng"
    assert kinds["Quyết định 327/QĐ-UBND (Quảng Ngãi)"] == "Chính quyền tỉnh"
    assert "Nhiệm vụ" in set(nodes["Cơ quan"])
    at.text_input(key="graph_typed").input("kh 1587").run()
    assert not at.exception
    assert any(n.startswith("Kế hoạch 1587/KH-SKHCN") for n in at.dataframe[0].value["Nút"])


def test_graph_page_cap_and_expand(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "do_thi", node=NQ57)
    at.session_state["graph_center"] = NQ57
    at.session_state["graph_cap"] = 4
    at.run()
    assert "**4 nút**" in markdown(at) and "còn 6 nút chưa hiện" in markdown(at)
    at.button(key="graph_more").click().run()
    assert "**10 nút**" in markdown(at)


def test_quality_page_shows_conflicts_problems_and_shacl(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "chat_luong")
    conflicts = at.dataframe[0].value
    row = conflicts[conflicts["Văn bản"] == "Quyết định 327/QĐ-UBND (Quảng Ngãi)"].iloc[0]
    assert row["Thông tin"] == "Loại văn bản" and row["Các giá trị"] == "KH / QĐ"
    assert "/" not in row["Tệp"].replace(" / ", "")  # file names, not paths
    problems = at.dataframe[1].value
    assert "Quyết định số 861/QĐ-TTg" in set(problems["Cách viết"])
    assert "Mơ hồ" in set(problems["Loại"])
    cited = at.dataframe[2].value
    assert (
        cited.iloc[0]["Văn bản"] == NQ57_NAME.replace("\\", "")
        and cited.iloc[0]["Số lần trích dẫn"] == 10
    )
    at.button(key="run_shacl").click().run()
    assert [s.value for s in at.success][-1] == "Kho dữ liệu đạt mọi ràng buộc."


def test_deadline_page_counts_from_a_day_for_a_unit(sample_ws, monkeypatch):
    import datetime as dt

    at = go(open_app(sample_ws, monkeypatch), "thoi_han")
    at.date_input(key="due_day").set_value(dt.date(2025, 8, 1)).run()
    at.radio(key="due_span").set_value("90 ngày tới").run()
    table = at.dataframe[0].value
    assert set(table["Thời hạn"]) == {"31/08/2025"}  # the month's tasks of the July report
    assert set(table["Tình trạng"]) == {"Sắp đến hạn"}
    assert {m.label: m.value for m in at.metric}["Sắp đến hạn"] == str(len(table))
    at.date_input(key="due_day").set_value(dt.date(2026, 1, 15)).run()
    late = at.dataframe[0].value
    assert set(late["Tình trạng"]) == {"Quá hạn"} and "31/12/2025" in set(late["Thời hạn"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Tải Excel (.xlsx)", "Tải Word để in (.docx)"]


def test_unit_page_lists_what_a_unit_leads_once_under_its_full_name(sample_ws, monkeypatch):
    at = go(open_app(sample_ws, monkeypatch), "don_vi")
    units = at.selectbox(key="unit_pick").options
    # One entry per unit however files wrote it; scans' spellings without diacritics
    # give way to the written one.
    assert "Van Phong" not in units
    at.selectbox(key="unit_pick").set_value("Phòng KH-CN").run()
    subheads = [s.value for s in at.subheader]
    assert "Nhiệm vụ chủ trì (14)" in subheads
    table = at.dataframe[0].value
    assert set(table["Đơn vị chủ trì"]) == {"Phòng KH-CN"}
    assert at.query_params["unit"] == "Phòng KH-CN"


UPLOADED = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
    "Số: 901/KH-UBND\n\n"
    "KẾ HOẠCH\nThử nghiệm <script>alert(1)</script> <b>đậm</b>\n\n"
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n"
)


@pytest.fixture()
def upload_ws(tmp_path, monkeypatch):
    # The search index is the browser test's business; here only the graph is checked.
    monkeypatch.setattr(services, "INDEX_UPLOADS", False)
    ws = tmp_path / "ws"
    store = open_store(ws)
    try:
        ingest_paths(store, ws, [sorted(SAMPLE.glob("*.txt"))[1]])
    finally:
        store.close()
    return ws


def test_upload_ingests_and_shows_markup_as_text(upload_ws, monkeypatch):
    at = go(open_app(upload_ws, monkeypatch), "nap_tai_lieu")
    at.file_uploader(key="uploads").set_value(
        [
            ("ke-hoach <x>.txt", UPLOADED.encode("utf-8"), "text/plain"),
            ("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
            ("hong.docx", b"PK not really a word file", "application/octet-stream"),
        ]
    ).run()
    at.button(key="ingest_button").click().run()
    assert not at.exception
    assert any(s.value.startswith("Đã nạp 1 tệp") for s in at.success)
    errors = [e.value for e in at.error]
    assert any(
        e.startswith("Đã từ chối virus\\.exe: loại tệp '\\.exe' không được hỗ trợ") for e in errors
    )
    # Said in Vietnamese; the reader's own words stay in the technical details.
    said = "Không đọc được hong\\.docx: tệp bị hỏng hoặc không đúng định dạng nên không mở được"
    assert said in errors
    shown = [t.value for t in at.text]
    assert any("<script>alert(1)</script>" in t for t in shown)
    assert not any("<script>alert(1)</script>" in body for body in htmls(at))
    assert not any("<script>" in m.value for m in at.markdown)
    # The same file again: said to be already stored, not "0 văn bản".
    at.file_uploader(key="uploads").set_value(
        [("ke-hoach <x>.txt", UPLOADED.encode("utf-8"), "text/plain")]
    ).run()
    at.button(key="ingest_button").click().run()
    assert [i.value for i in at.info][-1] == "1 tệp đã có trong kho (cùng nội dung); không nạp lại."
    assert not at.success
    # The new file is in the store: its plan's page exists and the totals grew.
    assert (upload_ws / "uploads" / "ke-hoach _x_.txt").exists()
    go(at, "tim_kiem")
    assert {m.label: m.value for m in at.metric}["Tệp"] == "2"


def test_uploads_never_replace_each_other(upload_ws, monkeypatch):
    monkeypatch.setenv("CHIDAO_WORKSPACE", str(upload_ws))
    other = UPLOADED.replace("57-NQ/TW", "71/NQ-CP")
    # Two names that the workspace writes the same way, with different content, then the
    # first again.
    first = services.ingest_uploads([("Kế hoạch?.txt", UPLOADED.encode("utf-8"))])
    second = services.ingest_uploads([("Kế hoạch*.txt", other.encode("utf-8"))])
    again = services.ingest_uploads([("Kế hoạch?.txt", UPLOADED.encode("utf-8"))])
    kept = sorted(p.name for p in (upload_ws / "uploads").iterdir())
    assert kept == ["Kế hoạch_ (2).txt", "Kế hoạch_.txt"]
    assert [f.status for f in first.report.files] == ["added"]
    assert [f.status for f in second.report.files] == ["added"]
    assert [f.status for f in again.report.files] == ["unchanged"]  # shown as "Đã có"
    assert (upload_ws / "uploads" / "Kế hoạch_.txt").read_text(encoding="utf-8") == UPLOADED


def test_upload_refuses_oversize_files_with_a_clear_message(upload_ws, monkeypatch):
    monkeypatch.setenv("CHIDAO_MAX_MB", "0.01")
    at = go(open_app(upload_ws, monkeypatch), "nap_tai_lieu")
    assert "tối đa **0.01 MB**" in markdown(at)
    at.file_uploader(key="uploads").set_value(("lon.txt", b"a" * 20000, "text/plain")).run()
    assert any("vượt giới hạn 0\\.01 MB" in e.value for e in at.error)
    at.button(key="ingest_button").click().run()
    assert any(
        e.value.startswith("Đã từ chối lon\\.txt: tệp 0\\.02 MB vượt giới hạn") for e in at.error
    )
    assert not at.success
    assert os.environ["CHIDAO_MAX_MB"] == "0.01"


def test_the_csv_export_of_the_graph_marks_formula_looking_cells():
    from graph.export import neutralize_formula

    assert neutralize_formula("=1+1") == "'=1+1"
    assert neutralize_formula("Sở Tài chính") == "Sở Tài chính"
    assert neutralize_formula(3) == 3
