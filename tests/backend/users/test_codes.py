"""One-time codes: random, replaced on reissue, expiring on the fake's clock."""

from __future__ import annotations

import pytest

from pytest_cognito_idp import Clock
from pytest_cognito_idp.backend.model.users import User
from pytest_cognito_idp.backend.users import codes
from pytest_cognito_idp.errors import CodeMismatchException, ExpiredCodeException


def _user() -> User:
    return User(username="u", sub="s", created=0.0, last_modified=0.0)


def test_codes_are_six_random_digits() -> None:
    user = _user()
    issued = {codes.issue(user, "p", 60) for _ in range(50)}
    assert all(len(c) == 6 and c.isdigit() for c in issued)
    assert len(issued) > 40


def test_check_consumes_a_right_code() -> None:
    user = _user()
    code = codes.issue(user, "p", 60)
    codes.check(user, "p", code, consume=False)
    codes.check(user, "p", code)
    with pytest.raises(ExpiredCodeException):
        codes.check(user, "p", code)


def test_reissue_replaces_and_purposes_are_separate() -> None:
    user = _user()
    first = codes.issue(user, "a", 60)
    other = codes.issue(user, "b", 60)
    second = codes.issue(user, "a", 60)
    if first != second:
        with pytest.raises(CodeMismatchException) as excinfo:
            codes.check(user, "a", first)
        assert excinfo.value.message == "Invalid verification code provided, please try again."
    codes.check(user, "a", second)
    codes.check(user, "b", other)


def test_expiry_follows_the_clock(cognito_clock: Clock) -> None:
    user = _user()
    code = codes.issue(user, codes.FORGOT_PASSWORD, codes.FORGOT_PASSWORD_TTL)
    cognito_clock.advance(minutes=59)
    codes.check(user, codes.FORGOT_PASSWORD, code, consume=False)
    cognito_clock.advance(minutes=1)
    with pytest.raises(ExpiredCodeException) as excinfo:
        codes.check(user, codes.FORGOT_PASSWORD, code)
    assert excinfo.value.message == "Invalid code provided, please request a code again."
