"""Vietnamese text helpers: diacritic folding that keeps offsets, and name sorting."""

from __future__ import annotations

import unicodedata
from functools import cache


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    if base in "Đđ":
        return "d"
    low = base.lower()
    # Keep the fold one character long so that offsets in the fold are offsets in the text.
    return low if len(low) == 1 else ch


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x2000):
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
    table[ord("Đ")] = table[ord("đ")] = "d"
    # Đ-lookalikes that OCR and old fonts produce.
    table[ord("Ð")] = table[ord("ð")] = "d"
    return table


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics, one character for one.

    `fold(t)[i]` is the fold of `t[i]` for NFC input, so a match in the fold is a match at
    the same offsets in the text.

    Args:
        text: NFC text.

    Returns:
        The folded text, the same length as `text`.

    Examples:
        >>> fold("Nghị quyết số 57-NQ/TW")
        'nghi quyet so 57-nq/tw'
    """
    return text.translate(_fold_table())


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
# tones order after letters: none, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def _letters_and_tones(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        tone = 0
        base = parts[0]
        marks = ""
        for mark in parts[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                marks += mark
        letter = unicodedata.normalize("NFC", base + marks)
        idx = _ALPHABET.find(letter)
        letters.append(idx if idx >= 0 else 100 + ord(letter))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def sort_key_vi(text: str) -> tuple:
    """Sort key for Vietnamese text: letters in Vietnamese order, then tones.

    Args:
        text: Any text; compared word by word.

    Returns:
        A key for `sorted`.

    Examples:
        >>> sorted(["Đào", "Dương", "An", "Ánh"], key=sort_key_vi)
        ['An', 'Ánh', 'Dương', 'Đào']
    """
    words = [_letters_and_tones(w) for w in text.split()]
    return tuple(w[0] for w in words), tuple(w[1] for w in words)


def sentence_case(text: str) -> str:
    """A line set in capitals as a sentence: "BÃI BỎ CÁC QUYẾT ĐỊNH" → "Bãi bỏ các quyết định".

    Left as it is when fewer than four letters in five are capitals (a title with codes,
    "Kế hoạch 359-KH/TU"). Embedding models read words in capitals as other words, and people
    read a sentence faster than a shout.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    # A số hiệu or code keeps its capitals: "359-KH/TU", "QĐ-UBND".
    words = [w if any(c.isdigit() or c == "/" for c in w) else w.lower() for w in text.split(" ")]
    lowered = " ".join(words)
    return lowered[:1].upper() + lowered[1:]
