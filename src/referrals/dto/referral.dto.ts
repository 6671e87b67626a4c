import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { AGB, CodeField, InstantField, LocalDateField, MonthField, Optional, REGION_CODE } from '../../common/validation.js';
import { E164, PARTNER_REFERENCE, POSTCODE } from '../../requests/dto/create-request.dto.js';
import {
  CARE_KINDS,
  type CareKind,
  CLOSE_OUTCOMES,
  type CloseOutcome,
  DECLINE_REASONS,
  type DeclineReason,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  type ReferralStatus,
  type ReferralUrgency,
} from '../referral-codes.js';

/** A referral. There is deliberately no field for client details: unknown fields are refused. */
export class CreateReferralDto {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @CodeField({ description: "The four digits of the client's postcode (PC4), nothing more", example: '1053' }, POSTCODE, 'exactly 4 digits')
  postcode: string;
  @ApiProperty({ description: 'The kinds of care needed: 1–3 distinct', enum: CARE_KINDS, isArray: true, example: ['basic', 'wound-care'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(CARE_KINDS, { each: true })
  careKinds: CareKind[];
  @ApiProperty({
    description:
      'How soon care must start: today, within 24 hours, or planned (from startOn). It sets how long each provider has to answer (the region’s referralResponseMinutes)',
    enum: REFERRAL_URGENCIES,
    example: 'within-24h',
  })
  @IsIn(REFERRAL_URGENCIES)
  urgency: ReferralUrgency;
  @LocalDateField({ description: 'Local date care should start, not before today in the region (else 422 start-in-past)', example: '2026-12-08' })
  startOn: string;
  @CodeField(
    { description: "The referrer's own reference, under which it keeps the client's details: 1–64 of A–Z a–z 0–9 . _ / -", example: 'OLVG-TRF-88412' },
    PARTNER_REFERENCE,
    '1–64 characters of A-Z, a-z, 0-9, ".", "_", "/", "-"',
  )
  referrerReference: string;
  @CodeField(
    { description: "The referrer's desk, E.164 (optional): shown to the provider that accepts", example: '+31205991111', required: false },
    E164,
    'an E.164 phone number such as +31205991111',
  )
  callbackPhone?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ description: 'Why the provider cannot take it', enum: DECLINE_REASONS, example: 'no-places' })
  @IsIn(DECLINE_REASONS)
  reason: DeclineReason;
}

export class OfferReferralDto {
  @CodeField({ description: 'AGB of a provider with an intake line in the referral’s region, whatever its light', example: '75123456' }, AGB, '8 digits')
  agb: string;
}

export class CloseReferralDto {
  @ApiProperty({ description: 'Placed with a provider outside Wijkwacht, or no longer needed', enum: CLOSE_OUTCOMES, example: 'placed-outside' })
  @IsIn(CLOSE_OUTCOMES)
  outcome: CloseOutcome;
}

export class ListReferralsQuery {
  @CodeField({ description: 'Region code', example: 'AMS', required: false }, REGION_CODE, 'a region code')
  regionCode?: string;
  @ApiPropertyOptional({ description: 'Only referrals in this state', enum: REFERRAL_STATUSES })
  @Optional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
  @InstantField({ description: 'Created at or after this instant (with offset; send + as %2B)', example: '2026-12-01T00:00:00+01:00', required: false })
  from?: string;
  @InstantField({ description: 'Created before this instant (with offset; send + as %2B)', example: '2027-01-01T00:00:00+01:00', required: false })
  to?: string;
}

export class ReferralStatsQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @MonthField({ description: 'Month YYYY-MM (local to the region): referrals created in it', example: '2026-12' })
  month: string;
}
