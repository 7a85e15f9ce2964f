"""Tests of the bulk import, against the pytest-cognito-idp fake: no AWS, no waiting."""

from __future__ import annotations

import boto3
import pytest

from pytest_cognito_idp import Clock, CognitoIdp, ImportJob, UserPool

from .app import Customer, import_customers, wait_for

ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs"
CUSTOMERS = [
    Customer("ada", "ada@example.com", "Ada Lovelace"),
    Customer("alan", "alan@example.com", "Turing, Alan", phone="+15555550100"),
]

# CSV import needs an auto-verified attribute on the pool.
pytestmark = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])


def test_customers_are_imported(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    client = boto3.client("cognito-idp")

    # The app's polling sleeps move the fake clock: the job runs in no real time at all.
    report = import_customers(client, cognito_pool.id, CUSTOMERS, ROLE, sleep=cognito_clock.advance)

    assert report.status == "Succeeded"
    assert report.statuses_seen == ["Pending", "InProgress", "Succeeded"]
    assert (report.imported, report.skipped, report.failed) == (2, 0, 0)
    assert report.message == "Import Job Completed Successfully."
    cognito_idp.assert_called_once("StartUserImportJob", UserPoolId=cognito_pool.id)
    alan = client.admin_get_user(UserPoolId=cognito_pool.id, Username="alan")
    assert alan["UserStatus"] == "RESET_REQUIRED"
    assert {"Name": "name", "Value": "Turing, Alan"} in alan["UserAttributes"]


def test_existing_customers_are_skipped(cognito_pool: UserPool, cognito_clock: Clock) -> None:
    cognito_pool.create_user("ada", attributes={"email": "ada@example.com"})
    client = boto3.client("cognito-idp")

    report = import_customers(client, cognito_pool.id, CUSTOMERS, ROLE, sleep=cognito_clock.advance)

    assert (report.imported, report.skipped) == (1, 1)
    # One customer in two skipped is too many for Cognito: the job is marked failed.
    assert report.status == "Failed"


def test_wait_for_reports_a_job_stopped_by_an_operator(
    import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(
        [
            {
                "cognito:username": f"user{i}",
                "email": f"user{i}@example.com",
                "email_verified": True,
                "cognito:mfa_enabled": False,
            }
            for i in range(1000)
        ]
    )
    import_job.start()
    cognito_clock.advance(seconds=15)
    import_job.stop()

    report = wait_for(
        boto3.client("cognito-idp"), import_job.pool.id, import_job.id, sleep=cognito_clock.advance
    )

    assert report.status == "Stopped"
    assert 0 < report.imported < 1000
    assert import_job.log[0] == "[SUCCEEDED] Line Number 2 - The import succeeded."
