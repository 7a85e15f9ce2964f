"""User pools: their settings as domain values, and the rules that follow from them."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import attrs

from ... import clock
from ...errors import (
    FeatureUnavailableInTierException,
    InvalidPasswordException,
    UserImportInProgressException,
)
from ..lambdas import Triggers
from ..tokens.keys import PoolKeys
from ..tokens.user_sessions import SessionConfiguration
from .clients import AppClient
from .groups import Group
from .settings import TIERS, MfaFactors, PoolSettings, Tier
from .user_index import UserIndex
from .users import User

if TYPE_CHECKING:
    from ..branding.styles import ManagedLoginBranding, UICustomization
    from ..branding.terms import Terms
    from ..federation.identity_providers import IdentityProvider
    from ..imports.jobs import ImportJob
    from ..oauth.cimd import CIMDPolicy
    from ..oauth.domains import UserPoolDomain
    from ..oauth.resource_servers import ResourceServer
    from ..resilience.recovery import History, Restoration
    from ..resilience.replicas import Replica
    from ..signin.threat_protection import RiskConfiguration

SYMBOLS = frozenset("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")


@attrs.frozen
class PasswordPolicy:
    minimum_length: int = 8
    require_uppercase: bool = True
    require_lowercase: bool = True
    require_numbers: bool = True
    require_symbols: bool = True
    password_history_size: Optional[int] = None
    temporary_password_validity_days: int = 7

    def check(self, password: str) -> None:
        """Raise ``InvalidPasswordException`` with the service's text for the first rule broken."""
        # (``map`` and ``isdisjoint`` rather than generators: this runs on every password set.)
        rule: Optional[str] = None
        if len(password) < self.minimum_length:
            rule = "Password not long enough"
        elif self.require_lowercase and not any(map(str.islower, password)):
            rule = "Password must have lowercase characters"
        elif self.require_uppercase and not any(map(str.isupper, password)):
            rule = "Password must have uppercase characters"
        elif self.require_numbers and not any(map(str.isdigit, password)):
            rule = "Password must have numeric characters"
        elif self.require_symbols and SYMBOLS.isdisjoint(password.strip()):
            rule = "Password must have symbol characters"
        if rule:
            raise InvalidPasswordException(f"Password did not conform with policy: {rule}")


@attrs.frozen
class SchemaAttribute:
    """One attribute of a pool's schema, standard or ``custom:``."""

    name: str
    data_type: str = "String"
    developer_only: bool = False
    mutable: bool = True
    required: bool = False
    # The service echoes constraints as strings ("2048"), so they are kept as given.
    string_constraints: Optional[Dict[str, str]] = None
    number_constraints: Optional[Dict[str, str]] = None

    @property
    def custom(self) -> bool:
        return self.name.startswith(("custom:", "dev:"))

    @functools.cached_property
    def length_limits(self) -> Tuple[Optional[int], Optional[int]]:
        """(MinLength, MaxLength) of a String attribute as numbers; read on every write."""
        limits = self.string_constraints or {}
        low, high = limits.get("MinLength"), limits.get("MaxLength")
        return (int(low) if low else None, int(high) if high else None)


def _std(name: str, data_type: str = "String", **kw: Any) -> SchemaAttribute:
    if data_type == "String" and "string_constraints" not in kw:
        kw["string_constraints"] = {"MinLength": "0", "MaxLength": "2048"}
    return SchemaAttribute(name, data_type, **kw)


STANDARD_ATTRIBUTES: tuple[SchemaAttribute, ...] = (
    _std(
        "sub",
        mutable=False,
        required=True,
        string_constraints={"MinLength": "1", "MaxLength": "2048"},
    ),
    _std("name"),
    _std("given_name"),
    _std("family_name"),
    _std("middle_name"),
    _std("nickname"),
    _std("preferred_username"),
    _std("profile"),
    _std("picture"),
    _std("website"),
    _std("email"),
    _std("email_verified", "Boolean"),
    _std("gender"),
    _std("birthdate", string_constraints={"MinLength": "10", "MaxLength": "10"}),
    _std("zoneinfo"),
    _std("locale"),
    _std("phone_number"),
    _std("phone_number_verified", "Boolean"),
    _std("address"),
    _std("updated_at", "Number", number_constraints={"MinValue": "0"}),
)
STANDARD_NAMES = frozenset(a.name for a in STANDARD_ATTRIBUTES)


def schema_with(given: Dict[str, SchemaAttribute]) -> Dict[str, SchemaAttribute]:
    """A new pool's schema: the standard attributes, as ``given`` redefines them, and its
    custom ones."""
    return {**{a.name: a for a in STANDARD_ATTRIBUTES}, **given}


