import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { FUNCTIONS, type FunctionCode } from '../../../contracts/contract.entity.js';
import { CodeField, LocalDateField, Optional, REGION_CODE } from '../../../common/validation.js';

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
