"""Malformed sign-in input at every flow and challenge, through a real boto3 client: whatever
the parameters, the answer is a challenge, tokens or a modeled error, never a Python exception."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_cognito_idp import UserPool
from pytest_cognito_idp.resources import AppClient

FLOWS = ["USER_SRP_AUTH", "USER_PASSWORD_AUTH", "USER_AUTH", "REFRESH_TOKEN_AUTH", "CUSTOM_AUTH"]
CHALLENGES = [
    "PASSWORD_VERIFIER",
    "DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER",
    "NEW_PASSWORD_REQUIRED",
    "SMS_MFA",
    "SOFTWARE_TOKEN_MFA",
    "EMAIL_OTP",
    "SELECT_MFA_TYPE",
    "SELECT_CHALLENGE",
    "MFA_SETUP",
    "CUSTOM_CHALLENGE",
    "PASSWORD",
    "PASSWORD_SRP",
]
KEYS = [
    "USERNAME",
    "PASSWORD",
    "SRP_A",
    "SECRET_HASH",
    "DEVICE_KEY",
    "REFRESH_TOKEN",
    "PREFERRED_CHALLENGE",
    "CHALLENGE_NAME",
    "PASSWORD_CLAIM_SIGNATURE",
    "PASSWORD_CLAIM_SECRET_BLOCK",
    "TIMESTAMP",
    "NEW_PASSWORD",
    "SMS_MFA_CODE",
    "SOFTWARE_TOKEN_MFA_CODE",
    "EMAIL_OTP_CODE",
    "ANSWER",
    "userAttributes.email",
]
# Values near what the flows parse: hex and base64 look-alikes, signs, prefixes, timestamps,
# known names, and any text at all.
VALUES = st.one_of(
    st.sampled_from(
        [
            "jane",
            "Passw0rd!",
            "-5",
            "0x1f",
            "0",
            "ab" * 64,
            "Zm9v",
            "Zm9v=",
            "===",
            "Tue Sep 3 07:13:52 UTC 2024",
            "Tue Sep 03 07:13:52 UTC 2024",
            "PASSWORD_SRP",
            "SRP_A",
            "SMS_MFA",
            "123456",
            "us-east-1_00000000-0000-0000-0000-000000000000",
            "eyJ.abc.def.ghi.jkl",
        ]
    ),
    st.text(max_size=40),
    st.from_regex(r"-?[0-9a-fA-F_ x]{0,80}", fullmatch=True),
)
# A known or unknown USERNAME and any of the other keys, each present half the time.
PARAMS = st.fixed_dictionaries(
    {"USERNAME": st.sampled_from(["jane", "nobody"])},
    optional={key: VALUES for key in KEYS[1:]},
)


@pytest.fixture
def world(cognito_pool: UserPool, cognito_app_client: AppClient) -> Dict[str, Any]:
    cognito_pool.create_user("jane", password="Passw0rd!")
    return {"pool": cognito_pool, "app": cognito_app_client}


def _modeled(call: Any) -> Dict[str, Any]:
    """The call's answer, or {} after a modeled error (a ClientError with a client-error
    status); any other exception fails the test."""
    try:
        return dict(call())
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
    assert status in (400, 403, 404)
    return {}


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flow=st.sampled_from(FLOWS),
    auth=PARAMS,
    challenge=st.sampled_from(CHALLENGES),
    answers=PARAMS,
    admin=st.booleans(),
)
def test_any_sign_in_input_gets_a_modeled_answer(
    client: Any,
    world: Dict[str, Any],
    flow: str,
    auth: Dict[str, str],
    challenge: str,
    answers: Dict[str, str],
    admin: bool,
) -> None:
    app, pool = world["app"], world["pool"]
    if admin:
        started = _modeled(
            lambda: client.admin_initiate_auth(
                UserPoolId=pool.id, ClientId=app.id, AuthFlow=flow, AuthParameters=auth
            )
        )
    else:
        started = _modeled(
            lambda: client.initiate_auth(ClientId=app.id, AuthFlow=flow, AuthParameters=auth)
        )
    session = started.get("Session") or "s" * 20
    name = started.get("ChallengeName", challenge)
    _modeled(
        lambda: client.respond_to_auth_challenge(
            ClientId=app.id, ChallengeName=name, Session=session, ChallengeResponses=answers
        )
    )
