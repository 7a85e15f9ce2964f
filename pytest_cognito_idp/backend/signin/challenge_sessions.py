"""Auth sessions: the state between InitiateAuth and the last RespondToAuthChallenge.

Each challenge the service sends carries a new opaque ``Session`` string; answering it correctly
uses it up. Sessions live for the app client's AuthSessionValidity on the fake's clock. SRP
challenges are also found by their ``SECRET_BLOCK``, because clients such as pycognito answer
PASSWORD_VERIFIER without a Session, and DEVICE_SRP_AUTH by user and device for the same reason.
"""

from __future__ import annotations

import base64
import os
from typing import Dict, List, Optional, Set, Tuple

import attrs

from ... import clock
from ...errors import NotAuthorizedException
from ..core.srp import Exchange

EXPIRED = "Invalid session for the user, session is expired."
USED = "Invalid session for the user, session can only be used once."
# Expired sessions are dropped when the store grows past this many.
_PURGE_AT = 512


@attrs.define
class ChallengeSession:
    """One sign-in in progress, waiting for the answer to ``challenge``."""

    pool_id: str
    client_id: str
    # The internal username; for a user that does not exist (PreventUserExistenceErrors
    # ENABLED) the simulated ID, with ``user_exists`` false.
    username: str
    flow: str
    admin: bool
    challenge: str
    expires: float
    user_exists: bool = True
    # The ChallengeParameters sent with the challenge (the secret block among them).
    parameters: Dict[str, str] = attrs.field(factory=dict)
    srp: Optional[Exchange] = None
    # The device the client named (DEVICE_KEY), once the device is known to be the user's.
    device_key: Optional[str] = None
    # A device the client proved it holds with DEVICE_PASSWORD_VERIFIER.
    device_authenticated: bool = False
    # Challenges already passed (``("PASSWORD_VERIFIER", True)`` ...), as the custom auth
    # triggers' ``session`` list describes them.
    history: List[Tuple[str, bool]] = attrs.field(factory=list)
    # MFA_SETUP: the secret AssociateSoftwareToken gave this session, and whether
    # VerifySoftwareToken accepted a code for it.
    totp_secret: Optional[str] = None
    totp_verified: bool = False
    # SELECT_MFA_TYPE / SELECT_CHALLENGE: the answers the client may give.
    choices: List[str] = attrs.field(factory=list)
    # EMAIL_OTP / SMS_OTP as a first factor: the wrong codes given (backend/signin/passwordless.py).
    wrong_answers: int = 0
    # CUSTOM_AUTH (backend/signin/custom_auth.py): the open challenge's
    # privateChallengeParameters and challengeMetadata, and the challengeMetadata of each
    # ``history`` entry by position.
    private_parameters: Dict[str, str] = attrs.field(factory=dict)
    challenge_metadata: Optional[str] = None
    history_metadata: Dict[int, str] = attrs.field(factory=dict)

    @property
    def secret_block(self) -> Optional[str]:
        return self.parameters.get("SECRET_BLOCK")


def new_session_id() -> str:
    # Real ones are opaque base64 starting "AYABe", a few hundred to 1,500+ characters.
    return "AYABe" + base64.urlsafe_b64encode(os.urandom(300)).decode().rstrip("=")


class ChallengeSessionStore:
    """The auth sessions of one fake, by Session string and by SRP secret block."""

    def __init__(self) -> None:
        self._by_id: Dict[str, ChallengeSession] = {}
        self._by_block: Dict[str, str] = {}
        self._used: Set[str] = set()

    def __len__(self) -> int:
        return len(self._by_id)

    def open(self, session: ChallengeSession) -> str:
        """Register ``session`` and return its new Session string."""
        if len(self._by_id) >= _PURGE_AT:
            self._purge()
        session_id = new_session_id()
        self._by_id[session_id] = session
        if session.secret_block:
            self._by_block[session.secret_block] = session_id
        return session_id

    def find(self, session_id: str, client_id: Optional[str]) -> Tuple[str, ChallengeSession]:
        """The live session ``session_id`` (of ``client_id`` when given), or
        NotAuthorizedException."""
        if session_id in self._used:
            raise NotAuthorizedException(USED)
        session = self._by_id.get(session_id)
        if (
            session is None
            or (client_id is not None and session.client_id != client_id)
            or clock.now() >= session.expires
        ):
            raise NotAuthorizedException(EXPIRED)
        return session_id, session

    def renew(self, session_id: str) -> str:
        """A new Session string for the same sign-in (AssociateSoftwareToken and
        VerifySoftwareToken hand one back); the old one is used up."""
        session = self._by_id[session_id]
        self.close(session_id)
        return self.open(session)

    def find_by_secret_block(
        self, block: str, client_id: str
    ) -> Optional[Tuple[str, ChallengeSession]]:
        session_id = self._by_block.get(block)
        return self.find(session_id, client_id) if session_id is not None else None

    def find_waiting(
        self, client_id: str, username: str, challenge: str, device_key: str
    ) -> Optional[Tuple[str, ChallengeSession]]:
        """The newest live session of a user waiting for ``challenge`` on ``device_key``."""
        now = clock.now()
        for session_id, s in reversed(list(self._by_id.items())):
            if (
                s.client_id == client_id
                and s.username == username
                and s.challenge == challenge
                and s.device_key == device_key
                and now < s.expires
            ):
                return session_id, s
        return None

    def close(self, session_id: str) -> None:
        """Use up ``session_id``: answering it again is refused as already used."""
        session = self._by_id.pop(session_id, None)
        if session is not None and session.secret_block:
            self._by_block.pop(session.secret_block, None)
        self._used.add(session_id)

    def _purge(self) -> None:
        now = clock.now()
        for session_id, session in list(self._by_id.items()):
            if now >= session.expires:
                del self._by_id[session_id]
                if session.secret_block:
                    self._by_block.pop(session.secret_block, None)
        if len(self._used) > 4 * _PURGE_AT:
            self._used.clear()
