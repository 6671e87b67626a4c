import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEmail, IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { AGB, REGION_CODE, TextField, UZOVI, Optional } from '../../common/validation.js';
import { ROLES, type Role } from '../../common/principal.js';

/** An e-mail address as a person's identity provider states it; compared lower-cased. */
function EmailField(nullable: boolean) {
  return applyDecorators(
    ApiPropertyOptional({
      description: `E-mail address the person signs in with through the identity provider (unique, stored lower-cased)${nullable ? '; null removes it' : ''}`,
      example: 'j.jansen@zorgorganisatie.nl',
      maxLength: 254,
      nullable,
      type: String,
    }),
    ValidateIf((_o: object, v: unknown) => v !== undefined && !(nullable && v === null)),
    IsString(),
    MaxLength(254),
    IsEmail({ allow_display_name: false, allow_ip_domain: false }, { message: 'email must be an e-mail address' }),
  );
}

export class CreateUserDto {
  @TextField({ description: 'Name of the person or system the token is for', example: 'Coördinator Amsterdam' })
  name: string;
  @ApiProperty({ description: 'Role', enum: ROLES, example: 'coordinator' })
  @IsIn(ROLES)
  role: Role;
  @ApiPropertyOptional({
    description: 'Coordinator: the regions it plans; partner: the regions it may raise acute requests and referrals in',
    example: ['AMS'],
    type: [String],
  })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @Matches(REGION_CODE, { each: true, message: 'each of regionCodes must be a region code' })
  regionCodes?: string[];
  @ApiPropertyOptional({ description: 'Insurer: its UZOVI code', example: '3311' })
  @Optional()
  @Matches(UZOVI, { message: 'insurerUzovi must be 4 digits' })
  insurerUzovi?: string;
  @ApiPropertyOptional({ description: 'Nurse: its nurse id', example: 'a1b2c3d4-...' })
  @Optional()
  @IsString()
  @MaxLength(64)
  nurseId?: string;
  @ApiPropertyOptional({
    description: 'Provider user: the AGB code of the provider it acts for (publishes its intake capacity, answers its referral offers)',
    example: '75123456',
  })
  @Optional()
  @Matches(AGB, { message: 'providerAgb must be 8 digits' })
  providerAgb?: string;
  @EmailField(false)
  email?: string;
}

export class UpdateUserDto {
  @TextField({ description: 'Name of the person or system', example: 'Coördinator Amsterdam', required: false })
  name?: string;
  @EmailField(true)
  email?: string | null;
}
