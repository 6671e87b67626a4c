import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { AGB, CodeField, TextField, Optional } from '../../common/validation.js';

export class CreateConsortiumDto {
  @TextField({ description: 'Name of the consortium', example: 'Samenwerkende Thuiszorg Utrecht' })
  name: string;
  @CodeField({ description: 'AGB of the lead provider (added to the members if missing)', example: '75123456' }, AGB, '8 digits')
  leadAgb: string;
  @ApiProperty({ description: 'AGB codes of the member providers', example: ['75123456', '75234567'], type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(AGB, { each: true, message: 'each of memberAgbs must be 8 digits' })
  memberAgbs: string[];
}

export class UpdateConsortiumDto {
  @TextField({ description: 'Name of the consortium', example: 'Samenwerkende Thuiszorg Utrecht', required: false })
  name?: string;
  @ApiPropertyOptional({ description: 'AGB codes of the members (the lead stays a member)', example: ['75123456'], type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(AGB, { each: true, message: 'each of memberAgbs must be 8 digits' })
  memberAgbs?: string[];
}
