import { DateTime } from 'luxon';
import { useMemo } from 'preact/hooks';
import { answer, api, type Slot } from '../api';
import { LoadState, useLoad } from '../components/common';
import { SlotPanel, statusLabel } from '../components/slot-panel';
import { localDate, monthBounds, monthName, plusDays, time, timeRange, today } from '../format';
import { functionName, lang, t } from '../i18n';
import { FUNCTION_ORDER } from '../reference';
import { navigate, PARAM, param } from '../router';
import { daysFrom, firstDay, type GridItem, gridCells, isWeekend, shiftMinutes, type Span } from './grid-model';
import { PlanBar, PlanDetails, useOpenPlan } from './roster-plan';
import { contractLoad, type DateRange, daysIn, hoursText, overtimeText } from './roster-plan-model';
import { pt } from './roster-plan-texts';
import './grid.css';

/** Short names for a cell, as on a paper roster: a word in a week, a letter in a month. */
const SHORT: Record<string, { nl: string; en: string; code: string }> = {
  'unplanned-night-care': { nl: 'Nacht', en: 'Night', code: 'N' },
  'acute-screening': { nl: 'Acuut', en: 'Acute', code: 'A' },
  'specialist-nursing': { nl: 'Spec', en: 'Spec', code: 'S' },
  'care-coordination': { nl: 'Coörd', en: 'Coord', code: 'C' },
};

const VALID_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VALID_MONTH = /^\d{4}-\d{2}$/;

/**
 * The roster as a paper or Excel roster: a row per nurse and a row per function for what is still
 * unfilled, a column per day (weekends shaded), the duty in each cell coloured by its slot's
 * status, absences and wishes marked, an open proposal drawn in (striped and dashed, named
 * "Voorstel"), and per nurse her hours against her contract for the week and the month. Every
 * duty opens its slot. A month fits a 1366 px screen: a letter per duty, the days sharing the
 * width. The period is in the address (`weergave=maand&maand=2027-03`, or `datum` for a week).
 */
