"""The pytest side: fixtures, markers, ini options and the "cognito-idp calls" report section."""

from __future__ import annotations

import os
from typing import Any, Generator, Iterator

import pytest

from . import _faults, _hook, _region, recording
from ._http.api_server import CognitoServer
from .backend.model.clients import ALL_ALLOW_FLOWS
from .clock import Clock
from .fake import CognitoIdp, fake_cognito_idp
from .recording import CognitoIdpAssertionError
from .resources import AppClient, ImportJob, User, UserPool

_previous_mode = pytest.StashKey[str]()
_region_set = pytest.StashKey[bool]()
_fake_of_test = pytest.StashKey[CognitoIdp]()
_test_passed = pytest.StashKey[bool]()
_FAKE_OPTIONS = ("region", "account_id", _faults.OPT_OUT)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "cognito_idp_region",
        "Default region of the cognito_idp fake (default: the environment's AWS_DEFAULT_REGION, "
        "AWS_REGION or profile region, else us-east-1).",
        # Read when the session starts, so that the app's clients and the fixtures agree.
        default=_region.default(),
    )
    parser.addini(
        "cognito_idp_real_calls",
        "What a cognito-idp call with no fake active does: block (default) or allow.",
        default="block",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "cognito_idp(region=..., account_id=..., assert_all_injected_errors_raised=True): "
        "configure the cognito_idp fake.",
    )
    config.addinivalue_line(
        "markers", "cognito_pool(**CreateUserPool kwargs): configure the cognito_pool fixture."
    )
    config.addinivalue_line("markers", "cognito_clock(start): start cognito_clock at this instant.")
    mode = str(config.getini("cognito_idp_real_calls")).strip().lower()
    if mode not in ("block", "allow"):
        raise pytest.UsageError(f"cognito_idp_real_calls must be 'block' or 'allow', not {mode!r}")
    config.stash[_previous_mode] = _hook.real_calls
    _hook.real_calls = mode
    # A client made at import time of the code under test, with no region anywhere, would fail
    # collection with NoRegionError: give the session the fake's default region, only then.
    config.stash[_region_set] = False
    if _region.from_environment() is None:
        os.environ["AWS_DEFAULT_REGION"] = _default_region(config)
        config.stash[_region_set] = True


def pytest_unconfigure(config: pytest.Config) -> None:
    # Nested sessions (pytester) must not leave their mode or region behind.
    _hook.real_calls = config.stash.get(_previous_mode, _hook.real_calls)
    if config.stash.get(_region_set, False):
        os.environ.pop("AWS_DEFAULT_REGION", None)


def _default_region(config: pytest.Config) -> str:
    return str(config.getini("cognito_idp_region") or "").strip() or _region.FALLBACK


def _marker_kwargs(request: pytest.FixtureRequest, name: str) -> dict[str, Any]:
    marker = request.node.get_closest_marker(name)
    if marker is None:
        return {}
    if marker.args:
        raise TypeError(f"@pytest.mark.{name} takes keyword arguments only, got {marker.args!r}")
    return dict(marker.kwargs)


@pytest.fixture
def cognito_idp(request: pytest.FixtureRequest) -> Iterator[CognitoIdp]:
    """The fake cognito-idp service, active for the test."""
    options = _marker_kwargs(request, "cognito_idp")
    options.setdefault("region", _default_region(request.config))
    unknown = set(options) - set(_FAKE_OPTIONS)
    if unknown:
        raise TypeError(
            f"@pytest.mark.cognito_idp got unknown options {sorted(unknown)}; "
            f"it accepts {', '.join(f'{o}=' for o in _FAKE_OPTIONS)}"
        )
    check_injected = options.pop(_faults.OPT_OUT, True)
    if not isinstance(check_injected, bool):
        raise TypeError(f"{_faults.OPT_OUT}= takes True or False, not {check_injected!r}")
    with fake_cognito_idp(**options) as fake:
        request.node.stash[_fake_of_test] = fake
        yield fake
    # Only a test that passed is failed for them: one that failed (or skipped) already says
    # why it did not reach them.
    if check_injected and request.node.stash.get(_test_passed, False):
        unraised = ""
        try:
            fake.assert_all_injected_errors_raised()
        except CognitoIdpAssertionError as failure:
            unraised = str(failure)
        if unraised:
            pytest.fail(unraised, pytrace=False)  # the message says it all


