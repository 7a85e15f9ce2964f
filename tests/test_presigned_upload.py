"""The presigned upload URL of an import job: a real HTTP PUT on the loopback server, S3-style."""

from __future__ import annotations

import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests

from pytest_cognito_idp import Clock, CognitoIdp, ImportJob, UploadRefused, fake_cognito_idp

pytestmark = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])

SSE = {"x-amz-server-side-encryption": "aws:kms"}
HEADER = (
    "cognito:username,name,given_name,family_name,middle_name,nickname,preferred_username,"
    "profile,picture,website,email,email_verified,gender,birthdate,zoneinfo,locale,"
    "phone_number,phone_number_verified,address,updated_at,cognito:mfa_enabled"
)
CSV = (
    f"{HEADER}\n"
    "John,,John,Doe,,,,,,,johndoe@example.com,TRUE,,02/01/1985,,,+12345550100,TRUE,"
    "123 Any Street,,FALSE\n"
    "Jane,,Jane,Roe,,,,,,,janeroe@example.com,TRUE,,01/01/1985,,,+12345550199,TRUE,"
    "100 Main Street,,FALSE\n"
).encode()


def put_urllib(url: str, data: bytes, headers: Dict[str, str]) -> Tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def tampered(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return parts._replace(query=urlencode(query)).geturl()


def error_code(body: bytes) -> Tuple[Optional[str], Optional[str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(body)
    return root.findtext("Code"), root.findtext("Message")


def test_upload_with_urllib(import_job: ImportJob) -> None:
    status, body = put_urllib(import_job.presigned_url, CSV, SSE)

    assert (status, body) == (200, b"")
    assert import_job.run() == "Succeeded"
    assert import_job.imported_users == 2


def test_upload_with_requests(import_job: ImportJob) -> None:
    response = requests.put(import_job.presigned_url, data=CSV, headers=SSE, timeout=10)

    assert response.status_code == 200
    assert response.headers["ETag"].startswith('"')
    assert response.headers["x-amz-server-side-encryption"] == "aws:kms"
    assert import_job.run() == "Succeeded"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_upload_with_curl(import_job: ImportJob, tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_bytes(CSV)

    # As the developer guide does it: curl -T, with the SSE header.
    done = subprocess.run(
        [
            "curl",
            "-sS",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-T",
            str(path),
            "-H",
            "x-amz-server-side-encryption:aws:kms",
            import_job.presigned_url,
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )

    assert done.stdout == "200"
    assert import_job.run() == "Succeeded"


def test_a_later_upload_replaces_the_file(import_job: ImportJob) -> None:
    put_urllib(import_job.presigned_url, b"not a csv", SSE)
    put_urllib(import_job.presigned_url, CSV, SSE)

    assert import_job.run() == "Succeeded"


def test_an_upload_without_the_encryption_header_is_denied(import_job: ImportJob) -> None:
    status, body = put_urllib(import_job.presigned_url, CSV, {})

    assert status == 403
    assert error_code(body) == ("AccessDenied", "Access Denied")
    assert import_job._state.csv is None


@pytest.mark.parametrize(
    "changes",
    [
        {"X-Amz-Signature": "0" * 64},
        {"X-Amz-Expires": "86400"},
        {"X-Amz-Date": "20991231T000000Z"},
    ],
)
def test_a_tampered_url_does_not_match_its_signature(
    import_job: ImportJob, changes: Dict[str, str]
) -> None:
    status, body = put_urllib(tampered(import_job.presigned_url, **changes), CSV, SSE)

    assert status == 403
    assert error_code(body) == (
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. "
        "Check your key and signing method.",
    )
    assert import_job._state.csv is None


def test_a_url_of_another_job_does_not_validate(
    cognito_idp: CognitoIdp, import_job: ImportJob
) -> None:
    other = import_job.pool.create_import_job("other")
    signature = dict(parse_qsl(urlsplit(other.presigned_url).query))["X-Amz-Signature"]

    status, body = put_urllib(
        tampered(import_job.presigned_url, **{"X-Amz-Signature": signature}), CSV, SSE
    )

    assert status == 403
    assert error_code(body)[0] == "SignatureDoesNotMatch"


@pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
def test_the_url_expires_after_15_minutes(cognito_clock: Clock, import_job: ImportJob) -> None:
    assert "X-Amz-Date=20240501T000000Z" in import_job.presigned_url
    cognito_clock.advance(seconds=899)
    assert put_urllib(import_job.presigned_url, CSV, SSE)[0] == 200

    cognito_clock.advance(seconds=1)
    status, body = put_urllib(import_job.presigned_url, b"other", SSE)

    assert status == 403
    assert error_code(body) == ("AccessDenied", "Request has expired")
    assert b"<X-Amz-Expires>899</X-Amz-Expires>" in body
    assert b"<Expires>2024-05-01T00:14:59Z</Expires>" in body
    assert b"<ServerTime>2024-05-01T00:15:00Z</ServerTime>" in body
    assert import_job._state.csv == CSV


@pytest.mark.cognito_clock("2024-05-01T00:00:00Z")
def test_upload_in_process_after_15_minutes_is_refused(
    cognito_clock: Clock, import_job: ImportJob
) -> None:
    cognito_clock.advance(minutes=15)

    with pytest.raises(UploadRefused) as excinfo:
        import_job.upload(CSV)

    assert (excinfo.value.code, excinfo.value.message) == ("AccessDenied", "Request has expired")
    assert isinstance(excinfo.value, PermissionError)


def test_upload_in_process_takes_str_bytes_and_rows(import_job: ImportJob) -> None:
    import_job.upload(CSV.decode())
    assert import_job._state.csv == CSV
    import_job.upload(CSV)
    assert import_job._state.csv == CSV
    import_job.upload(
        [
            {
                "cognito:username": "jo",
                "email": "jo@example.com",
                "email_verified": True,
                "cognito:mfa_enabled": False,
            }
        ]
    )
    assert import_job.run() == "Succeeded"
    assert import_job.log == ["[SUCCEEDED] Line Number 2 - The import succeeded."]


def test_only_the_active_fake_answers(import_job: ImportJob) -> None:
    url = import_job.presigned_url
    with fake_cognito_idp():  # another fake is now the active one
        status, _ = put_urllib(url, CSV, SSE)
    assert status == 404
    assert put_urllib(url, CSV, SSE)[0] == 200


def test_a_url_for_an_unknown_job_is_not_found(import_job: ImportJob) -> None:
    url = import_job.presigned_url.replace(import_job.id, "import-0000000000")
    assert put_urllib(url, CSV, SSE)[0] == 404


# -- what S3 refuses of the request itself ---------------------------------------------------------


def raw_put(url: str, head: Dict[str, str], body: bytes) -> Tuple[int, bytes]:
    """A PUT written by hand on a socket, the body sent as given (whatever Content-Length says)
    and then the sending side closed; the status and body of the answer."""
    parts = urlsplit(url)
    lines = [f"PUT {parts.path}?{parts.query} HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"{name}: {value}" for name, value in head.items()]
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def test_a_body_shorter_than_its_content_length_is_not_stored(import_job: ImportJob) -> None:
    status, body = raw_put(
        import_job.presigned_url, {**SSE, "Content-Length": str(len(CSV) + 10)}, CSV
    )

    assert status == 400
    assert error_code(body) == (
        "IncompleteBody",
        "You did not provide the number of bytes specified by the Content-Length HTTP header.",
    )
    assert import_job._state.csv is None


def test_a_content_length_over_5_gib_is_refused_before_the_body_is_read(
    import_job: ImportJob,
) -> None:
    proposed = 5 * 1024**3 + 1
    # Nothing of the body is sent: the answer comes from the headers alone.
    status, body = raw_put(import_job.presigned_url, {**SSE, "Content-Length": str(proposed)}, b"")

    assert status == 400
    assert error_code(body) == (
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed size",
    )
    assert f"<ProposedSize>{proposed}</ProposedSize>".encode() in body
    assert b"<MaxSizeAllowed>5368709120</MaxSizeAllowed>" in body
    assert import_job._state.csv is None


def test_a_malformed_content_length_is_a_bad_request(import_job: ImportJob) -> None:
    status, _ = raw_put(import_job.presigned_url, {**SSE, "Content-Length": "-1"}, CSV)
    assert status == 400
    assert import_job._state.csv is None


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE", "PATCH"])
def test_other_methods_on_the_put_url_do_not_match_its_signature(
    import_job: ImportJob, method: str
) -> None:
    response = requests.request(method, import_job.presigned_url, data=CSV, headers=SSE, timeout=10)

    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/xml"
    assert error_code(response.content)[0] == "SignatureDoesNotMatch"
    assert import_job._state.csv is None


def test_head_on_the_put_url_is_forbidden_without_a_body(import_job: ImportJob) -> None:
    response = requests.head(import_job.presigned_url, timeout=10)
    assert (response.status_code, response.content) == (403, b"")
