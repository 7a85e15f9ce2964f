"""Every public name and signature of DESIGN.md's "Public API", exercised as a user would."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import time
import urllib.request
import uuid
from typing import Any

import boto3
import botocore.session
import pytest
from botocore import UNSIGNED
from botocore.config import Config

import pytest_cognito_idp
from pytest_cognito_idp import (
    AppClient,
    Call,
    Clock,
    CognitoError,
    CognitoIdp,
    ImportJob,
    InvalidToken,
    Message,
    User,
    UserPool,
    fake_cognito_idp,
)
from tests.acceptance.conftest import error_of

UTC = dt.timezone.utc
POOL_ID = re.compile(r"^us-east-1_[0-9a-zA-Z]{9}$")
CLIENT_ID = re.compile(r"^[0-9a-z]{26}$")
JOB_ID = re.compile(r"^import-[0-9a-zA-Z]{10}$")
ALL_ALLOW_FLOWS = {
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
}


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


# --- the package ------------------------------------------------------------------------------


def test_public_names_are_exported() -> None:
    for name in (
        "CognitoIdp",
        "UserPool",
        "AppClient",
        "User",
        "ImportJob",
        "Clock",
        "Call",
        "Message",
        "fake_cognito_idp",
    ):
        assert name in pytest_cognito_idp.__all__
        assert hasattr(pytest_cognito_idp, name)
    assert isinstance(pytest_cognito_idp.__version__, str)


def test_markers_and_ini_options_are_registered(pytestconfig: pytest.Config) -> None:
    markers = "\n".join(pytestconfig.getini("markers"))
    for marker in ("cognito_pool", "cognito_clock"):
        assert re.search(rf"^{marker}\b", markers, re.M), markers
    assert pytestconfig.getini("cognito_idp_region") == "us-east-1"
    assert pytestconfig.getini("cognito_idp_real_calls") == "block"


# --- fixtures --------------------------------------------------------------------------------


def test_cognito_idp_fixture(cognito_idp: CognitoIdp) -> None:
    assert isinstance(cognito_idp, CognitoIdp)
    assert cognito_idp.region == "us-east-1"
    assert re.fullmatch(r"\d{12}", cognito_idp.account_id)
    client = cognito_idp.client()
    assert client.meta.region_name == "us-east-1"
    assert client.meta.service_model.service_name == "cognito-idp"
    assert client.list_user_pools(MaxResults=60)["UserPools"] == []
    other = cognito_idp.client(region_name="eu-west-1")
    assert other.meta.region_name == "eu-west-1"


def test_create_pool_pools_and_pool(cognito_idp: CognitoIdp) -> None:
    pool = cognito_idp.create_pool()
    assert isinstance(pool, UserPool)
    assert POOL_ID.match(pool.id)
    assert pool.name  # PoolName defaults
    named = cognito_idp.create_pool(PoolName="shop", AutoVerifiedAttributes=["email"])
    assert named.name == "shop"
    assert {p.id for p in cognito_idp.pools} == {pool.id, named.id}
    assert cognito_idp.pool(named.id).id == named.id
    described = boto3.client("cognito-idp").describe_user_pool(UserPoolId=named.id)["UserPool"]
    assert described["Name"] == "shop"
    assert described["AutoVerifiedAttributes"] == ["email"]


def test_cognito_pool_fixture(cognito_idp: CognitoIdp, cognito_pool: UserPool) -> None:
    assert isinstance(cognito_pool, UserPool)
    assert POOL_ID.match(cognito_pool.id)
    assert cognito_pool.arn == (
        f"arn:aws:cognito-idp:us-east-1:{cognito_idp.account_id}:userpool/{cognito_pool.id}"
    )
    assert cognito_pool.issuer == f"https://cognito-idp.us-east-1.amazonaws.com/{cognito_pool.id}"
    described = boto3.client("cognito-idp").describe_user_pool(UserPoolId=cognito_pool.id)
    assert described["UserPool"]["Arn"] == cognito_pool.arn
    assert described["UserPool"]["Name"] == cognito_pool.name


def test_pool_jwks_has_two_rsa_keys_and_a_working_loopback_url(cognito_pool: UserPool) -> None:
    keys = cognito_pool.jwks["keys"]
    assert len(keys) == 2
    assert len({k["kid"] for k in keys}) == 2
    for key in keys:
        assert key["kty"] == "RSA"
        assert key["alg"] == "RS256"
        assert key["use"] == "sig"
        assert key["e"] == "AQAB"
    assert cognito_pool.jwks_url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(cognito_pool.jwks_url) as response:
        assert json.loads(response.read()) == cognito_pool.jwks


@pytest.mark.cognito_pool(
    PoolName="shop",
    MfaConfiguration="OFF",
    AutoVerifiedAttributes=["email"],
    Policies={"PasswordPolicy": {"MinimumLength": 12}},
)
def test_cognito_pool_marker_passes_create_user_pool_kwargs(cognito_pool: UserPool) -> None:
    pool = boto3.client("cognito-idp").describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["Name"] == "shop"
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12


def test_cognito_app_client_fixture(cognito_pool: UserPool, cognito_app_client: AppClient) -> None:
    assert isinstance(cognito_app_client, AppClient)
    assert CLIENT_ID.match(cognito_app_client.id)
    assert cognito_app_client.secret is None
    assert cognito_app_client.pool.id == cognito_pool.id
    described = boto3.client("cognito-idp").describe_user_pool_client(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )["UserPoolClient"]
    assert "ClientSecret" not in described
    assert described["ClientName"] == cognito_app_client.name
    assert set(described["ExplicitAuthFlows"]) == ALL_ALLOW_FLOWS


def test_cognito_user_fixture(cognito_pool: UserPool, cognito_user: User) -> None:
    assert isinstance(cognito_user, User)
    assert cognito_user.status == "CONFIRMED"
    assert cognito_user.enabled is True
    assert cognito_user.password
    assert "@" in cognito_user.attributes["email"]
    assert is_uuid(cognito_user.sub)
    assert list(cognito_user.groups) == []
    got = boto3.client("cognito-idp").admin_get_user(
        UserPoolId=cognito_pool.id, Username=cognito_user.username
    )
    assert got["UserStatus"] == "CONFIRMED"
    attributes = {a["Name"]: a["Value"] for a in got["UserAttributes"]}
    assert attributes["sub"] == cognito_user.sub
    assert attributes["email"] == cognito_user.attributes["email"]
    # The known password really is the user's password.
    tokens = cognito_pool.sign_in(cognito_user.username, cognito_user.password)
    assert tokens["TokenType"] == "Bearer"


def test_import_job_fixture(cognito_pool: UserPool, import_job: ImportJob) -> None:
    assert isinstance(import_job, ImportJob)
    assert JOB_ID.match(import_job.id)
    assert import_job.pool.id == cognito_pool.id
    assert import_job.status == "Created"
    assert (import_job.imported_users, import_job.skipped_users, import_job.failed_users) == (
        0,
        0,
        0,
    )
    assert import_job.completion_message is None
    assert list(import_job.log) == []
    described = boto3.client("cognito-idp").describe_user_import_job(
        UserPoolId=cognito_pool.id, JobId=import_job.id
    )["UserImportJob"]
    assert described["Status"] == "Created"
    assert described["JobName"] == import_job.name
    assert described["PreSignedUrl"] == import_job.presigned_url
    assert "StartDate" not in described
    assert "CompletionDate" not in described
    assert "CompletionMessage" not in described


def test_cognito_clock_fixture(cognito_clock: Clock) -> None:
    assert isinstance(cognito_clock, Clock)
    start = cognito_clock.now()
    assert start.tzinfo is not None
    assert start.utcoffset() == dt.timedelta(0)
    assert abs(start.timestamp() - time.time()) < 1  # frozen at the current instant
    assert cognito_clock.now() == start  # frozen
    cognito_clock.advance(dt.timedelta(minutes=2))
    cognito_clock.advance(seconds=1, minutes=1, hours=1, days=1)
    assert cognito_clock.now() - start == dt.timedelta(days=1, hours=1, minutes=3, seconds=1)
    target = dt.datetime(2030, 1, 1, tzinfo=UTC)
    cognito_clock.move_to(target)
    assert cognito_clock.now() == target
    assert time.time() == target.timestamp()  # the code under test sees the same time
    cognito_clock.move_to("2031-02-03T04:05:06Z")
    assert cognito_clock.now() == dt.datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)


@pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
def test_cognito_clock_marker(cognito_clock: Clock, cognito_pool: UserPool) -> None:
    assert cognito_clock.now() == dt.datetime(2024, 5, 1, tzinfo=UTC)
    pool = boto3.client("cognito-idp").describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert pool["CreationDate"] == dt.datetime(2024, 5, 1, tzinfo=UTC)


def test_fake_reads_time_from_freezegun_used_directly(cognito_pool: UserPool) -> None:
    freezegun = pytest.importorskip("freezegun")
    with freezegun.freeze_time("2029-06-01T12:00:00Z"):
        user = cognito_pool.create_user("timed")
        got = boto3.client("cognito-idp").admin_get_user(
            UserPoolId=cognito_pool.id, Username=user.username
        )
    assert got["UserCreateDate"] == dt.datetime(2029, 6, 1, 12, tzinfo=UTC)


# --- CognitoIdp --------------------------------------------------------------------------------


def test_calls_record_operation_params_response_error_and_time(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    client = boto3.client("cognito-idp")
    client.describe_user_pool(UserPoolId=cognito_pool.id)
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_get_user(UserPoolId=cognito_pool.id, Username="nobody")

    ok, failed = cognito_idp.calls[-2:]
    assert isinstance(ok, Call)
    assert ok.operation == "DescribeUserPool"
    assert ok.params == {"UserPoolId": cognito_pool.id}
    assert ok.response["UserPool"]["Id"] == cognito_pool.id
    assert ok.error is None
    assert failed.operation == "AdminGetUser"
    assert failed.params == {"UserPoolId": cognito_pool.id, "Username": "nobody"}
    assert failed.response is None
    assert (failed.error.code, failed.error.message) == (
        "UserNotFoundException",
        "User does not exist.",
    )
    assert abs(_epoch(failed.at) - cognito_clock.now().timestamp()) < 1

    assert [c.operation for c in cognito_idp.get_calls("AdminGetUser")] == ["AdminGetUser"]
    assert cognito_idp.get_calls("AdminGetUser", Username="someone") == []
    assert len(cognito_idp.get_calls(UserPoolId=cognito_pool.id)) >= 2
    assert len(cognito_idp.get_calls()) == len(cognito_idp.calls)
    cognito_idp.assert_called("DescribeUserPool", UserPoolId=cognito_pool.id)
    cognito_idp.assert_called_once("AdminGetUser", Username="nobody")
    cognito_idp.assert_not_called("AdminDeleteUser")


def _epoch(at: Any) -> float:
    return at.timestamp() if isinstance(at, dt.datetime) else float(at)


def test_failing_call_assertions_list_the_recorded_calls(
    cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    client = boto3.client("cognito-idp")
    client.describe_user_pool(UserPoolId=cognito_pool.id)
    client.describe_user_pool(UserPoolId=cognito_pool.id)
    with pytest.raises(AssertionError, match="DescribeUserPool"):
        cognito_idp.assert_called("AdminGetUser")
    with pytest.raises(AssertionError, match="DescribeUserPool"):
        cognito_idp.assert_called_once("DescribeUserPool")
    with pytest.raises(AssertionError, match="DescribeUserPool"):
        cognito_idp.assert_not_called("DescribeUserPool")
    with pytest.raises(AssertionError, match="DescribeUserPool"):
        cognito_idp.assert_called("DescribeUserPool", UserPoolId="us-east-1_nothere00")


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_outbox_collects_every_message_with_the_real_destination(
    cognito_idp: CognitoIdp, cognito_app_client: AppClient
) -> None:
    client = boto3.client("cognito-idp")
    sent = client.sign_up(
        ClientId=cognito_app_client.id,
        Username="jane",
        Password="Passw0rd!",
        UserAttributes=[
            {"Name": "email", "Value": "jane@example.com"},
            {"Name": "phone_number", "Value": "+15555550100"},
        ],
    )
    message = cognito_idp.outbox.last()
    assert isinstance(message, Message)
    assert message.pool_id == cognito_app_client.pool.id
    assert message.username == "jane"
    assert message.medium == "EMAIL"
    assert message.destination == "jane@example.com"
    assert message.kind
    assert re.fullmatch(r"\d{6}", message.code)
    assert message.code in message.body
    details = sent["CodeDeliveryDetails"]
    assert details["DeliveryMedium"] == message.medium
    assert details["Destination"] != message.destination  # masked in the response
    assert cognito_idp.outbox.last(username="jane") == message
    assert cognito_idp.outbox.last(destination=message.destination) == message
    # DESIGN.md does not say what last() does when nothing matches: None or an error.
    try:
        assert cognito_idp.outbox.last(username="nobody") is None
    except LookupError:
        pass
    assert list(cognito_idp.outbox)[-1] == message


def test_inject_error_fails_the_next_calls_then_stops(
    cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    # 400 as the live service sends it: botocore's legacy retry mode does not retry it (the
    # standard mode, botocore's default today, retries it as throttling).
    client = boto3.client("cognito-idp", config=Config(retries={"mode": "legacy"}))
    cognito_idp.inject_error("DescribeUserPool", "TooManyRequestsException", times=2)
    for _ in range(2):
        with pytest.raises(client.exceptions.TooManyRequestsException) as excinfo:
            client.describe_user_pool(UserPoolId=cognito_pool.id)
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    client.describe_user_pool(UserPoolId=cognito_pool.id)
    assert len(cognito_idp.get_calls("DescribeUserPool")) == 3

    cognito_idp.inject_error("AdminGetUser", "UserNotFoundException", message="Gone fishing.")
    with pytest.raises(client.exceptions.UserNotFoundException) as excinfo:
        client.admin_get_user(UserPoolId=cognito_pool.id, Username="x")
    assert error_of(excinfo) == ("UserNotFoundException", "Gone fishing.")


def test_inject_internal_error_is_a_500(cognito_idp: CognitoIdp, cognito_pool: UserPool) -> None:
    client = cognito_idp.client(config=Config(retries={"total_max_attempts": 1}))
    cognito_idp.inject_error("DescribeUserPool", "InternalErrorException")
    with pytest.raises(client.exceptions.InternalErrorException) as excinfo:
        client.describe_user_pool(UserPoolId=cognito_pool.id)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_register_lambda_runs_the_function_for_an_arn_the_app_configured(
    cognito_idp: CognitoIdp,
) -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        events.append(event)
        event["response"]["autoConfirmUser"] = True
        return event

    cognito_idp.register_lambda(arn, handler)
    client = boto3.client("cognito-idp")
    pool_id = client.create_user_pool(PoolName="app", LambdaConfig={"PreSignUp": arn})["UserPool"][
        "Id"
    ]
    client_id = client.create_user_pool_client(UserPoolId=pool_id, ClientName="web")[
        "UserPoolClient"
    ]["ClientId"]
    result = client.sign_up(ClientId=client_id, Username="jane", Password="Passw0rd!")
    assert result["UserConfirmed"] is True
    assert events[0]["triggerSource"] == "PreSignUp_SignUp"
    assert events[0]["userPoolId"] == pool_id
    assert events[0]["userName"] == "jane"
    assert events[0]["callerContext"]["clientId"] == client_id
    assert client.admin_get_user(UserPoolId=pool_id, Username="jane")["UserStatus"] == "CONFIRMED"


def test_regions_have_their_own_state(cognito_idp: CognitoIdp) -> None:
    west = boto3.client("cognito-idp", region_name="us-west-2")
    pool_id = west.create_user_pool(PoolName="west")["UserPool"]["Id"]
    assert re.fullmatch(r"us-west-2_[0-9a-zA-Z]{9}", pool_id)
    east = boto3.client("cognito-idp", region_name="us-east-1")
    assert east.list_user_pools(MaxResults=60)["UserPools"] == []
    assert [p["Id"] for p in west.list_user_pools(MaxResults=60)["UserPools"]] == [pool_id]
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.describe_user_pool(UserPoolId=pool_id)


def test_every_kind_of_client_reaches_the_fake(
    cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    clients = [
        boto3.client("cognito-idp"),
        boto3.Session().client("cognito-idp"),
        botocore.session.get_session().create_client("cognito-idp", region_name="us-east-1"),
    ]
    for client in clients:
        response = client.describe_user_pool(UserPoolId=cognito_pool.id)
        assert response["UserPool"]["Id"] == cognito_pool.id
        assert is_uuid(response["ResponseMetadata"]["RequestId"])


def test_unsigned_operations_need_no_credentials(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    anonymous = boto3.client(
        "cognito-idp", region_name="us-east-1", config=Config(signature_version=UNSIGNED)
    )
    result = anonymous.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": cognito_user.username, "PASSWORD": cognito_user.password},
    )
    assert anonymous.get_user(AccessToken=result["AuthenticationResult"]["AccessToken"])


# --- fake_cognito_idp outside the fixtures --------------------------------------------------------


def test_fake_cognito_idp_as_a_context_manager() -> None:
    with fake_cognito_idp(region="eu-west-1") as fake:
        assert isinstance(fake, CognitoIdp)
        assert fake.region == "eu-west-1"
        pool = fake.create_pool(PoolName="shop")
        assert pool.id.startswith("eu-west-1_")
        listed = fake.client().list_user_pools(MaxResults=10)["UserPools"]
        assert [p["Id"] for p in listed] == [pool.id]
    assert fake_cognito_idp().__enter__ is not None  # a fresh one can be made again


def test_fake_cognito_idp_default_region_and_fresh_state() -> None:
    with fake_cognito_idp() as first:
        assert first.region == "us-east-1"
        first.create_pool(PoolName="one")
    with fake_cognito_idp() as second:
        assert second.pools == []


@fake_cognito_idp()
def _decorated(seen: list[Any]) -> str:
    client = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    pool_id: str = client.create_user_pool(PoolName="decorated")["UserPool"]["Id"]
    seen.append(pool_id)
    return pool_id


def test_fake_cognito_idp_as_a_decorator_adds_no_argument() -> None:
    seen: list[Any] = []
    assert _decorated(seen) == seen[0]
    assert POOL_ID.match(seen[0])


def test_fake_cognito_idp_decorates_a_unittest_style_method() -> None:
    class Case:
        @fake_cognito_idp(region="ap-southeast-2")
        def run(self) -> str:
            client = boto3.client(
                "cognito-idp",
                region_name="ap-southeast-2",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
            return str(client.create_user_pool(PoolName="p")["UserPool"]["Id"])

    assert Case().run().startswith("ap-southeast-2_")


def test_calls_are_blocked_without_a_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest

        def test_blocked():
            client = boto3.client("cognito-idp", region_name="us-east-1",
                                  aws_access_key_id="x", aws_secret_access_key="y")
            with pytest.raises(Exception) as excinfo:
                client.list_user_pools(MaxResults=1)
            assert "cognito_idp" in str(excinfo.value)
            assert type(excinfo.value).__name__ == "RealCallBlocked"
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_region_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncognito_idp_region = eu-central-1\n")
    pytester.makepyfile(
        """
        import boto3

        def test_region(cognito_idp, cognito_pool):
            assert cognito_idp.region == "eu-central-1"
            assert cognito_pool.id.startswith("eu-central-1_")
            assert boto3.client("cognito-idp").meta.region_name == "eu-central-1"
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


