import { lang } from '../i18n';

/** The words of "Mijn sessies", Dutch first, English on request. */
const nl = {
  link: 'Mijn sessies',
  title: 'Mijn sessies',
  help: 'Hier staan de browsers en telefoons waarop u bent ingelogd. Beëindig een sessie die u niet herkent of niet meer gebruikt.',
  none: 'U bent nergens ingelogd.',
  caption: 'Sessies, nieuwste eerst',
  kind: 'Soort',
  kindOidc: 'Organisatie-account',
  kindDevice: 'Toestel (inloglink)',
  device: 'Browser',
  unknownDevice: 'onbekend',
  created: 'Aangemeld',
  lastUsed: 'Laatst gebruikt',
  expires: 'Verloopt',
  current: 'dit toestel',
  endCurrent: 'Uitloggen op dit toestel',
  end: 'Sessie beëindigen',
  ended: 'Sessie beëindigd.',
  back: 'Terug naar het overzicht',
};
type Key = keyof typeof nl;
const en: Record<Key, string> = {
  link: 'My sessions',
  title: 'My sessions',
  help: 'These are the browsers and phones you are signed in on. End a session you do not recognise or no longer use.',
  none: 'You are not signed in with a session anywhere.',
  caption: 'Sessions, newest first',
  kind: 'Kind',
  kindOidc: 'Organisation account',
  kindDevice: 'Device (sign-in link)',
  device: 'Browser',
  unknownDevice: 'unknown',
  created: 'Signed in',
  lastUsed: 'Last used',
  expires: 'Expires',
  current: 'this device',
  endCurrent: 'Sign out on this device',
  end: 'End session',
  ended: 'Session ended.',
  back: 'Back to the overview',
};

export function st(key: Key): string {
  return (lang.value === 'en' ? en : nl)[key];
}
