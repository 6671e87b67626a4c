import { useState } from 'preact/hooks';
import { dropPendingAction, type PendingAction, pendingAction, redoPendingAction } from '../api';
import { errorText, lang } from '../i18n';

/**
 * What became of an action the service refused because the session had ended (kept by api.ts):
 * before signing in, which action waits; after, "Opnieuw proberen" sends it again, or, where it
 * cannot simply be sent again, the user is told what was not saved.
 */
const ACTIONS: Record<string, { nl: string; en: string }> = {
  'POST /api/slots/{id}/assignments': { nl: 'het inplannen', en: 'the assignment' },
  'DELETE /api/assignments/{id}': { nl: 'het uitplannen', en: 'the unassignment' },
  'POST /api/assignments/{id}/offers': { nl: 'het aanbieden van de dienst', en: 'offering the shift' },
  'POST /api/assignments/{id}/replace': { nl: 'het vervangen', en: 'the replacement' },
  'POST /api/offers/{id}/accept': { nl: 'het overnemen van de dienst', en: 'taking over the shift' },
  'POST /api/offers/{id}/approve': { nl: 'het goedkeuren van de ruil', en: 'approving the swap' },
  'POST /api/offers/{id}/reject': { nl: 'het afwijzen van de ruil', en: 'rejecting the swap' },
  'POST /api/offers/{id}/withdraw': { nl: 'het intrekken van het aanbod', en: 'withdrawing the offer' },
  'POST /api/nurses/{id}/absences': { nl: 'het vastleggen van de afwezigheid', en: 'recording the absence' },
  'DELETE /api/absences/{id}': { nl: 'het verwijderen van de afwezigheid', en: 'removing the absence' },
  'POST /api/fee-statements': { nl: 'het berekenen van de afrekening', en: 'computing the fee statement' },
  'POST /api/fee-statements/{id}/finalize': { nl: 'het definitief maken van de afrekening', en: 'finalizing the fee statement' },
  'POST /api/me/wishes': { nl: 'het opslaan van uw wens', en: 'saving your wish' },
  'DELETE /api/wishes/{id}': { nl: 'het verwijderen van uw wens', en: 'removing your wish' },
  'POST /api/roster-plans': { nl: 'het maken van het roostervoorstel', en: 'making the roster proposal' },
  'POST /api/roster-plans/{id}/apply': { nl: 'het toepassen van het roostervoorstel', en: 'applying the roster proposal' },
  'DELETE /api/roster-plans/{id}': { nl: 'het weggooien van het roostervoorstel', en: 'discarding the roster proposal' },
  'POST /api/requests/{id}/acknowledge': { nl: 'het aannemen van de oproep', en: 'acknowledging the request' },
  'POST /api/requests/{id}/resolve': { nl: 'het afronden van de oproep', en: 'resolving the request' },
  'POST /api/me/calendar/rotate': { nl: 'het maken van een nieuwe agendalink', en: 'making a new calendar link' },
  'POST /api/nurses/{id}/sign-in-links': { nl: 'het maken van de inloglink', en: 'making the sign-in link' },
  'DELETE /api/me/sessions/{id}': { nl: 'het beëindigen van de sessie', en: 'ending the session' },
};

const TEXT = {
  nl: {
    expired: 'Uw sessie is verlopen; log opnieuw in om {action} af te ronden.',
    waiting: 'Nog niet opgeslagen: {action}, omdat uw sessie was verlopen.',
    notRedoable: 'Niet opgeslagen: {action}, omdat uw sessie was verlopen. Doe het opnieuw.',
    retry: 'Opnieuw proberen',
    drop: 'Laten vallen',
    close: 'Sluiten',
    done: 'Gelukt: {action} is alsnog opgeslagen.',
    fallback: 'uw laatste wijziging',
  },
  en: {
    expired: 'Your session has expired; sign in again to finish {action}.',
    waiting: 'Not saved yet: {action}, because your session had expired.',
    notRedoable: 'Not saved: {action}, because your session had expired. Please do it again.',
    retry: 'Try again',
    drop: 'Let it go',
    close: 'Close',
    done: 'Done: {action} has been saved after all.',
    fallback: 'your last change',
  },
};

function actionName(a: PendingAction): string {
  return ACTIONS[a.action]?.[lang.value] ?? TEXT[lang.value].fallback;
}

function say(key: keyof (typeof TEXT)['nl'], a: PendingAction): string {
  return TEXT[lang.value][key].replace('{action}', actionName(a));
}

/** Above the sign-in form: which action waits for the new sign-in. */
export function PendingActionBeforeSignIn() {
  const action = pendingAction.value;
  if (!action) return null;
  return (
    <p class="message message-error pending-action" role="alert">
      {say('expired', action)}
    </p>
  );
}

/** Signed in again: offer the action once more (`onRedone` refreshes the screens), or say what was not saved. */
export function PendingActionAfterSignIn({ onRedone }: { onRedone: () => void }) {
  const action = pendingAction.value;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const text = TEXT[lang.value];
  const redo = async (a: PendingAction) => {
    setBusy(true);
    try {
      await redoPendingAction();
      setResult({ kind: 'ok', text: say('done', a) });
      onRedone();
    } catch (e) {
      setResult({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  if (!action) {
    return result?.kind === 'ok' ? (
      <p class="message message-ok pending-action" role="status">
        {result.text}
      </p>
    ) : null;
  }
  return (
    <div class="message message-error pending-action" role="alert">
      <p>{say(action.redoable ? 'waiting' : 'notRedoable', action)}</p>
      {result?.kind === 'error' && <p>{result.text}</p>}
      <div class="shift-actions">
        {action.redoable && (
          <button type="button" class="primary" disabled={busy} onClick={() => redo(action)}>
            {text.retry}
          </button>
        )}
        <button type="button" disabled={busy} onClick={dropPendingAction}>
          {action.redoable ? text.drop : text.close}
        </button>
      </div>
    </div>
  );
}
