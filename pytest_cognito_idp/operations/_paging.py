"""One pagination mechanism for every List operation.

A token names the offset of the next item and that item's key. Resuming slices from the offset in
C (``itertools.islice``) and checks the key; only if the collection changed underneath does it
search for the key. Paging through N items therefore costs O(N) overall, as it should.
"""

from __future__ import annotations

import base64
import itertools
import json
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, TypeVar

from ..errors import InvalidParameterException

T = TypeVar("T")


def _encode(offset: int, key: str) -> str:
    raw = json.dumps([offset, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode(token: str) -> Tuple[int, str]:
    try:
        offset, key = json.loads(base64.urlsafe_b64decode(token.encode()))
        if isinstance(offset, int) and isinstance(key, str) and offset >= 0:
            return offset, key
    except ValueError:
        pass
    raise InvalidParameterException("Invalid pagination token.")


def page(
    items: Iterable[T],
    key: Callable[[T], str],
    token: Optional[str],
    limit: int,
) -> Tuple[List[T], Optional[str]]:
    """One page of at most ``limit`` items from ``items``, and the token for the next, if any."""
    offset = 0
    if token:
        offset, first = _decode(token)
        head = list(itertools.islice(items, offset, offset + 1))
        if not head or key(head[0]) != first:
            # The collection changed since the token was made: find the item by its key.
            found = next((i for i, item in enumerate(items) if key(item) == first), None)
            if found is None:
                raise InvalidParameterException("Invalid pagination token.")
            offset = found
    window = list(itertools.islice(items, offset, offset + limit + 1))
    if len(window) > limit:
        return window[:limit], _encode(offset + limit, key(window[limit]))
    return window, None


def listed(
    name: str,
    items: Iterable[T],
    key: Callable[[T], str],
    shape: Callable[[T], Dict[str, Any]],
    token: Optional[str],
    limit: int,
) -> Dict[str, Any]:
    """A List operation's response: one page of ``items``, each shaped, under ``name``, and
    ``NextToken`` when more follow."""
    found, next_token = page(items, key, token, limit)
    out: Dict[str, Any] = {name: [shape(item) for item in found]}
    if next_token:
        out["NextToken"] = next_token
    return out
