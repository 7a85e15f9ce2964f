"""PreAuthentication, PostAuthentication and PreTokenGeneration around the sign-in flows."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from pycognito.aws_srp import AWSSRP

from tests.conftest import error_of

PASSWORD = "Passw0rd!"


def responding(**response: Any) -> Any:
    def handler(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        event["response"].update(response)
        return event

    return handler


def events(cognito_idp: Any, trigger: str) -> List[Dict[str, Any]]:
    return [c.event for c in cognito_idp.trigger_calls if c.trigger == trigger]


def password_auth(client: Any, app: Any, password: str = PASSWORD, **kwargs: Any) -> Any:
    return client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "jane", "PASSWORD": password},
        **kwargs,
    )


@pytest.fixture
def jane(cognito_pool: Any) -> Any:
    return cognito_pool.create_user(
        "jane", PASSWORD, attributes={"email": "jane@example.com", "email_verified": "true"}
    )


# -- PreAuthentication ---------------------------------------------------------------------------


def test_pre_authentication_event(cognito_idp, client, cognito_app_client, jane):
    cognito_app_client.pool.set_trigger("PreAuthentication", responding())

    password_auth(client, cognito_app_client, ClientMetadata={"ip": "10.0.0.1"})

    (event,) = events(cognito_idp, "PreAuthentication")
    assert event["triggerSource"] == "PreAuthentication_Authentication"
    assert event["userName"] == "jane"
    assert event["callerContext"]["clientId"] == cognito_app_client.id
    assert event["request"] == {
        "userAttributes": {
            "sub": jane.sub,
            "email": "jane@example.com",
            "email_verified": "true",
            "cognito:user_status": "CONFIRMED",
        },
        "validationData": {"ip": "10.0.0.1"},
    }


def test_a_refusal_wins_over_a_wrong_password(cognito_idp, client, cognito_app_client, jane):
    def refuse(event, context):
        raise Exception("Invalid Credentials")

    cognito_app_client.pool.set_trigger("PreAuthentication", refuse)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        password_auth(client, cognito_app_client, password="wrong")

    assert error_of(excinfo)[1] == "PreAuthentication failed with error Invalid Credentials."
    assert cognito_app_client.pool.user("jane")._state.failed_sign_ins == 0


def test_pre_authentication_runs_before_srp(cognito_idp, client, cognito_app_client, jane):
    cognito_app_client.pool.set_trigger("PreAuthentication", responding())
    srp = AWSSRP("jane", PASSWORD, cognito_app_client.pool.id, cognito_app_client.id, client=client)

    client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters=srp.get_auth_params(),
    )

    assert len(events(cognito_idp, "PreAuthentication")) == 1


def test_unknown_users_reach_pre_authentication_when_the_client_hides_them(
    cognito_idp, client, cognito_pool
):
    app = cognito_pool.create_client(
        "app",
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
    )
    cognito_pool.set_trigger("PreAuthentication", responding())

    with pytest.raises(client.exceptions.NotAuthorizedException):
        password_auth(client, app)

    (event,) = events(cognito_idp, "PreAuthentication")
    assert event["userName"] == "jane"
    assert event["request"] == {"userAttributes": {}, "userNotFound": True}


def test_unknown_users_fail_before_pre_authentication_otherwise(
    cognito_idp, client, cognito_app_client
):
    cognito_app_client.pool.set_trigger("PreAuthentication", responding())

    with pytest.raises(client.exceptions.UserNotFoundException):
        password_auth(client, cognito_app_client)

    assert cognito_idp.trigger_calls == []


# -- PostAuthentication --------------------------------------------------------------------------


def test_post_authentication_event(cognito_idp, client, cognito_app_client, jane):
    cognito_app_client.pool.set_trigger("PostAuthentication", responding())

    password_auth(client, cognito_app_client)

    (event,) = events(cognito_idp, "PostAuthentication")
    assert event["triggerSource"] == "PostAuthentication_Authentication"
    assert event["request"]["newDeviceUsed"] is False
    assert event["request"]["userAttributes"]["sub"] == jane.sub
    assert "clientMetadata" not in event["request"]


def test_a_failing_post_authentication_issues_no_tokens(
    cognito_idp, client, cognito_app_client, jane
):
    def fail(event, context):
        raise Exception("audit log unavailable")

    cognito_app_client.pool.set_trigger("PostAuthentication", fail)

    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        password_auth(client, cognito_app_client)

    assert error_of(excinfo)[1] == "PostAuthentication failed with error audit log unavailable."
    assert jane._state.tokens.sessions == {}


def test_respond_to_auth_challenge_metadata_reaches_post_authentication(
    cognito_idp, client, cognito_pool, cognito_app_client
):
    app = cognito_app_client
    cognito_pool.create_user("jane", "Temp0rary!", status="FORCE_CHANGE_PASSWORD")
    cognito_pool.set_trigger("PostAuthentication", responding())
    started = client.admin_initiate_auth(
        UserPoolId=cognito_pool.id,
        ClientId=app.id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "jane", "PASSWORD": "Temp0rary!"},
    )

    client.admin_respond_to_auth_challenge(
        UserPoolId=cognito_pool.id,
        ClientId=app.id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "jane", "NEW_PASSWORD": PASSWORD},
        ClientMetadata={"step": "new-password"},
    )

    (event,) = events(cognito_idp, "PostAuthentication")
    assert event["request"]["clientMetadata"] == {"step": "new-password"}


# -- PreTokenGeneration --------------------------------------------------------------------------


def claims_of(cognito_pool: Any, result: Dict[str, Any]) -> Any:
    tokens = result["AuthenticationResult"]
    return cognito_pool.verify_token(tokens["IdToken"]), cognito_pool.verify_token(
        tokens["AccessToken"]
    )


def test_v1_event_and_claims(cognito_idp, client, cognito_app_client, jane):
    pool = cognito_app_client.pool
    pool.create_group("admins", Precedence=1, RoleArn="arn:aws:iam::123456789012:role/admin")
    client.admin_add_user_to_group(UserPoolId=pool.id, Username="jane", GroupName="admins")
    pool.set_trigger(
        "PreTokenGeneration",
        responding(
            claimsOverrideDetails={
                "claimsToAddOrOverride": {"tier": "gold", "email": "x@example.com", "sub": "no"},
                "claimsToSuppress": ["email", "aud"],
            }
        ),
    )

    id_claims, access_claims = claims_of(pool, password_auth(client, cognito_app_client))

    (event,) = events(cognito_idp, "PreTokenGeneration")
    assert event["version"] == "1"
    assert event["triggerSource"] == "TokenGeneration_Authentication"
    assert event["request"]["groupConfiguration"] == {
        "groupsToOverride": ["admins"],
        "iamRolesToOverride": ["arn:aws:iam::123456789012:role/admin"],
        "preferredRole": "arn:aws:iam::123456789012:role/admin",
    }
    assert event["response"] == {"claimsOverrideDetails": None}
    assert id_claims["tier"] == "gold"
    assert "email" not in id_claims  # suppression wins over override
    assert id_claims["sub"] == jane.sub  # protected claims stay
    assert id_claims["aud"] == cognito_app_client.id
    assert "tier" not in access_claims  # V1 leaves the access token alone


def test_v1_group_override_replaces_the_groups_in_both_tokens(client, cognito_app_client, jane):
    pool = cognito_app_client.pool
    pool.create_group("staff")
    client.admin_add_user_to_group(UserPoolId=pool.id, Username="jane", GroupName="staff")
    pool.set_trigger(
        "PreTokenGeneration",
        responding(
            claimsOverrideDetails={
                "groupOverrideDetails": {
                    "groupsToOverride": ["a", "b"],
                    "iamRolesToOverride": ["arn:aws:iam::123456789012:role/r"],
                    "preferredRole": "arn:aws:iam::123456789012:role/r",
                }
            }
        ),
    )

    id_claims, access_claims = claims_of(pool, password_auth(client, cognito_app_client))

    assert id_claims["cognito:groups"] == ["a", "b"]
    assert access_claims["cognito:groups"] == ["a", "b"]
    assert id_claims["cognito:roles"] == ["arn:aws:iam::123456789012:role/r"]
    assert id_claims["cognito:preferred_role"] == "arn:aws:iam::123456789012:role/r"


def test_v1_null_group_override_removes_the_groups(client, cognito_app_client, jane):
    pool = cognito_app_client.pool
    pool.create_group("staff")
    client.admin_add_user_to_group(UserPoolId=pool.id, Username="jane", GroupName="staff")
    pool.set_trigger(
        "PreTokenGeneration", responding(claimsOverrideDetails={"groupOverrideDetails": None})
    )

    id_claims, access_claims = claims_of(pool, password_auth(client, cognito_app_client))

    assert "cognito:groups" not in id_claims
    assert "cognito:groups" not in access_claims


def test_v2_customises_both_tokens_and_scopes(cognito_idp, client, cognito_app_client, jane):
    pool = cognito_app_client.pool
    pool.set_trigger(
        "PreTokenGeneration",
        responding(
            claimsAndScopeOverrideDetails={
                "idTokenGeneration": {
                    "claimsToAddOrOverride": {"plan": {"name": "pro", "seats": 3}},
                    "claimsToSuppress": ["email_verified"],
                },
                "accessTokenGeneration": {
                    "claimsToAddOrOverride": {"roles": ["reader"], "client_id": "forged"},
                    "scopesToAdd": ["orders/read", "orders/write"],
                    "scopesToSuppress": ["orders/write"],
                },
            }
        ),
        lambda_version="V2_0",
    )

    id_claims, access_claims = claims_of(pool, password_auth(client, cognito_app_client))

    (event,) = events(cognito_idp, "PreTokenGeneration")
    assert event["version"] == "2"
    assert event["request"]["scopes"] == ["aws.cognito.signin.user.admin"]
    assert event["response"] == {"claimsAndScopeOverrideDetails": None}
    assert id_claims["plan"] == {"name": "pro", "seats": 3}
    assert "email_verified" not in id_claims
    assert access_claims["roles"] == ["reader"]
    assert access_claims["client_id"] == cognito_app_client.id
    assert access_claims["scope"] == "aws.cognito.signin.user.admin orders/read"


def test_v1_values_must_be_strings(client, cognito_app_client, jane):
    cognito_app_client.pool.set_trigger(
        "PreTokenGeneration",
        responding(claimsOverrideDetails={"claimsToAddOrOverride": {"plan": {"name": "pro"}}}),
    )

    with pytest.raises(client.exceptions.InvalidLambdaResponseException) as excinfo:
        password_auth(client, cognito_app_client)

    assert error_of(excinfo)[1] == "Unrecognizable lambda output"
    assert jane._state.tokens.sessions == {}


def test_new_password_challenge_source(cognito_idp, client, cognito_pool, cognito_app_client):
    app = cognito_app_client
    cognito_pool.create_user("jane", "Temp0rary!", status="FORCE_CHANGE_PASSWORD")
    cognito_pool.set_trigger("PreTokenGeneration", responding())
    started = client.admin_initiate_auth(
        UserPoolId=cognito_pool.id,
        ClientId=app.id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "jane", "PASSWORD": "Temp0rary!"},
    )

    client.admin_respond_to_auth_challenge(
        UserPoolId=cognito_pool.id,
        ClientId=app.id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "jane", "NEW_PASSWORD": PASSWORD},
    )

    (event,) = events(cognito_idp, "PreTokenGeneration")
    assert event["triggerSource"] == "TokenGeneration_NewPasswordChallenge"


def test_refresh_source_and_claims(cognito_idp, client, cognito_app_client, jane):
    pool = cognito_app_client.pool
    signed_in = password_auth(client, cognito_app_client)["AuthenticationResult"]
    pool.set_trigger(
        "PreTokenGeneration",
        responding(claimsOverrideDetails={"claimsToAddOrOverride": {"refreshed": "yes"}}),
    )

    refreshed = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": signed_in["RefreshToken"]},
        ClientMetadata={"ignored": "yes"},
    )

    (event,) = events(cognito_idp, "PreTokenGeneration")
    assert event["triggerSource"] == "TokenGeneration_RefreshTokens"
    assert "clientMetadata" not in event["request"]
    assert pool.verify_token(refreshed["AuthenticationResult"]["IdToken"])["refreshed"] == "yes"


def test_get_tokens_from_refresh_token_runs_it_with_client_metadata(
    cognito_idp, client, cognito_app_client, jane
):
    signed_in = password_auth(client, cognito_app_client)["AuthenticationResult"]
    cognito_app_client.pool.set_trigger("PreTokenGeneration", responding())

    client.get_tokens_from_refresh_token(
        ClientId=cognito_app_client.id,
        RefreshToken=signed_in["RefreshToken"],
        ClientMetadata={"from": "refresh"},
    )

    (event,) = events(cognito_idp, "PreTokenGeneration")
    assert event["triggerSource"] == "TokenGeneration_RefreshTokens"
    assert event["request"]["clientMetadata"] == {"from": "refresh"}


def test_a_bad_refresh_token_fails_before_the_trigger(cognito_idp, client, cognito_app_client):
    cognito_app_client.pool.set_trigger("PreTokenGeneration", responding())

    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.initiate_auth(
            ClientId=cognito_app_client.id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": "not-a-token"},
        )

    assert cognito_idp.trigger_calls == []


def test_the_order_of_a_sign_in(cognito_idp, client, cognito_app_client, jane):
    pool = cognito_app_client.pool
    for name in ("PreAuthentication", "PostAuthentication", "PreTokenGeneration"):
        pool.set_trigger(name, responding())

    password_auth(client, cognito_app_client)

    assert [c.trigger for c in cognito_idp.trigger_calls] == [
        "PreAuthentication",
        "PostAuthentication",
        "PreTokenGeneration",
    ]
