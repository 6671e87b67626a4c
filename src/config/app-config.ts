import { Injectable } from '@nestjs/common';
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
    if (errors.length) throw new Error(`Invalid configuration:\n  ${errors.join('\n  ')}`);
  }
}
