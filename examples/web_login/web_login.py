"""A small Flask web app that signs users in through a Cognito user pool domain.

- ``/login`` sends the browser to the domain's ``/oauth2/authorize`` (code grant with PKCE);
- ``/callback`` exchanges the code at ``/oauth2/token`` and keeps the ID token's claims in the
  session;
- ``/profile`` needs a signed-in user;
- ``/logout`` forgets the user and signs them out of the domain.

Configured from the environment as a deployed app would be: ``COGNITO_DOMAIN`` (the domain's
URL), ``COGNITO_CLIENT_ID``, ``COGNITO_CLIENT_SECRET``, ``APP_URL`` (where the app is reached),
``COGNITO_USER_POOL_ID`` and ``AWS_REGION`` for the issuer whose JWKS verifies the ID token.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from typing import Any, Dict
from urllib.parse import urlencode

import jwt
import requests
from flask import Flask, abort, redirect, request, session


def create_app() -> Flask:
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)
    domain = os.environ["COGNITO_DOMAIN"]
    client_id = os.environ["COGNITO_CLIENT_ID"]
    client_secret = os.environ["COGNITO_CLIENT_SECRET"]
    callback = os.environ["APP_URL"] + "/callback"
    issuer = (
        f"https://cognito-idp.{os.environ['AWS_REGION']}.amazonaws.com/"
        f"{os.environ['COGNITO_USER_POOL_ID']}"
    )
    jwks = jwt.PyJWKClient(f"{issuer}/.well-known/jwks.json")

    @app.get("/login")
    def login() -> Any:
        verifier = secrets.token_urlsafe(48)
        state = secrets.token_urlsafe(16)
        session.update(verifier=verifier, state=state)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        query = {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": callback,
            "scope": "openid email",
            "state": state,
            "code_challenge": challenge.decode().rstrip("="),
            "code_challenge_method": "S256",
        }
        return redirect(f"{domain}/oauth2/authorize?{urlencode(query)}")

    @app.get("/callback")
    def callback_page() -> Any:
        if "error" in request.args or request.args.get("state") != session.get("state"):
            abort(400)
        response = requests.post(
            f"{domain}/oauth2/token",
            data={
                "grant_type": "authorization_code",
                "code": request.args["code"],
                "redirect_uri": callback,
                "code_verifier": session.pop("verifier"),
            },
            auth=(client_id, client_secret),
            timeout=10,
        )
        if response.status_code != 200:
            abort(401)
        id_token = response.json()["id_token"]
        key = jwks.get_signing_key_from_jwt(id_token).key
        claims: Dict[str, Any] = jwt.decode(
            id_token, key, algorithms=["RS256"], audience=client_id, issuer=issuer
        )
        session["user"] = {"username": claims["cognito:username"], "email": claims.get("email")}
        return redirect("/profile")

    @app.get("/profile")
    def profile() -> Any:
        if "user" not in session:
            return redirect("/login")
        return {"user": session["user"]}

    @app.get("/logout")
    def logout() -> Any:
        session.clear()
        query = {"client_id": client_id, "logout_uri": os.environ["APP_URL"] + "/"}
        return redirect(f"{domain}/logout?{urlencode(query)}")

    return app
