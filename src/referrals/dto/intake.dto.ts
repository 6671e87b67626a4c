import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsObject, IsString, ValidateBy, ValidateNested } from 'class-validator';
import { phoneE164 } from '../../common/phone.js';
import { CodeField, IntField, Optional, REGION_CODE } from '../../common/validation.js';
import { parseEntry, PC4 } from '../postcodes.js';
import { CARE_KINDS, type CareKind } from '../referral-codes.js';

/** Lines one provider may publish at once, and PC4 entries on one line. */
export const MAX_INTAKE_LINES = 500;
export const MAX_LINE_POSTCODES = 200;

export class IntakeLineDto {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiProperty({ description: 'The kind of care this line offers', enum: CARE_KINDS, example: 'basic' })
  @IsIn(CARE_KINDS)
  careKind: CareKind;
  @ApiProperty({
    description: `PC4 areas covered: codes ("1011") and inclusive ranges ("1012-1019"), 1000–9999, at most ${MAX_LINE_POSTCODES} entries. A provider's lines of one region and care kind may not share a PC4 (422 intake-overlap).`,
    example: ['1011', '1012-1019'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_LINE_POSTCODES)
  @IsString({ each: true })
  @ValidateBy(
    { name: 'isPc4Entry', validator: { validate: (v: unknown) => typeof v === 'string' && parseEntry(v) !== null } },
    { each: true, message: 'each of postcodes must be a PC4 (1000–9999) or a range such as 1012-1019, the first not after the second' },
  )
  postcodes: string[];
  @IntField({ description: 'How many new clients of this kind the provider can start within 48 h (0–99)', example: 2 }, 0, 99)
  places: number;
  @ApiPropertyOptional({ description: "The provider's own neighbourhood team for these postcodes (ranked first); default false", example: true })
  @Optional()
  @IsBoolean()
  primary?: boolean;
}

/** A phone number people can call: Dutch (020 123 4567) or international; answered in E.164. */
function CallablePhone() {
  return ValidateBy({
    name: 'isPhoneNumber',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && phoneE164(v) !== null,
      defaultMessage: () => '$property must be a phone number that can be called: Dutch (020 123 4567) or international with its country code',
    },
  });
}

export class PutIntakeDto {
  @ApiProperty({
    description: "The number a referrer calls once the provider accepted (the provider's intake desk): Dutch or international; answered in E.164",
    example: '020 555 0123',
  })
  @IsString()
  @CallablePhone()
  intakePhone: string;
  @ApiProperty({ description: `Every intake line of the provider (at most ${MAX_INTAKE_LINES}); the lines not listed are removed`, type: [IntakeLineDto] })
  @IsArray()
  @ArrayMaxSize(MAX_INTAKE_LINES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IntakeLineDto)
  lines: IntakeLineDto[];
}

export class PatchIntakeLineDto {
  @IntField({ description: 'Places on this line now (0–99)', example: 1 }, 0, 99)
  places: number;
}

export class CapacityQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiPropertyOptional({ description: 'Only this care kind', enum: CARE_KINDS })
  @Optional()
  @IsIn(CARE_KINDS)
  careKind?: CareKind;
  @CodeField({ description: 'Only this PC4', example: '1053', required: false }, PC4, 'a PC4: four digits, 1000–9999')
  postcode?: string;
}
