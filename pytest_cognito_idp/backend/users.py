"""Users of a pool: identity, attributes, status, password and the per-user auth state."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set

import attrs


@attrs.define
class User:
    username: str  # the internal username (a UUID equal to sub in email/phone-as-username pools)
    sub: str
    created: float
    last_modified: float
    status: str = "CONFIRMED"  # UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER
    enabled: bool = True
    # Attribute values as strings, as the API carries them; ``sub`` included.
    attributes: Dict[str, str] = attrs.field(factory=dict)
    password: Optional[str] = None
    password_set_at: float = 0.0
    password_history: List[str] = attrs.field(factory=list)
    groups: Set[str] = attrs.field(factory=set)
    # MFA: the preferred method and enabled methods; the TOTP secret once verified.
    mfa_preferred: Optional[str] = None
    mfa_enabled: Set[str] = attrs.field(factory=set)
    totp_secret: Optional[str] = None
    # Legacy MFAOptions (SetUserSettings).
    mfa_options: List[Dict[str, str]] = attrs.field(factory=list)
    # Sign-in lockout: consecutive failures and when the current lockout ends.
    failed_sign_ins: int = 0
    locked_until: float = 0.0
    last_failed_at: float = 0.0
    # Anything a later domain keeps per user (pending codes, devices, ...), by domain name.
    extra: Dict[str, Any] = attrs.field(factory=dict)
