"""What a pool lets an operation do before its handler runs, and the history kept for recovery.

Every handler is registered through ``gated``. Three rules apply to the pool a call targets:

* A secondary replica (a call made in a replica's region) accepts reads and the replica's own
  configuration while ``INACTIVE``, and also sign-in and token reads once ``ACTIVE``; anything
  that creates or changes users, and TOTP MFA, is refused (documented in the multi-Region
  replication guide and the ``UserPoolReplicaType`` docs).
* While a point-in-time recovery is active, writes are paused: sign-in and reads go on, but not
  the NEW_PASSWORD_REQUIRED, MFA_SETUP and SOFTWARE_TOKEN_MFA challenges (documented).
* A write to a pool that can be recovered first copies the user and the group it names into
  the pool's history (backend/resilience/recovery.py).

Refusals use ``OperationNotEnabledException``, which the model documents for operations not
available in a region or for the pool's current state; the messages are unconfirmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from .. import clock
from ..backend.model.pools import UserPool
from ..backend.resilience import recovery, replicas
from ..backend.state import Region
from ..backend.tokens import jws
from ..backend.users import directory
from ..errors import CognitoError, OperationNotEnabledException, ResourceNotFoundException

if TYPE_CHECKING:
    from . import Context

Params = Dict[str, Any]
Handler = Callable[["Context", Params], Optional[Dict[str, Any]]]

# -- the kind of every operation ----------------------------------------------------------------
# Each operation the fake declares is in exactly one of these (tests/operations/test_gates.py).

# Reads: they change nothing (GetUserAttributeVerificationCode sends a code, so it is a write).
READS = frozenset(
    {
        "AdminGetDevice",
        "AdminGetUser",
        "AdminGetUserAuthFactors",
        "AdminListDevices",
        "AdminListGroupsForUser",
        "AdminListUserAuthEvents",
        "AdminListUserSessions",
        "DescribeCIMDPolicy",
        "DescribeIdentityProvider",
        "DescribeManagedLoginBranding",
        "DescribeManagedLoginBrandingByClient",
        "DescribePointInTimeRecovery",
        "DescribeResourceServer",
        "DescribeRiskConfiguration",
        "DescribeTerms",
        "DescribeTermsByClient",
        "DescribeUserImportJob",
        "DescribeUserPool",
        "DescribeUserPoolClient",
        "DescribeUserPoolDomain",
        "GetCSVHeader",
        "GetClientToken",
        "GetDerivedToken",
        "GetDevice",
        "GetGroup",
        "GetIdentityProviderByIdentifier",
        "GetLogDeliveryConfiguration",
        "GetProvisionedLimit",
        "GetSigningCertificate",
        "GetUICustomization",
        "GetUser",
        "GetUserAuthFactors",
        "GetUserPoolClientSessionConfiguration",
        "GetUserPoolMfaConfig",
        "GetUserPoolSessionConfiguration",
        "ListCIMDPolicies",
        "ListClientMetadataURLs",
        "ListDevices",
        "ListGroups",
        "ListIdentityProviders",
        "ListPointInTimeRecoveries",
        "ListResourceServers",
        "ListTagsForResource",
        "ListTerms",
        "ListUserImportJobs",
        "ListUserPoolClientSecrets",
        "ListUserPoolClients",
        "ListUserPoolReplicas",
        "ListUserPools",
        "ListUserSessions",
        "ListUsers",
        "ListUsersInGroup",
        "ListWebAuthnCredentials",
    }
)

# Sign-in and token operations: replicas serve them once ACTIVE; recovery does not pause them.
SIGN_IN = frozenset(
    {
        "AdminInitiateAuth",
        "AdminRespondToAuthChallenge",
        "AdminUserGlobalSignOut",
        "GetTokensFromRefreshToken",
        "GlobalSignOut",
        "InitiateAuth",
        "RespondToAuthChallenge",
        "RevokeToken",
    }
)

# Point-in-time recovery itself: neither paused by it nor recorded in its history.
RECOVERY = frozenset(
    {
        "CancelPointInTimeRecovery",
        "InitiatePointInTimeRecovery",
        "StartPointInTimeRecovery",
    }
)

# Everything else creates, changes or deletes something: paused by recovery, kept in history.
WRITES = frozenset(
    {
        "AddCustomAttributes",
        "AddUserPoolClientSecret",
        "AdminAddUserToGroup",
        "AdminConfirmSignUp",
        "AdminCreateUser",
        "AdminDeleteSoftwareToken",
        "AdminDeleteUser",
        "AdminDeleteUserAttributes",
        "AdminDisableProviderForUser",
        "AdminDisableUser",
        "AdminEnableUser",
        "AdminForgetDevice",
        "AdminLinkProviderForUser",
        "AdminRemoveUserFromGroup",
        "AdminResetUserPassword",
        "AdminRevokeUserSession",
        "AdminSetUserMFAPreference",
        "AdminSetUserPassword",
        "AdminSetUserSettings",
        "AdminUpdateAuthEventFeedback",
        "AdminUpdateDeviceStatus",
        "AdminUpdateUserAttributes",
        "AssociateSoftwareToken",
        "ChangePassword",
        "CompleteWebAuthnRegistration",
        "ConfirmDevice",
        "ConfirmForgotPassword",
        "ConfirmSignUp",
        "CreateCIMDPolicy",
        "CreateGroup",
        "CreateIdentityProvider",
        "CreateManagedLoginBranding",
        "CreateResourceServer",
        "CreateTerms",
        "CreateUserImportJob",
        "CreateUserPool",
        "CreateUserPoolClient",
        "CreateUserPoolDomain",
        "CreateUserPoolReplica",
        "DeleteCIMDPolicy",
        "DeleteGroup",
        "DeleteIdentityProvider",
        "DeleteManagedLoginBranding",
        "DeleteResourceServer",
        "DeleteTerms",
        "DeleteUser",
        "DeleteUserAttributes",
        "DeleteUserPool",
        "DeleteUserPoolClient",
        "DeleteUserPoolClientSecret",
        "DeleteUserPoolDomain",
        "DeleteUserPoolReplica",
        "DeleteWebAuthnCredential",
        "ForgetDevice",
        "ForgotPassword",
        "GetUserAttributeVerificationCode",
        "ResendConfirmationCode",
        "RevokeUserSession",
        "SetLogDeliveryConfiguration",
        "SetRiskConfiguration",
        "SetUICustomization",
        "SetUserMFAPreference",
        "SetUserPoolClientSessionConfiguration",
        "SetUserPoolMfaConfig",
        "SetUserPoolSessionConfiguration",
        "SetUserSettings",
        "SignUp",
        "StartUserImportJob",
        "StartWebAuthnRegistration",
        "StopUserImportJob",
        "TagResource",
        "UntagResource",
        "UpdateAuthEventFeedback",
        "UpdateCIMDPolicy",
        "UpdateClientMetadataURLState",
        "UpdateDeviceStatus",
        "UpdateGroup",
        "UpdateIdentityProvider",
        "UpdateManagedLoginBranding",
        "UpdateProvisionedLimit",
        "UpdateResourceServer",
        "UpdateTerms",
        "UpdateUserAttributes",
        "UpdateUserPool",
        "UpdateUserPoolClient",
        "UpdateUserPoolDomain",
        "UpdateUserPoolReplica",
        "VerifySoftwareToken",
        "VerifyUserAttribute",
    }
)

# -- the rules ----------------------------------------------------------------------------------

_CHALLENGES = frozenset({"RespondToAuthChallenge", "AdminRespondToAuthChallenge"})
# End-user operations: a replica serves them only while ACTIVE.
END_USER = SIGN_IN | {"GetUser", "GetUserAuthFactors", "ListDevices", "GetDevice"}
# Configuration of the replica itself, accepted in its region.
_REPLICA_ADMIN = frozenset({"UpdateUserPoolReplica"})
_TOTP_CHALLENGES = frozenset({"SOFTWARE_TOKEN_MFA", "MFA_SETUP"})
_PAUSED_CHALLENGES = _TOTP_CHALLENGES | {"NEW_PASSWORD_REQUIRED"}


# Writes that make a new user: the user they name does not exist before, so there is nothing
# to keep (a failed call keeps nothing either), and they leave the pool's plan as it was.
_CREATES_USER = frozenset({"AdminCreateUser", "SignUp"})


def gated(name: str, fn: Handler) -> Handler:
    read, write, challenge = name in READS, name in WRITES, name in _CHALLENGES
    keeps_history = write and name not in _CREATES_USER

    def handler(ctx: Context, params: Params) -> Optional[Dict[str, Any]]:
        region = ctx.region
        if not (write or challenge or region.replicas):
            return fn(ctx, params)
        pool = target_pool(region, params)
        if pool is None:
            return fn(ctx, params)
        home = pool.region == region.name
        if not home:
            _check_replica(ctx, pool, name, read, params, clock.now())
        if pool.restorations:
            _check_not_paused(pool, write, params, clock.now())
        if keeps_history and home:
            return _recorded(fn, ctx, params, pool, clock.now())
        return fn(ctx, params)

    handler.__name__ = handler.__qualname__ = fn.__name__
    handler.__doc__ = fn.__doc__
    return handler


def target_pool(region: Region, params: Params) -> Optional[UserPool]:
    """The pool a request is about, as far as can be told before running it."""
    pool_id = params.get("UserPoolId")
    if pool_id is None:
        arn = params.get("ResourceArn")
        if isinstance(arn, str) and ":userpool/" in arn:
            pool_id = arn.rsplit("/", 1)[-1]
    if isinstance(pool_id, str):
        return region.pools.get(pool_id) or region.replicas.get(pool_id)
    client_id = params.get("ClientId")
    if isinstance(client_id, str):
        try:
            return region.pool_of(region.client(client_id))
        except CognitoError:
            return None
    claims = _claims(params.get("AccessToken"))
    issuer = claims.get("iss")
    if isinstance(issuer, str):
        pool_id = issuer.rsplit("/", 1)[-1]
        return region.pools.get(pool_id) or region.replicas.get(pool_id)
    return None


def _claims(token: Any) -> Dict[str, Any]:
    """A token's claims, unverified (the handler verifies it); empty if it is not a JWT."""
    if not isinstance(token, str):
        return {}
    try:
        return jws.parse(token).claims
    except ValueError:
        return {}


