import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, api, type Candidate, type Slot } from '../api';
import { duration, localDate, timeRange } from '../format';
import { countText, errorText, functionName, qualificationName, ruleText, t } from '../i18n';
import { LoadState, Message, type Note, useLoad, useRefusalInView } from './common';
import { withWarnings } from '../warnings';

export function statusLabel(status: Slot['status']): string {
  return t(status === 'open' ? 'statusOpen' : status === 'partial' ? 'statusPartial' : 'statusCovered');
}

/** Where a slot can be opened from: the calendar's event, or a row's "Invullen" button. */
function slotTrigger(slotId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-slot-id="${slotId}"], .fc-event[data-id="${slotId}"]`);
}

/**
 * Back to what opened the panel. The list it is in may still be loading (after a reload), so
 * this waits for it a little, as long as focus has not gone anywhere else meanwhile.
 */
function restoreFocus(slotId: string, tries = 0): void {
  const trigger = slotTrigger(slotId);
  if (trigger) return trigger.focus();
  const idle = !document.activeElement || document.activeElement === document.body;
  if (idle && tries < 60) setTimeout(() => restoreFocus(slotId, tries + 1), 50);
}

/** An assigned nurse being replaced: the candidates list then offers "Laat vervangen door". */
interface Replacing {
  assignmentId: string;
  nurseId: string;
  name: string;
}

/** A note that belongs to one person in the panel: the candidate clicked, or the nurse just assigned. */
interface PersonNote extends Note {
  nurseId: string;
}

/**
 * One slot: its nurses and its candidates. The answer to an action appears at the person it was
 * about and focus stays there; Esc closes the panel and focus returns to what opened it.
 */
export function SlotPanel({ slotId, zone, onChanged, onClose }: { slotId: string; zone: string; onChanged: () => void; onClose: () => void }) {
  const slot = useLoad(() => answer(api.GET('/api/slots/{id}', { params: { path: { id: slotId } } })), [slotId]);
  const [replacing, setReplacing] = useState<Replacing | null>(null);
  // While replacing, the candidates are judged as the replace request judges them (that place is free).
  const replacingId = replacing?.assignmentId;
  const candidates = useLoad(
    () => answer(api.GET('/api/slots/{id}/candidates', { params: { path: { id: slotId }, query: replacingId ? { replacing: replacingId } : {} } })),
    [slotId, replacingId],
  );
  const [note, setNote] = useState<PersonNote | null>(null);
  const candidatesHeading = useRef<HTMLHeadingElement>(null);
  const busy = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const assignedNote = useRef<HTMLParagraphElement>(null);
  // A refusal appears below the person clicked, which may be at the panel's bottom edge.
  const refusalNote = useRefusalInView<HTMLParagraphElement>(note);
  useEffect(() => heading.current?.focus(), [slotId]);
  useEffect(() => setReplacing(null), [slotId]);

  const close = () => {
    onClose();
    // After the panel is gone, back to the slot (or the row) that opened it.
    requestAnimationFrame(() => restoreFocus(slotId));
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slotId]);

  // A success moves the nurse from the candidates to the assigned list: focus follows to the note there.
  useEffect(() => {
    if (note && note.kind !== 'error' && assignedNote.current) assignedNote.current.focus();
  }, [note, slot.data]);

  const refresh = () => {
    slot.reload();
    candidates.reload();
    onChanged();
  };
  const assign = async (c: Candidate) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const made = await answer(api.POST('/api/slots/{id}/assignments', { params: { path: { id: slotId } }, body: { nurseId: c.nurseId } }));
      // Beyond her contract hours it is made all the same; the warning stays beside her name.
      const kind = made.warnings.length ? 'warning' : 'ok';
      setNote({ nurseId: c.nurseId, kind, text: () => withWarnings(t('assignedOk', { name: c.name }), made.warnings) });
      refresh();
    } catch (e) {
      setNote({ nurseId: c.nurseId, kind: 'error', text: () => `${t('refused')} ${c.name}. ${errorText(e, zone)}` });
    } finally {
      busy.current = false;
    }
  };
  const replace = async (c: Candidate, old: Replacing) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const made = await answer(api.POST('/api/assignments/{id}/replace', { params: { path: { id: old.assignmentId } }, body: { nurseId: c.nurseId } }));
      const kind = made.warnings.length ? 'warning' : 'ok';
      setNote({ nurseId: c.nurseId, kind, text: () => withWarnings(t('replacedOk', { name: c.name, old: old.name }), made.warnings) });
      setReplacing(null);
      refresh();
    } catch (e) {
      setNote({ nurseId: c.nurseId, kind: 'error', text: () => `${t('refusedReplace')} ${c.name}. ${errorText(e, zone)}` });
    } finally {
      busy.current = false;
    }
  };
  const startReplacing = (r: Replacing) => {
    setReplacing(r);
    setNote(null);
    // The candidates list now chooses the replacement: its heading says so and takes focus.
    requestAnimationFrame(() => candidatesHeading.current?.focus());
  };
  const stopReplacing = (r: Replacing) => {
    setReplacing(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-replace-assignment="${r.assignmentId}"]`)?.focus());
  };
  const unassign = async (id: string, nurseId: string, name: string) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await answer(api.DELETE('/api/assignments/{id}', { params: { path: { id } } }));
      setNote({ nurseId, kind: 'ok', text: () => t('unassignedOk', { name }) });
      refresh();
      heading.current?.focus();
    } catch (e) {
      setNote({ nurseId, kind: 'error', text: () => errorText(e, zone) });
    } finally {
      busy.current = false;
    }
  };

  const s = slot.data;
  const noteFor = (nurseId: string) => (note && note.nurseId === nurseId ? note : null);
  const unassignedNote =
    note && note.kind === 'ok' && !s?.assignments.some((a) => a.nurseId === note.nurseId) && !candidates.data?.some((c) => c.nurseId === note.nurseId);
  return (
    <section class="panel" aria-labelledby="slot-panel-title">
      <div class="panel-head">
        <h2 id="slot-panel-title" tabIndex={-1} ref={heading}>
          {s ? `${functionName(s.function)}, ${localDate(s.localDate)}` : t('slotPanel')}
        </h2>
        <button type="button" class="link-button" onClick={close} aria-keyshortcuts="Escape">
          {t('close')}
        </button>
      </div>
      <LoadState loaded={slot}>
        {s && (
          <>
            <p class="slot-when">
              <strong>{timeRange(s.start, s.end, zone)}</strong> ({duration(s.durationMinutes)}) ·{' '}
              <span class={`badge slot-${s.status}`}>
                {statusLabel(s.status)} {s.assignments.length}/{s.requiredNurses}
              </span>
            </p>
            <p class="muted">
              {s.dutyType === 'on-call' ? t('onCall') : t('shift')}
              {s.isHoliday ? ` · ${t('holiday')}` : ''} ·{' '}
              {t('required', { n: countText(s.requiredNurses, 'nurseOne', 'nurseMany'), q: s.requiredQualifications.map(qualificationName).join(', ') || '—' })}
            </p>
            {unassignedNote && <Message note={note} />}
            <h3>{t('assigned')}</h3>
            {s.assignments.length === 0 ? (
              <p class="muted">{t('nobodyAssigned')}</p>
            ) : (
              <ul class="people">
                {s.assignments.map((a) => (
                  <li key={a.id}>
                    <span>{a.nurseName}</span>
                    <span class="person-actions">
                      <button
                        type="button"
                        data-replace-assignment={a.id}
                        aria-pressed={replacing?.assignmentId === a.id}
                        onClick={() => startReplacing({ assignmentId: a.id, nurseId: a.nurseId, name: a.nurseName })}
                      >
                        {t('replace')} <span class="visually-hidden">{a.nurseName}</span>
                      </button>
                      <button type="button" onClick={() => unassign(a.id, a.nurseId, a.nurseName)}>
                        {t('unassign')} <span class="visually-hidden">{a.nurseName}</span>
                      </button>
                    </span>
                    {noteFor(a.nurseId) && (
                      <div class="person-note">
                        <p
                          class={`message message-${note!.kind}`}
                          role={note!.kind === 'error' ? 'alert' : 'status'}
                          tabIndex={-1}
                          ref={note!.kind !== 'error' ? assignedNote : refusalNote}
                        >
                          {note!.text()}
                        </p>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </LoadState>
      <h3 tabIndex={-1} ref={candidatesHeading}>
        {replacing ? t('replaceHeading', { name: replacing.name }) : t('candidates')}
      </h3>
      {replacing && (
        <p class="replace-hint">
          {t('replaceHint', { name: replacing.name })}{' '}
          <button type="button" class="link-button" onClick={() => stopReplacing(replacing)}>
            {t('replaceCancel')}
          </button>
        </p>
      )}
      <LoadState loaded={candidates}>
        {candidates.data && candidates.data.length === 0 && <p class="muted">{t('noCandidates')}</p>}
        <ul class="candidates">
          {(candidates.data ?? []).map((c) => (
            <li key={c.nurseId} class={c.violations.length ? 'candidate has-violations' : 'candidate'}>
              <div class="candidate-head">
                <strong>{c.name}</strong>
                <button type="button" class={c.violations.length ? 'breaks-rule' : 'primary'} onClick={() => (replacing ? replace(c, replacing) : assign(c))}>
                  {replacing ? (
                    <>
                      {t('replaceChoose')} <span class="visually-hidden">{`${c.name} ${t('replaceFor', { name: replacing.name })}`}</span>
                    </>
                  ) : (
                    <>
                      {t('assign')} <span class="visually-hidden">{c.name}</span>
                    </>
                  )}
                  {c.violations.length > 0 && (
                    <span class="button-note">
                      {' · '}
                      {c.violations.every((v) => v.rule === 'slot-full') ? t('slotIsFull') : countText(c.violations.length, 'breaksOne', 'breaksMany')}
                    </span>
                  )}
                </button>
              </div>
              <p class="muted small">
                {t('monthHours', { h: duration(c.monthMinutes) })} · {countText(c.nights16Weeks, 'nights16One', 'nights16Many')}
              </p>
              {c.violations.length === 0 ? (
                <p class="fits small">✓ {t('fits')}</p>
              ) : (
                <ul class="violations small">
                  {c.violations.map((v) => (
                    <li key={v.rule}>{ruleText(v, zone)}</li>
                  ))}
                </ul>
              )}
              {noteFor(c.nurseId) && (
                <div class="person-note" aria-live="polite">
                  <p ref={refusalNote} class={`message message-${note!.kind}`} role={note!.kind === 'error' ? 'alert' : 'status'}>
                    {note!.text()}
                  </p>
                </div>
              )}
            </li>
          ))}
        </ul>
      </LoadState>
    </section>
  );
}
