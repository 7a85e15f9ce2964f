"""CUSTOM_AUTH: the DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse loop."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from pycognito.aws_srp import AWSSRP

from tests.conftest import error_of

PASSWORD = "Passw0rd!"


def define(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    """Password first when the client asked for SRP, then one question; three tries."""
    session = event["request"]["session"]
    response = event["response"]
    last = session[-1] if session else None
    if last and last["challengeName"] == "SRP_A":
        response["challengeName"] = "PASSWORD_VERIFIER"
    elif last and last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"]:
        response["issueTokens"] = True
    elif len([s for s in session if s["challengeName"] == "CUSTOM_CHALLENGE"]) >= 3:
        response["failAuthentication"] = True
    else:
        response["challengeName"] = "CUSTOM_CHALLENGE"
    return event


def create(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    event["response"]["publicChallengeParameters"] = {"question": "2 + 2"}
    event["response"]["privateChallengeParameters"] = {"answer": "4"}
    event["response"]["challengeMetadata"] = "MATH"
    return event


def verify(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == expected
    return event


@pytest.fixture
def pool(cognito_pool: Any) -> Any:
    cognito_pool.create_user("jane", PASSWORD, attributes={"email": "jane@example.com"})
    cognito_pool.set_trigger("DefineAuthChallenge", define)
    cognito_pool.set_trigger("CreateAuthChallenge", create)
    cognito_pool.set_trigger("VerifyAuthChallengeResponse", verify)
    return cognito_pool


def events(cognito_idp: Any, trigger: str) -> List[Dict[str, Any]]:
    return [c.event for c in cognito_idp.trigger_calls if c.trigger == trigger]


def start(client: Any, app: Any, **kwargs: Any) -> Dict[str, Any]:
    return client.initiate_auth(  # type: ignore[no-any-return]
        ClientId=app.id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "jane"}, **kwargs
    )


def answer(client: Any, app: Any, session: str, text: str, **kwargs: Any) -> Dict[str, Any]:
    return client.respond_to_auth_challenge(  # type: ignore[no-any-return]
        ClientId=app.id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=session,
        ChallengeResponses={"USERNAME": "jane", "ANSWER": text},
        **kwargs,
    )


def test_the_loop_issues_tokens_for_the_right_answer(cognito_idp, client, pool, cognito_app_client):
    challenge = start(client, cognito_app_client, ClientMetadata={"at": "initiate"})

    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert challenge["ChallengeParameters"] == {"question": "2 + 2", "USERNAME": "jane"}
    result = answer(
        client, cognito_app_client, challenge["Session"], "4", ClientMetadata={"k": "v"}
    )

    tokens = result["AuthenticationResult"]
    assert pool.verify_token(tokens["AccessToken"])["username"] == "jane"
    assert [c.trigger_source for c in cognito_idp.trigger_calls] == [
        "DefineAuthChallenge_Authentication",
        "CreateAuthChallenge_Authentication",
        "VerifyAuthChallengeResponse_Authentication",
        "DefineAuthChallenge_Authentication",
    ]
    first, second = events(cognito_idp, "DefineAuthChallenge")
    user = pool.user("jane")
    attributes = {"sub": user.sub, "email": "jane@example.com", "cognito:user_status": "CONFIRMED"}
    assert first["request"] == {"userAttributes": attributes, "session": []}
    assert first["response"] == {
        "challengeName": None,
        "issueTokens": False,
        "failAuthentication": False,
    }
    assert second["request"] == {
        "userAttributes": attributes,
        "session": [
            {
                "challengeName": "CUSTOM_CHALLENGE",
                "challengeResult": True,
                "challengeMetadata": "MATH",
            }
        ],
        "clientMetadata": {"k": "v"},
    }
    (created,) = events(cognito_idp, "CreateAuthChallenge")
    assert created["request"] == {
        "userAttributes": attributes,
        "session": [],
        "challengeName": "CUSTOM_CHALLENGE",
    }
    (verified,) = events(cognito_idp, "VerifyAuthChallengeResponse")
    assert verified["request"] == {
        "userAttributes": attributes,
        "session": [],
        "privateChallengeParameters": {"answer": "4"},
        "challengeAnswer": "4",
        "clientMetadata": {"k": "v"},
    }
    assert verified["response"] == {"answerCorrect": False}


def test_a_wrong_answer_gets_another_challenge(cognito_idp, client, pool, cognito_app_client):
    challenge = start(client, cognito_app_client)

    again = answer(client, cognito_app_client, challenge["Session"], "5")

    assert again["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert again["Session"] != challenge["Session"]
    assert events(cognito_idp, "DefineAuthChallenge")[-1]["request"]["session"] == [
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False, "challengeMetadata": "MATH"}
    ]
    with pytest.raises(client.exceptions.NotAuthorizedException):
        answer(client, cognito_app_client, challenge["Session"], "4")  # used up
    assert "AuthenticationResult" in answer(client, cognito_app_client, again["Session"], "4")


def test_fail_authentication_ends_the_sign_in(cognito_idp, client, pool, cognito_app_client):
    session = start(client, cognito_app_client)["Session"]
    session = answer(client, cognito_app_client, session, "1")["Session"]
    session = answer(client, cognito_app_client, session, "2")["Session"]

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        answer(client, cognito_app_client, session, "3")

    assert error_of(excinfo)[1] == "Incorrect username or password."
    with pytest.raises(client.exceptions.NotAuthorizedException):
        answer(client, cognito_app_client, session, "4")


def test_srp_first_then_the_custom_challenge(cognito_idp, client, pool, cognito_app_client):
    srp = AWSSRP("jane", PASSWORD, pool.id, cognito_app_client.id, client=client)
    params = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}

    verifier = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="CUSTOM_AUTH", AuthParameters=params
    )
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    proof = srp.process_challenge(verifier["ChallengeParameters"], params)
    custom = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=verifier["Session"],
        ChallengeResponses=proof,
    )
    assert custom["ChallengeName"] == "CUSTOM_CHALLENGE"
    result = answer(client, cognito_app_client, custom["Session"], "4")

    assert "IdToken" in result["AuthenticationResult"]
    sessions = [e["request"]["session"] for e in events(cognito_idp, "DefineAuthChallenge")]
    assert [[(s["challengeName"], s["challengeResult"]) for s in x] for x in sessions] == [
        [("SRP_A", True)],
        [("SRP_A", True), ("PASSWORD_VERIFIER", True)],
        [("SRP_A", True), ("PASSWORD_VERIFIER", True), ("CUSTOM_CHALLENGE", True)],
    ]


def test_srp_first_with_a_wrong_password_fails(cognito_idp, client, pool, cognito_app_client):
    srp = AWSSRP("jane", "Wr0ng-password", pool.id, cognito_app_client.id, client=client)
    params = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    verifier = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="CUSTOM_AUTH", AuthParameters=params
    )

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.respond_to_auth_challenge(
            ClientId=cognito_app_client.id,
            ChallengeName="PASSWORD_VERIFIER",
            Session=verifier["Session"],
            ChallengeResponses=srp.process_challenge(verifier["ChallengeParameters"], params),
        )

    assert error_of(excinfo)[1] == "Incorrect username or password."
    assert len(events(cognito_idp, "DefineAuthChallenge")) == 1


def test_the_admin_apis_run_the_same_loop(cognito_idp, client, pool, cognito_app_client):
    challenge = client.admin_initiate_auth(
        UserPoolId=pool.id,
        ClientId=cognito_app_client.id,
        AuthFlow="CUSTOM_AUTH",
        AuthParameters={"USERNAME": "jane"},
    )
    result = client.admin_respond_to_auth_challenge(
        UserPoolId=pool.id,
        ClientId=cognito_app_client.id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "jane", "ANSWER": "4"},
    )

    assert "AccessToken" in result["AuthenticationResult"]


def test_the_sign_in_triggers_run_around_the_loop(cognito_idp, client, pool, cognito_app_client):
    for name in ("PreAuthentication", "PostAuthentication", "PreTokenGeneration"):
        pool.set_trigger(name, lambda event, context: event)

    answer(client, cognito_app_client, start(client, cognito_app_client)["Session"], "4")

    assert [c.trigger for c in cognito_idp.trigger_calls] == [
        "PreAuthentication",
        "DefineAuthChallenge",
        "CreateAuthChallenge",
        "VerifyAuthChallengeResponse",
        "DefineAuthChallenge",
        "PostAuthentication",
        "PreTokenGeneration",
    ]
    assert cognito_idp.trigger_calls[-1].trigger_source == "TokenGeneration_Authentication"


def test_a_custom_auth_only_client(client, pool):
    app = pool.create_client("legacy", explicit_auth_flows=["CUSTOM_AUTH_FLOW_ONLY"])

    assert start(client, app)["ChallengeName"] == "CUSTOM_CHALLENGE"
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.initiate_auth(
            ClientId=app.id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "jane", "SRP_A": "abc"},
        )
    assert error_of(excinfo)[1] == "Only custom auth (lambda driven) is enabled for this client."


def test_without_define_auth_challenge(client, cognito_pool, cognito_app_client):
    cognito_pool.create_user("jane", PASSWORD)

    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        start(client, cognito_app_client)

    assert error_of(excinfo)[1] == "Custom auth lambda trigger is not configured for the user pool."


def test_unknown_users_are_hidden_when_the_client_says_so(cognito_idp, client, pool):
    app = pool.create_client("app", PreventUserExistenceErrors="ENABLED")

    challenge = client.initiate_auth(
        ClientId=app.id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ghost"}
    )
    assert challenge["ChallengeName"] == "CUSTOM_CHALLENGE"
    define_event = events(cognito_idp, "DefineAuthChallenge")[0]
    assert define_event["request"]["userNotFound"] is True
    assert define_event["request"]["userAttributes"] == {}

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.respond_to_auth_challenge(
            ClientId=app.id,
            ChallengeName="CUSTOM_CHALLENGE",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "ghost", "ANSWER": "4"},
        )
    assert error_of(excinfo)[1] == "Incorrect username or password."


def test_unknown_users_otherwise_fail_at_once(cognito_idp, client, pool, cognito_app_client):
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.initiate_auth(
            ClientId=cognito_app_client.id,
            AuthFlow="CUSTOM_AUTH",
            AuthParameters={"USERNAME": "ghost"},
        )
    assert cognito_idp.trigger_calls == []


@pytest.mark.parametrize(
    "response",
    [{}, {"challengeName": "SMS_MFA"}, {"challengeName": "PASSWORD_VERIFIER"}],
)
def test_define_must_say_what_comes_next(client, pool, cognito_app_client, response):
    def confused(event, context):
        event["response"].update(response)
        return event

    pool.set_trigger("DefineAuthChallenge", confused)

    with pytest.raises(client.exceptions.InvalidLambdaResponseException) as excinfo:
        start(client, cognito_app_client)

    assert error_of(excinfo)[1] == "Unrecognizable lambda output"


def test_the_answer_is_required(client, pool, cognito_app_client):
    session = start(client, cognito_app_client)["Session"]

    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.respond_to_auth_challenge(
            ClientId=cognito_app_client.id,
            ChallengeName="CUSTOM_CHALLENGE",
            Session=session,
            ChallengeResponses={"USERNAME": "jane"},
        )

    assert error_of(excinfo)[1] == "Missing required parameter ANSWER"
