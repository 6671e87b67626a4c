import { lang } from '../i18n';

/**
 * The words of the roster planner and of the nurse's wishes, Dutch first, English on request. Kept
 * beside the two screens that use them; rule codes keep their texts in i18n.ts (`ruleText`).
 */
const nl = {
  fillRoster: 'Rooster aanvullen',
  planTitle: 'Rooster aanvullen',
  planHelp:
    'De planner stelt verpleegkundigen voor op de open posities van deze periode, binnen de arbeidstijdregels. Er verandert niets tot u het voorstel doorvoert.',
  planFrom: 'Eerste dag',
  planTo: 'Laatste dag (tot en met)',
  makeProposal: 'Voorstel maken',
  makeNewProposal: 'Nieuw voorstel maken',
  making: 'Voorstel wordt gemaakt…',
  cancel: 'Annuleren',
  periodOrder: 'De laatste dag ligt vóór de eerste dag.',
  periodTooLong: 'Een voorstel beslaat hooguit 63 dagen.',
  proposalTitle: 'Voorstel {from} – {to}',
  proposalMade: 'Voorstel gemaakt: {shifts} voorgesteld; open blijft: {positions}.',
  expires: 'Geldig tot {at}; daarna vervalt het voorstel.',
  provisional: 'Voorstel',
  provisionalLegend: 'Voorstel (nog niet ingepland)',
  coverageBeforeAfter: 'Dekking',
  proposed: 'Voorgesteld',
  unfilledCount: 'Onbezet',
  wishes: 'Wensen',
  wishesValue: '{h} gehonoreerd, {o} overschreven',
  positionsValue: '{n} diensten',
  positionsValueOne: '1 dienst',
  unfilledValue: '{n} posities',
  unfilledValueOne: '1 positie',
  apply: 'Voorstel doorvoeren',
  discard: 'Voorstel verwerpen',
  applied: 'Doorgevoerd: {shifts} ingepland.',
  discarded: 'Voorstel verworpen; er is niets veranderd.',
  loadTitle: 'Belasting per verpleegkundige',
  loadCaption: 'Uren in de periode vóór en na het voorstel, met de voorgestelde nachten en weekenddiensten',
  nurse: 'Verpleegkundige',
  contractHours: 'Contracturen per week',
  noContractHours: 'niet vastgelegd',
  hoursBeforeAfter: 'Uren voor → na',
  nights: 'Nachten',
  weekendDuties: 'Weekenddiensten',
  unfilledTitle: 'Open posities die blijven',
  noUnfilled: 'Alle open posities in deze periode zijn in het voorstel bezet.',
  when: 'Wanneer',
  function: 'Functie',
  missing: 'Ontbreekt',
  reasons: 'Waarom niemand past',
  nursesCount: '{n} verpleegkundigen',
  nursesCountOne: '1 verpleegkundige',
  noReason: 'geen reden opgegeven',
  // nurse: wishes
  tabWishes: 'Liever niet',
  wishesTitle: 'Dagen waarop ik liever niet werk',
  wishesHelp:
    'Geef dagen op waarop u liever geen dienst begint. De planner houdt er rekening mee waar het kan; het is geen afwezigheid en u hoeft geen reden te geven.',
  wishDate: 'Datum',
  addWish: 'Liever niet werken',
  wishAdded: 'Genoteerd: {date} liever niet.',
  wishExists: 'Voor deze dag heeft u al een wens.',
  noWishes: 'U heeft geen wensen voor de komende tijd.',
  withdraw: 'Intrekken',
  wishWithdrawn: 'Wens voor {date} ingetrokken.',
};

type Key = keyof typeof nl;

const en: Record<Key, string> = {
  fillRoster: 'Fill the roster',
  planTitle: 'Fill the roster',
  planHelp: 'The planner proposes nurses for the open positions of this period, within the working-time rules. Nothing changes until you apply the proposal.',
  planFrom: 'First day',
  planTo: 'Last day (inclusive)',
  makeProposal: 'Make a proposal',
  makeNewProposal: 'Make a new proposal',
  making: 'Making the proposal…',
  cancel: 'Cancel',
  periodOrder: 'The last day lies before the first day.',
  periodTooLong: 'A proposal covers at most 63 days.',
  proposalTitle: 'Proposal {from} – {to}',
  proposalMade: 'Proposal made: {shifts} proposed; still open: {positions}.',
  expires: 'Valid until {at}; the proposal expires after that.',
  provisional: 'Proposal',
  provisionalLegend: 'Proposal (not assigned yet)',
  coverageBeforeAfter: 'Coverage',
  proposed: 'Proposed',
  unfilledCount: 'Unfilled',
  wishes: 'Wishes',
  wishesValue: '{h} honoured, {o} overridden',
  positionsValue: '{n} shifts',
  positionsValueOne: '1 shift',
  unfilledValue: '{n} positions',
  unfilledValueOne: '1 position',
  apply: 'Apply the proposal',
  discard: 'Discard the proposal',
  applied: 'Applied: {shifts} assigned.',
  discarded: 'Proposal discarded; nothing changed.',
  loadTitle: 'Load per nurse',
  loadCaption: 'Hours in the period before and after the proposal, with the proposed nights and weekend duties',
  nurse: 'Nurse',
  contractHours: 'Contract hours a week',
  noContractHours: 'not set',
  hoursBeforeAfter: 'Hours before → after',
  nights: 'Nights',
  weekendDuties: 'Weekend duties',
  unfilledTitle: 'Open positions that remain',
  noUnfilled: 'The proposal fills every open position in this period.',
  when: 'When',
  function: 'Function',
  missing: 'Missing',
  reasons: 'Why nobody fits',
  nursesCount: '{n} nurses',
  nursesCountOne: '1 nurse',
  noReason: 'no reason given',
  tabWishes: 'Rather not',
  wishesTitle: 'Days I would rather not work',
  wishesHelp:
    'Mark days on which you would rather not start a duty. The planner avoids them where it can; it is not an absence and you need not give a reason.',
  wishDate: 'Date',
  addWish: 'Rather not work',
  wishAdded: 'Noted: rather not on {date}.',
  wishExists: 'You already have a wish for this day.',
  noWishes: 'You have no wishes for the time ahead.',
  withdraw: 'Withdraw',
  wishWithdrawn: 'Wish for {date} withdrawn.',
};

export function pt(key: Key, params: Record<string, string | number> = {}): string {
  const text = (lang.value === 'en' ? en : nl)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** "1 dienst", "3 diensten": the singular key for one, the plural key (with {n}) otherwise. */
export function ptCount(n: number, one: Key, many: Key): string {
  return n === 1 ? pt(one) : pt(many, { n });
}
