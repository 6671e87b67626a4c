import { useEffect, useState } from 'preact/hooks';
import { answer, api, type Contract, type Schemas } from '../api';
import { LoadState, Message, MonthPicker, type Note, useLoad } from '../components/common';
import { currentMonth, dateTime, monthName, phone, time, today } from '../format';
import { errorText, functionName, useLang } from '../i18n';
import { requestEvents, streamOpen } from '../phone';
import { PARAM, param } from '../router';
import { FUNCTION_ORDER, type Reference } from '../reference';
import { boardWords, fill, withinText } from './requests-board-texts';

type AcuteRequest = Schemas['RequestResponse'];
type RequestStats = Schemas['RequestStatsResponse'];

/**
 * The coordinator's list follows the live stream (a `request` event for every change in its
 * regions); this slow reload is only the safety net for a stream that is down.
 */
export const ACUTE_POLL_MS = 60_000;
const OPEN_STATUSES = ['paging', 'escalated', 'acknowledged'] as const;
type Outcome = NonNullable<Schemas['ResolveRequestDto']['outcome']>;
const OUTCOMES: Outcome[] = ['visited', 'advice-by-phone', 'referred', 'no-action'];

/** "zojuist", "3 min geleden", "2 uur geleden", "3 dagen geleden". */
export function ageText(createdAt: string, nowMs: number): string {
  const w = boardWords();
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(createdAt)) / 60_000));
  if (minutes < 1) return w.justNow;
  if (minutes < 120) return fill(w.minutesAgo, { n: minutes });
  if (minutes < 48 * 60) return fill(w.hoursAgo, { n: Math.floor(minutes / 60) });
  return fill(w.daysAgo, { n: Math.floor(minutes / (24 * 60)) });
}

/** The region's open acute requests (paging, escalated, acknowledged), escalated first, then newest first. */
function loadOpenRequests(regionCode: string): Promise<AcuteRequest[]> {
  const rank = (r: AcuteRequest) => (r.status === 'escalated' ? 0 : r.status === 'paging' ? 1 : 2);
  return Promise.all(OPEN_STATUSES.map((status) => answer(api.GET('/api/requests', { params: { query: { regionCode, status } } })))).then((lists) =>
    lists.flat().sort((a, b) => rank(a) - rank(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id)),
  );
}

interface OnDuty {
  function: string;
  nurses: Array<{ id: string; name: string; phone: string | null; end: string }>;
}

/** Who is on duty now for every contracted function of the region (GET /api/on-call per function with a contract today). */
async function loadOnDuty(regionCode: string, zone: string): Promise<OnDuty[]> {
  const contracts = await answer(api.GET('/api/contracts', { params: { query: { regionCode, activeOn: today(zone) } } }));
  const functions = FUNCTION_ORDER.filter((f) => contracts.some((c) => c.function === f));
  return Promise.all(
    functions.map(async (fn) => {
      const found = await answer(api.GET('/api/on-call', { params: { query: { regionCode, function: fn } } }));
      return { function: fn, nurses: found.slots.flatMap((slot) => slot.nurses.map((n) => ({ ...n, end: slot.end }))) };
    }),
  );
}

function PhoneLink({ number, label }: { number: string; label?: string }) {
  const p = phone(number);
  return (
    <a class="tel-link" href={p.href}>
      {label ? `${label} ` : ''}
      {p.text}
    </a>
  );
}

/** How a page went out, in a few words: "push ✓ 10:00", "sms afgeleverd 10:02", "webhook ✗ HTTP 500". */
function deliveryText(d: Schemas['DeliveryResponse'], zone: string): string {
  const w = boardWords();
  const channel = w.channel[d.channel] ?? d.channel;
  if (d.deliveredAt && d.channel === 'sms') return `${channel} ${fill(w.delivered, { at: time(d.deliveredAt, zone) })}`;
  if (d.sentAt) return `${channel} ✓ ${time(d.sentAt, zone)}`;
  if (d.error) return `${channel} ✗ ${d.error}`;
  return `${channel} ${w.pending}`;
}

