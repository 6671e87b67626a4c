import type { Schemas } from './api';
import { duration, localDate } from './format';
import { t } from './i18n';

/** Something the service did all the same but wants known (api.md: `warnings`), e.g. contract-hours. */
export type Warning = Schemas['WarningDto'];

/** The full-time week that counts for a nurse without contract hours (domain.md). */
const FULL_TIME_MINUTES = 2160;

/** A warning in the screen's language; one the web app has no words for is shown as the service wrote it. */
export function warningText(w: Warning): string {
  if (w.rule === 'contract-hours' && w.weekFrom && w.weekTo && typeof w.shiftMinutes === 'number') {
    const contract = w.contractMinutesPerWeek ?? null;
    return t('contractHoursWarning', {
      from: localDate(w.weekFrom),
      to: localDate(w.weekTo),
      worked: duration(w.shiftMinutes),
      over: duration(w.shiftMinutes - (contract ?? FULL_TIME_MINUTES)),
      contract: contract === null ? t('contractHoursUnset') : t('contractPerWeek', { h: duration(contract) }),
    });
  }
  return w.message;
}

/** A success sentence followed by its warnings, if any. */
export function withWarnings(text: string, warnings: readonly Warning[] | undefined): string {
  return [text, ...(warnings ?? []).map(warningText)].join(' ');
}
