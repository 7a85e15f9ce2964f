"""A PreSignUp Lambda handler: only people from allowed email domains may sign up, and they
are confirmed at once (their company already vouched for the address).

It is an ordinary Lambda handler module; nothing in it knows about tests. Deployed, the domains
come from the environment; the tests plug the handler into the fake pool as it is.
"""

from __future__ import annotations

import os
from typing import Any, Dict, FrozenSet


def allowed_domains() -> FrozenSet[str]:
    return frozenset(
        d.strip().lower() for d in os.environ.get("ALLOWED_DOMAINS", "example.com").split(",")
    )


def handler(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    email = event["request"]["userAttributes"].get("email", "")
    domain = email.rpartition("@")[2].lower()
    if domain not in allowed_domains():
        # Cognito shows this to the client as "PreSignUp failed with error <message>."
        raise ValueError("Registration from this domain is not allowed.")
    if event["triggerSource"] == "PreSignUp_SignUp":
        event["response"]["autoConfirmUser"] = True
        event["response"]["autoVerifyEmail"] = True
    return event
