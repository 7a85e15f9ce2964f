"""User import jobs through a real boto3 client: statuses on the clock, errors, counts, logs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List

import pytest
import requests

from pytest_cognito_idp import AppClient, Clock, CognitoIdp, ImportJob, UserPool
from pytest_cognito_idp.backend.imports import jobs
from tests.conftest import error_of

pytestmark = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])

START = "2024-05-01T00:00:00Z"
T0 = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc).timestamp()
PENDING = jobs.PENDING_SECONDS
RATE = jobs.ROWS_PER_SECOND
ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs"
SSE = {"x-amz-server-side-encryption": "aws:kms"}


def rows(*usernames: str, **extra: object) -> List[Dict[str, object]]:
    return [
        {
            "cognito:username": name,
            "email": f"{name}@example.com",
            "email_verified": True,
            "cognito:mfa_enabled": False,
            **extra,
        }
        for name in usernames
    ]


def users(n: int) -> List[Dict[str, object]]:
    return rows(*(f"user{i}" for i in range(n)))


def described(client: Any, job: ImportJob) -> Dict[str, Any]:
    response = client.describe_user_import_job(UserPoolId=job.pool.id, JobId=job.id)
    return response["UserImportJob"]  # type: ignore[no-any-return]


def epoch(value: dt.datetime) -> float:
    return value.timestamp()


# -- GetCSVHeader ---------------------------------------------------------------------------------


def test_get_csv_header_lists_the_columns_in_the_services_order(
    client: Any, cognito_pool: UserPool
) -> None:
    response = client.get_csv_header(UserPoolId=cognito_pool.id)

    assert response["UserPoolId"] == cognito_pool.id
    header = response["CSVHeader"]
    assert header[:3] == ["name", "given_name", "family_name"]
    assert header[-3:] == ["updated_at", "cognito:mfa_enabled", "cognito:username"]
    assert len(header) == 21


def test_get_csv_header_places_custom_attributes_after_updated_at(
    client: Any, cognito_idp: CognitoIdp
) -> None:
    pool = cognito_idp.create_pool(Schema=[{"Name": "tenant", "AttributeDataType": "String"}])

    header = client.get_csv_header(UserPoolId=pool.id)["CSVHeader"]

    assert header[-4:] == ["updated_at", "custom:tenant", "cognito:mfa_enabled", "cognito:username"]


def test_get_csv_header_of_an_unknown_pool(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.get_csv_header(UserPoolId="us-east-1_nope12345")
    assert error_of(excinfo)[1] == "User pool us-east-1_nope12345 does not exist."


# -- CreateUserImportJob ------------------------------------------------------------------------


@pytest.mark.cognito_clock(START)
def test_create_user_import_job_returns_a_created_job(
    client: Any, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    job = client.create_user_import_job(
        JobName="migration 1", UserPoolId=cognito_pool.id, CloudWatchLogsRoleArn=ROLE
    )["UserImportJob"]

    assert re.fullmatch(r"import-[0-9a-zA-Z]{10}", job["JobId"])
    assert job["JobName"] == "migration 1"
    assert job["UserPoolId"] == cognito_pool.id
    assert job["CloudWatchLogsRoleArn"] == ROLE
    assert job["Status"] == "Created"
    assert epoch(job["CreationDate"]) == T0
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (0, 0, 0)
    for absent in ("StartDate", "CompletionDate", "CompletionMessage"):
        assert absent not in job
    assert job["PreSignedUrl"].startswith("http://127.0.0.1:")
    assert f"/123456789012/{cognito_pool.id}/{job['JobId']}?" in job["PreSignedUrl"]
    assert "X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption" in job["PreSignedUrl"]
    assert "X-Amz-Expires=899" in job["PreSignedUrl"]
    again = client.describe_user_import_job(UserPoolId=cognito_pool.id, JobId=job["JobId"])
    assert again["UserImportJob"] == job


@pytest.mark.parametrize(
    ("name", "arn", "message"),
    [
        (
            "bad/name",
            ROLE,
            "1 validation error detected: Value 'bad/name' at 'jobName' failed to satisfy "
            r"constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+",
        ),
        (
            "ok",
            "not-an-arn-but-long-enough",
            "1 validation error detected: Value 'not-an-arn-but-long-enough' at "
            "'cloudWatchLogsRoleArn' failed to satisfy constraint: Member must satisfy regular "
            "expression pattern: arn:",
        ),
    ],
)
def test_create_user_import_job_validates_its_input(
    client: Any, cognito_pool: UserPool, name: str, arn: str, message: str
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_import_job(
            JobName=name, UserPoolId=cognito_pool.id, CloudWatchLogsRoleArn=arn
        )
    assert error_of(excinfo)[1].startswith(message)
    assert (
        client.list_user_import_jobs(UserPoolId=cognito_pool.id, MaxResults=10)["UserImportJobs"]
        == []
    )


def test_create_user_import_job_in_an_unknown_pool(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.create_user_import_job(
            JobName="x", UserPoolId="us-east-1_nope12345", CloudWatchLogsRoleArn=ROLE
        )


def test_describe_an_unknown_job(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_user_import_job(UserPoolId=cognito_pool.id, JobId="import-0123456789")
    assert error_of(excinfo)[1] == "Import job import-0123456789 does not exist."


def test_a_job_belongs_to_its_pool(
    client: Any, cognito_idp: CognitoIdp, import_job: ImportJob
) -> None:
    other = cognito_idp.create_pool(PoolName="other")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_user_import_job(UserPoolId=other.id, JobId=import_job.id)


# -- the status machine ---------------------------------------------------------------------------


@pytest.mark.cognito_clock(START)
def test_a_job_walks_through_each_status_as_time_passes(
    client: Any, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(users(10))
    started = client.start_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)
    job = started["UserImportJob"]
    assert job["Status"] == "Pending"
    assert epoch(job["StartDate"]) == T0
    assert "CompletionDate" not in job

    cognito_clock.advance(seconds=PENDING - 1)
    assert described(client, import_job)["Status"] == "Pending"

    cognito_clock.advance(seconds=1 + 4 / RATE)
    job = described(client, import_job)
    assert (job["Status"], job["ImportedUsers"]) == ("InProgress", 4)
    listed = client.list_user_import_jobs(UserPoolId=import_job.pool.id, MaxResults=1)
    assert listed["UserImportJobs"] == [job]

    cognito_clock.advance(seconds=3 / RATE)
    assert described(client, import_job)["ImportedUsers"] == 7

    cognito_clock.advance(seconds=3 / RATE)
    job = described(client, import_job)
    assert job["Status"] == "Succeeded"
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (10, 0, 0)
    assert job["CompletionMessage"] == "Import Job Completed Successfully."
    assert epoch(job["CompletionDate"]) == pytest.approx(T0 + PENDING + 10 / RATE, abs=0.001)

    cognito_clock.advance(days=3)
    assert described(client, import_job) == job


def test_start_without_an_uploaded_file(client: Any, import_job: ImportJob) -> None:
    with pytest.raises(client.exceptions.PreconditionNotMetException) as excinfo:
        client.start_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)

    assert error_of(excinfo)[1] == f"No csv file was uploaded for {import_job.id}"
    assert import_job.status == "Created"


@pytest.mark.cognito_pool
def test_a_pool_with_no_auto_verified_attribute_cannot_start_a_job(
    client: Any, import_job: ImportJob
) -> None:
    import_job.upload(users(1))

    with pytest.raises(client.exceptions.PreconditionNotMetException) as excinfo:
        client.start_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)

    assert error_of(excinfo)[1] == (
        f"User pool {import_job.pool.id} has no auto-verified attributes; users cannot be imported."
    )
    assert import_job.status == "Created"


def test_a_job_starts_once(client: Any, import_job: ImportJob) -> None:
    import_job.upload(users(1))
    import_job.start()
    before = described(client, import_job)

    with pytest.raises(client.exceptions.PreconditionNotMetException) as excinfo:
        client.start_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)

    assert error_of(excinfo)[1] == (
        f"Import job {import_job.id} cannot be started because its status is {before['Status']}."
    )
    assert described(client, import_job) == before


@pytest.mark.cognito_clock(START)
def test_a_job_not_started_within_24_hours_expires(
    client: Any, import_job: ImportJob, cognito_clock: Clock
) -> None:
    cognito_clock.advance(hours=23, minutes=59)
    assert import_job.status == "Created"
    cognito_clock.advance(minutes=1)

    job = described(client, import_job)
    assert job["Status"] == "Expired"
    assert job["CompletionMessage"] == "The user import job has expired."
    assert epoch(job["CompletionDate"]) == T0 + 24 * 3600
    with pytest.raises(client.exceptions.PreconditionNotMetException) as excinfo:
        client.start_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)
    assert "because its status is Expired" in error_of(excinfo)[1]


# -- stopping -------------------------------------------------------------------------------------


@pytest.mark.cognito_clock(START)
def test_stop_a_running_job_keeps_the_rows_done_so_far(
    client: Any, cognito_idp: CognitoIdp, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(users(10))
    import_job.start()
    cognito_clock.advance(seconds=PENDING + 3 / RATE)

    stopped = client.stop_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)
    job = stopped["UserImportJob"]
    assert (job["Status"], job["ImportedUsers"]) == ("Stopping", 3)
    assert "CompletionDate" not in job

    cognito_clock.advance(seconds=jobs.STOPPING_SECONDS)
    job = described(client, import_job)
    assert (job["Status"], job["ImportedUsers"]) == ("Stopped", 3)
    assert job["CompletionMessage"] == "The Import Job was stopped by the developer."
    stop_time = T0 + PENDING + 3 / RATE
    assert epoch(job["CompletionDate"]) == pytest.approx(
        stop_time + jobs.STOPPING_SECONDS, abs=0.001
    )
    assert [u["Username"] for u in client.list_users(UserPoolId=import_job.pool.id)["Users"]] == [
        "user0",
        "user1",
        "user2",
    ]
    with pytest.raises(client.exceptions.PreconditionNotMetException) as excinfo:
        client.start_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)
    assert error_of(excinfo)[1].endswith("because its status is Stopped.")


@pytest.mark.cognito_clock(START)
def test_stop_a_pending_job(client: Any, import_job: ImportJob, cognito_clock: Clock) -> None:
    import_job.upload(users(3))
    import_job.start()

    import_job.stop()
    assert import_job.status == "Stopping"
    cognito_clock.advance(minutes=5)

    assert import_job.status == "Stopped"
    assert import_job.imported_users == 0


@pytest.mark.parametrize("status", ["Created", "Succeeded", "Stopping"])
def test_stop_is_refused_unless_the_job_is_pending_or_in_progress(
    client: Any, import_job: ImportJob, status: str
) -> None:
    import_job.upload(users(1))
    if status != "Created":
        import_job.start()
    if status == "Succeeded":
        import_job.run()
    if status == "Stopping":
        import_job.stop()
    before = described(client, import_job)
    assert before["Status"] == status

    with pytest.raises(client.exceptions.PreconditionNotMetException) as excinfo:
        client.stop_user_import_job(UserPoolId=import_job.pool.id, JobId=import_job.id)

    assert error_of(excinfo)[1] == (
        f"Import job {import_job.id} cannot be stopped because its status is {status}."
    )
    assert described(client, import_job) == before


# -- rows, counts and logs ------------------------------------------------------------------------


def test_rows_are_imported_skipped_or_failed_with_a_log_line_each(
    client: Any, cognito_pool: UserPool, import_job: ImportJob
) -> None:
    cognito_pool.create_user("taken", attributes={"email": "taken@example.com"})
    import_job.upload(
        [
            *rows("ann", "taken", "bob"),
            *rows("carl", email_verified=False),
            *rows("dora", **{"cognito:mfa_enabled": True}),
            *rows("eve", birthdate="1985-02-01"),
            *rows("ann"),
            *rows("finn", email="not-an-email"),
        ]
    )

    assert import_job.run() == "Failed"

    assert (import_job.imported_users, import_job.skipped_users, import_job.failed_users) == (
        2,
        2,
        4,
    )
    assert import_job.completion_message == (
        "Too many users have failed or been skipped during the import."
    )
    assert import_job.log == [
        "[SUCCEEDED] Line Number 2 - The import succeeded.",
        "[SKIPPED] Line Number 3 - The user already exists.",
        "[SUCCEEDED] Line Number 4 - The import succeeded.",
        "[FAILED] Line Number 5 - The User Record does not set any of the auto verified "
        "attributes to true. (Example: email_verified to true).",
        "[FAILED] Line Number 6 - The User Record's cognito:mfa_enabled does not fit the user "
        "pool's MFA configuration (OFF).",
        "[FAILED] Line Number 7 - The User Record has a birthdate that is not in the format "
        "mm/dd/yyyy.",
        "[SKIPPED] Line Number 8 - The user already exists.",
        "[FAILED] Line Number 9 - Invalid email address format.",
    ]


@pytest.mark.parametrize(("bad", "status"), [(1, "Succeeded"), (2, "Failed")])
def test_the_job_fails_when_more_than_a_tenth_of_the_rows_fail(
    import_job: ImportJob, bad: int, status: str
) -> None:
    good = rows(*(f"ok{i}" for i in range(10 - bad)))
    failing = rows(*(f"bad{i}" for i in range(bad)), email_verified=False)
    import_job.upload(good + failing)

    assert import_job.run() == status
    assert import_job.failed_users == bad


def test_one_failed_user_out_of_one_fails_the_job(import_job: ImportJob) -> None:
    import_job.upload(rows("carl", email_verified=False))

    assert import_job.run() == "Failed"
    assert (import_job.imported_users, import_job.failed_users) == (0, 1)


@pytest.mark.cognito_clock(START)
def test_an_unparseable_file_fails_the_job_after_pending(
    client: Any, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload("cognito:username,email\njane,jane@example.com\n")
    import_job.start()
    cognito_clock.advance(seconds=PENDING - 0.5)
    assert import_job.status == "Pending"
    cognito_clock.advance(seconds=0.5)

    job = described(client, import_job)
    assert job["Status"] == "Failed"
    assert job["CompletionMessage"] == "The CSV header is missing the column: name."
    assert epoch(job["CompletionDate"]) == T0 + PENDING
    assert (job["ImportedUsers"], job["FailedUsers"]) == (0, 0)
    assert import_job.log == ["[FAILED] The CSV header is missing the column: name."]


def _csv_of(client: Any, pool_id: str, count: int) -> bytes:
    """A file of ``count`` valid users, built as bytes (a million rows in a second or two)."""
    header = client.get_csv_header(UserPoolId=pool_id)["CSVHeader"]
    column = {name: i for i, name in enumerate(header)}
    cells = [""] * len(header)
    cells[column["email_verified"]] = "TRUE"
    cells[column["cognito:mfa_enabled"]] = "FALSE"
    user, email = column["cognito:username"], column["email"]
    lines = [",".join(header)]
    for i in range(count):
        cells[user], cells[email] = f"u{i}", f"u{i}@example.com"
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.cognito_clock(START)
def test_a_file_over_the_row_limit_fails_with_a_log_line_saying_why(
    client: Any, import_job: ImportJob, cognito_clock: Clock
) -> None:
    # 1,000,000 users, sent as a real client sends them: over AWS's 500,000 per file.
    data = _csv_of(client, import_job.pool.id, 1_000_000)
    response = requests.put(import_job.presigned_url, data=data, headers=SSE, timeout=60)
    assert response.status_code == 200
    import_job.start()
    assert import_job.log == []  # nothing read while Pending
    cognito_clock.advance(seconds=PENDING)

    job = described(client, import_job)
    assert job["Status"] == "Failed"
    assert job["CompletionMessage"] == "The CSV file has more than 500000 users."
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (0, 0, 0)
    assert import_job.log == ["[FAILED] The CSV file has more than 500000 users."]
    assert import_job.pool.users == []


def test_a_file_over_100_mb_fails_with_a_log_line_saying_why(
    client: Any, import_job: ImportJob
) -> None:
    data = _csv_of(client, import_job.pool.id, 1)
    import_job.upload(data + b" " * (100 * 1024 * 1024 + 1 - len(data)))
    assert import_job.run() == "Failed"
    assert import_job.completion_message == "The CSV file is larger than 100 MB."
    assert import_job.log == ["[FAILED] The CSV file is larger than 100 MB."]


def test_a_stopped_job_with_an_unreadable_file_logs_nothing(import_job: ImportJob) -> None:
    import_job.upload("cognito:username,email\njane,jane@example.com\n")
    import_job.start()
    import_job.stop()
    assert import_job.run() == "Stopped"
    assert import_job.log == []


@pytest.mark.cognito_clock(START)
def test_imported_users_are_reset_required_with_their_attributes(
    client: Any, cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(
        rows("jane", name="Jane Doe", address="1 Main St, Springfield", updated_at=1471453471)
    )
    import_job.run()

    user = client.admin_get_user(UserPoolId=cognito_pool.id, Username="jane")
    assert user["UserStatus"] == "RESET_REQUIRED"
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == "jane@example.com"
    assert attributes["email_verified"] == "true"
    assert attributes["name"] == "Jane Doe"
    assert attributes["address"] == "1 Main St, Springfield"
    assert attributes["updated_at"] == "1471453471"
    assert re.fullmatch(r"[0-9a-f-]{36}", attributes["sub"])
    # The creation date is when the row was imported: the first row, PENDING + 1/RATE in.
    assert epoch(user["UserCreateDate"]) == pytest.approx(T0 + PENDING + 1 / RATE, abs=0.001)


@pytest.mark.cognito_clock(START)
def test_imported_users_are_found_by_list_users_without_reading_the_job(
    client: Any, cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(users(5))
    import_job.start()
    cognito_clock.advance(minutes=1)

    found = client.list_users(UserPoolId=cognito_pool.id, Filter='email ^= "user3@"')["Users"]

    assert [u["Username"] for u in found] == ["user3"]
    assert found[0]["UserStatus"] == "RESET_REQUIRED"


def test_mfa_enabled_rows_in_an_optional_mfa_pool(client: Any, cognito_idp: CognitoIdp) -> None:
    pool = cognito_idp.create_pool(AutoVerifiedAttributes=["email"], MfaConfiguration="OPTIONAL")
    job = pool.create_import_job()
    job.upload(rows("on", **{"cognito:mfa_enabled": True}) + rows("off"))

    assert job.run() == "Succeeded"
    assert pool._state.users["on"].mfa_enabled == {"SMS_MFA"}
    assert pool._state.users["off"].mfa_enabled == set()


# -- after the import -----------------------------------------------------------------------------


def test_imported_users_reset_their_password_to_sign_in(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    import_job: ImportJob,
) -> None:
    import_job.upload(rows("jane"))
    import_job.run()
    sign_in = {
        "ClientId": cognito_app_client.id,
        "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": "jane", "PASSWORD": "Anyth1ng!"},
    }

    with pytest.raises(client.exceptions.PasswordResetRequiredException) as excinfo:
        client.initiate_auth(**sign_in)
    assert error_of(excinfo)[1] == "Password reset required for the user"

    client.forgot_password(ClientId=cognito_app_client.id, Username="jane")
    message = cognito_idp.outbox.last(username="jane")
    assert (message.kind, message.destination) == ("ForgotPassword", "jane@example.com")
    client.confirm_forgot_password(
        ClientId=cognito_app_client.id,
        Username="jane",
        ConfirmationCode=message.code,
        Password="N3w-Passw0rd!",
    )

    user = client.admin_get_user(UserPoolId=cognito_pool.id, Username="jane")
    assert user["UserStatus"] == "CONFIRMED"
    sign_in["AuthParameters"]["PASSWORD"] = "N3w-Passw0rd!"
    assert "AccessToken" in client.initiate_auth(**sign_in)["AuthenticationResult"]


# -- a running import locks the pool ---------------------------------------------------------------


@pytest.mark.cognito_clock(START)
def test_the_pool_cannot_change_while_a_job_runs(
    client: Any, cognito_pool: UserPool, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(users(100))
    import_job.start()
    changes = {
        "UpdateUserPool": lambda: client.update_user_pool(UserPoolId=cognito_pool.id),
        "DeleteUserPool": lambda: client.delete_user_pool(UserPoolId=cognito_pool.id),
        "AddCustomAttributes": lambda: client.add_custom_attributes(
            UserPoolId=cognito_pool.id,
            CustomAttributes=[{"Name": "tenant", "AttributeDataType": "String"}],
        ),
    }
    message = f"A user import job is in progress for user pool {cognito_pool.id}."
    for status, step in (("Pending", 0), ("InProgress", PENDING + 1), ("Stopping", 0)):
        cognito_clock.advance(seconds=step)
        if status == "Stopping":
            import_job.stop()
        assert import_job.status == status
        for change in changes.values():
            with pytest.raises(client.exceptions.UserImportInProgressException) as excinfo:
                change()
            assert error_of(excinfo)[1] == message

    cognito_clock.advance(minutes=1)
    assert import_job.status == "Stopped"
    client.add_custom_attributes(
        UserPoolId=cognito_pool.id,
        CustomAttributes=[{"Name": "tenant", "AttributeDataType": "String"}],
    )
    client.delete_user_pool(UserPoolId=cognito_pool.id)


# -- ListUserImportJobs ---------------------------------------------------------------------------


def test_list_user_import_jobs_newest_first_with_pages(
    client: Any, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    created = []
    for i in range(5):
        created.append(cognito_pool.create_import_job(f"job{i}").id)
        cognito_clock.advance(seconds=1)

    first = client.list_user_import_jobs(UserPoolId=cognito_pool.id, MaxResults=2)
    assert [j["JobName"] for j in first["UserImportJobs"]] == ["job4", "job3"]
    seen = [j["JobId"] for j in first["UserImportJobs"]]
    token = first["PaginationToken"]
    while token:
        page = client.list_user_import_jobs(
            UserPoolId=cognito_pool.id, MaxResults=2, PaginationToken=token
        )
        seen += [j["JobId"] for j in page["UserImportJobs"]]
        token = page.get("PaginationToken")

    assert seen == list(reversed(created))


def test_list_user_import_jobs_of_a_pool_with_none(client: Any, cognito_pool: UserPool) -> None:
    response = client.list_user_import_jobs(UserPoolId=cognito_pool.id, MaxResults=60)
    assert response["UserImportJobs"] == []
    assert "PaginationToken" not in response


def test_list_user_import_jobs_max_results(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_user_import_jobs(UserPoolId=cognito_pool.id, MaxResults=61)
    assert error_of(excinfo)[1] == (
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 60"
    )


def test_list_user_import_jobs_with_a_bad_token(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.list_user_import_jobs(
            UserPoolId=cognito_pool.id, MaxResults=1, PaginationToken="garbage"
        )


# -- the ImportJob handle ------------------------------------------------------------------------


def test_the_import_job_fixture_is_a_created_job(
    cognito_pool: UserPool, import_job: ImportJob
) -> None:
    assert import_job.pool == cognito_pool
    assert import_job.name == "import"
    assert import_job.status == "Created"
    assert (import_job.imported_users, import_job.skipped_users, import_job.failed_users) == (
        0,
        0,
        0,
    )
    assert import_job.completion_message is None
    assert import_job.log == []
    assert import_job.presigned_url.startswith("http://127.0.0.1:")


@pytest.mark.cognito_clock(START)
def test_run_moves_the_clock_to_the_end_of_the_job(
    client: Any, import_job: ImportJob, cognito_clock: Clock
) -> None:
    import_job.upload(users(50))

    assert import_job.run() == "Succeeded"

    end = T0 + PENDING + 50 / RATE
    assert cognito_clock.now().timestamp() == pytest.approx(end, abs=0.01)
    assert epoch(described(client, import_job)["CompletionDate"]) == pytest.approx(end, abs=0.001)


def test_run_without_a_clock_finishes_at_once(client: Any, import_job: ImportJob) -> None:
    import_job.upload(users(50))

    assert import_job.run() == "Succeeded"
    assert import_job.imported_users == 50
    job = described(client, import_job)
    assert job["CompletionDate"] >= job["StartDate"]


@pytest.mark.cognito_clock(START)
def test_run_finishes_a_stopping_job(import_job: ImportJob, cognito_clock: Clock) -> None:
    import_job.upload(users(50))
    import_job.start()
    cognito_clock.advance(seconds=PENDING + 0.2)
    import_job.stop()

    assert import_job.run() == "Stopped"
    assert import_job.imported_users == int(0.2 * RATE)
    assert import_job.completion_message == "The Import Job was stopped by the developer."


def test_run_on_a_finished_job_returns_its_status(import_job: ImportJob) -> None:
    import_job.upload(users(1))
    assert import_job.run() == "Succeeded"
    assert import_job.run() == "Succeeded"


def test_run_refuses_a_job_with_no_file(client: Any, import_job: ImportJob) -> None:
    from pytest_cognito_idp.errors import PreconditionNotMetException

    with pytest.raises(PreconditionNotMetException):
        import_job.run()
