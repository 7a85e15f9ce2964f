"""The ``ImportJob`` handle: a user import job, its status read live."""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional

from .. import clock
from ..backend.imports import csv_file, jobs
from ..backend.model import pools
from ._handle import PoolPart


class ImportJob(PoolPart[jobs.ImportJob]):
    """A user import job: upload a file, start it, and watch it run on the fake's clock."""

    @property
    def presigned_url(self) -> str:
        return self._state.presigned_url

    def describe(self) -> dict[str, Any]:
        """The ``UserImportJob`` of ``DescribeUserImportJob`` now, in wire form."""
        described = self._pool._invoke("DescribeUserImportJob", JobId=self.id)
        return described["UserImportJob"]  # type: ignore[no-any-return]

    @property
    def status(self) -> str:
        return self.describe()["Status"]  # type: ignore[no-any-return]

    @property
    def imported_users(self) -> int:
        return self.describe()["ImportedUsers"]  # type: ignore[no-any-return]

    @property
    def skipped_users(self) -> int:
        return self.describe()["SkippedUsers"]  # type: ignore[no-any-return]

    @property
    def failed_users(self) -> int:
        return self.describe()["FailedUsers"]  # type: ignore[no-any-return]

    @property
    def completion_message(self) -> Optional[str]:
        return self.describe().get("CompletionMessage")

    @property
    def log(self) -> List[str]:
        """The job's CloudWatch lines so far, one per row read (the header is line 1)."""
        self.describe()
        return [str(entry) for entry in self._state.log]

    def upload(self, data: str | bytes | Iterable[Mapping[str, object]]) -> None:
        """Upload the CSV file as a PUT to ``presigned_url`` would: ``str``, ``bytes``, or rows
        as dicts (column -> value; booleans become TRUE/FALSE). Raises ``UploadRefused`` once
        the URL has expired."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        elif not isinstance(data, (bytes, bytearray)):
            data = csv_file.write_rows(data, self._state_pool())
        headers = {"x-amz-server-side-encryption": "aws:kms"}
        with self._pool._fake._state():
            self._state.receive(bytes(data), self._state.signed_query(), headers, clock.now())

    def start(self) -> None:
        """StartUserImportJob."""
        self._pool._invoke("StartUserImportJob", JobId=self.id)

    def stop(self) -> None:
        """StopUserImportJob."""
        self._pool._invoke("StopUserImportJob", JobId=self.id)

    def run(self) -> str:
        """Start the job if it is ``Created``, take it to its final status and return that.

        Under ``cognito_clock`` (or freezegun) time moves to the moment the job ends, so dates stay
        consistent; otherwise the remaining work is done at once.
        """
        if self.status == "Created":
            self.start()
        now = clock.now()
        if self._state.running(now):
            if clock.controlled():
                # A millisecond past the end, so rounding cannot leave the last row unread.
                clock.jump_to(self._state.final_time(now) + 0.001)
            else:
                self._state.rush(now)
        return self.status

    def _state_pool(self) -> pools.UserPool:
        return self._pool._state
