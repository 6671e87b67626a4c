import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn } from 'class-validator';
import { FUNCTIONS, type FunctionCode } from '../../contracts/contract.entity.js';
import { CodeField, IntField, LocalDateField, Optional, REGION_CODE } from '../../common/validation.js';

export class ProposePlanDto {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @LocalDateField({ description: 'First local date of the period', example: '2026-12-01' })
  from: string;
  @LocalDateField({ description: 'Last local date of the period (inclusive; at most 62 days after from)', example: '2026-12-31' })
  to: string;
  @ApiProperty({ description: 'Functions to plan; default: all contracted in the region', enum: FUNCTIONS, isArray: true, required: false })
  @Optional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(FUNCTIONS, { each: true })
  functions?: FunctionCode[];
  @IntField(
    {
      description:
        'How far beyond her contract share over the period a nurse may be planned, in percent (0–50, default 0): never beyond contractMinutesPerWeek × days ÷ 7 × (1 + overtimePct ÷ 100) minutes of shifts',
      example: 10,
      required: false,
    },
    0,
    50,
  )
  overtimePct?: number;
  @ApiProperty({
    description:
      'A repair plan (after an absence): it may also hand existing assignments of the period that start after now to another nurse; such a proposal carries replacesAssignmentId. Objective: coverage first, then the fewest changed assignments, then the spread.',
    required: false,
    example: false,
  })
  @Optional()
  @IsBoolean()
  repair?: boolean;
}

export class ListPlansQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiProperty({ description: 'Only plans with this status', enum: ['proposed', 'applied', 'discarded', 'expired'], required: false })
  @Optional()
  @IsIn(['proposed', 'applied', 'discarded', 'expired'])
  status?: 'proposed' | 'applied' | 'discarded' | 'expired';
}

export class CreateWishDto {
  @LocalDateField({ description: 'Local date on which the nurse would rather not start a duty', example: '2026-12-24' })
  date: string;
  @ApiProperty({ description: 'The kind of wish', enum: ['rather-not'], example: 'rather-not' })
  @IsIn(['rather-not'])
  kind: 'rather-not';
}

export class ListWishesQuery {
  @LocalDateField({ description: 'From this local date', example: '2026-12-01', required: false })
  from?: string;
  @LocalDateField({ description: 'Up to this local date (inclusive)', example: '2026-12-31', required: false })
  to?: string;
}
