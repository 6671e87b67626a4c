import { ApiProperty } from '@nestjs/swagger';
import { ResponsiblePartyResponse } from '../contracts/contract.response.js';

/** The answer shape of a fee statement, filled by statementView. */

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
  @ApiProperty({ enum: ['draft', 'final'], example: 'draft' }) status: 'draft' | 'final';
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
