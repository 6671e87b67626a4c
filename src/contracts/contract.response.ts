import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer shapes of contracts, filled by contract-view.ts. */

export class ResponsiblePartyResponse {
  @ApiProperty({ description: 'provider or consortium', enum: ['provider', 'consortium'], example: 'provider' })
  type: 'provider' | 'consortium';
  @ApiPropertyOptional({ description: 'AGB of the provider', example: '75123456' })
  agb?: string;
  @ApiPropertyOptional({ description: 'Id of the consortium', example: '01930f2e-…' })
  consortiumId?: string;
}

export class FeeResponse {
  @ApiProperty({ description: 'Fixed amount per month', example: 0 }) fixedMonthlyCents: number;
  @ApiProperty({ description: 'Amount per position-hour', example: 4500 }) perPositionHourCents: number;
  @ApiProperty({ description: 'Amount per inhabitant of the region per month', example: 0 }) perInhabitantMonthlyCents: number;
}

export class SlaResponse {
  @ApiProperty({
    description: 'Coverage the responsible party promises, in percent (two decimals); null when the SLA sets no minimum (nothing is deducted)',
    example: 98,
    nullable: true,
    type: Number,
  })
  minCoveragePct: number | null;
  @ApiProperty({ description: 'Deducted per uncovered position-hour below that level', example: 6000 }) deductionPerUncoveredHourCents: number;
  @ApiProperty({ description: 'Minutes within which a page of an acute request must be acknowledged (default 10)', example: 10 }) ackMinutes: number;
}

export class ContractResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: '3311' }) insurerUzovi: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ type: ResponsiblePartyResponse }) responsibleParty: ResponsiblePartyResponse;
  @ApiProperty({ example: '2027-01-01' }) validFrom: string;
  @ApiProperty({ description: 'Last day, inclusive; null while open-ended', example: '2027-12-31', nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ type: FeeResponse, description: 'Fee parts in integer cents' })
  fee: FeeResponse;
  @ApiProperty({ type: SlaResponse, description: 'Service level, or null when the contract has none', nullable: true })
  sla: SlaResponse | null;
  @ApiProperty({ enum: ['active', 'terminated'], example: 'active' }) status: 'active' | 'terminated';
}
