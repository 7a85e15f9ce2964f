"""Users' per-user containers, made on first use."""

from __future__ import annotations

from pytest_cognito_idp.backend.model.users import User


def make_user(**kw: object) -> User:
    return User(username="u", sub="s", created=0.0, last_modified=0.0, **kw)  # type: ignore[arg-type]


def test_containers_are_made_on_first_use_and_kept() -> None:
    user = make_user()
    assert user._passkeys is None and user._groups is None
    user.passkeys["id"] = None  # type: ignore[assignment]
    user.groups.add("admins")
    user.auth_events.append(None)  # type: ignore[arg-type]
    assert user.passkeys == {"id": None}
    assert user.groups == {"admins"}
    assert len(user.auth_events) == 1
    assert make_user().codes == {} and make_user().identities == []


def test_containers_can_be_given_and_replaced() -> None:
    user = make_user(groups={"readers"}, password_history=["old"], mfa_enabled={"SMS_MFA"})
    assert user.groups == {"readers"}
    assert user.password_history == ["old"]
    user.pending_attributes = {"email": "new@example.com"}
    user.mfa_enabled = set()
    assert user.pending_attributes == {"email": "new@example.com"}
    assert user.mfa_enabled == set()
