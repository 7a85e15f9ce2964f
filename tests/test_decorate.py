"""``@fake_cognito_idp()`` on what is not a plain function: coroutine functions and classes, and
an error, never a silent no-op, for what it cannot wrap."""

from __future__ import annotations

import asyncio
import unittest
from typing import Any

import boto3
import pytest

from pytest_cognito_idp import RealCallBlocked, fake_cognito_idp


def _outside_client() -> Any:
    return boto3.client(
        "cognito-idp", region_name="eu-west-1", aws_access_key_id="a", aws_secret_access_key="b"
    )


def test_a_coroutine_function_runs_inside_the_fake() -> None:
    @fake_cognito_idp(region="eu-west-1")
    async def body() -> str:
        await asyncio.sleep(0)  # the fake is still active after the first suspension
        return str(boto3.client("cognito-idp").create_user_pool(PoolName="p")["UserPool"]["Id"])

    assert asyncio.iscoroutinefunction(body)
    assert asyncio.run(body()).startswith("eu-west-1_")
    with pytest.raises(RealCallBlocked):
        _outside_client().list_user_pools(MaxResults=1)


def test_a_test_case_keeps_its_tests_and_gets_a_fake_per_test() -> None:
    seen = []

    @fake_cognito_idp()
    class Pools(unittest.TestCase):
        def setUp(self) -> None:
            self.client = boto3.client("cognito-idp")
            self.client.create_user_pool(PoolName="from-setup")

        def test_a(self) -> None:
            seen.append(len(self.client.list_user_pools(MaxResults=60)["UserPools"]))

        def test_b(self) -> None:
            seen.append(len(self.client.list_user_pools(MaxResults=60)["UserPools"]))

    assert isinstance(Pools, type)
    with open("/dev/null", "w") as sink:
        result = unittest.TextTestRunner(stream=sink).run(
            unittest.defaultTestLoader.loadTestsFromTestCase(Pools)
        )

    assert (result.testsRun, result.errors, result.failures) == (2, [], [])
    assert seen == [1, 1]


def test_a_failing_set_up_still_stops_the_fake() -> None:
    @fake_cognito_idp()
    class Broken(unittest.TestCase):
        def setUp(self) -> None:
            raise RuntimeError("set-up failed")

        def test_never_runs(self) -> None:  # pragma: no cover - setUp fails first
            raise AssertionError("must not run")

    with open("/dev/null", "w") as sink:
        result = unittest.TextTestRunner(stream=sink).run(
            unittest.defaultTestLoader.loadTestsFromTestCase(Broken)
        )

    assert len(result.errors) == 1 and "set-up failed" in result.errors[0][1]
    with pytest.raises(RealCallBlocked):
        _outside_client().list_user_pools(MaxResults=1)


def test_a_class_with_nothing_to_wrap_is_an_error() -> None:
    with pytest.raises(TypeError) as excinfo:

        @fake_cognito_idp()
        class Helpers:
            def make_pool(self) -> None:  # pragma: no cover - never called
                pass

    assert str(excinfo.value) == (
        "@fake_cognito_idp() found no test methods on "
        "test_a_class_with_nothing_to_wrap_is_an_error.<locals>.Helpers: decorate a "
        "unittest.TestCase, a class with test* methods, or a function"
    )


def test_something_not_callable_is_an_error() -> None:
    with pytest.raises(TypeError, match=r"decorates a function or a class, not 42"):
        fake_cognito_idp()(42)
