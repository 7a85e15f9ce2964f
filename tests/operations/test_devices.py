"""Device tracking: NewDeviceMetadata, ConfirmDevice and the device operations."""

from __future__ import annotations

from typing import Any, Dict, Tuple

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP, generate_hash_device

from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests.conftest import error_of

pytestmark = [
    pytest.mark.cognito_pool(
        DeviceConfiguration={
            "ChallengeRequiredOnNewDevice": True,
            "DeviceOnlyRememberedOnUserPrompt": True,
        }
    ),
    pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning"),
]


def failure(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def new_device(client: Any, app: AppClient, user: User) -> Tuple[str, Dict[str, str], str]:
    """Sign in and confirm the new device: (access token, device, device password)."""
    result = client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": user.username, "PASSWORD": user.password or ""},
    )["AuthenticationResult"]
    metadata = result["NewDeviceMetadata"]
    password, verifier = generate_hash_device(metadata["DeviceGroupKey"], metadata["DeviceKey"])
    confirmed = client.confirm_device(
        AccessToken=result["AccessToken"],
        DeviceKey=metadata["DeviceKey"],
        DeviceSecretVerifierConfig=verifier,
        DeviceName="phone",
    )
    assert confirmed["UserConfirmationNecessary"] is True  # DeviceOnlyRememberedOnUserPrompt
    return result["AccessToken"], metadata, password


def attributes(device: Dict[str, Any]) -> Dict[str, str]:
    return {a["Name"]: a["Value"] for a in device["DeviceAttributes"]}


def test_device_lifecycle(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    access, metadata, _ = new_device(client, cognito_app_client, cognito_user)
    key = metadata["DeviceKey"]
    assert key.startswith("us-east-1_")

    device = client.get_device(AccessToken=access, DeviceKey=key)["Device"]
    assert attributes(device) == {
        "device_status": "valid",
        "device_name": "phone",
        "dev:device_remembered_status": "not_remembered",
    }
    client.update_device_status(
        AccessToken=access, DeviceKey=key, DeviceRememberedStatus="remembered"
    )
    listed = client.admin_list_devices(UserPoolId=cognito_pool.id, Username="jane")["Devices"]
    assert [d["DeviceKey"] for d in listed] == [key]
    assert attributes(listed[0])["dev:device_remembered_status"] == "remembered"

    client.forget_device(AccessToken=access, DeviceKey=key)
    assert client.list_devices(AccessToken=access)["Devices"] == []
    assert failure(client.get_device, AccessToken=access, DeviceKey=key) == (
        "ResourceNotFoundException",
        "Device does not exist.",
    )


def test_admin_device_operations(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    _, metadata, _ = new_device(client, cognito_app_client, cognito_user)
    key = {"UserPoolId": cognito_pool.id, "Username": "jane", "DeviceKey": metadata["DeviceKey"]}

    client.admin_update_device_status(**key, DeviceRememberedStatus="remembered")
    assert (
        attributes(client.admin_get_device(**key)["Device"])["dev:device_remembered_status"]
        == "remembered"
    )
    client.admin_forget_device(**key)
    assert failure(client.admin_get_device, **key)[0] == "ResourceNotFoundException"
    assert failure(client.admin_list_devices, UserPoolId=cognito_pool.id, Username="nobody") == (
        "UserNotFoundException",
        "User does not exist.",
    )


def test_confirm_device_rejects_unknown_and_confirmed_keys(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    access, metadata, _ = new_device(client, cognito_app_client, cognito_user)
    _, verifier = generate_hash_device(metadata["DeviceGroupKey"], metadata["DeviceKey"])

    assert failure(
        client.confirm_device,
        AccessToken=access,
        DeviceKey="us-east-1_00000000-0000-4000-8000-000000000000",
        DeviceSecretVerifierConfig=verifier,
    ) == ("InvalidParameterException", "Invalid device key given.")
    assert (
        failure(
            client.confirm_device,
            AccessToken=access,
            DeviceKey=metadata["DeviceKey"],
            DeviceSecretVerifierConfig=verifier,
        )[0]
        == "DeviceKeyExistsException"
    )


def test_list_devices_pages(client: Any, cognito_app_client: AppClient, cognito_user: User) -> None:
    keys = {new_device(client, cognito_app_client, cognito_user)[1]["DeviceKey"] for _ in range(3)}
    access = new_device(client, cognito_app_client, cognito_user)[0]
    first = client.list_devices(AccessToken=access, Limit=2)
    second = client.list_devices(
        AccessToken=access, Limit=2, PaginationToken=first["PaginationToken"]
    )

    seen = {d["DeviceKey"] for d in first["Devices"] + second["Devices"]}
    assert keys < seen and len(seen) == 4 and "PaginationToken" not in second


def test_a_remembered_device_skips_mfa(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_clock: Clock,
) -> None:
    user = cognito_pool.create_user("jane", attributes={"phone_number": "+15555551234"})
    access, metadata, device_password = new_device(client, cognito_app_client, user)
    client.update_device_status(
        AccessToken=access, DeviceKey=metadata["DeviceKey"], DeviceRememberedStatus="remembered"
    )
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, MfaConfiguration="ON", SmsMfaConfiguration={}
    )
    signer = AWSSRP(
        "jane",
        user.password,
        cognito_pool.id,
        cognito_app_client.id,
        client=client,
        device_key=metadata["DeviceKey"],
        device_group_key=metadata["DeviceGroupKey"],
        device_password=device_password,
    )
    assert "AccessToken" in signer.authenticate_user()["AuthenticationResult"]

    client.update_device_status(
        AccessToken=access, DeviceKey=metadata["DeviceKey"], DeviceRememberedStatus="not_remembered"
    )
    # pycognito hands the device verifier's answer back as it is: now an MFA challenge.
    assert signer.authenticate_user()["ChallengeName"] == "SMS_MFA"
