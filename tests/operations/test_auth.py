"""The sign-in flows and their challenges through a real boto3 client (SRP: test_auth_srp.py)."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.errors import NotAuthorizedException
from pytest_cognito_idp.resources import AppClient, SignInChallenge, User, UserPool
from tests.conftest import error_of

PASSWORD = "Secret123!"


def password_auth(client: Any, app: AppClient, username: str, password: str, **extra: str) -> Any:
    return client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password, **extra},
    )


def admin_auth(client: Any, app: AppClient, flow: str, params: Dict[str, str]) -> Any:
    return client.admin_initiate_auth(
        UserPoolId=app.pool.id, ClientId=app.id, AuthFlow=flow, AuthParameters=params
    )


def failure(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


# -- password flows ------------------------------------------------------------------------------


def test_user_password_auth_returns_tokens(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    response = password_auth(client, cognito_app_client, "jane", cognito_user.password or "")

    result = response["AuthenticationResult"]
    assert response["ChallengeParameters"] == {}
    assert "ChallengeName" not in response
    assert result["TokenType"] == "Bearer"
    assert result["ExpiresIn"] == 3600
    claims = cognito_app_client.pool.verify_token(result["AccessToken"])
    assert claims["username"] == "jane"
    assert claims["client_id"] == cognito_app_client.id


@pytest.mark.parametrize("flow", ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"])
def test_admin_password_flows(
    client: Any, cognito_app_client: AppClient, cognito_user: User, flow: str
) -> None:
    params = {"USERNAME": "jane", "PASSWORD": cognito_user.password or ""}
    response = admin_auth(client, cognito_app_client, flow, params)

    assert set(response["AuthenticationResult"]) >= {"AccessToken", "IdToken", "RefreshToken"}


@pytest.mark.parametrize("flow", ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"])
def test_admin_flows_are_not_supported_on_initiate_auth(
    client: Any, cognito_app_client: AppClient, flow: str
) -> None:
    code = failure(
        client.initiate_auth,
        ClientId=cognito_app_client.id,
        AuthFlow=flow,
        AuthParameters={"USERNAME": "jane", "PASSWORD": PASSWORD},
    )
    assert code == ("InvalidParameterException", "Initiate Auth method not supported.")


def test_user_password_auth_is_not_supported_on_admin_initiate_auth(
    client: Any, cognito_app_client: AppClient
) -> None:
    params = {"USERNAME": "jane", "PASSWORD": PASSWORD}
    code = failure(admin_auth, client, cognito_app_client, "USER_PASSWORD_AUTH", params)
    assert code == ("InvalidParameterException", "Initiate Auth method not supported.")


def test_flows_the_client_does_not_enable(client: Any, cognito_pool: UserPool) -> None:
    srp_only = cognito_pool.create_client(
        "srp", explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    custom_only = cognito_pool.create_client(
        "custom", explicit_auth_flows=["CUSTOM_AUTH_FLOW_ONLY"]
    )
    params = {"USERNAME": "jane", "PASSWORD": PASSWORD}

    assert failure(password_auth, client, srp_only, "jane", PASSWORD) == (
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    )
    assert failure(admin_auth, client, srp_only, "ADMIN_USER_PASSWORD_AUTH", params) == (
        "InvalidParameterException",
        "Auth flow not enabled for this client",
    )
    assert failure(admin_auth, client, custom_only, "ADMIN_NO_SRP_AUTH", params) == (
        "InvalidParameterException",
        "Only custom auth (lambda driven) is enabled for this client.",
    )


@pytest.mark.parametrize(
    ("flow", "params", "missing"),
    [
        ("USER_PASSWORD_AUTH", {"PASSWORD": PASSWORD}, "USERNAME"),
        ("USER_PASSWORD_AUTH", {"USERNAME": "jane"}, "PASSWORD"),
        ("USER_SRP_AUTH", {"USERNAME": "jane"}, "SRP_A"),
        ("REFRESH_TOKEN_AUTH", {}, "REFRESH_TOKEN"),
        ("CUSTOM_AUTH", {}, "USERNAME"),
        ("USER_AUTH", {}, "USERNAME"),
    ],
)
def test_missing_auth_parameters(
    client: Any, cognito_app_client: AppClient, flow: str, params: Dict[str, str], missing: str
) -> None:
    code = failure(
        client.initiate_auth, ClientId=cognito_app_client.id, AuthFlow=flow, AuthParameters=params
    )
    assert code == ("InvalidParameterException", f"Missing required parameter {missing}")


def test_unknown_client_and_client_of_another_pool(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient
) -> None:
    other = cognito_idp.create_pool(PoolName="other")
    params = {"USERNAME": "jane", "PASSWORD": PASSWORD}
    code = failure(
        client.admin_initiate_auth,
        UserPoolId=other.id,
        ClientId=cognito_app_client.id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters=params,
    )
    assert code == (
        "ResourceNotFoundException",
        f"User pool client {cognito_app_client.id} does not exist.",
    )


# -- who may sign in -------------------------------------------------------------------------------


def test_wrong_password_and_unknown_user(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    assert failure(password_auth, client, cognito_app_client, "jane", "Wrong123!") == (
        "NotAuthorizedException",
        "Incorrect username or password.",
    )
    assert failure(password_auth, client, cognito_app_client, "nobody", PASSWORD) == (
        "UserNotFoundException",
        "User does not exist.",
    )


def test_prevent_user_existence_errors_hides_unknown_and_reset_users(
    client: Any, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client(
        "hide",
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
    )
    cognito_pool.create_user("reset", status="RESET_REQUIRED")
    generic = ("NotAuthorizedException", "Incorrect username or password.")

    assert failure(password_auth, client, app, "nobody", PASSWORD) == generic
    assert failure(password_auth, client, app, "reset", PASSWORD) == generic


def test_user_states(client: Any, cognito_pool: UserPool, cognito_app_client: AppClient) -> None:
    disabled = cognito_pool.create_user("off", enabled=False)
    unconfirmed = cognito_pool.create_user("new", status="UNCONFIRMED")
    reset = cognito_pool.create_user("reset", status="RESET_REQUIRED")

    def sign_in(user: User, password: str) -> tuple[str, str]:
        return failure(password_auth, client, cognito_app_client, user.username, password)

    assert sign_in(disabled, disabled.password or "") == (
        "NotAuthorizedException",
        "User is disabled.",
    )
    assert sign_in(unconfirmed, unconfirmed.password or "") == (
        "UserNotConfirmedException",
        "User is not confirmed.",
    )
    # The status only shows once the password is right.
    assert sign_in(unconfirmed, "Wrong123!") == (
        "NotAuthorizedException",
        "Incorrect username or password.",
    )
    assert sign_in(reset, reset.password or "") == (
        "PasswordResetRequiredException",
        "Password reset required for the user",
    )


def test_lockout_after_five_failures(
    client: Any, cognito_app_client: AppClient, cognito_user: User, cognito_clock: Clock
) -> None:
    for _ in range(5):
        failure(password_auth, client, cognito_app_client, "jane", "Wrong123!")
    right = cognito_user.password or ""

    assert failure(password_auth, client, cognito_app_client, "jane", right) == (
        "NotAuthorizedException",
        "Password attempts exceeded",
    )
    cognito_clock.advance(seconds=1)
    failure(password_auth, client, cognito_app_client, "jane", "Wrong123!")  # 6th: 2 s
    cognito_clock.advance(seconds=1)
    assert failure(password_auth, client, cognito_app_client, "jane", right)[1] == (
        "Password attempts exceeded"
    )
    cognito_clock.advance(seconds=1)
    assert "AuthenticationResult" in password_auth(client, cognito_app_client, "jane", right)


def test_failures_are_forgotten_after_fifteen_minutes(
    client: Any, cognito_app_client: AppClient, cognito_user: User, cognito_clock: Clock
) -> None:
    for _ in range(4):
        failure(password_auth, client, cognito_app_client, "jane", "Wrong123!")
    cognito_clock.advance(minutes=15)
    failure(password_auth, client, cognito_app_client, "jane", "Wrong123!")

    assert "AuthenticationResult" in password_auth(
        client, cognito_app_client, "jane", cognito_user.password or ""
    )


# -- SECRET_HASH -----------------------------------------------------------------------------------


def test_secret_hash_is_required_and_checked(
    client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client(
        "secret",
        generate_secret=True,
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )
    right = cognito_user.password or ""

    assert failure(password_auth, client, app, "jane", right) == (
        "NotAuthorizedException",
        f"Client {app.id} is configured for secret but secret was not received",
    )
    assert failure(
        password_auth, client, app, "jane", right, SECRET_HASH=app.secret_hash("joe")
    ) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {app.id}",
    )
    response = password_auth(client, app, "jane", right, SECRET_HASH=app.secret_hash("jane"))
    refreshed = client.initiate_auth(
        ClientId=app.id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={
            "REFRESH_TOKEN": response["AuthenticationResult"]["RefreshToken"],
            "SECRET_HASH": app.secret_hash("jane"),
        },
    )
    assert "AccessToken" in refreshed["AuthenticationResult"]


# -- refresh ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("flow", ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"])
def test_refresh_flows(
    client: Any, cognito_app_client: AppClient, cognito_user: User, flow: str
) -> None:
    signed_in = password_auth(client, cognito_app_client, "jane", cognito_user.password or "")
    refresh_token = signed_in["AuthenticationResult"]["RefreshToken"]

    result = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow=flow,
        AuthParameters={"REFRESH_TOKEN": refresh_token},
    )["AuthenticationResult"]

    assert "RefreshToken" not in result
    assert cognito_app_client.pool.verify_token(result["IdToken"])["cognito:username"] == "jane"
    assert failure(
        client.initiate_auth,
        ClientId=cognito_app_client.id,
        AuthFlow=flow,
        AuthParameters={"REFRESH_TOKEN": "not-a-token"},
    ) == ("NotAuthorizedException", "Invalid Refresh Token.")


def test_custom_auth_without_a_define_auth_challenge_trigger(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    code = failure(
        client.initiate_auth,
        ClientId=cognito_app_client.id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={"USERNAME": "jane"},
    )
    assert code == (
        "InvalidParameterException",
        "Custom auth lambda trigger is not configured for the user pool.",
    )


# -- NEW_PASSWORD_REQUIRED -------------------------------------------------------------------------


@pytest.mark.cognito_pool(
    Schema=[{"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True}]
)
def test_new_password_required(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client(
        "app", explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    user = cognito_pool.create_user(
        "temp", attributes={"email": "t@example.com", "name": "T"}, status="FORCE_CHANGE_PASSWORD"
    )
    client.admin_delete_user_attributes(
        UserPoolId=cognito_pool.id, Username="temp", UserAttributeNames=["email"]
    )
    response = password_auth(client, app, "temp", user.password or "")

    assert response["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    parameters = response["ChallengeParameters"]
    assert parameters["USER_ID_FOR_SRP"] == "temp"
    assert json.loads(parameters["requiredAttributes"]) == []
    assert json.loads(parameters["userAttributes"]) == {"name": "T"}
    assert 20 <= len(response["Session"]) <= 2048

    def answer(**responses: str) -> Any:
        return client.respond_to_auth_challenge(
            ClientId=app.id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=response["Session"],
            ChallengeResponses={"USERNAME": "temp", **responses},
        )

    assert failure(answer, NEW_PASSWORD="short") == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
    )
    assert cognito_pool.user("temp").status == "FORCE_CHANGE_PASSWORD"
    done = answer(NEW_PASSWORD="Brand-new-1")
    assert "AccessToken" in done["AuthenticationResult"]
    assert cognito_pool.user("temp").status == "CONFIRMED"
    assert "AuthenticationResult" in password_auth(client, app, "temp", "Brand-new-1")
    assert failure(answer, NEW_PASSWORD="Brand-new-2") == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )


@pytest.mark.cognito_pool(
    Schema=[{"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True}]
)
def test_new_password_required_asks_for_missing_required_attributes(
    client: Any, cognito_pool: UserPool, cognito_idp: CognitoIdp
) -> None:
    app = cognito_pool.create_client(
        "app", explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    user = cognito_pool.create_user(
        "temp", attributes={"name": "T"}, status="FORCE_CHANGE_PASSWORD"
    )
    with cognito_idp._state():
        del user._state.attributes["name"]  # as a user imported before the attribute was required
    with pytest.raises(SignInChallenge) as challenge:
        cognito_pool.sign_in("temp", user.password or "", app)
    assert json.loads(challenge.value.parameters["requiredAttributes"]) == ["userAttributes.name"]

    def answer(**responses: str) -> Any:
        return client.admin_respond_to_auth_challenge(
            UserPoolId=cognito_pool.id,
            ClientId=app.id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge.value.session,
            ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": "Brand-new-1", **responses},
        )

    assert failure(answer) == (
        "InvalidParameterException",
        "Invalid attributes given, name is missing",
    )
    answer(**{"userAttributes.name": "Tess"})
    assert cognito_pool.user("temp").attributes["name"] == "Tess"


def test_temporary_password_expires(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_clock: Clock
) -> None:
    user = cognito_pool.create_user("temp", status="FORCE_CHANGE_PASSWORD")
    cognito_clock.advance(days=7, seconds=1)

    assert failure(password_auth, client, cognito_app_client, "temp", user.password or "") == (
        "NotAuthorizedException",
        "Temporary password has expired and must be reset by an administrator.",
    )


# -- sessions --------------------------------------------------------------------------------------


def test_sessions_expire_after_the_clients_auth_session_validity(
    client: Any, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    short = cognito_pool.create_client(
        "short", explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    longer = cognito_pool.create_client(
        "long",
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AuthSessionValidity=10,
    )
    user = cognito_pool.create_user("temp", status="FORCE_CHANGE_PASSWORD")
    sessions = {
        app.id: password_auth(client, app, "temp", user.password or "")["Session"]
        for app in (short, longer)
    }
    cognito_clock.advance(minutes=3)

    def answer(app: AppClient) -> Any:
        return client.respond_to_auth_challenge(
            ClientId=app.id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=sessions[app.id],
            ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": "Brand-new-1"},
        )

    assert failure(answer, short) == (
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    assert "AuthenticationResult" in answer(longer)


def test_a_session_belongs_to_its_client(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    other = cognito_pool.create_client(
        "other", explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    user = cognito_pool.create_user("temp", status="FORCE_CHANGE_PASSWORD")
    session = password_auth(client, cognito_app_client, "temp", user.password or "")["Session"]

    code = failure(
        client.respond_to_auth_challenge,
        ClientId=other.id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=session,
        ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": "Brand-new-1"},
    )
    assert code == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


def test_challenge_answers_need_the_secret_hash_of_the_internal_username(
    client: Any, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client(
        "secret",
        generate_secret=True,
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )
    user = cognito_pool.create_user("temp", status="FORCE_CHANGE_PASSWORD")
    session = password_auth(
        client, app, "temp", user.password or "", SECRET_HASH=app.secret_hash("temp")
    )["Session"]

    def answer(**extra: str) -> Any:
        return client.respond_to_auth_challenge(
            ClientId=app.id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=session,
            ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": "Brand-new-1", **extra},
        )

    assert failure(answer) == (
        "NotAuthorizedException",
        f"Client {app.id} is configured for secret but secret was not received",
    )
    assert "AuthenticationResult" in answer(SECRET_HASH=app.secret_hash("temp"))


# -- USER_AUTH -------------------------------------------------------------------------------------


def test_user_auth_offers_the_password_factors(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    response = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "jane"}
    )
    assert response["ChallengeName"] == "SELECT_CHALLENGE"
    assert response["AvailableChallenges"] == ["PASSWORD_SRP", "PASSWORD"]

    done = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="SELECT_CHALLENGE",
        Session=response["Session"],
        ChallengeResponses={
            "USERNAME": "jane",
            "ANSWER": "PASSWORD",
            "PASSWORD": cognito_user.password or "",
        },
    )
    assert "AccessToken" in done["AuthenticationResult"]


def test_user_auth_with_a_preferred_challenge(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    def start(password: str) -> Any:
        return client.initiate_auth(
            ClientId=cognito_app_client.id,
            AuthFlow="USER_AUTH",
            AuthParameters={
                "USERNAME": "jane",
                "PREFERRED_CHALLENGE": "PASSWORD",
                "PASSWORD": password,
            },
        )

    assert "AccessToken" in start(cognito_user.password or "")["AuthenticationResult"]
    assert failure(start, "Wrong123!") == (
        "NotAuthorizedException",
        "Incorrect username or password.",
    )


def test_user_auth_needs_allow_user_auth(
    client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client(
        "srp", explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    code = failure(
        client.initiate_auth,
        ClientId=app.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "jane"},
    )
    assert code == ("InvalidParameterException", "Auth flow not enabled for this client")


# -- the sign_in helper ----------------------------------------------------------------------------


def test_sign_in_helper(cognito_pool: UserPool, cognito_user: User) -> None:
    result = cognito_pool.sign_in("jane", cognito_user.password or "")

    assert cognito_pool.verify_token(result["IdToken"])["email"] == "jane@example.com"
    assert any(c.name == "pytest-cognito-idp" for c in cognito_pool.clients)
    with pytest.raises(NotAuthorizedException, match="Incorrect username or password"):
        cognito_pool.sign_in("jane", "Wrong123!")