# --- UserPool ----------------------------------------------------------------------------------


def test_create_client_with_a_secret_and_chosen_flows(cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client(
        "server",
        generate_secret=True,
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AccessTokenValidity=10,
        TokenValidityUnits={"AccessToken": "minutes"},
    )
    assert app.name == "server"
    assert CLIENT_ID.match(app.id)
    assert app.secret
    expected = base64.b64encode(
        hmac.new(app.secret.encode(), ("jane" + app.id).encode(), hashlib.sha256).digest()
    ).decode()
    assert app.secret_hash("jane") == expected
    described = boto3.client("cognito-idp").describe_user_pool_client(
        UserPoolId=cognito_pool.id, ClientId=app.id
    )["UserPoolClient"]
    assert described["ClientSecret"] == app.secret
    assert set(described["ExplicitAuthFlows"]) == {
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    }
    assert described["AccessTokenValidity"] == 10
    default = cognito_pool.create_client()
    assert default.name == "app"
    assert default.secret is None


def test_create_user_variants(cognito_pool: UserPool) -> None:
    cognito_pool.create_group("admins")
    sam = cognito_pool.create_user(
        "sam",
        password="Sup3r-secret!",
        attributes={"email": "sam@example.com", "given_name": "Sam"},
        groups=["admins"],
    )
    assert sam.username == "sam"
    assert sam.status == "CONFIRMED"
    assert sam.password == "Sup3r-secret!"
    assert sam.attributes["given_name"] == "Sam"
    assert list(sam.groups) == ["admins"]
    assert cognito_pool.sign_in("sam", "Sup3r-secret!")["AccessToken"]

    generated = cognito_pool.create_user("gen")
    assert generated.password
    assert cognito_pool.sign_in("gen", generated.password)["IdToken"]

    for status in ("FORCE_CHANGE_PASSWORD", "UNCONFIRMED", "RESET_REQUIRED"):
        user = cognito_pool.create_user(status.lower(), status=status)
        assert user.status == status
    disabled = cognito_pool.create_user("off", enabled=False)
    assert disabled.enabled is False

    client = boto3.client("cognito-idp")
    got = client.admin_get_user(UserPoolId=cognito_pool.id, Username="off")
    assert got["Enabled"] is False
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="unconfirmed")[
        "UserStatus"
    ] == ("UNCONFIRMED")
    groups = client.admin_list_groups_for_user(UserPoolId=cognito_pool.id, Username="sam")
    assert [g["GroupName"] for g in groups["Groups"]] == ["admins"]
    assert cognito_pool.user("sam").sub == sam.sub
    assert {u.username for u in cognito_pool.users} == {
        "sam",
        "gen",
        "force_change_password",
        "unconfirmed",
        "reset_required",
        "off",
    }


