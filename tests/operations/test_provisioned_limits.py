"""Provisioned request-rate limits through a real boto3 client."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp._model.service import service_model
from tests.conftest import error_of

pytestmark = pytest.mark.skipif(
    "GetProvisionedLimit" not in service_model().operation_names,
    reason="this botocore's model has no provisioned limits",
)


def definition(category: str) -> Dict[str, Any]:
    return {"LimitClass": "API_CATEGORY", "Attributes": {"Category": category}}


def failure(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def test_free_rate_until_provisioned_then_per_region(cognito_idp: CognitoIdp, client: Any) -> None:
    limit = client.get_provisioned_limit(LimitDefinition=definition("UserCreation"))["Limit"]
    assert limit == {
        "LimitDefinition": definition("UserCreation"),
        "ProvisionedLimitValue": 50,
        "FreeLimitValue": 50,
    }
    updated = client.update_provisioned_limit(
        LimitDefinition=definition("UserCreation"), RequestedLimitValue=80
    )["Limit"]
    assert (updated["ProvisionedLimitValue"], updated["FreeLimitValue"]) == (80, 50)
    again = client.get_provisioned_limit(LimitDefinition=definition("UserCreation"))["Limit"]
    assert again["ProvisionedLimitValue"] == 80
    other = cognito_idp.client(region_name="eu-west-1")
    elsewhere = other.get_provisioned_limit(LimitDefinition=definition("UserCreation"))["Limit"]
    assert elsewhere["ProvisionedLimitValue"] == 50  # quotas are per region
    back = client.update_provisioned_limit(
        LimitDefinition=definition("UserCreation"), RequestedLimitValue=50
    )["Limit"]
    assert back["ProvisionedLimitValue"] == 50


def test_the_value_lies_between_the_free_rate_and_the_account_maximum(client: Any) -> None:
    update = client.update_provisioned_limit
    assert failure(update, LimitDefinition=definition("UserRead"), RequestedLimitValue=119) == (
        "InvalidParameterException",
        "RequestedLimitValue must be at least the default limit of 120 for UserRead.",
    )
    assert failure(update, LimitDefinition=definition("UserRead"), RequestedLimitValue=1201) == (
        "ServiceQuotaExceededException",
        "RequestedLimitValue exceeds the maximum limit of 1200 for UserRead in this account.",
    )
    assert failure(update, LimitDefinition=definition("UserPoolRead"), RequestedLimitValue=20) == (
        "InvalidParameterException",
        "The limit for category UserPoolRead is not adjustable.",
    )
    limit = client.get_provisioned_limit(LimitDefinition=definition("UserRead"))["Limit"]
    assert limit["ProvisionedLimitValue"] == 120


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({}, "LimitDefinition attributes must include Category."),
        ({"Category": "Nope"}, "Invalid limit definition: unknown category Nope."),
        (
            {"Category": "UserRead", "Pool": "x"},
            "Invalid limit definition: unknown category UserRead.",
        ),
    ],
)
def test_the_definition_names_one_known_category(
    client: Any, attributes: Dict[str, str], message: str
) -> None:
    given = {"LimitClass": "API_CATEGORY", "Attributes": attributes}
    assert failure(client.get_provisioned_limit, LimitDefinition=given) == (
        "InvalidParameterException",
        message,
    )


def test_managed_login_pools_cannot_raise_authentication(
    cognito_idp: CognitoIdp, client: Any
) -> None:
    pool = cognito_idp.create_pool()
    client.create_user_pool_domain(UserPoolId=pool.id, Domain="limits-ml", ManagedLoginVersion=2)
    assert failure(
        client.update_provisioned_limit,
        LimitDefinition=definition("UserAuthentication"),
        RequestedLimitValue=200,
    ) == (
        "InvalidParameterException",
        "The UserAuthentication limit cannot be adjusted for user pools with managed login. "
        "Submit a Service Quotas increase request instead.",
    )
    client.update_provisioned_limit(
        LimitDefinition=definition("UserToken"), RequestedLimitValue=200
    )