/** One request with what a coordinator needs to act: who was paged when, who is on duty with their phones, and the actions. */
function RequestPanel({
  r,
  zone,
  onDuty,
  nurses,
  coordinatorPhone,
  onChanged,
}: {
  r: AcuteRequest;
  zone: string;
  onDuty: OnDuty[] | undefined;
  nurses: Schemas['NurseResponse'][] | undefined;
  coordinatorPhone: string | null;
  onChanged: () => void;
}) {
  const w = boardWords();
  const [note, setNote] = useState<Note | null>(null);
  const [chosen, setChosen] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('visited');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const open = r.status === 'paging' || r.status === 'escalated';
  const act = async (work: () => Promise<unknown>, ok: () => string) => {
    try {
      await work();
      setNote({ kind: 'ok', text: ok });
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    setConfirmCancel(false);
    onChanged();
  };
  const path = { params: { path: { id: r.id } } };
  const paged = new Set(r.pages.map((p) => p.nurseId));
  const onDutyIds = new Set((onDuty ?? []).flatMap((d) => d.nurses.map((n) => n.id)));
  const pickable = [...(nurses ?? [])]
    .filter((n) => !paged.has(n.id))
    .sort((a, b) => Number(onDutyIds.has(b.id)) - Number(onDutyIds.has(a.id)) || a.name.localeCompare(b.name));
  return (
    <div class="request-panel">
      <h4>{w.pagedTitle}</h4>
      <ol class="page-steps">
        {r.pages.map((p) => (
          <li key={p.id}>
            <span class="page-step">{fill(w.stepShort, { n: p.step })}</span> <time dateTime={p.pagedAt}>{time(p.pagedAt, zone)}</time> ·{' '}
            <strong>{p.name}</strong>
            {p.manual ? ` · ${w.manual}` : ''}
            {p.deliveries.length > 0 && <span class="muted small"> · {p.deliveries.map((d) => deliveryText(d, zone)).join(', ')}</span>}
            {p.smsDueAt && <span class="muted small"> · {fill(w.smsAt, { at: time(p.smsDueAt, zone) })}</span>}
          </li>
        ))}
        {r.pages.length === 0 && <li class="muted">{w.nobodyPaged}</li>}
      </ol>
      <h4>{w.onDutyTitle}</h4>
      <ul class="on-duty">
        {(onDuty ?? []).map((d) => (
          <li key={d.function}>
            <span class="gap-function">{functionName(d.function)}</span>:{' '}
            {d.nurses.length === 0
              ? w.nobodyOnDuty
              : d.nurses.map((n, i) => (
                  <span key={n.id}>
                    {i > 0 ? ', ' : ''}
                    {n.name} {n.phone ? <PhoneLink number={n.phone} /> : <span class="muted">({w.noPhone})</span>}
                  </span>
                ))}
          </li>
        ))}
        {coordinatorPhone && (
          <li>
            {w.desk}: <PhoneLink number={coordinatorPhone} />
          </li>
        )}
        {r.callbackPhone && (
          <li>
            {w.callback}: <PhoneLink number={r.callbackPhone} />
          </li>
        )}
      </ul>
      <div class="toolbar request-actions">
        {open && (
          <button
            type="button"
            class="primary"
            onClick={() =>
              act(
                () => answer(api.POST('/api/requests/{id}/acknowledge', { ...path, body: { via: 'app' } })),
                () => boardWords().arrangedOk,
              )
            }
          >
            {w.arrange}
          </button>
        )}
        {open && (
          <span class="page-by-hand">
            <label>
              {w.pageNurse}{' '}
              <select value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
                <option value="">{w.chooseNurse}</option>
                {pickable.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                    {onDutyIds.has(n.id) ? ` (${w.onDutyShort})` : ''}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button
              type="button"
              disabled={!chosen}
              onClick={() => {
                const name = pickable.find((n) => n.id === chosen)?.name ?? '';
                void act(
                  () => answer(api.POST('/api/requests/{id}/page', { ...path, body: { nurseId: chosen } })),
                  () => fill(boardWords().pagedOk, { name }),
                );
                setChosen('');
              }}
            >
              {w.pageButton}
            </button>
          </span>
        )}
        <span>
          <label>
            {w.outcome}{' '}
            <select value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value as Outcome)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {w.outcomes[o]}
                </option>
              ))}
            </select>
          </label>{' '}
          <button
            type="button"
            onClick={() =>
              act(
                () => answer(api.POST('/api/requests/{id}/resolve', { ...path, body: { outcome } })),
                () => boardWords().resolvedOk,
              )
            }
          >
            {w.resolve}
          </button>
        </span>
        {confirmCancel ? (
          <span>
            {w.cancelSure}{' '}
            <button
              type="button"
              class="danger"
              onClick={() =>
                act(
                  () => answer(api.POST('/api/requests/{id}/cancel', path)),
                  () => boardWords().cancelledOk,
                )
              }
            >
              {w.cancelYes}
            </button>{' '}
            <button type="button" onClick={() => setConfirmCancel(false)}>
              {w.cancelNo}
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirmCancel(true)}>
            {w.cancel}
          </button>
        )}
      </div>
      <Message note={note} />
    </div>
  );
}

/**
 * The coordinator's home: the region's open acute requests, live (the event stream), each with
 * who was paged at each step and how it went out, who is on duty now with a phone to tap, and
 * "Ik regel het", paging a chosen nurse by hand, "Afgerond" and "Annuleren". An escalated request
 * stands out (red, first, opened).
 */
