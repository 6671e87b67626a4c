import { AppConfig } from './app-config.js';

describe('configuration from the environment', () => {
  it('every setting has a default', () => {
    const config = new AppConfig({});
    expect(config).toMatchObject({
      port: 3000,
      throttleLimit: 600,
      throttleTtlSeconds: 60,
      runJobs: true,
      trustProxy: false,
      databaseUrl: undefined,
      adminToken: undefined,
    });
  });

  it('an empty value counts as unset', () => {
    expect(new AppConfig({ PORT: '', RUN_JOBS: '' }).port).toBe(3000);
  });

  it('a bad value stops the start with a message naming every bad variable', () => {
    expect(() => new AppConfig({ PORT: '0x10', RUN_JOBS: 'yes', DATABASE_URL: 'mysql://x', ADMIN_TOKEN: 'short' })).toThrow(
      /Invalid configuration:[\s\S]*PORT must be an integer from 0 to 65535[\s\S]*DATABASE_URL[\s\S]*ADMIN_TOKEN[\s\S]*RUN_JOBS must be true or false/,
    );
    expect(() => new AppConfig({ THROTTLE_LIMIT: '1e3' })).toThrow(/THROTTLE_LIMIT/);
  });

  it('good values are read as their types', () => {
    const config = new AppConfig({ PORT: '8080', RUN_JOBS: 'false', THROTTLE_TTL_SECONDS: '30', DATABASE_URL: 'postgres://db/wijkwacht', TRUST_PROXY: '2' });
    expect(config).toMatchObject({ port: 8080, runJobs: false, throttleTtlSeconds: 30, databaseUrl: 'postgres://db/wijkwacht', trustProxy: 2 });
  });
});
