"""The PreTokenGeneration trigger: claims added, overridden and suppressed before signing.

The event version follows ``PreTokenGenerationConfig.LambdaVersion``: ``V1_0`` customises the ID
token (``claimsOverrideDetails``), ``V2_0``/``V3_0`` both tokens and the access token's scopes
(``claimsAndScopeOverrideDetails``). ``groupOverrideDetails`` replaces ``cognito:groups`` in both
tokens. Claims the service protects stay as they were, whatever the function returns.

The result is a ``tokens.ClaimsOverride`` for ``issue_tokens``/``refresh``: at sign-in the trigger
runs before anything is issued (so its failure changes nothing); on refresh it runs once the
refresh token has passed its checks (``lazy``), as the service only then generates tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple

import attrs

from ...errors import InvalidLambdaResponseException
from .. import lambdas
from .issuing import SCOPE, ClaimsOverride

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..model.users import User
    from ..state import Backend

AUTHENTICATION = "TokenGeneration_Authentication"
NEW_PASSWORD_CHALLENGE = "TokenGeneration_NewPasswordChallenge"
AUTHENTICATE_DEVICE = "TokenGeneration_AuthenticateDevice"
REFRESH_TOKENS = "TokenGeneration_RefreshTokens"
HOSTED_AUTH = "TokenGeneration_HostedAuth"  # sign-in through the user pool domain

# Claims no version may add, change or suppress (developer guide, pre token generation).
PROTECTED = frozenset(
    {
        "acr",
        "amr",
        "aud",
        "at_hash",
        "auth_time",
        "azp",
        "cognito:username",
        "exp",
        "iat",
        "identities",
        "iss",
        "jti",
        "nbf",
        "nonce",
        "origin_jti",
        "sub",
        "token_use",
    }
)
# The access token's own reserved claims (V2): scopes change only through scopesToAdd/Suppress.
PROTECTED_ACCESS = PROTECTED | {"client_id", "username", "device_key", "event_id", "scope"}
GROUP_CLAIMS = ("cognito:groups", "cognito:roles", "cognito:preferred_role")

Claims = Dict[str, Any]


def group_configuration(pool: UserPool, user: User) -> Dict[str, Any]:
    """``request.groupConfiguration``: the user's groups (by precedence), their roles, and the
    preferred role (the role of the single group with the lowest precedence)."""
    groups = sorted(
        (pool.groups[n] for n in user.groups if n in pool.groups),
        key=lambda g: (g.precedence if g.precedence is not None else float("inf"), g.name),
    )
    roles = [g.role_arn for g in groups if g.role_arn]
    ranked = [g for g in groups if g.role_arn and g.precedence is not None]
    preferred = None
    if ranked:
        best = min(g.precedence for g in ranked if g.precedence is not None)
        top = [g for g in ranked if g.precedence == best]
        preferred = top[0].role_arn if len(top) == 1 else None
    return {
        "groupsToOverride": [g.name for g in groups],
        "iamRolesToOverride": roles,
        "preferredRole": preferred,
    }


@attrs.frozen
class Customisation:
    """What a PreTokenGeneration response asks for, checked and ready to apply to the claims."""

    id_added: Dict[str, Any] = attrs.field(factory=dict)
    id_suppressed: List[str] = attrs.field(factory=list)
    access_added: Dict[str, Any] = attrs.field(factory=dict)
    access_suppressed: List[str] = attrs.field(factory=list)
    scopes_added: List[str] = attrs.field(factory=list)
    scopes_suppressed: List[str] = attrs.field(factory=list)
    # (groups, roles, preferred role) when groupOverrideDetails was given (empty: no groups).
    groups: Optional[Tuple[List[str], List[str], Optional[str]]] = None

    def __call__(self, id_claims: Claims, access_claims: Claims) -> Tuple[Claims, Claims]:
        id_claims, access_claims = dict(id_claims), dict(access_claims)
        _customise(id_claims, self.id_added, self.id_suppressed, PROTECTED)
        _customise(access_claims, self.access_added, self.access_suppressed, PROTECTED_ACCESS)
        if self.scopes_added or self.scopes_suppressed:
            scopes = str(access_claims.get("scope", "")).split()
            scopes += [s for s in self.scopes_added if s not in scopes]
            access_claims["scope"] = " ".join(s for s in scopes if s not in self.scopes_suppressed)
        if self.groups is not None:
            groups, roles, preferred = self.groups
            for claims in (id_claims, access_claims):
                for name in GROUP_CLAIMS:
                    claims.pop(name, None)
                if groups:
                    claims["cognito:groups"] = list(groups)
            if roles:
                id_claims["cognito:roles"] = list(roles)
            if preferred:
                id_claims["cognito:preferred_role"] = preferred
        return id_claims, access_claims


def claims_override(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    user: User,
    source: str,
    client_metadata: Optional[Mapping[str, str]] = None,
    *,
    lazy: bool = False,
    scopes: Optional[List[str]] = None,
) -> Optional[ClaimsOverride]:
    """The pool's PreTokenGeneration trigger as a claims override, or None without one.

    Unless ``lazy``, the trigger runs (and its response is checked) now; otherwise when the
    tokens are minted.
    """
    if not lambdas.configured(pool, "PreTokenGeneration"):
        return None

    def run() -> Customisation:
        version, response = _invoke(
            backend, pool, client, user, source, client_metadata, scopes or [SCOPE]
        )
        return _parse(version, response)

    if lazy:
        return lambda id_claims, access_claims: run()(id_claims, access_claims)
    return run()


def _invoke(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    user: User,
    source: str,
    client_metadata: Optional[Mapping[str, str]],
    scopes: List[str],
) -> Tuple[str, Dict[str, Any]]:
    version = lambdas.token_version(pool)
    request: Dict[str, Any] = {
        "userAttributes": lambdas.user_attributes(pool, user),
        "groupConfiguration": group_configuration(pool, user),
    }
    if version == "V1_0":
        initial: Dict[str, Any] = {"claimsOverrideDetails": None}
    else:
        request["scopes"] = list(scopes)
        initial = {"claimsAndScopeOverrideDetails": None}
    if client_metadata is not None:
        request["clientMetadata"] = dict(client_metadata)
    response = lambdas.invoke(
        backend,
        pool,
        "PreTokenGeneration",
        source,
        user_name=user.username,
        client_id=client.id,
        request=request,
        response=initial,
        version="1" if version == "V1_0" else version[1],
    )
    return version, response


def _parse(version: str, response: Mapping[str, Any]) -> Customisation:
    if version == "V1_0":
        details = _object(response, "claimsOverrideDetails")
        if details is None:
            return Customisation()
        added, suppressed = _changes(details, strings_only=True)
        return Customisation(added, suppressed, groups=_groups(details))
    details = _object(response, "claimsAndScopeOverrideDetails")
    if details is None:
        return Customisation()
    id_part = _object(details, "idTokenGeneration") or {}
    access_part = _object(details, "accessTokenGeneration") or {}
    id_added, id_suppressed = _changes(id_part, strings_only=False)
    access_added, access_suppressed = _changes(access_part, strings_only=False)
    return Customisation(
        id_added,
        id_suppressed,
        access_added,
        access_suppressed,
        lambdas.string_list(access_part, "scopesToAdd") or [],
        lambdas.string_list(access_part, "scopesToSuppress") or [],
        _groups(details),
    )


def _object(response: Mapping[str, Any], key: str) -> Optional[Mapping[str, Any]]:
    value = response.get(key)
    if value is not None and not isinstance(value, dict):
        raise InvalidLambdaResponseException(lambdas.UNRECOGNIZABLE)
    return value


def _changes(details: Mapping[str, Any], strings_only: bool) -> Tuple[Dict[str, Any], List[str]]:
    """claimsToAddOrOverride (V1: string values only) and claimsToSuppress."""
    added: Dict[str, Any] = {}
    if strings_only:  # V1 takes a map of strings (scalars read as their JSON text)
        added.update(lambdas.string_map(details, "claimsToAddOrOverride") or {})
    else:
        added.update(_object(details, "claimsToAddOrOverride") or {})
    return added, lambdas.string_list(details, "claimsToSuppress") or []


def _customise(
    claims: Claims, added: Mapping[str, Any], suppressed: List[str], protected: frozenset[str]
) -> None:
    # Suppression wins over an override of the same claim; protected claims never change.
    for name, value in added.items():
        if name not in protected:
            claims[name] = value
    for name in suppressed:
        if name not in protected:
            claims.pop(name, None)


def _groups(details: Mapping[str, Any]) -> Optional[Tuple[List[str], List[str], Optional[str]]]:
    """groupOverrideDetails replaces the group claims; an empty or null one removes them."""
    if "groupOverrideDetails" not in details:
        return None
    given = details["groupOverrideDetails"]
    if given is not None and not isinstance(given, dict):
        raise InvalidLambdaResponseException(lambdas.UNRECOGNIZABLE)
    given = given or {}
    return (
        lambdas.string_list(given, "groupsToOverride") or [],
        lambdas.string_list(given, "iamRolesToOverride") or [],
        lambdas.text(given, "preferredRole"),
    )
