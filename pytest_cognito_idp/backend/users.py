"""Users of a pool: identity, attributes, status, password and the per-user auth state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

import attrs

from .devices import UserDevices
from .sessions import UserTokens

if TYPE_CHECKING:
    from .auth_events import AuthEvent
    from .webauthn import Passkey, PasskeyRegistration

# Attributes a user can verify, and the flag attribute that records it.
VERIFIABLE = ("email", "phone_number")


@attrs.frozen
class LinkedIdentity:
    """An external IdP identity linked to the user (AdminLinkProviderForUser): the provider, the
    attribute it is matched on (``Cognito_Subject`` or a mapped attribute) and its value."""

    provider_name: str
    provider_type: str
    attribute_name: str
    user_id: str
    created: float


@attrs.define
class User:
    username: str  # the internal username (a UUID equal to sub in email/phone-as-username pools)
    sub: str
    created: float
    last_modified: float
    # UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER
    status: str = "CONFIRMED"
    enabled: bool = True
    # Attribute values as strings, as the API carries them; ``sub`` included. Change them (and
    # status/enabled) through backend/directory.py so the pool's ListUsers index stays current.
    attributes: Dict[str, str] = attrs.field(factory=dict)
    password: Optional[str] = None
    password_set_at: float = 0.0
    password_history: List[str] = attrs.field(factory=list)
    groups: Set[str] = attrs.field(factory=set)
    # MFA: the preferred method and enabled methods; the TOTP secret once verified.
    mfa_preferred: Optional[str] = None
    mfa_enabled: Set[str] = attrs.field(factory=set)
    totp_secret: Optional[str] = None
    # AssociateSoftwareToken's secret until VerifySoftwareToken accepts a code for it, and
    # the time step of the last TOTP code used to sign in (a code works once).
    totp_pending: Optional[str] = None
    totp_last_step: Optional[int] = None
    # Legacy MFAOptions (SetUserSettings).
    mfa_options: List[Dict[str, str]] = attrs.field(factory=list)
    # Sign-in lockout: consecutive failures and when the current lockout ends.
    failed_sign_ins: int = 0
    locked_until: float = 0.0
    last_failed_at: float = 0.0
    # Recent attempts at the operations with per-user hourly caps (backend/user_quotas.py);
    # made on the first such attempt, as most users never make one.
    attempts: Optional[Dict[str, List[float]]] = None
    # Pending one-time codes by purpose: (code, expiry epoch); see backend/codes.py.
    codes: Dict[str, Tuple[str, float]] = attrs.field(factory=dict)
    # The sign-in sessions and tokens issued to the user, for revocation (backend/sessions.py).
    # (``tokens``: made on first use, as many users, imported ones say, never sign in.)
    _tokens: Optional[UserTokens] = attrs.field(default=None, repr=False)
    # New email/phone values held until verified (the pool's UserAttributeUpdateSettings).
    pending_attributes: Dict[str, str] = attrs.field(factory=dict)
    # Device tracking (backend/devices.py).
    # (``devices``: made on first use.)
    _devices: Optional[UserDevices] = attrs.field(default=None, repr=False)
    # Threat protection's record of sign-ins, oldest first (backend/auth_events.py).
    auth_events: List[AuthEvent] = attrs.field(factory=list)
    # Registered passkeys by credential ID, and the registration under way (backend/webauthn.py).
    passkeys: Dict[str, Passkey] = attrs.field(factory=dict)
    passkey_registration: Optional[PasskeyRegistration] = None
    # Linked external identities, oldest first (backend/identity_links.py keeps the
    # ``identities`` attribute in step).
    identities: List[LinkedIdentity] = attrs.field(factory=list)

    @property
    def tokens(self) -> UserTokens:
        if self._tokens is None:
            self._tokens = UserTokens()
        return self._tokens

    @tokens.setter
    def tokens(self, value: UserTokens) -> None:
        self._tokens = value

    @property
    def devices(self) -> UserDevices:
        if self._devices is None:
            self._devices = UserDevices()
        return self._devices

    @devices.setter
    def devices(self, value: UserDevices) -> None:
        self._devices = value

    def is_verified(self, attribute: str) -> bool:
        """Whether ``email`` or ``phone_number`` is set and marked verified."""
        return (
            attribute in self.attributes and self.attributes.get(f"{attribute}_verified") == "true"
        )
