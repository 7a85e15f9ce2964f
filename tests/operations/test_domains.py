"""User pool domains through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pytest_cognito_idp import CognitoIdp, UserPool
from tests.conftest import error_of

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123"
INVALID_PREFIX = (
    "The domain name contains an invalid character. Domain names can only contain lower-case "
    "letters, numbers, and hyphens. Please enter a different name that follows this format: "
    "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$"
)


def _describe(client: Any, domain: str) -> Any:
    return client.describe_user_pool_domain(Domain=domain)["DomainDescription"]


def test_prefix_domain(client: Any, cognito_pool: UserPool, cognito_idp: CognitoIdp) -> None:
    created = client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    assert {k: v for k, v in created.items() if k != "ResponseMetadata"} == {
        "ManagedLoginVersion": 1
    }

    described = _describe(client, "my-app")
    assert re.fullmatch(r"d[a-z0-9]{13}\.cloudfront\.net", described.pop("CloudFrontDistribution"))
    assert re.fullmatch(r"[0-9]{14}", described.pop("Version"))
    assert described == {
        "UserPoolId": cognito_pool.id,
        "AWSAccountId": cognito_idp.account_id,
        "Domain": "my-app",
        "S3Bucket": "aws-cognito-prod-iad-assets",
        "Status": "ACTIVE",
        "ManagedLoginVersion": 1,
    }
    pool = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["Domain"] == "my-app"
    assert "CustomDomain" not in pool


def test_custom_domain(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_domain(
        UserPoolId=cognito_pool.id,
        Domain="auth.example.com",
        CustomDomainConfig={"CertificateArn": CERTIFICATE},
        ManagedLoginVersion=2,
    )
    described = _describe(client, "auth.example.com")
    assert created["CloudFrontDomain"] == described["CloudFrontDistribution"]
    assert created["ManagedLoginVersion"] == described["ManagedLoginVersion"] == 2
    assert described["CustomDomainConfig"] == {"CertificateArn": CERTIFICATE}

    # One prefix and one custom domain per pool.
    client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    pool = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert (pool["Domain"], pool["CustomDomain"]) == ("my-app", "auth.example.com")


def test_unknown_domain_has_an_empty_description(client: Any, cognito_pool: UserPool) -> None:
    assert _describe(client, "nobody-has-this") == {}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"Domain": "My_App"}, INVALID_PREFIX),
        ({"Domain": "-app"}, INVALID_PREFIX),
        ({"Domain": "auth.example.com"}, INVALID_PREFIX),
        ({"Domain": "my-aws-app"}, "Domain cannot contain reserved word: aws"),
        ({"Domain": "amazonian"}, "Domain cannot contain reserved word: amazon"),
        ({"Domain": "newcognito"}, "Domain cannot contain reserved word: cognito"),
        (
            {"Domain": "auth", "CustomDomainConfig": {"CertificateArn": CERTIFICATE}},
            "The custom domain auth is not a valid fully qualified domain name.",
        ),
        (
            {
                "Domain": "auth.example.com",
                "CustomDomainConfig": {
                    "CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
                },
            },
            "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't "
            "valid, or doesn't include a valid certificate chain.",
        ),
        ({"Domain": "my-app", "ManagedLoginVersion": 3}, "Invalid ManagedLoginVersion 3."),
    ],
)
def test_invalid_domains(client: Any, cognito_pool: UserPool, kwargs: Any, message: str) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_domain(UserPoolId=cognito_pool.id, **kwargs)
    assert error_of(excinfo) == ("InvalidParameterException", message)
    assert "Domain" not in client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]


@pytest.mark.cognito_pool(UserPoolTier="LITE")
def test_managed_login_needs_a_plan_above_lite(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.FeatureUnavailableInTierException):
        client.create_user_pool_domain(
            UserPoolId=cognito_pool.id, Domain="my-app", ManagedLoginVersion=2
        )


def test_one_domain_of_each_kind(client: Any, cognito_pool: UserPool) -> None:
    client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-other-app")
    assert error_of(excinfo)[1] == "User pool already has a domain configured."
    assert _describe(client, "my-other-app") == {}


def test_a_prefix_is_unique_in_its_region(
    client: Any, cognito_pool: UserPool, cognito_idp: CognitoIdp
) -> None:
    client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    other = client.create_user_pool(PoolName="other")["UserPool"]["Id"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_domain(UserPoolId=other, Domain="my-app")
    assert error_of(excinfo)[1] == "Domain already associated with another user pool."

    west = cognito_idp.client(region_name="us-west-2")
    west_pool = west.create_user_pool(PoolName="west")["UserPool"]["Id"]
    west.create_user_pool_domain(UserPoolId=west_pool, Domain="my-app")
    assert _describe(west, "my-app")["S3Bucket"] == "aws-cognito-prod-pdx-assets"
    # A custom domain is unique everywhere.
    west.create_user_pool_domain(
        UserPoolId=west_pool,
        Domain="auth.example.com",
        CustomDomainConfig={"CertificateArn": CERTIFICATE},
    )
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_domain(
            UserPoolId=other,
            Domain="auth.example.com",
            CustomDomainConfig={"CertificateArn": CERTIFICATE},
        )
    assert error_of(excinfo)[1] == "Domain already associated with another user pool."


def test_update(client: Any, cognito_pool: UserPool) -> None:
    client.create_user_pool_domain(
        UserPoolId=cognito_pool.id,
        Domain="auth.example.com",
        CustomDomainConfig={"CertificateArn": CERTIFICATE},
    )
    renewed = CERTIFICATE.replace("abc-123", "def-456")
    answer = client.update_user_pool_domain(
        UserPoolId=cognito_pool.id,
        Domain="auth.example.com",
        CustomDomainConfig={"CertificateArn": renewed},
        ManagedLoginVersion=2,
    )
    described = _describe(client, "auth.example.com")
    assert described["CustomDomainConfig"] == {"CertificateArn": renewed}
    assert answer["ManagedLoginVersion"] == described["ManagedLoginVersion"] == 2

    client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.update_user_pool_domain(
            UserPoolId=cognito_pool.id,
            Domain="my-app",
            CustomDomainConfig={"CertificateArn": CERTIFICATE},
        )
    assert error_of(excinfo)[1] == "CustomDomainConfig applies only to a custom domain."


def test_delete(client: Any, cognito_pool: UserPool) -> None:
    client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    other = client.create_user_pool(PoolName="other")["UserPool"]["Id"]
    for call in (client.delete_user_pool_domain, client.update_user_pool_domain):
        with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
            call(UserPoolId=other, Domain="my-app")
        assert error_of(excinfo) == (
            "InvalidParameterException",
            "No such domain or user pool exists.",
        )

    client.delete_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    assert _describe(client, "my-app") == {}
    assert "Domain" not in client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    # The prefix is free again.
    client.create_user_pool_domain(UserPoolId=other, Domain="my-app")


def test_a_deleted_pool_frees_its_domain(client: Any, cognito_pool: UserPool) -> None:
    client.create_user_pool_domain(UserPoolId=cognito_pool.id, Domain="my-app")
    client.delete_user_pool(UserPoolId=cognito_pool.id)
    assert _describe(client, "my-app") == {}
