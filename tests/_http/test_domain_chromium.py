"""A real browser on the domain's loopback address: Chromium, driven by Playwright, follows
authorize -> managed login -> the app's callback (a server started here, which redeems the code
at /oauth2/token), and signs in with a passkey held by Chromium's virtual authenticator.

Skipped where Playwright or Chromium is missing (``pip install -e '.[browser]'`` and, on Debian,
``apt-get install chromium``); Playwright never downloads a browser here. The browser uses
``localhost`` (a secure context a passkey's relying party ID can name, which 127.0.0.1 cannot)
and resolves no other name: nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from pytest_cognito_idp import AppClient, UserPool

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip(
        "Playwright is not installed (pip install -e '.[browser]')", allow_module_level=True
    )

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
if not os.access(CHROMIUM, os.X_OK):  # pragma: no cover - depends on the machine
    pytest.skip(
        f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Every name but localhost fails to resolve: the browser cannot reach the network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]
PASSKEY_POOL = pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class App:
    """The app a user signs in to: its callback redeems the code at the domain's /oauth2/token
    and shows whose ID token came back."""

    def __init__(self, pool: UserPool) -> None:
        self.pool = pool
        self.client: AppClient | None = None
        self.signed_in: List[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def callback(self) -> str:
        return f"{self.url}/callback"

    @property
    def domain(self) -> str:
        """The domain on loopback, as ``localhost``."""
        url = self.pool.local_domain_url
        assert url is not None
        return url.replace("//127.0.0.1:", "//localhost:")

    def authorize_url(self) -> str:
        assert self.client is not None
        query = {
            "response_type": "code",
            "client_id": self.client.id,
            "redirect_uri": self.callback,
            "scope": "openid",
            "state": "xyz",
        }
        return f"{self.domain}/oauth2/authorize?{urlencode(query)}"

    def _redeem(self, query: Dict[str, str]) -> Tuple[int, str]:
        assert self.client is not None
        response = requests.post(
            f"{self.domain}/oauth2/token",
            data={
                "grant_type": "authorization_code",
                "code": query.get("code", ""),
                "redirect_uri": self.callback,
            },
            auth=(self.client.id, self.client.secret or ""),
            timeout=5,
        )
        if response.status_code != 200 or query.get("state") != "xyz":
            return 400, f"refused: {response.text}"
        username = str(self.pool.verify_token(response.json()["id_token"])["cognito:username"])
        self.signed_in.append(username)
        return 200, f"Signed in as {username}"

    def _handler(self) -> Any:
        app = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's name
                parts = urlsplit(self.path)
                status, text = 200, "The app"
                if parts.path == "/callback":
                    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                    status, text = app._redeem(query)
                body = f'<!DOCTYPE html><p id="status">{text}</p>'.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def app(domain_pool: UserPool) -> Iterator[App]:
    app = App(domain_pool)
    yield app
    app.close()


def _client(app: App, *flows: str) -> AppClient:
    app.client = app.pool.create_client(
        "browser-app",
        generate_secret=True,
        ExplicitAuthFlows=[*flows, "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[app.callback],
        SupportedIdentityProviders=["COGNITO"],
    )
    return app.client


def test_chromium_signs_in_with_a_password(app: App, page: Page, domain_pool: UserPool) -> None:
    _client(app, "ALLOW_USER_SRP_AUTH")
    domain_pool.create_user("jane", password="Pass-word-1")

    page.goto(app.authorize_url())
    page.fill("input[name=username]", "jane")
    page.fill("input[name=password]", "Wrong-pass-1")
    page.click("button[type=submit]")
    assert page.inner_text("#error") == "Incorrect username or password."

    page.fill("input[name=username]", "jane")
    page.fill("input[name=password]", "Pass-word-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{app.callback}?*")

    assert page.inner_text("#status") == "Signed in as jane"
    assert app.signed_in == ["jane"]
    # The session cookie: a second authorize request skips the form.
    page.goto(app.authorize_url())
    page.wait_for_url(f"{app.callback}?*")
    assert app.signed_in == ["jane", "jane"]


# Registration through the browser's own WebAuthn client: the options StartWebAuthnRegistration
# gave, navigator.credentials.create, the credential's JSON back for
# CompleteWebAuthnRegistration.
_CREATE = """async (options) => {
  const o = options.publicKey || options;
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(o);
  const credential = await navigator.credentials.create({ publicKey });
  return credential.toJSON();
}"""


@PASSKEY_POOL
def test_chromium_signs_in_with_a_passkey_of_its_virtual_authenticator(
    app: App, page: Page, client: Any, domain_pool: UserPool
) -> None:
    _client(app, "ALLOW_USER_AUTH")
    domain_pool.create_user("jane", password="Pass-word-1")
    client.set_user_pool_mfa_config(
        UserPoolId=domain_pool.id,
        WebAuthnConfiguration={"RelyingPartyId": "localhost", "UserVerification": "required"},
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]

    admin = domain_pool.create_client(
        "admin", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    token = domain_pool.sign_in("jane", "Pass-word-1", admin)["AccessToken"]
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    page.goto(app.url)  # a page of the app, on localhost: the passkey's origin
    credential = page.evaluate(_CREATE, options)
    client.complete_web_authn_registration(AccessToken=token, Credential=credential)
    held = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert [c["rpId"] for c in held["credentials"]] == ["localhost"]
    counter = held["credentials"][0]["signCount"]

    page.goto(app.authorize_url())
    page.fill("input[name=username]", "jane")
    page.click("button[type=submit]")
    page.check("input[name=challenge][value=WEB_AUTHN]")
    page.click("button[type=submit]")
    assert page.inner_text("h1") == "Sign in with passkey"
    page.click("button[type=submit]")
    page.wait_for_url(f"{app.callback}?*")

    assert page.inner_text("#status") == "Signed in as jane"
    assert app.signed_in == ["jane"]
    held = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert held["credentials"][0]["signCount"] == counter + 1  # one assertion, signed in
    described = client.list_web_authn_credentials(AccessToken=token)["Credentials"]
    assert [(c["CredentialId"], c["RelyingPartyId"]) for c in described] == [
        (credential["id"], "localhost")
    ]


@pytest.fixture
def web_login_app(
    domain_pool: UserPool, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Tuple[str, AppClient]]:
    """examples/web_login's Flask app, served on loopback and configured as deployed: the domain
    it sends browsers to is the pool's loopback domain."""
    pytest.importorskip("flask")
    from werkzeug.serving import make_server

    monkeypatch.syspath_prepend(str(EXAMPLES / "web_login"))
    import web_login

    server = make_server("127.0.0.1", 0, None, threaded=True)  # type: ignore[arg-type]
    url = f"http://localhost:{server.server_port}"
    domain = domain_pool.local_domain_url
    assert domain is not None
    client = domain_pool.create_client(
        "web",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[f"{url}/callback"],
        LogoutURLs=[f"{url}/"],
        SupportedIdentityProviders=["COGNITO"],
    )
    for name, value in {
        "COGNITO_DOMAIN": domain.replace("//127.0.0.1:", "//localhost:"),
        "COGNITO_CLIENT_ID": client.id,
        "COGNITO_CLIENT_SECRET": str(client.secret),
        "APP_URL": url,
        "COGNITO_USER_POOL_ID": domain_pool.id,
        "AWS_REGION": domain_pool.region,
    }.items():
        monkeypatch.setenv(name, value)
    server.app = web_login.create_app()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, client
    server.shutdown()


def test_chromium_signs_in_to_the_example_web_app(
    web_login_app: Tuple[str, AppClient], page: Page, domain_pool: UserPool
) -> None:
    url, _ = web_login_app
    domain_pool.create_user("jane", password="Pass-word-1", attributes={"email": "j@example.com"})

    page.goto(f"{url}/login")  # the app sends the browser to the domain's managed login
    page.fill("input[name=username]", "jane")
    page.fill("input[name=password]", "Pass-word-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/profile")  # its callback redeemed the code and verified the token

    profile = json.loads(page.inner_text("body"))
    assert profile == {"user": {"username": "jane", "email": "j@example.com"}}
