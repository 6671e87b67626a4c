import { useMemo } from 'preact/hooks';
import { answer, api, type Slot } from '../api';
import { LoadState, type Loaded } from '../components/common';
import { SlotPanel, statusLabel } from '../components/slot-panel';
import { localDate, plusDays, timeRange, today } from '../format';
import { countText, functionName, t } from '../i18n';
import { AcuteRequests } from './requests-board';

/** How far ahead the home view looks, in days (today included). */
export const COMING_DAYS = 14;

/**
 * Every under-staffed slot of the region in the next 14 days, all functions, from the slots
 * themselves (live: an absence recorded a minute ago shows at once, unlike the hourly gap scan).
 */
export function loadUnderStaffed(regionCode: string, zone: string): Promise<Slot[]> {
  const from = today(zone);
  const to = plusDays(from, COMING_DAYS - 1);
  return answer(api.GET('/api/slots', { params: { query: { regionCode, from, to } } })).then((slots) => slots.filter((s) => s.status !== 'covered'));
}

/**
 * The coordinator's first screen ("Onbezet"): what still needs a nurse in the coming 14 days, with
 * "Invullen" opening the candidates.
 */
export function ComingDaysView(props: {
  regionCode: string;
  zone: string;
  gaps: Loaded<Slot[]>;
  selected: string | null;
  onSelect: (slotId: string | null) => void;
  onChanged: () => void;
}) {
  const { zone, gaps, selected, onSelect } = props;
  const nowMs = Date.now();
  const byDate = useMemo(() => {
    const groups = new Map<string, Slot[]>();
    for (const s of gaps.data ?? []) groups.set(s.localDate, [...(groups.get(s.localDate) ?? []), s]);
    return [...groups];
  }, [gaps.data]);
  return (
    <div class={selected ? 'board with-panel' : 'board'}>
      <div class="board-main">
        <AcuteRequests regionCode={props.regionCode} zone={zone} />
        <h2>{t('comingDaysTitle', { n: COMING_DAYS })}</h2>
        <p class="muted">{t('comingDaysHelp', { from: localDate(today(zone)), to: localDate(plusDays(today(zone), COMING_DAYS - 1)) })}</p>
        <LoadState loaded={gaps}>
          {byDate.length === 0 ? (
            <p class="message message-ok">{t('comingDaysAllCovered', { n: COMING_DAYS })}</p>
          ) : (
            byDate.map(([date, list]) => (
              <section key={date} class="day-group" aria-labelledby={`day-${date}`}>
                <h3 id={`day-${date}`}>{localDate(date)}</h3>
                <ul class="gap-list">
                  {list.map((s) => {
                    const past = Date.parse(s.end) <= nowMs;
                    const missing = s.requiredNurses - s.assignments.length;
                    return (
                      <li key={s.id} class={`gap-row${past ? ' gap-past' : ''}${selected === s.id ? ' gap-selected' : ''}`}>
                        <span class="gap-time">{timeRange(s.start, s.end, zone)}</span>
                        <span class="gap-function">{functionName(s.function)}</span>
                        <span class={past ? 'badge badge-past' : `badge slot-${s.status}`}>
                          {past ? t('past') : statusLabel(s.status)} {s.assignments.length}/{s.requiredNurses}
                        </span>
                        <span class="gap-missing">{countText(missing, 'missingOne', 'missingMany')}</span>
                        {s.assignments.length > 0 && <span class="gap-names muted small">{s.assignments.map((a) => a.nurseName).join(', ')}</span>}
                        {!past && (
                          <button type="button" class="primary" data-slot-id={s.id} onClick={() => onSelect(s.id)}>
                            {t('fillIn')}{' '}
                            <span class="visually-hidden">
                              {functionName(s.function)} {localDate(s.localDate)} {timeRange(s.start, s.end, zone)}
                            </span>
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))
          )}
        </LoadState>
      </div>
      {selected && <SlotPanel key={selected} slotId={selected} zone={zone} onChanged={props.onChanged} onClose={() => onSelect(null)} />}
    </div>
  );
}
