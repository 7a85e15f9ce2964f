"""HTTP the fake answers: what apps and browsers fetch from Cognito's hosts rather than call
through an AWS SDK.

- ``loopback``: the one loopback server per process, with routes looked up in the active fake.
- ``intercept``: in-process answers for the Cognito hosts' URLs, for the HTTP clients apps use:
  one layer routing every client's requests for a served host to ``intercept.dispatch``.
- ``well_known``: the issuer's JWKS and OpenID configuration, one route of each.
- The user pool domain: ``hosts`` (which hosts are a pool's domain), ``domain`` (its router, on
  the domain's hosts and at ``UserPool.local_domain_url``), ``exchange`` (requests and answers:
  forms, cookies, redirects), ``oauth_endpoints`` (authorize, token, userInfo, revoke, logout),
  ``managed_login`` and ``login_pages`` (the sign-in pages), ``self_service`` (sign-up,
  confirmation, forgotten password), ``federation`` (identity providers' round trips).
- ``api_server``: ``CognitoServer``, one fake's JSON 1.1 API over loopback HTTP (server mode),
  with ``front_door``: what AWS's front end checks before an operation runs.
"""
