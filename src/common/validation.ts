import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, ValidateIf, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { isValidInstant, isValidLocalDate, isValidLocalTime, isValidMonth, isValidZone } from './local-time.js';

/** No control characters: a NUL or a newline in a name is refused, never silently stripped. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** At least one character that is not white space: a name of only spaces names nothing. */
const NOT_BLANK = /\S/;

type Doc = Pick<ApiPropertyOptions, 'description' | 'example'> & { required?: boolean };

function doc(d: Doc, extra: ApiPropertyOptions = {}) {
  return ApiProperty({ ...d, required: d.required ?? true, ...extra } as ApiPropertyOptions);
}
/**
 * An optional field may be left out, but not sent as null: class-validator's IsOptional lets null
 * through, which a PATCH would then write over a required column.
 */
export function Optional() {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

function optional(d: Doc) {
  return d.required === false ? [Optional()] : [];
}

export function TextField(d: Doc, maxLength = 200) {
  return applyDecorators(
    doc(d, { maxLength }),
    ...optional(d),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
    Matches(NO_CONTROL, { message: '$property must not contain control characters' }),
    Matches(NOT_BLANK, { message: '$property must not be blank' }),
  );
}

export function CodeField(d: Doc, pattern: RegExp, rule: string) {
  return applyDecorators(doc(d, { pattern: pattern.source }), ...optional(d), IsString(), Matches(pattern, { message: `$property must be ${rule}` }));
}

export function IntField(d: Doc, min: number, max: number) {
  return applyDecorators(doc(d, { type: 'integer', minimum: min, maximum: max }), ...optional(d), IsInt(), Min(min), Max(max));
}

/**
 * An integer in a query string: decimal digits only. Number() would also read '0x7e3', '1e3',
 * ' 12 ' and '' as numbers; those stay strings here and fail IsInt.
 */
export function IntQueryField(d: Doc, min: number, max: number) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^(0|[1-9]\d{0,15})$/.test(value) ? Number(value) : value)),
    IntField(d, min, max),
  );
}

/** A number with at most two decimals, however it is written (98.5, 9.85e1), within min and max. */
export function TwoDecimalsField(d: Doc, min: number, max: number) {
  return applyDecorators(
    doc(d, { type: 'number', minimum: min, maximum: max, multipleOf: 0.01 }),
    ...optional(d),
    // Not IsNumber({ maxDecimalPlaces }): it reads the decimals from toString() and throws on 1e-7.
    simple(
      'isTwoDecimals',
      (v) => typeof v === 'number' && Number.isFinite(v) && Math.round(v * 100) / 100 === v,
      '$property must be a number with at most two decimals',
    ),
    Min(min),
    Max(max),
  );
}

export const QUALIFICATION = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function QualificationsField(d: Doc) {
  return applyDecorators(
    doc(d, { type: [String] }),
    ...optional(d),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
    Matches(QUALIFICATION, { each: true, message: 'each of $property must be a lower-case kebab word, e.g. wound-care' }),
  );
}

function simple(name: string, test: (v: unknown) => boolean, message: string, opts?: ValidationOptions) {
  return ValidateBy({ name, validator: { validate: test, defaultMessage: () => message } }, opts);
}

export function LocalDateField(d: Doc) {
  return applyDecorators(
    doc(d, { format: 'date' }),
    ...optional(d),
    simple('isLocalDate', isValidLocalDate, '$property must be a real calendar date YYYY-MM-DD'),
  );
}

export function LocalDateListField(d: Doc) {
  return applyDecorators(
    doc(d, { type: [String] }),
    ...optional(d),
    IsArray(),
    ArrayMaxSize(1000),
    simple('isLocalDate', isValidLocalDate, 'each of $property must be a real calendar date YYYY-MM-DD', { each: true }),
  );
}

export function LocalTimeField(d: Doc) {
  return applyDecorators(doc(d), ...optional(d), simple('isLocalTime', isValidLocalTime, '$property must be a local time HH:mm'));
}

export function MonthField(d: Doc) {
  return applyDecorators(doc(d), ...optional(d), simple('isMonth', isValidMonth, '$property must be a month YYYY-MM'));
}

export function InstantField(d: Doc) {
  return applyDecorators(doc(d), ...optional(d), simple('isInstant', isValidInstant, '$property must be an ISO 8601 instant with an explicit offset'));
}

export function ZoneField(d: Doc) {
  return applyDecorators(doc(d), ...optional(d), simple('isZone', isValidZone, '$property must be a valid IANA time zone'));
}

export const UZOVI = /^\d{4}$/;
export const AGB = /^\d{8}$/;
export const REGION_CODE = /^[A-Z0-9-]{1,32}$/;
export const BIG = /^\d{11}$/;
export const PHONE = /^\+?[0-9 ()-]{6,20}$/;
