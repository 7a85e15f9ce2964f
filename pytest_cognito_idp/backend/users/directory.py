"""The user directory of a pool: adding, finding and changing users with the service's rules.

Other domains (sign-in, import jobs, triggers) use these functions rather than touching
``pool.users`` or a user's attributes and status directly: they keep the pool's ListUsers index
current, and they apply the rules on usernames, aliases, the schema and passwords. Each function
checks everything before it changes anything, so a failure leaves the directory as it was.
"""

from __future__ import annotations

import contextlib
import functools
import string
from typing import Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

from ... import clock
from ...errors import (
    AliasExistsException,
    InvalidParameterException,
    NotAuthorizedException,
    PasswordHistoryPolicyViolationException,
    UsernameExistsException,
    UserNotFoundException,
)
from ..core import ids
from ..model.attributes import check_required, check_values, is_email, is_phone
from ..model.pools import PasswordPolicy, UserPool
from ..model.user_index import FILTERABLE
from ..model.users import VERIFIABLE, User

USER_NOT_FOUND = "User does not exist."
# Indexed attributes that follow the pool's case sensitivity (user-pool-case-sensitivity).
_CASE_FOLLOWS_POOL = frozenset({"username", "email", "preferred_username"})
_INDEXED_ATTRIBUTES = tuple(
    n for n in FILTERABLE if n not in ("username", "cognito:user_status", "status", "sub")
)


# -- the index ---------------------------------------------------------------------------------


def normalise(pool: UserPool, name: str, value: str) -> str:
    """``value`` of the filterable attribute ``name`` as the index keys it."""
    if name == "cognito:user_status" or (name in _CASE_FOLLOWS_POOL and not pool.case_sensitive):
        return value.casefold()
    return value


def _index_values(pool: UserPool, user: User) -> Dict[str, str]:
    # ``normalise`` inlined: this runs for every user written, imports included.
    fold = not pool.case_sensitive
    values = {  # (``username``: the index reads the pool's users dict)
        "sub": user.sub,
        "cognito:user_status": user.status.casefold(),
        "status": "Enabled" if user.enabled else "Disabled",
    }
    attributes = user.attributes
    for name in _INDEXED_ATTRIBUTES:
        value = attributes.get(name)
        if value is not None:
            values[name] = value.casefold() if fold and name in _CASE_FOLLOWS_POOL else value
    return values


@contextlib.contextmanager
def changing(pool: UserPool, user: User) -> Iterator[User]:
    """Wrap any direct change to a user's attributes, status or enabled flag in this, so the
    index follows and ``last_modified`` is set."""
    before = _index_values(pool, user)
    try:
        yield user
    finally:
        user.last_modified = clock.now()
        pool.user_index.update(
            pool.user_key(user.username), before, _index_values(pool, user), user
        )


def add_user(pool: UserPool, user: User, key: Optional[str] = None) -> User:
    """Register an already-validated ``user`` (see ``create_user`` for the checked path);
    ``key``: its ``pool.user_key``, when the caller has it already."""
    key = key or pool.user_key(user.username)
    pool.users[key] = user
    pool.user_index.add(key, _index_values(pool, user), user)
    return user


def remove_user(pool: UserPool, user: User) -> None:
    """Delete ``user`` from the pool, its index and its groups."""
    key = pool.user_key(user.username)
    for name in user.groups:
        group = pool.groups.get(name)
        if group is not None:
            group.members.pop(key, None)
    del pool.users[key]
    pool.user_index.discard(key, _index_values(pool, user))


# -- finding users -----------------------------------------------------------------------------


def lookup(pool: UserPool, name: str) -> Optional[User]:
    """The user ``name`` designates: by username (honouring case sensitivity), by email or phone
    in email/phone-as-username pools, by an active alias, or by ``sub``."""
    user = pool.users.get(pool.user_key(name))
    if user is not None:
        return user
    for attribute in pool.username_attributes:
        for candidate in pool.user_index.equal(attribute, normalise(pool, attribute, name)):
            return candidate
    for attribute in pool.alias_attributes:
        for candidate in pool.user_index.equal(attribute, normalise(pool, attribute, name)):
            if _alias_active(candidate, attribute):
                return candidate
    for candidate in pool.user_index.equal("sub", name):
        return candidate
    return None


def get(pool: UserPool, name: str) -> User:
    user = lookup(pool, name)
    if user is None:
        raise UserNotFoundException(USER_NOT_FOUND)
    return user


def _alias_active(user: User, attribute: str) -> bool:
    # Email and phone aliases work once verified; preferred_username cannot be verified.
    return attribute == "preferred_username" or user.is_verified(attribute)


# -- creating users ----------------------------------------------------------------------------


