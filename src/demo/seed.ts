import { DateTime } from 'luxon';

/**
 * The demo data, seeded through the service's own HTTP API (so every rule applies): three
 * regions, all four functions (one by a consortium), nineteen part-time nurses with contract
 * hours, templates, the roster from today to the end of next month planned and applied under the
 * working-time rules (weekly rest and free Sundays included) and within contract hours, a swap
 * waiting for approval and the gap alerts of the next 72 h. Used by `npm run demo`, by the browser
 * tests and by test/demo-plan.e2e-spec.ts, which judges the plan.
 */
const ZONE = 'Europe/Amsterdam';

/** The seeded people's addresses, which the demo identity provider signs in (see run-demo.ts). */
export const DEMO_EMAILS = {
  admin: 'beheerder@wijkwacht-demo.example',
  coordinator: 'coordinator@wijkwacht-demo.example',
  insurer: 'inkoop@wijkwacht-demo.example',
  nurse: 'verpleegkundige@wijkwacht-demo.example',
};

export interface DemoSeed {
  from: string;
  to: string;
  month: string;
  counts: { nurses: number; contracts: number; assignments: number; swapsWaiting: number };
  tokens: { coordinator: string; insurer: string; nurse: string; swapTaker: string };
  nurseName: string;
  nurseUserId: string;
  /** The plans the demo made and applied, one per region, with what they covered. */
  plans: Array<{
    id: string;
    regionCode: string;
    from: string;
    to: string;
    summary: { positions: number; positionMinutes: number; coveredMinutesAfter: number; unfilled: number };
  }>;
  /** The acute requests (see seedRequests). */
  requests: DemoRequests;
}

export interface DemoRequests {
  partnerToken: string;
  acknowledgedId: string;
  escalatedId: string;
  openId: string;
}

export interface DemoOptions {
  /** The moment the demo starts from (the service's clock must agree); the real time by default. */
  now?: DateTime;
}