def test_user_is_read_live(cognito_pool: UserPool, cognito_user: User) -> None:
    client = boto3.client("cognito-idp")
    client.admin_disable_user(UserPoolId=cognito_pool.id, Username=cognito_user.username)
    client.admin_update_user_attributes(
        UserPoolId=cognito_pool.id,
        Username=cognito_user.username,
        UserAttributes=[{"Name": "family_name", "Value": "Doe"}],
    )
    assert cognito_pool.user(cognito_user.username).enabled is False
    assert cognito_pool.user(cognito_user.username).attributes["family_name"] == "Doe"


def test_create_user_refuses_what_aws_refuses(cognito_pool: UserPool) -> None:
    with pytest.raises(Exception) as excinfo:
        cognito_pool.create_user("weak", password="short")
    assert "InvalidPasswordException" in repr(excinfo.value) or "policy" in str(excinfo.value)
    assert cognito_pool.users == []


def test_create_group(cognito_pool: UserPool) -> None:
    group = cognito_pool.create_group("admins", Precedence=1, Description="Admins")
    assert group["GroupName"] == "admins"
    got = boto3.client("cognito-idp").get_group(UserPoolId=cognito_pool.id, GroupName="admins")
    assert got["Group"]["Precedence"] == 1
    assert got["Group"]["Description"] == "Admins"


