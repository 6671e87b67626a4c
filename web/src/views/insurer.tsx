import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, api, type Contract, download, type Statement } from '../api';
import { LoadState, Message, MonthPicker, type Note, useLoad, ViewFrame } from '../components/common';
import { countText, errorText, functionName, t } from '../i18n';
import { addMonths, coverageText, currentMonth, dateTime, duration, euros, localDate, monthName, normPercent, percent } from '../format';
import { FUNCTION_ORDER, partyName, type Reference, zoneOf } from '../reference';
import { navigate, PARAM, param, place } from '../router';
import { AckFigures } from './requests-board';

/** The insurer's view: its contracts, coverage per month, and the monthly availability fee. */
export const INSURER_VIEWS = ['contracten', 'dekking', 'vergoedingen'] as const;

export function InsurerView({ reference }: { reference: Reference }) {
  const tab = (INSURER_VIEWS as readonly string[]).includes(place.value.view) ? place.value.view : 'contracten';
  const contracts = useLoad(() => answer(api.GET('/api/contracts')), []);
  return (
    <ViewFrame
      id="insurer-title"
      title={
        reference.me.role === 'insurer'
          ? `${reference.insurers.get(reference.me.insurerUzovi ?? '') ?? ''} (UZOVI ${reference.me.insurerUzovi})`
          : t('tabInsurer')
      }
      current={tab}
      onChange={(id) => navigate({ view: id })}
      tabs={[
        { id: 'contracten', label: t('tabContracts') },
        { id: 'dekking', label: t('tabCoverage') },
        { id: 'vergoedingen', label: t('tabStatements') },
      ]}
    >
      <LoadState loaded={contracts}>
        {tab === 'contracten' && <Contracts reference={reference} contracts={contracts.data ?? []} />}
        {tab === 'dekking' && (
          <>
            <CoverageChart reference={reference} contracts={contracts.data ?? []} />
            <AckFigures reference={reference} contracts={contracts.data ?? []} />
          </>
        )}
        {tab === 'vergoedingen' && <Statements reference={reference} contracts={contracts.data ?? []} />}
      </LoadState>
    </ViewFrame>
  );
}

