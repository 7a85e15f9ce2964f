"""The trigger mechanism through boto3: registration, the event envelope, the Lambda context,
isolation, failures and the record of invocations (PreSignUp serves as the example trigger)."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from tests.conftest import error_of

PASSWORD = "Passw0rd!"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"


def sign_up(client: Any, app: Any, username: str = "jane") -> Dict[str, Any]:
    return client.sign_up(  # type: ignore[no-any-return]
        ClientId=app.id,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )


def test_set_trigger_puts_a_generated_arn_in_lambda_config(client, cognito_pool):
    arn = cognito_pool.set_trigger("PreSignUp", lambda event, context: event)

    config = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]["LambdaConfig"]
    assert config == {"PreSignUp": arn}
    assert arn == f"arn:aws:lambda:us-east-1:123456789012:function:{cognito_pool.id}-PreSignUp"


def test_the_decorator_returns_the_function_and_registers_it(cognito_idp, cognito_pool):
    @cognito_pool.trigger("PostConfirmation")
    def handler(event, context):
        return event

    assert handler(1, 2) == 1
    arn = cognito_pool.describe()["LambdaConfig"]["PostConfirmation"]
    assert arn.endswith(f":function:{cognito_pool.id}-PostConfirmation")


def test_pre_token_generation_version_goes_into_its_config(cognito_pool):
    arn = cognito_pool.set_trigger("PreTokenGeneration", lambda e, c: e, lambda_version="V2_0")

    config = cognito_pool.describe()["LambdaConfig"]
    assert config["PreTokenGeneration"] == arn
    assert config["PreTokenGenerationConfig"] == {"LambdaVersion": "V2_0", "LambdaArn": arn}


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("PreSignup", {}, "'PreSignup' is not a trigger"),
        ("PreSignUp", {"lambda_version": "V2_0"}, "only the PreTokenGeneration trigger"),
        ("PreTokenGeneration", {"lambda_version": "V9"}, "lambda_version must be one of"),
    ],
)
def test_set_trigger_refuses_what_lambda_config_cannot_hold(cognito_pool, name, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cognito_pool.set_trigger(name, lambda e, c: e, **kwargs)
    assert cognito_pool.describe()["LambdaConfig"] == {}


def test_register_lambda_runs_the_function_lambda_config_names(
    cognito_idp, client, cognito_app_client
):
    seen: List[str] = []
    cognito_idp.register_lambda(
        ARN, lambda event, context: seen.append(context.function_name) or event
    )
    client.update_user_pool(UserPoolId=cognito_app_client.pool.id, LambdaConfig={"PreSignUp": ARN})

    sign_up(client, cognito_app_client)

    assert seen == ["pre-sign-up"]


@pytest.mark.parametrize(
    "arn",
    [
        "pre-sign-up",
        "arn:aws:lambda:us-east-1:123:function:short-account",
        "arn:aws:sns:us-east-1:123456789012:topic",
        "arn:aws:lambda:us-east-1:123456789012:function:",
    ],
)
def test_register_lambda_refuses_what_is_not_a_function_arn(cognito_idp, arn):
    with pytest.raises(ValueError, match="is not a Lambda function ARN"):
        cognito_idp.register_lambda(arn, lambda e, c: e)


def test_register_lambda_refuses_what_is_not_callable(cognito_idp):
    with pytest.raises(TypeError, match=r"fn\(event, context\)"):
        cognito_idp.register_lambda(ARN, "handler")


def test_an_arn_without_a_function_fails_and_says_how_to_register_one(
    cognito_idp, client, cognito_app_client
):
    pool = cognito_app_client.pool
    client.update_user_pool(UserPoolId=pool.id, LambdaConfig={"PreSignUp": ARN})

    with pytest.raises(client.exceptions.UnexpectedLambdaException) as excinfo:
        sign_up(client, cognito_app_client)

    code, message = error_of(excinfo)
    assert code == "UnexpectedLambdaException"
    assert message == (
        "PreSignUp invocation failed due to error ResourceNotFoundException. "
        f"(pytest-cognito-idp: no function is registered for {ARN}; register one with "
        f"cognito_idp.register_lambda({ARN!r}, fn) or pool.set_trigger('PreSignUp', fn).)"
    )
    assert pool.users == []


def test_the_event_envelope_and_the_context(cognito_idp, client, cognito_app_client):
    pool = cognito_app_client.pool
    got: Dict[str, Any] = {}

    @pool.trigger("PreSignUp")
    def handler(event, context):
        got["event"] = event
        got["context"] = context
        got["remaining"] = context.get_remaining_time_in_millis()
        return event

    sign_up(client, cognito_app_client)

    event = got["event"]
    assert event == {
        "version": "1",
        "triggerSource": "PreSignUp_SignUp",
        "region": "us-east-1",
        "userPoolId": pool.id,
        "userName": "jane",
        "callerContext": {
            "awsSdkVersion": "aws-sdk-unknown-unknown",
            "clientId": cognito_app_client.id,
        },
        "request": {"userAttributes": {"email": "jane@example.com"}},
        "response": {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False},
    }
    context = got["context"]
    assert context.function_name == f"{pool.id}-PreSignUp"
    assert context.function_version == "$LATEST"
    assert context.invoked_function_arn == pool.describe()["LambdaConfig"]["PreSignUp"]
    assert context.memory_limit_in_mb == "128"
    assert len(context.aws_request_id) == 36
    assert context.log_group_name == f"/aws/lambda/{pool.id}-PreSignUp"
    assert "[$LATEST]" in context.log_stream_name
    assert 0 < got["remaining"] <= 5000


def test_a_qualified_arn_gives_the_context_its_version(cognito_idp, client, cognito_app_client):
    versions: List[str] = []
    cognito_idp.register_lambda(
        ARN + ":7", lambda event, context: versions.append(context.function_version) or event
    )
    client.update_user_pool(
        UserPoolId=cognito_app_client.pool.id, LambdaConfig={"PreSignUp": ARN + ":7"}
    )

    sign_up(client, cognito_app_client)

    assert versions == ["7"]


def test_the_function_cannot_change_the_fake_through_the_event(
    cognito_idp, client, cognito_app_client
):
    pool = cognito_app_client.pool
    kept: List[Dict[str, Any]] = []

    @pool.trigger("PostConfirmation")
    def handler(event, context):
        event["request"]["userAttributes"]["email"] = "mallory@example.com"
        kept.append(event)
        return event

    user = pool.create_user("jane", attributes={"email": "jane@example.com"}, status="UNCONFIRMED")
    client.admin_confirm_sign_up(UserPoolId=pool.id, Username="jane")
    kept[0]["request"]["userAttributes"]["email"] = "eve@example.com"

    assert user.attributes["email"] == "jane@example.com"
    assert cognito_idp.trigger_calls[0].event["request"]["userAttributes"]["email"] == (
        "jane@example.com"
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            ValueError("Registration from this domain is not allowed."),
            "PreSignUp failed with error Registration from this domain is not allowed..",
        ),
        (RuntimeError("Invalid Credentials"), "PreSignUp failed with error Invalid Credentials."),
        (KeyError("email"), "PreSignUp failed with error email."),
        (Exception(), "PreSignUp failed with error ."),
    ],
)
def test_an_exception_is_a_user_lambda_validation_exception(
    cognito_idp, client, cognito_app_client, error, message
):
    def handler(event, context):
        raise error

    cognito_app_client.pool.set_trigger("PreSignUp", handler)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        sign_up(client, cognito_app_client)

    assert error_of(excinfo) == ("UserLambdaValidationException", message)
    assert cognito_app_client.pool.users == []
    call = cognito_idp.trigger_calls[-1]
    assert call.error is error
    assert call.response is None


@pytest.mark.parametrize(
    ("returned", "code", "message"),
    [
        (None, "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
        ("ok", "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
        ([], "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
        ({"response": "yes"}, "InvalidLambdaResponseException", "Unrecognizable lambda output"),
        (
            {"response": {"autoConfirmUser": "maybe"}},
            "InvalidLambdaResponseException",
            "Unrecognizable lambda output",
        ),
        (
            {"response": {"autoConfirmUser": {1, 2}}},
            "UserLambdaValidationException",
            "PreSignUp failed with error Unable to marshal response: "
            "Object of type set is not JSON serializable.",
        ),
    ],
)
def test_what_the_function_returns_is_checked(
    cognito_idp, client, cognito_app_client, returned, code, message
):
    cognito_app_client.pool.set_trigger("PreSignUp", lambda event, context: returned)

    with pytest.raises(client.exceptions.ClientError) as excinfo:
        sign_up(client, cognito_app_client)

    assert error_of(excinfo) == (code, message)
    assert cognito_app_client.pool.users == []


def test_an_event_without_a_response_counts_as_an_empty_one(client, cognito_app_client):
    cognito_app_client.pool.set_trigger("PreSignUp", lambda event, context: {"version": "1"})

    answer = sign_up(client, cognito_app_client)

    assert answer["UserConfirmed"] is False


def test_booleans_may_come_back_as_strings(client, cognito_app_client):
    def handler(event, context):
        event["response"]["autoConfirmUser"] = "true"
        return event

    cognito_app_client.pool.set_trigger("PreSignUp", handler)

    assert sign_up(client, cognito_app_client)["UserConfirmed"] is True


def test_every_invocation_is_recorded(cognito_idp, client, cognito_app_client):
    def handler(event, context):
        event["response"]["autoConfirmUser"] = True
        return event

    arn = cognito_app_client.pool.set_trigger("PreSignUp", handler)

    sign_up(client, cognito_app_client, "jane")
    sign_up(client, cognito_app_client, "sam")

    calls = cognito_idp.trigger_calls
    assert [(c.trigger, c.trigger_source, c.event["userName"]) for c in calls] == [
        ("PreSignUp", "PreSignUp_SignUp", "jane"),
        ("PreSignUp", "PreSignUp_SignUp", "sam"),
    ]
    assert calls[0].arn == arn
    assert calls[0].pool_id == cognito_app_client.pool.id
    assert calls[0].event["response"]["autoConfirmUser"] is False
    assert calls[0].response["response"]["autoConfirmUser"] is True
    assert calls[0].error is None


def test_a_trigger_may_call_the_fake(cognito_idp, client, cognito_app_client):
    pool = cognito_app_client.pool
    pool.create_group("members")

    @pool.trigger("PostConfirmation")
    def add_to_group(event, context):
        client.admin_add_user_to_group(
            UserPoolId=event["userPoolId"], Username=event["userName"], GroupName="members"
        )
        return event

    pool.create_user("jane", attributes={"email": "jane@example.com"}, status="UNCONFIRMED")
    client.admin_confirm_sign_up(UserPoolId=pool.id, Username="jane")

    assert pool.user("jane").groups == ["members"]
