"""User import jobs: a CSV file uploaded to a presigned URL, imported row by row as time passes.

No thread runs a job. Its status is derived from the clock whenever it is read, on a fixed
timeline (chosen to be plausible; AWS publishes no figures):

* ``Created`` until StartUserImportJob; ``Expired`` if not started within 24 hours.
* ``Pending`` for ``PENDING_SECONDS`` after the start.
* ``InProgress`` while rows are imported at ``ROWS_PER_SECOND``, row *k* at
  ``start + PENDING_SECONDS + k / ROWS_PER_SECOND`` (which is also its user's creation date).
* ``Succeeded``, or ``Failed`` when more than ``FAILURE_SHARE`` of the rows failed or were
  skipped (AWS's threshold is unpublished; one failed row out of one fails the job, as observed),
  or when the file cannot be parsed (at the end of Pending).
* StopUserImportJob while Pending or InProgress: ``Stopping`` for ``STOPPING_SECONDS``, then
  ``Stopped``; rows imported before the stop stay, no further row is read.

The file is parsed once, at the start; rows are imported lazily, when a call reads or changes the
pool after their time has come (``settle``), so the work is linear in the rows and done once.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import math
import os
import time
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Tuple
from urllib.parse import parse_qsl, quote, urlencode

import attrs

from ... import clock
from ...errors import (
    CognitoError,
    PreconditionNotMetException,
    ResourceNotFoundException,
    UsernameExistsException,
)
from ..core.pending import Pending
from ..users import directory
from . import csv_file
from .csv_file import CsvFile, CsvFileError, RowFailed, UserRecord

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..state import Region

PENDING_SECONDS = 10.0
ROWS_PER_SECOND = 50.0
STOPPING_SECONDS = 5.0
EXPIRES_AFTER_SECONDS = 24 * 3600.0
URL_EXPIRES_SECONDS = 899  # X-Amz-Expires of the real URLs: valid for 15 minutes
FAILURE_SHARE = 0.1

SUCCEEDED_MESSAGE = "Import Job Completed Successfully."
TOO_MANY_FAILURES_MESSAGE = "Too many users have failed or been skipped during the import."
STOPPED_MESSAGE = "The Import Job was stopped by the developer."
EXPIRED_MESSAGE = "The user import job has expired."
IMPORTED_TEXT = "The import succeeded."
EXISTS_TEXT = "The user already exists."

RUNNING = ("Pending", "InProgress", "Stopping")
FINAL = ("Succeeded", "Failed", "Stopped", "Expired")

_ACCESS_KEY_ID = "ASIAQ3EGCOGNITOIMPRT"  # shaped like the STS key of the real URLs


class UploadRefused(PermissionError):
    """A presigned upload S3 would refuse: ``code``, ``message`` and HTTP ``status`` as S3 says
    (403 unless the body itself is at fault)."""

    def __init__(
        self,
        code: str,
        message: str,
        details: Optional[Dict[str, str]] = None,
        status: int = 403,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details or {}
        self.status = status


SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your key and signing method."
)
# S3's largest single PUT (5 GiB); a larger Content-Length is refused before the body is read.
MAX_UPLOAD_BYTES = 5 * 1024**3


class LogEntry(NamedTuple):
    """One CloudWatch line: ``[SUCCEEDED] Line Number 2 - The import succeeded.``

    A named tuple, not an attrs class: a large import keeps one per row, and tuples are both the
    cheapest to make and the smallest to keep.
    """

    outcome: str  # SUCCEEDED, SKIPPED or FAILED
    line: int
    text: str

    def __str__(self) -> str:
        if self.line == 0:  # about the whole file
            return f"[{self.outcome}] {self.text}"
        return f"[{self.outcome}] Line Number {self.line} - {self.text}"


@attrs.define(eq=False)
class ImportJob:
    id: str
    name: str
    pool_id: str
    role_arn: str
    created: float
    presigned_url: str
    url_path: str  # /<accountId>/<userPoolId>/<jobId>, as in S3
    # The URL's signature key; one per job, so a URL never validates for another job or fake.
    signing_key: bytes = attrs.field(repr=False)
    csv: Optional[bytes] = attrs.field(default=None, repr=False)
    started: Optional[float] = None
    stop_requested: Optional[float] = None
    # Set by a test helper with no controllable clock: all remaining work is done at that time.
    rushed: Optional[float] = None
    file: Optional[CsvFile] = attrs.field(default=None, repr=False)
    file_error: Optional[str] = None
    total: int = 0  # rows in the file
    done: int = 0  # rows processed so far
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    log: List[LogEntry] = attrs.field(factory=list, repr=False)

    # -- the timeline ---------------------------------------------------------------------------

    def _effective(self, now: float) -> float:
        """``now``, or the end of time once the job has been rushed to its end."""
        return math.inf if self.rushed is not None and now >= self.rushed else now

    def _first_row_at(self) -> float:
        assert self.started is not None
        return self.started + PENDING_SECONDS

    def rows_due(self, now: float) -> int:
        """How many rows have been read by ``now``."""
        if self.started is None:
            return 0
        moment = self._effective(now)
        if self.stop_requested is not None:
            moment = min(moment, self.stop_requested)
        elapsed = moment - self._first_row_at()
        if elapsed < 0:
            return 0
        if elapsed == math.inf:
            return self.total
        # Epoch floats carry about 0.2 µs of rounding: a row whose time is now must not be lost
        # to it, so row times are compared to within a microsecond.
        return min(self.total, int((elapsed + 1e-6) * ROWS_PER_SECOND))

    def status(self, now: float) -> str:
        if self.started is None:
            return "Expired" if now >= self.created + EXPIRES_AFTER_SECONDS else "Created"
        moment = self._effective(now)
        if self.stop_requested is not None:
            stopped = moment >= self.stop_requested + STOPPING_SECONDS
            return "Stopped" if stopped else "Stopping"
        if moment < self._first_row_at():
            return "Pending"
        if self.file_error is not None:
            return "Failed"
        if self.rows_due(now) < self.total:
            return "InProgress"
        return "Failed" if self._too_many_failures() else "Succeeded"

    def running(self, now: float) -> bool:
        return self.status(now) in RUNNING

    def _too_many_failures(self) -> bool:
        return (self.failed + self.skipped) > FAILURE_SHARE * self.total

    def completion(self, now: float) -> Tuple[Optional[float], Optional[str]]:
        """CompletionDate and CompletionMessage, once the job has reached a final status."""
        status = self.status(now)
        if status == "Expired":
            return self.created + EXPIRES_AFTER_SECONDS, EXPIRED_MESSAGE
        if status not in FINAL:
            return None, None
        if status == "Stopped":
            assert self.stop_requested is not None
            return self._capped(self.stop_requested + STOPPING_SECONDS), STOPPED_MESSAGE
        if self.file_error is not None:
            return self._capped(self._first_row_at()), self.file_error
        end = self._capped(self._row_time(self.total - 1) if self.total else self._first_row_at())
        return end, TOO_MANY_FAILURES_MESSAGE if status == "Failed" else SUCCEEDED_MESSAGE

    def _row_time(self, index: int) -> float:
        assert self.started is not None
        moment = self.started + PENDING_SECONDS + (index + 1) / ROWS_PER_SECOND
        return moment if self.rushed is None or moment < self.rushed else self.rushed

    def _capped(self, moment: float) -> float:
        return min(moment, self.rushed) if self.rushed is not None else moment

    def final_time(self, now: float) -> float:
        """When the job reaches its final status if nothing else happens (a running job)."""
        if self.stop_requested is not None:
            return self.stop_requested + STOPPING_SECONDS
        if self.file_error is not None or not self.total:
            return max(now, self._first_row_at())
        return max(now, self._row_time(self.total - 1))

    # -- changes --------------------------------------------------------------------------------

    def start(self, pool: UserPool, now: float) -> None:
        """Parse the uploaded file once and begin the timeline (the caller checked the status)."""
        assert self.csv is not None
        try:
            self.file = csv_file.parse_file(self.csv, pool)
            self.total = len(self.file.rows)
        except CsvFileError as error:
            self.file_error = str(error)
        self.csv = None  # parsed: the bytes are no longer needed
        self.started = now
        running_jobs.add(self)

    def stop(self, now: float) -> None:
        self.stop_requested = now

    def rush(self, now: float) -> None:
        """Finish whatever is left now (for a test helper when time cannot be moved)."""
        self.rushed = now

    def settle(self, pool: UserPool, now: float) -> None:
        """Import the rows whose time has come by ``now``; each row is read exactly once."""
        due = self.rows_due(now)
        if due > self.done:
            assert self.file is not None
            self._import_rows(pool, due)
        status = self.status(now)
        if status in FINAL:
            if status == "Failed" and self.file_error is not None and not self.log:
                # A file the job cannot read (over 100 MB or 500,000 users, not UTF-8...) fails
                # it when it would have started reading: the log says why, once, for the file
                # (the CompletionMessage says it too; the wording of both is unconfirmed).
                self.log.append(LogEntry("FAILED", 0, self.file_error))
            running_jobs.discard(self)
            self.file = None  # every row the job will read has been read

    def _import_rows(self, pool: UserPool, due: int) -> None:
        # A batch creates several objects per user and no reference cycles: the cyclic garbage
        # collector would only rescan the growing user set again and again (a third of the time
        # for 100,000 users), so it is paused for large batches and resumed afterwards.
        paused = due - self.done > 1000 and gc.isenabled()
        if paused:
            gc.disable()
        try:
            self._import_batch(pool, due)
        finally:
            if paused:
                gc.enable()

    def _import_batch(self, pool: UserPool, due: int) -> None:
        file = self.file
        assert file is not None
        reader, rows, log = csv_file.RowReader(file.columns, pool), file.rows, self.log
        row_time = self._row_time
        for index in range(self.done, due):
            number, line = rows[index]
            try:
                record = reader.read(line)
                created = _import_user(pool, record, row_time(index))
            except RowFailed as failure:
                self.failed += 1
                log.append(LogEntry("FAILED", number, str(failure)))
                continue
            except CognitoError as error:
                self.failed += 1
                log.append(LogEntry("FAILED", number, error.message.strip()))
                continue
            if created:
                self.imported += 1
                log.append(LogEntry("SUCCEEDED", number, IMPORTED_TEXT))
            else:
                self.skipped += 1
                log.append(LogEntry("SKIPPED", number, EXISTS_TEXT))
        self.done = due

    # -- the presigned URL ----------------------------------------------------------------------

    def receive(
        self, data: bytes, query: Dict[str, str], headers: Dict[str, str], now: float
    ) -> None:
        """A PUT to the presigned URL: store ``data`` as the job's file (a later PUT replaces
        it, as in S3) or raise ``UploadRefused`` as S3 would."""
        self.check_upload(query, headers, now)
        _check_body(data, headers.get("content-length"))
        self.csv = data

    def check_upload(self, query: Dict[str, str], headers: Dict[str, str], now: float) -> None:
        """Refuse an upload as S3 would: a bad signature, an expired URL, no SSE header."""
        given = query.get("X-Amz-Signature", "")
        expected = _signature(self.signing_key, self.url_path, query)
        if not hmac.compare_digest(given, expected):
            raise UploadRefused("SignatureDoesNotMatch", SIGNATURE_MISMATCH)
        expires = self.created + URL_EXPIRES_SECONDS
        if now > expires:
            raise UploadRefused(
                "AccessDenied",
                "Request has expired",
                {
                    "X-Amz-Expires": str(URL_EXPIRES_SECONDS),
                    "Expires": _iso(expires),
                    "ServerTime": _iso(now),
                },
            )
        if headers.get("x-amz-server-side-encryption") != "aws:kms":
            raise UploadRefused("AccessDenied", "Access Denied")

    def signed_query(self) -> Dict[str, str]:
        """The query of the job's own URL (what an in-process upload presents)."""
        return dict(parse_qsl(self.presigned_url.split("?", 1)[1], keep_blank_values=True))


