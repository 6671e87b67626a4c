import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViolationDto, WarningDto } from '../common/api-error.dto.js';
import { ABSENCE_REASONS, type AbsenceReason, OFFER_STATUSES, type OfferStatus, RULE_CODES, type RuleCode } from '../common/codes.js';

/**
 * Response shapes for the OpenAPI manual. The services build these objects; the classes exist so
 * that /docs shows every field with a description and an example.
 */

export class ResponsiblePartyResponse {
  @ApiProperty({ description: 'provider or consortium', enum: ['provider', 'consortium'], example: 'provider' })
  type: string;
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

/** The answer to an assignment by hand: the assignment, and what the coordinator should know about it. */
export class CreatedAssignmentResponse extends AssignmentResponse {
  @ApiProperty({
    type: [WarningDto],
    description:
      "Made all the same, but worth knowing: contract-hours when the nurse's shifts in the slot's calendar week (Monday–Sunday, by local date, this nurse record's in every region) come to more than her contractMinutesPerWeek (2160 when not set). Empty when there is nothing to say.",
  })
  warnings: WarningDto[];
}

export class ReplacedAssignmentResponse {
  @ApiProperty({ description: 'Id of the assignment that was replaced', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'The nurse who was on the slot', example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ enum: ['cancelled'], example: 'cancelled' }) status: string;
}

export class ReplaceAssignmentResponse {
  @ApiProperty({ type: AssignmentResponse, description: 'The new assignment, as POST /api/slots/:id/assignments answers it' })
  assignment: AssignmentResponse;
  @ApiProperty({ type: ReplacedAssignmentResponse }) replaced: ReplacedAssignmentResponse;
  @ApiProperty({ type: [WarningDto], description: 'As POST /api/slots/:id/assignments warns about the new nurse (contract-hours); empty when nothing to say' })
  warnings: WarningDto[];
}

export class FeeLinesResponse {
  @ApiProperty({ example: 709677 }) fixedCents: number;
  @ApiProperty({ example: 354839 }) capitationCents: number;
  @ApiProperty({ example: 787500 }) positionHoursCents: number;
  @ApiProperty({ example: 0 }) deductionCents: number;
}

export class StatementFinalizedByResponse {
  @ApiProperty({
    description: 'The user who finalized the statement ("admin-token" for the environment\'s admin token)',
    example: '019a9f3c-5b7e-7c41-9d2a-3f6b1e0c8a77',
  })
  userId: string;
  @ApiProperty({ description: "The user's name as stored when finalizing", example: 'J. de Vries (Zilveren Kruis)' }) name: string;
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
  @ApiProperty({ description: 'When the statement was finalized; null while a draft', example: null, nullable: true, type: String }) finalizedAt: string | null;
  @ApiProperty({
    type: StatementFinalizedByResponse,
    nullable: true,
    description: 'Who finalized it (the name the user had then); null while a draft, and for statements finalized before this was recorded',
  })
  finalizedBy: StatementFinalizedByResponse | null;
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
  @ApiProperty({
    description: 'The active contract and its responsible party (with name)',
    example: { id: '01930f2e-…', responsibleParty: { type: 'provider', agb: '75123456', name: 'Wijkzorg Amstel' } },
  })
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

export class MeResponse {
  @ApiProperty({ description: 'The user id ("admin-token" for the ADMIN_TOKEN)', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'Coördinator Amsterdam' }) name: string;
  @ApiProperty({ enum: ['admin', 'coordinator', 'insurer', 'nurse'], example: 'coordinator' }) role: string;
  @ApiProperty({ description: 'Regions a coordinator plans for; empty for other roles', example: ['AMS'] }) regionCodes: string[];
  @ApiProperty({ description: "An insurer's UZOVI code, else null", example: null, nullable: true, type: String }) insurerUzovi: string | null;
  @ApiProperty({ description: "A nurse user's nurse record, else null", example: null, nullable: true, type: String }) nurseId: string | null;
  @ApiPropertyOptional({
    description: 'Only when signed in by session cookie: the value to send in the X-CSRF-Token header with every request other than GET and HEAD',
    example: 'p0Vb3m0l9r5bq3m1rA1V8w2m2Y1c1lQ0m4Jm5v8h2aE',
  })
  csrfToken?: string;
}

export class SignInProviderResponse {
  @ApiProperty({ description: 'Used in /auth/login/{name}', example: 'entra' }) name: string;
  @ApiProperty({ description: 'Shown on the sign-in button', example: 'Zorggroep Amstel (Microsoft)' }) label: string;
}

export class SessionStateResponse {
  @ApiProperty({ description: 'Whether the request carries the cookie of a live session (then GET /api/me answers the person)', example: false })
  signedIn: boolean;
}

export class SignInLinkResponse {
  @ApiProperty({
    description: 'Open on the phone (or show as a QR code); shown once',
    example: 'https://wijkwacht.example.nl/auth/link/Jx3x9k2W0n1c8P6r5T4q7Y2m1B0v9Z8a7S6d5F4g3H2',
  })
  url: string;
  @ApiProperty({ description: '15 minutes after creation', example: '2026-11-23T10:15:00+01:00' }) expiresAt: string;
}

export class SessionResponse {
  @ApiProperty({ example: '019a4f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({
    enum: ['oidc', 'device'],
    description: 'oidc: signed in through an identity provider; device: a phone signed in with a one-time link',
    example: 'oidc',
  })
  kind: string;
  @ApiProperty({ example: '2026-11-23T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ description: 'Recorded to the minute', example: '2026-11-23T11:30:00+01:00' }) lastUsedAt: string;
  @ApiProperty({ description: 'When the session ends unless it is used again', example: '2026-11-23T23:30:00+01:00' }) expiresAt: string;
  @ApiProperty({
    description: 'The browser at sign-in, as it named itself',
    example: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
    nullable: true,
    type: String,
  })
  userAgent: string | null;
  @ApiProperty({ description: 'True for the session of this request', example: true }) current: boolean;
}

export class InsurerResponse {
  @ApiProperty({ description: 'UZOVI code: 4 digits', example: '3311' }) uzovi: string;
  @ApiProperty({ description: 'Name of the insurer', example: 'Zilveren Kruis' }) name: string;
}

export class RegionResponse {
  @ApiProperty({ description: 'Region code', example: 'AMS' }) code: string;
  @ApiProperty({ description: 'Name of the region', example: 'Amsterdam-Amstelland' }) name: string;
  @ApiProperty({ description: 'Inhabitants, for per-inhabitant fees', example: 1_050_000 }) population: number;
  @ApiProperty({ description: 'UZOVI of the preferred insurer, the only one that may contract here', example: '3311' }) preferredInsurerUzovi: string;
  @ApiProperty({ description: "IANA time zone in which the region's dates and times are read", example: 'Europe/Amsterdam' }) timezone: string;
  @ApiProperty({ description: 'Whether an accepted shift offer is approved at once when the taker breaks no rule', example: false }) autoApproveOffers: boolean;
  @ApiProperty({
    description: "The phone number of the region's coordination desk in E.164, shown in the nurses' calendar feeds; null when not set",
    example: '+31201234567',
    nullable: true,
    type: String,
  })
  coordinatorPhone: string | null;
}

export class ProviderResponse {
  @ApiProperty({ description: 'AGB code of the provider: 8 digits', example: '75123456' }) agb: string;
  @ApiProperty({ description: 'Name of the provider', example: 'Buurtzorg Amstel' }) name: string;
  @ApiPropertyOptional({
    description: "Where the responsible party's pages of acute requests are POSTed, signed (null: no webhook)",
    example: 'https://planning.example.nl/wijkwacht/pages',
    nullable: true,
    type: String,
  })
  pagingWebhookUrl?: string | null;
  @ApiPropertyOptional({
    description: 'The HMAC-SHA256 key of the paging webhook: only in the answer of the PATCH that set the URL, never again',
    example: '4f9c…',
  })
  pagingWebhookSecret?: string;
}

export class ConsortiumResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'Name of the consortium', example: 'Samenwerkende Thuiszorg Utrecht' }) name: string;
  @ApiProperty({ description: 'AGB of the lead provider', example: '75123456' }) leadAgb: string;
  @ApiProperty({ description: 'AGB codes of the member providers (the lead among them)', example: ['75123456', '75234567'], type: [String] })
  memberAgbs: string[];
}

export class NurseResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'Full name', example: 'Anna de Vries' }) name: string;
  @ApiProperty({ description: 'AGB of the employing provider', example: '75123456' }) employerAgb: string;
  @ApiProperty({ description: 'Qualification codes', example: ['district-nurse', 'wound-care'], type: [String] }) qualifications: string[];
  @ApiProperty({ description: 'BIG registration number, or null', example: '19012345601', nullable: true, type: String }) bigNumber: string | null;
  @ApiProperty({ description: 'Phone number partners may call while on call, or null', example: '+31 20 555 0101', nullable: true, type: String }) phone:
    string | null;
  @ApiProperty({
    description:
      'Contract hours per week in minutes, or null (counts as 2160): plans keep within it, an assignment by hand beyond it in a week carries a contract-hours warning',
    example: 1920,
    nullable: true,
    type: 'integer',
  })
  contractMinutesPerWeek: number | null;
  @ApiProperty({
    description:
      'The regions the nurse works in, sorted, which roster plans draw their candidates by; null: every region where her employer is a responsible party of a contract (the default)',
    example: ['AMS'],
    nullable: true,
    type: [String],
  })
  regionCodes: string[] | null;
}

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

