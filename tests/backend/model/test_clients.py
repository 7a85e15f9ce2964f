"""The app client rules as plain functions: lifetimes, auth flows, secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_cognito_idp.backend.model.clients import (
    DEFAULT_FLOWS,
    TIME_UNITS,
    AppClient,
    effective_flows,
    token_lifetimes,
)
from pytest_cognito_idp.errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)

units = st.sampled_from(sorted(TIME_UNITS))


@given(
    access=st.one_of(st.none(), st.integers(1, 86400)),
    refresh=st.one_of(st.none(), st.integers(0, 315360000)),
    access_unit=st.one_of(st.none(), units),
    refresh_unit=st.one_of(st.none(), units),
)
def test_lifetimes_are_accepted_exactly_within_the_ranges(
    access: Optional[int],
    refresh: Optional[int],
    access_unit: Optional[str],
    refresh_unit: Optional[str],
) -> None:
    given_units = {
        k: v for k, v in (("AccessToken", access_unit), ("RefreshToken", refresh_unit)) if v
    }
    access_s = (1 if access is None else access) * TIME_UNITS[access_unit or "hours"]
    refresh_s = (refresh or 30) * TIME_UNITS[refresh_unit or "days"]
    valid = 300 <= access_s <= 86400 and 3600 <= refresh_s <= 3650 * 86400
    valid = valid and max(access_s, 3600) <= refresh_s
    if valid:
        lifetimes = token_lifetimes(access, None, refresh, given_units)
        assert (lifetimes.access, lifetimes.id, lifetimes.refresh) == (access_s, 3600, refresh_s)
    else:
        with pytest.raises(InvalidParameterException, match=r"Invalid range for token validity\."):
            token_lifetimes(access, None, refresh, given_units)


def test_default_lifetimes() -> None:
    lifetimes = token_lifetimes(None, None, None, {})
    assert (lifetimes.access, lifetimes.id, lifetimes.refresh) == (3600, 3600, 30 * 86400)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([], list(DEFAULT_FLOWS)),
        (["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], None),
        (["ADMIN_NO_SRP_AUTH"], None),
        (["USER_PASSWORD_AUTH", "CUSTOM_AUTH_FLOW_ONLY"], None),
        (["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], ["ALLOW_REFRESH_TOKEN_AUTH"]),
    ],
)
def test_effective_flows(given: list[str], expected: Optional[list[str]]) -> None:
    assert effective_flows(given, refresh_rotation=False) == (expected or given)


@pytest.mark.parametrize(
    "given",
    [
        ["ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ["ALLOW_USER_PASSWORD_AUTH"],
    ],
)
def test_refused_flow_sets(given: list[str]) -> None:
    with pytest.raises(InvalidParameterException):
        effective_flows(given, refresh_rotation=False)


def test_legacy_clients_keep_srp_and_refresh() -> None:
    client = AppClient("c", "app", "p", 0.0, 0.0, explicit_auth_flows=["ADMIN_NO_SRP_AUTH"])
    for flow in (
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    ):
        assert client.allows(flow)
    assert not client.allows("ALLOW_USER_PASSWORD_AUTH")
    custom = AppClient("c", "app", "p", 0.0, 0.0, explicit_auth_flows=["CUSTOM_AUTH_FLOW_ONLY"])
    assert custom.allows("ALLOW_CUSTOM_AUTH")
    assert custom.allows("ALLOW_REFRESH_TOKEN_AUTH")
    assert not custom.allows("ALLOW_USER_SRP_AUTH")


def test_secrets() -> None:
    client = AppClient("client1", "app", "p", 0.0, 0.0)
    assert client.secret is None
    assert client.secret_hashes("jane") == []

    first = client.add_secret("s" * 30, 1700000000.5)
    second = client.add_secret("t" * 30, 1700000000.5)  # same instant: still distinct IDs
    assert first.id == "client1--1700000000500"
    assert second.id == "client1--1700000000501"
    assert client.secret == "s" * 30
    expected = base64.b64encode(
        hmac.new(b"t" * 30, b"janeclient1", hashlib.sha256).digest()
    ).decode()
    assert client.secret_hashes("jane")[1] == expected
    with pytest.raises(LimitExceededException):
        client.add_secret("u" * 30, 0.0)

    client.remove_secret(first.id)
    assert client.secret == "t" * 30
    with pytest.raises(ResourceNotFoundException):
        client.remove_secret(first.id)
    with pytest.raises(InvalidParameterException):
        client.remove_secret(second.id)
    assert client.secrets == [second]
