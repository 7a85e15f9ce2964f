"""Terms documents (terms of use, privacy policy) that managed login links from an app client's
sign-up page: one of each name per app client."""

from __future__ import annotations

from typing import Dict

import attrs


@attrs.define
class Terms:
    id: str
    client_id: str
    name: str  # terms-of-use | privacy-policy
    source: str  # LINK
    enforcement: str  # NONE
    links: Dict[str, str]  # language ID (cognito:english, cognito:default...) -> URL
    created: float
    last_modified: float