@attrs.define
class UserPool:
    id: str
    name: str
    region: str
    account_id: str
    created: float
    last_modified: float
    password_policy: PasswordPolicy = attrs.field(factory=PasswordPolicy)
    schema: Dict[str, SchemaAttribute] = attrs.field(
        factory=lambda: {a.name: a for a in STANDARD_ATTRIBUTES}
    )
    mfa_configuration: str = "OFF"
    # SetUserPoolMfaConfig's factor settings as given (SmsMfaConfiguration,
    # SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration), for
    # GetUserPoolMfaConfig to echo, and what the fake acts on of them.
    mfa_settings: Dict[str, Any] = attrs.field(factory=dict)
    mfa_factors: MfaFactors = attrs.field(factory=MfaFactors)
    auto_verified_attributes: List[str] = attrs.field(factory=list)
    username_attributes: List[str] = attrs.field(factory=list)
    alias_attributes: List[str] = attrs.field(factory=list)
    # UsernameConfiguration as given (echoed), and its CaseSensitive: through the API,
    # usernames are case-sensitive unless the pool was created otherwise; the setting cannot
    # change later.
    username_configuration: Optional[Dict[str, Any]] = None
    case_sensitive: bool = True
    deletion_protection: str = "INACTIVE"
    # The feature plan (UserPoolTier); ``require_tier`` checks it.
    tier: Tier = "ESSENTIALS"
    # Trigger ARNs by LambdaConfig key, and the rest of the configuration the service stores and
    # echoes (email, SMS, verification templates, add-ons...), as given; what of it the fake
    # acts on is read into ``config`` (backend/model/settings.py).
    lambda_config: Dict[str, Any] = attrs.field(factory=dict)
    triggers: Triggers = attrs.field(factory=Triggers)
    settings: Dict[str, Any] = attrs.field(factory=dict)
    config: PoolSettings = attrs.field(factory=PoolSettings)
    tags: Dict[str, str] = attrs.field(factory=dict)
    clients: Dict[str, AppClient] = attrs.field(factory=dict)
    _required_cache: Tuple[int, Tuple[str, ...]] = attrs.field(
        default=(-1, ()), init=False, repr=False
    )
    # Users by the key of their username: the username itself, or its casefold in a
    # case-insensitive pool (see ``user_key``).
    users: Dict[str, User] = attrs.field(factory=dict)
    # The same users by filterable attribute value, for ListUsers (kept by users/directory.py).
    user_index: UserIndex = attrs.field(
        default=attrs.Factory(lambda pool: UserIndex(pool.users), takes_self=True),
        eq=False,
        repr=False,
    )
    groups: Dict[str, Group] = attrs.field(factory=dict)
    # The RSA keys that sign its tokens, taken from the stock on first need (tokens/keys.py).
    signing_keys: Optional[PoolKeys] = None
    # Its user import jobs by ID, oldest first (backend/imports/jobs.py).
    import_jobs: Dict[str, ImportJob] = attrs.field(factory=dict, eq=False, repr=False)
    # Hosted UI (classic) branding by app client ID, "ALL" for the pool's default, and managed
    # login styles by ID (backend/branding/styles.py).
    ui_customizations: Dict[str, UICustomization] = attrs.field(factory=dict)
    brandings: Dict[str, ManagedLoginBranding] = attrs.field(factory=dict)
    # Threat protection settings by app client ID, None for the pool's (threat_protection.py).
    risk_configurations: Dict[Optional[str], RiskConfiguration] = attrs.field(factory=dict)
    # SetLogDeliveryConfiguration's LogConfigurations as given.
    log_configurations: List[Dict[str, Any]] = attrs.field(factory=list)
    # Terms documents by ID (backend/branding/terms.py).
    terms: Dict[str, Terms] = attrs.field(factory=dict)
    # Federation: identity providers by name, resource servers by identifier, the prefix and
    # custom domains, and the SAML signing certificate once asked for (base64 DER).
    identity_providers: Dict[str, IdentityProvider] = attrs.field(factory=dict)
    resource_servers: Dict[str, ResourceServer] = attrs.field(factory=dict)
    prefix_domain: Optional[UserPoolDomain] = None
    custom_domain: Optional[UserPoolDomain] = None
    signing_certificate: Optional[str] = None
    # Session tracking settings (backend/tokens/user_sessions.py).
    session_configuration: SessionConfiguration = attrs.field(factory=SessionConfiguration)
    # Client ID metadata document policies by ID (backend/oauth/cimd.py).
    cimd_policies: Dict[str, CIMDPolicy] = attrs.field(factory=dict)
    # Secondary replicas by region (backend/resilience/replicas.py).
    replicas: Dict[str, Replica] = attrs.field(factory=dict)
    # Point-in-time recovery: the undo log of user data and the recoveries by ID, oldest first
    # (backend/resilience/recovery.py).
    history: Optional[History] = attrs.field(default=None, eq=False, repr=False)
    restorations: Dict[str, Restoration] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def estimated_number_of_users(self) -> int:
        return len(self.users)

    @property
    def mfa_methods(self) -> List[str]:
        """The MFA factors users may use (``SMS_MFA``, ``SOFTWARE_TOKEN_MFA``, ``EMAIL_OTP``)."""
        if self.mfa_configuration == "OFF":
            return []
        methods = []
        factors = self.mfa_factors
        # A pool that turned MFA on with CreateUserPool/UpdateUserPool gets SMS, as in AWS.
        if factors.sms or (not factors.configured and self.config.sms_configured):
            methods.append("SMS_MFA")
        if factors.software_token:
            methods.append("SOFTWARE_TOKEN_MFA")
        if factors.email:
            methods.append("EMAIL_OTP")
        return methods

    def user_key(self, username: str) -> str:
        return username if self.case_sensitive else username.casefold()

    def check_not_importing(self) -> None:
        """Raise ``UserImportInProgressException`` while an import job of the pool runs."""
        now = clock.now()
        for job in self.import_jobs.values():
            if job.running(now):
                # The service's wording is unconfirmed.
                raise UserImportInProgressException(
                    f"A user import job is in progress for user pool {self.id}."
                )

    @property
    def arn(self) -> str:
        return f"arn:aws:cognito-idp:{self.region}:{self.account_id}:userpool/{self.id}"

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.id}"

    @property
    def custom_attributes(self) -> List[SchemaAttribute]:
        return [a for a in self.schema.values() if a.custom]

    @property
    def required_attributes(self) -> Tuple[str, ...]:
        # Asked on every user write; the schema only grows (AddCustomAttributes), so the answer
        # is kept until the schema's size changes.
        size, names = self._required_cache
        if size != len(self.schema):
            names = tuple(a.name for a in self.schema.values() if a.required and a.name != "sub")
            self._required_cache = (len(self.schema), names)
        return names