export class OfferResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'The assignment offered', example: '01930f2e-…' }) assignmentId: string;
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ description: 'The nurse who offers the shift', example: '01930f2e-…' }) fromNurseId: string;
  @ApiProperty({ description: 'The colleague it is offered to; null when offered to anyone who could take it', example: null, nullable: true, type: String })
  toNurseId: string | null;
  @ApiProperty({ description: 'The nurse who accepted it; null until then', example: null, nullable: true, type: String }) takerNurseId: string | null;
  @ApiProperty({ description: 'open → accepted → approved, or rejected, withdrawn, cancelled', enum: OFFER_STATUSES, example: 'open' })
  status: OfferStatus;
  @ApiProperty({ description: "The taker's assignment once approved, else null", example: null, nullable: true, type: String }) newAssignmentId: string | null;
  @ApiProperty({ example: '2027-03-01T10:15:00+01:00' }) createdAt: string;
  @ApiProperty({ example: '2027-03-01T10:15:00+01:00' }) updatedAt: string;
}

export class OfferAcceptResponse extends OfferResponse {
  @ApiProperty({
    type: [ViolationDto],
    description:
      'The rules the taker breaks by taking the shift, judged at once. Only ever non-empty on an offer to a named colleague, who may accept all the same (the coordinator then decides, and no automatic approval happens); an offer to anyone is refused with 422 instead.',
  })
  violations: ViolationDto[];
  @ApiProperty({
    type: [WarningDto],
    description: 'Where the offer was approved at once (autoApproveOffers): as an approval warns (contract-hours); else empty',
  })
  warnings: WarningDto[];
}

