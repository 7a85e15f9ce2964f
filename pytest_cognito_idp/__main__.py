"""``python -m pytest_cognito_idp serve``: the fake as a server, outside pytest."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import List, Optional

from ._http.api_server import CognitoServer
from .fake import CognitoIdp


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pytest_cognito_idp")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", help="serve a fresh fake over HTTP until interrupted (Ctrl-C or SIGTERM)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port to listen on (default: any free)")
    serve.add_argument("--region", default="us-east-1", help="the server's region (us-east-1)")
    args = parser.parse_args(argv)

    fake = CognitoIdp(args.region)
    try:
        server = CognitoServer(fake, args.host, args.port)
    except OSError as error:
        parser.error(f"cannot listen on {args.host}:{args.port}: {error}")
    fake.start()
    server.start()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(f"pytest-cognito-idp serving cognito-idp at {server.url} (region {fake.region})")
    for name, value in server.env.items():
        print(f"export {name}={value}")
    sys.stdout.flush()
    while not stop.wait(0.5):
        pass
    server.stop()
    fake.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
