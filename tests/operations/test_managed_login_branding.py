"""Managed login styles through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest

from pytest_cognito_idp.resources import AppClient, UserPool
from tests.conftest import error_of

SETTINGS: Dict[str, Any] = {
    "components": {"pageBackground": {"lightMode": {"color": "ffffffff"}}},
    "categories": {"global": {"colorSchemeMode": "LIGHT"}},
}
LOGO = {
    "Category": "FORM_LOGO",
    "ColorMode": "LIGHT",
    "Extension": "PNG",
    "Bytes": b"\x89PNG logo",
}


def _create(client: Any, pool: UserPool, app: AppClient, **kwargs: Any) -> Dict[str, Any]:
    created = client.create_managed_login_branding(UserPoolId=pool.id, ClientId=app.id, **kwargs)
    return created["ManagedLoginBranding"]  # type: ignore[no-any-return]


def test_create_describe_and_by_client(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    style = _create(client, cognito_pool, cognito_app_client, Settings=SETTINGS, Assets=[LOGO])
    assert re.fullmatch(r"[0-9a-f-]{36}", style["ManagedLoginBrandingId"])
    assert style["UseCognitoProvidedValues"] is False
    assert style["Settings"] == SETTINGS
    assert style["Assets"] == [LOGO]

    by_id = client.describe_managed_login_branding(
        UserPoolId=cognito_pool.id,
        ManagedLoginBrandingId=style["ManagedLoginBrandingId"],
        ReturnMergedResources=True,
    )
    by_client = client.describe_managed_login_branding_by_client(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )
    assert by_id["ManagedLoginBranding"] == by_client["ManagedLoginBranding"] == style


def test_one_style_per_client(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    _create(client, cognito_pool, cognito_app_client, UseCognitoProvidedValues=True)
    with pytest.raises(client.exceptions.ManagedLoginBrandingExistsException) as excinfo:
        _create(client, cognito_pool, cognito_app_client, Settings=SETTINGS)
    assert error_of(excinfo)[1] == (
        f"Managed login branding already exists for client {cognito_app_client.id}."
    )


def test_cognito_values_exclude_settings(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(
            client, cognito_pool, cognito_app_client, UseCognitoProvidedValues=True, Assets=[LOGO]
        )
    assert error_of(excinfo)[1] == (
        "Settings and Assets cannot be provided when UseCognitoProvidedValues is true."
    )
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_managed_login_branding_by_client(
            UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
        )


def test_duplicate_assets_are_refused(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(client, cognito_pool, cognito_app_client, Assets=[LOGO, LOGO])
    assert error_of(excinfo)[1] == "Duplicate asset for category FORM_LOGO and color mode LIGHT."


def test_update_merges_settings_and_replaces_assets(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    style = _create(client, cognito_pool, cognito_app_client, Settings=SETTINGS, Assets=[LOGO])
    dark = {**LOGO, "ColorMode": "DARK"}
    new_logo = {**LOGO, "Bytes": b"new logo"}
    updated = client.update_managed_login_branding(
        UserPoolId=cognito_pool.id,
        ManagedLoginBrandingId=style["ManagedLoginBrandingId"],
        Settings={"categories": {"global": {"colorSchemeMode": "DARK"}}},
        Assets=[new_logo, dark],
    )["ManagedLoginBranding"]
    assert updated["Settings"] == {
        "components": SETTINGS["components"],
        "categories": {"global": {"colorSchemeMode": "DARK"}},
    }
    assert updated["Assets"] == [new_logo, dark]

    reset = client.update_managed_login_branding(
        UserPoolId=cognito_pool.id,
        ManagedLoginBrandingId=style["ManagedLoginBrandingId"],
        UseCognitoProvidedValues=True,
    )["ManagedLoginBranding"]
    assert reset["UseCognitoProvidedValues"] is True
    assert reset["Settings"] == {} and reset["Assets"] == []


def test_delete_frees_the_client(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    style = _create(client, cognito_pool, cognito_app_client, UseCognitoProvidedValues=True)
    client.delete_managed_login_branding(
        UserPoolId=cognito_pool.id, ManagedLoginBrandingId=style["ManagedLoginBrandingId"]
    )
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.delete_managed_login_branding(
            UserPoolId=cognito_pool.id, ManagedLoginBrandingId=style["ManagedLoginBrandingId"]
        )
    assert error_of(excinfo)[1] == (
        f"Managed login branding {style['ManagedLoginBrandingId']} does not exist."
    )
    _create(client, cognito_pool, cognito_app_client, UseCognitoProvidedValues=True)


def test_unknown_client(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.create_managed_login_branding(UserPoolId=cognito_pool.id, ClientId="nope")
    assert error_of(excinfo)[1] == "User pool client nope does not exist."
