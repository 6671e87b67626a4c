import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CodeField, LocalDateField, REGION_CODE, Optional } from '../../common/validation.js';
import { FUNCTIONS, type FunctionCode } from '../../contracts/contract.entity.js';

export class ListSlotsQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiPropertyOptional({ description: 'Function code', enum: FUNCTIONS })
  @Optional()
  @IsIn(FUNCTIONS)
  function?: FunctionCode;
  @LocalDateField({ description: 'First local start date, inclusive', example: '2027-03-01' })
  from: string;
  @LocalDateField({ description: 'Last local start date, inclusive (at most 366 days after from)', example: '2027-03-31' })
  to: string;
}

export class DateRangeQuery {
  @LocalDateField({ description: 'First local date, inclusive', example: '2027-03-01' })
  from: string;
  @LocalDateField({ description: 'Last local date, inclusive (at most 366 days)', example: '2027-03-31' })
  to: string;
}
