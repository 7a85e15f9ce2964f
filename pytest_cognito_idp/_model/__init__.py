"""The service model of cognito-idp, used the way the service uses its own.

``validate`` answers a bad request with ``InvalidParameterException`` and the service's message,
for any operation, driven by the model: ``acceptance`` passes a valid request in one pass, and
only a request it did not pass goes through ``wording``, which finds every problem and words it.
``service`` holds the model itself, ``patterns`` its regexes, ``output`` the check of responses.
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidParameterException
from .acceptance import operation_accept, operation_accepts
from .wording import problems


def validate(operation: str, params: dict[str, Any]) -> None:
    """Raise ``InvalidParameterException`` as the service would for ``params``."""
    if (operation_accepts.get(operation) or operation_accept(operation))(params):
        return
    found = problems(operation, params)
    if found:
        count = len(found)
        noun = "error" if count == 1 else "errors"
        raise InvalidParameterException(f"{count} validation {noun} detected: " + "; ".join(found))
