"""The benchmark cases, one per figure the issues ask for."""

from __future__ import annotations

import time
from typing import Any, List

from bench import RAW, Workload, case

from pytest_cognito_idp import fake_cognito_idp


@case("CreateUserPool", target=1.3, units=20, moto_repeats=1)
def create_user_pool(client: Any) -> Workload:
    def work() -> None:
        for i in range(20):
            client.create_user_pool(PoolName=f"p{i}")

    return work


@case("DescribeUserPool", target=1.15, units=200)
def describe_user_pool(client: Any) -> Workload:
    pool_id = client.create_user_pool(PoolName="p")["UserPool"]["Id"]

    def work() -> None:
        for _ in range(200):
            client.describe_user_pool(UserPoolId=pool_id)

    return work


@case("ListUserPools (20 pools, MaxResults=10)", target=1.15, units=200)
def list_user_pools(client: Any) -> Workload:
    for i in range(20):
        client.create_user_pool(PoolName=f"p{i}")

    def work() -> None:
        for _ in range(200):
            client.list_user_pools(MaxResults=10)

    return work


def _enter_exit() -> List[str]:
    n = 2000
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            with fake_cognito_idp():
                pass
        best = min(best, time.perf_counter() - start)
    lines = [f"\nfake_cognito_idp() enter+exit: {best / n * 1e6:.1f} us (target < 100 us)"]
    try:
        from moto import mock_aws
    except ImportError:
        return lines
    m = 20
    start = time.perf_counter()
    for _ in range(m):
        with mock_aws():
            pass
    lines.append(f"moto mock_aws() enter+exit: {(time.perf_counter() - start) / m * 1e6:,.0f} us")
    return lines


RAW.append(_enter_exit)
