import { signal } from '@preact/signals';
import { DateTime } from 'luxon';
import { ApiError, type Violation } from './api';
import type { components } from './generated/api-schema';

type RuleCode = components['schemas']['RuleCode'];

/** Dutch first; English on request. The choice is kept in localStorage (it is not a secret). */
export type Lang = 'nl' | 'en';

const nl = {
  appName: 'Wijkwacht',
  tagline: 'Regionale beschikbaarheid wijkverpleging',
  signInTitle: 'Inloggen met token',
  signInHelp: 'Plak het token dat u van de beheerder kreeg. Het blijft alleen in dit tabblad bewaard.',
  tokenLabel: 'Token',
  signIn: 'Inloggen',
  signOut: 'Uitloggen',
  unknownToken: 'Dit token is onbekend of ingetrokken.',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  loading: 'Laden…',
  roleAdmin: 'beheerder',
  roleCoordinator: 'coördinator',
  roleInsurer: 'zorgverzekeraar',
  roleNurse: 'verpleegkundige',
  mainNav: 'Hoofdmenu',
  adminNav: 'Overzichten',
  skipToContent: 'Naar de inhoud',
  // coordinator
  tabWeek: 'Onbezet',
  tabBoard: 'Rooster',
  tabGrid: 'Per verpleegkundige',
  gridCaption: 'Rooster per verpleegkundige',
  gridWeekOf: 'Week',
  gridPrevWeek: 'Vorige week',
  gridNextWeek: 'Volgende week',
  gridPrevMonth: 'Vorige maand',
  gridNextMonth: 'Volgende maand',
  gridSpan: 'Periode',
  gridWeek: 'Week',
  gridMonth: 'Maand',
  tabHeatmap: 'Dekking per dag',
  tabAlerts: 'Meldingen',
  tabOffers: 'Ruilverzoeken',
  tabAbsences: 'Afwezigheid',
  tabInsurer: 'Contracten en vergoedingen',
  region: 'Regio',
  function: 'Functie',
  month: 'Maand',
  noContracts: 'Geen contracten in deze regio.',
  statusOpen: 'Onbezet',
  statusPartial: 'Onderbezet',
  statusCovered: 'Gedekt',
  comingDaysTitle: 'De komende {n} dagen: wat nog een verpleegkundige nodig heeft',
  comingDaysHelp: 'Alle functies, van {from} tot en met {to}, rechtstreeks uit het rooster.',
  slotIsFull: 'dienst is vol',
  comingDaysAllCovered: 'Alle diensten van de komende {n} dagen zijn bezet.',
  past: 'Voorbij',
  fillIn: 'Invullen',
  missingOne: 'mist 1 verpleegkundige',
  missingMany: 'mist {n} verpleegkundigen',
  nurseOne: '1 verpleegkundige',
  nurseMany: '{n} verpleegkundigen',
  breaksOne: 'breekt 1 regel',
  breaksMany: 'breekt {n} regels',
  retry: 'Opnieuw proberen',
  loadFailed: 'Laden lukte niet.',
  sessionEnded: 'Uw sessie is verlopen of ingetrokken. Log opnieuw in.',
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
  nights16One: '1 nachtdienst in 16 weken',
  nights16Many: '{n} nachtdiensten in 16 weken',
  assignedOk: '{name} is ingepland.',
  unassignedOk: '{name} is uitgepland.',
  refused: 'Niet ingepland:',
  // Replacing one nurse by another in one step (slot panel).
  replace: 'Vervangen',
  replaceHeading: 'Vervangen: {name}',
  replaceHint: 'Kies wie {name} vervangt. Lukt het niet, dan blijft {name} ingepland.',
  replaceCancel: 'Niet vervangen',
  replaceChoose: 'Laat vervangen door',
  replaceFor: 'in plaats van {name}',
  replacedOk: '{name} vervangt {old}.',
  refusedReplace: 'Niet vervangen door',
  required: 'Nodig: {n} · kwalificaties: {q}',
  holiday: 'Feestdag',
  onCall: 'Bereikbaarheidsdienst',
  shift: 'Dienst op locatie',
  heatmapCaption: 'Dekking per functie en dag, {month}',
  noSlots: 'geen diensten',
  alertsTitle: 'Meldingen: onbezet in de komende 72 uur',
  noAlerts: 'Geen meldingen. (De controle draait elk uur; het actuele overzicht staat onder “Onbezet”.)',
  missing: 'Ontbreekt',
  since: 'Gemeld',
  when: 'Wanneer',
  offersTitle: 'Ruilverzoeken die op goedkeuring wachten',
  openOffersTitle: 'Nog niet overgenomen',
  noOffers: 'Geen ruilverzoeken.',
  from: 'Van',
  to: 'Naar',
  until: 'Tot en met',
  anyone: 'iedereen',
  approve: 'Goedkeuren',
  reject: 'Afwijzen',
  approvedOk: 'Goedgekeurd: {name} neemt de dienst over.',
  contractHoursWarning: 'Let op, boven de contracturen: in de week van {from} t/m {to} komen de diensten op {worked}, {over} meer dan {contract}.',
  contractPerWeek: '{h} per week',
  contractHoursUnset: 'de 36 uur per week die gelden zonder vastgelegde contracturen',
  acceptedBreaksRules: 'Overgenomen, maar u breekt hiermee een regel; de coördinator beslist.',
  rejectedOk: 'Ruilverzoek afgewezen.',
  status: 'Status',
  actions: 'Acties',
  offerStatus_open: 'open',
  offerStatus_accepted: 'overgenomen, wacht op goedkeuring',
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
  absenceDatesRequired: 'Vul beide datums in.',
  absenceToBeforeFrom: 'De einddatum ligt voor de begindatum.',
  absenceOverlaps: 'Er is al afwezigheid van {from} tot en met {to}; pas die aan of kies andere datums.',
  cancelledTitle: 'Vervallen diensten',
  findReplacement: 'Vervanging zoeken',
  absenceSavedNone: 'Afwezigheid vastgelegd; er vervalt geen dienst.',
  absenceSavedOne: 'Afwezigheid vastgelegd; 1 dienst vervalt.',
  absenceSavedMany: 'Afwezigheid vastgelegd; {n} diensten vervallen.',
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
  feeHour: '{a} per te bezetten uur',
  feeInhabitant: '{a} per inwoner per maand',
  sla: 'Minimale dekking',
  terminated: 'beëindigd',
  coverageTitle: 'Dekking per maand, {region}',
  coverageChartLabel: 'Staafdiagram: dekkingspercentage per maand en functie',
  positionHours: 'Te bezetten uren',
  coveredHours: 'Gedekt',
  coverage: 'Dekking',
  statementsTitle: 'Beschikbaarheidsvergoeding {month}',
  compute: 'Concept (her)berekenen',
  computedOne: '1 conceptafrekening berekend.',
  computedMany: '{n} conceptafrekeningen berekend.',
  downloadCsv: 'CSV voor systemen',
  downloadXlsx: 'Download Excel (.xlsx)',
  monthNotEnded: '{month} is nog niet voorbij: definitief maken kan vanaf {date}.',
  totalsCaption: 'Totalen {month} per verantwoordelijke partij',
  monthTotal: 'Totaal van de maand',
  belowNorm: 'onder norm',
  notRostered: 'Nog niet geroosterd: deze maand heeft (nog) geen diensten.',
  notRosteredShort: 'nog niet geroosterd',
  slaExplained: 'Minimale dekking {pct}. Daaronder gaat er {amount} af per uur dat onbezet bleef, nooit meer dan de drie vergoedingsdelen samen.',
  finalizedAt: 'Definitief gemaakt op {when}.',
  normLine: 'Minimale dekking {fn}: {pct}',
  monthClosed: 'Maand gesloten: de afrekening van {month} is definitief; dit rooster kan in die maand niet meer veranderen.',
  noStatements: 'Nog geen afrekeningen voor deze maand. Kies “Concept (her)berekenen”.',
  lineFixed: 'Vast bedrag',
  lineCapitation: 'Per inwoner',
  linePositionHours: 'Te bezetten uren',
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
  tabPages: 'Oproepen',
  myShiftsTitle: 'Mijn diensten',
  noShifts: 'Geen diensten in deze periode.',
  listView: 'Lijst',
  calendarView: 'Kalender',
  offersForMe: 'Diensten die u kunt overnemen',
  accept: 'Overnemen',
  acceptedOk: 'Overgenomen; de coördinator keurt het nog goed.',
  acceptedApprovedOk: 'Overgenomen en meteen goedgekeurd: de dienst is van u.',
  myOffers: 'Diensten die u wilt ruilen of weggeven',
  giveAway: 'Dienst weggeven',
  withdraw: 'Intrekken',
  offeredOk: 'Aangeboden aan uw collega’s; u houdt de dienst tot iemand hem overneemt en de coördinator het goedkeurt.',
  withdrawnOk: 'Ingetrokken: de dienst blijft van u.',
  offerPending: 'Aangeboden, nog niet overgenomen',
  // nurse: swap with a named colleague (issue 17 item 9)
  swapWithColleague: 'Ruilen met collega',
  swapColleague: 'Collega',
  swapFits: 'gekwalificeerd',
  swapOffer: 'Aanbieden',
  swapCancel: 'Annuleren',
  swapNoColleagues: 'Er zijn geen collega’s om mee te ruilen.',
  swapRuleNote: 'Deze collega mist een kwalificatie; de coördinator beslist.',
  swapRosterNote:
    'Of de dienst in het rooster van uw collega past (rusttijden, andere diensten, afwezigheid), ziet u hier niet: dat wordt gecontroleerd als uw collega de dienst overneemt.',
  swapOfferedTo: 'Aangeboden aan {name}',
  swapOfferedOk: 'Aangeboden aan {name}; u houdt de dienst tot {name} hem overneemt en de coördinator het goedkeurt.',
  addToCalendar: 'Toevoegen aan agenda',
  stepsTitle: 'Zo voegt u de agenda toe',
  stepsIphone: 'iPhone: tik op “Toevoegen aan agenda” en kies “Abonneer”.',
  stepsGoogle: 'Google Agenda (op een computer): Andere agenda’s → + → Via URL, plak de link en kies “Agenda toevoegen”.',
  stepsOutlook: 'Outlook: Agenda → Agenda toevoegen → Abonneren vanaf internet, plak de link.',
  qrHelp: 'Of scan deze code met de camera van uw telefoon:',
  confirmRotateTitle: 'Een nieuwe agendalink maken?',
  confirmRotateText: 'De oude link werkt daarna niet meer: agenda’s die erop geabonneerd zijn, krijgen geen diensten meer tot u de nieuwe link toevoegt.',
  confirmRotate: 'Ja, nieuwe link maken',
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
  nightShift: 'nachtdienst',
  shiftWord: 'dienst',
  onCallWord: 'bereikbaarheidsdienst',
  overlapWith: 'Heeft dan al een {duty}.',
  causedBy: 'de {duty}',
  weekDuties: 'met de {n} andere diensten van die week, de eerste {duty}',
  sundayDuties: 'met {n} diensten op zondag in die 52 weken, de laatste {duty}',
  // errors in words
  err0: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  err400: 'De invoer klopt niet: controleer de velden.',
  err401: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  err403: 'U heeft geen toegang tot deze actie.',
  err404: 'Niet gevonden, of buiten uw werkgebied.',
  err409: 'Dit kan niet: het botst met wat er al is vastgelegd.',
  err413: 'Het verzoek is te groot.',
  err422: 'Geweigerd door een regel.',
  err429: 'Te veel verzoeken achter elkaar. Wacht een minuut en probeer het opnieuw.',
  err503: 'De server is even te druk. Probeer het zo opnieuw.',
  err500: 'Er ging iets mis op de server. Probeer het later opnieuw.',
  // issue 17, item 7: who finalized a statement
  finalizedAtBy: 'Definitief gemaakt door {name} op {when}.',
};

