import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RULE_CODES, type RuleCode } from './codes.js';

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

export class ViolationDto {
  @ApiProperty({ description: 'Rule code', enum: RULE_CODES, enumName: 'RuleCode', example: 'daily-rest' })
  rule: RuleCode;
  @ApiProperty({ description: 'What is wrong, in words', example: 'at least 11 h of rest; this leaves 9 h' })
  message: string;
  @ApiPropertyOptional({
    type: ConflictingDutyDto,
    description:
      'On overlap, daily-rest, rest-after-night, rest-after-night-series and on-call-near-night: the other duty of the nurse that causes it, when the caller may see it (admin; coordinator of its region; the nurse itself)',
  })
  conflictsWith?: ConflictingDutyDto;
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

export class ApiErrorDto {
  @ApiProperty({ example: 422 })
  statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;
  @ApiProperty({ description: 'A message or a list of messages', example: 'the request breaks a domain rule' })
  message: string | string[];
  @ApiPropertyOptional({ type: [ViolationDto], description: 'On 409 and 422: every rule the request breaks' })
  violations?: ViolationDto[];
}

/** The error answers every authenticated endpoint may give, documented once. */
export function ApiErrors() {
  const e = (description: string) => ({ description, type: ApiErrorDto });
  return applyDecorators(
    ApiBadRequestResponse(e('Malformed input (validation); unknown fields are refused')),
    ApiUnauthorizedResponse(e('Missing, unknown or revoked bearer token')),
    ApiForbiddenResponse(e('The role or scope does not allow this')),
    ApiNotFoundResponse(e("Not found, or outside the caller's scope")),
    ApiConflictResponse(e('Conflict with existing state; carries violations where a rule applies')),
    ApiUnprocessableEntityResponse(e('Refused by a domain rule; violations lists every broken rule')),
  );
}
