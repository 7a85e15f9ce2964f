"""The API's JSON 1.1 wire format: botocore's requests in, the service's responses out.

Requests arrive as botocore ``AWSPreparedRequest`` objects; answers leave as ``AWSResponse``
objects carrying exactly what the service would send, so botocore's own parser turns them into
datetimes and ``client.exceptions.<Code>`` as it does with AWS. (What the fake answers over plain
HTTP, such as the JWKS and presigned uploads, is ``_http/``'s.)
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterator, Optional, Tuple

import orjson
from botocore.awsrequest import AWSResponse

from .backend.core import ids
from .errors import CognitoError

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
CONTENT_TYPE = "application/x-amz-json-1.1"

_HOST_REGION = re.compile(r"cognito-idp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com")
_SCOPE_REGION = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/cognito-idp/")
_url_regions: dict[str, str] = {}  # endpoint URL -> region, as read from its host


class _Body:
    """The minimum of a urllib3 response that ``AWSResponse.content`` reads."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data


def _header(headers: Any, name: str) -> Optional[str]:
    value = headers.get(name)
    if isinstance(value, bytes):
        return value.decode()
    return value  # type: ignore[no-any-return]


def decode(request: Any, operation: Optional[str] = None) -> Tuple[str, bytes, dict[str, Any]]:
    """The operation name (unless given), the JSON body and the parameters of a botocore
    request."""
    if operation is None:
        target = _header(request.headers, "X-Amz-Target") or ""
        operation = target[len(TARGET_PREFIX) :] if target.startswith(TARGET_PREFIX) else target
    body = request.body
    if hasattr(body, "read"):
        body = body.read()
    if isinstance(body, str):
        body = body.encode()
    body = body or b""
    return operation, body, orjson.loads(body) if body else {}


def loads(body: bytes) -> dict[str, Any]:
    return orjson.loads(body) if body else {}


def dumps(payload: dict[str, Any]) -> bytes:
    # orjson hands back its working buffer, 4 KiB at least, as the bytes object. Every recorded
    # call keeps its response: a copy of the right size keeps a thousand calls from holding 4 MB
    # (and the fake from slowing down as its heap spreads).
    return memoryview(orjson.dumps(payload)).tobytes()


def region_of(request: Any, default: str) -> str:
    """The region a request was meant for: from the endpoint host, else the signature's scope."""
    url = request.url
    region = _url_regions.get(url)
    if region is not None:
        return region
    m = _HOST_REGION.search(url)
    if m:
        if len(_url_regions) < 1024:  # a client's endpoint is one URL for all its calls
            _url_regions[url] = m.group(1)
        return m.group(1)
    auth = _header(request.headers, "Authorization")
    if auth:
        m = _SCOPE_REGION.search(auth)
        if m:
            return m.group(1)
    return default


def response(
    url: str, body: bytes, status: int = 200, extra: Optional[dict[str, str]] = None
) -> AWSResponse:
    """An answer carrying ``body`` (encoded with ``dumps``): a result unless ``status`` says."""
    headers = {"x-amzn-RequestId": ids.request_id(), "Content-Type": CONTENT_TYPE}
    if extra:
        headers.update(extra)
    return AWSResponse(url, status, headers, _Body(body))


def error_payload(error: CognitoError) -> dict[str, Any]:
    return {"__type": error.code, "message": error.message}


def error_headers(error: CognitoError) -> dict[str, str]:
    # The live service adds x-amzn-ErrorType with a trailing colon (fact sheet, section 1).
    return {"x-amzn-ErrorType": f"{error.code}:", "x-amzn-ErrorMessage": error.message}


def failure(url: str, error: CognitoError) -> AWSResponse:
    return response(url, dumps(error_payload(error)), error.status, error_headers(error))


def timestamp(epoch: float) -> float:
    """Epoch seconds with a millisecond fraction, as the service sends them.

    Truncated like the service's epoch milliseconds, never rounded up: a date a call reports is
    never later than the clock it was read from. The microsecond of slack keeps a value that is
    already whole milliseconds (1470957431.965 is stored as ...964999...) from losing one.
    """
    return math.floor(epoch * 1000 + 1e-3) / 1000
