import { useEffect, useState } from 'preact/hooks';
import { answer, api, type Contract, type Schemas } from '../api';
import { LoadState, MonthPicker, useLoad } from '../components/common';
import { currentMonth, dateTime, monthName } from '../format';
import { functionName, useLang } from '../i18n';
import { FUNCTION_ORDER, type Reference } from '../reference';
import { boardWords, fill, withinText } from './requests-board-texts';

type AcuteRequest = Schemas['RequestResponse'];
type RequestStats = Schemas['RequestStatsResponse'];

/** How often the coordinator's list of open requests is fetched again. */
export const ACUTE_POLL_MS = 15_000;
const OPEN_STATUSES = ['paging', 'escalated', 'acknowledged'] as const;

/** "zojuist", "3 min geleden", "2 uur geleden", "3 dagen geleden". */
export function ageText(createdAt: string, nowMs: number): string {
  const w = boardWords();
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(createdAt)) / 60_000));
  if (minutes < 1) return w.justNow;
  if (minutes < 120) return fill(w.minutesAgo, { n: minutes });
  if (minutes < 48 * 60) return fill(w.hoursAgo, { n: Math.floor(minutes / 60) });
  return fill(w.daysAgo, { n: Math.floor(minutes / (24 * 60)) });
}

/** The region's open acute requests (paging, escalated, acknowledged), newest first. */
function loadOpenRequests(regionCode: string): Promise<AcuteRequest[]> {
  return Promise.all(OPEN_STATUSES.map((status) => answer(api.GET('/api/requests', { params: { query: { regionCode, status } } })))).then((lists) =>
    lists.flat().sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id)),
  );
}

/** The coordinator's home: open acute requests with their step and status, polled. */
export function AcuteRequests({ regionCode, zone }: { regionCode: string; zone: string }) {
  useLang();
  const w = boardWords();
  const requests = useLoad(() => loadOpenRequests(regionCode), [regionCode]);
  useEffect(() => {
    const timer = setInterval(requests.reload, ACUTE_POLL_MS);
    return () => clearInterval(timer);
  }, [regionCode]);
  const nowMs = Date.now();
  return (
    <section class="acute-requests" aria-labelledby="acute-title">
      <h2 id="acute-title">{w.acuteTitle}</h2>
      <p class="muted">{w.acuteHelp}</p>
      <LoadState loaded={requests}>
        {(requests.data ?? []).length === 0 ? (
          <p class="muted">{w.acuteNone}</p>
        ) : (
          <ul class="gap-list acute-list">
            {(requests.data ?? []).map((r) => (
              <li key={r.id} class="gap-row acute-row" data-request-id={r.id}>
                <span class={`badge request-${r.status}`}>{w.status[r.status] ?? r.status}</span>
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
