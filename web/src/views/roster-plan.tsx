import type { EventInput } from '@fullcalendar/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, api, ApiError, type FunctionCode } from '../api';
import { Message, type Note } from '../components/common';
import type { components } from '../generated/api-schema';
import { errorText, functionName } from '../i18n';
import { dateTime, duration, localDate, timeRange, today } from '../format';
import { coveragePct, type DateRange, defaultPeriod, periodProblem, reasonText } from './roster-plan-model';
import { pt, ptCount } from './roster-plan-texts';
import './roster-plan.css';

/** A plan as `POST /api/roster-plans` answers it. */
export type RosterPlan = components['schemas']['RosterPlanResponse'];
type PlanNurse = components['schemas']['PlanNurseResponse'];
type PlanUnfilled = components['schemas']['PlanUnfilledResponse'];

/** The local dates the calendar shows (what it last asked events for). */
export type ShownRange = DateRange;

/**
 * The plan's proposals for one function, as calendar events drawn apart from the real slots
 * (striped, dashed, and named "Voorstel" in their text). The event id is the slot's, so a click
 * opens that slot's panel.
 */
export function proposalEvents(plan: RosterPlan | null, fn: string, zone: string): EventInput[] {
  if (!plan || plan.status !== 'proposed') return [];
  return plan.proposals
    .filter((p) => p.function === fn)
    .map((p) => ({
      id: p.slotId,
      start: p.start,
      end: p.end,
      title: `${pt('provisional')}: ${p.nurseName}`,
      extendedProps: { timeText: timeRange(p.start, p.end, zone), dateText: localDate(p.localDate) },
      classNames: ['slot', 'slot-proposal'],
    }));
}

function planRules(e: unknown): string[] {
  return e instanceof ApiError ? e.violations.map((v) => v.rule) : [];
}

/**
 * "Rooster aanvullen": asks for a period, makes a proposal (`POST /api/roster-plans`), shows its
 * summary, and applies or discards it. The proposal itself is drawn by the board's calendar.
 */