def test_trigger_decorator_and_set_trigger(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    sources: list[str] = []

    @cognito_pool.trigger("PreSignUp")
    def pre_sign_up(event: dict[str, Any], context: Any) -> dict[str, Any]:
        sources.append(event["triggerSource"])
        event["response"]["autoConfirmUser"] = True
        return event

    def post_confirmation(event: dict[str, Any], context: Any) -> dict[str, Any]:
        sources.append(event["triggerSource"])
        return event

    cognito_pool.set_trigger("PostConfirmation", post_confirmation)
    client = boto3.client("cognito-idp")
    lambda_config = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"][
        "LambdaConfig"
    ]
    assert set(lambda_config) >= {"PreSignUp", "PostConfirmation"}
    assert lambda_config["PreSignUp"].startswith("arn:aws:lambda:")
    client.sign_up(ClientId=cognito_app_client.id, Username="ann", Password="Passw0rd!")
    assert sources == ["PreSignUp_SignUp", "PostConfirmation_ConfirmSignUp"]


def test_create_import_job(cognito_pool: UserPool) -> None:
    job = cognito_pool.create_import_job()
    assert job.name == "import"
    assert job.status == "Created"
    other = cognito_pool.create_import_job(
        "nightly", role_arn="arn:aws:iam::123456789012:role/CognitoImport"
    )
    described = boto3.client("cognito-idp").describe_user_import_job(
        UserPoolId=cognito_pool.id, JobId=other.id
    )["UserImportJob"]
    assert described["JobName"] == "nightly"
    assert described["CloudWatchLogsRoleArn"] == "arn:aws:iam::123456789012:role/CognitoImport"


