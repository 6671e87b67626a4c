import { ApiProperty } from '@nestjs/swagger';

/** The answer shape of a wish, filled by wishView. */

export class WishResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ description: 'Local date on which the nurse would rather not start a duty', example: '2026-12-24' }) date: string;
  @ApiProperty({ enum: ['rather-not'], example: 'rather-not' }) kind: string;
}
