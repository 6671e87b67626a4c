import { lang } from '../i18n';

/**
 * The words of the coordination point's screens: the referrer's "Aanmelden", the provider's
 * "Capaciteit en aanmeldingen", the desk's "Verwijspunt" and the insurer's figures. Dutch first,
 * English on request; kept beside the components that use them.
 */
const nl = {
  // the referrer
  referTitle: 'Aanmelden',
  referHelp:
    'Meld een cliënt aan voor wijkverpleging. Het verwijspunt zoekt een zorgaanbieder met plek en biedt de aanmelding aan; u ziet hieronder wie haar neemt. Vul geen naam, adres of geboortedatum in: alleen de vier cijfers van de postcode en uw eigen kenmerk.',
  region: 'Regio',
  postcode: 'Postcode (4 cijfers)',
  careKinds: 'Zorgsoort (1 tot 3)',
  startOn: 'Start',
  urgency: 'Urgentie',
  reference: 'Eigen kenmerk',
  referenceHelp: 'Uw eigen nummer, bijvoorbeeld OLVG-TRF-88412 (letters, cijfers, . _ / -).',
  callback: 'Terugbelnummer (niet verplicht)',
  send: 'Aanmelden',
  sent: 'Aangemeld: {where}.',
  mine: 'Uw aanmeldingen',
  mineHelp: 'De lijst ververst zich vanzelf.',
  none: 'Nog geen aanmeldingen.',
  tooManyKinds: 'Kies één tot drie zorgsoorten.',
  badPhone: 'Het terugbelnummer is geen telefoonnummer.',
  offeredTo: 'Aangeboden aan {name} — nog {left}',
  atDesk: 'Bij het verwijspunt',
  placedWith: 'Geplaatst bij {name} — bel intake {phone}',
  closedOutside: 'Gesloten: elders geplaatst',
  closedNotNeeded: 'Gesloten: niet meer nodig',
  cancelled: 'Ingetrokken',
  cancel: 'Intrekken',
  cancelledOk: 'Aanmelding ingetrokken.',
  // urgencies and states
  urgencies: { today: 'vandaag', 'within-24h': 'binnen 24 uur', planned: 'gepland' } as Record<string, string>,
  statuses: { offered: 'Aangeboden', escalated: 'Bij het verwijspunt', placed: 'Geplaatst', closed: 'Gesloten', cancelled: 'Ingetrokken' } as Record<
    string,
    string
  >,
  pc: 'PC {p}',
  starts: 'start {date}',
  ref: 'kenmerk {r}',
  minutesLeft: '{n} min',
  hoursLeft: '{h} u',
  hoursMinutesLeft: '{h} u {m} min',
  secondsLeft: '{n} s',
  overdue: 'verlopen',
  // the provider
  providerTitle: 'Capaciteit en aanmeldingen',
  offersTitle: 'Aangeboden aanmeldingen',
  offersHelp:
    'Nieuwe aanmeldingen verschijnen hier vanzelf. Neem ze aan of wijs ze af vóór de tijd om is; daarna gaat de aanmelding naar de volgende zorgaanbieder.',
  noOffers: 'Geen aanmeldingen die op uw antwoord wachten.',
  answerWithin: 'Nog {left} om te antwoorden',
  accept: 'Aannemen',
  decline: 'Afwijzen',
  declineReason: 'Reden',
  reasons: { 'no-places': 'geen plek', 'no-expertise': 'geen deskundigheid', 'outside-area': 'buiten ons gebied', other: 'andere reden' } as Record<
    string,
    string
  >,
  acceptedOk: 'Aangenomen. De verwijzer belt uw intake of stuurt de overdracht.',
  declinedOk: 'Afgewezen; de aanmelding gaat naar de volgende zorgaanbieder.',
  recentTitle: 'Recent geplaatst bij u',
  callReferrer: 'Verwijzer: {phone}',
  capacityTitle: 'Uw capaciteit',
  capacityHelp:
    'Plekken: hoeveel nieuwe cliënten u binnen 48 uur kunt starten. Groen: 2 of meer, oranje: 1, rood: 0, grijs: niet bijgewerkt in de afgelopen {hours} uur. Elke tik op − of + geldt ook als bijwerken.',
  noLines: 'U hebt nog geen intakeregels gepubliceerd (PUT /api/providers/{agb}/intake).',
  publishedAt: 'Laatst bijgewerkt {when}',
  intakePhone: 'Intaketelefoon {phone}',
  places: '{n} plekken',
  place: '1 plek',
  less: 'Eén plek minder',
  more: 'Eén plek meer',
  primary: 'eigen wijkteam',
  lights: { green: 'groen', orange: 'oranje', red: 'rood', grey: 'grijs' } as Record<string, string>,
  // the desk
  deskTab: 'Verwijspunt',
  deskTitle: 'Open aanmeldingen',
  deskHelp: 'Eerst wat bij het verwijspunt ligt, dan wat bij een zorgaanbieder wacht. De lijst ververst zich elke 10 seconden.',
  deskNone: 'Geen open aanmeldingen.',
  atDeskSince: 'Bij het verwijspunt sinds {when}',
  offerTo: 'Aanbieden aan',
  offerBy: 'Aanbieden',
  offeredOk: 'Aangeboden.',
  closeAs: 'Sluiten als',
  close: 'Sluiten',
  closedOk: 'Gesloten.',
  outcomes: { 'placed-outside': 'elders geplaatst', 'no-longer-needed': 'niet meer nodig' } as Record<string, string>,
  passedBy: 'Overgeslagen: {list}',
  skipReasons: {
    'outside-area': 'buiten gebied',
    'care-kind': 'zorgsoort',
    'no-places': 'geen plek',
    stale: 'niet bijgewerkt',
    declined: 'afgewezen',
    'timed-out': 'niet op tijd',
    withdrawn: 'teruggenomen',
  } as Record<string, string>,
  tableTitle: 'Capaciteit per postcode en zorgsoort',
  tableHelp: 'Per postcode het beste licht van de zorgaanbieders die haar dekken, met het aantal per licht.',
  tableNone: 'Nog geen intakeregels in deze regio.',
  postcodeColumn: 'Postcode',
  // the insurer
  figuresTitle: 'Verwijspunt: plaatsing van aanmeldingen',
  figuresHelp: 'Aanmeldingen voor wijkverpleging die in de maand zijn gedaan, en hoe snel ze een plek kregen.',
  figuresCaption: 'Aanmeldingen in {region}, {month}',
  kindsCaption: 'Per zorgsoort in {region}, {month}',
  referrals: 'Aanmeldingen',
  placed: 'Geplaatst',
  escalated: 'Bij het verwijspunt',
  cancelledCount: 'Ingetrokken',
  outside: 'Elders geplaatst',
  median: 'Mediaan tot plaatsing',
  p90: '90e percentiel',
  withinNorm: 'Binnen de norm',
  offersPer: 'Aanbiedingen per plaatsing',
  declines: 'Afwijzingen',
  timeouts: 'Niet op tijd beantwoord',
  greenShare: 'Tijd met plek (groen)',
  careKind: 'Zorgsoort',
  noFigure: '—',
  notYours: 'Alleen de preferente zorgverzekeraar van de regio ziet deze cijfers.',
};

