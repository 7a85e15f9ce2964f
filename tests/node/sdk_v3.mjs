// The AWS SDK for JavaScript v3 against cognito_server. Endpoint, region and credentials come
// from the environment (cognito_server.env); the test's values from COGNITO_TEST (JSON).
// Prints one JSON object: what the calls returned.
import {
  CognitoIdentityProviderClient,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminGetUserCommand,
  ListUsersCommand,
  SignUpCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  GetUserCommand,
  NotAuthorizedException,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";

const test = JSON.parse(process.env.COGNITO_TEST);
const client = new CognitoIdentityProviderClient({});
const out = {};

async function typedError(command) {
  try {
    await client.send(command);
    return null;
  } catch (error) {
    return {
      name: error.name,
      message: error.message,
      status: error.$metadata.httpStatusCode,
      requestId: error.$metadata.requestId,
      typed: error instanceof NotAuthorizedException || error instanceof UsernameExistsException,
    };
  }
}

const step = process.argv[2];
if (step === "admin") {
  const pool = { UserPoolId: test.poolId };
  const created = await client.send(
    new AdminCreateUserCommand({ ...pool, Username: "bob", MessageAction: "SUPPRESS" }),
  );
  out.createdStatus = created.User.UserStatus;
  out.createdIsDate = created.User.UserCreateDate instanceof Date;
  await client.send(
    new AdminSetUserPasswordCommand({ ...pool, Username: "bob", Password: "Passw0rd!b", Permanent: true }),
  );
  out.status = (await client.send(new AdminGetUserCommand({ ...pool, Username: "bob" }))).UserStatus;
  out.users = (await client.send(new ListUsersCommand(pool))).Users.map((u) => u.Username).sort();
  out.duplicate = await typedError(
    new AdminCreateUserCommand({ ...pool, Username: "bob", MessageAction: "SUPPRESS" }),
  );
} else if (step === "sign-up") {
  const signedUp = await client.send(
    new SignUpCommand({
      ClientId: test.clientId,
      Username: "carol",
      Password: "Passw0rd!c",
      UserAttributes: [{ Name: "email", Value: "carol@example.com" }],
    }),
  );
  out.userConfirmed = signedUp.UserConfirmed;
  out.userSub = signedUp.UserSub;
  out.delivery = signedUp.CodeDeliveryDetails;
} else if (step === "confirm-and-sign-in") {
  await client.send(
    new ConfirmSignUpCommand({ ClientId: test.clientId, Username: "carol", ConfirmationCode: test.code }),
  );
  const auth = await client.send(
    new InitiateAuthCommand({
      ClientId: test.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "carol", PASSWORD: "Passw0rd!c" },
    }),
  );
  out.tokenType = auth.AuthenticationResult.TokenType;
  const me = await client.send(new GetUserCommand({ AccessToken: auth.AuthenticationResult.AccessToken }));
  out.me = me.Username;
  out.idToken = auth.AuthenticationResult.IdToken;
  out.wrongPassword = await typedError(
    new InitiateAuthCommand({
      ClientId: test.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "carol", PASSWORD: "not-her-password" },
    }),
  );
} else {
  throw new Error(`unknown step ${step}`);
}
console.log(JSON.stringify(out));
