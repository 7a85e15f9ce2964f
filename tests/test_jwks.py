"""Verifying the fake's tokens the way applications do: PyJWT's PyJWKClient on the pool's JWKS
URL (the real AWS URL, answered in-process), joserfc, requests, and ``UserPool.verify_token``."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict

import jwt
import pytest
import requests
from joserfc import errors as jose_errors
from joserfc import jwt as jose_jwt
from joserfc.jwk import KeySet

from pytest_cognito_idp import CognitoIdp, UserPool, fake_cognito_idp
from pytest_cognito_idp.backend.tokens.issuing import InvalidToken
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User
from tests._tokens import claims


@pytest.fixture
def signed_in(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> Dict[str, Any]:
    return cognito_pool.sign_in("jane", cognito_user.password or "", cognito_app_client)


def _tampered(token: str) -> str:
    head, _, signature = token.split(".")
    forged = {**claims(token), "username": "admin"}
    body = jwt.utils.base64url_encode(json.dumps(forged).encode()).decode()
    return f"{head}.{body}.{signature}"


def _key_set(pool: UserPool) -> KeySet:
    return KeySet.import_key_set(pool.jwks)  # type: ignore[arg-type]


def _pyjwt(pool: UserPool, token: str, url: str = "", **options: Any) -> Dict[str, Any]:
    client = jwt.PyJWKClient(url or f"{pool.issuer}/.well-known/jwks.json", cache_keys=False)
    key = client.get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=["RS256"], issuer=pool.issuer, **options)


def test_pyjwt_verifies_tokens_with_the_real_jwks_url(
    cognito_pool: UserPool, cognito_app_client: AppClient, signed_in: Dict[str, Any]
) -> None:
    access = _pyjwt(cognito_pool, signed_in["AccessToken"])
    identity = _pyjwt(cognito_pool, signed_in["IdToken"], audience=cognito_app_client.id)

    assert access["token_use"] == "access" and access["client_id"] == cognito_app_client.id
    assert identity["token_use"] == "id" and identity["email"] == "jane@example.com"


def test_pyjwt_verifies_tokens_with_the_loopback_jwks_url(
    cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    assert cognito_pool.jwks_url.startswith("http://127.0.0.1:")

    access = _pyjwt(cognito_pool, signed_in["AccessToken"], cognito_pool.jwks_url)

    assert access["username"] == "jane"


def test_joserfc_verifies_tokens_with_the_jwks(
    cognito_pool: UserPool, cognito_app_client: AppClient, signed_in: Dict[str, Any]
) -> None:
    key_set = _key_set(cognito_pool)

    token = jose_jwt.decode(signed_in["IdToken"], key_set, algorithms=["RS256"])
    jose_jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": cognito_pool.issuer},
        aud={"essential": True, "value": cognito_app_client.id},
        token_use={"essential": True, "value": "id"},
    ).validate(token.claims)

    assert token.header["kid"] == cognito_pool.jwks["keys"][0]["kid"]


def test_a_tampered_token_is_rejected(cognito_pool: UserPool, signed_in: Dict[str, Any]) -> None:
    forged = _tampered(signed_in["AccessToken"])

    with pytest.raises(jwt.InvalidSignatureError):
        _pyjwt(cognito_pool, forged)
    with pytest.raises(jose_errors.BadSignatureError):
        jose_jwt.decode(forged, _key_set(cognito_pool))
    with pytest.raises(InvalidToken, match="its signature does not verify"):
        cognito_pool.verify_token(forged)


def test_a_token_of_another_pool_is_rejected(
    cognito_idp: CognitoIdp, signed_in: Dict[str, Any]
) -> None:
    other = cognito_idp.create_pool(PoolName="other")

    with pytest.raises(jwt.PyJWKClientError, match="Unable to find a signing key"):
        _pyjwt(other, signed_in["AccessToken"])
    with pytest.raises(InvalidToken, match="kid is not one of pool"):
        other.verify_token(signed_in["IdToken"])


def test_an_expired_token_is_rejected(
    cognito_clock: Clock, cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    cognito_clock.advance(minutes=59)
    cognito_pool.verify_token(signed_in["AccessToken"])
    cognito_clock.advance(minutes=1)

    with pytest.raises(jwt.ExpiredSignatureError):
        _pyjwt(cognito_pool, signed_in["AccessToken"])
    with pytest.raises(InvalidToken, match="it expired at"):
        cognito_pool.verify_token(signed_in["AccessToken"])
    cognito_clock.advance(seconds=1)  # joserfc still accepts a token at the second of its exp
    token = jose_jwt.decode(signed_in["IdToken"], _key_set(cognito_pool))
    with pytest.raises(jose_errors.ExpiredTokenError):
        jose_jwt.JWTClaimsRegistry().validate(token.claims)


def test_a_revoked_token_is_rejected_by_the_pool_only(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    cognito_idp.client().global_sign_out(AccessToken=signed_in["AccessToken"])

    # As in AWS, a revoked token still verifies as a JWT; only the service knows.
    assert _pyjwt(cognito_pool, signed_in["AccessToken"])["username"] == "jane"
    for token in (signed_in["AccessToken"], signed_in["IdToken"]):
        with pytest.raises(InvalidToken, match="it was revoked"):
            cognito_pool.verify_token(token)


def test_garbage_is_rejected(cognito_pool: UserPool) -> None:
    with pytest.raises(InvalidToken, match="it is not a JWT"):
        cognito_pool.verify_token("abc.def")
    assert isinstance(InvalidToken("x"), ValueError)


def test_requests_gets_the_jwks_and_the_openid_configuration(
    cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    base = cognito_pool.issuer

    jwks = requests.get(f"{base}/.well-known/jwks.json", timeout=5)
    config = requests.get(f"{base}/.well-known/openid-configuration", timeout=5).json()

    assert jwks.status_code == 200 and jwks.json() == cognito_pool.jwks
    assert jwks.headers["Content-Type"] == "application/json"
    assert config["issuer"] == base
    assert config["jwks_uri"] == f"{base}/.well-known/jwks.json"
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]


def test_urllib_gets_the_openid_configuration(cognito_pool: UserPool) -> None:
    url = f"{cognito_pool.issuer}/.well-known/openid-configuration"

    with urllib.request.urlopen(url, timeout=5) as response:
        assert json.load(response)["issuer"] == cognito_pool.issuer


def test_the_loopback_openid_configuration_points_at_the_loopback_jwks(
    cognito_pool: UserPool,
) -> None:
    url = cognito_pool.jwks_url.replace("jwks.json", "openid-configuration")

    config = requests.get(url, timeout=5).json()

    assert config["issuer"] == cognito_pool.issuer
    assert config["jwks_uri"] == cognito_pool.jwks_url


def test_an_unknown_pool_has_no_jwks(cognito_idp: CognitoIdp, cognito_pool: UserPool) -> None:
    missing = cognito_pool.issuer.replace(cognito_pool.id, "us-east-1_000000000")
    in_other_region = cognito_pool.issuer.replace("cognito-idp.us-east-1", "cognito-idp.eu-west-1")

    for base in (missing, in_other_region):
        response = requests.get(f"{base}/.well-known/jwks.json", timeout=5)
        assert response.status_code == 404
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{base}/.well-known/jwks.json", timeout=5)
        assert error.value.code == 404
        error.value.close()


def test_other_requests_pass_through(cognito_pool: UserPool) -> None:
    # The loopback server is reached through the same urllib3 code path, untouched.
    response = requests.get(cognito_pool.jwks_url, timeout=5)

    assert response.json() == cognito_pool.jwks
    assert requests.get(cognito_pool.jwks_url + "x", timeout=5).status_code == 404


def test_the_interception_lives_as_long_as_a_fake() -> None:
    from urllib3.connectionpool import HTTPConnectionPool

    before = (urllib.request.HTTPSHandler.https_open, HTTPConnectionPool.urlopen)
    with fake_cognito_idp() as outer:
        pool = outer.create_pool()
        url = pool.jwks_url
        with fake_cognito_idp():
            pass
        assert (urllib.request.HTTPSHandler.https_open, HTTPConnectionPool.urlopen) != before
        assert requests.get(url, timeout=5).status_code == 200

    assert (urllib.request.HTTPSHandler.https_open, HTTPConnectionPool.urlopen) == before
    # With no fake active the loopback URL answers 404 too: only an active fake's pools serve.
    assert requests.get(url, timeout=5).status_code == 404


def test_a_trigger_can_fetch_its_pool_jwks_over_loopback(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    fetched = []

    @cognito_pool.trigger("PreTokenGeneration")
    def fetch(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        # Runs inside the sign-in call; the loopback server must not wait for that call to end.
        fetched.append(requests.get(cognito_pool.jwks_url, timeout=5).json())
        return event

    cognito_pool.sign_in("jane", cognito_user.password or "", cognito_app_client)

    assert fetched == [cognito_pool.jwks]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_cognitojwt_verifies_the_fakes_tokens(
    mode: str, signed_in: Dict[str, Any], cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    # cognitojwt fetches the pool's JWKS from the real URL: requests (decode) or aiohttp
    # (decode_async), both answered in-process.
    cognitojwt = pytest.importorskip("cognitojwt", reason="cognitojwt is not installed")
    token = signed_in["IdToken"]
    region = cognito_pool.id.partition("_")[0]
    if mode == "sync":
        from cognitojwt.jwt_sync import get_keys

        get_keys.cache_clear()  # its JWKS cache outlives a test's pools
        verified = cognitojwt.decode(token, region, cognito_pool.id, cognito_app_client.id)
    else:
        pytest.importorskip("aiohttp", reason="cognitojwt.decode_async needs aiohttp")
        import asyncio

        from cognitojwt.jwt_async import get_keys_async

        get_keys_async.cache_clear()  # its JWKS cache outlives a test's pools
        verified = asyncio.run(
            cognitojwt.decode_async(token, region, cognito_pool.id, cognito_app_client.id)
        )

    assert verified["sub"] == claims(token)["sub"]
    assert verified["aud"] == cognito_app_client.id
