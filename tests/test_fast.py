"""The fast path answers at ``before-call`` and keeps everything botocore users rely on."""

from __future__ import annotations

import asyncio
import datetime as _dt
import logging
import time
from typing import Any, Dict, Iterator, List

import botocore.endpoint
import botocore.session
import pytest
from botocore.config import Config
from botocore.stub import Stubber
from dateutil.tz import tzlocal

from pytest_cognito_idp import CognitoIdp, CognitoIdpAssertionError, _fast, _hook


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """The operations that went botocore's full way (its endpoint: sign, send, parse)."""
    seen: List[str] = []
    make_request = botocore.endpoint.Endpoint.make_request

    def counting(self: Any, operation_model: Any, request_dict: Any) -> Any:
        seen.append(operation_model.name)
        return make_request(self, operation_model, request_dict)

    monkeypatch.setattr(botocore.endpoint.Endpoint, "make_request", counting)
    return seen


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """botocore's back-off between attempts, recorded instead of slept."""
    slept: List[float] = []
    monkeypatch.setattr(botocore.endpoint.time, "sleep", slept.append)
    return slept


def _full_way(client: Any) -> Any:
    """The same client's calls forced the before-send way: a before-send handler of its own."""
    client.meta.events.register("before-send.cognito-identity-provider", lambda **_: None)
    return client


