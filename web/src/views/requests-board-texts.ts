import { percent } from '../format';
import { lang } from '../i18n';

/**
 * The words of the board's acute-request views (the coordinator's open requests, the insurer's
 * response figures), Dutch first, English on request. Kept beside the two components that use them.
 */
const nl = {
  acuteTitle: 'Acute oproepen',
  acuteHelp: 'Open verzoeken van partners in deze regio; de lijst ververst elke 15 seconden.',
  acuteNone: 'Geen open oproepen.',
  urgency: { immediate: 'direct', 'within-2h': 'binnen 2 uur', 'same-day': 'vandaag' } as Record<string, string>,
  status: { paging: 'Oproep', escalated: 'Geëscaleerd', acknowledged: 'Onderweg' } as Record<string, string>,
  onTheWay: 'Onderweg: {name}',
  step: {
    1: 'stap 1: dienstdoende verpleegkundigen',
    2: 'stap 2: andere verpleegkundigen van de partij',
    3: 'stap 3: coördinatoren',
  } as Record<number, string>,
  postcode: 'postcode {p}',
  reference: 'kenmerk {r}',
  justNow: 'zojuist',
  minutesAgo: '{n} min geleden',
  hoursAgo: '{n} uur geleden',
  daysAgo: '{n} dagen geleden',
  ackTitle: 'Reactie op acute oproepen',
  ackHelp: 'Per contract: hoeveel oproepen in de maand binnen de afgesproken tijd zijn aangenomen.',
  ackCaption: 'Reactie op acute oproepen in {region}, {month}',
  region: 'Regio',
  function: 'Functie',
  requests: 'Oproepen',
  acknowledged: 'Aangenomen',
  escalated: 'Geëscaleerd',
  median: 'Mediaan tot aanname',
  p90: '90e percentiel',
  within: 'Binnen de norm',
  withinValue: '{pct} binnen {n} min',
  noRequests: 'Geen oproepen in deze maand.',
  minSec: '{m} min {s} s',
  sec: '{s} s',
};

const en: typeof nl = {
  acuteTitle: 'Acute requests',
  acuteHelp: "Partners' open requests in this region; the list refreshes every 15 seconds.",
  acuteNone: 'No open requests.',
  urgency: { immediate: 'immediate', 'within-2h': 'within 2 hours', 'same-day': 'today' },
  status: { paging: 'Paging', escalated: 'Escalated', acknowledged: 'On the way' },
  onTheWay: 'On the way: {name}',
  step: {
    1: 'step 1: nurses on duty',
    2: "step 2: the party's other nurses",
    3: 'step 3: coordinators',
  },
  postcode: 'postcode {p}',
  reference: 'reference {r}',
  justNow: 'just now',
  minutesAgo: '{n} min ago',
  hoursAgo: '{n} h ago',
  daysAgo: '{n} days ago',
  ackTitle: 'Response to acute requests',
  ackHelp: 'Per contract: how many requests of the month were acknowledged within the agreed time.',
  ackCaption: 'Response to acute requests in {region}, {month}',
  region: 'Region',
  function: 'Function',
  requests: 'Requests',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated',
  median: 'Median to acknowledge',
  p90: '90th percentile',
  within: 'Within the norm',
  withinValue: '{pct} within {n} min',
  noRequests: 'No requests this month.',
  minSec: '{m} min {s} s',
  sec: '{s} s',
};

export function boardWords(): typeof nl {
  return lang.value === 'en' ? en : nl;
}

export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** "92,5 % binnen 10 min" (Dutch), "92.5% within 10 min" (English), the percentage as the app writes every one. */
export function withinText(pct: number | null, ackMinutes: number): string {
  if (pct === null) return '—';
  return fill(boardWords().withinValue, { pct: percent(pct), n: ackMinutes });
}
