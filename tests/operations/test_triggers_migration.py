"""UserMigration at sign-in and in ForgotPassword, through boto3."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from tests.conftest import error_of

LEGACY = {"jane": ("old-pw", "jane@example.com")}  # weak on purpose: no policy applies


def migrate(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    known = LEGACY.get(event["userName"])
    if known is None:
        raise Exception("User not found")
    password, email = known
    if event["triggerSource"] == "UserMigration_Authentication":
        if event["request"]["password"] != password:
            raise Exception("Bad password")
        event["response"]["finalUserStatus"] = "CONFIRMED"
    event["response"]["userAttributes"] = {"email": email, "email_verified": "true"}
    event["response"]["messageAction"] = "SUPPRESS"
    return event


def events(cognito_idp: Any) -> List[Dict[str, Any]]:
    return [c.event for c in cognito_idp.trigger_calls if c.trigger == "UserMigration"]


def sign_in(client: Any, app: Any, password: str = "old-pw", **kwargs: Any) -> Any:
    return client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "jane", "PASSWORD": password},
        **kwargs,
    )


def test_sign_in_migrates_an_unknown_user(cognito_idp, client, cognito_app_client):
    pool = cognito_app_client.pool
    pool.set_trigger("UserMigration", migrate)

    result = sign_in(client, cognito_app_client, ClientMetadata={"app": "web"})

    assert "AccessToken" in result["AuthenticationResult"]
    (event,) = events(cognito_idp)
    assert event["triggerSource"] == "UserMigration_Authentication"
    assert event["userName"] == "jane"
    assert event["request"] == {"password": "old-pw", "validationData": {"app": "web"}}
    user = pool.user("jane")
    assert user.status == "CONFIRMED"
    assert user.attributes["email"] == "jane@example.com"
    assert len(cognito_idp.outbox) == 0  # SUPPRESS
    # Next time the user is known: the trigger is not asked again.
    sign_in(client, cognito_app_client)
    assert len(events(cognito_idp)) == 1


def test_a_refused_migration_creates_nobody(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("UserMigration", migrate)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        sign_in(client, cognito_app_client, password="wrong")

    assert error_of(excinfo)[1] == "UserMigration failed with error Bad password."
    assert cognito_app_client.pool.users == []


def test_reset_required_makes_the_user_reset(client, cognito_app_client):
    def reset(event, context):
        event["response"]["userAttributes"] = {"email": "jane@example.com"}
        event["response"]["finalUserStatus"] = "RESET_REQUIRED"
        event["response"]["messageAction"] = "SUPPRESS"
        return event

    cognito_app_client.pool.set_trigger("UserMigration", reset)

    with pytest.raises(client.exceptions.PasswordResetRequiredException):
        sign_in(client, cognito_app_client)

    assert cognito_app_client.pool.user("jane").status == "RESET_REQUIRED"


def test_without_suppress_the_welcome_message_goes_out(cognito_idp, client, cognito_app_client):
    def welcome(event, context):
        event["response"]["userAttributes"] = {"email": "jane@example.com"}
        event["response"]["desiredDeliveryMediums"] = ["EMAIL"]
        return event

    cognito_app_client.pool.set_trigger("UserMigration", welcome)

    sign_in(client, cognito_app_client)

    message = cognito_idp.outbox.last()
    assert message.kind == "AdminCreateUser"
    assert message.destination == "jane@example.com"


@pytest.mark.parametrize(
    "response",
    [
        {"finalUserStatus": "CONFIRMED"},  # userAttributes is required
        {"userAttributes": {}, "finalUserStatus": "UNCONFIRMED"},
        {"userAttributes": {}, "messageAction": "RESEND"},
        {"userAttributes": {}, "desiredDeliveryMediums": ["PIGEON"]},
    ],
)
def test_an_unusable_answer_is_refused(client, cognito_app_client, response):
    def answer(event, context):
        event["response"].update(response)
        return event

    cognito_app_client.pool.set_trigger("UserMigration", answer)

    with pytest.raises(client.exceptions.InvalidLambdaResponseException) as excinfo:
        sign_in(client, cognito_app_client)

    assert error_of(excinfo)[1] == "Unrecognizable lambda output"
    assert cognito_app_client.pool.users == []


def test_srp_never_migrates(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("UserMigration", migrate)

    with pytest.raises(client.exceptions.UserNotFoundException):
        client.initiate_auth(
            ClientId=cognito_app_client.id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "jane", "SRP_A": "abc123"},
        )

    assert events(cognito_idp) == []


def test_forgot_password_migrates_and_sends_the_code(cognito_idp, client, cognito_app_client):
    pool = cognito_app_client.pool
    pool.set_trigger("UserMigration", migrate)

    answer = client.forgot_password(
        ClientId=cognito_app_client.id, Username="jane", ClientMetadata={"from": "reset"}
    )

    assert answer["CodeDeliveryDetails"]["Destination"] == "j***@e***"
    (event,) = events(cognito_idp)
    assert event["triggerSource"] == "UserMigration_ForgotPassword"
    assert event["request"] == {"clientMetadata": {"from": "reset"}}
    assert pool.user("jane").status == "RESET_REQUIRED"
    client.confirm_forgot_password(
        ClientId=cognito_app_client.id,
        Username="jane",
        ConfirmationCode=cognito_idp.outbox.last().code,
        Password="N3w-passw0rd",
    )
    sign_in(client, cognito_app_client, password="N3w-passw0rd")
