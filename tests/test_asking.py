"""What a query asks for: question words dropped for the lexical lane, the answer's shape."""

from __future__ import annotations

import pytest

from search.asking import asked_shape, drop_question_words, holds_shape
from search.thesaurus import expand_query

DROP_CASES = [
    # Question phrases go however they are written; the words of the need stay.
    ("phạt bao nhiêu tiền khi đốt pháo?", "phạt tiền khi đốt pháo?"),
    ("phat bao nhieu tien khi dot phao", "phat tien khi dot phao"),
    ("luật quản lý thuế cũ áp dụng đến bao giờ", "luật quản lý thuế cũ áp dụng đến"),
    ("muốn làm lính cứu hỏa thì ghi danh ở đâu", "muốn làm lính cứu hỏa thì ghi danh"),
    ("được hiểu thế nào", "được hiểu"),
    ("có được đào tạo không", "có được đào tạo"),
    # One-syllable question words go only with their marks: folded they are document words.
    ("thủ tục nào bị bỏ", "thủ tục bị bỏ"),
    ("mua máy tính", "mua máy tính"),
    ("ghi so lieu vao may tinh", "ghi so lieu vao may tinh"),
    # A query of question words alone is left as typed.
    ("bao nhiêu", "bao nhiêu"),
]


@pytest.mark.parametrize(("query", "expected"), DROP_CASES)
def test_question_words_are_dropped(query, expected):
    assert drop_question_words(query) == expected


SHAPE_CASES = [
    ("tung tin đồn lên mạng bị phạt bao nhiêu tiền", "money"),
    ("phat bao nhieu tien", "money"),
    ("ngân sách thành phố chịu bao nhiêu phần trăm", "percent"),
    ("khoan xong giếng thì mấy ngày phải nộp báo cáo", "duration"),
    ("xin cấp giấy mất bao lâu", "duration"),
    ("quyết định có hiệu lực từ ngày nào", "time"),
    ("Bộ Nội vụ phải xong vào lúc nào", "time"),
    ("thi hanh den bao gio", "time"),
    ("đăng ký ở đâu", "place"),
    ("ai lo soạn nội dung họp chi bộ", "body"),
    ("cơ quan nào cấp phép", "body"),
    ("nặng bao nhiêu gram", "number"),
    ("đồng hồ được xác định trước mã số nào", "code"),
    ("so dien thoai lien he la bao nhieu", "code"),
    ("sở nào chủ trì", "body"),
    # No question words, or words that only look like them.
    ("chuyển đổi số cấp xã", None),
    ("dùng AI soạn thảo văn bản", None),
    ("mua máy tính giá trên 30 triệu", None),
    # Without marks "may" asks only before what is counted: else it is "máy".
    ("bo sung may moc thiet bi phuc vu so hoa", None),
    ("may ngay phai nop bao cao", "duration"),
    ("phai bao cao may lan", "number"),
]


@pytest.mark.parametrize(("query", "kind"), SHAPE_CASES)
def test_the_shape_asked_for_is_read_from_question_words(query, kind):
    shape = asked_shape(query)
    assert (shape.kind if shape else None) == kind


HOLDS_CASES = [
    ("money", "Phạt tiền từ 2.000.000 đồng đến 5.000.000 đồng", True),
    ("money", "Phạt tiền đối với hành vi đốt pháo", False),
    ("time", "Quyết định này có hiệu lực kể từ ngày 30/11/2025.", True),
    ("time", "Quyết định này có hiệu lực thi hành.", False),
    ("duration", "trong thời hạn 60 ngày làm việc sau khi hoàn thành", True),
    ("duration", "trong thời hạn 05 (năm) ngày làm việc", True),
    ("percent", "ngân sách thành phố hỗ trợ 80%", True),
    ("place", "đăng ký với Công an cấp xã nơi cư trú", True),
    ("code", "phân nhóm 8517.62, mã số 8517.62.59", True),
    ("code", "(mã TTHC 1.004082)", True),
    ("code", "điện thoại: 02439411232", True),
    ("code", "Thiết bị có khả năng nhận cuộc gọi", False),
]

QUERIES_OF = {
    "money": "phạt bao nhiêu tiền",
    "time": "hiệu lực từ ngày nào",
    "duration": "mất bao lâu",
    "percent": "bao nhiêu phần trăm",
    "place": "đăng ký ở đâu",
    "code": "mã số nào",
}


@pytest.mark.parametrize(("kind", "text", "holds"), HOLDS_CASES)
def test_an_answer_of_the_shape_is_recognised(kind, text, holds):
    shape = asked_shape(QUERIES_OF[kind])
    assert shape.kind == kind
    assert holds_shape(shape, text) is holds


EXPAND_CASES = [
    # The documents' words for everyday ones, the longest expression first.
    (
        "đền bù khi lấy đất",
        ("bồi thường khi nhà nước thu hồi đất", "bồi thường, hỗ trợ, tái định cư"),
    ),
    ("muốn làm lính cứu hỏa", ("lực lượng phòng cháy, chữa cháy",)),
    ("gplx hết hạn", ("giấy phép lái xe",)),
    # As written: folded, "bão" would be the "bao" of "bao nhiêu", "bớt" the code "BOT".
    ("phải báo cáo bao nhiêu lần", ()),
    ("giảm bớt giấy tờ cho doanh nghiệp", ()),
    # Never inside a số hiệu.
    ("327/QĐ-UBND", ()),
    # What the query already says is not added again.
    ("bồi thường khi nhà nước thu hồi đất", ()),
]


@pytest.mark.parametrize(("query", "wanted"), EXPAND_CASES)
def test_everyday_words_are_widened_to_the_documents_words(query, wanted):
    got = expand_query(query)
    assert got[: len(wanted)] == wanted
    if not wanted:
        assert got == ()
