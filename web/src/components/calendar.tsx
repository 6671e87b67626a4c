import { Calendar, type EventInput, type EventSourceFuncArg } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import nlLocale from '@fullcalendar/core/locales/nl';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import luxonPlugin from '@fullcalendar/luxon3';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useEffect, useRef } from 'preact/hooks';
import { plusDays } from '../format';
import { lang, useLang } from '../i18n';

export interface CalendarProps {
  /** IANA zone the grid is drawn in (the region's), whatever the browser's own zone. */
  zone: string;
  /** Loads the events for the visible local dates `from`..`to` (inclusive). */
  load: (from: string, to: string) => Promise<EventInput[]>;
  /** Changing this value makes the calendar load its events again. */
  reloadKey: unknown;
  onEventClick?: (id: string) => void;
  initialView?: 'dayGridMonth' | 'timeGridWeek' | 'listMonth' | 'listWeek';
  views?: string;
  /** A local date to show (kept in the address); the calendar goes there when it changes. */
  date?: string;
  /** After each move or change of view: the view's name and its first local date. */
  onDatesSet?: (viewType: string, startDate: string) => void;
  label: string;
}

/** FullCalendar in the region's time zone, Dutch or English, events from the API. */
export function RosterCalendar(props: CalendarProps) {
  const host = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const language = useLang();

  useEffect(() => {
    if (!host.current) return;
    const cal = new Calendar(host.current, {
      plugins: [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, luxonPlugin],
      timeZone: props.zone,
      locales: [nlLocale, enGbLocale],
      locale: lang.value === 'en' ? 'en-gb' : 'nl',
      initialView: props.initialView ?? 'dayGridMonth',
      ...(props.date ? { initialDate: props.date } : {}),
      datesSet: (arg) => latest.current.onDatesSet?.(arg.view.type, arg.view.calendar.formatIso(arg.view.currentStart, true).slice(0, 10)),
      headerToolbar: { left: 'prev,next today', center: 'title', right: props.views ?? 'dayGridMonth,timeGridWeek,listMonth' },
      height: 'auto',
      // Words, not icon fonts, on the toolbar buttons (screen readers and axe read them).
      buttonIcons: false,
      // FullCalendar labels each day cell by its date only, which hides the slots inside from the
      // cell's accessible name; the column header and the date link already say which day it is.
      dayCellDidMount: (arg) => arg.el.removeAttribute('aria-labelledby'),
      firstDay: 1,
      weekNumbers: false,
      nowIndicator: true,
      eventDisplay: 'block',
      // Times come from our own formatting in the region's zone (a night reads 23:00–07:00, even
      // on a 7- or 9-hour DST night), not from the grid's clipped per-day segment.
      displayEventTime: false,
      eventContent: (arg) => {
        const box = document.createElement('div');
        box.className = 'event-body';
        const when = document.createElement('span');
        when.className = 'event-time';
        when.textContent = String(arg.event.extendedProps.timeText ?? '');
        const what = document.createElement('span');
        what.className = 'event-title';
        what.textContent = arg.event.title;
        box.append(when, ' ', what);
        return { domNodes: [box] };
      },
      eventInteractive: true,
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      dayMaxEvents: 4,
      // A night (23:00–07:00) or an on-call block until 08:00 belongs to the day it starts on.
      nextDayThreshold: '12:00:00',
      events: (info: EventSourceFuncArg, success, failure) => {
        // info.start/end are the visible range; with a named zone, startStr carries its local date.
        const from = info.startStr.slice(0, 10);
        const to = plusDays(info.endStr.slice(0, 10), -1);
        latest.current.load(from, to).then(success, failure);
      },
      eventDidMount: (arg) => {
        arg.el.dataset.id = arg.event.id;
        arg.el.setAttribute('aria-label', `${arg.event.extendedProps.dateText ?? ''} ${arg.event.extendedProps.timeText ?? ''} ${arg.event.title}`.trim());
      },
      eventClick: (arg) => {
        arg.jsEvent.preventDefault();
        latest.current.onEventClick?.(arg.event.id);
      },
    });
    cal.render();
    calendar.current = cal;
    // The grid follows its container (a side panel opening narrows it), not only the window.
    const resize = new ResizeObserver(() => cal.updateSize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      cal.destroy();
      calendar.current = null;
    };
  }, [props.zone]);

  // The toolbar, the day names and the events' words follow the language.
  const firstLanguage = useRef(true);
  useEffect(() => {
    calendar.current?.setOption('locale', language === 'en' ? 'en-gb' : 'nl');
    if (firstLanguage.current) firstLanguage.current = false;
    else calendar.current?.refetchEvents();
  }, [language]);

  // Back and forward through the address move the calendar too.
  useEffect(() => {
    const cal = calendar.current;
    if (!cal || !props.date) return;
    const shown = cal.formatIso(cal.view.currentStart, true).slice(0, 7);
    if (shown !== props.date.slice(0, 7)) cal.gotoDate(props.date);
  }, [props.date]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    calendar.current?.refetchEvents();
  }, [props.reloadKey]);

  return <div class="calendar" ref={host} role="region" aria-label={props.label} />;
}
