import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CodeField, InstantField, MonthField, Optional, REGION_CODE } from '../../common/validation.js';
import { FUNCTIONS, type FunctionCode } from '../../contracts/contract.entity.js';
import { OUTCOMES, type Outcome, REQUEST_STATUSES, type RequestStatus, URGENCIES, type Urgency } from '../request.entities.js';
import { IsString, MaxLength } from 'class-validator';

export const POSTCODE = /^\d{4}$/;
export const PARTNER_REFERENCE = /^[A-Za-z0-9._/-]{1,64}$/;
/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** An acute request. There is deliberately no field for client details: unknown fields are refused. */
export class CreateRequestDto {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiProperty({ description: 'The regional function asked for', enum: FUNCTIONS, example: 'acute-screening' })
  @IsIn(FUNCTIONS)
  function: FunctionCode;
  @ApiProperty({ description: 'How soon a nurse is needed', enum: URGENCIES, example: 'immediate' })
  @IsIn(URGENCIES)
  urgency: Urgency;
  @CodeField({ description: "The four digits of the client's postcode (PC4), nothing more", example: '1012' }, POSTCODE, 'exactly 4 digits')
  postcode: string;
  @CodeField(
    { description: "The partner's own reference, under which it keeps the client's details: 1–64 of A–Z a–z 0–9 . _ / -", example: 'HAP-AMS-2027-00042' },
    PARTNER_REFERENCE,
    '1–64 characters of A-Z, a-z, 0-9, ".", "_", "/", "-"',
  )
  partnerReference: string;
  @CodeField(
    { description: 'Where the nurse calls the partner back, E.164 (optional)', example: '+31201234567', required: false },
    E164,
    'an E.164 phone number such as +31201234567',
  )
  callbackPhone?: string;
}

export class ResolveRequestDto {
  @ApiProperty({ description: 'What came of the request', enum: OUTCOMES, example: 'visited' })
  @IsIn(OUTCOMES)
  outcome: Outcome;
}

export class AcknowledgeRequestDto {
  @ApiPropertyOptional({
    description:
      'Where the "Ik ga" was pressed: `app` (default) or `notification` (the action of a push notification, sent by the service worker); counted in the response figures’ ackBy',
    enum: ['app', 'notification'],
    example: 'notification',
  })
  @Optional()
  @IsIn(['app', 'notification'])
  via?: 'app' | 'notification';
}

export class PageNurseDto {
  @ApiProperty({ description: 'The nurse to page: employed by a responsible party of a contract in the request’s region', example: '0193…' })
  @IsString()
  @MaxLength(64)
  nurseId: string;
}

export class ListRequestsQuery {
  @CodeField({ description: 'Region code', example: 'AMS', required: false }, REGION_CODE, 'a region code')
  regionCode?: string;
  @ApiPropertyOptional({ description: 'Only requests in this state', enum: REQUEST_STATUSES })
  @Optional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;
  @InstantField({ description: 'Created at or after this instant (with offset; send + as %2B)', example: '2027-03-01T00:00:00+01:00', required: false })
  from?: string;
  @InstantField({ description: 'Created before this instant (with offset; send + as %2B)', example: '2027-04-01T00:00:00+02:00', required: false })
  to?: string;
}

export class MyPagesQuery {
  @ApiPropertyOptional({
    description: 'Only pages whose request is in this state (e.g. paging for the ones still waiting for an answer)',
    enum: REQUEST_STATUSES,
  })
  @Optional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;
}

export class RequestStatsQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @MonthField({ description: 'Month YYYY-MM (local to the region): requests created in it', example: '2027-03' })
  month: string;
  @ApiPropertyOptional({ description: 'Function code', enum: FUNCTIONS })
  @Optional()
  @IsIn(FUNCTIONS)
  function?: FunctionCode;
}
