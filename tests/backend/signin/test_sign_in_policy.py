"""The SignInPolicy rules: PASSWORD always allowed, passwordless factors from the Essentials
tier."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from pytest_cognito_idp.backend.model.settings import PoolSettings
from pytest_cognito_idp.backend.signin import sign_in_policy
from pytest_cognito_idp.errors import FeatureUnavailableInTierException, InvalidParameterException


@pytest.mark.parametrize("tier", ["LITE", "ESSENTIALS", "PLUS"])
def test_the_password_alone_is_fine_in_every_tier(tier: str) -> None:
    sign_in_policy.check({"AllowedFirstAuthFactors": ["PASSWORD"]}, tier)
    sign_in_policy.check(None, tier)


@pytest.mark.parametrize("factors", [["EMAIL_OTP"], ["WEB_AUTHN", "SMS_OTP"], []])
def test_the_password_must_be_allowed(factors: List[str]) -> None:
    with pytest.raises(InvalidParameterException, match="must include PASSWORD"):
        sign_in_policy.check({"AllowedFirstAuthFactors": factors}, "PLUS")


@pytest.mark.parametrize("extra", ["EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"])
def test_passwordless_factors_are_not_in_the_lite_tier(extra: str) -> None:
    policy: Dict[str, Any] = {"AllowedFirstAuthFactors": ["PASSWORD", extra]}
    with pytest.raises(FeatureUnavailableInTierException, match=f"Sign-in with {extra} is not"):
        sign_in_policy.check(policy, "LITE")
    sign_in_policy.check(policy, "ESSENTIALS")


@pytest.mark.parametrize(
    ("factors", "passwordless"),
    [(None, False), (["PASSWORD"], False), (["PASSWORD", "WEB_AUTHN"], False),
     (["PASSWORD", "EMAIL_OTP"], True), (["PASSWORD", "SMS_OTP"], True)],
)  # fmt: skip
def test_sign_up_without_a_password_needs_a_code_factor(
    factors: Optional[List[str]], passwordless: bool
) -> None:
    class Pool:
        config = PoolSettings(first_auth_factors=tuple(factors or ["PASSWORD"]))

    assert sign_in_policy.allows_passwordless(Pool()) is passwordless  # type: ignore[arg-type]
    assert sign_in_policy.allowed(Pool()) == (factors or ["PASSWORD"])  # type: ignore[arg-type]
