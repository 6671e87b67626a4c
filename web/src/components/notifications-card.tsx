import { useEffect, useState } from 'preact/hooks';
import { lang, useLang } from '../i18n';
import { type PushState, pushState, turnOffPush, turnOnPush } from '../phone';

const TEXT = {
  nl: {
    title: 'Meldingen op deze telefoon',
    ask: 'Zet meldingen aan, dan ziet u een acute oproep ook als de app dicht is en de telefoon op slot: met “Ik ga” neemt u hem aan zonder de app te openen.',
    turnOn: 'Meldingen aanzetten',
    on: 'Meldingen staan aan op deze telefoon.',
    turnOff: 'Meldingen uitzetten',
    denied:
      'Deze browser mag geen meldingen tonen. Zet ze aan in de instellingen: Android (Chrome): tik op het slotje of de ⋮ naast het adres › Machtigingen › Meldingen › Toestaan. iPhone: Instellingen › Meldingen › Wijkwacht › Sta meldingen toe. Kom daarna hier terug.',
    unsupported:
      'Deze browser kan geen meldingen ontvangen. Op een iPhone (iOS 16.4 of nieuwer): open Wijkwacht in Safari, tik op Deel › Zet op beginscherm, open de app vanaf het beginscherm en zet hier de meldingen aan.',
    off: 'Meldingen zijn voor deze Wijkwacht niet ingesteld; u krijgt oproepen in de app en, na een tijdje zonder antwoord, per sms.',
    failed: 'Aanzetten lukte niet. Probeer het nog eens; lukt het niet, dan krijgt u oproepen in de app en per sms.',
    busy: 'Bezig…',
  },
  en: {
    title: 'Notifications on this phone',
    ask: "Turn notifications on to see an acute page even when the app is closed and the phone is locked: “I'm going” takes it without opening the app.",
    turnOn: 'Turn notifications on',
    on: 'Notifications are on for this phone.',
    turnOff: 'Turn notifications off',
    denied:
      'This browser may not show notifications. Allow them in its settings: Android (Chrome): tap the lock or ⋮ next to the address › Permissions › Notifications › Allow. iPhone: Settings › Notifications › Wijkwacht › Allow Notifications. Then come back here.',
    unsupported:
      'This browser cannot receive notifications. On an iPhone (iOS 16.4 or later): open Wijkwacht in Safari, tap Share › Add to Home Screen, open the app from the home screen and turn notifications on here.',
    off: 'Notifications are not set up for this Wijkwacht; you get pages in the app and, after a while without an answer, by SMS.',
    failed: 'Turning them on did not work. Try again; if it keeps failing, you get pages in the app and by SMS.',
    busy: 'Working…',
  },
};

/**
 * "Meldingen aanzetten": the step that asks for permission, only when the nurse taps it (never on
 * load), and what to do when the browser refuses or cannot (an iPhone needs the app on its home
 * screen first).
 */
export function NotificationsCard() {
  useLang();
  const w = TEXT[lang.value];
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    pushState().then(setState, () => setState('unsupported'));
  }, []);
  if (state === null) return null;
  const act = async (work: () => Promise<PushState>) => {
    setBusy(true);
    setState(await work().catch((): PushState => 'failed'));
    setBusy(false);
  };
  return (
    <section class="card notifications-card" aria-labelledby="notifications-title" data-push={state}>
      <h3 id="notifications-title">{w.title}</h3>
      {state === 'ask' && <p>{w.ask}</p>}
      {state === 'on' && <p>{w.on}</p>}
      {state === 'denied' && <p>{w.denied}</p>}
      {state === 'unsupported' && <p>{w.unsupported}</p>}
      {state === 'off' && <p class="muted">{w.off}</p>}
      {state === 'failed' && (
        <p class="message message-error" role="alert">
          {w.failed}
        </p>
      )}
      {(state === 'ask' || state === 'failed') && (
        <button type="button" class="primary" disabled={busy} onClick={() => act(turnOnPush)}>
          {busy ? w.busy : w.turnOn}
        </button>
      )}
      {state === 'on' && (
        <button type="button" disabled={busy} onClick={() => act(turnOffPush)}>
          {w.turnOff}
        </button>
      )}
    </section>
  );
}
