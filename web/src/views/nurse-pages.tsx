import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api';
import { NotificationsCard } from '../components/notifications-card';
import { pageEvents, requestEvents, streamOpen } from '../phone';
import { PARAM, param } from '../router';
import { LoadState, Message, type Note, useLoad } from '../components/common';
import type { components } from '../generated/api-schema';
import { careKindName, errorText, functionName, lang, useLang } from '../i18n';
import { dateTime } from '../format';

type MyPage = components['schemas']['MyPageResponse'];
type RequestPage = MyPage & { request: NonNullable<MyPage['request']> };
type Outcome = NonNullable<components['schemas']['ResolveRequestDto']['outcome']>;

const OUTCOMES: Outcome[] = ['visited', 'advice-by-phone', 'referred', 'no-action'];

/** This view's own words, so that it stands on its own beside the shared dictionary. */
const TEXT = {
  nl: {
    title: 'Oproepen',
    none: 'Geen oproepen.',
    live: 'Nieuwe oproepen verschijnen hier vanzelf.',
    offline: 'Geen live verbinding; de lijst wordt elke halve minuut ververst.',
    step: 'stap {n}',
    urgency: { immediate: 'direct', 'within-2h': 'binnen 2 uur', 'same-day': 'vandaag' } as Record<string, string>,
    status: { paging: 'Oproep', escalated: 'Oproep (geëscaleerd)', acknowledged: 'Onderweg', resolved: 'Afgerond', cancelled: 'Geannuleerd' } as Record<
      string,
      string
    >,
    postcode: 'postcode {p}',
    reference: 'kenmerk {r}',
    callBack: 'Terugbellen',
    go: 'Ik ga',
    done: 'Afgerond',
    outcome: 'Uitkomst',
    outcomes: { visited: 'bezocht', 'advice-by-phone': 'telefonisch advies', referred: 'doorverwezen', 'no-action': 'geen actie' } as Record<string, string>,
    goOk: 'U gaat: de aanvrager en de coördinator zien het.',
    doneOk: 'Afgerond.',
    byOther: 'aangenomen door {name}',
    referral: 'Verwijspunt: geen zorgaanbieder gevonden',
    referralHelp: 'Geen aanbieder kon deze aanmelding nemen. Het verwijspunt (de coördinator) biedt haar met de hand aan of sluit haar.',
    referralStart: 'start {date}',
    referralUrgency: { today: 'vandaag', 'within-24h': 'binnen 24 uur', planned: 'gepland' } as Record<string, string>,
  },
  en: {
    title: 'Pages',
    none: 'No pages.',
    live: 'New pages appear here by themselves.',
    offline: 'No live connection; the list is refreshed every half minute.',
    step: 'step {n}',
    urgency: { immediate: 'immediate', 'within-2h': 'within 2 hours', 'same-day': 'today' } as Record<string, string>,
    status: { paging: 'Paging', escalated: 'Paging (escalated)', acknowledged: 'On the way', resolved: 'Resolved', cancelled: 'Cancelled' } as Record<
      string,
      string
    >,
    postcode: 'postcode {p}',
    reference: 'reference {r}',
    callBack: 'Call back',
    go: "I'm going",
    done: 'Resolved',
    outcome: 'Outcome',
    outcomes: { visited: 'visited', 'advice-by-phone': 'advice by phone', referred: 'referred', 'no-action': 'no action' } as Record<string, string>,
    goOk: 'You are going: the partner and the coordinator can see it.',
    doneOk: 'Resolved.',
    byOther: 'acknowledged by {name}',
    referral: 'Coordination point: no provider found',
    referralHelp: 'No provider could take this referral. The coordination point (the coordinator) offers it by hand or closes it.',
    referralStart: 'start {date}',
    referralUrgency: { today: 'today', 'within-24h': 'within 24 hours', planned: 'planned' } as Record<string, string>,
  },
};

