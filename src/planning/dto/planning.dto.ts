import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LocalDateField, Optional } from '../../common/validation.js';
import { ABSENCE_REASONS, type AbsenceReason, OFFER_STATUSES, type OfferStatus } from '../../common/codes.js';

export class CreateOfferDto {
  @ApiPropertyOptional({
    description: 'The colleague the shift is offered to (a swap/give-away to one nurse); omit to offer it to anyone who could take it',
    example: '8c1e…',
  })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  toNurseId?: string;
}

export class ListOffersQuery {
  @ApiPropertyOptional({ description: 'Only offers with this status', enum: OFFER_STATUSES })
  @Optional()
  @IsIn(OFFER_STATUSES)
  status?: OfferStatus;
}

export class ListCandidatesQuery {
  @ApiPropertyOptional({
    description:
      'An active assignment of this slot about to be replaced (POST /api/assignments/:id/replace): its place counts as free, so the answer is what replacing it by each candidate would meet',
    example: '01930f2e-…',
  })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  replacing?: string;
}

export class CreateAbsenceDto {
  @LocalDateField({ description: 'First local date of the absence', example: '2027-03-01' })
  from: string;
  @LocalDateField({ description: 'Last local date of the absence, inclusive', example: '2027-03-07' })
  to: string;
  @ApiProperty({ description: 'A code only, never medical detail', enum: ABSENCE_REASONS, example: 'leave' })
  @IsIn(ABSENCE_REASONS)
  reason: AbsenceReason;
}