export function PlanBar(props: {
  regionCode: string;
  zone: string;
  shown: () => ShownRange | null;
  plan: RosterPlan | null;
  onPlan: (plan: RosterPlan | null) => void;
  onApplied: () => void;
}) {
  const { plan, zone } = props;
  const [period, setPeriod] = useState<ShownRange | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => firstField.current?.focus(), [period !== null]);
  useEffect(() => {
    if (plan) title.current?.focus();
  }, [plan?.id]);

  const open = () => {
    setNote(null);
    setPeriod(defaultPeriod(props.shown(), today(zone)));
  };

  const propose = async (range: ShownRange, functions?: FunctionCode[]) => {
    if (periodProblem(range)) return setNote({ kind: 'error', text: () => periodProblem(range) ?? '' });
    setBusy(true);
    setNote({ kind: 'ok', text: () => pt('making') });
    try {
      const made = await answer(api.POST('/api/roster-plans', { body: { regionCode: props.regionCode, from: range.from, to: range.to, functions } }));
      setPeriod(null);
      setRefused(false);
      setNote({
        kind: 'ok',
        text: () =>
          pt('proposalMade', {
            shifts: ptCount(made.summary.proposed, 'positionsValueOne', 'positionsValue'),
            positions: ptCount(made.summary.unfilled, 'unfilledValueOne', 'unfilledValue'),
          }),
      });
      props.onPlan(made);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      const res = await answer(api.POST('/api/roster-plans/{id}/apply', { params: { path: { id: plan.id } } }));
      setNote({ kind: 'ok', text: () => pt('applied', { shifts: ptCount(res.created.length, 'positionsValueOne', 'positionsValue') }) });
      props.onPlan(null);
      props.onApplied();
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
      // Stale, applied before, expired or discarded: this proposal can no longer be applied.
      if (planRules(e).some((r) => r === 'plan-stale' || r === 'plan-expired' || r === 'plan-applied')) setRefused(true);
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await answer(api.DELETE('/api/roster-plans/{id}', { params: { path: { id: plan.id } } }));
      setNote({ kind: 'ok', text: () => pt('discarded') });
      setRefused(false);
      props.onPlan(null);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const s = plan?.summary;
  return (
    <section class="plan-bar" aria-label={pt('planTitle')}>
      {!plan && period === null && (
        <button type="button" class="primary" onClick={open}>
          {pt('fillRoster')}
        </button>
      )}
      {period !== null && (
        <form
          class="card form-row plan-form"
          onSubmit={(e) => {
            e.preventDefault();
            void propose(period);
          }}
        >
          <h2 class="plan-heading">{pt('planTitle')}</h2>
          <p class="muted small plan-help">{pt('planHelp')}</p>
          <label>
            {pt('planFrom')}
            <input
              ref={firstField}
              type="date"
              required
              value={period.from}
              onInput={(e) => setPeriod({ ...period, from: (e.target as HTMLInputElement).value })}
            />
          </label>
          <label>
            {pt('planTo')}
            <input type="date" required value={period.to} onInput={(e) => setPeriod({ ...period, to: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            {pt('makeProposal')}
          </button>
          <button type="button" disabled={busy} onClick={() => setPeriod(null)}>
            {pt('cancel')}
          </button>
        </form>
      )}
      <Message note={note} />
      {refused && plan && (
        <button type="button" class="primary" disabled={busy} onClick={() => propose({ from: plan.from, to: plan.to }, plan.functions)}>
          {pt('makeNewProposal')}
        </button>
      )}
      {plan && s && (
        <div class="card plan-summary">
          <div class="plan-summary-head">
            <h2 class="plan-heading" tabIndex={-1} ref={title}>
              {pt('proposalTitle', { from: localDate(plan.from), to: localDate(plan.to) })}
            </h2>
            <span class="legend-proposal">
              <span class="swatch slot-proposal" aria-hidden="true" /> {pt('provisionalLegend')}
            </span>
          </div>
          <p class="muted small">
            {plan.functions.map(functionName).join(', ')} · {pt('expires', { at: dateTime(plan.expiresAt, zone) })}
          </p>
          <dl class="plan-figures">
            <div>
              <dt>{pt('coverageBeforeAfter')}</dt>
              <dd>
                {coveragePct(s.coveredMinutesBefore, s.positionMinutes)} → <strong>{coveragePct(s.coveredMinutesAfter, s.positionMinutes)}</strong>
              </dd>
            </div>
            <div>
              <dt>{pt('proposed')}</dt>
              <dd>{ptCount(s.proposed, 'positionsValueOne', 'positionsValue')}</dd>
            </div>
            <div>
              <dt>{pt('unfilledCount')}</dt>
              <dd>{ptCount(s.unfilled, 'unfilledValueOne', 'unfilledValue')}</dd>
            </div>
            <div>
              <dt>{pt('wishes')}</dt>
              <dd>{pt('wishesValue', { h: s.wishesHonoured, o: s.wishesOverridden })}</dd>
            </div>
          </dl>
          <div class="actions">
            <button type="button" class="primary" disabled={busy || refused || s.proposed === 0} onClick={apply}>
              {pt('apply')}
            </button>
            <button type="button" disabled={busy} onClick={discard}>
              {pt('discard')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The plan's load per nurse and the positions it leaves open, with the reasons in words. */
export function PlanDetails({ plan, zone }: { plan: RosterPlan | null; zone: string }) {
  if (!plan || plan.status !== 'proposed') return null;
  return (
    <div class="plan-details">
      <LoadTable nurses={plan.nurses} />
      <UnfilledList unfilled={plan.unfilled} zone={zone} />
    </div>
  );
}

function LoadTable({ nurses }: { nurses: PlanNurse[] }) {
  return (
    <section aria-labelledby="plan-load-title">
      <h2 id="plan-load-title">{pt('loadTitle')}</h2>
      <div class="table-scroll plan-scroll" tabIndex={0} role="region" aria-label={pt('loadTitle')}>
        <table class="data plan-load">
          <caption class="visually-hidden">{pt('loadCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{pt('nurse')}</th>
              <th scope="col">{pt('contractHours')}</th>
              <th scope="col">{pt('hoursBeforeAfter')}</th>
              <th scope="col">{pt('nights')}</th>
              <th scope="col">{pt('weekendDuties')}</th>
            </tr>
          </thead>
          <tbody>
            {nurses.map((n) => (
              <tr key={n.nurseId}>
                <th scope="row">{n.name}</th>
                <td>{n.contractMinutesPerWeek === null ? <span class="muted">{pt('noContractHours')}</span> : duration(n.contractMinutesPerWeek)}</td>
                <td class="num">
                  {duration(n.minutesBefore)} → <strong>{duration(n.minutesBefore + n.minutesProposed)}</strong>
                </td>
                <td class="num">{n.nightsProposed}</td>
                <td class="num">{n.weekendDutiesProposed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function UnfilledList({ unfilled, zone }: { unfilled: PlanUnfilled[]; zone: string }) {
  return (
    <section aria-labelledby="plan-unfilled-title">
      <h2 id="plan-unfilled-title">{pt('unfilledTitle')}</h2>
      {unfilled.length === 0 ? (
        <p class="muted">{pt('noUnfilled')}</p>
      ) : (
        <div class="table-scroll plan-scroll" tabIndex={0} role="region" aria-label={pt('unfilledTitle')}>
          <table class="data plan-unfilled">
            <thead>
              <tr>
                <th scope="col">{pt('when')}</th>
                <th scope="col">{pt('function')}</th>
                <th scope="col">{pt('missing')}</th>
                <th scope="col">{pt('reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {unfilled.map((u) => (
                <tr key={u.slotId}>
                  <td>
                    {localDate(u.localDate)} {timeRange(u.start, u.end, zone)}
                  </td>
                  <td>{functionName(u.function)}</td>
                  <td class="num">{u.missing}</td>
                  <td>
                    {u.reasons.length === 0 ? (
                      <span class="muted">{pt('noReason')}</span>
                    ) : (
                      <ul class="plan-reasons">
                        {[...u.reasons]
                          .sort((a, b) => b.nurses - a.nurses || a.rule.localeCompare(b.rule))
                          .map((r) => (
                            <li key={r.rule}>{reasonText(r)}</li>
                          ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