def test_sign_in_and_verify_token(
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    cognito_clock: Clock,
) -> None:
    tokens = cognito_pool.sign_in(
        cognito_user.username, cognito_user.password, client=cognito_app_client
    )
    assert set(tokens) >= {"AccessToken", "IdToken", "RefreshToken", "ExpiresIn", "TokenType"}
    assert tokens["ExpiresIn"] == 3600
    id_claims = cognito_pool.verify_token(tokens["IdToken"])
    assert id_claims["token_use"] == "id"
    assert id_claims["aud"] == cognito_app_client.id
    assert id_claims["sub"] == cognito_user.sub
    assert id_claims["cognito:username"] == cognito_user.username
    access_claims = cognito_pool.verify_token(tokens["AccessToken"])
    assert access_claims["token_use"] == "access"
    assert access_claims["client_id"] == cognito_app_client.id
    assert "aud" not in access_claims

    with pytest.raises(InvalidToken):
        cognito_pool.verify_token("not-a-token")
    header, payload, signature = tokens["IdToken"].split(".")
    forged = ".".join(
        [header, payload, signature[:-4] + ("AAAA" if signature[-4:] != "AAAA" else "BBBB")]
    )
    with pytest.raises(InvalidToken):
        cognito_pool.verify_token(forged)
    other = cognito_idp.create_pool()
    with pytest.raises(InvalidToken):
        other.verify_token(tokens["IdToken"])
    cognito_clock.advance(hours=1, seconds=1)
    with pytest.raises(InvalidToken, match="expired"):
        cognito_pool.verify_token(tokens["IdToken"])


