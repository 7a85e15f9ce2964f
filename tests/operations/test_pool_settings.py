"""Custom attributes, MFA configuration and tags through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import UserPool
from tests.conftest import error_of


def _schema(client: Any, pool: UserPool) -> dict[str, dict[str, Any]]:
    described = client.describe_user_pool(UserPoolId=pool.id)["UserPool"]
    return {a["Name"]: a for a in described["SchemaAttributes"]}


# -- AddCustomAttributes -------------------------------------------------------------------------


def test_add_custom_attributes(client: Any, cognito_pool: UserPool) -> None:
    client.add_custom_attributes(
        UserPoolId=cognito_pool.id,
        CustomAttributes=[
            {
                "Name": "tier",
                "AttributeDataType": "String",
                "Mutable": True,
                "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "20"},
            },
            {"Name": "age", "AttributeDataType": "Number", "Mutable": False},
            {"Name": "email", "AttributeDataType": "String"},  # custom:email, not the standard one
        ],
    )

    schema = _schema(client, cognito_pool)
    assert schema["custom:tier"]["StringAttributeConstraints"] == {
        "MinLength": "1",
        "MaxLength": "20",
    }
    assert schema["custom:age"]["AttributeDataType"] == "Number"
    assert schema["custom:age"]["Mutable"] is False
    assert "custom:email" in schema
    assert "email" in schema


def test_duplicate_custom_attributes_are_refused(client: Any, cognito_pool: UserPool) -> None:
    client.add_custom_attributes(
        UserPoolId=cognito_pool.id,
        CustomAttributes=[{"Name": "tier", "AttributeDataType": "String"}],
    )
    before = _schema(client, cognito_pool)
    for batch, message in (
        (
            [{"Name": "tier", "AttributeDataType": "String"}],
            "custom:tier: Existing attribute already has name custom:tier.",
        ),
        (
            [{"Name": "tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}],
            "custom:tier: Existing attribute already has name custom:tier.",
        ),
        (
            [{"Name": "new", "AttributeDataType": "String"}] * 2,
            "custom:new: Existing attribute already has name custom:new.",
        ),
    ):
        with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
            client.add_custom_attributes(UserPoolId=cognito_pool.id, CustomAttributes=batch)
        assert error_of(excinfo)[1] == message
    assert _schema(client, cognito_pool) == before


@pytest.mark.parametrize(
    "attribute",
    [
        {"Name": "x", "AttributeDataType": "String", "Required": True},
        {
            "Name": "x",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MaxLength": "2049"},
        },
        {
            "Name": "x",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MinLength": "5", "MaxLength": "4"},
        },
        {
            "Name": "x",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MinValue": "ten"},
        },
    ],
)
def test_invalid_custom_attributes_are_refused(
    client: Any, cognito_pool: UserPool, attribute: dict[str, Any]
) -> None:
    before = _schema(client, cognito_pool)
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.add_custom_attributes(UserPoolId=cognito_pool.id, CustomAttributes=[attribute])
    assert _schema(client, cognito_pool) == before


def test_custom_attribute_names_are_at_most_20_characters(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.add_custom_attributes(
            UserPoolId=cognito_pool.id,
            CustomAttributes=[{"Name": "x" * 21, "AttributeDataType": "String"}],
        )
    assert "Member must have length less than or equal to 20" in error_of(excinfo)[1]


def test_at_most_50_custom_attributes(client: Any, cognito_pool: UserPool) -> None:
    for start in (0, 25):
        client.add_custom_attributes(
            UserPoolId=cognito_pool.id,
            CustomAttributes=[
                {"Name": f"a{i}", "AttributeDataType": "String"} for i in range(start, start + 25)
            ],
        )
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.add_custom_attributes(
            UserPoolId=cognito_pool.id,
            CustomAttributes=[{"Name": "one_more", "AttributeDataType": "String"}],
        )
    assert len([n for n in _schema(client, cognito_pool) if n.startswith("custom:")]) == 50


def test_add_custom_attributes_on_an_unknown_pool(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.add_custom_attributes(
            UserPoolId="us-east-1_nope",
            CustomAttributes=[{"Name": "x", "AttributeDataType": "String"}],
        )
    assert error_of(excinfo)[1] == "User pool us-east-1_nope does not exist."


# -- MFA configuration ---------------------------------------------------------------------------


def test_a_new_pool_has_mfa_off(client: Any, cognito_pool: UserPool) -> None:
    config = client.get_user_pool_mfa_config(UserPoolId=cognito_pool.id)
    assert config["MfaConfiguration"] == "OFF"
    assert "SoftwareTokenMfaConfiguration" not in config


def test_set_user_pool_mfa_config(client: Any, cognito_pool: UserPool) -> None:
    answer = client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="OPTIONAL",
    )
    config = client.get_user_pool_mfa_config(UserPoolId=cognito_pool.id)

    for result in (answer, config):
        assert result["MfaConfiguration"] == "OPTIONAL"
        assert result["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    pool = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["MfaConfiguration"] == "OPTIONAL"
    assert cognito_pool._state.mfa_methods == ["SOFTWARE_TOKEN_MFA"]


def test_sms_mfa_settings_are_the_pools_sms_settings(client: Any, cognito_pool: UserPool) -> None:
    sms = {
        "SmsAuthenticationMessage": "Your code is {####}",
        "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns-caller"},
    }
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, SmsMfaConfiguration=sms, MfaConfiguration="ON"
    )

    assert client.get_user_pool_mfa_config(UserPoolId=cognito_pool.id)["SmsMfaConfiguration"] == sms
    pool = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["SmsAuthenticationMessage"] == sms["SmsAuthenticationMessage"]
    assert pool["SmsConfiguration"] == sms["SmsConfiguration"]
    assert cognito_pool._state.mfa_methods == ["SMS_MFA"]


def test_mfa_configuration_must_match_the_factors(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.set_user_pool_mfa_config(
            UserPoolId=cognito_pool.id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration="OFF",
        )
    assert error_of(excinfo)[1] == (
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
    )
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.set_user_pool_mfa_config(
            UserPoolId=cognito_pool.id,
            SoftwareTokenMfaConfiguration={"Enabled": False},
            MfaConfiguration="ON",
        )
    assert error_of(excinfo)[1] == (
        "Invalid MFA configuration given, can't disable all MFAs with a required or optional "
        "configuration."
    )
    assert client.get_user_pool_mfa_config(UserPoolId=cognito_pool.id)["MfaConfiguration"] == "OFF"


def test_email_mfa_needs_ses(client: Any, cognito_pool: UserPool) -> None:
    email = {"Message": "Your code is {####}", "Subject": "Sign-in code"}
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.set_user_pool_mfa_config(
            UserPoolId=cognito_pool.id, EmailMfaConfiguration=email, MfaConfiguration="OPTIONAL"
        )
    client.update_user_pool(
        UserPoolId=cognito_pool.id,
        EmailConfiguration={
            "EmailSendingAccount": "DEVELOPER",
            "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        },
    )
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, EmailMfaConfiguration=email, MfaConfiguration="OPTIONAL"
    )
    assert (
        client.get_user_pool_mfa_config(UserPoolId=cognito_pool.id)["EmailMfaConfiguration"]
        == email
    )


@pytest.mark.cognito_pool(UserPoolTier="LITE")
def test_email_mfa_needs_the_essentials_tier(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.FeatureUnavailableInTierException):
        client.set_user_pool_mfa_config(
            UserPoolId=cognito_pool.id,
            EmailMfaConfiguration={"Message": "Your code is {####}"},
            MfaConfiguration="ON",
        )


def test_turning_mfa_off_clears_the_factors(client: Any, cognito_pool: UserPool) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="ON",
    )
    webauthn = {"RelyingPartyId": "example.com", "UserVerification": "preferred"}
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, MfaConfiguration="OFF", WebAuthnConfiguration=webauthn
    )
    config = client.get_user_pool_mfa_config(UserPoolId=cognito_pool.id)
    assert config["MfaConfiguration"] == "OFF"
    assert "SoftwareTokenMfaConfiguration" not in config
    assert config["WebAuthnConfiguration"] == webauthn
    assert cognito_pool._state.mfa_methods == []


# -- tags ----------------------------------------------------------------------------------------


def test_tags(client: Any, cognito_pool: UserPool) -> None:
    client.tag_resource(ResourceArn=cognito_pool.arn, Tags={"team": "a", "env": "test"})
    client.tag_resource(ResourceArn=cognito_pool.arn, Tags={"team": "b"})
    assert client.list_tags_for_resource(ResourceArn=cognito_pool.arn)["Tags"] == {
        "team": "b",
        "env": "test",
    }
    pool = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["UserPoolTags"] == {"team": "b", "env": "test"}

    client.untag_resource(ResourceArn=cognito_pool.arn, TagKeys=["team", "absent"])
    assert client.list_tags_for_resource(ResourceArn=cognito_pool.arn)["Tags"] == {"env": "test"}


@pytest.mark.cognito_pool(UserPoolTags={"created": "yes"})
def test_tags_given_at_creation_are_listed(client: Any, cognito_pool: UserPool) -> None:
    assert client.list_tags_for_resource(ResourceArn=cognito_pool.arn)["Tags"] == {"created": "yes"}


def test_unknown_resources(client: Any, cognito_pool: UserPool) -> None:
    gone = cognito_pool.arn[:-3] + "zzz"
    other_region = cognito_pool.arn.replace("us-east-1", "eu-west-1", 1)
    for arn in (gone, other_region, "arn:aws:sns:us-east-1:123456789012:topic"):
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.list_tags_for_resource(ResourceArn=arn)
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.tag_resource(ResourceArn=arn, Tags={"a": "b"})
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.untag_resource(ResourceArn=gone, TagKeys=["a"])
    assert error_of(excinfo)[1] == f"User pool {gone.rpartition('/')[2]} does not exist."


def test_at_most_50_tags(client: Any, cognito_pool: UserPool) -> None:
    client.tag_resource(ResourceArn=cognito_pool.arn, Tags={f"k{i}": "v" for i in range(50)})
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.tag_resource(ResourceArn=cognito_pool.arn, Tags={"one-more": "v"})
    client.tag_resource(ResourceArn=cognito_pool.arn, Tags={"k0": "replaced"})
    tags = client.list_tags_for_resource(ResourceArn=cognito_pool.arn)["Tags"]
    assert len(tags) == 50
    assert tags["k0"] == "replaced"
