"""What goes over the (fake) wire: the service's JSON, status codes and headers."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import botocore.config
import freezegun
import pytest
from botocore import xform_name

from pytest_cognito_idp import CognitoIdp, _wire
from tests.conftest import error_of


def test_timestamps_come_back_as_datetimes(client: Any) -> None:
    pool = client.create_user_pool(PoolName="p")["UserPool"]
    assert isinstance(pool["CreationDate"], dt.datetime)
    assert pool["CreationDate"].tzinfo is not None


def test_every_response_has_a_request_id(client: Any) -> None:
    meta = client.list_user_pools(MaxResults=1)["ResponseMetadata"]
    assert re.fullmatch(r"[0-9a-f-]{36}", meta["RequestId"])
    assert meta["HTTPStatusCode"] == 200
    assert meta["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"


def test_errors_are_modeled_exceptions_with_status_400(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_user_pool(UserPoolId="us-east-1_missing00")
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == (
        "ResourceNotFoundException:"
    )


def test_recorded_response_is_the_wire_json(cognito_idp: CognitoIdp, client: Any) -> None:
    client.create_user_pool(PoolName="p")
    call = cognito_idp.calls.last
    assert call is not None and call.response is not None
    assert isinstance(call.response["UserPool"]["CreationDate"], float)
    json.dumps(call.response)


def test_injected_error_fails_the_next_calls(cognito_idp: CognitoIdp) -> None:
    # No retries: botocore's standard mode would retry a throttling error (as with AWS).
    client = cognito_idp.client(config=botocore.config.Config(retries={"total_max_attempts": 1}))
    cognito_idp.inject_error("ListUserPools", "TooManyRequestsException", times=2)

    for _ in range(2):
        with pytest.raises(client.exceptions.TooManyRequestsException) as excinfo:
            client.list_user_pools(MaxResults=1)
        assert error_of(excinfo) == ("TooManyRequestsException", "Rate exceeded")
    assert client.list_user_pools(MaxResults=1)["UserPools"] == []
    assert [c.error.code if c.error else None for c in cognito_idp.calls] == [
        "TooManyRequestsException",
        "TooManyRequestsException",
        None,
    ]


def test_internal_error_is_500_and_botocore_retries_it(cognito_idp: CognitoIdp) -> None:
    cognito_idp.inject_error("ListUserPools", "InternalErrorException", "boom", times=1)
    client = cognito_idp.client(config=botocore.config.Config(retries={"mode": "legacy"}))

    assert client.list_user_pools(MaxResults=1)["UserPools"] == []
    errors = [c.error for c in cognito_idp.get_calls("ListUserPools")]
    assert errors[0] is not None and errors[0].code == "InternalErrorException"
    assert errors[1] is None


def test_inject_error_refuses_unknown_codes(cognito_idp: CognitoIdp) -> None:
    with pytest.raises(ValueError, match="is not a cognito-idp error code"):
        cognito_idp.inject_error("ListUserPools", "Throttled")
    with pytest.raises(ValueError, match="is not a cognito-idp operation"):
        cognito_idp.inject_error("ListPools", "TooManyRequestsException")


def test_unimplemented_operation_says_so(cognito_idp: CognitoIdp, client: Any) -> None:
    from pytest_cognito_idp import OperationNotSupported
    from pytest_cognito_idp._model.service import operation_model, operation_names
    from pytest_cognito_idp.operations import REGISTRY

    def only_user_pool_id(op: str) -> bool:
        shape = operation_model(op).input_shape
        return shape is not None and list(shape.required_members) == ["UserPoolId"]

    missing = [op for op in operation_names() if op not in REGISTRY and only_user_pool_id(op)]
    if not missing:
        pytest.skip("every such operation is implemented")
    method = xform_name(missing[0])
    with pytest.raises(OperationNotSupported, match=missing[0]):
        getattr(client, method)(UserPoolId="us-east-1_abc")
    assert cognito_idp.calls.last is not None
    assert cognito_idp.calls.last.error is not None


def test_timestamps_are_truncated_to_the_millisecond() -> None:
    assert _wire.timestamp(1700000000.9996) == 1700000000.999
    assert _wire.timestamp(1470957431.965) == 1470957431.965
    assert _wire.timestamp(1700000000.0) == 1700000000.0


def test_a_reported_date_is_never_after_the_clock(client: Any) -> None:
    with freezegun.freeze_time(dt.datetime(2024, 5, 1, 0, 0, 0, 999900, tzinfo=dt.timezone.utc)):
        created = client.create_user_pool(PoolName="p")["UserPool"]["CreationDate"]
        assert created <= dt.datetime.now(dt.timezone.utc)
    assert created == dt.datetime(2024, 5, 1, 0, 0, 0, 999000, tzinfo=dt.timezone.utc)


def test_injected_errors_are_for_the_code_under_test_not_helpers(cognito_idp: CognitoIdp) -> None:
    client = cognito_idp.client(config=botocore.config.Config(retries={"total_max_attempts": 1}))
    cognito_idp.inject_error("CreateUserPool", "TooManyRequestsException")

    cognito_idp.create_pool(PoolName="helper")  # the test's own set-up is not throttled

    with pytest.raises(client.exceptions.TooManyRequestsException):
        client.create_user_pool(PoolName="app")
    assert [p.name for p in cognito_idp.pools] == ["helper"]
