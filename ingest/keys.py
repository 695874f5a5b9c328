"""Document keys: the one place that writes and reads them.

A key names a real document in every command and in the store: `TYPE:NUMBER:ISSUER:YEAR`,
with the province of a province's own body after them (`KH:359:TU:2025:quang-ngai`), "_" for
a part nobody wrote. A file's own document without a số hiệu carries its file's digest after
"@" (`BC:_:SKHCN:2025@cdd06ebb04`, an attached one `…@a309ae3c36-1`); a form its own file left
ambiguous carries "#2", "#3" (`KH:1:_:_#2`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.text import fold

UNKNOWN = "_"


def normalize_number(number: str) -> str:
    """Compare numbers without leading zeros: "02" and "2" are one number."""
    return number.lower().lstrip("0") or "0"


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """A document key read into its parts.

    Attributes:
        type_code: The type code ("NQ", "QĐ"; "_" when unknown).
        number: The number without leading zeros ("_" when unknown).
        issuer: The issuer code as written in the số hiệu ("_" when unknown).
        year: The year ("_" when unknown).
        province: The province's slug for a province's own body, "" for a national one.
        own: For a file's own unnumbered document, what follows "@" (its file's digest).
        variant: For a form its file left ambiguous, what follows "#" ("2").
    """

    type_code: str
    number: str
    issuer: str
    year: str
    province: str = ""
    own: str = ""
    variant: str = ""

    def __str__(self) -> str:
        parts = [self.type_code, self.number, self.issuer, self.year]
        text = ":".join(parts + ([self.province] if self.province else []))
        if self.variant:
            text += f"#{self.variant}"
        return text + (f"@{self.own}" if self.own else "")

    @property
    def is_own(self) -> bool:
        """A file's own document that has no số hiệu."""
        return bool(self.own)

    @property
    def missing(self) -> tuple[str, ...]:
        """The unknown parts among number, issuer and year."""
        return tuple(
            name
            for name, value in (
                ("number", self.number),
                ("issuer", self.issuer),
                ("year", self.year),
            )
            if value == UNKNOWN
        )

    def identity(self) -> tuple[str, str, str, str, str]:
        """(type, number, issuer, year, province) as documents are compared.

        The number without leading zeros, the issuer without diacritics and in capitals, "_"
        for a national body's province.
        """
        return (
            self.type_code,
            normalize_number(self.number),  # "_" stays "_"
            fold(self.issuer).upper(),
            self.year,
            self.province or UNKNOWN,
        )

    def matches(self, other: DocumentKey) -> bool:
        """Whether two keys may name one document: every part known in both agrees.

        A part unknown in either ("_", or no province) agrees with anything; numbers are
        compared without leading zeros, types and issuers without diacritics. A file's own
        unnumbered document matches only itself.
        """
        if self.is_own or other.is_own:
            return self == other
        mine, theirs = self.identity(), other.identity()
        return all(
            UNKNOWN in (a, b) or fold(a) == fold(b) for a, b in zip(mine, theirs, strict=True)
        )


def make_key(
    type_code: str | None,
    number: str,
    issuer: str | None,
    year: int | None,
    locality: str | None = None,
) -> str:
    """Build a document key, e.g. "NQ:57:TW:2024"; "_" stands for an unknown part.

    A province's own document carries its province: "KH:359:TU:2025:quang-ngai".
    """
    return str(
        DocumentKey(
            type_code or UNKNOWN,
            normalize_number(number),
            issuer or UNKNOWN,
            str(year) if year else UNKNOWN,
            locality or "",
        )
    )


def own_key(
    type_code: str, issuer: str | None, year: int | None, digest: str, attached: int = 0
) -> str:
    """The key of a file's own document without a số hiệu: its file's digest tells it apart.

    Args:
        type_code: Its type.
        issuer: Its issuer's code, if the letterhead names one.
        year: Its year, if known.
        digest: The digest of the file's text.
        attached: 0 for the file's document, n for the n-th document attached to it.
    """
    own = digest + (f"-{attached}" if attached else "")
    return str(DocumentKey(type_code, UNKNOWN, issuer or UNKNOWN, str(year or UNKNOWN), own=own))


def parse_key(key: str) -> DocumentKey:
    """Read a key into its parts; a part a short key leaves out is unknown ("_")."""
    base, _, own = key.partition("@")
    base, _, variant = base.partition("#")
    parts = base.split(":")
    parts += [UNKNOWN] * (4 - len(parts))
    province = parts[4] if len(parts) > 4 and parts[4] != UNKNOWN else ""
    return DocumentKey(parts[0], parts[1], parts[2], parts[3], province, own, variant)
