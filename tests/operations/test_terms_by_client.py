"""DescribeTermsByClient through boto3: a client's terms document by its name."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.resources import AppClient, UserPool
from tests.conftest import error_of
from tests.operations.test_terms import _create

pytestmark = pytest.mark.skipif(
    "DescribeTermsByClient" not in service_model().operation_names,
    reason="this botocore's model has no DescribeTermsByClient",
)


def test_describe_terms_by_client(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    terms = _create(client, cognito_pool, cognito_app_client)
    privacy = _create(client, cognito_pool, cognito_app_client, "privacy-policy")

    found = client.describe_terms_by_client(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id, TermsName="terms-of-use"
    )["Terms"]
    other = client.describe_terms_by_client(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id, TermsName="privacy-policy"
    )["Terms"]

    assert (
        found
        == client.describe_terms(UserPoolId=cognito_pool.id, TermsId=terms["TermsId"])["Terms"]
    )
    assert other["TermsId"] == privacy["TermsId"]


def test_describe_terms_by_client_finds_only_that_clients_document(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    other_app = cognito_pool.create_client("other")
    _create(client, cognito_pool, other_app)

    with pytest.raises(client.exceptions.ResourceNotFoundException) as missing:
        client.describe_terms_by_client(
            UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id, TermsName="terms-of-use"
        )
    with pytest.raises(client.exceptions.ResourceNotFoundException) as unknown:
        client.describe_terms_by_client(
            UserPoolId=cognito_pool.id, ClientId="a" * 26, TermsName="terms-of-use"
        )

    assert error_of(missing)[1] == (
        f"Terms with name terms-of-use do not exist for client {cognito_app_client.id}."
    )
    assert error_of(unknown)[1] == f"User pool client {'a' * 26} does not exist."
