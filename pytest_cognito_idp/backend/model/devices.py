"""Device tracking: the devices a user signed in from, their SRP verifiers and remembered status.

A pool tracks devices when it has a ``DeviceConfiguration``. Each sign-in without a known device
gets ``NewDeviceMetadata`` (a new device key in the user's device group); ConfirmDevice stores
the device's SRP verifier, after which the device can sign in with DEVICE_SRP_AUTH. A remembered
device skips MFA.
"""

from __future__ import annotations

import uuid
from typing import Dict, List, Optional

import attrs

from ...errors import (
    DeviceKeyExistsException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from ..core import ids, srp
from ..core.srp import Verifier
from .settings import DeviceConfiguration

NOT_FOUND = "Device does not exist."  # observed: amplify-android#2605


@attrs.define
class Device:
    key: str
    group_key: str
    created: float
    last_modified: float
    last_authenticated: float
    name: Optional[str] = None
    # Set by ConfirmDevice; an unconfirmed device can neither sign in nor be listed.
    verifier: Optional[Verifier] = None
    remembered: bool = False

    @property
    def confirmed(self) -> bool:
        return self.verifier is not None


@attrs.define
class UserDevices:
    """The devices of one user, and the device group they all belong to."""

    # Made when the first device is remembered: most users never have one.
    group_key: str = ""
    by_key: Dict[str, Device] = attrs.field(factory=dict)

    def new(self, region: str, now: float) -> Device:
        if not self.group_key:
            self.group_key = "-" + ids.pick(ids.ALNUM, 9)
        device = Device(f"{region}_{uuid.uuid4()}", self.group_key, now, now, now)
        self.by_key[device.key] = device
        return device

    def confirmed(self, key: str) -> Device:
        """A confirmed device of the user, or ResourceNotFoundException."""
        device = self.by_key.get(key)
        if device is None or not device.confirmed:
            raise ResourceNotFoundException(NOT_FOUND)
        return device

    def listed(self) -> List[Device]:
        return [d for d in self.by_key.values() if d.confirmed]

    def confirm(
        self,
        key: str,
        config: Optional[DeviceConfiguration],
        password_verifier: str,
        salt: str,
        name: Optional[str],
        now: float,
    ) -> Device:
        """ConfirmDevice: a new device of a pool that tracks devices (``config``) gets its SRP
        verifier and name, and is remembered unless the user must opt in."""
        device = self.by_key.get(key)
        if device is None or config is None:
            raise InvalidParameterException("Invalid device key given.")
        if device.confirmed:
            raise DeviceKeyExistsException("Device key already exists.")  # wording unconfirmed
        verifier = srp.device_verifier(password_verifier, salt)
        if verifier is None:
            # The service's wording is unconfirmed.
            raise InvalidParameterException("Invalid device secret verifier config.")
        device.verifier = verifier
        device.name = name
        device.remembered = remembered_on_confirm(config)
        device.last_modified = now
        return device

    def forget(self, key: str) -> None:
        """ForgetDevice: a confirmed device goes."""
        del self.by_key[self.confirmed(key).key]

    def update_status(self, key: str, remembered: Optional[bool], now: float) -> None:
        """UpdateDeviceStatus: ``remembered`` None leaves the status as it is."""
        device = self.confirmed(key)
        if remembered is not None:
            device.remembered = remembered
        device.last_modified = now


def remembered_on_confirm(config: DeviceConfiguration) -> bool:
    """Devices are remembered at confirmation unless the user must opt in."""
    return not config.device_only_remembered_on_user_prompt
