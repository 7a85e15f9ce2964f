"""What the service's front end checks before an operation runs, for requests that arrive over
HTTP: the content type, the JSON body, the ``X-Amz-Target`` and the SigV4 ``Authorization``.

The front end is AWS's shared JSON 1.1 ("Coral") layer, not Cognito's: its errors are not in the
cognito-idp model. What is known of its answers:

- An operation that needs signing, sent without ``Authorization``, was observed on cognito-idp
  with ``x-amzn-ErrorType: MissingAuthenticationTokenException:`` and ``x-amzn-ErrorMessage:
  Missing Authentication Token`` (github.com/awslabs/aws-sdk-ios-samples/issues/108, a
  DescribeUserPool call), and a ``Content-Length`` of 89: exactly
  ``{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}``.
  HTTP 400 is the status the same layer gives on DynamoDB (dynalite's replica of it);
  unconfirmed for cognito-idp.
- A request whose protocol the endpoint does not recognise was observed on cognito-idp as a 404
  with ``{"code":"BadRequest","message":"The server did not understand the operation that was
  requested.","type":"client"}`` (github.com/amazon-archives/amazon-cognito-js/issues/64).
- Unparseable JSON (``SerializationException``), an unknown target
  (``UnknownOperationException``, no message) and an ``Authorization`` missing its parts
  (``IncompleteSignatureException`` with the messages below) are the same layer's answers on
  DynamoDB, as dynalite reproduces them; unconfirmed for cognito-idp. The checks run in that
  order: content type, JSON, target, then the signature.

Only the shape of the signature is checked, never its value: any credentials are accepted.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

import orjson

from .. import _wire
from .._model import service
from ..errors import CognitoError

CONTENT_TYPES = ("application/x-amz-json-1.1", "application/x-amz-json-1.0")
NOT_UNDERSTOOD = orjson.dumps(
    {
        "code": "BadRequest",
        "message": "The server did not understand the operation that was requested.",
        "type": "client",
    }
)
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d+")


class FrontEndError(CognitoError):
    """An error of the front end, before any operation runs (not a modeled cognito-idp error)."""

    def __init__(self, code: str, message: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


def _unsigned_operations() -> frozenset[str]:
    model = service.service_model()
    return frozenset(
        name for name in model.operation_names if model.operation_model(name).auth_type == "none"
    )


UNSIGNED = _unsigned_operations()
"""The operations the model marks ``authtype: none``: SignUp, InitiateAuth, GetUser..."""


def content_type_accepted(header: Optional[str]) -> bool:
    return (header or "").split(";")[0].strip().lower() in CONTENT_TYPES


def parse_body(body: bytes) -> Dict[str, Any]:
    """The JSON object of a request body; ``SerializationException`` for anything else."""
    try:
        params = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise FrontEndError("SerializationException") from None
    if not isinstance(params, dict):
        raise FrontEndError("SerializationException")
    return params


def operation_of(target: Optional[str]) -> str:
    """The operation an ``X-Amz-Target`` names; ``UnknownOperationException`` unless it is
    ``AWSCognitoIdentityProviderService.<an operation of the model>``."""
    target = target or ""
    operation = target[len(_wire.TARGET_PREFIX) :]
    if not target.startswith(_wire.TARGET_PREFIX) or operation not in (
        service.service_model().operation_names
    ):
        raise FrontEndError("UnknownOperationException")
    return operation


def signature_region(operation: str, headers: Dict[str, str]) -> Optional[str]:
    """The region of the request's credential scope, None for an unsigned request of an
    operation that needs no signing; the front end's error for a missing or malformed one."""
    auth = headers.get("authorization", "").strip()
    if not auth.startswith("AWS4-"):
        if operation in UNSIGNED:
            return None
        raise FrontEndError("MissingAuthenticationTokenException", "Missing Authentication Token")
    algorithm, _, rest = auth.partition(" ")
    parts: Dict[str, str] = {}
    for item in rest.replace(",", " ").split():
        key, _, value = item.partition("=")
        parts[key] = value
    missing = "".join(
        f"Authorization header requires '{name}' parameter. "
        for name in ("Credential", "Signature", "SignedHeaders")
        if not parts.get(name)
    )
    if "x-amz-date" not in headers and "date" not in headers:
        missing += (
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        )
    if missing:
        raise FrontEndError("IncompleteSignatureException", f"{missing}Authorization={auth}")
    if algorithm != "AWS4-HMAC-SHA256":
        raise FrontEndError(
            "IncompleteSignatureException",
            f"Unsupported AWS 'algorithm': '{algorithm}' (only AWS4-HMAC-SHA256 for now). ",
        )
    return _scope_region(parts["Credential"])


def _scope_region(credential: str) -> str:
    pieces = credential.rstrip("/").split("/")
    if len(pieces) != 5:
        raise FrontEndError(
            "IncompleteSignatureException",
            "Credential must have exactly 5 slash-delimited elements, e.g. "
            f"keyid/date/region/service/term, got '{credential}'",
        )
    _, _, region, name, terminator = pieces
    wrong = ""
    if not _REGION.fullmatch(region):
        wrong += f"Credential should be scoped to a valid region, not '{region}'. "
    if name != "cognito-idp":
        wrong += "Credential should be scoped to correct service: 'cognito-idp'. "
    if terminator != "aws4_request":
        wrong += (
            "Credential should be scoped with a valid terminator: 'aws4_request', "
            f"not '{terminator}'. "
        )
    if wrong:
        raise FrontEndError("InvalidSignatureException", wrong.rstrip())
    return region
