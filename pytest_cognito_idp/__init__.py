"""pytest-cognito-idp: a faithful, fast, in-memory Amazon Cognito user pools fake for pytest."""

from __future__ import annotations

from ._hook import RealCallBlocked
from .clock import Clock
from .errors import CognitoError
from .fake import CognitoIdp, OperationNotSupported, fake_cognito_idp
from .recording import Call, CallError, CallList
from .resources import UserPool

__version__ = "0.1.0"

__all__ = [
    "Call",
    "CallError",
    "CallList",
    "Clock",
    "CognitoError",
    "CognitoIdp",
    "OperationNotSupported",
    "RealCallBlocked",
    "UserPool",
    "__version__",
    "fake_cognito_idp",
]
