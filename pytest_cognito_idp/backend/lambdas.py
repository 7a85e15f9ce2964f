"""Lambda triggers: the one mechanism every trigger invocation goes through.

A pool names its triggers in ``LambdaConfig`` (key -> function ARN); the fake runs the Python
function registered under that ARN (``CognitoIdp.register_lambda`` or ``UserPool.set_trigger``) as
Lambda would run a handler: ``fn(event, context)`` with AWS's event shape and a Lambda-like
context, returning the event. The function gets a deep copy, so it cannot reach the fake's state
except through the API. What it returns is checked as Cognito checks a Lambda's output, failures
become the service's errors, and every invocation is recorded in ``Backend.trigger_calls``.

The moments (sign-up, sign-in, tokens, messages, custom challenges) build their requests and read
their responses in backend/triggers_*.py; they all call ``invoke`` here.
"""

from __future__ import annotations

import copy
import json
import re
import time
import traceback
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional

import attrs

from .. import clock
from ..errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)
from .core import ids

if TYPE_CHECKING:
    from .model.pools import UserPool
    from .model.users import User
    from .state import Backend

Handler = Callable[[Dict[str, Any], Any], Any]

# The LambdaConfig keys of the synchronous triggers the fake runs.
TRIGGERS = (
    "PreSignUp",
    "CustomMessage",
    "PostConfirmation",
    "PreAuthentication",
    "PostAuthentication",
    "DefineAuthChallenge",
    "CreateAuthChallenge",
    "VerifyAuthChallengeResponse",
    "PreTokenGeneration",
    "UserMigration",
)
TOKEN_VERSIONS = ("V1_0", "V2_0", "V3_0")

# Observed values of the common envelope (fact sheet, section 7).
SDK_VERSION = "aws-sdk-unknown-unknown"
NO_CLIENT = "CLIENT_ID_NOT_APPLICABLE"
# Cognito gives a trigger 5 seconds (developer guide, "Important considerations").
TIMEOUT_MS = 5000

INVALID_JSON = "Invalid lambda function output : Invalid JSON"
UNRECOGNIZABLE = "Unrecognizable lambda output"

# A Lambda function ARN, optionally qualified by a version or alias.
FUNCTION_ARN = re.compile(
    r"arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:([a-zA-Z0-9_-]{1,64})(:[a-zA-Z0-9$_-]+)?"
)


@attrs.frozen
class Triggers:
    """A pool's LambdaConfig as the fake acts on it: each trigger's function ARN by trigger name
    (PreSignUp, PreTokenGeneration...), and the PreTokenGeneration event version."""

    arns: Dict[str, str] = attrs.field(factory=dict)
    token_version: str = "V1_0"


@attrs.frozen
class TriggerCall:
    """One trigger invocation: ``event`` as sent, ``response`` the event the function returned
    (None when it failed), ``error`` what the function raised (None when it returned)."""

    trigger: str
    trigger_source: str
    pool_id: str
    arn: str
    event: Dict[str, Any]
    response: Optional[Dict[str, Any]]
    error: Optional[BaseException] = None
    at: float = 0.0

    def matches(self, trigger: Optional[str], subset: Dict[str, Any]) -> bool:
        """Is this an invocation of ``trigger`` (any, if None) whose event includes ``subset``?"""
        if trigger is not None and self.trigger != trigger:
            return False
        return all(k in self.event and self.event[k] == v for k, v in subset.items())

    def describe(self) -> str:
        outcome = "-> ok" if self.error is None else f"-> raised {_one_line(self.error)}"
        user = self.event.get("userName")
        return f"{self.trigger}(triggerSource={self.trigger_source!r}, userName={user!r}) {outcome}"

    def traceback(self) -> str:
        """What the function raised, with its traceback from the function down (the frames of
        the fake that called it left out), as Lambda would log it; '' when it returned."""
        if self.error is None:
            return ""
        tb = self.error.__traceback__
        while tb is not None and tb.tb_frame.f_globals.get("__name__") == __name__:
            tb = tb.tb_next
        return "".join(traceback.format_exception(type(self.error), self.error, tb))


