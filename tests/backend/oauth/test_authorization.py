"""The authorize endpoint's rules and authorization codes, on the backend's own values."""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Dict

import pytest

from pytest_cognito_idp import AppClient, UserPool
from pytest_cognito_idp.backend.oauth import authorization
from pytest_cognito_idp.backend.oauth.refusals import OAuthError, PageError

CALLBACK = "https://app.example.com/cb"


@pytest.fixture
def app(cognito_pool: UserPool) -> AppClient:
    return cognito_pool.create_client(
        "web",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )


def _query(app: AppClient, **changes: str) -> Dict[str, str]:
    query = {"client_id": app.id, "redirect_uri": CALLBACK, "response_type": "code"}
    query.update(changes)
    return {k: v for k, v in query.items() if v != "-"}


def _check(pool: UserPool, query: Dict[str, str]) -> Any:
    return authorization.check_request(pool._state, query)


def test_a_valid_request(cognito_pool: UserPool, app: AppClient) -> None:
    request = _check(cognito_pool, _query(app, scope="openid", state="s", nonce="n"))

    assert (request.client_id, request.redirect_uri, request.scope) == (app.id, CALLBACK, "openid")
    assert (request.state, request.nonce, request.code_challenge) == ("s", "n", None)


def test_omitted_scope_is_every_allowed_scope(cognito_pool: UserPool, app: AppClient) -> None:
    assert _check(cognito_pool, _query(app)).scopes == ("openid", "email")


@pytest.mark.parametrize(
    ("changes", "kind", "error"),
    [
        ({"client_id": "-"}, PageError, "invalid_request"),
        ({"client_id": "unknown"}, PageError, "invalid_request"),
        ({"redirect_uri": "-"}, PageError, "redirect_mismatch"),
        ({"redirect_uri": CALLBACK.upper()}, PageError, "redirect_mismatch"),
        ({"redirect_uri": CALLBACK + "?x=1"}, PageError, "redirect_mismatch"),
        ({"response_type": "-"}, OAuthError, "invalid_request"),
        ({"response_type": "token"}, OAuthError, "unauthorized_client"),
        ({"response_type": "code id_token"}, OAuthError, "unsupported_response_type"),
        ({"scope": "profile"}, OAuthError, "invalid_scope"),
        ({"scope": "email"}, OAuthError, "invalid_scope"),
        ({"code_challenge": "x"}, OAuthError, "invalid_request"),
        ({"code_challenge": "x", "code_challenge_method": "plain"}, OAuthError, "invalid_request"),
        ({"code_challenge_method": "S256"}, OAuthError, "invalid_request"),
    ],
)
def test_refusals(
    cognito_pool: UserPool, app: AppClient, changes: Dict[str, str], kind: type, error: str
) -> None:
    with pytest.raises(kind) as caught:
        _check(cognito_pool, _query(app, **changes))

    assert caught.value.error == error


def test_pkce_s256_is_base64url_of_sha256_without_padding() -> None:
    verifier = "dBjftJeZ4CVP-mB92K1uhbUJU1p1r_wW1gFWFOEjXk"
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")

    assert authorization.pkce_challenge(verifier) == expected and "=" not in expected
    assert authorization.pkce_verifies(expected, verifier)
    assert not authorization.pkce_verifies(expected, verifier + "x")
    assert not authorization.pkce_verifies(expected, None)
    assert authorization.pkce_verifies(None, "anything")  # no challenge, nothing to verify


def test_a_code_is_single_use_and_bound(
    cognito_pool: UserPool, app: AppClient, cognito_clock: Any
) -> None:
    pool = cognito_pool._state
    verifier = "v" * 43
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()
    request = _check(
        cognito_pool,
        _query(app, code_challenge=challenge.rstrip("="), code_challenge_method="S256"),
    )
    codes: Dict[str, Any] = {}
    code = authorization.issue_code(codes, pool, request, "jane", "sub", 0.0)

    client = pool.clients[app.id]
    found = authorization.redeem_code(codes, pool, client, code.value, CALLBACK, verifier)
    assert found.username == "jane"
    with pytest.raises(OAuthError, match="invalid_grant"):
        authorization.redeem_code(codes, pool, client, code.value, CALLBACK, verifier)

    late = authorization.issue_code(codes, pool, request, "jane", "sub", 0.0)
    cognito_clock.advance(seconds=authorization.CODE_SECONDS)
    with pytest.raises(OAuthError, match="invalid_grant"):
        authorization.redeem_code(codes, pool, client, late.value, CALLBACK, verifier)
    assert codes == {}  # nothing left behind
