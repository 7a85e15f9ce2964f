"""Identifiers and generated passwords."""

from __future__ import annotations

import os
import uuid

import pytest

from pytest_cognito_idp.backend.core import ids
from pytest_cognito_idp.backend.model.pools import PasswordPolicy
from pytest_cognito_idp.backend.users import directory


def test_uuids_are_random_version_4() -> None:
    made = [ids.uuid4() for _ in range(2000)]
    assert len(set(made)) == len(made)
    for text in made[:200]:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, text)


def test_request_ids_are_uuid_shaped_and_never_repeat() -> None:
    made = [ids.request_id() for _ in range(1000)]
    assert len(set(made)) == len(made)
    assert all(str(uuid.UUID(text)) == text for text in made)


@pytest.mark.parametrize(
    "policy",
    [
        PasswordPolicy(),
        PasswordPolicy(minimum_length=6),
        PasswordPolicy(minimum_length=32),
        PasswordPolicy(minimum_length=99, require_symbols=False),
    ],
)
def test_temporary_passwords_meet_the_policy_they_are_made_for(policy: PasswordPolicy) -> None:
    # AdminCreateUser skips the policy check for the passwords it generates: they must pass it.
    for _ in range(500):
        password = directory.temporary_password(policy)
        policy.check(password)
        assert len(password) == max(policy.minimum_length, 8)


def test_temporary_passwords_use_the_whole_alphabet() -> None:
    seen = set("".join(directory.temporary_password(PasswordPolicy()) for _ in range(2000)))
    assert len(seen) > 60


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_process_draws_its_own_ids_and_passwords() -> None:
    ids.uuid4()  # batches made in this process before the fork
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.write(writer, f"{ids.uuid4()} {directory.temporary_password(PasswordPolicy())}".encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(reader, 200).decode().split()
    ours = [ids.uuid4(), directory.temporary_password(PasswordPolicy())]
    assert child[0] != ours[0] and child[1] != ours[1]
