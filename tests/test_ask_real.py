"""Questions over real documents: duties stated in articles, lists, figures asked of them.

Two development-part files of corpus-real, in `tests/data/ask_real/`:
- `qd211_quy_che_hai_phong.md`, an excerpt of Hải Phòng's Quyết định 211/2025/QĐ-UBND and the
  Quy chế it issues: its letterhead and decision, the article on locking accounts (two lists
  of cases), and the articles on each department's duties, which are sentences under a
  heading, not rows of tasks;
- `tb623_ket_luan_dak_lak.md`, the Government Office's Thông báo 623/TB-VPCP (the Prime
  Minister's conclusions in Đắk Lắk), whole: tasks given to ministries in sentences, one of
  which the structure reader does not take for a task.
"""

from __future__ import annotations

import pytest

from chidao.ask import Answerer, _asked_types, _names_any, read_question
from graph.build import ingest_paths
from graph.store import open_store
from search.build import update_index
from search.hybrid import open_searcher
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "ask_real"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    ws = tmp_path_factory.mktemp("ask-real")
    store = open_store(ws)
    ingest_paths(store, ws, [FOLDER])
    update_index(ws, store)
    yield Answerer(open_searcher(ws, store), store)
    store.close()


def test_a_units_duties_stated_in_an_article_are_quoted(answerer):
    answer = answerer.answer(
        "Theo Quyết định 211/2025/QĐ-UBND của Hải Phòng, Sở Khoa học và Công nghệ có trách "
        "nhiệm gì?"
    )
    assert answer.intent == "unit"
    assert answer.answer.startswith("Không có nhiệm vụ nào thực hiện Quyết định 211/2025/QĐ-UBND")
    assert "đoạn của văn bản nói về" in answer.answer
    quoted = " ".join(i["text"] for i in answer.items)
    assert "Phối hợp với Sở Tư pháp bố trí hạ tầng công nghệ thông tin dùng chung" in quoted
    # The article of another department is not its duty.
    assert "Phối hợp với Sở Tư pháp bố trí hạ tầng" in answer.items[0]["text"]  # its own article


def test_passages_naming_the_unit_outside_its_tasks_follow_them(answerer):
    answer = answerer.answer("thong bao 623/tb-vpcp giao bo tai chinh nhung viec gi")
    assert answer.intent == "unit"
    tasks = [i for i in answer.items if i["kind"] == "task"]
    led = [i for i in tasks if i["lead_unit"] == "Bộ Tài chính"]
    assert len(led) == 4
    # The one it joins names it among its partners ("… phối hợp với Bộ Dân tộc và Tôn giáo,
    # Bộ Tài chính và các cơ quan liên quan").
    assert all(any("Bộ Tài chính" in u for u in i["coop_units"]) for i in tasks if i not in led)
    # A sentence the structure reader did not take for a task is quoted after them, as such.
    assert "Các đoạn khác của văn bản nói về Bộ Tài chính:" in answer.answer
    quoted = [i for i in answer.items if i["kind"] == "passage"]
    assert any("Bộ Tài chính khẩn trương báo cáo Thủ tướng" in i["text"] for i in quoted)
    assert len(quoted) <= 3


def test_a_list_is_quoted_with_its_items(answerer):
    answer = answerer.answer(
        "qd 211/2025/qd-ubnd hai phong: truong hop nao tai khoan bi khoa vinh vien"
    )
    assert answer.intent == "open"
    said = " ".join(answer.answer.split())
    assert "bị khóa vĩnh viễn trong các trường hợp sau đây:" in said
    assert "đề nghị khóa vĩnh viễn các tài khoản đã cấp" in said  # its item d)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A figure asked is a fact, whatever unit or "việc" the question names.
        ("Theo Quyết định 211/2025/QĐ-UBND, Sở Tư pháp sao lưu dữ liệu mấy lần một năm?", "open"),
        ("quyết định 211/2025/qđ-ubnd hải phòng có bao nhiêu nhiệm vụ", "derive"),
        ("Quyết định 211/2025/QĐ-UBND căn cứ những nghị định nào?", "based_on"),
        # A kind of document asked is what is carried out, whatever unit the question names.
        (
            "Quyết định 211/2025/QĐ-UBND: trách nhiệm của Sở Tư pháp thực hiện theo nghị định nào?",
            "implements",
        ),
        ("Quyết định 211/2025/QĐ-UBND giao Sở Tư pháp những việc gì?", "unit"),
        # What a document asks be done is its tasks.
        ("thong bao 623/tb-vpcp: cac dia phuong duoc yeu cau lam gi", "derive"),
        # "Giao cho ai" asks who leads.
        ("Thông báo 623/TB-VPCP giao cho ai hoàn thiện dự thảo nghị định?", "lead"),
    ],
)
def test_what_a_question_asks_decides_its_intent(answerer, question, intent):
    assert read_question(question, answerer.searcher, answerer.store).intent == intent


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("Nghị quyết 81 được ban hành để thực hiện luật nào?", {"L"}),
        ("nghi quyet 196/2025/qh15 la de thuc hien nghi quyet, ket luan nao", {"NQ", "KL"}),
        ("quyết định 5 căn cứ nghị định và thông tư nào", {"NĐ", "TT"}),
        # A type word in the topic asks nothing: "quy định" here is what the decision does.
        ("qd 213/2025 hai phong ve du bao chay rung quy dinh chi tiet van ban nao", set()),
        ("Kế hoạch 359 thực hiện văn bản nào?", set()),
    ],
)
def test_the_kind_of_document_asked_is_the_one_before_nao(question, types):
    assert _asked_types(question) == types


def test_a_document_only_cited_is_not_answered_from_the_citing_file(answerer):
    # The Quy chế cites Nghị định 104/2025 in its Căn cứ: its other Căn cứ lines are what the
    # Quy chế stands on, not what the decree carries out.
    answer = answerer.answer("Nghị định 104/2025/NĐ-CP được ban hành để thực hiện luật nào?")
    assert answer.intent == "implements"
    assert answer.answer.startswith("Không thấy Nghị định 104/2025/NĐ-CP")
    assert not any(i.get("kind") == "document" for i in answer.items)


@pytest.mark.parametrize(
    ("asked", "labels", "named"),
    [
        # The unit a question names is the one a plan names with its place, and the other way.
        ("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công thành phố", True),
        ("Sở Tư pháp tỉnh Quảng Ngãi", "Sở Tư pháp", True),
        ("sở nội vụ", "Sở Nội vụ Thành phố", True),
        ("Sở Tư pháp", "Sở Tài chính", False),
        ("Bộ Công an", "Bộ Công Thương", False),
        # Whole words only: "Phòng QLCN" is not "Phòng QLCN&TTCM".
        ("Phòng QLCN", "Phòng QLCN&TTCM", False),
    ],
)
def test_a_unit_asked_names_the_tasks_unit_by_its_words(asked, labels, named):
    assert _names_any([asked], [labels]) is named
