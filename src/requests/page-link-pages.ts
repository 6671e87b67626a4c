import { functionNameNl } from '../common/function-names.js';
import type { RequestEntity } from './request.entities.js';

/**
 * The small pages of an SMS's "Ik ga" link, in Dutch: plain HTML without scripts or inline styles
 * (the content security policy allows neither). The GET page shows one button that POSTs to the
 * same address; a message app that opens the link for a preview changes nothing.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const URGENCY_NL: Record<string, string> = { immediate: 'direct', 'within-2h': 'binnen 2 uur', 'same-day': 'vandaag' };

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)} · Wijkwacht</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** What the request is, in the words of the SMS: the function, the PC4 and the urgency; no callback phone, no reference. */
function summary(r: RequestEntity): string {
  return `<p>${escape(functionNameNl(r.function))}, postcode ${escape(r.postcode)}, urgentie: ${escape(URGENCY_NL[r.urgency] ?? r.urgency)}.</p>`;
}

export function offerPage(r: RequestEntity, action: string): string {
  return page(
    'Acute oproep',
    `${summary(r)}
<form method="post" action="${escape(action)}"><button type="submit">Ik ga</button></form>
<p>Met “Ik ga” neemt u deze oproep aan; uw collega’s en de coördinator zien dat u gaat.</p>`,
  );
}

export function acknowledgedPage(r: RequestEntity): string {
  return page(
    'U gaat: de oproep is aangenomen',
    `${summary(r)}
<p>Open Wijkwacht voor het terugbelnummer en om de oproep af te ronden.</p>
<p><a href="/">Wijkwacht openen</a></p>`,
  );
}

export function goneLinkPage(): string {
  return page(
    'Deze link werkt niet meer',
    `<p>De oproep is al aangenomen, afgerond of ingetrokken, of deze link is al gebruikt. Open Wijkwacht om te zien hoe het ervoor staat.</p>
<p><a href="/">Wijkwacht openen</a></p>`,
  );
}

export function unknownLinkPage(): string {
  return page('Onbekende link', '<p>Deze link bestaat niet. Open Wijkwacht om uw oproepen te zien.</p><p><a href="/">Wijkwacht openen</a></p>');
}
