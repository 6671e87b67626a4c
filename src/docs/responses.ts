import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViolationDto } from '../common/api-error.dto.js';

/**
 * Response shapes for the OpenAPI manual. The services build these objects; the classes exist so
 * that /docs shows every field with a description and an example.
 */

export class ResponsiblePartyResponse {
  @ApiProperty({ description: 'provider or consortium', example: 'provider' })
  type: string;
  @ApiPropertyOptional({ description: 'AGB of the provider', example: '75123456' })
  agb?: string;
  @ApiPropertyOptional({ description: 'Id of the consortium', example: '01930f2e-…' })
  consortiumId?: string;
}

export class ContractResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: '3311' }) insurerUzovi: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ type: ResponsiblePartyResponse }) responsibleParty: ResponsiblePartyResponse;
  @ApiProperty({ example: '2027-01-01' }) validFrom: string;
  @ApiProperty({ description: 'Last day, inclusive; null while open-ended', example: '2027-12-31', nullable: true }) validTo: string | null;
  @ApiProperty({ description: 'Fee parts in integer cents', example: { fixedMonthlyCents: 0, perPositionHourCents: 4500, perInhabitantMonthlyCents: 0 } })
  fee: Record<string, number>;
  @ApiProperty({ description: 'Service level or null', example: { minCoveragePct: 98, deductionPerUncoveredHourCents: 6000 }, nullable: true })
  sla: Record<string, number> | null;
  @ApiProperty({ enum: ['active', 'terminated'], example: 'active' }) status: string;
}

export class CancelledAssignmentResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2027-07-10T23:00:00+02:00' }) start: string;
  @ApiProperty({ example: '2027-07-11T07:00:00+02:00' }) end: string;
}

export class TerminatedContractResponse extends ContractResponse {
  @ApiProperty({ type: [CancelledAssignmentResponse], description: 'Assignments cancelled with the removed slots' })
  cancelledAssignments: CancelledAssignmentResponse[];
}

export class SlotAssignmentResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) nurseName: string;
}

export class SlotResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: '01930f2e-…' }) templateId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ description: 'Local date on which the slot starts', example: '2027-03-27' }) localDate: string;
  @ApiProperty({ example: '2027-03-27T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-28T07:00:00+02:00' }) end: string;
  @ApiProperty({ description: 'Real elapsed minutes (420 on the spring-forward night)', example: 420 }) durationMinutes: number;
  @ApiProperty({ enum: ['shift', 'on-call'], example: 'shift' }) dutyType: string;
  @ApiProperty({ example: false }) isHoliday: boolean;
  @ApiProperty({ example: 1 }) requiredNurses: number;
  @ApiProperty({ example: ['district-nurse'] }) requiredQualifications: string[];
  @ApiProperty({ type: [SlotAssignmentResponse] }) assignments: SlotAssignmentResponse[];
  @ApiProperty({ enum: ['open', 'partial', 'covered'], example: 'covered' }) status: string;
}

export class AssignmentResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2027-03-27' }) localDate: string;
  @ApiProperty({ example: '2027-03-27T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-28T07:00:00+02:00' }) end: string;
  @ApiProperty({ example: 420 }) durationMinutes: number;
  @ApiProperty({ enum: ['shift', 'on-call'], example: 'shift' }) dutyType: string;
}

export class FeeLinesResponse {
  @ApiProperty({ example: 709677 }) fixedCents: number;
  @ApiProperty({ example: 354839 }) capitationCents: number;
  @ApiProperty({ example: 787500 }) positionHoursCents: number;
  @ApiProperty({ example: 0 }) deductionCents: number;
}

export class FeeStatementResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '3311' }) insurerUzovi: string;
  @ApiProperty({ type: ResponsiblePartyResponse }) responsibleParty: ResponsiblePartyResponse;
  @ApiProperty({ example: '2027-03' }) month: string;
  @ApiProperty({ enum: ['draft', 'final'], example: 'draft' }) status: string;
  @ApiProperty({ example: 10500 }) positionMinutes: number;
  @ApiProperty({ example: 10080 }) coveredMinutes: number;
  @ApiProperty({ description: 'Two decimals', example: 96 }) coveragePct: number;
  @ApiProperty({ type: FeeLinesResponse }) lines: FeeLinesResponse;
  @ApiProperty({ example: 1852016 }) totalCents: number;
  @ApiProperty({ example: '2027-04-01T03:00:00+02:00' }) computedAt: string;
  @ApiProperty({ example: null, nullable: true }) finalizedAt: string | null;
}

export class OnCallNurseResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: 'Carla Dekker' }) name: string;
  @ApiProperty({ example: '+31 6 1111 2222', nullable: true }) phone: string | null;
}

export class OnCallSlotResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '2027-03-27T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-28T07:00:00+02:00' }) end: string;
  @ApiProperty({ type: [OnCallNurseResponse] }) nurses: OnCallNurseResponse[];
}

export class OnCallResponse {
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2027-03-28T03:30:00+02:00' }) at: string;
  @ApiProperty({ description: 'The active contract and its responsible party (with name)', example: { id: '01930f2e-…', responsibleParty: { type: 'provider', agb: '75123456', name: 'Wijkzorg Amstel' } } })
  contract: Record<string, unknown>;
  @ApiProperty({ type: [OnCallSlotResponse], description: 'Slots running at the instant; empty when none' }) slots: OnCallSlotResponse[];
}

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

export class CandidateResponse {
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
  @ApiProperty({ example: true }) qualified: boolean;
  @ApiProperty({ type: [ViolationDto], description: 'Exactly what assigning this nurse would answer now' }) violations: ViolationDto[];
  @ApiProperty({ description: "Minutes of the nurse's assignments in the slot's month", example: 960 }) monthMinutes: number;
  @ApiProperty({ description: 'Night shifts ending after 02:00 in the 16 weeks before the slot', example: 4 }) nights16Weeks: number;
}

export class MeResponse {
  @ApiProperty({ description: 'The user id ("admin-token" for the ADMIN_TOKEN)', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'Coördinator Amsterdam' }) name: string;
  @ApiProperty({ enum: ['admin', 'coordinator', 'insurer', 'nurse'], example: 'coordinator' }) role: string;
  @ApiProperty({ description: 'Regions a coordinator plans for; empty for other roles', example: ['AMS'] }) regionCodes: string[];
  @ApiProperty({ description: 'An insurer\'s UZOVI code, else null', example: null, nullable: true, type: String }) insurerUzovi: string | null;
  @ApiProperty({ description: 'A nurse user\'s nurse record, else null', example: null, nullable: true, type: String }) nurseId: string | null;
}
