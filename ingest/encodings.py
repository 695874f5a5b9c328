"""Decode text files in the encodings Vietnamese documents come in.

Besides UTF-8 and UTF-16 there are three 8-bit encodings, and every byte string decodes
under all three, so the pick is made by how Vietnamese each decoding reads:

- "cp1258": Windows-1258, through Python's codec. Tone marks come out as combining
  characters; the text is returned as decoded and NFC later gives the usual letters.
- "tcvn3": TCVN 5712:1993 VN3 (ABC), the encoding of the .VnTime fonts. Bytes
  0xA0-0xFF follow the standard (the full VN1 chart, whose upper-case letters with tone
  marks VN3 leaves out); 0x80-0x9F keep their Windows-1252 symbols, as Word wrote them.
- "vni": VNI Windows, the encoding of the VNI-Times fonts: a base letter followed by one
  byte carrying its marks (e.g. "a" + 0xE1 is ấ), with đ, ơ, ư, ị, ỉ, ĩ, í, ì and ỵ as
  single bytes; the byte values are those of UniKey's VNI-WIN chart.

Each decoding is scored by its words: Vietnamese syllables (initial, rhyme, tone and where
the tone sits) count for it, letters that no Vietnamese word has count against it, and a
tie goes to the more common encoding. No maintained PyPI package converts TCVN3 and VNI
both ways, so the tables live here.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from ingest.errors import UndecodableText

LEGACY_ENCODINGS = ("tcvn3", "vni", "cp1258")
"""The 8-bit encodings, in the order that breaks ties in detection: most common first."""

_BINARY = "binary file, not text"
_UNKNOWN = "text in an unknown encoding"

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# Which vowel takes which of the marks that make a new letter (â, ă, ê, ô, ơ, ư).
_MODIFIERS = {
    "a": ("", _CIRCUMFLEX, _BREVE),
    "e": ("", _CIRCUMFLEX),
    "i": ("",),
    "o": ("", _CIRCUMFLEX, _HORN),
    "u": ("", _HORN),
    "y": ("",),
}


def _vietnamese_letters() -> frozenset[str]:
    """Return the 134 letters with Vietnamese marks, both cases, plus ASCII letters."""
    letters = {"đ", "Đ"} | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for base, modifiers in _MODIFIERS.items():
        for modifier in modifiers:
            for tone in ("", *_TONES):
                letter = unicodedata.normalize("NFC", base + modifier + tone)
                letters |= {letter, letter.upper()}
    return frozenset(letters)


_LETTERS = _vietnamese_letters()

# --- Windows-1252 symbols at 0x80-0x9F, kept by the TCVN3 and VNI fonts ------------------
_CP1252_SYMBOLS = {
    byte: char
    for byte in range(0x80, 0xA0)
    for char in [bytes([byte]).decode("cp1252", errors="ignore")]
    if char  # 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined there too
}

# --- TCVN3 -------------------------------------------------------------------------------
# Bytes 0xA0-0xFF of TCVN 5712:1993 (VN1), a row of 16 per line. VN3 uses the lower-case
# letters and Ă Â Ê Ô Ơ Ư Đ; the other upper-case letters here are VN1's, decoded in case
# some tool wrote them, but never encoded (see `encode_text`).
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0: five combining tone marks first
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
_TCVN3_DECODE = {
    **{b: chr(b) for b in range(0x80)},
    **_CP1252_SYMBOLS,
    **{0xA0 + i: char for i, char in enumerate(_TCVN3_HIGH)},
}
_TCVN3_ENCODE = {
    char: bytes([b])
    for b, char in _TCVN3_DECODE.items()
    if b < 0xA0 or not char.isupper() or char in "ĂÂÊÔƠƯĐ"
}

# --- VNI -------------------------------------------------------------------------------
# Lower-case byte values; the upper-case ones are 0x20 less (0xF9 ù -> 0xD9 Ù).
_VNI_SINGLE = {
    "đ": 0xF1,
    "ơ": 0xF4,
    "ư": 0xF6,
    "í": 0xED,
    "ì": 0xEC,
    "ỉ": 0xE6,
    "ĩ": 0xF3,
    "ị": 0xF2,
    "ỵ": 0xEE,
}
# The byte after a base letter: marks by the letter's modifier, then by its tone.
_VNI_MARK = {
    "": {_ACUTE: 0xF9, _GRAVE: 0xF8, _HOOK: 0xFB, _TILDE: 0xF5, _DOT: 0xEF},
    _CIRCUMFLEX: {"": 0xE2, _ACUTE: 0xE1, _GRAVE: 0xE0, _HOOK: 0xE5, _TILDE: 0xE3, _DOT: 0xE4},
    _BREVE: {"": 0xEA, _ACUTE: 0xE9, _GRAVE: 0xE8, _HOOK: 0xFA, _TILDE: 0xFC, _DOT: 0xEB},
}
# bytes.upper() only touches ASCII; VNI's upper-case codes sit 0x20 below the lower-case.
_VNI_UPPER_MARKS = bytes(b - 0x20 if b >= 0xE0 else b for b in range(256))


def _vni_tables() -> tuple[dict[int, str], dict[str, bytes]]:
    """Build VNI's byte -> text and letter -> bytes maps from the constants above."""
    decode = {b: chr(b) for b in range(0x80)} | _CP1252_SYMBOLS
    decode |= {b: chr(b) for b in range(0xA0, 0x100)}  # bytes VNI leaves alone: Latin-1
    for lower, byte in _VNI_SINGLE.items():
        decode[byte], decode[byte - 0x20] = lower, lower.upper()
    for modifier, by_tone in _VNI_MARK.items():
        for tone, byte in by_tone.items():
            # Marks decode as combining characters, so NFC joins them to any base letter.
            decode[byte] = decode[byte - 0x20] = modifier + tone
    encode = {
        char: bytes([b])
        for b, char in decode.items()
        if len(char) == 1 and not unicodedata.combining(char)  # no lone marks
    }
    for base, modifiers in _MODIFIERS.items():
        for modifier in modifiers:
            for tone in ("", *_TONES):
                letter = unicodedata.normalize("NFC", base + modifier + tone)
                if letter in _VNI_SINGLE:
                    code = bytes([_VNI_SINGLE[letter]])
                elif modifier == _HORN:  # ơ and ư are single bytes that take a tone byte
                    code = bytes([_VNI_SINGLE[unicodedata.normalize("NFC", base + _HORN)]])
                    code += bytes([_VNI_MARK[""][tone]]) if tone else b""
                elif modifier or tone:
                    code = base.encode() + bytes([_VNI_MARK[modifier][tone]])
                else:
                    continue
                encode[letter] = code
                encode[letter.upper()] = code.upper().translate(_VNI_UPPER_MARKS)
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()