export function AcuteRequests({ regionCode, zone, coordinatorPhone }: { regionCode: string; zone: string; coordinatorPhone: string | null }) {
  useLang();
  const w = boardWords();
  const requests = useLoad(() => loadOpenRequests(regionCode), [regionCode]);
  const onDuty = useLoad(() => loadOnDuty(regionCode, zone), [regionCode]);
  const nurses = useLoad(() => answer(api.GET('/api/nurses')), []);
  const changes = requestEvents.value;
  useEffect(() => {
    if (!changes) return;
    requests.reload();
    onDuty.reload();
  }, [changes]);
  useEffect(() => {
    const timer = setInterval(requests.reload, ACUTE_POLL_MS);
    return () => clearInterval(timer);
  }, [regionCode]);
  const nowMs = Date.now();
  const chosen = param(PARAM.request);
  return (
    <section class="acute-requests" aria-labelledby="acute-title">
      <h2 id="acute-title">{w.acuteTitle}</h2>
      <p class="muted">{streamOpen.value ? w.acuteHelp : w.acuteHelpOffline}</p>
      <LoadState loaded={requests}>
        {(requests.data ?? []).length === 0 ? (
          <p class="muted">{w.acuteNone}</p>
        ) : (
          <ul class="gap-list acute-list">
            {(requests.data ?? []).map((r) => (
              <li key={r.id} class={`acute-item request-item-${r.status}`} data-request-id={r.id}>
                <details open={r.status === 'escalated' || chosen === r.id}>
                  <summary class="gap-row acute-row">
                    <span class={`badge request-${r.status}`}>
                      {r.status === 'escalated' ? '⚠ ' : ''}
                      {w.status[r.status] ?? r.status}
                    </span>
                    <span class="gap-function">{functionName(r.function)}</span>
                    <span>{w.urgency[r.urgency] ?? r.urgency}</span>
                    <span>{fill(w.postcode, { p: r.postcode })}</span>
                    <span class="acute-reference">{fill(w.reference, { r: r.partnerReference })}</span>
                    <span class="muted small">
                      <time dateTime={r.createdAt} title={dateTime(r.createdAt, zone)}>
                        {ageText(r.createdAt, nowMs)}
                      </time>
                    </span>
                    <span class="acute-step">
                      {r.status === 'acknowledged' ? fill(w.onTheWay, { name: r.acknowledgedBy?.name ?? '' }) : (w.step[r.step] ?? String(r.step))}
                    </span>
                  </summary>
                  <RequestPanel r={r} zone={zone} onDuty={onDuty.data} nurses={nurses.data} coordinatorPhone={coordinatorPhone} onChanged={requests.reload} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </section>
  );
}

/** "4 min 5 s", "45 s", "—". */
export function ackDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const w = boardWords();
  const s = Math.round(seconds);
  return s < 60 ? fill(w.sec, { s }) : fill(w.minSec, { m: Math.floor(s / 60), s: s % 60 });
}

/**
 * The insurer's response figures: per month, for each region of its contracts, one row per
 * contract from `GET /api/requests/stats`.
 */
export function AckFigures({ reference, contracts }: { reference: Reference; contracts: Contract[] }) {
  useLang();
  const w = boardWords();
  const regionCodes = [...new Set(contracts.map((c) => c.regionCode))].sort();
  const zone = reference.regions.get(regionCodes[0] ?? '')?.timezone ?? 'Europe/Amsterdam';
  const [month, setMonth] = useState(() => currentMonth(zone));
  const stats = useLoad(
    () =>
      Promise.all(
        regionCodes.map((regionCode) =>
          answer(api.GET('/api/requests/stats', { params: { query: { regionCode, month } } })).then((rows: RequestStats[]) => ({ regionCode, rows })),
        ),
      ),
    [regionCodes.join(','), month],
  );
  if (regionCodes.length === 0) return null;
  const byId = new Map(contracts.map((c) => [c.id, c]));
  return (
    <section class="ack-figures" aria-labelledby="ack-title">
      <h2 id="ack-title">{w.ackTitle}</h2>
      <p class="muted">{w.ackHelp}</p>
      <MonthPicker month={month} setMonth={setMonth} />
      <LoadState loaded={stats}>
        {(stats.data ?? []).map(({ regionCode, rows }) => {
          const regionName = reference.regions.get(regionCode)?.name ?? regionCode;
          const sorted = [...rows].sort((a, b) => FUNCTION_ORDER.indexOf(a.function) - FUNCTION_ORDER.indexOf(b.function));
          return (
            <table key={regionCode} class="data reflow ack-table">
              <caption>{fill(w.ackCaption, { region: regionName, month: monthName(month) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.function}</th>
                  <th scope="col">{w.requests}</th>
                  <th scope="col">{w.acknowledged}</th>
                  <th scope="col">{w.escalated}</th>
                  <th scope="col">{w.median}</th>
                  <th scope="col">{w.p90}</th>
                  <th scope="col">{w.within}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.length === 0 ? (
                  <tr>
                    <td colSpan={7}>{w.noRequests}</td>
                  </tr>
                ) : (
                  sorted.map((s) => (
                    <tr key={s.contractId}>
                      <th scope="row" data-label={w.function}>
                        {functionName(s.function)}
                      </th>
                      <td data-label={w.requests}>{s.requests}</td>
                      <td data-label={w.acknowledged}>{s.acknowledged}</td>
                      <td data-label={w.escalated}>{s.escalated}</td>
                      <td data-label={w.median}>{ackDuration(s.medianAckSeconds)}</td>
                      <td data-label={w.p90}>{ackDuration(s.p90AckSeconds)}</td>
                      <td data-label={w.within}>{withinText(s.withinAckPct, byId.get(s.contractId)?.sla?.ackMinutes ?? 10)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          );
        })}
      </LoadState>
    </section>
  );
}
