import type { EventInput } from '@fullcalendar/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Absence, answer, api, type Candidate, type FunctionCode, type Offer, type Slot } from '../api';
import { RosterCalendar } from '../components/calendar';
import { LoadState, Message, MonthPicker, type Note, useLoad, ViewFrame } from '../components/common';
import { errorText, functionName, ruleText, t } from '../i18n';
import { currentMonth, dateTime, duration, localDate, monthBounds, monthName, percent, time, timeRange } from '../format';
import { positionMinutesOf, type StaffedSlot } from '../position-minutes';
import { FUNCTION_ORDER, partyName, plannedRegions, type Reference, zoneOf } from '../reference';
import { PlanBar, PlanDetails, proposalEvents, type RosterPlan, type ShownRange } from './roster-plan';

function statusLabel(status: Slot['status']): string {
  return t(status === 'open' ? 'statusOpen' : status === 'partial' ? 'statusPartial' : 'statusCovered');
}

function slotEvent(s: Slot, zone: string): EventInput {
  return {
    id: s.id,
    start: s.start,
    end: s.end,
    title: `${statusLabel(s.status)} ${s.assignments.length}/${s.requiredNurses}`,
    extendedProps: { timeText: timeRange(s.start, s.end, zone), dateText: localDate(s.localDate) },
    classNames: ['slot', `slot-${s.status}`],
  };
}

/** The coordinator's board: roster, coverage per day, gaps, offers and absences of its regions. */
export function CoordinatorView({ reference }: { reference: Reference }) {
  const regions = plannedRegions(reference);
  const [regionCode, setRegionCode] = useState(regions[0] ?? '');
  const [tab, setTab] = useState('board');
  if (!regionCode) return <p>{t('noContracts')}</p>;
  const zone = zoneOf(reference, regionCode);
  return (
    <ViewFrame
      id="coordinator-title"
      title={reference.regions.get(regionCode)?.name ?? regionCode}
      beside={
        regions.length > 1 && (
          <label class="inline-field">
            {t('region')}
            <select value={regionCode} onChange={(e) => setRegionCode((e.target as HTMLSelectElement).value)}>
              {regions.map((code) => (
                <option key={code} value={code}>
                  {reference.regions.get(code)?.name ?? code} ({code})
                </option>
              ))}
            </select>
          </label>
        )
      }
      current={tab}
      onChange={setTab}
      tabs={[
        { id: 'board', label: t('tabBoard') },
        { id: 'heatmap', label: t('tabHeatmap') },
        { id: 'alerts', label: t('tabAlerts') },
        { id: 'offers', label: t('tabOffers') },
        { id: 'absences', label: t('tabAbsences') },
      ]}
    >
      {tab === 'board' && <RosterBoard key={regionCode} reference={reference} regionCode={regionCode} zone={zone} />}
      {tab === 'heatmap' && <Heatmap key={regionCode} regionCode={regionCode} zone={zone} />}
      {tab === 'alerts' && <Alerts key={regionCode} regionCode={regionCode} zone={zone} />}
      {tab === 'offers' && <Offers key={regionCode} regionCode={regionCode} zone={zone} />}
      {tab === 'absences' && <Absences key={regionCode} regionCode={regionCode} />}
    </ViewFrame>
  );
}