function words() {
  return TEXT[lang.value];
}
function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The nurse's pages: the request in a few words, "Ik ga" and "Afgerond", live. */
export function NursePages({ zone }: { zone: string }) {
  useLang();
  const w = words();
  const pages = useLoad(() => answer(api.GET('/api/me/pages')), []);
  const [note, setNote] = useState<Note | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  // The app's one live stream: a new page (or the end of access) loads the list again.
  const events = pageEvents.value + requestEvents.value;
  const connected = streamOpen.value;
  useEffect(() => {
    if (events) pages.reload();
  }, [events]);
  useEffect(() => {
    if (connected) return;
    const timer = setInterval(pages.reload, 30_000);
    return () => clearInterval(timer);
  }, [connected]);
  // One card per request: its newest page. Pages for a referral nobody could take have cards of their own.
  const seen = new Set<string>();
  const cards = (pages.data ?? []).filter((p): p is RequestPage => p.request !== null && !seen.has(p.request.id) && !!seen.add(p.request.id));
  const referralCards = (pages.data ?? []).filter((p) => p.referral !== null && p.referral.status === 'escalated');
  const act = async (p: RequestPage, action: 'acknowledge' | 'resolve') => {
    try {
      if (action === 'acknowledge') {
        await answer(api.POST('/api/requests/{id}/acknowledge', { params: { path: { id: p.request.id } }, body: { via: 'app' } }));
        setNote({ kind: 'ok', text: () => words().goOk });
      } else {
        const outcome = outcomes[p.request.id] ?? 'visited';
        await answer(api.POST('/api/requests/{id}/resolve', { params: { path: { id: p.request.id } }, body: { outcome } }));
        setNote({ kind: 'ok', text: () => words().doneOk });
      }
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    pages.reload();
  };
  return (
    <section aria-labelledby="pages-title">
      <h2 id="pages-title">{w.title}</h2>
      <NotificationsCard />
      <p class="muted">{connected ? w.live : w.offline}</p>
      <Message note={note} />
      <LoadState loaded={pages}>
        {cards.length === 0 && referralCards.length === 0 && <p class="muted">{w.none}</p>}
        <ul class="shift-list">
          {referralCards.map((p) => {
            const r = p.referral!;
            return (
              <li key={`${p.id}`} class="card shift" data-referral={r.id}>
                <strong>{w.referral}</strong>
                <span>
                  {r.careKinds.map(careKindName).join(', ')} · {fill(w.postcode, { p: r.postcode })} · {w.referralUrgency[r.urgency] ?? r.urgency} ·{' '}
                  {fill(w.referralStart, { date: r.startOn })}
                </span>
                <span class="muted">{dateTime(p.pagedAt, zone)}</span>
                <span class="muted small">{w.referralHelp}</span>
              </li>
            );
          })}
          {cards.map((p) => {
            const r = p.request;
            const open = r.status === 'paging' || r.status === 'escalated';
            const mine = r.status === 'acknowledged' && r.acknowledgedBy?.nurseId === p.nurseId;
            return (
              <li key={r.id} class={`card shift${param(PARAM.request) === r.id ? ' chosen' : ''}`} data-request={r.id}>
                <strong>
                  {w.status[r.status] ?? r.status} · {functionName(r.function)}
                </strong>
                <span>
                  {w.urgency[r.urgency] ?? r.urgency} · {fill(w.postcode, { p: r.postcode })} · {fill(w.reference, { r: r.partnerReference })}
                </span>
                <span class="muted">
                  {dateTime(p.pagedAt, zone)} · {fill(w.step, { n: p.step })}
                  {r.acknowledgedBy && !mine ? ` · ${fill(w.byOther, { name: r.acknowledgedBy.name })}` : ''}
                </span>
                {r.callbackPhone && (open || mine) && <a href={`tel:${r.callbackPhone}`}>{`${w.callBack} ${r.callbackPhone}`}</a>}
                {open && (
                  <button type="button" class="primary" onClick={() => act(p, 'acknowledge')}>
                    {w.go}
                  </button>
                )}
                {mine && (
                  <div class="toolbar">
                    <label>
                      {w.outcome}{' '}
                      <select
                        value={outcomes[r.id] ?? 'visited'}
                        onChange={(e) => setOutcomes({ ...outcomes, [r.id]: (e.target as HTMLSelectElement).value as Outcome })}
                      >
                        {OUTCOMES.map((o) => (
                          <option key={o} value={o}>
                            {w.outcomes[o]}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="button" class="primary" onClick={() => act(p, 'resolve')}>
                      {w.done}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </LoadState>
    </section>
  );
}
