"""The ``UserPool`` handle: a pool of the fake, and the helpers that act on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional

from .. import _arguments, _model
from .._http import domain, hosts, loopback
from ..backend import lambdas
from ..backend.core import ids
from ..backend.model import pools
from ..backend.tokens import issuing, keys
from ..backend.users import directory
from ._handle import NamedHandle
from .client import AppClient
from .import_job import ImportJob
from .user import User

if TYPE_CHECKING:
    from ..fake import CognitoIdp

_HELPER_STATUSES = ("CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED", "RESET_REQUIRED")


def _check_user_arguments(
    username: object,
    password: object,
    attributes: object,
    status: object,
    enabled: object,
    groups: object,
) -> None:
    """``create_user``'s arguments of the wrong type, named with the type expected."""
    expected = (
        ("username", username, str, "a str"),
        ("password", password, (str, type(None)), "a str or None"),
        ("enabled", enabled, bool, "a bool"),
    )
    for name, value, kind, wanted in expected:
        if not isinstance(value, kind):
            raise TypeError(f"create_user() {name} must be {wanted}, not {type(value).__name__}")
    if attributes is not None and not (
        isinstance(attributes, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in attributes.items())
    ):
        raise TypeError(
            "create_user() attributes must be a mapping of attribute names to str values, "
            f"such as {{'email': 'jane@example.com'}}, not {_shown(attributes)}"
        )
    if isinstance(groups, (str, bytes)) or not isinstance(groups, Iterable):
        raise TypeError(
            "create_user() groups must be an iterable of group names, such as ['admins'], "
            f"not {_shown(groups)}"
        )
    if status not in _HELPER_STATUSES:
        raise ValueError(f"status must be one of {', '.join(_HELPER_STATUSES)}, not {status!r}")


