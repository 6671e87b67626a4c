import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { cleanEnv, EnvError, makeValidator, str } from 'envalid';

/** Where the SQLite database lives when DATABASE_PATH is not set (also the TypeORM CLI's default). */
export const DEFAULT_DATABASE_PATH = './data/wijkwacht.sqlite';

/** An integer in a range, written in decimal digits only ("1e3", "0x10" or " 5" are refused). */
const intInRange = (min: number, max: number) =>
  makeValidator<number>((raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new EnvError(`must be an integer from ${min} to ${max} (got "${raw}")`);
    return Number(raw);
  });

const optionalMatching = (pattern: RegExp, rule: string) =>
  makeValidator<string | undefined>((raw) => {
    if (raw === '') return undefined;
    if (!pattern.test(raw)) throw new EnvError(`must be ${rule}`);
    return raw;
  });

const trueOrFalse = makeValidator<boolean>((raw) => {
  if (raw !== 'true' && raw !== 'false') throw new EnvError(`must be true or false (got "${raw}")`);
  return raw === 'true';
});

const trustProxySetting = makeValidator<TrustProxy>((raw) => {
  const parsed = parseTrustProxy(raw);
  if (parsed === null) {
    throw new EnvError(`must be false, true, a hop count, or a comma list of addresses, subnets (CIDR) and loopback/linklocal/uniquelocal (got "${raw}")`);
  }
  return parsed;
});

