"""``cognito_server``: the fake's JSON 1.1 API over loopback HTTP, sharing state, recording
calls, serving regions, the JWKS and CORS, and holding up under many clients."""

from __future__ import annotations

import json
import socket
import threading
from typing import Any, List

import pytest
import requests

from pytest_cognito_idp import AppClient, CognitoIdp, CognitoServer, User, UserPool

from .conftest import JSON_11, TARGET, Api, error


def test_signed_admin_calls_share_state_with_the_test_and_are_recorded(
    cognito_idp: CognitoIdp, api: Api
) -> None:
    created = api.call("CreateUserPool", {"PoolName": "over-http"})

    assert created.status_code == 200
    assert created.headers["Content-Type"] == JSON_11
    assert created.headers["x-amzn-RequestId"]
    pool_id = created.json()["UserPool"]["Id"]
    assert [p.id for p in cognito_idp.pools] == [pool_id]
    call = cognito_idp.assert_called_once("CreateUserPool", PoolName="over-http")
    assert call.region == "us-east-1"
    cognito_idp.pool(pool_id).create_user("jane", attributes={"email": "jane@example.com"})
    listed = api.call("ListUsers", {"UserPoolId": pool_id}).json()
    assert [u["Username"] for u in listed["Users"]] == ["jane"]


def test_a_modeled_error_carries_its_code_message_and_headers(api: Api) -> None:
    answer = api.call("DescribeUserPool", {"UserPoolId": "us-east-1_missing00"})

    assert error(answer) == (
        400,
        "ResourceNotFoundException",
        "User pool us-east-1_missing00 does not exist.",
    )
    assert answer.headers["x-amzn-ErrorType"] == "ResourceNotFoundException:"
    assert answer.headers["x-amzn-ErrorMessage"] == "User pool us-east-1_missing00 does not exist."


def test_the_model_validates_requests_as_in_process(api: Api) -> None:
    answer = api.call("CreateUserPool", {"PoolName": ""})

    status, code, message = error(answer)
    assert (status, code) == (400, "InvalidParameterException")
    assert "poolName" in message


def test_an_injected_error_reaches_the_http_client(cognito_idp: CognitoIdp, api: Api) -> None:
    cognito_idp.inject_error("ListUserPools", "TooManyRequestsException")

    assert error(api.call("ListUserPools", {"MaxResults": 10})) == (
        400,
        "TooManyRequestsException",
        "Rate exceeded",
    )
    assert api.call("ListUserPools", {"MaxResults": 10}).status_code == 200


# -- regions -------------------------------------------------------------------------------------


def test_a_signed_request_is_served_by_the_region_of_its_signature(
    cognito_idp: CognitoIdp, api: Api
) -> None:
    created = api.call("CreateUserPool", {"PoolName": "p"}, region="eu-west-1").json()

    pool = cognito_idp.pool(created["UserPool"]["Id"])
    assert pool.id.startswith("eu-west-1_")
    assert pool.issuer == f"https://cognito-idp.eu-west-1.amazonaws.com/{pool.id}"
    assert api.call("ListUserPools", {"MaxResults": 10}).json()["UserPools"] == []


def test_an_unsigned_request_is_served_by_the_region_of_the_client_it_names(
    cognito_idp: CognitoIdp, api: Api
) -> None:
    pool = cognito_idp.pool(
        api.call("CreateUserPool", {"PoolName": "p"}, region="ap-south-1").json()["UserPool"]["Id"]
    )
    client = pool.create_client(
        "web", explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    user = pool.create_user("ravi")

    signed_in = api.call(
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client.id,
            "AuthParameters": {"USERNAME": "ravi", "PASSWORD": user.password},
        },
        signed=False,
    ).json()["AuthenticationResult"]
    me = api.call("GetUser", {"AccessToken": signed_in["AccessToken"]}, signed=False)

    assert me.status_code == 200
    assert me.json()["Username"] == "ravi"
    assert [c.region for c in cognito_idp.get_calls("InitiateAuth")] == ["ap-south-1"]
    assert [c.region for c in cognito_idp.get_calls("GetUser")] == ["ap-south-1"]


def test_an_unsigned_request_naming_nothing_known_is_served_by_the_servers_region(
    cognito_idp: CognitoIdp, api: Api
) -> None:
    answer = api.call(
        "SignUp",
        {"ClientId": "a" * 26, "Username": "x", "Password": "Passw0rd!"},
        signed=False,
    )

    assert error(answer) == (
        400,
        "ResourceNotFoundException",
        f"User pool client {'a' * 26} does not exist.",
    )
    assert cognito_idp.get_calls("SignUp")[0].region == "us-east-1"


# -- the JWKS ------------------------------------------------------------------------------------


