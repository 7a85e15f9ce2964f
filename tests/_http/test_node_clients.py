"""JavaScript clients from npm, run by Node against ``cognito_server``: the AWS SDK v3,
amazon-cognito-identity-js and Amplify v6. ``.ci/run`` installs them (``npm ci --prefix
tests/node``, pinned by its package-lock.json)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict

import jwt
import pytest

from pytest_cognito_idp import CognitoIdp, CognitoServer, UserPool

NODE_DIR = Path(__file__).parent.parent / "node"

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed"),
    pytest.mark.skipif(
        not (NODE_DIR / "node_modules").is_dir(),
        reason="the npm packages are not installed: run `npm ci --prefix tests/node`",
    ),
]


def node(script: str, server: CognitoServer, step: str = "", **test: Any) -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(server.env, COGNITO_TEST=json.dumps(test))
    done = subprocess.run(
        ["node", script, *([step] if step else [])],
        cwd=NODE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def claims(token: str) -> Dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})  # type: ignore[no-any-return]


# -- the AWS SDK for JavaScript v3 -----------------------------------------------------------------


def test_sdk_v3_admin_calls_and_a_typed_error(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    out = node("sdk_v3.mjs", cognito_server, "admin", poolId=cognito_pool.id)

    assert out == {
        "createdStatus": "FORCE_CHANGE_PASSWORD",
        "createdIsDate": True,
        "status": "CONFIRMED",
        "users": ["bob"],
        "duplicate": {
            "name": "UsernameExistsException",
            "message": "User account already exists",
            "status": 400,
            "requestId": out["duplicate"]["requestId"],
            "typed": True,
        },
    }
    assert out["duplicate"]["requestId"]
    assert cognito_pool.user("bob").status == "CONFIRMED"
    cognito_idp.assert_called_once("AdminSetUserPassword", Username="bob", Permanent=True)


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_sdk_v3_sign_up_with_the_code_from_the_outbox_then_password_sign_in(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    client = cognito_pool.create_client(
        "web", explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )

    signed_up = node("sdk_v3.mjs", cognito_server, "sign-up", clientId=client.id)
    code = cognito_idp.outbox.last(username="carol").code
    signed_in = node(
        "sdk_v3.mjs", cognito_server, "confirm-and-sign-in", clientId=client.id, code=code
    )

    assert signed_up["userConfirmed"] is False
    assert signed_up["delivery"] == {
        "Destination": "c***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    assert signed_in["tokenType"] == "Bearer"
    assert signed_in["me"] == "carol"
    assert claims(signed_in["idToken"])["iss"] == cognito_pool.issuer
    assert claims(signed_in["idToken"])["sub"] == signed_up["userSub"]
    assert signed_in["wrongPassword"] == {
        "name": "NotAuthorizedException",
        "message": "Incorrect username or password.",
        "status": 400,
        "requestId": signed_in["wrongPassword"]["requestId"],
        "typed": True,
    }


# -- amazon-cognito-identity-js ------------------------------------------------------------------


def test_identity_js_signs_in_with_srp_and_refreshes(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    client = cognito_pool.create_client(
        "web", explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    user = cognito_pool.create_user("dave")

    out = node(
        "identity_js.mjs",
        cognito_server,
        poolId=cognito_pool.id,
        clientId=client.id,
        username="dave",
        password=user.password,
    )

    assert out["wrongPassword"] == {
        "code": "NotAuthorizedException",
        "message": "Incorrect username or password.",
    }
    assert out["flow"] == "USER_SRP_AUTH"
    assert out["username"] == "dave"
    assert claims(out["idToken"])["iss"] == cognito_pool.issuer
    assert out["refreshedValid"] is True
    assert out["refreshedAccessTokenIsNew"] is True
    cognito_idp.assert_called("RespondToAuthChallenge", ChallengeName="PASSWORD_VERIFIER")
    cognito_idp.assert_called("InitiateAuth", AuthFlow="REFRESH_TOKEN_AUTH")


# -- Amplify v6 ------------------------------------------------------------------------------------


def test_amplify_signs_in_refreshes_and_signs_out(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    client = cognito_pool.create_client(
        "web", explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    user = cognito_pool.create_user("erin")

    out = node(
        "amplify.mjs",
        cognito_server,
        poolId=cognito_pool.id,
        clientId=client.id,
        username="erin",
        password=user.password,
    )

    assert out == {
        "isSignedIn": True,
        "nextStep": "DONE",
        "currentUser": "erin",
        "refreshedAccessTokenIsNew": True,
        "issuer": cognito_pool.issuer,
        "afterSignOut": True,
    }
    cognito_idp.assert_called("RespondToAuthChallenge", ChallengeName="PASSWORD_VERIFIER")
    cognito_idp.assert_called_once("GlobalSignOut")
