"""Sign-in through the user pool domain: authorize, the managed login form, the code exchange
with PKCE, refresh, userInfo, revoke and logout, driven as a browser and an app drive them."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any, Dict

import pytest
import requests

from pytest_cognito_idp import AppClient, CognitoIdp, User, UserPool

from ._browser import Browser, forms_of
from .conftest import CALLBACK, SIGNED_OUT


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _authorize(browser: Browser, client: AppClient, **extra: str) -> requests.Response:
    params = {"response_type": "code", "client_id": client.id, "redirect_uri": CALLBACK}
    params.update(extra)
    return browser.get("/oauth2/authorize", **params)


def _exchange(base: str, client: AppClient, code: str, **extra: str) -> requests.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, **extra}
    auth = (client.id, client.secret) if client.secret else None
    if auth is None:
        data["client_id"] = client.id
    return requests.post(f"{base}/oauth2/token", data=data, auth=auth, timeout=5)


def _sign_in(base: str, client: AppClient, user: User, **extra: str) -> Dict[str, str]:
    browser = Browser(base)
    _authorize(browser, client, **extra)
    browser.submit(username=user.username, password=str(user.password))
    return browser.callback_params()


def test_authorization_code_with_pkce(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    verifier, challenge = _pkce()
    browser = Browser(base)
    page = _authorize(
        browser,
        web_client,
        scope="openid email",
        state="xyz",
        nonce="n-0S6",
        code_challenge=challenge,
        code_challenge_method="S256",
    )

    # The form a browser fills: the contract's field names and a CSRF token.
    assert page.status_code == 200
    assert page.url.startswith(f"{base}/login?")
    fields = forms_of(page.text)[0].fields
    assert {"username", "password", "_csrf"} <= set(fields) and fields["_csrf"]

    browser.submit(username=cognito_user.username, password=str(cognito_user.password))
    assert browser.callback is not None and browser.callback.startswith(CALLBACK + "?")
    params = browser.callback_params()
    assert params["state"] == "xyz"

    response = _exchange(base, web_client, params["code"], code_verifier=verifier)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id_token", "access_token", "refresh_token", "expires_in", "token_type"}
    assert body["token_type"] == "Bearer"
    id_claims = domain_pool.verify_token(body["id_token"])
    access = domain_pool.verify_token(body["access_token"])
    assert id_claims["nonce"] == "n-0S6"
    assert id_claims["aud"] == web_client.id
    assert id_claims["email"] == cognito_user.attributes["email"]
    assert id_claims["at_hash"] == _at_hash(body["access_token"])
    assert access["scope"] == "openid email"
    assert access["client_id"] == web_client.id
    assert access["username"] == cognito_user.username
    assert id_claims["auth_time"] == access["auth_time"]


def _at_hash(token: str) -> str:
    digest = hashlib.sha256(token.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def test_no_id_token_without_openid(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    params = _sign_in(base, web_client, cognito_user, scope="https://api.example.com/read")
    body = _exchange(base, web_client, params["code"]).json()

    assert "id_token" not in body
    assert domain_pool.verify_token(body["access_token"])["scope"] == (
        "https://api.example.com/read"
    )


def test_omitted_scope_grants_every_allowed_scope(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    params = _sign_in(base, web_client, cognito_user)
    body = _exchange(base, web_client, params["code"]).json()

    scope = domain_pool.verify_token(body["access_token"])["scope"]
    assert scope == "openid email profile https://api.example.com/read"


def test_a_code_is_used_once(base: str, web_client: AppClient, cognito_user: User) -> None:
    params = _sign_in(base, web_client, cognito_user)

    assert _exchange(base, web_client, params["code"]).status_code == 200
    second = _exchange(base, web_client, params["code"])
    assert (second.status_code, second.json()) == (400, {"error": "invalid_grant"})


@pytest.mark.parametrize(
    "change",
    [
        {"code_verifier": "not-the-verifier-not-the-verifier-not-the-verifier"},
        {},  # the verifier is missing
        {"redirect_uri": "https://app.example.com/other"},
    ],
)
def test_a_code_is_bound_to_its_verifier_and_redirect_uri(
    base: str, web_client: AppClient, cognito_user: User, change: Dict[str, str]
) -> None:
    _, challenge = _pkce()
    params = _sign_in(
        base, web_client, cognito_user, code_challenge=challenge, code_challenge_method="S256"
    )
    response = _exchange(base, web_client, params["code"], **change)

    assert (response.status_code, response.json()) == (400, {"error": "invalid_grant"})


def test_a_code_is_bound_to_its_client(
    base: str, web_client: AppClient, spa_client: AppClient, cognito_user: User
) -> None:
    params = _sign_in(base, web_client, cognito_user)
    response = _exchange(base, spa_client, params["code"])

    assert (response.status_code, response.json()) == (400, {"error": "invalid_grant"})


def test_a_code_lives_five_minutes(
    base: str, web_client: AppClient, cognito_user: User, cognito_clock: Any
) -> None:
    params = _sign_in(base, web_client, cognito_user)
    cognito_clock.advance(minutes=5)
    response = _exchange(base, web_client, params["code"])

    assert (response.status_code, response.json()) == (400, {"error": "invalid_grant"})


def test_wrong_password_is_shown_on_the_page_then_lockout(
    base: str, web_client: AppClient, cognito_user: User
) -> None:
    browser = Browser(base)
    _authorize(browser, web_client)
    for _ in range(5):
        page = browser.submit(username=cognito_user.username, password="Wrong-password-1")
        assert page.status_code == 200
        assert "Incorrect username or password." in page.text
        assert browser.callback is None
    page = browser.submit(username=cognito_user.username, password=str(cognito_user.password))
    assert "Password attempts exceeded" in page.text
    assert browser.callback is None


def test_unknown_user_is_shown_on_the_page(base: str, web_client: AppClient) -> None:
    browser = Browser(base)
    _authorize(browser, web_client)
    page = browser.submit(username="nobody", password="Whatever-1")

    assert "User does not exist." in page.text
    assert browser.callback is None


def test_the_session_cookie_skips_the_form_until_logout(
    base: str, web_client: AppClient, cognito_user: User
) -> None:
    browser = Browser(base)
    _authorize(browser, web_client)
    browser.submit(username=cognito_user.username, password=str(cognito_user.password))
    assert "code" in browser.callback_params()

    _authorize(browser, web_client, state="again")
    assert browser.callback_params()["state"] == "again"  # straight back, no form

    browser.get("/logout", client_id=web_client.id, logout_uri=SIGNED_OUT)
    assert browser.callback == SIGNED_OUT

    page = _authorize(browser, web_client)
    assert browser.callback is None and "password" in forms_of(page.text)[0].fields


def test_prompt_login_shows_the_form_despite_the_session(
    base: str, web_client: AppClient, cognito_user: User
) -> None:
    browser = Browser(base)
    _authorize(browser, web_client)
    browser.submit(username=cognito_user.username, password=str(cognito_user.password))

    page = _authorize(browser, web_client, prompt="login")
    assert browser.callback is None and page.url.startswith(f"{base}/login")


def test_logout_to_an_unlisted_uri_is_the_error_page(base: str, web_client: AppClient) -> None:
    browser = Browser(base)
    page = browser.get("/logout", client_id=web_client.id, logout_uri="https://evil.example")

    assert browser.callback is None
    assert page.status_code == 400
    assert page.url.startswith(f"{base}/error?error=redirect_mismatch")


def test_logout_with_redirect_uri_goes_back_to_sign_in(base: str, web_client: AppClient) -> None:
    browser = Browser(base)
    page = browser.get(
        "/logout", client_id=web_client.id, redirect_uri=CALLBACK, response_type="code"
    )

    assert page.url.startswith(f"{base}/login?") and page.status_code == 200


@pytest.mark.parametrize("redirect_uri", ["https://evil.example/cb", CALLBACK + "/", ""])
def test_a_redirect_mismatch_never_redirects(
    base: str, web_client: AppClient, redirect_uri: str
) -> None:
    browser = Browser(base)
    page = _authorize(browser, web_client, redirect_uri=redirect_uri, state="s")

    assert browser.callback is None
    assert page.status_code == 400
    assert page.url == f"{base}/error?error=redirect_mismatch&client_id={web_client.id}"
    assert "An error was encountered with the requested page." in page.text


def test_an_unknown_client_is_the_error_page(base: str) -> None:
    browser = Browser(base)
    page = browser.get(
        "/oauth2/authorize", response_type="code", client_id="nope", redirect_uri=CALLBACK
    )

    assert browser.callback is None
    assert page.url == f"{base}/error?error=invalid_request&client_id=nope"


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"code_challenge": "abc", "code_challenge_method": "plain"}, "invalid_request"),
        ({"scope": "phone"}, "invalid_scope"),  # not allowed for the client
        ({"scope": "email"}, "invalid_scope"),  # email needs openid
        ({"response_type": "token"}, "unauthorized_client"),  # implicit not allowed
        ({"response_type": "id_token"}, "unsupported_response_type"),
    ],
)
def test_other_refusals_redirect_with_the_error(
    base: str, web_client: AppClient, extra: Dict[str, str], error: str
) -> None:
    browser = Browser(base)
    _authorize(browser, web_client, state="st", **extra)

    params = browser.callback_params()
    assert params["error"] == error
    assert params["state"] == "st"
    assert "code" not in params


def test_forms_without_the_csrf_token_are_refused(
    base: str, web_client: AppClient, cognito_user: User, cognito_idp: CognitoIdp
) -> None:
    browser = Browser(base)
    _authorize(browser, web_client)
    response = browser.submit(
        username=cognito_user.username, password=str(cognito_user.password), _csrf="forged"
    )

    assert response.status_code == 403
    assert browser.callback is None


def test_implicit_grant_puts_tokens_in_the_fragment(
    base: str, domain_pool: UserPool, spa_client: AppClient, cognito_user: User
) -> None:
    browser = Browser(base)
    browser.get(
        "/oauth2/authorize",
        response_type="token",
        client_id=spa_client.id,
        redirect_uri=CALLBACK,
        scope="openid",
        state="s1",
        nonce="n1",
    )
    browser.submit(username=cognito_user.username, password=str(cognito_user.password))

    params = browser.callback_params(fragment=True)
    assert set(params) == {"id_token", "access_token", "expires_in", "token_type", "state"}
    assert domain_pool.verify_token(params["id_token"])["nonce"] == "n1"
    assert domain_pool.verify_token(params["access_token"])["scope"] == "openid"


def test_public_client_exchanges_with_its_id_in_the_form(
    base: str, spa_client: AppClient, cognito_user: User
) -> None:
    verifier, challenge = _pkce()
    params = _sign_in(
        base, spa_client, cognito_user, code_challenge=challenge, code_challenge_method="S256"
    )
    response = _exchange(base, spa_client, params["code"], code_verifier=verifier)

    assert response.status_code == 200


def test_refresh_token_grant_keeps_the_scopes(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    params = _sign_in(base, web_client, cognito_user, scope="openid profile")
    first = _exchange(base, web_client, params["code"]).json()

    response = requests.post(
        f"{base}/oauth2/token",
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        auth=(web_client.id, web_client.secret),
        timeout=5,
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id_token", "access_token", "expires_in", "token_type"}
    assert domain_pool.verify_token(body["access_token"])["scope"] == "openid profile"

    bad = requests.post(
        f"{base}/oauth2/token",
        data={"grant_type": "refresh_token", "refresh_token": "nonsense"},
        auth=(web_client.id, web_client.secret),
        timeout=5,
    )
    assert (bad.status_code, bad.json()) == (400, {"error": "invalid_grant"})


def test_user_info_returns_what_the_scopes_allow(
    base: str, spa_client: AppClient, cognito_user: User, cognito_pool: UserPool
) -> None:
    verifier, challenge = _pkce()
    params = _sign_in(
        base,
        spa_client,
        cognito_user,
        scope="openid email",
        code_challenge=challenge,
        code_challenge_method="S256",
    )
    token = _exchange(base, spa_client, params["code"], code_verifier=verifier).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}

    for method in ("GET", "POST"):
        response = requests.request(method, f"{base}/oauth2/userInfo", headers=headers, timeout=5)
        assert response.status_code == 200
        assert response.json() == {
            "sub": cognito_user.sub,
            "email": cognito_user.attributes["email"],
            "email_verified": "true",
            "username": cognito_user.username,
        }

    missing = requests.get(f"{base}/oauth2/userInfo", timeout=5)
    assert (missing.status_code, missing.json()["error"]) == (400, "invalid_request")
    forged = requests.get(
        f"{base}/oauth2/userInfo", headers={"Authorization": "Bearer x.y.z"}, timeout=5
    )
    assert (forged.status_code, forged.json()["error"]) == (401, "invalid_token")
    assert forged.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')


def test_revoke_ends_the_refresh_token_and_its_tokens(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    params = _sign_in(base, web_client, cognito_user, scope="openid")
    tokens = _exchange(base, web_client, params["code"]).json()
    auth = (web_client.id, web_client.secret)

    wrong = requests.post(
        f"{base}/oauth2/revoke",
        data={"token": tokens["refresh_token"]},
        auth=(web_client.id, "x"),
        timeout=5,
    )
    assert (wrong.status_code, wrong.json()) == (401, {"error": "invalid_client"})
    access = requests.post(
        f"{base}/oauth2/revoke", data={"token": tokens["access_token"]}, auth=auth, timeout=5
    )
    assert (access.status_code, access.json()) == (400, {"error": "unsupported_token_type"})

    response = requests.post(
        f"{base}/oauth2/revoke", data={"token": tokens["refresh_token"]}, auth=auth, timeout=5
    )
    assert (response.status_code, response.content) == (200, b"")
    with pytest.raises(ValueError, match="revoked"):
        domain_pool.verify_token(tokens["access_token"])
    refreshed = requests.post(
        f"{base}/oauth2/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=auth,
        timeout=5,
    )
    assert (refreshed.status_code, refreshed.json()) == (400, {"error": "invalid_grant"})


def test_api_calls_need_the_admin_scope(
    base: str, spa_client: AppClient, cognito_user: User, client: Any
) -> None:
    verifier, challenge = _pkce()
    params = _sign_in(
        base,
        spa_client,
        cognito_user,
        scope="openid aws.cognito.signin.user.admin",
        code_challenge=challenge,
        code_challenge_method="S256",
    )
    token = _exchange(base, spa_client, params["code"], code_verifier=verifier).json()

    assert client.get_user(AccessToken=token["access_token"])["Username"] == cognito_user.username


def test_prompt_none_needs_a_session(base: str, web_client: AppClient, cognito_user: User) -> None:
    browser = Browser(base)
    _authorize(browser, web_client, prompt="none", state="p")
    assert browser.callback_params() == {"error": "login_required", "state": "p"}

    _authorize(browser, web_client)
    browser.submit(username=cognito_user.username, password=str(cognito_user.password))
    _authorize(browser, web_client, prompt="none")
    assert "code" in browser.callback_params()


def test_the_code_exchange_needs_the_redirect_uri(
    base: str, web_client: AppClient, cognito_user: User
) -> None:
    params = _sign_in(base, web_client, cognito_user)
    response = requests.post(
        f"{base}/oauth2/token",
        data={"grant_type": "authorization_code", "code": params["code"]},
        auth=(web_client.id, web_client.secret),
        timeout=5,
    )

    assert (response.status_code, response.json()) == (400, {"error": "invalid_request"})


def test_refresh_token_rotation(base: str, domain_pool: UserPool, cognito_user: User) -> None:
    rotating = domain_pool.create_client(
        "rotating",
        generate_secret=True,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 0},
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )
    params = _sign_in(base, rotating, cognito_user)
    first = _exchange(base, rotating, params["code"]).json()

    def refresh(token: str) -> requests.Response:
        return requests.post(
            f"{base}/oauth2/token",
            data={"grant_type": "refresh_token", "refresh_token": token},
            auth=(rotating.id, rotating.secret),
            timeout=5,
        )

    second = refresh(first["refresh_token"]).json()
    assert second["refresh_token"] != first["refresh_token"]
    assert refresh(second["refresh_token"]).status_code == 200
    reused = refresh(first["refresh_token"])
    assert (reused.status_code, reused.json()) == (400, {"error": "invalid_grant"})


def test_urllib_keeps_the_cookies_too(
    domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    import http.cookiejar
    import re
    import urllib.error
    import urllib.parse
    import urllib.request

    class Stop(urllib.request.HTTPRedirectHandler):
        def redirect_request(
            self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
        ) -> Any:
            if newurl.startswith(CALLBACK):
                raise urllib.error.HTTPError(newurl, code, msg, headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Stop())
    query = urllib.parse.urlencode(
        {"response_type": "code", "client_id": web_client.id, "redirect_uri": CALLBACK}
    )
    with opener.open(f"{domain_pool.domain_url}/oauth2/authorize?{query}", timeout=5) as page:
        html, login_url = page.read().decode(), page.geturl()
    assert {c.name for c in jar} == {"XSRF-TOKEN"}
    csrf = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert csrf is not None
    form = {"username": cognito_user.username, "password": cognito_user.password, "_csrf": csrf[1]}
    with pytest.raises(urllib.error.HTTPError) as sent_back:
        opener.open(login_url, data=urllib.parse.urlencode(form).encode(), timeout=5)

    assert sent_back.value.filename.startswith(CALLBACK + "?code=")
    assert {c.name for c in jar} == {"XSRF-TOKEN", "cognito"}


def test_httpx_signs_in_as_a_browser_does_and_keeps_the_session_cookie(
    domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    # In-process, through httpx's own redirect handling and cookie jar (not requests').
    httpx = pytest.importorskip("httpx")
    assert domain_pool.domain_url is not None
    params = {"response_type": "code", "client_id": web_client.id, "redirect_uri": CALLBACK}

    with httpx.Client(base_url=domain_pool.domain_url) as browser:
        page = browser.get("/oauth2/authorize", params=params, follow_redirects=True)
        form = forms_of(page.text)[0]
        fields = {**form.fields, "username": cognito_user.username}
        fields["password"] = str(cognito_user.password)
        done = browser.post(str(page.url.join(form.action)), data=fields)
        assert done.status_code == 302
        assert done.headers["Location"].startswith(CALLBACK + "?code=")

        # The session cookie httpx kept: a second authorize goes straight back with a code.
        again = browser.get("/oauth2/authorize", params=params)
        assert again.status_code == 302
        assert again.headers["Location"].startswith(CALLBACK + "?code=")