class _Raw:
    """An empty HTTP body, as urllib3 streams it."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield b""


def _without_request_id(result: Dict[str, Any]) -> Dict[str, Any]:
    meta = dict(result["ResponseMetadata"])
    assert len(meta.pop("RequestId")) == 36
    headers = dict(meta.pop("HTTPHeaders"))
    assert len(headers.pop("x-amzn-requestid")) == 36
    return {**result, "ResponseMetadata": {**meta, "HTTPHeaders": headers}}


def test_a_plain_call_is_answered_without_botocores_endpoint(
    cognito_idp: CognitoIdp, sent: List[str]
) -> None:
    pool = cognito_idp.create_pool(PoolName="shop")

    described = cognito_idp.client().describe_user_pool(UserPoolId=pool.id)

    assert described["UserPool"]["Name"] == "shop"
    assert sent == []
    cognito_idp.assert_called_once("DescribeUserPool", UserPoolId=pool.id)
    assert cognito_idp.calls.last is not None and cognito_idp.calls.last.response is not None


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris"])
def test_results_and_metadata_are_the_before_send_paths(
    cognito_idp: CognitoIdp, sent: List[str], monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        pool = cognito_idp.create_pool(PoolName="shop")
        for i in range(3):
            pool.create_user(f"user{i}", attributes={"email": f"user{i}@example.com"})
        fast, full = cognito_idp.client(), _full_way(cognito_idp.client())
        calls: List[tuple[str, Dict[str, Any]]] = [
            ("describe_user_pool", {"UserPoolId": pool.id}),
            ("admin_get_user", {"UserPoolId": pool.id, "Username": "user1"}),
            ("list_users", {"UserPoolId": pool.id, "Limit": 2}),
        ]
        for method, kwargs in calls:
            mine = getattr(fast, method)(**kwargs)
            theirs = getattr(full, method)(**kwargs)
            assert _without_request_id(mine) == _without_request_id(theirs)
        assert sent == ["DescribeUserPool", "AdminGetUser", "ListUsers"]
        assert mine["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert mine["ResponseMetadata"]["RetryAttempts"] == 0
        assert set(mine["ResponseMetadata"]["HTTPHeaders"]) == {"x-amzn-requestid", "content-type"}
        created = mine["Users"][0]["UserCreateDate"]
        assert isinstance(created.tzinfo, tzlocal)
        assert created.utcoffset() == theirs["Users"][0]["UserCreateDate"].utcoffset()
        assert created.astimezone(_dt.timezone.utc).tzinfo == _dt.timezone.utc
    finally:
        monkeypatch.undo()
        time.tzset()


def test_modeled_errors_are_raised_as_botocore_raises_them(
    cognito_idp: CognitoIdp, sent: List[str]
) -> None:
    pool = cognito_idp.create_pool()
    fast, full = cognito_idp.client(), _full_way(cognito_idp.client())
    responses = []
    for client in (fast, full):
        with pytest.raises(client.exceptions.UserNotFoundException) as raised:
            client.admin_get_user(UserPoolId=pool.id, Username="nobody")
        responses.append(raised.value.response)
        assert raised.value.operation_name == "AdminGetUser"
    assert _without_request_id(responses[0]) == _without_request_id(responses[1])
    assert responses[0]["Error"] == {
        "Code": "UserNotFoundException",
        "Message": "User does not exist.",
    }
    assert responses[0]["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert sent == ["AdminGetUser"]
    assert [c.error.code for c in cognito_idp.calls if c.error] == ["UserNotFoundException"] * 2


def test_stubber_answers_first(cognito_idp: CognitoIdp) -> None:
    client = cognito_idp.client()
    with Stubber(client) as stubber:
        stubber.add_response("list_user_pools", {"UserPools": [{"Id": "stubbed"}]})

        assert client.list_user_pools(MaxResults=1)["UserPools"] == [{"Id": "stubbed"}]
    cognito_idp.assert_not_called("ListUserPools")


@pytest.mark.parametrize(
    "event",
    ["before-call", "before-call.cognito-identity-provider", "before-call.*.ListUserPools"],
)
def test_users_before_call_handlers_still_run(
    cognito_idp: CognitoIdp, sent: List[str], event: str
) -> None:
    client = cognito_idp.client()
    seen: List[Any] = []
    client.meta.events.register(event, lambda params, **_: seen.append(params["body"]))

    assert client.list_user_pools(MaxResults=7)["UserPools"] == []
    assert seen == [b'{"MaxResults": 7}']
    assert sent == []
    cognito_idp.assert_called_once("ListUserPools", MaxResults=7)


def test_a_users_before_call_answer_wins(cognito_idp: CognitoIdp) -> None:
    client = cognito_idp.client()
    answer = (botocore.awsrequest.AWSResponse("u", 200, {}, None), {"UserPools": ["mine"]})
    client.meta.events.register("before-call.cognito-identity-provider", lambda **_: answer)

    assert client.list_user_pools(MaxResults=1) == {"UserPools": ["mine"]}
    cognito_idp.assert_not_called("ListUserPools")


def test_after_call_handlers_see_the_response(cognito_idp: CognitoIdp, sent: List[str]) -> None:
    client = cognito_idp.client()
    seen: List[Any] = []

    def after(http_response: Any, parsed: Any, **_: Any) -> None:
        assert isinstance(http_response, botocore.awsrequest.AWSResponse)
        request_id = http_response.headers["X-AMZN-REQUESTID"]
        assert request_id == parsed["ResponseMetadata"]["RequestId"]
        seen.append((http_response.status_code, http_response.content, parsed["UserPools"]))

    client.meta.events.register("after-call.cognito-identity-provider.ListUserPools", after)

    client.list_user_pools(MaxResults=1)

    assert seen == [(200, b'{"UserPools":[]}', [])]
    assert sent == []


def test_a_before_send_handler_of_the_client_sees_every_request(
    cognito_idp: CognitoIdp, sent: List[str]
) -> None:
    client = cognito_idp.client()
    seen: List[Any] = []
    client.meta.events.register("before-send", lambda request, **_: seen.append(request.url))

    assert client.list_user_pools(MaxResults=1)["UserPools"] == []
    assert seen == ["https://cognito-idp.us-east-1.amazonaws.com/"]
    assert sent == ["ListUserPools"]


def test_before_send_handlers_for_other_services_leave_the_fast_path(
    cognito_idp: CognitoIdp, sent: List[str]
) -> None:
    session = botocore.session.Session()
    s3_answers: List[Any] = []

    def answer_s3(request: Any, **_: Any) -> Any:
        s3_answers.append(request.url)
        return botocore.awsrequest.AWSResponse(request.url, 200, {}, _Raw())

    session.register("before-send.s3", answer_s3)
    s3 = session.create_client("s3", region_name="us-east-1")
    cognito = session.create_client("cognito-idp", region_name="us-east-1")

    s3.head_bucket(Bucket="bucket")
    assert cognito.list_user_pools(MaxResults=1)["UserPools"] == []

    assert s3_answers == ["https://bucket.s3.amazonaws.com/"]
    assert sent == ["HeadBucket"]


@pytest.mark.parametrize(
    ("mode", "code", "retried"),
    [
        ("legacy", "InternalErrorException", True),
        ("standard", "InternalErrorException", True),
        ("standard", "TooManyRequestsException", True),
        ("adaptive", "TooManyRequestsException", True),
        # The legacy mode retries throttling by HTTP status 429 and a few other codes only.
        ("legacy", "TooManyRequestsException", False),
    ],
)
def test_errors_are_retried_as_the_retry_mode_does_it(
    cognito_idp: CognitoIdp, sleeps: List[float], mode: str, code: str, retried: bool
) -> None:
    pool = cognito_idp.create_pool()
    client = cognito_idp.client(config=Config(retries={"mode": mode}))
    cognito_idp.inject_error("DescribeUserPool", code, times=2)

    if retried:
        described = client.describe_user_pool(UserPoolId=pool.id)
        assert described["ResponseMetadata"]["RetryAttempts"] == 2
        outcomes = [c.error.code if c.error else "ok" for c in cognito_idp.calls]
        assert outcomes == [code, code, "ok"]
        assert len(sleeps) == 2
    else:
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.describe_user_pool(UserPoolId=pool.id)
        assert [c.error.code for c in cognito_idp.calls if c.error] == [code]
        assert sleeps == []
        # Not retried: the second injection is still queued (the fixture's teardown would say
        # so), and the next call meets it.
        with pytest.raises(CognitoIdpAssertionError, match="raised 1 of 2 times"):
            cognito_idp.assert_all_injected_errors_raised()
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.describe_user_pool(UserPoolId=pool.id)


def test_the_fakes_own_throttling_is_retried_and_every_attempt_recorded(
    cognito_idp: CognitoIdp, sleeps: List[float]
) -> None:
    pool = cognito_idp.create_pool(AutoVerifiedAttributes=["email"])
    app = pool.create_client()
    client = cognito_idp.client(
        config=Config(retries={"mode": "standard", "total_max_attempts": 3})
    )
    client.sign_up(
        ClientId=app.id,
        Username="jane",
        Password="Corr3ct-horse!",
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
    )
    for _ in range(5):  # five resends an hour are allowed
        client.resend_confirmation_code(ClientId=app.id, Username="jane")

    with pytest.raises(client.exceptions.LimitExceededException) as raised:
        client.resend_confirmation_code(ClientId=app.id, Username="jane")

    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    resends = cognito_idp.get_calls("ResendConfirmationCode")
    assert [c.error.code if c.error else "ok" for c in resends] == ["ok"] * 5 + [
        "LimitExceededException"
    ] * 3
    assert len(sleeps) == 2


def test_paginators_page_through_the_fake(cognito_idp: CognitoIdp, sent: List[str]) -> None:
    pool = cognito_idp.create_pool()
    for i in range(130):
        pool.create_user(f"user{i:03d}")
    paginator = cognito_idp.client().get_paginator("list_users")

    pages = list(paginator.paginate(UserPoolId=pool.id, PaginationConfig={"PageSize": 60}))

    assert [len(p["Users"]) for p in pages] == [60, 60, 10]
    assert sorted(u["Username"] for p in pages for u in p["Users"]) == [
        f"user{i:03d}" for i in range(130)
    ]
    assert sent == []


def test_botocores_debug_log_shows_the_exchange(
    cognito_idp: CognitoIdp, sent: List[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="botocore")

    cognito_idp.client().list_user_pools(MaxResults=1)

    assert sent == ["ListUserPools"]
    assert any("Response body" in r.getMessage() for r in caplog.records)


def test_a_client_without_credentials_is_answered(
    cognito_idp: CognitoIdp, monkeypatch: pytest.MonkeyPatch, sent: List[str]
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    session = botocore.session.Session()
    client = session.create_client("cognito-idp", region_name="eu-west-1")
    assert session.get_credentials() is None

    created = client.create_user_pool(PoolName="p")["UserPool"]

    assert created["Id"].startswith("eu-west-1_")
    assert sent == []


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "before-send"])
def test_clients_without_parameter_validation_get_the_services_validation(
    cognito_idp: CognitoIdp, fast: bool
) -> None:
    client = cognito_idp.client(config=Config(parameter_validation=False))
    if not fast:
        _full_way(client)

    with pytest.raises(client.exceptions.InvalidParameterException) as raised:
        client.list_user_pools(MaxResults=0)

    assert raised.value.response["Error"]["Message"] == (
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"
    )


def test_a_session_with_its_own_parser_defaults_keeps_them(cognito_idp: CognitoIdp) -> None:
    session = botocore.session.Session()
    session.get_component("response_parser_factory").set_parser_defaults(
        timestamp_parser=lambda value: ("raw", value)
    )
    pool = cognito_idp.create_pool()
    client = session.create_client("cognito-idp", region_name="us-east-1")

    created = client.describe_user_pool(UserPoolId=pool.id)["UserPool"]["CreationDate"]

    assert created[0] == "raw" and isinstance(created[1], float)


def test_a_different_endpoint_url_keeps_the_clients_region(
    cognito_idp: CognitoIdp, sent: List[str]
) -> None:
    client = cognito_idp.client(region_name="ap-south-1", endpoint_url="http://localhost:1")

    assert client.create_user_pool(PoolName="p")["UserPool"]["Id"].startswith("ap-south-1_")
    assert cognito_idp.calls.last is not None and cognito_idp.calls.last.region == "ap-south-1"
    assert sent == []


def test_an_event_not_emitted_by_a_botocore_client_is_left_alone(cognito_idp: CognitoIdp) -> None:
    model = cognito_idp.client().meta.service_model.operation_model("ListUserPools")
    params = {"url": "https://cognito-idp.us-east-1.amazonaws.com/", "body": b"{}"}

    answer = _hook.before_call(
        event_name="before-call.cognito-identity-provider.ListUserPools",
        model=model,
        params=params,
        request_signer=None,
        context={},
    )

    assert answer is None
    cognito_idp.assert_not_called("ListUserPools")


def test_aiobotocore_clients_take_the_before_send_path(
    cognito_idp: CognitoIdp, monkeypatch: pytest.MonkeyPatch
) -> None:
    aio_session = pytest.importorskip("aiobotocore.session")
    answers: List[Any] = []
    answer = _fast.answer

    def spy(*args: Any, **kwargs: Any) -> Any:
        answers.append(answer(*args, **kwargs))
        return answers[-1]

    monkeypatch.setattr(_fast, "answer", spy)

    async def call() -> Any:
        session = aio_session.get_session()
        async with session.create_client("cognito-idp", region_name="us-east-1") as client:
            return await client.list_user_pools(MaxResults=1)

    result = asyncio.run(call())

    assert answers == [None]
    assert result["UserPools"] == []
    cognito_idp.assert_called_once("ListUserPools", MaxResults=1)


def test_a_handler_registered_after_the_first_call_is_honoured(
    cognito_idp: CognitoIdp, sent: List[str]
) -> None:
    client = cognito_idp.client()
    client.list_user_pools(MaxResults=1)
    seen: List[str] = []
    client.meta.events.register("before-send", lambda request, **_: seen.append(request.url))

    client.list_user_pools(MaxResults=1)

    assert sent == ["ListUserPools"]
    assert seen == ["https://cognito-idp.us-east-1.amazonaws.com/"]
    assert len(cognito_idp.get_calls("ListUserPools")) == 2
