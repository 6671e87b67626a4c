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
      webhookAllowPrivate: false,
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
    expect(() => new AppConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE must be true or false/);
  });

  it('good values are read as their types', () => {
    const config = new AppConfig({
      PORT: '8080',
      RUN_JOBS: 'false',
      THROTTLE_TTL_SECONDS: '30',
      DATABASE_URL: 'postgres://db/wijkwacht',
      TRUST_PROXY: '2',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    expect(config).toMatchObject({
      port: 8080,
      runJobs: false,
      throttleTtlSeconds: 30,
      databaseUrl: 'postgres://db/wijkwacht',
      trustProxy: 2,
      webhookAllowPrivate: true,
    });
  });

  it('PUBLIC_URL defaults to localhost on the port; cookies are Secure unless it is plain http on a loopback host', () => {
    expect(new AppConfig({ PORT: '8080' }).publicUrl.href).toBe('http://localhost:8080/');
    expect(new AppConfig({}).secureCookies).toBe(false);
    expect(new AppConfig({ PUBLIC_URL: 'https://wijkwacht.example.nl' }).secureCookies).toBe(true);
    expect(() => new AppConfig({ PUBLIC_URL: 'http://wijkwacht.example.nl' })).toThrow(/PUBLIC_URL must be https/);
    expect(() => new AppConfig({ PUBLIC_URL: 'https://wijkwacht.example.nl/app?x=1' })).toThrow(/PUBLIC_URL/);
  });

  it('identity providers are read per name from OIDC_<NAME>_*; the label defaults to the name', () => {
    const config = new AppConfig({
      OIDC_PROVIDERS: 'entra,keycloak',
      OIDC_ENTRA_ISSUER: 'https://login.microsoftonline.com/0000/v2.0',
      OIDC_ENTRA_CLIENT_ID: 'abc',
      OIDC_ENTRA_CLIENT_SECRET: 'geheim',
      OIDC_ENTRA_LABEL: 'Zorggroep (Microsoft)',
      OIDC_KEYCLOAK_ISSUER: 'http://127.0.0.1:8080/realms/zorg',
      OIDC_KEYCLOAK_CLIENT_ID: 'wijkwacht',
      OIDC_KEYCLOAK_CLIENT_SECRET: 's',
    });
    expect(config.oidcProviders.map((p) => ({ name: p.name, label: p.label, insecureLoopback: p.insecureLoopback }))).toEqual([
      { name: 'entra', label: 'Zorggroep (Microsoft)', insecureLoopback: false },
      { name: 'keycloak', label: 'keycloak', insecureLoopback: true },
    ]);
    expect(config.oidcProviders.map((p) => p.emailVerifiedClaim)).toEqual(['email_verified', 'email_verified']);
    const entra = new AppConfig({
      OIDC_PROVIDERS: 'entra',
      OIDC_ENTRA_ISSUER: 'https://login.microsoftonline.com/0000/v2.0',
      OIDC_ENTRA_CLIENT_ID: 'abc',
      OIDC_ENTRA_CLIENT_SECRET: 'geheim',
      OIDC_ENTRA_EMAIL_VERIFIED_CLAIM: 'xms_edov',
    });
    expect(entra.oidcProviders[0].emailVerifiedClaim).toBe('xms_edov');
    expect(new AppConfig({}).oidcProviders).toEqual([]);
  });

  it('OIDC_<NAME>_EMAIL_DOMAINS limits the addresses a provider may vouch for; a bad domain stops the start', () => {
    const provider = { OIDC_PROVIDERS: 'idp', OIDC_IDP_ISSUER: 'https://idp.example.nl', OIDC_IDP_CLIENT_ID: 'a', OIDC_IDP_CLIENT_SECRET: 'b' };
    expect(new AppConfig(provider).oidcProviders[0].emailDomains).toBeNull();
    expect(new AppConfig({ ...provider, OIDC_IDP_EMAIL_DOMAINS: ' Zorggroep.nl, zorggroep-thuis.nl,zorggroep.nl' }).oidcProviders[0].emailDomains).toEqual([
      'zorggroep.nl',
      'zorggroep-thuis.nl',
    ]);
    for (const bad of ['zorggroep', '@zorggroep.nl', 'zorggroep.nl,', '*.zorggroep.nl', 'zorg groep.nl', 'https://zorggroep.nl']) {
      expect(() => new AppConfig({ ...provider, OIDC_IDP_EMAIL_DOMAINS: bad })).toThrow(/OIDC_IDP_EMAIL_DOMAINS must be a comma list of domain names/);
    }
  });

  it('a provider with a missing setting, a plain-http issuer off the machine or a bad name stops the start', () => {
    expect(() => new AppConfig({ OIDC_PROVIDERS: 'entra' })).toThrow(/OIDC_ENTRA_ISSUER[\s\S]*OIDC_ENTRA_CLIENT_ID[\s\S]*OIDC_ENTRA_CLIENT_SECRET/);
    expect(
      () => new AppConfig({ OIDC_PROVIDERS: 'idp', OIDC_IDP_ISSUER: 'http://idp.example.nl', OIDC_IDP_CLIENT_ID: 'a', OIDC_IDP_CLIENT_SECRET: 'b' }),
    ).toThrow(/OIDC_IDP_ISSUER must be an https URL/);
    expect(() => new AppConfig({ OIDC_PROVIDERS: 'Entra ID' })).toThrow(/OIDC_PROVIDERS/);
    expect(() => new AppConfig({ OIDC_PROVIDERS: 'a,a' })).toThrow(/twice/);
    expect(
      () =>
        new AppConfig({
          OIDC_PROVIDERS: 'idp',
          OIDC_IDP_ISSUER: 'https://idp.example.nl',
          OIDC_IDP_CLIENT_ID: 'a',
          OIDC_IDP_CLIENT_SECRET: 'b',
          OIDC_IDP_EMAIL_VERIFIED_CLAIM: 'x y',
        }),
    ).toThrow(/OIDC_IDP_EMAIL_VERIFIED_CLAIM/);
  });
});
