"""aiobotocore: the fake's cost per call against a canned aiobotocore floor, as the sync cases.

The floor is the same aiobotocore client with a ``before-send`` handler returning the very JSON
the fake answered, canned in an ``AioAWSResponse``: aiobotocore's own cost per call.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from typing import Any, Awaitable, Callable, Dict, List

from bench import RAW

from pytest_cognito_idp import fake_cognito_idp

CALLS = 200


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    async def read(self) -> bytes:
        return self.data


def _canned(bodies: Dict[str, bytes]) -> Callable[..., Any]:
    from aiobotocore.awsrequest import AioAWSResponse

    headers = {"x-amzn-RequestId": "0" * 36, "Content-Type": "application/x-amz-json-1.1"}

    def canned(request: Any, **_: Any) -> Any:
        target = request.headers["X-Amz-Target"]
        op = (target.decode() if isinstance(target, bytes) else target).rpartition(".")[2]
        return AioAWSResponse(request.url, 200, headers, _Body(bodies[op]))

    return canned


async def _best(work: Callable[[], Awaitable[None]]) -> float:
    gc.collect()
    start = time.perf_counter()
    await work()
    return time.perf_counter() - start


async def _measure(rounds: int = 8) -> tuple[float, float]:
    """Best times of the fake and of the floor, their rounds interleaved so load hits both."""
    from aiobotocore.session import get_session

    with fake_cognito_idp(region="us-east-1") as idp:
        pool_id = idp.create_pool().id
        async with (
            get_session().create_client("cognito-idp") as fake_client,
            get_session().create_client("cognito-idp") as floor_client,
        ):
            await fake_client.describe_user_pool(UserPoolId=pool_id)
            bodies = {"DescribeUserPool": json.dumps(idp.calls[-1].response).encode()}
            floor_client.meta.events.register(
                "before-send.cognito-identity-provider", _canned(bodies)
            )

            def work(client: Any) -> Callable[[], Awaitable[None]]:
                async def run() -> None:
                    for _ in range(CALLS):
                        await client.describe_user_pool(UserPoolId=pool_id)

                return run

            fake = floor = float("inf")
            for _ in range(rounds):
                fake = min(fake, await _best(work(fake_client)))
                idp.stop()  # the floor is botocore alone: no fake behind it
                try:
                    floor = min(floor, await _best(work(floor_client)))
                finally:
                    idp.start()
    return fake, floor


def _aiobotocore_describe() -> List[str]:
    try:
        import aiobotocore  # noqa: F401
    except ImportError:
        return ["\naiobotocore DescribeUserPool: n/a (aiobotocore is not installed)"]
    fake, floor = asyncio.run(_measure())
    label = "aiobotocore DescribeUserPool"
    return [
        f"\n{label:52} {floor / CALLS * 1e6:>8,.0f} us {fake / CALLS * 1e6:>8,.0f} us "
        f"{fake / floor:5.2f}x  (floor: the same aiobotocore client answered canned)"
    ]


RAW.append(_aiobotocore_describe)
