import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../common/validation.js';

export class ListCandidatesQuery {
  @ApiPropertyOptional({
    description:
      'An active assignment of this slot about to be replaced (POST /api/assignments/:id/replace): its place counts as free, so the answer is what replacing it by each candidate would meet',
    example: '01930f2e-…',
  })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  replacing?: string;
}