export class OfferApproveResponse extends OfferResponse {
  @ApiProperty({
    type: [WarningDto],
    description: "An approval is an assignment by hand: contract-hours when it takes the taker beyond her contract hours in the shift's week; else empty",
  })
  warnings: WarningDto[];
}

export class OfferListEntryResponse extends OfferResponse {
  @ApiProperty({ description: 'Function of the shift; null if its slot is gone', example: 'unplanned-night-care', nullable: true, type: String }) function:
    string | null;
  @ApiProperty({ description: 'Local date on which the shift starts', example: '2027-03-10', nullable: true, type: String }) localDate: string | null;
  @ApiProperty({ description: "Start of the shift in the region's offset", example: '2027-03-10T23:00:00+01:00', nullable: true, type: String }) start:
    string | null;
  @ApiProperty({ description: "End of the shift in the region's offset", example: '2027-03-11T07:00:00+01:00', nullable: true, type: String }) end:
    string | null;
  @ApiProperty({ example: 'Anna de Vries', nullable: true, type: String }) fromNurseName: string | null;
  @ApiProperty({ description: 'Null when the offer names no colleague', example: null, nullable: true, type: String }) toNurseName: string | null;
  @ApiProperty({ description: 'Null until a nurse accepts', example: null, nullable: true, type: String }) takerNurseName: string | null;
}

