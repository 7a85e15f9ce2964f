#!/usr/bin/env bash
# Provision the app's user pool with the AWS CLI: what a deploy step runs. Prints
# "POOL_ID CLIENT_ID". It knows nothing about tests: credentials, region and endpoint come from
# the environment, as in production.
set -euo pipefail

pool_id=$(aws cognito-idp create-user-pool --pool-name "${POOL_NAME:-app-users}" \
    --username-attributes email --auto-verified-attributes email \
    --query UserPool.Id --output text)
client_id=$(aws cognito-idp create-user-pool-client --user-pool-id "$pool_id" \
    --client-name web --explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH \
    --query UserPoolClient.ClientId --output text)
aws cognito-idp create-group --user-pool-id "$pool_id" --group-name admins >/dev/null
echo "$pool_id $client_id"
