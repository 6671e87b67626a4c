import ICAL from 'ical.js';
import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

describe('who is on call', () => {
  it('names the contract, the running slot and its nurse with phone, for any authenticated caller', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const nurse = await w.nurse(provider.agb, { name: 'Carla Dekker', phone: '+31 6 1111 2222' });
    const slot = await w.slotOn(region.code, '2027-03-27');
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
    const partner = await w.user('nurse', { nurseId: (await w.nurse(provider.agb)).id });
    const res = await t.http
      .get('/api/on-call')
      .query({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-03-28T03:30:00+02:00' })
      .set(bearer(partner.token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      regionCode: region.code,
      function: 'unplanned-night-care',
      at: '2027-03-28T03:30:00+02:00',
      contract: { id: contract.id, responsibleParty: { type: 'provider', agb: provider.agb, name: provider.name } },
      slots: [
        {
          id: slot.id,
          start: '2027-03-27T23:00:00+01:00',
          end: '2027-03-28T07:00:00+02:00',
          nurses: [{ id: nurse.id, name: 'Carla Dekker', phone: '+31 6 1111 2222' }],
        },
      ],
    });
    const utc = await t.http
      .get('/api/on-call')
      .query({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-03-28T01:30:00Z' })
      .set(bearer(ADMIN));
    expect(utc.body.at).toBe('2027-03-28T03:30:00+02:00');
  });

  it('an instant whose zone offset is not a whole minute is answered in UTC with Z (Monrovia in 1971: −00:44:30)', async () => {
    const { region, provider, contract } = await w.contracted({
      region: { timezone: 'Africa/Monrovia' },
      contract: { validFrom: '1971-01-01', validTo: '1972-12-31' },
    });
    await w.template(contract.id, { rrule: 'FREQ=DAILY;COUNT=400' });
    const nurse = await w.nurse(provider.agb);
    const slot = await w.slotOn(region.code, '1971-06-01');
    // Local 23:00 at −00:44:30 is 23:44:30 UTC; the slot list says so in UTC.
    expect({ start: slot.start, end: slot.end }).toEqual({ start: '1971-06-01T23:44:30Z', end: '1971-06-02T07:44:30Z' });
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
    const res = await t.http
      .get('/api/on-call')
      .query({ regionCode: region.code, function: 'unplanned-night-care', at: '1971-06-02T03:00:00Z' })
      .set(bearer(ADMIN));
    expect(res.status).toBe(200);
    expect(res.body.at).toBe('1971-06-02T03:00:00Z');
    expect(res.body.slots).toEqual([
      { id: slot.id, start: '1971-06-01T23:44:30Z', end: '1971-06-02T07:44:30Z', nurses: [expect.objectContaining({ id: nurse.id })] },
    ]);
    // From 7 January 1972 Monrovia kept GMT: whole minutes again, written with their offset.
    const later = await w.slotOn(region.code, '1972-01-20');
    expect(later.start).toBe('1972-01-20T23:00:00+00:00');
  });

  it('no slot running: 200 with no slots; no contract: 404; a missing offset: 400', async () => {
    const { region, contract } = await w.contracted();
    await w.template(contract.id);
    const q = (query: object) => t.http.get('/api/on-call').query(query).set(bearer(ADMIN));
    const noon = await q({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-05-01T12:00:00+02:00' });
    expect(noon.status).toBe(200);
    expect(noon.body.slots).toEqual([]);
    expect((await q({ regionCode: region.code, function: 'acute-screening', at: '2027-05-01T12:00:00+02:00' })).status).toBe(404);
    expect((await q({ regionCode: region.code, function: 'unplanned-night-care', at: '2028-05-01T12:00:00+02:00' })).status).toBe(404);
    expect((await q({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-05-01T12:00:00' })).status).toBe(400);
    expect(
      (await t.http.get(`/api/on-call?regionCode=${region.code}&function=unplanned-night-care&at=2027-05-01T12:00:00+02:00`).set(bearer(ADMIN))).status,
    ).toBe(400);
    expect((await q({ regionCode: region.code, function: 'night', at: '2027-05-01T12:00:00+02:00' })).status).toBe(400);
    expect((await q({ regionCode: 'NOPE', function: 'unplanned-night-care' })).status).toBe(404);
    expect((await t.http.get('/api/on-call').query({ regionCode: region.code, function: 'unplanned-night-care' })).status).toBe(401);
  });

  it('a night slot running past the last day keeps its contract active at 02:00 the next day', async () => {
    const { region, contract } = await w.contracted({ contract: { validTo: '2027-06-30' } });
    await w.template(contract.id);
    const res = await t.http
      .get('/api/on-call')
      .query({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-07-01T02:00:00+02:00' })
      .set(bearer(ADMIN));
    expect(res.status).toBe(200);
    expect(res.body.contract.id).toBe(contract.id);
    expect(res.body.slots).toHaveLength(1);
  });
});

describe('nurse calendar feed', () => {
  it('serves an RFC 5545 feed with stable UIDs and exact instants, including the DST night', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const nurse = await w.nurse(provider.agb);
    const user = await w.user('nurse', { nurseId: nurse.id });
    const spring = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-03-27')).id}/assignments`, { nurseId: nurse.id });
    const autumn = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-10-30')).id}/assignments`, { nurseId: nurse.id });
    const other = await w.nurse(provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-05-05')).id}/assignments`, { nurseId: other.id });

    const { body } = await t.http.get('/api/me/calendar').set(bearer(user.token));
    expect(body.url).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const again = await t.http.get('/api/me/calendar').set(bearer(user.token));
    expect(again.body.url).toBe(body.url);
    const feed = await t.http.get(body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual([`${spring.id}@wijkwacht`, `${autumn.id}@wijkwacht`]);
    expect(events[0].startDate.toJSDate().toISOString()).toBe('2027-03-27T22:00:00.000Z');
    expect(events[0].endDate.toJSDate().toISOString()).toBe('2027-03-28T05:00:00.000Z');
    expect(events[1].endDate.toJSDate().getTime() - events[1].startDate.toJSDate().getTime()).toBe(9 * 3600_000);
    expect(events[0].summary).toContain(region.name);
    expect(events[0].summary).toContain('nachtzorg');
    expect(events[0].component.getFirstPropertyValue('sequence')).toBe(0);
    expect(events[0].component.getFirstPropertyValue('last-modified')).toBeTruthy();
    expect(feed.text).toMatch(/REFRESH-INTERVAL|X-PUBLISHED-TTL/);
    expect(feed.text).not.toContain(other.id);

    // A removed assignment disappears from the feed.
    await t.http.delete(`/api/assignments/${autumn.id}`).set(bearer(ADMIN));
    const after = new ICAL.Component(ICAL.parse((await t.http.get(body.url)).text));
    expect(after.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid)).toEqual([`${spring.id}@wijkwacht`]);

    // Rotating the secret kills the old URL.
    const rotated = await t.http.post('/api/me/calendar/rotate').set(bearer(user.token));
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(body.url);
    expect((await t.http.get(body.url)).status).toBe(404);
    expect((await t.http.get(rotated.body.url)).status).toBe(200);
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'calendar-feed', entityId: nurse.id }).set(bearer(ADMIN));
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['rotate', 'create']); // newest first
    expect(JSON.stringify(audit.body)).not.toContain(rotated.body.url.slice(14, 57));
  });

  it('names events as the app does and lists the colleagues on the same duty in the description', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id, { requiredNurses: 2 });
    const nurse = await w.nurse(provider.agb, { name: 'Anna de Vries' });
    const colleague = await w.nurse(provider.agb, { name: 'Bram Jansen' });
    const user = await w.user('nurse', { nurseId: nurse.id });
    const together = await w.slotOn(region.code, '2027-04-10');
    await w.post(`/api/slots/${together.id}/assignments`, { nurseId: nurse.id });
    await w.post(`/api/slots/${together.id}/assignments`, { nurseId: colleague.id });
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-04-20')).id}/assignments`, { nurseId: nurse.id });
    const { body } = await t.http.get('/api/me/calendar').set(bearer(user.token));
    const feed = await t.http.get(body.url);
    const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual([`Ongeplande nachtzorg · ${region.name}`, `Ongeplande nachtzorg · ${region.name}`]);
    expect(events[0].description).toBe(`Dienst op locatie.\nOok ingepland: Bram Jansen.\nRegio ${region.code}, functie unplanned-night-care.`);
    expect(events[1].description).toContain('Geen collega’s ingepland op deze dienst.');
    expect(feed.text).not.toContain(colleague.id);
  });

  it("names the region's coordinator phone under each duty once it is set, as Dutch readers write it", async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id, { requiredNurses: 2 });
    const nurse = await w.nurse(provider.agb, { name: 'Anna de Vries' });
    const colleague = await w.nurse(provider.agb, { name: 'Bram Jansen' });
    const user = await w.user('nurse', { nurseId: nurse.id });
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const slot = await w.slotOn(region.code, '2027-04-10');
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: colleague.id });
    const { body } = await t.http.get('/api/me/calendar').set(bearer(user.token));
    const descriptions = async () =>
      new ICAL.Component(ICAL.parse((await t.http.get(body.url)).text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).description);
    expect((await descriptions())[0]).not.toContain('Coördinator');
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(coordinator.token)).send({ coordinatorPhone: '+31201234567' }).expect(200);
    expect(await descriptions()).toEqual([
      `Dienst op locatie.\nOok ingepland: Bram Jansen.\nCoördinator: 020 123 4567\nRegio ${region.code}, functie unplanned-night-care.`,
    ]);
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(coordinator.token)).send({ coordinatorPhone: '06 12345678' }).expect(200);
    expect((await descriptions())[0]).toContain('Coördinator: 06 12345678');
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(coordinator.token)).send({ coordinatorPhone: null }).expect(200);
    expect((await descriptions())[0]).not.toContain('Coördinator');
  });

  it('an unknown secret is a 404 and only nurses have a feed', async () => {
    const before = await dbState(t.db);
    expect((await t.http.get('/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
    expect((await t.http.get('/api/calendar/garbage')).status).toBe(404);
    expect((await t.http.get('/api/me/calendar').set(bearer(ADMIN))).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
  });
});
