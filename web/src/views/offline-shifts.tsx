import { useEffect, useState } from 'preact/hooks';
import { inZone, localDate, timeRange } from '../format';
import { functionName, lang, useLang } from '../i18n';
import { keptShifts } from '../phone';

const ZONE = 'Europe/Amsterdam';
const TEXT = {
  nl: {
    title: 'Geen verbinding',
    help: 'Wijkwacht kan de dienst nu niet bereiken. Dit zijn uw diensten van de komende 14 dagen zoals deze telefoon ze het laatst zag.',
    none: 'Deze telefoon heeft geen diensten bewaard.',
    retry: 'Opnieuw proberen',
  },
  en: {
    title: 'No connection',
    help: 'Wijkwacht cannot reach the service now. These are your shifts of the next 14 days as this phone last saw them.',
    none: 'This phone has no shifts kept.',
    retry: 'Try again',
  },
};

/** Without network: the nurse's own shifts of the next 14 days that the service worker kept, to read. */
export function OfflineShifts({ onRetry }: { onRetry: () => void }) {
  useLang();
  const w = TEXT[lang.value];
  const [shifts, setShifts] = useState<Awaited<ReturnType<typeof keptShifts>>>(null);
  useEffect(() => {
    keptShifts().then(setShifts, () => setShifts(null));
  }, []);
  return (
    <section class="card" aria-labelledby="offline-title">
      <h1 id="offline-title">{w.title}</h1>
      <p>{w.help}</p>
      {!shifts?.length ? (
        <p class="muted">{w.none}</p>
      ) : (
        <ul class="shift-list">
          {shifts.map((s) => (
            <li key={s.id} class="card shift">
              <strong>{functionName(s.function)}</strong>
              <span>
                {localDate(inZone(s.start, ZONE).toISODate() ?? '')} · {timeRange(s.start, s.end, ZONE)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="primary" onClick={onRetry}>
        {w.retry}
      </button>
    </section>
  );
}