def _shown(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


class SignInChallenge(Exception):
    """``UserPool.sign_in`` got a challenge (NEW_PASSWORD_REQUIRED, an MFA code...) instead of
    tokens: answer it with ``AdminRespondToAuthChallenge`` and ``session``."""

    def __init__(self, name: str, session: str, parameters: Dict[str, str]) -> None:
        super().__init__(
            f"sign-in needs the {name} challenge answered first: call "
            f"admin_respond_to_auth_challenge(ChallengeName={name!r}, Session=...) "
            f"(parameters: {parameters})"
        )
        self.name = name
        self.session = session
        self.parameters = parameters


class UserPool(NamedHandle[pools.UserPool]):
    """A user pool of the fake."""

    def __init__(self, fake: CognitoIdp, state: pools.UserPool) -> None:
        self._fake = fake
        self._state = state

    @property
    def arn(self) -> str:
        return self._state.arn

    @property
    def issuer(self) -> str:
        return self._state.issuer

    @property
    def region(self) -> str:
        return self._state.region

    def _invoke(self, operation: str, **params: Any) -> dict[str, Any]:
        return self._fake.invoke(operation, {"UserPoolId": self.id, **params}, self.region)

    def describe(self) -> dict[str, Any]:
        """The ``UserPool`` of ``DescribeUserPool``, in wire form."""
        return self._invoke("DescribeUserPool")["UserPool"]  # type: ignore[no-any-return]

    # -- app clients and groups ------------------------------------------------------------------

    def create_client(
        self,
        name: str = "app",
        generate_secret: bool = False,
        explicit_auth_flows: Optional[Iterable[str]] = None,
        **create_user_pool_client_kwargs: Any,
    ) -> AppClient:
        """A new app client, from ``CreateUserPoolClient`` arguments (validated like the API's);
        ``explicit_auth_flows=None`` gives the service's default flows."""
        params = {"ClientName": name, "GenerateSecret": generate_secret}
        params.update(create_user_pool_client_kwargs)
        if explicit_auth_flows is not None:
            params["ExplicitAuthFlows"] = list(explicit_auth_flows)
        _arguments.check("CreateUserPoolClient", {"UserPoolId": self.id, **params})
        created = self._invoke("CreateUserPoolClient", **params)["UserPoolClient"]
        return AppClient(self, self._state.clients[created["ClientId"]])

    @property
    def clients(self) -> List[AppClient]:
        """The pool's app clients, oldest first."""
        return [AppClient(self, c) for c in self._state.clients.values()]

    def create_group(self, name: str, **create_group_kwargs: Any) -> dict[str, Any]:
        """A new group, from ``CreateGroup`` arguments; returns its ``Group`` (wire form)."""
        params = {"GroupName": name, **create_group_kwargs}
        _arguments.check("CreateGroup", {"UserPoolId": self.id, **params})
        created = self._invoke("CreateGroup", **params)
        return created["Group"]  # type: ignore[no-any-return]

    # -- users -----------------------------------------------------------------------------------

    def create_user(
        self,
        username: str,
        password: Optional[str] = None,
        attributes: Optional[Mapping[str, str]] = None,
        status: str = "CONFIRMED",
        enabled: bool = True,
        groups: Iterable[str] = (),
    ) -> User:
        """A user made through the admin operations, validated as they validate it.

        ``status`` is ``CONFIRMED`` (``password`` permanent), ``FORCE_CHANGE_PASSWORD``
        (``password`` temporary), ``UNCONFIRMED`` (as if signed up, not yet confirmed) or
        ``RESET_REQUIRED`` (AdminResetUserPassword done). Without ``password`` one that fits the
        pool's policy is generated; ``User.password`` tells it. Missing ``groups`` are created.
        No invitation is sent (``MessageAction=SUPPRESS``).
        """
        _check_user_arguments(username, password, attributes, status, enabled, groups)
        group_names = list(groups)
        if not all(isinstance(g, str) for g in group_names):
            raise TypeError("create_user() groups must hold str group names only")
        policy = self._state.password_policy
        if password is not None:
            policy.check(password)
        chosen = password or directory.temporary_password(policy)
        create: dict[str, Any] = {
            "Username": username,
            "UserAttributes": [{"Name": k, "Value": v} for k, v in (attributes or {}).items()],
            "MessageAction": "SUPPRESS",
        }
        if status == "FORCE_CHANGE_PASSWORD":
            create["TemporaryPassword"] = chosen
        # All or nothing: the group names are checked as the service checks them before anything
        # is made, and what was made is removed if a later step fails.
        for group in group_names:
            _model.validate("CreateGroup", {"UserPoolId": self.id, "GroupName": group})
        created = self._invoke("AdminCreateUser", **create)["User"]
        name = created["Username"]
        new_groups: List[str] = []
        try:
            if status != "FORCE_CHANGE_PASSWORD":
                self._invoke("AdminSetUserPassword", Username=name, Password=chosen, Permanent=True)
            if status == "RESET_REQUIRED":
                self._invoke("AdminResetUserPassword", Username=name)
            for group in group_names:
                if group not in self._state.groups:
                    self._invoke("CreateGroup", GroupName=group)
                    new_groups.append(group)
                self._invoke("AdminAddUserToGroup", Username=name, GroupName=group)
            if not enabled:
                self._invoke("AdminDisableUser", Username=name)
        except Exception:
            self._invoke("AdminDeleteUser", Username=name)
            for group in new_groups:
                self._invoke("DeleteGroup", GroupName=group)
            raise
        state = directory.get(self._state, name)
        if status == "UNCONFIRMED":
            with self._fake._state():
                directory.set_status(self._state, state, "UNCONFIRMED")
        return User(self, state)

    def user(self, username: str) -> User:
        """The user ``username`` names (a username, alias, email/phone username or sub)."""
        found = directory.lookup(self._state, username)
        if found is None:
            known = ", ".join(repr(u.username) for u in self._state.users.values()) or "none"
            raise LookupError(f"No user {username!r} in {self.id}; its users: {known}")
        return User(self, found)

    @property
    def users(self) -> List[User]:
        """Every user of the pool, oldest first."""
        return [User(self, u) for u in self._state.users.values()]

    def create_import_job(self, name: str = "import", role_arn: Optional[str] = None) -> ImportJob:
        """A new user import job (``Created``); ``role_arn`` defaults to a CloudWatch Logs role."""
        arn = role_arn or f"arn:aws:iam::{self._fake.account_id}:role/CognitoImportLogs"
        created = self._invoke("CreateUserImportJob", JobName=name, CloudWatchLogsRoleArn=arn)
        return ImportJob(self, self._state.import_jobs[created["UserImportJob"]["JobId"]])

    # -- tokens ----------------------------------------------------------------------------------

    @property
    def jwks(self) -> dict[str, Any]:
        """The pool's JSON Web Key Set: the ID token key and the access token key."""
        with self._fake._state() as backend:
            return keys.keys_of(backend, self._state).jwks

    @property
    def jwks_url(self) -> str:
        """An http URL on loopback serving ``jwks`` while this pool's fake is active.

        The real ``{issuer}/.well-known/jwks.json`` URL works too, in-process.
        """
        return f"{loopback.base_url()}/{self.id}/.well-known/jwks.json"

    def verify_token(self, token: str) -> dict[str, Any]:
        """The claims of an ID or access token of this pool.

        Raises ``InvalidToken`` (a ``ValueError``) for a malformed or forged token, a token of
        another pool, and an expired or revoked one.
        """
        with self._fake._state():
            return issuing.verify(self._state, token)

    # -- the user pool domain --------------------------------------------------------------------

    def create_domain(
        self, prefix: Optional[str] = None, custom_domain: Optional[str] = None
    ) -> str:
        """Give the pool a domain (``CreateUserPoolDomain``) and return its URL (``domain_url``).

        Without arguments a prefix is generated; ``custom_domain`` (a host name) gets a
        certificate ARN the fake accepts; with both, the pool holds both, as AWS allows.
        """
        if prefix is None and custom_domain is None:
            prefix = "auth-" + ids.pick("abcdefghijklmnopqrstuvwxyz0123456789", 12)
        if prefix is not None:
            self._invoke("CreateUserPoolDomain", Domain=prefix)
        if custom_domain is not None:
            arn = f"arn:aws:acm:us-east-1:{self._fake.account_id}:certificate/{ids.uuid4()}"
            self._invoke(
                "CreateUserPoolDomain",
                Domain=custom_domain,
                CustomDomainConfig={"CertificateArn": arn},
            )
        url = self.domain_url
        assert url is not None
        return url

    @property
    def domain_url(self) -> Optional[str]:
        """``https://`` + the custom domain when the pool has one, else the prefix domain
        (``https://{prefix}.auth.{region}.amazoncognito.com``); None without a domain. Both
        answer in-process, for every HTTP client the fake intercepts."""
        host = hosts.host_of(self._state)
        return f"https://{host}" if host is not None else None

    @property
    def local_domain_url(self) -> Optional[str]:
        """An ``http://`` loopback base URL where the domain's paths answer (for browsers and
        other processes); None without a domain. Tokens still carry the real issuer."""
        host = hosts.host_of(self._state)
        return f"{loopback.base_url()}{domain.LOOPBACK_PREFIX}{host}" if host is not None else None

    def add_external_identity(
        self, provider_name: str, subject: str, attributes: Optional[Mapping[str, Any]] = None
    ) -> None:
        """Declare a user of the pool's identity provider ``provider_name`` for the stand-in
        provider to sign in through the domain. ``subject`` is the provider's user identifier
        (the OIDC/social ``sub``, the SAML NameID); ``attributes`` are the provider's claims (by
        the provider's names: ``AttributeMapping`` maps them). Declaring the same subject again
        replaces its attributes, as the provider's profile changing would.
        """
        if provider_name not in self._state.identity_providers:
            known = ", ".join(sorted(self._state.identity_providers)) or "none"
            raise LookupError(
                f"No identity provider {provider_name!r} in {self.id}; its providers: {known}"
            )
        with self._fake._state() as backend:
            backend.domain.external_identities.declare(
                self.id, provider_name, subject, attributes or {}
            )

    # -- signing in ------------------------------------------------------------------------------

    def sign_in(
        self, username: str, password: str, client: Optional[AppClient] = None
    ) -> dict[str, Any]:
        """Sign ``username`` in (AdminInitiateAuth, ADMIN_USER_PASSWORD_AUTH) and return the
        ``AuthenticationResult`` (wire form: ``IdToken``, ``AccessToken``, ``RefreshToken``...).

        Without ``client``, the first app client that allows ``ALLOW_ADMIN_USER_PASSWORD_AUTH``
        is used, or one is created. The service's errors are raised as they are (a wrong
        password is ``NotAuthorizedException``); a challenge raises ``SignInChallenge``.
        """
        app = client if client is not None else self._password_client()
        parameters = {"USERNAME": username, "PASSWORD": password}
        if app.secret is not None:
            parameters["SECRET_HASH"] = app.secret_hash(username)
        response = self._invoke(
            "AdminInitiateAuth",
            ClientId=app.id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters=parameters,
        )
        if "AuthenticationResult" not in response:
            raise SignInChallenge(
                response["ChallengeName"], response["Session"], response["ChallengeParameters"]
            )
        return response["AuthenticationResult"]  # type: ignore[no-any-return]

    def _password_client(self) -> AppClient:
        for state in self._state.clients.values():
            if state.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH"):
                return AppClient(self, state)
        return self.create_client(
            "pytest-cognito-idp",
            explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )

    # -- Lambda triggers -------------------------------------------------------------------------

    def set_trigger(self, name: str, fn: Callable[..., Any], lambda_version: str = "V1_0") -> str:
        """Run ``fn(event, context)`` as the pool's ``name`` trigger (a ``LambdaConfig`` key such
        as ``"PreSignUp"``); ``lambda_version`` picks the PreTokenGeneration event version.

        The function is filed under a generated Lambda ARN that ``LambdaConfig`` then names, as
        DescribeUserPool shows; returns that ARN.
        """
        with self._fake._state() as backend:
            return lambdas.set_trigger(backend, self._state, name, fn, lambda_version)

    def trigger(
        self, name: str, lambda_version: str = "V1_0"
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator form of ``set_trigger``: ``@pool.trigger("PreSignUp")``."""

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self.set_trigger(name, fn, lambda_version)
            return fn

        return register
