"""Per-user hourly caps, through boto3."""

from __future__ import annotations

from typing import Any

import botocore.config
import pytest

from pytest_cognito_idp import AppClient, Clock, CognitoIdp, UserPool
from tests.conftest import error_of

PASSWORD = "Corr3ct-horse!"
LIMIT = ("LimitExceededException", "Attempt limit exceeded, please try after some time.")


@pytest.fixture
def once(cognito_idp: CognitoIdp) -> Any:
    """A client that does not retry, so each call is one attempt."""
    return cognito_idp.client(config=botocore.config.Config(retries={"total_max_attempts": 1}))


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_confirm_sign_up_attempts_are_capped_and_the_cap_lifts_after_an_hour(
    once: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient, cognito_clock: Clock
) -> None:
    once.sign_up(
        ClientId=cognito_app_client.id,
        Username="jane",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
    )
    code = cognito_idp.outbox.last(username="jane").code
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(15):
        with pytest.raises(once.exceptions.CodeMismatchException):
            once.confirm_sign_up(
                ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=wrong
            )
    with pytest.raises(once.exceptions.LimitExceededException) as excinfo:
        once.confirm_sign_up(ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code)
    assert error_of(excinfo) == LIMIT

    cognito_clock.advance(hours=1, seconds=1)
    once.confirm_sign_up(ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code)


def test_change_password_is_capped_at_five_an_hour(
    once: Any, cognito_pool: UserPool, cognito_user: Any
) -> None:
    before = cognito_user.password
    access = cognito_pool.sign_in(cognito_user.username, before)["AccessToken"]
    for _ in range(5):
        with pytest.raises(once.exceptions.NotAuthorizedException):
            once.change_password(
                AccessToken=access, PreviousPassword="Wr0ng-horse!", ProposedPassword=PASSWORD
            )
    with pytest.raises(once.exceptions.LimitExceededException) as excinfo:
        once.change_password(AccessToken=access, PreviousPassword=before, ProposedPassword=PASSWORD)
    assert error_of(excinfo) == LIMIT
    assert cognito_pool.user("jane").password == before
