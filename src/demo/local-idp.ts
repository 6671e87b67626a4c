import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person the local identity provider can sign in, with a button on its sign-in page. */
export interface LocalIdpAccount {
  /** The subject (`sub`) of the ID token. */
  id: string;
  email: string;
  name: string;
  /** The button's text: "Inloggen als <label>". */
  label: string;
  /** Default true; false to test that an unverified address signs nobody in. */
  emailVerified?: boolean;
}

export interface LocalIdpOptions {
  accounts: LocalIdpAccount[];
  /** Redirect URIs of the one client, e.g. http://localhost:3000/auth/callback/demo. */
  redirectUris: string[];
  /** Where the provider may send the browser after signing out (RP-initiated logout); default: `/` of each redirect URI's origin. */
  postLogoutRedirectUris?: string[];
  /** 0 (default) picks a free port. Always on 127.0.0.1: nothing outside the machine can reach it. */
  port?: number;
  /** False to run a provider that offers no end-session endpoint (default true). */
  endSession?: boolean;
}

export interface LocalIdp {
  /** http://127.0.0.1:<port> */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment that points Wijkwacht at this provider under `name`. */
  env(name: string, label?: string): Record<string, string>;
  close(): Promise<void>;
}

type Payload = Record<string, unknown> & { uid?: string; userCode?: string; grantId?: string; consumed?: number };

/**
 * The provider's records (interactions, codes, sessions, grants) in this process's memory: the
 * local provider is thrown away with the process, like the demo's database. Written out rather
 * than the library's built-in development adapter, which announces itself on every start.
 */
class MemoryStore {
  private static readonly records = new Map<string, { payload: Payload; expiresAt: number }>();
  constructor(private readonly model: string) {}

  private key(id: string) {
    return `${this.model}:${id}`;
  }
  private live(key: string): Payload | undefined {
    const record = MemoryStore.records.get(key);
    if (!record) return undefined;
    if (record.expiresAt <= Date.now()) {
      MemoryStore.records.delete(key);
      return undefined;
    }
    return record.payload;
  }
  async upsert(id: string, payload: Payload, expiresIn: number) {
    MemoryStore.records.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string) {
    return this.live(this.key(id));
  }
  async findByUid(uid: string) {
    for (const [key, record] of MemoryStore.records) if (key.startsWith(`${this.model}:`) && record.payload.uid === uid) return this.live(key);
    return undefined;
  }
  async findByUserCode(userCode: string) {
    for (const [key, record] of MemoryStore.records) if (key.startsWith(`${this.model}:`) && record.payload.userCode === userCode) return this.live(key);
    return undefined;
  }
  async consume(id: string) {
    const payload = this.live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryStore.records.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, record] of MemoryStore.records) if (record.payload.grantId === grantId) MemoryStore.records.delete(key);
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const NAME = 'Demo-identiteitsprovider';

/** A plain page of the demo provider, in Dutch like the web app. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title === NAME ? NAME : `${title} · ${NAME}`)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * A real OpenID Provider (`oidc-provider`, certified) on a loopback port, for the e2e tests and
 * `npm run demo`: one confidential client, PKCE required, RS256 ID tokens signed by a key made at
 * start, and a sign-in page that is a list of buttons, one per account, instead of a password.
 * Like a real provider it remembers who signed in (its own session cookie, 10 minutes), so a
 * second sign-in in the same browser goes straight through; RP-initiated logout
 * (`end_session_endpoint`, with a Dutch confirmation page) ends that session, which is what
 * Wijkwacht's "Uitloggen" does, and what lets the demo switch roles.
 * Not for production: it has no passwords at all.
 */
export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const accounts = new Map(options.accounts.map((a) => [a.id, a]));
  const clientId = 'wijkwacht';
  const clientSecret = randomBytes(24).toString('base64url');
  const server = createServer();

  const answer = (provider: Provider) => (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (interaction) {
      void answerInteraction(provider, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Deze inlogpoging is verlopen. Begin opnieuw.');
      });
      return;
    }
    void provider.callback()(req, res);
  };

  async function answerInteraction(p: Provider, req: IncomingMessage, res: ServerResponse) {
    const details = await p.interactionDetails(req, res);
    if (req.method === 'POST') {
      const account = accounts.get((await readForm(req)).get('account') ?? '');
      if (!account) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Onbekend account.');
        return;
      }
      const clientIdOfRequest = String(details.params.client_id);
      const grant = details.grantId ? await p.Grant.find(details.grantId) : new p.Grant({ accountId: account.id, clientId: clientIdOfRequest });
      if (!grant) throw new Error('grant not found');
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await p.interactionFinished(req, res, { login: { accountId: account.id }, consent: { grantId } }, { mergeWithLastSubmission: false });
      return;
    }
    const buttons = [...accounts.values()]
      .map(
        (a) => `<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<input type="hidden" name="account" value="${escapeHtml(a.id)}"><button type="submit">Inloggen als ${escapeHtml(a.label)}</button> <small>${escapeHtml(a.email)}</small>
</form>`,
      )
      .join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      page(
        NAME,
        `<p>Dit staat in voor de identiteitsprovider van uw organisatie (bijvoorbeeld Microsoft Entra ID). Kies met wie u inlogt:</p>
${buttons}`,
      ),
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [...new Set(options.redirectUris.map((uri) => new URL('/', uri).href))],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      // RP-initiated logout: the person confirms, the provider's session ends, the browser goes back.
      rpInitiatedLogout: {
        enabled: options.endSession ?? true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Afmelden',
            `<p>U meldt zich af bij de demo-identiteitsprovider; daarna moet wie hier inlogt opnieuw kiezen wie hij is.</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Afmelden</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Afgemeld', '<p>U bent afgemeld bij de demo-identiteitsprovider.</p>');
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'local-idp', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    adapter: MemoryStore,
    // Short lives: a sign-in takes seconds, and nothing here outlives the process anyway.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  };
  const provider = new Provider(issuer, configuration);
  // Refused requests are the point of several tests; the provider's own console output is noise.
  provider.on('server_error', () => undefined);
  server.on('request', answer(provider));

  return {
    issuer,
    clientId,
    clientSecret,
    env: (name: string, label?: string) => {
      const key = name.toUpperCase();
      return {
        [`OIDC_${key}_ISSUER`]: issuer,
        [`OIDC_${key}_CLIENT_ID`]: clientId,
        [`OIDC_${key}_CLIENT_SECRET`]: clientSecret,
        ...(label ? { [`OIDC_${key}_LABEL`]: label } : {}),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
