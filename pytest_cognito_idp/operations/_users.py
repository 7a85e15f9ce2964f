"""What the user operations share: users and attributes in wire form, delivery details, and the
app-client checks of the unsigned self-service operations."""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from .._wire import timestamp
from ..backend.model.clients import AppClient
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from ..backend.users import codes, delivery, directory
from ..backend.users.delivery import CodeDelivery
from ..errors import NotAuthorizedException, UserNotFoundException
from . import Context, Params

NOT_FOUND_FOR_CLIENT = "Username/client id combination not found."


def attributes_in(given: Optional[List[Params]]) -> Dict[str, str]:
    """``[{"Name", "Value"}]`` as a dict (a later entry wins, as a map would keep it)."""
    return {a["Name"]: a.get("Value", "") for a in given or []}


# The one MFAOptions entry the legacy API can hold.
SMS_MFA_OPTION = {"DeliveryMedium": "SMS", "AttributeName": "phone_number"}


def attributes_out(user: User, names: Optional[Iterable[str]] = None) -> List[Params]:
    attributes = user.attributes
    if names is not None:
        return [{"Name": n, "Value": attributes[n]} for n in names if n in attributes]
    return [{"Name": n, "Value": v} for n, v in attributes.items()]


def user_type(user: User, names: Optional[Iterable[str]] = None) -> Params:
    """A ``UserType`` (AdminCreateUser, ListUsers, ListUsersInGroup)."""
    created = timestamp(user.created)
    out: Params = {
        "Username": user.username,
        "Attributes": attributes_out(user, names),
        "UserCreateDate": created,
        # (A user never changed since it was made, as AdminCreateUser answers, has one date.)
        "UserLastModifiedDate": (
            created if user.last_modified == user.created else timestamp(user.last_modified)
        ),
        "Enabled": user.enabled,
        "UserStatus": user.status,
    }
    if user.sms_mfa_option:
        out["MFAOptions"] = [dict(SMS_MFA_OPTION)]
    return out


def delivery_details(delivery: CodeDelivery) -> Params:
    return {
        "Destination": delivery.destination,
        "DeliveryMedium": delivery.medium,
        "AttributeName": delivery.attribute_name,
    }


def send_code(
    ctx: Context,
    pool: UserPool,
    user: User,
    purpose: str,
    ttl: float,
    kind: str,
    target: str,
    client_id: str,
    params: Params,
) -> Params:
    """Issue a fresh ``purpose`` code, send it as a ``kind`` message to the user's ``target``
    attribute (through CustomMessage with the call's ClientMetadata), and return the masked
    ``CodeDeliveryDetails`` of the response."""
    code = codes.issue(user, purpose, ttl)
    sent = delivery.send(
        ctx.backend,
        pool,
        user,
        kind,
        target,
        code,
        client_id,
        client_metadata=metadata(params),
    )
    return delivery_details(sent)


def metadata(params: Params, key: str = "ClientMetadata") -> Optional[Dict[str, str]]:
    """A request's ``ClientMetadata`` (or ``ValidationData``, a list of ``{Name, Value}``) as the
    map a trigger event carries; None when the request has none."""
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, list):
        return {a["Name"]: a.get("Value", "") for a in value}
    return dict(value)


def mfa_settings(user: User) -> Params:
    """The MFA members of GetUser and AdminGetUser: what is set, and only that."""
    out: Params = {}
    if user.sms_mfa_option:
        out["MFAOptions"] = [dict(SMS_MFA_OPTION)]
    if user.mfa_preferred:
        out["PreferredMfaSetting"] = user.mfa_preferred
    if user.mfa_enabled:
        out["UserMFASettingList"] = sorted(user.mfa_enabled)
    return out


def pool_user(ctx: Context, params: Params) -> Tuple[UserPool, User]:
    """The pool and the user ``Username`` names, for the admin operations."""
    pool = ctx.pool(params)
    return pool, directory.get(pool, params["Username"])


def app_client(ctx: Context, params: Params) -> Tuple[AppClient, UserPool]:
    """The app client of a self-service call and its pool, after the SecretHash check."""
    client = ctx.region.client(params["ClientId"])
    if client.secret is not None:
        given = params.get("SecretHash")
        if not given:
            raise NotAuthorizedException(
                f"Client {client.id} is configured for secret but secret was not received"
            )
        if given not in client.secret_hashes(params["Username"]):
            raise NotAuthorizedException(f"SecretHash does not match for the client: {client.id}")
    return client, ctx.region.pool_of(client)


def hides_unknown_users(client: AppClient) -> bool:
    return client.prevent_user_existence_errors == "ENABLED"


def client_user(client: AppClient, pool: UserPool, username: str) -> Optional[User]:
    """The user a self-service call names; None for an unknown user when the client hides
    user existence (the caller then answers as the service does), else UserNotFoundException."""
    user = directory.lookup(pool, username)
    if user is None and not hides_unknown_users(client):
        raise UserNotFoundException(NOT_FOUND_FOR_CLIENT)
    return user
