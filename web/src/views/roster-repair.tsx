import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { answer, api, ApiError, type Schemas } from '../api';
import { Message, type Note } from '../components/common';
import { dateTime, localDate, time, timeRange, today } from '../format';
import { errorText, functionName, t } from '../i18n';
import { navigate, PARAM } from '../router';
import type { RosterPlan } from './roster-plan';
import { RepairChain } from './roster-plan';
import { overtimeProblem, overtimeText, reasonText, repairPeriod } from './roster-plan-model';
import { pt } from './roster-plan-texts';

type Cancelled = Schemas['CancelledAssignmentResponse'];

/**
 * After an absence: the duties it cancelled, and "Vervanging zoeken", which asks for a repair plan
 * over those days (`POST /api/roster-plans {"repair": true}`) and shows its chain of changes in
 * words before anything happens; "Doorvoeren" applies it, "Verwerpen" discards it. A plan the
 * roster outran (409 plan-stale) is said in words with "Opnieuw zoeken". Each duty can also be
 * filled by hand from its candidates ("Zelf kiezen").
 */
export function RepairPanel(props: { regionCode: string; zone: string; absentName: string; cancelled: Cancelled[]; onChanged: () => void }) {
  const { regionCode, zone, cancelled } = props;
  const [plan, setPlan] = useState<RosterPlan | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [again, setAgain] = useState(false);
  const [outran, setOutran] = useState<string | null>(null);
  const [overtime, setOvertime] = useState('0');
  const heading = useRef<HTMLHeadingElement>(null);
  const proposalHeading = useRef<HTMLHeadingElement>(null);
  const period = repairPeriod(cancelled, regionCode, zone, today(zone));
  // The absent nurse's duties by slot: the chain says whom a filled duty comes from.
  const vacated = useMemo(() => new Map(cancelled.map((c) => [c.slotId, props.absentName])), [cancelled, props.absentName]);
  useEffect(() => {
    if (plan) proposalHeading.current?.focus();
  }, [plan?.id]);

  const find = async () => {
    if (!period) return;
    const problem = overtimeProblem(overtime);
    if (problem) return setNote({ kind: 'error', text: () => problem });
    setBusy(true);
    setAgain(false);
    setPlan(null);
    // A plan the roster outran can never be applied: it goes, so that the board does not reopen it.
    if (outran) void answer(api.DELETE('/api/roster-plans/{id}', { params: { path: { id: outran } } })).catch(() => undefined);
    setOutran(null);
    setNote({ kind: 'ok', text: () => pt('repairSearching') });
    try {
      const made = await answer(
        api.POST('/api/roster-plans', { body: { regionCode, from: period.from, to: period.to, repair: true, overtimePct: Number(overtime.trim() || '0') } }),
      );
      setNote(null);
      setPlan(made);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await answer(api.POST('/api/roster-plans/{id}/apply', { params: { path: { id: plan.id } } }));
      const changes = pt(plan.summary.proposed === 1 ? 'changesValueOne' : 'changesValue', { n: plan.summary.proposed, c: plan.summary.changed });
      setNote({ kind: 'ok', text: () => pt('repairApplied', { changes }) });
      setPlan(null);
      heading.current?.focus();
      props.onChanged();
    } catch (e) {
      const rules = e instanceof ApiError ? e.violations.map((v) => v.rule) : [];
      if (rules.includes('plan-stale')) {
        setNote({ kind: 'error', text: () => pt('repairStale') });
        setOutran(plan.id);
        setPlan(null);
        setAgain(true);
      } else if (rules.includes('plan-expired') || rules.includes('plan-applied')) {
        setNote({ kind: 'error', text: () => pt('repairExpired') });
        setPlan(null);
        setAgain(true);
      } else {
        setNote({ kind: 'error', text: () => errorText(e, zone) });
      }
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await answer(api.DELETE('/api/roster-plans/{id}', { params: { path: { id: plan.id } } }));
      setNote({ kind: 'ok', text: () => pt('repairDiscarded') });
      setPlan(null);
      heading.current?.focus();
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card repair" aria-labelledby="cancelled-title">
      <h3 id="cancelled-title" tabIndex={-1} ref={heading}>
        {t('cancelledTitle')}
      </h3>
      <ul class="gap-list">
        {cancelled.map((c) => (
          <li key={c.id} class="gap-row">
            <span class="gap-time">
              {dateTime(c.start, zone)}–{time(c.end, zone)}
            </span>
            <span class="gap-function">{functionName(c.function)}</span>
            {c.regionCode === regionCode && (
              <button type="button" onClick={() => navigate({ view: 'onbezet', query: { [PARAM.slot]: c.slotId } })}>
                {pt('chooseYourself')}{' '}
                <span class="visually-hidden">
                  {functionName(c.function)} {dateTime(c.start, zone)}
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {period ? (
        <div class="repair-find">
          <p class="muted small">{pt('repairHelp', { from: localDate(period.from), to: localDate(period.to) })}</p>
          {!plan && (
            <form
              class="form-row"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void find();
              }}
            >
              <label>
                {pt('overtimeLabel')}
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={50}
                  step={1}
                  class="plan-overtime"
                  aria-describedby="repair-overtime-help"
                  value={overtime}
                  onInput={(e) => setOvertime((e.target as HTMLInputElement).value)}
                />
              </label>
              <button type="submit" class="primary" disabled={busy}>
                {again ? pt('repairAgain') : pt('repairFind')}
              </button>
              <p id="repair-overtime-help" class="muted small plan-help">
                {pt('overtimeHelp')}
              </p>
            </form>
          )}
        </div>
      ) : (
        <p class="muted">{pt('repairNothingAhead')}</p>
      )}
      <Message note={note} />
      {plan && (
        <div class="repair-proposal">
          <h4 class="plan-heading" tabIndex={-1} ref={proposalHeading}>
            {pt('repairPlanTitle', { from: localDate(plan.from), to: localDate(plan.to) })}
          </h4>
          <RepairChain plan={plan} zone={zone} vacated={vacated} level={5} />
          {plan.nurses.some((n) => n.overtimeMinutes > 0) && (
            <p class="repair-overtime">
              <strong>{pt('aboveContract')}:</strong>{' '}
              {plan.nurses
                .filter((n) => n.overtimeMinutes > 0)
                .map((n) => `${n.name} ${overtimeText(n.overtimeMinutes)}`)
                .join(', ')}
            </p>
          )}
          {plan.unfilled.length > 0 && (
            <>
              <h5>{pt('repairOpen')}</h5>
              <ul class="plan-reasons">
                {plan.unfilled.map((u) => (
                  <li key={u.slotId}>
                    {localDate(u.localDate)} {timeRange(u.start, u.end, zone)}, {functionName(u.function)}
                    {u.reasons.length > 0 && (
                      <>
                        {': '}
                        {[...u.reasons]
                          .sort((a, b) => b.nurses - a.nurses || a.rule.localeCompare(b.rule))
                          .map(reasonText)
                          .join(' ')}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div class="actions">
            <button type="button" class="primary" disabled={busy || plan.proposals.length === 0} onClick={apply}>
              {pt('repairApply')}
            </button>
            <button type="button" disabled={busy} onClick={discard}>
              {pt('repairDiscard')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
