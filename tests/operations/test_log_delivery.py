"""Log export configuration through a real boto3 client."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from pytest_cognito_idp.resources import UserPool
from tests.conftest import error_of

LOG_GROUP = {"LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:cognito"}
NOTIFICATIONS = {
    "LogLevel": "ERROR",
    "EventSource": "userNotification",
    "CloudWatchLogsConfiguration": LOG_GROUP,
}
AUTH_EVENTS = {
    "LogLevel": "INFO",
    "EventSource": "userAuthEvents",
    "S3Configuration": {"BucketArn": "arn:aws:s3:::auth-logs"},
}


def test_nothing_configured_is_an_empty_list(client: Any, cognito_pool: UserPool) -> None:
    got = client.get_log_delivery_configuration(UserPoolId=cognito_pool.id)
    assert got["LogDeliveryConfiguration"] == {
        "UserPoolId": cognito_pool.id,
        "LogConfigurations": [],
    }


@pytest.mark.cognito_pool(UserPoolTier="PLUS")
def test_both_sources_on_a_plus_pool(client: Any, cognito_pool: UserPool) -> None:
    set_ = client.set_log_delivery_configuration(
        UserPoolId=cognito_pool.id, LogConfigurations=[NOTIFICATIONS, AUTH_EVENTS]
    )
    assert set_["LogDeliveryConfiguration"]["LogConfigurations"] == [NOTIFICATIONS, AUTH_EVENTS]
    got = client.get_log_delivery_configuration(UserPoolId=cognito_pool.id)
    assert got == {**got, "LogDeliveryConfiguration": set_["LogDeliveryConfiguration"]}

    client.set_log_delivery_configuration(UserPoolId=cognito_pool.id, LogConfigurations=[])
    got = client.get_log_delivery_configuration(UserPoolId=cognito_pool.id)
    assert got["LogDeliveryConfiguration"]["LogConfigurations"] == []


BAD: Dict[str, Any] = {
    "wrong level": (
        [{**NOTIFICATIONS, "LogLevel": "INFO"}],
        "InvalidParameterException",
        "EventSource userNotification supports LogLevel ERROR only.",
    ),
    "no destination": (
        [{"LogLevel": "ERROR", "EventSource": "userNotification"}],
        "InvalidParameterException",
        "Exactly one log destination is required for EventSource userNotification.",
    ),
    "duplicate": (
        [NOTIFICATIONS, NOTIFICATIONS],
        "InvalidParameterException",
        "Duplicate log configuration for userNotification.",
    ),
    "auth events below plus": (
        [AUTH_EVENTS],
        "FeatureUnavailableInTierException",
        "Exporting userAuthEvents logs requires the PLUS feature plan.",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_refused_configurations_change_nothing(
    client: Any, cognito_pool: UserPool, case: str
) -> None:
    configurations, code, message = BAD[case]
    client.set_log_delivery_configuration(
        UserPoolId=cognito_pool.id, LogConfigurations=[NOTIFICATIONS]
    )
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        client.set_log_delivery_configuration(
            UserPoolId=cognito_pool.id, LogConfigurations=configurations
        )
    assert error_of(excinfo) == (code, message)
    got = client.get_log_delivery_configuration(UserPoolId=cognito_pool.id)
    assert got["LogDeliveryConfiguration"]["LogConfigurations"] == [NOTIFICATIONS]


def test_s3_is_not_a_notification_destination(client: Any, cognito_pool: UserPool) -> None:
    config = {
        "LogLevel": "ERROR",
        "EventSource": "userNotification",
        "S3Configuration": AUTH_EVENTS["S3Configuration"],
    }
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.set_log_delivery_configuration(
            UserPoolId=cognito_pool.id, LogConfigurations=[config]
        )
    assert error_of(excinfo)[1] == "EventSource userNotification does not support S3Configuration."
