"""Every operation has one kind (read, write, sign-in, recovery): the gates act on the kind."""

from __future__ import annotations

from pytest_cognito_idp.operations import DECLARED, load
from pytest_cognito_idp.operations._gates import READS, RECOVERY, SIGN_IN, WRITES

KINDS = {"read": READS, "write": WRITES, "sign-in": SIGN_IN, "recovery": RECOVERY}


def test_every_declared_operation_has_exactly_one_kind() -> None:
    load()
    kinds_of = {name: [k for k, names in KINDS.items() if name in names] for name in DECLARED}
    assert {name: kinds for name, kinds in kinds_of.items() if len(kinds) != 1} == {}


def test_the_kinds_name_only_declared_operations() -> None:
    load()
    assert set().union(*KINDS.values()) - DECLARED == set()


def test_reads_are_the_operations_that_change_nothing() -> None:
    # Spot checks of the table against the service's own naming, and its one exception.
    assert {"DescribeUserPool", "ListUsers", "AdminGetUser", "GetSigningCertificate"} <= READS
    assert "GetUserAttributeVerificationCode" in WRITES  # it sends a code
    assert {"InitiateAuth", "RevokeToken", "GlobalSignOut"} <= SIGN_IN