# --- Windows-1258 ----------------------------------------------------------------------
_CP1258_TONE_BYTES = {tone: tone.encode("cp1258") for tone in _TONES}


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode bytes in one of the 8-bit Vietnamese encodings, without guessing.

    Args:
        data: The bytes.
        encoding: "cp1258", "tcvn3" or "vni".

    Returns:
        The text: NFC for "tcvn3" and "vni"; for "cp1258" as Python's codec gives it,
        with tone marks as combining characters.

    Raises:
        UnicodeDecodeError: A byte has no meaning in that encoding.
        ValueError: The encoding is not one of the three.
    """
    if encoding == "cp1258":
        return data.decode("cp1258")
    table = {"tcvn3": _TCVN3_DECODE, "vni": _VNI_DECODE}.get(encoding)
    if table is None:
        raise ValueError(f"not an 8-bit Vietnamese encoding: {encoding!r}")
    text, _ = codecs.charmap_decode(data, "strict", table)
    return unicodedata.normalize("NFC", text)


def encode_text(text: str, encoding: str) -> bytes:
    """Encode text, in any normal form, as the named encoding would store it.

    For "tcvn3" and "vni", `decode_legacy` undoes this exactly: it returns the NFC of
    `text`. TCVN3 has no codes for upper-case letters with a tone mark (Á, Ệ, Ử...),
    which documents set in a separate upper-case font, so such letters raise rather than
    being lowered silently. "cp1258" writes a letter Windows-1258 lacks as the nearest
    letter it has followed by a combining tone mark, as Windows does. Any other name is
    passed to Python's codecs.

    Args:
        text: The text.
        encoding: "tcvn3", "vni", "cp1258", or a Python codec name.

    Returns:
        The encoded bytes.

    Raises:
        UnicodeEncodeError: A character has no code in that encoding.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        return b"".join(_encode_cp1258_char(text, i) for i in range(len(text)))
    table = {"tcvn3": _TCVN3_ENCODE, "vni": _VNI_ENCODE}.get(encoding)
    if table is None:
        return text.encode(encoding)
    out = []
    for i, char in enumerate(text):
        code = table.get(char)
        if code is None:
            raise UnicodeEncodeError(encoding, text, i, i + 1, "no code in this encoding")
        out.append(code)
    return b"".join(out)


