import { useState } from 'preact/hooks';
import { answer, api, ApiError } from '../api';
import { LoadState, Message, type Note, useLoad } from '../components/common';
import { errorText } from '../i18n';
import { localDate, plusDays, today } from '../format';
import { pt } from './roster-plan-texts';
import './roster-plan.css';

const ZONE = 'Europe/Amsterdam';

/** The nurse tab's label ("Liever niet"), in the current language. */
export const wishesTabLabel = () => pt('tabWishes');

/**
 * The nurse's own wishes: days on which she would rather not start a duty. She lists the coming
 * ones, marks a day (`POST /api/me/wishes`) and withdraws one (`DELETE /api/wishes/:id`).
 */
export function MyWishes() {
  const from = today(ZONE);
  const wishes = useLoad(() => answer(api.GET('/api/me/wishes', { params: { query: { from } } })), [from]);
  const [date, setDate] = useState(plusDays(from, 1));
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const sorted = [...(wishes.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  const add = async (e: Event) => {
    e.preventDefault();
    // Checked here so that the answer is in the user's language, not the server's.
    if (!date || date < from) {
      setNote({ kind: 'error', text: () => pt(date ? 'wishDatePast' : 'wishDateRequired') });
      return;
    }
    setBusy(true);
    try {
      const made = await answer(api.POST('/api/me/wishes', { body: { date, kind: 'rather-not' } }));
      setNote({ kind: 'ok', text: () => pt('wishAdded', { date: localDate(made.date) }) });
      wishes.reload();
    } catch (err) {
      setNote({ kind: 'error', text: () => (err instanceof ApiError && err.status === 409 ? pt('wishExists') : errorText(err)) });
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (id: string, day: string) => {
    setBusy(true);
    try {
      await answer(api.DELETE('/api/wishes/{id}', { params: { path: { id } } }));
      setNote({ kind: 'ok', text: () => pt('wishWithdrawn', { date: localDate(day) }) });
      wishes.reload();
    } catch (err) {
      setNote({ kind: 'error', text: () => errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h2>{pt('wishesTitle')}</h2>
      <p class="muted">{pt('wishesHelp')}</p>
      <form class="card form-row wish-form" onSubmit={add} noValidate>
        <label>
          {pt('wishDate')}
          <input type="date" required min={from} value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {pt('addWish')}
        </button>
      </form>
      <Message note={note} />
      <LoadState loaded={wishes}>
        {sorted.length === 0 ? (
          <p class="muted">{pt('noWishes')}</p>
        ) : (
          <ul class="shift-list wish-list">
            {sorted.map((w) => (
              <li key={w.id} class="card shift">
                <strong>{localDate(w.date)}</strong>
                <button type="button" disabled={busy} onClick={() => withdraw(w.id, w.date)}>
                  {pt('withdraw')} <span class="visually-hidden">{localDate(w.date)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </div>
  );
}
