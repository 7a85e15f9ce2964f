"""Server mode: calls per second through ``python -m pytest_cognito_idp serve``, from one and from
four client processes, against moto's server (``moto_server``, from ``moto[server]``) answering
the same calls on the same machine. Each client process is a plain boto3 client with
``endpoint_url``: it pays for its own signing and parsing, as any other process would."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import boto3
from bench import RAW

ROOT = Path(__file__).resolve().parent.parent
CALLS = 400  # per client process: DescribeUserPool and AdminGetUser, alternating

# One client process: set up, warm up, wait for the common start, run, print when it ended.
_CLIENT = """
import sys, time, boto3
url, pool_id, start, calls = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
c = boto3.session.Session().client("cognito-idp", region_name="us-east-1", endpoint_url=url,
    aws_access_key_id="testing", aws_secret_access_key="testing")
for _ in range(10):
    c.describe_user_pool(UserPoolId=pool_id)
time.sleep(max(0.0, start - time.time()))
for i in range(calls // 2):
    c.describe_user_pool(UserPoolId=pool_id)
    c.admin_get_user(UserPoolId=pool_id, Username="jane")
print(time.time())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def _server(kind: str) -> Iterator[Optional[str]]:
    port = _free_port()
    if kind == "fake":
        command = [sys.executable, "-m", "pytest_cognito_idp", "serve", "--port", str(port)]
    else:
        moto_server = shutil.which("moto_server")
        if moto_server is None:
            yield None
            return
        command = [moto_server, "-p", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _calls_per_second(url: str, clients: int) -> float:
    setup = boto3.session.Session().client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    pool_id = setup.create_user_pool(PoolName="bench")["UserPool"]["Id"]
    setup.admin_create_user(UserPoolId=pool_id, Username="jane", MessageAction="SUPPRESS")
    start = time.time() + 3.0  # every process imported boto3 and warmed up by then
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _CLIENT, url, pool_id, repr(start), str(CALLS)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(clients)
    ]
    ends = [float(p.communicate(timeout=600)[0]) for p in processes]
    return clients * CALLS / (max(ends) - start)


def _server_mode() -> List[str]:
    lines = []
    for kind, label in (("fake", "pytest-cognito-idp serve"), ("moto", "moto_server")):
        rates = []
        for clients in (1, 4):
            with _server(kind) as url:
                rates.append(None if url is None else _calls_per_second(url, clients))
        shown = ", ".join(
            f"{n} client{'s' if n > 1 else ''} "
            + ("n/a (moto[server] not installed)" if r is None else f"{r:,.0f} calls/s")
            for n, r in zip((1, 4), rates)
        )
        lines.append(f"Server mode, {label} (DescribeUserPool + AdminGetUser): {shown}")
    return lines


RAW.append(_server_mode)