def _check_replica(
    ctx: Context, pool: UserPool, name: str, read: bool, params: Params, now: float
) -> None:
    replicas.settle(ctx.backend, pool, now)
    replica = pool.replicas.get(ctx.region.name)
    status = replica.status(now) if replica is not None else "DELETED"
    if status not in ("ACTIVE", "INACTIVE"):
        # Not yet created, or deleted: the region has no such pool.
        raise ResourceNotFoundException(f"User pool {pool.id} does not exist.")
    if name in END_USER:
        if status == "INACTIVE":
            raise OperationNotEnabledException(
                f"The replica of user pool {pool.id} in {ctx.region.name} is INACTIVE and does "
                "not accept end-user requests."
            )
        if name in _CHALLENGES and params.get("ChallengeName") in _TOTP_CHALLENGES:
            raise OperationNotEnabledException(
                "TOTP MFA is not supported in a secondary replica of a user pool."
            )
        return
    if not read and name not in _REPLICA_ADMIN:
        raise OperationNotEnabledException(
            f"{name} is not supported in a secondary replica of user pool {pool.id}."
        )


def _check_not_paused(pool: UserPool, write: bool, params: Params, now: float) -> None:
    active = recovery.active_restoration(pool, now)
    if active is None:
        return
    if write or params.get("ChallengeName") in _PAUSED_CHALLENGES:
        raise OperationNotEnabledException(
            f"Write operations in user pool {pool.id} are paused during point-in-time recovery "
            f"{active.id}."
        )


