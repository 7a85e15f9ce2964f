"""Interception: every way of making a cognito-idp client reaches the fake."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, List, Tuple

import boto3
import botocore.session
import pytest

from pytest_cognito_idp import CognitoIdp, RealCallBlocked, fake_cognito_idp

# Made at import time of this module, before any fixture ran, as code under test often does.
MODULE_CLIENT = boto3.client(
    "cognito-idp", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: boto3.client("cognito-idp"), id="boto3.client"),
        pytest.param(lambda: boto3.Session().client("cognito-idp"), id="boto3.Session"),
        pytest.param(
            lambda: botocore.session.get_session().create_client("cognito-idp"),
            id="botocore.session",
        ),
        pytest.param(lambda: MODULE_CLIENT, id="import-time client"),
    ],
)
def test_every_kind_of_client_reaches_the_fake(cognito_idp: CognitoIdp, make: Any) -> None:
    pool = cognito_idp.create_pool(PoolName="shop")

    described = make().describe_user_pool(UserPoolId=pool.id)

    assert described["UserPool"]["Name"] == "shop"
    cognito_idp.assert_called_once("DescribeUserPool", UserPoolId=pool.id)


def test_client_without_credentials_signs_with_dummy_ones(
    cognito_idp: CognitoIdp, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    session = botocore.session.Session()
    client = session.create_client("cognito-idp", region_name="us-east-1")
    assert session.get_credentials() is None

    assert client.list_user_pools(MaxResults=1)["UserPools"] == []


def test_clients_in_other_threads_reach_the_fake(cognito_idp: CognitoIdp) -> None:
    pool = cognito_idp.create_pool()
    results: list[str] = []

    def work() -> None:
        results.append(
            boto3.client("cognito-idp").describe_user_pool(UserPoolId=pool.id)["UserPool"]["Id"]
        )

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == [pool.id]


def test_eight_threads_hammering_one_fake_lose_nothing(cognito_idp: CognitoIdp) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        client = cognito_idp.client()
        try:
            for i in range(25):
                pool_id = client.create_user_pool(PoolName=f"t{n}-{i}")["UserPool"]["Id"]
                client.describe_user_pool(UserPoolId=pool_id)
                client.list_user_pools(MaxResults=60)
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    names = set()
    token = None
    client = cognito_idp.client()
    while True:
        page = client.list_user_pools(MaxResults=60, **({"NextToken": token} if token else {}))
        names.update(p["Name"] for p in page["UserPools"])
        token = page.get("NextToken")
        if not token:
            break
    assert len(names) == 200
    assert len(cognito_idp.calls.get_calls("CreateUserPool")) == 200


def test_nothing_is_answered_once_the_fake_stops() -> None:
    with fake_cognito_idp() as idp:
        client = idp.client()
        pool_id = client.create_user_pool(PoolName="p")["UserPool"]["Id"]
    with pytest.raises(RealCallBlocked, match="cognito_idp"):
        client.describe_user_pool(UserPoolId=pool_id)


def test_state_does_not_leak_between_fakes() -> None:
    with fake_cognito_idp() as first:
        first.create_pool()
    with fake_cognito_idp() as second:
        assert second.client().list_user_pools(MaxResults=60)["UserPools"] == []


def test_fake_as_decorator_gets_no_argument() -> None:
    seen: list[int] = []

    @fake_cognito_idp(region="eu-west-1")
    def body() -> None:
        client = boto3.client("cognito-idp")
        pool_id = client.create_user_pool(PoolName="p")["UserPool"]["Id"]
        seen.append(pool_id.startswith("eu-west-1_"))

    body()
    body()
    assert seen == [True, True]


# -- living beside LocalStack, local servers and moto: `block` stops AWS-bound calls only ------


@pytest.fixture
def local_endpoint() -> Iterator[Tuple[str, List[str]]]:
    """A cognito-idp look-alike on 127.0.0.1 (as LocalStack at localhost:4566 would be): it
    answers every call with an empty pool list and remembers the operations it got."""
    seen: List[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers["X-Amz-Target"].rpartition(".")[2])
            body = b'{"UserPools": []}'
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def _plain_client(**kwargs: Any) -> Any:
    return boto3.session.Session().client(
        "cognito-idp",
        region_name="eu-west-1",
        aws_access_key_id="a",
        aws_secret_access_key="b",
        **kwargs,
    )


def test_a_client_with_another_endpoint_goes_its_way(
    local_endpoint: Tuple[str, List[str]],
) -> None:
    url, seen = local_endpoint

    assert _plain_client(endpoint_url=url).list_user_pools(MaxResults=1)["UserPools"] == []
    assert seen == ["ListUserPools"]


def test_the_endpoint_url_environment_variable_goes_its_way_too(
    local_endpoint: Tuple[str, List[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = local_endpoint
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", url)

    assert _plain_client().list_user_pools(MaxResults=1)["UserPools"] == []
    assert seen == ["ListUserPools"]


def test_an_aws_bound_call_is_blocked_and_the_error_says_why_and_what_to_do() -> None:
    with pytest.raises(RealCallBlocked) as excinfo:
        _plain_client().list_user_pools(MaxResults=1)

    assert str(excinfo.value) == (
        "pytest-cognito-idp blocked a real call to cognito-idp ListUserPools at "
        "https://cognito-idp.eu-west-1.amazonaws.com/: no fake is active and the call was bound "
        "for AWS. Use the `cognito_idp` fixture (or `with fake_cognito_idp():`) so the call "
        "reaches the fake, or set `cognito_idp_real_calls = allow` in your pytest ini options "
        "to let real calls through. Clients with another endpoint_url (LocalStack, a local "
        "server) and calls moto's mock_aws answers are never blocked."
    )


def test_fips_and_dual_stack_endpoints_are_aws_too() -> None:
    from botocore.config import Config

    for config in (Config(use_fips_endpoint=True), Config(use_dualstack_endpoint=True)):
        with pytest.raises(RealCallBlocked, match="bound for AWS"):
            _plain_client(config=config).list_user_pools(MaxResults=1)


def test_moto_answers_while_no_fake_is_active() -> None:
    moto = pytest.importorskip("moto", reason="moto is not installed (the `test` extra has it)")

    with moto.mock_aws():
        client = _plain_client()
        pool_id = client.create_user_pool(PoolName="moto-pool")["UserPool"]["Id"]
        described = client.describe_user_pool(UserPoolId=pool_id)["UserPool"]

    assert described["Name"] == "moto-pool"


def test_the_fake_answers_when_both_are_active() -> None:
    moto = pytest.importorskip("moto", reason="moto is not installed (the `test` extra has it)")

    with moto.mock_aws(), fake_cognito_idp(region="eu-west-1") as idp:
        _plain_client().create_user_pool(PoolName="mine")

    assert [pool.name for pool in idp.pools] == ["mine"]
