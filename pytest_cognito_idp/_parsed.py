"""botocore's parsed result, built from the fake's answer without the JSON round trip.

botocore turns a JSON 1.1 response into the dict a client call returns by decoding the body and
walking the operation's output shape (``botocore.parsers.JSONParser``): structure members that
are absent or null are left out, lists and maps are rebuilt item by item, timestamps become
``datetime.fromtimestamp(value, dateutil.tz.tzlocal())`` and blobs ``base64.b64decode(value)``;
then ``ResponseMetadata`` (``RequestId``, ``HTTPStatusCode``, lower-cased ``HTTPHeaders``,
``RetryAttempts``) is added, and an error becomes ``Error`` (``Code``, ``Message``) with the
modeled error's own fields beside it. ``result`` and ``error`` build the same dicts straight
from the fake's wire dict: fresh containers every time (the caller may change them), the same
types, equal values. A value the shape does not expect in the exact JSON type (a ``str``
subclass, a non-finite float, a timestamp given as text...) makes ``result`` parse the JSON
bytes with botocore's own parser instead, so the answer is never different, only slower.

``by_botocore`` is that parser, as botocore's ``Endpoint`` runs it; the tests check the two
agree over every operation's output shape.
"""

from __future__ import annotations

import base64
import datetime as _dt
import math
import threading
import time
from typing import Any, Callable, Dict, Optional, Tuple

import orjson
from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser
from dateutil.tz import tzlocal

Build = Callable[[Any], Any]
_UTC = _dt.timezone.utc


class Unexpected(Exception):
    """A value not of the JSON type its shape expects: botocore's parser decides."""


# -- timestamps ---------------------------------------------------------------------------------


class _LocalZone:
    """botocore's timestamps are in ``tzlocal()``, built anew for each value at 12 us apiece.

    In a zone without daylight saving time that is the UTC time plus the zone's fixed offset,
    with ``fold`` 0, which ``datetime.fromtimestamp(value, timezone.utc)`` gives in C; in a
    zone with DST, ``fromtimestamp`` with the zone does it (dateutil decides the offset). The
    zone is read again when ``time.tzset()`` changed it.
    """

    def __init__(self) -> None:
        self.names: Any = None
        self.zone: Any = None
        self.offset: Optional[_dt.timedelta] = None

    def refresh(self) -> None:
        # time.tzset() sets every one of these, time.tzname to a new tuple: one identity test.
        if time.tzname is not self.names:
            self.zone = tzlocal()
            self.offset = None if time.daylight else _dt.timedelta(seconds=-time.timezone)
            self.names = time.tzname


_local = _LocalZone()


