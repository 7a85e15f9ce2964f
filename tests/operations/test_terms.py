"""Terms documents through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest

from pytest_cognito_idp.resources import AppClient, UserPool
from tests.conftest import error_of

LINKS = {"cognito:default": "https://example.com/terms", "cognito:french": "https://example.com/fr"}


def _create(client: Any, pool: UserPool, app: AppClient, name: str = "terms-of-use") -> Any:
    return client.create_terms(
        UserPoolId=pool.id,
        ClientId=app.id,
        TermsName=name,
        TermsSource="LINK",
        Enforcement="NONE",
        Links=LINKS,
    )["Terms"]


def test_create_describe_list_delete(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    terms = _create(client, cognito_pool, cognito_app_client)
    assert re.fullmatch(r"[0-9a-f-]{36}", terms["TermsId"])
    assert terms["ClientId"] == cognito_app_client.id and terms["Links"] == LINKS
    described = client.describe_terms(UserPoolId=cognito_pool.id, TermsId=terms["TermsId"])
    assert described["Terms"] == terms
    privacy = _create(client, cognito_pool, cognito_app_client, "privacy-policy")

    listed = client.list_terms(UserPoolId=cognito_pool.id)["Terms"]
    assert [t["TermsId"] for t in listed] == [terms["TermsId"], privacy["TermsId"]]
    assert set(listed[0]) == {
        "TermsId",
        "TermsName",
        "Enforcement",
        "CreationDate",
        "LastModifiedDate",
    }
    page = client.list_terms(UserPoolId=cognito_pool.id, MaxResults=1)
    rest = client.list_terms(UserPoolId=cognito_pool.id, NextToken=page["NextToken"])
    assert [t["TermsId"] for t in page["Terms"] + rest["Terms"]] == [
        terms["TermsId"],
        privacy["TermsId"],
    ]

    client.delete_terms(UserPoolId=cognito_pool.id, TermsId=terms["TermsId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_terms(UserPoolId=cognito_pool.id, TermsId=terms["TermsId"])
    assert error_of(excinfo)[1] == f"Terms {terms['TermsId']} does not exist."


def test_one_document_of_each_name_per_client(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    _create(client, cognito_pool, cognito_app_client)
    with pytest.raises(client.exceptions.TermsExistsException) as excinfo:
        _create(client, cognito_pool, cognito_app_client)
    assert error_of(excinfo)[1] == (
        f"Terms with name terms-of-use already exist for client {cognito_app_client.id}."
    )
    other = cognito_pool.create_client("other")
    _create(client, cognito_pool, other)
    assert len(client.list_terms(UserPoolId=cognito_pool.id)["Terms"]) == 2


def test_update_renames_and_relinks(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    terms = _create(client, cognito_pool, cognito_app_client)
    privacy = _create(client, cognito_pool, cognito_app_client, "privacy-policy")
    with pytest.raises(client.exceptions.TermsExistsException):
        client.update_terms(
            UserPoolId=cognito_pool.id, TermsId=terms["TermsId"], TermsName="privacy-policy"
        )
    client.delete_terms(UserPoolId=cognito_pool.id, TermsId=privacy["TermsId"])
    updated = client.update_terms(
        UserPoolId=cognito_pool.id,
        TermsId=terms["TermsId"],
        TermsName="privacy-policy",
        Links={"cognito:english": "https://example.com/privacy"},
    )["Terms"]
    assert updated["TermsName"] == "privacy-policy"
    assert updated["Links"] == {"cognito:english": "https://example.com/privacy"}
    assert updated["CreationDate"] == terms["CreationDate"]


BAD_LINKS: Dict[str, Any] = {
    "missing": None,
    "not https": {"cognito:default": "http://example.com/terms"},
    "not a url": {"cognito:default": "terms.html"},
}


@pytest.mark.parametrize("case", sorted(BAD_LINKS))
def test_links_must_be_https_urls(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, case: str
) -> None:
    params = {
        "UserPoolId": cognito_pool.id,
        "ClientId": cognito_app_client.id,
        "TermsName": "terms-of-use",
        "TermsSource": "LINK",
        "Enforcement": "NONE",
    }
    if BAD_LINKS[case] is not None:
        params["Links"] = BAD_LINKS[case]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_terms(**params)
    expected = (
        "Links are required when TermsSource is LINK."
        if BAD_LINKS[case] is None
        else "The link for cognito:default is not a valid https URL."
    )
    assert error_of(excinfo)[1] == expected
    assert client.list_terms(UserPoolId=cognito_pool.id)["Terms"] == []


def test_unknown_client(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.create_terms(
            UserPoolId=cognito_pool.id,
            ClientId="nope",
            TermsName="terms-of-use",
            TermsSource="LINK",
            Enforcement="NONE",
            Links=LINKS,
        )
    assert error_of(excinfo)[1] == "User pool client nope does not exist."
