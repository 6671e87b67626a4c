import { lang } from '../i18n';

/** The words of "Telefoon koppelen", Dutch first, English on request. */
const nl = {
  title: 'Telefoon koppelen',
  help: 'Maak een inloglink voor de telefoon van {name}. Laat de verpleegkundige de QR-code scannen; de link werkt één keer.',
  make: 'Inloglink voor telefoon',
  qrAlt: 'QR-code met de inloglink voor {name}',
  valid: 'Geldig tot {time}, één keer te gebruiken',
};
type Key = keyof typeof nl;
const en: Record<Key, string> = {
  title: 'Link a phone',
  help: "Make a sign-in link for {name}'s phone. Let the nurse scan the QR code; the link works once.",
  make: 'Sign-in link for phone',
  qrAlt: 'QR code with the sign-in link for {name}',
  valid: 'Valid until {time}, usable once',
};

export function pt(key: Key, vars: Record<string, string> = {}): string {
  return (lang.value === 'en' ? en : nl)[key].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
}
