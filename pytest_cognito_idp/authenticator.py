"""What a user's authenticator app would show: for tests of software-token MFA."""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

from . import clock
from .backend.core import totp


def totp_code(secret: str, at: Optional[Union[_dt.datetime, float]] = None) -> str:
    """The 6-digit RFC 6238 code for ``secret`` (the ``SecretCode`` of AssociateSoftwareToken)
    at ``at`` (a datetime or epoch seconds; default: the fake's current time)."""
    if at is None:
        when = clock.now()
    elif isinstance(at, _dt.datetime):
        when = at.timestamp()
    else:
        when = float(at)
    return totp.now_code(secret, when)