@pytest.fixture
def cognito_server(cognito_idp: CognitoIdp) -> Iterator[CognitoServer]:
    """``cognito_idp`` over loopback HTTP for other processes and languages: ``url``, ``env``."""
    with CognitoServer(cognito_idp) as server:
        yield server
    if server.errors:
        shown = "; ".join(f"{type(e).__name__}: {e}" for e in server.errors)
        pytest.fail(f"cognito_server failed on {len(server.errors)} request(s): {shown}")


@pytest.fixture
def cognito_pool(request: pytest.FixtureRequest, cognito_idp: CognitoIdp) -> UserPool:
    """A fresh user pool; ``@pytest.mark.cognito_pool(**CreateUserPool kwargs)`` customises it."""
    return cognito_idp.create_pool(**_marker_kwargs(request, "cognito_pool"))


@pytest.fixture
def cognito_app_client(cognito_pool: UserPool) -> AppClient:
    """An app client of ``cognito_pool`` with no secret and every ``ALLOW_*`` auth flow."""
    return cognito_pool.create_client("app", explicit_auth_flows=ALL_ALLOW_FLOWS)


@pytest.fixture
def cognito_user(cognito_pool: UserPool) -> User:
    """A CONFIRMED user of ``cognito_pool`` with a known ``.password`` and a verified email."""
    return cognito_pool.create_user(
        "jane",
        attributes={"email": "jane@example.com", "email_verified": "true"},
    )


@pytest.fixture
def import_job(request: pytest.FixtureRequest, cognito_pool: UserPool) -> ImportJob:
    """A user import job in ``Created`` status on ``cognito_pool``."""
    if "cognito_clock" in request.fixturenames:
        # Created on the test's clock, whatever the order of the test's arguments: its creation
        # date decides when its upload URL and the job itself expire.
        request.getfixturevalue("cognito_clock")
    return cognito_pool.create_import_job()


@pytest.fixture
def cognito_clock(request: pytest.FixtureRequest) -> Iterator[Clock]:
    """Frozen time shared by the fake and the code under test."""
    marker = request.node.get_closest_marker("cognito_clock")
    start = None
    if marker is not None:
        if len(marker.args) != 1 or marker.kwargs:
            raise TypeError(
                '@pytest.mark.cognito_clock takes one start instant, e.g. "2024-05-01T00:00:00Z"'
            )
        start = marker.args[0]
    with Clock(start) as clock:
        yield clock


# A marker configures its fixture, so a marked test gets the fixture (as time-machine's marker
# does): a marker never silently does nothing. The clock comes first, so that the fixtures
# before it do not run in real time; the fake next, so that it is active for the test's own
# fixtures.
_MARKED_FIXTURES = (("cognito_pool", False), ("cognito_idp", True), ("cognito_clock", True))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        for name, first in _MARKED_FIXTURES:
            if name not in names and item.get_closest_marker(name) is not None:
                names.insert(0 if first else len(names), name)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if call.when == "call":
        item.stash[_test_passed] = report.passed
    fake = item.stash.get(_fake_of_test, None)
    if report.failed and call.when in ("call", "teardown") and fake is not None:
        section = recording.report(fake.calls, fake.trigger_calls)
        report.sections.append(("cognito-idp calls", section))
    if call.when == "teardown" and fake is not None:
        del item.stash[_fake_of_test]  # items live for the session; their fakes need not
    return report