function Contracts({ reference, contracts }: { reference: Reference; contracts: Contract[] }) {
  if (contracts.length === 0) return <p class="muted">{t('noContracts')}</p>;
  return (
    <table class="data reflow">
      <thead>
        <tr>
          <th scope="col">{t('region')}</th>
          <th scope="col">{t('function')}</th>
          <th scope="col">{t('party')}</th>
          <th scope="col">{t('period')}</th>
          <th scope="col">{t('fee')}</th>
          <th scope="col">{t('sla')}</th>
        </tr>
      </thead>
      <tbody>
        {contracts.map((c) => (
          <tr key={c.id}>
            <td data-label={t('region')}>{reference.regions.get(c.regionCode)?.name ?? c.regionCode}</td>
            <td data-label={t('function')}>{functionName(c.function)}</td>
            <td data-label={t('party')}>{partyName(reference, c.responsibleParty)}</td>
            <td data-label={t('period')}>
              {localDate(c.validFrom, false)} – {c.validTo ? localDate(c.validTo, false) : t('openEnded')}
              {c.status === 'terminated' ? ` (${t('terminated')})` : ''}
            </td>
            <td data-label={t('fee')}>
              {[
                c.fee.fixedMonthlyCents ? t('feeFixed', { a: euros(c.fee.fixedMonthlyCents) }) : null,
                c.fee.perPositionHourCents ? t('feeHour', { a: euros(c.fee.perPositionHourCents) }) : null,
                c.fee.perInhabitantMonthlyCents ? t('feeInhabitant', { a: euros(c.fee.perInhabitantMonthlyCents) }) : null,
              ]
                .filter(Boolean)
                .join(' + ') || '—'}
            </td>
            <td data-label={t('sla')}>{c.sla?.minCoveragePct != null ? normPercent(c.sla.minCoveragePct) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const BAR_COLOURS = ['#1d4f91', '#b8530f', '#2f7a3d', '#7b3f98'];

function CoverageChart({ reference, contracts }: { reference: Reference; contracts: Contract[] }) {
  const regionCodes = [...new Set(contracts.map((c) => c.regionCode))].sort();
  const regionCode = regionCodes.includes(param(PARAM.region)) ? param(PARAM.region) : (regionCodes[0] ?? '');
  const zone = reference.regions.get(regionCode)?.timezone ?? 'Europe/Amsterdam';
  const now = currentMonth(zone);
  const months = [-2, -1, 0, 1, 2, 3].map((n) => addMonths(now, n));
  const data = useLoad(
    () => Promise.all(months.map((month) => answer(api.GET('/api/coverage', { params: { query: { regionCode, month } } })).then((rows) => ({ month, rows })))),
    [regionCode],
  );
  const functions = FUNCTION_ORDER.filter((f) => contracts.some((c) => c.regionCode === regionCode && c.function === f));
  if (!regionCode) return <p class="muted">{t('noContracts')}</p>;

  const width = 640;
  const height = 240;
  const left = 40;
  const bottom = 30;
  const groupWidth = (width - left) / months.length;
  const barWidth = Math.max(6, (groupWidth - 16) / Math.max(1, functions.length));
  const y = (pct: number) => height - bottom - ((height - bottom - 10) * pct) / 100;

  return (
    <div>
      <label class="inline-field">
        {t('region')}
        <select value={regionCode} onChange={(e) => navigate({ query: { [PARAM.region]: (e.target as HTMLSelectElement).value } })}>
          {regionCodes.map((code) => (
            <option key={code} value={code}>
              {reference.regions.get(code)?.name ?? code}
            </option>
          ))}
        </select>
      </label>
      <h2>{t('coverageTitle', { region: reference.regions.get(regionCode)?.name ?? regionCode })}</h2>
      <LoadState loaded={data}>
        <figure class="chart">
          <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('coverageChartLabel')}>
            {[0, 50, 100].map((p) => (
              <g key={p}>
                <line x1={left} x2={width} y1={y(p)} y2={y(p)} class="grid-line" />
                <text x={left - 6} y={y(p) + 4} text-anchor="end" class="axis">
                  {percent(p)}
                </text>
              </g>
            ))}
            {(data.data ?? []).map(({ month, rows }, i) => (
              <g key={month}>
                {functions.map((f, k) => {
                  const row = rows.find((r) => r.function === f);
                  if (!row || row.positionMinutes === 0) return null;
                  const x = left + i * groupWidth + 8 + k * barWidth;
                  return (
                    <rect
                      key={f}
                      x={x}
                      y={Math.min(y(row.coveragePct), height - bottom - 2)}
                      width={barWidth - 2}
                      height={Math.max(2, height - bottom - y(row.coveragePct))}
                      fill={BAR_COLOURS[k % BAR_COLOURS.length]}
                    >
                      <title>{`${functionName(f)}, ${monthName(month)}: ${percent(row.coveragePct)}`}</title>
                    </rect>
                  );
                })}
                {functions.map((f, k) => {
                  const row = rows.find((r) => r.function === f);
                  if (!row || row.positionMinutes > 0) return null;
                  // Nothing rostered yet: a hollow marker, not a bar at 0 %.
                  const x = left + i * groupWidth + 8 + k * barWidth;
                  return <rect key={`none-${f}`} x={x} y={height - bottom - 4} width={barWidth - 2} height={4} class="bar-none" />;
                })}
                <text x={left + i * groupWidth + groupWidth / 2} y={height - 10} text-anchor="middle" class="axis">
                  {monthName(month).replace(/ \d{4}$/, '')}
                </text>
              </g>
            ))}
            {functions.map((f, k) => {
              const min = contracts.find((c) => c.regionCode === regionCode && c.function === f)?.sla?.minCoveragePct;
              if (min == null) return null;
              return (
                <line key={`norm-${f}`} x1={left} x2={width} y1={y(min)} y2={y(min)} class="norm-line" stroke={BAR_COLOURS[k % BAR_COLOURS.length]}>
                  <title>{t('normLine', { fn: functionName(f), pct: normPercent(min) })}</title>
                </line>
              );
            })}
          </svg>
          <figcaption>
            <ul class="legend">
              {functions.map((f, k) => (
                <li key={f}>
                  <span class="swatch" style={{ background: BAR_COLOURS[k % BAR_COLOURS.length] }} aria-hidden="true" /> {functionName(f)}
                </li>
              ))}
            </ul>
          </figcaption>
        </figure>
        <table class="data reflow">
          <caption>{t('coverageTitle', { region: reference.regions.get(regionCode)?.name ?? regionCode })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('month')}</th>
              <th scope="col">{t('function')}</th>
              <th scope="col">{t('positionHours')}</th>
              <th scope="col">{t('coveredHours')}</th>
              <th scope="col">{t('coverage')}</th>
            </tr>
          </thead>
          <tbody>
            {(data.data ?? []).flatMap(({ month, rows }) =>
              rows.map((r) => (
                <tr key={`${month}-${r.contractId}`}>
                  <td data-label={t('month')}>{monthName(month)}</td>
                  <td data-label={t('function')}>{functionName(r.function)}</td>
                  <td data-label={t('positionHours')}>{duration(r.positionMinutes)}</td>
                  <td data-label={t('coveredHours')}>{duration(r.coveredMinutes)}</td>
                  <td data-label={t('coverage')}>
                    {coverageText(r.coveragePct, r.positionMinutes)}
                    {(() => {
                      const min = contracts.find((c) => c.id === r.contractId)?.sla?.minCoveragePct;
                      return min != null && r.positionMinutes > 0 && r.coveragePct < min ? ` · ${t('belowNorm')}` : '';
                    })()}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </LoadState>
    </div>
  );
}

/** Below the contract's minimum coverage, exactly as the fee formula decides it (not the rounded percentage). */
function belowNorm(s: Statement, c: Contract | undefined): boolean {
  const min = c?.sla?.minCoveragePct;
  if (min == null || s.positionMinutes === 0) return false;
  return 100 * s.coveredMinutes * 100 < Math.round(min * 100) * s.positionMinutes;
}

function Statements({ reference, contracts }: { reference: Reference; contracts: Contract[] }) {
  // The last ended month: only an ended month can be finalized (month-not-ended).
  const month = /^\d{4}-\d{2}$/.test(param(PARAM.month)) ? param(PARAM.month) : addMonths(currentMonth('Europe/Amsterdam'), -1);
  const setMonth = (m: string) => navigate({ query: { [PARAM.month]: m } });
  const statements = useLoad(() => answer(api.GET('/api/fee-statements', { params: { query: { month } } })), [month]);
  const [note, setNote] = useState<Note | null>(null);
  const [pending, setPending] = useState<Statement | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (pending && dialog.current && !dialog.current.open) dialog.current.showModal();
    if (!pending && dialog.current?.open) dialog.current.close();
  }, [pending]);

  const compute = async () => {
    try {
      const rows = await answer(api.POST('/api/fee-statements', { body: { month } }));
      const drafts = rows.filter((r) => r.status === 'draft').length;
      setNote({ kind: 'ok', text: () => countText(drafts, 'computedOne', 'computedMany') });
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    statements.reload();
  };
  const finalize = async (s: Statement) => {
    setPending(null);
    try {
      await answer(api.POST('/api/fee-statements/{id}/finalize', { params: { path: { id: s.id } } }));
      setNote({ kind: 'ok', text: () => t('finalizedOk') });
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    statements.reload();
  };
  const xlsx = async () => {
    try {
      await download(api.GET('/api/fee-statements.xlsx', { params: { query: { month } }, parseAs: 'blob' }), `wijkwacht-vergoedingen-${month}.xlsx`);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
  };
  const contractOf = (s: Statement) => contracts.find((c) => c.id === s.contractId);
  // A month can be finalized once it has ended (in the region's zone; all regions are Dutch).
  const ended = month < currentMonth('Europe/Amsterdam');
  const rows = statements.data ?? [];
  const byParty = new Map<string, { name: string; cents: number }>();
  for (const s of rows) {
    const name = partyName(reference, s.responsibleParty);
    const entry = byParty.get(name) ?? { name, cents: 0 };
    entry.cents += s.totalCents;
    byParty.set(name, entry);
  }
  const csv = async () => {
    try {
      await download(api.GET('/api/fee-statements.csv', { params: { query: { month } }, parseAs: 'blob' }), `wijkwacht-vergoedingen-${month}.csv`);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
  };

  return (
    <div>
      <div class="toolbar">
        <MonthPicker month={month} setMonth={setMonth} />
        <button type="button" onClick={compute}>
          {t('compute')}
        </button>
        <button type="button" class="primary" onClick={xlsx}>
          {t('downloadXlsx')}
        </button>
        <button type="button" onClick={csv}>
          {t('downloadCsv')}
        </button>
      </div>
      <h2>{t('statementsTitle', { month: monthName(month) })}</h2>
      {!ended && <p class="message message-info">{t('monthNotEnded', { month: monthName(month), date: localDate(`${addMonths(month, 1)}-01`, false) })}</p>}
      <Message note={note} />
      <LoadState loaded={statements}>
        {statements.data?.length === 0 && <p class="muted">{t('noStatements')}</p>}
        {rows.length > 0 && (
          <table class="data totals">
            <caption>{t('totalsCaption', { month: monthName(month) })}</caption>
            <tbody>
              {[...byParty.values()].map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.name}</th>
                  <td>{euros(p.cents)}</td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row">{t('monthTotal')}</th>
                <td>{euros(rows.reduce((acc, s) => acc + s.totalCents, 0))}</td>
              </tr>
            </tbody>
          </table>
        )}
        <div class="statements">
          {(statements.data ?? []).map((s) => (
            <article class="card statement" key={s.id} aria-labelledby={`st-${s.id}`}>
              <h3 id={`st-${s.id}`}>
                {functionName(s.function)} · {reference.regions.get(s.regionCode)?.name ?? s.regionCode}{' '}
                <span class={`badge status-${s.status}`}>{t(s.status)}</span>
                {belowNorm(s, contractOf(s)) && <span class="badge badge-below">{t('belowNorm')}</span>}
              </h3>
              <p class="muted small">
                {partyName(reference, s.responsibleParty)} · {t('coverage')} {coverageText(s.coveragePct, s.positionMinutes)}
                {s.positionMinutes > 0 && ` (${duration(s.coveredMinutes)} / ${duration(s.positionMinutes)})`}
              </p>
              {s.positionMinutes === 0 && <p class="muted small">{t('notRostered')}</p>}
              {contractOf(s)?.sla?.minCoveragePct != null && (
                <p class="small">
                  {t('slaExplained', {
                    pct: normPercent(contractOf(s)!.sla!.minCoveragePct!),
                    amount: euros(contractOf(s)!.sla!.deductionPerUncoveredHourCents),
                  })}
                </p>
              )}
              {s.finalizedAt && (
                <p class="muted small">
                  {s.finalizedBy
                    ? t('finalizedAtBy', { name: s.finalizedBy.name, when: dateTime(s.finalizedAt, zoneOf(reference, s.regionCode)) })
                    : t('finalizedAt', { when: dateTime(s.finalizedAt, zoneOf(reference, s.regionCode)) })}
                </p>
              )}
              <table class="lines">
                <tbody>
                  <tr>
                    <th scope="row">{t('lineFixed')}</th>
                    <td>{euros(s.lines.fixedCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('lineCapitation')}</th>
                    <td>{euros(s.lines.capitationCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('linePositionHours')}</th>
                    <td>{euros(s.lines.positionHoursCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('lineDeduction')}</th>
                    <td>{euros(-s.lines.deductionCents)}</td>
                  </tr>
                  <tr class="total">
                    <th scope="row">{t('total')}</th>
                    <td>{euros(s.totalCents)}</td>
                  </tr>
                </tbody>
              </table>
              {s.status === 'draft' && ended && (
                <button type="button" class="primary" onClick={() => setPending(s)}>
                  {t('finalize')}{' '}
                  <span class="visually-hidden">
                    {functionName(s.function)} {s.regionCode}
                  </span>
                </button>
              )}
            </article>
          ))}
        </div>
      </LoadState>
      <dialog ref={dialog} aria-labelledby="finalize-title" onClose={() => setPending(null)}>
        {pending && (
          <form method="dialog" onSubmit={(e) => e.preventDefault()}>
            <h2 id="finalize-title">{t('confirmFinalizeTitle')}</h2>
            <p>
              {t('confirmFinalizeText', {
                fn: functionName(pending.function),
                region: reference.regions.get(pending.regionCode)?.name ?? pending.regionCode,
                month: monthName(pending.month),
                total: euros(pending.totalCents),
              })}
            </p>
            <div class="dialog-actions">
              <button type="button" onClick={() => setPending(null)}>
                {t('cancel')}
              </button>
              <button type="button" class="primary" onClick={() => finalize(pending)}>
                {t('confirm')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </div>
  );
}
