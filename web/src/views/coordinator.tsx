import type { EventInput } from '@fullcalendar/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Absence, answer, api, type FunctionCode, type Offer, type Schemas, type Slot } from '../api';
import { RosterCalendar } from '../components/calendar';
import { LoadState, Message, MonthPicker, type Note, useLoad, ViewFrame } from '../components/common';
import { SlotPanel, statusLabel } from '../components/slot-panel';
import { countText, errorText, functionName, t } from '../i18n';
import { currentMonth, dateTime, localDate, monthBounds, monthName, percentOf, time, timeRange, today } from '../format';
import { positionMinutesOf, type StaffedSlot } from '../position-minutes';
import { FUNCTION_ORDER, partyName, plannedRegions, type Reference, zoneOf } from '../reference';
import { navigate, PARAM, param, place } from '../router';
import { RosterGrid } from './grid';
import { PhoneLink } from './phone-link';
import { ComingDaysView, loadUnderStaffed } from './coming-days';
import { withWarnings } from '../warnings';
import { PlanBar, PlanDetails, proposalEvents, type ShownRange, useOpenPlan } from './roster-plan';
import { RepairPanel } from './roster-repair';

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

/** The coordinator's views, in the order of the tabs; the first is the home view. */
export const COORDINATOR_VIEWS = ['onbezet', 'rooster', 'raster', 'dekking-per-dag', 'meldingen', 'ruilverzoeken', 'afwezigheid'] as const;
type CoordinatorViewId = (typeof COORDINATOR_VIEWS)[number];

/** The coordinator's board: what needs a nurse now, the roster, coverage per day, alerts, offers and absences. */
export function CoordinatorView({ reference }: { reference: Reference }) {
  const regions = plannedRegions(reference);
  const asked = param(PARAM.region);
  const regionCode = regions.includes(asked) ? asked : (regions[0] ?? '');
  const view: CoordinatorViewId = (COORDINATOR_VIEWS as readonly string[]).includes(place.value.view) ? (place.value.view as CoordinatorViewId) : 'onbezet';
  const zone = zoneOf(reference, regionCode);
  const selected = param(PARAM.slot) || null;
  const select = (id: string | null) => navigate({ query: { [PARAM.slot]: id } });
  // The counts on the tabs, and the home view's list, follow every change made on the board.
  const gaps = useLoad(() => (regionCode ? loadUnderStaffed(regionCode, zone) : Promise.resolve([])), [regionCode]);
  const waiting = useLoad(
    () =>
      regionCode
        ? answer(api.GET('/api/offers', { params: { query: { status: 'accepted' } } })).then((list) => list.filter((o) => o.regionCode === regionCode).length)
        : Promise.resolve(0),
    [regionCode],
  );
  const changed = () => {
    gaps.reload();
    waiting.reload();
  };
  if (!regionCode) return <p>{t('noContracts')}</p>;
  const labels: Record<CoordinatorViewId, string> = {
    onbezet: t('tabWeek'),
    rooster: t('tabBoard'),
    raster: t('tabGrid'),
    'dekking-per-dag': t('tabHeatmap'),
    meldingen: t('tabAlerts'),
    ruilverzoeken: t('tabOffers'),
    afwezigheid: t('tabAbsences'),
  };
  const counts: Partial<Record<CoordinatorViewId, number | undefined>> = {
    onbezet: gaps.data?.filter((s) => Date.parse(s.end) > Date.now()).length,
    ruilverzoeken: waiting.data,
  };
  return (
    <ViewFrame
      id="coordinator-title"
      title={reference.regions.get(regionCode)?.name ?? regionCode}
      beside={
        regions.length > 1 && (
          <label class="inline-field">
            {t('region')}
            <select value={regionCode} onChange={(e) => navigate({ query: { [PARAM.region]: (e.target as HTMLSelectElement).value, [PARAM.slot]: null } })}>
              {regions.map((code) => (
                <option key={code} value={code}>
                  {reference.regions.get(code)?.name ?? code} ({code})
                </option>
              ))}
            </select>
          </label>
        )
      }
      current={view}
      // The month shown stays in the address from tab to tab (the roster, the names grid and the heatmap show it).
      onChange={(id) => navigate({ view: id, query: { [PARAM.month]: param(PARAM.month) || null } })}
      tabs={COORDINATOR_VIEWS.map((id) => ({ id, label: labels[id], count: counts[id] }))}
    >
      {view === 'onbezet' && (
        <ComingDaysView key={regionCode} regionCode={regionCode} zone={zone} gaps={gaps} selected={selected} onSelect={select} onChanged={changed} />
      )}
      {view === 'rooster' && (
        <RosterBoard key={regionCode} reference={reference} regionCode={regionCode} zone={zone} selected={selected} onSelect={select} onChanged={changed} />
      )}
      {view === 'raster' && <RosterGrid key={regionCode} regionCode={regionCode} zone={zone} selected={selected} onSelect={select} onChanged={changed} />}
      {view === 'dekking-per-dag' && <Heatmap key={regionCode} regionCode={regionCode} zone={zone} />}
      {view === 'meldingen' && <Alerts key={regionCode} regionCode={regionCode} zone={zone} />}
      {view === 'ruilverzoeken' && <Offers key={regionCode} regionCode={regionCode} zone={zone} onChanged={changed} />}
      {view === 'afwezigheid' && <Absences key={regionCode} regionCode={regionCode} zone={zone} onChanged={changed} />}
    </ViewFrame>
  );
}

