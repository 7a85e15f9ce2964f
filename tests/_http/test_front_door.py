"""What AWS's front end checks before an operation runs, through ``cognito_server``: the
signature, the JSON body, the target and the content type; never a dropped connection."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_cognito_idp import AppClient, CognitoIdp, CognitoServer, User, fake_cognito_idp
from pytest_cognito_idp._http import api_server

from .conftest import JSON_11, TARGET, Api, error

# -- signing -------------------------------------------------------------------------------------


def test_a_signed_operation_without_authorization_is_refused_before_it_runs(
    cognito_idp: CognitoIdp, api: Api
) -> None:
    answer = api.call("CreateUserPool", {"PoolName": "p"}, signed=False)

    assert error(answer) == (
        400,
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
    )
    assert answer.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException:"
    # The observed answer's Content-Length, 89, is this body's.
    assert answer.content == (
        b'{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}'
    )
    assert cognito_idp.pools == []
    cognito_idp.assert_not_called("CreateUserPool")


def test_unsigned_operations_need_no_credentials(
    api: Api, cognito_app_client: AppClient, cognito_user: User
) -> None:
    answer = api.call(
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": cognito_app_client.id,
            "AuthParameters": {"USERNAME": "jane", "PASSWORD": cognito_user.password},
        },
        signed=False,
    )

    assert answer.status_code == 200
    assert set(answer.json()["AuthenticationResult"]) >= {"AccessToken", "IdToken"}


SCOPE_ONLY = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-idp/aws4_request"
SIGNED = f"{SCOPE_ONLY}, SignedHeaders=host;x-amz-date, Signature=0123abcd"


def test_an_authorization_missing_its_parts_is_an_incomplete_signature(api: Api) -> None:
    answer = api.call(
        "ListUserPools", {"MaxResults": 1}, signed=False, headers={"Authorization": SCOPE_ONLY}
    )

    assert error(answer) == (
        400,
        "IncompleteSignatureException",
        "Authorization header requires 'Signature' parameter. "
        "Authorization header requires 'SignedHeaders' parameter. "
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        f"Authorization={SCOPE_ONLY}",
    )


def test_a_signature_scoped_to_another_service_is_invalid(api: Api) -> None:
    answer = api.call(
        "ListUserPools",
        {"MaxResults": 1},
        signed=False,
        headers={
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request,"
            " SignedHeaders=host;x-amz-date, Signature=abc",
            "X-Amz-Date": "20240101T000000Z",
        },
    )

    assert error(answer) == (
        400,
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'cognito-idp'.",
    )


# -- bad requests: AWS's 4xx, never a dropped connection -------------------------------------------


def post(cognito_server: CognitoServer, body: bytes, **headers: str) -> requests.Response:
    sent = {"Content-Type": JSON_11, "X-Amz-Target": TARGET + "SignUp", **headers}
    return requests.post(cognito_server.url + "/", data=body, headers=sent, timeout=10)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b""])
def test_a_body_that_is_not_a_json_object_is_a_serialization_error(
    cognito_server: CognitoServer, body: bytes
) -> None:
    answer = post(cognito_server, body)

    assert answer.status_code == 400
    assert answer.json() == {"__type": "SerializationException"}
    assert answer.headers["x-amzn-ErrorType"] == "SerializationException:"


@pytest.mark.parametrize(
    "target",
    [None, "", "AWSCognitoIdentityProviderService.NoSuchThing", "DynamoDB_20120810.GetItem"],
)
def test_an_unknown_or_missing_target_is_an_unknown_operation(
    cognito_server: CognitoServer, target: Any
) -> None:
    headers = {"Content-Type": JSON_11}
    if target is not None:
        headers["X-Amz-Target"] = target
    answer = requests.post(cognito_server.url + "/", data=b"{}", headers=headers, timeout=10)

    assert answer.status_code == 400
    assert answer.json() == {"__type": "UnknownOperationException"}


NOT_UNDERSTOOD = {
    "code": "BadRequest",
    "message": "The server did not understand the operation that was requested.",
    "type": "client",
}


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", ""])
def test_a_wrong_content_type_is_not_understood(
    cognito_server: CognitoServer, content_type: str
) -> None:
    answer = post(cognito_server, b"{}", **{"Content-Type": content_type})

    assert answer.status_code == 404
    assert answer.json() == NOT_UNDERSTOOD


def test_a_stray_get_is_not_understood(cognito_server: CognitoServer) -> None:
    answer = requests.get(cognito_server.url + "/", timeout=10)

    assert answer.status_code == 404
    assert answer.json() == NOT_UNDERSTOOD


def test_an_oversized_body_is_answered_413_not_dropped(cognito_server: CognitoServer) -> None:
    answer = post(cognito_server, b" " * (api_server.MAX_BODY + 1))

    assert answer.status_code == 413
    assert answer.headers["Connection"] == "close"


def test_a_message_that_http_headers_cannot_carry_is_still_answered(api: Api) -> None:
    pool_id = "us-east-1_€€€"

    answer = api.call("DescribeUserPool", {"UserPoolId": pool_id})

    status, code, message = error(answer)
    assert (status, code) == (400, "InvalidParameterException")
    assert f"Value '{pool_id}' at 'userPoolId'" in message  # the body is UTF-8 JSON: kept
    assert "Value 'us-east-1_???' at 'userPoolId'" in answer.headers["x-amzn-ErrorMessage"]


_TARGETS = st.one_of(
    st.sampled_from(["SignUp", "InitiateAuth", "CreateUserPool", "AdminGetUser"]).map(
        lambda op: TARGET + op
    ),
    st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=40),
)
_BODIES = st.one_of(
    st.binary(max_size=200),
    st.dictionaries(
        st.sampled_from(["ClientId", "UserPoolId", "Username", "PoolName"]),
        st.one_of(st.text(max_size=30), st.integers(), st.none()),
    ).map(lambda d: json.dumps(d).encode()),
)


def test_any_request_gets_an_answer_never_a_dropped_connection() -> None:
    with fake_cognito_idp() as idp, CognitoServer(idp) as server:
        session = requests.Session()

        @settings(max_examples=150, deadline=None, database=None)
        @given(target=_TARGETS, body=_BODIES, signed=st.booleans())
        def one(target: str, body: bytes, signed: bool) -> None:
            headers = {"Content-Type": JSON_11, "X-Amz-Target": target}
            if signed:
                headers["Authorization"] = SIGNED
                headers["X-Amz-Date"] = "20240101T000000Z"
            answer = session.post(server.url + "/", data=body, headers=headers, timeout=10)
            assert answer.status_code in (200, 400), answer.text
            assert isinstance(answer.json(), dict)
            assert answer.headers["x-amzn-RequestId"]

        one()
        assert server.errors == []


@pytest.mark.parametrize(
    ("framing", "body"),
    [("Content-Length: +2", b"{}"), ("Transfer-Encoding: chunked", b"zz\r\n{}\r\n0\r\n\r\n")],
)
def test_a_body_framed_wrongly_is_answered_400_and_the_connection_closed(
    cognito_server: CognitoServer, framing: str, body: bytes
) -> None:
    host, port = cognito_server.url[len("http://") :].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            f"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: {JSON_11}\r\n{framing}\r\n\r\n".encode()
            + body
        )
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk  # the server closes: recv ends

    assert reply.startswith(b"HTTP/1.1 400 ")
    assert b"\r\nConnection: close\r\n" in reply
