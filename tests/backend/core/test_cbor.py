"""The CBOR decoder and encoder against known encodings (RFC 8949, appendix A) and malformed
input."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp.backend.core.cbor import CborError, decode, decode_first, encode
from tests._webauthn import cbor


@pytest.mark.parametrize(
    ("hex_", "value"),
    [
        ("00", 0),
        ("17", 23),
        ("1818", 24),
        ("1903e8", 1000),
        ("1b000000e8d4a51000", 1000000000000),
        ("20", -1),
        ("3903e7", -1000),
        ("f4", False),
        ("f5", True),
        ("f6", None),
        ("f93c00", 1.0),
        ("fb3ff199999999999a", 1.1),
        ("4401020304", b"\x01\x02\x03\x04"),
        ("6449455446", "IETF"),
        ("83010203", [1, 2, 3]),
        ("a201020304", {1: 2, 3: 4}),
        ("c11a514b67b0", 1363896240),
    ],
)
def test_decodes_the_rfc_examples(hex_: str, value: Any) -> None:
    assert decode(bytes.fromhex(hex_)) == value


@pytest.mark.parametrize(
    ("hex_", "value"),
    [
        ("00", 0),
        ("1818", 24),
        ("1903e8", 1000),
        ("1b000000e8d4a51000", 1000000000000),
        ("3903e7", -1000),
        ("f4", False),
        ("f6", None),
        ("4401020304", b"\x01\x02\x03\x04"),
        ("6449455446", "IETF"),
        ("83010203", [1, 2, 3]),
        ("a201020304", {1: 2, 3: 4}),
    ],
)
def test_encodes_the_rfc_examples(hex_: str, value: Any) -> None:
    assert encode(value) == bytes.fromhex(hex_)
    assert decode(encode(value)) == value


def test_encode_refuses_what_cbor_cannot_carry_here() -> None:
    with pytest.raises(TypeError, match="cannot encode float as CBOR"):
        encode(1.5)
    with pytest.raises(ValueError, match="too large for CBOR"):
        encode(1 << 64)


def test_round_trips_a_cose_key_and_reports_where_it_ends() -> None:
    key = cbor({1: 2, 3: -7, -1: 1, -2: b"x" * 32, -3: b"y" * 32})
    value, end = decode_first(key + b"trailer")
    assert value == {1: 2, 3: -7, -1: 1, -2: b"x" * 32, -3: b"y" * 32}
    assert end == len(key)


@pytest.mark.parametrize(
    "hex_",
    [
        "",  # nothing
        "19ff",  # truncated argument
        "44010203",  # truncated bytes
        "5f",  # indefinite length
        "62c328",  # invalid UTF-8
        "a1800102",  # list as a map key
        "0000",  # trailing bytes
        "f8",  # unsupported simple value
        "81" * 40 + "00",  # nested too deeply
    ],
)
def test_refuses_malformed_input(hex_: str) -> None:
    with pytest.raises(CborError):
        decode(bytes.fromhex(hex_))
