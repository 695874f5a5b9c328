"""The explorer in a real browser: Debian's headless Chromium driven by Playwright.

Starts `streamlit run ui/app.py` on a free port of 127.0.0.1 over a workspace built from the
sample corpus, then does what a user does: searches "nghi quyet 57" typed without
diacritics, opens the document page (its first paint is timed and printed), sees the
derived tasks and exports them, opens the graph, uploads a file holding markup and sees it
ingested and shown as text. Screenshots go to artifacts/screenshots/ (kept by CI).
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_workspace, json_lines, run_cli
from ui.cli import CHROMIUM, CHROMIUM_ARGS, explorer_command

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DIRECT_TASK = "Triển khai Kế hoạch thực hiện Nghị quyết số 57-NQ/TW"
CHAIN_TASK = "Tiếp tục tham mưu triển khai có hiệu quả các nhiệm vụ về khoa học"
UPLOADED = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
    "Số: 902/KH-UBND\n\n"
    "KẾ HOẠCH\nThử nghiệm <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n"
)

NQ57_NAME = "Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)"
# What a civil servant must never read: document keys, file digests, ISO dates, scores,
# character offsets, lanes and this machine's paths (they live under "Chi tiết kỹ thuật").
INTERNALS = re.compile(
    r"\b[A-ZĐ][A-Za-zĐđ]{0,4}:[\w]+:[\w]+:|@[0-9a-f]{10}|\b\d{4}-\d{2}-\d{2}\b"
    r"|điểm \d\.\d{3}|\bký tự \d+|\b(?:exact|lexical|dense)\b|/tmp/|/home/|/work/|/root/"
    r"|\bUpload\b|MB per file|Drag and drop|Browse files|Page not found|does not seem to exist"
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer on {url} within {seconds} s")


@pytest.fixture(scope="module")
def app_ws(tmp_path_factory, indexed_sample) -> Path:
    # A copy: the tests upload into it and ingest beside the explorer.
    return copy_workspace(indexed_sample, tmp_path_factory.mktemp("browser") / "ws")


@pytest.fixture(scope="module")
def app_url(app_ws):
    ws = app_ws
    port = free_port()
    log = open(ws / "streamlit.log", "w")  # closed once the server has stopped
    proc = subprocess.Popen(
        explorer_command(port),
        cwd=ROOT,
        env={**os.environ, "CHIDAO_WORKSPACE": str(ws)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    time.sleep(0.5)  # let the last element settle before the picture
    page.screenshot(path=str(SCREENSHOTS / name))


def party_red_centre(canvas, picture: Path) -> tuple[float, float]:
    """Where on the page the Party-red node of the chart's upper half is drawn."""
    from PIL import Image

    box = canvas.bounding_box()
    canvas.screenshot(path=str(picture))
    image = Image.open(picture).convert("RGB")
    scale = image.width / box["width"]
    red = [
        (x, y)
        for y in range(0, image.height // 2, 2)
        for x in range(0, image.width, 2)
        if _is_party_red(image.getpixel((x, y)))
    ]
    assert red, "no Party-red node drawn in the upper half of the graph"
    # The biggest band of red rows: the centre disc, not the legend's swatch above it nor a
    # Tỉnh ủy's plan (Party red too) lower down.
    bands: list[list[tuple[int, int]]] = []
    for p in sorted(red, key=lambda p: p[1]):
        if bands and p[1] - bands[-1][-1][1] <= 4:
            bands[-1].append(p)
        else:
            bands.append([p])
    red = max(bands, key=len)
    x = sum(p[0] for p in red) / len(red) / scale
    y = sum(p[1] for p in red) / len(red) / scale
    return box["x"] + x, box["y"] + y


def _is_party_red(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 170 and g < 80 and b < 80


def assert_plain(page) -> None:
    """The visible text of the page holds only what a civil servant reads."""
    time.sleep(0.5)
    text = page.inner_text("body")
    found = INTERNALS.search(text)
    assert found is None, (
        f"'{found.group(0)}' on {page.url}: …{text[max(0, found.start() - 80) : found.end() + 80]}…"
    )


def search_box(page):
    return page.get_by_label("Tìm kiếm hoặc đặt câu hỏi")


def test_search_open_document_graph_and_upload(app_url, page, tmp_path):
    # 1. Search typed without diacritics.
    page.goto(app_url)
    search_box(page).fill("nghi quyet 57")
    search_box(page).press("Enter")
    link = page.get_by_role("link", name=f"{NQ57_NAME} — về đột phá phát triển khoa học")
    link.wait_for()
    page.get_by_text("Kết quả tìm kiếm").wait_for()
    page.locator("mark").first.wait_for()
    assert_plain(page)
    shot(page, "01-tim-kiem.png")

    # 2. The document page, reached from the search result: its first paint is timed.
    started = time.perf_counter()
    link.click()
    page.get_by_role("heading", name=NQ57_NAME, exact=True).wait_for()
    first_paint = time.perf_counter() - started
    print(f"\nfirst paint of the document page (NQ 57, sample corpus): {first_paint:.2f} s")
    assert "/van-ban" in page.url
    assert first_paint <= 2.0

    # 3. Its derived tasks, direct and through the chain, and their exports.
    page.get_by_text("5 nhiệm vụ", exact=False).wait_for()
    # The grid draws on a canvas; its cells stand in the page for screen readers.
    page.get_by_text(CHAIN_TASK, exact=False).first.wait_for(state="attached")
    assert_plain(page)
    shot(page, "02-van-ban-nq57.png")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Excel (.xlsx)").click()
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet["A1"].value == "DANH MỤC NHIỆM VỤ THỰC HIỆN " + NQ57_NAME.upper()
    assert [c.value for c in sheet[4]][:5] == [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn",
    ]
    cells = [str(c.value or "") for row in sheet.iter_rows(min_row=5) for c in row]
    assert any(c.startswith(DIRECT_TASK) for c in cells)
    assert not any(INTERNALS.search(c) for c in cells)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Word để in (.docx)").click()
    from docx import Document

    table = Document(io.BytesIO(Path(download.value.path()).read_bytes())).tables[0]
    assert len(table.rows) == 1 + 5 and table.rows[0].cells[1].text == "Nhiệm vụ"

    # 4. The graph around it.
    page.get_by_role("link", name="Xem trên đồ thị").click()
    page.get_by_role("heading", name="Đồ thị", exact=True).wait_for()
    page.get_by_text("10 nút", exact=False).wait_for()
    assert_plain(page)
    if importlib.util.find_spec("streamlit_echarts") is not None:
        page.locator("canvas").first.wait_for()
        shot(page, "03-do-thi.png")
        # A click on the centre node (the one Party-red disc at the top) opens its page.
        x, y = party_red_centre(page.locator("canvas").first, tmp_path / "canvas.png")
        page.mouse.click(x, y)
        page.get_by_role("heading", name=NQ57_NAME, exact=True).wait_for()
        assert "/van-ban" in page.url
        page.get_by_role("link", name="Xem trên đồ thị").click()
        page.get_by_text("10 nút", exact=False).wait_for()
    else:
        shot(page, "03-do-thi.png")

    # 5. Upload a file holding markup: ingested, and shown as text.
    upload = tmp_path / "ke-hoach-902.txt"
    upload.write_text(UPLOADED, encoding="utf-8")
    page.get_by_role("link", name="Nạp tài liệu").click()
    page.get_by_role("heading", name="Nạp tài liệu", exact=True).wait_for()
    assert_plain(page)  # Streamlit's own English ("Upload", "50MB per file") replaced
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("ke-hoach-902.txt").first.wait_for()
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("Đã nạp 1 tệp", exact=False).wait_for(timeout=300_000)
    page.get_by_text("<script>alert(1)</script>", exact=False).first.wait_for()
    assert page.locator("img[src=x]").count() == 0
    assert page.dialogs == []
    assert page.get_by_text("Không cập nhật được chỉ mục").count() == 0
    assert_plain(page)
    shot(page, "04-nap-tai-lieu.png")
    # The same file again: already stored, said so.
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("1 tệp đã có trong kho", exact=False).wait_for(timeout=120_000)

    # 6. The uploaded plan is in the store: the search box finds it by its số hiệu.
    page.get_by_role("link", name="Tìm kiếm & Hỏi đáp").click()
    search_box(page).fill("ke hoach 902")
    search_box(page).press("Enter")
    page.get_by_role("link", name="902/KH-UBND", exact=False).first.wait_for()
    assert page.dialogs == []
    assert_plain(page)
    shot(page, "05-tim-tai-lieu-moi.png")


def test_a_question_deadlines_and_a_units_work(app_url, page):
    # A question, answered with its sources; no scores or offsets on screen.
    page.goto(app_url)
    search_box(page).fill("Nhiệm vụ nào thực hiện Nghị quyết 57?")
    search_box(page).press("Enter")
    page.get_by_role("heading", name="Trả lời").wait_for()
    page.locator("mark").first.wait_for()
    assert_plain(page)
    shot(page, "07-hoi-dap.png")

    # The deadlines page, counted from a day in the samples' year.
    page.goto(app_url + "/thoi-han")
    page.get_by_role("heading", name="Theo dõi thời hạn", exact=True).wait_for()
    # Streamlit's date field is three spin buttons: day, month, year.
    for part, value in (("day", "01"), ("month", "08"), ("year", "2025")):
        page.get_by_role("spinbutton", name=f"{part}, Tính từ ngày").click()
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    page.get_by_text("90 ngày tới").click()
    page.get_by_text("Theo đơn vị chủ trì").wait_for()
    page.get_by_text("31/08/2025", exact=False).first.wait_for(state="attached")
    assert_plain(page)
    shot(page, "08-thoi-han.png")

    # One unit's work, with the directives each task comes from; the task page; the
    # data-quality page.
    for path, heading, shown, picture in (
        ("/don-vi?unit=Phòng QLCN", "Đơn vị", "Nhiệm vụ chủ trì (", "09-don-vi.png"),
        ("/nhiem-vu", "Nhiệm vụ", "113", "10-nhiem-vu.png"),
        ("/chat-luong", "Chất lượng dữ liệu", "Mâu thuẫn giữa các tệp", "11-chat-luong.png"),
    ):
        page.goto(app_url + path)
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        page.get_by_text(shown, exact=False).first.wait_for()
        assert_plain(page)
        shot(page, picture)


def test_document_page_first_paint_on_a_fresh_session(app_url, page):
    started = time.perf_counter()
    page.goto(app_url + "/van-ban?doc=NQ%3A57%3ATW%3A2024")
    page.get_by_role("heading", name=NQ57_NAME, exact=True).wait_for()
    first_paint = time.perf_counter() - started
    page.get_by_text("nhiệm vụ phát sinh từ văn bản này", exact=False).wait_for()
    assert_plain(page)  # no English "Page not found" over a page opened from a link
    print(f"\nfirst paint of the document page (fresh session): {first_paint:.2f} s")
    assert first_paint < 10
    shot(page, "06-van-ban-phien-moi.png")


def test_the_command_line_writes_and_reads_while_the_explorer_is_open(app_url, app_ws, page):
    """The explorer holds no lock: an ingest and a derive run beside it, and it shows the
    new document from its next page on."""
    plan = app_ws.parent / "ke-hoach-903.txt"
    plan.write_text(UPLOADED.replace("902", "903"), encoding="utf-8")
    page.goto(app_url)
    search_box(page).wait_for()
    ingested = run_cli("ingest", str(plan), "-w", str(app_ws), "--json", "--no-index")
    assert ingested.returncode == 0, ingested.stderr
    derived = run_cli("derive", "57-NQ/TW", "-w", str(app_ws), "--json")
    assert derived.returncode == 0, derived.stderr
    assert json_lines(derived.stdout)[0]["tasks"]
    page.goto(app_url)
    search_box(page).fill("ke hoach 903")
    search_box(page).press("Enter")
    page.get_by_role("link", name="903/KH-UBND", exact=False).first.wait_for()
