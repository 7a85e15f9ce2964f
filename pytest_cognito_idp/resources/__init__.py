"""Handles on the fake's state for tests: ``UserPool``, ``AppClient``, ``User``, ``ImportJob``.

A handle reads the backend live (``status`` is always current) and changes it through the same
operations a boto3 client would call, so a helper can never do what the service would refuse.
"""

from __future__ import annotations

from .client import AppClient
from .import_job import ImportJob
from .pool import SignInChallenge, UserPool
from .user import User

__all__ = ["AppClient", "ImportJob", "SignInChallenge", "User", "UserPool"]
