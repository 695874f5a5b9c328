"""End-to-end tests of the `chidao` command: the JSON contract, exit codes, bad input."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE, json_lines, run_cli

MENTION_FIELDS = {
    "start",
    "end",
    "surface",
    "type_code",
    "number",
    "issuer",
    "year",
    "symbol",
    "date",
    "key",
}
DOCUMENT_FIELDS = {
    "key",
    "type_code",
    "type_name",
    "number",
    "issuer",
    "year",
    "symbol",
    "date",
    "issuing_body",
    "subject",
    "aliases",
    "conflicts",
}


@pytest.fixture(scope="module")
def corpus_output():
    files = sorted(SAMPLE.glob("*.txt"))
    result = run_cli("extract", *map(str, files), "--json")
    assert result.returncode == 0, result.stderr
    return files, json_lines(result.stdout)


def test_extract_follows_the_contract(corpus_output):
    files, records = corpus_output
    assert [r["file"] for r in records] == [str(f) for f in files]
    for record, path in zip(records, files, strict=True):
        assert {"file", "mentions", "documents", "relations", "tasks"} <= record.keys()
        text = path.read_text(encoding="utf-8")
        import unicodedata

        text = unicodedata.normalize("NFC", text)
        keys = {d["key"] for d in record["documents"]}
        for m in record["mentions"]:
            assert MENTION_FIELDS <= m.keys()
            assert text[m["start"] : m["end"]] == m["surface"]
            assert m["key"] in keys
        for d in record["documents"]:
            assert DOCUMENT_FIELDS <= d.keys()


def test_extract_finds_the_nq57_chain_documents(corpus_output):
    _, records = corpus_output
    by_symbol = {d["symbol"]: d for r in records for d in r["documents"]}
    nq57 = by_symbol["57-NQ/TW"]
    assert (nq57["type_code"], nq57["number"], nq57["issuer"], nq57["year"], nq57["date"]) == (
        "NQ",
        "57",
        "TW",
        2024,
        "2024-12-22",
    )
    assert nq57["issuing_body"] == "Bộ Chính trị"
    assert nq57["subject"].startswith("về đột phá phát triển khoa học")
    plan = by_symbol["359-KH/TU"]
    assert set(plan["aliases"]) == {"359-KH/TU", "359/KH-TU"}
    decision = by_symbol["327/QĐ-UBND"]
    assert {"field": "type_code", "values": ["QĐ", "KH"]} == {
        k: decision["conflicts"][0][k] for k in ("field", "values")
    }
    # 02/NQ-CP of 2024 and of 2025 stay two documents.
    assert {d["key"] for r in records for d in r["documents"] if d["symbol"] == "02/NQ-CP"} == {
        "NQ:2:CP:2024",
        "NQ:2:CP:2025",
    }


def test_extract_keys_are_the_same_across_files_and_runs(corpus_output):
    files, records = corpus_output
    again = json_lines(run_cli("extract", *map(str, files), "--json").stdout)
    assert again == records
    keys_57 = {m["key"] for r in records for m in r["mentions"] if m["symbol"] == "57-NQ/TW"}
    assert keys_57 == {"NQ:57:TW:2024"}


def test_ocr_copy_finds_what_the_original_finds(corpus_output):
    _, records = corpus_output
    by_file = {r["file"].rsplit("/", 1)[-1][:3]: r for r in records}
    # Cited documents, not the file's own (whose key is made from the file's content).
    original = {
        d["key"] for d in by_file["001"]["documents"] if d["key"] not in by_file["001"]["own"]
    }
    ocr = {d["key"] for d in by_file["004"]["documents"] if d["key"] not in by_file["004"]["own"]}
    assert original == ocr


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "no text"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("notes.odt", b"PK\x03\x04 something", "unsupported file type '.odt'"),
        ("broken.docx", b"this is not a zip file", "corrupt"),
        ("broken.pdf", b"%PDF-1.4\n garbage without objects", "corrupt"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run_cli("extract", str(bad), "--json")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and reason in lines[0].lower()


def test_pdf_without_text_layer_is_refused(tmp_path):
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scan.open("wb") as fh:
        writer.write(fh)
    result = run_cli("extract", str(scan))
    assert result.returncode == 2
    assert "no text layer" in result.stderr and str(scan) in result.stderr


def test_file_over_the_size_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Nghị quyết số 57-NQ/TW\n" * 60_000, encoding="utf-8")
    result = run_cli("extract", str(big), "--max-mb", "1", "--json")
    assert result.returncode == 2
    assert re.search(r"over the 1 MB limit", result.stderr)


def test_batch_keeps_good_files_and_lists_bad_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Căn cứ Kế hoạch số 359-KH/TU ngày 29/4/2025 của Tỉnh ủy;", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run_cli("extract", str(good), str(missing), "--json")
    assert result.returncode == 2
    records = json_lines(result.stdout)
    assert [r["file"] for r in records] == [str(good), str(missing)]
    assert records[0]["error"] is None and records[0]["mentions"][0]["symbol"] == "359-KH/TU"
    assert records[1]["error"] == "no such file" and records[1]["mentions"] == []


def test_docx_is_read_with_tables(tmp_path):
    import docx

    path = tmp_path / "plan.docx"
    d = docx.Document()
    d.add_paragraph("Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Triển khai Kế hoạch số 1587/KH-SKHCN"
    table.rows[0].cells[1].text = "Phòng KH-CN"
    d.save(path)
    records = json_lines(run_cli("extract", str(path), "--json").stdout)
    assert records[0]["format"] == "docx"
    assert [m["symbol"] for m in records[0]["mentions"]] == ["71/NQ-CP", "1587/KH-SKHCN"]


def test_legacy_encoding_is_detected_and_reported(tmp_path):
    from ingest.encodings import encode_text

    path = tmp_path / "old.txt"
    text = "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển"
    path.write_bytes(encode_text(text, "vni"))
    record = json_lines(run_cli("extract", str(path), "--json").stdout)[0]
    assert record["encoding"] == "vni"
    assert record["mentions"][0]["surface"] == "Nghị quyết số 57-NQ/TW"


def test_eval_prints_the_figures():
    result = run_cli("eval", "--json")
    assert result.returncode == 0, result.stderr
    scores = json_lines(result.stdout)[0]
    assert scores["mentions"]["f1"] >= 0.98
    assert len(scores["files"]) == 5


def test_eval_real_scores_a_corpus_against_its_gold(tmp_path):
    # A work-assigning file whose one task the gold holds, and an encyclopaedia page.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "0aaa.md").write_text(
        "Số: 12/KH-UBND | Quảng Ngãi, ngày 02 tháng 12 năm 2025\n\n**KẾ HOẠCH**\n\n"
        "CHUYỂN ĐỔI SỐ\n\n**II. TỔ CHỨC THỰC HIỆN**\n\n"
        "1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở xây dựng cơ sở dữ liệu, "
        "hoàn thành trong Quý IV/2025.\n",
        encoding="utf-8",
    )
    (corpus / "fbbb.md").write_text(
        "Đài Truyền hình Việt Nam\n\nĐài Truyền hình Việt Nam chủ trì, phối hợp với các đài "
        "tổ chức chương trình.\n",
        encoding="utf-8",
    )
    gold = tmp_path / "gold"
    (gold / "tasks").mkdir(parents=True)
    task = {
        "head": "xây dựng cơ sở dữ liệu",
        "text": "Giao Sở Khoa học và Công nghệ chủ trì, "
        "phối hợp với các sở xây dựng cơ sở dữ liệu, hoàn thành trong Quý IV/2025.",
        "lead_unit": "Sở Khoa học và Công nghệ",
        "due": "2025-12-31",
    }
    (gold / "tasks" / "0aaa.json").write_text(
        json.dumps(
            {
                "file": "0aaa.md",
                "part": "test",
                "layouts": ["sentence"],
                "tasks": [task],
                "relations": [],
            }
        ),
        encoding="utf-8",
    )
    (gold / "letterheads.json").write_text(
        json.dumps({"0aaa.md": {"symbol": "12/KH-UBND"}}), encoding="utf-8"
    )
    result = run_cli("eval", "--real", str(corpus), "--real-gold", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    record = json_lines(result.stdout)[0]
    test = record["parts"]["test"]
    assert test["documents"] == 1
    assert (test["tasks"]["true_positives"], test["lead"]["true_positives"]) == (1, 1)
    assert test["due"]["true_positives"] == 1
    assert record["letterheads"]["true_positives"] == 1
    assert record["assigning_files"]["test"]["true_positives"] == 1
    assert record["assigning_files"]["dev"]["gold"] == 0  # a page is not a document
    assert record["failed_files"] == []


def test_eval_real_refuses_gold_for_files_the_corpus_lacks(tmp_path):
    result = run_cli("eval", "--real", str(tmp_path))
    assert result.returncode == 2
    assert "annotated in the gold" in result.stderr


@pytest.fixture(scope="module")
def plans_ws(tmp_path_factory) -> Path:
    # The samples, a provincial plan carrying out Kế hoạch 359-KH/TU (which carries out
    # Nghị quyết 57), a decision issuing an action plan for Nghị quyết 57, and a plan that
    # only names Nghị quyết 57 among its bases.
    plans = ROOT / "tests" / "data" / "derive_plans"
    workspace = tmp_path_factory.mktemp("plans") / "ws"
    result = run_cli("ingest", str(SAMPLE), str(plans), "-w", str(workspace), "--no-index")
    assert result.returncode == 0, result.stderr
    return workspace


def test_derive_reaches_every_task_of_the_plans_that_carry_a_resolution_out(plans_ws):
    workspace = plans_ws

    def derived(*flags: str) -> dict[str, int]:
        out = run_cli("derive", "57-NQ/TW", "-w", str(workspace), "--json", *flags)
        assert out.returncode == 0, out.stderr
        counts: dict[str, int] = {}
        for task in json_lines(out.stdout)[0]["tasks"]:
            name = Path(task["file"]).name
            counts[name] = counts.get(name, 0) + 1
        return counts

    plain = derived()
    assert plain["kh45_thuc_hien_359.md"] == 7  # every task, through 45 → 359 → 57
    assert plain["qd88_ban_hanh_kh.md"] == 3  # every task of the plan the decision issues
    assert "kh12_can_cu_57.md" not in plain
    assert derived("--based-on")["kh12_can_cu_57.md"] == 2


# Keys ("NQ:57:TW:2024", "@3121599edd"), ISO dates and paths are for --json only.
KEY_PATTERN = re.compile(r"\b[A-ZĐ][A-Za-zĐđ]{0,4}:[\w_]+:[\w_]+:|@[0-9a-f]{10}|\d{4}-\d{2}-\d{2}")


def test_plain_answers_name_documents_as_people_do(plans_ws):
    ws = str(plans_ws)
    derive = run_cli("derive", "57-NQ/TW", "-w", ws)
    assert derive.returncode == 0, derive.stderr
    first = derive.stdout.splitlines()[0]
    assert first.endswith("nhiệm vụ thực hiện Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)")
    assert "← Kế hoạch 359-KH/TU (Quảng Ngãi)" in derive.stdout
    show = run_cli("show", "327/QĐ-UBND", "-w", ws)
    # (A test plan dates 327 otherwise: the earliest date is shown, the other one noted.)
    assert show.stdout.startswith("Quyết định 327/QĐ-UBND của Ủy ban nhân dân tỉnh Quảng Ngãi (")
    assert "Các tệp ghi khác nhau về loại văn bản: KH / QĐ" in show.stdout
    trace = run_cli("trace", "327/QĐ-UBND", "-w", ws)
    assert any(
        " → Kế hoạch 359-KH/TU của Ban Thường vụ Tỉnh ủy Quảng Ngãi (" in line
        and line.endswith(" → Nghị quyết 57-NQ/TW của Bộ Chính trị (22/12/2024)")
        for line in trace.stdout.splitlines()
    )
    for result in (derive, show, trace):
        assert not KEY_PATTERN.search(result.stdout), KEY_PATTERN.search(result.stdout)
    # --json keeps the keys, and now names them.
    record = json_lines(run_cli("trace", "327/QĐ-UBND", "-w", ws, "--json").stdout)[0]
    assert record["start"] == "QĐ:327:UBND:2025:quang-ngai"
    assert record["names"]["NQ:57:TW:2024"].startswith("Nghị quyết 57-NQ/TW của Bộ Chính trị")


def test_due_lists_a_units_tasks_by_deadline(plans_ws):
    ws = str(plans_ws)
    out = run_cli("due", "-w", ws, "--today", "01/09/2025", "--within", "30d", "--json")
    assert out.returncode == 0, out.stderr
    record = json_lines(out.stdout)[0]
    assert record["today"] == "2025-09-01"
    assert record["tasks"] and all(t["due"] and 0 <= t["days_left"] <= 30 for t in record["tasks"])
    assert {t["due"] for t in record["tasks"]} == {"2025-09-30"}  # Quý III/2025
    late = json_lines(
        run_cli("due", "-w", ws, "--today", "2025-09-01", "--overdue", "--json").stdout
    )[0]["tasks"]
    assert late and all(t["days_left"] < 0 and t["status"] == "quá hạn" for t in late)
    # Phòng Quản lý công nghệ's task in the decision's plan, due in Quý II, is overdue.
    mine = json_lines(
        run_cli(
            "due",
            "-w",
            ws,
            "--today",
            "2025-09-01",
            "--overdue",
            "--unit",
            "phong quan ly cong nghe",
            "--json",
        ).stdout
    )[0]["tasks"]
    assert [t["due"] for t in mine] == ["2025-06-30"]
    assert "NQ:57:TW:2024" in mine[0]["sources"]
    plain = run_cli(
        "due", "-w", ws, "--today", "2025-09-01", "--overdue", "--unit", "phong quan ly cong nghe"
    )
    assert "30/06/2025 (quá hạn 63 ngày)" in plain.stdout
    assert "từ: Nghị quyết 57-NQ/TW" in plain.stdout


@pytest.mark.parametrize("flags", [("--within", "soon"), ("--today", "31/02/2025")])
def test_due_refuses_a_span_or_day_it_cannot_read(plans_ws, flags):
    result = run_cli("due", "-w", str(plans_ws), *flags)
    assert result.returncode == 2
    assert result.stderr.startswith("chidao: ") and "không hợp lệ" in result.stderr


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import typer.main

    from ui.cli import app

    commands = typer.main.get_command(app).commands
    for name in commands:
        assert f"chidao {name}" in readme, f"command '{name}' is not documented in README.md"


def test_unknown_command_is_bad_usage():
    result = run_cli("frobnicate")
    assert result.returncode == 2


def test_extract_docx_corrupt_zip(tmp_path):
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    result = run_cli("extract", str(path))
    assert result.returncode == 2
    assert str(path) in result.stderr


@pytest.mark.parametrize("reference", ['x"}', "x" * 500])
def test_a_malformed_reference_is_bad_input_said_in_one_short_line(tmp_path, reference):
    plan = tmp_path / "plan.txt"
    plan.write_text("KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n", encoding="utf-8")
    ws = str(tmp_path / "ws")
    assert run_cli("ingest", str(plan), "-w", ws, "--no-index").returncode == 0
    result = run_cli("derive", reference, "-w", ws)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "not a document reference" in line and len(line) < 160


def test_stopping_the_explorer_leaves_nothing_running(tmp_path):
    import signal
    import socket
    import subprocess
    import time

    from tests.conftest import _free_port

    port = _free_port()
    chidao = str(Path(sys.executable).parent / "chidao")
    proc = subprocess.Popen(
        [chidao, "ui", "-w", str(tmp_path / "ws"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def serving() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            return False

    deadline = time.monotonic() + 60
    while not serving() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert serving(), "the explorer did not start"
    proc.send_signal(signal.SIGTERM)  # as a service manager stops it
    proc.wait(timeout=20)
    deadline = time.monotonic() + 10
    while serving() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not serving(), "the server outlived the chidao ui it was started by"


def test_embedding_progress_is_a_line_every_few_seconds_in_a_log(capsys, monkeypatch):
    from ui import cli

    clock = iter([0.0, 0.0, 1.0, 7.0, 9.0])
    monkeypatch.setattr(cli.time, "monotonic", lambda: next(clock))
    report = cli._progress_lines(every=5.0)
    for done in (10, 20, 60, 100):
        report(done, 100)
    lines = capsys.readouterr().err.splitlines()
    # The first call, the one five seconds later, and the last; not the one in between.
    assert lines == [
        "Nhúng đoạn văn: 10/100 (10%), còn khoảng 1 phút",
        "Nhúng đoạn văn: 60/100 (60%), còn khoảng 1 phút",
        "Nhúng đoạn văn: 100/100 (100%)",
    ]


def test_eval_search_names_a_missing_file_of_a_corpus_list(tmp_path):
    listed = tmp_path / "archive.list"
    listed.write_text(
        f"# two files\n{SAMPLE / '000_3e97e06fa1466c81.txt'}\n\nmissing.md\n", encoding="utf-8"
    )
    result = run_cli(
        "eval", "--search", "--corpus", str(listed), "--workspace", str(tmp_path / "ws")
    )
    assert result.returncode == 2
    assert f"{listed}:4: missing.md: no such file" in result.stderr
    kept = (
        list((tmp_path / "ws" / "texts").glob("*")) if (tmp_path / "ws" / "texts").exists() else []
    )
    assert kept == [], "nothing is ingested before the whole list is read"


def test_corpus_list_reads_paths_relative_to_the_list(tmp_path):
    from chidao.evaluation import corpus_files

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Kế hoạch số 01/KH-UBND", encoding="utf-8")
    listed = tmp_path / "lists" / "x.list"
    listed.parent.mkdir()
    listed.write_text("# one\n../docs/a.txt\n", encoding="utf-8")
    assert corpus_files(listed) == [(tmp_path / "docs" / "a.txt").resolve()]
