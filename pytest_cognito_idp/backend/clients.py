"""App clients: who may call the pool, with which auth flows, and how long tokens live."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any, Dict, List, Optional

import attrs

# ExplicitAuthFlows as the service applies them. Legacy values (the 2016 API) map to the flows
# they enable; a client created without ExplicitAuthFlows gets the service's default set.
LEGACY_FLOWS = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
}
DEFAULT_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH")
ALL_ALLOW_FLOWS = (
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
)


@attrs.frozen
class ClientSecret:
    id: str
    value: str
    created: float


@attrs.define
class AppClient:
    id: str
    name: str
    pool_id: str
    created: float
    last_modified: float
    secrets: List[ClientSecret] = attrs.field(factory=list)
    # As given (legacy or ALLOW_* values), echoed by DescribeUserPoolClient.
    explicit_auth_flows: List[str] = attrs.field(factory=lambda: list(DEFAULT_FLOWS))
    # Lifetimes in seconds, already converted from the client's TokenValidityUnits.
    access_token_seconds: int = 3600
    id_token_seconds: int = 3600
    refresh_token_seconds: int = 30 * 86400
    auth_session_seconds: int = 180
    read_attributes: Optional[List[str]] = None  # None: every attribute
    write_attributes: Optional[List[str]] = None
    prevent_user_existence_errors: str = "LEGACY"
    enable_token_revocation: bool = True
    # Everything else the client stores and echoes as given (OAuth settings, units, ...).
    settings: Dict[str, Any] = attrs.field(factory=dict)

    @property
    def secret(self) -> Optional[str]:
        return self.secrets[0].value if self.secrets else None

    @property
    def custom_auth_only(self) -> bool:
        return "CUSTOM_AUTH_FLOW_ONLY" in self.explicit_auth_flows

    def allows(self, flow: str) -> bool:
        """Whether an ``ALLOW_*`` flow is enabled, legacy spellings included."""
        enabled = {LEGACY_FLOWS.get(f, f) for f in self.explicit_auth_flows}
        if any(f in LEGACY_FLOWS for f in self.explicit_auth_flows):
            # Legacy clients always allowed SRP and refresh, unless custom-auth-only.
            if not self.custom_auth_only:
                enabled.update(("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
            else:
                enabled.add("ALLOW_REFRESH_TOKEN_AUTH")
        return flow in enabled

    def secret_hashes(self, username: str) -> List[str]:
        """The SECRET_HASH values accepted for ``username`` (one per active secret)."""
        message = (username + self.id).encode()
        return [
            base64.b64encode(hmac.new(s.value.encode(), message, hashlib.sha256).digest()).decode()
            for s in self.secrets
        ]
