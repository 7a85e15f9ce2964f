"""Every message Cognito would have sent, with the code in it, so a test can read it."""

from __future__ import annotations

from typing import Iterator, List, Optional

import attrs


@attrs.frozen
class Message:
    """One email or SMS: ``destination`` is the real address; responses only show it masked."""

    pool_id: str
    username: str
    medium: str  # "EMAIL" or "SMS"
    destination: str
    # "SignUp", "ResendCode", "ForgotPassword", "AdminCreateUser", "VerifyUserAttribute",
    # "UpdateUserAttribute" or "Authentication" (the CustomMessage trigger sources' suffixes).
    kind: str
    code: Optional[str]
    subject: Optional[str]
    body: str
    at: float = 0.0


class Outbox:
    """The messages of one fake, oldest first."""

    def __init__(self) -> None:
        self._messages: List[Message] = []

    def append(self, message: Message) -> None:
        self._messages.append(message)

    def __iter__(self) -> Iterator[Message]:
        return iter(list(self._messages))

    def __len__(self) -> int:
        return len(self._messages)

    def __getitem__(self, i: int) -> Message:
        return self._messages[i]

    def __repr__(self) -> str:
        return f"Outbox({self._messages!r})"

    def clear(self) -> None:
        self._messages.clear()

    def last(self, username: Optional[str] = None, destination: Optional[str] = None) -> Message:
        """The newest message (to ``username`` and/or ``destination``, if given)."""
        __tracebackhide__ = True
        for message in reversed(self._messages):
            if username is not None and message.username != username:
                continue
            if destination is not None and message.destination != destination:
                continue
            return message
        wanted = ", ".join(
            f"{k}={v!r}" for k, v in (("username", username), ("destination", destination)) if v
        )
        sent = (
            "\n".join(
                f"  - {m.kind} {m.medium} to {m.destination} (user {m.username})"
                for m in self._messages
            )
            or "  (nothing was sent)"
        )
        raise LookupError(
            f"No message{' for ' + wanted if wanted else ''} in the outbox. Sent:\n{sent}"
        )


def mask_email(address: str) -> str:
    """``jane@example.com`` -> ``j***@e***``, as CodeDeliveryDetails shows it."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def mask_phone(number: str) -> str:
    """``+15555551234`` -> ``+*******1234``."""
    return "+" + "*" * max(len(number) - 5, 0) + number[-4:]
