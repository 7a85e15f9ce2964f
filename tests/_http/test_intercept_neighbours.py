"""The interception beside the HTTP mocking libraries a suite may already use: what a test adds,
if anything, for the Cognito hosts to be answered by the fake (the README says the same)."""

from __future__ import annotations

import pytest

pytest.importorskip("httpx", reason="httpx is not installed (the `test` extra has it)")

# The test a suite would write: fetch the pool's JWKS with the client the mocking library covers.
JWKS_TEST = """
import pytest, re
{imports}

{decorator}
def test_jwks(cognito_pool{fixtures}):
{setup}
    assert {fetch}(cognito_pool.issuer + "/.well-known/jwks.json").json() == cognito_pool.jwks
"""


def _run(pytester: pytest.Pytester, *args: str, **parts: str) -> pytest.RunResult:
    values = {"imports": "", "decorator": "", "fixtures": "", "setup": "    pass", **parts}
    pytester.makepyfile(JWKS_TEST.format(**values))
    return pytester.runpytest(*args)


def test_responses_lets_the_cognito_hosts_through_with_add_passthru(
    pytester: pytest.Pytester,
) -> None:
    pytest.importorskip("responses", reason="responses is not installed")
    _run(
        pytester,
        imports="import requests, responses",
        decorator="@responses.activate",
        setup='    responses.add_passthru(re.compile(r"https://cognito-idp\\.[^/]+\\.amazonaws\\.com/"))',
        fetch="requests.get",
    ).assert_outcomes(passed=1)


def test_respx_needs_a_pass_through_route_when_it_starts_after_the_fake(
    pytester: pytest.Pytester,
) -> None:
    pytest.importorskip("respx", reason="respx is not installed")
    _run(
        pytester,
        imports="import httpx",
        fixtures=", respx_mock",
        setup='    respx_mock.route(host__regex=r"cognito-idp\\..+amazonaws").pass_through()',
        fetch="httpx.get",
    ).assert_outcomes(passed=1)


def test_respx_needs_nothing_when_it_starts_before_the_fake(pytester: pytest.Pytester) -> None:
    pytest.importorskip("respx", reason="respx is not installed")
    pytester.makepyfile(
        """
        import httpx

        def test_jwks(respx_mock, cognito_pool):
            # respx is set up first: the fake's interception wraps it and answers first.
            jwks = httpx.get(cognito_pool.issuer + "/.well-known/jwks.json").json()
            assert jwks == cognito_pool.jwks
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_pytest_httpx_leaves_the_cognito_hosts_to_the_fake_with_should_mock(
    pytester: pytest.Pytester,
) -> None:
    pytest.importorskip("pytest_httpx", reason="pytest-httpx is not installed")
    _run(
        pytester,
        imports="import httpx",
        decorator=(
            "@pytest.mark.httpx_mock("
            'should_mock=lambda request: not request.url.host.endswith(".amazonaws.com"))'
        ),
        fixtures=", httpx_mock",
        fetch="httpx.get",
    ).assert_outcomes(passed=1)


@pytest.mark.parametrize("fetch", ["requests.get", "httpx.get"])
def test_pytest_socket_needs_nothing_for_in_process_answers(
    pytester: pytest.Pytester, fetch: str
) -> None:
    pytest.importorskip("pytest_socket", reason="pytest-socket is not installed")
    result = _run(pytester, "--disable-socket", imports="import requests, httpx", fetch=fetch)
    result.assert_outcomes(passed=1)


def test_pytest_socket_lets_aiohttp_through_with_loopback_allowed(
    pytester: pytest.Pytester,
) -> None:
    pytest.importorskip("pytest_socket", reason="pytest-socket is not installed")
    pytest.importorskip("aiohttp", reason="aiohttp is not installed")
    pytester.makepyfile(
        """
        import asyncio, aiohttp

        def test_jwks(cognito_pool):
            async def fetch():
                async with aiohttp.ClientSession() as session:
                    response = await session.get(cognito_pool.issuer + "/.well-known/jwks.json")
                    return await response.json()

            assert asyncio.run(fetch()) == cognito_pool.jwks
        """
    )
    pytester.runpytest("--allow-hosts=127.0.0.1").assert_outcomes(passed=1)
