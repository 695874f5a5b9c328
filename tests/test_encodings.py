import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.encodings import decode_legacy, decode_text, encode_text, repair_legacy_fonts
from ingest.errors import BadInput, UndecodableText
from tests.conftest import SAMPLE

CORPUS = Path(__file__).resolve().parents[1] / "data" / "sample"  # copy of the shared corpus


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def vietnamese_letters() -> list[str]:
    """The 134 letters with Vietnamese marks, built from bases, modifiers and tones."""
    modifiers = {
        "a": "\u0302\u0306",
        "e": "\u0302",
        "i": "",
        "o": "\u0302\u031b",
        "u": "\u031b",
        "y": "",
    }
    letters = {"đ", "Đ"}
    for base, mods in modifiers.items():
        for mod in ["", *mods]:
            for tone in ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]:
                letter = nfc(base + mod + tone)
                if len(letter) == 1 and letter != base:
                    letters |= {letter, letter.upper()}
    return sorted(letters)


LETTERS = vietnamese_letters()
# TCVN3 codes the lower-case letters and, of the upper-case ones, only those without a tone.
TCVN3_LETTERS = [c for c in LETTERS if c.islower() or c in "ĂÂÊÔƠƯĐ"]
ASCII_TEXT = [chr(i) for i in range(0x20, 0x7F)] + ["\n", "\t"]

# Real sentences from the sample corpus (Sở KH&CN Quảng Ngãi, 2025), all in TCVN3's reach.
SENTENCES = [
    "Điều 2. Căn cứ Chương trình công tác 6 tháng cuối năm 2025 của Sở Khoa học và Công "
    "nghệ, Trưởng các phòng, đơn vị trực thuộc có trách nhiệm triển khai thực hiện nhằm "
    "hoàn thành tốt chương trình, kế hoạch năm 2025.",
    "Tiếp tục mở rộng, nâng cao chất lượng mạng viễn thông; rà soát, từng bước xóa vùng lõm "
    "sóng thông tin di động, đẩy mạnh phủ sóng 5G trên địa bàn tỉnh.",
    "- Chuyên mục “Khoa học, công nghệ và đời sống”: 12 số trên sóng phát thanh, 12 số trên "
    "sóng truyền hình, 12 số chuyên trang trên Báo;",
    "3. Kết quả thực hiện các chỉ tiêu, nhiệm vụ được giao tại Chương trình này là căn cứ, cơ "
    "sở để bình xét thi đua khen thưởng cho tổ chức, cá nhân năm 2025.",
    "- Tổ chức chuỗi hoạt động hưởng ứng, tuyên truyền Ngày Đổi mới sáng tạo thế giới (21/4) "
    "và Ngày Sở hữu trí tuệ thế giới (26/4) năm 2025:",
    "(4) Quyết định điều chỉnh dự toán kinh phí đối với nhiệm vụ khoa học và công nghệ;",
    "Trồng thử nghiệm một số cây dược liệu (sâm Bố Chính, Bảy lá một hoa) trên địa bàn tỉnh "
    "Kon Tum;",
    "- Thực hiện Kế hoạch nâng cao chỉ số đổi mới sáng tạo tỉnh Quảng Ngãi:",
]
# Capitals with tone marks, which TCVN3 cannot code.
CAPITALS = [
    "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG NGÃI",
    "(2) Quyết định kiện toàn Ban Chỉ đạo của Ủy ban nhân dân tỉnh Quảng Ngãi về phát triển "
    "khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06;",
]


