"""Client ID metadata document (CIMD) policies: which https URLs an external OAuth client may
present as its ``client_id``, the app client whose settings bound it, and the documents Amazon
Cognito has cached from those URLs.

A document is received when ``/oauth2/authorize`` is called with a matching URL as the client ID
(``receive``). The fake serves no authorization endpoint and fetches nothing: ``receive`` records
the URL and its cache times as the service would, so the cache can be listed, refreshed and
invalidated.
"""

from __future__ import annotations

import functools
import re
import string
from typing import TYPE_CHECKING, Dict, List, Optional, Pattern

import attrs

from ...errors import CachedCIMDURLDoesNotExistException, ResourceNotFoundException
from ..core import ids

if TYPE_CHECKING:
    from ..model.pools import UserPool

DEFAULT_CACHE_SECONDS = 86400  # documented default CacheDuration
# A document's own Cache-Control max-age wins when it lies in this range (documented).
MAX_AGE_RANGE = (86400, 31556952)


@attrs.define
class CachedDocument:
    url: str
    cached: Optional[float]  # None once invalidated
    expires: Optional[float]


@attrs.define
class CIMDPolicy:
    id: str
    client_id: str
    name: str
    cache_duration: int
    url_patterns: List[str]
    created: float
    last_modified: float
    # Documents received through URLs matching the policy, in the order first received.
    documents: Dict[str, CachedDocument] = attrs.field(factory=dict)

    def matches(self, url: str) -> bool:
        return any(_pattern(p).fullmatch(url) for p in self.url_patterns)


@functools.lru_cache(maxsize=256)
def _pattern(pattern: str) -> Pattern[str]:
    # ``*`` stands for any run of characters within one host label or path segment, so a
    # pattern cannot be widened to another host (the service's exact rule is unconfirmed).
    return re.compile("[^/]*".join(re.escape(part) for part in pattern.split("*")))


def policy_of(pool: UserPool, policy_id: str) -> CIMDPolicy:
    found = pool.cimd_policies.get(policy_id)
    if found is None:
        raise ResourceNotFoundException(f"CIMD policy {policy_id} does not exist.")  # unconfirmed
    return found


def create_policy(
    pool: UserPool,
    client_id: str,
    name: str,
    cache_duration: Optional[int],
    url_patterns: List[str],
    now: float,
) -> CIMDPolicy:
    """CreateCIMDPolicy; an omitted ``cache_duration`` is the default (a day)."""
    policy = CIMDPolicy(
        id=ids.pick(string.ascii_lowercase + string.digits, 26),  # length unconfirmed
        client_id=client_id,
        name=name,
        cache_duration=DEFAULT_CACHE_SECONDS if cache_duration is None else cache_duration,
        url_patterns=list(url_patterns),
        created=now,
        last_modified=now,
    )
    pool.cimd_policies[policy.id] = policy
    return policy


def update_policy(
    policy: CIMDPolicy,
    client_id: str,
    name: Optional[str],
    cache_duration: Optional[int],
    url_patterns: List[str],
    now: float,
) -> None:
    """UpdateCIMDPolicy; an omitted name or CacheDuration keeps the current one (documented for
    CacheDuration)."""
    policy.client_id = client_id
    if name is not None:
        policy.name = name
    if cache_duration is not None:
        policy.cache_duration = cache_duration
    policy.url_patterns = list(url_patterns)
    policy.last_modified = now


def delete_policy(pool: UserPool, policy: CIMDPolicy) -> None:
    del pool.cimd_policies[policy.id]


def receive(
    pool: UserPool, url: str, now: float, max_age: Optional[int] = None
) -> Optional[CIMDPolicy]:
    """An authorization request named ``url`` as its client ID: cache its document under the
    first policy whose patterns match it, and return that policy (None if none matches)."""
    for policy in pool.cimd_policies.values():
        if policy.matches(url):
            _cache(policy, url, now, max_age)
            return policy
    return None


def _cache(policy: CIMDPolicy, url: str, now: float, max_age: Optional[int] = None) -> None:
    low, high = MAX_AGE_RANGE
    seconds = max_age if max_age is not None and low <= max_age <= high else policy.cache_duration
    policy.documents[url] = CachedDocument(url, now, now + seconds)


def refresh(policy: CIMDPolicy, url: str, now: float) -> None:
    """Retrieve the document again: it is cached anew from ``now``."""
    _cached(policy, url)
    _cache(policy, url, now)


def invalidate(policy: CIMDPolicy, url: str) -> None:
    """Drop the cached document; the URL stays known to the policy."""
    document = _cached(policy, url)
    document.cached = document.expires = None


def _cached(policy: CIMDPolicy, url: str) -> CachedDocument:
    found = policy.documents.get(url)
    if found is None or found.cached is None:
        # Wording unconfirmed.
        raise CachedCIMDURLDoesNotExistException(
            f"No cached client metadata document exists for URL {url}."
        )
    return found
