import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CARE_KINDS, LIGHTS } from './referral-codes.js';

const LIGHT_TEXT = 'green: 2 places or more; orange: 1; red: 0; grey: the provider has not published for longer than the region’s capacityStaleHours';

export class IntakeLineResponse {
  @ApiProperty({ description: 'Opaque id (PATCH …/intake/lines/:id); a PUT gives every line a new id', example: '0193…' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ enum: CARE_KINDS, example: 'basic' }) careKind: string;
  @ApiProperty({ description: 'PC4 codes and inclusive ranges, as published', example: ['1011', '1012-1019'], type: [String] }) postcodes: string[];
  @ApiProperty({ description: 'Places now: as published, less one for each referral accepted since', example: 2 }) places: number;
  @ApiProperty({ description: "The provider's own neighbourhood team for these postcodes", example: true }) primary: boolean;
  @ApiProperty({ enum: LIGHTS, description: LIGHT_TEXT, example: 'green' }) light: string;
  @ApiProperty({ description: 'When its places last changed (published, or a place taken by an accepted referral)', example: '2026-12-08T09:00:00+01:00' })
  updatedAt: string;
}

export class IntakeResponse {
  @ApiProperty({ example: '75123456' }) agb: string;
  @ApiProperty({ example: 'Buurtzorg Amstel' }) name: string;
  @ApiProperty({
    description: 'Where a referrer calls once placed, E.164; null until the provider first publishes',
    nullable: true,
    type: String,
    example: '+31205550123',
  })
  intakePhone: string | null;
  @ApiProperty({
    description:
      'The last publication (a PUT, or a PATCH of a line); null until the first. The lines read grey once it is older than their region’s capacityStaleHours',
    nullable: true,
    type: String,
    example: '2026-12-08T09:00:00+01:00',
  })
  publishedAt: string | null;
  @ApiProperty({ type: [IntakeLineResponse], description: 'By region, care kind, then first postcode' }) lines: IntakeLineResponse[];
}

export class LightCountsResponse {
  @ApiProperty({ example: 2 }) green: number;
  @ApiProperty({ example: 1 }) orange: number;
  @ApiProperty({ example: 0 }) red: number;
  @ApiProperty({ example: 1 }) grey: number;
}

export class CapacityLineResponse {
  @ApiProperty({ example: '0193…' }) lineId: string;
  @ApiProperty({ example: '75123456' }) agb: string;
  @ApiProperty({ example: 'Buurtzorg Amstel' }) name: string;
  @ApiProperty({ example: 2 }) places: number;
  @ApiProperty({ example: false }) primary: boolean;
  @ApiProperty({ enum: LIGHTS, description: LIGHT_TEXT, example: 'green' }) light: string;
}

export class CapacityCellResponse {
  @ApiProperty({ description: 'PC4', example: '1053' }) postcode: string;
  @ApiProperty({ enum: CARE_KINDS, example: 'basic' }) careKind: string;
  @ApiProperty({
    enum: LIGHTS,
    description:
      'The best light among the lines that cover it (green before orange before red before grey): green means at least one provider has room for two or more',
    example: 'green',
  })
  light: string;
  @ApiProperty({ type: LightCountsResponse, description: 'How many lines cover it, per light' }) counts: LightCountsResponse;
  @ApiPropertyOptional({
    type: [CapacityLineResponse],
    description:
      'The lines that cover it, best light first, then most places, then AGB. Left out for a partner, who sees the counts only, not providers’ names',
  })
  lines?: CapacityLineResponse[];
}
