import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { REGION_CODE, TextField, UZOVI, Optional } from '../../common/validation.js';
import { ROLES, type Role } from '../../common/principal.js';

export class CreateUserDto {
  @TextField({ description: 'Name of the person or system the token is for', example: 'Coördinator Amsterdam' })
  name: string;
  @ApiProperty({ description: 'Role', enum: ROLES, example: 'coordinator' })
  @IsIn(ROLES)
  role: Role;
  @ApiPropertyOptional({
    description: 'Coordinator: the regions it plans; partner: the regions it may raise acute requests in',
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
}