class LambdaContext:
    """What the Python Lambda runtime passes as ``context`` (the attributes handlers read)."""

    def __init__(self, arn: str) -> None:
        match = FUNCTION_ARN.fullmatch(arn)
        name = match.group(1) if match else arn.rpartition(":")[2]
        qualifier = match.group(2) if match else None
        self.function_name = name
        self.function_version = "$LATEST" if not qualifier else qualifier[1:]
        self.invoked_function_arn = arn
        self.memory_limit_in_mb = "128"  # a string, as the Python runtime gives it
        self.aws_request_id = ids.uuid4()
        self.log_group_name = f"/aws/lambda/{name}"
        day = time.strftime("%Y/%m/%d", time.gmtime(clock.now()))
        self.log_stream_name = f"{day}/[$LATEST]{ids.uuid4().replace('-', '')}"
        self.identity = None
        self.client_context = None
        # Real time, not the fake's clock: a frozen test clock must not freeze the deadline.
        self._deadline = time.perf_counter() + TIMEOUT_MS / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.perf_counter()) * 1000))

    def __repr__(self) -> str:
        return f"<LambdaContext {self.function_name} request {self.aws_request_id}>"


# -- registration -------------------------------------------------------------------------------


def check_arn(arn: str) -> None:
    """Refuse anything ``LambdaConfig`` could not name as a Lambda function."""
    if not isinstance(arn, str) or FUNCTION_ARN.fullmatch(arn) is None:
        raise ValueError(
            f"{arn!r} is not a Lambda function ARN; expected "
            "'arn:aws:lambda:<region>:<account>:function:<name>'"
        )


def register(backend: Backend, arn: str, fn: Handler) -> None:
    check_arn(arn)
    if not callable(fn):
        raise TypeError(f"a trigger must be a function fn(event, context), not {fn!r}")
    backend.lambdas[arn] = fn


def generated_arn(pool: UserPool, name: str) -> str:
    """The ARN ``UserPool.set_trigger`` files a function under: one per pool and trigger."""
    return f"arn:aws:lambda:{pool.region}:{pool.account_id}:function:{pool.id}-{name}"


def set_trigger(
    backend: Backend, pool: UserPool, name: str, fn: Handler, lambda_version: str = "V1_0"
) -> str:
    """Run ``fn`` as the pool's ``name`` trigger; its generated ARN goes into ``LambdaConfig``
    (so DescribeUserPool shows it, as after an UpdateUserPool). Returns the ARN."""
    if name not in TRIGGERS:
        raise ValueError(f"{name!r} is not a trigger; use one of: {', '.join(TRIGGERS)}")
    if lambda_version not in TOKEN_VERSIONS:
        raise ValueError(f"lambda_version must be one of {', '.join(TOKEN_VERSIONS)}")
    if lambda_version != "V1_0" and name != "PreTokenGeneration":
        raise ValueError("only the PreTokenGeneration trigger has a lambda_version")
    arn = generated_arn(pool, name)
    register(backend, arn, fn)
    # LambdaConfig as an UpdateUserPool naming the function would leave it, for DescribeUserPool
    # to echo.
    config = dict(pool.lambda_config)
    config[name] = arn
    version = pool.triggers.token_version
    if name == "PreTokenGeneration":
        config["PreTokenGenerationConfig"] = {"LambdaVersion": lambda_version, "LambdaArn": arn}
        version = lambda_version
    pool.lambda_config = config
    pool.triggers = Triggers({**pool.triggers.arns, name: arn}, version)
    pool.last_modified = clock.now()
    return arn


# -- configuration ------------------------------------------------------------------------------


def arn_of(pool: UserPool, name: str) -> Optional[str]:
    """The ARN of the pool's ``name`` trigger, or None when it has none."""
    return pool.triggers.arns.get(name)


def configured(pool: UserPool, name: str) -> bool:
    return arn_of(pool, name) is not None


def token_version(pool: UserPool) -> str:
    """The PreTokenGeneration event version: ``V1_0`` unless PreTokenGenerationConfig says."""
    return pool.triggers.token_version


def _function(backend: Backend, name: str, arn: str) -> Handler:
    fn = backend.lambdas.get(arn)
    if fn is None:
        # The service's form for a function it cannot invoke, then how to give the fake one.
        raise UnexpectedLambdaException(
            f"{name} invocation failed due to error ResourceNotFoundException. "
            f"(pytest-cognito-idp: no function is registered for {arn}; register one with "
            f"cognito_idp.register_lambda({arn!r}, fn) or pool.set_trigger({name!r}, fn).)"
        )
    return fn


# -- the event ----------------------------------------------------------------------------------


