import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { AGB, BIG, CodeField, PHONE, QualificationsField, REGION_CODE, TextField } from '../../common/validation.js';

/** Contract hours per week in minutes (0–3600); optional, and on PATCH null clears it. */
function ContractMinutesField() {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      minimum: 0,
      maximum: 3600,
      nullable: true,
      required: false,
      description:
        "Contract hours per week in minutes: the nurse's share of the work. Roster plans keep within it; an assignment by hand beyond it in a calendar week is made with a contract-hours warning. Null: counts as 2160 (the sector's full-time week); 0: never planned",
      example: 1920,
    }),
    ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null),
    IsInt(),
    Min(0),
    Max(3600),
  );
}

/**
 * The regions the nurse works in (roster plans draw their candidates by it); null or left out on
 * POST: every region where her employer is responsible. An empty list is refused: it would read
 * as "nowhere" to one client and as "no limit" to another (null says the latter; a nurse who
 * must not be planned gets contractMinutesPerWeek 0).
 */
function RegionCodesField() {
  return applyDecorators(
    ApiProperty({
      type: [String],
      nullable: true,
      required: false,
      minItems: 1,
      maxItems: 100,
      description:
        'The regions the nurse works in: roster plans of other regions do not propose her. Null (the default): every region where her employer is a responsible party. Each code must exist (else 422 unknown-reference); an empty list is a 400 (send null to clear). Assigning by hand is not limited by it.',
      example: ['AMS', 'ZAA'],
    }),
    ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null),
    IsArray(),
    ArrayNotEmpty({ message: 'regionCodes must name at least one region; send null for every region where the employer is responsible' }),
    ArrayMaxSize(100),
    IsString({ each: true }),
    Matches(REGION_CODE, { each: true, message: 'each of regionCodes must be a region code' }),
  );
}

export class CreateNurseDto {
  @TextField({ description: 'Full name', example: 'Anna de Vries' })
  name: string;
  @CodeField({ description: 'AGB of the employing provider', example: '75123456' }, AGB, '8 digits')
  employerAgb: string;
  @QualificationsField({ description: 'Qualification codes (lower-case kebab words)', example: ['district-nurse', 'wound-care'] })
  qualifications: string[];
  @CodeField(
    {
      description:
        'BIG registration number: 11 digits. Records with the same BIG number are one person: the working-time rules count the duties of all of them',
      example: '19012345601',
      required: false,
    },
    BIG,
    '11 digits',
  )
  bigNumber?: string;
  @CodeField({ description: 'Phone number partners may call while on call', example: '+31 20 555 0101', required: false }, PHONE, 'a phone number')
  phone?: string;
  @ContractMinutesField()
  contractMinutesPerWeek?: number | null;
  @RegionCodesField()
  regionCodes?: string[] | null;
}

export class UpdateNurseDto {
  @TextField({ description: 'Full name', example: 'Anna de Vries', required: false })
  name?: string;
  @QualificationsField({ description: 'Qualification codes', example: ['district-nurse'], required: false })
  qualifications?: string[];
  @CodeField(
    {
      description:
        'BIG registration number: 11 digits. A new one joins the record to that person (records with one BIG number are one person for the working-time rules)',
      example: '19012345601',
      required: false,
    },
    BIG,
    '11 digits',
  )
  bigNumber?: string;
  @CodeField({ description: 'Phone number', example: '+31 20 555 0101', required: false }, PHONE, 'a phone number')
  phone?: string;
  @ContractMinutesField()
  contractMinutesPerWeek?: number | null;
  @RegionCodesField()
  regionCodes?: string[] | null;
}

export class ListNursesQuery {
  @CodeField({ description: 'Only nurses of this employer', example: '75123456', required: false }, AGB, '8 digits')
  employerAgb?: string;
}