def _recorded(
    fn: Handler, ctx: Context, params: Params, pool: UserPool, now: float
) -> Optional[Dict[str, Any]]:
    """Run a write, keeping the records it names as they were before (if it succeeds)."""
    tier_before = recovery.tier_of(pool)
    history = recovery.history_of(pool)
    before = _named_records(pool, params) if history is not None else []
    result = fn(ctx, params)
    if history is None:
        if recovery.tier_of(pool) not in recovery.RECOVERY_PERIOD:
            return result
        # Upgraded from Lite by this call: recovery reaches back to now at most.
        history = pool.history = recovery.History()
        history.note_tier(tier_before, pool.created)
    for kind, key, record in before:
        history.record(recovery.Change(now, kind, key, record))
    history.note_tier(recovery.tier_of(pool), now)
    return result


def _named_records(pool: UserPool, params: Params) -> List[Tuple[str, str, object]]:
    out: List[Tuple[str, str, object]] = []
    name = params.get("Username")
    if name is None:
        responses = params.get("ChallengeResponses") or {}
        name = responses.get("USERNAME")
    user = None
    if isinstance(name, str):
        user = directory.lookup(pool, name)
    else:
        username = _claims(params.get("AccessToken")).get("username")
        if isinstance(username, str):
            user = pool.users.get(pool.user_key(username))
    if user is not None:
        out.append(("user", pool.user_key(user.username), recovery.record_of(user)))
    group_name = params.get("GroupName")
    group = pool.groups.get(group_name) if isinstance(group_name, str) else None
    if group is not None:
        out.append(("group", group.name, recovery.copy_group(group)))
    return out
