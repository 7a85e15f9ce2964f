"""The rules a user pool's schema obeys when CreateUserPool or AddCustomAttributes declares
attributes, with the service's messages.

The messages are those moto 5.2.1's AWS-faithful tests expect
(test_create_user_pool_custom_attribute_without_data_type,
..._standard_attribute_with_changed_data_type_or_developer_only, ..._invalid_schema_values,
..._string_schema_max_length_over_2048, ..._min_bigger_than_max,
test_add_custom_attributes_existing_attribute). Which name a message shows for a custom attribute
(``custom:x`` or ``dev:custom:x``), the checks' order, and that Number bounds are whole numbers
(negative ones allowed) are our reading (unconfirmed): the tests show standard attributes and
non-numeric text only.
"""

from __future__ import annotations

import re
from typing import Dict, List, Mapping, NoReturn, Optional, Tuple

from ...errors import InvalidParameterException
from .pools import STANDARD_ATTRIBUTES, SchemaAttribute

MAX_STRING_LENGTH = 2048
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")
STANDARD = {a.name: a for a in STANDARD_ATTRIBUTES}


def check_custom_declaration(data_type: Optional[str], required: bool) -> None:
    """A custom attribute names its data type and cannot be required."""
    if not data_type:
        raise InvalidParameterException(
            "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."
        )
    if required:
        raise InvalidParameterException("Required custom attributes are not supported currently.")


def check_standard_declaration(
    standard: SchemaAttribute, data_type: Optional[str], developer_only: bool
) -> None:
    """A standard attribute keeps its data type and is never developer-only; the data type may
    be left out (CloudFormation and the CDK declare standard attributes without it)."""
    if (data_type and data_type != standard.data_type) or developer_only:
        raise InvalidParameterException(
            "You can not change AttributeDataType or set developerOnlyAttribute for standard "
            f"schema attribute {standard.name}"
        )


def check_constraints(attribute: SchemaAttribute) -> None:
    """String lengths are whole numbers up to 2048, number bounds whole numbers, and a minimum
    is never above its maximum."""
    if attribute.string_constraints is not None:
        low, high = _bounds(
            attribute, "StringAttributeConstraints", attribute.string_constraints, "Length"
        )
        if any(v is not None and v < 0 for v in (low, high)):
            _invalid(attribute, "StringAttributeConstraints")
        if any(v is not None and v > MAX_STRING_LENGTH for v in (low, high)):
            raise InvalidParameterException(
                f"user.{attribute.name}: String attributes cannot have a length of more than "
                f"{MAX_STRING_LENGTH}"
            )
        if low is not None and high is not None and low > high:
            raise InvalidParameterException(
                f"user.{attribute.name}: Max length cannot be less than min length."
            )
    if attribute.number_constraints is not None:
        low, high = _bounds(
            attribute, "NumberAttributeConstraints", attribute.number_constraints, "Value"
        )
        if low is not None and high is not None and low > high:
            raise InvalidParameterException(
                f"user.{attribute.name}: Max value cannot be less than min value."
            )


def check_new_name(schema: Mapping[str, SchemaAttribute], attribute: SchemaAttribute) -> None:
    """AddCustomAttributes: ``custom:x`` and ``dev:custom:x`` are one name; the message shows
    the name asked for (without ``dev:``) and the one the pool has."""
    asked = attribute.name.removeprefix("dev:")
    for held in (asked, f"dev:{asked}"):
        if held in schema:
            raise InvalidParameterException(f"{asked}: Existing attribute already has name {held}.")


def _bounds(
    attribute: SchemaAttribute, key: str, given: Dict[str, str], unit: str
) -> Tuple[Optional[int], Optional[int]]:
    """(Min<unit>, Max<unit>) as whole numbers; an empty or missing bound is no bound."""
    out: List[Optional[int]] = []
    for side in ("Min", "Max"):
        text = given.get(side + unit)
        if not text:
            out.append(None)
            continue
        if _WHOLE_NUMBER.fullmatch(text) is None:  # int() alone takes " 5", "+5" and "5_0"
            _invalid(attribute, key)
        out.append(int(text))
    return out[0], out[1]


def _invalid(attribute: SchemaAttribute, key: str) -> NoReturn:
    raise InvalidParameterException(f"Invalid {key} for schema attribute {attribute.name}")
