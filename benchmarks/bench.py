"""Side-by-side cost of pytest-cognito-idp, botocore's floor, and moto (when installed).

The floor is botocore itself: the same client, with a ``before-send`` handler that returns the
very JSON the fake answered, canned. Each case runs its workload on the three, in one process,
the fake and the floor interleaved round by round; it prints the median cost per unit of each,
the median of the per-round ratios (fake / floor) and their range over the rounds, and the median
ratio of the process's CPU time (which load from other processes on the machine moves less).
Server mode (``server_mode.py``) prints calls per second through ``python -m pytest_cognito_idp
serve`` from one and four client processes, beside ``moto_server`` (``moto[server]``).

    python benchmarks/bench.py            # every case
    python benchmarks/bench.py -k Users   # cases whose name contains "Users"
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

# The working tree's package, whatever copy is installed, and the cases beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import boto3
from botocore.awsrequest import AWSResponse

from pytest_cognito_idp import fake_cognito_idp

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

Workload = Callable[[], Any]


class Env:
    """Where a case runs: ``kind`` is "fake", "floor" or "moto"; ``idp`` is the fake's
    CognitoIdp on the fake only (so bulk set-up can skip the wire: it is not what is timed)."""

    def __init__(self, kind: str, client: Any, idp: Any = None) -> None:
        self.kind, self.client, self.idp = kind, client, idp


# A case builds its workload from an Env; one run of the workload does `units` units of work.
Setup = Callable[[Env], Workload]


class Case:
    def __init__(
        self,
        name: str,
        setup: Setup,
        units: int = 1,
        target: Optional[float] = None,
        unit: str = "call",
        moto: bool = True,
        repeats: int = 9,
        moto_repeats: int = 2,
    ) -> None:
        self.name, self.setup, self.units, self.target = name, setup, units, target
        self.unit, self.moto, self.repeats, self.moto_repeats = unit, moto, repeats, moto_repeats


CASES: List[Case] = []
RAW: List[Callable[[], List[str]]] = []  # cases that are not per-call comparisons


def case(name: str, **kw: Any) -> Callable[[Setup], Setup]:
    def register(fn: Setup) -> Setup:
        CASES.append(Case(name, fn, **kw))
        return fn

    return register


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self, **_: Any) -> Any:
        yield self.data


def _canned_client(bodies: Dict[str, bytes]) -> Any:
    client = boto3.session.Session().client("cognito-idp", region_name="us-east-1")
    headers = {"x-amzn-RequestId": "0" * 36, "Content-Type": "application/x-amz-json-1.1"}

    def canned(request: Any, **_: Any) -> AWSResponse:
        target = request.headers["X-Amz-Target"]
        op = (target.decode() if isinstance(target, bytes) else target).rpartition(".")[2]
        return AWSResponse(request.url, 200, headers, _Body(bodies[op]))

    client.meta.events.register("before-send.cognito-identity-provider", canned)
    return client


def _best(work: Workload, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _timed(work: Workload) -> tuple[float, float]:
    """Wall-clock and CPU (this process's) seconds of one run of ``work``."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def _fake_and_floor(c: Case) -> tuple[float, float, List[float], List[float]]:
    """Median times of the fake and of the floor, and the ratio of each round: the two run
    one after the other in every round, so load on the machine hits both alike."""
    with fake_cognito_idp() as idp:
        fake_work = c.setup(Env("fake", idp.client(), idp))
        fake_work()  # warm up, and leave the responses to can (the first of each operation)
        bodies: Dict[str, bytes] = {}
        for call in idp.calls:
            if call.response is not None:
                bodies.setdefault(call.operation, json.dumps(call.response).encode())
        with _inactive(idp):
            floor_work = c.setup(Env("floor", _canned_client(bodies)))
            floor_work()
        fakes: List[tuple[float, float]] = []
        floors: List[tuple[float, float]] = []
        for _ in range(c.repeats):
            fakes.append(_timed(fake_work))
            with _inactive(idp):
                floors.append(_timed(floor_work))
    ratios = sorted(f[0] / b[0] for f, b in zip(fakes, floors))
    cpu_ratios = sorted(f[1] / b[1] for f, b in zip(fakes, floors))
    fake = statistics.median(f[0] for f in fakes)
    return fake, statistics.median(b[0] for b in floors), ratios, cpu_ratios


@contextlib.contextmanager
def _inactive(idp: Any) -> Iterator[None]:
    idp.stop()
    try:
        yield
    finally:
        idp.start()


def _time_moto(c: Case) -> Optional[float]:
    try:
        from moto import mock_aws
    except ImportError:
        return None
    with mock_aws():
        client = boto3.session.Session().client("cognito-idp", region_name="us-east-1")
        try:
            work = c.setup(Env("moto", client))
            work()
            return _best(work, c.moto_repeats)
        except Exception:
            return None


def _fmt(seconds: Optional[float], units: int) -> str:
    if seconds is None:
        return "n/a"
    us = seconds / units * 1e6
    return f"{us:,.0f} us" if us >= 10 else f"{us:.1f} us"


def run(selected: List[Case], with_moto: bool) -> None:
    header = (
        f"{'case':52} {'floor':>11} {'fake':>11} {'ratio':>6} {'range':>11} {'cpu':>6} "
        f"{'target':>7} {'moto':>12} {'moto/floor':>10}"
    )
    print(header)
    print("-" * len(header))
    # The fake and the floor first, every case; moto afterwards, as its state, once used, weighs
    # on whatever runs next in the process.
    measured = [(c, *_fake_and_floor(c)) for c in selected]
    raw_lines = [line for raw in RAW for line in raw()]
    for c, fake, floor, ratios, cpu_ratios in measured:
        moto = _time_moto(c) if with_moto and c.moto else None
        ratio = statistics.median(ratios)
        spread = f"{ratios[0]:.2f}-{ratios[-1]:.2f}"
        target = f"{c.target:.2f}x" if c.target else ""
        flag = "" if not c.target or ratio <= c.target else " !"
        moto_ratio = f"{moto / floor:,.1f}x" if moto else "n/a"
        label = f"{c.name} (per {c.unit})" if c.units > 1 else c.name
        print(
            f"{label:52} {_fmt(floor, c.units):>11} {_fmt(fake, c.units):>11} "
            f"{ratio:5.2f}x {spread:>11} {statistics.median(cpu_ratios):5.2f}x {target:>7} "
            f"{_fmt(moto, c.units):>12} "
            f"{moto_ratio:>10}{flag}",
            flush=True,
        )
    for line in raw_lines:
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-k", default="", help="only cases whose name contains this")
    parser.add_argument("--no-moto", action="store_true", help="skip moto even if installed")
    parser.add_argument(
        "--no-raw", action="store_true", help="skip the cases that are not per call"
    )
    args = parser.parse_args()
    # The cases register themselves in the `bench` module they import (this file run as a script
    # is `__main__`, a different module object), so run through that one.
    import bench
    import cases  # noqa: F401
    import cases_async  # noqa: F401
    import server_mode  # noqa: F401

    if args.no_raw:
        bench.RAW.clear()
    bench.run([c for c in bench.CASES if args.k in c.name], not args.no_moto)


if __name__ == "__main__":
    main()
