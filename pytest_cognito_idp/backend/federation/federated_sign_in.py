"""Federated sign-in: a user of a third-party identity provider signs in through the domain.

What AWS does (developer guide, "Adding user pool sign-in through a third party", and the fact
sheet, section 9): an identity linked with AdminLinkProviderForUser signs the native user in;
otherwise the user ``{ProviderName}_{subject}`` (the provider name lower-case in a
case-insensitive pool, observed) is created on first sign-in in status ``EXTERNAL_PROVIDER``,
with PreSignUp_ExternalProvider before and PostConfirmation_ConfirmSignUp after, put in the
automatic group ``{poolId}_{ProviderName}``, and given the ``identities`` attribute. The
provider's ``AttributeMapping`` (pool attribute -> provider attribute) is applied on every
sign-in.

Test-declared identities (``UserPool.add_external_identity``) are what the stand-in provider
signs in: ``ExternalIdentities`` keeps them per pool and provider.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple

import attrs

from ... import clock
from ...errors import NotAuthorizedException
from ..model.groups import Group, add_group
from ..model.users import LinkedIdentity, User
from ..users import directory, lifecycle_triggers
from .identity_links import IDENTITIES_ATTRIBUTE, linked_user

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..state import Backend
    from .identity_providers import IdentityProvider

PRE_SIGN_UP_EXTERNAL = "PreSignUp_ExternalProvider"
STATUS = "EXTERNAL_PROVIDER"


@attrs.define
class ExternalIdentities:
    """Identities tests declared, by (pool ID, provider name), then subject -> attributes."""

    by_provider: Dict[Tuple[str, str], Dict[str, Dict[str, str]]] = attrs.field(factory=dict)

    def declare(
        self, pool_id: str, provider: str, subject: str, attributes: Mapping[str, Any]
    ) -> None:
        # Declaring the subject again replaces its profile, as the provider's changing would.
        self.by_provider.setdefault((pool_id, provider), {})[subject] = {
            k: _text(v) for k, v in attributes.items()
        }

    def of(self, pool_id: str, provider: str) -> Dict[str, Dict[str, str]]:
        return self.by_provider.get((pool_id, provider), {})


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def username(pool: UserPool, provider: IdentityProvider, subject: str) -> str:
    name = provider.name if pool.case_sensitive else provider.name.lower()
    return f"{name}_{subject}"


def mapped_attributes(provider: IdentityProvider, claims: Mapping[str, Any]) -> Dict[str, str]:
    """The pool attributes the provider's AttributeMapping gives from its claims."""
    out: Dict[str, str] = {}
    for attribute, claim in provider.attribute_mapping.items():
        if attribute != "username" and claim in claims and claims[claim] is not None:
            out[attribute] = _text(claims[claim])
    return out


def sign_in(
    backend: Backend,
    pool: UserPool,
    client_id: str,
    provider: IdentityProvider,
    subject: str,
    claims: Mapping[str, Any],
    issuer: Optional[str] = None,
) -> User:
    """The pool's user for the provider's ``subject`` (made on first sign-in); raises the
    service's error (a trigger's refusal, a missing required attribute) with nothing changed."""
    mapped = mapped_attributes(provider, claims)
    user = linked_user(pool, provider.name, subject)
    if user is None:
        user = pool.users.get(pool.user_key(username(pool, provider, subject)))
    if user is None:
        return _sign_up(backend, pool, client_id, provider, subject, mapped, issuer)
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status == STATUS and mapped:
        directory.update_attributes(pool, user, mapped)
    return user


def _sign_up(
    backend: Backend,
    pool: UserPool,
    client_id: str,
    provider: IdentityProvider,
    subject: str,
    mapped: Dict[str, str],
    issuer: Optional[str],
) -> User:
    name = username(pool, provider, subject)
    lifecycle_triggers.pre_sign_up(
        backend, pool, PRE_SIGN_UP_EXTERNAL, name, mapped, client_id, None, None
    )
    user = directory.create_user(
        pool, name, mapped, status=STATUS, exists_message="User already exists"
    )
    now = clock.now()
    with directory.changing(pool, user):
        user.identities = [
            LinkedIdentity(provider.name, provider.type, "Cognito_Subject", subject, now)
        ]
        user.attributes[IDENTITIES_ATTRIBUTE] = json.dumps(
            [
                {
                    "userId": subject,
                    "providerName": provider.name,
                    "providerType": provider.type,
                    "issuer": issuer,
                    "primary": True,
                    "dateCreated": int(now * 1000),
                }
            ],
            separators=(",", ":"),
        )
    group = pool.groups.get(f"{pool.id}_{provider.name}")
    if group is None:
        group = add_group(pool, Group(f"{pool.id}_{provider.name}", now, now))
    user.groups.add(group.name)
    group.members[pool.user_key(user.username)] = None
    lifecycle_triggers.post_confirmation(
        backend, pool, user, lifecycle_triggers.CONFIRM_SIGN_UP, client_id
    )
    return user
