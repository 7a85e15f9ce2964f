"""User import jobs: GetCSVHeader, CreateUserImportJob, DescribeUserImportJob,
StartUserImportJob, StopUserImportJob, ListUserImportJobs; and the presigned upload, an S3-style
HTTP PUT on the plugin's loopback server.

Messages the fact sheet does not give (an unknown job, Start or Stop in the wrong status, a pool
with no auto-verified attribute) are ours, worded like the observed "No csv file was uploaded for
<jobId>" (unconfirmed).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import TYPE_CHECKING, Optional, Tuple
from xml.sax.saxutils import escape

from .. import _hook, clock
from .._http import loopback
from .._wire import timestamp
from ..backend.core import ids
from ..backend.imports import jobs as import_jobs
from ..backend.imports.csv_file import csv_header
from ..backend.imports.jobs import SIGNATURE_MISMATCH, ImportJob, UploadRefused
from ..backend.model.pools import UserPool
from ..errors import PreconditionNotMetException, ResourceNotFoundException
from . import Context, Params, Result, operation
from ._paging import page

if TYPE_CHECKING:
    from ..fake import CognitoIdp


def describe(pool: UserPool, job: ImportJob, now: float) -> Params:
    """A ``UserImportJobType`` at ``now``; Start and Completion fields once they happened."""
    job.settle(pool, now)  # counters and status read at one and the same instant
    out: Params = {
        "JobName": job.name,
        "JobId": job.id,
        "UserPoolId": job.pool_id,
        "PreSignedUrl": job.presigned_url,
        "CreationDate": timestamp(job.created),
        "Status": job.status(now),
        "CloudWatchLogsRoleArn": job.role_arn,
        "ImportedUsers": job.imported,
        "SkippedUsers": job.skipped,
        "FailedUsers": job.failed,
    }
    if job.started is not None:
        out["StartDate"] = timestamp(job.started)
    completed, message = job.completion(now)
    if completed is not None:
        out["CompletionDate"] = timestamp(completed)
        out["CompletionMessage"] = message
    return out


def find(pool: UserPool, job_id: str) -> ImportJob:
    job = pool.import_jobs.get(job_id)
    if job is None:
        raise ResourceNotFoundException(f"Import job {job_id} does not exist.")
    return job


def start(pool: UserPool, job: ImportJob, now: float) -> None:
    status = job.status(now)
    if status != "Created":
        raise PreconditionNotMetException(
            f"Import job {job.id} cannot be started because its status is {status}."
        )
    if job.csv is None:
        raise PreconditionNotMetException(f"No csv file was uploaded for {job.id}")
    if not pool.auto_verified_attributes:
        raise PreconditionNotMetException(
            f"User pool {pool.id} has no auto-verified attributes; users cannot be imported."
        )
    job.start(pool, now)


def stop(job: ImportJob, now: float) -> None:
    status = job.status(now)
    if status not in ("Pending", "InProgress"):
        raise PreconditionNotMetException(
            f"Import job {job.id} cannot be stopped because its status is {status}."
        )
    job.stop(now)


@operation("GetCSVHeader")
def get_csv_header(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return {"UserPoolId": pool.id, "CSVHeader": csv_header(pool)}


@operation("CreateUserImportJob")
def create_user_import_job(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    job = import_jobs.create(
        pool,
        ids.import_job_id(),
        params["JobName"],
        params["CloudWatchLogsRoleArn"],
        loopback.base_url(),
        clock.now(),
    )
    return {"UserImportJob": describe(pool, job, clock.now())}


@operation("DescribeUserImportJob")
def describe_user_import_job(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return {"UserImportJob": describe(pool, find(pool, params["JobId"]), clock.now())}


@operation("StartUserImportJob")
def start_user_import_job(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    job = find(pool, params["JobId"])
    now = clock.now()
    start(pool, job, now)
    return {"UserImportJob": describe(pool, job, now)}


@operation("StopUserImportJob")
def stop_user_import_job(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    job = find(pool, params["JobId"])
    now = clock.now()
    job.settle(pool, now)  # the rows read before the stop are imported
    stop(job, now)
    return {"UserImportJob": describe(pool, job, now)}


@operation("ListUserImportJobs")
def list_user_import_jobs(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    newest_first = list(reversed(pool.import_jobs.values()))
    token = params.get("PaginationToken")
    jobs, token = page(newest_first, lambda j: j.id, token, params["MaxResults"])
    now = clock.now()
    out: Params = {"UserImportJobs": [describe(pool, job, now) for job in jobs]}
    if token:
        out["PaginationToken"] = token
    return out


# -- the presigned upload ------------------------------------------------------------------------


def _s3_error(error: UploadRefused) -> loopback.HttpResponse:
    details = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in error.details.items())
    request_id = uuid.uuid4().hex[:16].upper()
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{error.code}</Code><Message>{escape(error.message)}</Message>{details}"
        f"<RequestId>{request_id}</RequestId><HostId>{uuid.uuid4().hex}</HostId></Error>"
    )
    headers = {"Content-Type": "application/xml", "x-amz-request-id": request_id}
    return error.status, headers, body.encode()


def _job_path(fake: CognitoIdp, path: str) -> Optional[Tuple[str, str]]:
    """(userPoolId, jobId) of a path shaped /<accountId>/<userPoolId>/<jobId>, read without the
    fake's lock: other routes' paths (the JWKS's, say) must not wait on a call in progress."""
    parts = path.split("/")
    if len(parts) != 4 or parts[1] != fake.account_id:
        return None
    return parts[2], parts[3]


def _job_of(fake: CognitoIdp, path: str) -> Optional[ImportJob]:
    """The job of /<accountId>/<userPoolId>/<jobId> in ``fake`` (its lock held), if any."""
    found = _job_path(fake, path)
    if found is None:
        return None
    pool_id, job_id = found
    region = fake._backend.regions.get(pool_id.partition("_")[0])
    pool = region.pools.get(pool_id) if region is not None else None
    return pool.import_jobs.get(job_id) if pool is not None else None


def _put(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    """PUT /<accountId>/<userPoolId>/<jobId>: only jobs of the active fake are answered."""
    fake = _hook.active()
    if fake is None or _job_path(fake, request.path) is None:
        return None
    with fake._lock:  # the upload arrives on the server's thread
        job = _job_of(fake, request.path)
        if job is None:
            return None
        try:
            job.receive(request.body, request.query, request.headers, clock.now())
        except UploadRefused as error:
            return _s3_error(error)
    etag = '"' + hashlib.md5(request.body, usedforsecurity=False).hexdigest() + '"'
    return 200, {"ETag": etag, "x-amz-server-side-encryption": "aws:kms"}, b""


def _not_put(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    """Another method on a job's URL: the URL is signed for PUT, so S3 finds the signature
    wrong for it (403 SignatureDoesNotMatch), whatever the method."""
    fake = _hook.active()
    if fake is None or _job_path(fake, request.path) is None:
        return None
    with fake._lock:
        if _job_of(fake, request.path) is None:
            return None
    return _s3_error(UploadRefused("SignatureDoesNotMatch", SIGNATURE_MISMATCH))


loopback.route("PUT", "/", _put)
for _method in ("GET", "HEAD", "POST", "DELETE", "PATCH"):
    loopback.route(_method, "/", _not_put)
