"""The default region: the one the code under test's own clients would use.

A developer's shell usually names a region (``AWS_DEFAULT_REGION``, ``AWS_REGION`` or the
profile's ``region``); an app client created from it and a fixture pool created elsewhere would
not see each other, as AWS keeps state per region. So the fake's default region is the
environment's, and ``us-east-1`` only when nothing names one.
"""

from __future__ import annotations

import functools
import os
from typing import Optional

FALLBACK = "us-east-1"


def from_environment() -> Optional[str]:
    """The region the environment names, or None.

    ``AWS_DEFAULT_REGION`` first, as botocore reads it and ignores ``AWS_REGION``; then
    ``AWS_REGION`` (Lambda's variable, which apps read themselves); then the profile's region.
    """
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return _profile_region(os.environ.get("AWS_PROFILE"), os.environ.get("AWS_CONFIG_FILE"))


@functools.lru_cache(maxsize=8)
def _profile_region(profile: Optional[str], config_file: Optional[str]) -> Optional[str]:
    # Reading the config file costs a session: once per profile and file, not once per test.
    import botocore.exceptions
    import botocore.session

    try:
        region = botocore.session.Session().get_config_variable("region")
    except botocore.exceptions.BotoCoreError:  # a profile named but missing: no region from it
        return None
    return str(region) if region else None


def default() -> str:
    return from_environment() or FALLBACK
