"""Changing and verifying a user's email and phone number: codes, and values held until verified.

When the pool's ``UserAttributeUpdateSettings`` list an attribute under
``AttributesRequireVerificationBeforeUpdate``, a new value does not replace the old one: it is held
(``User.pending_attributes``), the code goes to the new value, and VerifyUserAttribute puts it in
place. Otherwise a changed email or phone number takes effect at once, unverified, and a code is
sent when the pool auto-verifies it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping, Optional

from ...errors import InvalidParameterException
from ..model.attributes import check_values
from ..model.pools import UserPool
from ..model.users import VERIFIABLE, User
from . import codes, delivery, directory
from .delivery import CodeDelivery

if TYPE_CHECKING:
    from ..state import Backend


def held_until_verified(pool: UserPool) -> List[str]:
    return list(pool.config.verify_before_update)


def update(
    backend: Backend,
    pool: UserPool,
    user: User,
    changes: Mapping[str, str],
    *,
    client_id: Optional[str] = None,
    self_service: bool = False,
) -> List[CodeDelivery]:
    """Apply attribute changes, hold the ones that need verifying first, and send the codes.

    Everything is checked before anything changes.
    """
    held_names = held_until_verified(pool)
    held: Dict[str, str] = {
        name: value
        for name, value in changes.items()
        if name in held_names
        and value
        and value != user.attributes.get(name)
        # Setting the verified flag in the same call (an admin may) skips the hold.
        and f"{name}_verified" not in changes
    }
    check_values(pool, held, user, self_service=self_service)
    applied = {k: v for k, v in changes.items() if k not in held}
    unverified = directory.update_attributes(pool, user, applied, self_service=self_service)
    for name in applied:
        user.pending_attributes.pop(name, None)
    user.pending_attributes.update(held)
    to_send = [a for a in VERIFIABLE if a in held or a in unverified]
    return [
        send_code(backend, pool, user, a, delivery.UPDATE_USER_ATTRIBUTE, client_id)
        for a in to_send
        if a in held or a in pool.auto_verified_attributes
    ]


def _check_verifiable(user: User, attribute: str) -> str:
    """The value a code for ``attribute`` goes to: the held new value, else the current one."""
    if attribute not in VERIFIABLE:
        # observed: amplify-js#3652
        raise InvalidParameterException(
            "Invalid attribute name. Only phone_number and email can be verified."
        )
    value = user.pending_attributes.get(attribute) or user.attributes.get(attribute)
    if not value:
        # The service's wording is unconfirmed.
        raise InvalidParameterException(f"User has no {attribute} to verify.")
    return value


def send_code(
    backend: Backend,
    pool: UserPool,
    user: User,
    attribute: str,
    kind: str = delivery.VERIFY_USER_ATTRIBUTE,
    client_id: Optional[str] = None,
) -> CodeDelivery:
    """A new verification code for ``attribute`` (GetUserAttributeVerificationCode and updates)."""
    destination = _check_verifiable(user, attribute)
    code = codes.issue(user, codes.verify_attribute(attribute), codes.ATTRIBUTE_TTL)
    return delivery.send(backend, pool, user, kind, attribute, code, client_id, destination)


def verify(pool: UserPool, user: User, attribute: str, code: str) -> None:
    """VerifyUserAttribute: check the code, then mark the value verified (the held one, if any)."""
    _check_verifiable(user, attribute)
    purpose = codes.verify_attribute(attribute)
    codes.check(user, purpose, code, consume=False)
    pending = user.pending_attributes.get(attribute)
    if pending is not None:
        directory.update_attributes(
            pool, user, {attribute: pending, f"{attribute}_verified": "true"}
        )
        del user.pending_attributes[attribute]
    else:
        directory.verify_attribute(pool, user, attribute)
    codes.discard(user, purpose)


def delete_attributes(pool: UserPool, user: User, names: List[str]) -> None:
    """DeleteUserAttributes: the attributes go, and so do new values of them held until they
    are verified."""
    directory.delete_attributes(pool, user, names)
    for name in names:
        user.pending_attributes.pop(name, None)
