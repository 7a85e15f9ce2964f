"""Server-side validation from the service model, in the service's words."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import given, settings

from pytest_cognito_idp._model import validate
from pytest_cognito_idp._model.acceptance import operation_accept
from pytest_cognito_idp._model.patterns import compile_pattern
from pytest_cognito_idp._model.service import member_path, operation_model, service_model
from pytest_cognito_idp._model.wording import problems
from pytest_cognito_idp.errors import InvalidParameterException
from tests.conftest import error_of
from tests.test_any_input import _structure


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("UserPoolId", "userPoolId"),
        ("MaxResults", "maxResults"),
        ("MFAOptions", "mfaOptions"),
        ("CallbackURLs", "callbackURLs"),
        ("SMSMfaSettings", "smsMfaSettings"),
        ("CSVHeader", "csvHeader"),
    ],
)
def test_member_paths_are_lower_camel_case(name: str, path: str) -> None:
    assert member_path(name) == path


def test_one_violation_message(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.describe_user_pool(UserPoolId="YOUR_USER_POOL_ID!")
    assert error_of(excinfo)[1] == (
        "1 validation error detected: Value 'YOUR_USER_POOL_ID!' at 'userPoolId' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"
    )


def test_several_violations_are_counted_and_joined() -> None:
    with pytest.raises(InvalidParameterException) as excinfo:
        validate("ListUserImportJobs", {"UserPoolId": "bad", "MaxResults": 61})
    message = excinfo.value.message
    assert message.startswith("2 validation errors detected: ")
    assert message.count("; ") == 1
    assert "Value 'bad' at 'userPoolId'" in message
    assert "Value '61' at 'maxResults'" in message


def test_sensitive_values_are_not_echoed() -> None:
    found = problems("SignUp", {"ClientId": "abc", "Username": "a" * 129, "Password": "with space"})
    assert (
        "Value at 'username' failed to satisfy constraint: "
        "Member must have length less than or equal to 128" in found
    )
    assert (
        "Value at 'password' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: [\\S]+" in found
    )
    assert not any("with space" in p for p in found)


def test_enums_nested_lists_and_maps() -> None:
    found = problems(
        "CreateUserPool",
        {
            "PoolName": "p",
            "MfaConfiguration": "SOMETIMES",
            "Schema": [{"Name": "ok"}, {"Name": "x" * 21}],
            "UserPoolTags": {"k": "v" * 257},
        },
    )
    assert (
        "Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: "
        "Member must satisfy enum value set: [OFF, ON, OPTIONAL]" in found
    )
    assert any(p.startswith(f"Value '{'x' * 21}' at 'schema.2.member.name'") for p in found)
    assert any("at 'userPoolTags.k'" in p and "less than or equal to 256" in p for p in found)


def test_a_list_of_strings_fails_whole_naming_every_member_constraint() -> None:
    # observed: aws-cli#2941 (callbackURLs), aws-cloudformation-user-guide#525 (explicitAuthFlows)
    found = problems(
        "CreateUserPoolClient",
        {"UserPoolId": "us-east-1_abc", "ClientName": "c", "CallbackURLs": ["https://a", "b c"]},
    )
    assert found == [
        "Value '[https://a, b c]' at 'callbackURLs' failed to satisfy constraint: Member must "
        "satisfy constraint: [Member must have length less than or equal to 1024, Member must "
        "have length greater than or equal to 1, Member must satisfy regular expression pattern: "
        "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+]"
    ]
    found = problems("CreateUserPool", {"PoolName": "p", "AutoVerifiedAttributes": ["nope"]})
    assert found == [
        "Value '[nope]' at 'autoVerifiedAttributes' failed to satisfy constraint: Member must "
        "satisfy constraint: [Member must satisfy enum value set: [phone_number, email]]"
    ]


def test_unicode_property_patterns_are_supported() -> None:
    assert (
        problems(
            "SignUp",
            {"ClientId": "abc", "Username": "jöhn.doe@exämple.com", "Password": "Passw0rd!"},
        )
        == []
    )
    assert problems("SignUp", {"ClientId": "abc", "Username": "john doe", "Password": "Passw0rd!"})


def test_missing_required_member_is_reported_like_the_service() -> None:
    assert problems("DescribeUserPool", {}) == [
        "Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"
    ]


def test_wrong_types_are_refused_not_crashed_on() -> None:
    found = problems("ListUserPools", {"MaxResults": "ten"})
    assert found == [
        "Value 'ten' at 'maxResults' failed to satisfy constraint: Member must be of type integer"
    ]


def test_validation_runs_before_lookup(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.describe_user_pool(UserPoolId="us-east-1_" + "a" * 50)


def _unicode_patterns() -> list[str]:
    model = service_model()
    found = {model.shape_for(name).metadata.get("pattern") for name in model.shape_names}
    return sorted(p for p in found if p and "\\p{" in p)


@pytest.mark.parametrize("pattern", _unicode_patterns())
def test_ascii_values_match_unicode_patterns_as_the_regex_module_does(pattern: str) -> None:
    # ASCII values take a faster `re` translation of the pattern; it must agree with `regex`.
    ours, theirs = compile_pattern(pattern), regex.compile(pattern).fullmatch
    ascii_chars = [chr(c) for c in range(128)]
    samples = [*ascii_chars, *(a + b for a in ascii_chars for b in ascii_chars)]
    samples += ["", "{####}", "a {####} b", "x{##y##}z", "jane@example.com", "a_b c"]
    assert [v for v in samples if bool(ours(v)) != bool(theirs(v))] == []
    assert bool(ours("žofie")) == bool(theirs("žofie"))


@pytest.mark.parametrize(
    "operation",
    ["AdminCreateUser", "CreateUserPool", "CreateUserPoolClient", "SignUp", "ListUsers"],
)
def test_the_quick_acceptance_never_passes_what_the_full_check_rejects(operation: str) -> None:
    # validate() answers "valid" from a one-pass predicate, remembering values its patterns
    # accepted; whatever it passes, the full check must find nothing wrong with.
    shape = operation_model(operation).input_shape

    @settings(max_examples=60, deadline=None, database=None)
    @given(params=_structure(shape, 0, None))
    def run(params: dict[str, Any]) -> None:
        for _ in range(2):  # the second time through, remembered values take the shortcut
            if operation_accept(operation)(params):
                assert problems(operation, params) == []

    run()


def test_a_struct_member_string_is_still_checked_on_the_shortcut() -> None:
    good = {"UserPoolId": "us-east-1_abcdefghi", "Username": "ann", "MessageAction": "SUPPRESS"}
    validate("AdminCreateUser", good)  # now remembered
    for bad in (
        {"MessageAction": "SHOUT"},
        {"UserAttributes": [{"Name": "email", "Value": "x" * 2049}]},
        {"UserPoolId": "us-east-1_abcdefghi!"},
    ):
        with pytest.raises(InvalidParameterException):
            validate("AdminCreateUser", {**good, **bad})
