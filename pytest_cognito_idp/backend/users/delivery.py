"""Sending codes and invitations: which medium, what the message says, what the response shows.

Every message lands in the fake's outbox with the real destination and the code; the caller gets
the masked ``CodeDelivery`` that becomes ``CodeDeliveryDetails`` on the wire. A pool's CustomMessage
trigger rewrites a message on its way out (``custom_message``).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Mapping, Optional, Tuple

import attrs

from ... import clock
from .. import lambdas
from ..core.outbox import Message, mask_email, mask_phone
from ..model.attributes import is_email, is_phone
from ..model.pools import UserPool
from ..model.users import User

if TYPE_CHECKING:
    from ..state import Backend

MEDIUM_OF = {"email": "EMAIL", "phone_number": "SMS"}
ATTRIBUTE_OF = {"EMAIL": "email", "SMS": "phone_number"}

# The service's default texts when the pool sets none.
VERIFICATION = "Your verification code is {####}. "
VERIFICATION_SUBJECT = "Your verification code"
LINK = "Please click the link below to verify your email address. {##Verify Email##} "
LINK_SUBJECT = "Your verification link"
INVITATION = "Your username is {username} and temporary password is {####}. "
INVITATION_SUBJECT = "Your temporary password"
AUTHENTICATION = "Your authentication code is {####}. "
AUTHENTICATION_SUBJECT = "Your authentication code"

# Message kinds (the outbox's ``kind``; CustomMessage trigger sources without the prefix).
SIGN_UP = "SignUp"
RESEND_CODE = "ResendCode"
FORGOT_PASSWORD = "ForgotPassword"
ADMIN_CREATE_USER = "AdminCreateUser"
UPDATE_USER_ATTRIBUTE = "UpdateUserAttribute"
VERIFY_USER_ATTRIBUTE = "VerifyUserAttribute"
AUTHENTICATION_KIND = "Authentication"

# The placeholders a CustomMessage function's text must carry.
CODE_PARAMETER = "{####}"
USERNAME_PARAMETER = "{username}"
LINK_PARAMETER = "{##Click Here##}"

_LINK_PLACEHOLDER = re.compile(r"\{##(.*?)##\}")


@attrs.frozen
class CodeDelivery:
    """Where a code went, as a response shows it: ``destination`` is masked."""

    attribute_name: str
    medium: str
    destination: str


def mask(medium: str, destination: str) -> str:
    return mask_email(destination) if medium == "EMAIL" else mask_phone(destination)


def verification_attribute(pool: UserPool, user: User) -> Optional[str]:
    """Where a sign-up code goes: an auto-verified attribute the user has, the phone first
    (the service texts the code when both email and phone are auto-verified)."""
    for name in ("phone_number", "email"):
        if name in pool.auto_verified_attributes and user.attributes.get(name):
            return name
    return None


def recovery_attribute(pool: UserPool, user: User) -> Optional[str]:
    """Where a forgot-password code goes: the first verified attribute of the pool's
    AccountRecoverySetting (without one, the legacy order: phone, then email)."""
    for name in pool.config.account_recovery or ("verified_phone_number", "verified_email"):
        if name == "admin_only":
            return None
        attribute = name[len("verified_") :]
        if user.is_verified(attribute):
            return attribute
    return None


def send(
    backend: Backend,
    pool: UserPool,
    user: User,
    kind: str,
    attribute: str,
    code: str,
    client_id: Optional[str] = None,
    destination: Optional[str] = None,
    client_metadata: Optional[Mapping[str, str]] = None,
) -> CodeDelivery:
    """Put the ``kind`` message carrying ``code`` for ``user``'s ``attribute`` in the outbox.

    For an invitation (``AdminCreateUser``) the code is the temporary password. ``destination``
    overrides the attribute's value (a new value held until it is verified goes there). The
    pool's CustomMessage trigger, if any, writes the text (``client_metadata`` goes to it).
    """
    medium = MEDIUM_OF[attribute]
    destination = destination or user.attributes[attribute]
    subject, body = custom_message(
        backend,
        pool,
        user,
        kind,
        medium,
        code,
        render(pool, kind, medium, code, user.username, client_id),
        client_id,
        client_metadata,
    )
    backend.outbox.append(
        Message(
            pool_id=pool.id,
            username=user.username,
            medium=medium,
            destination=destination,
            kind=kind,
            code=code,
            subject=subject,
            body=body,
            at=clock.now(),
        )
    )
    return CodeDelivery(attribute, medium, mask(medium, destination))


def simulated(pool: UserPool, username: str) -> CodeDelivery:
    """What the service answers for an unknown user under PreventUserExistenceErrors=ENABLED:
    a delivery to a made-up destination, chosen from the username's format and the pool's
    verification settings, the same each time for the same name."""
    if is_email(username):
        return CodeDelivery("email", "EMAIL", mask_email(username))
    digest = hashlib.sha256(f"{pool.id}:{username}".encode()).hexdigest()
    if is_phone(username) or "email" not in pool.auto_verified_attributes:
        number = username if is_phone(username) else "+1" + str(int(digest[:12], 16))[-10:]
        return CodeDelivery("phone_number", "SMS", mask_phone(number))
    return CodeDelivery("email", "EMAIL", f"{username[:1]}***@{digest[0]}***")


def render(
    pool: UserPool,
    kind: str,
    medium: str,
    code: str,
    username: str,
    client_id: Optional[str] = None,
) -> Tuple[Optional[str], str]:
    """The subject (emails only) and body of a message, from the pool's templates."""
    messages = pool.config.messages
    if kind == ADMIN_CREATE_USER:
        invite = messages.invitation
        if medium == "EMAIL":
            subject, body = (
                _given(invite.email_subject, INVITATION_SUBJECT),
                _given(invite.email_message, INVITATION),
            )
        else:
            subject, body = None, _given(invite.sms_message, INVITATION)
        return subject, body.replace("{username}", username).replace("{####}", code)
    if kind == AUTHENTICATION_KIND:
        if medium == "EMAIL":
            # EmailMfaConfiguration's template serves MFA and sign-in codes alike (its doc).
            factors = pool.mfa_factors
            body = factors.email_message or AUTHENTICATION
            return factors.email_subject or AUTHENTICATION_SUBJECT, body.replace("{####}", code)
        text = messages.sms_authentication or AUTHENTICATION
        return None, text.replace("{####}", code)
    if medium == "SMS":
        return None, (messages.sms_verification or VERIFICATION).replace("{####}", code)
    if messages.confirm_with_link and kind in (SIGN_UP, RESEND_CODE):
        url = _confirmation_url(pool, client_id, username, code)
        body = _LINK_PLACEHOLDER.sub(url, messages.email_by_link or LINK)
        return messages.email_subject_by_link or LINK_SUBJECT, body
    subject = messages.email_verification_subject or VERIFICATION_SUBJECT
    body = messages.email_verification or VERIFICATION
    return subject, body.replace("{####}", code)


