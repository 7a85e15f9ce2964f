"""HTTP the fake answers: what apps and browsers fetch from Cognito's hosts rather than call
through an AWS SDK.

- ``loopback``: the one loopback server per process, with routes looked up in the active fake.
- ``intercept``: in-process answers for the Cognito hosts' URLs, for the HTTP clients apps use.
- ``api_server``: ``CognitoServer``, one fake's JSON 1.1 API over loopback HTTP (server mode),
  with ``front_door``: what AWS's front end checks before an operation runs.
"""