def test_the_jwks_and_openid_configuration_are_served_on_the_servers_url(
    cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    base = f"{cognito_server.url}/{cognito_pool.id}/.well-known"

    jwks = requests.get(f"{base}/jwks.json", timeout=10)
    config = requests.get(f"{base}/openid-configuration", timeout=10).json()

    assert jwks.status_code == 200
    assert jwks.json() == cognito_pool.jwks
    assert config["issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{cognito_pool.id}"
    assert config["jwks_uri"] == f"{base}/jwks.json"


# -- CORS ----------------------------------------------------------------------------------------


def test_a_preflight_is_answered_with_the_requested_method_and_headers(
    cognito_server: CognitoServer,
) -> None:
    answer = requests.options(
        cognito_server.url + "/",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent",
        },
        timeout=10,
    )

    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Access-Control-Allow-Methods"] == "POST"
    assert (
        answer.headers["Access-Control-Allow-Headers"]
        == "content-type,x-amz-target,x-amz-user-agent"
    )
    assert answer.headers["Access-Control-Max-Age"] == "172800"
    assert answer.content == b""


def test_answers_to_a_page_carry_cors_headers_even_for_errors(api: Api) -> None:
    answer = api.call(
        "DescribeUserPool",
        {"UserPoolId": "us-east-1_missing00"},
        headers={"Origin": "http://localhost:3000"},
    )

    assert answer.status_code == 400
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert set(answer.headers["Access-Control-Expose-Headers"].split(",")) >= {
        "x-amzn-RequestId",
        "x-amzn-ErrorType",
        "x-amzn-ErrorMessage",
    }


# -- many clients ----------------------------------------------------------------------------------


def test_hundreds_of_simultaneous_connections_are_all_answered(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer
) -> None:
    clients = 300
    host, port = cognito_server.url[len("http://") :].split(":")
    body = json.dumps({"PoolName": "p"}).encode()
    connected = threading.Barrier(clients)
    statuses: List[int] = []
    failures: List[BaseException] = []

    def one(n: int) -> None:
        try:
            # No retry: a refused or timed-out connect fails the test.
            with socket.create_connection((host, int(port)), timeout=2) as sock:
                connected.wait(timeout=30)
                sock.settimeout(30)
                sock.sendall(
                    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + JSON_11.encode()
                    + b"\r\nX-Amz-Target: "
                    + (TARGET + "CreateUserPool").encode()
                    + b"\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1"
                    b"/cognito-idp/aws4_request, SignedHeaders=host, Signature=ab\r\n"
                    b"X-Amz-Date: 20240101T000000Z\r\nConnection: close\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\n\r\n"
                    + body
                )
                reply = b""
                while chunk := sock.recv(65536):
                    reply += chunk
            statuses.append(int(reply.split(b" ", 2)[1]))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert statuses == [200] * clients
    assert len(cognito_idp.pools) == clients
    assert len(cognito_idp.get_calls("CreateUserPool")) == clients


# -- our own failures ------------------------------------------------------------------------------


def test_a_bug_of_ours_is_answered_500_and_kept_for_the_test(
    cognito_idp: CognitoIdp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(cognito_idp, "_answer_call", broken)
    with CognitoServer(cognito_idp) as server:
        answer = Api(server.url).call("ListUserPools", {"MaxResults": 1})

    assert error(answer) == (
        500,
        "InternalFailure",
        "pytest-cognito-idp failed on this request: RuntimeError: boom",
    )
    assert [str(e) for e in server.errors] == ["boom"]


def test_a_bug_fails_the_test_that_used_cognito_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import requests

        def test_it(cognito_idp, cognito_server, monkeypatch):
            def broken(*args):
                raise RuntimeError("boom")

            monkeypatch.setattr(cognito_idp, "_answer_call", broken)
            answer = requests.post(
                cognito_server.url + "/",
                data=b"{}",
                headers={
                    "Content-Type": "application/x-amz-json-1.1",
                    "X-Amz-Target": "AWSCognitoIdentityProviderService.SignUp",
                },
            )
            assert answer.status_code == 500
        """
    )

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*cognito_server failed on 1 request(s): RuntimeError: boom*"])


def test_a_chunked_body_is_read_whole(api: Api, cognito_idp: CognitoIdp) -> None:
    body = json.dumps({"PoolName": "chunked"}).encode()
    signed = api.call("ListUserPools", {"MaxResults": 1}).request.headers

    answer = requests.post(
        api.url + "/",
        data=iter([body[:5], body[5:]]),  # a generator body goes out chunked
        headers={
            "Content-Type": JSON_11,
            "X-Amz-Target": TARGET + "CreateUserPool",
            "Authorization": signed["Authorization"],
            "X-Amz-Date": signed["X-Amz-Date"],
        },
        timeout=10,
    )

    assert answer.request.headers["Transfer-Encoding"] == "chunked"
    assert answer.status_code == 200
    assert [p.name for p in cognito_idp.pools] == ["chunked"]


def test_stopping_closes_idle_keep_alive_connections(cognito_idp: CognitoIdp) -> None:
    server = CognitoServer(cognito_idp).start()
    api = Api(server.url)
    assert api.call("ListUserPools", {"MaxResults": 1}).status_code == 200  # stays open

    server.stop()

    with pytest.raises(requests.ConnectionError):
        api.call("ListUserPools", {"MaxResults": 1})


@pytest.mark.cognito_idp(region="eu-central-1")
def test_env_holds_what_a_subprocess_needs(cognito_server: CognitoServer) -> None:
    assert cognito_server.env == {
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": cognito_server.url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "eu-central-1",
        "AWS_DEFAULT_REGION": "eu-central-1",
    }
    assert cognito_server.url.startswith("http://127.0.0.1:")


def test_server_calls_run_on_the_tests_clock(
    cognito_clock: Any, api: Api, cognito_app_client: AppClient, cognito_user: User
) -> None:
    signed_in = api.call(
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": cognito_app_client.id,
            "AuthParameters": {"USERNAME": "jane", "PASSWORD": cognito_user.password},
        },
        signed=False,
    ).json()["AuthenticationResult"]

    cognito_clock.advance(hours=2)
    answer = api.call("GetUser", {"AccessToken": signed_in["AccessToken"]}, signed=False)

    assert error(answer) == (400, "NotAuthorizedException", "Access Token has expired")