export class AbsenceResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ description: 'First local date of the absence', example: '2027-03-01' }) from: string;
  @ApiProperty({ description: 'Last local date of the absence, inclusive', example: '2027-03-07' }) to: string;
  @ApiProperty({ description: 'A code only, never medical detail', enum: ABSENCE_REASONS, example: 'leave' })
  reason: AbsenceReason;
}

export class RecordedAbsenceResponse extends AbsenceResponse {
  @ApiProperty({ type: [CancelledAssignmentResponse], description: "The nurse's assignments inside the absence that were cancelled, in the caller's regions" })
  cancelledAssignments: CancelledAssignmentResponse[];
  @ApiProperty({ description: 'Assignments cancelled in regions the caller does not coordinate (counted, not shown)', example: 0 })
  cancelledElsewhere: number;
}

export class CalendarFeedResponse {
  @ApiProperty({ description: 'Path of the private iCalendar feed; the secret in it is the key', example: '/api/calendar/3f9c…e1.ics' }) url: string;
}

export class WishResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ description: 'Local date on which the nurse would rather not start a duty', example: '2026-12-24' }) date: string;
  @ApiProperty({ enum: ['rather-not'], example: 'rather-not' }) kind: string;
}

export class PlanProposalResponse {
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) nurseName: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2026-12-07' }) localDate: string;
  @ApiProperty({ example: '2026-12-07T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2026-12-08T07:00:00+01:00' }) end: string;
  @ApiProperty({ example: 480 }) durationMinutes: number;
}

export class PlanReasonResponse {
  @ApiProperty({ description: 'A rule code of Assignments, or no-candidates, or contract-hours (a nurse with 0 contract hours)', example: 'daily-rest' })
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
  @ApiProperty({ description: 'Proposals made', example: 57 }) proposed: number;
  @ApiProperty({ description: 'Positions left open', example: 3 }) unfilled: number;
  @ApiProperty({ description: "Candidates' wishes in the period on which the plan gives them no duty", example: 12 }) wishesHonoured: number;
  @ApiProperty({ description: "Candidates' wishes in the period on which the plan gives them a duty", example: 1 }) wishesOverridden: number;
}

export class PlanNurseResponse {
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
  @ApiProperty({ nullable: true, type: 'integer', example: 1920 }) contractMinutesPerWeek: number | null;
  @ApiProperty({ description: 'Minutes of her duties in the period before the plan (any region)', example: 960 }) minutesBefore: number;
  @ApiProperty({ example: 1920 }) minutesProposed: number;
  @ApiProperty({ example: 2 }) nightsProposed: number;
  @ApiProperty({ example: 1 }) weekendDutiesProposed: number;
}

export class RosterPlanResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: ['unplanned-night-care', 'acute-screening', 'specialist-nursing', 'care-coordination'], isArray: true }) functions: string[];
  @ApiProperty({ enum: ['proposed', 'applied', 'discarded', 'expired'], example: 'proposed' }) status: string;
  @ApiProperty({ example: '2026-11-23T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ example: '2026-11-24T10:00:00+01:00' }) expiresAt: string;
  @ApiProperty({ type: [PlanProposalResponse] }) proposals: PlanProposalResponse[];
  @ApiProperty({ type: [PlanUnfilledResponse] }) unfilled: PlanUnfilledResponse[];
  @ApiProperty({ type: PlanSummaryResponse }) summary: PlanSummaryResponse;
  @ApiProperty({ type: [PlanNurseResponse] }) nurses: PlanNurseResponse[];
}

export class AppliedPlanResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ enum: ['applied'], example: 'applied' }) status: string;
  @ApiProperty({ type: [AssignmentResponse], description: 'The assignments made, one per proposal' }) created: AssignmentResponse[];
}
