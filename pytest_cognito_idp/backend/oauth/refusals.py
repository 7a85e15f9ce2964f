"""What the user pool domain's endpoints refuse, in OAuth 2.0's words.

The endpoints answer a refusal with an OAuth ``error`` code (RFC 6749, as AWS's endpoint
reference lists them), never an API exception: the HTTP side (pytest_cognito_idp/_http/) turns
an ``OAuthError`` into the JSON body or the redirect its endpoint uses.
"""

from __future__ import annotations

from typing import Optional

INVALID_REQUEST = "invalid_request"
INVALID_CLIENT = "invalid_client"
INVALID_GRANT = "invalid_grant"
UNAUTHORIZED_CLIENT = "unauthorized_client"
UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type"
INVALID_SCOPE = "invalid_scope"
UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type"
UNSUPPORTED_TOKEN_TYPE = "unsupported_token_type"
INVALID_TOKEN = "invalid_token"
# The authorize endpoint's error page: a redirect URI the client does not list.
REDIRECT_MISMATCH = "redirect_mismatch"


class OAuthError(Exception):
    """An endpoint refused the request with OAuth error ``error``."""

    def __init__(self, error: str, description: Optional[str] = None) -> None:
        super().__init__(description or error)
        self.error = error
        self.description = description


class PageError(OAuthError):
    """An authorize request that must not redirect (unknown client, unlisted redirect URI): the
    browser is shown the domain's error page instead."""
