import { useEffect, useState } from 'preact/hooks';
import { answer, api, bearer, storedToken } from '../api';
import { LoadState, Message, type Note, useLoad } from '../components/common';
import type { components } from '../generated/api-schema';
import { errorText, functionName, lang, useLang } from '../i18n';
import { dateTime } from '../format';

type MyPage = components['schemas']['MyPageResponse'];
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
  },
};

function words() {
  return TEXT[lang.value];
}
function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * Reads `GET /api/me/pages/stream` with the bearer token in the header (EventSource cannot send
 * one) and calls back on each `page` event, and on the `end` event the service sends when the
 * caller's access ends; reconnects after a pause when the stream ends.
 */
function usePageStream(onPage: () => void): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const stop = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = async () => {
      const token = storedToken();
      try {
        const res = await fetch('/api/me/pages/stream', { headers: token ? bearer(token) : {}, signal: stop.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        setConnected(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            // A page, or the end of the stream because the access ended (signed out, revoked):
            // reloading then meets the 401 that brings back the sign-in form.
            if (/^event: (page|end)$/m.test(event)) onPage();
          }
        }
      } catch {
        // aborted on unmount, or the connection failed: try again below
      }
      setConnected(false);
      if (!stop.signal.aborted) retry = setTimeout(() => void open(), 5_000);
    };
    void open();
    return () => {
      stop.abort();
      clearTimeout(retry);
    };
  }, []);
  return connected;
}

/** The nurse's pages: the request in a few words, "Ik ga" and "Afgerond", live. */
export function NursePages({ zone }: { zone: string }) {
  useLang();
  const w = words();
  const pages = useLoad(() => answer(api.GET('/api/me/pages')), []);
  const [note, setNote] = useState<Note | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const connected = usePageStream(pages.reload);
  useEffect(() => {
    if (connected) return;
    const timer = setInterval(pages.reload, 30_000);
    return () => clearInterval(timer);
  }, [connected]);
  // One card per request: its newest page.
  const seen = new Set<string>();
  const cards = (pages.data ?? []).filter((p) => !seen.has(p.request.id) && seen.add(p.request.id));
  const act = async (p: MyPage, action: 'acknowledge' | 'resolve') => {
    try {
      if (action === 'acknowledge') {
        await answer(api.POST('/api/requests/{id}/acknowledge', { params: { path: { id: p.request.id } } }));
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
      <p class="muted">{connected ? w.live : w.offline}</p>
      <Message note={note} />
      <LoadState loaded={pages}>
        {cards.length === 0 && <p class="muted">{w.none}</p>}
        <ul class="shift-list">
          {cards.map((p) => {
            const r = p.request;
            const open = r.status === 'paging' || r.status === 'escalated';
            const mine = r.status === 'acknowledged' && r.acknowledgedBy?.nurseId === p.nurseId;
            return (
              <li key={r.id} class="card shift" data-request={r.id}>
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