def _given(text: Optional[str], default: str) -> str:
    # The invitation's texts replace the defaults whenever given, even empty.
    return default if text is None else text


def _confirmation_url(pool: UserPool, client_id: Optional[str], username: str, code: str) -> str:
    # The link points at the pool's hosted-UI domain in AWS; the fake has none, so the host is
    # shaped like a Cognito prefix domain and the query carries what the real link carries.
    host = f"{pool.id.partition('_')[2].lower()}.auth.{pool.region}.amazoncognito.com"
    return (
        f"https://{host}/confirmUser?client_id={client_id or ''}"
        f"&user_name={username}&confirmation_code={code}"
    )


# -- CustomMessage -------------------------------------------------------------------------------


def custom_message(
    backend: Backend,
    pool: UserPool,
    user: User,
    kind: str,
    medium: str,
    code: str,
    default: Tuple[Optional[str], str],
    client_id: Optional[str] = None,
    client_metadata: Optional[Mapping[str, str]] = None,
) -> Tuple[Optional[str], str]:
    """The subject and body of a ``kind`` message (``delivery``'s kinds) after CustomMessage.

    The function's text replaces ``default`` when it carries the code placeholder (and, for an
    invitation, the username placeholder); otherwise the pool's message is sent, as observed. The
    subject applies to emails whenever the function sets one.
    """
    if not lambdas.configured(pool, "CustomMessage"):
        return default
    invitation = kind == ADMIN_CREATE_USER
    request = lambdas.with_maps(
        {
            "userAttributes": lambdas.user_attributes(pool, user),
            "codeParameter": CODE_PARAMETER,
            "linkParameter": LINK_PARAMETER,
            "usernameParameter": USERNAME_PARAMETER if invitation else None,
        },
        None,
        client_metadata,
    )
    response = lambdas.invoke(
        backend,
        pool,
        "CustomMessage",
        f"CustomMessage_{kind}",
        user_name=user.username,
        client_id=client_id,
        request=request,
        response={"smsMessage": None, "emailMessage": None, "emailSubject": None},
    )
    subject, body = default
    text = lambdas.text(response, "emailMessage" if medium == "EMAIL" else "smsMessage")
    needed = [CODE_PARAMETER] + ([USERNAME_PARAMETER] if invitation else [])
    if text and all(p in text for p in needed):
        body = text.replace(CODE_PARAMETER, code)
        if invitation:
            body = body.replace(USERNAME_PARAMETER, user.username)
    if medium == "EMAIL":
        subject = lambdas.text(response, "emailSubject") or subject
    return subject, body