type CalendarViewName = 'dayGridMonth' | 'timeGridWeek' | 'listMonth';
const CALENDAR_VIEWS: Record<string, CalendarViewName> = { maand: 'dayGridMonth', week: 'timeGridWeek', lijst: 'listMonth' };

function RosterBoard(props: {
  reference: Reference;
  regionCode: string;
  zone: string;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onChanged: () => void;
}) {
  const { reference, regionCode, zone, selected, onSelect } = props;
  const contracts = useLoad(() => answer(api.GET('/api/contracts', { params: { query: { regionCode } } })), [regionCode]);
  const functions = useMemo(() => FUNCTION_ORDER.filter((f) => (contracts.data ?? []).some((c) => c.function === f)), [contracts.data]);
  const [reloadKey, setReloadKey] = useState(0);
  const asked = param(PARAM.function) as FunctionCode;
  const activeFn = functions.includes(asked) ? asked : functions[0] || '';
  const month = /^\d{4}-\d{2}$/.test(param(PARAM.month)) ? param(PARAM.month) : undefined;
  const calendarView = CALENDAR_VIEWS[param(PARAM.calendarView)] ?? 'dayGridMonth';
  // A month whose statement is final is closed for this function: say so above the roster.
  const shownMonth = month ?? currentMonth(zone);
  const statements = useLoad(() => answer(api.GET('/api/fee-statements', { params: { query: { month: shownMonth, regionCode } } })), [regionCode, shownMonth]);
  const closed = (statements.data ?? []).some((s) => s.function === activeFn && s.status === 'final');
  // The proposal open for the month shown (in the address) comes back after a tab switch or a reload.
  const monthShown = useMemo(() => {
    const b = monthBounds(shownMonth);
    return { from: b.from, to: b.to };
  }, [shownMonth]);
  const [plan, setPlan] = useOpenPlan(regionCode, monthShown);
  const shown = useRef<ShownRange | null>(null);
  useEffect(() => setReloadKey((n) => n + 1), [plan?.id]);

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
                <select value={activeFn} onChange={(e) => navigate({ query: { [PARAM.function]: (e.target as HTMLSelectElement).value, [PARAM.slot]: null } })}>
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
            {closed && (
              <p class="message message-info" role="status">
                {t('monthClosed', { month: monthName(shownMonth) })}
              </p>
            )}
            <PlanBar
              regionCode={regionCode}
              zone={zone}
              shown={() => shown.current}
              plan={plan}
              onPlan={setPlan}
              onApplied={() => {
                redraw();
                props.onChanged();
              }}
            />
            <RosterCalendar
              key={`${regionCode}-${activeFn}`}
              zone={zone}
              load={load}
              reloadKey={reloadKey}
              onEventClick={onSelect}
              initialView={calendarView}
              date={month ? `${month}-01` : undefined}
              onDatesSet={(viewType, startDate) => {
                const name = Object.keys(CALENDAR_VIEWS).find((k) => CALENDAR_VIEWS[k] === viewType) ?? 'maand';
                navigate({ query: { [PARAM.month]: startDate.slice(0, 7), [PARAM.calendarView]: name === 'maand' ? null : name } }, true);
              }}
              label={`${t('tabBoard')} ${functionName(activeFn)}`}
            />
            <PlanDetails plan={plan} zone={zone} />
          </div>
          {selected && (
            <SlotPanel
              key={selected}
              slotId={selected}
              zone={zone}
              onChanged={() => {
                setReloadKey((n) => n + 1);
                props.onChanged();
              }}
              onClose={() => onSelect(null)}
            />
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

function Heatmap({ regionCode, zone }: { regionCode: string; zone: string }) {
  const month = /^\d{4}-\d{2}$/.test(param(PARAM.month)) ? param(PARAM.month) : currentMonth(zone);
  const setMonth = (m: string) => navigate({ query: { [PARAM.month]: m } });
  const bounds = monthBounds(month);
  const slots = useLoad(() => answer(api.GET('/api/slots', { params: { query: { regionCode, from: bounds.from, to: bounds.to } } })), [regionCode, month]);
  // The current month starts at today: what has passed cannot be staffed any more.
  const first = month === currentMonth(zone) ? today(zone) : bounds.from;
  const days = Array.from({ length: bounds.days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`).filter((d) => d >= first);
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
                    // Whole percent in the cell, rounded down, from integer minutes; the title as every percentage is written.
                    const pct = Math.floor((100 * c.coveredMinutes) / c.positionMinutes);
                    const bucket = pct >= 100 ? 'full' : pct >= 50 ? 'half' : 'low';
                    return (
                      <td key={d} class={`heat-${bucket}`} title={`${localDate(d)}: ${percentOf(c.coveredMinutes, c.positionMinutes)}`}>
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
          <table class="data reflow">
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
                  <td data-label={t('function')}>{functionName(a.function)}</td>
                  <td data-label={t('when')}>
                    {dateTime(a.start, zone)}–{time(a.end, zone)}
                  </td>
                  <td data-label={t('missing')}>{a.missing}</td>
                  <td data-label={t('since')}>{dateTime(a.createdAt, zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
    </div>
  );
}

function Offers({ regionCode, zone, onChanged }: { regionCode: string; zone: string; onChanged: () => void }) {
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
      if (action === 'approve') {
        // An approval is an assignment by hand: beyond the taker's contract hours it says so.
        const { warnings } = await answer(api.POST('/api/offers/{id}/approve', path));
        setNote({ kind: warnings.length ? 'warning' : 'ok', text: () => withWarnings(t('approvedOk', { name: o.takerNurseName ?? '' }), warnings) });
      } else {
        await answer(api.POST('/api/offers/{id}/reject', path));
        setNote({ kind: 'ok', text: () => t('rejectedOk') });
      }
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    }
    offers.reload();
    onChanged();
  };
  const table = (rows: Offer[], actions: boolean) => (
    <table class="data reflow">
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
            <td data-label={t('when')}>{o.start && o.end ? `${localDate(o.localDate ?? o.start.slice(0, 10))} ${timeRange(o.start, o.end, zone)}` : '—'}</td>
            <td data-label={t('function')}>{o.function ? functionName(o.function) : '—'}</td>
            <td data-label={t('from')}>{o.fromNurseName}</td>
            <td data-label={t('to')}>{o.takerNurseName ?? o.toNurseName ?? t('anyone')}</td>
            <td data-label={t('status')}>{t(`offerStatus_${o.status}` as 'offerStatus_open')}</td>
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

type Cancelled = Schemas['CancelledAssignmentResponse'];

function Absences({ regionCode, zone, onChanged }: { regionCode: string; zone: string; onChanged: () => void }) {
  const nurses = useLoad(() => answer(api.GET('/api/nurses')), [regionCode]);
  const asked = param(PARAM.nurse);
  const chosen = (nurses.data ?? []).some((n) => n.id === asked) ? asked : nurses.data?.[0]?.id || '';
  const absences = useLoad(() => (chosen ? answer(api.GET('/api/nurses/{id}/absences', { params: { path: { id: chosen } } })) : Promise.resolve([])), [chosen]);
  const [note, setNote] = useState<Note | null>(null);
  const [cancelled, setCancelled] = useState<Cancelled[] | null>(null);
  const [form, setForm] = useState<{ from: string; to: string; reason: Absence['reason'] }>({ from: '', to: '', reason: 'leave' });
  const name = nurses.data?.find((n) => n.id === chosen)?.name ?? '';

  const save = async (e: Event) => {
    e.preventDefault();
    // Checked here in words before anything is sent; the service checks the same.
    if (!form.from || !form.to) return setNote({ kind: 'error', text: () => t('absenceDatesRequired') });
    if (form.to < form.from) return setNote({ kind: 'error', text: () => t('absenceToBeforeFrom') });
    const clash = (absences.data ?? []).find((a) => a.from <= form.to && a.to >= form.from);
    if (clash) return setNote({ kind: 'error', text: () => t('absenceOverlaps', { from: localDate(clash.from), to: localDate(clash.to) }) });
    setCancelled(null);
    try {
      const res = await answer(api.POST('/api/nurses/{id}/absences', { params: { path: { id: chosen } }, body: form }));
      const n = res.cancelledAssignments.length;
      setNote({ kind: 'ok', text: () => (n === 0 ? t('absenceSavedNone') : countText(n, 'absenceSavedOne', 'absenceSavedMany')) });
      setCancelled([...res.cancelledAssignments].sort((a, b) => a.start.localeCompare(b.start)));
      absences.reload();
      onChanged();
    } catch (err) {
      setNote({ kind: 'error', text: () => errorText(err, zone) });
    }
  };
  const remove = async (id: string) => {
    try {
      await answer(api.DELETE('/api/absences/{id}', { params: { path: { id } } }));
      setNote({ kind: 'ok', text: () => t('absenceRemoved') });
      absences.reload();
    } catch (err) {
      setNote({ kind: 'error', text: () => errorText(err, zone) });
    }
  };
  const reasonLabel = (r: string) => t(`reason_${r}` as 'reason_leave');

  return (
    <LoadState loaded={nurses}>
      <label class="inline-field">
        {t('nurse')}
        <select
          value={chosen}
          onChange={(e) => {
            setCancelled(null);
            setNote(null);
            navigate({ query: { [PARAM.nurse]: (e.target as HTMLSelectElement).value } }, true);
          }}
        >
          {(nurses.data ?? []).map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      <PhoneLink nurseId={chosen} name={name} zone={zone} />
      <h2>{t('absencesOf', { name })}</h2>
      <Message note={note} />
      {cancelled && cancelled.length > 0 && <RepairPanel regionCode={regionCode} zone={zone} absentName={name} cancelled={cancelled} onChanged={onChanged} />}
      <LoadState loaded={absences}>
        {absences.data?.length === 0 ? (
          <p class="muted">{t('noAbsences')}</p>
        ) : (
          <ul class="card-list">
            {(absences.data ?? []).map((a) => (
              <li key={a.id} class="card-row">
                <span>
                  {localDate(a.from)} – {localDate(a.to)}
                </span>
                <span>{reasonLabel(a.reason)}</span>
                <button type="button" onClick={() => remove(a.id)}>
                  {t('remove')} <span class="visually-hidden">{localDate(a.from)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <form class="card form-row" onSubmit={save} noValidate>
        <h3>{t('addAbsence')}</h3>
        <label>
          {t('fromDate')}
          <input type="date" value={form.from} onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('toDate')}
          <input type="date" value={form.to} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} />
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