# --- exact codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("người", "tcvn3", b"ng\xad\xeai"),
        ("Việt Nam", "tcvn3", b"Vi\xd6t Nam"),
        ("của và được", "tcvn3", b"c\xf1a v\xb5 \xae\xad\xeec"),
        ("ĂÂÊÔƠƯĐăâêôơưđ", "tcvn3", bytes(range(0xA1, 0xAF))),
        ("ằẳẵắặ ỳỷỹýỵ", "tcvn3", b"\xbb\xbc\xbd\xbe\xc6 \xfa\xfb\xfc\xfd\xfe"),
        ("Nghị quyết", "vni", b"Ngh\xf2 quye\xe1t"),
        ("người được", "vni", b"ng\xf6\xf4\xf8i \xf1\xf6\xf4\xefc"),
        ("Việt Nam của", "vni", b"Vie\xe4t Nam cu\xfba"),
        ("ẳ ặ ỵ ĩ", "vni", b"a\xfa a\xeb \xee \xf3"),
        ("QUYẾT ĐỊNH", "vni", b"QUYE\xc1T \xd1\xd2NH"),
        ("ỨNG Ỵ Ẳ", "vni", b"\xd6\xd9NG \xce A\xda"),
        ("Việt", "cp1258", b"Vi\xea\xf2t"),
        ("được của", "cp1258", b"\xf0\xfd\xf5\xf2c cu\xd2a"),
        ("á Ă", "cp1258", b"\xe1 \xc3"),
    ],
)
def test_encode_text_writes_the_standard_codes(text, encoding, expected):
    assert encode_text(text, encoding) == expected
    assert nfc(decode_legacy(expected, encoding)) == text


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_high_bytes_agree_with_glibc():
    # glibc's TCVN5712-1 is the full VN1 chart; our 0xA0-0xFF must match it byte for byte.
    lines = b"\n".join(bytes([b]) for b in range(0xA0, 0x100))
    run = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=lines, capture_output=True, check=False
    )
    if run.returncode:
        pytest.skip("iconv has no TCVN5712-1")
    expected = [nfc(line) for line in run.stdout.decode().split("\n")]
    assert [decode_legacy(bytes([b]), "tcvn3") for b in range(0xA0, 0x100)] == expected


def test_tcvn3_refuses_capitals_it_has_no_code_for():
    with pytest.raises(UnicodeEncodeError) as err:
        encode_text("Ủy ban", "tcvn3")
    assert (err.value.start, err.value.end) == (0, 1)


def test_encode_text_accepts_any_normal_form():
    for encoding in ("tcvn3", "vni", "cp1258"):
        assert encode_text(unicodedata.normalize("NFD", SENTENCES[0]), encoding) == encode_text(
            SENTENCES[0], encoding
        )


def test_every_letter_round_trips_alone():
    for letter in LETTERS:
        assert decode_legacy(encode_text(letter, "vni"), "vni") == letter
        assert nfc(decode_legacy(encode_text(letter, "cp1258"), "cp1258")) == letter
    for letter in TCVN3_LETTERS:
        assert decode_legacy(encode_text(letter, "tcvn3"), "tcvn3") == letter
    assert len(LETTERS) == 134
    assert len({encode_text(c, "vni") for c in LETTERS}) == 134
    assert len({encode_text(c, "tcvn3") for c in TCVN3_LETTERS}) == len(TCVN3_LETTERS) == 74


# --- round trips ----------------------------------------------------------------------


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from(TCVN3_LETTERS + ASCII_TEXT)))
def test_tcvn3_round_trip(text):
    assert decode_legacy(encode_text(text, "tcvn3"), "tcvn3") == text


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from(LETTERS + ASCII_TEXT)))
def test_vni_round_trip(text):
    assert decode_legacy(encode_text(text, "vni"), "vni") == text


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from(LETTERS + ASCII_TEXT)))
def test_cp1258_round_trip(text):
    assert nfc(decode_legacy(encode_text(text, "cp1258"), "cp1258")) == text


@settings(max_examples=150)
@given(st.binary(max_size=300))
def test_decode_text_returns_or_raises_undecodable(data):
    try:
        text, encoding = decode_text(data, "x.txt")
    except UndecodableText as err:
        assert str(err).startswith("x.txt: ")
    else:
        assert isinstance(text, str)
        assert encoding in {"utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"}


# --- detection ------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258", "utf-8"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_decode_text_detects_real_sentences(sentence, encoding):
    text, name = decode_text(encode_text(sentence, encoding), "doc.txt")
    assert (nfc(text), name) == (sentence, encoding)


@pytest.mark.parametrize("encoding", ["vni", "cp1258"])
@pytest.mark.parametrize("sentence", CAPITALS)
def test_decode_text_detects_capitals(sentence, encoding):
    text, name = decode_text(encode_text(sentence, encoding), "doc.txt")
    assert (nfc(text), name) == (sentence, encoding)


