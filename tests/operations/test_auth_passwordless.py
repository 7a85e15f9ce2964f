"""Choice-based sign-in (USER_AUTH) with one-time codes by email and SMS, the SignInPolicy that
allows them, and signing in right after a passwordless sign-up, through a real boto3 client."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, UserPool
from tests.conftest import error_of

ALL_FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
OTP_POOL = pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]}},
    AutoVerifiedAttributes=["email"],
)
PHONE = "+15555550100"


def user_auth(client: Any, app: AppClient, username: str, **params: str) -> Any:
    return client.initiate_auth(
        ClientId=app.id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username, **params}
    )


def respond(client: Any, app: AppClient, name: str, session: str, **answers: str) -> Any:
    return client.respond_to_auth_challenge(
        ClientId=app.id, ChallengeName=name, Session=session, ChallengeResponses=answers
    )


def failure(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


@pytest.fixture
def phone_user(client: Any, cognito_pool: UserPool, cognito_app_client: AppClient) -> str:
    """sam: signed up without a password, confirmed, with a verified email and phone."""
    client.sign_up(
        ClientId=cognito_app_client.id,
        Username="sam",
        UserAttributes=[
            {"Name": "email", "Value": "sam@example.com"},
            {"Name": "phone_number", "Value": PHONE},
        ],
    )
    client.admin_confirm_sign_up(UserPoolId=cognito_pool.id, Username="sam")
    client.admin_update_user_attributes(
        UserPoolId=cognito_pool.id,
        Username="sam",
        UserAttributes=[
            {"Name": "email_verified", "Value": "true"},
            {"Name": "phone_number_verified", "Value": "true"},
        ],
    )
    return "sam"


# -- the SignInPolicy ------------------------------------------------------------------------------


def test_a_new_pool_allows_the_password_only(client: Any, cognito_pool: UserPool) -> None:
    described = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD"]}


def test_every_first_factor_can_be_allowed_and_described(client: Any) -> None:
    pool = client.create_user_pool(
        PoolName="p", Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ALL_FACTORS}}
    )["UserPool"]
    assert pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == ALL_FACTORS


def test_the_password_cannot_be_left_out(client: Any, cognito_pool: UserPool) -> None:
    policies = {"SignInPolicy": {"AllowedFirstAuthFactors": ["EMAIL_OTP"]}}
    assert failure(client.create_user_pool, PoolName="p", Policies=policies) == (
        "InvalidParameterException",
        "AllowedFirstAuthFactors must include PASSWORD.",
    )
    assert failure(
        client.update_user_pool, UserPoolId=cognito_pool.id, PoolName="renamed", Policies=policies
    ) == ("InvalidParameterException", "AllowedFirstAuthFactors must include PASSWORD.")
    # The refused update changed nothing.
    described = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert described["Name"] == cognito_pool.name
    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD"]}


def test_passwordless_factors_need_the_essentials_tier(client: Any, cognito_pool: UserPool) -> None:
    policies = {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"]}}
    assert failure(
        client.create_user_pool, PoolName="p", UserPoolTier="LITE", Policies=policies
    ) == (
        "FeatureUnavailableInTierException",
        "Sign-in with SMS_OTP is not available in the LITE tier of user pools.",
    )
    lite = client.create_user_pool(
        PoolName="lite",
        UserPoolTier="LITE",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}},
    )["UserPool"]
    assert lite["UserPoolTier"] == "LITE"
    client.update_user_pool(UserPoolId=cognito_pool.id, UserPoolTier="PLUS", Policies=policies)
    described = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert described["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == [
        "PASSWORD",
        "SMS_OTP",
    ]


# -- AvailableChallenges ---------------------------------------------------------------------------


@OTP_POOL
def test_available_challenges_are_what_the_user_can_use(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, phone_user: str
) -> None:
    # jane: a password and a verified email; sam: a verified email and phone, no password.
    cognito_pool.create_user(
        "jane", attributes={"email": "j@example.com", "email_verified": "true"}
    )
    unverified = cognito_pool.create_user("kim", attributes={"email": "k@example.com"})

    assert user_auth(client, cognito_app_client, "jane")["AvailableChallenges"] == [
        "PASSWORD_SRP",
        "PASSWORD",
        "EMAIL_OTP",
    ]
    started = user_auth(client, cognito_app_client, "sam")
    assert started["ChallengeName"] == "SELECT_CHALLENGE"
    assert started["AvailableChallenges"] == ["EMAIL_OTP", "SMS_OTP"]
    assert started["ChallengeParameters"] == {}
    assert user_auth(client, cognito_app_client, unverified.username)["AvailableChallenges"] == [
        "PASSWORD_SRP",
        "PASSWORD",
    ]


@OTP_POOL
def test_a_factor_the_user_cannot_use_is_not_answerable(
    client: Any, cognito_app_client: AppClient, phone_user: str
) -> None:
    started = user_auth(client, cognito_app_client, "sam")
    assert failure(
        respond,
        client,
        cognito_app_client,
        "SELECT_CHALLENGE",
        started["Session"],
        USERNAME="sam",
        ANSWER="PASSWORD",
        PASSWORD="Secret123!",
    ) == ("InvalidParameterException", "Invalid challenge answer PASSWORD.")


# -- EMAIL_OTP and SMS_OTP -------------------------------------------------------------------------


@OTP_POOL
def test_email_code_signs_in_without_a_password(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, phone_user: str
) -> None:
    started = user_auth(client, cognito_app_client, "sam")
    challenge = respond(
        client,
        cognito_app_client,
        "SELECT_CHALLENGE",
        started["Session"],
        USERNAME="sam",
        ANSWER="EMAIL_OTP",
    )
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
        "CODE_DELIVERY_DESTINATION": "s***@e***",
    }
    message = cognito_idp.outbox.last(username="sam")
    assert (message.medium, message.destination, message.kind) == (
        "EMAIL",
        "sam@example.com",
        "Authentication",
    )
    assert message.code is not None and len(message.code) == 8 and message.code.isdigit()
    assert message.body == f"Your authentication code is {message.code}. "

    done = respond(
        client,
        cognito_app_client,
        "EMAIL_OTP",
        challenge["Session"],
        USERNAME="sam",
        EMAIL_OTP_CODE=message.code,
    )
    claims = cognito_app_client.pool.verify_token(done["AuthenticationResult"]["AccessToken"])
    assert claims["username"] == "sam"
    # The session is used up.
    assert failure(
        respond,
        client,
        cognito_app_client,
        "EMAIL_OTP",
        challenge["Session"],
        USERNAME="sam",
        EMAIL_OTP_CODE=message.code,
    ) == ("NotAuthorizedException", "Invalid session for the user, session can only be used once.")


@OTP_POOL
def test_sms_code_with_a_preferred_challenge(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, phone_user: str
) -> None:
    challenge = user_auth(client, cognito_app_client, "sam", PREFERRED_CHALLENGE="SMS_OTP")
    assert challenge["ChallengeName"] == "SMS_OTP"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
        "CODE_DELIVERY_DESTINATION": "+*******0100",
    }
    message = cognito_idp.outbox.last(username="sam")
    assert (message.medium, message.destination) == ("SMS", PHONE)

    done = respond(
        client,
        cognito_app_client,
        "SMS_OTP",
        challenge["Session"],
        USERNAME="sam",
        SMS_OTP_CODE=message.code or "",
    )
    assert "IdToken" in done["AuthenticationResult"]


@OTP_POOL
def test_admin_initiate_auth_sends_a_code_too(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, phone_user: str
) -> None:
    challenge = client.admin_initiate_auth(
        UserPoolId=cognito_app_client.pool.id,
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "sam", "PREFERRED_CHALLENGE": "EMAIL_OTP"},
    )
    done = client.admin_respond_to_auth_challenge(
        UserPoolId=cognito_app_client.pool.id,
        ClientId=cognito_app_client.id,
        ChallengeName="EMAIL_OTP",
        Session=challenge["Session"],
        ChallengeResponses={
            "USERNAME": "sam",
            "EMAIL_OTP_CODE": cognito_idp.outbox.last(username="sam").code or "",
        },
    )
    assert "AccessToken" in done["AuthenticationResult"]


@OTP_POOL
def test_wrong_codes_can_be_retried_three_times(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, phone_user: str
) -> None:
    challenge = user_auth(client, cognito_app_client, "sam", PREFERRED_CHALLENGE="EMAIL_OTP")
    code = cognito_idp.outbox.last(username="sam").code or ""
    wrong = "00000000" if code != "00000000" else "11111111"

    def answer(given: str) -> Any:
        return respond(
            client,
            cognito_app_client,
            "EMAIL_OTP",
            challenge["Session"],
            USERNAME="sam",
            EMAIL_OTP_CODE=given,
        )

    mismatch = ("CodeMismatchException", "Invalid code or auth state for the user.")
    assert failure(answer, wrong) == mismatch
    assert failure(answer, wrong) == mismatch
    assert failure(answer, wrong) == mismatch
    # The third wrong code used up the session: even the right code is too late.
    assert failure(answer, code) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )

    again = user_auth(client, cognito_app_client, "sam", PREFERRED_CHALLENGE="EMAIL_OTP")
    first_code = cognito_idp.outbox.last(username="sam").code or ""
    assert (
        failure(
            respond,
            client,
            cognito_app_client,
            "EMAIL_OTP",
            again["Session"],
            USERNAME="sam",
            EMAIL_OTP_CODE=wrong,
        )
        == mismatch
    )
    done = respond(
        client,
        cognito_app_client,
        "EMAIL_OTP",
        again["Session"],
        USERNAME="sam",
        EMAIL_OTP_CODE=first_code,
    )
    assert "AccessToken" in done["AuthenticationResult"]


@OTP_POOL
def test_a_code_expires_with_its_session(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_app_client: AppClient,
    phone_user: str,
    cognito_clock: Clock,
) -> None:
    challenge = user_auth(client, cognito_app_client, "sam", PREFERRED_CHALLENGE="EMAIL_OTP")
    code = cognito_idp.outbox.last(username="sam").code or ""
    cognito_clock.advance(seconds=181)  # AuthSessionValidity: 3 minutes by default

    assert failure(
        respond,
        client,
        cognito_app_client,
        "EMAIL_OTP",
        challenge["Session"],
        USERNAME="sam",
        EMAIL_OTP_CODE=code,
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


@OTP_POOL
def test_no_mfa_after_a_code_but_mfa_after_a_password(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        SmsMfaConfiguration={"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::1:role/sns"}},
        MfaConfiguration="OPTIONAL",
    )
    user = cognito_pool.create_user(
        "max",
        attributes={
            "email": "max@example.com",
            "email_verified": "true",
            "phone_number": PHONE,
            "phone_number_verified": "true",
        },
    )
    client.admin_set_user_mfa_preference(
        UserPoolId=cognito_pool.id,
        Username="max",
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
    )

    by_code = user_auth(client, cognito_app_client, "max", PREFERRED_CHALLENGE="EMAIL_OTP")
    done = respond(
        client,
        cognito_app_client,
        "EMAIL_OTP",
        by_code["Session"],
        USERNAME="max",
        EMAIL_OTP_CODE=cognito_idp.outbox.last(username="max").code or "",
    )
    assert "AccessToken" in done["AuthenticationResult"]

    by_password = user_auth(
        client,
        cognito_app_client,
        "max",
        PREFERRED_CHALLENGE="PASSWORD",
        PASSWORD=user.password or "",
    )
    assert by_password["ChallengeName"] == "SMS_MFA"


@OTP_POOL
def test_an_unknown_user_gets_a_simulated_code_when_existence_is_hidden(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client(
        "hidden",
        explicit_auth_flows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
    )
    sent = len(cognito_idp.outbox)
    challenge = user_auth(client, app, "nobody@example.com", PREFERRED_CHALLENGE="EMAIL_OTP")
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "n***@e***"
    assert len(cognito_idp.outbox) == sent
    assert failure(
        respond,
        client,
        app,
        "EMAIL_OTP",
        challenge["Session"],
        USERNAME="nobody@example.com",
        EMAIL_OTP_CODE="12345678",
    ) == ("CodeMismatchException", "Invalid code or auth state for the user.")


@OTP_POOL
def test_a_disabled_user_gets_no_code(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, phone_user: str
) -> None:
    client.admin_disable_user(UserPoolId=cognito_app_client.pool.id, Username="sam")
    sent = len(cognito_idp.outbox)
    assert failure(
        user_auth, client, cognito_app_client, "sam", PREFERRED_CHALLENGE="EMAIL_OTP"
    ) == ("NotAuthorizedException", "User is disabled.")
    assert len(cognito_idp.outbox) == sent


# -- passwordless sign-up --------------------------------------------------------------------------


@OTP_POOL
def test_sign_up_without_a_password_then_sign_in_with_the_session(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient
) -> None:
    signed_up = client.sign_up(
        ClientId=cognito_app_client.id,
        Username="ada",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
    )
    assert signed_up["UserConfirmed"] is False
    code = cognito_idp.outbox.last(username="ada").code or ""

    confirmed = client.confirm_sign_up(
        ClientId=cognito_app_client.id,
        Username="ada",
        ConfirmationCode=code,
        Session=signed_up["Session"],
    )
    sent = len(cognito_idp.outbox)
    done = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "ada"},
        Session=confirmed["Session"],
    )
    claims = cognito_app_client.pool.verify_token(done["AuthenticationResult"]["IdToken"])
    assert claims["email"] == "ada@example.com"
    assert claims["email_verified"] is True
    assert len(cognito_idp.outbox) == sent  # no second code

    # The session signs in once.
    assert failure(
        client.initiate_auth,
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "ada"},
        Session=confirmed["Session"],
    ) == ("NotAuthorizedException", "Invalid session for the user, session can only be used once.")


@OTP_POOL
def test_the_sign_up_session_is_the_users_and_expires(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, cognito_clock: Clock
) -> None:
    def sign_up(name: str) -> Dict[str, Any]:
        out: Dict[str, Any] = client.sign_up(
            ClientId=cognito_app_client.id,
            Username=name,
            UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
        )
        return out

    ada, bob = sign_up("ada"), sign_up("bob")
    ada_code = cognito_idp.outbox.last(username="ada").code or ""
    # Bob's session cannot confirm Ada; the refused call leaves Ada unconfirmed.
    assert failure(
        client.confirm_sign_up,
        ClientId=cognito_app_client.id,
        Username="ada",
        ConfirmationCode=ada_code,
        Session=bob["Session"],
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")
    user = client.admin_get_user(UserPoolId=cognito_app_client.pool.id, Username="ada")
    assert user["UserStatus"] == "UNCONFIRMED"

    confirmed = client.confirm_sign_up(
        ClientId=cognito_app_client.id,
        Username="ada",
        ConfirmationCode=ada_code,
        Session=ada["Session"],
    )
    assert failure(
        client.initiate_auth,
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "bob"},
        Session=confirmed["Session"],
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")
    cognito_clock.advance(seconds=181)
    assert failure(
        client.initiate_auth,
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "ada"},
        Session=confirmed["Session"],
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


@OTP_POOL
def test_confirm_sign_up_without_the_sign_up_session_still_hands_one_over(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    client.sign_up(
        ClientId=cognito_app_client.id,
        Username="ada",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
    )
    confirmed = client.confirm_sign_up(
        ClientId=cognito_app_client.id,
        Username="ada",
        ConfirmationCode=cognito_idp.outbox.last(username="ada").code or "",
    )
    done = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "ada"},
        Session=confirmed["Session"],
    )
    assert "AccessToken" in done["AuthenticationResult"]

    # A client without choice-based sign-in gets no session.
    srp = cognito_pool.create_client(
        "srp", explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    signed_up = client.sign_up(
        ClientId=srp.id,
        Username="bob",
        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
    )
    assert "Session" not in signed_up
    confirmed = client.confirm_sign_up(
        ClientId=srp.id,
        Username="bob",
        ConfirmationCode=cognito_idp.outbox.last(username="bob").code or "",
    )
    assert "Session" not in confirmed


def test_a_password_is_required_where_the_pool_allows_only_passwords(
    client: Any, cognito_app_client: AppClient
) -> None:
    assert failure(
        client.sign_up,
        ClientId=cognito_app_client.id,
        Username="ada",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
    ) == ("InvalidParameterException", "Password is required for this user pool.")


@OTP_POOL
def test_get_user_auth_factors_lists_the_codes_a_user_can_get(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, phone_user: str
) -> None:
    challenge = user_auth(client, cognito_app_client, "sam", PREFERRED_CHALLENGE="SMS_OTP")
    code = cognito_idp.outbox.last(username="sam").code or ""
    done = respond(
        client,
        cognito_app_client,
        "SMS_OTP",
        challenge["Session"],
        USERNAME="sam",
        SMS_OTP_CODE=code,
    )
    token = done["AuthenticationResult"]["AccessToken"]
    factors = client.get_user_auth_factors(AccessToken=token)
    assert factors["ConfiguredUserAuthFactors"] == ["EMAIL_OTP", "SMS_OTP"]


@OTP_POOL
def test_an_unknown_users_sms_code_goes_to_a_made_up_phone(
    client: Any, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client(
        "hidden",
        explicit_auth_flows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
    )

    def destination() -> Dict[str, str]:
        started = user_auth(client, app, "nobody@example.com", PREFERRED_CHALLENGE="SMS_OTP")
        assert started["ChallengeName"] == "SMS_OTP"
        parameters: Dict[str, str] = started["ChallengeParameters"]
        return parameters

    first = destination()
    assert first["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    assert first["CODE_DELIVERY_DESTINATION"].startswith("+*")
    assert destination() == first
