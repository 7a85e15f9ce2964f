"""User import jobs: GetCSVHeader, CreateUserImportJob, DescribeUserImportJob,
StartUserImportJob, StopUserImportJob, ListUserImportJobs; and the presigned upload, an S3-style
HTTP PUT on the plugin's loopback server.
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
from . import Context, Params, Result, operation
from ._paging import page

if TYPE_CHECKING:
    from ..backend.state import Backend


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
    job = import_jobs.find(pool, params["JobId"])
    return {"UserImportJob": describe(pool, job, clock.now())}


@operation("StartUserImportJob")
def start_user_import_job(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    job = import_jobs.find(pool, params["JobId"])
    now = clock.now()
    import_jobs.start(pool, job, now)
    return {"UserImportJob": describe(pool, job, now)}


@operation("StopUserImportJob")
def stop_user_import_job(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    job = import_jobs.find(pool, params["JobId"])
    now = clock.now()
    import_jobs.stop(pool, job, now)
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


def _job_path(account_id: str, path: str) -> Optional[Tuple[str, str]]:
    """(userPoolId, jobId) of a path shaped /<accountId>/<userPoolId>/<jobId>, read without the
    fake's lock: other routes' paths (the JWKS's, say) must not wait on a call in progress."""
    parts = path.split("/")
    if len(parts) != 4 or parts[1] != account_id:
        return None
    return parts[2], parts[3]


def _job_of(backend: Backend, account_id: str, path: str) -> Optional[ImportJob]:
    """The job of /<accountId>/<userPoolId>/<jobId> in the fake's state (its lock held), if
    any."""
    found = _job_path(account_id, path)
    if found is None:
        return None
    pool_id, job_id = found
    region = backend.regions.get(pool_id.partition("_")[0])
    pool = region.pools.get(pool_id) if region is not None else None
    return pool.import_jobs.get(job_id) if pool is not None else None


def _put(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    """PUT /<accountId>/<userPoolId>/<jobId>: only jobs of the active fake are answered."""
    fake = _hook.active()
    if fake is None or _job_path(fake.account_id, request.path) is None:
        return None
    with fake._state() as backend:  # the upload arrives on the server's thread
        job = _job_of(backend, fake.account_id, request.path)
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
    if fake is None or _job_path(fake.account_id, request.path) is None:
        return None
    with fake._state() as backend:
        if _job_of(backend, fake.account_id, request.path) is None:
            return None
    return _s3_error(UploadRefused("SignatureDoesNotMatch", SIGNATURE_MISMATCH))


loopback.route("PUT", "/", _put)
for _method in ("GET", "HEAD", "POST", "DELETE", "PATCH"):
    loopback.route(_method, "/", _not_put)