def create_user(
    pool: UserPool,
    username: str,
    attributes: Mapping[str, str],
    *,
    status: str,
    exists_message: str,
    password: Optional[str] = None,
    self_service: bool = False,
    force_alias: bool = False,
    required_attributes: bool = True,
    generated_password: bool = False,
) -> User:
    """Validate and add a new user; ``exists_message`` is the operation's duplicate text.

    ``required_attributes``: False when the pool's required attributes may be missing
    (AdminCreateUser: the user gives them when answering NEW_PASSWORD_REQUIRED, as its API
    Reference says) or were checked already (an import row, refused in the import's words).
    ``generated_password``: ``password`` came from ``temporary_password``, made to fit the
    policy, so it is not checked again.
    """
    # (Most pools sign in by username alone: no call is made for the rules of the others.)
    signs_in_otherwise = bool(pool.username_attributes or pool.alias_attributes)
    by_username = _username_attribute(pool, username) if signs_in_otherwise else None
    key = pool.user_key(username) if by_username is None else None
    if key is not None and key in pool.users:
        raise UsernameExistsException(exists_message)
    if password is not None and not generated_password:
        pool.password_policy.check(password)
    values = check_values(pool, attributes, None, self_service=self_service)
    if by_username is not None:
        values[by_username] = username
    if required_attributes:
        check_required(pool, values)
    migrated = _unique_aliases(pool, None, values, force_alias) if signs_in_otherwise else []
    now = clock.now()
    sub = ids.uuid4()
    user = User(
        username=sub if by_username is not None else username,
        sub=sub,
        created=now,
        last_modified=now,
        status=status,
        attributes={"sub": sub, **values},
        # A first password, stored as ``_store_password`` stores one (made here: this path
        # runs for every user created, and the history is a new list anyway).
        password=password,
        password_set_at=now if password is not None else 0.0,
        password_history=[password] if password is not None else None,
    )
    if migrated:
        _migrate(pool, migrated)
    return add_user(pool, user, key)


def _username_attribute(pool: UserPool, username: str) -> Optional[str]:
    """The attribute a username stands for in an email/phone-as-username pool (else None);
    rejects usernames the pool's settings forbid."""
    kinds = pool.username_attributes
    if kinds:
        if "email" in kinds and is_email(username):
            return "email"
        if "phone_number" in kinds and is_phone(username):
            return "phone_number"
        if len(kinds) == 2:
            raise InvalidParameterException("Username should be either an email or a phone number.")
        noun = "an email" if kinds == ["email"] else "a phone number"
        raise InvalidParameterException(f"Username should be {noun}.")
    if "email" in pool.alias_attributes and is_email(username):
        raise InvalidParameterException(
            "Username cannot be of email format, since user pool is configured for email alias."
        )
    if "phone_number" in pool.alias_attributes and is_phone(username):
        # Worded after the observed email variant (unconfirmed).
        raise InvalidParameterException(
            "Username cannot be of phone number format, since user pool is configured for "
            "phone number alias."
        )
    return None


def _unique_aliases(
    pool: UserPool, user: Optional[User], values: Mapping[str, str], force_alias: bool
) -> List[Tuple[User, str]]:
    """Check that the sign-in values ``user`` would hold are its alone; return the other holders
    whose alias ``force_alias`` moves to ``user``."""
    migrated: List[Tuple[User, str]] = []
    for attribute in pool.username_attributes:
        value = values.get(attribute)
        holder = _holder(pool, user, attribute, value, lambda u: True)
        if holder is not None:
            text = f"An account with the given {attribute} already exists."
            if user is None:
                raise UsernameExistsException(text)
            raise AliasExistsException(text)
    for attribute in pool.alias_attributes:
        value = values.get(attribute)
        if attribute != "preferred_username" and values.get(f"{attribute}_verified") != "true":
            continue
        holder = _holder(
            pool, user, attribute, value, functools.partial(_alias_active, attribute=attribute)
        )
        if holder is not None:
            if not force_alias or attribute == "preferred_username":
                raise AliasExistsException(f"An account with the {attribute} already exists.")
            migrated.append((holder, attribute))
    return migrated


def _holder(
    pool: UserPool,
    user: Optional[User],
    attribute: str,
    value: Optional[str],
    active: Callable[[User], bool],
) -> Optional[User]:
    if not value:
        return None
    for candidate in pool.user_index.equal(attribute, normalise(pool, attribute, value)):
        if candidate is not user and active(candidate):
            return candidate
    return None


def _migrate(pool: UserPool, migrated: Iterable[Tuple[User, str]]) -> None:
    # ForceAliasCreation: the previous holder can no longer sign in with the value.
    for holder, attribute in migrated:
        with changing(pool, holder):
            holder.attributes[f"{attribute}_verified"] = "false"


# -- changing users ----------------------------------------------------------------------------


