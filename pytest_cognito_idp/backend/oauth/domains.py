"""User pool domains: the prefix domain (``<prefix>.auth.<region>.amazoncognito.com``) and the
custom domain (a name of the customer's, with an ACM certificate) that host managed login.

A pool holds at most one of each. A prefix is unique in its region, a custom domain everywhere;
the fake checks them across its own pools. Domains are ACTIVE at once (AWS takes up to a minute
for a prefix and up to an hour for a custom domain's certificate).
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Iterable, Optional, Tuple

import attrs

from ...errors import InvalidParameterException
from ..core import ids
from ..model.pools import require_tier

if TYPE_CHECKING:
    from ..model.pools import UserPool

PREFIX_FORMAT = re.compile(r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?")
RESERVED_WORDS = ("aws", "amazon", "cognito")
# Custom domains need an ACM certificate in us-east-1 (CloudFront reads them only there).
CERTIFICATE_ARN = re.compile(r"arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/.+")
MANAGED_LOGIN_VERSIONS = (1, 2)
# Where managed login's static files live, by region (S3Bucket, "aws-cognito-prod-<code>-assets"
# with the region's airport code, as in AWS's published example for us-west-2).
ASSET_CODES = {
    "us-east-1": "iad",
    "us-east-2": "cmh",
    "us-west-1": "sfo",
    "us-west-2": "pdx",
    "ca-central-1": "yul",
    "sa-east-1": "gru",
    "eu-west-1": "dub",
    "eu-west-2": "lhr",
    "eu-west-3": "cdg",
    "eu-central-1": "fra",
    "eu-north-1": "arn",
    "ap-south-1": "bom",
    "ap-southeast-1": "sin",
    "ap-southeast-2": "syd",
    "ap-northeast-1": "nrt",
    "ap-northeast-2": "icn",
}
NO_SUCH_DOMAIN = "No such domain or user pool exists."


@attrs.define
class UserPoolDomain:
    domain: str
    pool_id: str
    created: float
    cloudfront_distribution: str
    certificate_arn: Optional[str] = None  # set for a custom domain only
    managed_login_version: int = 1

    @property
    def custom(self) -> bool:
        return self.certificate_arn is not None

    @property
    def version(self) -> str:
        # The app version is a timestamp, like "20190128175402" in AWS's example.
        return time.strftime("%Y%m%d%H%M%S", time.gmtime(self.created))


def cloudfront_distribution() -> str:
    """A CloudFront domain like AWS's (``d`` and 13 lowercase letters and digits)."""
    return f"d{ids.pick('abcdefghijklmnopqrstuvwxyz0123456789', 13)}.cloudfront.net"


def s3_bucket(region: str) -> str:
    return f"aws-cognito-prod-{ASSET_CODES.get(region, region)}-assets"


def check_name(domain: str, custom: bool) -> None:
    """A prefix: lowercase letters, digits and inner hyphens, no reserved word; a custom domain:
    a fully qualified name of such labels."""
    if custom:
        labels = domain.split(".")
        if len(labels) < 2 or not all(PREFIX_FORMAT.fullmatch(label) for label in labels):
            # The service's wording is unconfirmed.
            raise InvalidParameterException(
                f"The custom domain {domain} is not a valid fully qualified domain name."
            )
        return
    if not PREFIX_FORMAT.fullmatch(domain):
        # Observed text.
        raise InvalidParameterException(
            "The domain name contains an invalid character. Domain names can only contain "
            "lower-case letters, numbers, and hyphens. Please enter a different name that "
            "follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$"
        )
    for word in RESERVED_WORDS:
        if word in domain:
            # Observed: "Domain cannot contain reserved word: cognito".
            raise InvalidParameterException(f"Domain cannot contain reserved word: {word}")


def check_certificate(arn: str) -> None:
    if not CERTIFICATE_ARN.fullmatch(arn):
        # CloudFront's observed text for a certificate it cannot use.
        raise InvalidParameterException(
            "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't "
            "valid, or doesn't include a valid certificate chain."
        )


def check_managed_login(pool: UserPool, version: Optional[int]) -> None:
    if version is None:
        return
    if version not in MANAGED_LOGIN_VERSIONS:
        # The service's wording is unconfirmed.
        raise InvalidParameterException(f"Invalid ManagedLoginVersion {version}.")
    if version == 2:
        # Documented: managed login needs a plan other than Lite.
        require_tier(pool.tier, "ESSENTIALS", "Managed login")


def find(pools: Iterable[UserPool], domain: str) -> Optional[Tuple[UserPool, UserPoolDomain]]:
    for pool in pools:
        for held in (pool.prefix_domain, pool.custom_domain):
            if held is not None and held.domain == domain:
                return pool, held
    return None


def add_domain(pool: UserPool, domain: UserPoolDomain, taken: bool) -> UserPoolDomain:
    """Give ``pool`` the domain; ``taken`` says whether another pool already holds the name."""
    held = pool.custom_domain if domain.custom else pool.prefix_domain
    if held is not None:
        # Observed text (from CloudFormation updates of a pool's domain).
        raise InvalidParameterException("User pool already has a domain configured.")
    if taken:
        # Observed text.
        raise InvalidParameterException("Domain already associated with another user pool.")
    if domain.custom:
        pool.custom_domain = domain
    else:
        pool.prefix_domain = domain
    return domain


def owned(pool: UserPool, domain: str) -> UserPoolDomain:
    for held in (pool.prefix_domain, pool.custom_domain):
        if held is not None and held.domain == domain:
            return held
    # Observed text (DeleteUserPoolDomain of a domain the pool does not hold).
    raise InvalidParameterException(NO_SUCH_DOMAIN)


def update_domain(
    pool: UserPool, name: str, certificate_arn: Optional[str], version: Optional[int]
) -> UserPoolDomain:
    """A new certificate (custom domains) and managed login version; what is omitted stays."""
    domain = owned(pool, name)
    if certificate_arn is not None:
        if not domain.custom:
            # A prefix domain has no certificate to replace (wording unconfirmed).
            raise InvalidParameterException("CustomDomainConfig applies only to a custom domain.")
        check_certificate(certificate_arn)
    check_managed_login(pool, version)
    if certificate_arn is not None:
        domain.certificate_arn = certificate_arn
    if version is not None:
        domain.managed_login_version = version
    return domain


def remove_domain(pool: UserPool, domain: str) -> None:
    held = owned(pool, domain)
    if held.custom:
        pool.custom_domain = None
    else:
        pool.prefix_domain = None
