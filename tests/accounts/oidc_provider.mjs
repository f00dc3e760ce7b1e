// A real OpenID Connect provider for the tests of single sign-on: node-oidc-provider (npm's `oidc-provider`, a
// certified implementation) with its development login form, which takes any user name. Its accounts' claims come
// from OIDC_ACCOUNTS (JSON: {"login": {"email": ..., "email_verified": ...}}); OIDC_AMR is the authentication
// methods each login reports (RFC 8176), as an organisation's provider reports its own second step.
//
//   node tests/accounts/oidc_provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || "{}");
const amr = (process.env.OIDC_AMR || "pwd").split(",");

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  // The ID token carries the login's methods (amr) and time, as Entra ID's does.
  claims: { openid: ["sub", "amr", "acr", "auth_time"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, ...(accounts[id] || {}) }; } };
  },
  async loadExistingGrant(ctx) {
    // The organisation's users have agreed to this site once and for all: no consent screen.
    const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

// The login's methods go into the ID token's amr, as Entra ID's do after its own MFA.
const finished = provider.interactionFinished.bind(provider);
provider.interactionFinished = async (req, res, result, options) => {
  if (result && result.login) result.login.amr = amr;
  return finished(req, res, result, options);
};

provider.listen(Number(port), () => console.log("ready"));
