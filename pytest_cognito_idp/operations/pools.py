"""User pool lifecycle: CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool,
ListUserPools."""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from .. import clock
from .._wire import timestamp
from ..backend.core import ids
from ..backend.model import pools, schema_rules
from ..backend.model.pools import STANDARD_NAMES, PasswordPolicy, SchemaAttribute, UserPool
from ..backend.signin import sign_in_policy
from ..errors import InvalidParameterException
from . import Context, Params, Result, _settings, operation
from ._paging import listed

# Configuration the service stores and echoes as given, and the defaults it fills in when a
# CreateUserPool or UpdateUserPool leaves it out (an update resets what it omits).
DEFAULTS: Dict[str, Any] = {
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
}
ECHOED = (
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "UserAttributeUpdateSettings",
    "DeviceConfiguration",
    "EmailConfiguration",
    "SmsConfiguration",
    "AdminCreateUserConfig",
    "UserPoolAddOns",
    "AccountRecoverySetting",
)
DEFAULT_SIGN_IN_POLICY = {"AllowedFirstAuthFactors": ["PASSWORD"]}


def password_policy(policies: Optional[Params]) -> PasswordPolicy:
    given = (policies or {}).get("PasswordPolicy")
    if given is None:
        return PasswordPolicy()
    validity = given.get("TemporaryPasswordValidityDays") or 7  # 0 means the default
    return PasswordPolicy(
        minimum_length=given.get("MinimumLength", 8),
        require_uppercase=given.get("RequireUppercase", False),
        require_lowercase=given.get("RequireLowercase", False),
        require_numbers=given.get("RequireNumbers", False),
        require_symbols=given.get("RequireSymbols", False),
        password_history_size=given.get("PasswordHistorySize"),
        temporary_password_validity_days=validity,
    )


def policy_description(policy: PasswordPolicy) -> Params:
    out: Params = {
        "MinimumLength": policy.minimum_length,
        "RequireUppercase": policy.require_uppercase,
        "RequireLowercase": policy.require_lowercase,
        "RequireNumbers": policy.require_numbers,
        "RequireSymbols": policy.require_symbols,
    }
    if policy.password_history_size is not None:
        out["PasswordHistorySize"] = policy.password_history_size
    out["TemporaryPasswordValidityDays"] = policy.temporary_password_validity_days
    return out


def schema_attribute(given: Params, custom_only: bool = False) -> SchemaAttribute:
    """A ``SchemaAttributeType`` of a request as the pool stores it (AddCustomAttributes passes
    ``custom_only``: every name it gets becomes ``custom:``, standard-looking or not)."""
    name = given.get("Name", "")
    data_type = given.get("AttributeDataType")
    custom = custom_only or name not in STANDARD_NAMES
    standard = None
    if custom:
        schema_rules.check_custom_declaration(data_type, bool(given.get("Required")))
        prefix = "dev:custom:" if given.get("DeveloperOnlyAttribute") else "custom:"
        name = prefix + name
    else:
        standard = schema_rules.STANDARD[name]
        schema_rules.check_standard_declaration(
            standard, data_type, bool(given.get("DeveloperOnlyAttribute"))
        )
        data_type = standard.data_type
    attribute = SchemaAttribute(
        name=name,
        data_type=data_type or "String",
        developer_only=bool(given.get("DeveloperOnlyAttribute", False)),
        mutable=bool(given.get("Mutable", True if standard is None else standard.mutable)),
        required=bool(given.get("Required", False)),
        string_constraints=given.get(
            "StringAttributeConstraints", standard and standard.string_constraints
        )
        if data_type == "String"
        else None,
        number_constraints=given.get(
            "NumberAttributeConstraints", standard and standard.number_constraints
        )
        if data_type == "Number"
        else None,
    )
    schema_rules.check_constraints(attribute)
    return attribute


def schema_description(attribute: SchemaAttribute) -> Params:
    """A ``SchemaAttributeType`` of a response (a fresh dict each time)."""
    cached = _described.get(id(attribute))
    if cached is None or cached[0] is not attribute:
        cached = (attribute, _describe_attribute(attribute))
        if len(_described) > 10_000:  # custom attributes of many pools: start afresh
            _described.clear()
        _described[id(attribute)] = cached
    out = dict(cached[1])
    for key in ("StringAttributeConstraints", "NumberAttributeConstraints"):
        if key in out:
            out[key] = dict(out[key])
    return out


# Every DescribeUserPool describes 20 or more attributes, most of them the standard ones shared
# by every pool: their descriptions are built once. Keyed by id, holding the attribute itself so
# that an id reused after an attribute is gone can never match.
_described: Dict[int, Tuple[SchemaAttribute, Params]] = {}


def _describe_attribute(attribute: SchemaAttribute) -> Params:
    out: Params = {
        "Name": attribute.name,
        "AttributeDataType": attribute.data_type,
        "DeveloperOnlyAttribute": attribute.developer_only,
        "Mutable": attribute.mutable,
        "Required": attribute.required,
    }
    if attribute.string_constraints is not None:
        out["StringAttributeConstraints"] = dict(attribute.string_constraints)
    if attribute.number_constraints is not None:
        out["NumberAttributeConstraints"] = dict(attribute.number_constraints)
    return out


