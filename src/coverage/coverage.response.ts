import { ApiProperty } from '@nestjs/swagger';

/** The answer of GET /api/coverage, one per contract. */

export class OpenSlotResponse {
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '2027-03-10T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-11T07:00:00+01:00' }) end: string;
  @ApiProperty({ description: 'Nurses still missing', example: 1 }) missing: number;
}

export class CoverageResponse {
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: 10500 }) positionMinutes: number;
  @ApiProperty({ example: 420 }) coveredMinutes: number;
  @ApiProperty({ example: 10080 }) uncoveredMinutes: number;
  @ApiProperty({ example: 4 }) coveragePct: number;
  @ApiProperty({ type: [OpenSlotResponse] }) openSlots: OpenSlotResponse[];
}
