"""Passwordless sign-in with Cognito's CUSTOM_AUTH flow: a one-time code by email.

Two halves, as deployed: the three Lambda handlers the user pool runs (``define``, ``create``,
``verify``), and the app's side (``start_sign_in``, ``finish_sign_in``) calling Cognito with
boto3. Nothing here knows about tests.
"""

from __future__ import annotations

import os
import secrets
from typing import Any, Dict, Optional

import boto3

MAX_TRIES = 3

cognito = boto3.client("cognito-idp", region_name=os.environ.get("AWS_REGION", "us-east-1"))


def send_code(email: str, code: str) -> None:
    """Email the code (SES in production)."""
    boto3.client("ses").send_email(
        Source="no-reply@example.com",
        Destination={"ToAddresses": [email]},
        Message={"Subject": {"Data": "Your sign-in code"}, "Body": {"Text": {"Data": code}}},
    )


# -- the Lambda handlers -------------------------------------------------------------------------


def define(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    session = event["request"]["session"]
    response = event["response"]
    if (
        session
        and session[-1]["challengeName"] == "CUSTOM_CHALLENGE"
        and session[-1]["challengeResult"]
    ):
        response["issueTokens"] = True
    elif len(session) >= MAX_TRIES:
        response["failAuthentication"] = True
    else:
        response["challengeName"] = "CUSTOM_CHALLENGE"
    return event


def create(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    session = event["request"]["session"]
    if session and session[-1].get("challengeMetadata", "").startswith("CODE-"):
        code = session[-1]["challengeMetadata"][len("CODE-") :]  # a retry keeps the same code
    else:
        code = f"{secrets.randbelow(1_000_000):06d}"
        send_code(event["request"]["userAttributes"]["email"], code)
    event["response"]["publicChallengeParameters"] = {"delivery": "EMAIL"}
    event["response"]["privateChallengeParameters"] = {"code": code}
    event["response"]["challengeMetadata"] = f"CODE-{code}"
    return event


def verify(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    expected = event["request"]["privateChallengeParameters"]["code"]
    event["response"]["answerCorrect"] = secrets.compare_digest(
        event["request"]["challengeAnswer"], expected
    )
    return event


# -- the app's side ------------------------------------------------------------------------------


class SignInFailed(Exception):
    pass


def start_sign_in(client_id: str, email: str) -> str:
    """Ask for a code; returns the session to answer with."""
    answer = cognito.initiate_auth(
        ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": email}
    )
    return answer["Session"]  # type: ignore[no-any-return]


def finish_sign_in(client_id: str, email: str, session: str, code: str) -> Dict[str, Any]:
    """The tokens for the right code; ``{"Session": ...}`` to try again after a wrong one."""
    try:
        answer = cognito.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="CUSTOM_CHALLENGE",
            Session=session,
            ChallengeResponses={"USERNAME": email, "ANSWER": code},
        )
    except cognito.exceptions.NotAuthorizedException:
        raise SignInFailed("Too many wrong codes; start again.") from None
    result: Optional[Dict[str, Any]] = answer.get("AuthenticationResult")
    return result if result is not None else {"Session": answer["Session"]}
