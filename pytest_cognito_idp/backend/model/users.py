"""Users of a pool: identity, attributes, status, password and the per-user auth state."""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Generic,
    List,
    Optional,
    Set,
    Tuple,
    TypeVar,
    overload,
)

import attrs

from ..tokens.ledger import UserTokens
from .devices import UserDevices

if TYPE_CHECKING:
    from ..signin.auth_events import AuthEvent
    from ..signin.passkeys import Passkey, PasskeyRegistration

# Attributes a user can verify, and the flag attribute that records it.
VERIFIABLE = ("email", "phone_number")

T = TypeVar("T")


class _MadeOnFirstUse(Generic[T]):
    """A per-user container made on first use and kept in the ``_<name>`` field (None until
    then). Most users, imported ones say, never use most of these: an empty dict or list per
    user and container cost time on every user created, and memory for as long as it lives."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._field = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._field = f"_{name}"

    @overload
    def __get__(self, user: None, owner: Any = None) -> _MadeOnFirstUse[T]: ...

    @overload
    def __get__(self, user: User, owner: Any = None) -> T: ...

    def __get__(self, user: Optional[User], owner: Any = None) -> Any:
        if user is None:
            return self
        value = getattr(user, self._field)
        if value is None:
            value = self._factory()
            setattr(user, self._field, value)
        return value

    def __set__(self, user: User, value: T) -> None:
        setattr(user, self._field, value)


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
    # status/enabled) through users/directory.py so the pool's ListUsers index stays current.
    attributes: Dict[str, str] = attrs.field(factory=dict)
    password: Optional[str] = None
    password_set_at: float = 0.0
    _password_history: Optional[List[str]] = attrs.field(default=None, repr=False)
    password_history = _MadeOnFirstUse[List[str]](list)
    _groups: Optional[Set[str]] = attrs.field(default=None, repr=False)
    groups = _MadeOnFirstUse[Set[str]](set)
    # MFA: the preferred method and enabled methods; the TOTP secret once verified.
    mfa_preferred: Optional[str] = None
    _mfa_enabled: Optional[Set[str]] = attrs.field(default=None, repr=False)
    mfa_enabled = _MadeOnFirstUse[Set[str]](set)
    totp_secret: Optional[str] = None
    # AssociateSoftwareToken's secret until VerifySoftwareToken accepts a code for it, and
    # the time step of the last TOTP code used to sign in (a code works once).
    totp_pending: Optional[str] = None
    totp_last_step: Optional[int] = None
    # The legacy MFAOptions (SetUserSettings), which can only hold SMS to phone_number.
    sms_mfa_option: bool = False
    # Sign-in lockout: consecutive failures and when the current lockout ends.
    failed_sign_ins: int = 0
    locked_until: float = 0.0
    last_failed_at: float = 0.0
    # Recent attempts at the operations with per-user hourly caps (backend/users/quotas.py);
    # made on the first such attempt, as most users never make one.
    attempts: Optional[Dict[str, List[float]]] = None
    # Pending one-time codes by purpose: (code, expiry epoch); see backend/users/codes.py.
    _codes: Optional[Dict[str, Tuple[str, float]]] = attrs.field(default=None, repr=False)
    codes = _MadeOnFirstUse[Dict[str, Tuple[str, float]]](dict)
    # The sign-in sessions and tokens issued to the user, for revocation (backend/tokens/ledger.py).
    # (``tokens``: made on first use, as many users, imported ones say, never sign in; so are
    # the containers declared with ``_MadeOnFirstUse``.)
    _tokens: Optional[UserTokens] = attrs.field(default=None, repr=False)
    # New email/phone values held until verified (the pool's UserAttributeUpdateSettings).
    _pending_attributes: Optional[Dict[str, str]] = attrs.field(default=None, repr=False)
    pending_attributes = _MadeOnFirstUse[Dict[str, str]](dict)
    # Device tracking (backend/model/devices.py).
    # (``devices``: made on first use.)
    _devices: Optional[UserDevices] = attrs.field(default=None, repr=False)
    # Threat protection's record of sign-ins, oldest first (backend/signin/auth_events.py).
    _auth_events: Optional[List[AuthEvent]] = attrs.field(default=None, repr=False)
    auth_events = _MadeOnFirstUse[List["AuthEvent"]](list)
    # Registered passkeys by credential ID, and the registration under way (signin/passkeys.py).
    _passkeys: Optional[Dict[str, Passkey]] = attrs.field(default=None, repr=False)
    passkeys = _MadeOnFirstUse[Dict[str, "Passkey"]](dict)
    passkey_registration: Optional[PasskeyRegistration] = None
    # Linked external identities, oldest first (backend/federation/identity_links.py keeps the
    # ``identities`` attribute in step).
    _identities: Optional[List[LinkedIdentity]] = attrs.field(default=None, repr=False)
    identities = _MadeOnFirstUse[List[LinkedIdentity]](list)

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
