"""The operation registry: request params -> backend call -> response dict, by operation name.

Each module of this package handles one domain and registers its handlers with ``@operation``.
A handler takes the ``Context`` of the call and the (already validated) params, and returns the
response as the service would send it (wire form: epoch-second timestamps) or raises a
``CognitoError``. The README's table of supported operations is generated from ``REGISTRY``.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Dict, Optional, Set

from .._model.service import service_model
from ..backend.imports.jobs import running_jobs, settle_imports
from ..backend.model.pools import UserPool
from ..backend.resilience.recovery import settle_restorations, started_restorations
from ..backend.state import Backend, Region
from ._gates import gated

Params = Dict[str, Any]
Result = Optional[Dict[str, Any]]
Handler = Callable[["Context", Params], Result]

REGISTRY: Dict[str, Handler] = {}
# Every operation a handler is written for, whether or not the installed botocore knows it.
DECLARED: Set[str] = set()
# Those handlers as written (REGISTRY's are wrapped by the gates), for the README's table.
HANDLERS: Dict[str, Handler] = {}

# The domains, in the order their handlers are imported.
DOMAINS = (
    "pools",
    "clients",
    "pool_settings",
    "groups",
    "import_jobs",
    "admin_users",
    "admin_passwords",
    "user_attributes",
    "sign_up",
    "forgot_password",
    "user_groups",
    "list_users",
    "tokens",
    "self_service",
    "auth",
    "mfa",
    "devices",
    "ui_customization",
    "risk_configuration",
    "log_delivery",
    "managed_login_branding",
    "terms",
    "auth_events",
    "web_authn",
    "identity_providers",
    "identity_links",
    "resource_servers",
    "domains",
    "signing_certificate",
    "provisioned_limits",
    "cimd",
    "replicas",
    "recovery",
    "user_sessions",
    "client_tokens",
)


class Context:
    """What a handler may reach: the backend, and the region the call was made in."""

    __slots__ = ("backend", "region")

    def __init__(self, backend: Backend, region: Region) -> None:
        self.backend = backend
        self.region = region

    def pool(self, params: Params) -> UserPool:
        # The region's own pools first (most calls); replicas and the error are region.pool's.
        pool_id = params["UserPoolId"]
        return self.region.pools.get(pool_id) or self.region.pool(pool_id)


def settle_due_work(region: Region) -> None:
    """Do the work that progresses with time and that nothing runs in the background, before
    any call can observe it: import rows whose time has come are imported, and started
    point-in-time recoveries whose time has come are applied. (The emptiness tests are repeated
    here so that the usual call, with nothing due, makes no call.)"""
    if running_jobs:
        settle_imports(region)
    if started_restorations:
        settle_restorations()


def operation(name: str) -> Callable[[Handler], Handler]:
    """Register ``fn`` as the handler of the service operation ``name``.

    An operation that the installed botocore's model does not have (an older botocore) is
    declared but not registered: no client of that botocore can call it.
    """

    def register(fn: Handler) -> Handler:
        if name in DECLARED:
            raise ValueError(f"{name} is registered twice")
        DECLARED.add(name)
        HANDLERS[name] = fn
        if name in service_model().operation_names:
            # Replicas, paused writes and the recovery history apply to every handler.
            REGISTRY[name] = gated(name, fn)
        return fn

    return register


def load() -> Dict[str, Handler]:
    for domain in DOMAINS:
        importlib.import_module(f"{__name__}.{domain}")
    return REGISTRY