def _timestamp(value: Any) -> _dt.datetime:
    kind = type(value)
    if kind is not float and kind is not int:
        raise Unexpected(value)
    offset = _local.offset
    if offset is None:
        return _dt.datetime.fromtimestamp(value, _local.zone)
    try:
        moment = _dt.datetime.fromtimestamp(value, _UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise Unexpected(value) from exc
    if offset:
        moment = moment + offset
    return moment.replace(tzinfo=_local.zone)


# -- scalars ------------------------------------------------------------------------------------


def _string(value: Any) -> Any:
    if type(value) is not str:
        raise Unexpected(value)
    return value


def _integer(value: Any) -> Any:
    kind = type(value)
    if kind is int:
        return value
    if kind is float and math.isfinite(value):  # JSON keeps what the service sent
        return value
    raise Unexpected(value)


def _boolean(value: Any) -> Any:
    if type(value) is not bool:
        raise Unexpected(value)
    return value


def _blob(value: Any) -> bytes:
    if type(value) is not str:
        raise Unexpected(value)
    return base64.b64decode(value)


def _document(value: Any) -> Any:
    # A document is returned as JSON decoded it: a fresh copy of the same tree.
    try:
        return orjson.loads(orjson.dumps(value))
    except TypeError as exc:
        raise Unexpected(value) from exc


_SCALARS: Dict[str, Build] = {
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "float": _integer,
    "double": _integer,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
}


# -- containers ---------------------------------------------------------------------------------


def _structure(members: Tuple[Tuple[str, str, Build], ...]) -> Build:
    def build(value: Any) -> Any:
        if type(value) is not dict:
            raise Unexpected(value)
        out = {}
        for name, key, part in members:
            item = value.get(key)
            if item is not None:
                out[name] = part(item)
        return out

    return build


def _list(part: Build) -> Build:
    def build(value: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise Unexpected(value)
        return [None if item is None else part(item) for item in value]

    return build


def _map(key: Build, part: Build) -> Build:
    def build(value: Any) -> Any:
        if type(value) is not dict:
            raise Unexpected(value)
        return {key(k): part(v) for k, v in value.items()}

    return build


_built: Dict[int, Build] = {}


def builder(shape: Any) -> Build:
    """The function building ``shape``'s parsed value from its wire value (cached per shape)."""
    found = _built.get(id(shape))
    if found is not None:
        return found
    with _building:  # a recursive shape's stand-in must not be seen by another thread
        return _built.get(id(shape)) or _make(shape)


def _by_botocore(value: Any) -> Any:
    raise Unexpected(value)


def _make(shape: Any) -> Build:
    kind = shape.type_name
    if kind == "structure" and shape.is_document_type:
        made: Build = _document
    elif kind == "structure":
        if shape.is_tagged_union:
            # None in cognito-idp's model today; should one come, botocore's parser reads it.
            return _by_botocore
        holder: Dict[str, Build] = {}
        _built[id(shape)] = lambda value: holder["build"](value)  # recursive shapes
        members = tuple(
            (name, member.serialization.get("name", name), _made(member))
            for name, member in shape.members.items()
        )
        made = holder["build"] = _structure(members)
    elif kind == "list":
        made = _list(_made(shape.member))
    elif kind == "map":
        made = _map(_made(shape.key), _made(shape.value))
    else:
        made = _SCALARS.get(kind, _document)
    _built[id(shape)] = made
    _keep.append(shape)  # the id stays this shape's
    return made


def _made(shape: Any) -> Build:
    return _built.get(id(shape)) or _make(shape)


_building = threading.RLock()
_keep: list[Any] = []


# -- whole results ------------------------------------------------------------------------------


def _metadata(request_id: str, status: int, headers: Dict[str, str]) -> Dict[str, Any]:
    return {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": {k.lower(): v for k, v in headers.items()},
        "RetryAttempts": 0,
    }


def result(
    model: Any, wire: Dict[str, Any], body: bytes, request_id: str, headers: Dict[str, str]
) -> Dict[str, Any]:
    """What botocore returns for ``model``'s successful answer ``wire`` (JSON: ``body``)."""
    shape = model.output_shape
    try:
        _local.refresh()
        parsed: Dict[str, Any] = builder(shape)(wire) if shape is not None else {}
    except Unexpected:
        return by_botocore(model, 200, headers, body)
    parsed["ResponseMetadata"] = _metadata(request_id, 200, headers)
    return parsed


def error(
    model: Any,
    payload: Dict[str, Any],
    body: bytes,
    status: int,
    request_id: str,
    headers: Dict[str, str],
) -> Dict[str, Any]:
    """What botocore makes of an error answer ``payload`` (``{"__type": ..., "message": ...}``,
    JSON: ``body``): ``Error``, ``ResponseMetadata`` and the modeled error's fields."""
    message = payload.get("message", payload.get("Message", ""))
    code = payload.get("__type")
    if type(code) is not str or type(message) is not str or ":" in code or "#" in code:
        return by_botocore(model, status, headers, body)
    parsed: Dict[str, Any] = {
        "Error": {"Message": message, "Code": code},
        "ResponseMetadata": _metadata(request_id, status, headers),
    }
    shape = model.service_model.shape_for_error_code(code)
    if shape is not None:
        try:
            _local.refresh()
            parsed.update(builder(shape)(payload))
        except Unexpected:
            return by_botocore(model, status, headers, body)
    return parsed


_parser = create_parser("json")


def by_botocore(model: Any, status: int, headers: Dict[str, str], body: bytes) -> Dict[str, Any]:
    """botocore's own parse of an answer, as ``botocore.endpoint.Endpoint`` does it (for a first
    attempt): the parser, the modeled error fields, ``RetryAttempts``."""
    response = {
        "headers": HeadersDict(headers),
        "status_code": status,
        "body": body,
        "context": {"operation_name": model.name},
    }
    parsed: Dict[str, Any] = _parser.parse(response, model.output_shape)
    if status >= 300:
        code = parsed.get("Error", {}).get("Code")
        shape = model.service_model.shape_for_error_code(code) if code else None
        if shape is not None:
            parsed.update(_parser.parse(response, shape))
    if "ResponseMetadata" in parsed:
        parsed["ResponseMetadata"]["RetryAttempts"] = 0
    return parsed
