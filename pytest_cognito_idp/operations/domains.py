"""User pool domains: CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain,
DeleteUserPoolDomain."""

from __future__ import annotations

from typing import Iterator

from .. import clock
from ..backend.model.pools import UserPool
from ..backend.oauth import domains
from ..backend.oauth.domains import UserPoolDomain
from . import Context, Params, Result, operation


def _rivals(ctx: Context, custom: bool) -> Iterator[UserPool]:
    """The pools a new domain must not collide with: a prefix is unique in its region, a custom
    domain in every region."""
    regions = ctx.backend.regions.values() if custom else (ctx.region,)
    for region in regions:
        yield from region.pools.values()


def _answer(domain: UserPoolDomain) -> Params:
    out: Params = {"ManagedLoginVersion": domain.managed_login_version}
    if domain.custom:
        # Only a custom domain names the CloudFront distribution to alias it to.
        out["CloudFrontDomain"] = domain.cloudfront_distribution
    return out


@operation("CreateUserPoolDomain")
def create_user_pool_domain(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    name = params["Domain"]
    config = params.get("CustomDomainConfig")
    domains.check_name(name, custom=config is not None)
    if config is not None:
        domains.check_certificate(config["CertificateArn"])
    version = params.get("ManagedLoginVersion")
    domains.check_managed_login(pool, version)
    domain = UserPoolDomain(
        domain=name,
        pool_id=pool.id,
        created=clock.now(),
        cloudfront_distribution=domains.cloudfront_distribution(),
        certificate_arn=config["CertificateArn"] if config is not None else None,
        managed_login_version=version or 1,
    )
    taken = domains.find(_rivals(ctx, domain.custom), name) is not None
    return _answer(domains.add_domain(pool, domain, taken))


@operation("DescribeUserPoolDomain")
def describe_user_pool_domain(ctx: Context, params: Params) -> Result:
    found = domains.find(ctx.region.pools.values(), params["Domain"])
    if found is None:
        # The service answers an unknown domain with an empty description, not an error.
        return {"DomainDescription": {}}
    pool, domain = found
    out: Params = {
        "UserPoolId": pool.id,
        "AWSAccountId": ctx.region.account_id,
        "Domain": domain.domain,
        "S3Bucket": domains.s3_bucket(ctx.region.name),
        "CloudFrontDistribution": domain.cloudfront_distribution,
        "Version": domain.version,
        "Status": "ACTIVE",
    }
    if domain.certificate_arn is not None:
        out["CustomDomainConfig"] = {"CertificateArn": domain.certificate_arn}
    out["ManagedLoginVersion"] = domain.managed_login_version
    return {"DomainDescription": out}


@operation("UpdateUserPoolDomain")
def update_user_pool_domain(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    config = params.get("CustomDomainConfig")
    domain = domains.update_domain(
        pool,
        params["Domain"],
        config["CertificateArn"] if config is not None else None,
        params.get("ManagedLoginVersion"),
    )
    return _answer(domain)


@operation("DeleteUserPoolDomain")
def delete_user_pool_domain(ctx: Context, params: Params) -> Result:
    domains.remove_domain(ctx.pool(params), params["Domain"])
    return {}