def require_tier(tier: Tier, minimum: Tier, feature: str, *, plural: bool = False) -> None:
    """Raise ``FeatureUnavailableInTierException`` unless a pool on the ``tier`` plan has
    ``feature`` (a noun phrase, ``plural`` or not), which needs the ``minimum`` plan or higher.

    The error is documented on the operations that configure such features; its wording is
    unconfirmed (UpdateUserPool's conflict reads "The following features need to be disabled
    for the ESSENTIALS pricing tier configured: ...", per public reports).
    """
    if TIERS.index(tier) >= TIERS.index(minimum):
        return
    if minimum == "ESSENTIALS":
        raise FeatureUnavailableInTierException(
            f"{feature} {'are' if plural else 'is'} not available in the {tier} tier of user pools."
        )
    raise FeatureUnavailableInTierException(f"{feature} requires the {minimum} feature plan.")


def update_settings(
    pool: UserPool,
    *,
    password_policy: PasswordPolicy,
    tier: Tier,
    config: PoolSettings,
    echoed: Dict[str, Any],
    lambda_config: Dict[str, Any],
    triggers: Triggers,
    mfa_configuration: str,
    auto_verified_attributes: List[str],
    deletion_protection: str,
    tags: Optional[Dict[str, str]],
    now: float,
) -> None:
    """The settings CreateUserPool and UpdateUserPool share, all replaced at once (an update
    resets what it omits); ``tags`` None keeps the pool's tags."""
    pool.password_policy = password_policy
    pool.tier = tier
    pool.config = config
    pool.settings = echoed
    pool.lambda_config = lambda_config
    pool.triggers = triggers
    pool.mfa_configuration = mfa_configuration
    pool.auto_verified_attributes = auto_verified_attributes
    pool.deletion_protection = deletion_protection
    if tags is not None:
        pool.tags = tags
    pool.last_modified = now


def rename(pool: UserPool, name: str) -> None:
    pool.name = name


def add_custom_attributes(pool: UserPool, added: Dict[str, SchemaAttribute], now: float) -> None:
    pool.schema.update(added)
    pool.last_modified = now


def configure_mfa(
    pool: UserPool,
    mode: str,
    factors: MfaFactors,
    given: Dict[str, Any],
    sms: Dict[str, Any],
    sms_authentication: Optional[str],
    sms_configuration: bool,
    now: float,
) -> None:
    """SetUserPoolMfaConfig: the mode and the factors (``given`` as the request gave them),
    replaced. ``sms`` holds the SMS factor's SmsAuthenticationMessage (``sms_authentication``)
    and SmsConfiguration (given or not: ``sms_configuration``), which are the pool's own SMS
    settings (DescribeUserPool shows them), so they update those."""
    pool.mfa_configuration = mode
    pool.mfa_factors = factors
    pool.mfa_settings = given
    pool.settings.update(sms)
    config = pool.config
    if sms_authentication is not None:
        config = attrs.evolve(
            config, messages=attrs.evolve(config.messages, sms_authentication=sms_authentication)
        )
    if sms_configuration:
        config = attrs.evolve(config, sms_configured=True)
    pool.config = config
    pool.last_modified = now


def tag(pool: UserPool, tags: Dict[str, str]) -> None:
    """TagResource: ``tags`` added to the pool's, replacing the values of keys it has."""
    pool.tags = {**pool.tags, **tags}


def untag(pool: UserPool, keys: List[str]) -> None:
    for key in keys:
        pool.tags.pop(key, None)


def set_log_configurations(pool: UserPool, configurations: List[Dict[str, Any]]) -> None:
    """SetLogDeliveryConfiguration's LogConfigurations, replaced, as given."""
    pool.log_configurations = [dict(c) for c in configurations]
