import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Router } from 'preact-router';
import { answer, api, ApiError, bearer, claimPendingAction, dropPendingAction, type Me, setSignedInUser, SIGNED_OUT, storedToken, storeToken } from './api';
import { Tabs } from './components/common';
import { PendingActionAfterSignIn, PendingActionBeforeSignIn } from './components/pending-action';
import { endSession, PeopleSignIn, sessionCsrf, sessionMe, signedInBySession } from './components/sign-in';
import { errorText, lang, setLang, t, useLang } from './i18n';
import { loadReference, type Reference } from './reference';
import './styles.css';
import { currentPage, forgetRememberedPage, rememberPage, takeRememberedPage } from './return-path';
import { followRoute, navigate, place, replacePlace } from './router';
import { CoordinatorView } from './views/coordinator';
import { INSURER_VIEWS, InsurerView } from './views/insurer';
import { MY_SESSIONS_VIEW, MySessions } from './views/my-sessions';
import { st } from './views/my-sessions-texts';
import { NurseView } from './views/nurse';

api.use(sessionCsrf);

function SignIn({ onSignedIn, ended }: { onSignedIn: (me: Me) => void; ended: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const value = token.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      const me = await answer(api.GET('/api/me', { headers: bearer(value) }));
      storeToken(value);
      onSignedIn(me);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('unknownToken') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card sign-in" onSubmit={submit}>
      <h1>{t('signInTitle')}</h1>
      {ended && (
        <p class="message message-error" role="alert">
          {t('sessionEnded')}
        </p>
      )}
      <p>{t('signInHelp')}</p>
      <label for="token">{t('tokenLabel')}</label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="off"
        spellcheck={false}
        value={token}
        onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        required
      />
      <button type="submit" class="primary" disabled={busy}>
        {t('signIn')}
      </button>
      {error && (
        <p class="message message-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function roleLabel(role: Me['role']): string {
  return t(role === 'admin' ? 'roleAdmin' : role === 'coordinator' ? 'roleCoordinator' : role === 'insurer' ? 'roleInsurer' : 'roleNurse');
}

/**
 * Each role's screens. A role's views are named by the first path segment (`/rooster`,
 * `/vergoedingen`, …); a new role screen is one more line here, a new view one more id in the
 * view's own list.
 */
function Board({ reference }: { reference: Reference }) {
  const adminTab = (INSURER_VIEWS as readonly string[]).includes(place.value.view) ? 'insurer' : 'coordinator';
  const role = reference.me.role;
  if (place.value.view === MY_SESSIONS_VIEW) return <MySessions />;
  if (role === 'coordinator') return <CoordinatorView reference={reference} />;
  if (role === 'insurer') return <InsurerView reference={reference} />;
  if (role === 'nurse') return <NurseView reference={reference} />;
  return (
    <>
      <Tabs
        label={t('adminNav')}
        tabs={[
          { id: 'coordinator', label: t('tabBoard') },
          { id: 'insurer', label: t('tabInsurer') },
        ]}
        current={adminTab}
        onChange={(id) => navigate({ view: id === 'insurer' ? INSURER_VIEWS[0] : '' })}
      />
      {adminTab === 'coordinator' ? <CoordinatorView reference={reference} /> : <InsurerView reference={reference} />}
    </>
  );
}

/** The one route: every address shows the board, which reads its place from the address. */
function BoardRoute({ reference }: { reference: Reference; default?: boolean }) {
  return <Board reference={reference} />;
}

function App() {
  useLang();
  const [reference, setReference] = useState<Reference | null>(null);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const enter = async (me: Me) => {
    setSignedInUser(me.id);
    claimPendingAction(me.id);
    try {
      setReference(await loadReference(me));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const [ended, setEnded] = useState(false);
  const [screens, setScreens] = useState(0);
  const [signedOutOnPurpose, setSignedOutOnPurpose] = useState(false);
  const signInShown = !checking && !reference && !error;
  // The sign-in form on a shared link's page: remember it for a one-time link, which lands on /.
  useEffect(() => {
    if (signInShown && !signedOutOnPurpose) rememberPage();
  }, [signInShown, signedOutOnPurpose]);
  useEffect(() => {
    const onSignedOut = () => {
      setReference(null);
      setEnded(true);
    };
    window.addEventListener(SIGNED_OUT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT, onSignedOut);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang.value;
    if (!storedToken()) {
      // Signed in as a person (identity provider or a phone's one-time link)?
      sessionMe()
        .then(
          (me) => {
            if (!me) return undefined;
            // Signed in by a phone's one-time link, which lands on /: on to the page remembered
            // when the sign-in form was shown (the identity provider brings its own returnTo).
            const remembered = takeRememberedPage();
            if (remembered && currentPage() === '/') replacePlace(remembered);
            return enter(me);
          },
          () => undefined,
        )
        .finally(() => setChecking(false));
      return;
    }
    answer(api.GET('/api/me'))
      .then(enter, (e: unknown) => {
        // A stored token the service no longer takes: say so above the sign-in form.
        if (e instanceof ApiError && e.status === 401) setEnded(true);
        else setError(errorText(e));
        storeToken(null);
      })
      .finally(() => setChecking(false));
  }, []);

  const signOut = async () => {
    const next = signedInBySession() ? await endSession() : '/';
    // Signing out on purpose: nothing of this user's stays for the next one.
    dropPendingAction();
    forgetRememberedPage();
    setSignedOutOnPurpose(true);
    setSignedInUser(null);
    storeToken(null);
    setReference(null);
    setEnded(false);
    // Signed in through the organisation's identity provider: it signs the person out too.
    if (next !== '/') window.location.assign(next);
  };

  return (
    <>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ◐
          </span>
          <span>
            <strong>{t('appName')}</strong> <span class="tagline">{t('tagline')}</span>
          </span>
        </div>
        <div class="top-actions">
          {reference && (
            <span class="who">
              {reference.me.name} · {roleLabel(reference.me.role)}
            </span>
          )}
          <button
            type="button"
            class="link-button"
            lang={lang.value === 'nl' ? 'en' : 'nl'}
            aria-label={t('switchLanguageLabel')}
            onClick={() => setLang(lang.value === 'nl' ? 'en' : 'nl')}
          >
            {t('switchLanguage')}
          </button>
          {reference && (
            <a class="link-button" href={`/${MY_SESSIONS_VIEW}`} aria-current={place.value.view === MY_SESSIONS_VIEW ? 'page' : undefined}>
              {st('link')}
            </a>
          )}
          {reference && (
            <button type="button" class="link-button" onClick={signOut}>
              {t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {error && (
          <p class="message message-error" role="alert">
            {error}
          </p>
        )}
        {checking ? (
          <p class="muted">{t('loading')}</p>
        ) : reference ? (
          <>
            <PendingActionAfterSignIn onRedone={() => setScreens((n) => n + 1)} />
            {/* A redone action changed data the open screens had loaded: they load again. */}
            <Router key={screens} onChange={followRoute}>
              <BoardRoute default reference={reference} />
            </Router>
          </>
        ) : (
          <>
            <PendingActionBeforeSignIn />
            <PeopleSignIn
              tokenForm={
                <SignIn
                  ended={ended}
                  onSignedIn={(me) => {
                    setEnded(false);
                    setSignedOutOnPurpose(false);
                    // A token sign-in stays on the page it was made on.
                    forgetRememberedPage();
                    void enter(me);
                  }}
                />
              }
            />
          </>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
