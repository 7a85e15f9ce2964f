"""The domain on loopback answers on the name the browser used: ``localhost`` stays
``localhost`` (the origin a passkey needs), anything else is sent to 127.0.0.1."""

from __future__ import annotations

import requests

from pytest_cognito_idp import AppClient, UserPool

from .conftest import CALLBACK


def _authorize(url: str, client: AppClient) -> requests.Response:
    query = {"response_type": "code", "client_id": client.id, "redirect_uri": CALLBACK}
    return requests.get(f"{url}/oauth2/authorize", params=query, allow_redirects=False, timeout=5)


def test_a_browser_on_localhost_stays_on_localhost(
    domain_pool: UserPool, web_client: AppClient
) -> None:
    url = str(domain_pool.local_domain_url)
    on_localhost = url.replace("//127.0.0.1:", "//localhost:")

    location = _authorize(on_localhost, web_client).headers["Location"]
    assert location.startswith(f"{on_localhost}/login?")
    login = requests.get(location, timeout=5)
    assert f'action="{on_localhost}/login?' in login.text
    assert "Path=/domain/" in login.headers["Set-Cookie"]


def test_another_host_name_is_sent_to_the_loopback_address(
    domain_pool: UserPool, web_client: AppClient
) -> None:
    url = str(domain_pool.local_domain_url)
    response = requests.get(
        f"{url}/oauth2/authorize",
        params={"response_type": "code", "client_id": web_client.id, "redirect_uri": CALLBACK},
        headers={"Host": "attacker.example"},
        allow_redirects=False,
        timeout=5,
    )
    assert response.headers["Location"].startswith(f"{url}/login?")