# Short lines where a wrong encoding also spells syllables; the right one must still win.
# The first ten are from the corpus, the last three from Vietnamese UI translations.
@pytest.mark.parametrize(
    ("line", "encoding"),
    [
        ("Nơi nhận:", "vni"),  # TCVN3 reads "Nụi nhaọn"
        ("chủ trì", "vni"),  # TCVN3 reads "chuỷ trỡ"
        ("- Lưu: VT, VP.", "vni"),  # TCVN3 reads "Lửu"
        ("Ví dụ:", "cp1258"),  # VNI reads "Ví duị"
        ("Ghi chú", "cp1258"),  # TCVN3 reads "chỳ"
        ("Thuê bao", "cp1258"),  # TCVN3 reads "Thuờ"
        ("quốc tế;", "tcvn3"),  # Windows-1258 reads "quèc tƠ"
        ("Lớp 02", "tcvn3"),  # Windows-1258 reads "Líp"
        ("BCVT&CĐS", "vni"),  # TCVN3 reads "CẸS"
        ("BCVT&CĐS", "cp1258"),  # TCVN3 reads "CÉS"
        ("Dài:", "cp1258"),  # TCVN3 reads "DỔi", in mixed case
        ("Lúc", "cp1258"),  # TCVN3 reads "Lỳc", a stop with a falling tone
        ("Gốc", "vni"),  # TCVN3 reads "Goỏc"
    ],
)
def test_decode_text_detects_short_lines(line, encoding):
    text, name = decode_text(encode_text(line, encoding), "doc.txt")
    assert (nfc(text), name) == (line, encoding)


def test_cp1258_text_is_returned_as_decoded():
    data = encode_text(SENTENCES[1], "cp1258")
    text, name = decode_text(data, "doc.txt")
    assert name == "cp1258"
    assert text == data.decode("cp1258")
    assert "\u0303" in text  # "viễn": the tilde is a combining mark until NFC
    assert nfc(text) == SENTENCES[1]


def test_tcvn3_restores_headings_set_in_an_upper_case_font():
    # .VnTimeH draws the lower-case codes as capitals, so files store "QUYếT ĐịNH".
    data = encode_text(
        "QUYếT ĐịNH\nVề việc ban hành Chương trình công tác của Sở Khoa học và Công nghệ", "tcvn3"
    )
    text, name = decode_text(data, "qd.txt")
    assert name == "tcvn3"
    assert text == (
        "QUYẾT ĐỊNH\nVề việc ban hành Chương trình công tác của Sở Khoa học và Công nghệ"
    )


def test_corpus_paragraphs_are_all_detected():
    files = sorted(CORPUS.glob("00[0-3]_*.txt"))  # 004 is OCR output without diacritics
    if not files:
        pytest.skip("sample corpus not found")
    checked = 0
    wrong = []
    for path in files:
        lines = [
            line for line in nfc(path.read_text(encoding="utf-8")).splitlines() if line.strip()
        ]
        for i in range(0, len(lines), 5):
            paragraph = "\n".join(lines[i : i + 5])
            if paragraph.isascii():
                continue
            for encoding in ("tcvn3", "vni", "cp1258"):
                try:
                    data = encode_text(paragraph, encoding)
                except UnicodeEncodeError:
                    continue  # TCVN3 capitals, or "·", which TCVN3 spends on "ã"
                text, name = decode_text(data, path.name)
                checked += 1
                if (nfc(text), name) != (paragraph, encoding):
                    wrong.append((encoding, name, paragraph[:60]))
    assert checked > 500
    assert wrong == []


# --- UTF ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCES[0].encode("utf-8"), "utf-8"),
        (SENTENCES[0].encode("utf-8-sig"), "utf-8-sig"),
        (SENTENCES[0].encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + SENTENCES[0].encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe" + SENTENCES[0].encode("utf-16-le"), "utf-16"),
        (SENTENCES[0].encode("utf-16-le"), "utf-16"),
        (SENTENCES[0].encode("utf-16-be"), "utf-16"),
    ],
)
def test_decode_text_reads_utf(data, encoding):
    assert decode_text(data, "doc.txt") == (SENTENCES[0], encoding)