type Key = keyof typeof nl;

const en: Record<Key, string> = {
  appName: 'Wijkwacht',
  tagline: 'Regional availability in district nursing',
  signInTitle: 'Sign in with a token',
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
  adminNav: 'Overviews',
  skipToContent: 'Skip to content',
  tabWeek: 'Unfilled',
  tabBoard: 'Roster',
  tabGrid: 'Per nurse',
  gridCaption: 'Roster per nurse',
  gridWeekOf: 'Week',
  gridPrevWeek: 'Previous week',
  gridNextWeek: 'Next week',
  gridPrevMonth: 'Previous month',
  gridNextMonth: 'Next month',
  gridSpan: 'Period',
  gridWeek: 'Week',
  gridMonth: 'Month',
  tabHeatmap: 'Coverage per day',
  tabAlerts: 'Alerts',
  tabOffers: 'Shift offers',
  tabAbsences: 'Absence',
  tabInsurer: 'Contracts and fees',
  region: 'Region',
  function: 'Function',
  month: 'Month',
  noContracts: 'No contracts in this region.',
  statusOpen: 'Unfilled',
  statusPartial: 'Short-staffed',
  statusCovered: 'Covered',
  comingDaysTitle: 'The coming {n} days: what still needs a nurse',
  comingDaysHelp: 'All functions, from {from} to {to}, straight from the roster.',
  slotIsFull: 'slot is full',
  comingDaysAllCovered: 'Every shift of the coming {n} days is staffed.',
  past: 'Past',
  fillIn: 'Fill in',
  missingOne: '1 nurse missing',
  missingMany: '{n} nurses missing',
  nurseOne: '1 nurse',
  nurseMany: '{n} nurses',
  breaksOne: 'breaks 1 rule',
  breaksMany: 'breaks {n} rules',
  retry: 'Try again',
  loadFailed: 'Loading failed.',
  sessionEnded: 'Your session has expired or was revoked. Please sign in again.',
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
  nights16One: '1 night shift in 16 weeks',
  nights16Many: '{n} night shifts in 16 weeks',
  assignedOk: '{name} is assigned.',
  unassignedOk: '{name} is unassigned.',
  refused: 'Not assigned:',
  // Replacing one nurse by another in one step (slot panel).
  replace: 'Replace',
  replaceHeading: 'Replace: {name}',
  replaceHint: 'Choose who replaces {name}. If that fails, {name} stays assigned.',
  replaceCancel: 'Do not replace',
  replaceChoose: 'Replace with',
  replaceFor: 'instead of {name}',
  replacedOk: '{name} replaces {old}.',
  refusedReplace: 'Not replaced by',
  required: 'Needs: {n} · qualifications: {q}',
  holiday: 'Public holiday',
  onCall: 'On-call (reachable)',
  shift: 'Shift at work',
  heatmapCaption: 'Coverage per function and day, {month}',
  noSlots: 'no slots',
  alertsTitle: 'Alerts: unfilled in the next 72 hours',
  noAlerts: 'No alerts. (The scan runs hourly; the live overview is under “Unfilled”.)',
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
  contractHoursWarning: 'Note, beyond contract hours: in the week of {from} to {to} the shifts come to {worked}, {over} more than {contract}.',
  contractPerWeek: '{h} a week',
  contractHoursUnset: 'the 36 hours a week that count without recorded contract hours',
  acceptedBreaksRules: 'Accepted, but this breaks a rule for you; the coordinator decides.',
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
  absenceDatesRequired: 'Fill in both dates.',
  absenceToBeforeFrom: 'The end date lies before the start date.',
  absenceOverlaps: 'There is already an absence from {from} to {to}; change that one or choose other dates.',
  cancelledTitle: 'Cancelled shifts',
  findReplacement: 'Find a replacement',
  absenceSavedNone: 'Absence recorded; no shift is cancelled.',
  absenceSavedOne: 'Absence recorded; 1 shift is cancelled.',
  absenceSavedMany: 'Absence recorded; {n} shifts are cancelled.',
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
  feeHour: '{a} per hour to staff',
  feeInhabitant: '{a} per inhabitant per month',
  sla: 'Minimum coverage',
  terminated: 'terminated',
  coverageTitle: 'Coverage per month, {region}',
  coverageChartLabel: 'Bar chart: coverage percentage per month and function',
  positionHours: 'Hours to staff',
  coveredHours: 'Covered',
  coverage: 'Coverage',
  statementsTitle: 'Availability fee {month}',
  compute: '(Re)compute drafts',
  computedOne: '1 draft statement computed.',
  computedMany: '{n} draft statements computed.',
  downloadCsv: 'CSV for systems',
  downloadXlsx: 'Download Excel (.xlsx)',
  monthNotEnded: '{month} has not ended yet: it can be finalized from {date}.',
  totalsCaption: 'Totals {month} per responsible party',
  monthTotal: 'Month total',
  belowNorm: 'below the norm',
  notRostered: 'Not rostered yet: this month has no slots (yet).',
  notRosteredShort: 'not rostered yet',
  slaExplained: 'Minimum coverage {pct}. Below it, {amount} is deducted per hour left unstaffed, never more than the three fee parts together.',
  finalizedAt: 'Finalized on {when}.',
  normLine: 'Minimum coverage {fn}: {pct}',
  monthClosed: 'Month closed: the statement for {month} is final; this roster cannot change in that month any more.',
  noStatements: 'No statements for this month yet. Choose “(Re)compute drafts”.',
  lineFixed: 'Fixed',
  lineCapitation: 'Per inhabitant',
  linePositionHours: 'Hours to staff',
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
  tabPages: 'Pages',
  myShiftsTitle: 'My shifts',
  noShifts: 'No shifts in this period.',
  listView: 'List',
  calendarView: 'Calendar',
  offersForMe: 'Shifts you can take over',
  accept: 'Take over',
  acceptedOk: 'Accepted; the coordinator will approve it.',
  acceptedApprovedOk: 'Accepted and approved at once: the shift is yours.',
  myOffers: 'Shifts I want to swap or give away',
  giveAway: 'Give away this shift',
  withdraw: 'Withdraw',
  offeredOk: 'Offered to your colleagues; the shift stays yours until someone takes it over and the coordinator approves.',
  withdrawnOk: 'Withdrawn: the shift stays yours.',
  offerPending: 'Offered, not taken over yet',
  // nurse: swap with a named colleague (issue 17 item 9)
  swapWithColleague: 'Swap with a colleague',
  swapColleague: 'Colleague',
  swapFits: 'qualified',
  swapOffer: 'Offer',
  swapCancel: 'Cancel',
  swapNoColleagues: 'There are no colleagues to swap with.',
  swapRuleNote: 'This colleague lacks a qualification; the coordinator decides.',
  swapRosterNote:
    'Whether the shift fits your colleague’s roster (rest, other shifts, absence) is not shown here: it is checked when your colleague takes it over.',
  swapOfferedTo: 'Offered to {name}',
  swapOfferedOk: 'Offered to {name}; the shift stays yours until {name} takes it over and the coordinator approves.',
  addToCalendar: 'Add to calendar',
  stepsTitle: 'How to add the calendar',
  stepsIphone: 'iPhone: tap “Add to calendar” and choose “Subscribe”.',
  stepsGoogle: 'Google Calendar (on a computer): Other calendars → + → From URL, paste the link and choose “Add calendar”.',
  stepsOutlook: 'Outlook: Calendar → Add calendar → Subscribe from web, paste the link.',
  qrHelp: 'Or scan this code with your phone’s camera:',
  confirmRotateTitle: 'Make a new calendar link?',
  confirmRotateText: 'The old link stops working: calendars subscribed to it get no shifts until you add the new link.',
  confirmRotate: 'Yes, make a new link',
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
  nightShift: 'night shift',
  shiftWord: 'shift',
  onCallWord: 'on-call block',
  overlapWith: 'Already has a {duty} then.',
  causedBy: 'the {duty}',
  weekDuties: 'with the {n} other duties of that week, the first {duty}',
  sundayDuties: 'with {n} duties on Sundays in those 52 weeks, the last {duty}',
  err0: 'The server cannot be reached. Check the connection and try again.',
  err400: 'The input is not valid: {m}',
  err401: 'You are not signed in (any more). Please sign in again.',
  err403: 'You are not allowed to do this.',
  err404: 'Not found, or outside your scope.',
  err409: 'This is not possible: it conflicts with what is already recorded.',
  err413: 'The request is too large.',
  err422: 'Refused by a rule.',
  err429: 'Too many requests in a row. Wait a minute and try again.',
  err503: 'The server is busy for a moment. Please try again shortly.',
  err500: 'Something went wrong on the server. Please try again later.',
  // issue 17, item 7: who finalized a statement
  finalizedAtBy: 'Finalized by {name} on {when}.',
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
    'rule-never-occurs': 'Dit patroon valt op geen enkele dag (bijvoorbeeld 30 februari).',
    'preferred-insurer': 'Alleen de preferente zorgverzekeraar van de regio mag hier contracteren.',
    'last-day-outside-period': 'De laatste dag valt buiten de looptijd van het contract.',
    'has-assignments': 'Er zijn nog verpleegkundigen ingepland op de diensten van dit patroon.',
    employer: 'Deze verpleegkundige werkt niet bij de verantwoordelijke zorgaanbieder.',
    qualification: 'Mist een vereiste kwalificatie.',
    absence: 'Is die dag afwezig (verlof, ziek of scholing).',
    'absence-overlap': 'Er is in deze periode al afwezigheid van deze verpleegkundige.',
    'daily-rest': 'Te weinig rust tussen twee diensten (minimaal 11 uur).',
    'rest-after-night': 'Te weinig rust na een nachtdienst (minimaal 14 uur).',
    'rest-after-night-series': 'Te weinig rust na een reeks nachtdiensten (minimaal 46 uur).',
    'max-shift-length': 'Te lang: een dienst hooguit 12 uur, een bereikbaarheidsdienst hooguit 24 uur.',
    'max-night-shift-length': 'Een nachtdienst mag hooguit 10 uur duren.',
    'max-nights-16-weeks': 'Te veel nachtdiensten in 16 weken (hooguit 36).',
    'max-week-hours': 'Meer dan 60 uur werk in 7 dagen.',
    'on-call-frequency': 'Te vaak bereikbaarheidsdienst (hooguit 3 in 7 dagen en 32 in 16 weken).',
    'on-call-near-night': 'Bereikbaarheidsdienst te dicht bij een nachtdienst (11 uur ervoor, 14 uur erna vrij).',
    'weekly-rest': 'Geen wekelijkse rust meer: elke week 36 uur aaneengesloten vrij, of over twee weken rusten van minstens 32 uur die samen 72 uur zijn.',
    'sunday-rest': 'Te weinig vrije zondagen: in elke 52 weken minstens 13.',
    'unknown-reference': 'Verwijst naar iets dat niet bestaat.',
    'webhook-address': 'Dit webhookadres is niet toegestaan (link-local, cloud-metadata of een privénetwerk).',
    'no-day-in-month': 'Het contract loopt niet in deze maand.',
    'plan-stale': 'Het rooster is veranderd sinds dit voorstel is gemaakt; maak een nieuw voorstel.',
    'plan-applied': 'Dit voorstel is al doorgevoerd.',
    'plan-expired': 'Dit voorstel is verlopen of verworpen.',
    'no-candidates': 'De verantwoordelijke zorgaanbieder heeft geen verpleegkundigen.',
    'contract-hours': 'Heeft geen contracturen (0 uur per week).',
    'period-too-long': 'Een voorstel beslaat hooguit 63 dagen.',
    'plan-too-large': 'Dit voorstel is te groot om op tijd te maken: kies een kortere periode of minder functies.',
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
    'rule-never-occurs': 'This pattern falls on no day at all (30 February, for instance).',
    'preferred-insurer': "Only the region's preferred insurer may contract here.",
    'last-day-outside-period': "The last day lies outside the contract's period.",
    'has-assignments': "Nurses are still assigned to this pattern's slots.",
    employer: 'This nurse is not employed by the responsible provider.',
    qualification: 'Lacks a required qualification.',
    absence: 'Is absent that day (leave, sick or training).',
    'absence-overlap': 'This nurse already has an absence in this period.',
    'daily-rest': 'Too little rest between two shifts (at least 11 hours).',
    'rest-after-night': 'Too little rest after a night shift (at least 14 hours).',
    'rest-after-night-series': 'Too little rest after a series of night shifts (at least 46 hours).',
    'max-shift-length': 'Too long: a shift at most 12 hours, an on-call block at most 24 hours.',
    'max-night-shift-length': 'A night shift may last at most 10 hours.',
    'max-nights-16-weeks': 'Too many night shifts in 16 weeks (at most 36).',
    'max-week-hours': 'More than 60 hours of work in 7 days.',
    'on-call-frequency': 'On call too often (at most 3 in 7 days and 32 in 16 weeks).',
    'on-call-near-night': 'On-call block too close to a night shift (11 hours before, 14 hours after kept free).',
    'weekly-rest': 'No weekly rest left: every week 36 hours off in one piece, or over two weeks rests of at least 32 hours adding up to 72.',
    'sunday-rest': 'Too few free Sundays: at least 13 in any 52 weeks.',
    'unknown-reference': 'Refers to something that does not exist.',
    'webhook-address': 'This webhook address is not allowed (link-local, cloud metadata or a private network).',
    'no-day-in-month': 'The contract does not run in this month.',
    'plan-stale': 'The roster changed since this proposal was made; make a new one.',
    'plan-applied': 'This proposal has already been applied.',
    'plan-expired': 'This proposal has expired or was discarded.',
    'no-candidates': 'The responsible provider employs no nurses.',
    'contract-hours': 'Has no contract hours (0 a week).',
    'period-too-long': 'A proposal covers at most 63 days.',
    'plan-too-large': 'This proposal is too large to make in time: choose a shorter period or fewer functions.',
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

const QUALIFICATIONS: Record<Lang, Record<string, string>> = {
  nl: {
    'district-nurse': 'Wijkverpleegkundige',
    'wound-care': 'Wondzorg',
    'infusion-therapy': 'Infuustherapie',
    'care-coordination': 'Zorgcoördinatie',
    'palliative-care': 'Palliatieve zorg',
  },
  en: {
    'district-nurse': 'District nurse',
    'wound-care': 'Wound care',
    'infusion-therapy': 'Infusion therapy',
    'care-coordination': 'Care coordination',
    'palliative-care': 'Palliative care',
  },
};

/** A qualification by the name nurses use; an unknown code reads as words ("foot-care" → "foot care"). */
export function qualificationName(code: string): string {
  return QUALIFICATIONS[lang.value][code] ?? code.replace(/-/g, ' ');
}

/** "1 nachtdienst", "3 nachtdiensten": the singular key for one, the plural key (with {n}) otherwise. */
export function countText(n: number, one: Key, many: Key): string {
  return n === 1 ? t(one) : t(many, { n });
}

type Conflict = Exclude<NonNullable<Violation['conflictsWith']>, unknown[]>;

/**
 * "nachtdienst (ma 24 nov 23:00–07:00, Ongeplande nachtzorg)", in the zone given: the duty named
 * for what it is. An on-call block is a bereikbaarheidsdienst, however much of the night it spans;
 * a shift with more than an hour between 00:00 and 06:00 local time is a nachtdienst (Atw 1:7).
 */
export function conflictText(c: Conflict, zone: string): string {
  const start = DateTime.fromISO(c.start, { setZone: true }).setZone(zone);
  const end = DateTime.fromISO(c.end, { setZone: true }).setZone(zone);
  let nightMinutes = 0;
  for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 })) {
    const from = Math.max(start.toMillis(), day.toMillis());
    const to = Math.min(end.toMillis(), day.set({ hour: 6 }).toMillis());
    nightMinutes += Math.max(0, to - from) / 60_000;
  }
  const kind = c.dutyType === 'on-call' ? t('onCallWord') : nightMinutes > 60 ? t('nightShift') : t('shiftWord');
  const locale = lang.value === 'en' ? 'en-GB' : 'nl-NL';
  const when = `${start.setLocale(locale).toFormat('ccc d LLL').replace('.', '')} ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
  return `${kind} (${when}, ${functionName(c.function)})`;
}

/** A rule in plain words; where another duty causes it, that duty is named. */
export function ruleText(v: Violation, zone = 'Europe/Amsterdam'): string {
  const base = RULES[lang.value][v.rule] ?? v.message;
  if (v.conflictsWithAbsence) {
    const day = (date: string) =>
      DateTime.fromISO(date, { zone: 'UTC' })
        .setLocale(lang.value === 'en' ? 'en-GB' : 'nl-NL')
        .toFormat('ccc d LLL yyyy')
        .replace('.', '');
    return t('absenceOverlaps', { from: day(v.conflictsWithAbsence.from), to: day(v.conflictsWithAbsence.to) });
  }
  if (!v.conflictsWith) return base;
  if (Array.isArray(v.conflictsWith)) {
    // weekly-rest and sunday-rest name every other duty of the week (or every worked Sunday).
    const list = v.conflictsWith;
    if (list.length === 0) return base;
    const duty = conflictText(v.rule === 'sunday-rest' ? list[list.length - 1] : list[0], zone);
    return `${base.replace(/\.$/, '')}; ${t(v.rule === 'sunday-rest' ? 'sundayDuties' : 'weekDuties', { n: list.length, duty })}.`;
  }
  const duty = conflictText(v.conflictsWith, zone);
  if (v.rule === 'overlap') return t('overlapWith', { duty });
  return `${base.replace(/\.$/, '')}: ${t('causedBy', { duty })}.`;
}

export function functionName(code: string): string {
  return FUNCTIONS[lang.value][code] ?? code;
}

/**
 * Any failure of a call, as a sentence for the screen (never a bare status code). A refusal that
 * names its rules (409, 422 with violations) is said in those rules' words alone, without a
 * general sentence before them.
 */
export function errorText(e: unknown, zone?: string): string {
  if (!(e instanceof ApiError)) return t('err500');
  if ((e.status === 409 || e.status === 422) && e.violations.length) return e.violations.map((v) => ruleText(v, zone)).join(' ');
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
                      : e.status === 503
                        ? t('err503')
                        : t('err500');
  if (!e.violations.length) return base;
  return `${base} ${e.violations.map((v) => ruleText(v, zone)).join(' ')}`;
}

/**
 * Re-renders the calling component when the language changes: reading the signal's value while
 * rendering subscribes the component to it.
 */
export function useLang(): Lang {
  return lang.value;
}
