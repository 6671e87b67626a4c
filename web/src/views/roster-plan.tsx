import type { EventInput } from '@fullcalendar/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { answer, api, ApiError, type FunctionCode } from '../api';
import { Message, type Note, useLoad } from '../components/common';
import type { components } from '../generated/api-schema';
import { errorText, functionName } from '../i18n';
import { dateTime, duration, localDate, normPercent, timeRange, today } from '../format';
import {
  type ChainSlot,
  contractLoad,
  coveragePct,
  type DateRange,
  daysIn,
  defaultPeriod,
  openPlanFor,
  overtimeProblem,
  overtimeText,
  periodProblem,
  reasonText,
  repairChain,
} from './roster-plan-model';
import { pt, ptCount } from './roster-plan-texts';
import './roster-plan.css';

/** A plan as `POST /api/roster-plans` answers it. */
export type RosterPlan = components['schemas']['RosterPlanResponse'];
type PlanNurse = components['schemas']['PlanNurseResponse'];
type PlanUnfilled = components['schemas']['PlanUnfilledResponse'];

/** The local dates the calendar shows (what it last asked events for). */
export type ShownRange = DateRange;

/**
 * The proposal the board shows, and a way to set it: on every mount (a tab switch, a reload) and
 * whenever the days shown change, the newest proposal of the region still `proposed` whose period
 * overlaps those days is reopened (`GET /api/roster-plans?regionCode&status=proposed`), so a
 * proposal survives until it is applied, discarded or expires.
 */
