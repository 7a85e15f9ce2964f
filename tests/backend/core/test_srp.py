"""Cognito's SRP constants and helpers, checked against known values and pycognito."""

from __future__ import annotations

import datetime as dt

import pytest
from pycognito.aws_srp import AWSSRP

from pytest_cognito_idp.backend.core import srp

NOW = dt.datetime(2024, 9, 3, 7, 13, 52, tzinfo=dt.timezone.utc).timestamp()


def test_k_is_cognitos() -> None:
    assert f"{srp.K:064x}" == "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"


@pytest.mark.parametrize(
    ("value", "padded"),
    [(0xF, "0f"), (0x7F, "7f"), (0x80, "0080"), (0x1234, "1234"), (0xABC, "0abc")],
)
def test_pad_hex(value: int, padded: str) -> None:
    assert srp.pad_hex(value) == padded


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("Tue Sep 3 07:13:52 UTC 2024", True),
        ("Tue Sep 3 07:16:52 UTC 2024", True),  # within the tolerance
        ("Tue Sep 03 07:13:52 UTC 2024", False),  # zero-padded day
        ("Wed Sep 3 07:13:52 UTC 2024", False),  # wrong weekday
        ("Tue Sep 3 07:23:52 UTC 2024", False),  # ten minutes off
        ("2024-09-03T07:13:52Z", False),
    ],
)
def test_timestamp_validity(text: str, valid: bool) -> None:
    assert srp.timestamp_valid(text, NOW) is valid


@pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning")
def test_the_server_key_matches_pycognitos() -> None:
    pool_id = "us-east-1_abcDEF123"
    client = AWSSRP("jane", "Secret123!", pool_id, "client", client=object())
    exchange = srp.start(client.large_a_value, srp.password_verifier(pool_id, "jane", "Secret123!"))

    key = client.get_password_authentication_key(
        "jane", "Secret123!", int(exchange.b_hex, 16), exchange.salt_hex
    )
    assert key == exchange.key


def test_a_must_not_be_zero_mod_n() -> None:
    assert srp.parse_a(f"{srp.N:x}") is None
    assert srp.parse_a("xyz") is None
    assert srp.parse_a("2") == 2


def test_verifiers_are_cached_per_user_and_password() -> None:
    first = srp.password_verifier("us-east-1_abc", "jane", "one")
    assert srp.password_verifier("us-east-1_abc", "jane", "one") is first
    assert srp.password_verifier("us-east-1_abc", "jane", "two").salt != first.salt
