"""GetSigningCertificate: the pool's SAML signing certificate."""

from __future__ import annotations

from .. import clock
from ..backend.federation.certificates import signing_certificate
from . import Context, Params, Result, operation


@operation("GetSigningCertificate")
def get_signing_certificate(ctx: Context, params: Params) -> Result:
    return {"Certificate": signing_certificate(ctx.pool(params), clock.now())}
