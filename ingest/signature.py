"""The signature block: who signed a document, and in what capacity.

A Vietnamese administrative document ends with its signer's capacity in capitals, stacked
when someone signs for another ("KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"; "TM. ỦY BAN NHÂN DÂN"
over "CHỦ TỊCH"), then, below the signature and seal, the signer's full name. PDF exports
often put the block beside the list of recipients ("Nơi nhận:"), so a line is read from its
last column (the part after a run of spaces or a tab).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.layout import Line
from ingest.models import OwnDocument, Signature
from ingest.text import fold

# "KT.", "TM.", "T/M", "Q.", "TL.", "TUQ.": signing for the head, the body, as acting head,
# by order, by authorisation.
_ON_BEHALF = r"(?:KT|K/T|TM|T/M|TL|TUQ|Q)\s*\.?\s+"
# A capacity names an office or a body; these words are in every one of them.
_ROLE_WORDS = (
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "BÍ THƯ",
    "TRƯỞNG",
    "THỦ TƯỚNG",
    "CHÁNH",
    "CHỦ NHIỆM",
    "VĂN PHÒNG",
    "ỦY BAN",
    "UỶ BAN",
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
    "BAN CHỈ ĐẠO",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "HỘI ĐỒNG",
    "TỔNG CỤC",
    "CỤC",
    "VỤ",
)
_CAPACITY = re.compile(rf"^(?:{_ON_BEHALF})?[A-ZĐ\u00c0-\u1ef9 ./,-]{{2,60}}$")
_COLUMNS = re.compile(r" {3,}|\t")
_TAIL_LINES = 40  # the block is among the last lines of its document
_NAME_WINDOW = 8  # lines between the last capacity line and the name (signature, seal)


def find_signatures(lines: Sequence[Line], owners: Sequence[OwnDocument]) -> tuple[Signature, ...]:
    """Find the signature block of each of a file's own documents.

    Args:
        lines: The non-blank lines of the NFC text.
        owners: The documents the file is, with their spans.

    Returns:
        One signature per document that shows a signer's capacity and name; the others
        (drafts, documents cut short, text without diacritics) have none.
    """
    found = []
    for own in owners:
        inside = [ln for ln in lines if own.start <= ln.start < own.end]
        signature = _read_block(_tail(inside), own.key)
        if signature is not None:
            found.append(signature)
    return tuple(found)


def _tail(lines: Sequence[Line]) -> Sequence[Line]:
    """Where a document's signature block is: about its "Nơi nhận" list, or its last lines.

    A crawled page goes on after the document (its title again, related documents), so the
    last lines of the file are not always the document's.
    """
    recipients = [
        i for i, ln in enumerate(lines) if fold(ln.text).lstrip(" -*|").startswith("noi nhan")
    ]
    if recipients:
        at = recipients[-1]
        return lines[max(0, at - 12) : at + _TAIL_LINES]
    return lines[-_TAIL_LINES:]


def _last_column(line: Line) -> tuple[int, str]:
    """The offset and text of a line's last column, without the spaces around it."""
    parts = list(_COLUMNS.finditer(line.text))
    cut = parts[-1].end() if parts else 0
    column = line.text[cut:]
    return line.start + cut + len(column) - len(column.lstrip()), column.strip()


def is_capacity(text: str) -> bool:
    """Whether a line reads as a signer's capacity ("KT. GIÁM ĐỐC", "PHÓ CHỦ TỊCH")."""
    upper = " ".join(text.split())
    if not _CAPACITY.match(upper) or upper != upper.upper():
        return False
    return any(word in upper for word in _ROLE_WORDS)


def is_person_name(text: str) -> bool:
    """Whether a line reads as a person's full name: two to six capitalised syllables."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        w[0].isupper() and w[1:].islower() and w.isalpha() for w in words
    )


def _read_block(lines: Sequence[Line], key: str) -> Signature | None:
    # The last run of capacity lines, then a name within a few lines below it.
    for i in range(len(lines) - 1, -1, -1):
        _at, column = _last_column(lines[i])
        if not is_capacity(column):
            continue
        first = i
        while first > 0 and is_capacity(_last_column(lines[first - 1])[1]):
            first -= 1
        for line in lines[i + 1 : i + 1 + _NAME_WINDOW]:
            at, name = _last_column(line)
            if is_person_name(name):
                start = _last_column(lines[first])[0]
                capacity = [" ".join(_last_column(ln)[1].split()) for ln in lines[first : i + 1]]
                return Signature(key, tuple(capacity), name, start, at + len(name))
        return None
    return None
