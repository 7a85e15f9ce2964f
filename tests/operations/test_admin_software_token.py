"""AdminDeleteSoftwareToken and AdminGetUserAuthFactors through boto3 (the admin forms of what a
user does with their access token in test_mfa.py)."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests.operations.test_mfa import enable_mfa, enroll_totp, failure, sign_in

pytestmark = pytest.mark.skipif(
    "AdminDeleteSoftwareToken" not in service_model().operation_names,
    reason="this botocore's model has no AdminDeleteSoftwareToken or AdminGetUserAuthFactors",
)


def test_admin_get_user_auth_factors_matches_the_users_own_view(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    cognito_clock: Clock,
) -> None:
    enable_mfa(client, cognito_pool)
    access = sign_in(client, cognito_app_client, cognito_user)["AuthenticationResult"][
        "AccessToken"
    ]
    before = client.admin_get_user_auth_factors(UserPoolId=cognito_pool.id, Username="jane")
    enroll_totp(client, cognito_app_client, cognito_user, cognito_clock)
    after = client.admin_get_user_auth_factors(UserPoolId=cognito_pool.id, Username="jane")
    own = client.get_user_auth_factors(AccessToken=access)

    assert before["Username"] == "jane"
    assert "UserMFASettingList" not in before and "PreferredMfaSetting" not in before
    assert before["ConfiguredUserAuthFactors"] == ["PASSWORD"]
    assert after["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert after["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    for response in (after, own):
        del response["ResponseMetadata"]
    assert after == own


def test_admin_get_user_auth_factors_of_an_unknown_user(
    client: Any, cognito_pool: UserPool
) -> None:
    assert failure(
        client.admin_get_user_auth_factors, UserPoolId=cognito_pool.id, Username="nobody"
    ) == ("UserNotFoundException", "User does not exist.")


def test_admin_delete_software_token(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    cognito_clock: Clock,
) -> None:
    enable_mfa(client, cognito_pool)
    enroll_totp(client, cognito_app_client, cognito_user, cognito_clock)

    client.admin_delete_software_token(UserPoolId=cognito_pool.id, Username="jane")

    factors = client.admin_get_user_auth_factors(UserPoolId=cognito_pool.id, Username="jane")
    assert "UserMFASettingList" not in factors and "PreferredMfaSetting" not in factors
    # With MFA optional and no factor left, the password alone signs the user in.
    assert "AuthenticationResult" in sign_in(client, cognito_app_client, cognito_user)
    # A new authenticator can be associated.
    enroll_totp(client, cognito_app_client, cognito_user, cognito_clock)
    again = client.admin_get_user_auth_factors(UserPoolId=cognito_pool.id, Username="jane")
    assert again["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]


def test_admin_delete_software_token_without_one(
    client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    assert failure(
        client.admin_delete_software_token, UserPoolId=cognito_pool.id, Username="jane"
    ) == ("ResourceNotFoundException", "Software Token MFA does not exist for the user.")
    assert failure(
        client.admin_delete_software_token, UserPoolId=cognito_pool.id, Username="nobody"
    ) == ("UserNotFoundException", "User does not exist.")


def test_admin_delete_software_token_of_an_unconfirmed_user(
    client: Any, cognito_pool: UserPool
) -> None:
    cognito_pool.create_user("pending", password="Passw0rd!x", status="UNCONFIRMED")

    assert failure(
        client.admin_delete_software_token, UserPoolId=cognito_pool.id, Username="pending"
    ) == ("UserNotConfirmedException", "User is not confirmed.")
