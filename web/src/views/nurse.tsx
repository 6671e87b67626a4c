import { toDataURL } from 'qrcode';
import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, api, type Offer } from '../api';
import { RosterCalendar } from '../components/calendar';
import { LoadState, Message, type Note, useLoad, useRefusalInView, ViewFrame } from '../components/common';
import { errorText, functionName, ruleText, t } from '../i18n';
import { duration, localDate, plusDays, timeRange, today } from '../format';
import { type Reference, zoneOf } from '../reference';
import { navigate, place } from '../router';
import { MyWishes, wishesTabLabel } from './nurse-wishes';
import { NursePages } from './nurse-pages';
import { withWarnings } from '../warnings';

const ZONE = 'Europe/Amsterdam';

/** The nurse's own view, made for a phone: shifts, offers to take over, and the calendar link. */
export const NURSE_VIEWS = ['mijn-diensten', 'over-te-nemen', 'liever-niet', 'agenda', 'oproepen'] as const;

export function NurseView({ reference }: { reference: Reference }) {
  const tab = (NURSE_VIEWS as readonly string[]).includes(place.value.view) ? place.value.view : 'mijn-diensten';
  return (
    <ViewFrame
      id="nurse-title"
      title={reference.me.name}
      current={tab}
      onChange={(id) => navigate({ view: id })}
      tabs={[
        { id: 'mijn-diensten', label: t('tabMyShifts') },
        { id: 'over-te-nemen', label: t('tabMyOffers') },
        { id: 'liever-niet', label: wishesTabLabel() },
        { id: 'agenda', label: t('tabFeed') },
        { id: 'oproepen', label: t('tabPages') },
      ]}
    >
      {tab === 'mijn-diensten' && <MyShifts reference={reference} />}
      {tab === 'over-te-nemen' && <MyOffers reference={reference} />}
      {tab === 'liever-niet' && <MyWishes />}
      {tab === 'agenda' && <Feed />}
      {tab === 'oproepen' && <NursePages zone={ZONE} />}
    </ViewFrame>
  );
}

