"""The application: move customer records from an old system into a Cognito user pool.

It does what the AWS guide describes, with boto3 and plain HTTP: fetch the pool's CSV header,
write the file, create an import job, PUT the file to the job's presigned URL, start the job and
poll it until it ends. ``sleep`` is a parameter so tests can move a fake clock instead of waiting.
"""

from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Iterable, List, Optional

FINAL = ("Succeeded", "Failed", "Stopped", "Expired")


@dataclass
class Customer:
    login: str
    email: str
    full_name: str
    phone: Optional[str] = None


@dataclass
class ImportReport:
    job_id: str
    status: str
    imported: int
    skipped: int
    failed: int
    message: Optional[str]
    statuses_seen: List[str]


def to_csv(header: List[str], customers: Iterable[Customer]) -> bytes:
    """The import file: one row per customer in the pool's column order."""

    def escape(value: str) -> str:
        return value.replace(",", "\\,")

    lines = [",".join(header)]
    for customer in customers:
        row = {
            "cognito:username": customer.login,
            "email": customer.email,
            "email_verified": "TRUE",
            "name": escape(customer.full_name),
            "phone_number": customer.phone or "",
            "cognito:mfa_enabled": "FALSE",
        }
        lines.append(",".join(row.get(column, "") for column in header))
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(url: str, data: bytes) -> None:
    request = urllib.request.Request(
        url, data=data, method="PUT", headers={"x-amz-server-side-encryption": "aws:kms"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"upload failed with HTTP {response.status}")


def wait_for(
    client: Any,
    pool_id: str,
    job_id: str,
    sleep: Callable[[float], Any] = time.sleep,
    poll_seconds: float = 5.0,
) -> ImportReport:
    """Poll DescribeUserImportJob until the job has ended."""
    seen: List[str] = []
    while True:
        job = client.describe_user_import_job(UserPoolId=pool_id, JobId=job_id)["UserImportJob"]
        if not seen or seen[-1] != job["Status"]:
            seen.append(job["Status"])
        if job["Status"] in FINAL:
            return ImportReport(
                job_id=job_id,
                status=job["Status"],
                imported=job["ImportedUsers"],
                skipped=job["SkippedUsers"],
                failed=job["FailedUsers"],
                message=job.get("CompletionMessage"),
                statuses_seen=seen,
            )
        sleep(poll_seconds)


def import_customers(
    client: Any,
    pool_id: str,
    customers: Iterable[Customer],
    role_arn: str,
    sleep: Callable[[float], Any] = time.sleep,
) -> ImportReport:
    """Import ``customers`` into the pool and report how it went."""
    header = client.get_csv_header(UserPoolId=pool_id)["CSVHeader"]
    job = client.create_user_import_job(
        JobName="customers", UserPoolId=pool_id, CloudWatchLogsRoleArn=role_arn
    )["UserImportJob"]
    upload(job["PreSignedUrl"], to_csv(header, customers))
    client.start_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])
    return wait_for(client, pool_id, job["JobId"], sleep)
