"""Time control: the fake reads time when a call is made."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from freezegun import freeze_time

from pytest_cognito_idp import Clock, CognitoIdp, clock

UTC = dt.timezone.utc


def test_clock_starts_frozen_now_and_moves_only_when_told(cognito_clock: Clock) -> None:
    start = cognito_clock.now()
    assert abs((dt.datetime.now(UTC) - start).total_seconds()) < 1
    assert cognito_clock.now() == start
    assert cognito_clock.advance(minutes=5) == start + dt.timedelta(minutes=5)
    assert cognito_clock.advance(dt.timedelta(seconds=1), hours=1) == start + dt.timedelta(
        minutes=5, seconds=1, hours=1
    )


@pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
def test_marker_and_move_to(cognito_clock: Clock, client: Any) -> None:
    assert cognito_clock.now() == dt.datetime(2024, 5, 1, tzinfo=UTC)
    cognito_clock.move_to("2030-01-02T03:04:05Z")
    pool = client.create_user_pool(PoolName="p")["UserPool"]
    assert pool["CreationDate"] == dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_advance_refuses_going_back(cognito_clock: Clock) -> None:
    with pytest.raises(ValueError, match="move_to"):
        cognito_clock.advance(seconds=-1)


def test_clock_not_running_says_what_to_do() -> None:
    with pytest.raises(RuntimeError, match="cognito_clock fixture"):
        Clock().advance(seconds=1)


def test_time_is_controlled_while_freezegun_runs_and_jump_to_moves_it() -> None:
    assert not clock.controlled()
    with pytest.raises(RuntimeError, match="not controlled"):
        clock.jump_to(0)
    with freeze_time("2022-02-02T00:00:00Z"):
        assert clock.controlled()
        clock.jump_to(dt.datetime(2024, 4, 4, tzinfo=UTC).timestamp())
        assert clock.now() == dt.datetime(2024, 4, 4, tzinfo=UTC).timestamp()
    assert not clock.controlled()


def test_freezegun_used_directly_moves_the_fake(cognito_idp: CognitoIdp, client: Any) -> None:
    with freeze_time("2022-02-02T00:00:00Z"):
        pool = client.create_user_pool(PoolName="p")["UserPool"]
    assert pool["CreationDate"] == dt.datetime(2022, 2, 2, tzinfo=UTC)


def test_time_machine_used_directly_moves_the_fake(cognito_idp: CognitoIdp, client: Any) -> None:
    with time_machine.travel(dt.datetime(2023, 3, 3, tzinfo=UTC), tick=False):
        pool = client.create_user_pool(PoolName="p")["UserPool"]
    assert pool["CreationDate"] == dt.datetime(2023, 3, 3, tzinfo=UTC)


def test_frozen_clock_leaves_pytest_timing_alone(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_a_week_passes(cognito_clock):
            cognito_clock.advance(days=7)
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--durations=0", "-vv")
    result.assert_outcomes(passed=1)
    timings = [re.match(r"([\d.]+)s (setup|call|teardown) ", line) for line in result.outlines]
    seconds = [float(m.group(1)) for m in timings if m]
    assert seconds, result.outlines
    assert max(seconds) < 60  # not the week the test's clock moved


# -- which library freezes time, and living with the other one ----------------------------------


def test_the_clock_runs_on_time_machine_where_installed() -> None:
    pytest.importorskip("time_machine", reason="time-machine is not installed")

    with Clock("2024-05-01T00:00:00Z") as clock:
        assert clock.backend == "time-machine"
        assert dt.date.today() == dt.date(2024, 5, 1)
        assert type(dt.datetime.now()) is dt.datetime  # no stand-in classes

    assert clock.backend is None


def test_a_test_can_travel_with_time_machine_inside_the_clock() -> None:
    time_machine = pytest.importorskip("time_machine", reason="time-machine is not installed")

    with Clock("2024-05-01T00:00:00Z") as clock:
        with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc), tick=False):
            assert clock.now() == dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
        assert clock.now() == dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
        assert clock.advance(hours=1) == dt.datetime(2024, 5, 1, 1, tzinfo=dt.timezone.utc)


def test_under_a_tests_own_freezegun_the_clock_runs_on_freezegun() -> None:
    # time-machine refuses to start while freezegun runs, so the clock joins freezegun.
    with freeze_time("2020-01-01"), Clock("2024-05-01T00:00:00Z") as clock:
        assert clock.backend == "freezegun"
        assert clock.advance(days=1) == dt.datetime(2024, 5, 2, tzinfo=dt.timezone.utc)


def test_an_app_importing_pydantic_v1_inside_the_clock_works(pytester: pytest.Pytester) -> None:
    # In a fresh process, so that pydantic is imported for the first time inside the clock:
    # under freezegun, pydantic.v1's `class ConstrainedDate(date, metaclass=...)` fails with
    # "metaclass conflict" (freezegun's stand-in date has a metaclass of its own).
    pytest.importorskip("pydantic", reason="pydantic is not installed (the `test` extra has it)")
    pytest.importorskip("time_machine", reason="time-machine is not installed")
    pytester.makepyfile(
        """
        import importlib
        import sys

        def test_app_factory(cognito_idp, cognito_clock):
            assert "pydantic" not in sys.modules
            importlib.import_module("pydantic.v1")
            assert cognito_clock.backend == "time-machine"
        """
    )

    pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:hypothesispytest"
    ).assert_outcomes(passed=1)
