"""App clients: who may call the pool, with which auth flows, and how long tokens live."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import attrs

from ...errors import InvalidParameterException, LimitExceededException, ResourceNotFoundException

# ExplicitAuthFlows as the service applies them. Legacy values (the 2016 API) map to the flows
# they enable; a client created without ExplicitAuthFlows gets the service's default set.
LEGACY_FLOWS = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
}
DEFAULT_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH")
# GetClientToken's machine-to-machine flow: documented as the client's only flow, with a secret.
CLIENT_TOKEN_FLOW = "ALLOW_CLIENT_TOKEN_AUTH"
ALL_ALLOW_FLOWS = (
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
)

CLIENTS_PER_POOL = 1000
SECRETS_PER_CLIENT = 2

# Token lifetimes: TokenValidityUnits names the unit of each *Validity value. An omitted value
# is the default counted in the given unit (1 for access and ID, 30 for refresh): the service
# refuses a unit given without its value when that lands out of range (observed), which is what
# this model produces. RefreshTokenValidity 0 means the default.
TIME_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
DEFAULT_COUNT = {"access": 1, "id": 1, "refresh": 30}
DEFAULT_UNIT = {"access": "hours", "id": "hours", "refresh": "days"}
RANGES = {
    "access": (5 * 60, 86400),
    "id": (5 * 60, 86400),
    "refresh": (3600, 3650 * 86400),
}
# TokenValidityUnits' key for each token.
UNIT_KEYS = {"access": "AccessToken", "id": "IdToken", "refresh": "RefreshToken"}


@attrs.frozen
class ClientOAuth:
    """An app client's OAuth 2.0 settings, as the user pool domain applies them (CallbackURLs,
    AllowedOAuthFlows... are echoed as given from ``AppClient.settings``)."""

    enabled: bool = False  # AllowedOAuthFlowsUserPoolClient
    flows: Tuple[str, ...] = ()
    scopes: Tuple[str, ...] = ()
    callback_urls: Tuple[str, ...] = ()
    logout_urls: Tuple[str, ...] = ()
    identity_providers: Tuple[str, ...] = ()  # SupportedIdentityProviders
    default_redirect_uri: Optional[str] = None

    def allows(self, flow: str) -> bool:
        return self.enabled and flow in self.flows


@attrs.frozen
class ClientSecret:
    id: str
    value: str
    created: float


@attrs.frozen
class Lifetimes:
    """Token lifetimes in seconds."""

    access: int
    id: int
    refresh: int


def token_lifetimes(
    access: Optional[int], id_: Optional[int], refresh: Optional[int], units: Mapping[str, str]
) -> Lifetimes:
    """Seconds for each token from the *Validity values and the units of TokenValidityUnits
    (by its keys, AccessToken, IdToken and RefreshToken), range-checked."""
    given = {"access": access, "id": id_, "refresh": refresh or None}
    seconds = {}
    for token, value in given.items():
        count = DEFAULT_COUNT[token] if value is None else value
        unit = units.get(UNIT_KEYS[token], DEFAULT_UNIT[token])
        seconds[token] = count * TIME_UNITS[unit]
        low, high = RANGES[token]
        if not low <= seconds[token] <= high:
            raise InvalidParameterException("Invalid range for token validity.")
    # ID and access tokens may not outlive the refresh token (CloudFormation's documented rule;
    # the service's message for it is assumed to be the same range message).
    if max(seconds["access"], seconds["id"]) > seconds["refresh"]:
        raise InvalidParameterException("Invalid range for token validity.")
    return Lifetimes(seconds["access"], seconds["id"], seconds["refresh"])


def effective_flows(given: Sequence[str], refresh_rotation: bool) -> List[str]:
    """The flows a client gets from its ExplicitAuthFlows; raise for combinations AWS refuses."""
    if not given:
        return list(DEFAULT_FLOWS)
    if CLIENT_TOKEN_FLOW in given:
        if len(set(given)) > 1:
            # Documented rule; the service's wording is unconfirmed.
            raise InvalidParameterException(
                f"{CLIENT_TOKEN_FLOW} cannot be combined with other ExplicitAuthFlows."
            )
        return [CLIENT_TOKEN_FLOW]
    legacy = [f for f in given if f in LEGACY_FLOWS]
    if legacy and len(legacy) != len(given):
        # The service's wording for this rule is unconfirmed.
        raise InvalidParameterException(
            "ExplicitAuthFlows cannot combine the legacy values ADMIN_NO_SRP_AUTH, "
            "CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH with ALLOW_ values."
        )
    if not legacy and "ALLOW_REFRESH_TOKEN_AUTH" not in given and not refresh_rotation:
        # Observed: an ALLOW_* list must keep refresh unless refresh token rotation replaces it.
        raise InvalidParameterException("REFRESH_TOKEN_AUTH should always be allowed.")
    return list(dict.fromkeys(given))


@attrs.define
class AppClient:
    id: str
    name: str
    pool_id: str
    created: float
    last_modified: float
    secrets: List[ClientSecret] = attrs.field(factory=list)
    # The flows in force (legacy or ALLOW_* values; the default set when none were given).
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
    refresh_token_rotation: bool = False
    # RefreshTokenRotation.RetryGracePeriodSeconds: how long a rotated refresh token still works.
    refresh_retry_grace_seconds: int = 0
    oauth: ClientOAuth = attrs.field(factory=ClientOAuth)
    # SetUserPoolClientSessionConfiguration's SSO session reuse limit (60 until set: documented).
    sso_session_max_validity_minutes: int = 60
    # What DescribeUserPoolClient echoes as it was given (OAuth settings, units, the *Validity
    # values, ExplicitAuthFlows, Read/WriteAttributes...), in wire form.
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

    # -- secrets (AddUserPoolClientSecret and friends) -------------------------------------------

    def add_secret(self, value: str, now: float) -> ClientSecret:
        if len(self.secrets) >= SECRETS_PER_CLIENT:
            # The service's wording is unconfirmed; the limit of 2 is documented.
            raise LimitExceededException(
                f"The app client already has the maximum of {SECRETS_PER_CLIENT} client secrets."
            )
        secret = ClientSecret(self._secret_id(now), value, now)
        self.secrets.append(secret)
        return secret

    def remove_secret(self, secret_id: str) -> None:
        found = [s for s in self.secrets if s.id == secret_id]
        if not found:
            raise ResourceNotFoundException(f"Client secret {secret_id} does not exist.")
        if len(self.secrets) == 1:
            # Documented rule; the wording is unconfirmed.
            raise InvalidParameterException(
                "You cannot delete the last remaining client secret of an app client."
            )
        self.secrets.remove(found[0])

    def _secret_id(self, now: float) -> str:
        # Documented format: <client-id>--<creation epoch>; milliseconds, made unique when two
        # secrets are created within the same millisecond (a frozen clock does that).
        millis = int(now * 1000)
        taken = {s.id for s in self.secrets}
        while f"{self.id}--{millis}" in taken:
            millis += 1
        return f"{self.id}--{millis}"


@attrs.frozen
class ClientSettings:
    """What CreateUserPoolClient and UpdateUserPoolClient set, checked and read from the
    request; an update replaces them all (what it omits gets its default, as in AWS)."""

    explicit_auth_flows: List[str]
    lifetimes: Lifetimes
    auth_session_seconds: int = 180
    read_attributes: Optional[List[str]] = None
    write_attributes: Optional[List[str]] = None
    prevent_user_existence_errors: str = "LEGACY"
    enable_token_revocation: bool = True
    refresh_token_rotation: bool = False
    refresh_retry_grace_seconds: int = 0
    oauth: ClientOAuth = attrs.field(factory=ClientOAuth)


def configure(
    client: AppClient,
    settings: ClientSettings,
    echoed: Dict[str, Any],
    name: Optional[str] = None,
    now: Optional[float] = None,
) -> None:
    """Apply ``settings`` to ``client``, with ``echoed`` (DescribeUserPoolClient's settings in
    wire form); a ``name`` renames it, ``now`` marks it modified."""
    if name is not None:
        client.name = name
    client.explicit_auth_flows = settings.explicit_auth_flows
    client.access_token_seconds = settings.lifetimes.access
    client.id_token_seconds = settings.lifetimes.id
    client.refresh_token_seconds = settings.lifetimes.refresh
    client.auth_session_seconds = settings.auth_session_seconds
    client.read_attributes = settings.read_attributes
    client.write_attributes = settings.write_attributes
    client.prevent_user_existence_errors = settings.prevent_user_existence_errors
    client.enable_token_revocation = settings.enable_token_revocation
    client.refresh_token_rotation = settings.refresh_token_rotation
    client.refresh_retry_grace_seconds = settings.refresh_retry_grace_seconds
    client.oauth = settings.oauth
    client.settings = echoed
    if now is not None:
        client.last_modified = now
