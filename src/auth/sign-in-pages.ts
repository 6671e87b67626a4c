/**
 * The few HTML pages a browser sees during sign-in when something is refused. Plain HTML without
 * scripts or inline styles (the service's Content-Security-Policy allows neither), in Dutch like
 * the web app, with a link back to the start.
 */
export class SignInRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 410 | 503,
    readonly title: string,
    readonly explanation: string,
  ) {
    super(title);
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function refusalPage(refusal: SignInRefusal): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(refusal.title)} · Wijkwacht</title></head>
<body>
<main>
<h1>${escapeHtml(refusal.title)}</h1>
<p>${escapeHtml(refusal.explanation)}</p>
<p><a href="/">Terug naar de inlogpagina</a></p>
</main>
</body>
</html>
`;
}

export const REFUSALS = {
  unknownProvider: () => new SignInRefusal(404, 'Onbekende manier van inloggen', 'Deze identiteitsprovider is niet ingesteld voor Wijkwacht.'),
  providerUnreachable: () =>
    new SignInRefusal(503, 'Inloggen lukt nu niet', 'De identiteitsprovider van uw organisatie is niet bereikbaar. Probeer het over een paar minuten opnieuw.'),
  failedCheck: () =>
    new SignInRefusal(
      400,
      'Inloggen is niet gelukt',
      'Het antwoord van de identiteitsprovider kon niet worden gecontroleerd (verlopen, al gebruikt of niet bij deze inlogpoging horend). Begin opnieuw bij de inlogpagina.',
    ),
  unknownPerson: () =>
    new SignInRefusal(
      403,
      'U heeft nog geen toegang tot Wijkwacht',
      'U bent ingelogd bij uw organisatie, maar Wijkwacht kan uw account niet aan een gebruiker koppelen: er is geen gebruiker met uw geverifieerde e-mailadres, die gebruiker is al aan een ander account gekoppeld bij deze identiteitsprovider, of deze provider mag niet voor uw e-mailadres instaan. Vraag de coördinator van uw regio of de beheerder van Wijkwacht bij uw organisatie om uw e-mailadres aan uw gebruiker toe te voegen (of een oude koppeling te verwijderen), en log daarna opnieuw in.',
    ),
  badReturnPath: () =>
    new SignInRefusal(
      400,
      'Inloggen is niet gestart',
      'De pagina waarnaar u na het inloggen terug zou gaan, hoort niet bij Wijkwacht. Begin opnieuw bij de inlogpagina.',
    ),
  unknownLink: () => new SignInRefusal(404, 'Onbekende inloglink', 'Deze inloglink bestaat niet. Vraag uw coördinator om een nieuwe.'),
  spentLink: () =>
    new SignInRefusal(
      410,
      'Deze inloglink werkt niet meer',
      'Een inloglink is 15 minuten geldig en werkt maar één keer. Vraag uw coördinator om een nieuwe link of QR-code.',
    ),
};
