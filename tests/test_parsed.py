"""The parsed result built without the JSON round trip equals botocore's parser's, exactly."""

from __future__ import annotations

import base64
import datetime as _dt
import time
from typing import Any, Dict, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_cognito_idp import _parsed, _wire
from pytest_cognito_idp._model import service

MODEL = service.service_model()
OPERATIONS = sorted(op for op in MODEL.operation_names if MODEL.operation_model(op).output_shape)
ERROR_CODES = sorted(
    MODEL.shape_for(name).error_code
    for name in MODEL.shape_names
    if MODEL.shape_for(name).metadata.get("exception")
)
REQUEST_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
HEADERS = {"x-amzn-RequestId": REQUEST_ID, "Content-Type": _wire.CONTENT_TYPE}

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
# Epoch seconds as the service sends them: whole, or with milliseconds; 1970 to 2100.
_epoch = st.integers(0, 4102444800) | st.integers(0, 4102444800000).map(lambda ms: ms / 1000)


def _wire_value(shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    if kind == "structure" and shape.is_document_type:
        return _json
    if kind == "structure":
        if depth > 4:
            return st.just({})
        members = {
            name: st.none() | _wire_value(member, depth + 1)
            for name, member in shape.members.items()
        }
        return st.fixed_dictionaries({}, optional=members)
    if kind == "list":
        return st.lists(_wire_value(shape.member, depth + 1), max_size=3 if depth < 3 else 0)
    if kind == "map":
        return st.dictionaries(st.text(max_size=6), _wire_value(shape.value, depth + 1), max_size=2)
    if kind == "timestamp":
        return _epoch
    if kind == "blob":
        return st.binary(max_size=12).map(lambda b: base64.b64encode(b).decode())
    if kind in ("integer", "long"):
        return st.integers(-(2**40), 2**40)
    if kind == "boolean":
        return st.booleans()
    return st.text(max_size=8)


def same(a: Any, b: Any, path: str = "") -> None:
    """``a`` and ``b`` equal, of the same types all the way down, datetimes in the same zone."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        assert list(a) == list(b), f"{path}: keys {list(a)} != {list(b)}"
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, _dt.datetime):
        assert (a, a.fold, a.utcoffset(), type(a.tzinfo)) == (
            b,
            b.fold,
            b.utcoffset(),
            type(b.tzinfo),
        )
        assert a.replace(tzinfo=None) == b.replace(tzinfo=None), path  # the same wall time
        assert a.tzinfo == b.tzinfo, path
    else:
        assert a == b, path


@pytest.fixture(params=["UTC", "Asia/Kolkata", "Europe/Paris"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """botocore's datetimes are local time: in UTC, a zone with a fixed offset, one with DST."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_output_shape_parses_as_botocore_parses_it(operation: str, zone: str) -> None:
    model = MODEL.operation_model(operation)

    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    @given(wire=_wire_value(model.output_shape))
    def check(wire: Dict[str, Any]) -> None:
        body = _wire.dumps(wire)
        built = _parsed.result(model, wire, body, REQUEST_ID, HEADERS)
        same(built, _parsed.by_botocore(model, 200, HEADERS, body))

    check()


@pytest.mark.parametrize("code", ERROR_CODES)
def test_every_modeled_error_parses_as_botocore_parses_it(code: str) -> None:
    model = MODEL.operation_model("AdminGetUser")
    status = 500 if code == "InternalErrorException" else 400
    payload = {"__type": code, "message": f"{code} happened"}
    headers = {**HEADERS, "x-amzn-ErrorType": f"{code}:", "x-amzn-ErrorMessage": "m"}
    body = _wire.dumps(payload)
    built = _parsed.error(model, payload, body, status, REQUEST_ID, headers)
    same(built, _parsed.by_botocore(model, status, headers, body))
    assert built["Error"] == {"Message": f"{code} happened", "Code": code}


def test_each_result_is_a_fresh_tree() -> None:
    model = MODEL.operation_model("AdminGetUser")
    wire: Dict[str, Any] = {
        "Username": "jane",
        "UserAttributes": [{"Name": "email", "Value": "j@example.com"}],
    }
    body = _wire.dumps(wire)
    first = _parsed.result(model, wire, body, REQUEST_ID, HEADERS)
    first["UserAttributes"][0]["Value"] = "changed"
    first["ResponseMetadata"]["HTTPHeaders"].clear()
    second = _parsed.result(model, wire, body, REQUEST_ID, HEADERS)
    assert second["UserAttributes"] == [{"Name": "email", "Value": "j@example.com"}]
    assert wire["UserAttributes"][0]["Value"] == "j@example.com"
    assert second["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"] == REQUEST_ID


class Tier(str):
    """A str subclass: JSON makes it a plain str, and so must the result."""


@pytest.mark.parametrize(
    "wire",
    [
        {"Username": Tier("jane")},
        {"Username": "jane", "UserCreateDate": "2024-01-02T03:04:05Z"},
        {"Username": "jane", "UserCreateDate": float("nan")},
        {"Username": "jane", "Enabled": 1},
    ],
    ids=["str-subclass", "text-timestamp", "nan-timestamp", "int-for-boolean"],
)
def test_values_of_unexpected_types_are_parsed_by_botocore(wire: Dict[str, Any]) -> None:
    model = MODEL.operation_model("AdminGetUser")
    body = _wire.dumps(wire)
    built = _parsed.result(model, wire, body, REQUEST_ID, HEADERS)
    same(built, _parsed.by_botocore(model, 200, HEADERS, body))
    assert type(built["Username"]) is str


def test_a_tagged_union_is_left_to_botocores_parser() -> None:
    # cognito-idp has none today; one added to its model must not be built wrong.
    from botocore.model import ShapeResolver

    resolver = ShapeResolver(
        {
            "Choice": {"type": "structure", "union": True, "members": {"A": {"shape": "S"}}},
            "S": {"type": "string"},
        }
    )
    build = _parsed._make(resolver.get_shape_by_name("Choice"))
    with pytest.raises(_parsed.Unexpected):
        build({"A": "x"})
