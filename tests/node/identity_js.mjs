// amazon-cognito-identity-js against cognito_server: SRP sign-in with the library's own proof,
// then a refresh. COGNITO_TEST (JSON) names the pool, client, user and password.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
} from "amazon-cognito-identity-js";

const test = JSON.parse(process.env.COGNITO_TEST);
const pool = new CognitoUserPool({
  UserPoolId: test.poolId,
  ClientId: test.clientId,
  endpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
});
const user = new CognitoUser({ Username: test.username, Pool: pool });

function signIn(password) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(
      new AuthenticationDetails({ Username: test.username, Password: password }),
      { onSuccess: resolve, onFailure: reject },
    );
  });
}

const out = {};
try {
  await signIn("Wrong-passw0rd!");
} catch (error) {
  out.wrongPassword = { code: error.code, message: error.message };
}
const session = await signIn(test.password);
out.flow = user.getAuthenticationFlowType();
out.username = session.getAccessToken().payload.username;
out.idToken = session.getIdToken().getJwtToken();
const refreshed = await new Promise((resolve, reject) =>
  user.refreshSession(session.getRefreshToken(), (error, s) => (error ? reject(error) : resolve(s))),
);
out.refreshedValid = refreshed.isValid();
out.refreshedAccessTokenIsNew =
  refreshed.getAccessToken().getJwtToken() !== session.getAccessToken().getJwtToken();
console.log(JSON.stringify(out));
