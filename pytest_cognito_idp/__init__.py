"""pytest-cognito-idp: a faithful, fast, in-memory Amazon Cognito user pools fake for pytest."""

from __future__ import annotations

from ._hook import RealCallBlocked
from ._http.api_server import CognitoServer
from .authenticator import VirtualAuthenticator, totp_code
from .backend.core.outbox import Message
from .backend.imports.jobs import UploadRefused
from .backend.tokens.issuing import InvalidToken
from .clock import Clock
from .errors import CognitoError, OperationNotSupported
from .fake import CognitoIdp, fake_cognito_idp
from .recording import Call, CallError, CallList, CognitoIdpAssertionError, TriggerCallList
from .resources import AppClient, ImportJob, SignInChallenge, User, UserPool

__version__ = "0.1.0"

__all__ = [
    "AppClient",
    "Call",
    "CallError",
    "CallList",
    "Clock",
    "CognitoError",
    "CognitoIdp",
    "CognitoIdpAssertionError",
    "CognitoServer",
    "ImportJob",
    "InvalidToken",
    "Message",
    "OperationNotSupported",
    "RealCallBlocked",
    "SignInChallenge",
    "TriggerCallList",
    "UploadRefused",
    "User",
    "UserPool",
    "VirtualAuthenticator",
    "__version__",
    "fake_cognito_idp",
    "totp_code",
]
