import { ApiProperty } from '@nestjs/swagger';

/** The answer shape of a gap alert, filled by alertView. */

export class AlertResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'The slot that is short of nurses', example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ description: "Start of the slot in the region's offset", example: '2027-03-10T23:00:00+01:00' }) start: string;
  @ApiProperty({ description: "End of the slot in the region's offset", example: '2027-03-11T07:00:00+01:00' }) end: string;
  @ApiProperty({ description: 'Nurses missing when the alert was raised', example: 1 }) missing: number;
  @ApiProperty({ description: 'open until the slot is covered (or gone)', enum: ['open', 'resolved'], example: 'open' }) status: 'open' | 'resolved';
  @ApiProperty({ example: '2027-03-08T02:00:00+01:00' }) createdAt: string;
  @ApiProperty({ description: 'When the gap was closed; null while open', example: null, nullable: true, type: String }) resolvedAt: string | null;
}