def _encode_cp1258_char(text: str, i: int) -> bytes:
    """Encode text[i] in Windows-1258, splitting off its tone mark if it must."""
    char = text[i]
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        pass
    marks = unicodedata.normalize("NFD", char)
    tones = [m for m in marks if m in _TONES]
    base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
    try:
        return base.encode("cp1258") + b"".join(_CP1258_TONE_BYTES[t] for t in tones)
    except UnicodeEncodeError:
        raise UnicodeEncodeError("cp1258", text, i, i + 1, "no code in cp1258") from None


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding_name).

    Tries, in order: a byte order mark (UTF-8 or UTF-16), UTF-16 without one (told by
    where its NUL bytes fall), strict UTF-8, then whichever of Windows-1258, TCVN3 and
    VNI reads most like Vietnamese. Words a TCVN3 document set in capitals come out in
    capitals, although the file stores their marked letters in lower case.

    Args:
        data: The file's bytes.
        path: The file as the user named it, for errors.

    Returns:
        The text and the encoding: "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3" or
        "vni". The text is in any normal form; callers apply NFC.

    Raises:
        UndecodableText: The data is binary, or text in none of these encodings.
    """
    if not data:
        return "", "utf-8"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise UndecodableText(path, "utf-32 text, which is not supported")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_decode_strict(data, "utf-8-sig", path), path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_decode_strict(data, "utf-16", path), path), "utf-16"
    utf16 = _sniff_utf16(data)
    if utf16:
        return _checked(data.decode(utf16), path), "utf-16"
    if b"\x00" in data:
        # A few stray NULs in text (a bad copy, a tool's padding) are dropped; a file with
        # many is binary.
        if data.count(0) > _stray_limit(len(data)):
            raise UndecodableText(path, _BINARY)
    nuls = data.count(0)
    data = data.replace(b"\x00", b"")
    try:
        return _checked(data.decode("utf-8"), path, nuls), "utf-8"
    except UnicodeDecodeError:
        pass
    _checked(data.decode("latin-1"), path, nuls)  # C0 control bytes mean the same in all three
    encoding, text = _pick_legacy(data, path)
    return "".join(c for c in text if not _is_stray_control(c)), encoding


def _decode_strict(data: bytes, codec: str, path: str) -> str:
    """Decode with a UTF codec that the byte order mark has promised."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise UndecodableText(path, f"invalid {codec.removesuffix('-sig')} text") from None


