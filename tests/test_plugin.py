"""The pytest side, tested with real pytest sessions (pytester)."""

from __future__ import annotations

import pytest


def test_fixture_marker_and_ini_region(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncognito_idp_region = eu-west-1\n")
    pytester.makepyfile(
        """
        import boto3, pytest

        def test_default(cognito_idp):
            assert cognito_idp.region == "eu-west-1"
            pool = boto3.client("cognito-idp").create_user_pool(PoolName="p")["UserPool"]
            assert pool["Id"].startswith("eu-west-1_")

        @pytest.mark.cognito_idp(region="ap-south-1")
        def test_marker(cognito_idp):
            assert cognito_idp.region == "ap-south-1"

        @pytest.mark.cognito_pool(PoolName="shop", MfaConfiguration="OPTIONAL")
        def test_pool_marker(cognito_pool):
            assert cognito_pool.name == "shop"
            assert cognito_pool.describe()["MfaConfiguration"] == "OPTIONAL"
        """
    )
    pytester.runpytest().assert_outcomes(passed=3)


def test_unknown_marker_option_is_a_type_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cognito_idp(regoin="eu-west-1")
        def test_typo(cognito_idp):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    assert (
        "got unknown options ['regoin']; it accepts region= and account_id=" in result.stdout.str()
    )


def test_calls_without_a_fake_are_blocked(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from pytest_cognito_idp import RealCallBlocked

        def test_blocked(monkeypatch):
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
            monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
            client = boto3.client("cognito-idp", region_name="us-east-1")
            with pytest.raises(RealCallBlocked) as excinfo:
                client.list_user_pools(MaxResults=1)
            assert "cognito_idp" in str(excinfo.value)
            assert "cognito_idp_real_calls = allow" in str(excinfo.value)
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_allow_lets_real_calls_through(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncognito_idp_real_calls = allow\n")
    pytester.makepyfile(
        """
        import boto3
        from botocore.exceptions import EndpointConnectionError

        def test_allowed(monkeypatch):
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
            monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
            # A closed loopback port: the call goes through the hook to the (failing) network.
            client = boto3.client(
                "cognito-idp", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
                config=__import__("botocore.config").config.Config(retries={"max_attempts": 0}),
            )
            try:
                client.list_user_pools(MaxResults=1)
            except EndpointConnectionError:
                pass
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_failing_test_reports_the_calls(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_fails(cognito_idp):
            client = cognito_idp.client()
            client.list_user_pools(MaxResults=5)
            cognito_idp.assert_called("CreateUserPool", PoolName="x")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*Expected a call CreateUserPool(PoolName='x')*",
            "*Recorded calls:*",
            "*1. ListUserPools(MaxResults=5) -> ok*",
            "*cognito-idp calls*",
        ]
    )
    assert "test_plugin" not in result.stdout.str().split("Expected a call")[0].splitlines()[-1]


def test_clock_fixture_and_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import datetime as dt, pytest

        @pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
        def test_clock(cognito_idp, cognito_clock):
            assert cognito_clock.now() == dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
            pool = cognito_idp.client().create_user_pool(PoolName="p")["UserPool"]
            assert pool["CreationDate"] == cognito_clock.now()
            cognito_clock.advance(hours=1)
            assert cognito_clock.now().hour == 1
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_entry_point_loads_in_a_fresh_process(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_fixture_exists(cognito_idp):
            assert cognito_idp.client().list_user_pools(MaxResults=1)["UserPools"] == []
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_works_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.parametrize("n", range(4))
        def test_isolated(cognito_idp, n):
            client = cognito_idp.client()
            client.create_user_pool(PoolName=f"p{n}")
            assert len(client.list_user_pools(MaxResults=60)["UserPools"]) == 1
        """
    )
    pytester.runpytest_subprocess("-n", "2", "-p", "no:cacheprovider").assert_outcomes(passed=4)
