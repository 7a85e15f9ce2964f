"""Linking external IdP identities to users: AdminLinkProviderForUser and
AdminDisableProviderForUser.

A linked identity shows in the user's ``identities`` attribute, a JSON array as the service keeps
it (``[{"userId", "providerName", "providerType", "issuer", "primary", "dateCreated"}]``, the date
in epoch milliseconds). A federated user is named ``<provider name>_<subject>``.
"""

from __future__ import annotations

import json
from typing import List, Optional

import attrs

from ...errors import (
    AliasExistsException,
    InvalidParameterException,
    LimitExceededException,
    UserNotFoundException,
)
from ..model.pools import UserPool
from ..model.users import LinkedIdentity, User
from ..users import directory
from .identity_providers import SOCIAL_TYPES, IdentityProvider, provider_of

COGNITO = "Cognito"
SUBJECT = "Cognito_Subject"
IDENTITIES_PER_USER = 5
IDENTITIES_ATTRIBUTE = "identities"


@attrs.frozen
class ProviderUser:
    """A ``ProviderUserIdentifierType``: a user as a provider knows them."""

    provider_name: str
    attribute_name: str
    value: str


def federated_username(provider_name: str, subject: str) -> str:
    return f"{provider_name}_{subject}"


def _is_cognito(name: str) -> bool:
    return name.casefold() == COGNITO.casefold()


def _destination(pool: UserPool, who: ProviderUser) -> User:
    """A local user by username, or a federated user by provider and subject."""
    if _is_cognito(who.provider_name):
        return directory.get(pool, who.value)
    provider = provider_of(pool, who.provider_name)
    user = pool.users.get(pool.user_key(federated_username(provider.name, who.value)))
    if user is None:
        raise UserNotFoundException(directory.USER_NOT_FOUND)
    return user


def _source(pool: UserPool, who: ProviderUser) -> IdentityProvider:
    if not who.provider_name or _is_cognito(who.provider_name):
        # observed: boto3#4163, aws-sdk-js-v3#5281
        raise InvalidParameterException(
            "Invalid SourceUser: Cognito users with a username/password may not be passed in as "
            "a SourceUser, only as a DestinationUser"
        )
    provider = provider_of(pool, who.provider_name)
    if not who.value:
        raise InvalidParameterException("SourceUser requires a ProviderAttributeValue.")
    allowed = {SUBJECT}
    if provider.type not in SOCIAL_TYPES:
        # OIDC and SAML identities may be matched on an attribute the provider maps.
        allowed |= set(provider.attribute_mapping)
    if who.attribute_name not in allowed:
        # Documented: social providers link on Cognito_Subject, others on a mapped attribute;
        # the wording is unconfirmed.
        raise InvalidParameterException(
            f"Invalid SourceUser: ProviderAttributeName {who.attribute_name} is not "
            f"{'Cognito_Subject' if provider.type in SOCIAL_TYPES else 'mapped'} for provider "
            f"{provider.name}."
        )
    return provider


def linked_user(pool: UserPool, provider_name: str, subject: str) -> Optional[User]:
    """The user an identity of ``provider_name`` is linked to (or that it signed up as)."""
    return _holder(pool, provider_name, subject)


def _holder(pool: UserPool, provider_name: str, subject: str) -> Optional[User]:
    for user in pool.users.values():
        for identity in user.identities:
            if identity.provider_name == provider_name and identity.user_id == subject:
                return user
    return None


def link(pool: UserPool, destination: ProviderUser, source: ProviderUser, now: float) -> None:
    user = _destination(pool, destination)
    provider = _source(pool, source)
    if pool.user_key(federated_username(provider.name, source.value)) in pool.users:
        # Observed text.
        raise InvalidParameterException(
            "Merging is not currently supported, provide a SourceUser that has not been signed "
            "up in order to link"
        )
    holder = _holder(pool, provider.name, source.value)
    if holder is user:
        return  # already linked to this user: nothing changes
    if holder is not None:
        # The service's wording is unconfirmed.
        raise AliasExistsException("The SourceUser is already linked to another user.")
    if len(user.identities) >= IDENTITIES_PER_USER:
        # The quota is documented; the wording is unconfirmed.
        raise LimitExceededException(
            f"A user can be linked to at most {IDENTITIES_PER_USER} identities."
        )
    frozen = [
        name
        for name in user.attributes
        if name in pool.schema and pool.schema[name].custom and not pool.schema[name].mutable
    ]
    if frozen:
        # Documented: every attribute of the destination must be mutable; wording unconfirmed.
        raise InvalidParameterException(
            f"Cannot link to a user with immutable attributes: {', '.join(frozen)}."
        )
    identity = LinkedIdentity(
        provider.name, provider.type, source.attribute_name, source.value, now
    )
    _set_identities(pool, user, [*user.identities, identity])


def disable(pool: UserPool, who: ProviderUser) -> None:
    if _is_cognito(who.provider_name):
        if who.attribute_name != SUBJECT:
            raise InvalidParameterException(
                "ProviderAttributeName must be Cognito_Subject for a Cognito user."
            )
        # A local user can no longer sign in with a password; the fake disables the user
        # (how the service records it is unconfirmed).
        directory.set_enabled(pool, directory.get(pool, who.value), False)
        return
    provider = provider_of(pool, who.provider_name)
    found = False
    for user in list(pool.users.values()):
        kept = [
            i
            for i in user.identities
            if not (
                i.provider_name == provider.name
                and i.user_id == who.value
                and who.attribute_name in (SUBJECT, i.attribute_name)
            )
        ]
        if len(kept) != len(user.identities):
            _set_identities(pool, user, kept)
            found = True
    federated = pool.users.get(pool.user_key(federated_username(provider.name, who.value)))
    if federated is not None:
        directory.set_enabled(pool, federated, False)
        found = True
    if not found:
        raise UserNotFoundException(directory.USER_NOT_FOUND)


def _set_identities(pool: UserPool, user: User, identities: List[LinkedIdentity]) -> None:
    with directory.changing(pool, user):
        user.identities = identities
        if identities:
            user.attributes[IDENTITIES_ATTRIBUTE] = json.dumps(
                [
                    {
                        "userId": i.user_id,
                        "providerName": i.provider_name,
                        "providerType": i.provider_type,
                        "issuer": None,
                        "primary": False,
                        "dateCreated": int(i.created * 1000),
                    }
                    for i in identities
                ],
                separators=(",", ":"),
            )
        else:
            user.attributes.pop(IDENTITIES_ATTRIBUTE, None)