def _sniff_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less data, or None if it is not UTF-16.

    ASCII characters (spaces, digits, most consonants) have a NUL high byte in UTF-16,
    so NULs crowd one parity of offsets and are nearly absent from the other.
    """
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    nul_even, nul_odd = data[0::2].count(0) / half, data[1::2].count(0) / half
    for codec, high, low in (("utf-16-le", nul_odd, nul_even), ("utf-16-be", nul_even, nul_odd)):
        if high >= 0.3 and low <= 0.05:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _checked(text: str, path: str, removed: int = 0) -> str:
    """Return text without stray control characters, unless their share shows it is binary.

    A few NULs or other C0 controls in otherwise good text are removed, with a warning; a
    text with many of them is refused.
    """
    if text.count("\x00") > _stray_limit(len(text)):
        raise UndecodableText(path, _BINARY)
    controls = sum(1 for c in text if _is_stray_control(c))
    if controls > 0.1 * len(text):
        raise UndecodableText(path, _BINARY)
    if controls or removed:
        # `removed`: NUL bytes already taken out before decoding.
        _warn_removed(path, controls + removed)
        text = "".join(c for c in text if not _is_stray_control(c))
    return text


def _stray_limit(size: int) -> float:
    """How many NULs text may hold and still be text: a handful, or one in a hundred."""
    return max(16, 0.01 * size)


def _is_stray_control(c: str) -> bool:
    # Tabs, line and page breaks are layout; form feeds separate PDF pages.
    return (c < " " or c == "\x7f") and c not in "\t\n\r\f\v"


def _warn_removed(path: str, count: int) -> None:
    logging.getLogger("chidao").warning(
        "%s: removed %d control character(s) (NUL and the like) from the text", path, count
    )


# --- detection -------------------------------------------------------------------------
_SAMPLE_CHARS = 64 * 1024  # enough words to decide; keeps huge files fast

# Tokens split on whitespace, digits, ASCII punctuation and the punctuation that all three
# encodings share (bytes 0x85, 0x91-0x97), never on the symbols one encoding's letters
# turn into under another (µ, ¸, « ...), since those mark a wrong decoding.
_SEPARATORS = re.compile(r"[\s\d!-/:-@\[-`{-~“”‘’–—…•]+")

_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
# Rhymes by what may follow the vowels: nothing (they end in a glide), anything, or a
# consonant that must be there; "ch" and "nh" follow only a few vowels.
_OPEN = (
    "iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|uơ|ưa|ưi|ưu"
)
_CLOSABLE = "oa|oe|uê|uy|[aeêioôơuưy]"
_CLOSED = "uyê|iê|yê|uô|ươ|oă|uâ|oo|[ăâ]"
_SYLLABLE = re.compile(
    f"(?:{_INITIAL})?(?:{_OPEN}|(?:oa|uê|uy|[aêiy])(?:ch|nh)"
    f"|(?:{_CLOSABLE})(?:ng|[cmnpt])?|(?:{_CLOSED})(?:ng|[cmnpt]))"
)

# Frequent syllables of administrative Vietnamese, which tip short lines where a wrong
# decoding also happens to spell syllables ("chủ trì" in VNI reads "chuỷ trỡ" as TCVN3).
_COMMON = frozenset(
    """
