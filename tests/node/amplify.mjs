// Amplify v6 (aws-amplify) under Node against cognito_server: sign in (SRP, its default),
// refresh, sign out. COGNITO_TEST (JSON) names the pool, client, user and password.
import { Amplify } from "aws-amplify";
import { fetchAuthSession, getCurrentUser, signIn, signOut } from "aws-amplify/auth";

const test = JSON.parse(process.env.COGNITO_TEST);
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: test.poolId,
      userPoolClientId: test.clientId,
      userPoolEndpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    },
  },
});

const out = {};
const result = await signIn({ username: test.username, password: test.password });
out.isSignedIn = result.isSignedIn;
out.nextStep = result.nextStep.signInStep;
out.currentUser = (await getCurrentUser()).username;
const first = await fetchAuthSession();
const refreshed = await fetchAuthSession({ forceRefresh: true });
out.refreshedAccessTokenIsNew =
  refreshed.tokens.accessToken.toString() !== first.tokens.accessToken.toString();
out.issuer = refreshed.tokens.accessToken.payload.iss;
await signOut({ global: true });
out.afterSignOut = (await fetchAuthSession()).tokens === undefined;
console.log(JSON.stringify(out));