def _check_body(data: bytes, content_length: Optional[str]) -> None:
    """S3's 400s for the body: over 5 GiB (observed: "Your proposed upload exceeds the maximum
    allowed size", with ProposedSize and MaxSizeAllowed), or shorter than its Content-Length
    (S3's error table: IncompleteBody). Nothing is stored either way."""
    if content_length is None or not content_length.isdigit():
        return  # an in-process upload: the body is whole
    declared = int(content_length)
    if declared > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
            {"ProposedSize": str(declared), "MaxSizeAllowed": str(MAX_UPLOAD_BYTES)},
            status=400,
        )
    if len(data) < declared:
        raise UploadRefused(
            "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header.",
            status=400,
        )


def _import_user(pool: UserPool, record: UserRecord, at: float) -> bool:
    """Add the user a row describes, RESET_REQUIRED, created at ``at``; False if it exists."""
    try:
        user = directory.create_user(
            pool,
            record.username,
            record.attributes,
            status="RESET_REQUIRED",
            exists_message=EXISTS_TEXT,
            required_attributes=False,  # the row reader refused rows without them
        )
    except UsernameExistsException:
        return False
    # The creation date is the time the row was imported, not the time it was looked at.
    user.created = user.last_modified = at
    if record.mfa_enabled:
        user.mfa_enabled = {"SMS_MFA"}  # the flag predates TOTP: it means SMS MFA
    return True