export function useOpenPlan(regionCode: string, shown: DateRange | null): [RosterPlan | null, (plan: RosterPlan | null) => void] {
  const [plan, setPlan] = useState<RosterPlan | null>(null);
  useEffect(() => {
    if (!shown) return;
    let current = true;
    answer(api.GET('/api/roster-plans', { params: { query: { regionCode, status: 'proposed' } } })).then(
      (plans) => {
        if (!current) return;
        // One made (or reopened) meanwhile for these days stays; otherwise the newest that overlaps them.
        setPlan((now) => (now && now.status === 'proposed' && now.from <= shown.to && now.to >= shown.from ? now : openPlanFor(plans, shown)));
      },
      // Reopening is a convenience: without it the board still works, and making a proposal says why it fails.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [regionCode, shown?.from, shown?.to]);
  return [plan, setPlan];
}

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
 * "Rooster aanvullen": asks for a period and the overtime allowed, makes a proposal
 * (`POST /api/roster-plans`), shows its summary, and applies or discards it. The proposal itself is
 * drawn by the board's calendar or grid.
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
  const [period, setPeriod] = useState<(ShownRange & { overtime: string }) | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const [madeHere, setMadeHere] = useState<string | null>(null);
  useEffect(() => firstField.current?.focus(), [period !== null]);
  // Focus goes to a proposal just made here, not to one reopened when the page loads.
  useEffect(() => {
    if (plan && plan.id === madeHere) title.current?.focus();
  }, [plan?.id, madeHere]);

  const open = () => {
    setNote(null);
    setPeriod({ ...defaultPeriod(props.shown(), today(zone)), overtime: '0' });
  };

  const propose = async (range: ShownRange, overtimePct: number, functions?: FunctionCode[]) => {
    setBusy(true);
    setNote({ kind: 'ok', text: () => pt('making') });
    try {
      const made = await answer(
        api.POST('/api/roster-plans', { body: { regionCode: props.regionCode, from: range.from, to: range.to, functions, overtimePct } }),
      );
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
      setMadeHere(made.id);
      // The proposal the roster outran can never be applied: it goes, so that it is not reopened.
      if (refused && plan && plan.id !== made.id)
        void answer(api.DELETE('/api/roster-plans/{id}', { params: { path: { id: plan.id } } })).catch(() => undefined);
      props.onPlan(made);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (!period) return;
    const problem = periodProblem(period) ?? overtimeProblem(period.overtime);
    if (problem) return setNote({ kind: 'error', text: () => problem });
    void propose(period, Number(period.overtime.trim() || '0'));
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
  const above = plan ? plan.nurses.filter((n) => n.overtimeMinutes > 0).length : 0;
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
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
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
          <label>
            {pt('overtimeLabel')}
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={50}
              step={1}
              class="plan-overtime"
              aria-describedby="plan-overtime-help"
              value={period.overtime}
              onInput={(e) => setPeriod({ ...period, overtime: (e.target as HTMLInputElement).value })}
            />
          </label>
          <p id="plan-overtime-help" class="muted small plan-help">
            {pt('overtimeHelp')}
          </p>
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
        <button type="button" class="primary" disabled={busy} onClick={() => propose({ from: plan.from, to: plan.to }, plan.overtimePct, plan.functions)}>
          {pt('makeNewProposal')}
        </button>
      )}
      {plan && s && (
        <div class="card plan-summary">
          <div class="plan-summary-head">
            <h2 class="plan-heading" tabIndex={-1} ref={title}>
              {pt(plan.repair ? 'repairPlanTitle' : 'proposalTitle', { from: localDate(plan.from), to: localDate(plan.to) })}
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
              <dt>{pt(plan.repair ? 'changes' : 'proposed')}</dt>
              <dd>
                {plan.repair
                  ? pt(s.proposed === 1 ? 'changesValueOne' : 'changesValue', { n: s.proposed, c: s.changed })
                  : ptCount(s.proposed, 'positionsValueOne', 'positionsValue')}
              </dd>
            </div>
            <div>
              <dt>{pt('unfilledCount')}</dt>
              <dd>{ptCount(s.unfilled, 'unfilledValueOne', 'unfilledValue')}</dd>
            </div>
            <div>
              <dt>{pt('overtimeAllowed')}</dt>
              <dd>{plan.overtimePct === 0 ? pt('overtimeNone') : normPercent(plan.overtimePct)}</dd>
            </div>
            <div>
              <dt>{pt('aboveContract')}</dt>
              <dd>{ptCount(above, 'nursesCountOne', 'nursesCount')}</dd>
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

/** The plan's load per nurse, its changes in words (a repair plan) and the positions it leaves open. */
export function PlanDetails({ plan, zone }: { plan: RosterPlan | null; zone: string }) {
  if (!plan || plan.status !== 'proposed') return null;
  return (
    <div class="plan-details">
      {plan.repair && <RepairChain plan={plan} zone={zone} />}
      <LoadTable nurses={plan.nurses} days={daysIn(plan)} />
      <UnfilledList unfilled={plan.unfilled} zone={zone} />
    </div>
  );
}

function contractText(n: PlanNurse): string {
  if (n.contractMinutesPerWeek === null) return pt('fullTimeAssumed');
  if (n.contractMinutesPerWeek === 0) return pt('zeroContract');
  return pt('perWeek', { h: duration(n.contractMinutesPerWeek) });
}

/**
 * Every candidate nurse, the most loaded first: contract hours, hours in the period before → after,
 * those hours as a percentage of her contract share for the period (above 100 % coloured and
 * named: "+2 u overuren"), and the proposed nights, weekend duties and on-call blocks.
 */
export function LoadTable({ nurses, days }: { nurses: PlanNurse[]; days: number }) {
  const rows = useMemo(
    () =>
      nurses
        .map((n) => ({ n, load: contractLoad(n.minutesBefore + n.minutesProposed, n.contractMinutesPerWeek, days) }))
        .sort((a, b) => {
          // Largest relative load first, compared exactly: minutes × the other's share.
          const shareA = a.n.contractMinutesPerWeek ?? 2160;
          const shareB = b.n.contractMinutesPerWeek ?? 2160;
          const totalA = a.n.minutesBefore + a.n.minutesProposed;
          const totalB = b.n.minutesBefore + b.n.minutesProposed;
          return totalB * shareA - totalA * shareB || a.n.name.localeCompare(b.n.name, 'nl');
        }),
    [nurses, days],
  );
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
              <th scope="col">{pt('loadPct')}</th>
              <th scope="col">{pt('nights')}</th>
              <th scope="col">{pt('weekendDuties')}</th>
              <th scope="col">{pt('onCallBlocks')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ n, load }) => {
              // The service's own count of what lies beyond the share (the same integers as contractLoad).
              const over = n.overtimeMinutes > 0;
              return (
                <tr key={n.nurseId} class={over ? 'load-over' : undefined}>
                  <th scope="row">{n.name}</th>
                  <td class={n.contractMinutesPerWeek === null ? 'muted' : undefined}>{contractText(n)}</td>
                  <td class="num">
                    {duration(n.minutesBefore)} → <strong>{duration(n.minutesBefore + n.minutesProposed)}</strong>
                  </td>
                  <td class="num load-pct">
                    {load.pct ?? '—'}
                    {over && (
                      <span class="load-flag">
                        <span aria-hidden="true">▲ </span>
                        {overtimeText(n.overtimeMinutes)}
                      </span>
                    )}
                  </td>
                  <td class="num">{n.nightsProposed}</td>
                  <td class="num">{n.weekendDutiesProposed}</td>
                  <td class="num">{n.onCallBlocksProposed}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A repair plan's changes as sentences ("Cees neemt de nacht van ma 1 mrt over van Bram"), from the
 * slots of its period (whose assignments say whom a hand-over takes a duty from).
 */
export function RepairChain({ plan, zone, vacated, level = 3 }: { plan: RosterPlan; zone: string; vacated?: ReadonlyMap<string, string>; level?: 3 | 5 }) {
  const Heading = level === 3 ? 'h3' : 'h5';
  const slots = useLoad(() => answer(api.GET('/api/slots', { params: { query: { regionCode: plan.regionCode, from: plan.from, to: plan.to } } })), [plan.id]);
  const steps = useMemo(() => {
    const byId = new Map<string, ChainSlot>((slots.data ?? []).map((s) => [s.id, s]));
    return repairChain(plan.proposals, byId, vacated ?? new Map(), zone);
  }, [slots.data, plan.id, vacated]);
  if (slots.data === undefined && !slots.error) return null;
  return (
    <section aria-labelledby={`chain-${plan.id}`} class="repair-chain">
      <Heading id={`chain-${plan.id}`}>{pt('chainTitle')}</Heading>
      {steps.length === 0 ? (
        <p>{pt('repairNone')}</p>
      ) : (
        <ol>
          {steps.map((step) => (
            <li key={step.slotId + step.text}>
              <span class="chain-text">{step.text}</span> <span class="muted small">{step.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function UnfilledList({ unfilled, zone }: { unfilled: PlanUnfilled[]; zone: string }) {
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