của và các được có là những để với một người này đã về không năm đến từ đó nhiều tại
cũng như nhưng đang sẽ phải lại hơn thì bị nên vì đều rằng thể việc hiện thực định quyết
nghị chỉ đạo số ngày tháng tỉnh huyện xã thành phố quốc hội chính phủ bộ sở hành kế
hoạch báo cáo tổ chức trách nhiệm vụ phát triển tế quản lý nhà nước đơn vị cơ phòng
trưởng phó giám đốc chủ tịch ủy điều khoản luật thông tư văn bản nội kết quả đầu xây
dựng đề án dự chương trình công tác động tình đánh giá thời tiến độ năng lực cấp hướng
dẫn phối hợp tăng cường đảm sử nâng chất lượng đổi mới sáng tạo học nghệ hóa chuyển hệ
thống dịch cải cách dân địa phương ương tài ngân sách phí nguồn vốn nguyên môi trường
giáo dục đào trật tự nông sản xuất thương mại vận tải hiểm thuế đất đai ý kiến tổng mưu
giải kiểm sát xử phạm pháp căn cứ mục tiêu kỳ đoạn yếu cụ trọng tâm điểm trên dưới ngoài
giữa cùng mỗi tất cả mọi riêng đồng tiếp tục xuyên kịp hiệu toàn đầy đủ rõ ràng nhân
viên cán lãnh đoàn đảng trì trước tới thuộc gồm nhằm đối bảo vệ biện yêu cầu thủ hồ sơ
chí đăng ký kỹ thuật điện tử mạng liên khác thêm đây ấy còn vẫn chưa rất chú thuê thiết
lập dõi đôn hỗ trợ lĩnh vực tuyên truyền hưởng ứng lưu
""".split()
)
_ABBREVIATION = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")


@lru_cache(maxsize=16384)
def _classify(token: str) -> int:
    """Weigh a token by how Vietnamese it looks.

    Returns:
        2 for a frequent syllable, 1 for another syllable, 0 for an abbreviation such as
        "QĐ", -2 for a token with a letter that Vietnamese lacks, and -1 for anything
        else, mostly misread syllables ("nhaọn").
    """
    if not all(c in _LETTERS for c in token):
        return -2
    lower = token.lower()
    if token not in (lower, token.upper(), token[0] + lower[1:]):
        return -1  # mixed case: "tƠ" is TCVN3's "tế" read as Windows-1258
    decomposed = unicodedata.normalize("NFD", lower)
    toneless = "".join(c for c in decomposed if c not in _TONES)
    tones = set(decomposed) - set(toneless)
    if len(decomposed) - len(toneless) > 1 or not _SYLLABLE.fullmatch(
        unicodedata.normalize("NFC", toneless)
    ):
        # Abbreviations keep only initial letters, and drop every mark but đ's stroke.
        abbreviation = token.isupper() and len(token) <= 10 and set(token) <= _ABBREVIATION
        return 0 if abbreviation else -1
    if toneless.endswith(("c", "ch", "p", "t")) and not (tones and tones <= {_ACUTE, _DOT}):
        return -1  # a syllable ending in a stop takes the rising or the falling-dot tone
    if tones and not _tone_well_placed(lower):
        return -1  # "duị" is Windows-1258's "dụ" read as VNI
    return 2 if lower in _COMMON else 1


_VOWELS = frozenset("aăâeêioôơuưy")
_INITIAL_AT_START = re.compile(f"(?:{_INITIAL})?")


def _tone_well_placed(syllable: str) -> bool:
    """Tell whether a lower-case syllable with one tone mark carries it on the right vowel.

    The mark goes on the last vowel with a circumflex, breve or horn if there is one;
    else on the last vowel before a final consonant; else on the first of two vowels or
    the middle of three, where "oa", "oe" and "uy" allow both the old and the new style.
    """
    bases = [
        unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", letter) if c not in _TONES)
        )
        for letter in syllable
    ]
    toned = next((i for i, letter in enumerate(syllable) if letter != bases[i]), None)
    if toned is None:
        return True
    start = _INITIAL_AT_START.match("".join(bases)).end()
    if not any(b in _VOWELS for b in bases[start:]):
        start -= 1  # "gì": the i of "gi" is the vowel
    end = start
    while end < len(bases) and bases[end] in _VOWELS:
        end += 1
    vowels, place = "".join(bases[start:end]), toned - start
    modified = [i for i, v in enumerate(vowels) if v in "ăâêôơư"]
    if modified:
        return place == modified[-1]
    if end < len(bases) or len(vowels) == 1:
        return place == len(vowels) - 1
    return vowels in ("oa", "oe", "uy") or place == (len(vowels) - 1) // 2


def _score(text: str) -> int:
    """Sum the weights of the tokens with non-ASCII characters."""
    tokens = _SEPARATORS.split(unicodedata.normalize("NFC", text[:_SAMPLE_CHARS]))
    # ASCII tokens read the same in every candidate, so they tell nothing.
    return sum(_classify(token) for token in tokens if not token.isascii())


def _readings(data: bytes, encodings: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(encoding, text) for each 8-bit encoding the bytes decode in, capitals restored."""
    for encoding in encodings:
        try:
            text = decode_legacy(data, encoding)
        except UnicodeDecodeError:
            continue
        yield encoding, _restore_capitals(text) if encoding == "tcvn3" else text