# Jobs with rows still to read, across fakes; ``settle_imports`` catches them up before a call.
running_jobs: Pending[ImportJob] = Pending()


def settle_imports(region: Region) -> None:
    """Import every row of the region's running jobs whose time has come."""
    if not running_jobs:
        return
    now = clock.now()
    for job in running_jobs.alive():
        pool = region.pools.get(job.pool_id)
        if pool is not None and pool.import_jobs.get(job.id) is job:
            job.settle(pool, now)


def find(pool: UserPool, job_id: str) -> ImportJob:
    job = pool.import_jobs.get(job_id)
    if job is None:
        raise ResourceNotFoundException(f"Import job {job_id} does not exist.")
    return job


# Messages the fact sheet does not give (an unknown job, Start or Stop in the wrong status, a
# pool with no auto-verified attribute) are ours, worded like the observed "No csv file was
# uploaded for <jobId>" (unconfirmed).


def start(pool: UserPool, job: ImportJob, now: float) -> None:
    """StartUserImportJob: a ``Created`` job with its file, in a pool that verifies users."""
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


def stop(pool: UserPool, job: ImportJob, now: float) -> None:
    """StopUserImportJob: a ``Pending`` or ``InProgress`` job stops; the rows read before the
    stop are imported."""
    job.settle(pool, now)
    status = job.status(now)
    if status not in ("Pending", "InProgress"):
        raise PreconditionNotMetException(
            f"Import job {job.id} cannot be stopped because its status is {status}."
        )
    job.stop(now)


def create(
    pool: UserPool, job_id: str, name: str, role_arn: str, base_url: str, now: float
) -> ImportJob:
    """A ``Created`` job with its presigned upload URL (signed at ``now``, valid 899 s)."""
    key = os.urandom(32)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    params = {
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Date": stamp,
        "X-Amz-SignedHeaders": "host;x-amz-server-side-encryption",
        "X-Amz-Expires": str(URL_EXPIRES_SECONDS),
        "X-Amz-Credential": f"{_ACCESS_KEY_ID}/{stamp[:8]}/{pool.region}/s3/aws4_request",
    }
    path = f"/{pool.account_id}/{pool.id}/{job_id}"
    params["X-Amz-Signature"] = _signature(key, path, params)
    url = f"{base_url}{path}?{urlencode(params, quote_via=quote, safe='')}"
    job = ImportJob(job_id, name, pool.id, role_arn, now, url, path, key)
    pool.import_jobs[job_id] = job
    return job


def _signature(key: bytes, path: str, params: Dict[str, str]) -> str:
    canonical = (
        "PUT\n"
        + path
        + "\n"
        + "&".join(
            f"{name}={value}" for name, value in sorted(params.items()) if name != "X-Amz-Signature"
        )
    )
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
