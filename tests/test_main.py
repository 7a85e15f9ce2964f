"""``python -m pytest_cognito_idp serve``: a server outside pytest, stopped by a signal."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import pytest

from tests._http.conftest import Api


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_its_url_and_environment_answers_and_stops_cleanly(
    stop_with: signal.Signals,
) -> None:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest_cognito_idp",
            "serve",
            "--port",
            "0",
            "--region",
            "eu-west-1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        url = banner.split(" at ")[1].split()[0]
        exports = [server.stdout.readline().strip() for _ in range(5)]
        created = Api(url).call("CreateUserPool", {"PoolName": "p"}, region="eu-west-1")
        listed = Api(url).call("ListUserPools", {"MaxResults": 5}, region="eu-west-1")
    finally:
        server.send_signal(stop_with)
        out, err = server.communicate(timeout=30)

    assert banner == f"pytest-cognito-idp serving cognito-idp at {url} (region eu-west-1)\n"
    assert url.startswith("http://127.0.0.1:")
    assert exports == [
        f"export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER={url}",
        "export AWS_ACCESS_KEY_ID=testing",
        "export AWS_SECRET_ACCESS_KEY=testing",
        "export AWS_REGION=eu-west-1",
        "export AWS_DEFAULT_REGION=eu-west-1",
    ]
    assert created.status_code == 200
    assert [p["Name"] for p in listed.json()["UserPools"]] == ["p"]
    assert (server.returncode, out, err) == (0, "stopped\n", "")


def test_serve_needs_a_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest_cognito_idp"], capture_output=True, text=True, timeout=30
    )

    assert done.returncode == 2
    assert "the following arguments are required: command" in done.stderr


def test_serve_says_when_it_cannot_listen() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "pytest_cognito_idp", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )

    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}: [Errno 98] Address already in use" in done.stderr
