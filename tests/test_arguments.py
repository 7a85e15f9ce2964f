"""Helpers refuse API arguments as a boto3 client would, before anything is created."""

from __future__ import annotations

import pytest
from botocore.exceptions import ParamValidationError

from pytest_cognito_idp import CognitoIdp, UserPool


def test_create_pool_refuses_a_misspelt_argument(cognito_idp: CognitoIdp) -> None:
    with pytest.raises(ParamValidationError, match='Unknown parameter in input: "AutoVerified'):
        cognito_idp.create_pool(AutoVerifiedAttribute=["email"])
    assert cognito_idp.pools == []


def test_create_pool_refuses_a_wrong_type(cognito_idp: CognitoIdp) -> None:
    with pytest.raises(ParamValidationError, match="Invalid type for parameter PoolName"):
        cognito_idp.create_pool(PoolName=7)
    assert cognito_idp.pools == []


def test_create_client_and_group_refuse_unknown_arguments(cognito_pool: UserPool) -> None:
    with pytest.raises(ParamValidationError, match="AccessTokenValidty"):
        cognito_pool.create_client("web", AccessTokenValidty=5)
    with pytest.raises(ParamValidationError, match="Precedance"):
        cognito_pool.create_group("admins", Precedance=1)
    assert cognito_pool.clients == []
    assert cognito_pool.describe().get("EstimatedNumberOfUsers", 0) == 0


def test_a_misspelt_pool_marker_fails_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cognito_pool(AutoVerifiedAttribute=["email"])
        def test_pool(cognito_pool):
            pass
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*Unknown parameter in input*AutoVerifiedAttribute*"])
