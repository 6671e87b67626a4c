import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  ApiExtraModels,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode, REFUSALS, type RefusalCode, RULE_CODES, type RuleCode } from './codes.js';

export class ConflictingDutyDto {
  @ApiProperty({ description: 'The assignment of the same nurse that causes the violation' }) assignmentId: string;
  @ApiProperty() slotId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({
    description: "shift (at work; a night shift is a shift) or on-call (reachable from home), as the slot's dutyType",
    enum: ['shift', 'on-call'],
    example: 'shift',
  })
  dutyType: 'shift' | 'on-call';
  @ApiProperty({ description: "Start, ISO 8601 with the region's offset", example: '2026-11-24T23:00:00+01:00' }) start: string;
  @ApiProperty({ description: "End, ISO 8601 with the region's offset", example: '2026-11-25T07:00:00+01:00' }) end: string;
}

export class ConflictingAbsenceDto {
  @ApiProperty({ description: 'The absence of the same nurse that the new one overlaps' }) id: string;
  @ApiProperty({ description: 'First local date, inclusive', example: '2026-12-01' }) from: string;
  @ApiProperty({ description: 'Last local date, inclusive', example: '2026-12-05' }) to: string;
}

@ApiExtraModels(ConflictingDutyDto)
export class ViolationDto {
  @ApiProperty({ description: 'Rule code', enum: RULE_CODES, enumName: 'RuleCode', example: 'daily-rest' })
  rule: RuleCode;
  @ApiProperty({ description: 'What is wrong, in words', example: 'at least 11 h of rest; this leaves 9 h' })
  message: string;
  @ApiPropertyOptional({
    oneOf: [{ $ref: getSchemaPath(ConflictingDutyDto) }, { type: 'array', items: { $ref: getSchemaPath(ConflictingDutyDto) } }],
    description:
      'On overlap, daily-rest, rest-after-night, rest-after-night-series and on-call-near-night: the other duty of the nurse that causes it (one object). On weekly-rest: the list of the other duties of the week without its rest; on sunday-rest: the list of the duties on the worked Sundays of the 52 weeks. Only duties the caller may see (admin; coordinator of its region; the nurse itself); left out when none.',
  })
  conflictsWith?: ConflictingDutyDto | ConflictingDutyDto[];
  @ApiPropertyOptional({
    type: ConflictingAbsenceDto,
    description: 'On absence-overlap: the existing absence of the nurse whose dates the new one overlaps',
  })
  conflictsWithAbsence?: ConflictingAbsenceDto;
}

/** Something the caller should know about a change that was made all the same (never a refusal). */
export class WarningDto {
  @ApiProperty({
    description: 'Rule code: contract-hours (an assignment by hand beyond the contract hours of its week)',
    enum: RULE_CODES,
    enumName: 'RuleCode',
    example: 'contract-hours',
  })
  rule: RuleCode;
  @ApiProperty({
    description: 'What the coordinator should know, in words',
    example: 'in the week of 2027-03-01 to 2027-03-07 her shifts come to 40 h, 8 h beyond her contract of 32 h a week',
  })
  message: string;
  @ApiPropertyOptional({ description: 'On contract-hours: Monday of the calendar week (local date)', example: '2027-03-01' })
  weekFrom?: string;
  @ApiPropertyOptional({ description: 'On contract-hours: Sunday of the calendar week (local date)', example: '2027-03-07' })
  weekTo?: string;
  @ApiPropertyOptional({
    description: "On contract-hours: minutes of the nurse's shifts whose local date lies in that week, the new one included (on-call blocks do not count)",
    example: 2400,
    type: 'integer',
  })
  shiftMinutes?: number;
  @ApiPropertyOptional({
    description: "On contract-hours: the nurse's contract minutes per week; null when not set, and then 2160 (36 h) counts",
    example: 1920,
    nullable: true,
    type: 'integer',
  })
  contractMinutesPerWeek?: number | null;
}

const REFUSAL_LIST = (Object.keys(REFUSALS) as RefusalCode[]).map((code) => `\`${code}\` (${REFUSALS[code].status}) ${REFUSALS[code].meaning}`).join('; ');

export class ApiErrorDto {
  @ApiProperty({ description: 'The HTTP status again', example: 422 })
  statusCode: number;
  @ApiProperty({ description: "The status's reason phrase", example: 'Unprocessable Entity' })
  error: string;
  @ApiProperty({
    description:
      'A stable kebab-case word for the refusal, on every error answer. On a 422, and on a 409 that carries violations, it is the first ' +
      `violation's rule (a RuleCode); otherwise one of: ${REFUSAL_LIST}.`,
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    example: 'daily-rest',
  })
  code: ErrorCode;
  @ApiProperty({
    description: 'What is wrong, in words: a message, or (for field validation) a list of messages',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'at least 11 h of rest; this leaves 9 h',
  })
  message: string | string[];
  @ApiPropertyOptional({ type: [ViolationDto], description: 'On 409 and 422: every rule the request breaks' })
  violations?: ViolationDto[];
}

const e = (description: string) => ({ description, type: ApiErrorDto });

/** The error answers any request may get, whatever its route: its body, its rate and the database. */
export function ApiTransportErrors() {
  return applyDecorators(
    ApiPayloadTooLargeResponse(e('The body is larger than 1 MB (body-too-large)')),
    ApiUnsupportedMediaTypeResponse(e('The body is not UTF-8 JSON, or it is compressed (unsupported-media-type)')),
    ApiTooManyRequestsResponse(e('Rate limit reached; Retry-After gives the seconds left in the window (rate-limited)')),
    ApiServiceUnavailableResponse(e('The database is busy or unreachable; nothing changed, retry after Retry-After (database-unavailable)')),
  );
}

/** The error answers every authenticated endpoint may give, documented once. */
export function ApiErrors() {
  return applyDecorators(
    ApiBadRequestResponse(e('Malformed input (validation); unknown fields are refused')),
    ApiUnauthorizedResponse(e('Missing, unknown or revoked bearer token, or an ended session')),
    ApiForbiddenResponse(e('The role or scope does not allow this; or a cookie request without the CSRF token or from another origin')),
    ApiNotFoundResponse(e("Not found, or outside the caller's scope")),
    ApiConflictResponse(e('Conflict with existing state; carries violations where a rule applies')),
    ApiUnprocessableEntityResponse(e('Refused by a domain rule; violations lists every broken rule')),
    ApiTransportErrors(),
  );
}
