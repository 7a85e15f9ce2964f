"""GetSigningCertificate through a real boto3 client."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from cryptography import x509

from pytest_cognito_idp import UserPool
from tests.conftest import error_of


def test_a_real_self_signed_certificate_kept_per_pool(client: Any, cognito_pool: UserPool) -> None:
    first = client.get_signing_certificate(UserPoolId=cognito_pool.id)["Certificate"]
    again = client.get_signing_certificate(UserPoolId=cognito_pool.id)["Certificate"]
    assert first == again

    certificate = x509.load_der_x509_certificate(base64.b64decode(first))
    assert certificate.issuer == certificate.subject
    assert cognito_pool.id in certificate.subject.rfc4514_string()
    # Valid for ten years from issue, as documented.
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert lifetime == dt.timedelta(days=3650)
    certificate.verify_directly_issued_by(certificate)


def test_each_pool_has_its_own(client: Any, cognito_pool: UserPool) -> None:
    other = client.create_user_pool(PoolName="other")["UserPool"]["Id"]
    mine = client.get_signing_certificate(UserPoolId=cognito_pool.id)["Certificate"]
    theirs = client.get_signing_certificate(UserPoolId=other)["Certificate"]
    assert mine != theirs


def test_unknown_pool(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.get_signing_certificate(UserPoolId="us-east-1_nope")
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        "User pool us-east-1_nope does not exist.",
    )
