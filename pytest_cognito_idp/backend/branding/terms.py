"""Terms documents (terms of use, privacy policy) that managed login links from an app client's
sign-up page: one of each name per app client.

A ``LINK`` document needs its links, which must be https URLs (documented as URLs; the https
rule and the messages are unconfirmed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional
from urllib.parse import urlsplit

import attrs

from ...errors import InvalidParameterException, ResourceNotFoundException, TermsExistsException
from ..core import ids

if TYPE_CHECKING:
    from ..model.pools import UserPool


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


def find(pool: UserPool, terms_id: str) -> Terms:
    found = pool.terms.get(terms_id)
    if found is None or found.client_id not in pool.clients:
        raise ResourceNotFoundException(f"Terms {terms_id} does not exist.")  # unconfirmed
    return found


def _check_links(links: Optional[Dict[str, str]]) -> Dict[str, str]:
    if not links:
        raise InvalidParameterException("Links are required when TermsSource is LINK.")
    for language, url in links.items():
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.netloc:
            raise InvalidParameterException(f"The link for {language} is not a valid https URL.")
    return dict(links)


def _check_unique(pool: UserPool, client_id: str, name: str, other_than: str = "") -> None:
    for terms in pool.terms.values():
        if terms.client_id == client_id and terms.name == name and terms.id != other_than:
            raise TermsExistsException(
                f"Terms with name {name} already exist for client {client_id}."  # unconfirmed
            )


def create(
    pool: UserPool,
    client_id: str,
    name: str,
    source: str,
    enforcement: str,
    links: Optional[Dict[str, str]],
    now: float,
) -> Terms:
    """CreateTerms: the client's first document of that name."""
    links = _check_links(links)
    _check_unique(pool, client_id, name)
    terms = Terms(ids.uuid4(), client_id, name, source, enforcement, links, now, now)
    pool.terms[terms.id] = terms
    return terms


def update(
    pool: UserPool,
    terms: Terms,
    name: str,
    source: str,
    enforcement: str,
    links: Optional[Dict[str, str]],
    now: float,
) -> None:
    """UpdateTerms: a rename must keep the name unique for the client; ``links`` None keeps
    the document's links."""
    _check_unique(pool, terms.client_id, name, other_than=terms.id)
    links = _check_links(links) if links is not None else terms.links
    terms.name = name
    terms.source = source
    terms.enforcement = enforcement
    terms.links = links
    terms.last_modified = now


def delete(pool: UserPool, terms: Terms) -> None:
    del pool.terms[terms.id]


def of_client(pool: UserPool, client_id: str, name: str) -> Optional[Terms]:
    for terms in pool.terms.values():
        if terms.client_id == client_id and terms.name == name:
            return terms
    return None
