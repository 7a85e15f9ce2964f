"""The botocore service model of cognito-idp: operations, shapes, and what the service adds.

botocore checks only required members, types and minimums before it sends; the service checks
the rest (maximum lengths and values, patterns, enums). The facts both checkers share are here.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, List

import botocore.session
from botocore.model import OperationModel, ServiceModel


@functools.cache
def service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("cognito-idp")


def operation_names() -> list[str]:
    return list(service_model().operation_names)


def operation_model(name: str) -> OperationModel:
    return service_model().operation_model(name)


_ACRONYM = re.compile(r"^[A-Z]+(?=[A-Z][a-z]|$)")


def member_path(name: str) -> str:
    """PascalCase member name -> the lowerCamelCase path the service prints.

    ``UserPoolId`` -> ``userPoolId``; a leading acronym is lowered whole (``MFAOptions`` ->
    ``mfaOptions``, ``SMSMfaSettings`` -> ``smsMfaSettings``); ``CallbackURLs`` -> ``callbackURLs``.
    """
    m = _ACRONYM.match(name)
    if m and len(m.group()) > 1:
        return m.group().lower() + name[m.end() :]
    return name[:1].lower() + name[1:]


# Shapes whose model pattern the service does not apply as written: the operation checks them.
# DomainType's pattern admits prefixes only, yet the domain operations take custom domains
# (``auth.example.com``) too, and answer a bad prefix with their own message.
PATTERNS_CHECKED_BY_OPERATION = frozenset({"DomainType"})

# Enum values the service takes that the model's enum lacks. GetClientToken documents the
# ALLOW_CLIENT_TOKEN_AUTH flow, which AWS's own examples put in ExplicitAuthFlows
# (aws-doc-sdk-examples, cognito client_token scenario), yet ExplicitAuthFlowsType omits it.
UNMODELED_ENUM_VALUES: Dict[str, tuple[str, ...]] = {
    "ExplicitAuthFlowsType": ("ALLOW_CLIENT_TOKEN_AUTH",),
}


def enum_values(shape: Any) -> List[str]:
    """The values a string shape with an enum takes: the model's, and any it lacks."""
    return [*shape.metadata["enum"], *UNMODELED_ENUM_VALUES.get(shape.name, ())]


_TYPE_OK: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "structure": (dict,),
    "list": (list, tuple),
    "map": (dict,),
    "blob": (str, bytes),
    "timestamp": (int, float, str),
    "double": (int, float),
    "float": (int, float),
}
