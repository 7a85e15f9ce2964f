"""An app client's OAuth 2.0 settings, as the user pool domain applies them.

CreateUserPoolClient and UpdateUserPoolClient read them into ``ClientOAuth``
(backend/model/clients.py), which the app client keeps.
"""

from __future__ import annotations

from ..model.clients import AppClient, ClientOAuth

__all__ = ["ClientOAuth", "oauth_of"]

CODE = "code"
IMPLICIT = "implicit"
CLIENT_CREDENTIALS = "client_credentials"
COGNITO = "COGNITO"  # the pool's own users, as SupportedIdentityProviders names them


def oauth_of(client: AppClient) -> ClientOAuth:
    return client.oauth