function RosterBoard({ reference, regionCode, zone }: { reference: Reference; regionCode: string; zone: string }) {
  const contracts = useLoad(() => answer(api.GET('/api/contracts', { params: { query: { regionCode } } })), [regionCode]);
  const functions = useMemo(() => FUNCTION_ORDER.filter((f) => (contracts.data ?? []).some((c) => c.function === f)), [contracts.data]);
  const [fn, setFn] = useState<FunctionCode | ''>('');
  const [selected, setSelected] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [plan, setPlan] = useState<RosterPlan | null>(null);
  const shown = useRef<ShownRange | null>(null);
  const activeFn = fn || functions[0] || '';

  const load = async (from: string, to: string) => {
    shown.current = { from, to };
    if (!activeFn) return [];
    const slots = await answer(api.GET('/api/slots', { params: { query: { regionCode, function: activeFn, from, to } } }));
    return [...slots.map((s) => slotEvent(s, zone)), ...proposalEvents(plan, activeFn, zone)];
  };
  const redraw = () => setReloadKey((n) => n + 1);

  return (
    <LoadState loaded={contracts}>
      {functions.length === 0 ? (
        <p>{t('noContracts')}</p>
      ) : (
        <div class={selected ? 'board with-panel' : 'board'}>
          <div class="board-main">
            <div class="toolbar">
              <label class="inline-field">
                {t('function')}
                <select
                  value={activeFn}
                  onChange={(e) => {
                    setFn((e.target as HTMLSelectElement).value as FunctionCode);
                    setSelected(null);
                  }}
                >
                  {functions.map((f) => (
                    <option key={f} value={f}>
                      {functionName(f)}
                    </option>
                  ))}
                </select>
              </label>
              <span class="muted">
                {partyName(reference, (contracts.data ?? []).find((c) => c.function === activeFn)?.responsibleParty ?? { type: 'provider' })}
              </span>
              <Legend />
            </div>
            <PlanBar
              regionCode={regionCode}
              zone={zone}
              shown={() => shown.current}
              plan={plan}
              onPlan={(p) => {
                setPlan(p);
                redraw();
              }}
              onApplied={redraw}
            />
            <RosterCalendar
              key={`${regionCode}-${activeFn}`}
              zone={zone}
              load={load}
              reloadKey={reloadKey}
              onEventClick={setSelected}
              label={`${t('tabBoard')} ${functionName(activeFn)}`}
            />
            <PlanDetails plan={plan} zone={zone} />
          </div>
          {selected && (
            <SlotPanel key={selected} slotId={selected} zone={zone} onChanged={() => setReloadKey((n) => n + 1)} onClose={() => setSelected(null)} />
          )}
        </div>
      )}
    </LoadState>
  );
}

function Legend() {
  return (
    <ul class="legend" aria-label={t('legend')}>
      {(['open', 'partial', 'covered'] as const).map((s) => (
        <li key={s}>
          <span class={`swatch slot-${s}`} aria-hidden="true" /> {statusLabel(s)}
        </li>
      ))}
    </ul>
  );
}

