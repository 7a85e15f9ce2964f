"""More journeys: devices, SMS MFA, attribute changes, migration, token details, JWKS clients."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any, Dict

import boto3
import jwt
import pytest
import requests
from pycognito.aws_srp import AWSSRP, generate_hash_device

from pytest_cognito_idp import AppClient, Clock, CognitoIdp, User, UserPool
from tests.acceptance.conftest import error_of
from tests.acceptance.test_journeys import PASSWORD, attributes_of, decode, jwks_url, password_auth

Event = Dict[str, Any]


def b64url_json(segment: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    return data


# --- tokens and JWKS --------------------------------------------------------------------------


def test_token_shapes(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
    tokens = tokens["AuthenticationResult"]
    kids = {key["kid"] for key in cognito_pool.jwks["keys"]}
    for name in ("IdToken", "AccessToken"):
        header = jwt.get_unverified_header(tokens[name])
        assert header["alg"] == "RS256"
        assert header["kid"] in kids
    refresh = tokens["RefreshToken"].split(".")
    assert len(refresh) == 5
    assert b64url_json(refresh[0]) == {"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}
    claims = decode(tokens["IdToken"], cognito_pool, audience=cognito_app_client.id)
    assert uuid.UUID(claims["event_id"])
    assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{cognito_pool.id}"
    access = decode(tokens["AccessToken"], cognito_pool)
    assert access["jti"] != claims["jti"]
    assert access["origin_jti"] == claims["origin_jti"]


def test_jwks_and_openid_configuration_through_requests(cognito_pool: UserPool) -> None:
    response = requests.get(jwks_url(cognito_pool), timeout=5)
    assert response.status_code == 200
    assert response.json() == cognito_pool.jwks
    issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{cognito_pool.id}"
    config = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
    assert config["issuer"] == issuer
    assert config["jwks_uri"] == jwks_url(cognito_pool)


def test_jwks_of_another_region(cognito_idp: CognitoIdp) -> None:
    west = boto3.client("cognito-idp", region_name="eu-west-1")
    pool_id = west.create_user_pool(PoolName="west")["UserPool"]["Id"]
    url = f"https://cognito-idp.eu-west-1.amazonaws.com/{pool_id}/.well-known/jwks.json"
    keys = requests.get(url, timeout=5).json()["keys"]
    assert len(keys) == 2


@pytest.mark.cognito_pool(
    Schema=[
        {"Name": "tier", "AttributeDataType": "String"},
        {"Name": "age", "AttributeDataType": "Number"},
    ]
)
def test_custom_attributes_groups_and_roles_in_tokens(cognito_pool: UserPool) -> None:
    client = boto3.client("cognito-idp")
    role = "arn:aws:iam::123456789012:role/Admins"
    cognito_pool.create_group("admins", Precedence=1, RoleArn=role)
    cognito_pool.create_group("readers", Precedence=5)
    app = cognito_pool.create_client(
        "short",
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AccessTokenValidity=5,
        IdTokenValidity=10,
        TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes"},
    )
    cognito_pool.create_user(
        "ann",
        password=PASSWORD,
        attributes={"custom:tier": "gold", "custom:age": "42"},
        groups=["admins", "readers"],
    )
    tokens = password_auth(client, app, "ann", PASSWORD)["AuthenticationResult"]
    assert tokens["ExpiresIn"] == 300
    id_claims = decode(tokens["IdToken"], cognito_pool, audience=app.id)
    assert id_claims["custom:tier"] == "gold"
    assert id_claims["custom:age"] == "42"  # custom values are always strings
    assert id_claims["exp"] - id_claims["iat"] == 600
    assert sorted(id_claims["cognito:groups"]) == ["admins", "readers"]
    assert id_claims["cognito:preferred_role"] == role
    assert id_claims["cognito:roles"] == [role]
    access = decode(tokens["AccessToken"], cognito_pool)
    assert access["exp"] - access["iat"] == 300
    assert sorted(access["cognito:groups"]) == ["admins", "readers"]
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="too-short",
            AccessTokenValidity=4,
            TokenValidityUnits={"AccessToken": "minutes"},
        )


def test_time_machine_used_directly(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    time_machine = pytest.importorskip("time_machine")
    client = boto3.client("cognito-idp")
    with time_machine.travel("2030-01-01T00:00:00Z", tick=False) as traveller:
        tokens = password_auth(client, cognito_app_client, "jane", cognito_user.password)
        access = tokens["AuthenticationResult"]["AccessToken"]
        assert jwt.decode(access, options={"verify_signature": False})["iat"] == 1893456000
        traveller.shift(3601)
        with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
            client.get_user(AccessToken=access)
        assert error_of(excinfo) == ("NotAuthorizedException", "Access Token has expired")


# --- devices -----------------------------------------------------------------------------------


@pytest.mark.cognito_pool(
    DeviceConfiguration={
        "ChallengeRequiredOnNewDevice": True,
        "DeviceOnlyRememberedOnUserPrompt": False,
    }
)
def test_remembered_device_signs_in_with_device_srp(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    srp = AWSSRP(
        "jane", cognito_user.password, cognito_pool.id, cognito_app_client.id, client=client
    )
    first = srp.authenticate_user()
    metadata = first["AuthenticationResult"]["NewDeviceMetadata"]
    assert metadata["DeviceKey"].startswith("us-east-1_")
    device_password, verifier = generate_hash_device(
        metadata["DeviceGroupKey"], metadata["DeviceKey"]
    )
    confirmed = client.confirm_device(
        AccessToken=first["AuthenticationResult"]["AccessToken"],
        DeviceKey=metadata["DeviceKey"],
        DeviceSecretVerifierConfig=verifier,
        DeviceName="laptop",
    )
    assert confirmed["UserConfirmationNecessary"] is False
    devices = client.admin_list_devices(UserPoolId=cognito_pool.id, Username="jane")["Devices"]
    assert [d["DeviceKey"] for d in devices] == [metadata["DeviceKey"]]
    names = {a["Name"]: a["Value"] for a in devices[0]["DeviceAttributes"]}
    assert names["device_name"] == "laptop"

    remembered = AWSSRP(
        "jane",
        cognito_user.password,
        cognito_pool.id,
        cognito_app_client.id,
        client=client,
        device_key=metadata["DeviceKey"],
        device_group_key=metadata["DeviceGroupKey"],
        device_password=device_password,
    )
    result = remembered.authenticate_user()["AuthenticationResult"]
    assert "NewDeviceMetadata" not in result
    assert decode(result["AccessToken"], cognito_pool)["device_key"] == metadata["DeviceKey"]

    wrong = AWSSRP(
        "jane",
        cognito_user.password,
        cognito_pool.id,
        cognito_app_client.id,
        client=client,
        device_key=metadata["DeviceKey"],
        device_group_key=metadata["DeviceGroupKey"],
        device_password="not-the-device-password",
    )
    with pytest.raises(client.exceptions.NotAuthorizedException):
        wrong.authenticate_user()


# --- SMS MFA -----------------------------------------------------------------------------------


@pytest.mark.cognito_pool(
    SmsConfiguration={"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"},
)
def test_sms_mfa(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    client = boto3.client("cognito-idp")
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={
            "SmsConfiguration": {
                "SnsCallerArn": "arn:aws:iam::123456789012:role/sns",
                "ExternalId": "x",
            }
        },
    )
    cognito_pool.create_user(
        "pat",
        password=PASSWORD,
        attributes={"phone_number": "+15555550123", "phone_number_verified": "true"},
    )
    client.admin_set_user_mfa_preference(
        UserPoolId=cognito_pool.id,
        Username="pat",
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    challenge = password_auth(client, cognito_app_client, "pat", PASSWORD)
    assert challenge["ChallengeName"] == "SMS_MFA"
    parameters = challenge["ChallengeParameters"]
    assert parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    assert parameters["CODE_DELIVERY_DESTINATION"].endswith("0123")
    assert "555555" not in parameters["CODE_DELIVERY_DESTINATION"]
    message = cognito_idp.outbox.last(username="pat")
    assert (message.medium, message.destination) == ("SMS", "+15555550123")
    wrong = "000000" if message.code != "000000" else "111111"
    with pytest.raises(client.exceptions.CodeMismatchException):
        client.respond_to_auth_challenge(
            ClientId=cognito_app_client.id,
            ChallengeName="SMS_MFA",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "pat", "SMS_MFA_CODE": wrong},
        )
    challenge = password_auth(client, cognito_app_client, "pat", PASSWORD)
    code = cognito_idp.outbox.last(username="pat").code
    result = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="SMS_MFA",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "pat", "SMS_MFA_CODE": code},
    )
    assert result["AuthenticationResult"]["IdToken"]


# --- self-service attribute and password changes ------------------------------------------------


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_change_email_verify_change_password_delete_user(
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    client = boto3.client("cognito-idp")
    password = cognito_user.password
    access = password_auth(client, cognito_app_client, "jane", password)["AuthenticationResult"][
        "AccessToken"
    ]
    updated = client.update_user_attributes(
        AccessToken=access, UserAttributes=[{"Name": "email", "Value": "new@example.com"}]
    )
    assert updated["CodeDeliveryDetailsList"][0]["AttributeName"] == "email"
    assert updated["CodeDeliveryDetailsList"][0]["DeliveryMedium"] == "EMAIL"
    message = cognito_idp.outbox.last(username="jane")
    assert message.destination == "new@example.com"
    me = attributes_of(client.get_user(AccessToken=access))
    assert me["email"] == "new@example.com"
    assert me["email_verified"] == "false"
    wrong = "000000" if message.code != "000000" else "111111"
    with pytest.raises(client.exceptions.CodeMismatchException):
        client.verify_user_attribute(AccessToken=access, AttributeName="email", Code=wrong)
    client.verify_user_attribute(AccessToken=access, AttributeName="email", Code=message.code)
    assert attributes_of(client.get_user(AccessToken=access))["email_verified"] == "true"

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.change_password(
            AccessToken=access, PreviousPassword="Wr0ng-password!", ProposedPassword="N3w-pass!"
        )
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")
    with pytest.raises(client.exceptions.InvalidPasswordException):
        client.change_password(
            AccessToken=access, PreviousPassword=password, ProposedPassword="weakweak"
        )
    client.change_password(
        AccessToken=access, PreviousPassword=password, ProposedPassword="N3w-pass!"
    )
    assert password_auth(client, cognito_app_client, "jane", "N3w-pass!")["AuthenticationResult"]

    client.delete_user(AccessToken=access)
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        client.get_user(AccessToken=access)
    assert error_of(excinfo)[0] in ("UserNotFoundException", "NotAuthorizedException")
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_get_user(UserPoolId=cognito_pool.id, Username="jane")


def test_admin_reset_user_password(
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    client = boto3.client("cognito-idp")
    password = cognito_user.password
    client.admin_reset_user_password(UserPoolId=cognito_pool.id, Username="jane")
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="jane")["UserStatus"] == (
        "RESET_REQUIRED"
    )
    with pytest.raises(client.exceptions.PasswordResetRequiredException):
        password_auth(client, cognito_app_client, "jane", password)
    code = cognito_idp.outbox.last(username="jane").code
    client.confirm_forgot_password(
        ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code, Password="Res3t-it!"
    )
    assert password_auth(client, cognito_app_client, "jane", "Res3t-it!")["AuthenticationResult"]


def test_admin_set_user_password(cognito_pool: UserPool, cognito_app_client: AppClient) -> None:
    client = boto3.client("cognito-idp")
    client.admin_create_user(UserPoolId=cognito_pool.id, Username="tim", MessageAction="SUPPRESS")
    client.admin_set_user_password(
        UserPoolId=cognito_pool.id, Username="tim", Password="Tims-passw0rd", Permanent=True
    )
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="tim")["UserStatus"] == (
        "CONFIRMED"
    )
    assert password_auth(client, cognito_app_client, "tim", "Tims-passw0rd")["AuthenticationResult"]
    client.admin_set_user_password(
        UserPoolId=cognito_pool.id, Username="tim", Password="Temp-passw0rd", Permanent=False
    )
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username="tim")["UserStatus"] == (
        "FORCE_CHANGE_PASSWORD"
    )
    challenge = password_auth(client, cognito_app_client, "tim", "Temp-passw0rd")
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    with pytest.raises(client.exceptions.InvalidPasswordException):
        client.admin_set_user_password(
            UserPoolId=cognito_pool.id, Username="tim", Password="short", Permanent=True
        )


# --- migration and custom auth with SRP first ----------------------------------------------------


def test_user_migration_on_sign_in(cognito_pool: UserPool, cognito_app_client: AppClient) -> None:
    legacy_users = {"old": ("Legacy-passw0rd", "old@example.com")}

    @cognito_pool.trigger("UserMigration")
    def migrate(event: Event, context: Any) -> Event:
        assert event["triggerSource"] == "UserMigration_Authentication"
        known = legacy_users.get(event["userName"])
        if not known or known[0] != event["request"]["password"]:
            raise ValueError("Bad password")
        event["response"]["userAttributes"] = {"email": known[1], "email_verified": "true"}
        event["response"]["finalUserStatus"] = "CONFIRMED"
        event["response"]["messageAction"] = "SUPPRESS"
        return event

    client = boto3.client("cognito-idp")
    tokens = password_auth(client, cognito_app_client, "old", "Legacy-passw0rd")
    claims = decode(tokens["AuthenticationResult"]["IdToken"], cognito_pool, cognito_app_client.id)
    assert claims["email"] == "old@example.com"
    user = client.admin_get_user(UserPoolId=cognito_pool.id, Username="old")
    assert user["UserStatus"] == "CONFIRMED"
    # Now a regular user: the migration trigger is not asked again.
    assert password_auth(client, cognito_app_client, "old", "Legacy-passw0rd")
    with pytest.raises(client.exceptions.UserLambdaValidationException) as excinfo:
        password_auth(client, cognito_app_client, "nobody", "Whatever-1")
    assert error_of(excinfo) == (
        "UserLambdaValidationException",
        "UserMigration failed with error Bad password.",
    )


def test_custom_auth_after_srp(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    history: list[list[Event]] = []

    @cognito_pool.trigger("DefineAuthChallenge")
    def define(event: Event, context: Any) -> Event:
        session = event["request"]["session"]
        history.append(session)
        last = session[-1]
        if last["challengeName"] == "SRP_A":
            event["response"]["challengeName"] = "PASSWORD_VERIFIER"
        elif last["challengeName"] == "PASSWORD_VERIFIER" and last["challengeResult"]:
            event["response"]["challengeName"] = "CUSTOM_CHALLENGE"
        elif last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"]:
            event["response"]["issueTokens"] = True
        else:
            event["response"]["failAuthentication"] = True
        return event

    @cognito_pool.trigger("CreateAuthChallenge")
    def create(event: Event, context: Any) -> Event:
        event["response"]["publicChallengeParameters"] = {"hint": "colour"}
        event["response"]["privateChallengeParameters"] = {"answer": "blue"}
        return event

    @cognito_pool.trigger("VerifyAuthChallengeResponse")
    def verify(event: Event, context: Any) -> Event:
        event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == "blue"
        return event

    client = boto3.client("cognito-idp")
    srp = AWSSRP(
        "jane", cognito_user.password, cognito_pool.id, cognito_app_client.id, client=client
    )
    auth_params = srp.get_auth_params()
    started = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={**auth_params, "CHALLENGE_NAME": "SRP_A"},
    )
    assert started["ChallengeName"] == "PASSWORD_VERIFIER"
    answer = srp.process_challenge(started["ChallengeParameters"], auth_params)
    custom = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=started["Session"],
        ChallengeResponses=answer,
    )
    assert custom["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert custom["ChallengeParameters"]["hint"] == "colour"
    done = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=custom["Session"],
        ChallengeResponses={"USERNAME": "jane", "ANSWER": "blue"},
    )
    assert done["AuthenticationResult"]["AccessToken"]
    assert [(s["challengeName"], s["challengeResult"]) for s in history[-1]] == [
        ("SRP_A", True),
        ("PASSWORD_VERIFIER", True),
        ("CUSTOM_CHALLENGE", True),
    ]


# --- refresh token rotation ----------------------------------------------------------------------


def test_get_tokens_from_refresh_token_with_rotation(
    cognito_pool: UserPool, cognito_user: User, cognito_clock: Clock
) -> None:
    client = boto3.client("cognito-idp")
    app = cognito_pool.create_client(
        "rotating",
        explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 0},
    )
    tokens = password_auth(client, app, "jane", cognito_user.password)["AuthenticationResult"]
    rotated = client.get_tokens_from_refresh_token(
        RefreshToken=tokens["RefreshToken"], ClientId=app.id
    )["AuthenticationResult"]
    assert rotated["RefreshToken"] != tokens["RefreshToken"]
    assert rotated["AccessToken"]
    cognito_clock.advance(seconds=1)
    with pytest.raises(client.exceptions.ClientError):
        client.get_tokens_from_refresh_token(RefreshToken=tokens["RefreshToken"], ClientId=app.id)
    again = client.get_tokens_from_refresh_token(
        RefreshToken=rotated["RefreshToken"], ClientId=app.id
    )
    assert again["AuthenticationResult"]["IdToken"]


# --- USER_AUTH ---------------------------------------------------------------------------------


@pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}},
)
def test_user_auth_with_preferred_password(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    client = boto3.client("cognito-idp")
    result = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={
            "USERNAME": "jane",
            "PREFERRED_CHALLENGE": "PASSWORD",
            "PASSWORD": cognito_user.password,
        },
    )
    assert result["AuthenticationResult"]["AccessToken"]
    selection = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "jane"},
    )
    assert selection["ChallengeName"] == "SELECT_CHALLENGE"
    assert "PASSWORD" in selection["AvailableChallenges"]
    answered = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="SELECT_CHALLENGE",
        Session=selection["Session"],
        ChallengeResponses={
            "USERNAME": "jane",
            "ANSWER": "PASSWORD",
            "PASSWORD": cognito_user.password,
        },
    )
    assert answered["AuthenticationResult"]["IdToken"]
