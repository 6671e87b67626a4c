import { signal } from '@preact/signals';
import { ApiError, type Violation } from './api';
import type { components } from './generated/api-schema';

type RuleCode = components['schemas']['RuleCode'];

/** Dutch first; English on request. The choice is kept in localStorage (it is not a secret). */
export type Lang = 'nl' | 'en';

const nl = {
  appName: 'Wijkwacht',
  tagline: 'Regionale beschikbaarheid wijkverpleging',
  signInTitle: 'Aanmelden',
  signInHelp: 'Plak het token dat u van de beheerder kreeg. Het blijft alleen in dit tabblad bewaard.',
  tokenLabel: 'Token',
  signIn: 'Aanmelden',
  signOut: 'Afmelden',
  unknownToken: 'Dit token is onbekend of ingetrokken.',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  loading: 'Laden…',
  roleAdmin: 'beheerder',
  roleCoordinator: 'coördinator',
  roleInsurer: 'zorgverzekeraar',
  roleNurse: 'verpleegkundige',
  mainNav: 'Hoofdmenu',
  // coordinator
  tabBoard: 'Rooster',
  tabHeatmap: 'Dekking per dag',
  tabAlerts: 'Gaten',
  tabOffers: 'Ruilverzoeken',
  tabAbsences: 'Afwezigheid',
  tabInsurer: 'Contracten en vergoedingen',
  region: 'Regio',
  function: 'Functie',
  month: 'Maand',
  noContracts: 'Geen contracten in deze regio.',
  statusOpen: 'Open',
  statusPartial: 'Deels',
  statusCovered: 'Gedekt',
  legend: 'Legenda',
  slotPanel: 'Dienst',
  close: 'Sluiten',
  assigned: 'Ingepland',
  nobodyAssigned: 'Nog niemand ingepland.',
  unassign: 'Uitplannen',
  candidates: 'Kandidaten',
  noCandidates: 'Geen andere verpleegkundigen bij deze zorgaanbieder.',
  assign: 'Inplannen',
  fits: 'Past binnen alle regels',
  monthHours: '{h} deze maand',
  nights16: '{n} nachtdiensten in 16 weken',
  assignedOk: '{name} is ingepland.',
  unassignedOk: '{name} is uitgepland.',
  refused: 'Niet ingepland:',
  required: 'Nodig: {n} · kwalificaties: {q}',
  holiday: 'Feestdag',
  onCall: 'Bereikbaarheidsdienst',
  shift: 'Dienst op locatie',
  heatmapCaption: 'Dekking per functie en dag, {month}',
  noSlots: 'geen diensten',
  alertsTitle: 'Open gaten in de komende 72 uur',
  noAlerts: 'Geen open gaten. (De controle draait elk uur.)',
  missing: 'Ontbreekt',
  since: 'Gemeld',
  when: 'Wanneer',
  offersTitle: 'Ruilverzoeken die op goedkeuring wachten',
  openOffersTitle: 'Nog niet geaccepteerd',
  noOffers: 'Geen ruilverzoeken.',
  from: 'Van',
  to: 'Naar',
  until: 'Tot en met',
  anyone: 'iedereen',
  approve: 'Goedkeuren',
  reject: 'Afwijzen',
  approvedOk: 'Goedgekeurd: {name} neemt de dienst over.',
  rejectedOk: 'Ruilverzoek afgewezen.',
  status: 'Status',
  actions: 'Acties',
  offerStatus_open: 'open',
  offerStatus_accepted: 'geaccepteerd, wacht op goedkeuring',
  offerStatus_approved: 'goedgekeurd',
  offerStatus_rejected: 'afgewezen',
  offerStatus_withdrawn: 'ingetrokken',
  offerStatus_cancelled: 'vervallen',
  nurse: 'Verpleegkundige',
  absencesOf: 'Afwezigheid van {name}',
  noAbsences: 'Geen afwezigheid geregistreerd.',
  reason: 'Reden',
  reason_leave: 'verlof',
  reason_sick: 'ziek',
  reason_training: 'scholing',
  reason_other: 'anders',
  addAbsence: 'Afwezigheid vastleggen',
  fromDate: 'Van (datum)',
  toDate: 'Tot en met (datum)',
  save: 'Vastleggen',
  remove: 'Verwijderen',
  absenceSaved: 'Afwezigheid vastgelegd; {n} dienst(en) vervallen.',
  absenceRemoved: 'Afwezigheid verwijderd (vervallen diensten komen niet terug).',
  // insurer
  tabContracts: 'Contracten',
  tabCoverage: 'Dekking',
  tabStatements: 'Vergoedingen',
  contractsTitle: 'Contracten',
  party: 'Verantwoordelijke partij',
  period: 'Periode',
  openEnded: 'doorlopend',
  fee: 'Vergoeding',
  feeFixed: '{a} per maand',
  feeHour: '{a} per positie-uur',
  feeInhabitant: '{a} per inwoner per maand',
  sla: 'Minimale dekking',
  terminated: 'beëindigd',
  coverageTitle: 'Dekking per maand, {region}',
  coverageChartLabel: 'Staafdiagram: dekkingspercentage per maand en functie',
  positionHours: 'Positie-uren',
  coveredHours: 'Gedekt',
  coverage: 'Dekking',
  statementsTitle: 'Beschikbaarheidsvergoeding {month}',
  compute: 'Concept (her)berekenen',
  computedOk: '{n} conceptafrekening(en) berekend.',
  downloadCsv: 'Download CSV',
  noStatements: 'Nog geen afrekeningen voor deze maand. Kies “Concept (her)berekenen”.',
  lineFixed: 'Vast bedrag',
  lineCapitation: 'Per inwoner',
  linePositionHours: 'Positie-uren',
  lineDeduction: 'Korting onderdekking',
  total: 'Totaal',
  draft: 'concept',
  final: 'definitief',
  finalize: 'Definitief maken',
  confirmFinalizeTitle: 'Afrekening definitief maken?',
  confirmFinalizeText: '{fn} in {region}, {month}: {total}. Daarna kan niets meer aan deze maand van het rooster of de afrekening veranderen.',
  confirm: 'Ja, definitief maken',
  cancel: 'Annuleren',
  finalizedOk: 'De afrekening is definitief.',
  // nurse
  tabMyShifts: 'Mijn diensten',
  tabMyOffers: 'Over te nemen',
  tabFeed: 'Agenda op telefoon',
  myShiftsTitle: 'Mijn diensten',
  noShifts: 'Geen diensten in deze periode.',
  listView: 'Lijst',
  calendarView: 'Kalender',
  offersForMe: 'Diensten die u kunt overnemen',
  accept: 'Overnemen',
  acceptedOk: 'Geaccepteerd; de coördinator keurt het goed.',
  acceptedApprovedOk: 'Geaccepteerd en meteen goedgekeurd: de dienst is van u.',
  myOffers: 'Mijn eigen aanbiedingen',
  feedTitle: 'Uw diensten in uw agenda-app',
  feedHelp: 'Abonneer u in uw agenda-app op deze link (of scan de QR-code met uw telefoon). Deel de link met niemand: wie hem heeft, ziet uw diensten.',
  feedLink: 'Agendalink',
  copy: 'Kopieer link',
  copied: 'Link gekopieerd.',
  copyFailed: 'Kopiëren lukte niet; selecteer de link en kopieer hem zelf.',
  qrAlt: 'QR-code met de agendalink',
  rotate: 'Nieuwe link maken (oude werkt dan niet meer)',
  rotatedOk: 'Nieuwe link gemaakt; de oude werkt niet meer.',
  hours: 'u',
  minutes: 'min',
  // errors in words
  err0: 'De dienst is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  err400: 'De invoer klopt niet: {m}',
  err401: 'U bent niet (meer) aangemeld. Meld u opnieuw aan.',
  err403: 'U heeft geen toegang tot deze actie.',
  err404: 'Niet gevonden, of buiten uw werkgebied.',
  err409: 'Dit botst met de huidige stand van zaken.',
  err413: 'Het verzoek is te groot.',
  err422: 'Geweigerd door een regel.',
  err429: 'Te veel verzoeken achter elkaar. Wacht een minuut en probeer het opnieuw.',
  err500: 'Er ging iets mis in de dienst. Probeer het later opnieuw.',
};