const en: typeof nl = {
  referTitle: 'Refer',
  referHelp:
    'Refer a client to district nursing. The coordination point finds a provider with room and offers the referral; below you see who takes it. Enter no name, address or date of birth: only the four digits of the postcode and your own reference.',
  region: 'Region',
  postcode: 'Postcode (4 digits)',
  careKinds: 'Kind of care (1 to 3)',
  startOn: 'Start',
  urgency: 'Urgency',
  reference: 'Your reference',
  referenceHelp: 'Your own number, e.g. OLVG-TRF-88412 (letters, digits, . _ / -).',
  callback: 'Call-back number (optional)',
  send: 'Refer',
  sent: 'Referred: {where}.',
  mine: 'Your referrals',
  mineHelp: 'The list refreshes by itself.',
  none: 'No referrals yet.',
  tooManyKinds: 'Choose one to three kinds of care.',
  badPhone: 'The call-back number is not a phone number.',
  offeredTo: 'Offered to {name} — {left} left',
  atDesk: 'At the coordination point',
  placedWith: 'Placed with {name} — call intake {phone}',
  closedOutside: 'Closed: placed elsewhere',
  closedNotNeeded: 'Closed: no longer needed',
  cancelled: 'Withdrawn',
  cancel: 'Withdraw',
  cancelledOk: 'Referral withdrawn.',
  urgencies: { today: 'today', 'within-24h': 'within 24 hours', planned: 'planned' },
  statuses: { offered: 'Offered', escalated: 'At the coordination point', placed: 'Placed', closed: 'Closed', cancelled: 'Withdrawn' },
  pc: 'PC {p}',
  starts: 'start {date}',
  ref: 'reference {r}',
  minutesLeft: '{n} min',
  hoursLeft: '{h} h',
  hoursMinutesLeft: '{h} h {m} min',
  secondsLeft: '{n} s',
  overdue: 'overdue',
  providerTitle: 'Capacity and referrals',
  offersTitle: 'Referrals offered to you',
  offersHelp: 'New referrals appear here by themselves. Accept or decline them before the time is up; then the referral goes to the next provider.',
  noOffers: 'No referrals waiting for your answer.',
  answerWithin: '{left} left to answer',
  accept: 'Accept',
  decline: 'Decline',
  declineReason: 'Reason',
  reasons: { 'no-places': 'no places', 'no-expertise': 'no expertise', 'outside-area': 'outside our area', other: 'other reason' },
  acceptedOk: 'Accepted. The referrer calls your intake or sends the transfer.',
  declinedOk: 'Declined; the referral goes to the next provider.',
  recentTitle: 'Recently placed with you',
  callReferrer: 'Referrer: {phone}',
  capacityTitle: 'Your capacity',
  capacityHelp:
    'Places: how many new clients you can start within 48 hours. Green: 2 or more, orange: 1, red: 0, grey: not updated in the last {hours} hours. Every tap on − or + counts as an update.',
  noLines: 'You have not published intake lines yet (PUT /api/providers/{agb}/intake).',
  publishedAt: 'Last updated {when}',
  intakePhone: 'Intake phone {phone}',
  places: '{n} places',
  place: '1 place',
  less: 'One place less',
  more: 'One place more',
  primary: 'own neighbourhood team',
  lights: { green: 'green', orange: 'orange', red: 'red', grey: 'grey' },
  deskTab: 'Coordination point',
  deskTitle: 'Open referrals',
  deskHelp: 'First what lies with the coordination point, then what waits with a provider. The list refreshes every 10 seconds.',
  deskNone: 'No open referrals.',
  atDeskSince: 'At the coordination point since {when}',
  offerTo: 'Offer to',
  offerBy: 'Offer',
  offeredOk: 'Offered.',
  closeAs: 'Close as',
  close: 'Close',
  closedOk: 'Closed.',
  outcomes: { 'placed-outside': 'placed elsewhere', 'no-longer-needed': 'no longer needed' },
  passedBy: 'Passed by: {list}',
  skipReasons: {
    'outside-area': 'outside area',
    'care-kind': 'kind of care',
    'no-places': 'no places',
    stale: 'not updated',
    declined: 'declined',
    'timed-out': 'no answer in time',
    withdrawn: 'taken back',
  },
  tableTitle: 'Capacity per postcode and kind of care',
  tableHelp: 'Per postcode the best light of the providers that cover it, with the number per light.',
  tableNone: 'No intake lines in this region yet.',
  postcodeColumn: 'Postcode',
  figuresTitle: 'Coordination point: placing referrals',
  figuresHelp: 'Referrals to district nursing made in the month, and how fast they were placed.',
  figuresCaption: 'Referrals in {region}, {month}',
  kindsCaption: 'Per kind of care in {region}, {month}',
  referrals: 'Referrals',
  placed: 'Placed',
  escalated: 'At the coordination point',
  cancelledCount: 'Withdrawn',
  outside: 'Placed elsewhere',
  median: 'Median to placement',
  p90: '90th percentile',
  withinNorm: 'Within the norm',
  offersPer: 'Offers per placement',
  declines: 'Declines',
  timeouts: 'Not answered in time',
  greenShare: 'Time with room (green)',
  careKind: 'Kind of care',
  noFigure: '—',
  notYours: "Only the region's preferred insurer sees these figures.",
};

