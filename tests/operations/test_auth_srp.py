"""USER_SRP_AUTH and device SRP, signed by an independent client: pycognito's ``AWSSRP``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP, generate_hash_device

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp.backend.core import srp as srp_math
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests.conftest import error_of

# pycognito formats its TIMESTAMP with datetime.utcnow(), deprecated since Python 3.12.
pytestmark = pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning")

INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def srp(client: Any, app: AppClient, username: str, password: str, **kwargs: Any) -> AWSSRP:
    return AWSSRP(username, password, app.pool.id, app.id, client=client, **kwargs)


def failure(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def test_pycognito_signs_in(
    client: Any, cognito_app_client: AppClient, cognito_user: User, cognito_idp: CognitoIdp
) -> None:
    tokens = srp(
        client, cognito_app_client, "jane", cognito_user.password or ""
    ).authenticate_user()

    claims = cognito_app_client.pool.verify_token(tokens["AuthenticationResult"]["IdToken"])
    assert claims["cognito:username"] == "jane"
    challenge = cognito_idp.calls.get_calls("InitiateAuth")[0].response or {}
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
    assert set(challenge["ChallengeParameters"]) == {
        "SALT",
        "SECRET_BLOCK",
        "SRP_B",
        "USERNAME",
        "USER_ID_FOR_SRP",
    }


def test_wrong_password_fails(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    wrong = srp(client, cognito_app_client, "jane", "Wrong123!")
    assert failure(wrong.authenticate_user) == INCORRECT


def test_client_with_a_secret(client: Any, cognito_pool: UserPool, cognito_user: User) -> None:
    app = cognito_pool.create_client("secret", generate_secret=True)
    signer = srp(client, app, "jane", cognito_user.password or "", client_secret=app.secret)
    assert "AccessToken" in signer.authenticate_user()["AuthenticationResult"]


@pytest.mark.cognito_pool(UsernameAttributes=["email"])
def test_email_as_username_uses_the_internal_username(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client("app")
    cognito_pool.create_user("ann@example.com", password="Secret123!")
    response = client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "ann@example.com", "SRP_A": "ab" * 64},
    )
    assert UUID.fullmatch(response["ChallengeParameters"]["USER_ID_FOR_SRP"])
    assert (
        response["ChallengeParameters"]["USERNAME"]
        == response["ChallengeParameters"]["USER_ID_FOR_SRP"]
    )

    tokens = srp(client, app, "ann@example.com", "Secret123!").authenticate_user()
    assert (
        cognito_pool.verify_token(tokens["AuthenticationResult"]["IdToken"])["email"]
        == "ann@example.com"
    )


def test_unknown_user(client: Any, cognito_pool: UserPool) -> None:
    legacy = cognito_pool.create_client("legacy")
    hiding = cognito_pool.create_client("hiding", PreventUserExistenceErrors="ENABLED")

    assert failure(srp(client, legacy, "nobody", "Secret123!").authenticate_user) == (
        "UserNotFoundException",
        "User does not exist.",
    )

    def start() -> Dict[str, str]:
        return client.initiate_auth(  # type: ignore[no-any-return]
            ClientId=hiding.id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "nobody", "SRP_A": "ab" * 64},
        )["ChallengeParameters"]

    first, second = start(), start()
    # A simulated challenge: the same salt and internal ID each time, like a real user's.
    assert first["SALT"] == second["SALT"]
    assert first["USER_ID_FOR_SRP"] == second["USER_ID_FOR_SRP"]
    assert UUID.fullmatch(first["USER_ID_FOR_SRP"])
    assert failure(srp(client, hiding, "nobody", "Secret123!").authenticate_user) == INCORRECT


def _answer(client: Any, app: AppClient, password: str, when: str) -> Any:
    """A PASSWORD_VERIFIER answer signed for the TIMESTAMP ``when``."""
    signer = srp(client, app, "jane", password)
    params = signer.get_auth_params()
    challenge = client.initiate_auth(
        ClientId=app.id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    signer.get_cognito_formatted_timestamp = lambda _: when  # type: ignore[method-assign]
    responses = signer.process_challenge(challenge["ChallengeParameters"], params)
    return client.respond_to_auth_challenge(
        ClientId=app.id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=challenge["Session"],
        ChallengeResponses=responses,
    )


@pytest.mark.cognito_clock("2024-09-03T07:13:52Z")
def test_timestamp_format_and_skew(
    client: Any, cognito_app_client: AppClient, cognito_user: User, cognito_clock: Clock
) -> None:
    password = cognito_user.password or ""

    assert "AuthenticationResult" in _answer(
        client, cognito_app_client, password, "Tue Sep 3 07:13:52 UTC 2024"
    )
    assert (
        failure(_answer, client, cognito_app_client, password, "Tue Sep 03 07:13:52 UTC 2024")
        == INCORRECT
    )
    assert (
        failure(_answer, client, cognito_app_client, password, "Tue Sep 3 07:33:52 UTC 2024")
        == INCORRECT
    )


def test_the_session_can_carry_the_answer(
    client: Any, cognito_app_client: AppClient, cognito_user: User, cognito_clock: Clock
) -> None:
    now = cognito_clock.now()
    stamp = AWSSRP.get_cognito_formatted_timestamp(now.replace(tzinfo=None))
    assert "AuthenticationResult" in _answer(
        client, cognito_app_client, cognito_user.password or "", stamp
    )


def test_force_change_password_over_srp(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    user = cognito_pool.create_user("temp", status="FORCE_CHANGE_PASSWORD")
    signer = srp(client, cognito_app_client, "temp", user.password or "")

    result = signer.set_new_password_challenge("Brand-new-1")
    assert "AccessToken" in result["AuthenticationResult"]
    assert cognito_pool.user("temp").status == "CONFIRMED"


def test_disabled_user_cannot_start(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    cognito_pool.create_user("off", enabled=False)
    assert failure(srp(client, cognito_app_client, "off", "Secret123!").authenticate_user) == (
        "NotAuthorizedException",
        "User is disabled.",
    )


# -- devices ---------------------------------------------------------------------------------------


@pytest.mark.cognito_pool(
    DeviceConfiguration={
        "ChallengeRequiredOnNewDevice": False,
        "DeviceOnlyRememberedOnUserPrompt": False,
    }
)
def test_pycognito_device_flow(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    password = cognito_user.password or ""
    first = srp(client, cognito_app_client, "jane", password).authenticate_user()
    metadata = first["AuthenticationResult"]["NewDeviceMetadata"]
    device_password, verifier = generate_hash_device(
        metadata["DeviceGroupKey"], metadata["DeviceKey"]
    )
    confirmed = client.confirm_device(
        AccessToken=first["AuthenticationResult"]["AccessToken"],
        DeviceKey=metadata["DeviceKey"],
        DeviceSecretVerifierConfig=verifier,
        DeviceName="laptop",
    )
    assert confirmed["UserConfirmationNecessary"] is False

    device = {
        "device_key": metadata["DeviceKey"],
        "device_group_key": metadata["DeviceGroupKey"],
        "device_password": device_password,
    }
    again = srp(client, cognito_app_client, "jane", password, **device).authenticate_user()
    assert "NewDeviceMetadata" not in again["AuthenticationResult"]
    claims = cognito_pool.verify_token(again["AuthenticationResult"]["AccessToken"])
    assert claims["device_key"] == metadata["DeviceKey"]

    device["device_password"] = "not-the-device-password"
    assert (
        failure(srp(client, cognito_app_client, "jane", password, **device).authenticate_user)
        == INCORRECT
    )


def test_timestamps_are_utc_without_a_leading_zero_on_the_day() -> None:
    from pytest_cognito_idp.backend.core import srp as server

    when = dt.datetime(2024, 4, 5, 7, 3, 2, tzinfo=dt.timezone.utc)
    assert server.format_timestamp(when) == "Fri Apr 5 07:03:02 UTC 2024"


# -- malformed SRP_A ------------------------------------------------------------------------------

SRP_STARTS = {
    "InitiateAuth USER_SRP_AUTH": lambda client, app, a: client.initiate_auth(
        ClientId=app.id, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "jane", "SRP_A": a}
    ),
    "AdminInitiateAuth USER_SRP_AUTH": lambda client, app, a: client.admin_initiate_auth(
        UserPoolId=app.pool.id,
        ClientId=app.id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "jane", "SRP_A": a},
    ),
    "InitiateAuth USER_AUTH PASSWORD_SRP": lambda client, app, a: client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "jane", "PREFERRED_CHALLENGE": "PASSWORD_SRP", "SRP_A": a},
    ),
}


@pytest.mark.parametrize("start", SRP_STARTS.values(), ids=SRP_STARTS.keys())
@pytest.mark.parametrize(
    "srp_a",
    ["-5", "-" + "ab" * 64, "0x" + "ab" * 64, " ab", "a_b", "zz", "0", srp_math.N_HEX],
    ids=["negative", "negative-long", "0x-prefix", "space", "underscore", "not-hex", "zero", "N"],
)
def test_a_malformed_srp_a_is_refused(
    client: Any, cognito_app_client: AppClient, cognito_user: User, start: Any, srp_a: str
) -> None:
    # AWS answers a tampered SRP_A with InvalidParameterException
    # (github.com/amazon-archives/amazon-cognito-identity-js/issues/356); the wording is ours.
    error = failure(start, client, cognito_app_client, srp_a)
    assert error == ("InvalidParameterException", "Invalid SRP_A value.")
    # Nothing was held against the user: a genuine sign-in still goes through.
    tokens = srp(
        client, cognito_app_client, "jane", cognito_user.password or ""
    ).authenticate_user()
    assert "AccessToken" in tokens["AuthenticationResult"]
