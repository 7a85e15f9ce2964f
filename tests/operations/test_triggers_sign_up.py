"""PreSignUp, PostConfirmation and CustomMessage at their moments, through boto3."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from tests.conftest import error_of

PASSWORD = "Passw0rd!"

pytestmark = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])


def sign_up(client: Any, app: Any, username: str = "jane", **kwargs: Any) -> Dict[str, Any]:
    return client.sign_up(  # type: ignore[no-any-return]
        ClientId=app.id,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
        **kwargs,
    )


def responding(**response: Any) -> Any:
    def handler(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        event["response"].update(response)
        return event

    return handler


def events(cognito_idp: Any, trigger: str) -> List[Dict[str, Any]]:
    return [c.event for c in cognito_idp.trigger_calls if c.trigger == trigger]


# -- PreSignUp -----------------------------------------------------------------------------------


def test_pre_sign_up_sees_the_attributes_and_both_maps(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("PreSignUp", responding())

    sign_up(
        client,
        cognito_app_client,
        ValidationData=[{"Name": "captcha", "Value": "ok"}],
        ClientMetadata={"source": "web"},
    )

    (event,) = events(cognito_idp, "PreSignUp")
    assert event["triggerSource"] == "PreSignUp_SignUp"
    assert event["request"] == {
        "userAttributes": {"email": "jane@example.com"},
        "validationData": {"captcha": "ok"},
        "clientMetadata": {"source": "web"},
    }


def test_without_a_decision_the_user_waits_for_the_code(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("PreSignUp", responding())

    answer = sign_up(client, cognito_app_client)

    assert answer["UserConfirmed"] is False
    assert answer["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert cognito_app_client.pool.user("jane").status == "UNCONFIRMED"


def test_auto_confirm_and_auto_verify(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger(
        "PreSignUp", responding(autoConfirmUser=True, autoVerifyEmail=True)
    )

    answer = sign_up(client, cognito_app_client)

    assert answer["UserConfirmed"] is True
    assert "CodeDeliveryDetails" not in answer
    user = cognito_app_client.pool.user("jane")
    assert user.status == "CONFIRMED"
    assert user.attributes["email_verified"] == "true"
    assert len(cognito_idp.outbox) == 0
    client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "jane", "PASSWORD": PASSWORD},
    )


@pytest.mark.cognito_pool(AliasAttributes=["email"])
def test_auto_verify_moves_an_email_alias_to_the_new_user(client, cognito_pool):
    app = cognito_pool.create_client("app")
    old = cognito_pool.create_user(
        "old", attributes={"email": "jane@example.com", "email_verified": "true"}
    )
    cognito_pool.set_trigger("PreSignUp", responding(autoConfirmUser=True, autoVerifyEmail=True))

    sign_up(client, app)

    assert old.attributes["email_verified"] == "false"
    assert cognito_pool.user("jane").attributes["email_verified"] == "true"


def test_auto_verify_needs_auto_confirm(client, cognito_app_client):
    cognito_app_client.pool.set_trigger("PreSignUp", responding(autoVerifyEmail=True))

    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        sign_up(client, cognito_app_client)

    assert error_of(excinfo)[1] == (
        "Phone or email cannot be auto verified, when user is not being auto confirmed."
    )
    assert cognito_app_client.pool.users == []


def test_auto_verify_needs_the_attribute(client, cognito_app_client):
    cognito_app_client.pool.set_trigger(
        "PreSignUp", responding(autoConfirmUser=True, autoVerifyPhone=True)
    )

    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        sign_up(client, cognito_app_client)

    assert "phone_number" in error_of(excinfo)[1]
    assert cognito_app_client.pool.users == []


def test_a_refusal_creates_no_user(cognito_idp, client, cognito_app_client):
    def refuse(event, context):
        raise Exception("Registration from this domain is not allowed.")

    cognito_app_client.pool.set_trigger("PreSignUp", refuse)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        sign_up(client, cognito_app_client)

    assert error_of(excinfo)[1] == (
        "PreSignUp failed with error Registration from this domain is not allowed.."
    )
    assert cognito_app_client.pool.users == []
    assert len(cognito_idp.outbox) == 0


@pytest.mark.cognito_pool(UsernameAttributes=["email"])
def test_email_as_username_pools_show_the_email(cognito_idp, client, cognito_pool):
    app = cognito_pool.create_client("app")
    cognito_pool.set_trigger("PreSignUp", responding())

    client.sign_up(ClientId=app.id, Username="sam@example.com", Password=PASSWORD)

    (event,) = events(cognito_idp, "PreSignUp")
    assert event["request"]["userAttributes"] == {"email": "sam@example.com"}


def test_admin_create_user_runs_pre_sign_up_but_ignores_its_flags(
    cognito_idp, client, cognito_pool
):
    cognito_pool.set_trigger("PreSignUp", responding(autoConfirmUser=True, autoVerifyEmail=True))

    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
        ValidationData=[{"Name": "invited", "Value": "yes"}],
        ClientMetadata={"by": "admin"},
        MessageAction="SUPPRESS",
    )

    (event,) = events(cognito_idp, "PreSignUp")
    assert event["triggerSource"] == "PreSignUp_AdminCreateUser"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert event["request"] == {
        "userAttributes": {"email": "jane@example.com"},
        "validationData": {"invited": "yes"},
        "clientMetadata": {"by": "admin"},
    }
    user = cognito_pool.user("jane")
    assert user.status == "FORCE_CHANGE_PASSWORD"
    assert "email_verified" not in user.attributes


def test_admin_create_user_refused_by_pre_sign_up(client, cognito_pool):
    def refuse(event, context):
        raise ValueError("Not invited")

    cognito_pool.set_trigger("PreSignUp", refuse)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="jane", MessageAction="SUPPRESS"
        )

    assert error_of(excinfo)[1] == "PreSignUp failed with error Not invited."
    assert cognito_pool.users == []


# -- PostConfirmation ----------------------------------------------------------------------------


def test_confirm_sign_up_runs_post_confirmation(cognito_idp, client, cognito_app_client):
    pool = cognito_app_client.pool
    pool.set_trigger("PostConfirmation", responding())
    sign_up(client, cognito_app_client)
    code = cognito_idp.outbox.last().code

    client.confirm_sign_up(
        ClientId=cognito_app_client.id,
        Username="jane",
        ConfirmationCode=code,
        ClientMetadata={"step": "confirm"},
    )

    (event,) = events(cognito_idp, "PostConfirmation")
    user = pool.user("jane")
    assert event["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert event["userName"] == "jane"
    assert event["callerContext"]["clientId"] == cognito_app_client.id
    assert event["request"] == {
        "userAttributes": {
            "sub": user.sub,
            "email": "jane@example.com",
            "email_verified": "true",
            "cognito:user_status": "CONFIRMED",
        },
        "clientMetadata": {"step": "confirm"},
    }
    assert event["response"] == {}


def test_a_wrong_code_runs_no_post_confirmation(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("PostConfirmation", responding())
    sign_up(client, cognito_app_client)
    wrong = "000000" if cognito_idp.outbox.last().code != "000000" else "111111"

    with pytest.raises(client.exceptions.CodeMismatchException):
        client.confirm_sign_up(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=wrong
        )

    assert events(cognito_idp, "PostConfirmation") == []


def test_a_failing_post_confirmation_leaves_the_user_confirmed(
    cognito_idp, client, cognito_app_client
):
    def fail(event, context):
        raise RuntimeError("table not found")

    pool = cognito_app_client.pool
    pool.set_trigger("PostConfirmation", fail)
    sign_up(client, cognito_app_client)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        client.confirm_sign_up(
            ClientId=cognito_app_client.id,
            Username="jane",
            ConfirmationCode=cognito_idp.outbox.last().code,
        )

    assert error_of(excinfo)[1] == "PostConfirmation failed with error table not found."
    assert pool.user("jane").status == "CONFIRMED"  # as observed on AWS


def test_admin_confirm_sign_up_runs_post_confirmation(cognito_idp, client, cognito_pool):
    cognito_pool.create_user("jane", status="UNCONFIRMED")
    cognito_pool.set_trigger("PostConfirmation", responding())

    client.admin_confirm_sign_up(UserPoolId=cognito_pool.id, Username="jane")

    (event,) = events(cognito_idp, "PostConfirmation")
    assert event["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"


def test_auto_confirmed_users_get_post_confirmation_at_sign_up(
    cognito_idp, client, cognito_app_client
):
    pool = cognito_app_client.pool
    pool.set_trigger("PreSignUp", responding(autoConfirmUser=True))
    pool.set_trigger("PostConfirmation", responding())

    sign_up(client, cognito_app_client, ClientMetadata={"a": "b"})

    assert [c.trigger_source for c in cognito_idp.trigger_calls] == [
        "PreSignUp_SignUp",
        "PostConfirmation_ConfirmSignUp",
    ]
    assert events(cognito_idp, "PostConfirmation")[0]["request"]["clientMetadata"] == {"a": "b"}


def test_confirm_forgot_password_runs_post_confirmation(cognito_idp, client, cognito_pool):
    app = cognito_pool.create_client("app")
    cognito_pool.create_user(
        "jane", attributes={"email": "jane@example.com", "email_verified": "true"}
    )
    cognito_pool.set_trigger("PostConfirmation", responding())
    client.forgot_password(ClientId=app.id, Username="jane")

    client.confirm_forgot_password(
        ClientId=app.id,
        Username="jane",
        ConfirmationCode=cognito_idp.outbox.last().code,
        Password="N3w-passw0rd",
    )

    (event,) = events(cognito_idp, "PostConfirmation")
    assert event["triggerSource"] == "PostConfirmation_ConfirmForgotPassword"
    assert event["request"]["userAttributes"]["email"] == "jane@example.com"


# -- CustomMessage -------------------------------------------------------------------------------


def custom(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    source = event["triggerSource"]
    code = event["request"]["codeParameter"]
    username = event["request"]["usernameParameter"]
    event["response"]["emailSubject"] = f"[{source}]"
    event["response"]["emailMessage"] = f"Hello {username or ''}: {code}"
    event["response"]["smsMessage"] = f"SMS {code}"
    return event


def test_sign_up_message_takes_the_trigger_text(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("CustomMessage", custom)

    sign_up(client, cognito_app_client, ClientMetadata={"lang": "fr"})

    message = cognito_idp.outbox.last()
    assert message.subject == "[CustomMessage_SignUp]"
    assert message.body == f"Hello : {message.code}"
    (event,) = events(cognito_idp, "CustomMessage")
    assert event["request"] == {
        "userAttributes": {
            "sub": cognito_app_client.pool.user("jane").sub,
            "email": "jane@example.com",
            "cognito:user_status": "UNCONFIRMED",
        },
        "codeParameter": "{####}",
        "linkParameter": "{##Click Here##}",
        "usernameParameter": None,
        "clientMetadata": {"lang": "fr"},
    }
    assert event["response"] == {"smsMessage": None, "emailMessage": None, "emailSubject": None}


def test_resend_and_forgot_password_have_their_sources(cognito_idp, client, cognito_app_client):
    pool = cognito_app_client.pool
    pool.set_trigger("CustomMessage", custom)
    sign_up(client, cognito_app_client)
    client.resend_confirmation_code(ClientId=cognito_app_client.id, Username="jane")
    assert cognito_idp.outbox.last().subject == "[CustomMessage_ResendCode]"
    client.confirm_sign_up(
        ClientId=cognito_app_client.id,
        Username="jane",
        ConfirmationCode=cognito_idp.outbox.last().code,
    )

    client.forgot_password(ClientId=cognito_app_client.id, Username="jane")

    message = cognito_idp.outbox.last()
    assert message.subject == "[CustomMessage_ForgotPassword]"
    assert message.body == f"Hello : {message.code}"


def test_invitations_carry_the_username(cognito_idp, client, cognito_pool):
    cognito_pool.set_trigger("CustomMessage", custom)

    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        TemporaryPassword="Temp0rary!",
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )

    message = cognito_idp.outbox.last()
    assert message.subject == "[CustomMessage_AdminCreateUser]"
    assert message.body == "Hello jane: Temp0rary!"
    (event,) = events(cognito_idp, "CustomMessage")
    assert event["request"]["usernameParameter"] == "{username}"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"


def test_a_text_without_the_placeholders_is_not_used(cognito_idp, client, cognito_pool):
    cognito_pool.set_trigger(
        "CustomMessage", responding(emailMessage="Welcome aboard", emailSubject="Welcome")
    )

    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        TemporaryPassword="Temp0rary!",
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )

    message = cognito_idp.outbox.last()
    assert message.subject == "Welcome"  # the subject applies, the body falls back
    assert message.body == "Your username is jane and temporary password is Temp0rary!. "


def test_an_invitation_text_needs_the_username_placeholder(cognito_idp, client, cognito_pool):
    cognito_pool.set_trigger("CustomMessage", responding(emailMessage="Password: {####}"))

    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        TemporaryPassword="Temp0rary!",
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )

    assert cognito_idp.outbox.last().body.startswith("Your username is jane")


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["phone_number"])
def test_sms_messages_take_the_sms_text(cognito_idp, client, cognito_pool):
    app = cognito_pool.create_client("app")
    cognito_pool.set_trigger("CustomMessage", custom)

    client.sign_up(
        ClientId=app.id,
        Username="jane",
        Password=PASSWORD,
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550100"}],
    )

    message = cognito_idp.outbox.last()
    assert message.medium == "SMS"
    assert message.subject is None
    assert message.body == f"SMS {message.code}"


def test_a_failing_custom_message_fails_the_call(cognito_idp, client, cognito_app_client):
    def fail(event, context):
        raise RuntimeError("template missing")

    cognito_app_client.pool.set_trigger("CustomMessage", fail)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        sign_up(client, cognito_app_client)

    assert error_of(excinfo)[1] == "CustomMessage failed with error template missing."
    assert len(cognito_idp.outbox) == 0
