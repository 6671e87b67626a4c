import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, api, type Me, type Schemas } from '../api';
import { errorText, functionName, lang, useLang } from '../i18n';
import { pageEvents, requestEvents } from '../phone';
import { navigate } from '../router';

/** A page for an acute request (a page about a referral is listed on the pages view, not in this banner). */
type MyPage = Schemas['MyPageResponse'] & { request: NonNullable<Schemas['MyPageResponse']['request']> };

const TEXT = {
  nl: {
    one: 'Acute oproep',
    more: '{n} acute oproepen',
    line: '{function} · postcode {postcode} · {urgency}',
    others: 'en {n} andere',
    go: 'Ik ga',
    arrange: 'Ik regel het',
    view: 'Bekijk',
    urgency: { immediate: 'direct', 'within-2h': 'binnen 2 uur', 'same-day': 'vandaag' } as Record<string, string>,
  },
  en: {
    one: 'Acute page',
    more: '{n} acute pages',
    line: '{function} · postcode {postcode} · {urgency}',
    others: 'and {n} more',
    go: "I'm going",
    arrange: "I'll arrange it",
    view: 'View',
    urgency: { immediate: 'immediate', 'within-2h': 'within 2 hours', 'same-day': 'today' } as Record<string, string>,
  },
};
const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/** The caller's acute pages still waiting for an answer (their request paging or escalated), one per request, newest first. */
async function openPages(): Promise<MyPage[]> {
  const lists = await Promise.all((['paging', 'escalated'] as const).map((status) => answer(api.GET('/api/me/pages', { params: { query: { status } } }))));
  const seen = new Set<string>();
  return lists
    .flat()
    .filter((p): p is MyPage => p.request !== null)
    .sort((a, b) => Date.parse(b.pagedAt) - Date.parse(a.pagedAt) || a.id.localeCompare(b.id))
    .filter((p) => !seen.has(p.request.id) && seen.add(p.request.id));
}

// ---- the title, the icon and the sound ---------------------------------------------------------

const FAVICON = '/icons/favicon-32.png';

/** The tab's icon with the count in a red dot (a data: image, which the content security policy allows). */
function drawIcon(count: number): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) return;
  if (count === 0) {
    link.href = FAVICON;
    return;
  }
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.drawImage(image, 0, 0, 32, 32);
    g.fillStyle = '#b42318';
    g.beginPath();
    g.arc(22, 10, 10, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = 'bold 14px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(count > 9 ? '9+' : String(count), 22, 11);
    link.href = canvas.toDataURL('image/png');
  };
  image.src = FAVICON;
}

let audio: AudioContext | null = null;
/** Browsers let a page play sound only after the person has interacted with it: the context is made on the first tap or key. */
function unlockSound(): void {
  const unlock = () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      audio = null;
    }
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

/** Three short tones, where the browser allows sound (else nothing: the banner and the title still say it). */
function chime(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  [0, 0.25, 0.5].forEach((offset, i) => {
    const tone = audio!.createOscillator();
    const volume = audio!.createGain();
    tone.frequency.value = i === 2 ? 1175 : 880;
    volume.gain.setValueAtTime(0.0001, start + offset);
    volume.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
    tone.connect(volume).connect(audio!.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.22);
  });
}

/**
 * On every view, while a nurse (or a coordinator paged at step 3) has a page waiting for an
 * answer: a banner with "Ik ga" and "Bekijk", the count in the tab's title and icon (and on the
 * installed app's icon where the browser has the Badging API), and a chime when a new one comes.
 * It follows the app's one live stream, so a page shows within a second of being sent.
 */
export function PageAlerts({ me }: { me: Me }) {
  useLang();
  const w = TEXT[lang.value];
  const [pages, setPages] = useState<MyPage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const known = useRef<Set<string> | null>(null);
  // A new page, or a change to a request it was paged for (a colleague took it): the list again.
  const events = pageEvents.value + requestEvents.value;
  useEffect(unlockSound, []);
  useEffect(() => {
    let current = true;
    openPages().then(
      (list) => {
        if (!current) return;
        const ids = new Set(list.map((p) => p.request.id));
        // A request not seen before (after the first load): the chime.
        if (known.current && [...ids].some((id) => !known.current!.has(id))) chime();
        known.current = ids;
        setPages(list);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [events]);
  const count = pages.length;
  useEffect(() => {
    document.title = count ? `(${count}) Wijkwacht` : 'Wijkwacht';
    drawIcon(count);
    const badging = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
    void (count ? badging.setAppBadge?.(count) : badging.clearAppBadge?.())?.catch(() => undefined);
  }, [count]);
  useEffect(
    () => () => {
      document.title = 'Wijkwacht';
      drawIcon(0);
    },
    [],
  );
  if (!count) return null;
  const first = pages[0];
  const r = first.request;
  const go = async () => {
    setError(null);
    try {
      await answer(api.POST('/api/requests/{id}/acknowledge', { params: { path: { id: r.id } }, body: { via: 'app' } }));
      setPages((list) => list.filter((p) => p.request.id !== r.id));
      pageEvents.value++;
    } catch (e) {
      setError(errorText(e));
      pageEvents.value++;
    }
  };
  return (
    <section class="page-alert" role="alert" aria-labelledby="page-alert-title" data-request={r.id}>
      <p id="page-alert-title" class="page-alert-title">
        <span aria-hidden="true">⚠ </span>
        {count === 1 ? w.one : fill(w.more, { n: count })}
      </p>
      <p class="page-alert-line">
        {fill(w.line, { function: functionName(r.function), postcode: r.postcode, urgency: w.urgency[r.urgency] ?? r.urgency })}
        {count > 1 ? ` · ${fill(w.others, { n: count - 1 })}` : ''}
      </p>
      <div class="toolbar">
        <button type="button" class="primary" onClick={go}>
          {me.role === 'coordinator' ? w.arrange : w.go}
        </button>
        <button type="button" onClick={() => navigate({ view: me.role === 'nurse' ? 'oproepen' : 'onbezet', query: { verzoek: r.id } })}>
          {w.view}
        </button>
      </div>
      {error && <p class="message message-error">{error}</p>}
    </section>
  );
}
