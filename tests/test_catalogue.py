"""Code normalisation and OCR repair against the catalogue."""

from __future__ import annotations

import pytest

from ingest.catalogue import (
    is_party_issuer,
    issuer_name,
    load_catalogue,
    match_issuer,
    match_type_code,
    type_name,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("QĐ", "QĐ"),
        ("qđ", "QĐ"),
        ("QD", "QĐ"),
        ("QP", "QĐ"),
        ("OP", "QĐ"),
        ("0D", "QĐ"),
        ("QDP", "QĐ"),
        ("CTR", "CTr"),
        ("Ctr", "CTr"),
        ("CT", "CT"),
        ("TTR", "TTr"),
        ("TT", "TT"),
        ("TTLT", "TTLT"),
        ("NQ", "NQ"),
        ("KH", "KH"),
        ("QĐi", "QĐi"),
        ("HD", "HD"),
        ("HĐ", "HĐ"),
        ("ĐA", "ĐA"),
    ],
)
def test_type_codes_are_normalised_and_repaired(written, expected):
    assert match_type_code(written) == expected


@pytest.mark.parametrize("written", ["UBND", "SKHCN", "VP", "TTg", "XYZW"])
def test_issuers_and_unknown_codes_are_not_types(written):
    assert match_type_code(written, repair=False) is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("TW", "TW"),
        ("Tw", "TW"),
        ("TTG", "TTg"),
        ("HDND", "HĐND"),
        ("BCPTW", "BCĐTW"),
        ("QP", "CP"),
        ("QH15", "QH15"),
        ("ubtvqh13", "UBTVQH13"),
        ("DHQGHN", "ĐHQGHN"),
    ],
)
def test_issuers_are_normalised_and_repaired(written, expected):
    assert match_issuer(written) == expected


def test_unknown_issuer_is_not_invented():
    assert match_issuer("TTXTDT") is None


def test_party_issuers():
    assert is_party_issuer("TW") and is_party_issuer("TU") and is_party_issuer("BCĐTW")
    assert not is_party_issuer("UBND") and not is_party_issuer(None)
    assert is_party_issuer("BCĐ") is None  # used by Party and State steering committees


def test_names():
    assert type_name("NQ") == "Nghị quyết"
    assert type_name("CV") == "Công văn"
    assert issuer_name("QH15") == "Quốc hội khóa 15"
    assert issuer_name("CP") == "Chính phủ"


def test_every_type_word_is_folded_and_unique():
    cat = load_catalogue()
    words = [w for t in cat.types for w in t.words]
    assert len(words) == len(set(words))
    assert all(w == w.lower() and w.isascii() for w in words)


def test_every_catalogue_entry_reads_as_written():
    # A comma inside an unquoted YAML flow mapping splits a name into a stray key.
    import yaml

    from ingest.catalogue import _read_yaml

    for name in ("issuers.yaml", "types.yaml"):
        for entries in _read_yaml(name).values():
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, dict):
                    assert None not in entry.values(), (name, entry)
    assert yaml.safe_load("{name: a}") == {"name": "a"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KHCN", "Sở Khoa học và Công nghệ"),
        ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Bộ KH&CN", "Bộ Khoa học và Công nghệ"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("UBND các xã, phường", "Ủy ban nhân dân các xã, phường"),
        ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Đài PT-TH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
        ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"),
        # A document's own short form is not a known code: it stays as written.
        ("Phòng KH-CN", "Phòng KH-CN"),
        ("Sở ABCXYZ", "Sở ABCXYZ"),
    ],
)
def test_units_are_written_out_in_full(written, expected):
    from ingest.units import expand_unit

    assert expand_unit(written) == expected
