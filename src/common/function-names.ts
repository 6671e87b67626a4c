/**
 * The four functions by the Dutch names the web app shows, for what the service itself writes for
 * people (calendar events, spreadsheet columns). The web app has the same names in its texts.
 */
export const FUNCTION_NAMES_NL: Record<string, string> = {
  'unplanned-night-care': 'Ongeplande nachtzorg',
  'acute-screening': 'Acute beoordeling thuis',
  'specialist-nursing': 'Specialistische verpleging',
  'care-coordination': 'Zorgcoördinatie',
};

export function functionNameNl(code: string): string {
  return FUNCTION_NAMES_NL[code] ?? code;
}
