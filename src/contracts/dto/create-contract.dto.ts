import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AGB, CodeField, IntField, LocalDateField, REGION_CODE, TwoDecimalsField, UZOVI, Optional } from '../../common/validation.js';
import { MAX_FEE_CENTS, MAX_PER_INHABITANT_MONTHLY_CENTS } from '../fee-bounds.js';
import { FUNCTIONS, type FunctionCode } from '../contract.entity.js';

export class ResponsiblePartyDto {
  @ApiProperty({ description: 'provider or consortium', enum: ['provider', 'consortium'], example: 'provider' })
  @IsIn(['provider', 'consortium'])
  type: 'provider' | 'consortium';
  @ApiPropertyOptional({ description: 'AGB of the provider (type provider)', example: '75123456' })
  @Optional()
  @Matches(AGB, { message: 'responsibleParty.agb must be 8 digits' })
  agb?: string;
  @ApiPropertyOptional({ description: 'Id of the consortium (type consortium)', example: '5f0c…' })
  @Optional()
  @IsString()
  @MaxLength(64)
  consortiumId?: string;
}

// The bounds keep every fee statement a safe integer; the reasoning is in fees/fee-bounds.ts.
const BOUNDED = 'At most 1000000000 (€10 million), so that a statement never overflows.';

export class FeeDto {
  @IntField({ description: `Fixed amount per month, in cents (pro rata for partial months). ${BOUNDED}`, example: 0, required: false }, 0, MAX_FEE_CENTS)
  fixedMonthlyCents?: number;
  @IntField({ description: `Amount per contracted position-hour, in cents. ${BOUNDED}`, example: 4500, required: false }, 0, MAX_FEE_CENTS)
  perPositionHourCents?: number;
  @IntField(
    { description: 'Amount per inhabitant per month, in cents. At most 1000000 (€10,000), so that a statement never overflows.', example: 0, required: false },
    0,
    MAX_PER_INHABITANT_MONTHLY_CENTS,
  )
  perInhabitantMonthlyCents?: number;
}

export class SlaDto {
  @TwoDecimalsField(
    { description: 'Minimum coverage in percent, 0–100, at most two decimals (optional: without it nothing is deducted)', example: 98, required: false },
    0,
    100,
  )
  minCoveragePct?: number;
  @IntField(
    { description: `Deduction per uncovered position-hour below the minimum, in cents (optional, default 0). ${BOUNDED}`, example: 6000, required: false },
    0,
    MAX_FEE_CENTS,
  )
  deductionPerUncoveredHourCents?: number;
  @IntField(
    {
      description: 'Minutes within which a page of an acute request must be acknowledged before the next step is paged (default 10)',
      example: 10,
      required: false,
    },
    1,
    120,
  )
  ackMinutes?: number;
}

export class CreateContractDto {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @CodeField({ description: "UZOVI of the contracting insurer (the region's preferred insurer)", example: '3311' }, UZOVI, '4 digits')
  insurerUzovi: string;
  @ApiProperty({ description: 'The regional function', enum: FUNCTIONS, example: 'unplanned-night-care' })
  @IsIn(FUNCTIONS)
  function: FunctionCode;
  @ApiProperty({ description: 'The one responsible party', type: ResponsiblePartyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ResponsiblePartyDto)
  responsibleParty: ResponsiblePartyDto;
  @LocalDateField({ description: 'First day of the contract', example: '2027-01-01' })
  validFrom: string;
  @LocalDateField({ description: 'Last day, inclusive; omit for an open-ended contract', example: '2027-12-31', required: false })
  validTo?: string;
  @ApiPropertyOptional({
    description:
      "Fee parts, integer cents ≥ 0, each defaulting to 0. With the bounds on each part, a region's population (at most 100000000), " +
      'nurses per slot (at most 50) and templates per contract (at most 100, else 422 too-many-templates), every statement stays exact.',
    type: FeeDto,
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => FeeDto)
  fee?: FeeDto;
  @ApiPropertyOptional({ description: 'Service level: deduction when coverage falls below the minimum', type: SlaDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaDto)
  sla?: SlaDto;
}

export class TerminateContractDto {
  @LocalDateField({ description: 'The new last day (inclusive), within the current period', example: '2027-06-30' })
  lastDay: string;
}

export class ListContractsQuery {
  @CodeField({ description: 'Region code', example: 'AMS', required: false }, REGION_CODE, 'a region code')
  regionCode?: string;
  @ApiPropertyOptional({ description: 'Function code', enum: FUNCTIONS })
  @Optional()
  @IsIn(FUNCTIONS)
  function?: FunctionCode;
  @LocalDateField({ description: 'Only contracts whose period contains this date', example: '2027-03-01', required: false })
  activeOn?: string;
}
