import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createApp } from '../bootstrap.js';
import { startLocalIdp } from './local-idp.js';
import { DEMO_EMAILS, seedDemo } from './seed.js';

/**
 * `npm run demo`: the service on a throwaway SQLite file, seeded through its own HTTP API with
 * three regions, all four functions (one by a consortium), nurses, templates and part of the
 * coming weeks staffed.
 */
const ZONE = 'Europe/Amsterdam';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'wijkwacht-demo-'));
  const adminToken = process.env.ADMIN_TOKEN || `demo-${randomBytes(18).toString('base64url')}`;
  const port = Number(process.env.PORT || 3000);
  const base = `http://localhost:${port}`;
  // A real OpenID Provider on a loopback port stands in for the organisation's (Entra ID, Keycloak):
  // one button per demo person, no password. Nothing leaves the machine.
  const idp = await startLocalIdp({
    redirectUris: [`${base}/auth/callback/demo`],
    accounts: [
      { id: 'coordinator', email: DEMO_EMAILS.coordinator, name: 'Coördinator Amsterdam', label: 'coördinator' },
      { id: 'nurse', email: DEMO_EMAILS.nurse, name: 'Verpleegkundige', label: 'verpleegkundige' },
      { id: 'insurer', email: DEMO_EMAILS.insurer, name: 'Inkoop Zorgverzekeraar Amstel', label: 'zorgverzekeraar' },
      { id: 'admin', email: DEMO_EMAILS.admin, name: 'Beheerder', label: 'beheerder' },
      { id: 'stranger', email: 'onbekend@wijkwacht-demo.example', name: 'Onbekende collega', label: 'iemand zonder gebruiker (wordt geweigerd)' },
    ],
  });
  const { app } = await createApp(
    {
      ...process.env,
      DATABASE_PATH: join(dir, 'demo.sqlite'),
      ADMIN_TOKEN: adminToken,
      PORT: String(port),
      PUBLIC_URL: base,
      OIDC_PROVIDERS: 'demo',
      ...idp.env('demo', 'Demo-organisatie'),
      // The demo people's addresses are all in this domain; the provider may vouch for no other.
      OIDC_DEMO_EMAIL_DOMAINS: 'wijkwacht-demo.example',
    },
    ['error', 'warn'],
  );
  await app.listen(port);
  const seed = await seedDemo(base, adminToken);
  const link = await fetch(`${base}/api/users/${seed.nurseUserId}/sign-in-links`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
  const phoneLink = ((await link.json()) as { url: string }).url;
  const { from, to, month, tokens } = seed;
  const now = encodeURIComponent(DateTime.now().setZone(ZONE).startOf('minute').toISO({ suppressMilliseconds: true }) as string);

  console.log(`
Wijkwacht demo is running at ${base}
  Web app: open ${base}/ and choose "Inloggen met Demo-organisatie": the demo identity provider
    (${idp.issuer}) offers each person with a click ("Inloggen als coördinator"), and remembers
    who signed in there: "Uitloggen" signs you out at the provider too ("Afmelden"), so the next
    person chooses again (that is how to switch roles).
    Or paste one of the tokens below under "Inloggen met API-sleutel" (the view follows the role).
  A nurse's phone: open this one-time link within 15 minutes (once): ${phoneLink}
  API docs: ${base}/docs
Database: ${join(dir, 'demo.sqlite')} (thrown away; start again for a fresh one)
Seeded: 3 regions, 2 insurers, 5 providers, 1 consortium, ${seed.counts.nurses} nurses, ${seed.counts.contracts} contracts, ${seed.counts.assignments} assignments, ${seed.counts.swapsWaiting} swap(s) waiting for approval.

Tokens
  admin        ${adminToken}
  coordinator  ${tokens.coordinator}   (region AMS)
  insurer      ${tokens.insurer}   (UZOVI 3311)
  nurse        ${tokens.nurse}   (${seed.nurseName})
  partner      ${seed.requests.partnerToken}   (a GP post in AMS and FRL: acute requests)

Try
  curl -H "Authorization: Bearer ${adminToken}" "${base}/api/on-call?regionCode=AMS&function=unplanned-night-care&at=${now}"
  curl -H "Authorization: Bearer ${tokens.coordinator}" "${base}/api/coverage?regionCode=AMS&month=${month}"
  curl -H "Authorization: Bearer ${tokens.coordinator}" "${base}/api/slots?regionCode=AMS&function=unplanned-night-care&from=${from}&to=${to}"
  curl -X POST -H "Authorization: Bearer ${tokens.insurer}" -H "Content-Type: application/json" -d '{"month":"${month}"}' ${base}/api/fee-statements
  curl -H "Authorization: Bearer ${tokens.nurse}" "${base}/api/me/shifts?from=${from}&to=${to}"
  curl -H "Authorization: Bearer ${tokens.nurse}" ${base}/api/me/calendar
  curl -H "Authorization: Bearer ${seed.requests.partnerToken}" ${base}/api/requests
  curl -H "Authorization: Bearer ${tokens.coordinator}" "${base}/api/requests/stats?regionCode=AMS&month=${month}"

Press Ctrl+C to stop.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
