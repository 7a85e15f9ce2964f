"""The pytest side, tested with real pytest sessions (pytester)."""

from __future__ import annotations

import re
from typing import Any

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
        "got unknown options ['regoin']; it accepts region=, account_id=, "
        "assert_all_injected_errors_raised=" in result.stdout.str()
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


# -- regions: the environment's, so the app's clients and the fixtures' pools agree -------------


@pytest.fixture
def no_region(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> pytest.MonkeyPatch:
    """An environment that names no region anywhere (no variables, no profile, no config)."""
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    return monkeypatch


# A module of the code under test, making its client at import time, and a test of it.
APP = """
import boto3

cognito = boto3.client("cognito-idp", aws_access_key_id="a", aws_secret_access_key="b")
"""
TEST_APP = """
import app

def test_app_sees_the_fixture_pool(cognito_idp, cognito_pool):
    assert cognito_idp.region == "{region}"
    assert cognito_pool.id.startswith("{region}_")
    assert app.cognito.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]["Id"]
"""


def test_an_import_time_client_with_no_region_anywhere_works(
    pytester: pytest.Pytester, no_region: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(app=APP, test_app=TEST_APP.format(region="us-east-1"))

    pytester.runpytest().assert_outcomes(passed=1)
    assert "AWS_DEFAULT_REGION" not in __import__("os").environ  # the session put it back


@pytest.mark.parametrize("variable", ["AWS_DEFAULT_REGION", "AWS_REGION"])
def test_the_environments_region_is_the_fixtures(
    pytester: pytest.Pytester, no_region: pytest.MonkeyPatch, variable: str
) -> None:
    no_region.setenv(variable, "eu-west-1")
    app = (
        APP
        if variable == "AWS_DEFAULT_REGION"
        else APP.replace(
            '"cognito-idp",', '"cognito-idp", region_name=__import__("os").environ["AWS_REGION"],'
        )
    )
    pytester.makepyfile(app=app, test_app=TEST_APP.format(region="eu-west-1"))

    pytester.runpytest().assert_outcomes(passed=1)


def test_the_profiles_region_is_the_fixtures(
    pytester: pytest.Pytester, no_region: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    config = tmp_path / "config"
    config.write_text("[profile dev]\nregion = ap-southeast-2\n")
    no_region.setenv("AWS_CONFIG_FILE", str(config))
    no_region.setenv("AWS_PROFILE", "dev")
    # boto3's default session read the configuration when this process first used it.
    no_region.setattr("boto3.DEFAULT_SESSION", None)
    pytester.makepyfile(app=APP, test_app=TEST_APP.format(region="ap-southeast-2"))

    pytester.runpytest().assert_outcomes(passed=1)


def test_the_ini_option_wins_over_the_environment(
    pytester: pytest.Pytester, no_region: pytest.MonkeyPatch
) -> None:
    no_region.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    pytester.makeini("[pytest]\ncognito_idp_region = ca-central-1\n")
    pytester.makepyfile(
        """
        import boto3

        def test_region(cognito_idp):
            assert cognito_idp.region == "ca-central-1"
            # Clients made during the test follow the fixture.
            assert boto3.client("cognito-idp").meta.region_name == "ca-central-1"
        """
    )

    pytester.runpytest().assert_outcomes(passed=1)


# -- suites that never asked for the fake -------------------------------------------------------


def test_a_moto_suite_keeps_working_with_the_plugin_installed(pytester: pytest.Pytester) -> None:
    pytest.importorskip("moto", reason="moto is not installed (the `test` extra has it)")
    pytester.makepyfile(
        """
        import boto3
        from moto import mock_aws

        @mock_aws
        def test_moto_cognito():
            client = boto3.client("cognito-idp", region_name="us-east-1")
            pool_id = client.create_user_pool(PoolName="p")["UserPool"]["Id"]
            assert client.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == "p"
        """
    )

    pytester.runpytest().assert_outcomes(passed=1)


# -- @fake_cognito_idp() on classes --------------------------------------------------------------


def test_a_decorated_test_case_runs_every_test_each_with_its_own_fake(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import unittest
        import boto3
        from pytest_cognito_idp import fake_cognito_idp

        @fake_cognito_idp(region="eu-west-1")
        class PoolTests(unittest.TestCase):
            def setUp(self):
                self.client = boto3.client("cognito-idp")
                self.pool_id = self.client.create_user_pool(PoolName="p")["UserPool"]["Id"]

            def tearDown(self):
                # Still inside the fake: tearDown can clean up through the API.
                self.client.delete_user_pool(UserPoolId=self.pool_id)

            def test_one(self):
                pools = self.client.list_user_pools(MaxResults=60)["UserPools"]
                self.assertEqual([p["Id"] for p in pools], [self.pool_id])

            def test_two(self):
                self.assertTrue(self.pool_id.startswith("eu-west-1_"))
                self.assertEqual(len(self.client.list_user_pools(MaxResults=60)["UserPools"]), 1)
        """
    )

    pytester.runpytest("-v").assert_outcomes(passed=2)


def test_a_decorated_pytest_class_wraps_each_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        from pytest_cognito_idp import fake_cognito_idp

        @fake_cognito_idp()
        class TestPools:
            def test_one(self):
                boto3.client("cognito-idp").create_user_pool(PoolName="a")

            def test_two(self):
                client = boto3.client("cognito-idp")
                assert client.list_user_pools(MaxResults=60)["UserPools"] == []
        """
    )

    pytester.runpytest().assert_outcomes(passed=2)


INJECTING = """
    import pytest
    from botocore.config import Config

    def throttled_once(cognito_idp):
        client = cognito_idp.client(config=Config(retries={"total_max_attempts": 1}))
        with pytest.raises(client.exceptions.TooManyRequestsException):
            client.list_user_pools(MaxResults=1)
"""


def test_injected_errors_never_raised_fail_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        INJECTING
        + """
    def test_forgot_one(cognito_idp):
        cognito_idp.inject_error("ListUserPools", "TooManyRequestsException", times=2)
        cognito_idp.inject_error("AdminGetUser", "UserNotFoundException", "Gone fishing.")
        throttled_once(cognito_idp)
    """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_forgot_one*",
            "2 errors injected with inject_error() never raised:",
            "  - ListUserPools -> TooManyRequestsException: Rate exceeded (raised 1 of 2 times)",
            "  - AdminGetUser -> UserNotFoundException: Gone fishing.",
            "Make the calls that should meet them, or allow this with "
            "@pytest.mark.cognito_idp(assert_all_injected_errors_raised=False).",
            "*- cognito-idp calls -*",
            "  1. ListUserPools(MaxResults=1) -> TooManyRequestsException: Rate exceeded",
        ]
    )


def test_raised_injected_errors_and_the_opt_out_pass(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        INJECTING
        + """
    def test_all_raised(cognito_idp):
        cognito_idp.inject_error("ListUserPools", "TooManyRequestsException")
        throttled_once(cognito_idp)

    @pytest.mark.cognito_idp(assert_all_injected_errors_raised=False)
    def test_opted_out(cognito_idp):
        cognito_idp.inject_error("ListUserPools", "TooManyRequestsException", times=3)
        throttled_once(cognito_idp)

    class TestOptedOutClass:
        pytestmark = pytest.mark.cognito_idp(assert_all_injected_errors_raised=False)

        def test_none_raised(self, cognito_idp):
            cognito_idp.inject_error("AdminGetUser", "UserNotFoundException")
    """
    )
    pytester.runpytest().assert_outcomes(passed=3)


def test_a_failed_or_skipped_test_is_not_failed_for_its_unraised_errors(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_fails_first(cognito_idp):
            cognito_idp.inject_error("AdminGetUser", "UserNotFoundException")
            assert 1 == 2

        def test_skips(cognito_idp):
            cognito_idp.inject_error("AdminGetUser", "UserNotFoundException")
            pytest.skip("not today")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1, skipped=1)
    assert "never raised" not in result.stdout.str()


def test_the_opt_out_takes_a_boolean(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cognito_idp(assert_all_injected_errors_raised="no")
        def test_typo(cognito_idp):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["E *TypeError: assert_all_injected_errors_raised= takes True or False, not 'no'"]
    )


def test_a_marker_requests_its_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import datetime as dt, time, boto3, pytest

        @pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
        def test_clock_marker_alone_freezes_time():
            assert time.time() == dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc).timestamp()

        @pytest.mark.cognito_idp(region="eu-west-1")
        def test_fake_marker_alone_activates_the_fake():
            pool = boto3.client("cognito-idp").create_user_pool(PoolName="p")["UserPool"]
            assert pool["Id"].startswith("eu-west-1_")

        @pytest.mark.cognito_pool(PoolName="shop")
        def test_pool_marker_with_the_fake_creates_the_pool(cognito_idp):
            assert [p.name for p in cognito_idp.pools] == ["shop"]

        @pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
        def test_the_clock_starts_before_the_fixtures_that_use_time(cognito_pool):
            created = cognito_pool.describe()["CreationDate"]
            assert created == dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc).timestamp()
        """
    )
    pytester.runpytest().assert_outcomes(passed=4)


def test_a_marker_with_a_bad_argument_fails_the_unrequesting_test(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cognito_clock(start="2024-05-01T00:00:00Z")
        def test_keyword():
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "E *TypeError: @pytest.mark.cognito_clock takes one start instant, "
            'e.g. "2024-05-01T00:00:00Z"'
        ]
    )


def test_a_raising_trigger_shows_its_traceback_in_the_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3

        def check(event):
            if not event["request"]["userAttributes"].get("email"):
                raise ValueError("nope")

        def test_sign_up(cognito_pool, cognito_app_client):
            @cognito_pool.trigger("PreSignUp")
            def pre_sign_up(event, context):
                check(event)
                return event

            client = boto3.client("cognito-idp")
            client.sign_up(ClientId=cognito_app_client.id, Username="jane", Password="Passw0rd!")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    section = output[output.index("- cognito-idp calls -") :].split("\n", 1)[1]
    # Python 3.13 marks the failing expression with a line of ~ and ^ (3.11 and 3.12 leave it
    # out when it would span the line): the traceback is the same without them.
    section = re.sub(r"(?m)^ *[~^]+\n", "", section)
    file = str(pytester.path / "test_a_raising_trigger_shows_its_traceback_in_the_report.py")
    assert section.startswith("  1. SignUp(ClientId=")
    assert (
        "-> UserLambdaValidationException: PreSignUp failed with error nope.\n"
        "Lambda trigger calls:\n"
        "  1. PreSignUp(triggerSource='PreSignUp_SignUp', userName='jane') "
        "-> raised ValueError: nope\n"
        "Trigger call 1 (PreSignUp) raised:\n"
        "  Traceback (most recent call last):\n"
        f'    File "{file}", line 10, in pre_sign_up\n'
        "      check(event)\n"
        f'    File "{file}", line 5, in check\n'
        '      raise ValueError("nope")\n'
        "  ValueError: nope\n"
    ) in section
