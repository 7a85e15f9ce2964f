"""Client ID metadata document policies and their cached documents through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp, UserPool
from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.backend.oauth import cimd
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient
from tests.conftest import error_of

pytestmark = pytest.mark.skipif(
    "CreateCIMDPolicy" not in service_model().operation_names,
    reason="this botocore's model has no CIMD policies",
)

PATTERNS = ["https://*.agents.example.com/client.json"]
URL = "https://one.agents.example.com/client.json"
DAY = 86400


def failure(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def create(client: Any, pool: UserPool, app: AppClient, **extra: Any) -> Any:
    return client.create_cimd_policy(
        UserPoolId=pool.id, ClientId=app.id, PolicyName="agents", URLPatterns=PATTERNS, **extra
    )["CIMDPolicy"]


def test_create_describe_update_list_delete(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    policy = create(client, cognito_pool, cognito_app_client)
    assert policy["UserPoolId"] == cognito_pool.id and policy["ClientId"] == cognito_app_client.id
    assert policy["CacheDuration"] == DAY  # the documented default
    assert policy["URLPatterns"] == PATTERNS and policy["PolicyName"] == "agents"
    got = client.describe_cimd_policy(
        UserPoolId=cognito_pool.id, CIMDPolicyId=policy["CIMDPolicyId"]
    )
    assert got["CIMDPolicy"] == policy

    other = cognito_pool.create_client("other")
    updated = client.update_cimd_policy(
        UserPoolId=cognito_pool.id,
        CIMDPolicyId=policy["CIMDPolicyId"],
        ClientId=other.id,
        URLPatterns=["https://tools.example.com/*"],
    )["CIMDPolicy"]
    # Omitted name and cache duration are kept (documented).
    assert (updated["ClientId"], updated["PolicyName"], updated["CacheDuration"]) == (
        other.id,
        "agents",
        DAY,
    )
    second = create(client, cognito_pool, cognito_app_client, CacheDuration=2 * DAY)
    listed = client.list_cimd_policies(UserPoolId=cognito_pool.id)["CIMDPolicies"]
    assert [p["CIMDPolicyId"] for p in listed] == [policy["CIMDPolicyId"], second["CIMDPolicyId"]]
    assert "URLPatterns" not in listed[0]
    first = client.list_cimd_policies(UserPoolId=cognito_pool.id, MaxResults=1)
    rest = client.list_cimd_policies(UserPoolId=cognito_pool.id, NextToken=first["NextToken"])
    assert [p["CIMDPolicyId"] for p in first["CIMDPolicies"] + rest["CIMDPolicies"]] == [
        p["CIMDPolicyId"] for p in listed
    ]

    client.delete_cimd_policy(UserPoolId=cognito_pool.id, CIMDPolicyId=policy["CIMDPolicyId"])
    assert failure(
        client.describe_cimd_policy, UserPoolId=cognito_pool.id, CIMDPolicyId=policy["CIMDPolicyId"]
    ) == ("ResourceNotFoundException", f"CIMD policy {policy['CIMDPolicyId']} does not exist.")


def test_client_id_omitted_once_the_app_client_is_gone(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client("doomed")
    policy = create(client, cognito_pool, app)
    client.delete_user_pool_client(UserPoolId=cognito_pool.id, ClientId=app.id)
    got = client.describe_cimd_policy(
        UserPoolId=cognito_pool.id, CIMDPolicyId=policy["CIMDPolicyId"]
    )
    assert "ClientId" not in got["CIMDPolicy"]


def test_unknown_client_and_lite_plan_are_refused(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool
) -> None:
    assert failure(
        client.create_cimd_policy,
        UserPoolId=cognito_pool.id,
        ClientId="nosuchclient",
        PolicyName="x",
        URLPatterns=PATTERNS,
    ) == ("ResourceNotFoundException", "User pool client nosuchclient does not exist.")
    lite = cognito_idp.create_pool(UserPoolTier="LITE")
    app = lite.create_client()
    assert failure(
        client.create_cimd_policy,
        UserPoolId=lite.id,
        ClientId=app.id,
        PolicyName="x",
        URLPatterns=PATTERNS,
    ) == (
        "FeatureUnavailableInTierException",
        "Client ID metadata documents are not available in the LITE tier of user pools.",
    )
    assert client.list_cimd_policies(UserPoolId=lite.id)["CIMDPolicies"] == []


@pytest.mark.cognito_clock("2025-03-01T00:00:00Z")
def test_received_urls_are_cached_refreshed_and_invalidated(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_clock: Clock
) -> None:
    policy = create(client, cognito_pool, cognito_app_client, CacheDuration=3 * DAY)
    policy_id = policy["CIMDPolicyId"]
    state = cognito_pool._state
    start = cognito_clock.now()
    # What /oauth2/authorize does with a client_id URL: only matching URLs are cached.
    assert cimd.receive(state, "https://evil.example.org/client.json", start.timestamp()) is None
    assert cimd.receive(state, "https://a/b.agents.example.com/client.json", 0) is None
    found = cimd.receive(state, URL, start.timestamp())
    assert found is not None and found.id == policy_id
    listed = client.list_client_metadata_urls(UserPoolId=cognito_pool.id, CIMDPolicyId=policy_id)
    (entry,) = listed["ClientMetadataURLs"]
    assert entry["URL"] == URL and entry["CachedDate"] == start
    assert (entry["ExpirationDate"] - start).total_seconds() == 3 * DAY

    cognito_clock.advance(hours=1)
    client.update_client_metadata_url_state(
        UserPoolId=cognito_pool.id, CIMDPolicyId=policy_id, URL=URL, Action="REFRESH"
    )
    (entry,) = client.list_client_metadata_urls(UserPoolId=cognito_pool.id, CIMDPolicyId=policy_id)[
        "ClientMetadataURLs"
    ]
    assert entry["CachedDate"] == cognito_clock.now()

    client.update_client_metadata_url_state(
        UserPoolId=cognito_pool.id, CIMDPolicyId=policy_id, URL=URL, Action="INVALIDATE"
    )
    (entry,) = client.list_client_metadata_urls(UserPoolId=cognito_pool.id, CIMDPolicyId=policy_id)[
        "ClientMetadataURLs"
    ]
    assert entry == {"URL": URL}
    for action in ("REFRESH", "INVALIDATE"):
        assert failure(
            client.update_client_metadata_url_state,
            UserPoolId=cognito_pool.id,
            CIMDPolicyId=policy_id,
            URL=URL,
            Action=action,
        ) == (
            "CachedCIMDURLDoesNotExistException",
            f"No cached client metadata document exists for URL {URL}.",
        )
    # The document's own max-age wins when it lies between a day and a year (documented).
    cimd.receive(state, URL, start.timestamp(), max_age=2 * DAY)
    (entry,) = client.list_client_metadata_urls(UserPoolId=cognito_pool.id, CIMDPolicyId=policy_id)[
        "ClientMetadataURLs"
    ]
    assert (entry["ExpirationDate"] - entry["CachedDate"]).total_seconds() == 2 * DAY
