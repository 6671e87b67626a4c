import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer of GET /api/on-call, filled by onCallView. */

export class OnCallNurseResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: 'Carla Dekker' }) name: string;
  @ApiProperty({ example: '+31 6 1111 2222', nullable: true, type: String }) phone: string | null;
}

export class OnCallSlotResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '2027-03-27T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-28T07:00:00+02:00' }) end: string;
  @ApiProperty({ type: [OnCallNurseResponse] }) nurses: OnCallNurseResponse[];
}

export class OnCallPartyResponse {
  @ApiProperty({ enum: ['provider', 'consortium'], example: 'provider' }) type: 'provider' | 'consortium';
  @ApiPropertyOptional({ description: 'AGB of the provider', example: '75123456' }) agb?: string;
  @ApiPropertyOptional({ description: 'Id of the consortium', example: '01930f2e-…' }) consortiumId?: string;
  @ApiProperty({ description: 'Name of the provider or consortium', example: 'Wijkzorg Amstel' }) name: string;
}

export class OnCallContractResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ type: OnCallPartyResponse, description: 'The responsible party, with its name' }) responsibleParty: OnCallPartyResponse;
}

export class OnCallResponse {
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2027-03-28T03:30:00+02:00' }) at: string;
  @ApiProperty({ type: OnCallContractResponse, description: 'The active contract and its responsible party (with name)' }) contract: OnCallContractResponse;
  @ApiProperty({ type: [OnCallSlotResponse], description: 'Slots running at the instant; empty when none' }) slots: OnCallSlotResponse[];
}
