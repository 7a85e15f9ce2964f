"""Model-driven property test: whatever an operation is sent, the answer is a modeled success
(fitting the output shape) or a modeled error, never another exception.

Inputs are generated from each operation's input shape. Members that name things (a pool, a
client, a user, a group, a job) are drawn half the time from what exists, so handlers are reached
past their lookups, and otherwise generated from the member's own pattern and limits.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, Optional

import pytest
from botocore.model import Shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp._model.output import check_output
from pytest_cognito_idp._model.service import operation_model
from pytest_cognito_idp.errors import CognitoError
from pytest_cognito_idp.operations import REGISTRY

# Examples per operation: the ones with the largest input spaces get more.
DEFAULT_EXAMPLES = 12
EXAMPLES = {
    "CreateUserPool": 40,
    "UpdateUserPool": 30,
    "CreateUserPoolClient": 40,
    "UpdateUserPoolClient": 30,
    "AdminCreateUser": 40,
    "SignUp": 40,
    "ListUsers": 40,
    "InitiateAuth": 40,
    "AdminInitiateAuth": 40,
    "RespondToAuthChallenge": 30,
    "SetRiskConfiguration": 30,
    "SetLogDeliveryConfiguration": 30,
    "CreateManagedLoginBranding": 30,
    "UpdateManagedLoginBranding": 30,
    "CreateTerms": 30,
    "UpdateTerms": 30,
}


def _world(fake: CognitoIdp) -> Dict[str, str]:
    """Things that exist, by the member name that refers to them."""
    known: Dict[str, str] = {}
    pool = fake.invoke("CreateUserPool", {"PoolName": "fuzz", "AutoVerifiedAttributes": ["email"]})
    known["UserPoolId"] = pool["UserPool"]["Id"]
    known["ResourceArn"] = pool["UserPool"]["Arn"]
    if "CreateUserPoolClient" in REGISTRY:
        client = fake.invoke(
            "CreateUserPoolClient", {"UserPoolId": known["UserPoolId"], "ClientName": "fuzz"}
        )
        known["ClientId"] = client["UserPoolClient"]["ClientId"]
    if "AdminCreateUser" in REGISTRY:
        fake.invoke(
            "AdminCreateUser",
            {
                "UserPoolId": known["UserPoolId"],
                "Username": "fuzzer",
                "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "email", "Value": "fuzz@example.com"}],
            },
        )
        known["Username"] = "fuzzer"
    if "CreateGroup" in REGISTRY:
        fake.invoke("CreateGroup", {"UserPoolId": known["UserPoolId"], "GroupName": "fuzzers"})
        known["GroupName"] = "fuzzers"
    if "CreateIdentityProvider" in REGISTRY:
        fake.invoke(
            "CreateIdentityProvider",
            {
                "UserPoolId": known["UserPoolId"],
                "ProviderName": "Google",
                "ProviderType": "Google",
                "ProviderDetails": {
                    "client_id": "c",
                    "client_secret": "s",
                    "authorize_scopes": "e",
                },
                "IdpIdentifiers": ["fuzz.example.com"],
            },
        )
        known["ProviderName"] = "Google"
        known["IdpIdentifier"] = "fuzz.example.com"
    if "CreateResourceServer" in REGISTRY:
        fake.invoke(
            "CreateResourceServer",
            {"UserPoolId": known["UserPoolId"], "Identifier": "fuzz-api", "Name": "fuzz"},
        )
        known["Identifier"] = "fuzz-api"
    if "CreateUserPoolDomain" in REGISTRY:
        fake.invoke("CreateUserPoolDomain", {"UserPoolId": known["UserPoolId"], "Domain": "fuzz"})
        known["Domain"] = "fuzz"
    if "CreateTerms" in REGISTRY and "ClientId" in known:
        terms = fake.invoke(
            "CreateTerms",
            {
                "UserPoolId": known["UserPoolId"],
                "ClientId": known["ClientId"],
                "TermsName": "terms-of-use",
                "TermsSource": "LINK",
                "Enforcement": "NONE",
                "Links": {"cognito:default": "https://example.com/terms"},
            },
        )
        known["TermsId"] = terms["Terms"]["TermsId"]
    if "CreateManagedLoginBranding" in REGISTRY and "ClientId" in known:
        style = fake.invoke(
            "CreateManagedLoginBranding",
            {
                "UserPoolId": known["UserPoolId"],
                "ClientId": known["ClientId"],
                "UseCognitoProvidedValues": True,
            },
        )
        known["ManagedLoginBrandingId"] = style["ManagedLoginBranding"]["ManagedLoginBrandingId"]
    return known


def _text(shape: Shape) -> st.SearchStrategy[str]:
    lo = shape.metadata.get("min", 0)
    hi = shape.metadata.get("max")
    cap = min(hi + 2, 64) if hi is not None else 64
    plain = st.text(min_size=lo, max_size=max(cap, lo))
    pattern = shape.metadata.get("pattern")
    if pattern and "\\p{" not in pattern:
        try:
            re.compile(pattern)
        except re.error:
            return plain
        matching = st.from_regex(pattern, fullmatch=True).filter(lambda s: len(s) <= cap)
        return st.one_of(matching, plain)
    return plain


@functools.cache
def _strategy(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    meta = shape.metadata
    if kind == "string":
        if "enum" in meta:
            return st.sampled_from([*meta["enum"], "NOT_A_VALUE"])
        return _text(shape)
    if kind in ("integer", "long"):
        lo = meta.get("min", -5)
        hi = meta.get("max", lo + 1000)
        return st.integers(min_value=lo, max_value=hi + 1)
    if kind == "boolean":
        return st.booleans()
    if kind == "list":
        return st.lists(_strategy(shape.member, depth + 1), max_size=3 if depth < 3 else 0)
    if kind == "map":
        return st.dictionaries(
            _strategy(shape.key, depth + 1), _strategy(shape.value, depth + 1), max_size=2
        )
    if kind == "structure":
        return _structure(shape, depth, None)
    return st.just("x")


def _structure(shape: Shape, depth: int, known: Optional[Dict[str, str]]) -> st.SearchStrategy[Any]:
    required = {}
    optional = {}
    for name, member in shape.members.items():
        strategy = _strategy(member, depth + 1)
        if known and name in known:
            strategy = st.one_of(st.just(known[name]), strategy)
        if name in shape.required_members:
            required[name] = strategy
        elif depth < 3:
            optional[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


@pytest.mark.parametrize("operation", sorted(REGISTRY))
def test_any_input_gets_a_modeled_answer(operation: str) -> None:
    shape = operation_model(operation).input_shape

    @settings(
        max_examples=EXAMPLES.get(operation, DEFAULT_EXAMPLES),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        fake = CognitoIdp()
        known = _world(fake)
        params = data.draw(_structure(shape, 0, known)) if shape is not None else {}
        try:
            result = fake.invoke(operation, params)
        except CognitoError:
            return
        assert check_output(operation, result) == []

    run()