def test_decode_text_reads_empty_and_ascii():
    assert decode_text(b"", "a.txt") == ("", "utf-8")
    assert decode_text(b"Article 1.\r\n", "a.txt") == ("Article 1.\r\n", "utf-8")


# --- refusals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "img.png: binary file, not text"),
        (encode_text(SENTENCES[0], "tcvn3") + b"\x00" * 40, "img.png: binary file, not text"),
        (bytes(range(1, 32)) * 8 + b"text", "img.png: binary file, not text"),
        (b"\xef\xbb\xbfabc\xff", "img.png: invalid utf-8 text"),
        (b"\xff\xfea\x00b", "img.png: invalid utf-16 text"),
        ("Việt".encode("utf-32"), "img.png: utf-32 text, which is not supported"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "img.png: text in an unknown encoding"),
        (
            b"\xbf\xa4\xb0 \xd7\xa5\xf0\xae\xb1 \xc3\xdf\xaf\xb4 " * 20,
            "img.png: text in an unknown encoding",
        ),
    ],
)
def test_decode_text_refuses(data, message):
    with pytest.raises(UndecodableText) as err:
        decode_text(data, "img.png")
    assert str(err.value) == message
    assert isinstance(err.value, BadInput)
    assert err.value.path == "img.png"


def test_decode_legacy_rejects_other_names():
    with pytest.raises(ValueError, match="not an 8-bit Vietnamese encoding"):
        decode_legacy(b"abc", "latin-1")


@pytest.mark.parametrize("encoding", ["utf-8", "tcvn3"])
def test_stray_control_characters_are_removed_with_a_warning(encoding, caplog):
    clean = encode_text(SENTENCES[0], encoding)
    data = clean[:10] + b"\x00" + clean[10:] + b"\x07"
    with caplog.at_level("WARNING", logger="chidao"):
        text, found = decode_text(data, "plan.txt")
    assert (text, found) == decode_text(clean, "plan.txt")
    assert "plan.txt: removed" in caplog.text


# --- legacy fonts inside Unicode text (a .VnTime or VNI-Times run in a .docx or UTF-8 file)


def _as_font(text: str, encoding: str) -> str:
    """What a run typed in a TCVN3 or VNI font holds once out of its font."""
    return encode_text(text, encoding).decode("cp1252", errors="replace")


FONT_LINES = (
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển",
    "Kế hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy Quảng Ngãi",
    "Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành liên quan thực hiện",
)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("line", FONT_LINES)
def test_a_line_typed_in_a_legacy_font_reads_as_unicode(line, encoding):
    assert repair_legacy_fonts(_as_font(line, encoding)) == (line, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_paragraph_mixing_fonts_is_repaired_where_it_needs(encoding):
    typed = "Thực hiện " + _as_font(FONT_LINES[1], encoding) + " về chuyển đổi số"
    assert repair_legacy_fonts(typed) == (
        "Thực hiện " + FONT_LINES[1] + " về chuyển đổi số",
        encoding,
    )


def test_unicode_text_is_left_as_it_is():
    # The samples, and what looked like fonts to a looser rule: symbols, a lone Ð, names.
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    texts.append("Kích thước 800×533, 2850÷3800 mm; Ðảng ủy; ông Ngô Ðức Chí; tức:·.·:")
    for text in texts:
        assert repair_legacy_fonts(text) == (text, None)


def test_a_utf8_file_and_a_docx_in_a_legacy_font_are_read_as_unicode(tmp_path):
    import docx

    body = "\n".join(FONT_LINES)
    (tmp_path / "vni.txt").write_text(_as_font(body, "vni"), encoding="utf-8")
    document = docx.Document()
    for line in FONT_LINES:
        run = document.add_paragraph().add_run(_as_font(line, "tcvn3"))
        run.font.name = ".VnTime"
    document.save(tmp_path / "tcvn3.docx")
    unicode = read_document_text(tmp_path, "vni.txt")
    assert unicode == (body, "utf-8+vni")
    assert read_document_text(tmp_path, "tcvn3.docx") == (body, "docx+tcvn3")


def read_document_text(folder: Path, name: str) -> tuple[str, str]:
    from ingest.pipeline import read_document

    doc = read_document(folder / name)
    return doc.text, doc.encoding
