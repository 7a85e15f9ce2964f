"""Terms documents: CreateTerms, DescribeTerms, DescribeTermsByClient, ListTerms, UpdateTerms,
DeleteTerms.

Each app client has at most one document of each name (``terms-of-use``, ``privacy-policy``);
a ``LINK`` document needs its links, which must be https URLs (documented as URLs; the https
rule and the messages are unconfirmed).
"""

from __future__ import annotations

from typing import Dict, Optional
from urllib.parse import urlsplit

from .. import clock
from .._wire import timestamp
from ..backend.branding.terms import Terms
from ..backend.core import ids
from ..backend.model.pools import UserPool
from ..errors import InvalidParameterException, ResourceNotFoundException, TermsExistsException
from . import Context, Params, Result, operation
from ._paging import page
from .clients import client_of

DEFAULT_PAGE = 60


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


def _terms(pool: UserPool, terms_id: str) -> Terms:
    found = pool.terms.get(terms_id)
    if found is None or found.client_id not in pool.clients:
        raise ResourceNotFoundException(f"Terms {terms_id} does not exist.")  # unconfirmed
    return found


def _describe(pool: UserPool, terms: Terms) -> Params:
    return {
        "Terms": {
            "TermsId": terms.id,
            "UserPoolId": pool.id,
            "ClientId": terms.client_id,
            "TermsName": terms.name,
            "TermsSource": terms.source,
            "Enforcement": terms.enforcement,
            "Links": dict(terms.links),
            "CreationDate": timestamp(terms.created),
            "LastModifiedDate": timestamp(terms.last_modified),
        }
    }


@operation("CreateTerms")
def create_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    links = _check_links(params.get("Links"))
    _check_unique(pool, client.id, params["TermsName"])
    now = clock.now()
    terms = Terms(
        id=ids.uuid4(),
        client_id=client.id,
        name=params["TermsName"],
        source=params["TermsSource"],
        enforcement=params["Enforcement"],
        links=links,
        created=now,
        last_modified=now,
    )
    pool.terms[terms.id] = terms
    return _describe(pool, terms)


@operation("DescribeTerms")
def describe_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return _describe(pool, _terms(pool, params["TermsId"]))


@operation("DescribeTermsByClient")
def describe_terms_by_client(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    name = params["TermsName"]
    for terms in pool.terms.values():
        if terms.client_id == client.id and terms.name == name:
            return _describe(pool, terms)
    # The service's wording is unconfirmed.
    raise ResourceNotFoundException(f"Terms with name {name} do not exist for client {client.id}.")


@operation("UpdateTerms")
def update_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    terms = _terms(pool, params["TermsId"])
    name = params.get("TermsName", terms.name)
    _check_unique(pool, terms.client_id, name, other_than=terms.id)
    links = _check_links(params["Links"]) if "Links" in params else terms.links
    terms.name = name
    terms.source = params.get("TermsSource", terms.source)
    terms.enforcement = params.get("Enforcement", terms.enforcement)
    terms.links = links
    terms.last_modified = clock.now()
    return _describe(pool, terms)


@operation("DeleteTerms")
def delete_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    del pool.terms[_terms(pool, params["TermsId"]).id]
    return {}


@operation("ListTerms")
def list_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    live = [t for t in pool.terms.values() if t.client_id in pool.clients]
    found, token = page(
        live, lambda t: t.id, params.get("NextToken"), params.get("MaxResults", DEFAULT_PAGE)
    )
    out: Params = {
        "Terms": [
            {
                "TermsId": t.id,
                "TermsName": t.name,
                "Enforcement": t.enforcement,
                "CreationDate": timestamp(t.created),
                "LastModifiedDate": timestamp(t.last_modified),
            }
            for t in found
        ]
    }
    if token:
        out["NextToken"] = token
    return out