export async function seedDemo(base: string, adminToken: string, options: DemoOptions = {}): Promise<DemoSeed> {
  const call = async (method: string, path: string, body?: unknown, token = adminToken) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const must = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const now = (options.now ?? DateTime.now()).setZone(ZONE);
  const today = now;
  // Contracts start today, where the planner staffs the roster (it plans only what is still ahead).
  const contractStart = today.toISODate() as string;
  const nextYearEnd = today.plus({ years: 1 }).endOf('year').toISODate() as string;

  await must('POST', '/api/insurers', { uzovi: '3311', name: 'Zorgverzekeraar Amstel' });
  await must('POST', '/api/insurers', { uzovi: '3343', name: 'Zorgverzekeraar Domstad' });
  const regions = [
    { code: 'AMS', name: 'Amsterdam-Amstelland', population: 1_050_000, preferredInsurerUzovi: '3311' },
    { code: 'UTR', name: 'Utrecht', population: 910_000, preferredInsurerUzovi: '3343' },
    { code: 'FRL', name: 'Friesland', population: 655_000, preferredInsurerUzovi: '3311' },
  ];
  for (const r of regions) await must('POST', '/api/regions', r);
  // Each region's coordination desk, named in the nurses' calendar feeds (made-up numbers).
  const coordinatorPhones: Record<string, string> = { AMS: '020 555 0100', UTR: '030 555 0100', FRL: '058 555 0100' };
  for (const r of regions) await must('PATCH', `/api/regions/${r.code}`, { coordinatorPhone: coordinatorPhones[r.code] });
  const providers = [
    { agb: '75010001', name: 'Wijkzorg Amstel' },
    { agb: '75010002', name: 'Thuiszorg Zuid-Oost' },
    { agb: '75020001', name: 'Domstad Wijkverpleging' },
    { agb: '75020002', name: 'Utrechtse Thuiszorg' },
    { agb: '75030001', name: 'Fryske Wykferpleging' },
  ];
  for (const p of providers) await must('POST', '/api/providers', p);
  const consortium = await must('POST', '/api/consortia', { name: 'Samen Acuut Utrecht', leadAgb: '75020001', memberAgbs: ['75020002'] });

  // Each provider's staff: qualifications and contract hours a week (part-time, as is usual in
  // district nursing). Sized to the work: Wijkzorg Amstel's nights (two nurses a night) and the
  // specialist on-call blocks (wound care), Thuiszorg Zuid-Oost's acute days and coordination,
  // Domstad's nights and, with Utrechtse Thuiszorg, the acute days (acute care), and Friesland's
  // nights and coordination. Nobody is planned beyond contract hours, so the staff decides what
  // stays open.
  const staff: Record<string, Array<{ q: string[]; hours: number }>> = {
    '75010001': [
      { q: ['district-nurse'], hours: 32 },
      { q: ['district-nurse', 'wound-care'], hours: 28 },
      { q: ['district-nurse'], hours: 24 },
      { q: ['district-nurse', 'wound-care'], hours: 32 },
      { q: ['district-nurse', 'wound-care'], hours: 24 },
    ],
    '75010002': [
      { q: ['district-nurse'], hours: 32 },
      { q: ['district-nurse', 'care-coordination'], hours: 28 },
      { q: ['district-nurse', 'care-coordination'], hours: 36 },
      { q: ['district-nurse'], hours: 24 },
    ],
    '75020001': [
      { q: ['district-nurse'], hours: 28 },
      { q: ['district-nurse', 'acute-care'], hours: 32 },
      { q: ['district-nurse', 'acute-care'], hours: 24 },
      { q: ['district-nurse'], hours: 24 },
    ],
    '75020002': [
      { q: ['district-nurse', 'acute-care'], hours: 28 },
      { q: ['district-nurse', 'acute-care'], hours: 20 },
    ],
    '75030001': [
      { q: ['district-nurse'], hours: 32 },
      { q: ['district-nurse', 'care-coordination'], hours: 28 },
      { q: ['district-nurse'], hours: 24 },
      { q: ['district-nurse', 'care-coordination'], hours: 24 },
    ],
  };
  const names = [
    'Anna de Vries',
    'Bram Jansen',
    'Carla Dekker',
    'Daan Visser',
    'Eva Smit',
    'Fleur Bakker',
    'Gijs Mulder',
    'Hanna de Boer',
    'Iris Vos',
    'Jasper Peters',
    'Kim Hendriks',
    'Lars van Dijk',
    'Maud Bos',
    'Noah Meijer',
    'Olivia de Groot',
    'Pim Kok',
    'Roos Willems',
    'Sem van Leeuwen',
    'Tess Schouten',
    'Yara Postma',
  ];
  const nurses: Record<string, Array<{ id: string; name: string }>> = {};
  let n = 0;
  for (const [agb, list] of Object.entries(staff)) {
    nurses[agb] = [];
    for (const { q, hours } of list) {
      const name = names[n++ % names.length];
      nurses[agb].push(
        await must('POST', '/api/nurses', {
          name,
          employerAgb: agb,
          qualifications: q,
          phone: `+31 6 ${String(10_000_000 + n * 7_919).slice(0, 8)}`,
          contractMinutesPerWeek: hours * 60,
        }),
      );
    }
  }

  const contract = (regionCode: string, insurerUzovi: string, fn: string, party: object, fee: object, open = false) =>
    must('POST', '/api/contracts', {
      regionCode,
      insurerUzovi,
      function: fn,
      responsibleParty: party,
      validFrom: contractStart,
      ...(open ? {} : { validTo: nextYearEnd }),
      fee,
      sla: { minCoveragePct: 95, deductionPerUncoveredHourCents: 6000 },
    });
  const night = { name: 'Nacht', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00', requiredQualifications: ['district-nurse'] };
  const acute = {
    name: 'Acute dagdienst',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU',
    startTime: '08:00',
    endTime: '16:00',
    requiredQualifications: ['district-nurse'],
  };
  const specialist = {
    name: 'Bereikbaarheid specialistisch',
    rrule: 'FREQ=DAILY',
    startTime: '17:00',
    endTime: '08:00',
    dutyType: 'on-call',
    requiredQualifications: ['wound-care'],
  };
  const coordination = {
    name: 'Kantooruren coördinatie',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    startTime: '09:00',
    endTime: '17:00',
    holidays: 'exclude',
    requiredQualifications: ['care-coordination'],
  };

  const plan: Array<{ region: string; fn: string; contractId: string; agbs: string[] }> = [];
  const add = async (
    region: string,
    uzovi: string,
    fn: string,
    party: { type: string; agb?: string; consortiumId?: string },
    agbs: string[],
    template: object,
    fee: object,
    open = false,
  ) => {
    const c = await contract(region, uzovi, fn, party, fee, open);
    await must('POST', `/api/contracts/${c.id}/templates`, template);
    plan.push({ region, fn, contractId: c.id, agbs });
  };
  await add(
    'AMS',
    '3311',
    'unplanned-night-care',
    { type: 'provider', agb: '75010001' },
    ['75010001'],
    { ...night, requiredNurses: 2 },
    { perPositionHourCents: 4500 },
    true,
  );
  await add('AMS', '3311', 'acute-screening', { type: 'provider', agb: '75010002' }, ['75010002'], acute, {
    fixedMonthlyCents: 1_500_000,
    perPositionHourCents: 3000,
  });
  await add('AMS', '3311', 'specialist-nursing', { type: 'provider', agb: '75010001' }, ['75010001'], specialist, { perInhabitantMonthlyCents: 2 });
  await add('AMS', '3311', 'care-coordination', { type: 'provider', agb: '75010002' }, ['75010002'], coordination, { fixedMonthlyCents: 800_000 });
  await add('UTR', '3343', 'unplanned-night-care', { type: 'provider', agb: '75020001' }, ['75020001'], night, { perPositionHourCents: 4400 });
  await add(
    'UTR',
    '3343',
    'acute-screening',
    { type: 'consortium', consortiumId: consortium.id },
    ['75020001', '75020002'],
    { ...acute, requiredQualifications: ['acute-care'] },
    { fixedMonthlyCents: 1_200_000, perPositionHourCents: 2500 },
  );
  await add(
    'FRL',
    '3311',
    'unplanned-night-care',
    { type: 'provider', agb: '75030001' },
    ['75030001'],
    night,
    { perPositionHourCents: 4200, perInhabitantMonthlyCents: 1 },
    true,
  );
  await add('FRL', '3311', 'care-coordination', { type: 'provider', agb: '75030001' }, ['75030001'], coordination, { fixedMonthlyCents: 600_000 });

  // Leave in three weeks' time for one of the acute nurses in Amsterdam: her colleagues take her days.
  await must('POST', `/api/nurses/${nurses['75010002'][0].id}/absences`, {
    from: today.plus({ days: 23 }).toISODate(),
    to: today.plus({ days: 24 }).toISODate(),
    reason: 'leave',
  });
  // A nurse would rather not start a duty on the coming Saturday: the planner avoids it where it can.
  await must('POST', `/api/nurses/${nurses['75010001'][0].id}/wishes`, { date: today.plus({ days: 6 - (today.weekday % 7) }).toISODate(), kind: 'rather-not' });

  // The planner staffs every region from today to the end of next month, as a coordinator would:
  // propose, then apply. What the rules and the staff do not allow stays open, as honest gaps.
  const from = today.toISODate() as string;
  const to = today.plus({ days: 20 }).toISODate() as string;
  const planTo = today.plus({ months: 1 }).endOf('month').toISODate() as string;
  let staffed = 0;
  const plans: DemoSeed['plans'] = [];
  for (const region of [...new Set(plan.map((p) => p.region))]) {
    // Today's slots that have already begun are no plan's business; the coordinator staffed them
    // by hand this morning, with the first lawful candidate, before asking for the plan (which
    // then counts them in each nurse's hours).
    const { body: todays } = await call('GET', `/api/slots?regionCode=${region}&from=${from}&to=${from}`);
    for (const slot of todays as Array<{ id: string; start: string; requiredNurses: number; assignments: unknown[] }>) {
      if (DateTime.fromISO(slot.start) > now) continue;
      for (let missing = slot.requiredNurses - slot.assignments.length; missing > 0; missing--) {
        const { body: candidates } = await call('GET', `/api/slots/${slot.id}/candidates`);
        const free = (candidates as Array<{ nurseId: string; violations: unknown[] }>).find((c) => c.violations.length === 0);
        if (!free || (await call('POST', `/api/slots/${slot.id}/assignments`, { nurseId: free.nurseId })).status !== 201) break;
        staffed++;
      }
    }
    const proposal = await must('POST', '/api/roster-plans', { regionCode: region, from, to: planTo });
    const applied = await must('POST', `/api/roster-plans/${proposal.id}/apply`);
    staffed += (applied.created as unknown[]).length;
    plans.push({ id: proposal.id, regionCode: region, from, to: planTo, summary: proposal.summary });
  }

  // A swap waiting for the coordinator: a night nurse offers a shift to a colleague who accepted.
  const nurseUser = await must('POST', '/api/users', {
    name: nurses['75010001'][0].name,
    role: 'nurse',
    nurseId: nurses['75010001'][0].id,
    email: DEMO_EMAILS.nurse,
  });
  let swapTaker = '';
  const { body: shifts } = await call('GET', `/api/nurses/${nurses['75010001'][0].id}/shifts?from=${today.plus({ days: 3 }).toISODate()}&to=${to}`);
  for (const shift of shifts as Array<{ id: string; slotId: string }>) {
    const { body: candidates } = await call('GET', `/api/slots/${shift.slotId}/candidates`);
    // The slot is full with the giver on it; the taker's only problem may be that (the swap frees the place).
    const taker = (candidates as Array<{ nurseId: string; name: string; violations: Array<{ rule: string }> }>).find((c) =>
      c.violations.every((v) => v.rule === 'slot-full'),
    );
    if (!taker) continue;
    const takerUser = await must('POST', '/api/users', { name: taker.name, role: 'nurse', nurseId: taker.nurseId });
    const offer = await call('POST', `/api/assignments/${shift.id}/offers`, { toNurseId: taker.nurseId }, nurseUser.token);
    if (offer.status !== 201) continue;
    const accepted = await call('POST', `/api/offers/${offer.body.id}/accept`, {}, takerUser.token);
    if (accepted.status === 200 || accepted.status === 201) {
      swapTaker = takerUser.token;
      break;
    }
  }
  // The hourly gap scan, once now, so the open gaps of the next 72 h show as alerts.
  await must('POST', '/api/job-runs', { job: 'scan-gaps' });

  const coordinator = await must('POST', '/api/users', {
    name: 'Coördinator Amsterdam',
    role: 'coordinator',
    regionCodes: ['AMS'],
    email: DEMO_EMAILS.coordinator,
  });
  const insurer = await must('POST', '/api/users', {
    name: 'Inkoop Zorgverzekeraar Amstel',
    role: 'insurer',
    insurerUzovi: '3311',
    email: DEMO_EMAILS.insurer,
  });
  // People sign in through the demo identity provider with these addresses.
  await must('POST', '/api/users', { name: 'Beheerder', role: 'admin', email: DEMO_EMAILS.admin });
  const month = today.toFormat('yyyy-MM');
  const requests = await seedRequests(call, must, coordinator.token, now);

  return {
    from,
    to,
    month,
    counts: { nurses: Object.values(nurses).flat().length, contracts: plan.length, assignments: staffed, swapsWaiting: swapTaker ? 1 : 0 },
    tokens: { coordinator: coordinator.token, insurer: insurer.token, nurse: nurseUser.token, swapTaker },
    nurseUserId: nurseUser.id as string,
    nurseName: nurses['75010001'][0].name,
    plans,
    requests,
  };
}

type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: any }>;