def _pick_legacy(data: bytes, path: str) -> tuple[str, str]:
    """Return (encoding, text) for the 8-bit encoding that reads most like Vietnamese."""
    best: tuple[int, str, str] | None = None
    for encoding, text in _readings(data, LEGACY_ENCODINGS):
        score = _score(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    # Vietnamese read in the right encoding scores well above zero; below, none was right.
    if best is None or best[0] < 0:
        raise UndecodableText(path, _UNKNOWN)
    return best[1], best[2]


# A word in capitals set in a .VnTimeH-style font: upper-case ASCII letters with marked
# letters stored in lower case ("QUYếT ĐịNH"). Two capitals keep "Bộ" and "Sở" as they are.
_WORD = re.compile(r"\w+")


def _restore_capitals(text: str) -> str:
    """Upper-case the marked letters of words that are otherwise in capitals."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        lower = [c for c in word if c.islower()]
        if lower and all(not c.isascii() for c in lower) and sum(map(str.isupper, word)) > 1:
            return word.upper()
        return word

    return _WORD.sub(fix, text)


# --- legacy fonts inside Unicode text ---------------------------------------------------

# A run of characters a legacy-font document could have stored: what Windows-1252 (and so
# an 8-bit font) can hold. Real Vietnamese in Unicode breaks such runs at its letters that
# Windows-1252 lacks (ả, ế, ữ …); a .VnTime or VNI-Times run never has them.
_BYTE_RUN = re.compile(
    r"[\x00-\x7f\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
    r"\u2030\u2039\u203a\u20ac\u2122]+"
)


def _misread(text: str) -> tuple[int, int]:
    """(words, words no Vietnamese word reads like) among a text's non-ASCII words.

    A word here has two characters at least and an ASCII letter: a font's misread word
    keeps its plain letters ("Qu¶ng"), while a lone symbol ("×", "Ð") tells nothing.
    """
    words = [
        w
        for w in _SEPARATORS.split(unicodedata.normalize("NFC", text))
        if len(w) > 1 and not w.isascii() and any(c.isascii() and c.isalpha() for c in w)
    ]
    return len(words), sum(_classify(w) < 0 for w in words)


def repair_legacy_fonts(text: str) -> tuple[str, str | None]:
    """Convert text typed in TCVN3 (.VnTime) or VNI fonts back to Unicode, run by run.

    A Word file or text file that decoded cleanly can still hold such text: the font maps
    its bytes to Vietnamese letters on screen, but the characters are the bytes'
    Windows-1252 ones ("Qu¶ng Ng·i" is TCVN3's "Quảng Ngãi", "Quaûng Ngaõi" VNI's). Each
    run of characters an 8-bit font could have stored, when at least half of its words
    (three at least) read like no Vietnamese word, is read again as TCVN3 and as VNI, and
    replaced by the reading whose words are Vietnamese (four in five at least).
    Runs are found anew wherever real Unicode letters interrupt them, so a paragraph that
    mixes fonts is repaired where it needs to be.

    Returns:
        The text (NFC where repaired) and the legacy encoding found ("tcvn3", "vni"), or
        the text unchanged and None.
    """
    found: dict[str, int] = {}

    def repair(match: re.Match[str]) -> str:
        run = match.group()
        words, misread = _misread(run)
        if misread < 3 or misread * 2 < words:
            return run  # mostly Vietnamese as it stands, or too little to tell
        data = run.encode("cp1252", errors="replace")
        best, best_misread, chosen = run, misread, None
        for encoding, candidate in _readings(data, ("tcvn3", "vni")):
            after_words, after_misread = _misread(candidate)
            if after_misread * 5 <= after_words and after_misread < best_misread:
                best, best_misread, chosen = candidate, after_misread, encoding
        if chosen:  # count the reading that won, not each that was better than the run
            found[chosen] = found.get(chosen, 0) + 1
        return best

    repaired = _BYTE_RUN.sub(repair, text)
    if not found:
        return text, None
    return unicodedata.normalize("NFC", repaired), max(found, key=found.get)