def user_attributes(pool: UserPool, user: User) -> Dict[str, str]:
    """``request.userAttributes`` of an existing user: strings, with ``sub``, the status and the
    alias markers the service adds."""
    out = {"sub": user.sub}
    out.update((k, v) for k, v in user.attributes.items() if k != "sub")
    out["cognito:user_status"] = user.status
    for attribute in ("email", "phone_number"):
        if attribute in pool.alias_attributes and user.is_verified(attribute):
            out[f"cognito:{attribute}_alias"] = user.attributes[attribute]
    return out


def _envelope(
    pool: UserPool,
    source: str,
    user_name: Optional[str],
    client_id: Optional[str],
    request: Dict[str, Any],
    response: Dict[str, Any],
    version: str,
) -> Dict[str, Any]:
    return {
        "version": version,
        "triggerSource": source,
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": user_name,
        "callerContext": {"awsSdkVersion": SDK_VERSION, "clientId": client_id or NO_CLIENT},
        "request": request,
        "response": response,
    }


def invoke(
    backend: Backend,
    pool: UserPool,
    name: str,
    source: str,
    *,
    user_name: Optional[str],
    client_id: Optional[str],
    request: Dict[str, Any],
    response: Optional[Dict[str, Any]] = None,
    version: str = "1",
) -> Dict[str, Any]:
    """Run the pool's ``name`` trigger with an event for ``source``; return the ``response``
    object of the event it returned (a dict; the moment checks its fields)."""
    arn = arn_of(pool, name)
    if arn is None:
        raise ValueError(f"pool {pool.id} has no {name} trigger")
    fn = _function(backend, name, arn)
    event = _envelope(pool, source, user_name, client_id, request, response or {}, version)
    sent = copy.deepcopy(event)
    try:
        returned = fn(copy.deepcopy(event), LambdaContext(arn))
        # Lambda hands Cognito JSON: what does not serialise fails inside Lambda's runtime.
        try:
            text = json.dumps(returned)
        except (TypeError, ValueError) as exc:
            raise _MarshalError(f"Unable to marshal response: {exc}") from None
    except Exception as exc:
        backend.trigger_calls.append(
            TriggerCall(name, source, pool.id, arn, sent, None, exc, clock.now())
        )
        raise UserLambdaValidationException(f"{name} failed with error {_message(exc)}.") from exc
    out = json.loads(text)
    backend.trigger_calls.append(
        TriggerCall(name, source, pool.id, arn, sent, out, None, clock.now())
    )
    if not isinstance(out, dict):
        # A handler that returns nothing (null) or a non-object (observed for a missing return).
        raise InvalidLambdaResponseException(INVALID_JSON)
    got = out.get("response")
    if got is None:
        return {}
    if not isinstance(got, dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return got


class _MarshalError(Exception):
    pass


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def _message(exc: BaseException) -> str:
    # Lambda reports a Python exception's str() as its errorMessage.
    return str(exc.args[0]) if len(exc.args) == 1 else str(exc)


# -- reading a response -------------------------------------------------------------------------


def flag(response: Mapping[str, Any], key: str) -> bool:
    """A boolean of a trigger response: absent or null is false. Cognito reads the JSON with
    Jackson, which also takes the strings "true"/"false"; anything else is unrecognizable."""
    value = response.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise InvalidLambdaResponseException(UNRECOGNIZABLE)


def text(response: Mapping[str, Any], key: str) -> Optional[str]:
    """A string of a trigger response (numbers and booleans coerced, as Jackson does)."""
    value = response.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return json.dumps(value)
    raise InvalidLambdaResponseException(UNRECOGNIZABLE)


def string_map(response: Mapping[str, Any], key: str) -> Optional[Dict[str, str]]:
    """A map of strings of a trigger response (scalars coerced to strings)."""
    value = response.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    return {str(k): v for k, v in ((k, text(value, k)) for k in value) if v is not None}


def string_list(response: Mapping[str, Any], key: str) -> Optional[List[str]]:
    value = response.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    items = [text({"v": v}, "v") for v in value]
    return [i for i in items if i is not None]


def with_maps(
    request: Dict[str, Any],
    validation_data: Optional[Mapping[str, str]] = None,
    client_metadata: Optional[Mapping[str, str]] = None,
) -> Dict[str, Any]:
    """``request`` with the trigger event's ``validationData`` and ``clientMetadata`` maps, where
    the request that started it carried them."""
    if validation_data is not None:
        request["validationData"] = dict(validation_data)
    if client_metadata is not None:
        request["clientMetadata"] = dict(client_metadata)
    return request
