"""Example: an application's bulk user import into Cognito, tested with pytest-cognito-idp."""
