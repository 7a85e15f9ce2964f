"""The fake's domain state and rules, one subpackage per chapter of the AWS docs.

- ``core/``: leaves: identifiers, the outbox, work due across fakes, CBOR, SRP and TOTP math.
- ``lambdas.py``: Lambda triggers, the one mechanism every trigger invocation goes through.
- ``tokens/``: tokens and what revokes them: signing keys, JWS, issuing and checking tokens, the
  token ledger, user sessions, client tokens, token exchange, the PreTokenGeneration trigger.
- ``model/``: the user pool and what it holds: pools and their typed settings, the schema's
  rules, app clients, groups, users, devices, attributes and the ListUsers index.
- ``users/``: managing users: the directory's rules, codes, message delivery, attribute
  verification, per-user quotas, the user lifecycle triggers (PreSignUp, PostConfirmation,
  CustomMessage, UserMigration).
- ``signin/``: authentication flows: the sign-in policy, challenges and challenge sessions,
  checks, MFA, passwordless codes, passkeys (registration and sign-in), custom authentication and
  the sign-in triggers, auth events and threat protection.
- ``imports/``: importing users: import jobs and their CSV files.
- ``federation/``: identity providers, linked identities, SAML certificates, and a federated
  user's sign-in (the user AWS makes of an external identity).
- ``oauth/``: the user pool domain and OAuth 2.0: domains, resource servers, client ID metadata,
  and the domain's endpoints' rules (authorize, codes, grants, userInfo, managed login, hosted
  sessions), which build on sign-in and federation: a layer of its own above them.
- ``branding/``: managed login branding, hosted UI customisation, terms documents.
- ``resilience/``: replicas, point-in-time recovery, provisioned limits.
- ``state.py``: the fake's whole state, one ``Backend`` with a ``Region`` per region.

Layering: a module imports at run time only from its own subpackage and the layers below its own
(type-only imports under ``TYPE_CHECKING`` are free); subpackages of one layer do not import each
other; no run-time import cycle joins two modules, even in one subpackage (signin/'s factor
modules answer records that flows.py carries on from instead of calling it back). ``LAYERS`` lists
them bottom up; tests/backend/test_layers.py holds the rules.
"""

LAYERS = (
    ("core",),
    ("lambdas",),
    ("tokens",),
    ("model",),
    ("users",),
    ("signin", "imports", "federation", "branding", "resilience"),
    ("oauth",),
    ("state",),
)