function SlotPanel({ slotId, zone, onChanged, onClose }: { slotId: string; zone: string; onChanged: () => void; onClose: () => void }) {
  const slot = useLoad(() => answer(api.GET('/api/slots/{id}', { params: { path: { id: slotId } } })), [slotId]);
  const candidates = useLoad(() => answer(api.GET('/api/slots/{id}/candidates', { params: { path: { id: slotId } } })), [slotId]);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [slotId]);

  const refresh = () => {
    slot.reload();
    candidates.reload();
    onChanged();
  };
  const assign = async (c: Candidate) => {
    setBusy(true);
    try {
      await answer(api.POST('/api/slots/{id}/assignments', { params: { path: { id: slotId } }, body: { nurseId: c.nurseId } }));
      setNote({ kind: 'ok', text: () => t('assignedOk', { name: c.name }) });
      refresh();
    } catch (e) {
      setNote({ kind: 'error', text: () => `${t('refused')} ${c.name}. ${errorText(e)}` });
      candidates.reload();
    } finally {
      setBusy(false);
    }
  };
  const unassign = async (id: string, name: string) => {
    setBusy(true);
    try {
      await answer(api.DELETE('/api/assignments/{id}', { params: { path: { id } } }));
      setNote({ kind: 'ok', text: () => t('unassignedOk', { name }) });
      refresh();
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const s = slot.data;
  return (
    <aside class="panel" aria-labelledby="slot-panel-title">
      <div class="panel-head">
        <h2 id="slot-panel-title" tabIndex={-1} ref={heading}>
          {s ? `${functionName(s.function)}, ${localDate(s.localDate)}` : t('slotPanel')}
        </h2>
        <button type="button" class="link-button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <LoadState loaded={slot}>
        {s && (
          <>
            <p class="slot-when">
              <strong>{timeRange(s.start, s.end, zone)}</strong> ({duration(s.durationMinutes)}) ·{' '}
              <span class={`badge slot-${s.status}`}>
                {statusLabel(s.status)} {s.assignments.length}/{s.requiredNurses}
              </span>
            </p>
            <p class="muted">
              {s.dutyType === 'on-call' ? t('onCall') : t('shift')}
              {s.isHoliday ? ` · ${t('holiday')}` : ''} · {t('required', { n: s.requiredNurses, q: s.requiredQualifications.join(', ') || '—' })}
            </p>
            <Message note={note} />
            <h3>{t('assigned')}</h3>
            {s.assignments.length === 0 ? (
              <p class="muted">{t('nobodyAssigned')}</p>
            ) : (
              <ul class="people">
                {s.assignments.map((a) => (
                  <li key={a.id}>
                    <span>{a.nurseName}</span>
                    <button type="button" disabled={busy} onClick={() => unassign(a.id, a.nurseName)}>
                      {t('unassign')} <span class="visually-hidden">{a.nurseName}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </LoadState>
      <h3>{t('candidates')}</h3>
      <LoadState loaded={candidates}>
        {candidates.data && candidates.data.length === 0 && <p class="muted">{t('noCandidates')}</p>}
        <ul class="candidates">
          {(candidates.data ?? []).map((c) => (
            <li key={c.nurseId} class={c.violations.length ? 'candidate has-violations' : 'candidate'}>
              <div class="candidate-head">
                <strong>{c.name}</strong>
                <button type="button" class={c.violations.length ? '' : 'primary'} disabled={busy} onClick={() => assign(c)}>
                  {t('assign')} <span class="visually-hidden">{c.name}</span>
                </button>
              </div>
              <p class="muted small">
                {t('monthHours', { h: duration(c.monthMinutes) })} · {t('nights16', { n: c.nights16Weeks })}
              </p>
              {c.violations.length === 0 ? (
                <p class="fits small">✓ {t('fits')}</p>
              ) : (
                <ul class="violations small">
                  {c.violations.map((v) => (
                    <li key={v.rule}>{ruleText(v)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </LoadState>
    </aside>
  );
}

function Heatmap({ regionCode, zone }: { regionCode: string; zone: string }) {
  const [month, setMonth] = useState(currentMonth(zone));
  const bounds = monthBounds(month);
  const slots = useLoad(() => answer(api.GET('/api/slots', { params: { query: { regionCode, from: bounds.from, to: bounds.to } } })), [regionCode, month]);
  const days = Array.from({ length: bounds.days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  // Position and covered minutes per function and day, by the same definition as coverage and fees.
  const grid = useMemo(() => {
    const byCell = new Map<string, StaffedSlot[]>();
    for (const s of slots.data ?? []) {
      const key = `${s.function}|${s.localDate}`;
      const cell = byCell.get(key) ?? [];
      cell.push({ durationMinutes: s.durationMinutes, requiredNurses: s.requiredNurses, assignedNurses: s.assignments.length });
      byCell.set(key, cell);
    }
    return new Map([...byCell].map(([key, cell]) => [key, positionMinutesOf(cell)]));
  }, [slots.data]);
  const functions = FUNCTION_ORDER.filter((f) => (slots.data ?? []).some((s) => s.function === f));
  return (
    <div>
      <MonthPicker month={month} setMonth={setMonth} />
      <LoadState loaded={slots}>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('heatmapCaption', { month: monthName(month) })}>
          <table class="heatmap">
            <caption>{t('heatmapCaption', { month: monthName(month) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('function')}</th>
                {days.map((d) => (
                  <th scope="col" key={d} title={localDate(d)}>
                    {Number(d.slice(8))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {functions.map((f) => (
                <tr key={f}>
                  <th scope="row">{functionName(f)}</th>
                  {days.map((d) => {
                    const c = grid.get(`${f}|${d}`);
                    if (!c || c.positionMinutes === 0)
                      return (
                        <td key={d} class="heat-none" title={t('noSlots')}>
                          –
                        </td>
                      );
                    // Whole percent, rounded down, from integer minutes.
                    const pct = Math.floor((100 * c.coveredMinutes) / c.positionMinutes);
                    const bucket = pct >= 100 ? 'full' : pct >= 50 ? 'half' : 'low';
                    return (
                      <td key={d} class={`heat-${bucket}`} title={`${localDate(d)}: ${percent(pct)}`}>
                        {pct}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </LoadState>
    </div>
  );
}

function Alerts({ regionCode, zone }: { regionCode: string; zone: string }) {
  const alerts = useLoad(() => answer(api.GET('/api/alerts', { params: { query: { regionCode, status: 'open' } } })), [regionCode]);
  return (
    <div>
      <h2>{t('alertsTitle')}</h2>
      <LoadState loaded={alerts}>
        {alerts.data?.length === 0 ? (
          <p class="muted">{t('noAlerts')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('function')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('missing')}</th>
                <th scope="col">{t('since')}</th>
              </tr>
            </thead>
            <tbody>
              {(alerts.data ?? []).map((a) => (
                <tr key={a.id}>
                  <td>{functionName(a.function)}</td>
                  <td>
                    {dateTime(a.start, zone)}–{time(a.end, zone)}
                  </td>
                  <td>{a.missing}</td>
                  <td>{dateTime(a.createdAt, zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
    </div>
  );
}

function Offers({ regionCode, zone }: { regionCode: string; zone: string }) {
  // Only the active offers (not the history); the API scopes them to the coordinator's regions.
  const offers = useLoad(
    () =>
      Promise.all([
        answer(api.GET('/api/offers', { params: { query: { status: 'accepted' } } })),
        answer(api.GET('/api/offers', { params: { query: { status: 'open' } } })),
      ]),
    [regionCode],
  );
  const [note, setNote] = useState<Note | null>(null);
  const [waiting, open] = (offers.data ?? [[], []]).map((list) => list.filter((o) => o.regionCode === regionCode));
  const act = async (o: Offer, action: 'approve' | 'reject') => {
    try {
      const path = { params: { path: { id: o.id } } };
      await answer(action === 'approve' ? api.POST('/api/offers/{id}/approve', path) : api.POST('/api/offers/{id}/reject', path));
      setNote({ kind: 'ok', text: () => (action === 'approve' ? t('approvedOk', { name: o.takerNurseName ?? '' }) : t('rejectedOk')) });
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    offers.reload();
  };
  const table = (rows: Offer[], actions: boolean) => (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">{t('when')}</th>
          <th scope="col">{t('function')}</th>
          <th scope="col">{t('from')}</th>
          <th scope="col">{t('to')}</th>
          <th scope="col">{t('status')}</th>
          {actions && <th scope="col">{t('actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <td>{o.start && o.end ? `${localDate(o.localDate ?? o.start.slice(0, 10))} ${timeRange(o.start, o.end, zone)}` : '—'}</td>
            <td>{o.function ? functionName(o.function) : '—'}</td>
            <td>{o.fromNurseName}</td>
            <td>{o.takerNurseName ?? o.toNurseName ?? t('anyone')}</td>
            <td>{t(`offerStatus_${o.status}` as 'offerStatus_open')}</td>
            {actions && (
              <td class="actions">
                <button type="button" class="primary" onClick={() => act(o, 'approve')}>
                  {t('approve')}{' '}
                  <span class="visually-hidden">
                    {o.fromNurseName} → {o.takerNurseName}
                  </span>
                </button>
                <button type="button" onClick={() => act(o, 'reject')}>
                  {t('reject')}{' '}
                  <span class="visually-hidden">
                    {o.fromNurseName} → {o.takerNurseName}
                  </span>
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div>
      <Message note={note} />
      <h2>{t('offersTitle')}</h2>
      <LoadState loaded={offers}>
        {waiting.length === 0 ? <p class="muted">{t('noOffers')}</p> : table(waiting, true)}
        <h3>{t('openOffersTitle')}</h3>
        {open.length === 0 ? <p class="muted">{t('noOffers')}</p> : table(open, false)}
      </LoadState>
    </div>
  );
}

/** The reasons the service accepts, in the order the form offers them (codes only, never medical detail). */
const ABSENCE_REASONS: Array<Absence['reason']> = ['leave', 'sick', 'training', 'other'];

function Absences({ regionCode }: { regionCode: string }) {
  const nurses = useLoad(() => answer(api.GET('/api/nurses')), [regionCode]);
  const [nurseId, setNurseId] = useState('');
  const chosen = nurseId || nurses.data?.[0]?.id || '';
  const absences = useLoad(() => (chosen ? answer(api.GET('/api/nurses/{id}/absences', { params: { path: { id: chosen } } })) : Promise.resolve([])), [chosen]);
  const [note, setNote] = useState<Note | null>(null);
  const [form, setForm] = useState<{ from: string; to: string; reason: Absence['reason'] }>({ from: '', to: '', reason: 'leave' });
  const name = nurses.data?.find((n) => n.id === chosen)?.name ?? '';

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const res = await answer(api.POST('/api/nurses/{id}/absences', { params: { path: { id: chosen } }, body: form }));
      setNote({ kind: 'ok', text: () => t('absenceSaved', { n: res.cancelledAssignments.length }) });
      absences.reload();
    } catch (err) {
      setNote({ kind: 'error', text: () => errorText(err) });
    }
  };
  const remove = async (id: string) => {
    try {
      await answer(api.DELETE('/api/absences/{id}', { params: { path: { id } } }));
      setNote({ kind: 'ok', text: () => t('absenceRemoved') });
      absences.reload();
    } catch (err) {
      setNote({ kind: 'error', text: () => errorText(err) });
    }
  };
  const reasonLabel = (r: string) => t(`reason_${r}` as 'reason_leave');

  return (
    <LoadState loaded={nurses}>
      <label class="inline-field">
        {t('nurse')}
        <select value={chosen} onChange={(e) => setNurseId((e.target as HTMLSelectElement).value)}>
          {(nurses.data ?? []).map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      <h2>{t('absencesOf', { name })}</h2>
      <Message note={note} />
      <LoadState loaded={absences}>
        {absences.data?.length === 0 ? (
          <p class="muted">{t('noAbsences')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('from')}</th>
                <th scope="col">{t('until')}</th>
                <th scope="col">{t('reason')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {(absences.data ?? []).map((a) => (
                <tr key={a.id}>
                  <td>{localDate(a.from)}</td>
                  <td>{localDate(a.to)}</td>
                  <td>{reasonLabel(a.reason)}</td>
                  <td>
                    <button type="button" onClick={() => remove(a.id)}>
                      {t('remove')} <span class="visually-hidden">{localDate(a.from)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
      <form class="card form-row" onSubmit={save}>
        <h3>{t('addAbsence')}</h3>
        <label>
          {t('fromDate')}
          <input type="date" required value={form.from} onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('toDate')}
          <input type="date" required value={form.to} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('reason')}
          <select value={form.reason} onChange={(e) => setForm({ ...form, reason: (e.target as HTMLSelectElement).value as Absence['reason'] })}>
            {ABSENCE_REASONS.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {t('save')}
        </button>
      </form>
    </LoadState>
  );
}