def update_attributes(
    pool: UserPool,
    user: User,
    changes: Mapping[str, str],
    *,
    self_service: bool = False,
    force_alias: bool = False,
) -> List[str]:
    """Apply attribute writes; return the verifiable attributes whose new value now needs
    verifying (changed without the matching ``*_verified`` flag in the same call).

    A blank value deletes the attribute, as the service documents for both update operations.
    """
    blanks = [name for name, value in changes.items() if value == ""]
    values = check_values(
        pool, {k: v for k, v in changes.items() if v != ""}, user, self_service=self_service
    )
    after = _without(pool, {**user.attributes, **values}, blanks)
    unverified = []
    for attribute in VERIFIABLE:
        flag = f"{attribute}_verified"
        changed = attribute in values and values[attribute] != user.attributes.get(attribute)
        if changed and flag not in values:
            after[flag] = "false"
            unverified.append(attribute)
    migrated = _unique_aliases(pool, user, after, force_alias)
    _migrate(pool, migrated)
    with changing(pool, user):
        user.attributes = after
    return unverified


def delete_attributes(pool: UserPool, user: User, names: Iterable[str]) -> None:
    given = list(names)
    unknown = [n for n in given if n not in pool.schema]
    if unknown:
        # Deleting a name outside the schema is worded apart from writing one, one line per
        # name (moto's AWS-faithful test_admin_delete_user_attributes_non_existing_attribute).
        raise InvalidParameterException(
            "Invalid user attributes: "
            + "".join(f"user.{n}: Attribute does not exist in the schema.\n" for n in unknown)
        )
    after = _without(pool, user.attributes, given)
    with changing(pool, user):
        user.attributes = after


def _without(pool: UserPool, attributes: Mapping[str, str], names: List[str]) -> Dict[str, str]:
    """``attributes`` less ``names``, refused as the service refuses deleting them."""
    if not names:
        return dict(attributes)
    unknown = [n for n in names if n not in pool.schema]
    if unknown:
        raise InvalidParameterException(
            "Attributes did not conform to the schema: "
            + "".join(f"{n}: Attribute does not exist in the schema.\n" for n in unknown)
        )
    frozen = [n for n in names if n == "sub" or not pool.schema[n].mutable]
    if frozen:
        raise InvalidParameterException(
            "".join(f"user.{n}: Attribute cannot be updated.\n" for n in frozen)
        )
    after = {k: v for k, v in attributes.items() if k not in names}
    for attribute in VERIFIABLE:
        if attribute in names:
            after.pop(f"{attribute}_verified", None)
    check_required(pool, after)
    if pool.username_attributes and not any(after.get(a) for a in pool.username_attributes):
        # The value the user signs in with cannot go (wording unconfirmed).
        raise InvalidParameterException(
            f"Cannot delete the {'/'.join(pool.username_attributes)} attribute of the user, it "
            "is used as the username."
        )
    return after


def verify_attribute(pool: UserPool, user: User, attribute: str, force_alias: bool = False) -> None:
    """Mark ``email``/``phone_number`` verified (a right code, an auto-verify); alias rules
    apply."""
    after = {**user.attributes, f"{attribute}_verified": "true"}
    _migrate(pool, _unique_aliases(pool, user, after, force_alias))
    with changing(pool, user):
        user.attributes = after


def confirm(
    pool: UserPool, user: User, verified: Optional[str] = None, force_alias: bool = False
) -> None:
    """UNCONFIRMED -> CONFIRMED, verifying the attribute the code went to, if any."""
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")
    after = dict(user.attributes)
    if verified is not None:
        after[f"{verified}_verified"] = "true"
    _migrate(pool, _unique_aliases(pool, user, after, force_alias))
    with changing(pool, user):
        user.attributes = after
        user.status = "CONFIRMED"


def set_status(pool: UserPool, user: User, status: str) -> None:
    with changing(pool, user):
        user.status = status


def set_enabled(pool: UserPool, user: User, enabled: bool) -> None:
    with changing(pool, user):
        user.enabled = enabled


# -- passwords ---------------------------------------------------------------------------------


def check_password(pool: UserPool, user: Optional[User], password: str) -> None:
    """The pool's PasswordPolicy, then its PasswordHistorySize (the current password counts)."""
    policy = pool.password_policy
    policy.check(password)
    size = policy.password_history_size or 0
    if user is not None and size and password in user.password_history[-size:]:
        raise PasswordHistoryPolicyViolationException("Password has previously been used")


def set_password(pool: UserPool, user: User, password: str, permanent: bool) -> None:
    """A new password: permanent makes the user CONFIRMED, temporary FORCE_CHANGE_PASSWORD."""
    check_password(pool, user, password)
    _store_password(user, password)
    set_status(pool, user, "CONFIRMED" if permanent else "FORCE_CHANGE_PASSWORD")


def _store_password(user: User, password: str) -> None:
    user.password = password
    # When the password was set: a temporary one expires TemporaryPasswordValidityDays later.
    user.password_set_at = clock.now()
    user.password_history.append(password)
    del user.password_history[:-24]  # PasswordHistorySize is at most 24


_SYMBOLS = "!#$%&*+-=?@^_"


def temporary_password(policy: PasswordPolicy) -> str:
    """A random password that meets ``policy``: every character class, at least 8 long."""
    classes = (string.ascii_lowercase, string.ascii_uppercase, string.digits, _SYMBOLS)
    return ids.password(classes, max(policy.minimum_length, 8))