def test_sign_in_raises_the_service_error(cognito_pool: UserPool, cognito_user: User) -> None:
    # The helper raises the package's CognitoError (DESIGN.md: "a refusal the service's error").
    with pytest.raises(CognitoError) as excinfo:
        cognito_pool.sign_in(cognito_user.username, "Wr0ng-password!")
    assert excinfo.value.code == "NotAuthorizedException"
    assert str(excinfo.value) == "Incorrect username or password."


# --- ImportJob ---------------------------------------------------------------------------------


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_import_job_upload_start_run(cognito_pool: UserPool, import_job: ImportJob) -> None:
    import_job.upload(
        [
            {
                "cognito:username": "jane",
                "email": "jane@example.com",
                "email_verified": True,
                "cognito:mfa_enabled": False,
            },
            {
                "cognito:username": "joe",
                "email": "joe@example.com",
                "email_verified": True,
                "cognito:mfa_enabled": False,
            },
        ]
    )
    assert import_job.run() == "Succeeded"
    assert import_job.status == "Succeeded"
    assert import_job.imported_users == 2
    assert import_job.completion_message == "Import Job Completed Successfully."
    assert list(import_job.log) == [
        "[SUCCEEDED] Line Number 2 - The import succeeded.",
        "[SUCCEEDED] Line Number 3 - The import succeeded.",
    ]
    jane = cognito_pool.user("jane")
    assert jane.status == "RESET_REQUIRED"
    assert jane.attributes["email"] == "jane@example.com"


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_import_job_upload_csv_text_and_stop(
    cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    header = boto3.client("cognito-idp").get_csv_header(UserPoolId=cognito_pool.id)["CSVHeader"]
    rows = []
    for n in range(500):
        values = dict.fromkeys(header, "")
        values.update(
            {
                "cognito:username": f"user{n}",
                "email": f"user{n}@example.com",
                "email_verified": "TRUE",
                "cognito:mfa_enabled": "FALSE",
            }
        )
        rows.append(",".join(values[h] for h in header))
    import_job.upload("\n".join([",".join(header), *rows]).encode())
    import_job.start()
    assert import_job.status == "Pending"
    import_job.stop()
    assert import_job.status in ("Stopping", "Stopped")
    cognito_clock.advance(minutes=10)
    assert import_job.status == "Stopped"
    assert import_job.completion_message == "The Import Job was stopped by the developer."


def test_import_job_run_without_the_clock_fixture(cognito_idp: CognitoIdp) -> None:
    pool = cognito_idp.create_pool(AutoVerifiedAttributes=["email"])
    job = pool.create_import_job()
    job.upload(_csv(pool, [{"cognito:username": "jane", "email": "jane@example.com"}]))
    assert job.run() == "Succeeded"
    assert pool.user("jane").status == "RESET_REQUIRED"


def _csv(pool: UserPool, users: list[dict[str, str]]) -> str:
    header = boto3.client("cognito-idp").get_csv_header(UserPoolId=pool.id)["CSVHeader"]
    lines = [",".join(header)]
    for user in users:
        values = {"email_verified": "true", "cognito:mfa_enabled": "false", **user}
        lines.append(",".join(values.get(h, "") for h in header))
    return "\n".join(lines) + "\n"
