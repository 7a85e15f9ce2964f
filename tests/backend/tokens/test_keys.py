"""Signing keys: a lazy process-wide stock, distinct per pool within a fake, shared across fakes."""

from __future__ import annotations

import base64
import re

from cryptography.hazmat.primitives import serialization

from pytest_cognito_idp import CognitoIdp, fake_cognito_idp
from pytest_cognito_idp.backend.tokens import keys


def test_a_pool_has_no_keys_until_it_needs_them(cognito_idp: CognitoIdp) -> None:
    pool = cognito_idp.create_pool()

    assert pool._state.signing_keys is None
    pool.jwks  # noqa: B018 - asking for the JWKS is what hands the keys out
    assert pool._state.signing_keys is not None


def test_the_jwks_has_an_id_token_key_and_an_access_token_key(cognito_idp: CognitoIdp) -> None:
    jwks = cognito_idp.create_pool().jwks

    assert [sorted(k) for k in jwks["keys"]] == [["alg", "e", "kid", "kty", "n", "use"]] * 2
    first, second = jwks["keys"]
    assert first["kid"] != second["kid"]
    for key in jwks["keys"]:
        assert (key["alg"], key["kty"], key["use"], key["e"]) == ("RS256", "RSA", "sig", "AQAB")
        # AWS's kids are standard base64 of 32 bytes; n is a 2048-bit modulus in base64url.
        assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", key["kid"])
        modulus = base64.urlsafe_b64decode(key["n"] + "=" * (-len(key["n"]) % 4))
        assert len(modulus) == 256 and "=" not in key["n"]


def test_pools_of_one_fake_never_share_a_key(cognito_idp: CognitoIdp) -> None:
    other_region = cognito_idp.client(region_name="eu-west-1").create_user_pool(PoolName="p")
    pools = [cognito_idp.create_pool() for _ in range(3)]
    pools.append(cognito_idp.pool(other_region["UserPool"]["Id"]))

    kids = [k["kid"] for pool in pools for k in pool.jwks["keys"]]

    assert len(set(kids)) == len(kids) == 8


def test_fakes_reuse_the_keys_already_generated(cognito_idp: CognitoIdp) -> None:
    first = cognito_idp.create_pool().jwks
    generated = keys.stock_size()
    with fake_cognito_idp() as other:
        second = other.create_pool().jwks

    assert keys.stock_size() == generated
    assert second == first


def test_a_stock_key_signs_and_verifies() -> None:
    key = keys.stock_key(0)
    signature = key.sign(b"payload")

    assert key.verifies(signature, b"payload")
    assert not key.verifies(signature, b"tampered")
    assert not keys.stock_key(1).verifies(signature, b"payload")
    public = serialization.load_pem_public_key(key.public_pem)
    assert public.public_numbers() == key.private.public_key().public_numbers()  # type: ignore[union-attr]
    assert key.private.key_size == 2048