type Key = keyof typeof nl;

const en: Record<Key, string> = {
  appName: 'Wijkwacht',
  tagline: 'Regional availability in district nursing',
  signInTitle: 'Sign in',
  signInHelp: 'Paste the token your administrator gave you. It is kept in this tab only.',
  tokenLabel: 'Token',
  signIn: 'Sign in',
  signOut: 'Sign out',
  unknownToken: 'This token is unknown or revoked.',
  switchLanguage: 'Nederlands',
  switchLanguageLabel: 'Schakel naar Nederlands',
  loading: 'Loading…',
  roleAdmin: 'administrator',
  roleCoordinator: 'coordinator',
  roleInsurer: 'insurer',
  roleNurse: 'nurse',
  mainNav: 'Main menu',
  tabBoard: 'Roster',
  tabHeatmap: 'Coverage per day',
  tabAlerts: 'Gaps',
  tabOffers: 'Shift offers',
  tabAbsences: 'Absence',
  tabInsurer: 'Contracts and fees',
  region: 'Region',
  function: 'Function',
  month: 'Month',
  noContracts: 'No contracts in this region.',
  statusOpen: 'Open',
  statusPartial: 'Partial',
  statusCovered: 'Covered',
  legend: 'Legend',
  slotPanel: 'Slot',
  close: 'Close',
  assigned: 'Assigned',
  nobodyAssigned: 'Nobody assigned yet.',
  unassign: 'Unassign',
  candidates: 'Candidates',
  noCandidates: 'No other nurses at this provider.',
  assign: 'Assign',
  fits: 'Breaks no rule',
  monthHours: '{h} this month',
  nights16: '{n} night shifts in 16 weeks',
  assignedOk: '{name} is assigned.',
  unassignedOk: '{name} is unassigned.',
  refused: 'Not assigned:',
  required: 'Needs: {n} · qualifications: {q}',
  holiday: 'Public holiday',
  onCall: 'On-call (reachable)',
  shift: 'Shift at work',
  heatmapCaption: 'Coverage per function and day, {month}',
  noSlots: 'no slots',
  alertsTitle: 'Open gaps in the next 72 hours',
  noAlerts: 'No open gaps. (The scan runs hourly.)',
  missing: 'Missing',
  since: 'Raised',
  when: 'When',
  offersTitle: 'Offers waiting for approval',
  openOffersTitle: 'Not accepted yet',
  noOffers: 'No shift offers.',
  from: 'From',
  to: 'To',
  until: 'Until',
  anyone: 'anyone',
  approve: 'Approve',
  reject: 'Reject',
  approvedOk: 'Approved: {name} takes over the shift.',
  rejectedOk: 'Offer rejected.',
  status: 'Status',
  actions: 'Actions',
  offerStatus_open: 'open',
  offerStatus_accepted: 'accepted, waiting for approval',
  offerStatus_approved: 'approved',
  offerStatus_rejected: 'rejected',
  offerStatus_withdrawn: 'withdrawn',
  offerStatus_cancelled: 'cancelled',
  nurse: 'Nurse',
  absencesOf: 'Absence of {name}',
  noAbsences: 'No absence recorded.',
  reason: 'Reason',
  reason_leave: 'leave',
  reason_sick: 'sick',
  reason_training: 'training',
  reason_other: 'other',
  addAbsence: 'Record absence',
  fromDate: 'From (date)',
  toDate: 'To, inclusive (date)',
  save: 'Record',
  remove: 'Remove',
  absenceSaved: 'Absence recorded; {n} shift(s) cancelled.',
  absenceRemoved: 'Absence removed (cancelled shifts are not restored).',
  tabContracts: 'Contracts',
  tabCoverage: 'Coverage',
  tabStatements: 'Fees',
  contractsTitle: 'Contracts',
  party: 'Responsible party',
  period: 'Period',
  openEnded: 'open-ended',
  fee: 'Fee',
  feeFixed: '{a} per month',
  feeHour: '{a} per position hour',
  feeInhabitant: '{a} per inhabitant per month',
  sla: 'Minimum coverage',
  terminated: 'terminated',
  coverageTitle: 'Coverage per month, {region}',
  coverageChartLabel: 'Bar chart: coverage percentage per month and function',
  positionHours: 'Position hours',
  coveredHours: 'Covered',
  coverage: 'Coverage',
  statementsTitle: 'Availability fee {month}',
  compute: '(Re)compute drafts',
  computedOk: '{n} draft statement(s) computed.',
  downloadCsv: 'Download CSV',
  noStatements: 'No statements for this month yet. Choose “(Re)compute drafts”.',
  lineFixed: 'Fixed',
  lineCapitation: 'Per inhabitant',
  linePositionHours: 'Position hours',
  lineDeduction: 'Under-coverage deduction',
  total: 'Total',
  draft: 'draft',
  final: 'final',
  finalize: 'Finalize',
  confirmFinalizeTitle: 'Finalize this statement?',
  confirmFinalizeText: '{fn} in {region}, {month}: {total}. After this nothing in this month of the roster or the statement can change.',
  confirm: 'Yes, finalize',
  cancel: 'Cancel',
  finalizedOk: 'The statement is final.',
  tabMyShifts: 'My shifts',
  tabMyOffers: 'Up for grabs',
  tabFeed: 'Calendar on my phone',
  myShiftsTitle: 'My shifts',
  noShifts: 'No shifts in this period.',
  listView: 'List',
  calendarView: 'Calendar',
  offersForMe: 'Shifts you can take over',
  accept: 'Take over',
  acceptedOk: 'Accepted; the coordinator will approve it.',
  acceptedApprovedOk: 'Accepted and approved at once: the shift is yours.',
  myOffers: 'My own offers',
  feedTitle: 'Your shifts in your calendar app',
  feedHelp: 'Subscribe to this link in your calendar app (or scan the QR code with your phone). Share it with nobody: whoever has it sees your shifts.',
  feedLink: 'Calendar link',
  copy: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Copying failed; select the link and copy it yourself.',
  qrAlt: 'QR code holding the calendar link',
  rotate: 'Make a new link (the old one stops working)',
  rotatedOk: 'New link made; the old one no longer works.',
  hours: 'h',
  minutes: 'min',
  err0: 'The service cannot be reached. Check the connection and try again.',
  err400: 'The input is not valid: {m}',
  err401: 'You are not signed in (any more). Please sign in again.',
  err403: 'You are not allowed to do this.',
  err404: 'Not found, or outside your scope.',
  err409: 'This conflicts with the current state.',
  err413: 'The request is too large.',
  err422: 'Refused by a rule.',
  err429: 'Too many requests in a row. Wait a minute and try again.',
  err500: 'Something went wrong in the service. Please try again later.',
};

