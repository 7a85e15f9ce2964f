"""RFC 6238 TOTP with the RFC's SHA-1 test vectors (their last six digits)."""

from __future__ import annotations

import base64

import pytest

from pytest_cognito_idp.backend.core import totp

SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (59, "287082"),
        (1111111109, "081804"),
        (1111111111, "050471"),
        (1234567890, "005924"),
        (2000000000, "279037"),
    ],
)
def test_rfc_6238_vectors(when: int, code: str) -> None:
    assert totp.now_code(SECRET, when) == code


def test_a_window_of_one_step() -> None:
    now = 1234567890.0
    assert totp.matching_step(SECRET, totp.now_code(SECRET, now - 30), now) == int(now // 30) - 1
    assert totp.matching_step(SECRET, totp.now_code(SECRET, now + 30), now) == int(now // 30) + 1
    assert totp.matching_step(SECRET, totp.now_code(SECRET, now - 60), now) is None


def test_new_secrets_are_base32_without_padding() -> None:
    secret = totp.new_secret()
    assert len(secret) == 52 and "=" not in secret
    base64.b32decode(secret + "====")
