import { ApiProperty } from '@nestjs/swagger';
import { ViolationDto } from '../common/api-error.dto.js';
import { RULE_CODES, type RuleCode } from '../common/codes.js';

/** The answers of the candidate lists, filled by the candidates service's views. */

export class CandidateResponse {
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
  @ApiProperty({ example: true }) qualified: boolean;
  @ApiProperty({ type: [ViolationDto], description: 'Exactly what assigning this nurse would answer now' }) violations: ViolationDto[];
  @ApiProperty({ description: "Minutes of the nurse's assignments in the slot's month", example: 960 }) monthMinutes: number;
  @ApiProperty({ description: 'Night shifts ending after 02:00 in the 16 weeks before the slot', example: 4 }) nights16Weeks: number;
}

export class OfferCandidateResponse {
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Bram Jansen' }) name: string;
  @ApiProperty({
    description:
      'The colleague has the qualifications the duty needs (working-time rules, overlaps and absences are not judged here: they would reveal her own roster)',
    example: true,
  })
  fits: boolean;
  @ApiProperty({
    description: "`qualification` when she lacks one the duty needs, else empty; nothing of the colleague's own roster",
    enum: RULE_CODES,
    enumName: 'RuleCode',
    isArray: true,
    example: [],
  })
  rules: RuleCode[];
}
