import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CodeField, MonthField, REGION_CODE, Optional } from '../../common/validation.js';

export class ComputeFeeStatementsDto {
  @MonthField({ description: 'Local calendar month', example: '2027-03' })
  month: string;
  @ApiPropertyOptional({ description: 'Only this contract (else every contract in scope active in the month)', example: '2f7c…' })
  @Optional()
  @IsString()
  @MaxLength(64)
  contractId?: string;
}

export class ListFeeStatementsQuery {
  @MonthField({ description: 'Month YYYY-MM', example: '2027-03', required: false })
  month?: string;
  @ApiPropertyOptional({ description: 'Contract id' })
  @Optional()
  @IsString()
  @MaxLength(64)
  contractId?: string;
  @CodeField({ description: 'Region code', example: 'AMS', required: false }, REGION_CODE, 'a region code')
  regionCode?: string;
}

export class FeeStatementsCsvQuery {
  @MonthField({ description: 'Month YYYY-MM', example: '2027-03' })
  month: string;
}
