"""MFA: software tokens (TOTP computed here from the secret), SMS and email codes from the
outbox, SELECT_MFA_TYPE, MFA_SETUP, preferences and the legacy settings."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp.backend.core import totp
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests.conftest import error_of

PHONE = "+15555551234"


def failure(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def code(secret: str, cognito_clock: Clock, step_offset: int = 0) -> str:
    return totp.now_code(secret, cognito_clock.now().timestamp() + step_offset * totp.STEP)


def enable_mfa(client: Any, pool: UserPool, mode: str = "OPTIONAL", **factors: Any) -> None:
    factors.setdefault("SoftwareTokenMfaConfiguration", {"Enabled": True})
    client.set_user_pool_mfa_config(UserPoolId=pool.id, MfaConfiguration=mode, **factors)


def sign_in(client: Any, app: AppClient, user: User) -> Any:
    return client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": user.username, "PASSWORD": user.password or ""},
    )


def answer(client: Any, app: AppClient, challenge: Dict[str, Any], **responses: str) -> Any:
    return client.respond_to_auth_challenge(
        ClientId=app.id,
        ChallengeName=challenge["ChallengeName"],
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "jane", **responses},
    )


def enroll_totp(client: Any, app: AppClient, user: User, cognito_clock: Clock) -> str:
    access = sign_in(client, app, user)["AuthenticationResult"]["AccessToken"]
    secret = client.associate_software_token(AccessToken=access)["SecretCode"]
    client.verify_software_token(AccessToken=access, UserCode=code(secret, cognito_clock))
    client.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    cognito_clock.advance(seconds=totp.STEP)  # the enrolment used up the current code
    return str(secret)


def test_software_token_enrolment_and_sign_in(
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
    secret = client.associate_software_token(AccessToken=access)["SecretCode"]
    assert len(secret) == 52

    wrong = str((int(code(secret, cognito_clock)) + 1) % 1_000_000).zfill(6)
    assert failure(client.verify_software_token, AccessToken=access, UserCode=wrong) == (
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
    )
    verified = client.verify_software_token(
        AccessToken=access, UserCode=code(secret, cognito_clock)
    )
    assert verified["Status"] == "SUCCESS"
    client.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    factors = client.get_user_auth_factors(AccessToken=access)
    assert factors["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert factors["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert factors["ConfiguredUserAuthFactors"] == ["PASSWORD"]

    challenge = sign_in(client, cognito_app_client, cognito_user)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    # The code VerifySoftwareToken took cannot sign in again.
    assert failure(
        answer,
        client,
        cognito_app_client,
        challenge,
        SOFTWARE_TOKEN_MFA_CODE=code(secret, cognito_clock),
    ) == (
        "ExpiredCodeException",
        "Your software token has already been used once.",
    )
    assert failure(
        answer, client, cognito_app_client, challenge, SOFTWARE_TOKEN_MFA_CODE=wrong
    ) == (
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
    )
    cognito_clock.advance(seconds=totp.STEP)
    done = answer(
        client, cognito_app_client, challenge, SOFTWARE_TOKEN_MFA_CODE=code(secret, cognito_clock)
    )
    assert "AccessToken" in done["AuthenticationResult"]


def test_a_code_of_the_next_or_previous_step_is_accepted(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    cognito_clock: Clock,
) -> None:
    enable_mfa(client, cognito_pool)
    secret = enroll_totp(client, cognito_app_client, cognito_user, cognito_clock)
    cognito_clock.advance(seconds=2 * totp.STEP)
    challenge = sign_in(client, cognito_app_client, cognito_user)

    assert (
        failure(
            answer,
            client,
            cognito_app_client,
            challenge,
            SOFTWARE_TOKEN_MFA_CODE=code(secret, cognito_clock, -2),
        )[0]
        == "CodeMismatchException"
    )
    done = answer(
        client,
        cognito_app_client,
        challenge,
        SOFTWARE_TOKEN_MFA_CODE=code(secret, cognito_clock, 1),
    )
    assert "AuthenticationResult" in done


def test_preference_needs_a_verified_token_or_a_phone(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    access = sign_in(client, cognito_app_client, cognito_user)["AuthenticationResult"][
        "AccessToken"
    ]

    assert failure(
        client.set_user_mfa_preference,
        AccessToken=access,
        SoftwareTokenMfaSettings={"Enabled": True},
    ) == (
        "InvalidParameterException",
        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
    )
    assert failure(
        client.set_user_mfa_preference, AccessToken=access, SMSMfaSettings={"Enabled": True}
    ) == ("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA")
    assert "UserMFASettingList" not in client.get_user_auth_factors(AccessToken=access)


def test_sms_mfa_code_from_the_outbox(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    enable_mfa(
        client, cognito_pool, SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}"}
    )
    user = cognito_pool.create_user("jane", attributes={"phone_number": PHONE})
    client.admin_set_user_mfa_preference(
        UserPoolId=cognito_pool.id, Username="jane", SMSMfaSettings={"Enabled": True}
    )
    challenge = sign_in(client, cognito_app_client, user)

    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
        "CODE_DELIVERY_DESTINATION": "+*******1234",
    }
    message = cognito_idp.outbox.last(username="jane")
    assert (message.medium, message.destination, message.body) == (
        "SMS",
        PHONE,
        f"Code {message.code}",
    )
    wrong = "000000" if message.code != "000000" else "111111"
    assert failure(answer, client, cognito_app_client, challenge, SMS_MFA_CODE=wrong) == (
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
    )
    done = answer(client, cognito_app_client, challenge, SMS_MFA_CODE=message.code or "")
    assert "AccessToken" in done["AuthenticationResult"]


@pytest.mark.cognito_pool(
    EmailConfiguration={
        "EmailSendingAccount": "DEVELOPER",
        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
    }
)
def test_email_otp_mfa(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    enable_mfa(
        client, cognito_pool, EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Code"}
    )
    client.admin_set_user_mfa_preference(
        UserPoolId=cognito_pool.id, Username="jane", EmailMfaSettings={"Enabled": True}
    )
    challenge = sign_in(client, cognito_app_client, cognito_user)

    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "j***@e***"
    sent = cognito_idp.outbox.last(username="jane")
    assert (sent.subject, sent.body) == ("Code", f"Code {sent.code}")
    done = answer(client, cognito_app_client, challenge, EMAIL_OTP_CODE=sent.code or "")
    assert "AccessToken" in done["AuthenticationResult"]


def test_select_mfa_type(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_clock: Clock,
) -> None:
    enable_mfa(client, cognito_pool, SmsMfaConfiguration={})
    user = cognito_pool.create_user("jane", attributes={"phone_number": PHONE})
    enroll_totp(client, cognito_app_client, user, cognito_clock)
    client.admin_set_user_mfa_preference(
        UserPoolId=cognito_pool.id,
        Username="jane",
        SMSMfaSettings={"Enabled": True},
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": False},
    )
    challenge = sign_in(client, cognito_app_client, user)

    assert challenge["ChallengeName"] == "SELECT_MFA_TYPE"
    assert json.loads(challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"]) == [
        "SMS_MFA",
        "SOFTWARE_TOKEN_MFA",
    ]
    sms = answer(client, cognito_app_client, challenge, ANSWER="SMS_MFA")
    assert sms["ChallengeName"] == "SMS_MFA"
    done = answer(
        client, cognito_app_client, sms, SMS_MFA_CODE=cognito_idp.outbox.last().code or ""
    )
    assert "AuthenticationResult" in done


def test_mfa_setup_when_mfa_is_required(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    cognito_clock: Clock,
) -> None:
    enable_mfa(client, cognito_pool, mode="ON")
    challenge = sign_in(client, cognito_app_client, cognito_user)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]

    associated = client.associate_software_token(Session=challenge["Session"])
    verified = client.verify_software_token(
        Session=associated["Session"], UserCode=code(associated["SecretCode"], cognito_clock)
    )
    assert failure(answer, client, cognito_app_client, challenge) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )
    done = answer(client, cognito_app_client, {**challenge, "Session": verified["Session"]})
    assert "AccessToken" in done["AuthenticationResult"]

    cognito_clock.advance(seconds=totp.STEP)
    again = sign_in(client, cognito_app_client, cognito_user)
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_legacy_user_settings_turn_on_sms_mfa(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    enable_mfa(client, cognito_pool, SmsMfaConfiguration={})
    user = cognito_pool.create_user("jane", attributes={"phone_number": PHONE})
    access = sign_in(client, cognito_app_client, user)["AuthenticationResult"]["AccessToken"]

    client.set_user_settings(
        AccessToken=access, MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    )
    assert sign_in(client, cognito_app_client, user)["ChallengeName"] == "SMS_MFA"
    client.admin_set_user_settings(UserPoolId=cognito_pool.id, Username="jane", MFAOptions=[])
    assert "AuthenticationResult" in sign_in(client, cognito_app_client, user)
    assert (
        failure(
            client.admin_set_user_settings,
            UserPoolId=cognito_pool.id,
            Username="jane",
            MFAOptions=[{"DeliveryMedium": "EMAIL", "AttributeName": "email"}],
        )[0]
        == "InvalidParameterException"
    )


def test_mfa_code_session_expires(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_clock: Clock,
) -> None:
    enable_mfa(client, cognito_pool, SmsMfaConfiguration={})
    user = cognito_pool.create_user("jane", attributes={"phone_number": PHONE})
    client.admin_set_user_mfa_preference(
        UserPoolId=cognito_pool.id, Username="jane", SMSMfaSettings={"Enabled": True}
    )
    challenge = sign_in(client, cognito_app_client, user)
    cognito_clock.advance(minutes=3)

    assert failure(
        answer,
        client,
        cognito_app_client,
        challenge,
        SMS_MFA_CODE=cognito_idp.outbox.last().code or "",
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")
