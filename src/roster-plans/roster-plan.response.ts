import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssignmentResponse } from '../assignments/assignment.response.js';

/** The answer shapes of roster plans, filled by the roster plans service's views. */

export class PlanProposalResponse {
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) nurseName: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2026-12-07' }) localDate: string;
  @ApiProperty({ example: '2026-12-07T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2026-12-08T07:00:00+01:00' }) end: string;
  @ApiProperty({ example: 480 }) durationMinutes: number;
  @ApiPropertyOptional({
    description: 'Repair plans: the existing assignment on the slot this proposal takes over (applying cancels it and assigns this nurse, as replacing does)',
    example: '01930f2e-…',
  })
  replacesAssignmentId?: string;
}

export class PlanReasonResponse {
  @ApiProperty({
    description:
      'A rule code of Assignments, or no-candidates, or contract-hours (a nurse with 0 contract hours, or one the position would take beyond her contract share plus the overtime)',
    example: 'daily-rest',
  })
  rule: string;
  @ApiProperty({ description: 'How many candidate nurses this rule excluded for the position (a nurse may count under several rules)', example: 3 })
  nurses: number;
}

export class PlanUnfilledResponse {
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2026-12-07' }) localDate: string;
  @ApiProperty({ example: '2026-12-07T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2026-12-08T07:00:00+01:00' }) end: string;
  @ApiProperty({ description: 'Nurses still missing on the slot after the plan', example: 1 }) missing: number;
  @ApiProperty({ type: [PlanReasonResponse] }) reasons: PlanReasonResponse[];
}

export class PlanSummaryResponse {
  @ApiProperty({ description: 'Positions (required nurses) of the slots in scope', example: 120 }) positions: number;
  @ApiProperty({ example: 57600 }) positionMinutes: number;
  @ApiProperty({ example: 28800 }) coveredMinutesBefore: number;
  @ApiProperty({ example: 56160 }) coveredMinutesAfter: number;
  @ApiProperty({ description: 'Proposals made (in a repair plan, hand-overs of existing assignments included)', example: 57 }) proposed: number;
  @ApiProperty({ description: 'Existing assignments the plan hands to another nurse (repair plans; else 0)', example: 0 }) changed: number;
  @ApiProperty({ description: 'Positions left open', example: 3 }) unfilled: number;
  @ApiProperty({ description: "Candidates' wishes in the period on which the plan gives them no duty", example: 12 }) wishesHonoured: number;
  @ApiProperty({ description: "Candidates' wishes in the period on which the plan gives them a duty", example: 1 }) wishesOverridden: number;
}

export class PlanNurseResponse {
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
  @ApiProperty({ nullable: true, type: 'integer', example: 1920 }) contractMinutesPerWeek: number | null;
  @ApiProperty({ description: 'Minutes of her shifts in the period before the plan (any region; on-call blocks are not working time)', example: 960 })
  minutesBefore: number;
  @ApiProperty({ description: 'Minutes of the shifts the plan gives her', example: 1920 }) minutesProposed: number;
  @ApiProperty({ example: 2 }) nightsProposed: number;
  @ApiProperty({ example: 1 }) weekendDutiesProposed: number;
  @ApiProperty({ example: 1 }) onCallBlocksProposed: number;
  @ApiProperty({
    description: 'Whole minutes of her shifts in the period beyond her contract share for it, after the plan (0 without overtimePct)',
    example: 0,
  })
  overtimeMinutes: number;
}

export class RosterPlanResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: ['unplanned-night-care', 'acute-screening', 'specialist-nursing', 'care-coordination'], isArray: true }) functions: string[];
  @ApiProperty({ enum: ['proposed', 'applied', 'discarded', 'expired'], example: 'proposed' }) status: 'proposed' | 'applied' | 'discarded' | 'expired';
  @ApiProperty({ example: '2026-11-23T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ example: '2026-11-24T10:00:00+01:00' }) expiresAt: string;
  @ApiProperty({ description: 'The overtime the plan was made with, in percent', example: 0 }) overtimePct: number;
  @ApiProperty({ description: 'Whether it is a repair plan', example: false }) repair: boolean;
  @ApiProperty({ type: [PlanProposalResponse] }) proposals: PlanProposalResponse[];
  @ApiProperty({ type: [PlanUnfilledResponse] }) unfilled: PlanUnfilledResponse[];
  @ApiProperty({ type: PlanSummaryResponse }) summary: PlanSummaryResponse;
  @ApiProperty({ type: [PlanNurseResponse] }) nurses: PlanNurseResponse[];
}

export class AppliedPlanResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ enum: ['applied'], example: 'applied' }) status: 'applied';
  @ApiProperty({ type: [AssignmentResponse], description: 'The assignments made, one per proposal' }) created: AssignmentResponse[];
  @ApiProperty({ type: [String], description: 'The assignments cancelled because a proposal took them over (repair plans; else empty)', example: [] })
  cancelled: string[];
}