function MyShifts({ reference }: { reference: Reference }) {
  const [mode, setMode] = useState<'list' | 'calendar'>('list');
  const from = today(ZONE);
  const to = plusDays(from, 55);
  const shifts = useLoad(() => answer(api.GET('/api/me/shifts', { params: { query: { from, to } } })), [from]);
  // My offers that are still under way, by the shift they offer: shown on its card. To its giver an
  // offer reads open until it is approved (whether a colleague accepted it is not told).
  const offers = useLoad(() => answer(api.GET('/api/offers')), []);
  const pending = new Map((offers.data ?? []).filter((o) => o.fromNurseId === reference.me.nurseId && o.status === 'open').map((o) => [o.assignmentId, o]));
  const [note, setNote] = useState<(Note & { shiftId: string }) | null>(null);
  const refusalNote = useRefusalInView<HTMLParagraphElement>(note);
  const region = (code: string) => reference.regions.get(code)?.name ?? code;
  const [swapping, setSwapping] = useState<string | null>(null);
  const giveAway = async (shiftId: string, to?: { nurseId: string; name: string }) => {
    try {
      await answer(api.POST('/api/assignments/{id}/offers', { params: { path: { id: shiftId } }, body: to ? { toNurseId: to.nurseId } : {} }));
      setSwapping(null);
      setNote({ shiftId, kind: 'ok', text: () => (to ? t('swapOfferedOk', { name: to.name }) : t('offeredOk')) });
    } catch (e) {
      setNote({ shiftId, kind: 'error', text: () => errorText(e) });
    }
    offers.reload();
  };
  const withdraw = async (shiftId: string, offerId: string) => {
    try {
      await answer(api.POST('/api/offers/{id}/withdraw', { params: { path: { id: offerId } } }));
      setNote({ shiftId, kind: 'ok', text: () => t('withdrawnOk') });
    } catch (e) {
      setNote({ shiftId, kind: 'error', text: () => errorText(e) });
    }
    offers.reload();
  };
  return (
    <div>
      <div class="toolbar" role="group" aria-label={t('myShiftsTitle')}>
        <button type="button" aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
          {t('listView')}
        </button>
        <button type="button" aria-pressed={mode === 'calendar'} onClick={() => setMode('calendar')}>
          {t('calendarView')}
        </button>
      </div>
      {mode === 'list' ? (
        <LoadState loaded={shifts}>
          <h2>
            {t('myShiftsTitle')}: {localDate(from, false)} – {localDate(to, false)}
          </h2>
          {shifts.data?.length === 0 && <p class="muted">{t('noShifts')}</p>}
          <ul class="shift-list">
            {(shifts.data ?? []).map((s) => (
              <li key={s.id} class="card shift">
                <strong>{localDate(s.localDate)}</strong>
                <span class="shift-time">
                  {timeRange(s.start, s.end, zoneOf(reference, s.regionCode))} ({duration(s.durationMinutes)})
                </span>
                <span>
                  {functionName(s.function)} · {region(s.regionCode)}
                  {s.dutyType === 'on-call' ? ` · ${t('onCall')}` : ''}
                </span>
                {pending.get(s.id) ? (
                  <div class="shift-actions">
                    <span class="badge badge-pending">
                      {pending.get(s.id)!.toNurseId ? t('swapOfferedTo', { name: pending.get(s.id)!.toNurseName ?? '' }) : t('offerPending')}
                    </span>
                    <button type="button" onClick={() => withdraw(s.id, pending.get(s.id)!.id)}>
                      {t('withdraw')} <span class="visually-hidden">{localDate(s.localDate)}</span>
                    </button>
                  </div>
                ) : (
                  offers.data && (
                    <div class="shift-actions">
                      <button type="button" onClick={() => giveAway(s.id)}>
                        {t('giveAway')} <span class="visually-hidden">{localDate(s.localDate)}</span>
                      </button>
                      <button type="button" aria-expanded={swapping === s.id} onClick={() => setSwapping(swapping === s.id ? null : s.id)}>
                        {t('swapWithColleague')} <span class="visually-hidden">{localDate(s.localDate)}</span>
                      </button>
                      {swapping === s.id && <SwapPicker shiftId={s.id} onOffer={(to) => giveAway(s.id, to)} onCancel={() => setSwapping(null)} />}
                    </div>
                  )
                )}
                {note?.shiftId === s.id && (
                  <p ref={refusalNote} class={`message message-${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'}>
                    {note.text()}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </LoadState>
      ) : (
        <RosterCalendar
          zone={ZONE}
          initialView="listMonth"
          views="dayGridMonth,listMonth"
          reloadKey={0}
          label={t('myShiftsTitle')}
          load={async (f, tt) => {
            const rows = await answer(api.GET('/api/me/shifts', { params: { query: { from: f, to: tt } } }));
            return rows.map((s) => ({
              id: s.id,
              start: s.start,
              end: s.end,
              title: `${functionName(s.function)} · ${region(s.regionCode)}`,
              extendedProps: { timeText: timeRange(s.start, s.end, zoneOf(reference, s.regionCode)) },
              classNames: ['slot', 'slot-mine'],
            }));
          }}
        />
      )}
    </div>
  );
}

/** Picks the colleague to offer a shift to: the qualified first; the others with the rule in words (the coordinator decides). Her own roster is not judged here. */
function SwapPicker({ shiftId, onOffer, onCancel }: { shiftId: string; onOffer: (to: { nurseId: string; name: string }) => void; onCancel: () => void }) {
  const colleagues = useLoad(() => answer(api.GET('/api/assignments/{id}/offer-candidates', { params: { path: { id: shiftId } } })), [shiftId]);
  const [chosen, setChosen] = useState('');
  const id = `swap-${shiftId}`;
  const list = colleagues.data ?? [];
  const picked = list.find((c) => c.nurseId === (chosen || list[0]?.nurseId));
  const reason = (rules: (typeof list)[number]['rules']) => rules.map((rule) => ruleText({ rule, message: rule })).join(' ');
  return (
    <LoadState loaded={colleagues}>
      {list.length === 0 ? (
        <p class="muted">{t('swapNoColleagues')}</p>
      ) : (
        <div class="swap-picker">
          <label for={id}>{t('swapColleague')}</label>
          <select id={id} value={picked?.nurseId} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
            {list.map((c) => (
              <option key={c.nurseId} value={c.nurseId}>
                {c.name} — {c.fits ? t('swapFits') : reason(c.rules)}
              </option>
            ))}
          </select>
          {picked && !picked.fits && <p class="muted">{t('swapRuleNote')}</p>}
          <p class="muted">{t('swapRosterNote')}</p>
          <button type="button" class="primary" onClick={() => picked && onOffer({ nurseId: picked.nurseId, name: picked.name })}>
            {t('swapOffer')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('swapCancel')}
          </button>
        </div>
      )}
    </LoadState>
  );
}

function MyOffers({ reference }: { reference: Reference }) {
  const offers = useLoad(() => answer(api.GET('/api/offers')), []);
  const [note, setNote] = useState<Note | null>(null);
  const me = reference.me.nurseId;
  const forMe = (offers.data ?? []).filter((o) => o.status === 'open' && o.fromNurseId !== me);
  const mine = (offers.data ?? []).filter((o) => o.fromNurseId === me || o.takerNurseId === me);
  const accept = async (o: Offer) => {
    try {
      const res = await answer(api.POST('/api/offers/{id}/accept', { params: { path: { id: o.id } } }));
      // Named in the offer, she may take it while breaking a rule: she is told at once, and the coordinator decides.
      if (res.violations.length) {
        const zone = zoneOf(reference, o.regionCode);
        setNote({ kind: 'warning', text: () => [t('acceptedBreaksRules'), ...res.violations.map((v) => ruleText(v, zone))].join(' ') });
      } else {
        const done = res.status === 'approved' ? t('acceptedApprovedOk') : t('acceptedOk');
        setNote({ kind: res.warnings.length ? 'warning' : 'ok', text: () => withWarnings(done, res.warnings) });
      }
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
    offers.reload();
  };
  const when = (o: Offer) => (o.start && o.end ? `${localDate(o.localDate ?? '')} ${timeRange(o.start, o.end, zoneOf(reference, o.regionCode))}` : '—');
  return (
    <div>
      <Message note={note} />
      <h2>{t('offersForMe')}</h2>
      <LoadState loaded={offers}>
        {forMe.length === 0 ? (
          <p class="muted">{t('noOffers')}</p>
        ) : (
          <ul class="shift-list">
            {forMe.map((o) => (
              <li key={o.id} class="card shift">
                <strong>{when(o)}</strong>
                <span>
                  {o.function ? functionName(o.function) : ''} · {t('from')} {o.fromNurseName}
                </span>
                <button type="button" class="primary" onClick={() => accept(o)}>
                  {t('accept')} <span class="visually-hidden">{when(o)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <h3>{t('myOffers')}</h3>
        {mine.length === 0 ? (
          <p class="muted">{t('noOffers')}</p>
        ) : (
          <ul class="shift-list">
            {mine.map((o) => (
              <li key={o.id} class="card shift">
                <strong>{when(o)}</strong>
                <span>
                  {t('to')}: {o.takerNurseName ?? o.toNurseName ?? t('anyone')} · {t(`offerStatus_${o.status}` as 'offerStatus_open')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </div>
  );
}

function Feed() {
  const feed = useLoad(() => answer(api.GET('/api/me/calendar')), []);
  const [note, setNote] = useState<Note | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const path = feed.data?.url;
  const url = path ? new URL(path, window.location.origin).toString() : '';
  // Calendar apps subscribe to webcal:// addresses (the same address, fetched over http(s)).
  const webcal = url.replace(/^https?:/, 'webcal:');

  useEffect(() => {
    if (!url) return;
    let current = true;
    toDataURL(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then(
      (data) => current && setQr(data),
      () => current && setQr(null),
    );
    return () => {
      current = false;
    };
  }, [url]);

  useEffect(() => {
    if (confirming && dialog.current && !dialog.current.open) dialog.current.showModal();
    if (!confirming && dialog.current?.open) dialog.current.close();
  }, [confirming]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setNote({ kind: 'ok', text: () => t('copied') });
    } catch {
      setNote({ kind: 'error', text: () => t('copyFailed') });
    }
  };
  const rotate = async () => {
    setConfirming(false);
    try {
      await answer(api.POST('/api/me/calendar/rotate'));
      feed.reload();
      setNote({ kind: 'ok', text: () => t('rotatedOk') });
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    }
  };
  return (
    <div>
      <h2>{t('feedTitle')}</h2>
      <p>{t('feedHelp')}</p>
      <LoadState loaded={feed}>
        <p>
          <a class="button-link primary" href={webcal}>
            {t('addToCalendar')}
          </a>
        </p>
        <label for="feed-url">{t('feedLink')}</label>
        <div class="copy-row">
          <input id="feed-url" type="text" readOnly value={url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="primary" onClick={copy}>
            {t('copy')}
          </button>
        </div>
        <Message note={note} />
        <h3>{t('stepsTitle')}</h3>
        <ul class="steps">
          <li>{t('stepsIphone')}</li>
          <li>{t('stepsGoogle')}</li>
          <li>{t('stepsOutlook')}</li>
        </ul>
        {qr && (
          <div class="qr-block">
            <p>{t('qrHelp')}</p>
            <img class="qr" src={qr} alt={t('qrAlt')} width={220} height={220} />
          </div>
        )}
        <p>
          <button type="button" onClick={() => setConfirming(true)}>
            {t('rotate')}
          </button>
        </p>
      </LoadState>
      <dialog ref={dialog} aria-labelledby="rotate-title" onClose={() => setConfirming(false)}>
        {confirming && (
          <form method="dialog" onSubmit={(e) => e.preventDefault()}>
            <h2 id="rotate-title">{t('confirmRotateTitle')}</h2>
            <p>{t('confirmRotateText')}</p>
            <div class="dialog-actions">
              <button type="button" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
              <button type="button" class="primary" onClick={rotate}>
                {t('confirmRotate')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </div>
  );
}
