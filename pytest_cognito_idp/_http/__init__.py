"""HTTP the fake answers: what apps and browsers fetch from Cognito's hosts rather than call
through an AWS SDK.

- ``loopback``: the one loopback server per process, with routes looked up in the active fake.
- ``intercept``: in-process answers for the Cognito hosts' URLs, for the HTTP clients apps use:
  one layer routing every client's requests for a served host to ``intercept.dispatch``.
- ``well_known``: the issuer's JWKS and OpenID configuration, one route of each.
"""