def _apply_settings(pool: UserPool, params: Params, now: float) -> None:
    """The settings CreateUserPool and UpdateUserPool share; what is omitted gets its default."""
    policies = params.get("Policies") or {}
    sign_in_policy.check(policies.get("SignInPolicy"), _settings.tier(params))
    echoed = {k: params[k] for k in ECHOED if k in params}
    for key, default in DEFAULTS.items():
        echoed.setdefault(key, default)
    _mirror_verification_messages(echoed)
    echoed["SignInPolicy"] = policies.get("SignInPolicy", DEFAULT_SIGN_IN_POLICY)
    pools.update_settings(
        pool,
        password_policy=password_policy(policies),
        tier=_settings.tier(params),
        config=_settings.pool_settings(echoed),
        echoed=echoed,
        lambda_config=dict(params.get("LambdaConfig") or {}),
        triggers=_settings.triggers(params.get("LambdaConfig") or {}),
        mfa_configuration=params.get("MfaConfiguration", "OFF"),
        auto_verified_attributes=list(params.get("AutoVerifiedAttributes") or []),
        deletion_protection=params.get("DeletionProtection", "INACTIVE"),
        tags=dict(params["UserPoolTags"]) if "UserPoolTags" in params else None,
        now=now,
    )


# The legacy verification fields and VerificationMessageTemplate are one setting shown twice:
# the template fills the legacy fields (moto's AWS-faithful
# test_create_user_pool__overwrite_template_messages; github.com/crossplane-contrib/
# provider-upjet-aws/issues/716: AWS "automatically set the emailVerificationMessage with the same
# string"); that the legacy fields fill what the template leaves out is our reading (unconfirmed).
LEGACY_VERIFICATION_FIELDS = (
    ("SmsVerificationMessage", "SmsMessage"),
    ("EmailVerificationMessage", "EmailMessage"),
    ("EmailVerificationSubject", "EmailSubject"),
)


def _mirror_verification_messages(settings: Dict[str, Any]) -> None:
    template = dict(settings["VerificationMessageTemplate"])
    for legacy, key in LEGACY_VERIFICATION_FIELDS:
        if key in template:
            settings[legacy] = template[key]
        elif legacy in settings:
            template[key] = settings[legacy]
    settings["VerificationMessageTemplate"] = template


def describe(pool: UserPool) -> Params:
    out: Params = {
        "Id": pool.id,
        "Name": pool.name,
        "Policies": {
            "PasswordPolicy": policy_description(pool.password_policy),
            "SignInPolicy": pool.settings["SignInPolicy"],
        },
        "DeletionProtection": pool.deletion_protection,
        "LambdaConfig": pool.lambda_config,
        "LastModifiedDate": timestamp(pool.last_modified),
        "CreationDate": timestamp(pool.created),
        "SchemaAttributes": [schema_description(a) for a in pool.schema.values()],
        "MfaConfiguration": pool.mfa_configuration,
        "EstimatedNumberOfUsers": pool.estimated_number_of_users,
        "Arn": pool.arn,
    }
    if pool.auto_verified_attributes:
        out["AutoVerifiedAttributes"] = pool.auto_verified_attributes
    if pool.alias_attributes:
        out["AliasAttributes"] = pool.alias_attributes
    if pool.username_attributes:
        out["UsernameAttributes"] = pool.username_attributes
    if pool.username_configuration is not None:
        out["UsernameConfiguration"] = pool.username_configuration
    if pool.tags:
        out["UserPoolTags"] = pool.tags
    out.update({k: v for k, v in pool.settings.items() if k != "SignInPolicy"})
    out["UserPoolTier"] = pool.tier
    if pool.prefix_domain is not None:
        out["Domain"] = pool.prefix_domain.domain
    if pool.custom_domain is not None:
        out["CustomDomain"] = pool.custom_domain.domain
    return out


@operation("CreateUserPool")
def create_user_pool(ctx: Context, params: Params) -> Result:
    if params.get("AliasAttributes") and params.get("UsernameAttributes"):
        raise InvalidParameterException(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
        )
    schema = {}
    for given in params.get("Schema") or []:
        attribute = schema_attribute(given)
        if attribute.name in schema:
            raise InvalidParameterException(
                f"Existing attribute already has name {attribute.name}."
            )
        schema[attribute.name] = attribute
    now = clock.now()
    pool = UserPool(
        id=ids.pool_id(ctx.region.name),
        name=params["PoolName"],
        region=ctx.region.name,
        account_id=ctx.region.account_id,
        created=now,
        last_modified=now,
        alias_attributes=list(params.get("AliasAttributes") or []),
        username_attributes=list(params.get("UsernameAttributes") or []),
        username_configuration=params.get("UsernameConfiguration"),
        case_sensitive=bool((params.get("UsernameConfiguration") or {}).get("CaseSensitive", True)),
        schema=pools.schema_with(schema),
    )
    _apply_settings(pool, params, now)
    ctx.region.add_pool(pool)
    return {"UserPool": describe(pool)}


@operation("DescribeUserPool")
def describe_user_pool(ctx: Context, params: Params) -> Result:
    return {"UserPool": describe(ctx.pool(params))}


@operation("UpdateUserPool")
def update_user_pool(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    pool.check_not_importing()
    _apply_settings(pool, params, clock.now())  # checks first: a refused update changes nothing
    if "PoolName" in params:
        pools.rename(pool, params["PoolName"])
    return {}


@operation("DeleteUserPool")
def delete_user_pool(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    if pool.deletion_protection == "ACTIVE":
        raise InvalidParameterException(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deletion protection must be inactivated first."
        )
    pool.check_not_importing()
    ctx.region.remove_pool(pool)
    return {}


@operation("ListUserPools")
def list_user_pools(ctx: Context, params: Params) -> Result:
    return listed(
        "UserPools",
        ctx.region.pools.values(),
        lambda p: p.id,
        lambda p: {
            "Id": p.id,
            "Name": p.name,
            "LambdaConfig": p.lambda_config,
            "LastModifiedDate": timestamp(p.last_modified),
            "CreationDate": timestamp(p.created),
        },
        params.get("NextToken"),
        params["MaxResults"],
    )
