import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { AGB, BIG, CodeField, PHONE, QualificationsField, TextField } from '../../common/validation.js';

/** Contract hours per week in minutes (0–3600); optional, and on PATCH null clears it. */
function ContractMinutesField() {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      minimum: 0,
      maximum: 3600,
      nullable: true,
      required: false,
      description: "Contract hours per week in minutes: the nurse's share of the work, used by roster plans for fairness only",
      example: 1920,
    }),
    ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null),
    IsInt(),
    Min(0),
    Max(3600),
  );
}

export class CreateNurseDto {
  @TextField({ description: 'Full name', example: 'Anna de Vries' })
  name: string;
  @CodeField({ description: 'AGB of the employing provider', example: '75123456' }, AGB, '8 digits')
  employerAgb: string;
  @QualificationsField({ description: 'Qualification codes (lower-case kebab words)', example: ['district-nurse', 'wound-care'] })
  qualifications: string[];
  @CodeField({ description: 'BIG registration number: 11 digits', example: '19012345601', required: false }, BIG, '11 digits')
  bigNumber?: string;
  @CodeField({ description: 'Phone number partners may call while on call', example: '+31 20 555 0101', required: false }, PHONE, 'a phone number')
  phone?: string;
  @ContractMinutesField()
  contractMinutesPerWeek?: number | null;
}

export class UpdateNurseDto {
  @TextField({ description: 'Full name', example: 'Anna de Vries', required: false })
  name?: string;
  @QualificationsField({ description: 'Qualification codes', example: ['district-nurse'], required: false })
  qualifications?: string[];
  @CodeField({ description: 'BIG registration number: 11 digits', example: '19012345601', required: false }, BIG, '11 digits')
  bigNumber?: string;
  @CodeField({ description: 'Phone number', example: '+31 20 555 0101', required: false }, PHONE, 'a phone number')
  phone?: string;
  @ContractMinutesField()
  contractMinutesPerWeek?: number | null;
}

export class ListNursesQuery {
  @CodeField({ description: 'Only nurses of this employer', example: '75123456', required: false }, AGB, '8 digits')
  employerAgb?: string;
}