/**
 * Acute requests from a GP post: in Amsterdam one acknowledged by whoever was paged first and one
 * still open; in Friesland acute screening is contracted with a provider that has nobody on duty
 * in the region, so its request goes straight to the coordinator of Friesland (escalated).
 */
async function seedRequests(
  call: Call,
  must: (method: string, path: string, body?: unknown) => Promise<any>,
  amsCoordinatorToken: string,
  now: DateTime,
): Promise<DemoRequests> {
  const asUser = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(method, path, body, token);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const partner = await must('POST', '/api/users', { name: 'Huisartsenpost Amsterdam en Friesland', role: 'partner', regionCodes: ['AMS', 'FRL'] });
  await must('POST', '/api/users', { name: 'Coördinator Friesland', role: 'coordinator', regionCodes: ['FRL'] });
  await must('POST', '/api/providers', { agb: '75030002', name: 'Acute Zorg Fryslân' });
  await must('POST', '/api/contracts', {
    regionCode: 'FRL',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75030002' },
    // New this month and not rostered yet: its statements carry the fixed fee and "not rostered".
    validFrom: now.toISODate(),
    fee: { fixedMonthlyCents: 400_000 },
    sla: { minCoveragePct: 95, deductionPerUncoveredHourCents: 6000, ackMinutes: 10 },
  });
  const raise = (regionCode: string, fn: string, reference: string, postcode: string) =>
    asUser('POST', '/api/requests', partner.token, {
      regionCode,
      function: fn,
      urgency: 'immediate',
      postcode,
      partnerReference: reference,
      callbackPhone: '+31201234567',
    });
  const acknowledged = await raise('AMS', 'acute-screening', 'HAP-AMS-0001', '1012');
  // Whoever was paged first says "Ik ga": a nurse (through a user of its own) or, when nobody of
  // the party was on duty, the coordinator.
  const first = acknowledged.pages[0] as { nurseId: string | null; userId: string | null; name: string } | undefined;
  if (first?.nurseId) {
    const nurseUser = await must('POST', '/api/users', { name: first.name, role: 'nurse', nurseId: first.nurseId });
    await asUser('POST', `/api/requests/${acknowledged.id}/acknowledge`, nurseUser.token);
  } else if (first?.userId) {
    await asUser('POST', `/api/requests/${acknowledged.id}/acknowledge`, amsCoordinatorToken);
  }
  const open = await raise('AMS', 'acute-screening', 'HAP-AMS-0002', '1091');
  const escalated = await raise('FRL', 'acute-screening', 'HAP-FRL-0001', '8911');
  return { partnerToken: partner.token, acknowledgedId: acknowledged.id, escalatedId: escalated.id, openId: open.id };
}
