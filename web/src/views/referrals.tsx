import { useEffect, useState } from 'preact/hooks';
import { answer, api, ApiError, type Contract, type Schemas } from '../api';
import { type Loaded, LoadState, Message, MonthPicker, type Note, useLoad, ViewFrame } from '../components/common';
import { currentMonth, dateTime, duration, localDate, monthName, percent, today } from '../format';
import { careKindName, errorText, lang, useLang } from '../i18n';
import { type Reference, zoneOf } from '../reference';
import { fill, leftText, phoneText, referralWords, runsOf, toE164 } from './referrals-texts';
import './referrals.css';

type Referral = Schemas['ReferralResponse'];
type Intake = Schemas['IntakeResponse'];
type CapacityCell = Schemas['CapacityCellResponse'];
type ReferralStats = Schemas['ReferralStatsResponse'];
type CareKind = Schemas['CreateReferralDto']['careKinds'][number];
type Urgency = Schemas['CreateReferralDto']['urgency'];
type DeclineReason = Schemas['DeclineReferralDto']['reason'];
type CloseOutcome = Schemas['CloseReferralDto']['outcome'];

export const CARE_KINDS: CareKind[] = ['basic', 'palliative', 'wound-care', 'infusion-therapy', 'dementia-case-management'];
const URGENCIES: Urgency[] = ['today', 'within-24h', 'planned'];
const DECLINE_REASONS: DeclineReason[] = ['no-places', 'no-expertise', 'outside-area', 'other'];
const CLOSE_OUTCOMES: CloseOutcome[] = ['placed-outside', 'no-longer-needed'];
const LIGHT_ORDER = ['green', 'orange', 'red', 'grey'] as const;

/** How often the referrer's and the provider's lists are fetched again, and the desk's. */
export const REFERRAL_POLL_MS = 5_000;
export const DESK_POLL_MS = 10_000;

/** The clock, ticking every second, for countdowns. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Reloads `reload` every `ms` while the screen is shown. */
function usePoll(reload: () => void, ms: number, deps: unknown[] = []) {
  useEffect(() => {
    const timer = setInterval(reload, ms);
    return () => clearInterval(timer);
  }, deps);
}

function Light({ light }: { light: string }) {
  const w = referralWords();
  return (
    <span class={`light light-${light}`}>
      <span class="light-dot" aria-hidden="true" />
      {w.lights[light] ?? light}
    </span>
  );
}

/** The open offer of a referral, if any. */
function openOffer(r: Referral) {
  return r.offers.find((o) => o.answer === null) ?? null;
}

/** Where a referral stands, in the words the referrer reads. */
export function referralStateText(r: Referral, nowMs: number): string {
  const w = referralWords();
  const open = openOffer(r);
  if (r.status === 'offered' && open) return fill(w.offeredTo, { name: open.name, left: leftText(open.respondBy, nowMs) });
  if (r.status === 'escalated') return w.atDesk;
  if (r.status === 'placed' && r.placedWith) return fill(w.placedWith, { name: r.placedWith.name, phone: phoneText(r.placedWith.intakePhone) });
  if (r.status === 'closed') return r.outcome === 'placed-outside' ? w.closedOutside : w.closedNotNeeded;
  return w.statuses[r.status] ?? r.status;
}

function summary(r: Referral): string {
  const w = referralWords();
  return [
    r.careKinds.map(careKindName).join(', '),
    fill(w.pc, { p: r.postcode }),
    w.urgencies[r.urgency] ?? r.urgency,
    fill(w.starts, { date: localDate(r.startOn) }),
  ].join(' · ');
}

// ---- the referrer ------------------------------------------------------------------------------

