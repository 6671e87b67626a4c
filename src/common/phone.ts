import { parsePhoneNumberFromString as parseWith } from 'libphonenumber-js/core';
// The full ("max") metadata, which knows each country's number ranges; passed explicitly so that
// the same data is used wherever the module is loaded.
import metadata from 'libphonenumber-js/metadata.max.json';

const parsePhoneNumberFromString = (text: string, country?: 'NL') => (country ? parseWith(text, country, metadata) : parseWith(text, metadata));

/** Longer input is no phone number; parsing it would only cost time. */
const MAX_INPUT = 32;

/**
 * A phone number as people type it, Dutch by default ("020 123 4567", "06 12345678") or
 * international ("+31 20 123 4567", "+32 2 555 12 12"), in E.164 (`+31201234567`); null when it
 * is not a number that can be called (the full metadata checks number ranges, not only length).
 */
export function phoneE164(input: string): string | null {
  if (input.length > MAX_INPUT) return null;
  const parsed = parsePhoneNumberFromString(input, 'NL');
  return parsed?.isValid() ? parsed.number : null;
}

/** An E.164 number as a Dutch reader writes it: national for Dutch numbers (`020 123 4567`), international otherwise. */
export function phoneForPeople(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'NL' ? parsed.formatNational() : parsed.formatInternational();
}
