"""The authenticator-app helper agrees with the fake's TOTP check."""

from __future__ import annotations

import datetime as dt

from pytest_cognito_idp import Clock, totp_code
from pytest_cognito_idp.backend.core import totp

SECRET = "JBSWY3DPEHPK3PXP"


def test_code_at_a_given_instant_matches_rfc_6238_steps() -> None:
    when = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    assert totp_code(SECRET, when) == totp.code_at(SECRET, int(when.timestamp()) // 30)
    assert totp_code(SECRET, when.timestamp()) == totp_code(SECRET, when)


def test_default_is_the_fakes_current_time(cognito_clock: Clock) -> None:
    code = totp_code(SECRET)
    assert code == totp_code(SECRET, cognito_clock.now())
    cognito_clock.advance(seconds=30)
    assert totp_code(SECRET) == totp_code(SECRET, cognito_clock.now())
    assert len(code) == 6
    assert code.isdigit()
