"""Calling ``cognito_server`` as another process would: plain HTTP, signed by botocore's signer."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pytest_cognito_idp import CognitoServer

TARGET = "AWSCognitoIdentityProviderService."
JSON_11 = "application/x-amz-json-1.1"


class Api:
    """POSTs to a server's JSON 1.1 API, signed (SigV4, any credentials) unless told not to."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()

    def call(
        self,
        operation: str,
        params: Optional[Dict[str, Any]] = None,
        *,
        signed: bool = True,
        region: str = "us-east-1",
        headers: Optional[Dict[str, str]] = None,
    ) -> requests.Response:
        request = AWSRequest(
            "POST",
            self.url + "/",
            data=json.dumps(params or {}).encode(),
            headers={"Content-Type": JSON_11, "X-Amz-Target": TARGET + operation},
        )
        if signed:
            SigV4Auth(Credentials("AKIDANY", "any-secret"), "cognito-idp", region).add_auth(request)
        sent = dict(request.headers.items())
        sent.update(headers or {})
        return self.session.post(self.url + "/", data=request.body, headers=sent, timeout=10)


@pytest.fixture
def api(cognito_server: CognitoServer) -> Api:
    return Api(cognito_server.url)


def error(response: requests.Response) -> tuple[int, str, str]:
    """(status, __type, message) of an error answer."""
    body = response.json()
    return response.status_code, body["__type"], body.get("message", "")
