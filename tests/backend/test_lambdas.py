"""The trigger mechanism's pieces: the Lambda context, reading responses, the user's attributes."""

from __future__ import annotations

import pytest

from pytest_cognito_idp.backend import lambdas
from pytest_cognito_idp.errors import InvalidLambdaResponseException

ARN = "arn:aws:lambda:eu-west-1:123456789012:function:my-fn"


def test_context_of_an_unqualified_arn():
    context = lambdas.LambdaContext(ARN)

    assert context.function_name == "my-fn"
    assert context.function_version == "$LATEST"
    assert context.invoked_function_arn == ARN
    assert context.log_group_name == "/aws/lambda/my-fn"
    assert context.identity is None
    assert context.client_context is None
    assert 4000 < context.get_remaining_time_in_millis() <= 5000
    assert "my-fn" in repr(context)


def test_context_of_an_alias():
    assert lambdas.LambdaContext(ARN + ":live").function_version == "live"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), (True, True), (False, False), ("true", True), ("FALSE", False)],
)
def test_flag_reads_booleans_as_jackson_does(value, expected):
    assert lambdas.flag({"f": value}, "f") is expected


@pytest.mark.parametrize("value", ["yes", 1, [], {}])
def test_flag_refuses_anything_else(value):
    with pytest.raises(InvalidLambdaResponseException, match="Unrecognizable lambda output"):
        lambdas.flag({"f": value}, "f")


def test_text_coerces_scalars_and_refuses_structures():
    assert lambdas.text({"t": 3}, "t") == "3"
    assert lambdas.text({"t": True}, "t") == "true"
    assert lambdas.text({}, "t") is None
    with pytest.raises(InvalidLambdaResponseException):
        lambdas.text({"t": {"a": 1}}, "t")


def test_maps_and_lists_of_strings():
    assert lambdas.string_map({"m": {"a": 1, "b": "x", "c": None}}, "m") == {"a": "1", "b": "x"}
    assert lambdas.string_list({"l": ["a", 2]}, "l") == ["a", "2"]
    with pytest.raises(InvalidLambdaResponseException):
        lambdas.string_map({"m": ["a"]}, "m")
    with pytest.raises(InvalidLambdaResponseException):
        lambdas.string_list({"l": "a"}, "l")


@pytest.mark.cognito_pool(AliasAttributes=["email", "phone_number"])
def test_user_attributes_carry_the_alias_markers(cognito_pool):
    user = cognito_pool.create_user(
        "jane",
        attributes={
            "email": "jane@example.com",
            "email_verified": "true",
            "phone_number": "+15555550100",
        },
    )

    assert lambdas.user_attributes(cognito_pool._state, user._state) == {
        "sub": user.sub,
        "email": "jane@example.com",
        "email_verified": "true",
        "phone_number": "+15555550100",
        "cognito:user_status": "CONFIRMED",
        "cognito:email_alias": "jane@example.com",
    }