/** The rules the API names, in plain words. */
/** Every rule code the API can answer (from the generated schema): a new code without a text fails the type check. */
const RULES: Record<Lang, Record<RuleCode, string>> = {
  nl: {
    'slot-full': 'De dienst is al vol.',
    overlap: 'Deze verpleegkundige heeft dan al een andere dienst.',
    'closed-month': 'Deze maand is afgerekend en gesloten.',
    'month-not-ended': 'Deze maand is nog niet voorbij; afrekenen kan pas daarna.',
    'no-contract': 'Voor deze functie is in deze regio nu geen contract actief.',
    'already-acknowledged': 'Iemand anders heeft deze oproep al aangenomen.',
    'request-closed': 'Deze oproep is al afgerond of geannuleerd.',
    'too-many-templates': 'Dit contract heeft al het maximale aantal roosterpatronen.',
    'too-many-slots': 'Dit patroon zou te veel diensten maken.',
    'preferred-insurer': 'Alleen de preferente zorgverzekeraar van de regio mag hier contracteren.',
    'last-day-outside-period': 'De laatste dag valt buiten de looptijd van het contract.',
    'has-assignments': 'Er zijn nog verpleegkundigen ingepland op de diensten van dit patroon.',
    employer: 'Deze verpleegkundige werkt niet bij de verantwoordelijke zorgaanbieder.',
    qualification: 'Mist een vereiste kwalificatie.',
    absence: 'Is die dag afwezig (verlof, ziek of scholing).',
    'daily-rest': 'Te weinig rust tussen twee diensten (minimaal 11 uur).',
    'rest-after-night': 'Te weinig rust na een nachtdienst (minimaal 14 uur).',
    'rest-after-night-series': 'Te weinig rust na een reeks nachtdiensten (minimaal 46 uur).',
    'max-shift-length': 'Te lang: een dienst hooguit 12 uur, een bereikbaarheidsdienst hooguit 24 uur.',
    'max-night-shift-length': 'Een nachtdienst mag hooguit 10 uur duren.',
    'max-nights-16-weeks': 'Te veel nachtdiensten in 16 weken (hooguit 36).',
    'max-week-hours': 'Meer dan 60 uur werk in 7 dagen.',
    'on-call-frequency': 'Te vaak bereikbaarheidsdienst (hooguit 3 in 7 dagen en 32 in 16 weken).',
    'on-call-near-night': 'Bereikbaarheidsdienst te dicht bij een nachtdienst (11 uur ervoor, 14 uur erna vrij).',
    'unknown-reference': 'Verwijst naar iets dat niet bestaat.',
    'no-day-in-month': 'Het contract loopt niet in deze maand.',
  },
  en: {
    'slot-full': 'The slot is already full.',
    overlap: 'This nurse already has another shift at that time.',
    'closed-month': 'This month has been finalized and is closed.',
    'month-not-ended': 'This month has not ended yet; it can be finalized afterwards.',
    'no-contract': 'No contract for this function is active in this region now.',
    'already-acknowledged': 'Someone else has already acknowledged this request.',
    'request-closed': 'This request has already been resolved or cancelled.',
    'too-many-templates': 'This contract already has the maximum number of roster patterns.',
    'too-many-slots': 'This pattern would create too many slots.',
    'preferred-insurer': "Only the region's preferred insurer may contract here.",
    'last-day-outside-period': "The last day lies outside the contract's period.",
    'has-assignments': "Nurses are still assigned to this pattern's slots.",
    employer: 'This nurse is not employed by the responsible provider.',
    qualification: 'Lacks a required qualification.',
    absence: 'Is absent that day (leave, sick or training).',
    'daily-rest': 'Too little rest between two shifts (at least 11 hours).',
    'rest-after-night': 'Too little rest after a night shift (at least 14 hours).',
    'rest-after-night-series': 'Too little rest after a series of night shifts (at least 46 hours).',
    'max-shift-length': 'Too long: a shift at most 12 hours, an on-call block at most 24 hours.',
    'max-night-shift-length': 'A night shift may last at most 10 hours.',
    'max-nights-16-weeks': 'Too many night shifts in 16 weeks (at most 36).',
    'max-week-hours': 'More than 60 hours of work in 7 days.',
    'on-call-frequency': 'On call too often (at most 3 in 7 days and 32 in 16 weeks).',
    'on-call-near-night': 'On-call block too close to a night shift (11 hours before, 14 hours after kept free).',
    'unknown-reference': 'Refers to something that does not exist.',
    'no-day-in-month': 'The contract does not run in this month.',
  },
};