/** Every setting, its validator and its default: the README's configuration table, as code. */
const SCHEMA = {
  PORT: intInRange(0, 65535)({ default: 3000 }),
  DATABASE_PATH: str({ default: DEFAULT_DATABASE_PATH }),
  DATABASE_URL: optionalMatching(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')({ default: undefined }),
  ADMIN_TOKEN: optionalMatching(/^[A-Za-z0-9._~+/=-]{16,}$/, 'at least 16 characters of [A-Za-z0-9._~+/=-]')({ default: undefined }),
  THROTTLE_LIMIT: intInRange(1, 1_000_000)({ default: 600 }),
  THROTTLE_TTL_SECONDS: intInRange(1, 86_400)({ default: 60 }),
  ALERT_WEBHOOK_URL: optionalMatching(/^https?:\/\//, 'an http(s) URL')({ default: undefined }),
  WEBHOOK_ALLOW_PRIVATE: trueOrFalse({ default: false }),
  RUN_JOBS: trueOrFalse({ default: true }),
  TRUST_PROXY: trustProxySetting({ default: false }),
  WEB_DIR: str({ default: '' }),
  PUBLIC_URL: optionalMatching(/^https?:\/\/[^/?#\s]+\/?$/, 'an http(s) origin such as https://wijkwacht.example.nl')({ default: undefined }),
  PLANNER_THREADS: intInRange(1, 64)({ default: 1 }),
  PLANNER_DEADLINE_SECONDS: intInRange(1, 600)({ default: 60 }),
  VAPID_PUBLIC_KEY: optionalMatching(
    /^[A-Za-z0-9_-]{87}$/,
    'the base64url public key that web-push generate-vapid-keys prints (87 characters)',
  )({
    default: undefined,
  }),
  VAPID_PRIVATE_KEY: optionalMatching(
    /^[A-Za-z0-9_-]{43}$/,
    'the base64url private key that web-push generate-vapid-keys prints (43 characters)',
  )({
    default: undefined,
  }),
  VAPID_SUBJECT: optionalMatching(
    /^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/,
    'a mailto: address or an https: URL where the push services can reach you',
  )({
    default: undefined,
  }),
  SMS_GATEWAY_URL: optionalMatching(/^https?:\/\/\S+$/, 'the http(s) URL of the SMS gateway')({ default: undefined }),
  SMS_GATEWAY_TOKEN: optionalMatching(/^[\x21-\x7e]{1,200}$/, 'the gateway product token (printable, no spaces)')({ default: undefined }),
  SMS_SENDER: optionalMatching(
    /^([A-Za-z0-9]{1,11}|\+?[0-9]{1,16})$/,
    'at most 11 letters and digits, or a phone number of at most 16 digits',
  )({
    default: undefined,
  }),
  SMS_STATUS_SECRET: optionalMatching(/^[A-Za-z0-9._~-]{16,200}$/, 'at least 16 characters of [A-Za-z0-9._~-]')({ default: undefined }),
  OIDC_PROVIDERS: optionalMatching(
    /^[a-z][a-z0-9]{0,31}(,[a-z][a-z0-9]{0,31})*$/,
    'a comma list of lower-case names such as entra,keycloak',
  )({ default: undefined }),
};

/** One identity provider people sign in with (OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL). */
export interface OidcProviderSettings {
  /** Lower-case name, used in /auth/login/:name and /auth/callback/:name. */
  name: string;
  label: string;
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /**
   * True only for an http:// issuer on a loopback address (the local test and demo IdP): the
   * client library refuses plain HTTP otherwise, and so does this service.
   */
  insecureLoopback: boolean;
  /** The claim that says the e-mail address is verified: `email_verified`, or `xms_edov` for Entra ID. */
  emailVerifiedClaim: string;
  /**
   * OIDC_<NAME>_EMAIL_DOMAINS: the only domains whose addresses this provider may vouch for when it
   * links a user (lower-case, exact); null: any address.
   */
  emailDomains: string[] | null;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A comma list of domain names (case and spaces do not matter); null for an empty value, or a problem. */
function readDomains(raw: string): string[] | null | { problem: string } {
  if (raw === '') return null;
  const domains = raw.split(',').map((d) => d.trim().toLowerCase());
  const bad = domains.filter((d) => !DOMAIN.test(d));
  if (bad.length) return { problem: `must be a comma list of domain names such as zorggroep.nl,zorggroep-thuis.nl (not "${bad[0]}")` };
  return [...new Set(domains)];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** localhost, 127.0.0.1 or [::1]: plain HTTP is accepted there only. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** The providers named in OIDC_PROVIDERS, each with its settings; problems are collected, not thrown one by one. */
function readOidcProviders(names: string | undefined, env: NodeJS.ProcessEnv, problems: string[]): OidcProviderSettings[] {
  if (!names) return [];
  const seen = new Set<string>();
  const providers: OidcProviderSettings[] = [];
  for (const name of names.split(',')) {
    if (seen.has(name)) {
      problems.push(`OIDC_PROVIDERS names ${name} twice`);
      continue;
    }
    seen.add(name);
    const key = (suffix: string) => `OIDC_${name.toUpperCase()}_${suffix}`;
    const value = (suffix: string) => (env[key(suffix)] ?? '').trim();
    let issuer: URL | null = null;
    try {
      issuer = new URL(value('ISSUER'));
    } catch {
      problems.push(`${key('ISSUER')} must be the issuer URL of the identity provider`);
    }
    if (issuer && issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname))) {
      problems.push(`${key('ISSUER')} must be an https URL (http only on localhost, 127.0.0.1 or [::1])`);
      issuer = null;
    }
    const verifiedClaim = value('EMAIL_VERIFIED_CLAIM') || 'email_verified';
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(verifiedClaim)) problems.push(`${key('EMAIL_VERIFIED_CLAIM')} must be a claim name such as email_verified or xms_edov`);
    const domains = readDomains(value('EMAIL_DOMAINS'));
    if (domains !== null && !Array.isArray(domains)) problems.push(`${key('EMAIL_DOMAINS')} ${domains.problem}`);
    if (!value('CLIENT_ID')) problems.push(`${key('CLIENT_ID')} is required`);
    if (!value('CLIENT_SECRET')) problems.push(`${key('CLIENT_SECRET')} is required`);
    if (issuer && value('CLIENT_ID') && value('CLIENT_SECRET')) {
      providers.push({
        name,
        label: value('LABEL') || name,
        issuer,
        clientId: value('CLIENT_ID'),
        clientSecret: value('CLIENT_SECRET'),
        insecureLoopback: issuer.protocol === 'http:',
        emailVerifiedClaim: verifiedClaim,
        emailDomains: Array.isArray(domains) ? domains : null,
      });
    }
  }
  return providers;
}

/**
 * Configuration from the environment, validated once at start by a schema (envalid). Every key
 * has a default; a bad value stops the service with a message naming the variable. An empty
 * value counts as unset.
 */
@Injectable()
export class AppConfig {
  readonly port: number;
  readonly databasePath: string;
  readonly databaseUrl: string | undefined;
  readonly adminToken: string | undefined;
  readonly throttleLimit: number;
  readonly throttleTtlSeconds: number;
  readonly alertWebhookUrl: string | undefined;
  /** Providers' paging webhooks may reach private-network addresses (10/8, 192.168/16, …); link-local and metadata never. */
  readonly webhookAllowPrivate: boolean;
  readonly runJobs: boolean;
  /**
   * Which reverse proxies to believe for the client address (X-Forwarded-For, used by the rate
   * limit) and the scheme (X-Forwarded-Proto, which decides HSTS): Express's 'trust proxy'.
   */
  readonly trustProxy: TrustProxy;
  /** Folder of the built web app; by default `dist/web` of this checkout. */
  readonly webDir: string | undefined;
  /**
   * The service's external origin, e.g. https://wijkwacht.example.nl: redirect URIs at identity
   * providers, sign-in links and the same-origin check of cookie requests use it. Default
   * http://localhost:<PORT>. Plain http only on a loopback host.
   */
  readonly publicUrl: URL;
  /** Identity providers people sign in with, in the order of OIDC_PROVIDERS. */
  readonly oidcProviders: OidcProviderSettings[];
  /** Worker threads that make roster plans (each plan takes one while it is made). */
  readonly plannerThreads: number;
  /** A plan not made within this many seconds of its request is refused (422 plan-too-large). */
  readonly plannerDeadlineSeconds: number;
  /** Web Push (VAPID, RFC 8292): the key pair and the subject; null when push is off. */
  readonly vapid: VapidSettings | null;
  /** The SMS gateway (CM.com's JSON messaging API); null when SMS is off. */
  readonly sms: SmsSettings | null;
  /** The secret the gateway's delivery reports carry (`?secret=`); without it reports are not taken. */
  readonly smsStatusSecret: string | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in SCHEMA && value !== undefined && value !== ''));
    const clean = cleanEnv(present, SCHEMA, {
      reporter: ({ errors }) => {
        const lines = Object.entries(errors).map(([name, error]) => `${name} ${error?.message ?? 'is invalid'}`);
        if (lines.length) throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
      },
    });
    this.port = clean.PORT;
    this.databasePath = clean.DATABASE_PATH;
    this.databaseUrl = clean.DATABASE_URL;
    this.adminToken = clean.ADMIN_TOKEN;
    this.throttleLimit = clean.THROTTLE_LIMIT;
    this.throttleTtlSeconds = clean.THROTTLE_TTL_SECONDS;
    this.alertWebhookUrl = clean.ALERT_WEBHOOK_URL;
    this.webhookAllowPrivate = clean.WEBHOOK_ALLOW_PRIVATE;
    this.runJobs = clean.RUN_JOBS;
    this.trustProxy = clean.TRUST_PROXY;
    this.webDir = clean.WEB_DIR || undefined;
    this.plannerThreads = clean.PLANNER_THREADS;
    this.plannerDeadlineSeconds = clean.PLANNER_DEADLINE_SECONDS;
    const problems: string[] = [];
    this.publicUrl = new URL(clean.PUBLIC_URL ?? `http://localhost:${this.port}`);
    if (this.publicUrl.protocol === 'http:' && !isLoopbackHost(this.publicUrl.hostname)) {
      problems.push('PUBLIC_URL must be https (http only on localhost, 127.0.0.1 or [::1])');
    }
    this.oidcProviders = readOidcProviders(clean.OIDC_PROVIDERS, env, problems);
    this.vapid = null;
    if (clean.VAPID_PUBLIC_KEY || clean.VAPID_PRIVATE_KEY) {
      if (!clean.VAPID_PUBLIC_KEY || !clean.VAPID_PRIVATE_KEY) problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both, or neither');
      else if (!clean.VAPID_SUBJECT) problems.push('VAPID_SUBJECT is required with the VAPID keys (a mailto: address or an https: URL)');
      else this.vapid = { publicKey: clean.VAPID_PUBLIC_KEY, privateKey: clean.VAPID_PRIVATE_KEY, subject: clean.VAPID_SUBJECT };
    }
    this.sms = null;
    if (clean.SMS_GATEWAY_URL) {
      const url = new URL(clean.SMS_GATEWAY_URL);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        problems.push('SMS_GATEWAY_URL must be https (http only on localhost, 127.0.0.1 or [::1])');
      } else if (!clean.SMS_GATEWAY_TOKEN) {
        problems.push('SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL (the product token of the gateway)');
      } else {
        this.sms = { url, token: clean.SMS_GATEWAY_TOKEN, sender: clean.SMS_SENDER ?? 'Wijkwacht' };
      }
    }
    this.smsStatusSecret = clean.SMS_STATUS_SECRET;
    if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }

  /** Cookies are Secure unless the service runs on a loopback host over plain http. */
  get secureCookies(): boolean {
    return this.publicUrl.protocol === 'https:';
  }
}

export interface VapidSettings {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:`: how a push service reaches the operator. */
  subject: string;
}

export interface SmsSettings {
  url: URL;
  /** CM.com's product token. */
  token: string;
  /** The sender shown on the phone: at most 11 letters and digits, or a number. */
  sender: string;
}

/** Express's 'trust proxy': none, all, the nearest n hops, or the listed addresses and subnets. */
export type TrustProxy = boolean | number | string[];

const ADDRESS_GROUPS = ['loopback', 'linklocal', 'uniquelocal'];

/** The TRUST_PROXY setting as Express takes it; null when it is not one of the accepted forms. */
export function parseTrustProxy(raw: string): TrustProxy | null {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,3}$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : null;
}

function isProxyAddress(entry: string): boolean {
  if (ADDRESS_GROUPS.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (family === 4 && isIP(prefix) === 4) return true; // a netmask such as 255.255.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
