import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { answer, api, type Offer } from '../api';
import { RosterCalendar } from '../components/calendar';
import { LoadState, Message, type Note, useLoad, ViewFrame } from '../components/common';
import { errorText, functionName, lang, t } from '../i18n';
import { duration, localDate, plusDays, timeRange, today } from '../format';
import { type Reference, zoneOf } from '../reference';
import { NursePages } from './nurse-pages';

const ZONE = 'Europe/Amsterdam';

/** The nurse's own view, made for a phone: shifts, offers to take over, and the calendar link. */
export function NurseView({ reference }: { reference: Reference }) {
  const [tab, setTab] = useState('shifts');
  return (
    <ViewFrame
      id="nurse-title"
      title={reference.me.name}
      current={tab}
      onChange={setTab}
      tabs={[
        { id: 'shifts', label: t('tabMyShifts') },
        { id: 'offers', label: t('tabMyOffers') },
        { id: 'feed', label: t('tabFeed') },
        { id: 'pages', label: lang.value === 'en' ? 'Pages' : 'Oproepen' },
      ]}
    >
      {tab === 'shifts' && <MyShifts reference={reference} />}
      {tab === 'offers' && <MyOffers reference={reference} />}
      {tab === 'feed' && <Feed />}
      {tab === 'pages' && <NursePages zone={ZONE} />}
    </ViewFrame>
  );
}

function MyShifts({ reference }: { reference: Reference }) {
  const [mode, setMode] = useState<'list' | 'calendar'>('list');
  const from = today(ZONE);
  const to = plusDays(from, 55);
  const shifts = useLoad(() => answer(api.GET('/api/me/shifts', { params: { query: { from, to } } })), [from]);
  const region = (code: string) => reference.regions.get(code)?.name ?? code;
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

function MyOffers({ reference }: { reference: Reference }) {
  const offers = useLoad(() => answer(api.GET('/api/offers')), []);
  const [note, setNote] = useState<Note | null>(null);
  const me = reference.me.nurseId;
  const forMe = (offers.data ?? []).filter((o) => o.status === 'open' && o.fromNurseId !== me);
  const mine = (offers.data ?? []).filter((o) => o.fromNurseId === me || o.takerNurseId === me);
  const accept = async (o: Offer) => {
    try {
      const res = await answer(api.POST('/api/offers/{id}/accept', { params: { path: { id: o.id } } }));
      setNote({ kind: 'ok', text: () => (res.status === 'approved' ? t('acceptedApprovedOk') : t('acceptedOk')) });
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
  const path = feed.data?.url;
  const url = path ? new URL(path, window.location.origin).toString() : '';

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

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setNote({ kind: 'ok', text: () => t('copied') });
    } catch {
      setNote({ kind: 'error', text: () => t('copyFailed') });
    }
  };
  const rotate = async () => {
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
        <label for="feed-url">{t('feedLink')}</label>
        <div class="copy-row">
          <input id="feed-url" type="text" readOnly value={url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="primary" onClick={copy}>
            {t('copy')}
          </button>
        </div>
        <Message note={note} />
        {qr && <img class="qr" src={qr} alt={t('qrAlt')} width={220} height={220} />}
        <p>
          <button type="button" onClick={rotate}>
            {t('rotate')}
          </button>
        </p>
      </LoadState>
    </div>
  );
}
