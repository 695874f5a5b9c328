"""Document keys: one module writes them and reads them back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.keys import DocumentKey, make_key, own_key, parse_key


@pytest.mark.parametrize(
    ("key", "parts"),
    [
        ("NQ:57:TW:2024", DocumentKey("NQ", "57", "TW", "2024")),
        ("KH:359:TU:2025:quang-ngai", DocumentKey("KH", "359", "TU", "2025", "quang-ngai")),
        ("NQ:57:TW:_", DocumentKey("NQ", "57", "TW", "_")),
        ("KH:1:_:_#2", DocumentKey("KH", "1", "_", "_", variant="2")),
        (
            "BC:_:SKHCN:2025@cdd06ebb04",
            DocumentKey("BC", "_", "SKHCN", "2025", own="cdd06ebb04"),
        ),
        (
            "CTr:_:SKHCN:2025@a309ae3c36-1",
            DocumentKey("CTr", "_", "SKHCN", "2025", own="a309ae3c36-1"),
        ),
        ("QĐ:327", DocumentKey("QĐ", "327", "_", "_")),  # a short key: the rest unknown
    ],
)
def test_keys_read_into_their_parts(key, parts):
    assert parse_key(key) == parts


def test_keys_are_made_as_they_are_read():
    assert make_key("NQ", "057", None, None) == "NQ:57:_:_"
    assert make_key("KH", "359", "TU", 2025, "quang-ngai") == "KH:359:TU:2025:quang-ngai"
    assert own_key("BC", "SKHCN", 2025, "cdd06ebb04") == "BC:_:SKHCN:2025@cdd06ebb04"
    assert own_key("CTr", None, None, "a309ae3c36", 1) == "CTr:_:_:_@a309ae3c36-1"
    assert parse_key("BC:_:SKHCN:2025@cdd06ebb04").is_own
    assert parse_key("NQ:57:_:_").missing == ("issuer", "year")


def test_identity_compares_numbers_and_issuers_as_documents_do():
    assert parse_key("NQ:02:cp:2024").identity() == parse_key("NQ:2:CP:2024").identity()
    assert parse_key("QĐ:5:ĐU:2025").identity()[2] == "DU"
    assert parse_key("NQ:57:TW:2024").identity()[4] == "_"


PART = st.text(alphabet="ABCĐQHKTWNUaeiouđư0123456789-&", min_size=1, max_size=8)


@given(
    PART,
    st.one_of(st.just("_"), st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True)),
    st.one_of(st.just("_"), PART),
    st.one_of(st.just("_"), st.from_regex(r"(19|20)[0-9]{2}", fullmatch=True)),
    st.sampled_from(["", "quang-ngai", "ha-noi"]),
    st.sampled_from(["", "cdd06ebb04", "a309ae3c36-1"]),
    st.sampled_from(["", "2", "3"]),
)
def test_a_key_round_trips(type_code, number, issuer, year, province, own, variant):
    key = DocumentKey(type_code, number, issuer, year, province, own, variant)
    assert parse_key(str(key)) == key


@pytest.mark.parametrize(
    ("partial", "full", "same"),
    [
        ("NQ:57:_:_", "NQ:57:TW:2024", True),  # year-less, issuer-less short form
        ("NQ:057:TW:_", "NQ:57:TW:2024", True),  # leading zero
        ("QĐ:5:DU:2025", "QĐ:5:ĐU:2025", True),  # issuer typed without diacritics
        ("NQ:57:TW:2023", "NQ:57:TW:2024", False),  # known years differ
        ("NQ:66:_:_", "KH:66:UBND:2025", False),  # types differ
        ("KH:17:UBND:2025:quang-ngai", "KH:17:UBND:2025:ha-noi", False),  # provinces differ
        ("KH:17:UBND:2025", "KH:17:UBND:2025:ha-noi", True),  # no province: any
        ("BC:_:SKHCN:2025@cdd06ebb04", "BC:_:SKHCN:2025@a309ae3c36", False),  # own documents
        ("BC:_:SKHCN:2025@cdd06ebb04", "BC:_:SKHCN:2025@cdd06ebb04", True),
    ],
)
def test_a_partial_key_matches_the_documents_it_may_name(partial, full, same):
    assert parse_key(partial).matches(parse_key(full)) is same
    assert parse_key(full).matches(parse_key(partial)) is same