export function RosterGrid(props: { regionCode: string; zone: string; selected: string | null; onSelect: (id: string | null) => void; onChanged: () => void }) {
  const { regionCode, zone, selected, onSelect } = props;
  const span: Span = param(PARAM.calendarView) === 'maand' ? 'maand' : 'week';
  const askedDate = param(PARAM.date);
  const askedMonth = param(PARAM.month);
  const anchor = VALID_DATE.test(askedDate)
    ? askedDate
    : VALID_MONTH.test(askedMonth) && askedMonth !== today(zone).slice(0, 7)
      ? `${askedMonth}-01`
      : today(zone);
  const first = firstDay(anchor, span);
  const days = daysFrom(first, span);
  const last = days[days.length - 1];
  const shown: DateRange = useMemo(() => ({ from: first, to: last }), [first, last]);
  // The month whose hours are counted: the one shown, or in a week the month of its Monday.
  const month = monthBounds(first.slice(0, 7));
  const loadFrom = month.from < first ? month.from : first;
  const loadTo = month.to > last ? month.to : last;
  const slots = useLoad(() => answer(api.GET('/api/slots', { params: { query: { regionCode, from: loadFrom, to: loadTo } } })), [regionCode, loadFrom, loadTo]);
  const nurses = useLoad(() => answer(api.GET('/api/nurses')), [regionCode]);
  const nurseIds = (nurses.data ?? []).map((n) => n.id).join(',');
  // Absences and wishes of the nurses shown ("liever niet"), asked per nurse.
  const marks = useLoad(async () => {
    const list = nurses.data ?? [];
    const [absences, wishes] = await Promise.all([
      Promise.all(list.map((n) => answer(api.GET('/api/nurses/{id}/absences', { params: { path: { id: n.id } } })))),
      Promise.all(list.map((n) => answer(api.GET('/api/nurses/{id}/wishes', { params: { path: { id: n.id }, query: { from: first, to: last } } })))),
    ]);
    return { absences: absences.flat(), wishes: wishes.flat() };
  }, [nurseIds, first, last]);
  const [plan, setPlan] = useOpenPlan(regionCode, shown);
  const proposals = plan?.status === 'proposed' ? plan.proposals : [];

  const grid = useMemo(() => {
    const open = new Map<string, Map<string, Slot[]>>();
    for (const s of slots.data ?? []) {
      if (s.localDate < first || s.localDate > last || s.assignments.length >= s.requiredNurses) continue;
      const row = open.get(s.function) ?? new Map<string, Slot[]>();
      row.set(s.localDate, [...(row.get(s.localDate) ?? []), s]);
      open.set(s.function, row);
    }
    const cells = gridCells(slots.data ?? [], proposals, marks.data?.absences ?? [], marks.data?.wishes ?? [], shown);
    return { open, cells };
  }, [slots.data, marks.data, plan, shown]);

  // Nurses of the region's parties by name, then anyone else on these slots (a consortium's member).
  const people = new Map((nurses.data ?? []).map((n) => [n.id, { name: n.name, contract: n.contractMinutesPerWeek }]));
  for (const s of slots.data ?? []) for (const a of s.assignments) if (!people.has(a.nurseId)) people.set(a.nurseId, { name: a.nurseName, contract: null });
  const rows = [...people].sort((a, b) => a[1].name.localeCompare(b[1].name, 'nl'));
  const functions = FUNCTION_ORDER.filter((f) => (slots.data ?? []).some((s) => s.function === f));
  const dense = span === 'maand';
  const short = (f: string) => SHORT[f]?.[lang.value] ?? f;
  const code = (f: string) => SHORT[f]?.code ?? f.slice(0, 1).toUpperCase();
  const move = (n: number) =>
    navigate(
      span === 'week'
        ? { query: { [PARAM.date]: plusDays(first, 7 * n), [PARAM.month]: plusDays(first, 7 * n).slice(0, 7) } }
        : { query: { [PARAM.month]: DateTime.fromISO(first, { zone: 'UTC' }).plus({ months: n }).toFormat('yyyy-MM'), [PARAM.date]: null } },
    );
  const title = span === 'week' ? `${t('gridWeekOf')} ${localDate(first, false)} – ${localDate(last, false)}` : monthName(first.slice(0, 7));
  const withProposal = proposals.length > 0 ? ` (${pt('gridWithProposal')})` : '';
  const todayDate = today(zone);
  const dayClass = (d: string) => [d === todayDate ? 'grid-today' : '', isWeekend(d) ? 'grid-weekend' : ''].filter(Boolean).join(' ') || undefined;

  /** A duty's words for the screen reader: function, date, time, and what a press does. */
  const spoken = (fn: string, date: string, start: string, end: string) =>
    ` ${functionName(fn)} ${localDate(date)} ${timeRange(start, end, zone)}, ${pt('gridOpens')}`;

  const openCell = (s: Slot, withButton: boolean) => (
    <div
      key={s.id}
      class={`grid-duty slot-${s.status}`}
      title={`${functionName(s.function)} ${timeRange(s.start, s.end, zone)} · ${statusLabel(s.status)} ${s.assignments.length}/${s.requiredNurses}`}
    >
      {withButton ? (
        <button type="button" class="grid-open" data-slot-id={s.id} onClick={() => onSelect(s.id)}>
          {dense ? code(s.function) : `${short(s.function)} ${time(s.start, zone)}`}
          <span class="visually-hidden">
            {' '}
            {functionName(s.function)} {localDate(s.localDate)}, {t('fillIn')}
          </span>
        </button>
      ) : (
        <span>{dense ? code(s.function) : `${short(s.function)} ${time(s.start, zone)}–${time(s.end, zone)}`}</span>
      )}
    </div>
  );

  const item = (i: GridItem<Slot>, key: number) => {
    if (i.kind === 'absence')
      return (
        <div key={key} class="grid-mark grid-absent" title={t(`reason_${i.reason}` as 'reason_leave')}>
          {dense ? pt('gridAbsentShort') : t(`reason_${i.reason}` as 'reason_leave')}
          {dense && <span class="visually-hidden"> {t(`reason_${i.reason}` as 'reason_leave')}</span>}
        </div>
      );
    if (i.kind === 'wish')
      return (
        <div key={key} class="grid-mark grid-wish" title={pt('gridWish')}>
          {dense ? pt('gridWishShort') : pt('gridWish')}
          {dense && <span class="visually-hidden"> {pt('gridWish')}</span>}
        </div>
      );
    if (i.kind === 'proposal') {
      const p = i.proposal;
      return (
        <div
          key={key}
          class="grid-duty grid-proposal slot-proposal"
          title={`${pt('provisional')}: ${functionName(p.function)} ${timeRange(p.start, p.end, zone)}`}
        >
          <button type="button" class="grid-slot" data-slot-id={p.slotId} onClick={() => onSelect(p.slotId)}>
            <span class="visually-hidden">{pt('provisional')}: </span>
            {dense ? code(p.function) : `${short(p.function)} ${time(p.start, zone)}–${time(p.end, zone)}`}
            <span class="visually-hidden">{spoken(p.function, p.localDate, p.start, p.end)}</span>
          </button>
        </div>
      );
    }
    const s = i.slot;
    return (
      <div
        key={key}
        class={`grid-duty slot-${s.status}${i.handedTo ? ' grid-handed-on' : ''}`}
        title={`${functionName(s.function)} ${timeRange(s.start, s.end, zone)} · ${statusLabel(s.status)} ${s.assignments.length}/${s.requiredNurses}${
          i.handedTo ? ` · ${pt('provisional')}: ${i.handedTo}` : ''
        }`}
      >
        <button type="button" class="grid-slot" data-slot-id={s.id} onClick={() => onSelect(s.id)}>
          {dense ? code(s.function) : `${short(s.function)} ${time(s.start, zone)}–${time(s.end, zone)}`}
          <span class="visually-hidden">
            {spoken(s.function, s.localDate, s.start, s.end)}
            {i.handedTo ? ` (${pt('provisional')}: ${i.handedTo})` : ''}
          </span>
        </button>
      </div>
    );
  };

  /** Hours of shifts against the contract share for a span: "88 u / 137,1 u", "64,2 %", and above 100 % "+2 u overuren". */
  const hoursCell = (nurseId: string, contract: number | null, range: DateRange) => {
    const minutes = shiftMinutes(slots.data ?? [], proposals, nurseId, range);
    const load = contractLoad(minutes, contract, daysIn(range));
    const over = load.overMinutes > 0;
    return (
      <td class={`grid-hours${over ? ' load-over' : ''}`}>
        <span class="grid-hours-value">
          {hoursText(minutes)} / {hoursText(load.shareMinutes)}
        </span>
        {load.pct && <span class="grid-hours-pct">{load.pct}</span>}
        {over && (
          <span class="load-flag">
            <span aria-hidden="true">▲ </span>
            {overtimeText(load.overMinutes)}
          </span>
        )}
      </td>
    );
  };

  const monthRange: DateRange = { from: month.from, to: month.to };
  const monthLabel = DateTime.fromISO(month.from, { zone: 'UTC' })
    .setLocale(lang.value === 'en' ? 'en-GB' : 'nl-NL')
    .toFormat('LLL')
    .replace('.', '');

  return (
    <div class={selected ? 'board with-panel' : 'board'}>
      <div class="board-main">
        <PlanBar
          regionCode={regionCode}
          zone={zone}
          shown={() => shown}
          plan={plan}
          onPlan={setPlan}
          onApplied={() => {
            slots.reload();
            props.onChanged();
          }}
        />
        <div class="toolbar">
          <button type="button" onClick={() => move(-1)} aria-label={t(span === 'week' ? 'gridPrevWeek' : 'gridPrevMonth')}>
            ‹
          </button>
          <strong class="grid-title">{title}</strong>
          <button type="button" onClick={() => move(1)} aria-label={t(span === 'week' ? 'gridNextWeek' : 'gridNextMonth')}>
            ›
          </button>
          <div role="group" aria-label={t('gridSpan')} class="toolbar">
            <button type="button" aria-pressed={span === 'week'} onClick={() => navigate({ query: { [PARAM.calendarView]: null, [PARAM.date]: first } })}>
              {t('gridWeek')}
            </button>
            <button
              type="button"
              aria-pressed={span === 'maand'}
              onClick={() => navigate({ query: { [PARAM.calendarView]: 'maand', [PARAM.month]: first.slice(0, 7), [PARAM.date]: null } })}
            >
              {t('gridMonth')}
            </button>
          </div>
        </div>
        <ul class="legend grid-legend" aria-label={t('legend')}>
          {dense && (
            <li>
              {pt('gridCodes')}:{' '}
              {FUNCTION_ORDER.filter((f) => functions.includes(f))
                .map((f) => `${code(f)} = ${functionName(f)}`)
                .join(' · ')}
            </li>
          )}
          {proposals.length > 0 && (
            <li>
              <span class="swatch slot-proposal" aria-hidden="true" /> {pt('gridProposalLegend')}
            </li>
          )}
          <li>
            <span class="swatch grid-weekend" aria-hidden="true" /> {pt('gridWeekend')}
          </li>
          {dense && <li>{pt('gridAbsentLegend')}</li>}
          {dense && <li>{pt('gridWishLegend')}</li>}
        </ul>
        <LoadState loaded={slots}>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={`${t('gridCaption')}, ${title}`}>
            <table class={`roster-grid${dense ? ' grid-month' : ''}`}>
              <caption>
                {t('gridCaption')}, {title}
              </caption>
              <colgroup>
                <col class="grid-col-name" />
                {span === 'week' && <col class="grid-col-hours" />}
                <col class="grid-col-hours" />
                {days.map((d) => (
                  <col key={d} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('nurse')}</th>
                  {span === 'week' && (
                    <th scope="col" class="grid-hours-head">
                      {pt('gridHoursWeek')}
                      {withProposal}
                    </th>
                  )}
                  <th scope="col" class="grid-hours-head">
                    {pt('gridHoursMonth', { month: monthLabel })}
                    {withProposal}
                  </th>
                  {days.map((d) => {
                    const day = DateTime.fromISO(d).setLocale(lang.value === 'en' ? 'en-GB' : 'nl-NL');
                    return (
                      <th scope="col" key={d} class={dayClass(d)} title={localDate(d)}>
                        {dense ? (
                          <>
                            <span class="grid-weekday">{day.toFormat('ccc').replace('.', '')}</span> <span class="grid-daynum">{day.toFormat('d')}</span>
                          </>
                        ) : (
                          day.toFormat('ccc d LLL').replace('.', '')
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {functions.map((f) => (
                  <tr key={`open-${f}`} class="grid-open-row">
                    <th scope="row">
                      {t('statusOpen')}: {functionName(f)}
                    </th>
                    {span === 'week' && <td class="grid-hours" />}
                    <td class="grid-hours" />
                    {days.map((d) => (
                      <td key={d} class={dayClass(d)}>
                        {(grid.open.get(f)?.get(d) ?? []).map((s) => openCell(s, Date.parse(s.end) > Date.now()))}
                      </td>
                    ))}
                  </tr>
                ))}
                {rows.map(([id, person]) => (
                  <tr key={id}>
                    <th scope="row">{person.name}</th>
                    {span === 'week' && hoursCell(id, person.contract, shown)}
                    {hoursCell(id, person.contract, monthRange)}
                    {days.map((d) => (
                      <td key={d} class={dayClass(d)}>
                        {(grid.cells.get(id)?.get(d) ?? []).map(item)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </LoadState>
        <PlanDetails plan={plan} zone={zone} />
      </div>
      {selected && (
        <SlotPanel
          key={selected}
          slotId={selected}
          zone={zone}
          onChanged={() => {
            slots.reload();
            props.onChanged();
          }}
          onClose={() => onSelect(null)}
        />
      )}
    </div>
  );
}
