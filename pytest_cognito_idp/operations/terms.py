"""Terms documents: CreateTerms, DescribeTerms, DescribeTermsByClient, ListTerms, UpdateTerms,
DeleteTerms.

Each app client has at most one document of each name (``terms-of-use``, ``privacy-policy``):
backend/branding/terms.py keeps the rules.
"""

from __future__ import annotations

from .. import clock
from .._wire import timestamp
from ..backend.branding import terms as branding_terms
from ..backend.branding.terms import Terms
from ..backend.model.pools import UserPool
from ..errors import ResourceNotFoundException
from . import Context, Params, Result, operation
from ._paging import listed
from .clients import client_of

DEFAULT_PAGE = 60


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
    terms = branding_terms.create(
        pool,
        client.id,
        params["TermsName"],
        params["TermsSource"],
        params["Enforcement"],
        params.get("Links"),
        clock.now(),
    )
    return _describe(pool, terms)


@operation("DescribeTerms")
def describe_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return _describe(pool, branding_terms.find(pool, params["TermsId"]))


@operation("DescribeTermsByClient")
def describe_terms_by_client(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    name = params["TermsName"]
    terms = branding_terms.of_client(pool, client.id, name)
    if terms is not None:
        return _describe(pool, terms)
    # The service's wording is unconfirmed.
    raise ResourceNotFoundException(f"Terms with name {name} do not exist for client {client.id}.")


@operation("UpdateTerms")
def update_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    terms = branding_terms.find(pool, params["TermsId"])
    branding_terms.update(
        pool,
        terms,
        params.get("TermsName", terms.name),
        params.get("TermsSource", terms.source),
        params.get("Enforcement", terms.enforcement),
        params.get("Links"),
        clock.now(),
    )
    return _describe(pool, terms)


@operation("DeleteTerms")
def delete_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    branding_terms.delete(pool, branding_terms.find(pool, params["TermsId"]))
    return {}


@operation("ListTerms")
def list_terms(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    live = [t for t in pool.terms.values() if t.client_id in pool.clients]
    return listed(
        "Terms",
        live,
        lambda t: t.id,
        lambda t: {
            "TermsId": t.id,
            "TermsName": t.name,
            "Enforcement": t.enforcement,
            "CreationDate": timestamp(t.created),
            "LastModifiedDate": timestamp(t.last_modified),
        },
        params.get("NextToken"),
        params.get("MaxResults", DEFAULT_PAGE),
    )
