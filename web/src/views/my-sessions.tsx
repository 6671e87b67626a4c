import { DateTime } from 'luxon';
import './my-sessions.css';
import { useState } from 'preact/hooks';
import { answer, api, type Schemas } from '../api';
import { LoadState, Message, type Note, useLoad } from '../components/common';
import { endSession } from '../components/sign-in';
import { errorText, lang } from '../i18n';
import { navigate } from '../router';
import { st } from './my-sessions-texts';

/** The view id in the address: `/sessies`. */
export const MY_SESSIONS_VIEW = 'sessies';

type Session = Schemas['SessionResponse'];

/** An instant as the service wrote it (in its offset), as people read it: `ma 23 nov 14:35`. */
function when(iso: string): string {
  const d = DateTime.fromISO(iso, { setZone: true }).setLocale(lang.value === 'en' ? 'en-GB' : 'nl-NL');
  return `${d.toFormat('ccc d LLL').replace('.', '')} ${d.toFormat('HH:mm')}`;
}

/** A browser's self-description shortened to what a person recognises. */
function deviceName(userAgent: string | null): string {
  if (!userAgent) return st('unknownDevice');
  const os = /iPhone|iPad|Android|Windows|Mac OS X|Linux/.exec(userAgent)?.[0]?.replace('Mac OS X', 'macOS');
  const browser = /Edg|Firefox|Chrome|Safari/.exec(userAgent)?.[0]?.replace('Edg', 'Edge');
  return [browser, os].filter(Boolean).join(' · ') || userAgent.slice(0, 60);
}

/**
 * "Mijn sessies": the caller's sessions (GET /api/me/sessions) with the current one marked; any
 * of them can be ended (DELETE /api/me/sessions/:id). Ending the current one signs this device out.
 */
export function MySessions() {
  const loaded = useLoad(() => answer(api.GET('/api/me/sessions')), []);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const end = async (session: Session) => {
    setBusy(session.id);
    setNote(null);
    try {
      if (session.current) {
        // Signing this device out is signing out: the service ends the session (and, where the
        // person signed in through an identity provider, sends the browser there to sign out too).
        window.location.assign(await endSession());
        return;
      }
      await answer(api.DELETE('/api/me/sessions/{id}', { params: { path: { id: session.id } } }));
      setNote({ kind: 'ok', text: () => st('ended') });
      loaded.reload();
    } catch (e) {
      setNote({ kind: 'error', text: () => errorText(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card my-sessions" aria-labelledby="my-sessions-title">
      <h1 id="my-sessions-title">{st('title')}</h1>
      <p>{st('help')}</p>
      <Message note={note} />
      <LoadState loaded={loaded}>
        {loaded.data?.length === 0 ? (
          <p class="muted">{st('none')}</p>
        ) : (
          <ul class="session-list" aria-label={st('caption')}>
            {loaded.data?.map((s) => (
              <li key={s.id} class={s.current ? 'session current' : 'session'}>
                <p class="session-name">
                  <strong>{deviceName(s.userAgent)}</strong>
                  {s.current && <span class="badge"> ({st('current')})</span>}
                </p>
                <dl>
                  <dt>{st('kind')}</dt>
                  <dd>{s.kind === 'device' ? st('kindDevice') : st('kindOidc')}</dd>
                  <dt>{st('created')}</dt>
                  <dd>{when(s.createdAt)}</dd>
                  <dt>{st('lastUsed')}</dt>
                  <dd>{when(s.lastUsedAt)}</dd>
                  <dt>{st('expires')}</dt>
                  <dd>{when(s.expiresAt)}</dd>
                </dl>
                <button type="button" onClick={() => void end(s)} disabled={busy !== null}>
                  {s.current ? st('endCurrent') : st('end')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <p>
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate({ view: '' });
          }}
        >
          {st('back')}
        </a>
      </p>
    </section>
  );
}
