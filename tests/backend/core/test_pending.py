"""Work still due across fakes, held weakly."""

from __future__ import annotations

import gc

from pytest_cognito_idp.backend.core.pending import Pending


class Job:
    pass


def test_an_added_object_is_pending_until_discarded() -> None:
    pending: Pending[Job] = Pending()
    assert not pending
    job = Job()
    pending.add(job)
    assert pending and pending.alive() == [job]
    pending.discard(job)
    assert not pending and pending.alive() == []


def test_an_object_nobody_holds_drops_out() -> None:
    pending: Pending[Job] = Pending()
    kept, dropped = Job(), Job()
    pending.add(kept)
    pending.add(dropped)
    del dropped
    gc.collect()
    assert pending.alive() == [kept] and len(pending) == 1


def test_discarding_while_walking_the_alive_list_is_safe() -> None:
    pending: Pending[Job] = Pending()
    jobs = [Job() for _ in range(3)]
    for job in jobs:
        pending.add(job)
    for job in pending.alive():
        pending.discard(job)
    assert not pending