/** The referrer's screen ("Aanmelden"): a short form and its referrals, live. */
export function ReferrerView({ reference }: { reference: Reference }) {
  useLang();
  const w = referralWords();
  const regions = reference.me.role === 'admin' ? [...reference.regions.keys()].sort() : [...reference.me.regionCodes].sort();
  const [region, setRegion] = useState(regions[0] ?? '');
  const zone = zoneOf(reference, region);
  const referrals = useLoad(() => answer(api.GET('/api/referrals')), []);
  usePoll(referrals.reload, REFERRAL_POLL_MS);
  const now = useNow();
  const [note, setNote] = useState<Note | null>(null);
  const cancel = async (r: Referral) => {
    try {
      await answer(api.POST('/api/referrals/{id}/cancel', { params: { path: { id: r.id } } }));
      setNote({ kind: 'ok', text: () => referralWords().cancelledOk });
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    }
    referrals.reload();
  };
  return (
    <ViewFrame id="refer-title" title={w.referTitle} tabs={[]} current="" onChange={() => undefined}>
      <p class="muted">{w.referHelp}</p>
      <ReferralForm regions={regions} region={region} setRegion={setRegion} reference={reference} onSent={referrals.reload} />
      <section aria-labelledby="mine-title" class="referral-list">
        <h2 id="mine-title">{w.mine}</h2>
        <p class="muted small">{w.mineHelp}</p>
        <Message note={note} />
        <LoadState loaded={referrals}>
          {(referrals.data ?? []).length === 0 ? (
            <p class="muted">{w.none}</p>
          ) : (
            <ul class="card-list">
              {(referrals.data ?? []).map((r) => (
                <li key={r.id} class={`card-row referral referral-${r.status}`} data-referral={r.id}>
                  <span class={`badge referral-badge-${r.status}`}>{w.statuses[r.status] ?? r.status}</span>
                  <strong class="referral-state">{referralStateText(r, now)}</strong>
                  <span class="referral-summary">{summary(r)}</span>
                  <span class="muted small">
                    {fill(w.ref, { r: r.referrerReference })} · {dateTime(r.createdAt, zoneOf(reference, r.regionCode))}
                  </span>
                  {(r.status === 'offered' || r.status === 'escalated') && (
                    <button type="button" onClick={() => cancel(r)}>
                      {w.cancel}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
    </ViewFrame>
  );
}

function ReferralForm(props: { regions: string[]; region: string; setRegion: (r: string) => void; reference: Reference; onSent: () => void }) {
  const w = referralWords();
  const zone = zoneOf(props.reference, props.region);
  const [postcode, setPostcode] = useState('');
  const [kinds, setKinds] = useState<CareKind[]>(['basic']);
  const [startOn, setStartOn] = useState(today(zone));
  const [urgency, setUrgency] = useState<Urgency>('today');
  const [referrerReference, setReference] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const toggle = (kind: CareKind) => setKinds(kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (kinds.length < 1 || kinds.length > 3) return setNote({ kind: 'error', text: () => referralWords().tooManyKinds });
    const callbackPhone = phone.trim() ? toE164(phone) : undefined;
    if (callbackPhone === null) return setNote({ kind: 'error', text: () => referralWords().badPhone });
    setBusy(true);
    try {
      const r = await answer(
        api.POST('/api/referrals', {
          body: { regionCode: props.region, postcode, careKinds: kinds, urgency, startOn, referrerReference, ...(callbackPhone ? { callbackPhone } : {}) },
        }),
      );
      setNote({ kind: 'ok', text: () => fill(referralWords().sent, { where: referralStateText(r, Date.now()) }) });
      setPostcode('');
      setReference('');
      props.onSent();
    } catch (err) {
      setNote({ kind: 'error', text: () => errorText(err, zone) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card referral-form" onSubmit={submit} aria-label={w.referTitle}>
      {props.regions.length > 1 && (
        <label>
          {w.region}
          <select value={props.region} onChange={(e) => props.setRegion((e.target as HTMLSelectElement).value)}>
            {props.regions.map((code) => (
              <option key={code} value={code}>
                {props.reference.regions.get(code)?.name ?? code}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {w.postcode}
        <input
          name="postcode"
          inputMode="numeric"
          pattern="[0-9]{4}"
          maxLength={4}
          autoComplete="off"
          required
          value={postcode}
          onInput={(e) => setPostcode((e.target as HTMLInputElement).value.trim())}
        />
      </label>
      <fieldset>
        <legend>{w.careKinds}</legend>
        {CARE_KINDS.map((kind) => (
          <label key={kind} class="check">
            <input type="checkbox" name="careKinds" value={kind} checked={kinds.includes(kind)} onChange={() => toggle(kind)} /> {careKindName(kind)}
          </label>
        ))}
      </fieldset>
      <label>
        {w.startOn}
        <input type="date" name="startOn" required min={today(zone)} value={startOn} onInput={(e) => setStartOn((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {w.urgency}
        <select name="urgency" value={urgency} onChange={(e) => setUrgency((e.target as HTMLSelectElement).value as Urgency)}>
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {w.urgencies[u]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w.reference}
        <input
          name="referrerReference"
          required
          maxLength={64}
          pattern="[A-Za-z0-9._/\-]{1,64}"
          autoComplete="off"
          value={referrerReference}
          onInput={(e) => setReference((e.target as HTMLInputElement).value.trim())}
        />
        <span class="muted small">{w.referenceHelp}</span>
      </label>
      <label>
        {w.callback}
        <input name="callbackPhone" type="tel" autoComplete="tel" value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        {w.send}
      </button>
      <Message note={note} />
    </form>
  );
}

// ---- the provider ------------------------------------------------------------------------------

/** The provider's screen ("Capaciteit en aanmeldingen"): referrals offered to it, live, and its lights set with one tap. */
export function ProviderView({ reference }: { reference: Reference }) {
  useLang();
  const w = referralWords();
  const agb = reference.me.providerAgb ?? '';
  const name = reference.providers.get(agb) ?? agb;
  // An acceptance takes places: the capacity below loads again after each answer.
  const [answered, setAnswered] = useState(0);
  return (
    <ViewFrame id="provider-title" title={`${w.providerTitle} · ${name}`} tabs={[]} current="" onChange={() => undefined}>
      <OfferedReferrals reference={reference} onAnswered={() => setAnswered((n) => n + 1)} />
      <ProviderCapacity reference={reference} agb={agb} answered={answered} />
    </ViewFrame>
  );
}

function OfferedReferrals({ reference, onAnswered }: { reference: Reference; onAnswered: () => void }) {
  const w = referralWords();
  const referrals = useLoad(() => answer(api.GET('/api/referrals')), []);
  usePoll(referrals.reload, REFERRAL_POLL_MS);
  const now = useNow();
  const [note, setNote] = useState<Note | null>(null);
  const [reasons, setReasons] = useState<Record<string, DeclineReason>>({});
  const waiting = (referrals.data ?? []).filter((r) => r.status === 'offered' && openOffer(r));
  const placed = (referrals.data ?? []).filter((r) => r.status === 'placed' && r.placedWith).slice(0, 10);
  const answerIt = async (r: Referral, how: 'accept' | 'decline') => {
    const zone = zoneOf(reference, r.regionCode);
    try {
      if (how === 'accept') {
        await answer(api.POST('/api/referrals/{id}/accept', { params: { path: { id: r.id } } }));
        setNote({ kind: 'ok', text: () => referralWords().acceptedOk });
      } else {
        await answer(api.POST('/api/referrals/{id}/decline', { params: { path: { id: r.id } }, body: { reason: reasons[r.id] ?? 'no-places' } }));
        setNote({ kind: 'ok', text: () => referralWords().declinedOk });
      }
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    }
    referrals.reload();
    onAnswered();
  };
  return (
    <section aria-labelledby="offers-title" class="referral-list">
      <h2 id="offers-title">{w.offersTitle}</h2>
      <p class="muted small">{w.offersHelp}</p>
      <Message note={note} />
      <LoadState loaded={referrals}>
        {waiting.length === 0 ? (
          <p class="muted">{w.noOffers}</p>
        ) : (
          <ul class="card-list">
            {waiting.map((r) => {
              const offer = openOffer(r)!;
              return (
                <li key={r.id} class="card-row referral referral-offered" data-referral={r.id}>
                  <strong class="referral-summary">{summary(r)}</strong>
                  <span class="referral-countdown">{fill(w.answerWithin, { left: leftText(offer.respondBy, now) })}</span>
                  <span class="muted small">{fill(w.ref, { r: r.referrerReference })}</span>
                  <div class="toolbar referral-actions">
                    <button type="button" class="primary" onClick={() => answerIt(r, 'accept')}>
                      {w.accept}
                    </button>
                    <label>
                      {w.declineReason}{' '}
                      <select
                        value={reasons[r.id] ?? 'no-places'}
                        onChange={(e) => setReasons({ ...reasons, [r.id]: (e.target as HTMLSelectElement).value as DeclineReason })}
                      >
                        {DECLINE_REASONS.map((reason) => (
                          <option key={reason} value={reason}>
                            {w.reasons[reason]}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="button" onClick={() => answerIt(r, 'decline')}>
                      {w.decline}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {placed.length > 0 && (
          <>
            <h3>{w.recentTitle}</h3>
            <ul class="card-list">
              {placed.map((r) => (
                <li key={r.id} class="card-row referral referral-placed" data-referral={r.id}>
                  <span class="badge referral-badge-placed">{w.statuses.placed}</span>
                  <span class="referral-summary">{summary(r)}</span>
                  <span class="muted small">
                    {fill(w.ref, { r: r.referrerReference })}
                    {r.callbackPhone ? ` · ${fill(w.callReferrer, { phone: phoneText(r.callbackPhone) })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </LoadState>
    </section>
  );
}

function ProviderCapacity({ reference, agb, answered }: { reference: Reference; agb: string; answered: number }) {
  const w = referralWords();
  const intake = useLoad(() => answer(api.GET('/api/providers/{agb}/intake', { params: { path: { agb } } })), [agb, answered]);
  usePoll(intake.reload, REFERRAL_POLL_MS * 6);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const set = async (lineId: string, places: number) => {
    setBusy(lineId);
    try {
      await answer(api.PATCH('/api/providers/{agb}/intake/lines/{id}', { params: { path: { agb, id: lineId } }, body: { places } }));
      setNote(null);
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    setBusy(null);
    intake.reload();
  };
  const data: Intake | undefined = intake.data;
  const regions = [...new Set((data?.lines ?? []).map((l) => l.regionCode))];
  const staleHours = reference.regions.get(regions[0] ?? '')?.capacityStaleHours ?? 24;
  return (
    <section aria-labelledby="capacity-title" class="provider-capacity">
      <h2 id="capacity-title">{w.capacityTitle}</h2>
      <p class="muted small">{fill(w.capacityHelp, { hours: staleHours })}</p>
      <Message note={note} />
      <LoadState loaded={intake}>
        {data && (
          <p class="muted small">
            {data.publishedAt ? fill(w.publishedAt, { when: dateTime(data.publishedAt, zoneOf(reference, regions[0] ?? '')) }) : ''}
            {data.intakePhone ? ` · ${fill(w.intakePhone, { phone: phoneText(data.intakePhone) })}` : ''}
          </p>
        )}
        {(data?.lines ?? []).length === 0 ? (
          <p class="muted">{fill(w.noLines, { agb })}</p>
        ) : (
          regions.map((code) => (
            <div key={code} class="capacity-region">
              <h3>{reference.regions.get(code)?.name ?? code}</h3>
              <ul class="card-list">
                {(data?.lines ?? [])
                  .filter((l) => l.regionCode === code)
                  .map((l) => (
                    <li key={l.id} class="card-row intake-line" data-line={l.id}>
                      <Light light={l.light} />
                      <strong>{careKindName(l.careKind)}</strong>
                      <span class="postcodes">{l.postcodes.join(', ')}</span>
                      {l.primary && <span class="badge">{w.primary}</span>}
                      <span class="stepper">
                        <button
                          type="button"
                          aria-label={`${w.less}: ${careKindName(l.careKind)} ${l.postcodes.join(', ')}`}
                          disabled={busy === l.id || l.places <= 0}
                          onClick={() => set(l.id, l.places - 1)}
                        >
                          −
                        </button>
                        <span class="places" aria-live="polite">
                          {l.places === 1 ? w.place : fill(w.places, { n: l.places })}
                        </span>
                        <button
                          type="button"
                          aria-label={`${w.more}: ${careKindName(l.careKind)} ${l.postcodes.join(', ')}`}
                          disabled={busy === l.id || l.places >= 99}
                          onClick={() => set(l.id, l.places + 1)}
                        >
                          +
                        </button>
                      </span>
                    </li>
                  ))}
              </ul>
            </div>
          ))
        )}
      </LoadState>
    </section>
  );
}

// ---- the desk ----------------------------------------------------------------------------------

/** The coordinator's "Verwijspunt": open referrals (escalated first) with timers, offer by hand, close; the capacity table. */
export function ReferralDesk({ regionCode, zone }: { regionCode: string; zone: string }) {
  useLang();
  const w = referralWords();
  const open = useLoad(
    () =>
      Promise.all((['escalated', 'offered'] as const).map((status) => answer(api.GET('/api/referrals', { params: { query: { regionCode, status } } })))).then(
        ([escalated, offered]) => [
          ...escalated.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
          ...offered.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
        ],
      ),
    [regionCode],
  );
  const capacity = useLoad(() => answer(api.GET('/api/capacity', { params: { query: { regionCode } } })), [regionCode]);
  usePoll(
    () => {
      open.reload();
      capacity.reload();
    },
    DESK_POLL_MS,
    [regionCode],
  );
  const now = useNow();
  const [note, setNote] = useState<Note | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Record<string, CloseOutcome>>({});
  // The region's providers: every one with an intake line here, by name.
  const providers = new Map<string, string>();
  for (const cell of capacity.data ?? []) for (const l of cell.lines ?? []) providers.set(l.agb, l.name);
  const byName = [...providers].sort((a, b) => a[1].localeCompare(b[1]));
  const act = async (r: Referral, how: 'offer' | 'close') => {
    try {
      if (how === 'offer') {
        const agb = choice[r.id] ?? byName.find(([a]) => !r.offers.some((o) => o.agb === a))?.[0] ?? '';
        await answer(api.POST('/api/referrals/{id}/offer', { params: { path: { id: r.id } }, body: { agb } }));
        setNote({ kind: 'ok', text: () => referralWords().offeredOk });
      } else {
        await answer(api.POST('/api/referrals/{id}/close', { params: { path: { id: r.id } }, body: { outcome: outcome[r.id] ?? 'placed-outside' } }));
        setNote({ kind: 'ok', text: () => referralWords().closedOk });
      }
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    }
    open.reload();
  };
  return (
    <div class="referral-desk">
      <section aria-labelledby="desk-title">
        <h2 id="desk-title">{w.deskTitle}</h2>
        <p class="muted small">{w.deskHelp}</p>
        <Message note={note} />
        <LoadState loaded={open}>
          {(open.data ?? []).length === 0 ? (
            <p class="muted">{w.deskNone}</p>
          ) : (
            <ul class="card-list">
              {(open.data ?? []).map((r) => {
                const offer = openOffer(r);
                const candidates = byName.filter(([agb]) => !r.offers.some((o) => o.agb === agb));
                return (
                  <li key={r.id} class={`card-row referral referral-${r.status}`} data-referral={r.id}>
                    <span class={`badge referral-badge-${r.status}`}>{w.statuses[r.status] ?? r.status}</span>
                    <strong class="referral-summary">{summary(r)}</strong>
                    <span class="referral-countdown">
                      {offer
                        ? fill(w.offeredTo, { name: offer.name, left: leftText(offer.respondBy, now) })
                        : fill(w.atDeskSince, { when: dateTime(r.escalatedAt ?? r.createdAt, zone) })}
                    </span>
                    <span class="muted small">
                      {fill(w.ref, { r: r.referrerReference })} · {dateTime(r.createdAt, zone)}
                      {r.skipped.length > 0 &&
                        ` · ${fill(w.passedBy, { list: r.skipped.map((s) => `${s.name} (${w.skipReasons[s.reason] ?? s.reason})`).join(', ') })}`}
                    </span>
                    <div class="toolbar referral-actions">
                      {candidates.length > 0 && (
                        <>
                          <label>
                            {w.offerTo}{' '}
                            <select
                              value={choice[r.id] ?? candidates[0][0]}
                              onChange={(e) => setChoice({ ...choice, [r.id]: (e.target as HTMLSelectElement).value })}
                            >
                              {candidates.map(([agb, name]) => (
                                <option key={agb} value={agb}>
                                  {name}
                                </option>
                              ))}
                            </select>
                          </label>
                          <button type="button" class="primary" onClick={() => act(r, 'offer')}>
                            {w.offerBy}
                          </button>
                        </>
                      )}
                      <label>
                        {w.closeAs}{' '}
                        <select
                          value={outcome[r.id] ?? 'placed-outside'}
                          onChange={(e) => setOutcome({ ...outcome, [r.id]: (e.target as HTMLSelectElement).value as CloseOutcome })}
                        >
                          {CLOSE_OUTCOMES.map((o) => (
                            <option key={o} value={o}>
                              {w.outcomes[o]}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button type="button" onClick={() => act(r, 'close')}>
                        {w.close}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </LoadState>
      </section>
      <CapacityTable loaded={capacity} />
    </div>
  );
}

function CapacityTable({ loaded }: { loaded: Loaded<CapacityCell[]> }) {
  const w = referralWords();
  const cells = loaded.data ?? [];
  const kinds = CARE_KINDS.filter((k) => cells.some((c) => c.careKind === k));
  const postcodes = [...new Set(cells.map((c) => c.postcode))];
  const at = new Map(cells.map((c) => [`${c.postcode}|${c.careKind}`, c]));
  // Consecutive postcodes whose cells read alike are one row ("1020–1049").
  const rows = runsOf(
    postcodes.map((pc) => {
      const byKind = kinds.map((k) => at.get(`${pc}|${k}`));
      return { postcode: pc, key: byKind.map((c) => (c ? `${c.light}:${LIGHT_ORDER.map((l) => c.counts[l]).join(',')}` : '-')).join('|'), value: byKind };
    }),
  );
  return (
    <section aria-labelledby="capacity-table-title" class="capacity-table">
      <h2 id="capacity-table-title">{w.tableTitle}</h2>
      <p class="muted small">{w.tableHelp}</p>
      <LoadState loaded={loaded}>
        {cells.length === 0 ? (
          <p class="muted">{w.tableNone}</p>
        ) : (
          <div class="table-scroll">
            <table class="data capacity-grid">
              <caption class="visually-hidden">{w.tableTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.postcodeColumn}</th>
                  {kinds.map((k) => (
                    <th key={k} scope="col">
                      {careKindName(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.from}>
                    <th scope="row">{row.from === row.to ? row.from : `${row.from}–${row.to}`}</th>
                    {kinds.map((k, i) => {
                      const cell = row.value[i];
                      return (
                        <td key={k} data-light={cell?.light ?? 'none'}>
                          {cell ? (
                            <span title={LIGHT_ORDER.map((l) => `${w.lights[l]} ${cell.counts[l]}`).join(', ')}>
                              <Light light={cell.light} />
                            </span>
                          ) : (
                            <span class="muted">—</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
    </section>
  );
}

// ---- the insurer -------------------------------------------------------------------------------

/** The insurer's figures of the coordination point, beside the coverage figures: per region of its contracts, per month. */
export function ReferralFigures({ reference, contracts }: { reference: Reference; contracts: Contract[] }) {
  useLang();
  const w = referralWords();
  const regionCodes = [...new Set(contracts.map((c) => c.regionCode))].sort();
  const zone = zoneOf(reference, regionCodes[0] ?? '');
  const [month, setMonth] = useState(() => currentMonth(zone));
  const stats = useLoad(
    () =>
      Promise.all(
        regionCodes.map((regionCode) =>
          answer(api.GET('/api/referrals/stats', { params: { query: { regionCode, month } } })).then(
            (figures: ReferralStats) => ({ regionCode, figures }),
            // Another insurer's region: its figures are not this insurer's to read.
            (e: unknown) => {
              if (e instanceof ApiError && e.status === 403) return { regionCode, figures: null };
              throw e;
            },
          ),
        ),
      ),
    [regionCodes.join(','), month],
  );
  if (regionCodes.length === 0) return null;
  const minutes = (m: number | null) => (m === null ? w.noFigure : m < 60 ? fill(w.minutesLeft, { n: m }) : duration(m));
  const pct = (p: number | null) => (p === null ? w.noFigure : percent(p));
  return (
    <section class="referral-figures" aria-labelledby="referral-figures-title">
      <h2 id="referral-figures-title">{w.figuresTitle}</h2>
      <p class="muted">{w.figuresHelp}</p>
      <MonthPicker month={month} setMonth={setMonth} />
      <LoadState loaded={stats}>
        {(stats.data ?? []).map(({ regionCode, figures }) => {
          const regionName = reference.regions.get(regionCode)?.name ?? regionCode;
          if (!figures) return null;
          const declines = Object.values(figures.declines).reduce((a, b) => a + b, 0);
          return (
            <div key={regionCode}>
              <table class="data reflow referral-figures-table">
                <caption>{fill(w.figuresCaption, { region: regionName, month: monthName(month) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.referrals}</th>
                    <th scope="col">{w.placed}</th>
                    <th scope="col">{w.escalated}</th>
                    <th scope="col">{w.median}</th>
                    <th scope="col">{w.p90}</th>
                    <th scope="col">{w.withinNorm}</th>
                    <th scope="col">{w.offersPer}</th>
                    <th scope="col">{w.declines}</th>
                    <th scope="col">{w.timeouts}</th>
                    <th scope="col">{w.outside}</th>
                    <th scope="col">{w.cancelledCount}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td data-label={w.referrals}>{figures.referrals}</td>
                    <td data-label={w.placed}>{figures.placed}</td>
                    <td data-label={w.escalated}>{figures.escalated}</td>
                    <td data-label={w.median}>{minutes(figures.medianMinutesToPlacement)}</td>
                    <td data-label={w.p90}>{minutes(figures.p90MinutesToPlacement)}</td>
                    <td data-label={w.withinNorm}>{pct(figures.placedWithinNormPct)}</td>
                    <td data-label={w.offersPer}>
                      {figures.offersPerPlacement === null ? w.noFigure : String(figures.offersPerPlacement).replace('.', lang.value === 'en' ? '.' : ',')}
                    </td>
                    <td data-label={w.declines}>{declines}</td>
                    <td data-label={w.timeouts}>{figures.timeouts}</td>
                    <td data-label={w.outside}>{figures.closedOutside}</td>
                    <td data-label={w.cancelledCount}>{figures.cancelled}</td>
                  </tr>
                </tbody>
              </table>
              <table class="data reflow referral-kinds-table">
                <caption>{fill(w.kindsCaption, { region: regionName, month: monthName(month) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.careKind}</th>
                    <th scope="col">{w.referrals}</th>
                    <th scope="col">{w.placed}</th>
                    <th scope="col">{w.median}</th>
                    <th scope="col">{w.greenShare}</th>
                  </tr>
                </thead>
                <tbody>
                  {figures.byCareKind.map((k) => (
                    <tr key={k.careKind}>
                      <th scope="row" data-label={w.careKind}>
                        {careKindName(k.careKind)}
                      </th>
                      <td data-label={w.referrals}>{k.referrals}</td>
                      <td data-label={w.placed}>{k.placed}</td>
                      <td data-label={w.median}>{minutes(k.medianMinutesToPlacement)}</td>
                      <td data-label={w.greenShare}>{pct(figures.capacityGreenPct.find((c) => c.careKind === k.careKind)?.pct ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </LoadState>
    </section>
  );
}
