"""Threat protection settings through a real boto3 client."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pytest_cognito_idp.resources import AppClient, UserPool
from tests.conftest import error_of

TAKEOVER = {
    "NotifyConfiguration": {
        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "BlockEmail": {"Subject": "Blocked sign-in", "TextBody": "We blocked a sign-in."},
    },
    "Actions": {
        "HighAction": {"Notify": True, "EventAction": "BLOCK"},
        "LowAction": {"Notify": False, "EventAction": "NO_ACTION"},
    },
}
COMPROMISED = {"EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}}


def test_pool_configuration_is_stored_and_described(client: Any, cognito_pool: UserPool) -> None:
    set_ = client.set_risk_configuration(
        UserPoolId=cognito_pool.id,
        CompromisedCredentialsRiskConfiguration=COMPROMISED,
        AccountTakeoverRiskConfiguration=TAKEOVER,
        RiskExceptionConfiguration={"SkippedIPRangeList": ["10.0.0.0/8", "192.0.2.1"]},
    )["RiskConfiguration"]
    described = client.describe_risk_configuration(UserPoolId=cognito_pool.id)
    assert described["RiskConfiguration"] == set_
    assert set_["UserPoolId"] == cognito_pool.id and "ClientId" not in set_
    assert set_["CompromisedCredentialsRiskConfiguration"] == COMPROMISED
    assert set_["AccountTakeoverRiskConfiguration"] == TAKEOVER
    assert isinstance(set_["LastModifiedDate"], dt.datetime)


def test_a_client_overrides_and_then_inherits_again(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    client.set_risk_configuration(
        UserPoolId=cognito_pool.id, CompromisedCredentialsRiskConfiguration=COMPROMISED
    )
    own = {"Actions": {"EventAction": "NO_ACTION"}}
    client.set_risk_configuration(
        UserPoolId=cognito_pool.id,
        ClientId=cognito_app_client.id,
        CompromisedCredentialsRiskConfiguration=own,
    )
    described = client.describe_risk_configuration(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )["RiskConfiguration"]
    assert described["ClientId"] == cognito_app_client.id
    assert described["CompromisedCredentialsRiskConfiguration"] == own

    client.set_risk_configuration(UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id)
    inherited = client.describe_risk_configuration(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )["RiskConfiguration"]
    assert inherited["CompromisedCredentialsRiskConfiguration"] == COMPROMISED


def test_pool_only_resets_to_defaults(client: Any, cognito_pool: UserPool) -> None:
    client.set_risk_configuration(
        UserPoolId=cognito_pool.id, CompromisedCredentialsRiskConfiguration=COMPROMISED
    )
    client.set_risk_configuration(UserPoolId=cognito_pool.id)
    described = client.describe_risk_configuration(UserPoolId=cognito_pool.id)["RiskConfiguration"]
    assert "CompromisedCredentialsRiskConfiguration" not in described


def test_nothing_configured(client: Any, cognito_pool: UserPool) -> None:
    described = client.describe_risk_configuration(UserPoolId=cognito_pool.id)
    assert described["RiskConfiguration"] == {"UserPoolId": cognito_pool.id}


def test_bad_ip_range_and_unknown_client_change_nothing(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.set_risk_configuration(
            UserPoolId=cognito_pool.id,
            RiskExceptionConfiguration={"BlockedIPRangeList": ["10.0.0.0/33"]},
        )
    assert error_of(excinfo)[1] == "Invalid IP range: 10.0.0.0/33"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_risk_configuration(UserPoolId=cognito_pool.id, ClientId="nope")
    assert error_of(excinfo)[1] == "User pool client nope does not exist."
    described = client.describe_risk_configuration(UserPoolId=cognito_pool.id)
    assert described["RiskConfiguration"] == {"UserPoolId": cognito_pool.id}
