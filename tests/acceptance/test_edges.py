"""Edges of the contract and of the service: what AWS refuses, resets or hides."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any, Dict

import boto3
import pytest
from pycognito.aws_srp import AWSSRP

from pytest_cognito_idp import (
    AppClient,
    Clock,
    CognitoIdp,
    ImportJob,
    InvalidToken,
    SignInChallenge,
    User,
    UserPool,
)
from tests.acceptance.conftest import error_of
from tests.acceptance.test_journeys import PASSWORD, attributes_of, decode, password_auth

Event = Dict[str, Any]

# Made at import time, before any fake or credentials exist (DESIGN.md: "clients created at import
# time of the code under test are covered too").
IMPORT_TIME_CLIENT = boto3.client("cognito-idp", region_name="us-east-1")


def test_a_client_made_at_import_time_reaches_the_fake(cognito_pool: UserPool) -> None:
    pool = IMPORT_TIME_CLIENT.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["Id"] == cognito_pool.id


def test_a_client_in_another_thread_reaches_the_fake(cognito_pool: UserPool) -> None:
    found: list[str] = []

    def work() -> None:
        client = boto3.session.Session().client("cognito-idp", region_name="us-east-1")
        found.append(client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]["Id"])

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert found == [cognito_pool.id]


def test_failure_report_section_lists_the_calls(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3

        def test_fails(cognito_idp, cognito_pool):
            boto3.client("cognito-idp").describe_user_pool(UserPoolId=cognito_pool.id)
            assert False
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*cognito-idp calls*", "*DescribeUserPool*"])


# --- SRP proof details ---------------------------------------------------------------------------


class ZeroPaddedDay(AWSSRP):
    """A broken SRP client: the day of the month with a leading zero."""

    @staticmethod
    def get_cognito_formatted_timestamp(input_datetime: dt.datetime) -> str:
        return input_datetime.strftime("%a %b %d %H:%M:%S UTC %Y")


@pytest.mark.cognito_clock("2024-09-03T07:13:52Z")
def test_srp_timestamp_with_a_zero_padded_day_is_refused(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User, cognito_clock: Clock
) -> None:
    client = boto3.client("cognito-idp")
    broken = ZeroPaddedDay(
        "jane", cognito_user.password, cognito_pool.id, cognito_app_client.id, client=client
    )
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        broken.authenticate_user()
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")
    good = AWSSRP(
        "jane", cognito_user.password, cognito_pool.id, cognito_app_client.id, client=client
    )
    assert good.authenticate_user()["AuthenticationResult"]


def test_srp_proof_with_a_stale_timestamp_is_refused(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User, cognito_clock: Clock
) -> None:
    client = boto3.client("cognito-idp")
    srp = AWSSRP(
        "jane", cognito_user.password, cognito_pool.id, cognito_app_client.id, client=client
    )
    params = srp.get_auth_params()
    challenge = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="USER_SRP_AUTH", AuthParameters=params
    )
    answer = srp.process_challenge(challenge["ChallengeParameters"], params)
    answer["TIMESTAMP"] = "Mon Jan 1 00:00:00 UTC 2001"
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.respond_to_auth_challenge(
            ClientId=cognito_app_client.id,
            ChallengeName="PASSWORD_VERIFIER",
            Session=challenge["Session"],
            ChallengeResponses=answer,
        )


def test_srp_a_of_zero_is_refused(cognito_app_client: AppClient, cognito_user: User) -> None:
    client = boto3.client("cognito-idp")
    n_hex = (
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E"
        "3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF"
        "5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D3"
        "9A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08"
        "CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995"
        "497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A"
        "8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A"
        "0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFC"
        "E0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
    )
    for bad in ("0", n_hex.lower()):
        with pytest.raises(client.exceptions.ClientError) as excinfo:
            client.initiate_auth(
                ClientId=cognito_app_client.id,
                AuthFlow="USER_SRP_AUTH",
                AuthParameters={"USERNAME": "jane", "SRP_A": bad},
            )
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


# --- existence errors, aliases, case -------------------------------------------------------------


def test_admin_auth_hides_unknown_users_when_enabled(cognito_pool: UserPool) -> None:
    client = boto3.client("cognito-idp")
    app = cognito_pool.create_client(
        "admin",
        explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
    )
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.admin_initiate_auth(
            UserPoolId=cognito_pool.id,
            ClientId=app.id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ghost", "PASSWORD": PASSWORD},
        )
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")
    resent = client.resend_confirmation_code(ClientId=app.id, Username="ghost")
    assert resent["CodeDeliveryDetails"]["DeliveryMedium"] in ("EMAIL", "SMS")


def test_usernames_are_case_sensitive_by_default(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_get_user(UserPoolId=cognito_pool.id, Username="JANE")
    client.admin_create_user(UserPoolId=cognito_pool.id, Username="Jane", MessageAction="SUPPRESS")
    assert {u.username for u in cognito_pool.users} == {"jane", "Jane"}


@pytest.mark.cognito_pool(UsernameConfiguration={"CaseSensitive": False})
def test_case_insensitive_pool(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="JANE")["Username"] == "jane"
    assert password_auth(client, cognito_app_client, "JaNe", cognito_user.password)
    with pytest.raises(client.exceptions.UsernameExistsException):
        client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="JANE", MessageAction="SUPPRESS"
        )


@pytest.mark.cognito_pool(AliasAttributes=["email", "preferred_username"])
def test_aliases_work_in_every_api_but_list_users(
    cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    client = boto3.client("cognito-idp")
    cognito_pool.create_user(
        "kim",
        password=PASSWORD,
        attributes={
            "email": "kim@example.com",
            "email_verified": "true",
            "preferred_username": "kimmy",
        },
    )
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="kim@example.com")[
        "Username"
    ] == ("kim")
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="kimmy")["Username"] == "kim"
    tokens = password_auth(client, cognito_app_client, "kimmy", PASSWORD)["AuthenticationResult"]
    assert decode(tokens["AccessToken"], cognito_pool)["username"] == "kim"
    # pycognito answers PASSWORD_VERIFIER with USER_ID_FOR_SRP, the internal username.
    srp = AWSSRP("kim@example.com", PASSWORD, cognito_pool.id, cognito_app_client.id, client=client)
    assert srp.authenticate_user()["AuthenticationResult"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="new@example.com", MessageAction="SUPPRESS"
        )
    # Observed text (github.com/aws-amplify/amplify-ui/issues/300).
    assert error_of(excinfo)[1] == (
        "Username cannot be of email format, since user pool is configured for email alias."
    )


# --- pools and clients ---------------------------------------------------------------------------


def test_new_pool_defaults(cognito_idp: CognitoIdp) -> None:
    client = boto3.client("cognito-idp")
    pool = client.create_user_pool(PoolName="defaults")["UserPool"]
    policy = pool["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 8
    assert policy["RequireUppercase"] and policy["RequireLowercase"]
    assert policy["RequireNumbers"] and policy["RequireSymbols"]
    assert policy["TemporaryPasswordValidityDays"] == 7
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["Arn"].endswith(f":userpool/{pool['Id']}")


def test_update_user_pool_resets_what_it_omits(cognito_idp: CognitoIdp) -> None:
    # AWS's API Reference for UpdateUserPool: parameters not given are set to their defaults.
    client = boto3.client("cognito-idp")
    pool_id = client.create_user_pool(
        PoolName="p", AutoVerifiedAttributes=["email"], UserPoolTags={"team": "a"}
    )["UserPool"]["Id"]
    client.update_user_pool(UserPoolId=pool_id, MfaConfiguration="OFF")
    pool = client.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert not pool.get("AutoVerifiedAttributes")


def test_client_without_explicit_flows(cognito_pool: UserPool, cognito_user: User) -> None:
    client = boto3.client("cognito-idp")
    app_id = client.create_user_pool_client(UserPoolId=cognito_pool.id, ClientName="plain")[
        "UserPoolClient"
    ]["ClientId"]
    described = client.describe_user_pool_client(UserPoolId=cognito_pool.id, ClientId=app_id)
    assert "ClientSecret" not in described["UserPoolClient"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.initiate_auth(
            ClientId=app_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "jane", "PASSWORD": cognito_user.password},
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    )
    srp = AWSSRP("jane", cognito_user.password, cognito_pool.id, app_id, client=client)
    assert srp.authenticate_user()["AuthenticationResult"]
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="mixed",
            ExplicitAuthFlows=["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
        )


def test_legacy_admin_no_srp_auth(cognito_pool: UserPool, cognito_user: User) -> None:
    client = boto3.client("cognito-idp")
    app = cognito_pool.create_client("old", explicit_auth_flows=["ADMIN_NO_SRP_AUTH"])
    result = client.admin_initiate_auth(
        UserPoolId=cognito_pool.id,
        ClientId=app.id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "jane", "PASSWORD": cognito_user.password},
    )
    assert result["AuthenticationResult"]["AccessToken"]


def test_deleted_pool_and_user(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
    client.admin_delete_user(UserPoolId=cognito_pool.id, Username="jane")
    with pytest.raises(client.exceptions.UserNotFoundException) as excinfo:
        client.get_user(AccessToken=tokens["AuthenticationResult"]["AccessToken"])
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")
    client.delete_user_pool(UserPoolId=cognito_pool.id)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_user_pool(UserPoolId=cognito_pool.id)
    assert error_of(excinfo)[1] == f"User pool {cognito_pool.id} does not exist."


def test_disabled_user_cannot_use_its_token(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
    client.admin_disable_user(UserPoolId=cognito_pool.id, Username="jane")
    # AdminDisableUser "revokes all access tokens for the user" (API Reference), so either text.
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.get_user(AccessToken=tokens["AuthenticationResult"]["AccessToken"])
    assert error_of(excinfo)[1] in ("User is disabled.", "Access Token has been revoked")
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.initiate_auth(
            ClientId=cognito_app_client.id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": tokens["AuthenticationResult"]["RefreshToken"]},
        )
    assert error_of(excinfo)[1] in ("User is disabled.", "Refresh Token has been revoked")


def test_admin_create_user_generates_and_sends_a_temporary_password(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    client = boto3.client("cognito-idp")
    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="zoe",
        UserAttributes=[{"Name": "email", "Value": "zoe@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    invitation = cognito_idp.outbox.last(username="zoe")
    assert invitation.destination == "zoe@example.com"
    temporary = invitation.code
    assert temporary and temporary in invitation.body
    challenge = password_auth(client, cognito_app_client, "zoe", temporary)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


# --- trigger events ------------------------------------------------------------------------------


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_trigger_event_attributes_and_sources(
    cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    events: list[Event] = []

    def record(event: Event, context: Any) -> Event:
        events.append(event)
        assert context.get_remaining_time_in_millis() > 0
        return event

    for name in ("PreSignUp", "PreAuthentication", "PostAuthentication", "PostConfirmation"):
        cognito_pool.set_trigger(name, record)
    client = boto3.client("cognito-idp")
    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="ada",
        TemporaryPassword="Temp-Passw0rd!",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
        MessageAction="SUPPRESS",
    )
    client.admin_set_user_password(
        UserPoolId=cognito_pool.id, Username="ada", Password=PASSWORD, Permanent=True
    )
    password_auth(client, cognito_app_client, "ada", PASSWORD)
    sources = [e["triggerSource"] for e in events]
    assert sources == [
        "PreSignUp_AdminCreateUser",
        "PreAuthentication_Authentication",
        "PostAuthentication_Authentication",
    ]
    attributes = events[1]["request"]["userAttributes"]
    assert attributes["email"] == "ada@example.com"
    assert attributes["cognito:user_status"] == "CONFIRMED"
    assert attributes["sub"] == cognito_pool.user("ada").sub
    assert all(isinstance(v, str) for v in attributes.values())
    assert "newDeviceUsed" in events[2]["request"]
    assert events[1]["callerContext"]["clientId"] == cognito_app_client.id


def test_register_lambda_without_a_function(cognito_idp: CognitoIdp) -> None:
    client = boto3.client("cognito-idp")
    arn = "arn:aws:lambda:us-east-1:123456789012:function:missing"
    pool_id = client.create_user_pool(PoolName="p", LambdaConfig={"PreSignUp": arn})["UserPool"][
        "Id"
    ]
    app_id = client.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"][
        "ClientId"
    ]
    with pytest.raises(client.exceptions.UnexpectedLambdaException):
        client.sign_up(ClientId=app_id, Username="x", Password=PASSWORD)
    assert client.list_users(UserPoolId=pool_id)["Users"] == []


def test_pre_token_generation_v2_changes_the_access_token(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    @cognito_pool.trigger("PreTokenGeneration", lambda_version="V2_0")
    def pre_token(event: Event, context: Any) -> Event:
        assert event["version"] == "2"
        event["response"]["claimsAndScopeOverrideDetails"] = {
            "idTokenGeneration": {"claimsToAddOrOverride": {"plan": "pro"}},
            "accessTokenGeneration": {
                "claimsToAddOrOverride": {"tenant": "acme"},
                "scopesToAdd": ["orders/read"],
            },
        }
        return event

    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
    tokens = tokens["AuthenticationResult"]
    assert decode(tokens["IdToken"], cognito_pool, cognito_app_client.id)["plan"] == "pro"
    access = decode(tokens["AccessToken"], cognito_pool)
    assert access["tenant"] == "acme"
    assert "orders/read" in access["scope"].split()


# --- import jobs ---------------------------------------------------------------------------------


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_import_job_run_moves_the_clock(
    cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    start = cognito_clock.now()
    import_job.upload(
        [
            {
                "cognito:username": "jane",
                "email": "jane@example.com",
                "email_verified": True,
                "cognito:mfa_enabled": False,
                "name": "Doe, Jane",  # a value: upload() writes the CSV
            }
        ]
    )
    assert import_job.run() == "Succeeded"
    assert cognito_clock.now() > start
    described = boto3.client("cognito-idp").describe_user_import_job(
        UserPoolId=cognito_pool.id, JobId=import_job.id
    )["UserImportJob"]
    assert described["CompletionDate"] <= cognito_clock.now()
    assert cognito_pool.user("jane").attributes["name"] == "Doe, Jane"


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_import_csv_escapes_commas_and_trims(
    cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    header = boto3.client("cognito-idp").get_csv_header(UserPoolId=cognito_pool.id)["CSVHeader"]
    values = dict.fromkeys(header, "")
    values.update(
        {
            "cognito:username": "jane",
            "email": " jane@example.com ",
            "email_verified": "TRUE",
            "cognito:mfa_enabled": "FALSE",
            "name": "Doe\\, Jane",
        }
    )
    import_job.upload(",".join(header) + "\n" + ",".join(values[h] for h in header) + "\n")
    assert import_job.run() == "Succeeded"
    attributes = cognito_pool.user("jane").attributes
    assert attributes["name"] == "Doe, Jane"
    assert attributes["email"] == "jane@example.com"


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_import_file_that_cannot_be_parsed_fails_the_job(
    cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(b"\xef\xbb\xbfnot,a,valid,header\n1,2,3,4\n")
    assert import_job.run() == "Failed"
    assert cognito_pool.users == []


def test_import_needs_an_auto_verified_attribute(
    cognito_pool: UserPool, import_job: ImportJob
) -> None:
    header = boto3.client("cognito-idp").get_csv_header(UserPoolId=cognito_pool.id)["CSVHeader"]
    row = dict.fromkeys(header, "")
    row.update({"cognito:username": "x", "email_verified": "false", "cognito:mfa_enabled": "false"})
    import_job.upload(",".join(header) + "\n" + ",".join(row[h] for h in header) + "\n")
    client = boto3.client("cognito-idp")
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        client.start_user_import_job(UserPoolId=cognito_pool.id, JobId=import_job.id)
    assert error_of(excinfo)[0] in ("PreconditionNotMetException", "InvalidParameterException")
    assert import_job.status == "Created"


def test_presigned_url_refuses_a_tampered_signature(import_job: ImportJob) -> None:
    import urllib.error
    import urllib.request

    url = import_job.presigned_url
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=" in url
    head, signature = url.split("X-Amz-Signature=")
    tampered = head + "X-Amz-Signature=" + ("0" * len(signature.split("&")[0]))
    request = urllib.request.Request(
        tampered, data=b"x", method="PUT", headers={"x-amz-server-side-encryption": "aws:kms"}
    )
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request)
    assert excinfo.value.code == 403
    assert b"<Code>" in excinfo.value.read()


# --- lists ---------------------------------------------------------------------------------------


def test_list_pools_clients_and_groups_page(cognito_idp: CognitoIdp) -> None:
    client = boto3.client("cognito-idp")
    for n in range(5):
        client.create_user_pool(PoolName=f"pool{n}")
    pools = [
        p["Name"]
        for page in client.get_paginator("list_user_pools").paginate(
            PaginationConfig={"PageSize": 2}
        )
        for p in page["UserPools"]
    ]
    assert sorted(pools) == [f"pool{n}" for n in range(5)]
    pool = cognito_idp.create_pool(PoolName="groups")
    for n in range(7):
        pool.create_group(f"g{n}")
        pool.create_client(f"c{n}")
    groups = [
        g["GroupName"]
        for page in client.get_paginator("list_groups").paginate(
            UserPoolId=pool.id, PaginationConfig={"PageSize": 3}
        )
        for g in page["Groups"]
    ]
    assert sorted(groups) == [f"g{n}" for n in range(7)]
    clients = [
        c["ClientName"]
        for page in client.get_paginator("list_user_pool_clients").paginate(
            UserPoolId=pool.id, PaginationConfig={"PageSize": 3}
        )
        for c in page["UserPoolClients"]
    ]
    assert sorted(clients) == [f"c{n}" for n in range(7)]


@pytest.mark.cognito_pool(UsernameAttributes=["email"])
def test_list_users_in_an_email_username_pool_shows_the_sub(cognito_pool: UserPool) -> None:
    client = boto3.client("cognito-idp")
    created = client.admin_create_user(
        UserPoolId=cognito_pool.id, Username="lee@example.com", MessageAction="SUPPRESS"
    )["User"]
    sub = attributes_of(created)["sub"]
    assert created["Username"] == sub
    users = client.list_users(UserPoolId=cognito_pool.id, Filter='email = "lee@example.com"')
    assert [u["Username"] for u in users["Users"]] == [sub]


# --- more of the contract ------------------------------------------------------------------------


def test_pools_have_distinct_keys(cognito_idp: CognitoIdp) -> None:
    first, second = cognito_idp.create_pool(), cognito_idp.create_pool()
    assert {k["n"] for k in first.jwks["keys"]}.isdisjoint({k["n"] for k in second.jwks["keys"]})
    assert {k["kid"] for k in first.jwks["keys"]}.isdisjoint(
        {k["kid"] for k in second.jwks["keys"]}
    )


def test_sign_in_helper_with_a_secret_client_and_a_challenge(
    cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client(
        "server",
        generate_secret=True,
        explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )
    tokens = cognito_pool.sign_in("jane", cognito_user.password, client=app)
    assert cognito_pool.verify_token(tokens["IdToken"])["aud"] == app.id
    cognito_pool.create_user("temp", password="Temp-Passw0rd!", status="FORCE_CHANGE_PASSWORD")
    with pytest.raises(SignInChallenge) as excinfo:
        cognito_pool.sign_in("temp", "Temp-Passw0rd!")
    assert excinfo.value.name == "NEW_PASSWORD_REQUIRED"
    assert excinfo.value.session


def test_verify_token_knows_about_revocation(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    tokens = cognito_pool.sign_in("jane", cognito_user.password, client=cognito_app_client)
    boto3.client("cognito-idp").global_sign_out(AccessToken=tokens["AccessToken"])
    with pytest.raises(InvalidToken, match="revoked"):
        cognito_pool.verify_token(tokens["AccessToken"])


def test_unknown_trigger_name_is_refused(cognito_pool: UserPool) -> None:
    with pytest.raises((ValueError, TypeError, KeyError)):
        cognito_pool.set_trigger("PreSignup", lambda event, context: event)


def test_marker_misuse_fails_the_test_setup(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cognito_pool(NoSuchSetting=1)
        def test_bad_pool(cognito_pool):
            # CreateUserPool has no such argument: boto3 would refuse it, so must the fixture.
            raise AssertionError("a pool was made from a misspelt CreateUserPool argument")

        @pytest.mark.cognito_clock("not a time")
        def test_bad_clock(cognito_clock):
            raise AssertionError("a clock was started at an unparseable time")

        @pytest.mark.cognito_idp(region="eu-west-1")
        def test_region(cognito_idp, cognito_pool):
            assert cognito_idp.region == "eu-west-1"
            assert cognito_pool.id.startswith("eu-west-1_")
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=2)


def test_validation_runs_before_any_lookup(cognito_idp: CognitoIdp) -> None:
    client = boto3.client("cognito-idp")
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_get_user(UserPoolId="us-east-1_nothere00", Username="x" * 129)
    assert error_of(excinfo)[1].startswith("1 validation error detected: Value at 'username'")
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.initiate_auth(
            ClientId="5cj9ag4nvskjkv0dg3sade5fd5",
            AuthFlow="NOT_A_FLOW",
            AuthParameters={"USERNAME": "x"},
        )


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_resend_replaces_the_code(cognito_idp: CognitoIdp, cognito_app_client: AppClient) -> None:
    client = boto3.client("cognito-idp")
    client.sign_up(
        ClientId=cognito_app_client.id,
        Username="jane",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
    )
    codes = [cognito_idp.outbox.last(username="jane").code]
    for _ in range(3):
        client.resend_confirmation_code(ClientId=cognito_app_client.id, Username="jane")
        codes.append(cognito_idp.outbox.last(username="jane").code)
    stale = next((c for c in codes[:-1] if c != codes[-1]), None)
    if stale is not None:
        with pytest.raises(client.exceptions.CodeMismatchException):
            client.confirm_sign_up(
                ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=stale
            )
    client.confirm_sign_up(
        ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=codes[-1]
    )


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_resend_is_capped_per_user_and_hour(cognito_app_client: AppClient) -> None:
    client = boto3.client("cognito-idp")
    client.sign_up(
        ClientId=cognito_app_client.id,
        Username="jane",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
    )
    for _ in range(5):  # ResendConfirmationCode: 5 an hour per user
        client.resend_confirmation_code(ClientId=cognito_app_client.id, Username="jane")
    with pytest.raises(client.exceptions.LimitExceededException) as excinfo:
        client.resend_confirmation_code(ClientId=cognito_app_client.id, Username="jane")
    assert error_of(excinfo) == (
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )


def test_attribute_errors(cognito_pool: UserPool, cognito_app_client: AppClient) -> None:
    client = boto3.client("cognito-idp")
    for attributes in (
        [{"Name": "phone_number", "Value": "555-1234"}],
        [{"Name": "email", "Value": "not-an-email"}],
        [{"Name": "custom:unknown", "Value": "x"}],
    ):
        with pytest.raises(client.exceptions.InvalidParameterException):
            client.sign_up(
                ClientId=cognito_app_client.id,
                Username="jane",
                Password=PASSWORD,
                UserAttributes=attributes,
            )
    assert cognito_pool.users == []


@pytest.mark.cognito_pool(
    Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}]
)
def test_required_attribute(cognito_pool: UserPool, cognito_app_client: AppClient) -> None:
    client = boto3.client("cognito-idp")
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.sign_up(ClientId=cognito_app_client.id, Username="jane", Password=PASSWORD)
    assert cognito_pool.users == []


def test_totp_preference_needs_a_verified_token(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        MfaConfiguration="OPTIONAL",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    access = password_auth(client, cognito_app_client, "jane", cognito_user.password)[
        "AuthenticationResult"
    ]["AccessToken"]
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.set_user_mfa_preference(
            AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
        )


def test_an_id_token_is_not_an_access_token(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.get_user(AccessToken=tokens["AuthenticationResult"]["IdToken"])
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.get_user(
            AccessToken="eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo"
        )


def test_tokens_of_another_pool_are_refused(
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    tokens = cognito_pool.sign_in("jane", cognito_user.password, client=cognito_app_client)
    other = cognito_idp.create_pool()
    with pytest.raises(InvalidToken):
        other.verify_token(tokens["AccessToken"])


def test_forged_tokens_are_refused(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
    access = tokens["AuthenticationResult"]["AccessToken"]
    claims = jwt.decode(access, options={"verify_signature": False})
    kid = jwt.get_unverified_header(access)["kid"]
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for forged in (
        jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": kid}),
        jwt.encode(claims, None, algorithm="none", headers={"kid": kid}),
        "abc",
    ):
        with pytest.raises(client.exceptions.NotAuthorizedException):
            client.get_user(AccessToken=forged)
    # A refresh token is revoked only by the client that got it.
    other = cognito_pool.create_client("other")
    with pytest.raises(client.exceptions.ClientError):
        client.revoke_token(Token=tokens["AuthenticationResult"]["RefreshToken"], ClientId=other.id)
    assert client.get_user(AccessToken=access)["Username"] == "jane"
