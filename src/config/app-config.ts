import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { DEFAULT_DATABASE_PATH } from '../../ormconfig.js';

/**
 * Configuration from the environment, validated once at start. Every key has a default; a bad
 * value stops the service with a message naming the variable.
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
  readonly runJobs: boolean;
  /**
   * Which reverse proxies to believe for the client address (X-Forwarded-For, used by the rate
   * limit) and the scheme (X-Forwarded-Proto, which decides HSTS): Express's 'trust proxy'.
   */
  readonly trustProxy: TrustProxy;
  /** Folder of the built web app; by default `dist/web` of this checkout. */
  readonly webDir: string | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const errors: string[] = [];
    const int = (name: string, fallback: number, min: number, max: number): number => {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        errors.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
        return fallback;
      }
      return Number(raw);
    };
    this.port = int('PORT', 3000, 0, 65535);
    this.databasePath = env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
    this.databaseUrl = env.DATABASE_URL || undefined;
    if (this.databaseUrl && !/^postgres(ql)?:\/\//.test(this.databaseUrl)) {
      errors.push('DATABASE_URL must start with postgres:// or postgresql://');
    }
    this.adminToken = env.ADMIN_TOKEN || undefined;
    if (this.adminToken && (this.adminToken.length < 16 || !/^[A-Za-z0-9._~+/=-]+$/.test(this.adminToken))) {
      errors.push('ADMIN_TOKEN must be at least 16 characters of [A-Za-z0-9._~+/=-]');
    }
    this.throttleLimit = int('THROTTLE_LIMIT', 600, 1, 1_000_000);
    this.throttleTtlSeconds = int('THROTTLE_TTL_SECONDS', 60, 1, 86_400);
    this.alertWebhookUrl = env.ALERT_WEBHOOK_URL || undefined;
    if (this.alertWebhookUrl && !/^https?:\/\//.test(this.alertWebhookUrl)) {
      errors.push('ALERT_WEBHOOK_URL must be an http(s) URL');
    }
    const jobs = env.RUN_JOBS ?? 'true';
    if (!['true', 'false'].includes(jobs)) errors.push('RUN_JOBS must be true or false');
    this.runJobs = jobs === 'true';
    this.webDir = env.WEB_DIR || undefined;
    const trustProxy = parseTrustProxy(env.TRUST_PROXY ?? '');
    if (trustProxy === null) {
      errors.push(
        `TRUST_PROXY must be false, true, a hop count, or a comma list of addresses, subnets (CIDR) and loopback/linklocal/uniquelocal (got "${env.TRUST_PROXY}")`,
      );
    }
    this.trustProxy = trustProxy ?? false;
    if (errors.length) throw new Error(`Invalid configuration:\n  ${errors.join('\n  ')}`);
  }
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
