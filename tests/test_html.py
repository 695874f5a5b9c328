"""The HTML reader: a portal's page rendered one block per line, lists numbered, merged cells."""

from __future__ import annotations

import pytest

from ingest.html import render_html
from ingest.pipeline import extract_documents, read_document


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Một <b>đoạn</b>\n  văn.</p><p>Đoạn hai.</p>", ["Một đoạn văn.", "Đoạn hai."]),
        ("<h2>I. NHIỆM VỤ</h2><div>Nội dung</div>", ["I. NHIỆM VỤ", "Nội dung"]),
        # The browser draws list numbers; the reader sees them.
        ("<ol><li>Việc một</li><li>Việc hai</li></ol>", ["1. Việc một", "2. Việc hai"]),
        ('<ol type="a"><li>Ý a</li><li>Ý b</li></ol>', ["a) Ý a", "b) Ý b"]),
        ('<ol type="I" start="2"><li>Mục</li></ol>', ["II. Mục"]),
        ("<ul><li>Gạch đầu dòng</li></ul>", ["- Gạch đầu dòng"]),
        ("<p>Dòng một<br>Dòng hai</p>", ["Dòng một", "Dòng hai"]),
        ("<script>var x = 1;</script><style>p{}</style><p>Chữ</p>", ["Chữ"]),
        (
            '<?xml version="1.0" encoding="utf-8"?><html><body><p>Có khai báo</p></body></html>',
            ["Có khai báo"],
        ),
        ("", []),
    ],
)
def test_html_blocks(markup, expected):
    rendered = render_html(markup).strip()
    assert (rendered.split("\n\n") if rendered else []) == expected


def test_a_merged_cell_is_carried_down_and_written_once_across():
    markup = (
        "<table>"
        "<tr><th>TT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Thời gian</th></tr>"
        '<tr><td colspan="4">I. HOÀN THIỆN THỂ CHẾ</td></tr>'
        '<tr><td>1</td><td>Xây dựng quy chế</td><td rowspan="2">Sở Tư pháp</td>'
        "<td>Quý III/2025</td></tr>"
        "<tr><td>2</td><td>Rà soát văn bản</td><td>Quý IV/2025</td></tr>"
        "</table>"
    )
    assert render_html(markup).strip().split("\n\n") == [
        "TT | Nội dung | Cơ quan chủ trì | Thời gian",
        "I. HOÀN THIỆN THỂ CHẾ |  |  | ",
        "1 | Xây dựng quy chế | Sở Tư pháp | Quý III/2025",
        "2 | Rà soát văn bản | Sở Tư pháp | Quý IV/2025",
    ]


def test_a_hostile_span_is_capped():
    markup = '<table><tr><td rowspan="100000000">x</td></tr></table>'
    assert len(render_html(markup)) < 1000


PORTAL_PLAN = """<html><head><title>Kế hoạch</title><script>track()</script></head><body>
<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NGÃI</b></td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</td></tr>
<tr><td>Số: 45/KH-UBND</td><td><i>Quảng Ngãi, ngày 10 tháng 3 năm 2025</i></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p>
<p align="center"><b>Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị</b></p>
<h3>I. NHIỆM VỤ</h3>
<ol>
<li>Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu, hoàn thành trong Quý IV/2025.</li>
<li>Sở Tài chính:<ul><li>Bố trí kinh phí thực hiện Kế hoạch.</li></ul></li>
</ol>
</body></html>
"""


def test_a_portal_page_gives_its_letterhead_tasks_and_edge(tmp_path):
    path = tmp_path / "ke-hoach.html"
    path.write_text(PORTAL_PLAN, encoding="utf-8")
    ex = extract_documents([read_document(path)])[0]
    assert ex.document.format == "html"
    assert ex.owners[0].symbol == "45/KH-UBND"
    assert [(t.lead_unit, t.due) for t in ex.tasks] == [
        ("Sở Khoa học và Công nghệ", "2025-12-31"),
        ("Sở Tài chính", None),
    ]
    symbols = {d.key: d.symbol for d in ex.documents}
    assert ("implements", "57-NQ/TW") in {(r.relation, symbols[r.target]) for r in ex.relations}
