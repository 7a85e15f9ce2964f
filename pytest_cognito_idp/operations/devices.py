"""Devices: ConfirmDevice, GetDevice, ListDevices, ForgetDevice, UpdateDeviceStatus and their
Admin* forms."""

from __future__ import annotations

from typing import Dict, List, Tuple

from .. import clock
from .._wire import timestamp
from ..backend.model.devices import Device
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from ..backend.tokens import issuing
from ..backend.users import directory
from ..errors import InvalidParameterException
from . import Context, Params, Result, operation
from ._paging import page

DEFAULT_LIMIT = 60  # unconfirmed: the service's page size when Limit is omitted


def _attributes(device: Device) -> List[Dict[str, str]]:
    """``DeviceAttributes`` as the service lists them."""
    out = [{"Name": "device_status", "Value": "valid"}]
    if device.name is not None:
        out.append({"Name": "device_name", "Value": device.name})
    status = "remembered" if device.remembered else "not_remembered"
    out.append({"Name": "dev:device_remembered_status", "Value": status})
    return out


def describe(device: Device) -> Params:
    return {
        "DeviceKey": device.key,
        "DeviceAttributes": _attributes(device),
        "DeviceCreateDate": timestamp(device.created),
        "DeviceLastModifiedDate": timestamp(device.last_modified),
        "DeviceLastAuthenticatedDate": timestamp(device.last_authenticated),
    }


def _token_user(ctx: Context, params: Params) -> Tuple[UserPool, User]:
    if not params.get("AccessToken"):
        # Optional in the model, required in fact; the wording is unconfirmed.
        raise InvalidParameterException("Missing required parameter AccessToken")
    pool, user, _ = issuing.authenticate(ctx.backend, ctx.region, params["AccessToken"])
    return pool, user


def _admin_user(ctx: Context, params: Params) -> Tuple[UserPool, User]:
    pool = ctx.pool(params)
    return pool, directory.get(pool, params["Username"])


@operation("ConfirmDevice")
def confirm_device(ctx: Context, params: Params) -> Result:
    pool, user = _token_user(ctx, params)
    given = params.get("DeviceSecretVerifierConfig") or {}
    device = user.devices.confirm(
        params["DeviceKey"],
        pool.config.devices,
        given.get("PasswordVerifier", ""),
        given.get("Salt", ""),
        params.get("DeviceName"),
        clock.now(),
    )
    return {"UserConfirmationNecessary": not device.remembered}


@operation("GetDevice")
def get_device(ctx: Context, params: Params) -> Result:
    _, user = _token_user(ctx, params)
    return {"Device": describe(user.devices.confirmed(params["DeviceKey"]))}


@operation("AdminGetDevice")
def admin_get_device(ctx: Context, params: Params) -> Result:
    _, user = _admin_user(ctx, params)
    return {"Device": describe(user.devices.confirmed(params["DeviceKey"]))}


def _list(user: User, params: Params) -> Result:
    found, token = page(
        user.devices.listed(),
        lambda d: d.key,
        params.get("PaginationToken"),
        params.get("Limit") or DEFAULT_LIMIT,
    )
    out: Params = {"Devices": [describe(d) for d in found]}
    if token:
        out["PaginationToken"] = token
    return out


@operation("ListDevices")
def list_devices(ctx: Context, params: Params) -> Result:
    return _list(_token_user(ctx, params)[1], params)


@operation("AdminListDevices")
def admin_list_devices(ctx: Context, params: Params) -> Result:
    return _list(_admin_user(ctx, params)[1], params)


def _forget(user: User, key: str) -> Result:
    user.devices.forget(key)
    return {}


@operation("ForgetDevice")
def forget_device(ctx: Context, params: Params) -> Result:
    return _forget(_token_user(ctx, params)[1], params["DeviceKey"])


@operation("AdminForgetDevice")
def admin_forget_device(ctx: Context, params: Params) -> Result:
    return _forget(_admin_user(ctx, params)[1], params["DeviceKey"])


def _update_status(user: User, params: Params) -> Result:
    status = params.get("DeviceRememberedStatus")
    remembered = None if status is None else status == "remembered"
    user.devices.update_status(params["DeviceKey"], remembered, clock.now())
    return {}


@operation("UpdateDeviceStatus")
def update_device_status(ctx: Context, params: Params) -> Result:
    return _update_status(_token_user(ctx, params)[1], params)


@operation("AdminUpdateDeviceStatus")
def admin_update_device_status(ctx: Context, params: Params) -> Result:
    return _update_status(_admin_user(ctx, params)[1], params)
