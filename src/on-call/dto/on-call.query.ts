import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CodeField, InstantField, REGION_CODE } from '../../common/validation.js';
import { FUNCTIONS, type FunctionCode } from '../../contracts/contract.entity.js';

/** GET /api/on-call?regionCode&function&at, validated by the global pipe like every other query. */
export class OnCallQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiProperty({ description: 'Function code', enum: FUNCTIONS, example: 'unplanned-night-care' })
  @IsIn(FUNCTIONS)
  function: FunctionCode;
  @InstantField({ description: 'Instant with offset (send + as %2B); default now', example: '2027-03-28T03:00:00+02:00', required: false })
  at?: string;
}
