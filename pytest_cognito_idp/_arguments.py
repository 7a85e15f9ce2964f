"""API arguments given to a helper, checked the way a botocore client checks them before sending.

``create_pool``, ``create_client`` and ``create_group`` (and so the ``cognito_pool`` marker) take
an operation's arguments without going through a client. The service itself ignores members it
does not know, so without this check a misspelt ``AutoVerifiedAttribute=`` would pass unnoticed
and leave the pool without the setting; boto3 refuses it before the request leaves.
"""

from __future__ import annotations

from typing import Any, Dict

from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator

from ._model.service import operation_model


def check(operation: str, params: Dict[str, Any]) -> None:
    """Raise botocore's ``ParamValidationError`` where ``client.<operation>(**params)`` would."""
    report = ParamValidator().validate(params, operation_model(operation).input_shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())
