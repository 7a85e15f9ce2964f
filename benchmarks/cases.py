"""The benchmark cases, one per figure the issues ask for."""

from __future__ import annotations

import time
from typing import List

from bench import RAW, Env, Workload, case

from pytest_cognito_idp import fake_cognito_idp


@case("CreateUserPool", target=1.3, units=20, moto_repeats=1)
def create_user_pool(env: Env) -> Workload:
    client = env.client

    def work() -> None:
        for i in range(20):
            client.create_user_pool(PoolName=f"p{i}")

    return work


@case("DescribeUserPool", target=1.15, units=200)
def describe_user_pool(env: Env) -> Workload:
    client = env.client
    pool_id = client.create_user_pool(PoolName="p")["UserPool"]["Id"]

    def work() -> None:
        for _ in range(200):
            client.describe_user_pool(UserPoolId=pool_id)

    return work


@case("ListUserPools (20 pools, MaxResults=10)", target=1.15, units=200)
def list_user_pools(env: Env) -> Workload:
    client = env.client
    for i in range(20):
        client.create_user_pool(PoolName=f"p{i}")

    def work() -> None:
        for _ in range(200):
            client.list_user_pools(MaxResults=10)

    return work


def _pool_with_users(env: Env, count: int) -> str:
    """A pool of ``count`` users: made in the fake directly (it is the workload that is timed),
    through the client on moto, and not at all on the floor (its answers are canned)."""
    pool_id: str = env.client.create_user_pool(PoolName="users")["UserPool"]["Id"]
    if env.kind == "fake":
        pool = env.idp.pool(pool_id)
        for i in range(count):
            pool.create_user(f"user{i:05d}", attributes={"email": f"user{i:05d}@example.com"})
    elif env.kind == "moto":
        for i in range(count):
            env.client.admin_create_user(
                UserPoolId=pool_id,
                Username=f"user{i:05d}",
                MessageAction="SUPPRESS",
                UserAttributes=[{"Name": "email", "Value": f"user{i:05d}@example.com"}],
            )
    return pool_id


@case("AdminGetUser", target=1.15, units=200)
def admin_get_user(env: Env) -> Workload:
    client = env.client
    pool_id = _pool_with_users(env, 10)

    def work() -> None:
        for _ in range(200):
            client.admin_get_user(UserPoolId=pool_id, Username="user00005")

    return work


_created = iter(range(10**9))


@case("AdminCreateUser x 1,000", target=1.2, units=1000, moto_repeats=1, repeats=3)
def admin_create_user(env: Env) -> Workload:
    client = env.client
    pool_id = client.create_user_pool(PoolName="users")["UserPool"]["Id"]

    def work() -> None:
        for _ in range(1000):
            n = next(_created)
            client.admin_create_user(
                UserPoolId=pool_id,
                Username=f"new{n}",
                MessageAction="SUPPRESS",
                UserAttributes=[{"Name": "email", "Value": f"new{n}@example.com"}],
            )

    return work


@case("ListUsers, paging through 10,000 users", target=1.3, units=167, unit="page", repeats=3)
def list_users_paging(env: Env) -> Workload:
    client = env.client
    pool_id = _pool_with_users(env, 10_000)

    def work() -> None:
        token = None
        for _ in range(167):  # ceil(10,000 / 60); the floor answers the same page each time
            extra = {"PaginationToken": token} if token else {}
            page = client.list_users(UserPoolId=pool_id, Limit=60, **extra)
            token = page.get("PaginationToken")

    return work


@case("ListUsers, email = filter on 10,000 users", target=1.3, units=200, repeats=3)
def list_users_filter(env: Env) -> Workload:
    client = env.client
    pool_id = _pool_with_users(env, 10_000)

    def work() -> None:
        for i in range(200):
            client.list_users(UserPoolId=pool_id, Filter=f'email = "user{i * 37:05d}@example.com"')

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


@case("ListUserImportJobs (20 jobs, MaxResults=10)", target=1.15, units=200)
def list_user_import_jobs(env: Env) -> Workload:
    client = env.client
    pool_id = client.create_user_pool(PoolName="jobs", AutoVerifiedAttributes=["email"])[
        "UserPool"
    ]["Id"]
    role = "arn:aws:iam::123456789012:role/CognitoImport"
    for i in range(20):
        client.create_user_import_job(
            UserPoolId=pool_id, JobName=f"j{i}", CloudWatchLogsRoleArn=role
        )

    def work() -> None:
        for _ in range(200):
            client.list_user_import_jobs(UserPoolId=pool_id, MaxResults=10)

    return work


def _import_csv(rows: int) -> bytes:
    with fake_cognito_idp() as idp:
        pool = idp.create_pool(AutoVerifiedAttributes=["email"])
        header = idp.invoke("GetCSVHeader", {"UserPoolId": pool.id})["CSVHeader"]
    fixed = {
        "email_verified": "true",
        "cognito:mfa_enabled": "false",
        "phone_number_verified": "false",
    }
    lines = [",".join(header)]
    for i in range(rows):
        values = {
            **fixed,
            "cognito:username": f"user{i}",
            "email": f"user{i}@example.com",
            "name": f"User {i}",
        }
        lines.append(",".join(values.get(column, "") for column in header))
    return ("\n".join(lines) + "\n").encode()


def _import_100k() -> List[str]:
    import tracemalloc

    rows = 100_000
    data = _import_csv(rows)
    lines = [f"\nUser import, {rows:,} rows ({len(data) / 1e6:.1f} MB CSV), upload to Succeeded:"]
    best = float("inf")
    for _ in range(2):
        with fake_cognito_idp() as idp:
            job = idp.create_pool(AutoVerifiedAttributes=["email"]).create_import_job()
            start = time.perf_counter()
            job.upload(data)
            status = job.run()
            best = min(best, time.perf_counter() - start)
            assert status == "Succeeded" and job.imported_users == rows, (status, job.log[:3])
    lines.append(f"  {best:.2f} s, {rows / best:,.0f} rows/s (target at least 50,000 rows/s)")
    with fake_cognito_idp() as idp:
        job = idp.create_pool(AutoVerifiedAttributes=["email"]).create_import_job()
        tracemalloc.start()
        job.upload(data)
        job.run()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    lines.append(
        f"  memory: {current / 1e6:,.0f} MB held after the import ({current / rows:,.0f} bytes a "
        f"user), {peak / 1e6:,.0f} MB at peak"
    )
    return lines


RAW.append(_import_100k)
