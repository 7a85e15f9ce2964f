"""An app client's OAuth 2.0 settings, as the user pool domain applies them.

``CreateUserPoolClient`` stores them in wire form (``AllowedOAuthFlows``, ``CallbackURLs``...);
this reads them once per request into a typed value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

import attrs

if TYPE_CHECKING:
    from ..model.clients import AppClient

CODE = "code"
IMPLICIT = "implicit"
CLIENT_CREDENTIALS = "client_credentials"
COGNITO = "COGNITO"  # the pool's own users, as SupportedIdentityProviders names them


@attrs.frozen
class ClientOAuth:
    enabled: bool  # AllowedOAuthFlowsUserPoolClient
    flows: Tuple[str, ...]
    scopes: Tuple[str, ...]
    callback_urls: Tuple[str, ...]
    logout_urls: Tuple[str, ...]
    identity_providers: Tuple[str, ...]
    default_redirect_uri: Optional[str]

    def allows(self, flow: str) -> bool:
        return self.enabled and flow in self.flows


def oauth_of(client: AppClient) -> ClientOAuth:
    s = client.settings
    return ClientOAuth(
        enabled=bool(s.get("AllowedOAuthFlowsUserPoolClient")),
        flows=tuple(s.get("AllowedOAuthFlows") or ()),
        scopes=tuple(s.get("AllowedOAuthScopes") or ()),
        callback_urls=tuple(s.get("CallbackURLs") or ()),
        logout_urls=tuple(s.get("LogoutURLs") or ()),
        identity_providers=tuple(s.get("SupportedIdentityProviders") or ()),
        default_redirect_uri=s.get("DefaultRedirectURI"),
    )