const FUNCTIONS: Record<Lang, Record<string, string>> = {
  nl: {
    'unplanned-night-care': 'Ongeplande nachtzorg',
    'acute-screening': 'Acute beoordeling thuis',
    'specialist-nursing': 'Specialistische verpleging',
    'care-coordination': 'Zorgcoördinatie',
  },
  en: {
    'unplanned-night-care': 'Unplanned night care',
    'acute-screening': 'Acute screening at home',
    'specialist-nursing': 'Specialist nursing',
    'care-coordination': 'Care coordination',
  },
};

function initialLang(): Lang {
  try {
    return localStorage.getItem('wijkwacht.lang') === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem('wijkwacht.lang', next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = (lang.value === 'en' ? en : nl)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function ruleText(v: Violation): string {
  return RULES[lang.value][v.rule] ?? v.message;
}

export function functionName(code: string): string {
  return FUNCTIONS[lang.value][code] ?? code;
}

/** Any failure of a call, as a sentence for the screen (never a bare status code). */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return t('err500');
  const base =
    e.status === 0
      ? t('err0')
      : e.status === 400
        ? t('err400', { m: e.serverMessage })
        : e.status === 401
          ? t('err401')
          : e.status === 403
            ? t('err403')
            : e.status === 404
              ? t('err404')
              : e.status === 409
                ? t('err409')
                : e.status === 413
                  ? t('err413')
                  : e.status === 422
                    ? t('err422')
                    : e.status === 429
                      ? t('err429')
                      : t('err500');
  if (!e.violations.length) return base;
  return `${base} ${e.violations.map(ruleText).join(' ')}`;
}

/**
 * Re-renders the calling component when the language changes: reading the signal's value while
 * rendering subscribes the component to it.
 */
export function useLang(): Lang {
  return lang.value;
}
