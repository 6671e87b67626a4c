import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { addMonths, monthName } from '../format';
import { errorText, t } from '../i18n';

export interface Loaded<T> {
  data?: T;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps`; a later answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error: string | null; loading: boolean }>({ error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (e) => current && setState({ error: errorText(e), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export interface Note {
  /** `warning`: done, with something to know (a contract-hours warning, a rule a taker breaks). */
  kind: 'ok' | 'warning' | 'error';
  /** Called at render time, so the message follows a language switch. */
  text: () => string;
}

/**
 * A refusal may appear outside the part of the page or panel on screen (above a long list, below
 * the button at the bottom edge): it scrolls itself into view when it appears, without taking
 * focus, which stays on what the user pressed. Put the returned ref on the message's element.
 */
export function useRefusalInView<T extends HTMLElement>(note: Note | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (note?.kind === 'error') ref.current?.scrollIntoView({ block: 'nearest' });
  }, [note]);
  return ref;
}

/** The answer to the last action, read out by screen readers; a refusal is scrolled into view. */
export function Message({ note }: { note: Note | null }) {
  const ref = useRefusalInView<HTMLParagraphElement>(note);
  return (
    <div class="message-slot" aria-live="polite">
      {note && (
        <p ref={ref} class={`message message-${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'}>
          {note.text()}
        </p>
      )}
    </div>
  );
}

/**
 * What a load ended in: the content, or the failure in words with "Opnieuw proberen" (a failed
 * load never reads as "nothing planned"), or "Laden…" while the first answer is on its way.
 */
export function LoadState({ loaded, children }: { loaded: Loaded<unknown>; children: ComponentChildren }) {
  if (loaded.error)
    return (
      <div class="message message-error load-failed" role="alert">
        <p>
          {t('loadFailed')} {loaded.error}
        </p>
        <button type="button" onClick={loaded.reload} disabled={loaded.loading}>
          {t('retry')}
        </button>
      </div>
    );
  if (loaded.data === undefined) return <p class="muted">{t('loading')}</p>;
  return <>{children}</>;
}

export interface TabDef {
  id: string;
  label: string;
  /** A number beside the label ("Onbezet 4"); left out while unknown. */
  count?: number;
}

/** A row of buttons that switches the screen below; the current one is marked for assistive tech. */
export function Tabs({ tabs, current, onChange, label }: { tabs: TabDef[]; current: string; onChange: (id: string) => void; label: string }) {
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <button
          type="button"
          key={tab.id}
          class={tab.id === current ? 'tab tab-current' : 'tab'}
          aria-current={tab.id === current ? 'page' : undefined}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
          {tab.count !== undefined && <span class="tab-count"> {tab.count}</span>}
        </button>
      ))}
    </nav>
  );
}

/** A role's screen: its heading (plus anything beside it), the row of tabs, and the current tab. */
export function ViewFrame(props: {
  id: string;
  title: string;
  beside?: ComponentChildren;
  tabs: TabDef[];
  current: string;
  onChange: (id: string) => void;
  children: ComponentChildren;
}) {
  return (
    <section class="view" aria-labelledby={props.id}>
      <div class="view-head">
        <h1 id={props.id}>{props.title}</h1>
        {props.beside}
      </div>
      <Tabs label={t('mainNav')} tabs={props.tabs} current={props.current} onChange={props.onChange} />
      {props.children}
    </section>
  );
}

/** ‹ month › with the month's name between. */
export function MonthPicker({ month, setMonth }: { month: string; setMonth: (m: string) => void }) {
  return (
    <div class="month-picker">
      <button type="button" onClick={() => setMonth(addMonths(month, -1))} aria-label={`${t('month')} −1`}>
        ‹
      </button>
      <span class="month-label">{monthName(month)}</span>
      <button type="button" onClick={() => setMonth(addMonths(month, 1))} aria-label={`${t('month')} +1`}>
        ›
      </button>
    </div>
  );
}
