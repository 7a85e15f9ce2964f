"""The web app's sign-in through the pool's domain, with the browser's trip across the app and
the domain's managed login page played by the Flask test client and a requests.Session."""

from __future__ import annotations

import re

import pytest

flask = pytest.importorskip("flask")
import requests  # noqa: E402
import web_login  # noqa: E402

APP = "http://app.test"


@pytest.fixture
def app(cognito_pool, monkeypatch):
    domain = cognito_pool.create_domain("web-login")
    client = cognito_pool.create_client(
        "web",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[f"{APP}/callback"],
        LogoutURLs=[f"{APP}/"],
        SupportedIdentityProviders=["COGNITO"],
    )
    for name, value in {
        "COGNITO_DOMAIN": domain,
        "COGNITO_CLIENT_ID": client.id,
        "COGNITO_CLIENT_SECRET": client.secret,
        "APP_URL": APP,
        "COGNITO_USER_POOL_ID": cognito_pool.id,
        "AWS_REGION": cognito_pool.region,
    }.items():
        monkeypatch.setenv(name, value)
    return web_login.create_app().test_client()


def _sign_in_on_the_domain(app, username, password):
    """What the browser does: off to the domain, fill in the form, back to the app."""
    to_domain = app.get("/login").headers["Location"]
    browser = requests.Session()
    form = browser.get(to_domain)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form.text).group(1)
    back = browser.post(
        form.url,
        data={"username": username, "password": password, "_csrf": csrf},
        allow_redirects=False,
    )
    location = back.headers.get("Location", "")
    assert location.startswith(f"{APP}/callback"), back.text
    return app.get(location[len(APP) :])


def test_sign_in_then_profile_then_logout(app, cognito_user):
    assert app.get("/profile").headers["Location"] == "/login"  # not signed in yet

    landed = _sign_in_on_the_domain(app, cognito_user.username, cognito_user.password)
    assert landed.headers["Location"] == "/profile"

    profile = app.get("/profile").get_json()
    assert profile == {
        "user": {"username": cognito_user.username, "email": cognito_user.attributes["email"]}
    }
    out = app.get("/logout").headers["Location"]
    assert "/logout?" in out
    assert requests.get(out, allow_redirects=False).headers["Location"] == f"{APP}/"
    assert app.get("/profile").headers["Location"] == "/login"


def test_a_wrong_password_stays_on_the_domain(app, cognito_user):
    to_domain = app.get("/login").headers["Location"]
    browser = requests.Session()
    form = browser.get(to_domain)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form.text).group(1)
    page = browser.post(
        form.url,
        data={"username": cognito_user.username, "password": "Wrong-1aaa", "_csrf": csrf},
        allow_redirects=False,
    )

    assert page.status_code == 200
    assert "Incorrect username or password." in page.text
