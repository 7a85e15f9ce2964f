"""Hosted UI (classic) branding through a real boto3 client."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pytest_cognito_idp.resources import AppClient, UserPool
from tests.conftest import error_of

NO_DOMAIN = "There has to be an existing domain associated with this user pool"


@pytest.fixture
def with_domain(client: Any, cognito_pool: UserPool) -> UserPool:
    client.create_user_pool_domain(Domain="branded-login", UserPoolId=cognito_pool.id)
    return cognito_pool


def test_pool_branding_applies_to_every_client(
    client: Any, with_domain: UserPool, cognito_app_client: AppClient
) -> None:
    set_ = client.set_ui_customization(
        UserPoolId=with_domain.id,
        CSS=".banner-customizable {background: red}",
        ImageFile=b"\x89PNG",
    )["UICustomization"]
    assert set_["ClientId"] == "ALL"
    assert set_["CSS"] == ".banner-customizable {background: red}"
    assert set_["ImageUrl"].endswith(
        f"/{with_domain.id}/ALL/{set_['CSSVersion']}/assets/images/image.jpg"
    )
    assert len(set_["CSSVersion"]) == 14 and set_["CSSVersion"].isdigit()
    assert isinstance(set_["CreationDate"], dt.datetime)

    got = client.get_ui_customization(UserPoolId=with_domain.id, ClientId=cognito_app_client.id)
    assert got["UICustomization"] == set_


def test_client_branding_overrides_the_pool(
    client: Any, with_domain: UserPool, cognito_app_client: AppClient
) -> None:
    client.set_ui_customization(UserPoolId=with_domain.id, CSS=".a {}")
    client.set_ui_customization(
        UserPoolId=with_domain.id, ClientId=cognito_app_client.id, CSS=".b {}"
    )
    own = client.get_ui_customization(UserPoolId=with_domain.id, ClientId=cognito_app_client.id)
    assert own["UICustomization"]["CSS"] == ".b {}"
    assert own["UICustomization"]["ClientId"] == cognito_app_client.id
    assert "ImageUrl" not in own["UICustomization"]
    pool_level = client.get_ui_customization(UserPoolId=with_domain.id)
    assert pool_level["UICustomization"]["CSS"] == ".a {}"


def test_a_new_set_replaces_and_keeps_the_creation_date(
    client: Any, with_domain: UserPool, cognito_clock: Any
) -> None:
    first = client.set_ui_customization(UserPoolId=with_domain.id, CSS=".a {}", ImageFile=b"img")
    cognito_clock.advance(minutes=1)
    second = client.set_ui_customization(UserPoolId=with_domain.id, CSS=".b {}")
    assert second["UICustomization"]["CreationDate"] == first["UICustomization"]["CreationDate"]
    assert second["UICustomization"]["LastModifiedDate"] > first["UICustomization"]["CreationDate"]
    assert "ImageUrl" not in second["UICustomization"]


def test_nothing_set_is_an_empty_object(client: Any, with_domain: UserPool) -> None:
    assert client.get_ui_customization(UserPoolId=with_domain.id)["UICustomization"] == {}


def test_a_domain_is_required(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.set_ui_customization(UserPoolId=cognito_pool.id, CSS=".a {}")
    assert error_of(excinfo) == ("InvalidParameterException", NO_DOMAIN)
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.get_ui_customization(UserPoolId=cognito_pool.id)
    assert error_of(excinfo)[1] == NO_DOMAIN


def test_unknown_client_and_pool(client: Any, with_domain: UserPool) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.set_ui_customization(UserPoolId=with_domain.id, ClientId="nope", CSS=".a {}")
    assert error_of(excinfo)[1] == "User pool client nope does not exist."
    assert client.get_ui_customization(UserPoolId=with_domain.id)["UICustomization"] == {}
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_ui_customization(UserPoolId="us-east-1_nothere1")
