import { DateTime } from 'luxon';
import { useMemo } from 'preact/hooks';
import { answer, api, type Slot } from '../api';
import { LoadState, useLoad } from '../components/common';
import { SlotPanel, statusLabel } from '../components/slot-panel';
import { localDate, monthName, plusDays, time, today } from '../format';
import { functionName, lang, t } from '../i18n';
import { FUNCTION_ORDER } from '../reference';
import { navigate, PARAM, param } from '../router';

type Span = 'week' | 'maand';

/** The first day shown: the Monday of the week, or the first of the month, holding `date`. */
function firstDay(date: string, span: Span): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return (span === 'week' ? d.startOf('week') : d.startOf('month')).toISODate() as string;
}

function daysFrom(first: string, span: Span): string[] {
  const n = span === 'week' ? 7 : (DateTime.fromISO(first, { zone: 'UTC' }).daysInMonth as number);
  return Array.from({ length: n }, (_, i) => plusDays(first, i));
}

/** Short names for a cell, as on a paper roster. */
const SHORT: Record<string, { nl: string; en: string }> = {
  'unplanned-night-care': { nl: 'Nacht', en: 'Night' },
  'acute-screening': { nl: 'Acuut', en: 'Acute' },
  'specialist-nursing': { nl: 'Spec', en: 'Spec' },
  'care-coordination': { nl: 'Coörd', en: 'Coord' },
};

/**
 * The roster as a paper or Excel roster: a row per nurse and a row per function for what is still
 * unfilled, a column per day, the duty in each cell coloured by its slot's status. Every row is
 * always there (no "+1 more"); the table scrolls inside its own box on a narrow screen.
 */
export function RosterGrid(props: { regionCode: string; zone: string; selected: string | null; onSelect: (id: string | null) => void; onChanged: () => void }) {
  const { regionCode, zone, selected, onSelect } = props;
  const span: Span = param(PARAM.calendarView) === 'maand' ? 'maand' : 'week';
  const asked = param(PARAM.date);
  const first = firstDay(/^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today(zone), span);
  const days = daysFrom(first, span);
  const last = days[days.length - 1];
  const slots = useLoad(() => answer(api.GET('/api/slots', { params: { query: { regionCode, from: first, to: last } } })), [regionCode, first, last]);
  const nurses = useLoad(() => answer(api.GET('/api/nurses')), [regionCode]);

  const grid = useMemo(() => {
    const byNurse = new Map<string, Map<string, Slot[]>>();
    const open = new Map<string, Map<string, Slot[]>>();
    for (const s of slots.data ?? []) {
      for (const a of s.assignments) {
        const row = byNurse.get(a.nurseId) ?? new Map<string, Slot[]>();
        row.set(s.localDate, [...(row.get(s.localDate) ?? []), s]);
        byNurse.set(a.nurseId, row);
      }
      if (s.assignments.length < s.requiredNurses) {
        const row = open.get(s.function) ?? new Map<string, Slot[]>();
        row.set(s.localDate, [...(row.get(s.localDate) ?? []), s]);
        open.set(s.function, row);
      }
    }
    return { byNurse, open };
  }, [slots.data]);

  // Nurses of the region's parties by name, then anyone else on these slots (a consortium's member).
  const names = new Map((nurses.data ?? []).map((n) => [n.id, n.name]));
  for (const s of slots.data ?? []) for (const a of s.assignments) if (!names.has(a.nurseId)) names.set(a.nurseId, a.nurseName);
  const rows = [...names].sort((a, b) => a[1].localeCompare(b[1], 'nl'));
  const functions = FUNCTION_ORDER.filter((f) => (slots.data ?? []).some((s) => s.function === f));
  const short = (f: string) => SHORT[f]?.[lang.value] ?? f;
  const move = (n: number) =>
    navigate({
      query: { [PARAM.date]: span === 'week' ? plusDays(first, 7 * n) : (DateTime.fromISO(first, { zone: 'UTC' }).plus({ months: n }).toISODate() ?? first) },
    });
  const title = span === 'week' ? `${t('gridWeekOf')} ${localDate(first, false)} – ${localDate(last, false)}` : monthName(first.slice(0, 7));

  const cell = (s: Slot, withButton: boolean) => (
    <div
      key={s.id}
      class={`grid-duty slot-${s.status}`}
      title={`${functionName(s.function)} · ${statusLabel(s.status)} ${s.assignments.length}/${s.requiredNurses}`}
    >
      {withButton ? (
        <button type="button" class="grid-open" data-slot-id={s.id} onClick={() => onSelect(s.id)}>
          {short(s.function)} {time(s.start, zone)}
          <span class="visually-hidden">
            {' '}
            {functionName(s.function)} {localDate(s.localDate)}, {t('fillIn')}
          </span>
        </button>
      ) : (
        <span>
          {short(s.function)} {time(s.start, zone)}–{time(s.end, zone)}
        </span>
      )}
    </div>
  );

  return (
    <div class={selected ? 'board with-panel' : 'board'}>
      <div class="board-main">
        <div class="toolbar">
          <button type="button" onClick={() => move(-1)} aria-label={t(span === 'week' ? 'gridPrevWeek' : 'gridPrevMonth')}>
            ‹
          </button>
          <strong class="grid-title">{title}</strong>
          <button type="button" onClick={() => move(1)} aria-label={t(span === 'week' ? 'gridNextWeek' : 'gridNextMonth')}>
            ›
          </button>
          <div role="group" aria-label={t('gridSpan')} class="toolbar">
            <button type="button" aria-pressed={span === 'week'} onClick={() => navigate({ query: { [PARAM.calendarView]: null } })}>
              {t('gridWeek')}
            </button>
            <button type="button" aria-pressed={span === 'maand'} onClick={() => navigate({ query: { [PARAM.calendarView]: 'maand' } })}>
              {t('gridMonth')}
            </button>
          </div>
        </div>
        <LoadState loaded={slots}>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={`${t('gridCaption')}, ${title}`}>
            <table class="roster-grid">
              <caption>
                {t('gridCaption')}, {title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('nurse')}</th>
                  {days.map((d) => (
                    <th scope="col" key={d} class={d === today(zone) ? 'grid-today' : ''}>
                      {DateTime.fromISO(d)
                        .setLocale(lang.value === 'en' ? 'en-GB' : 'nl-NL')
                        .toFormat(span === 'week' ? 'ccc d LLL' : 'ccc d')
                        .replace('.', '')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {functions.map((f) => (
                  <tr key={`open-${f}`} class="grid-open-row">
                    <th scope="row">
                      {t('statusOpen')}: {functionName(f)}
                    </th>
                    {days.map((d) => (
                      <td key={d}>{(grid.open.get(f)?.get(d) ?? []).map((s) => cell(s, Date.parse(s.end) > Date.now()))}</td>
                    ))}
                  </tr>
                ))}
                {rows.map(([id, name]) => (
                  <tr key={id}>
                    <th scope="row">{name}</th>
                    {days.map((d) => (
                      <td key={d}>{(grid.byNurse.get(id)?.get(d) ?? []).map((s) => cell(s, false))}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </LoadState>
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