export function referralWords(): typeof nl {
  return lang.value === 'en' ? en : nl;
}

export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Dutch numbers as people write them (`020 555 0123`, `06 12345678`); others as given. */
export function phoneText(e164: string): string {
  if (!e164.startsWith('+31')) return e164;
  const national = `0${e164.slice(3)}`;
  if (national.startsWith('06')) return `06 ${national.slice(2)}`;
  // Two-digit area codes of the large cities; the rest have three.
  const two = [
    '10',
    '13',
    '15',
    '20',
    '23',
    '24',
    '26',
    '30',
    '33',
    '35',
    '36',
    '38',
    '40',
    '43',
    '45',
    '46',
    '50',
    '53',
    '55',
    '58',
    '70',
    '71',
    '72',
    '73',
    '74',
    '75',
    '76',
    '77',
    '78',
    '79',
  ];
  const area = two.includes(national.slice(1, 3)) ? 3 : 4;
  const rest = national.slice(area);
  return `${national.slice(0, area)} ${area === 3 ? `${rest.slice(0, 3)} ${rest.slice(3)}` : rest}`;
}

/** A number typed the Dutch way (`020 599 1111`) or with its country code, as E.164; null when it cannot be one. */
export function toE164(typed: string): string | null {
  const compact = typed.replace(/[\s()-]/g, '');
  const e164 = compact.startsWith('+')
    ? compact
    : compact.startsWith('00')
      ? `+${compact.slice(2)}`
      : compact.startsWith('0')
        ? `+31${compact.slice(1)}`
        : compact;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : null;
}

/** "23 min", "45 s", "2 u", "7 u 59 min" or "verlopen": what is left until `until`, in whole minutes rounded up. */
export function leftText(until: string, nowMs: number): string {
  const w = referralWords();
  const ms = Date.parse(until) - nowMs;
  if (ms <= 0) return w.overdue;
  if (ms < 60_000) return fill(w.secondsLeft, { n: Math.ceil(ms / 1000) });
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return fill(w.minutesLeft, { n: minutes });
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? fill(w.hoursLeft, { h }) : fill(w.hoursMinutesLeft, { h, m });
}

/** Runs of consecutive PC4 codes (as text) whose rows read the same, as one row each: `["1020", "1049"]`. */
export function runsOf<T>(rows: Array<{ postcode: string; key: string; value: T }>): Array<{ from: string; to: string; value: T }> {
  const runs: Array<{ from: string; to: string; key: string; value: T }> = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last.key === row.key && Number(row.postcode) === Number(last.to) + 1) last.to = row.postcode;
    else runs.push({ from: row.postcode, to: row.postcode, key: row.key, value: row.value });
  }
  return runs.map(({ from, to, value }) => ({ from, to, value }));
}
