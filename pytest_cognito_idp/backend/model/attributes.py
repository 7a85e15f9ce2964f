"""User attribute values checked against a pool's schema, with the service's messages.

Per-attribute problems come back as one ``InvalidParameterException`` "Attributes did not conform
to the schema: " followed by one line per problem, each ending in a newline as the service sends
them (observed raw: "custom:firstName: Attribute does not exist in the schema.\\n...").
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Mapping, Optional

from ...errors import InvalidParameterException, NotAuthorizedException
from .pools import SchemaAttribute, UserPool
from .users import User

EMAIL_FORMAT = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
# E.164: a plus, then the country code and number, digits only (at most 15).
PHONE_FORMAT = re.compile(r"\+[1-9][0-9]{4,14}")
VERIFIED_FLAGS = frozenset({"email_verified", "phone_number_verified"})
_BOOLEAN_VALUES = frozenset({"true", "false"})


def schema_error(problems: Iterable[str]) -> InvalidParameterException:
    lines = "".join(f"{p}\n" for p in problems)
    return InvalidParameterException(f"Attributes did not conform to the schema: {lines}")


def is_email(value: str) -> bool:
    return EMAIL_FORMAT.fullmatch(value) is not None


def is_phone(value: str) -> bool:
    return PHONE_FORMAT.fullmatch(value) is not None


def check_client_writes(
    client_id: str, names: Iterable[str], writable: Optional[List[str]]
) -> None:
    """An app client may write only its WriteAttributes, and never the verified flags."""
    for name in names:
        if (
            name in VERIFIED_FLAGS
            or name.startswith("dev:")
            or (writable is not None and name not in writable)
        ):
            raise NotAuthorizedException("A client attempted to write unauthorized attribute")


def check_values(
    pool: UserPool, given: Mapping[str, str], existing: Optional[User], self_service: bool = False
) -> Dict[str, str]:
    """Check attribute writes (creation when ``existing`` is None) and return them normalised.

    Unknown attributes are reported the way the operation reports them: "Attribute does not exist
    in the schema." was observed from SignUp, "Type for attribute {x} could not be determined"
    from admin-created users; which operation says which is our reading (unconfirmed).
    """
    schema = pool.schema
    if not given.keys() <= schema.keys():
        unknown = [name for name in given if name not in schema]
        if self_service:
            raise schema_error(f"{n}: Attribute does not exist in the schema." for n in unknown)
        raise schema_error(f"Type for attribute {{{n}}} could not be determined" for n in unknown)
    # sub is assigned by the service; other immutable attributes only at creation.
    if existing is None:
        frozen = ["sub"] if "sub" in given else []
    else:
        frozen = [n for n in given if n == "sub" or not schema[n].mutable]
    if frozen:
        raise InvalidParameterException(
            "".join(f"user.{n}: Attribute cannot be updated.\n" for n in frozen)
        )
    out: Dict[str, str] = {}
    problems: List[str] = []
    for name, value in given.items():
        attribute = schema[name]
        if name == "email" and not is_email(value):
            raise InvalidParameterException("Invalid email address format.")
        if name == "phone_number" and not is_phone(value):
            raise InvalidParameterException("Invalid phone number format.")
        if attribute.data_type == "String":
            # A String within its limits needs no more (most values, for every user written,
            # imports included); ``_constraint_problem`` words what does not fit.
            shortest, longest = attribute.length_limits
            size = len(value)
            if (longest is None or size <= longest) and (shortest is None or size >= shortest):
                out[name] = value
                continue
        elif attribute.data_type == "Boolean" and value in _BOOLEAN_VALUES:
            out[name] = value  # already as stored
            continue
        problem = _constraint_problem(attribute, value)
        if problem:
            problems.append(f"{name}: {problem}")
        out[name] = value.lower() if attribute.data_type == "Boolean" else value
    if problems:
        raise schema_error(problems)
    return out


def check_required(pool: UserPool, attributes: Mapping[str, str]) -> None:
    missing = [n for n in pool.required_attributes if not attributes.get(n)]
    if missing:
        raise schema_error(f"{n}: The attribute is required" for n in missing)


def _constraint_problem(attribute: SchemaAttribute, value: str) -> Optional[str]:
    # The texts of these constraint messages are unconfirmed against AWS.
    if attribute.data_type == "Boolean":
        if value.lower() not in ("true", "false"):
            return "Attribute value must be true or false."
        return None
    if attribute.data_type == "Number":
        try:
            number = float(value)
        except ValueError:
            return "Number must be a valid number."
        limits = attribute.number_constraints or {}
        if "MinValue" in limits and number < float(limits["MinValue"]):
            return f"Number must be no less than {limits['MinValue']}."
        if "MaxValue" in limits and number > float(limits["MaxValue"]):
            return f"Number must be no greater than {limits['MaxValue']}."
        return None
    if attribute.data_type == "DateTime":
        return None
    shortest, longest = attribute.length_limits
    if longest is not None and len(value) > longest:
        return f"String must be no longer than {longest} characters."
    # An empty value is how a write clears an attribute; only non-empty values are measured.
    if value and shortest is not None and len(value) < shortest:
        return f"String must be no shorter than {shortest} characters."
    return None
